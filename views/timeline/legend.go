package timeline

import (
	"image"
	"image/color"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// legendMark is a kind of mark the chart draws.
type legendMark uint8

const (
	markEnv legendMark = iota
	markPlanned
	markRunning
	markFailed
	markRolledBack
	markConflict
	markFreeze
	markRelease
	markBaseline
	markMilestone
	markDependency
	markViolated
	markToday
)

// LegendItem is one entry of the chart's legend: a mark, painted as the
// chart paints it, and what it means.
type LegendItem struct {
	Label string
	mark  legendMark
	env   int // the environment of markEnv, and the colour of the marks shown on a bar
}

// Legend lists what the chart draws: with environments, the colour of
// each, then the outcomes, conflicts, freezes and the release's own bar and
// date; its baseline and the dependency arrows when the chart has any.
func (t *Timeline) Legend(environments bool) []LegendItem {
	var items []LegendItem
	if environments {
		for _, e := range t.envOrder {
			items = append(items, LegendItem{Label: t.envNames[e], mark: markEnv, env: e})
		}
	}
	env := 1 // marks on a bar are shown on the second environment's colour, a mid blue
	items = append(items,
		LegendItem{Label: "Planned", mark: markPlanned, env: env},
		LegendItem{Label: "Running", mark: markRunning, env: env},
		LegendItem{Label: "Failed", mark: markFailed, env: env},
		LegendItem{Label: "Rolled back", mark: markRolledBack, env: env},
		LegendItem{Label: "Conflict", mark: markConflict, env: env},
		LegendItem{Label: "Freeze window", mark: markFreeze},
		LegendItem{Label: "Code freeze to release", mark: markRelease},
	)
	if slices.ContainsFunc(t.index.rows, func(ri rowIndex) bool { return !ri.baseline.from.IsZero() }) {
		items = append(items, LegendItem{Label: "Baseline before re-plan", mark: markBaseline})
	}
	items = append(items, LegendItem{Label: "Release date", mark: markMilestone})
	if len(t.arrows) > 0 {
		items = append(items, LegendItem{Label: "Depends on", mark: markDependency})
		if slices.ContainsFunc(t.arrows, func(a arrow) bool { return a.violated }) {
			items = append(items, LegendItem{Label: "Dependency not met", mark: markViolated})
		}
	}
	return append(items, LegendItem{Label: "Today", mark: markToday})
}

// Swatch size of a legend entry, in logical units.
const (
	swatchW = 24
	swatchH = 12
)

// paint draws the item's mark into the box at (x, y) of the swatch size.
func (it LegendItem) paint(pm *pixmap, x, y float32, c *colors) {
	env := styleOf(it.env)
	x1, y1 := x+swatchW, y+swatchH
	mid := y + swatchH/2
	switch it.mark {
	case markEnv:
		pm.box(x, y+1, x1, y1-1, env.solid, nil, 0)
	case markPlanned:
		pm.box(x, y+1, x1, y1-1, env.planned, env.solid, 1.5)
	case markRunning:
		pm.box(x, y+1, x1, y1-1, env.solid, nil, 0)
		pm.fill(x1-5, y+1, x1, y1-1, c.foreground)
	case markFailed:
		pm.box(x, y+1, x1, y1-1, env.solid, failedColor, 2)
		pm.fill(x1-5, y+1, x1, y1-1, failedColor)
	case markRolledBack:
		pm.box(x, y+1, x1, y1-1, env.solid, rolledBackColor, 2)
		pm.fill(x1-5, y+1, x1, y1-1, rolledBackColor)
		pm.hline(x, x1, mid, rolledBackColor, 2)
	case markConflict:
		pm.box(x+3, y+3, x1-3, y1-3, env.planned, env.solid, 1.5)
		pm.box(x, y, x1, y1, nil, conflictColor, 2)
	case markFreeze:
		pm.fill(x, y, x1, y1, c.freezeAll)
		pm.fill(x, y, x+1, y1, c.freezeEdge)
		pm.fill(x1-1, y, x1, y1, c.freezeEdge)
		pm.fill(x, y, x1, y+1, c.freezeEdge)
	case markRelease:
		pm.box(x, y+1, x1-5, y1-1, c.releaseBar, c.releaseEdge, 1)
		pm.fill(x+1, y+2, x+2, y1-2, c.releaseEdge)
		pm.diamond(x1-5, mid, 9, c.milestone)
	case markBaseline:
		pm.fill(x, mid, x1, mid+baselineHeight, c.baseline)
		pm.fill(x1-1, mid-2, x1, mid+baselineHeight, c.baselineEdge)
	case markMilestone:
		pm.diamond(x+swatchW/2, mid, milestoneSize-2, c.milestone)
	case markDependency, markViolated:
		col, w := color.Color(c.dependency), float32(arrowWidth)
		if it.mark == markViolated {
			col, w = conflictColor, violatedWidth
		}
		drawArrow(pm, []point{{x, y + 2}, {x + 6, y + 2}, {x + 6, mid + 2}, {x1, mid + 2}}, w, col)
	case markToday:
		pm.vline(x+swatchW/2, y, y1, c.primary, 2)
	}
}

// swatchImage paints the item's mark into an image of the swatch size at scale.
func (it LegendItem) swatchImage(scale float32, c *colors) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, int(swatchW*scale+0.5), int(swatchH*scale+0.5)))
	it.paint(&pixmap{img: img, scale: scale}, 0, 0, c)
	return img
}

