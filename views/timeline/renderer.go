package timeline

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
)

// maxMeasured bounds the text measurement cache; it is cleared when full.
const maxMeasured = 8192

type measureKey struct {
	text string
	size float32
	bold bool
}

// renderer draws the visible part of a Timeline with as few canvas objects
// and as few shaded pixels as it can: on software OpenGL every object is a
// draw call and every pixel an object covers is shaded, visible or not.
// The bars and release diamonds, most of the objects, are painted into
// cached raster strips that scrolling only moves (strips.go, paint.go);
// rules, grid and bands are single lines and rectangles; texts are pooled.
// From the bottom: the backdrop (header band, bands, freezes, rules, grid),
// the strips, marks and bar labels, the label column, then the header's
// texts, separators and the focus outline.
type renderer struct {
	t *Timeline

	back, marks, labels, top *layer
	strips                   *stripSet // bars, release diamonds and the labels on bars
	tiles                    *stripSet // the label column
	links                    *stripSet // dependency arrows, in tiles of lines (links.go)
	crossing                 []int32   // scratch: the arrows crossing a tile
	linked                   bool      // the arrows' layer is among the objects
	glyphs                   glyphs    // paints labels into strips and tiles
	head                     *headerRaster
	fallback                 fallbackTexts
	painted                  []int8 // per line: 1 when the tiles paint all its texts, -1 when not, 0 unknown

	objects    []fyne.CanvasObject
	colors     colors
	plane      plane
	plan       tickPlan // what the axis shows at the current zoom
	measured   map[measureKey]fyne.Size
	axis       *axisLayout
	clipTop    float32 // texts above this y are not drawn (rows under the header)
	clipBottom float32 // nor below this one

	zoomText string // corner caption, rebuilt when the zoom changes
	zoomPPD  float64

	// offscreen is set for a picture (offscreen.go): it fixes the scale,
	// which no canvas gives, and the corner's caption.
	offscreen *offscreenSetup
}

func newRenderer(t *Timeline) *renderer {
	r := &renderer{t: t, measured: map[measureKey]fyne.Size{}}
	r.back, r.marks, r.labels, r.top = newLayer(), newLayer(), newLayer(), newLayer()
	pix := func() float32 { return r.plane.pix }
	r.strips = newStripSet(stripInset, pix, r.paintStrip)
	r.tiles = newStripSet(0, pix, r.paintLabelTile)
	r.links = newStripSet(0, pix, r.paintLinkTile)
	r.fallback = fallbackTexts{&r.glyphs, r.labels}
	r.head = newHeaderRaster(&r.glyphs, r.top)
	r.colors = readColors(t.Theme())
	r.glyphs.setTheme(t.Theme())
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

// Objects returns the layers in z-order; pooled objects not in use are hidden.
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
	r.glyphs.setTheme(r.t.Theme())
	r.draw()
}

// draw places the objects for what is visible now and hides the rest.
func (r *renderer) draw() {
	t := r.t
	g := t.geometry()
	bodyH := max(0, g.height-g.headerH())
	r.strips.begin(fyne.NewPos(g.labelW, g.headerH()), fyne.NewSize(g.chartW(), bodyH))
	r.tiles.begin(fyne.NewPos(0, g.headerH()), fyne.NewSize(g.labelW, bodyH))
	// The arrows' strips are placed while there are arrows, and once more to hide them after.
	arrows := len(t.arrows) > 0 || r.linked
	if arrows {
		r.links.begin(fyne.NewPos(g.labelW, g.headerH()), fyne.NewSize(g.chartW(), bodyH))
	}
	if g.width > 0 && g.height > 0 {
		r.syncPlane(g)
		g, ox, oy := r.align(g)
		first, last := g.rows.visible(len(t.lines), g.height)
		a := r.axisFor(g)
		r.clipTop, r.clipBottom = g.headerH(), g.height
		r.drawBackdrop(g, first, last, a)
		r.placeStrips(g, first, last, ox, oy)
		if arrows {
			r.placeLinks(g, first, last, ox, oy)
		}
		r.placeLabelTiles(g, first, last, oy)
		r.drawBarLabels(g, first, last, ox)
		r.drawMarks(g, first, last)
		r.drawLabels(g, first, last)
		r.clipTop = 0
		r.head.begin()
		r.drawHeader(g, a)
		r.head.end(fyne.NewSize(g.width, g.headerH()), r.colors.header, r.plane.pix)
		r.drawFocus(g)
	}
	r.strips.end()
	r.tiles.end()
	if arrows {
		r.links.end()
	}
	grew := false
	for _, l := range []*layer{r.back, r.marks, r.labels, r.top} {
		grew = l.finish() || grew
	}
	// The arrows' layer is in the scene only while there are arrows.
	if linked := len(t.arrows) > 0; grew || r.objects == nil || linked != r.linked {
		r.linked = linked
		objs := make([]fyne.CanvasObject, 0, len(r.objects)+64)
		objs = append(objs, r.head.raster)
		objs = r.back.appendObjects(objs)
		objs = append(objs, r.strips.layer)
		if linked {
			objs = append(objs, r.links.layer)
		}
		objs = r.marks.appendObjects(objs)
		objs = append(objs, r.tiles.layer)
		objs = r.labels.appendObjects(objs)
		r.objects = r.top.appendObjects(objs)
	}
}

