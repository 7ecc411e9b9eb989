package timeline

import (
	"time"
)

// drawBackdrop draws what lies under the bars, each as one object across
// the header and the chart where it continues: the header band, weekends
// (when the axis shows days), group and selection bands, freeze windows
// from their header chip down, the rule under every line and the grid.
// Nothing paints the chart's background: the canvas's own shows through.
func (r *renderer) drawBackdrop(g geometry, first, last int, a *axisLayout) {
	t, c, l := r.t, &r.colors, r.back
	top := g.headerH() // the header's band is the header raster's
	if a.plan.minor == unitDay {
		from, to := g.visibleTimes()
		// Saturday of the week that contains the left edge, then every week.
		for sat := addUnits(floorUnit(from, unitWeek), unitDay, 5); sat.Before(to); sat = addUnits(sat, unitWeek, 1) {
			x0, x1 := max(g.xOf(sat), g.labelW), min(g.xOf(addUnits(sat, unitDay, 2)), g.width)
			if x1 > x0 {
				l.band(x0, top, x1, g.height, c.weekend)
			}
		}
	}
	for i := first; i < last; i++ {
		y0, y1 := max(g.rows.y(i), top), min(g.rows.y(i)+g.rows.lineH, g.height)
		ln := t.lines[i]
		switch {
		case ln.kind == lineGroup:
			l.band(0, y0, g.width, y1, c.groupBand)
			r.drawGroupSpan(g, i, &t.index.groups[ln.group])
		case int(ln.row) == t.selRow:
			l.band(0, y0, g.width, y1, c.selection)
		case i == t.hovered.line:
			l.band(0, y0, g.width, y1, c.hover)
		}
		if y1 == g.rows.y(i)+g.rows.lineH && y1 > top {
			l.line(0, y1, g.width, y1, c.grid, 1)
		}
	}
	r.drawFreezes(g)
	// One line per tick through the header's tick strip and the chart; the
	// upper tier's lines run through the whole header.
	for _, tk := range a.minor {
		if x := g.labelW + float32(tk.x); x > g.labelW && x < g.width {
			l.line(x, g.majorH, x, g.height, c.grid, 1)
		}
	}
	for _, tk := range a.major {
		if x := g.labelW + float32(tk.x); x > g.labelW && x < g.width {
			l.line(x, 0, x, g.height, c.gridMajor, 1)
		}
	}
}

// drawFreezes shades each freeze window from its chip in the header's event
// strip to the bottom, tinted with the environment colour when it covers
// only some environments: a band and three edge lines, which cost the
// painter far less than a stroked rectangle. The names are header texts.
func (r *renderer) drawFreezes(g geometry) {
	from, to := g.visibleTimes()
	y0 := g.majorH + g.minorH + 1
	for i := range r.t.freezes {
		f := &r.t.freezes[i]
		if !f.End.After(from) || !f.Start.Before(to) {
			continue
		}
		fill, edge := r.freezeColors(f)
		x0, x1 := g.xOf(f.Start), g.xOf(f.End)
		cx0, cx1 := max(x0, g.labelW), min(x1, g.width)
		r.back.band(cx0, y0, cx1, g.height, fill)
		r.back.line(cx0, y0+0.5, cx1, y0+0.5, edge, 1)
		for _, x := range [2]float32{x0 + 1, x1} {
			if x > g.labelW && x < g.width {
				r.back.line(x, y0, x, g.height, edge, 1)
			}
		}
	}
}

// drawGroupSpan draws a thin bar from a folded product's first to last
// activity on its header line, so a folded group still shows when it is busy.
func (r *renderer) drawGroupSpan(g geometry, i int, grp *groupIndex) {
	if grp.from.IsZero() || !r.t.collapsed[grp.name] {
		return
	}
	x0, x1 := max(g.xOf(grp.from), g.labelW), min(g.xOf(grp.to), g.width)
	yc := g.rows.y(i) + g.rows.lineH/2
	if x1 > x0 && yc-3 >= g.headerH() && yc+3 < g.height {
		r.back.band(x0, yc-3, x1, yc+3, r.colors.groupSpan)
	}
}

// clipBox clips a rectangle to the chart area right of the label column and
// below the header; ok is false when nothing is left.
func clipBox(g geometry, x0, y0, x1, y1 float32) (float32, float32, float32, float32, bool) {
	x0, y0, x1, y1 = max(x0, g.labelW), max(y0, g.headerH()), min(x1, g.width), min(y1, g.height)
	return x0, y0, x1, y1, x1 > x0 && y1 > y0
}

// drawMarks draws what follows the selection, the pointer and the clock over
// the strips: the outline of the selected bar, the drag ghost and the today line.
func (r *renderer) drawMarks(g geometry, first, last int) {
	t := r.t
	if t.selRow >= 0 && t.selBar >= 0 {
		r.drawSelectedBar(g, first, last)
	}
	if t.drag.moving {
		r.drawGhost(g, first, last)
	}
	if x := g.xOf(g.now); x >= g.labelW && x < g.width {
		// From under the today chip to the bottom.
		r.marks.line(x, g.headerH()-1, x, g.height, r.colors.primary, 2)
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

// drawFocus outlines the widget while it has keyboard focus with four lines:
// one stroked rectangle would make the painter shade every pixel inside it.
func (r *renderer) drawFocus(g geometry) {
	if !r.t.focused {
		return
	}
	c, l := r.colors.focus, r.top
	l.line(1, 2, g.width-1, 2, c, 2)
	l.line(1, g.height-2, g.width-1, g.height-2, c, 2)
	l.line(2, 3, 2, g.height-3, c, 2)
	l.line(g.width-2, 3, g.width-2, g.height-3, c, 2)
}
