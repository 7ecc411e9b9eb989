package timeline

import (
	"image/color"
	"time"
)

// plane is the coordinate system of the cached strips: x is pixels from a
// fixed epoch at the current zoom. Scrolling moves the view over the plane
// without changing it, so strips stay valid until the data, zoom, theme or
// clock changes.
type plane struct {
	scale  scale // x = 0 at the epoch
	lineH  float32
	now    time.Time
	nowX   int64   // whole pixel of now, to notice the clock moving
	data   uint64  // Timeline.dataGen painted
	fonts  uint64  // glyphs.gen painted
	pix    float32 // device pixels per logical unit of the canvas
	colors colors
}

// x returns the plane x of an instant.
func (p *plane) x(t time.Time) float32 { return float32(p.scale.x(t)) }

// spanBox returns the rectangle of a time window in a lane of a line whose top is 0.
func (p *plane) spanBox(from, to time.Time, lane, lanes uint8) (x0, y0, x1, y1 float32) {
	return boxOf(p.x(from), p.x(to), 0, p.lineH, lane, lanes)
}

// paintStrip paints the bars, the release diamond and the labels on the bars
// of one strip of a release line, in plane coordinates with the line's top at y 0.
func (r *renderer) paintStrip(pm *pixmap, st *strip) {
	t, p := r.t, &r.plane
	if int(st.key.row) >= len(t.index.rows) {
		return
	}
	ri := &t.index.rows[st.key.row]
	bars := t.rows[st.key.row].Bars
	r.paintReleaseBars(pm, ri)
	// Bars may reach a little past their time window: minimum width, outlines.
	slack := p.scale.duration(minBarWidth + conflictMargin + 1)
	from, to := p.scale.at(float64(st.span.x0)).Add(-slack), p.scale.at(float64(st.span.x1)).Add(slack)
	for _, s := range ri.visibleSpans(from, to) {
		r.paintBar(pm, ri.lanes, s, &bars[s.bar])
	}
	if !ri.milestone.IsZero() {
		pm.diamond(p.x(ri.milestone), p.lineH/2, milestoneSize, r.colors.milestone)
	}
	i, j := ri.visibleRange(from, to)
	r.paintBarLabels(pm, ri, bars, i, j)
}

// milestoneSize is the width of the planned release date diamond.
const milestoneSize = 13

// paintBar paints one deployment: the planned window faintly when it differs
// from the actual one, the bar coloured by environment, outcome marks and the
// conflict outline. Its label is a text drawn over the strips (drawBarLabels).
func (r *renderer) paintBar(pm *pixmap, lanes uint8, s span, b *Bar) {
	p := &r.plane
	env := styleOf(b.EnvIndex)
	x0, y0, x1, y1 := p.spanBox(s.from, s.to, s.lane, lanes)
	if !b.started() {
		bx0, by0, bx1, by1 := p.spanBox(b.PlannedStart, b.PlannedEnd, s.lane, lanes)
		pm.box(bx0, by0, bx1, by1, env.planned, env.solid, 1.5)
	} else {
		as, ae := b.actualWindow(p.now)
		ay0, ay1 := y0, y1
		if !b.PlannedStart.IsZero() && (!b.PlannedStart.Equal(as) || !b.PlannedEnd.Equal(ae)) {
			px0, py0, px1, py1 := p.spanBox(b.PlannedStart, b.PlannedEnd, s.lane, lanes)
			pm.box(px0, py0, px1, py1, env.faint, env.faintEdge, 1)
			if inset := (y1 - y0) / 5; inset >= 2 {
				ay0, ay1 = y0+inset, y1-inset
			}
		}
		ax0, _, ax1, _ := p.spanBox(as, ae, s.lane, lanes)
		var stroke, mark color.Color
		var strokeW float32
		outcome := outcomeOf(b)
		switch outcome {
		case OutcomeFailed:
			stroke, strokeW, mark = failedColor, 2, failedColor
		case OutcomeRolledBack:
			stroke, strokeW, mark = rolledBackColor, 2, rolledBackColor
		case OutcomeInProgress:
			mark = r.colors.foreground
		}
		pm.box(ax0, ay0, ax1, ay1, env.solid, stroke, strokeW)
		if mark != nil && ax1-ax0 >= 8 {
			// The end cap tells failed, rolled back and running bars apart at any zoom.
			pm.fill(ax1-5, ay0, ax1, ay1, mark)
		}
		if outcome == OutcomeRolledBack {
			pm.hline(ax0, ax1, (ay0+ay1)/2, rolledBackColor, 2)
		}
	}
	if b.Conflict {
		pm.box(x0-conflictMargin, y0-conflictMargin, x1+conflictMargin, y1+conflictMargin, nil, conflictColor, 2)
	}
}

// freezeColors returns the band fill and edge colour of a freeze.
func (r *renderer) freezeColors(f *Freeze) (color.Color, color.Color) {
	if len(f.Envs) == 0 {
		return r.colors.freezeAll, r.colors.freezeEdge
	}
	env := styleOf(f.Envs[0])
	return env.freezeFill, env.freezeEdge
}
