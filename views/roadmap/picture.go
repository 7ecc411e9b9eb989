package roadmap

import (
	"context"
	"errors"
	"fmt"
	"image"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"releasedesk/data"
	"releasedesk/reports"
	"releasedesk/views/kit"
	"releasedesk/views/timeline"
)

// The timeline as a picture: the chart of the Timeline screen over chosen
// days, drawn offscreen by the same widget (no display needed), as a PNG
// for a slide or a PDF for print. The command line and the window both
// export it through ExportPicture.

// Limits of a picture: what a slide and a printout can hold.
const (
	// MaxPictureLines is the most lines (products and releases) a PNG holds.
	MaxPictureLines = 250
	// MaxPicturePages is the most pages a PDF runs to.
	MaxPicturePages = 200
	// MaxPictureDays is the longest range of days a picture shows.
	MaxPictureDays = 3660
)

// Sizes of the pictures: a PNG is the window's default width scaled to a
// full-HD slide, and at least a slide's height (16:9); a PDF's pages are
// drawn at twice the window's scale, for print.
const (
	pngScale     = 1.5
	pngMinHeight = 720
	pdfScale     = 2
)

// PictureRequest says which part of the plan a timeline picture shows.
type PictureRequest struct {
	From, To data.Date // the days shown, both included
	Products []string  // product names, in any case; none means every product
	Now      time.Time // the today line and the date the picture is of; zero means now
	// Progress, when set, is told how many pages of how many are drawn.
	Progress func(done, total int)
	// OnUI, when set, runs the drawing on the window's goroutine (the chart
	// is a Fyne widget, and Fyne's state is the UI goroutine's), such as
	// fyne.DoAndWait; the reading, encoding and writing stay off it. The
	// command line, with no window, leaves it nil.
	OnUI func(draw func())
}

// onUI runs draw where the request says the drawing belongs.
func (r PictureRequest) onUI(draw func()) {
	if r.OnUI == nil {
		draw()
		return
	}
	r.OnUI(draw)
}

// PictureFormatOf names the picture a file name asks for: "png" or "pdf".
func PictureFormatOf(path string) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".png":
		return "png", nil
	case ".pdf":
		return "pdf", nil
	}
	return "", fmt.Errorf("%q is neither a .png nor a .pdf file", filepath.Base(path))
}

// Validate checks the days of a request: both set, in order, and not more than MaxPictureDays.
func (r PictureRequest) Validate() error {
	switch {
	case r.From.IsZero() || r.To.IsZero():
		return errors.New("a picture needs its first and last day")
	case r.To.Before(r.From):
		return fmt.Errorf("the last day %s comes before the first %s", r.To, r.From)
	case r.From.DaysUntil(r.To)+1 > MaxPictureDays:
		return fmt.Errorf("%s to %s is %s; a picture shows at most ten years", r.From, r.To, kit.Count(r.From.DaysUntil(r.To)+1, "day"))
	}
	return nil
}

// PictureSummary says what a picture holds.
type PictureSummary struct {
	Releases, Dependencies, Violated, Pages int
}

// ExportPicture reads the plan from store and writes its timeline over
// req's days at path: a PNG or a PDF by the extension. The file replaces
// path only once complete; one that is the database is refused.
func ExportPicture(ctx context.Context, store Store, path string, req PictureRequest) (PictureSummary, error) {
	format, err := PictureFormatOf(path)
	if err != nil {
		return PictureSummary{}, err
	}
	if err := req.Validate(); err != nil {
		return PictureSummary{}, err
	}
	// Refused before the plan is even read.
	if err := reports.CheckOutput(path, databasePath(store)...); err != nil {
		return PictureSummary{}, err
	}
	// The days asked, in local time: a stretch of a ten-year plan is read, not all of it.
	from := req.From.Time(time.Local)
	to := req.To.AddDays(1).Time(time.Local)
	plan, err := loadPlan(ctx, store, from, to)
	if err != nil {
		return PictureSummary{}, err
	}
	products, err := store.Products(ctx)
	if err != nil {
		return PictureSummary{}, err
	}
	pic, err := newPicture(plan, products, req)
	if err != nil {
		return PictureSummary{}, err
	}
	pic.progress, pic.ui = req.Progress, req.onUI
	if format == "png" {
		return pic.sum, pic.writePNG(ctx, store, path)
	}
	return pic.writePDF(ctx, store, path)
}

