package reports

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"releasedesk/data"
)

// PortfolioSource streams what the portfolio lists, one row at a time in id
// order, and measures delivery for its Summary; *data.Store is one.
type PortfolioSource interface {
	PortfolioCounts(ctx context.Context) (data.PortfolioCounts, error)
	EachPortfolioRelease(ctx context.Context, fn func(data.PortfolioRelease) error) error
	EachPortfolioDeployment(ctx context.Context, fn func(data.PortfolioDeployment) error) error
	EachPortfolioRollback(ctx context.Context, fn func(data.PortfolioRollback) error) error
	Metrics(ctx context.Context, from, to time.Time, envID uint) (data.Metrics, error)
}

// SheetReleases is the portfolio's list of releases; its Summary and its
// other two sheets share the review's names, SheetSummary,
// SheetDeployments and SheetRollbacks.
const SheetReleases = "Releases"

// PortfolioSheets lists the portfolio workbook's sheets in order.
var PortfolioSheets = []string{SheetSummary, SheetReleases, SheetDeployments, SheetRollbacks}

// PortfolioFileName is the suggested file name of the portfolio workbook.
const PortfolioFileName = "Release portfolio.xlsx"

// The columns of each portfolio sheet. The Releases headers are ones plan
// import understands, so a portfolio can be imported into another database.
// Widths keep a landscape page readable: long texts wrap.
var (
	releaseColumns = []streamColumn{
		{"ID", 7, kindID}, {"Product", 18, kindText}, {"Version", 10, kindText}, {"Title", 34, kindWrap},
		{"Type", 10, kindText}, {"Status", 13, kindText}, {"Risk", 9, kindText}, {"Owner", 17, kindText},
		{"Change reference", 13, kindText}, {"Code freeze", 13, kindDate}, {"Planned release", 13, kindDate},
		{"Actual release", 13, kindDate}, {"Slip (days)", 8, kindInt}, {"Deployments", 8, kindInt},
		{"Succeeded", 8, kindInt}, {"Failed", 7, kindInt}, {"Rolled back", 8, kindInt},
	}
	deploymentColumns = []streamColumn{
		{"ID", 8, kindID}, {"Release ID", 8, kindID}, {"Product", 18, kindText}, {"Version", 10, kindText},
		{"Environment", 12, kindText}, {"Build", 13, kindText}, {"Planned start", 20, kindDateTime},
		{"Planned end", 20, kindDateTime}, {"Actual start", 20, kindDateTime}, {"Actual end", 20, kindDateTime},
		{"Duration", 9, kindDuration}, {"Outcome", 13, kindText}, {"Performed by", 17, kindText}, {"Notes", 34, kindWrap},
	}
	rollbackColumns = []streamColumn{
		{"ID", 7, kindID}, {"Deployment ID", 10, kindID}, {"Release ID", 8, kindID}, {"Product", 18, kindText},
		{"Version", 10, kindText}, {"Environment", 12, kindText}, {"Started", 20, kindDateTime},
		{"Finished", 20, kindDateTime}, {"Downtime (min)", 10, kindInt}, {"Users affected", 10, kindInt},
		{"Reason", 40, kindWrap}, {"Restored version", 12, kindText}, {"Detected by", 17, kindText},
	}
)

// ExportPortfolio writes every release, deployment and rollback of src to
// the portfolio workbook at path (replacing it only once complete).
func ExportPortfolio(ctx context.Context, src PortfolioSource, path string, opts Options) error {
	return writeAtomically(ctx, src, path, func(w io.Writer) error {
		return WritePortfolio(ctx, w, src, opts)
	})
}

