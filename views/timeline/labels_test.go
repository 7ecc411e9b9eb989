package timeline

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"slices"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// TestGlyphsMatchCanvasText paints labels with the glyphs and compares them,
// pixel by pixel, with the same texts drawn as canvas.Text by Fyne's own
// software painter over the same background.
func TestGlyphsMatchCanvasText(t *testing.T) {
	a := test.NewTempApp(t)
	bg := color.NRGBA{R: 0xf5, G: 0xf5, B: 0xf5, A: 0xff}
	for _, c := range []struct {
		text string
		size float32
		bold bool
		fg   color.Color
	}{
		{"3.1.0", 14, true, color.NRGBA{A: 0xff}},
		{"Invoice rework", 14, false, color.NRGBA{R: 0x60, G: 0x60, B: 0x60, A: 0xff}},
		{"In progress", 11, false, color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff}},
		{"Ünïcode — naïve…", 14, false, color.NRGBA{R: 0x20, G: 0x40, B: 0xa0, A: 0xff}},
	} {
		txt := canvas.NewText(c.text, c.fg)
		txt.TextSize, txt.TextStyle = c.size, fyne.TextStyle{Bold: c.bold}
		sz := txt.MinSize()
		txt.Move(fyne.NewPos(3, 2))
		txt.Resize(sz)
		back := canvas.NewRectangle(bg)
		w := test.NewTempWindow(t, container.NewStack(back, container.NewWithoutLayout(txt)))
		w.SetPadded(false)
		w.Resize(fyne.NewSize(sz.Width+8, sz.Height+6))
		want := w.Canvas().Capture()

		var g glyphs
		g.setTheme(a.Settings().Theme())
		if !g.supports(c.text, c.bold) {
			t.Fatalf("%q: the theme font should cover it", c.text)
		}
		got := image.NewRGBA(want.Bounds())
		draw.Draw(got, got.Rect, image.NewUniform(bg), image.Point{}, draw.Src)
		g.draw(&pixmap{img: got, scale: 1}, c.text, 3, 2, c.size, c.fg, c.bold)

		worst, differing := 0, 0
		b := want.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				p, q := color.NRGBAModel.Convert(want.At(x, y)).(color.NRGBA), color.NRGBAModel.Convert(got.At(x, y)).(color.NRGBA)
				d := max(absDiff(p.R, q.R), absDiff(p.G, q.G), absDiff(p.B, q.B))
				worst = max(worst, d)
				if d > 2 {
					differing++
				}
			}
		}
		if differing > 0 {
			t.Errorf("%q: %d pixels differ from canvas.Text (worst by %d)", c.text, differing, worst)
		}
	}
}

// TestGlyphsKeepRasterisedLabels checks that a label is rasterised once and
// painted again from the kept image, which is the image a fresh
// rasterisation gives, and that a new colour, size or theme makes a new one.
func TestGlyphsKeepRasterisedLabels(t *testing.T) {
	a := test.NewTempApp(t)
	var g glyphs
	g.setTheme(a.Settings().Theme())
	ink := color.NRGBA{R: 0x20, G: 0x40, B: 0xa0, A: 0xff}
	paint := func() *image.RGBA {
		img := image.NewRGBA(image.Rect(0, 0, 120, 30))
		g.draw(&pixmap{img: img, scale: 1}, "Production", 3.4, 5.6, 12, ink, false)
		return img
	}
	first := paint()
	kept := g.label("Production", 12, 1, ink, false)
	again := paint()
	if g.label("Production", 12, 1, ink, false) != kept || len(g.labels) != 1 {
		t.Fatalf("the label was rasterised again: %d kept", len(g.labels))
	}
	if !slices.Equal(first.Pix, again.Pix) {
		t.Error("painting from the kept label differs from the first painting")
	}
	g.labels = nil
	if fresh := paint(); !slices.Equal(fresh.Pix, again.Pix) {
		t.Error("the kept label differs from a fresh rasterisation")
	}
	for _, other := range []*image.RGBA{
		g.label("Production", 12, 1, color.NRGBA{R: 0xff, A: 0xff}, false),
		g.label("Production", 14, 1, ink, false),
		g.label("Production", 12, 2, ink, false),
		g.label("Production", 12, 1, ink, true),
	} {
		if other == nil || other == g.label("Production", 12, 1, ink, false) {
			t.Error("a label of another colour, size, scale or weight shares the image")
		}
	}
	// The kept pixels stay within their budget: past it, the labels go.
	for i := 0; g.labelBytes <= maxLabelBytes/2; i++ {
		g.label(strconv.Itoa(i)+" a label long enough to weigh a few kilobytes", 14, 1, ink, false)
	}
	n := len(g.labels)
	for i := range n {
		g.label("another label long enough to weigh a few kilobytes "+strconv.Itoa(i), 14, 1, ink, false)
		if g.labelBytes > maxLabelBytes {
			t.Fatalf("%d bytes of labels kept, more than %d", g.labelBytes, maxLabelBytes)
		}
	}
	if len(g.labels) >= 2*n {
		t.Errorf("%d labels kept: none was dropped", len(g.labels))
	}
	g.setTheme(variantTheme{a.Settings().Theme(), 1})
	if len(g.labels) != 0 {
		t.Errorf("a new theme keeps %d labels of the old fonts", len(g.labels))
	}
}