// Legend shows what a chart's marks mean, as a row of swatches and words
// that wraps when narrow: put it next to the chart and Refresh it when the
// chart gets new rows or links.
type Legend struct {
	widget.BaseWidget
	chart        *Timeline
	environments bool
}

// NewLegend returns the legend of chart; environments adds their colours,
// which the chart's own corner already names as far as they fit.
func NewLegend(chart *Timeline, environments bool) *Legend {
	l := &Legend{chart: chart, environments: environments}
	l.ExtendBaseWidget(l)
	return l
}

// CreateRenderer is a private method to Fyne which links this widget to its renderer.
func (l *Legend) CreateRenderer() fyne.WidgetRenderer {
	r := &legendRenderer{l: l}
	r.Refresh()
	return r
}

// legendRenderer paints each row of the legend, swatches and words, into one
// raster: on software OpenGL a texture costs a draw call whatever its size,
// and a canvas object per swatch and per word made two dozen of them, drawn
// again in every frame the chart scrolls. A word the theme font cannot paint
// stays a canvas.Text, in the same place.
type legendRenderer struct {
	l       *Legend
	items   []LegendItem
	colors  colors
	glyphs  glyphs
	sizes   []fyne.Size      // each item's words, measured
	live    []*canvas.Text   // per item: the words as a canvas.Text when the glyphs cannot paint them
	places  []fyne.Position  // each item's top-left, from the last layout
	rows    []*canvas.Raster // one per row; the last layout uses the first shown
	shown   int
	rowOf   []int // each item's row
	rowH    float32
	objects []fyne.CanvasObject
}

func (r *legendRenderer) Destroy() {}

func (r *legendRenderer) Objects() []fyne.CanvasObject { return r.objects }

// Refresh reads the chart's legend and the theme again and repaints the rows.
func (r *legendRenderer) Refresh() {
	r.items = r.l.chart.Legend(r.l.environments)
	r.colors = readColors(r.l.Theme())
	r.glyphs.setTheme(r.l.Theme())
	r.sizes = r.sizes[:0]
	r.live = r.live[:0]
	for _, it := range r.items {
		sz, ok := r.glyphs.measure(it.Label, r.colors.captionSize, false)
		var live *canvas.Text
		if !ok {
			live = &canvas.Text{Text: it.Label, Color: r.colors.foreground, TextSize: r.colors.captionSize}
			sz = live.MinSize()
		}
		r.sizes, r.live = append(r.sizes, sz), append(r.live, live)
	}
	r.rowH = swatchH
	for _, sz := range r.sizes {
		r.rowH = max(r.rowH, sz.Height)
	}
	r.Layout(r.l.Size())
	for _, row := range r.rows[:r.shown] {
		row.Refresh() // the theme or the items may have changed what it shows
	}
}

// legendGap is the space between a swatch and its words, and between entries (twice).
const legendGap = 6

// Layout flows the entries left to right, wrapping onto new rows.
func (r *legendRenderer) Layout(size fyne.Size) {
	r.flow(size.Width, true)
}

