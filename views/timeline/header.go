package timeline

import (
	"fmt"
	"strings"
	"time"
)

// labelIndent leaves room for the group triangle before release labels.
const labelIndent = 26

// drawLabels draws what the label column tiles do not hold: the fold
// triangle of each group and the texts the tiles could not paint. The bands
// and rules are part of the backdrop.
func (r *renderer) drawLabels(g geometry, first, last int) {
	t, c := r.t, &r.colors
	sink := &r.fallback
	for i := first; i < last; i++ {
		y0 := g.rows.y(i)
		if ln := t.lines[i]; ln.kind == lineGroup {
			if yc := y0 + g.rows.lineH/2; yc-5 >= g.headerH() && yc+5 <= g.height {
				angle := float32(180) // pointing down: expanded
				if t.collapsed[t.index.groups[ln.group].name] {
					angle = 90
				}
				r.labels.poly(c.padding+6, yc, 10, 3, angle, c.foreground)
			}
		}
		if !r.linePainted(i) {
			r.labelTexts(sink, i, y0, g.labelW, g.rows.lineH)
		}
	}
}

// axisKey identifies an axis layout: it changes with horizontal scroll, zoom, width and font sizes.
type axisKey struct {
	origin        time.Time
	ppd, width    float64
	text, caption float32
}

// axisLayout is the time axis of one view: the ticks of both tiers and where
// their labels go (chart x, -1 when hidden). Vertical scrolling reuses it.
type axisLayout struct {
	key            axisKey
	plan           tickPlan
	minor, major   []tick
	minorX, majorX []float64
	minorW, majorW []float32
}

// axisFor returns the axis layout of g, computing it only when the view changed horizontally.
func (r *renderer) axisFor(g geometry) *axisLayout {
	c := &r.colors
	k := axisKey{g.scale.origin, g.scale.ppd, float64(g.chartW()), c.textSize, c.captionSize}
	if r.axis != nil && r.axis.key == k {
		return r.axis
	}
	a := &axisLayout{key: k}
	a.plan = r.plan
	a.minor = axisTicks(g.scale, k.width, a.plan.minor, a.plan.minorStyle)
	a.major = axisTicks(g.scale, k.width, a.plan.major, a.plan.majorStyle)
	a.majorW = make([]float32, len(a.major))
	for i, tk := range a.major {
		a.majorW[i] = r.measure(tk.label, c.textSize, true).Width
	}
	a.majorX = placeLabels(a.major, a.majorW, k.width, float64(c.padding), true)
	a.minorW = make([]float32, len(a.minor))
	for i, tk := range a.minor {
		a.minorW[i] = r.measure(tk.label, c.captionSize, false).Width
	}
	if a.plan.minor == unitDay {
		// Day labels sit centred in their column.
		centred := make([]tick, len(a.minor))
		for i, tk := range a.minor {
			centred[i] = tk
			centred[i].x = tk.x + (k.ppd-float64(a.minorW[i]))/2
		}
		a.minorX = placeLabels(centred, a.minorW, k.width, 0, false)
	} else {
		a.minorX = placeLabels(a.minor, a.minorW, k.width, float64(c.padding)/2, false)
	}
	r.axis = a
	return a
}

// drawHeader writes the time axis into the header raster: the upper tier with
// sticky labels, the tick tier, freeze names and the today chip, then the
// corner that names the view, its zoom and the environment colours, and
// the rules along the header and the label column.
func (r *renderer) drawHeader(g geometry, a *axisLayout) {
	c, l := &r.colors, r.head
	pad := c.padding
	for i, x := range a.majorX {
		if x >= 0 {
			r.textAt(l, a.major[i].label, g.labelW+float32(x), 0, g.majorH, a.majorW[i], c.textSize, c.foreground, true)
		}
	}
	for i, x := range a.minorX {
		if x >= 0 {
			r.textAt(l, a.minor[i].label, g.labelW+float32(x), g.majorH, g.minorH, a.minorW[i], c.captionSize, c.muted, false)
		}
	}
	r.drawEvents(g)
	r.textAt(l, "Releases", pad*2, 0, g.majorH, g.labelW-3*pad, c.textSize, c.foreground, true)
	if r.zoomText == "" || r.zoomPPD != g.scale.ppd {
		r.zoomText, r.zoomPPD = fmt.Sprintf("%s view · %.3g px/day", r.t.Zoom(), g.scale.ppd), g.scale.ppd
		if r.offscreen != nil {
			r.zoomText = r.offscreen.caption
		}
	}
	r.textAt(l, r.zoomText, pad*2, g.majorH, g.minorH, g.labelW-3*pad, c.captionSize, c.muted, false)
	r.drawLegend(g)
	r.top.line(0, g.headerH(), g.width, g.headerH(), c.separator, 1)
	r.top.line(g.labelW, 0, g.labelW, g.height, c.separator, 1)
}

