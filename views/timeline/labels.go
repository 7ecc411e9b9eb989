package timeline

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
)

// Most labels are painted into the cached tiles of the label column and, for
// labels on a bar, into the bar strips rather than shown as canvas texts: on
// software OpenGL a text costs a measurement, a texture lookup and a draw
// call every frame, and the label column's texts were the largest part of a
// scrolling frame. A label whose runes the theme font lacks is still a
// canvas.Text, drawn live in the same place. Labels after a bar stay canvas
// texts: they are shown only when wholly in view, which a strip cannot do.

// textSink receives the texts a layout places, at their top-left.
type textSink interface {
	text(s string, x, y float32, sz fyne.Size, size float32, c color.Color, bold bool)
}

// paintedTexts paints the texts the glyphs support into a pixmap.
type paintedTexts struct {
	g  *glyphs
	pm *pixmap
}

func (p *paintedTexts) text(s string, x, y float32, _ fyne.Size, size float32, c color.Color, bold bool) {
	if p.g.supports(s, bold) {
		p.g.draw(p.pm, s, x, y, size, c, bold)
	}
}

// fallbackTexts draws as canvas texts only those the glyphs cannot paint.
type fallbackTexts struct {
	g *glyphs
	l *layer
}

func (f *fallbackTexts) text(s string, x, y float32, sz fyne.Size, size float32, c color.Color, bold bool) {
	if !f.g.supports(s, bold) {
		f.l.text(s, x, y, sz, size, c, bold)
	}
}

// unclipped lifts the renderer's text clipping while painting a strip or a
// tile, whose own bounds clip; it returns the function that restores it.
func (r *renderer) unclipped() func() {
	top, bottom := r.clipTop, r.clipBottom
	r.clipTop, r.clipBottom = float32(math.Inf(-1)), float32(math.Inf(1))
	return func() { r.clipTop, r.clipBottom = top, bottom }
}

// labelTileLines is how many lines of the label column one tile holds.
const labelTileLines = 8

// placeLabelTiles shows the tiles of the label column that hold the visible
// lines; oy is the plane y of the chart's top.
func (r *renderer) placeLabelTiles(g geometry, first, last int, oy float32) {
	if first >= last {
		return
	}
	h := labelTileLines * g.rows.lineH
	t0, t1 := first/labelTileLines, (last-1)/labelTileLines
	for k := t0; k <= t1; k++ {
		r.tiles.claim(stripKey{row: int32(k)})
	}
	for k := t0; k <= t1; k++ {
		r.tiles.place(stripKey{row: int32(k)}, stripSpan{0, g.labelW}, 0, float32(k)*h-oy, h)
	}
}

// paintLabelTile paints the texts of the lines of one label column tile.
func (r *renderer) paintLabelTile(pm *pixmap, st *strip) {
	defer r.unclipped()()
	first := int(st.key.row) * labelTileLines
	last := min(first+labelTileLines, len(r.t.lines))
	sink := &paintedTexts{&r.glyphs, pm}
	for i := first; i < last; i++ {
		r.labelTexts(sink, i, float32(i-first)*r.plane.lineH, st.span.x1, r.plane.lineH)
	}
}

// linePainted reports whether the glyphs can paint every text of line i,
// so that the live pass has nothing to draw for it. It is worked out once
// per line while the data stays the same.
func (r *renderer) linePainted(i int) bool {
	if len(r.painted) != len(r.t.lines) {
		r.painted = make([]int8, len(r.t.lines))
	}
	if r.painted[i] == 0 {
		r.painted[i] = -1
		if r.lineTextsSupported(i) {
			r.painted[i] = 1
		}
	}
	return r.painted[i] > 0
}

// lineTextsSupported reports whether the glyphs cover every text of line i,
// the ellipsis that may shorten them included.
func (r *renderer) lineTextsSupported(i int) bool {
	g := &r.glyphs
	if !g.supports("…", false) || !g.supports("…", true) {
		return false
	}
	ln := r.t.lines[i]
	if ln.kind == lineGroup {
		return g.supports(r.t.index.groups[ln.group].name, true)
	}
	row := &r.t.rows[ln.row]
	return g.supports(row.Label, true) && g.supports(row.Title, false) && g.supports(row.Status, false)
}

// labelTexts lays out the texts of line i of the label column, whose top is
// at y: a group's name and count, or a release's version, title and status.
func (r *renderer) labelTexts(sink textSink, i int, y, labelW, lineH float32) {
	t, c := r.t, &r.colors
	pad := c.padding
	ln := t.lines[i]
	if ln.kind == lineGroup {
		grp := &t.index.groups[ln.group]
		name := grp.name
		if name == "" {
			name = "(no product)"
		}
		count := strconv.Itoa(len(grp.rows))
		cw := r.measure(count, c.captionSize, false).Width
		w := r.textAt(sink, name, labelIndent, y, lineH, labelW-labelIndent-cw-3*pad, c.textSize, c.foreground, true)
		if w > 0 {
			r.textAt(sink, count, labelIndent+w+pad, y, lineH, cw, c.captionSize, c.muted, false)
		}
		return
	}
	row := &t.rows[ln.row]
	right := labelW - pad
	if status := strings.TrimSpace(row.Status); status != "" {
		sw := min(r.measure(status, c.captionSize, false).Width, labelW/3)
		right -= r.textAt(sink, status, right-sw, y, lineH, sw, c.captionSize, c.muted, false) + pad
	}
	x := float32(labelIndent)
	x += r.textAt(sink, row.Label, x, y, lineH, right-x, c.textSize, c.foreground, true)
	if row.Title != "" && right-x-pad > 20 {
		r.textAt(sink, row.Title, x+pad, y, lineH, right-x-pad, c.textSize, c.muted, false)
	}
}

