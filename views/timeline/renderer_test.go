package timeline

import (
	"fmt"
	"image/color"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// benchStart is the left edge used by size tests and benchmarks, inside the synthetic 18 months.
var benchStart = at(time.June, 1, 0, 0)

// newSizedTimeline builds a timeline of n synthetic releases at 1280x800.
func newSizedTimeline(t testing.TB, n int) (*Timeline, fyne.WidgetRenderer) {
	tl := NewTimeline()
	tl.Today = sampleToday
	tl.SetRows(syntheticRows(n, at(time.January, 1, 0, 0)))
	tl.SetFreezes(sampleFreezes())
	tl.Resize(fyne.NewSize(1280, 800))
	tl.SetStart(benchStart)
	tl.SetScrollOffset(0)
	r := test.WidgetRenderer(tl)
	r.Layout(tl.Size())
	return tl, r
}

// visibleCount counts the objects a frame actually draws: the visible
// objects, and for a clip layer the visible strips inside it.
func visibleCount(objs []fyne.CanvasObject) int {
	n := 0
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		if c, ok := o.(*clipLayer); ok {
			n += visibleCount(c.objects)
			continue
		}
		n++
	}
	return n
}

// pooledCount counts every object the renderer holds, the strips included.
func pooledCount(objs []fyne.CanvasObject) int {
	n := 0
	for _, o := range objs {
		if c, ok := o.(*clipLayer); ok {
			n += len(c.objects)
			continue
		}
		n++
	}
	return n
}

func TestRendererBuildsOnlyVisibleObjects(t *testing.T) {
	test.NewTempApp(t)
	counts := map[int][2]int{}
	for _, n := range []int{100, 10000} {
		tl, r := newSizedTimeline(t, n)
		for _, z := range []Zoom{ZoomWeek, ZoomMonth, ZoomQuarter} {
			tl.SetZoom(z)
			tl.SetStart(benchStart)
		}
		// Scrolling through the rows reuses the pool instead of growing it without bound.
		for y := float32(0); y < 20000; y += 700 {
			tl.SetScrollOffset(y)
		}
		tl.SetScrollOffset(0)
		counts[n] = [2]int{pooledCount(r.Objects()), visibleCount(r.Objects())}
	}
	small, large := counts[100], counts[10000]
	t.Logf("objects (pooled, visible): 100 releases %v, 10000 releases %v", small, large)
	if large[0] > 3000 || large[1] > 2000 {
		t.Errorf("10000 releases built %v objects: not bounded by the view", large)
	}
	if float64(large[0]) > 2*float64(small[0])+200 {
		t.Errorf("pool grows with data: %v for 100 releases, %v for 10000", small, large)
	}
}

func TestRendererHidesScrolledOutObjects(t *testing.T) {
	test.NewTempApp(t)
	tl, r := newSizedTimeline(t, 10000)
	tl.SetZoom(ZoomQuarter)
	before := visibleCount(r.Objects())
	tl.SetScrollOffset(tl.geometry().rows.maxScroll(len(tl.lines), 800))
	after := visibleCount(r.Objects())
	if before == 0 || after == 0 {
		t.Fatalf("nothing drawn: %d before, %d after scrolling", before, after)
	}
	for _, o := range r.Objects() {
		if !o.Visible() {
			continue
		}
		p, s := o.Position(), o.Size()
		if ln, ok := o.(*canvas.Line); ok {
			// A line's size is its extent; its width reaches half across it.
			p = p.SubtractXY(0, ln.StrokeWidth/2)
			if ln.Position1.X == ln.Position2.X {
				p = o.Position().SubtractXY(ln.StrokeWidth/2, 0)
			}
		}
		if p.X < -8 || p.Y < -1 || p.X+s.Width > 1280.5 || p.Y+s.Height > 800.5 {
			t.Errorf("%T at %v size %v leaves the widget", o, p, s)
		}
		// A strip is clipped to the chart, so it must at least reach into it.
		if c, ok := o.(*clipLayer); ok {
			for _, st := range c.objects {
				sp, ss := st.Position(), st.Size()
				if st.Visible() && (sp.X >= s.Width || sp.Y >= s.Height || sp.X+ss.Width <= 0 || sp.Y+ss.Height <= 0) {
					t.Errorf("strip at %v size %v is drawn but outside the chart %v", sp, ss, s)
				}
			}
		}
	}
}

func TestSnapshotSmall(t *testing.T) {
	tl, w := newSampleTimeline(t)
	w.Resize(fyne.NewSize(900, 260))
	tl.Select(2, 23)
	test.AssertObjectRendersToMarkup(t, "timeline/small.xml", tl)
}

