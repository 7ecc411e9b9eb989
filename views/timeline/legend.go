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

type legendRenderer struct {
	l       *Legend
	items   []LegendItem
	colors  colors
	swatch  []*canvas.Raster
	texts   []*canvas.Text
	objects []fyne.CanvasObject
}

func (r *legendRenderer) Destroy() {}

func (r *legendRenderer) Objects() []fyne.CanvasObject { return r.objects }

// Refresh reads the chart's legend and the theme again.
func (r *legendRenderer) Refresh() {
	r.items = r.l.chart.Legend(r.l.environments)
	r.colors = readColors(r.l.Theme())
	for len(r.swatch) < len(r.items) {
		i := len(r.swatch)
		rast := canvas.NewRaster(func(w, h int) image.Image {
			if i >= len(r.items) || w <= 0 {
				return image.NewRGBA(image.Rect(0, 0, 1, 1))
			}
			return r.items[i].swatchImage(float32(w)/swatchW, &r.colors)
		})
		rast.ScaleMode = canvas.ImageScalePixels
		r.swatch = append(r.swatch, rast)
		r.texts = append(r.texts, &canvas.Text{})
	}
	r.objects = r.objects[:0]
	for i := range r.items {
		t := r.texts[i]
		t.Text, t.Color, t.TextSize = r.items[i].Label, r.colors.foreground, r.colors.captionSize
		t.Refresh()
		r.swatch[i].Refresh()
		r.objects = append(r.objects, r.swatch[i], t)
	}
	r.Layout(r.l.Size())
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
	for i := range r.items {
		w = max(w, swatchW+legendGap+r.texts[i].MinSize().Width)
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

// flow places the entries in rows no wider than width and returns the height they take.
func (r *legendRenderer) flow(width float32, place bool) float32 {
	if len(r.items) == 0 {
		return 0
	}
	rowH := max(float32(swatchH), r.texts[0].MinSize().Height)
	x, y := float32(0), float32(0)
	for i := range r.items {
		tw := r.texts[i].MinSize().Width
		w := swatchW + legendGap + tw
		if x > 0 && x+w > width {
			x, y = 0, y+rowH+theme.Padding()/2
		}
		if place {
			r.swatch[i].Move(fyne.NewPos(x, y+(rowH-swatchH)/2))
			r.swatch[i].Resize(fyne.NewSize(swatchW, swatchH))
			r.texts[i].Move(fyne.NewPos(x+swatchW+legendGap, y))
			r.texts[i].Resize(fyne.NewSize(tw, rowH))
		}
		x += w + 3*legendGap
	}
	return y + rowH
}