// syncPlane starts painting the strips afresh when what they show changed:
// the data, the zoom, the theme or the clock (running deployments end now).
func (r *renderer) syncPlane(g geometry) {
	p := &r.plane
	changed := false
	if g.scale.ppd != p.scale.ppd || p.scale.origin.IsZero() {
		// A new zoom gets a new epoch near the view, keeping plane x small.
		p.scale, changed = scale{origin: g.scale.origin, ppd: g.scale.ppd}, true
	}
	p.now = g.now
	if nowX := int64(math.Floor(p.scale.x(g.now))); nowX != p.nowX {
		p.nowX, changed = nowX, true
		r.t.followClock(g.now, p.scale)
	}
	pix := r.canvasScale()
	changed = changed || r.colors != p.colors || r.t.dataGen != p.data || g.rows.lineH != p.lineH ||
		r.glyphs.gen != p.fonts || pix != p.pix
	if !changed {
		return
	}
	if r.glyphs.gen != p.fonts {
		clear(r.measured) // the theme's font changed: so do the widths of texts
	}
	p.colors, p.data, p.lineH, p.fonts, p.pix = r.colors, r.t.dataGen, g.rows.lineH, r.glyphs.gen, pix
	r.plan = planTicks(p.scale.ppd, func(s string) float32 { return r.measure(s, r.colors.captionSize, false).Width })
	r.strips.invalidate()
	r.tiles.invalidate()
	r.links.invalidate()
	r.painted = r.painted[:0]
}

// canvasScale returns the device pixels per logical unit of the canvas the
// timeline is on, 1 before it is on one.
func (r *renderer) canvasScale() float32 {
	if r.offscreen != nil {
		return r.offscreen.scale
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(r.t); c != nil && c.Scale() > 0 {
		return c.Scale()
	}
	return 1
}

// align moves the view onto whole device pixels of the plane, so that the
// strips show one texel per pixel and the objects drawn over them line up.
// It returns the adjusted geometry and the plane coordinates of its top-left.
func (r *renderer) align(g geometry) (geometry, float32, float32) {
	s := float64(r.plane.pix)
	ox := float32(math.Round(r.plane.scale.x(g.scale.origin)*s) / s)
	oy := float32(math.Round(float64(g.rows.scrollY)*s) / s)
	g.scale.origin = r.plane.scale.at(float64(ox))
	g.rows.scrollY = oy
	return g, ox, oy
}

// placeStrips shows the strips of the visible release lines that reach into
// the view; ox and oy are the plane coordinates of the chart's top-left.
func (r *renderer) placeStrips(g geometry, first, last int, ox, oy float32) {
	t, w := r.t, g.chartW()
	// Claim the strips already showing a visible key before placing any, so
	// that a strip still needed is not handed to another key.
	for pass := range 2 {
		for i := first; i < last; i++ {
			ln := t.lines[i]
			if ln.kind != lineRelease {
				continue
			}
			y := float32(i)*g.rows.lineH - oy + stripInset
			for k, sp := range r.rowStrips(ln.row) {
				if sp.x1 <= ox || sp.x0 >= ox+w {
					continue
				}
				key := stripKey{ln.row, int32(k)}
				if pass == 0 {
					r.strips.claim(key)
				} else {
					r.strips.place(key, sp, sp.x0-ox, y, g.rows.lineH-2*stripInset)
				}
			}
		}
	}
}

// rowStrips returns the strips of a release row, laid out once per generation.
func (r *renderer) rowStrips(row int32) []stripSpan {
	spans, ok := r.strips.spans[row]
	if !ok {
		ri := &r.t.index.rows[row]
		spans = layoutStrips(&r.plane, ri, ri.lanes)
		r.strips.spans[row] = spans
	}
	return spans
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
	sz, ok := r.glyphs.measure(s, size, bold)
	if !ok {
		sz = fyne.MeasureText(s, size, fyne.TextStyle{Bold: bold})
	}
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

// textAt places a label vertically centred in a band starting at y of height
// h. A row partly hidden under the header or at the bottom gets no text
// rather than text spilling out of the chart.
func (r *renderer) textAt(l textSink, s string, x, y, h, maxW, size float32, c color.Color, bold bool) float32 {
	s, sz := r.fit(s, maxW, size, bold)
	if s == "" {
		return 0
	}
	ty := y + (h-sz.Height)/2
	if ty < r.clipTop || ty+sz.Height > r.clipBottom {
		return 0
	}
	l.text(s, x, ty, sz, size, c, bold)
	return sz.Width
}