// drawLegend names the environment colours in the corner's lowest strip, as many as fit.
func (r *renderer) drawLegend(g geometry) {
	c, l := &r.colors, r.top
	y0 := g.majorH + g.minorH
	x := c.padding * 2
	const swatch = 9
	for _, e := range r.t.envOrder {
		name := r.t.envNames[e]
		w := r.measure(name, c.captionSize, false).Width
		if x+swatch+3+w > g.labelW-c.padding {
			return
		}
		yc := y0 + g.eventsH/2
		l.roundRect(x, yc-swatch/2, x+swatch, yc+swatch/2, styleOf(e).solid, nil, 0, 2)
		r.textAt(r.head, name, x+swatch+3, y0, g.eventsH, w, c.captionSize, c.foreground, false)
		x += swatch + 3 + w + 2*c.padding
	}
}

// drawEvents writes freeze names and the today chip in the lowest header strip.
func (r *renderer) drawEvents(g geometry) {
	c, l := &r.colors, r.top
	y0, y1 := g.majorH+g.minorH, g.headerH()
	from, to := g.visibleTimes()
	// The today chip is placed first so freeze names can stop short of it.
	const label = "Today"
	x := g.xOf(g.now)
	showToday := x >= g.labelW && x < g.width
	sz := r.measure(label, c.captionSize, true)
	chip := min(max(x-sz.Width/2-4, g.labelW+1), g.width-sz.Width-9)
	for i := range r.t.freezes {
		f := &r.t.freezes[i]
		if !f.End.After(from) || !f.Start.Before(to) {
			continue
		}
		x0, x1 := max(g.xOf(f.Start), g.labelW), min(g.xOf(f.End), g.width)
		// A name wider than a narrow band runs on to the next freeze or the today chip.
		end := g.width
		for k := range r.t.freezes {
			if s := g.xOf(r.t.freezes[k].Start); s > x0 {
				end = min(end, s)
			}
		}
		end = max(end, x1)
		start := x0 + 4
		chipEnd := chip + sz.Width + 8
		switch {
		case showToday && chip <= start && start < chipEnd+4:
			start = chipEnd + 4 // the band starts under the chip: write after it
		case showToday && chip > start:
			end = min(end, chip)
		}
		r.textAt(l, r.freezeName(f), start, y0, y1-y0, end-start-4, c.captionSize, c.foreground, false)
	}
	if !showToday {
		return
	}
	l.roundRect(chip, y0+1, chip+sz.Width+8, y1-1, c.primary, nil, 0, 3)
	r.textAt(l, label, chip+4, y0, y1-y0, sz.Width, c.captionSize, c.todayText, true)
}

// freezeName is the header text of a freeze: its name and, when it covers
// only some environments, their names.
func (r *renderer) freezeName(f *Freeze) string {
	name := f.Name
	if name == "" {
		name = "Freeze"
	}
	if len(f.Envs) == 0 {
		return name
	}
	envs := make([]string, 0, len(f.Envs))
	for _, e := range f.Envs {
		if n, ok := r.t.envNames[e]; ok {
			envs = append(envs, n)
		} else {
			envs = append(envs, fmt.Sprintf("environment %d", e+1))
		}
	}
	return name + " (" + strings.Join(envs, ", ") + ")"
}