// databasePath names the database store reads, for the export guard.
func databasePath(store Store) []string {
	if p, ok := store.(interface{ Path() string }); ok && p.Path() != "" {
		return []string{p.Path()}
	}
	return nil
}

// picture is a chart made for one picture, with its words.
type picture struct {
	chart    *timeline.Timeline
	opts     timeline.PictureOptions
	sum      PictureSummary
	now      time.Time
	progress func(done, total int)
	ui       func(draw func()) // where the chart is touched
}

// tell passes progress on when someone listens.
func (p *picture) tell(done, total int) {
	if p.progress != nil {
		p.progress(done, total)
	}
}

// newPicture puts the releases of plan that show over req's days (and of
// its products) on a chart of their own.
func newPicture(plan *timelinePlan, products []data.Product, req PictureRequest) (*picture, error) {
	f := timelineFilter{finished: true}
	var names []string
	for _, want := range req.Products {
		// Any product of the plan, whether or not it has releases in these days.
		i := slices.IndexFunc(products, func(p data.Product) bool { return strings.EqualFold(p.Name, strings.TrimSpace(want)) })
		if i < 0 {
			return nil, fmt.Errorf("no product named %q", want)
		}
		names = append(names, products[i].Name)
	}
	slices.Sort(names)
	names = slices.Compact(names)
	from, to := req.From.Time(time.Local), req.To.Time(time.Local).AddDate(0, 0, 1)
	var rows []timeline.Row
	for _, r := range plan.rows(f) {
		if (len(names) == 0 || slices.Contains(names, r.Group)) && rowMeets(&r, from, to) {
			rows = append(rows, r)
		}
	}
	now := req.Now
	if now.IsZero() {
		now = time.Now()
	}
	links := plan.links(rows)
	var chart *timeline.Timeline
	req.onUI(func() {
		chart = timeline.NewTimeline()
		chart.Today = now
		chart.SetEnvironments(plan.environmentNames())
		chart.SetRows(rows)
		chart.SetFreezes(plan.freezes())
		chart.SetLinks(links)
	})

	p := &picture{chart: chart, now: now, sum: PictureSummary{Releases: len(rows)}}
	violated := map[uint]bool{} // a dependency may draw an arrow to each deployment that needs it
	for _, l := range links {
		violated[l.ID] = violated[l.ID] || l.Violated
	}
	for _, v := range violated {
		p.sum.Dependencies++
		if v {
			p.sum.Violated++
		}
	}
	span := dayRange(req.From, req.To)
	which := "all products"
	if len(names) > 0 {
		which = strings.Join(names, ", ")
	}
	subtitle := []string{span, which, kit.Count(len(rows), "release")}
	if p.sum.Dependencies > 0 {
		deps := "1 dependency"
		if p.sum.Dependencies != 1 {
			deps = kit.FormatCount(p.sum.Dependencies) + " dependencies"
		}
		if p.sum.Violated > 0 {
			deps += fmt.Sprintf(", %d not met", p.sum.Violated)
		}
		subtitle = append(subtitle, deps)
	}
	subtitle = append(subtitle, "as of "+now.Format("2 January 2006"))
	empty := "No releases between " + span
	if len(names) > 0 {
		empty += " for " + which
	}
	p.opts = timeline.PictureOptions{
		Title: "Release timeline", Subtitle: strings.Join(subtitle, " · "),
		From: from, To: req.To.Time(time.Local), Caption: kit.Count(len(rows), "release"), Empty: empty,
	}
	return p, nil
}