// WritePortfolio writes the portfolio workbook of src to w: a Summary,
// then every release, deployment and rollback. The long sheets are
// streamed, compressed as they are written into temporary files, so a
// hundred thousand rows cost little more memory than ten.
func WritePortfolio(ctx context.Context, w io.Writer, src PortfolioSource, opts Options) error {
	counts, err := src.PortfolioCounts(ctx)
	if err != nil {
		return err
	}
	scratch := ScratchDir(w)                                 // temporary files go with the export's
	f := excelize.NewFile(excelize.Options{TmpDir: scratch}) // excelize's too
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	b := &portfolioBook{sheetWriter: sheetWriter{f: f, st: st, loc: opts.location()}, ctx: ctx, now: opts.now(), shared: newSharedTable(), scratch: scratch,
		progress: newProgress(opts.Progress, counts.Releases+counts.Deployments+counts.Rollbacks)}
	defer b.closeRows()
	if err := b.prepare(); err != nil {
		return err
	}
	b.summary = newPortfolioSummary(data.DateOf(b.now.In(b.loc)))
	b.sheetRows = cmp.Or(opts.sheetRows, maxSheetRows)
	sheets := []struct {
		name  string
		cols  []streamColumn
		rules []outcomeRule
		walk  func(*sheetChain) error
	}{
		{SheetReleases, releaseColumns, statusRules, func(c *sheetChain) error {
			return src.EachPortfolioRelease(ctx, func(r data.PortfolioRelease) error { return chainRow(c, b.releaseRow, r) })
		}},
		{SheetDeployments, deploymentColumns, outcomeRules, func(c *sheetChain) error {
			return src.EachPortfolioDeployment(ctx, func(d data.PortfolioDeployment) error { return chainRow(c, b.deploymentRow, d) })
		}},
		{SheetRollbacks, rollbackColumns, nil, func(c *sheetChain) error {
			return src.EachPortfolioRollback(ctx, func(r data.PortfolioRollback) error { return chainRow(c, b.rollbackRow, r) })
		}},
	}
	streamed := map[string]*sheetRows{}
	var laid []*streamSheet
	total := map[string]int{}
	for _, sh := range sheets {
		c := &sheetChain{b: b, name: sh.name, cols: sh.cols, rules: sh.rules}
		if _, err := c.next(); err != nil {
			return fmt.Errorf("portfolio sheet %s: %w", sh.name, err)
		}
		if err := sh.walk(c); err != nil {
			return err
		}
		for _, s := range c.parts {
			streamed[s.name], laid = s.rows, append(laid, s)
			total[sh.name] += s.n
		}
	}
	// The Summary comes first and opens first: it is what people read.
	if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
		return err
	}
	if err := b.writeSummary(ctx, src, counts); err != nil {
		return fmt.Errorf("portfolio summary: %w", err)
	}
	for _, s := range laid {
		if err := s.lay(); err != nil {
			return fmt.Errorf("portfolio sheet %s: %w", s.name, err)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	props := bookProps{
		Title: "Release portfolio", Subject: "Every release, deployment and rollback", Creator: "Release Desk",
		Category: "Release portfolio", Created: b.now,
		Description: fmt.Sprintf("%d releases, %d deployments, %d rollbacks.", b.summary.releases, total[SheetDeployments], total[SheetRollbacks]),
	}
	if err := writeBook(w, f, props, streamed, b.shared); err != nil {
		return fmt.Errorf("write portfolio workbook: %w", err)
	}
	b.progress.finish()
	return nil
}

// portfolioBook is one portfolio workbook being written.
type portfolioBook struct {
	sheetWriter
	ctx      context.Context
	now      time.Time
	progress *progress
	head     int            // header cells that wrap
	rules    map[string]int // conditional style per label
	open     []*sheetRows   // temporary files to remove
	scratch  string         // the folder they go in ("" for the system's)
	shared   *sharedTable   // the short texts rows repeat
	summary  *portfolioSummary
	// sheetRows is how many rows a streamed sheet takes before the next.
	sheetRows int
}

// maxSheetRows is how many rows a sheet holds under its header: a
// spreadsheet has 1,048,576 rows, and a ten-year plan a million deployments.
const maxSheetRows = excelize.TotalRows - 1

// sheetChain is a streamed sheet that goes on in "Name (2)", "Name (3)"...
// when it is full.
type sheetChain struct {
	b     *portfolioBook
	name  string
	cols  []streamColumn
	rules []outcomeRule
	parts []*streamSheet
}

// next starts the chain's next sheet.
func (c *sheetChain) next() (*streamSheet, error) {
	name := c.name
	if len(c.parts) > 0 {
		name = fmt.Sprintf("%s (%d)", c.name, len(c.parts)+1)
	}
	s, err := c.b.stream(name, c.cols, c.rules)
	if err != nil {
		return nil, err
	}
	c.parts = append(c.parts, s)
	return s, nil
}

// current is the chain's last sheet or, when that is full, the next.
func (c *sheetChain) current() (*streamSheet, error) {
	if s := c.parts[len(c.parts)-1]; s.n < c.b.sheetRows {
		return s, nil
	}
	s, err := c.next()
	if err != nil {
		return nil, fmt.Errorf("portfolio sheet %s: %w", c.name, err)
	}
	return s, nil
}

// chainRow writes v with write on the chain's current sheet.
func chainRow[T any](c *sheetChain, write func(*streamSheet, T) error, v T) error {
	s, err := c.current()
	if err != nil {
		return err
	}
	return write(s, v)
}

// prepare makes the styles the streamed sheets add to newStyles'.
func (b *portfolioBook) prepare() error {
	var err error
	b.head, err = b.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "1F2D3D"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colourHeader}},
		Border:    []excelize.Border{{Type: "bottom", Color: colourRule, Style: 2}},
		Alignment: &excelize.Alignment{Vertical: "bottom", WrapText: true},
	})
	if err != nil {
		return err
	}
	b.rules = map[string]int{}
	for _, rule := range append(append([]outcomeRule(nil), statusRules...), outcomeRules...) {
		if _, done := b.rules[rule.label]; done {
			continue
		}
		id, err := b.f.NewConditionalStyle(&excelize.Style{
			Font: &excelize.Font{Color: rule.sw.font},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{rule.sw.fill}},
		})
		if err != nil {
			return err
		}
		b.rules[rule.label] = id
	}
	return nil
}

