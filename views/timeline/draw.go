package timeline

import (
	"image/color"
	"time"
)

// drawBackground paints group bands, weekends (when the axis shows days),
// the selected and hovered rows and a rule under every line. The theme
// background is the canvas's own: on software OpenGL every full-chart fill
// costs milliseconds a frame, so the chart paints no background or stripes.
func (r *renderer) drawBackground(g geometry, first, last int, plan tickPlan) {
	t, c, l := r.t, &r.colors, r.back
	top := g.headerH()
	if plan.minor == unitDay {
		from, to := g.visibleTimes()
		// Saturday of the week that contains the left edge, then every week.
		for sat := addUnits(floorUnit(from, unitWeek), unitDay, 5); sat.Before(to); sat = addUnits(sat, unitWeek, 1) {
			x0, x1 := max(g.xOf(sat), g.labelW), min(g.xOf(addUnits(sat, unitDay, 2)), g.width)
			if x1 > x0 {
				l.rect(x0, top, x1, g.height, c.weekend, nil, 0)
			}
		}
	}
	for i := first; i < last; i++ {
		y0, y1 := g.rows.y(i), min(g.rows.y(i)+g.rows.lineH, g.height)
		ln := t.lines[i]
		switch {
		case ln.kind == lineGroup:
			l.rect(g.labelW, y0, g.width, y1, c.groupBand, nil, 0)
		case int(ln.row) == t.selRow:
			l.rect(g.labelW, y0, g.width, y1, c.selection, nil, 0)
		case i == t.hovered.line:
			l.rect(g.labelW, y0, g.width, y1, c.hover, nil, 0)
		}
		if y1 == y0+g.rows.lineH {
			l.line(0, y1, g.width, y1, c.grid, 1)
		}
	}
}

// drawGrid draws vertical lines at the axis ticks, stronger at the upper tier.
func (r *renderer) drawGrid(g geometry, minor, major []tick) {
	top := g.headerH()
	for _, tk := range minor {
		if x := g.labelW + float32(tk.x); x > g.labelW && x < g.width {
			r.grid.line(x, top, x, g.height, r.colors.grid, 1)
		}
	}
	for _, tk := range major {
		if x := g.labelW + float32(tk.x); x > g.labelW && x < g.width {
			r.grid.line(x, top, x, g.height, r.colors.gridMajor, 1)
		}
	}
}