// dayRange writes a range of days for people: "1 March – 31 May 2027".
func dayRange(from, to data.Date) string {
	a, b := from.Time(time.UTC), to.Time(time.UTC)
	switch {
	case a.Year() != b.Year():
		return a.Format("2 January 2006") + " – " + b.Format("2 January 2006")
	case a.Equal(b):
		return a.Format("2 January 2006")
	}
	return a.Format("2 January") + " – " + b.Format("2 January 2006")
}

// rowMeets reports whether anything of a release is drawn in [from, to):
// a deployment, its release date, its own bar or its baseline.
func rowMeets(r *timeline.Row, from, to time.Time) bool {
	meets := func(a, b time.Time) bool {
		if a.IsZero() {
			return false
		}
		if b.Before(a) {
			b = a
		}
		return a.Before(to) && !b.Before(from)
	}
	for _, b := range r.Bars {
		end := b.ActualEnd
		if end.IsZero() && !b.ActualStart.IsZero() {
			end = time.Now() // running
		}
		if meets(b.PlannedStart, b.PlannedEnd) || meets(b.ActualStart, end) {
			return true
		}
	}
	return meets(r.Planned, r.Planned) || meets(r.CodeFreeze, r.Planned) || meets(r.Baseline.Freeze, r.Baseline.Release) ||
		meets(r.Baseline.Release, r.Baseline.Release)
}

// writePNG draws the picture whole and writes it.
func (p *picture) writePNG(ctx context.Context, src any, path string) error {
	var lines int
	p.ui(func() { lines = p.chart.LineCount() })
	if n := lines; n > MaxPictureLines {
		return fmt.Errorf("the picture would hold %d lines of products and releases, and a PNG holds at most %d: "+
			"choose fewer days or products, or export a PDF, which runs over as many pages as it needs", n, MaxPictureLines)
	}
	o := p.opts
	o.Scale, o.MinHeight = pngScale, pngMinHeight
	p.tell(0, 1)
	var img image.Image
	p.ui(func() { img, _ = p.chart.Picture(o) })
	p.tell(1, 1)
	return reports.WriteTimelinePNG(ctx, src, path, img)
}

// writePDF lays the chart out over pages under the document's header and above its legend, and writes it.
func (p *picture) writePDF(ctx context.Context, src any, path string) (PictureSummary, error) {
	regular, bold := timeline.PictureFonts()
	doc := &reports.TimelinePDF{Title: p.opts.Title, Subtitle: p.opts.Subtitle, ImageWidth: timeline.DefaultPictureWidth,
		Fonts: reports.PDFFonts{Regular: regular, Bold: bold}, Created: p.now}
	var items []timeline.LegendItem
	var size fyne.Size
	p.ui(func() { items, size = p.chart.Legend(true), timeline.SwatchSize() })
	for _, it := range items {
		doc.Legend = append(doc.Legend, reports.TimelineLegendEntry{Label: it.Label, Width: float64(size.Width), Height: float64(size.Height)})
	}
	height, err := doc.ChartHeight()
	if err != nil {
		return p.sum, err
	}
	o := p.opts
	o.Scale = pdfScale
	var pager *timeline.Pager
	p.ui(func() {
		pager = p.chart.Paginate(o, float32(height))
		for i, it := range items {
			doc.Legend[i].Swatch = pager.SwatchImage(it)
		}
		doc.Pages = pager.Len()
	})
	if doc.Pages > MaxPicturePages {
		return p.sum, fmt.Errorf("the timeline would run to %d pages, and a PDF holds at most %d: choose fewer days or products", doc.Pages, MaxPicturePages)
	}
	doc.Page = func(i int) (reports.TimelinePage, error) {
		p.tell(i, doc.Pages)
		var pg timeline.Page
		p.ui(func() { pg = pager.Page(i) })
		out := reports.TimelinePage{Image: pg.Image, Height: float64(pg.Height), Continues: pg.Continues}
		for _, l := range pg.Lines {
			out.Lines = append(out.Lines, reports.TimelineLine{Y: float64(l.Y), Height: float64(l.Height), Text: l.Text})
		}
		return out, nil
	}
	p.sum.Pages = doc.Pages
	return p.sum, reports.WriteTimelinePDF(ctx, src, path, doc)
}
