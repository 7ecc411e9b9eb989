package timeline

import (
	"fmt"
	"image"
	"image/color"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// pictureDays returns the days the picture tests show: the sample plan's
// weeks, in the tests' zone (set by TestMain, after package variables).
func pictureDays() (from, to time.Time) {
	return at(time.February, 22, 0, 0), at(time.March, 23, 0, 0)
}

// newPictureTimeline is a timeline of the planned sample rows with links,
// made for a picture as the export makes one.
func newPictureTimeline(t testing.TB, rows []Row) *Timeline {
	t.Helper()
	tl := NewTimeline()
	tl.Today = sampleToday
	tl.SetEnvironments(envNames[:4])
	tl.SetRows(rows)
	tl.SetFreezes(sampleFreezes())
	tl.SetLinks(sampleLinks())
	return tl
}

// devicePixel reads the picture at a logical point.
func devicePixel(img image.Image, scale float32, x, y float32) color.NRGBA {
	return color.NRGBAModel.Convert(img.At(int(x*scale), int(y*scale))).(color.NRGBA)
}

func TestPictureIsTheScreensDrawing(t *testing.T) {
	pictureFrom, pictureTo := pictureDays()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(lightTheme{theme.DefaultTheme()})
	o := PictureOptions{From: pictureFrom, To: pictureTo, Width: 1280, Scale: 1}
	pic := newPictureTimeline(t, plannedRows())
	pic.picture(o)
	// The corner says what the screen says there.
	o.Caption = fmt.Sprintf("%s view · %.3g px/day", pic.Zoom(), float64(pic.Zoom()))
	img, top := pic.picture(o)
	size := pic.Size()

	// The same chart in a window, drawn by Fyne's own software painter.
	screen := newPictureTimeline(t, plannedRows())
	screen.LabelWidth = pictureLabelWidth
	w := test.NewTempWindow(t, screen)
	w.SetPadded(false)
	w.Resize(size)
	screen.SetZoom(pic.Zoom())
	screen.SetStart(pic.Start())
	shot := w.Canvas().Capture()

	// Painters may round a fractional edge to either neighbouring pixel, so
	// a pixel matches when the picture has its colour within one pixel of
	// it; text edges may differ by a few levels.
	b := shot.Bounds()
	total, near := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			p := color.NRGBAModel.Convert(shot.At(x, y)).(color.NRGBA)
			total++
		search:
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					q := devicePixel(img, 1, float32(x+dx), float32(y+dy)+top)
					if max(absDiff(p.R, q.R), absDiff(p.G, q.G), absDiff(p.B, q.B)) <= 24 {
						near++
						break search
					}
				}
			}
		}
	}
	if share := float64(near) / float64(total); share < 0.998 {
		t.Errorf("only %.2f%% of the picture's chart matches the screen's drawing", 100*share)
	}
	t.Logf("%d of %d pixels match within a pixel", near, total)
}

func TestPictureShowsThePlanWhereItIs(t *testing.T) {
	pictureFrom, pictureTo := pictureDays()
	test.NewTempApp(t)
	const scale = 1.5
	tl := newPictureTimeline(t, plannedRows())
	img, top := tl.picture(PictureOptions{Title: "Release timeline", Subtitle: "22 Feb – 23 Mar 2025",
		From: pictureFrom, To: pictureTo, Scale: scale, MinHeight: 720})
	if w, h := img.Bounds().Dx(), img.Bounds().Dy(); w != 1920 || h < 1080 {
		t.Fatalf("picture is %dx%d, want 1920 wide and a slide's 1080 high at least", w, h)
	}
	if !tl.Start().Equal(localMidnight(pictureFrom)) {
		t.Errorf("the chart starts at %v, want %v", tl.Start(), pictureFrom)
	}
	g := tl.geometry()
	if end := g.timeAt(g.width); end.Before(pictureTo.AddDate(0, 0, 1).Add(-time.Hour)) {
		t.Errorf("the chart ends at %v, before the last day asked", end)
	}
	at := func(x, y float32) color.NRGBA { return devicePixel(img, scale, x, y+top) }
	// Bars in their environment's colour where the data puts them.
	for id, env := range map[uint]int{11: 0, 12: 1, 31: 1, 32: 2} {
		x0, y0, x1, y1 := barBox(t, tl, id)
		if got := at((x0+x1)/2, (y0+y1)/2); !sameColor(got, styleOf(env).solid) {
			t.Errorf("bar %d is %v at its middle, want %v", id, got, styleOf(env).solid)
		}
	}
	// The violated dependency and the conflict are in the conflict colour.
	pts := arrowPathOf(tl, linkViolated)
	if got := at((pts[2].x+pts[3].x)/2, pts[2].y); !sameColor(got, conflictColor) {
		t.Errorf("the violated dependency is %v", got)
	}
	// The legend under the chart names the marks: its conflict swatch is there.
	legendTop := top + g.height
	found := false
	for y := legendTop; y < float32(img.Bounds().Dy())/scale && !found; y++ {
		for x := float32(0); x < 1280; x++ {
			if sameColor(at(x, y-top), conflictColor) {
				found = true
				break
			}
		}
	}
	if !found {
		t.Error("no conflict colour in the legend")
	}
	// The title is written above the chart: dark pixels in its band.
	if ink := inkPixels(img, image.Rect(0, 0, 600, int(top*scale))); ink < 200 {
		t.Errorf("the title band has %d pixels of ink", ink)
	}
}

