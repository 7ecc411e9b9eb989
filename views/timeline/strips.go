package timeline

import (
	"cmp"
	"image"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// Strip sizing: bars closer than stripGap share a strip, since on software
// OpenGL a draw call costs about as much as shading a few thousand pixels;
// a strip is at most maxStripWidth wide to keep its texture small.
const (
	stripGap      = 64
	maxStripWidth = 1024
)

// maxSpareStrips is how many hidden strips are kept for scrolling back.
const maxSpareStrips = 48

// clipLayer is a bare widget whose renderer clips its children to its own
// bounds, so strips can reach past the chart area without spilling into the
// label column or the header.
type clipLayer struct {
	widget.BaseWidget
	objects []fyne.CanvasObject
}

func newClipLayer() *clipLayer {
	c := &clipLayer{}
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer returns a renderer that only clips: the strip set positions the children.
func (c *clipLayer) CreateRenderer() fyne.WidgetRenderer { return clipRenderer{c} }

type clipRenderer struct{ c *clipLayer }

func (clipRenderer) Destroy()                       {}
func (clipRenderer) Layout(fyne.Size)               {}
func (clipRenderer) MinSize() fyne.Size             { return fyne.Size{} }
func (r clipRenderer) Objects() []fyne.CanvasObject { return r.c.objects }
func (clipRenderer) Refresh()                       {}

// IsClip tells the painter to clip the children to the layer.
func (clipRenderer) IsClip() {}

// stripSpan is a horizontal run of a release line holding bars or its
// release diamond, in plane coordinates, snapped outwards to whole pixels.
type stripSpan struct{ x0, x1 float32 }

// stripKey names a strip: the release row and its index among the row's strips.
type stripKey struct {
	row int32
	idx int32
}

// strip is one cached texture holding part of a release line.
type strip struct {
	raster *canvas.Raster
	key    stripKey
	span   stripSpan
	gen    uint64 // content generation painted
	used   uint64 // draw in which it was last placed
}

// stripSet shows parts of the chart as cached raster strips in a clip layer:
// the bars, diamonds and bar labels of the visible release lines, and the
// label column in tiles of a few lines. Scrolling only moves the strips; a
// strip is painted again only when it comes into view or the content changes.
type stripSet struct {
	layer   *clipLayer
	strips  []*strip
	byKey   map[stripKey]*strip
	spans   map[int32][]stripSpan // strips of each row laid out this generation
	gen     uint64
	draw    uint64
	scratch []uint8
	spares  []*strip       // reused by end
	repaint int            // strips sent for painting again, to check scrolling only moves them
	top     float32        // the y, in what paint draws, of a strip's top edge
	pix     func() float32 // device pixels per logical unit
	paint   func(pm *pixmap, s *strip)
}

// newStripSet returns a set whose strips are painted by paint; top is where
// a strip's image starts in the coordinates paint draws in.
func newStripSet(top float32, pix func() float32, paint func(*pixmap, *strip)) *stripSet {
	return &stripSet{layer: newClipLayer(), byKey: map[stripKey]*strip{}, spans: map[int32][]stripSpan{}, gen: 1,
		top: top, pix: pix, paint: paint}
}

// invalidate forgets the layout and marks every strip for painting again.
func (s *stripSet) invalidate() {
	s.gen++
	clear(s.spans)
}

// begin starts placing the strips of one draw, with the layer at pos and size.
func (s *stripSet) begin(pos fyne.Position, size fyne.Size) {
	s.draw++
	s.layer.Move(pos)
	s.layer.Resize(size)
}

// claim keeps the strip of key, if it exists, from being handed out for
// another during this draw. Call it for every visible key before place.
func (s *stripSet) claim(key stripKey) {
	if st, ok := s.byKey[key]; ok {
		st.used = s.draw
	}
}

// place shows the strip of key for span at (x, y) in the layer.
func (s *stripSet) place(key stripKey, span stripSpan, x, y, h float32) {
	st, ok := s.byKey[key]
	if !ok {
		for _, c := range s.strips {
			if c.used != s.draw && (st == nil || c.used < st.used) {
				st = c
			}
		}
		if st == nil {
			st = s.newStrip()
		} else {
			delete(s.byKey, st.key)
		}
		st.key, st.gen = key, 0
		s.byKey[key] = st
	}
	size := fyne.NewSize(span.x1-span.x0, h)
	if st.gen != s.gen || st.span != span || st.raster.Size() != size {
		st.span, st.gen = span, s.gen
		st.raster.Resize(size)
		st.raster.Refresh() // drop the texture of what it showed before
		s.repaint++
	}
	st.used = s.draw
	st.raster.Move(fyne.NewPos(x, y))
	if !st.raster.Visible() {
		st.raster.Show()
	}
}

// end hides the strips this draw did not place and forgets the oldest spares.
func (s *stripSet) end() {
	clear(s.spares) // no hold on strips forgotten last time
	spares := s.spares[:0]
	for _, st := range s.strips {
		if st.used == s.draw {
			continue
		}
		if st.raster.Visible() {
			st.raster.Hide()
		}
		spares = append(spares, st)
	}
	s.spares = spares
	if len(spares) <= maxSpareStrips {
		return
	}
	slices.SortFunc(spares, func(a, b *strip) int { return cmp.Compare(a.used, b.used) })
	for _, st := range spares[:len(spares)-maxSpareStrips] {
		if s.byKey[st.key] == st {
			delete(s.byKey, st.key)
		}
		i := slices.Index(s.strips, st)
		s.strips = slices.Delete(s.strips, i, i+1)
		s.layer.objects = slices.Delete(s.layer.objects, i, i+1)
	}
}

// newStrip adds a strip whose raster paints whatever the strip holds when drawn.
func (s *stripSet) newStrip() *strip {
	st := &strip{}
	st.raster = &canvas.Raster{ScaleMode: canvas.ImageScalePixels, Generator: func(w, h int) image.Image {
		return s.render(st, w, h)
	}}
	s.strips = append(s.strips, st)
	s.layer.objects = append(s.layer.objects, st.raster)
	return st
}

// render paints a strip into a w×h image. The painter copies the pixels into
// a texture at once, so one scratch buffer serves every strip.
func (s *stripSet) render(st *strip, w, h int) image.Image {
	n := w * h * 4
	if cap(s.scratch) < n {
		s.scratch = make([]uint8, n)
	}
	img := &image.RGBA{Pix: s.scratch[:n], Stride: w * 4, Rect: image.Rect(0, 0, w, h)}
	pm := &pixmap{img: img, scale: s.pix(), ox: st.span.x0, oy: s.top}
	pm.clear()
	s.paint(pm, st)
	return img
}

// visible lists the shown strips, for tests.
func (s *stripSet) visible() []*strip {
	var out []*strip
	for _, st := range s.strips {
		if st.raster.Visible() {
			out = append(out, st)
		}
	}
	return out
}

// layoutStrips groups the bars and the release diamond of a row into strips:
// runs closer than stripGap merge, and long runs are cut at maxStripWidth.
func layoutStrips(p *plane, ri *rowIndex, lanes uint8) []stripSpan {
	runs := make([]stripSpan, 0, len(ri.spans)+1)
	for _, s := range ri.spans {
		x0, _, x1, _ := boxOf(p.x(s.from), p.x(s.to), 0, p.lineH, s.lane, lanes)
		runs = append(runs, stripSpan{x0 - conflictMargin, x1 + conflictMargin})
	}
	if !ri.milestone.IsZero() {
		x := p.x(ri.milestone)
		runs = append(runs, stripSpan{x - milestoneSize/2 - 1, x + milestoneSize/2 + 1})
	}
	runs = append(runs, releaseRuns(p, ri)...)
	return mergeRuns(runs, p.pix)
}

// conflictMargin is how far the conflict outline reaches outside a bar.
const conflictMargin = 3

// stripInset is the space above and below a strip inside its line: the lane
// area less the conflict outline's margin.
const stripInset = barInset - conflictMargin
