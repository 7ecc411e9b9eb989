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
	theme      fyne.Theme
	failed     fyne.Theme    // a theme whose font could not be read: not tried again
	gen        uint64        // counts font changes, so painted labels know to repaint
	faces      [2]*font.Face // regular, bold; nil when the font cannot be read
	shaper     shaping.HarfbuzzShaper
	seg        shaping.Segmenter
	render     render.Renderer
	runes      []rune
	labels     map[labelKey]*image.RGBA // rasterised labels, premultiplied, which the rasteriser fills fastest
	labelBytes int                      // pixels kept in labels
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
		g.theme, g.faces, g.labels, g.labelBytes = th, [2]*font.Face{}, nil, 0
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
	img := g.label(s, size, pm.scale, c, bold)
	if img == nil {
		return
	}
	// Placed on whole device pixels, like a texture.
	px := int(math.Round(float64((x - pm.ox) * pm.scale)))
	py := int(math.Round(float64((y - pm.oy) * pm.scale)))
	draw.Draw(pm.img, img.Rect.Add(image.Pt(px, py)), img, image.Point{}, draw.Over)
}

// maxLabelBytes bounds the pixels of the rasterised labels kept; they are
// all dropped when a new one would pass it.
const maxLabelBytes = 2 << 20

// labelKey names a rasterised label: its image depends on nothing else.
type labelKey struct {
	s           string
	size, scale float32
	c           color.RGBA64
	bold        bool
}

// label returns s rasterised in colour c, as the painter makes a text
// texture: an image of the text's own size, baseline at the rounded-up
// ascent; nil when there is nothing to paint. Labels are kept, since the
// same words come back as the view moves: the axis's ticks in every
// sideways step, the environments' names on the bars, rows scrolled back.
func (g *glyphs) label(s string, size, scale float32, c color.Color, bold bool) *image.RGBA {
	key := labelKey{s, size, scale, color.RGBA64Model.Convert(c).(color.RGBA64), bold}
	if img, ok := g.labels[key]; ok {
		return img
	}
	f := g.face(bold)
	if f == nil || s == "" {
		return nil
	}
	g.runes = append(g.runes[:0], []rune(s)...)
	in := shaping.Input{
		Text: g.runes, RunStart: 0, RunEnd: len(g.runes),
		Direction: di.DirectionLTR, Face: f, Size: fixed.Int26_6(float64(size) * 64),
	}
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
		return nil
	}
	w := int(math.Ceil(float64(advance))) + 2
	h := int(math.Ceil(float64(float32(bounds.LineThickness()) / 64 * scale)))
	if w <= 0 || h <= 0 {
		return nil
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	g.render.FontSize, g.render.PixScale, g.render.Color = size, scale, c
	base := int(math.Ceil(float64(float32(bounds.Ascent) / 64 * scale)))
	pen := float32(0)
	for _, run := range runs {
		g.render.DrawShapedRunAt(run, img, int(pen), base)
		pen += float32(run.Advance) / 64 * scale
	}
	if g.labels == nil || g.labelBytes+len(img.Pix) > maxLabelBytes {
		g.labels, g.labelBytes = make(map[labelKey]*image.RGBA), 0
	}
	g.labels[key] = img
	g.labelBytes += len(img.Pix)
	return img
}