// closeRows removes the streamed rows' temporary files.
func (b *portfolioBook) closeRows() {
	for _, r := range b.open {
		_ = r.close()
	}
}

// printSetup makes a sheet print landscape, one page wide and as many
// tall as it needs, with narrow margins, the header row on every page and
// the sheet's name and page numbers in the margins.
func (b *portfolioBook) printSetup(sheet string) error {
	if err := b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	err := b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0)})
	if err != nil {
		return err
	}
	err = b.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: ptr(0.4), Right: ptr(0.4), Top: ptr(0.6), Bottom: ptr(0.6), Header: ptr(0.3), Footer: ptr(0.3),
	})
	if err != nil {
		return err
	}
	err = b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L&BRelease portfolio&B&R&A",
		OddFooter: "&LRelease Desk&CPage &P of &N&R" + headerText(b.now.In(b.loc).Format("2 Jan 2006 15:04")),
	})
	if err != nil || sheet == SheetSummary {
		return err
	}
	return b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sheet + "'!$1:$1", Scope: sheet})
}

func (b *portfolioBook) releaseRow(s *streamSheet, r data.PortfolioRelease) error {
	b.summary.addRelease(r)
	if err := s.next(r.Title); err != nil {
		return err
	}
	w := s.rows
	w.integer(0, int64(r.ID), b.st.body[kindID])
	s.text(1, r.Product)
	s.text(2, r.Version)
	s.text(3, r.Title)
	s.text(4, r.Type.Label())
	s.text(5, r.Status.Label())
	s.text(6, r.Risk.Label())
	s.text(7, r.Owner)
	s.text(8, r.ChangeRef)
	b.day(w, 9, r.CodeFreeze)
	b.day(w, 10, r.PlannedRelease)
	b.day(w, 11, r.ActualRelease)
	if !r.PlannedRelease.IsZero() && !r.ActualRelease.IsZero() {
		w.integer(12, int64(r.PlannedRelease.DaysUntil(r.ActualRelease)), b.st.body[kindInt])
	}
	for i, n := range []int{r.Deployments, r.Succeeded, r.Failed, r.RolledBack} {
		w.integer(13+i, int64(n), b.st.body[kindInt])
	}
	return nil
}

func (b *portfolioBook) deploymentRow(s *streamSheet, d data.PortfolioDeployment) error {
	if err := s.next(d.Notes); err != nil {
		return err
	}
	w := s.rows
	w.integer(0, int64(d.ID), b.st.body[kindID])
	w.integer(1, int64(d.ReleaseID), b.st.body[kindID])
	s.text(2, d.Product)
	s.text(3, d.Version)
	s.text(4, d.Environment)
	s.text(5, d.Build)
	b.instant(w, 6, &d.PlannedStart)
	b.instant(w, 7, &d.PlannedEnd)
	b.instant(w, 8, d.ActualStart)
	b.instant(w, 9, d.ActualEnd)
	if d.ActualStart != nil && d.ActualEnd != nil && !d.ActualEnd.Before(*d.ActualStart) {
		took := d.ActualEnd.Round(time.Second).Sub(d.ActualStart.Round(time.Second))
		w.number(10, took.Seconds()/86400, b.st.body[kindDuration])
	}
	s.text(11, d.Outcome.Label())
	s.text(12, d.PerformedBy)
	s.text(13, d.Notes)
	return nil
}

func (b *portfolioBook) rollbackRow(s *streamSheet, r data.PortfolioRollback) error {
	if err := s.next(r.Reason); err != nil {
		return err
	}
	w := s.rows
	w.integer(0, int64(r.ID), b.st.body[kindID])
	w.integer(1, int64(r.DeploymentID), b.st.body[kindID])
	w.integer(2, int64(r.ReleaseID), b.st.body[kindID])
	s.text(3, r.Product)
	s.text(4, r.Version)
	s.text(5, r.Environment)
	b.instant(w, 6, &r.StartedAt)
	b.instant(w, 7, r.FinishedAt)
	w.integer(8, int64(r.DowntimeMinutes), b.st.body[kindInt])
	w.integer(9, int64(r.UsersAffected), b.st.body[kindInt])
	s.text(10, r.Reason)
	s.text(11, r.RestoredVersion)
	s.text(12, r.DetectedBy)
	return nil
}

// day writes a calendar day cell, or nothing when unset.
func (b *portfolioBook) day(w *sheetRows, col int, d data.Date) {
	if !d.IsZero() {
		w.number(col, dateSerial(d), b.st.body[kindDate])
	}
}

// instant writes a date-and-time cell in the reader's time zone, or nothing.
func (b *portfolioBook) instant(w *sheetRows, col int, t *time.Time) {
	if t != nil && !t.IsZero() {
		w.number(col, excelSerial(t.In(b.loc)), b.st.body[kindDateTime])
	}
}
