package reports

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"releasedesk/data"
)

// PortfolioSource streams what the portfolio lists, one row at a time in id
// order; *data.Store is one.
type PortfolioSource interface {
	PortfolioCounts(ctx context.Context) (data.PortfolioCounts, error)
	EachPortfolioRelease(ctx context.Context, fn func(data.PortfolioRelease) error) error
	EachPortfolioDeployment(ctx context.Context, fn func(data.PortfolioDeployment) error) error
	EachPortfolioRollback(ctx context.Context, fn func(data.PortfolioRollback) error) error
}

// SheetReleases is the portfolio's first sheet; its other two share the
// review's names, SheetDeployments and SheetRollbacks.
const SheetReleases = "Releases"

// PortfolioSheets lists the portfolio workbook's sheets in order.
var PortfolioSheets = []string{SheetReleases, SheetDeployments, SheetRollbacks}

// PortfolioFileName is the suggested file name of the portfolio workbook.
const PortfolioFileName = "Release portfolio.xlsx"

// The columns of each portfolio sheet. The Releases headers are ones plan
// import understands, so a portfolio can be imported into another database.
var (
	releaseColumns = []streamColumn{
		{"ID", 7, kindInt}, {"Product", 18, kindText}, {"Version", 11, kindText}, {"Title", 40, kindText},
		{"Type", 11, kindText}, {"Status", 13, kindText}, {"Risk", 10, kindText}, {"Owner", 18, kindText},
		{"Change reference", 18, kindText}, {"Code freeze", 15, kindDate}, {"Planned release", 15, kindDate},
		{"Actual release", 15, kindDate}, {"Slip (days)", 12, kindInt}, {"Deployments", 14, kindInt},
		{"Succeeded", 12, kindInt}, {"Failed", 9, kindInt}, {"Rolled back", 13, kindInt},
	}
	deploymentColumns = []streamColumn{
		{"ID", 8, kindInt}, {"Release ID", 12, kindInt}, {"Product", 18, kindText}, {"Version", 11, kindText},
		{"Environment", 15, kindText}, {"Build", 14, kindText}, {"Planned start", 22, kindDateTime},
		{"Planned end", 22, kindDateTime}, {"Actual start", 22, kindDateTime}, {"Actual end", 22, kindDateTime},
		{"Duration", 10, kindDuration}, {"Outcome", 13, kindText}, {"Performed by", 18, kindText}, {"Notes", 50, kindText},
	}
	rollbackColumns = []streamColumn{
		{"ID", 7, kindInt}, {"Deployment ID", 15, kindInt}, {"Release ID", 12, kindInt}, {"Product", 18, kindText},
		{"Version", 11, kindText}, {"Environment", 15, kindText}, {"Started", 22, kindDateTime},
		{"Finished", 22, kindDateTime}, {"Downtime (min)", 16, kindInt}, {"Users affected", 16, kindInt},
		{"Reason", 50, kindText}, {"Restored version", 18, kindText}, {"Detected by", 18, kindText},
	}
)

// ExportPortfolio writes every release, deployment and rollback of src to
// the portfolio workbook at path (replacing it only once complete).
func ExportPortfolio(ctx context.Context, src PortfolioSource, path string, opts Options) error {
	return writeAtomically(ctx, src, path, func(w io.Writer) error {
		return WritePortfolio(ctx, w, src, opts)
	})
}

// WritePortfolio streams the portfolio workbook of src to w. Rows go
// through excelize's StreamWriter, which keeps at most a small buffer in
// memory and the rest in a temporary file, so a hundred thousand rows cost
// little more memory than ten.
func WritePortfolio(ctx context.Context, w io.Writer, src PortfolioSource, opts Options) error {
	counts, err := src.PortfolioCounts(ctx)
	if err != nil {
		return err
	}
	f := excelize.NewFile(excelize.Options{TmpDir: ScratchDir(w)}) // its temporary files go with the export's
	defer f.Close()
	b := &portfolioBook{f: f, loc: opts.location(), ctx: ctx,
		progress: newProgress(opts.Progress, counts.Releases+counts.Deployments+counts.Rollbacks)}
	if err := b.prepare(); err != nil {
		return err
	}
	sheets := []struct {
		name  string
		cols  []streamColumn
		rules []outcomeRule
		walk  func(*streamSheet) error
	}{
		{SheetReleases, releaseColumns, statusRules, func(s *streamSheet) error {
			return src.EachPortfolioRelease(ctx, func(r data.PortfolioRelease) error { return s.add(b.releaseRow(s, r)) })
		}},
		{SheetDeployments, deploymentColumns, outcomeRules, func(s *streamSheet) error {
			return src.EachPortfolioDeployment(ctx, func(d data.PortfolioDeployment) error { return s.add(b.deploymentRow(s, d)) })
		}},
		{SheetRollbacks, rollbackColumns, nil, func(s *streamSheet) error {
			return src.EachPortfolioRollback(ctx, func(r data.PortfolioRollback) error { return s.add(b.rollbackRow(s, r)) })
		}},
	}
	for i, sh := range sheets {
		s, err := b.begin(i, sh.name, sh.cols, sh.rules)
		if err != nil {
			return fmt.Errorf("portfolio sheet %s: %w", sh.name, err)
		}
		if err := sh.walk(s); err != nil {
			return err
		}
		if err := s.end(); err != nil {
			return fmt.Errorf("portfolio sheet %s: %w", sh.name, err)
		}
	}
	// No SetActiveSheet: it would read every streamed sheet back into memory.
	// The first sheet of a new workbook is the active one anyway.
	now := opts.now().UTC().Format(time.RFC3339)
	err = f.SetDocProps(&excelize.DocProperties{
		Title: "Release portfolio", Subject: "Every release, deployment and rollback", Creator: "Release Desk",
		LastModifiedBy: "Release Desk", Category: "Release portfolio", Created: now, Modified: now,
		Description: fmt.Sprintf("%d releases, %d deployments, %d rollbacks.", counts.Releases, counts.Deployments, counts.Rollbacks),
	})
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write portfolio workbook: %w", err)
	}
	b.progress.finish()
	return nil
}