// arrowPathOf is arrowPath without a test to fail: the corners of link id's arrow in widget coordinates.
func arrowPathOf(tl *Timeline, id uint) []point {
	g := tl.geometry()
	for _, a := range tl.arrows {
		if tl.links[a.link].ID == id {
			pts := a.path(g.xOf, g.rows.lineH)
			for i := range pts {
				pts[i].y += g.rows.top - g.rows.scrollY
			}
			return pts
		}
	}
	return nil
}

// inkPixels counts the pixels of r that stand out from the white page.
func inkPixels(img image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if int(c.R)+int(c.G)+int(c.B) < 3*0xc0 {
				n++
			}
		}
	}
	return n
}

func TestPictureOfAnEmptyRange(t *testing.T) {
	pictureFrom, pictureTo := pictureDays()
	test.NewTempApp(t)
	tl := newPictureTimeline(t, nil)
	img, top := tl.picture(PictureOptions{Title: "Release timeline", From: pictureFrom, To: pictureTo, Scale: 1,
		Empty: "No releases between 22 February and 23 March 2025"})
	g := tl.geometry()
	if img.Bounds().Dx() != DefaultPictureWidth {
		t.Errorf("width %d", img.Bounds().Dx())
	}
	body := image.Rect(int(g.labelW), int(top+g.headerH()), int(g.width), int(top+g.headerH()+emptyLines*g.rows.lineH))
	if ink := inkPixels(img, body); ink < 100 {
		t.Errorf("the empty chart says nothing: %d dark pixels in its body", ink)
	}
	if items := tl.Legend(true); len(items) == 0 || items[0].Label != "Dev" {
		t.Errorf("the legend of an empty chart still names the environments: %v", items)
	}
}

func TestPaginate(t *testing.T) {
	t.Parallel()
	// plan writes lines as letters: G a group header, r a release.
	plan := func(s string) []line {
		var ls []line
		for _, c := range s {
			k := lineRelease
			if c == 'G' {
				k = lineGroup
			}
			ls = append(ls, line{kind: k})
		}
		return ls
	}
	tests := []struct {
		name  string
		lines string
		per   int
		want  string
	}{
		{"nothing: one empty page", "", 5, "[[0 0]]"},
		{"fits", "Grrr", 5, "[[0 4]]"},
		{"a product that fits on the next page starts there", "GrrrGrrr", 5, "[[0 4] [4 8]]"},
		{"a long product runs on", "Grrrrrrrrr", 4, "[[0 4] [4 8] [8 10]]"},
		{"a header never ends a page", "GrrGrrrrr", 4, "[[0 3] [3 7] [7 9]]"},
		{"a break that would leave the page under half full is not taken", "GrGrrrrrr", 6, "[[0 6] [6 9]]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := fmt.Sprint(paginate(plan(tc.lines), tc.per)); got != tc.want {
				t.Errorf("pages %s, want %s", got, tc.want)
			}
		})
	}
}

func TestPagesRepeatTheAxisAndListTheirLines(t *testing.T) {
	pictureFrom, pictureTo := pictureDays()
	test.NewTempApp(t)
	rows := plannedRows()
	for i := range 12 {
		r := plannedRows()[i%4]
		r.ID, r.Group = uint(100+i), fmt.Sprintf("Product %c", 'A'+i/4)
		rows = append(rows, r)
	}
	tl := newPictureTimeline(t, rows)
	const scale = 2
	g := tl.geometry()
	p := tl.Paginate(PictureOptions{From: pictureFrom, To: pictureTo, Scale: scale}, 300)
	if p.Len() < 3 {
		t.Fatalf("%d pages for %d lines", p.Len(), tl.LineCount())
	}
	c := readColors(tl.Theme())
	var texts []string
	for i := range p.Len() {
		page := p.Page(i)
		if page.Height > 300 || float32(page.Image.Bounds().Dy()) != page.Height*scale {
			t.Errorf("page %d is %v high, image %d", i, page.Height, page.Image.Bounds().Dy())
		}
		// Each page starts with the time axis's header band.
		if got := devicePixel(page.Image, scale, g.labelW+2, 3); !sameColor(got, c.header) {
			t.Errorf("page %d: header band %v, want %v", i, got, c.header)
		}
		for _, l := range page.Lines {
			texts = append(texts, l.Text)
		}
		if i > 0 && page.Continues == "" && !strings.HasPrefix(page.Lines[0].Text, "Product") {
			t.Errorf("page %d starts with %q but does not say which product it continues", i, page.Lines[0].Text)
		}
	}
	if len(texts) != tl.LineCount() {
		t.Fatalf("pages list %d lines, the chart has %d", len(texts), tl.LineCount())
	}
	for i := range texts {
		if want := tl.lineText(i); texts[i] != want {
			t.Errorf("line %d on the pages is %q, want %q", i, texts[i], want)
		}
	}
	if !strings.Contains(strings.Join(texts, "\n"), "Billing 3.2.0 · Tax engine · In progress") {
		t.Errorf("page lines %q lack the release's words", texts)
	}
}

func BenchmarkTimelinePicturePage(b *testing.B) {
	test.NewTempApp(b)
	tl := NewTimeline()
	tl.Today = sampleToday
	tl.SetRows(syntheticRows(2000, at(time.January, 1, 0, 0)))
	p := tl.Paginate(PictureOptions{From: at(time.June, 1, 0, 0), To: at(time.August, 31, 0, 0), Scale: 2}, 760)
	b.ReportMetric(float64(p.Len()), "pages")
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		p.Page(i % p.Len())
	}
}