// TestGlyphsMeasureLikeFyne checks that the glyphs' own measurement, which
// fitting labels relies on, gives the sizes fyne.MeasureText gives.
func TestGlyphsMeasureLikeFyne(t *testing.T) {
	a := test.NewTempApp(t)
	var g glyphs
	g.setTheme(a.Settings().Theme())
	for _, s := range []string{"3.1.0", "Invoice rework", "In progress", "Ünïcode — naïve…", "Hotfix for battery drain in…",
		"Month view · 12 px/day", "W", ""} {
		for _, size := range []float32{11, 12, 14} {
			for _, bold := range []bool{false, true} {
				got, ok := g.measure(s, size, bold)
				if !ok {
					t.Fatalf("%q: the theme font should cover it", s)
				}
				if want := fyne.MeasureText(s, size, fyne.TextStyle{Bold: bold}); got != want {
					t.Errorf("%q at %v, bold %v: measured %v, fyne.MeasureText gives %v", s, size, bold, got, want)
				}
			}
		}
	}
	if _, ok := g.measure("税務", 14, false); ok {
		t.Error("a string the theme font lacks should be left to fyne.MeasureText")
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// liveTexts lists the texts drawn as canvas objects below the header, by content.
func liveTexts(tl *Timeline, r fyne.WidgetRenderer) map[string]*canvas.Text {
	out := map[string]*canvas.Text{}
	for _, o := range r.Objects() {
		if txt, ok := o.(*canvas.Text); ok && txt.Visible() && txt.Position().Y >= tl.geometry().headerH() {
			out[txt.Text] = txt
		}
	}
	return out
}

func TestLabelsArePaintedUnlessTheFontLacksARune(t *testing.T) {
	tl, _ := newSampleTimeline(t)
	rows := sampleRows()
	rows[1].Title = "税務エンジン" // no CJK in the theme font: a canvas.Text with the fallback fonts draws it
	tl.SetRows(rows)
	r := test.WidgetRenderer(tl)
	texts := liveTexts(tl, r)
	for _, s := range []string{"3.1.0", "Invoice rework", "Released", "Billing", "QA"} {
		if _, ok := texts[s]; ok {
			t.Errorf("%q is a canvas.Text; it should be painted into a tile or strip", s)
		}
	}
	txt, ok := texts["税務エンジン"]
	if !ok {
		t.Fatalf("the title the font cannot paint is not drawn; texts: %v", keys(texts))
	}
	// It sits where the painted title would: after the version, on its line.
	g := tl.geometry()
	line := int(tl.lineOfRow[1])
	if y := txt.Position().Y; y < g.rows.y(line) || y+txt.Size().Height > g.rows.y(line)+g.rows.lineH {
		t.Errorf("fallback title at y %v is outside its line [%v, %v)", y, g.rows.y(line), g.rows.y(line)+g.rows.lineH)
	}
	if x := txt.Position().X; x <= labelIndent || x >= g.labelW {
		t.Errorf("fallback title at x %v is outside the label column", x)
	}
}

// textOnLine finds a canvas text drawn on line i.
func textOnLine(tl *Timeline, r fyne.WidgetRenderer, i int, s string) (*canvas.Text, bool) {
	g := tl.geometry()
	for _, o := range r.Objects() {
		if txt, ok := o.(*canvas.Text); ok && txt.Visible() && txt.Text == s &&
			txt.Position().Y >= g.rows.y(i) && txt.Position().Y < g.rows.y(i)+g.rows.lineH {
			return txt, true
		}
	}
	return nil, false
}

func keys(m map[string]*canvas.Text) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestLabelTilesShowTheLabels checks on a captured frame that the label
// column shows its texts: the version of each visible release has dark
// pixels where it is laid out, and a line with no release has none.
func TestLabelTilesShowTheLabels(t *testing.T) {
	tl, w := newSampleTimeline(t)
	img := w.Canvas().Capture()
	g := tl.geometry()
	// inked counts the pixels that differ clearly from the line's background,
	// read at the column's right edge where no text reaches.
	inked := func(x0, y0, x1, y1 float32) int {
		bg := pixelAt(img, fyne.NewPos(g.labelW-2, y0))
		n := 0
		for y := int(y0); y < int(y1); y++ {
			for x := int(x0); x < int(x1); x++ {
				c := pixelAt(img, fyne.NewPos(float32(x), float32(y)))
				if absDiff(c.R, bg.R)+absDiff(c.G, bg.G)+absDiff(c.B, bg.B) > 60 {
					n++
				}
			}
		}
		return n
	}
	for row := range tl.rows {
		i := int(tl.lineOfRow[row])
		y := g.rows.y(i)
		if n := inked(labelIndent, y+4, labelIndent+30, y+g.rows.lineH-4); n < 20 {
			t.Errorf("release %s: %d inked pixels where its version should be", tl.rows[row].Label, n)
		}
	}
	if last := len(tl.lines); g.rows.y(last)+g.rows.lineH < g.height {
		y := g.rows.y(last)
		if n := inked(0, y+2, g.labelW-4, y+g.rows.lineH-2); n != 0 {
			t.Errorf("%d inked pixels below the last line", n)
		}
	}
}

func TestLongBarKeepsItsLabelInView(t *testing.T) {
	tl, _ := newSampleTimeline(t)
	r := test.WidgetRenderer(tl)
	// The view starts on 1 March; Dev of 3.1.0 runs from 28 February to 3
	// March, so its painted label is out of view: a canvas.Text follows the edge.
	dev, ok := liveTexts(tl, r)["Dev"]
	if !ok {
		t.Fatal("no Dev label at the left edge")
	}
	g := tl.geometry()
	if x := dev.Position().X; x != g.labelW+barLabelPad {
		t.Errorf("Dev label at x %v, want at the edge %v", x, g.labelW+barLabelPad)
	}
	// With the bar's start in view the strip shows it: no canvas text.
	tl.SetStart(at(time.February, 26, 0, 0))
	if _, ok := liveTexts(tl, r)["Dev"]; ok {
		t.Error("Dev is drawn twice: painted in its strip and as a canvas text")
	}
}

func TestLabelAfterABarShowsOnlyWhenWhollyInView(t *testing.T) {
	tl, _ := newSampleTimeline(t)
	r := test.WidgetRenderer(tl)
	rr := r.(*renderer)
	// The failed Prod deployment of 3.1.0 is too short for its label, which
	// follows the bar as a canvas text.
	ri := &tl.index.rows[0]
	var l barLabel
	for k := range ri.spans {
		if b := &tl.rows[0].Bars[ri.spans[k].bar]; b.ID == 13 {
			var ok bool
			if l, ok = rr.labelOf(ri, k, b); !ok || l.inside {
				t.Fatalf("Prod of 3.1.0: label %+v, placed %v; want it after the bar", l, ok)
			}
		}
	}
	line := int(tl.lineOfRow[0])
	if _, ok := textOnLine(tl, r, line, "Prod"); !ok {
		t.Fatal("the label after the Prod bar is not shown")
	}
	// Scrolled so that the label starts 10 px into the chart: still shown, there.
	tl.SetStart(rr.plane.scale.at(float64(l.x - 10)))
	txt, ok := textOnLine(tl, r, line, "Prod")
	if !ok {
		t.Fatal("the label is gone while wholly in view")
	}
	if want := tl.geometry().labelW + 10; math.Abs(float64(txt.Position().X-want)) > 1 {
		t.Errorf("label at x %v, want %v", txt.Position().X, want)
	}
	// Scrolled so that the left edge cuts it: not shown at all.
	tl.SetStart(rr.plane.scale.at(float64(l.x + l.w/2)))
	if _, ok := textOnLine(tl, r, line, "Prod"); ok {
		t.Error("a label cut by the left edge is shown")
	}
}

// BenchmarkLabelTilePaint measures painting one tile of the label column, the
// work a wheel step does on the main thread when new lines scroll in: the
// texts are measured, fitted and rasterised afresh each time.
func BenchmarkLabelTilePaint(b *testing.B) {
	test.NewTempApp(b)
	tl := NewTimeline()
	tl.Today = sampleToday
	tl.SetRows(syntheticRows(200, at(time.January, 1, 0, 0)))
	tl.Resize(fyne.NewSize(1280, 800))
	r := test.WidgetRenderer(tl).(*renderer)
	g := tl.geometry()
	st := &strip{key: stripKey{row: 1}, span: stripSpan{0, g.labelW}}
	w, h := int(g.labelW), int(labelTileLines*g.rows.lineH)
	b.ReportAllocs()
	for b.Loop() {
		clear(r.measured) // each tile holds new texts
		r.glyphs.labels = nil
		r.tiles.render(st, w, h)
	}
}
