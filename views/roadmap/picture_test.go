package roadmap

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"releasedesk/data"
	"releasedesk/reports"
	"releasedesk/views/timeline"
	"releasedesk/views/uitest"
)

// seedDependencies adds to seed: Identity 1.0.0 needs Payments 2.4.0 on
// Dev, where its deployment comes first (not met), and Payments 2.3.0 in
// Production (met, though Identity has no Production deployment yet);
// Payments 2.4.0 is re-planned from 13 → 20 July to 15 → 24 July.
func (f *timelineFixture) seedDependencies() {
	f.T.Helper()
	for _, d := range []struct {
		name, release, requires, env string
	}{{"depDev", "i10", "p24", "Dev"}, {"depProd", "i10", "p23", "Production"}} {
		dep := data.Dependency{ReleaseID: f.ids[d.release], RequiresID: f.ids[d.requires], EnvironmentID: f.ids[d.env]}
		if err := f.Store.SaveDependency(f.Ctx, &dep); err != nil {
			f.T.Fatalf("dependency %s: %v", d.name, err)
		}
		f.ids[d.name] = dep.ID
	}
	r, err := f.Store.Release(f.Ctx, f.ids["p24"])
	if err != nil {
		f.T.Fatal(err)
	}
	r.CodeFreeze, r.PlannedRelease, r.ReplanReason = data.NewDate(2026, 7, 15), data.NewDate(2026, 7, 24), "The card network moved its test window"
	if err := f.Store.SaveRelease(f.Ctx, &r); err != nil {
		f.T.Fatalf("re-plan: %v", err)
	}
}

func TestTimelineDrawsDependenciesAndBaselines(t *testing.T) {
	f := newTimelineFixture(t)
	f.seed()
	f.seedDependencies()
	f.show()
	links := f.tl.Chart().Links()
	if len(links) != 1 {
		t.Fatalf("links %+v, want the one between the releases shown", links)
	}
	l := links[0]
	if l.From != f.ids["p24"] || l.FromBar != f.ids["p24retry"] || l.To != f.ids["i10"] || l.ToBar != f.ids["i10dev"] || !l.Violated {
		t.Errorf("link %+v, want from the Payments retry on Dev to Identity's Dev deployment, not met", l)
	}
	if !strings.HasPrefix(l.Tooltip, "Identity 1.0.0 requires Payments 2.4.0 on Dev · not met: ") {
		t.Errorf("tooltip %q", l.Tooltip)
	}
	if b := f.bars()[f.ids["i10dev"]].bar; !strings.Contains(b.Tooltip, "dependency:") {
		t.Errorf("the deployment that comes too early does not list the dependency: %q", b.Tooltip)
	}

	test.Tap(f.tl.finished) // Payments 2.3.0 is released: shown with finished releases
	links = f.tl.Chart().Links()
	if len(links) != 2 {
		t.Fatalf("with finished releases, links %+v", links)
	}
	met := links[0]
	if met.ID == f.ids["depDev"] {
		met = links[1]
	}
	if met.From != f.ids["p23"] || met.FromBar != f.ids["p23prod"] || met.ToBar != 0 || met.Violated {
		t.Errorf("link %+v, want from Payments 2.3.0 in Production to Identity's release date, met", met)
	}

	for _, r := range f.tl.Chart().Rows() {
		if r.ID != f.ids["p24"] {
			continue
		}
		if !r.CodeFreeze.Equal(time.Date(2026, 7, 15, 0, 0, 0, 0, time.Local)) ||
			!r.Baseline.Release.Equal(time.Date(2026, 7, 20, 0, 0, 0, 0, time.Local)) ||
			!r.Baseline.Freeze.Equal(time.Date(2026, 7, 13, 0, 0, 0, 0, time.Local)) || r.Baseline.Replans != 1 {
			t.Errorf("Payments 2.4.0: freeze %v, baseline %+v; want 15 July, and 13 → 20 July re-planned once", r.CodeFreeze, r.Baseline)
		}
	}

	f.tl.Chart().Select(f.ids["i10"], 0)
	f.tl.selRelease, f.tl.selBar = f.ids["i10"], 0
	f.tl.refreshStatus()
	for _, want := range []string{"requires Payments 2.4.0 (Dev), not met", "requires Payments 2.3.0 (Production)"} {
		if !strings.Contains(f.tl.status.Text, want) {
			t.Errorf("status %q lacks %q", f.tl.status.Text, want)
		}
	}
	var legend []string
	for _, it := range f.tl.Chart().Legend(false) {
		legend = append(legend, it.Label)
	}
	if s := strings.Join(legend, ","); !strings.Contains(s, "Dependency not met") || !strings.Contains(s, "Baseline before re-plan") {
		t.Errorf("legend %s", s)
	}
}

