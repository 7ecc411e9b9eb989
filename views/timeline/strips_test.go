package timeline

import (
	"image"
	"image/color"
	"math"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func TestLayoutStrips(t *testing.T) {
	t.Parallel()
	origin := at(time.March, 1, 0, 0)
	p := &plane{scale: scale{origin: origin, ppd: 48}, lineH: 28}
	// day returns the instant d days (fractional) after the origin.
	day := func(d float64) time.Time { return origin.Add(daysToDuration(d)) }
	sp := func(from, to float64) span { return span{from: day(from), to: day(to)} }
	m := float32(conflictMargin)
	tests := []struct {
		name      string
		spans     []span
		milestone float64 // day of the release diamond, 0 for none
		want      []stripSpan
	}{
		{"nothing", nil, 0, nil},
		{"one bar, widened by the outline margin", []span{sp(1, 2)}, 0,
			[]stripSpan{{48 - m, 96 + m}}},
		{"bars closer than the gap share a strip", []span{sp(1, 2), sp(3, 4)}, 0,
			[]stripSpan{{48 - m, 192 + m}}},
		{"bars further apart get their own", []span{sp(1, 2), sp(5, 6)}, 0,
			[]stripSpan{{48 - m, 96 + m}, {240 - m, 288 + m}}},
		{"the diamond joins a bar next to it", []span{sp(1, 2)}, 2.5, func() []stripSpan {
			right := float32(2.5*48 + milestoneSize/2 + 1)
			return []stripSpan{{48 - m, float32(math.Ceil(float64(right)))}}
		}()},
		{"a lone diamond", nil, 10, func() []stripSpan {
			c := float32(480)
			return []stripSpan{{float32(math.Floor(float64(c - milestoneSize/2 - 1))), float32(math.Ceil(float64(c + milestoneSize/2 + 1)))}}
		}()},
		{"a tiny bar is as wide as the narrowest bar", []span{sp(1, 1)}, 0,
			[]stripSpan{{48 - m, 48 + minBarWidth + m}}},
		{"a long bar is cut into strips no wider than the limit", []span{sp(0, 50)}, 0,
			[]stripSpan{{-m, -m + maxStripWidth}, {-m + maxStripWidth, -m + 2*maxStripWidth}, {-m + 2*maxStripWidth, 2400 + m}}},
		{"fractional edges snap outwards", []span{sp(1.01, 1.99)}, 0,
			[]stripSpan{{float32(math.Floor(1.01*48 - float64(m))), float32(math.Ceil(1.99*48 + float64(m)))}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ri := &rowIndex{spans: tc.spans, lanes: 1}
			if tc.milestone != 0 {
				ri.milestone = day(tc.milestone)
			}
			got := layoutStrips(p, ri, 1)
			if len(got) != len(tc.want) {
				t.Fatalf("strips %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("strip %d = %v, want %v", i, got[i], tc.want[i])
				}
				if w := got[i].x1 - got[i].x0; w > maxStripWidth || w <= 0 {
					t.Errorf("strip %d is %v wide", i, w)
				}
			}
		})
	}
}

func TestPixmapBoxAndBlend(t *testing.T) {
	t.Parallel()
	img := image.NewRGBA(image.Rect(0, 0, 20, 10))
	pm := &pixmap{img: img, scale: 1, ox: 100, oy: 50}
	red := color.NRGBA{R: 0xff, A: 0xff}
	blue := color.NRGBA{B: 0xff, A: 0xff}
	// A box at logical (102, 51)-(112, 59) with a blue stroke of 2 inside its edges.
	pm.box(102, 51, 112, 59, red, blue, 2)
	// A box partly outside the image is clipped, not a panic.
	pm.box(95, 45, 101, 70, blue, nil, 0)
	half := color.NRGBA{G: 0xff, A: 0x80}
	pm.fill(115, 52, 118, 54, half)

	tests := []struct {
		name string
		x, y int
		want color.RGBA
	}{
		{"stroke corner", 2, 1, color.RGBA{B: 0xff, A: 0xff}},
		{"stroke, second pixel in", 3, 2, color.RGBA{B: 0xff, A: 0xff}},
		{"bottom-right stroke", 11, 8, color.RGBA{B: 0xff, A: 0xff}},
		{"fill", 4, 3, color.RGBA{R: 0xff, A: 0xff}},
		{"fill, last before the stroke", 9, 6, color.RGBA{R: 0xff, A: 0xff}},
		{"right of the box", 12, 4, color.RGBA{}},
		{"below the box", 5, 9, color.RGBA{}},
		{"clipped box", 0, 9, color.RGBA{B: 0xff, A: 0xff}},
		{"clipped box ends before the next", 1, 5, color.RGBA{}},
		{"translucent over nothing stays premultiplied", 16, 3, color.RGBA{G: 0x80, A: 0x80}},
		{"below the translucent fill", 16, 4, color.RGBA{}},
	}
	for _, tc := range tests {
		if got := img.RGBAAt(tc.x, tc.y); got != tc.want {
			t.Errorf("%s: pixel (%d, %d) = %v, want %v", tc.name, tc.x, tc.y, got, tc.want)
		}
	}

	// Translucent over opaque blends: half green over red.
	pm.fill(104, 54, 106, 55, half)
	if got, want := img.RGBAAt(4, 4), (color.RGBA{R: 0x7f, G: 0x80, A: 0xff}); got != want {
		t.Errorf("half green over red = %v, want %v", got, want)
	}
}

// pixelAt reads a pixel of a capture as straight 8-bit colour.
func pixelAt(img image.Image, p fyne.Position) color.NRGBA {
	return color.NRGBAModel.Convert(img.At(int(p.X), int(p.Y))).(color.NRGBA)
}

// sameColor compares two colours, allowing one step of rounding per channel.
func sameColor(a, b color.Color) bool {
	x, y := color.NRGBAModel.Convert(a).(color.NRGBA), color.NRGBAModel.Convert(b).(color.NRGBA)
	near := func(p, q uint8) bool { return p == q || p == q+1 || p+1 == q }
	return near(x.R, y.R) && near(x.G, y.G) && near(x.B, y.B) && near(x.A, y.A)
}

// barPixels checks, on a captured frame, what the strips painted for the
// sample plan: bar colours by environment, the failed end cap, the conflict
// outline and a release diamond.
func barPixels(t *testing.T, tl *Timeline, w fyne.Window) {
	t.Helper()
	img := w.Canvas().Capture()
	g := tl.geometry()
	// Succeeded Dev bar of 3.1.0: solid Dev colour near its right end.
	_, y0, x1, y1 := barBox(t, tl, 11)
	if p := fyne.NewPos(x1-3, (y0+y1)/2); !sameColor(pixelAt(img, p), styleOf(0).solid) {
		t.Errorf("Dev bar at %v is %v, want %v", p, pixelAt(img, p), styleOf(0).solid)
	}
	// Failed Prod bar: its end cap is the failed colour.
	ae := at(time.March, 11, 20, 0)
	_, y0, _, y1 = barBox(t, tl, 13)
	if p := fyne.NewPos(g.xOf(ae)-3, (y0+y1)/2); !sameColor(pixelAt(img, p), failedColor) {
		t.Errorf("failed end cap at %v is %v, want %v", p, pixelAt(img, p), failedColor)
	}
	// Conflict: outlined just outside the bar.
	x0, y0, _, y1 := barBox(t, tl, 23)
	if p := fyne.NewPos(x0-2, (y0+y1)/2); !sameColor(pixelAt(img, p), conflictColor) {
		t.Errorf("conflict outline at %v is %v, want %v", p, pixelAt(img, p), conflictColor)
	}
	// The planned release date of 3.1.0 is a diamond in the foreground colour.
	line := int(tl.lineOfRow[0])
	mx := g.xOf(tl.index.rows[0].milestone)
	my := g.rows.y(line) + g.rows.lineH/2
	if p := fyne.NewPos(mx, my); !sameColor(pixelAt(img, p), readColors(tl.Theme()).milestone) {
		t.Errorf("release diamond at %v is %v, want %v", p, pixelAt(img, p), readColors(tl.Theme()).milestone)
	}
}

func TestStripsPaintTheBars(t *testing.T) {
	tl, w := newSampleTimeline(t)
	barPixels(t, tl, w)
	// Scrolled sideways by a fraction of a day, the bars follow.
	tl.SetStart(tl.Start().Add(-7 * time.Hour))
	barPixels(t, tl, w)
}

func TestScrollingMovesStripsWithoutRepainting(t *testing.T) {
	tl, w := newSampleTimeline(t)
	w.Resize(fyne.NewSize(1000, 400))
	r := test.WidgetRenderer(tl).(*renderer)
	before := map[*strip]fyne.Position{}
	for _, st := range r.strips.visible() {
		before[st] = st.raster.Position()
	}
	if len(before) == 0 {
		t.Fatal("no strips shown")
	}
	gen, repaint := r.strips.gen, r.strips.repaint
	spans := map[*strip]stripSpan{}
	for st := range before {
		spans[st] = st.span
	}

	// Scroll right by whole pixels: every strip still in view keeps what it
	// shows (same generation, key and span, so place does not refresh its
	// texture) and moves by the same amount.
	const dx = 30
	tl.SetStart(tl.Start().Add(daysToDuration(float64(dx) / float64(tl.Zoom()))))
	if r.strips.gen != gen {
		t.Fatalf("scrolling invalidated the strips (generation %d -> %d)", gen, r.strips.gen)
	}
	kept := 0
	for _, st := range r.strips.visible() {
		old, ok := before[st]
		if !ok {
			continue
		}
		kept++
		if st.span != spans[st] || st.gen != gen {
			t.Errorf("strip %v was repainted: span %v -> %v, generation %d", st.key, spans[st], st.span, st.gen)
		}
		if got := st.raster.Position(); math.Abs(float64(got.X-(old.X-dx))) > 0.5 || got.Y != old.Y {
			t.Errorf("strip %v moved from %v to %v, want %v", st.key, old, got, old.SubtractXY(dx, 0))
		}
	}
	if kept == 0 {
		t.Fatal("no strip stayed in view")
	}
	if n := r.strips.repaint - repaint; n > len(r.strips.visible())-kept {
		t.Errorf("scrolling repainted %d strips; only the %d coming into view need it", n, len(r.strips.visible())-kept)
	}

	// New data repaints.
	tl.SetRows(sampleRows())
	if r.strips.gen == gen {
		t.Error("new rows did not invalidate the strips")
	}
}

func TestRunningDeploymentGrowsWithTheClock(t *testing.T) {
	tl, w := newSampleTimeline(t)
	tl.SetStart(at(time.March, 8, 0, 0))
	tl.Today = at(time.March, 17, 12, 0)
	tl.Refresh()
	img := w.Canvas().Capture()
	g := tl.geometry()
	_, y0, _, y1 := barBox(t, tl, 22)
	qa := styleOf(1).solid
	// QA of 3.2.0 started on 10 March and has not ended: it runs up to now,
	// past its planned end on 14 March.
	for _, d := range []time.Time{at(time.March, 11, 12, 0), at(time.March, 15, 12, 0), at(time.March, 17, 6, 0)} {
		if p := fyne.NewPos(g.xOf(d), (y0+y1)/2); !sameColor(pixelAt(img, p), qa) {
			t.Errorf("running bar at %s (%v) is %v, want %v", d.Format("Jan 2 15:04"), p, pixelAt(img, p), qa)
		}
	}
	if p := fyne.NewPos(g.xOf(at(time.March, 18, 0, 0)), (y0+y1)/2); sameColor(pixelAt(img, p), qa) {
		t.Errorf("the running bar reaches past now, to %v", p)
	}
}

func TestStripsRepaintWhenWhatTheyShowChanges(t *testing.T) {
	tests := []struct {
		name    string
		change  func(tl *Timeline)
		repaint bool
	}{
		{"new rows", func(tl *Timeline) { tl.SetRows(sampleRows()) }, true},
		{"a group folded", func(tl *Timeline) { tl.SetCollapsed("Billing", true) }, true},
		{"zoom", func(tl *Timeline) { tl.SetZoom(ZoomMonth) }, true},
		{"the clock, a deployment running", func(tl *Timeline) { tl.Today = tl.Today.Add(30 * time.Hour); tl.Refresh() }, true},
		{"the theme", func(tl *Timeline) {
			fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
			tl.Refresh()
		}, true},
		{"the label column's width", func(tl *Timeline) { tl.LabelWidth = 200; tl.Refresh() }, true},
		{"a selection", func(tl *Timeline) { tl.Select(2, 22) }, false},
		{"a scroll", func(tl *Timeline) { tl.SetStart(tl.Start().Add(time.Hour)) }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tl, _ := newSampleTimeline(t)
			fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantDark})
			tl.Refresh()
			r := test.WidgetRenderer(tl).(*renderer)
			before := r.strips.repaint + r.tiles.repaint
			tc.change(tl)
			got := r.strips.repaint+r.tiles.repaint > before
			if got != tc.repaint {
				t.Errorf("repainted %v, want %v (%d -> %d)", got, tc.repaint, before, r.strips.repaint+r.tiles.repaint)
			}
		})
	}
}