// barLabel is where a bar's label goes, in plane coordinates of its line.
type barLabel struct {
	text   string
	x, w   float32 // left edge and width of the text
	y0, y1 float32 // the lane the text is centred in
	bx1    float32 // right edge of the bar the label belongs to
	color  color.Color
	inside bool // on the bar rather than after it
}

// barLabelPad is the space between a label and the edges around it.
const barLabelPad = 4

// labelOf places the label of the k-th span of a release line: inside its
// bar when it fits, otherwise after it when the lane is free up to the next
// bar or the release diamond; ok is false when it goes nowhere.
func (r *renderer) labelOf(ri *rowIndex, k int, b *Bar) (barLabel, bool) {
	p, c := &r.plane, &r.colors
	text := b.Label
	if text == "" {
		text = b.Env
	}
	s := ri.spans[k]
	_, y0, _, y1 := p.spanBox(s.from, s.to, s.lane, ri.lanes)
	if text == "" || y1-y0 < c.captionSize || p.lineH-2*barInset < c.captionSize {
		return barLabel{}, false
	}
	// The label sits on the solid bar when started, else on the planned one.
	inside := c.foreground
	x0, _, x1, _ := p.spanBox(b.PlannedStart, b.PlannedEnd, s.lane, ri.lanes)
	if b.started() {
		as, ae := b.actualWindow(p.now)
		x0, _, x1, _ = p.spanBox(as, ae, s.lane, ri.lanes)
		inside = styleOf(b.EnvIndex).text
	}
	next := float32(math.Inf(1)) // where the next bar in the lane starts
	for _, n := range ri.spans[k+1:] {
		if n.lane == s.lane {
			next = p.x(n.from)
			break
		}
	}
	if !ri.milestone.IsZero() {
		if m := p.x(ri.milestone); m > x1 {
			next = min(next, m-milestoneSize/2-2) // a label after the bar stops before the release diamond
		}
	}
	w := r.measure(text, c.captionSize, false).Width
	l := barLabel{text: text, w: w, y0: y0, y1: y1, bx1: x1}
	switch {
	case x1-x0 >= w+2*barLabelPad:
		l.x, l.color, l.inside = x0+barLabelPad, inside, true
	case next-x1-2*barLabelPad >= w:
		l.x, l.color = x1+barLabelPad, c.foreground
	default:
		return barLabel{}, false
	}
	return l, true
}

// paintBarLabels paints the labels that sit on the bars of spans [i, j) of a
// release line.
func (r *renderer) paintBarLabels(pm *pixmap, ri *rowIndex, bars []Bar, i, j int) {
	defer r.unclipped()()
	sink := &paintedTexts{&r.glyphs, pm}
	for k := i; k < j; k++ {
		if l, ok := r.labelOf(ri, k, &bars[ri.spans[k].bar]); ok && l.inside {
			r.textAt(sink, l.text, l.x, l.y0, l.y1-l.y0, l.w, r.colors.captionSize, l.color, false)
		}
	}
}

// drawBarLabels draws as canvas texts the bar labels the strips do not
// show: labels after a bar when wholly in view, labels the theme font cannot
// paint, and, so that a long bar keeps its name in view, the label of a bar
// whose painted label has scrolled out past the left edge while the bar
// still shows. ox is the plane x of the chart's left edge.
func (r *renderer) drawBarLabels(g geometry, first, last int, ox float32) {
	t, c := r.t, &r.colors
	from, to := g.visibleTimes()
	for i := first; i < last; i++ {
		ln := t.lines[i]
		if ln.kind != lineRelease {
			continue
		}
		ri := &t.index.rows[ln.row]
		lo, hi := ri.visibleRange(from, to)
		top := g.rows.y(i)
		for k := lo; k < hi; k++ {
			l, ok := r.labelOf(ri, k, &t.rows[ln.row].Bars[ri.spans[k].bar])
			if !ok {
				continue
			}
			x := l.x - ox + g.labelW
			switch {
			case !l.inside:
				if x < g.labelW || x+l.w > g.width {
					continue
				}
			case x+l.w <= g.labelW:
				// Scrolled out: follow the edge while the bar's visible part holds it.
				if l.bx1-ox < l.w+2*barLabelPad {
					continue
				}
				x = g.labelW + barLabelPad
			case r.glyphs.supports(l.text, false):
				continue // painted in its strip
			default:
				x = max(x, g.labelW+barLabelPad)
			}
			r.textAt(r.marks, l.text, x, top+l.y0, l.y1-l.y0, l.w, c.captionSize, l.color, false)
		}
	}
}