// july is the request of the pictures tested: July 2026, at 15 July noon.
func july() PictureRequest {
	return PictureRequest{From: data.NewDate(2026, 7, 1), To: data.NewDate(2026, 7, 31), Now: timelineAt(15, 12)}
}

// pngSeen is a PNG as the independent reader saw it.
type pngSeen struct {
	Width, Height, Colours int
	Pixels                 [][4]int
}

// readPNG reads a PNG with the reports package's independent reader, and the pixels asked for.
func readPNG(t *testing.T, path string, at ...image.Point) pngSeen {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("python3 is not installed: make deps installs it")
		}
		t.Skip("python3 is not installed")
	}
	args := []string{filepath.Join("..", "..", "reports", "testdata", "readers", "read_png.py"), path}
	for _, p := range at {
		args = append(args, fmt.Sprintf("%d,%d", p.X, p.Y))
	}
	out, err := exec.Command(python, args...).Output()
	if err != nil {
		t.Fatalf("read_png.py: %v", err)
	}
	var seen pngSeen
	if err := json.Unmarshal(out, &seen); err != nil {
		t.Fatal(err)
	}
	return seen
}

// pdfTool finds a poppler program, or skips (fails in CI) without it.
func pdfTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed: make deps installs poppler-utils", name)
		}
		t.Skipf("%s is not installed (poppler-utils)", name)
	}
	return path
}