// MinSize is one entry wide and as tall as the entries need at the current width.
func (r *legendRenderer) MinSize() fyne.Size {
	w := float32(0)
	for _, sz := range r.sizes {
		w = max(w, swatchW+legendGap+sz.Width)
	}
	width := r.l.Size().Width
	if width <= 0 {
		// Not laid out yet: a legend under the chart is about as wide as the window.
		width = math.MaxFloat32
		if c := fyne.CurrentApp().Driver().CanvasForObject(r.l); c != nil && c.Size().Width > 0 {
			width = c.Size().Width - 4*theme.Padding()
		}
	}
	return fyne.NewSize(w, r.flow(width, false))
}

// flow places the entries in rows no wider than width and returns the height
// they take; with place it also moves the rows and the live texts there.
func (r *legendRenderer) flow(width float32, place bool) float32 {
	if len(r.items) == 0 {
		if place {
			r.objects, r.shown = r.objects[:0], 0
		}
		return 0
	}
	var places []fyne.Position
	var rowOf []int
	var rowW []float32
	if place {
		places, rowOf = make([]fyne.Position, 0, len(r.items)), make([]int, 0, len(r.items))
	}
	x, y, row := float32(0), float32(0), 0
	for i := range r.items {
		w := swatchW + legendGap + r.sizes[i].Width
		if x > 0 && x+w > width {
			x, y, row = 0, y+r.rowH+theme.Padding()/2, row+1
		}
		if place {
			// On whole pixels, where the painter would have put a swatch or a text of its own.
			places, rowOf = append(places, fyne.NewPos(float32(math.Round(float64(x))), y)), append(rowOf, row)
			if row == len(rowW) {
				rowW = append(rowW, 0)
			}
			rowW[row] = float32(math.Ceil(float64(x + w))) // whole pixels: one texel per pixel
		}
		x += w + 3*legendGap
	}
	if place {
		r.place(places, rowOf, rowW)
	}
	return y + r.rowH
}

// place moves the rows' rasters and the live texts to a new layout, and has
// a row painted again only when what it holds moved.
func (r *legendRenderer) place(places []fyne.Position, rowOf []int, rowW []float32) {
	for len(r.rows) < len(rowW) {
		k := len(r.rows)
		rast := canvas.NewRaster(func(w, h int) image.Image { return r.paintRow(k, w, h) })
		rast.ScaleMode = canvas.ImageScalePixels
		r.rows = append(r.rows, rast)
	}
	moved := !slices.Equal(places, r.places) || !slices.Equal(rowOf, r.rowOf)
	r.places, r.rowOf, r.shown = places, rowOf, len(rowW)
	r.objects = r.objects[:0]
	for k, w := range rowW {
		rast := r.rows[k]
		pos, size := fyne.NewPos(0, float32(k)*(r.rowH+theme.Padding()/2)), fyne.NewSize(w, r.rowH)
		if moved || rast.Size() != size {
			rast.Refresh()
		}
		rast.Move(pos)
		rast.Resize(size)
		r.objects = append(r.objects, rast)
	}
	for i, t := range r.live {
		if t != nil {
			t.Move(places[i].AddXY(swatchW+legendGap, 0))
			t.Resize(fyne.NewSize(r.sizes[i].Width, r.rowH))
			r.objects = append(r.objects, t)
		}
	}
}

// swatchTop is where a swatch starts below its row's top: centred, on a
// whole pixel as the painter put a swatch of its own.
func (r *legendRenderer) swatchTop() float32 {
	return float32(math.Round(float64(r.rowH-swatchH) / 2))
}

// paintRow paints the swatches and the words of row k into a w×h image.
func (r *legendRenderer) paintRow(k, w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, max(w, 1), max(h, 1)))
	if k >= r.shown || w <= 0 {
		return img
	}
	top := float32(k) * (r.rowH + theme.Padding()/2)
	pm := &pixmap{img: img, scale: float32(w) / r.rows[k].Size().Width, oy: top}
	c := &r.colors
	for i, it := range r.items {
		if i >= len(r.rowOf) || r.rowOf[i] != k {
			continue
		}
		p := r.places[i]
		it.paint(pm, p.X, p.Y+r.swatchTop(), c)
		if r.live[i] == nil {
			r.glyphs.draw(pm, it.Label, p.X+swatchW+legendGap, p.Y+(r.rowH-r.sizes[i].Height)/2, c.captionSize, c.foreground, false)
		}
	}
	return img
}
