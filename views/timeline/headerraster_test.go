package timeline

import (
	"image"
	"image/color"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// headerObjects lists the visible canvas texts drawn in the header.
func headerObjects(tl *Timeline, r fyne.WidgetRenderer) []string {
	var out []string
	for _, o := range r.Objects() {
		if txt, ok := o.(*canvas.Text); ok && txt.Visible() && txt.Position().Y < tl.geometry().headerH() {
			out = append(out, txt.Text)
		}
	}
	return out
}

func TestHeaderRasterIsPaintedAgainOnlyWhenTheAxisChanges(t *testing.T) {
	tl, _ := newSampleTimeline(t)
	r := test.WidgetRenderer(tl).(*renderer)
	step := func(what string, act func(), repaint bool) {
		t.Helper()
		before, texts := r.head.repaint, slices.Clone(r.head.paintedTexts())
		act()
		if got := r.head.repaint != before; got != repaint {
			t.Errorf("%s: painted again %v, want %v", what, got, repaint)
		}
		if !repaint && !slices.Equal(texts, r.head.paintedTexts()) {
			t.Errorf("%s: texts changed without a repaint", what)
		}
	}
	tl.SetRows(syntheticRows(200, at(time.January, 1, 0, 0))) // enough lines to scroll
	tl.SetStart(at(time.March, 1, 0, 0))
	for range 3 {
		before := tl.ScrollOffset()
		step("scroll down", func() { tl.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -25}}) }, false)
		if tl.ScrollOffset() == before {
			t.Fatal("the chart did not scroll")
		}
	}
	step("hover", func() { tl.hovered = tl.hitAt(fyne.NewPos(400, 120)); tl.Refresh() }, false)
	step("select", func() { tl.Select(2, 23) }, false)
	step("scroll sideways", func() { tl.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DX: -40}}) }, true)
	step("zoom", func() { tl.SetZoom(ZoomMonth) }, true)
	step("theme", func() {
		fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
		tl.Refresh()
	}, true)
	step("resize", func() { tl.Resize(tl.Size().AddWidthHeight(-100, 0)) }, true)
}

func TestHeaderTextsArePaintedIntoTheRaster(t *testing.T) {
	tl, _ := newSampleTimeline(t)
	tl.SetEnvironments([]string{"Dev", "検証", "Staging", "Prod"})
	r := test.WidgetRenderer(tl).(*renderer)
	painted := r.head.paintedTexts()
	for _, s := range []string{"Releases", "Week view · 48 px/day", "March 2025", "Mon 3", "Dev", "Staging"} {
		if !slices.Contains(painted, s) {
			t.Errorf("the header raster does not paint %q; it paints %q", s, painted)
		}
	}
	// Only what sits over a freeze band or the today chip, and the name the
	// theme font lacks, stay canvas texts.
	live := headerObjects(tl, r)
	want := []string{"検証", "Today"}
	for i := range tl.freezes {
		if n := r.freezeName(&tl.freezes[i]); slices.Contains(live, n) {
			want = append(want, n)
		}
	}
	slices.Sort(live)
	slices.Sort(want)
	if !slices.Equal(live, want) {
		t.Errorf("canvas texts in the header %q, want %q", live, want)
	}

	// The raster shows the band, and the words where textAt placed them.
	rast := r.head.raster
	img := rast.Generator(int(rast.Size().Width), int(rast.Size().Height)).(*image.RGBA)
	band := color.RGBAModel.Convert(r.colors.header).(color.RGBA)
	var words *headerText
	for i := range r.head.look.texts {
		if r.head.look.texts[i].s == "Releases" {
			words = &r.head.look.texts[i]
		}
	}
	sz := r.measure("Releases", words.size, true)
	inked := 0
	for y := int(words.y); y < int(words.y+sz.Height); y++ {
		for x := int(words.x); x < int(words.x+sz.Width); x++ {
			if img.RGBAAt(x, y) != band {
				inked++
			}
		}
	}
	if inked < 50 {
		t.Errorf("only %d pixels of %q differ from the band", inked, "Releases")
	}
	if c := img.RGBAAt(int(words.x+sz.Width)+3, int(words.y+sz.Height/2)); c != band {
		t.Errorf("past the words the raster is %v, want the band %v", c, band)
	}
}

// BenchmarkHeaderRasterPaint measures painting the header raster, the work a
// sideways scroll step adds to a frame.
func BenchmarkHeaderRasterPaint(b *testing.B) {
	test.NewTempApp(b)
	tl := NewTimeline()
	tl.Today = sampleToday
	tl.SetRows(syntheticRows(200, at(time.January, 1, 0, 0)))
	tl.SetFreezes(sampleFreezes())
	tl.Resize(fyne.NewSize(1280, 800))
	tl.SetZoom(ZoomMonth)
	tl.SetStart(benchStart)
	r := test.WidgetRenderer(tl).(*renderer)
	size := r.head.raster.Size()
	b.ReportAllocs()
	for b.Loop() {
		r.head.render(int(size.Width), int(size.Height))
	}
	b.ReportMetric(float64(len(r.head.look.texts)), "texts")
}