// portfolioBook is one portfolio workbook being streamed.
type portfolioBook struct {
	f        *excelize.File
	ctx      context.Context
	loc      *time.Location
	progress *progress
	styles   map[kind]int
	header   int
	rules    map[string]int // conditional style per label
}

// prepare makes the styles every sheet shares.
func (b *portfolioBook) prepare() error {
	b.styles, b.rules = map[kind]int{}, map[string]int{}
	formats := map[kind]string{kindDate: fmtDate, kindDateTime: fmtDateTime, kindDuration: fmtDuration, kindInt: fmtInt}
	for k, nf := range formats {
		id, err := b.f.NewStyle(&excelize.Style{CustomNumFmt: ptr(nf)})
		if err != nil {
			return err
		}
		b.styles[k] = id
	}
	var err error
	b.header, err = b.f.NewStyle(&excelize.Style{
		Font:   &excelize.Font{Bold: true, Color: "1F2D3D"},
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colourHeader}},
		Border: []excelize.Border{{Type: "bottom", Color: colourRule, Style: 2}},
	})
	if err != nil {
		return err
	}
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

func (b *portfolioBook) releaseRow(s *streamSheet, r data.PortfolioRelease) []any {
	row := s.row[:0]
	var slip any
	if !r.PlannedRelease.IsZero() && !r.ActualRelease.IsZero() {
		slip = r.PlannedRelease.DaysUntil(r.ActualRelease)
	}
	return append(row, int(r.ID), r.Product, r.Version, r.Title, r.Type.Label(), r.Status.Label(), r.Risk.Label(),
		r.Owner, r.ChangeRef, b.day(r.CodeFreeze), b.day(r.PlannedRelease), b.day(r.ActualRelease), slip,
		r.Deployments, r.Succeeded, r.Failed, r.RolledBack)
}

func (b *portfolioBook) deploymentRow(s *streamSheet, d data.PortfolioDeployment) []any {
	var took any
	if d.ActualStart != nil && d.ActualEnd != nil && !d.ActualEnd.Before(*d.ActualStart) {
		took = excelize.Cell{StyleID: b.styles[kindDuration], Value: d.ActualEnd.Sub(*d.ActualStart).Hours() / 24}
	}
	return append(s.row[:0], int(d.ID), int(d.ReleaseID), d.Product, d.Version, d.Environment, d.Build,
		b.instant(d.PlannedStart), b.instant(d.PlannedEnd), b.instantPtr(d.ActualStart), b.instantPtr(d.ActualEnd),
		took, d.Outcome.Label(), d.PerformedBy, d.Notes)
}

func (b *portfolioBook) rollbackRow(s *streamSheet, r data.PortfolioRollback) []any {
	return append(s.row[:0], int(r.ID), int(r.DeploymentID), int(r.ReleaseID), r.Product, r.Version, r.Environment,
		b.instant(r.StartedAt), b.instantPtr(r.FinishedAt), r.DowntimeMinutes, r.UsersAffected, r.Reason,
		r.RestoredVersion, r.DetectedBy)
}

// day is a calendar day cell, or nothing when unset.
func (b *portfolioBook) day(d data.Date) any {
	if d.IsZero() {
		return nil
	}
	return excelize.Cell{StyleID: b.styles[kindDate], Value: dateSerial(d)}
}

// instant is a date-and-time cell in the reader's time zone, or nothing.
func (b *portfolioBook) instant(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return excelize.Cell{StyleID: b.styles[kindDateTime], Value: excelSerial(t.In(b.loc))}
}

func (b *portfolioBook) instantPtr(t *time.Time) any {
	if t == nil {
		return nil
	}
	return b.instant(*t)
}
