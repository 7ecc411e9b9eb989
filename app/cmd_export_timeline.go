package app

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	fyneapp "fyne.io/fyne/v2/app"

	"releasedesk/data"
	"releasedesk/reports"
	"releasedesk/views/roadmap"
)

const timelineExportUsage = "export timeline --db FILE --out FILE.png|FILE.pdf [--from DATE] [--to DATE] [--product P]"

// timelineFlags are the flags of `export timeline`.
type timelineFlags struct {
	fs       *flag.FlagSet
	db, out  *string
	from, to *string
	products repeated
}

func newTimelineFlags() *timelineFlags {
	fs := newFlags("export")
	f := &timelineFlags{fs: fs,
		db:   fs.String("db", "", "database file to read"),
		out:  fs.String("out", "", "file to write: .png for a slide, .pdf for print"),
		from: fs.String("from", "", "first day shown (2027-03-01); default: the first of this month"),
		to:   fs.String("to", "", "last day shown; default: three months from the first day"),
	}
	fs.Var(&f.products, "product", "only this product's releases (repeat for more)")
	return f
}

// exportsTimeline tells whether args ask `export` for the timeline picture.
func exportsTimeline(args []string) bool {
	f := newTimelineFlags()
	rest, err := parseFlags(f.fs, args)
	return err == nil && len(rest) > 0 && rest[0] == "timeline"
}

// drawingApp gives the drawing of a picture a Fyne app to measure text and
// read the theme with. It opens no window, so no display is needed. Tests
// that already run Fyne's test app replace it.
var drawingApp = sync.OnceFunc(func() { fyneapp.NewWithID(appID) })

// runExportTimeline draws the timeline over the days asked, as the
// Timeline screen draws it, into a PNG or a PDF, and says what it wrote.
func runExportTimeline(ctx context.Context, args []string, stdout io.Writer) error {
	f := newTimelineFlags()
	rest, err := parseFlags(f.fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 1 {
		return usagef("export timeline: unexpected argument %q", rest[1])
	}
	if err := requireDB("export timeline", *f.db); err != nil {
		return err
	}
	if strings.TrimSpace(*f.out) == "" {
		return usagef("export timeline: --out FILE.png or FILE.pdf is required; usage: releasedesk %s", timelineExportUsage)
	}
	if _, err := roadmap.PictureFormatOf(*f.out); err != nil {
		return usagef("export timeline: --out must name a .png or .pdf file, not %q", *f.out)
	}
	req, err := pictureDays(*f.from, *f.to, time.Now())
	if err != nil {
		return usagef("export timeline: %v", err)
	}
	for _, p := range f.products {
		if strings.TrimSpace(p) == "" {
			return usagef("export timeline: --product needs a product name")
		}
	}
	req.Products = f.products
	// Refused before the database is even opened: nothing is written.
	if err := reports.CheckOutput(*f.out, *f.db); err != nil {
		return fmt.Errorf("export timeline: %w", err)
	}
	s, err := openForReading(ctx, *f.db, data.VerifyNow)
	if err != nil {
		return fmt.Errorf("export timeline: %w", err)
	}
	defer s.Close()
	if err := knownProducts(ctx, s, req.Products); err != nil {
		return fmt.Errorf("export timeline: %w", err)
	}
	drawingApp()
	sum, err := roadmap.ExportPicture(ctx, s, *f.out, req)
	if err != nil {
		return fmt.Errorf("export timeline: %w", err)
	}
	what := fmt.Sprintf("%d releases", sum.Releases)
	if sum.Pages > 0 {
		what += fmt.Sprintf(" on %d pages", sum.Pages)
	}
	fmt.Fprintf(stdout, "wrote the timeline of %s to %s (%s)\n", req.From.String()+" to "+req.To.String(), *f.out, what)
	return nil
}

// pictureDays reads --from and --to as the calendar export does (ISO, a
// month name, or day and month in the locale's order). Without them the
// picture shows three months from the first of this month; with one of
// them, three months from or up to it.
func pictureDays(from, to string, now time.Time) (roadmap.PictureRequest, error) {
	order, _ := reports.LocaleDateOrder()
	var req roadmap.PictureRequest
	var err error
	if req.From, err = reports.ParsePlanDate(from, order); err != nil {
		return req, fmt.Errorf("--from: %w", err)
	}
	if req.To, err = reports.ParsePlanDate(to, order); err != nil {
		return req, fmt.Errorf("--to: %w", err)
	}
	switch {
	case req.From.IsZero() && req.To.IsZero():
		req.From = data.NewDate(now.Year(), now.Month(), 1)
		req.To = addMonths(req.From, 3).AddDays(-1)
	case req.To.IsZero():
		req.To = addMonths(req.From, 3).AddDays(-1)
	case req.From.IsZero():
		req.From = addMonths(req.To, -3).AddDays(1)
	}
	return req, req.Validate()
}

// addMonths moves a day by n calendar months, past the end of a short month into the next.
func addMonths(d data.Date, n int) data.Date {
	return data.DateOf(d.Time(time.UTC).AddDate(0, n, 0))
}
