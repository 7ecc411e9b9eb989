package timeline

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"math"

	"fyne.io/fyne/v2"
	"github.com/go-text/render"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// glyphs writes single-line labels into pixmaps with the theme's regular and
// bold fonts, shaped and rasterised as Fyne's painter draws a canvas.Text:
// HarfBuzz shaping at the same size, each run rasterised into an image of
// the text's own size, baseline at the rounded-up ascent. Labels painted
// into cached strips and tiles then look like the texts around them while
// costing no canvas object each. A string with a rune the theme font lacks
// is left to a canvas.Text, whose painter has the fallback fonts.
type glyphs struct {
	theme  fyne.Theme
	failed fyne.Theme    // a theme whose font could not be read: not tried again
	gen    uint64        // counts font changes, so painted labels know to repaint
	faces  [2]*font.Face // regular, bold; nil when the font cannot be read
	shaper shaping.HarfbuzzShaper
	seg    shaping.Segmenter
	render render.Renderer
	runes  []rune
	img    *image.RGBA // scratch for one label: premultiplied, which the rasteriser fills fastest
}

// face returns the theme font of a style, loading it on first use.
func (g *glyphs) face(bold bool) *font.Face {
	i := 0
	if bold {
		i = 1
	}
	if g.faces[i] == nil && g.theme != nil {
		res := g.theme.Font(fyne.TextStyle{Bold: bold})
		if res == nil {
			return nil
		}
		f, err := font.ParseTTF(bytes.NewReader(res.Content()))
		if err != nil {
			fyne.LogError("timeline: reading the theme font", err)
			g.failed, g.theme = g.theme, nil // canvas texts draw every label of this theme
			g.gen++
			return nil
		}
		g.faces[i] = f
	}
	return g.faces[i]
}

// setTheme starts using the fonts of th.
func (g *glyphs) setTheme(th fyne.Theme) {
	if g.theme != th && g.failed != th {
		g.theme, g.faces = th, [2]*font.Face{}
		g.gen++
		// A zero shaper keeps no fonts: it would build each face's HarfBuzz
		// tables for every label. Room for the regular and the bold face.
		g.shaper.SetFontCacheSize(2)
	}
}

// supports reports whether s can be painted: one line, every rune in the
// theme font.
func (g *glyphs) supports(s string, bold bool) bool {
	f := g.face(bold)
	if f == nil {
		return false
	}
	for _, r := range s {
		if r == '\t' || r == '\n' || r == '\r' {
			return false
		}
		if _, ok := f.NominalGlyph(r); !ok {
			return false
		}
	}
	return true
}

// measure returns the size fyne.MeasureText gives a string the glyphs
// support: the sum of the shaped advances, as wide as the text, and the line
// height of the font at that size. Fyne's own measurement builds a new
// shaper, and with it the font's lookup tables, for every string; the
// labels' fitting measures many, so the glyphs' shaper is reused instead.
// ok is false when the glyphs cannot shape s.
func (g *glyphs) measure(s string, size float32, bold bool) (sz fyne.Size, ok bool) {
	if !g.supports(s, bold) {
		return fyne.Size{}, false
	}
	f := g.face(bold)
	g.runes = append(g.runes[:0], []rune(s)...)
	in := shaping.Input{
		Text: g.runes, RunStart: 0, RunEnd: len(g.runes),
		Direction: di.DirectionLTR, Face: f, Size: fixed.Int26_6(float64(size) * 64),
	}
	var advance fixed.Int26_6
	for _, part := range g.seg.Split(in, oneFace{f}) {
		advance += g.shaper.Shape(part).Advance
	}
	// The height is that of a space, as Fyne measures it.
	in.Text, in.RunEnd = []rune{' '}, 1
	bounds := g.shaper.Shape(in).LineBounds
	return fyne.NewSize(float32(float64(advance)/64), float32(float64(bounds.LineThickness())/64)), true
}

// oneFace maps every rune to the same face.
type oneFace struct{ f *font.Face }

func (o oneFace) ResolveFace(rune) *font.Face { return o.f }

// draw paints s in colour c with its top-left at logical (x, y), the text
// box's position as a canvas.Text would have it. The caller has checked
// supports.
func (g *glyphs) draw(pm *pixmap, s string, x, y, size float32, c color.Color, bold bool) {
	f := g.face(bold)
	if f == nil || s == "" {
		return
	}
	g.runes = append(g.runes[:0], []rune(s)...)
	in := shaping.Input{
		Text: g.runes, RunStart: 0, RunEnd: len(g.runes),
		Direction: di.DirectionLTR, Face: f, Size: fixed.Int26_6(float64(size) * 64),
	}
	scale := pm.scale
	var runs []shaping.Output
	advance := float32(0)
	var bounds shaping.Bounds
	for _, part := range g.seg.Split(in, oneFace{f}) {
		out := g.shaper.Shape(part)
		runs = append(runs, out)
		advance += float32(out.Advance) / 64 * scale
		bounds = out.LineBounds
	}
	if len(runs) == 0 {
		return
	}
	// The label's own image, as the painter makes a text texture.
	w := int(math.Ceil(float64(advance))) + 2
	h := int(math.Ceil(float64(float32(bounds.LineThickness()) / 64 * scale)))
	if w <= 0 || h <= 0 {
		return
	}
	if g.img == nil || g.img.Rect.Dx() < w || g.img.Rect.Dy() < h {
		ow, oh := 256, 32
		if g.img != nil {
			ow, oh = g.img.Rect.Dx(), g.img.Rect.Dy()
		}
		g.img = image.NewRGBA(image.Rect(0, 0, max(w, ow), max(h, oh)))
	}
	img := g.img.SubImage(image.Rect(0, 0, w, h)).(*image.RGBA)
	for row := 0; row < h; row++ {
		clear(img.Pix[row*img.Stride : row*img.Stride+w*4])
	}
	g.render.FontSize, g.render.PixScale, g.render.Color = size, scale, c
	base := int(math.Ceil(float64(float32(bounds.Ascent) / 64 * scale)))
	pen := float32(0)
	for _, run := range runs {
		g.render.DrawShapedRunAt(run, img, int(pen), base)
		pen += float32(run.Advance) / 64 * scale
	}
	// Placed on whole device pixels, like a texture.
	px := int(math.Round(float64((x - pm.ox) * scale)))
	py := int(math.Round(float64((y - pm.oy) * scale)))
	dst := image.Rect(px, py, px+w, py+h)
	draw.Draw(pm.img, dst, img, image.Point{}, draw.Over)
}
