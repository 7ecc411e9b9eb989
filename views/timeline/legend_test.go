package timeline

import (
	"image"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// legendWindow shows a legend of the sample chart, width wide, in a window of its own.
func legendWindow(t *testing.T, tl *Timeline, width float32) (*Legend, fyne.Window) {
	t.Helper()
	l := NewLegend(tl, true)
	w := test.NewTempWindow(t, container.NewWithoutLayout(l))
	w.SetPadded(false)
	l.Resize(fyne.NewSize(width, 10))
	l.Resize(fyne.NewSize(width, l.MinSize().Height))
	w.Resize(fyne.NewSize(width, l.MinSize().Height))
	return l, w
}

// TestLegendRowsLookLikeSwatchesAndWords draws the legend as it was drawn
// before its rows were painted, a raster per swatch and a canvas.Text per
// label at the places the legend's layout gives them, and compares the two
// pixel by pixel.
func TestLegendRowsLookLikeSwatchesAndWords(t *testing.T) {
	tl, _ := newSampleTimeline(t)
	tl.SetEnvironments(envNames)
	const width = 700 // wraps: three rows
	l, w := legendWindow(t, tl, width)
	r := test.WidgetRenderer(l).(*legendRenderer)
	if n := len(r.Objects()); n != r.shown || n < 2 {
		t.Fatalf("legend draws %d objects for %d rows; want one raster per row, several rows", n, r.shown)
	}
	got := w.Canvas().Capture()

	var objs []fyne.CanvasObject
	for i, it := range r.items {
		p := r.places[i]
		sw := canvas.NewRasterFromImage(it.swatchImage(1, &r.colors))
		sw.ScaleMode = canvas.ImageScalePixels
		sw.Move(p.AddXY(0, r.swatchTop()))
		sw.Resize(fyne.NewSize(swatchW, swatchH))
		txt := &canvas.Text{Text: it.Label, Color: r.colors.foreground, TextSize: r.colors.captionSize}
		txt.Move(p.AddXY(swatchW+legendGap, 0))
		txt.Resize(fyne.NewSize(txt.MinSize().Width, r.rowH))
		objs = append(objs, sw, txt)
	}
	ref := test.NewTempWindow(t, container.NewWithoutLayout(objs...))
	ref.SetPadded(false)
	ref.Resize(w.Canvas().Size())
	want := ref.Canvas().Capture()

	if got.Bounds() != want.Bounds() {
		t.Fatalf("captures differ in size: %v and %v", got.Bounds(), want.Bounds())
	}
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
		t.Errorf("%d pixels of the legend differ from swatches and canvas texts (worst by %d)", differing, worst)
	}
}

// TestLegendKeepsWordsTheFontLacksAsTexts checks that a label the theme font
// cannot paint is still shown, as a canvas.Text where the painted words go,
// and that the rows follow a new width and a new set of items.
func TestLegendKeepsWordsTheFontLacksAsTexts(t *testing.T) {
	tl, _ := newSampleTimeline(t)
	names := []string{"Dev", "検証", "Staging", "Prod"}
	tl.SetEnvironments(names)
	l, _ := legendWindow(t, tl, 2000)
	r := test.WidgetRenderer(l).(*legendRenderer)
	var texts []*canvas.Text
	for _, o := range r.Objects() {
		if txt, ok := o.(*canvas.Text); ok {
			texts = append(texts, txt)
		}
	}
	if len(texts) != 1 || texts[0].Text != "検証" {
		t.Fatalf("live texts %v; want only the label the font lacks", texts)
	}
	i := 1 // the second environment's entry
	if want := r.places[i].AddXY(swatchW+legendGap, 0); texts[0].Position() != want {
		t.Errorf("the live label is at %v, want %v", texts[0].Position(), want)
	}
	if r.shown != 1 {
		t.Errorf("%d rows at 2000 wide, want 1", r.shown)
	}
	l.Resize(fyne.NewSize(300, l.MinSize().Height))
	if r.shown < 2 || len(r.Objects()) != r.shown+1 {
		t.Errorf("at 300 wide: %d rows, %d objects", r.shown, len(r.Objects()))
	}
	// The rows paint what the layout placed: a swatch's colour where it is.
	img := r.paintRow(0, int(r.rows[0].Size().Width), int(r.rowH)).(*image.RGBA)
	p := r.places[0]
	c := img.RGBAAt(int(p.X+swatchW/2), int(p.Y+r.rowH/2))
	if want := color.RGBAModel.Convert(styleOf(0).solid).(color.RGBA); c != want {
		t.Errorf("the first swatch is painted %v, want %v", c, want)
	}
}
