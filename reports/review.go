package reports

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"releasedesk/data"
)

// ReviewSource loads what a review workbook needs; *data.Store is one.
type ReviewSource interface {
	ReviewData(ctx context.Context, releaseID uint) (data.ReviewData, error)
}

// The sheets of the review workbook, in order.
const (
	SheetSummary      = "Summary"
	SheetDeployments  = "Deployments"
	SheetRollbacks    = "Rollbacks"
	SheetTests        = "Tests"
	SheetStakeholders = "Stakeholders"
	SheetActions      = "Actions"
	SheetTimeline     = "Timeline"
	SheetMetrics      = "Metrics"
)

// ReviewSheets lists the review workbook's sheets in order.
var ReviewSheets = []string{SheetSummary, SheetScope, SheetDeployments, SheetRollbacks, SheetTests, SheetStakeholders, SheetActions, SheetTimeline, SheetMetrics}

// ReviewFileName suggests a file name for the review of r, such as
// "Payments 2.4.0 review.xlsx", without characters file systems refuse.
func ReviewFileName(r data.Release) string {
	return safeFileName(r.Name()+" review") + ".xlsx"
}

// ExportReview writes the post-release review workbook of release id to
// path (replacing it only once the new file is complete).
func ExportReview(ctx context.Context, src ReviewSource, releaseID uint, path string, opts Options) error {
	tellProgress(opts.Progress, 0, len(ReviewSheets)+1)
	d, err := src.ReviewData(ctx, releaseID)
	if err != nil {
		return err
	}
	return writeAtomically(ctx, src, path, func(w io.Writer) error {
		return WriteReview(ctx, w, d, opts)
	})
}

// WriteReview writes the review workbook of d to w.
func WriteReview(ctx context.Context, w io.Writer, d data.ReviewData, opts Options) error {
	f, props, err := buildReview(ctx, d, opts)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := writeBook(w, f, props, nil, nil); err != nil {
		return fmt.Errorf("write review workbook: %w", err)
	}
	tellProgress(opts.Progress, len(ReviewSheets)+1, len(ReviewSheets)+1)
	return nil
}

// reviewBook is one review workbook being built.
type reviewBook struct {
	sheetWriter
	d    data.ReviewData
	name string // the release as people say it
	now  time.Time
}

// buildReview lays out every sheet of the review of d, checking ctx
// between sheets, and returns it with its document properties.
func buildReview(ctx context.Context, d data.ReviewData, opts Options) (*excelize.File, bookProps, error) {
	f := excelize.NewFile()
	st, err := newStyles(f)
	if err != nil {
		f.Close()
		return nil, bookProps{}, err
	}
	b := &reviewBook{sheetWriter: sheetWriter{f: f, st: st, loc: opts.location()}, d: d, name: d.Release.Name(), now: opts.now()}
	sheets := []func(string) error{b.summary, b.scope, b.deployments, b.rollbacks, b.tests, b.stakeholders, b.actions, b.timeline, b.metrics}
	for i, name := range ReviewSheets {
		if err := ctx.Err(); err != nil {
			f.Close()
			return nil, bookProps{}, err
		}
		if i == 0 {
			err = f.SetSheetName("Sheet1", name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err == nil {
			err = sheets[i](name)
		}
		if err == nil {
			err = b.printSetup(name)
		}
		if err != nil {
			f.Close()
			return nil, bookProps{}, fmt.Errorf("review sheet %s: %w", name, err)
		}
		tellProgress(opts.Progress, i+1, len(ReviewSheets)+1)
	}
	return f, b.properties(), nil
}

// properties are the document properties readers show in File > Info.
func (b *reviewBook) properties() bookProps {
	r := b.d.Release
	return bookProps{
		Title:       b.name + " — post-release review",
		Subject:     "Post-release review of " + b.name,
		Creator:     "Release Desk",
		Description: fmt.Sprintf("Post-release review of %s (%s), %s.", b.name, r.Title, r.Status.Label()),
		Keywords:    strings.Join([]string{"release review", r.Product.Name, r.Version}, ", "),
		Category:    "Release review",
		Created:     b.now,
	}
}

// printSetup makes a sheet print landscape, one page wide, with the release
// on every page's header and page numbers in the footer.
func (b *reviewBook) printSetup(sheet string) error {
	tall := 0 // as many pages as the rows need
	if sheet == SheetSummary {
		tall = 1 // the Summary is one slide
	}
	err := b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(tall),
	})
	if err != nil {
		return err
	}
	// After AutoFilter, which replaces the sheet properties it touches.
	if err := b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	return b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L&B" + headerText(b.name) + "&B — post-release review&R&A",
		OddFooter: "&LRelease Desk&CPage &P of &N&R" + headerText(b.now.In(b.loc).Format("2 Jan 2006 15:04")),
	})
}

// headerText makes s safe inside a page header, where & starts a code.
func headerText(s string) string {
	s = strings.ReplaceAll(s, "&", "&&")
	if len([]rune(s)) > 80 {
		s = string([]rune(s)[:80]) + "…"
	}
	return s
}

// safeFileName drops the characters Windows, macOS or Linux refuse in a file name.
func safeFileName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 32 || strings.ContainsRune(`<>:"/\|?*`, r) {
			return '-'
		}
		return r
	}, s)
	return strings.Trim(s, " .")
}

// tellProgress calls fn when it is set.
func tellProgress(fn Progress, done, total int) {
	if fn != nil {
		fn(done, total)
	}
}