func TestRefreshFollowsTheme(t *testing.T) {
	tl, _ := newSampleTimeline(t)
	r := test.WidgetRenderer(tl)
	// The chart paints no background of its own; the header band, the
	// header raster's ground, is the widest themed fill it draws.
	header := func() color.Color {
		rast := r.(*renderer).head.raster
		if !rast.Visible() || rast.Size().Width < 10 {
			t.Fatal("no header raster")
		}
		img := rast.Generator(int(rast.Size().Width), int(rast.Size().Height))
		return img.At(img.Bounds().Max.X-1, 0) // a corner no text reaches
	}
	app := fyne.CurrentApp()
	app.Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
	tl.Refresh()
	light := header()
	app.Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantDark})
	tl.Refresh()
	dark := header()
	if light == dark {
		t.Errorf("header band %v did not change with the theme", light)
	}
	if want := color.RGBAModel.Convert(theme.DefaultTheme().Color(theme.ColorNameHeaderBackground, theme.VariantDark)); fmt.Sprint(dark) != fmt.Sprint(want) {
		t.Errorf("dark header band %v, want %v", dark, want)
	}
}

func TestEmptyAndTinyTimeline(t *testing.T) {
	test.NewTempApp(t)
	tl := NewTimeline()
	w := test.NewTempWindow(t, tl)
	w.Resize(fyne.NewSize(10, 10))
	tl.Refresh()
	tl.SetRows(nil)
	tl.ZoomIn()
	tl.ScrollToToday()
	tl.Tapped(&fyne.PointEvent{Position: fyne.NewPos(5, 5)})
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if min := tl.MinSize(); min.Width < 160 || min.Height < 60 {
		t.Errorf("MinSize %v leaves no room for the chart", min)
	}
}

// BenchmarkTimelineRefresh measures one full refresh and layout of a 1280x800
// timeline showing the same time window, for few and many releases. The
// drawing cost must depend on the view, not on the data (spec section 5).
func BenchmarkTimelineRefresh(b *testing.B) {
	for _, n := range []int{100, 10000} {
		b.Run(fmt.Sprintf("releases=%d", n), func(b *testing.B) {
			benchmarkRefresh(b, syntheticRows(n, at(time.January, 1, 0, 0)), nil)
		})
	}
}

// benchmarkRefresh measures a refresh of a 1280x800 chart of rows and
// links at month zoom, and returns its renderer.
func benchmarkRefresh(b *testing.B, rows []Row, links []Link) *renderer {
	test.NewTempApp(b)
	tl := NewTimeline()
	tl.Today = sampleToday
	tl.SetRows(rows)
	tl.SetLinks(links)
	tl.SetFreezes(sampleFreezes())
	size := fyne.NewSize(1280, 800)
	tl.Resize(size)
	tl.SetZoom(ZoomMonth)
	tl.SetStart(benchStart)
	r := test.WidgetRenderer(tl)
	r.Layout(size)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		tl.Refresh()
		r.Layout(size)
	}
	b.StopTimer()
	b.ReportMetric(float64(pooledCount(r.Objects())), "objects")
	b.ReportMetric(float64(visibleCount(r.Objects())), "visible")
	return r.(*renderer)
}

// BenchmarkTimelineScroll measures a scroll step through 10,000 releases, the
// work behind each frame of a wheel scroll.
func BenchmarkTimelineScroll(b *testing.B) {
	test.NewTempApp(b)
	tl := NewTimeline()
	tl.Today = sampleToday
	tl.SetRows(syntheticRows(10000, at(time.January, 1, 0, 0)))
	tl.Resize(fyne.NewSize(1280, 800))
	tl.SetStart(benchStart)
	test.WidgetRenderer(tl)
	ev := &fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -25}}
	b.ReportAllocs()
	for b.Loop() {
		tl.Scrolled(ev)
		if tl.ScrollOffset() > 200000 {
			tl.SetScrollOffset(0)
		}
	}
}

func TestSetEnvironmentsNamesEnvironmentsWithoutBars(t *testing.T) {
	tl, _ := newSampleTimeline(t)
	r := test.WidgetRenderer(tl).(*renderer)
	dr := &Freeze{Name: "DR drill", Start: at(time.March, 5, 0, 0), End: at(time.March, 6, 0, 0), Envs: []int{4}}
	// No bar is on DR (index 4): the timeline cannot know its name.
	if got, want := r.freezeName(dr), "DR drill (environment 5)"; got != want {
		t.Errorf("freeze name before = %q, want %q", got, want)
	}
	tl.SetEnvironments(envNames)
	if got, want := r.freezeName(dr), "DR drill (DR)"; got != want {
		t.Errorf("freeze name after = %q, want %q", got, want)
	}
	if got, want := tl.envOrder, []int{0, 1, 2, 3, 4}; !slices.Equal(got, want) {
		t.Errorf("legend order %v, want %v", got, want)
	}
	if !slices.Contains(r.head.paintedTexts(), "DR") {
		t.Error("the legend does not name DR")
	}
	// Rows carrying names keep theirs; the list survives new rows.
	tl.SetRows(sampleRows())
	if got := tl.envNames[4]; got != "DR" {
		t.Errorf("after SetRows DR is named %q", got)
	}
}
