package timeline

import (
	"image"
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// headerRaster paints the header's band and its steady texts, the time
// axis's two tiers and the corner's words, into one raster under the rest
// of the chart. On software OpenGL each of those texts was a textured draw
// call in every frame, and the band a full-width fill besides; they change
// only when the view moves sideways, zooms, resizes or changes theme, so a
// vertical scroll draws the raster it has. The freeze names and the today
// chip stay canvas objects: they sit over freeze bands and the chip, which
// are drawn over the raster. A text the theme font cannot paint is a
// canvas.Text of the top layer, in the same place.
type headerRaster struct {
	raster   *canvas.Raster
	glyphs   *glyphs
	fallback *layer
	texts    []headerText // placed during this draw
	look     headerLook   // what the raster shows
	scratch  []uint8      // the painter copies the image into a texture at once
	repaint  int          // times the raster was sent for painting, to check a vertical scroll keeps it
}

// headerText is one text the raster paints, as textAt placed it.
type headerText struct {
	s          string
	x, y, size float32
	c          color.Color
	bold       bool
}

// headerLook is everything the raster's picture depends on.
type headerLook struct {
	texts []headerText
	band  color.Color
	size  fyne.Size
	pix   float32
}

func newHeaderRaster(g *glyphs, fallback *layer) *headerRaster {
	h := &headerRaster{glyphs: g, fallback: fallback}
	h.raster = &canvas.Raster{ScaleMode: canvas.ImageScalePixels, Generator: h.render}
	return h
}

// begin starts collecting the texts of one draw.
func (h *headerRaster) begin() {
	h.texts = h.texts[:0]
}

// text takes a text the header places: painted when the glyphs can, a canvas.Text otherwise.
func (h *headerRaster) text(s string, x, y float32, sz fyne.Size, size float32, c color.Color, bold bool) {
	if !h.glyphs.supports(s, bold) {
		h.fallback.text(s, x, y, sz, size, c, bold)
		return
	}
	h.texts = append(h.texts, headerText{s, x, y, size, c, bold})
}

// end places the raster over the header's area and has it painted again
// when what it would show changed.
func (h *headerRaster) end(size fyne.Size, band color.Color, pix float32) {
	l := &h.look
	if size != l.size || band != l.band || pix != l.pix || !slices.Equal(h.texts, l.texts) {
		l.texts = append(l.texts[:0], h.texts...)
		l.band, l.size, l.pix = band, size, pix
		h.raster.Resize(size)
		h.raster.Refresh()
		h.repaint++
	}
	h.raster.Move(fyne.Position{})
}

// render paints the band and the texts into a w×h image.
func (h *headerRaster) render(w, ht int) image.Image {
	w, ht = max(w, 1), max(ht, 1)
	if n := w * ht * 4; cap(h.scratch) < n {
		h.scratch = make([]uint8, n)
	}
	img := &image.RGBA{Pix: h.scratch[:w*ht*4], Stride: w * 4, Rect: image.Rect(0, 0, w, ht)}
	clear(img.Pix)
	l := &h.look
	if l.pix <= 0 {
		return img
	}
	pm := &pixmap{img: img, scale: l.pix}
	pm.fill(0, 0, l.size.Width, l.size.Height, l.band)
	for _, t := range l.texts {
		h.glyphs.draw(pm, t.s, t.x, t.y, t.size, t.c, t.bold)
	}
	return img
}

// paintedTexts lists the texts the raster paints, for tests.
func (h *headerRaster) paintedTexts() []string {
	var out []string
	for _, t := range h.look.texts {
		out = append(out, t.s)
	}
	return out
}