// drawFreezes shades freeze windows over the full chart height, tinted with
// the environment colour when a freeze covers only some environments.
func (r *renderer) drawFreezes(g geometry) {
	from, to := g.visibleTimes()
	top := g.headerH()
	for i := range r.t.freezes {
		f := &r.t.freezes[i]
		if !f.End.After(from) || !f.Start.Before(to) {
			continue
		}
		x0, x1 := g.xOf(f.Start), g.xOf(f.End)
		fill, edge := r.freezeColors(f)
		r.freeze.rect(max(x0, g.labelW), top, min(x1, g.width), g.height, fill, nil, 0)
		for _, x := range [2]float32{x0, x1} {
			if x > g.labelW && x < g.width {
				r.freeze.line(x, top, x, g.height, edge, 1)
			}
		}
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

// drawBars draws the visible bars of the visible rows and the span of each group.
func (r *renderer) drawBars(g geometry, first, last int) {
	t := r.t
	from, to := g.visibleTimes()
	for i := first; i < last; i++ {
		ln := t.lines[i]
		if ln.kind == lineGroup {
			r.drawGroupSpan(g, i, &t.index.groups[ln.group])
			continue
		}
		ri := &t.index.rows[ln.row]
		spans := ri.visibleSpans(from, to)
		milestone := float32(-1)
		if !ri.milestone.IsZero() {
			milestone = g.xOf(ri.milestone)
		}
		for k := range spans {
			next := g.width // where the next bar in the lane starts, to fit a label after this one
			for _, n := range spans[k+1:] {
				if n.lane == spans[k].lane {
					next = g.xOf(n.from)
					break
				}
			}
			r.drawBar(g, i, ri.lanes, spans[k], &t.rows[ln.row].Bars[spans[k].bar], next, milestone)
		}
	}
}

// milestoneSize is the width of the planned release date diamond.
const milestoneSize = 13

// drawGroupSpan draws a thin bar from a folded product's first to last
// activity on its header line, so a folded group still shows when it is busy.
func (r *renderer) drawGroupSpan(g geometry, i int, grp *groupIndex) {
	if grp.from.IsZero() || !r.t.collapsed[grp.name] {
		return
	}
	x0, x1 := max(g.xOf(grp.from), g.labelW), min(g.xOf(grp.to), g.width)
	yc := g.rows.y(i) + g.rows.lineH/2
	if x1 > x0 && yc+3 < g.height {
		r.bars.rect(x0, yc-3, x1, yc+3, r.colors.groupSpan, nil, 0)
	}
}

// clipBox clips a rectangle to the chart area right of the label column;
// ok is false when nothing is left. The header is drawn over the chart, so
// the top needs no clipping; the label column has no background to hide
// what would spill into it.
func clipBox(g geometry, x0, y0, x1, y1 float32) (float32, float32, float32, float32, bool) {
	x0, x1, y1 = max(x0, g.labelW), min(x1, g.width), min(y1, g.height)
	return x0, y0, x1, y1, x1 > x0 && y1 > y0
}

// drawBar draws one deployment: the planned window faintly when it differs
// from the actual one, the bar coloured by environment, outcome marks, the
// conflict outline and a label inside or after the bar when there is room.
func (r *renderer) drawBar(g geometry, i int, lanes uint8, s span, b *Bar, next, milestone float32) {
	c, l := &r.colors, r.bars
	env := styleOf(b.EnvIndex)
	outcome := outcomeOf(b)
	x0, y0, x1, y1 := g.spanBox(i, s.from, s.to, s.lane, lanes)
	labelColor := c.foreground
	bodyX0, bodyX1 := x0, x1
	if !b.started() {
		bx0, by0, bx1, by1 := g.spanBox(i, b.PlannedStart, b.PlannedEnd, s.lane, lanes)
		if cx0, cy0, cx1, cy1, ok := clipBox(g, bx0, by0, bx1, by1); ok {
			l.rect(cx0, cy0, cx1, cy1, env.planned, env.solid, 1.5)
		}
		bodyX0, bodyX1 = bx0, bx1
	} else {
		as, ae := b.actualWindow(g.now)
		ay0, ay1 := y0, y1
		if !b.PlannedStart.IsZero() && (!b.PlannedStart.Equal(as) || !b.PlannedEnd.Equal(ae)) {
			px0, py0, px1, py1 := g.spanBox(i, b.PlannedStart, b.PlannedEnd, s.lane, lanes)
			if cx0, cy0, cx1, cy1, ok := clipBox(g, px0, py0, px1, py1); ok {
				l.rect(cx0, cy0, cx1, cy1, env.faint, env.faintEdge, 1)
			}
			if inset := (y1 - y0) / 5; inset >= 2 {
				ay0, ay1 = y0+inset, y1-inset
			}
		}
		ax0, _, ax1, _ := g.spanBox(i, as, ae, s.lane, lanes)
		bodyX0, bodyX1 = ax0, ax1
		var stroke, mark color.Color
		var strokeW float32
		switch outcome {
		case OutcomeFailed:
			stroke, strokeW, mark = failedColor, 2, failedColor
		case OutcomeRolledBack:
			stroke, strokeW, mark = rolledBackColor, 2, rolledBackColor
		case OutcomeInProgress:
			mark = c.foreground
		}
		if cx0, cy0, cx1, cy1, ok := clipBox(g, ax0, ay0, ax1, ay1); ok {
			l.rect(cx0, cy0, cx1, cy1, env.solid, stroke, strokeW)
			labelColor = env.text
			if mark != nil && ax1 <= g.width && ax1-ax0 >= 8 {
				// The end cap tells failed, rolled back and running bars apart at any zoom.
				l.rect(max(cx0, ax1-5), cy0, ax1, cy1, mark, nil, 0)
			}
			if outcome == OutcomeRolledBack {
				ym := (cy0 + cy1) / 2
				l.line(cx0, ym, cx1, ym, rolledBackColor, 2)
			}
		}
	}
	if b.Conflict {
		if cx0, cy0, cx1, cy1, ok := clipBox(g, x0-3, y0-3, x1+3, y1+3); ok {
			l.rect(cx0, cy0, cx1, cy1, nil, conflictColor, 2)
		}
	}
	if milestone > bodyX1 {
		next = min(next, milestone-milestoneSize/2-2) // a label after the bar stops before the release diamond
	}
	r.drawBarLabel(g, b, bodyX0, bodyX1, y0, y1, next, labelColor)
}

// drawBarLabel writes the bar's label inside it when it fits, otherwise after
// it when the lane is free up to the next bar.
func (r *renderer) drawBarLabel(g geometry, b *Bar, x0, x1, y0, y1, next float32, inside color.Color) {
	c := &r.colors
	text := b.Label
	if text == "" {
		text = b.Env
	}
	if text == "" || y1-y0 < c.captionSize {
		return
	}
	const pad = 4
	sz := r.measure(text, c.captionSize, false)
	vis0, vis1 := max(x0, g.labelW), min(x1, g.width)
	switch {
	case vis1-vis0 >= sz.Width+2*pad:
		r.textAt(r.bars, text, vis0+pad, y0, y1-y0, vis1-vis0-2*pad, c.captionSize, inside, false)
	case x1+pad >= g.labelW && min(next, g.width)-x1-2*pad >= sz.Width:
		r.textAt(r.bars, text, x1+pad, y0, y1-y0, sz.Width, c.captionSize, c.foreground, false)
	}
}

// drawMarks draws release milestones, the drag ghost, the selected bar and the today line.
func (r *renderer) drawMarks(g geometry, first, last int) {
	t, c, l := r.t, &r.colors, r.marks
	for i := first; i < last; i++ {
		ln := t.lines[i]
		if ln.kind != lineRelease || t.index.rows[ln.row].milestone.IsZero() {
			continue
		}
		x, yc := g.xOf(t.index.rows[ln.row].milestone), g.rows.y(i)+g.rows.lineH/2
		const size = milestoneSize
		if x-size/2 >= g.labelW && x+size/2 <= g.width && yc+size/2 <= g.height {
			l.poly(x, yc, size, 4, 0, c.milestone)
		}
	}
	if t.selRow >= 0 && t.selBar >= 0 {
		r.drawSelectedBar(g, first, last)
	}
	if t.drag.moving {
		r.drawGhost(g, first, last)
	}
	if x := g.xOf(g.now); x >= g.labelW && x < g.width {
		l.line(x, g.headerH(), x, g.height, c.primary, 2)
	}
}

// drawSelectedBar outlines the selected deployment.
func (r *renderer) drawSelectedBar(g geometry, first, last int) {
	t := r.t
	i := int(t.lineOfRow[t.selRow])
	if i < first || i >= last {
		return
	}
	ri := &t.index.rows[t.selRow]
	for _, s := range ri.spans {
		if int(s.bar) != t.selBar {
			continue
		}
		x0, y0, x1, y1 := g.spanBox(i, s.from, s.to, s.lane, ri.lanes)
		if cx0, cy0, cx1, cy1, ok := clipBox(g, x0-1, y0-1, x1+1, y1+1); ok {
			r.marks.rect(cx0, cy0, cx1, cy1, nil, r.colors.foreground, 2)
		}
		return
	}
}

// drawGhost previews where a dragged planned bar will land.
func (r *renderer) drawGhost(g geometry, first, last int) {
	t, d := r.t, r.t.drag
	i := int(t.lineOfRow[d.row])
	if i < first || i >= last || d.days == 0 {
		return
	}
	b := &t.rows[d.row].Bars[d.bar]
	ri := &t.index.rows[d.row]
	lane := uint8(0)
	for _, s := range ri.spans {
		if int(s.bar) == d.bar {
			lane = s.lane
		}
	}
	from, to := shiftDays(b.PlannedStart, d.days), shiftDays(b.PlannedEnd, d.days)
	x0, y0, x1, y1 := g.spanBox(i, from, to, lane, ri.lanes)
	if cx0, cy0, cx1, cy1, ok := clipBox(g, x0, y0, x1, y1); ok {
		r.marks.rect(cx0, cy0, cx1, cy1, styleOf(b.EnvIndex).solid, r.colors.foreground, 1.5)
	}
	label := from.In(time.Local).Format("Mon 2 Jan")
	sz := r.measure(label, r.colors.captionSize, true)
	if x1+4 >= g.labelW && x1+4+sz.Width <= g.width {
		r.textAt(r.marks, label, x1+4, y0, y1-y0, sz.Width, r.colors.captionSize, r.colors.foreground, true)
	}
}
