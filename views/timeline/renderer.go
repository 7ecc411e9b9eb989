package timeline

import (
	"image/color"

	"fyne.io/fyne/v2"
)

// maxMeasured bounds the text measurement cache; it is cleared when full.
const maxMeasured = 8192

type measureKey struct {
	text string
	size float32
	bold bool
}

// renderer draws the visible part of a Timeline from pooled canvas objects,
// layer by layer: row backgrounds, grid, freezes, bars, markers, the label
// column and finally the time axis header on top.
type renderer struct {
	t *Timeline

	back, grid, freeze, bars, marks, labels, header *layer

	layers   []*layer
	objects  []fyne.CanvasObject
	colors   colors
	measured map[measureKey]fyne.Size
	axis     *axisLayout

	zoomText string // corner caption, rebuilt when the zoom changes
	zoomPPD  float64
}

func newRenderer(t *Timeline) *renderer {
	r := &renderer{t: t, measured: map[measureKey]fyne.Size{}}
	r.back, r.grid, r.freeze, r.bars = newLayer(), newLayer(), newLayer(), newLayer()
	r.marks, r.labels, r.header = newLayer(), newLayer(), newLayer()
	r.layers = []*layer{r.back, r.grid, r.freeze, r.bars, r.marks, r.labels, r.header}
	r.colors = readColors(t.Theme())
	return r
}

// Destroy is called when the renderer is thrown away; pools are left to the GC.
func (r *renderer) Destroy() {}

// Layout positions the visible objects for a new size.
func (r *renderer) Layout(fyne.Size) {
	r.draw()
}

// MinSize leaves room for the label column, the header and a few rows.
func (r *renderer) MinSize() fyne.Size {
	g := r.t.geometry()
	return fyne.NewSize(r.t.labelWidth(0)+160, g.headerH()+3*g.rows.lineH)
}

// Objects returns every pooled object; unused ones are hidden.
func (r *renderer) Objects() []fyne.CanvasObject {
	return r.objects
}

// Refresh re-reads the theme, so light and dark both look right, and redraws.
func (r *renderer) Refresh() {
	c := readColors(r.t.Theme())
	if c.textSize != r.colors.textSize || c.captionSize != r.colors.captionSize {
		clear(r.measured)
	}
	r.colors = c
	r.draw()
}

// draw places the objects for what is visible now and hides the rest.
func (r *renderer) draw() {
	t := r.t
	g := t.geometry()
	if g.width > 0 && g.height > 0 {
		first, last := g.rows.visible(len(t.lines), g.height)
		a := r.axisFor(g)
		r.drawBackground(g, first, last, a.plan)
		r.drawGrid(g, a.minor, a.major)
		r.drawFreezes(g)
		r.drawBars(g, first, last)
		r.drawMarks(g, first, last)
		r.drawLabels(g, first, last)
		r.drawHeader(g, a)
	}
	grew := false
	for _, l := range r.layers {
		grew = l.finish() || grew
	}
	if grew || r.objects == nil {
		objs := make([]fyne.CanvasObject, 0, len(r.objects)+64)
		for _, l := range r.layers {
			objs = l.appendObjects(objs)
		}
		r.objects = objs
	}
}

// measure returns the rendered size of a label, cached.
func (r *renderer) measure(s string, size float32, bold bool) fyne.Size {
	k := measureKey{s, size, bold}
	if sz, ok := r.measured[k]; ok {
		return sz
	}
	if len(r.measured) >= maxMeasured {
		clear(r.measured)
	}
	sz := fyne.MeasureText(s, size, fyne.TextStyle{Bold: bold})
	r.measured[k] = sz
	return sz
}

// fit shortens s with an ellipsis until it is at most maxW wide; "" when nothing fits.
func (r *renderer) fit(s string, maxW, size float32, bold bool) (string, fyne.Size) {
	if sz := r.measure(s, size, bold); sz.Width <= maxW {
		return s, sz
	}
	runes := []rune(s)
	lo, hi := 0, len(runes) // the longest prefix that fits is in [lo, hi)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if r.measure(string(runes[:mid])+"…", size, bold).Width <= maxW {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return "", fyne.Size{}
	}
	out := string(runes[:lo]) + "…"
	return out, r.measure(out, size, bold)
}

// textAt places a label vertically centred in a band starting at y of height h.
func (r *renderer) textAt(l *layer, s string, x, y, h, maxW, size float32, c color.Color, bold bool) float32 {
	s, sz := r.fit(s, maxW, size, bold)
	if s == "" {
		return 0
	}
	ty := y + (h-sz.Height)/2
	if ty+sz.Height > r.t.Size().Height {
		return 0 // a partly hidden last row gets no text rather than text spilling out
	}
	l.text(s, x, ty, sz, size, c, bold)
	return sz.Width
}
