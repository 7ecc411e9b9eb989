package timeline

import (
	"math"
	"time"

	"fyne.io/fyne/v2"
)

// minBarWidth keeps short deployments visible and grabbable at coarse zoom.
const minBarWidth = 4

// barInset is the vertical space between a row's edge and its bars.
const barInset = 5

// geometry is a snapshot of where everything is: the pure input of drawing and hit testing.
type geometry struct {
	width, height           float32
	labelW                  float32
	majorH, minorH, eventsH float32 // header strips, top to bottom
	rows                    rowGeometry
	scale                   scale
	now                     time.Time
}

// newGeometry derives strip and row heights from the theme's text sizes.
func newGeometry(size fyne.Size, labelW, textSize, captionSize float32, s scale, scrollY float32, now time.Time) geometry {
	g := geometry{
		width: size.Width, height: size.Height, labelW: labelW,
		majorH:  float32(math.Ceil(float64(textSize + 10))),
		minorH:  float32(math.Ceil(float64(captionSize + 8))),
		eventsH: float32(math.Ceil(float64(captionSize + 8))),
		scale:   s,
		now:     now,
	}
	g.rows = rowGeometry{top: g.headerH(), lineH: float32(math.Ceil(float64(textSize * 2))), scrollY: scrollY}
	return g
}

// headerH is the height of the time axis header.
func (g geometry) headerH() float32 { return g.majorH + g.minorH + g.eventsH }

// chartW is the width of the scrolling chart area right of the label column.
func (g geometry) chartW() float32 { return max(0, g.width-g.labelW) }

// xOf returns the widget x of an instant.
func (g geometry) xOf(t time.Time) float32 { return g.labelW + float32(g.scale.x(t)) }

// timeAt returns the instant at widget x.
func (g geometry) timeAt(x float32) time.Time { return g.scale.at(float64(x - g.labelW)) }

// visibleTimes is the time range shown by the chart area.
func (g geometry) visibleTimes() (time.Time, time.Time) {
	return g.scale.origin, g.scale.at(float64(g.chartW()))
}

// spanBox returns the unclipped rectangle of a time window in a lane of line i.
func (g geometry) spanBox(i int, from, to time.Time, lane, lanes uint8) (x0, y0, x1, y1 float32) {
	return boxOf(g.xOf(from), g.xOf(to), g.rows.y(i), g.rows.lineH, lane, lanes)
}

// laneBounds returns the top and height of a lane in a line starting at top.
func laneBounds(top, lineH float32, lane, lanes uint8) (float32, float32) {
	inner := lineH - 2*barInset
	h := inner / float32(max(lanes, 1))
	return top + barInset + float32(lane)*h, h - 1
}

// boxOf returns the rectangle of a bar from x0 to x1 in a lane of a line
// starting at top, at least minBarWidth wide. The view and the tiles share it.
func boxOf(x0, x1, top, lineH float32, lane, lanes uint8) (float32, float32, float32, float32) {
	if x1-x0 < minBarWidth {
		x1 = x0 + minBarWidth
	}
	y0, h := laneBounds(top, lineH, lane, lanes)
	return x0, y0, x1, y0 + h
}

type hitKind uint8

const (
	hitNone   hitKind = iota // outside everything, e.g. below the last row
	hitHeader                // the time axis
	hitGroup                 // a product group header line
	hitRow                   // a release line, not on a bar
	hitBar                   // a deployment bar
)

// hit says what is under a point; line, row and bar are -1 when not applicable.
type hit struct {
	kind hitKind
	line int
	row  int
	bar  int
}

// noHit is the hit of nothing at all.
var noHit = hit{kind: hitNone, line: -1, row: -1, bar: -1}

// hitTest finds what is at p, checking bars top-most first and allowing a
// little slack around thin bars so they can be grabbed.
func hitTest(g geometry, p fyne.Position, lines []line, ix *index) hit {
	if p.X < 0 || p.Y < 0 || p.X >= g.width || p.Y >= g.height {
		return noHit
	}
	if p.Y < g.headerH() {
		h := noHit
		h.kind = hitHeader
		return h
	}
	i := g.rows.lineAt(p.Y)
	if i < 0 || i >= len(lines) {
		return noHit
	}
	ln := lines[i]
	if ln.kind == lineGroup {
		return hit{kind: hitGroup, line: i, row: -1, bar: -1}
	}
	h := hit{kind: hitRow, line: i, row: int(ln.row), bar: -1}
	if p.X < g.labelW {
		return h
	}
	const slack = 2
	ri := &ix.rows[ln.row]
	at := g.timeAt(p.X)
	pad := g.scale.duration(minBarWidth + slack)
	spans := ri.visibleSpans(at.Add(-pad), at.Add(pad))
	for k := len(spans) - 1; k >= 0; k-- {
		s := spans[k]
		x0, y0, x1, y1 := g.spanBox(i, s.from, s.to, s.lane, ri.lanes)
		if p.X >= x0-slack && p.X <= x1+slack && p.Y >= y0-slack && p.Y <= y1+slack {
			h.kind, h.bar = hitBar, int(s.bar)
			return h
		}
	}
	return h
}
