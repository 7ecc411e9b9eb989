package timeline

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// A picture of the chart is the chart's own drawing, made without a
// display: a renderer of its own lays out the canvas objects for the size
// asked, exactly as on screen, and paintObjects paints them with the
// pixmap and glyphs that already paint the strips and label tiles. The
// strips, arrows and label tiles are the very images the screen shows.

// offscreenSetup is what a renderer drawing a picture needs that a canvas would give.
type offscreenSetup struct {
	scale   float32 // device pixels per logical unit
	caption string  // under "Releases" in the corner, instead of the zoom
}

// newOffscreenRenderer returns a renderer of t for pictures at scale.
func newOffscreenRenderer(t *Timeline, scale float32, caption string) *renderer {
	r := newRenderer(t)
	r.offscreen = &offscreenSetup{scale: scale, caption: caption}
	return r
}

// paintObjects paints what the last draw placed, bottom to top, into pm,
// whose origin is the widget's top-left.
func (r *renderer) paintObjects(pm *pixmap) {
	for _, o := range r.objects {
		r.paintObject(pm, o, pm.img.Rect)
	}
}

// paintObject paints one canvas object the renderer uses, with its
// children when it is a clip layer of strips, inside clip (device pixels).
func (r *renderer) paintObject(pm *pixmap, o fyne.CanvasObject, clip image.Rectangle) {
	if !o.Visible() {
		return
	}
	pos, size := o.Position(), o.Size()
	switch v := o.(type) {
	case *canvas.Rectangle:
		x0, y0, x1, y1 := pos.X, pos.Y, pos.X+size.Width, pos.Y+size.Height
		if v.StrokeColor != nil && v.StrokeWidth > 0 {
			pm.box(x0, y0, x1, y1, v.FillColor, v.StrokeColor, v.StrokeWidth)
		} else {
			pm.roundBox(x0, y0, x1, y1, v.CornerRadius, v.FillColor)
		}
	case *canvas.Line:
		pm.segment(point{v.Position1.X, v.Position1.Y}, point{v.Position2.X, v.Position2.Y}, v.StrokeWidth, v.StrokeColor)
	case *canvas.Polygon:
		radius := min(size.Width, size.Height) / 2
		pm.polygon(regularPolygon(pos.X+size.Width/2, pos.Y+size.Height/2, radius, v.Sides, v.Angle), v.FillColor)
	case *canvas.Text:
		// A rune the theme font lacks shows as that font's missing-glyph box.
		r.glyphs.draw(pm, v.Text, pos.X, pos.Y, v.TextSize, v.Color, v.TextStyle.Bold)
	case *canvas.Raster:
		pm.drawRaster(v, pos, clip)
	case *clipLayer:
		inner := clip.Intersect(pm.deviceRect(pos.X, pos.Y, pos.X+size.Width, pos.Y+size.Height))
		for _, child := range v.objects {
			if rast, ok := child.(*canvas.Raster); ok && rast.Visible() {
				p := rast.Position().Add(pos)
				pm.drawRaster(rast, p, inner)
			}
		}
	}
}

// deviceRect returns the device pixels of a logical rectangle.
func (p *pixmap) deviceRect(x0, y0, x1, y1 float32) image.Rectangle {
	ix0, ix1 := p.span(x0, x1, p.ox)
	iy0, iy1 := p.span(y0, y1, p.oy)
	return image.Rect(ix0, iy0, ix1, iy1)
}

// drawRaster composites the image a raster generates at its size in
// device pixels, with its top-left at the logical position at, inside clip.
func (p *pixmap) drawRaster(rast *canvas.Raster, at fyne.Position, clip image.Rectangle) {
	size := rast.Size()
	w, h := int(math.Round(float64(size.Width*p.scale))), int(math.Round(float64(size.Height*p.scale)))
	if w <= 0 || h <= 0 || rast.Generator == nil {
		return
	}
	src := rast.Generator(w, h)
	x := int(math.Round(float64((at.X - p.ox) * p.scale)))
	y := int(math.Round(float64((at.Y - p.oy) * p.scale)))
	dst := image.Rect(x, y, x+w, y+h).Intersect(clip)
	if dst.Empty() {
		return
	}
	draw.Draw(p.img, dst, src, src.Bounds().Min.Add(dst.Min.Sub(image.Pt(x, y))), draw.Over)
}

// lightTheme keeps a theme on its light variant whatever the system
// prefers: pictures go on slides and paper.
type lightTheme struct{ fyne.Theme }

func (l lightTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return l.Theme.Color(n, theme.VariantLight)
}

// usePictureTheme gives t the light default theme, whatever the window uses.
func usePictureTheme(t *Timeline) {
	container.NewThemeOverride(t, lightTheme{theme.DefaultTheme()})
}

// PictureFonts returns the regular and bold fonts the picture writes its
// texts in, for a document that sets its own words beside it in the same face.
func PictureFonts() (regular, bold []byte) {
	th := theme.DefaultTheme()
	return th.Font(fyne.TextStyle{}).Content(), th.Font(fyne.TextStyle{Bold: true}).Content()
}