func TestExportPicturePNGShowsThePlanWhereItIs(t *testing.T) {
	f := newTimelineFixture(t)
	f.seed()
	f.seedDependencies()
	out := filepath.Join(t.TempDir(), "july.png")
	sum, err := ExportPicture(f.Ctx, f.Store, out, july())
	if err != nil {
		t.Fatal(err)
	}
	if sum.Releases != 4 || sum.Dependencies != 2 || sum.Violated != 1 {
		t.Errorf("summary %+v, want the 4 releases with something in July (the cancelled 0.9.0 has its date on 1 July too), 2 dependencies, 1 not met", sum)
	}
	// The same picture, drawn again here, says where each bar is.
	plan, err := loadPlan(f.Ctx, f.Store, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	products, err := f.Store.Products(f.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	pic, err := newPicture(plan, products, july())
	if err != nil {
		t.Fatal(err)
	}
	o := pic.opts
	o.Scale, o.MinHeight = pngScale, pngMinHeight
	_, top := pic.chart.Picture(o)
	// In the middle of each bar: Payments 2.3.0 in Production in its
	// environment's colour; the failed Dev deployment of 2.4.0, an hour
	// long and so only a few pixels wide, all in the failed outline's red.
	var at []image.Point
	failed := [4]int{0xe5, 0x39, 0x35, 0xff}
	prod := timeline.EnvColor(slices.Index(data.EnvironmentKinds, data.KindProduction)) // bars take their environment's kind's colour
	want := map[string][4]int{"p23prod": {int(prod.R), int(prod.G), int(prod.B), 0xff}, "p24dev": failed}
	names := []string{"p23prod", "p24dev"}
	for _, name := range names {
		pos, size, ok := pic.chart.BarBounds(f.ids[name])
		if !ok {
			t.Fatalf("%s is not drawn", name)
		}
		at = append(at, image.Pt(int((pos.X+size.Width/2)*pngScale), int((top+pos.Y+size.Height/2)*pngScale)))
	}
	seen := readPNG(t, out, at...)
	if seen.Width != 1920 || seen.Height < 1080 {
		t.Errorf("the PNG is %dx%d, want 1920 wide and at least 1080 high", seen.Width, seen.Height)
	}
	if seen.Colours < 30 {
		t.Errorf("the PNG holds %d colours: next to blank", seen.Colours)
	}
	for i, name := range names {
		if got := seen.Pixels[i]; got != want[name] {
			t.Errorf("%s's bar at %v is %v, want %v", name, at[i], got, want[name])
		}
	}
}

func TestExportPicturePDFForPrint(t *testing.T) {
	f := newTimelineFixture(t)
	f.seed()
	f.seedDependencies()
	out := filepath.Join(t.TempDir(), "july.pdf")
	var progress []string
	req := july()
	req.Progress = func(done, total int) { progress = append(progress, fmt.Sprintf("%d/%d", done, total)) }
	sum, err := ExportPicture(f.Ctx, f.Store, out, req)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Pages != 1 || strings.Join(progress, ",") != "0/1" {
		t.Errorf("%d pages, progress %v", sum.Pages, progress)
	}
	info, err := exec.Command(pdfTool(t, "pdfinfo"), out).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(info), "Pages:           1") || !strings.Contains(string(info), "841.89 x 595.28 pts (A4)") {
		t.Errorf("pdfinfo:\n%s", info)
	}
	text, err := exec.Command(pdfTool(t, "pdftotext"), out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Join(strings.Fields(string(text)), " ")
	for _, want := range []string{"Release timeline", "1 July – 31 July 2026 · all products · 4 releases · 2 dependencies, 1 not met · as of 15 July 2026",
		"Page 1 of 1", "Payments 2.4.0 · Checkout · In progress", "Identity 1.0.0 · Single sign-on · Planned",
		"Staging", "Dependency not met", "Baseline before re-plan"} {
		if !strings.Contains(words, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, words)
		}
	}
}

func TestExportPictureOfDaysWithNothing(t *testing.T) {
	f := newTimelineFixture(t)
	f.seed()
	req := PictureRequest{From: data.NewDate(2030, 1, 1), To: data.NewDate(2030, 3, 31), Products: []string{"payments"}}
	dir := t.TempDir()
	sum, err := ExportPicture(f.Ctx, f.Store, filepath.Join(dir, "empty.png"), req)
	if err != nil || sum.Releases != 0 {
		t.Fatalf("%+v, %v", sum, err)
	}
	if seen := readPNG(t, filepath.Join(dir, "empty.png")); seen.Width != 1920 || seen.Height < 1080 || seen.Colours < 10 {
		t.Errorf("an empty picture is %dx%d with %d colours: it should still show its axis, title and legend", seen.Width, seen.Height, seen.Colours)
	}
	sum, err = ExportPicture(f.Ctx, f.Store, filepath.Join(dir, "empty.pdf"), req)
	if err != nil || sum.Pages != 1 {
		t.Fatalf("%+v, %v", sum, err)
	}
	text, err := exec.Command(pdfTool(t, "pdftotext"), filepath.Join(dir, "empty.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if words := strings.Join(strings.Fields(string(text)), " "); !strings.Contains(words, "No releases between 1 January – 31 March 2030 for Payments") {
		t.Errorf("the empty PDF says:\n%s", words)
	}
}

func TestExportPictureRefusals(t *testing.T) {
	f := newTimelineFixture(t)
	f.seed()
	dir := t.TempDir()
	ok := july()
	tests := []struct {
		name, out string
		req       PictureRequest
		want      string
	}{
		{"another format", "july.svg", ok, "neither a .png nor a .pdf"},
		{"days the wrong way round", "july.png", PictureRequest{From: ok.To, To: ok.From}, "comes before"},
		{"more than ten years", "july.pdf", PictureRequest{From: data.NewDate(2020, 1, 1), To: data.NewDate(2031, 1, 1)}, "at most ten years"},
		{"no days", "july.png", PictureRequest{}, "first and last day"},
		{"a product that is not there", "july.png", PictureRequest{From: ok.From, To: ok.To, Products: []string{"Payroll"}}, `no product named "Payroll"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ExportPicture(f.Ctx, f.Store, filepath.Join(dir, tc.out), tc.req)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
	// Any SQLite file is refused, whatever its name says.
	other := filepath.Join(t.TempDir(), "plan.png")
	o, err := data.Open(f.Ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	if _, err := ExportPicture(f.Ctx, f.Store, other, ok); !errors.Is(err, reports.ErrOutputIsDatabase) {
		t.Errorf("onto a database: %v", err)
	}
	ctx, cancel := context.WithCancel(f.Ctx)
	cancel()
	if _, err := ExportPicture(ctx, f.Store, filepath.Join(dir, "cancelled.pdf"), ok); err == nil {
		t.Error("a cancelled export succeeded")
	}
	if names, _ := os.ReadDir(dir); len(names) != 0 {
		t.Errorf("refused exports left %v", names)
	}
}

func TestExportDialogStartsFromTheChart(t *testing.T) {
	f := newTimelineFixture(t)
	f.seed()
	f.show()
	f.tl.productFilter.SetSelected("Payments")
	e := f.tl.newExportForm()
	if got, _ := e.from.Value(); got != data.NewDate(2026, 7, 12) {
		t.Errorf("first day %v, want the chart's first day, 12 July", got)
	}
	if e.product.Selected != "Payments" || e.format.Selected != formatSlide {
		t.Errorf("product %q, format %q", e.product.Selected, e.format.Selected)
	}
	req, bad := e.request()
	if bad != nil || len(req.Products) != 1 || req.Products[0] != "Payments" || req.From != data.NewDate(2026, 7, 12) {
		t.Errorf("request %+v (%v)", req, bad)
	}
	// A bad day is named under its field once Save is pressed, and nothing is asked further.
	e.to.SetText("31/31/2026x")
	if e.form.Submit() || !strings.Contains(e.form.Message("To"), "is not a date like") {
		t.Errorf("a bad last day: message %q", e.form.Message("To"))
	}
	e.to.SetDay(data.NewDate(2026, 7, 1))
	if e.form.Submit() || !strings.Contains(e.form.Message("To"), "comes before") {
		t.Errorf("days the wrong way round: message %q", e.form.Message("To"))
	}
	e.to.SetDay(data.NewDate(2026, 8, 1))
	if !e.form.Submit() || e.form.Message("To") != "" {
		t.Errorf("good days still refused: message %q", e.form.Message("To"))
	}
}

// BenchmarkTimelineLoad reads what the Timeline screen shows on 2,000 demo
// releases: the plan and its conflicts alone, and with what the arrows and
// baselines add (the dependencies and each release's baseline).
func BenchmarkTimelineLoad(b *testing.B) {
	u := uitest.Demo(b, 2000)
	ctx := context.Background()
	b.Run("plan and conflicts", func(b *testing.B) {
		for b.Loop() {
			if _, err := u.Store.TimelineData(ctx); err != nil {
				b.Fatal(err)
			}
			if _, err := u.Store.DeploymentConflicts(ctx, time.Time{}, time.Time{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("with dependencies and baselines", func(b *testing.B) {
		for b.Loop() {
			if _, err := loadPlan(ctx, u.Store, time.Time{}, time.Time{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkTimelinePicture draws and writes the PNG and the PDF of three
// months of 2,000 demo releases.
func BenchmarkTimelinePicture(b *testing.B) {
	u := uitest.Demo(b, 2000)
	now := time.Now()
	req := PictureRequest{From: data.NewDate(now.Year(), now.Month(), 1)}
	req.To = data.DateOf(req.From.Time(time.UTC).AddDate(0, 3, -1))
	for _, ext := range []string{"pdf"} {
		b.Run(ext, func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "timeline."+ext)
			var sum PictureSummary
			for b.Loop() {
				var err error
				if sum, err = ExportPicture(context.Background(), u.Store, out, req); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(sum.Releases), "releases")
			b.ReportMetric(float64(sum.Pages), "pages")
		})
	}
}

// TestExportPictureBesideTheWindow writes a picture on another goroutine,
// as the window's export does, while the screen keeps drawing: the chart
// is drawn on the goroutine the test plays the UI's part on.
func TestExportPictureBesideTheWindow(t *testing.T) {
	f := newTimelineFixture(t)
	f.seed()
	f.seedDependencies()
	f.show()
	draws := make(chan func())
	done := make(chan error)
	req := july()
	req.OnUI = func(draw func()) {
		finished := make(chan struct{})
		draws <- func() { draw(); close(finished) }
		<-finished
	}
	go func() {
		_, err := ExportPicture(context.Background(), f.Store, filepath.Join(t.TempDir(), "beside.pdf"), req)
		done <- err
	}()
	for frame := 0; ; frame++ {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			return
		case draw := <-draws:
			draw()
		default:
			f.tl.Chart().SetScrollOffset(float32(frame % 100))
		}
	}
}
