package reports

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"releasedesk/data"
)

// memPortfolio is a portfolio held in memory: the benchmarks' and tests'
// source, so they measure and check the writer rather than the database.
type memPortfolio struct {
	releases    []data.PortfolioRelease
	deployments []data.PortfolioDeployment
	rollbacks   []data.PortfolioRollback
	freezes     []data.FreezeWindow
}

func (m *memPortfolio) PortfolioCounts(context.Context) (data.PortfolioCounts, error) {
	return data.PortfolioCounts{Releases: len(m.releases), Deployments: len(m.deployments), Rollbacks: len(m.rollbacks)}, nil
}

func (m *memPortfolio) EachPortfolioRelease(_ context.Context, fn func(data.PortfolioRelease) error) error {
	return eachOf(m.releases, fn)
}

func (m *memPortfolio) EachPortfolioDeployment(_ context.Context, fn func(data.PortfolioDeployment) error) error {
	return eachOf(m.deployments, fn)
}

func (m *memPortfolio) EachPortfolioRollback(_ context.Context, fn func(data.PortfolioRollback) error) error {
	return eachOf(m.rollbacks, fn)
}

// Metrics measures every environment alike: four finished deployments,
// one failed, restored in two hours.
func (m *memPortfolio) Metrics(_ context.Context, from, to time.Time, _ uint) (data.Metrics, error) {
	rate := 0.25
	env := func(name string) data.DeliveryMetrics {
		return data.DeliveryMetrics{Environment: name, Finished: 4, Succeeded: 3, Failed: 1, DeploymentsPerWeek: 0.9,
			ChangeFailureRate: &rate, RestoreHours: data.Summary{Count: 1, Mean: 2, Median: 2, Max: 2}}
	}
	return data.Metrics{From: from, To: to, Environments: []data.DeliveryMetrics{env("QA"), env("Production")},
		Total: env("All environments"), LeadTimeDays: data.Summary{Count: 2, Mean: 6.5, Median: 6.5, Max: 8}}, nil
}

func (m *memPortfolio) ReportFreezeWindows(context.Context) ([]data.FreezeWindow, error) {
	return m.freezes, nil
}

func eachOf[T any](rows []T, fn func(T) error) error {
	for _, r := range rows {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// memPortfolioOf builds a portfolio of n deployments spread over releases.
func memPortfolioOf(n int) *memPortfolio {
	m := &memPortfolio{}
	envs := []string{"Development", "QA", "Staging", "Production"}
	releases := max(n/10, 1)
	for i := range releases {
		m.releases = append(m.releases, data.PortfolioRelease{
			ID: uint(i + 1), Product: fmt.Sprintf("Product %d", i%40), Version: fmt.Sprintf("%d.%d.0", i/40, i%40),
			Title: fmt.Sprintf("Release %d", i), Type: data.ReleaseTypes[i%5], Status: data.ReleaseStatuses[i%6],
			Risk: data.Risks[i%3], Owner: "Dana", CodeFreeze: data.NewDate(2026, 1, 1).AddDays(i % 300),
			PlannedRelease: data.NewDate(2026, 1, 8).AddDays(i % 300), Deployments: 10, Succeeded: 7, Failed: 2, RolledBack: 1,
			UpdatedAt: reportNow,
		})
	}
	base := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	for i := range n {
		start := base.Add(time.Duration(i) * 37 * time.Minute)
		d := data.PortfolioDeployment{
			ID: uint(i + 1), ReleaseID: uint(i/10 + 1), Product: fmt.Sprintf("Product %d", (i/10)%40),
			Version: fmt.Sprintf("%d.%d.0", (i/10)/40, (i/10)%40), Environment: envs[i%4], Build: fmt.Sprintf("b%d", i),
			PlannedStart: start, PlannedEnd: start.Add(2 * time.Hour), Outcome: data.Outcomes[i%5], PerformedBy: "ci-bot",
			UpdatedAt: reportNow,
		}
		if d.Outcome != data.OutcomePlanned {
			as, ae := start.Add(5*time.Minute), start.Add(90*time.Minute)
			d.ActualStart, d.ActualEnd = &as, &ae
		}
		if i%7 == 0 {
			d.Notes = "Smooth run; no customer impact."
		}
		m.deployments = append(m.deployments, d)
		if d.Outcome == data.OutcomeRolledBack {
			fin := start.Add(2 * time.Hour)
			m.rollbacks = append(m.rollbacks, data.PortfolioRollback{
				ID: uint(len(m.rollbacks) + 1), DeploymentID: d.ID, ReleaseID: d.ReleaseID, Product: d.Product, Version: d.Version,
				Environment: d.Environment, StartedAt: start.Add(95 * time.Minute), FinishedAt: &fin, Reason: "Error rate rose",
				RestoredVersion: "previous", DowntimeMinutes: 12, UsersAffected: 40, DetectedBy: "monitoring",
			})
		}
	}
	return m
}

func TestPortfolioWorkbook(t *testing.T) {
	m := memPortfolioOf(400)
	m.releases[0].Title = "=cmd|' /C calc'!A0"
	m.deployments[0].Notes = "@SUM(1,2)"
	path := filepath.Join(t.TempDir(), PortfolioFileName)
	scratch := t.TempDir() // where the streamed rows wait
	t.Setenv("TMPDIR", scratch)
	var last [2]int
	opts := reportOptions()
	opts.Progress = func(done, total int) {
		if done < last[0] {
			t.Errorf("progress went back from %d to %d", last[0], done)
		}
		last = [2]int{done, total}
	}
	if err := ExportPortfolio(context.Background(), m, path, opts); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(scratch); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
	total := len(m.releases) + len(m.deployments) + len(m.rollbacks)
	if last != [2]int{total, total} {
		t.Errorf("last progress %v, want %d of %d", last, total, total)
	}
	f := openBook(t, path)
	if got := f.GetSheetList(); !slices.Equal(got, PortfolioSheets) {
		t.Fatalf("sheets = %v", got)
	}
	if i := f.GetActiveSheetIndex(); i != 0 {
		t.Errorf("sheet %d opens first, want the Summary", i)
	}
	for sheet, want := range map[string]int{SheetReleases: len(m.releases), SheetDeployments: len(m.deployments), SheetRollbacks: len(m.rollbacks)} {
		rows, err := f.GetRows(sheet)
		if err != nil || len(rows) != want+1 {
			t.Errorf("%s: %d rows (%v), want %d and a header", sheet, len(rows), err, want)
		}
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header not frozen: %+v", sheet, panes)
		}
		if cf, err := f.GetConditionalFormats(sheet); err != nil || (sheet != SheetRollbacks && len(cf) == 0) {
			t.Errorf("%s: conditional formats %v %v", sheet, cf, err)
		}
	}
	if w, _ := f.GetColWidth(SheetDeployments, "G"); w < 20 {
		t.Errorf("Deployments column G is %v wide, too narrow for a date and time", w)
	}
	for _, c := range []struct{ sheet, cell, want string }{
		{SheetReleases, "D2", m.releases[0].Title},
		{SheetDeployments, "N2", m.deployments[0].Notes},
	} {
		if formula, _ := f.GetCellFormula(c.sheet, c.cell); formula != "" {
			t.Errorf("%s!%s became the formula %q", c.sheet, c.cell, formula)
		}
		if got, _ := f.GetCellValue(c.sheet, c.cell); got != c.want {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.cell, got, c.want)
		}
	}
	raw, _ := f.GetCellValue(SheetDeployments, "G2", excelize.Options{RawCellValue: true})
	var serial float64
	if _, err := fmt.Sscan(raw, &serial); err != nil || math.Abs(serial-excelSerial(m.deployments[0].PlannedStart.In(reportZone))) > 1e-6 {
		t.Errorf("Deployments!G2 = %s, want the planned start in local time", raw)
	}
	sheets := zipParts(t, path, "xl/worksheets/sheet")
	deployments, releases := sheets[sheetPartOf(t, path, SheetDeployments)], sheets[sheetPartOf(t, path, SheetReleases)]
	if !strings.Contains(deployments, fmt.Sprintf(`<autoFilter ref="$A$1:$N$%d"`, len(m.deployments)+1)) {
		t.Error("the Deployments autofilter does not cover every row")
	}
	if !strings.Contains(deployments, fmt.Sprintf(`<dimension ref="A1:N%d"/>`, len(m.deployments)+1)) {
		t.Error("the Deployments sheet does not declare its size")
	}
	if !strings.Contains(releases, `<pageSetUpPr fitToPage="true"`) {
		t.Error("the Releases sheet does not fit the page width")
	}

	book := readWithOpenpyxl(t, path)
	for sheet, want := range map[string]int{SheetReleases: len(m.releases), SheetDeployments: len(m.deployments), SheetRollbacks: len(m.rollbacks)} {
		s := book.sheet(t, sheet)
		if s.MaxRow != want+1 || s.Freeze == nil || *s.Freeze != "A2" || s.Filter == nil || len(s.Formulas) != 0 || !s.Landscape {
			t.Errorf("%s as openpyxl sees it: rows %d freeze %v filter %v formulas %v", sheet, s.MaxRow, s.Freeze, s.Filter, s.Formulas)
		}
	}
	dep := book.sheet(t, SheetDeployments)
	for _, c := range []string{"G2", "H2", "I3", "J3", "K3"} {
		if !slices.Contains(dep.DateCells, c) {
			t.Errorf("Deployments!%s is not a date to openpyxl", c)
		}
	}
	if rel := book.sheet(t, SheetReleases); !slices.Contains(rel.DateCells, "J2") || rel.TextCells["D2"] != m.releases[0].Title {
		t.Errorf("Releases!J2 not a date or D2 = %q", rel.TextCells["D2"])
	}
}

func TestPortfolioOfAnEmptyDatabase(t *testing.T) {
	var buf bytes.Buffer
	if err := WritePortfolio(context.Background(), &buf, &memPortfolio{}, reportOptions()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range PortfolioSheets[1:] {
		if rows, _ := f.GetRows(sheet); len(rows) != 1 {
			t.Errorf("%s: %d rows, want only the header", sheet, len(rows))
		}
	}
	if text := sheetText(t, f, SheetSummary); !strings.Contains(text, "No releases yet.") {
		t.Errorf("the Summary of an empty portfolio does not say so:\n%s", text)
	}
}

// failingSource fails, or cancels, partway through the deployments.
type failingSource struct {
	*memPortfolio
	after  int
	err    error
	cancel context.CancelFunc
}

func (s failingSource) EachPortfolioDeployment(ctx context.Context, fn func(data.PortfolioDeployment) error) error {
	for i, d := range s.deployments {
		if i == s.after {
			if s.cancel != nil {
				s.cancel()
			} else {
				return s.err
			}
		}
		if err := fn(d); err != nil {
			return err
		}
	}
	return nil
}

func TestFailedPortfolioExportLeavesTheOldFileAlone(t *testing.T) {
	dbErr := errors.New("disk I/O error")
	tests := []struct {
		name string
		src  func(cancel context.CancelFunc) PortfolioSource
		want error
	}{
		{"source fails", func(context.CancelFunc) PortfolioSource {
			return failingSource{memPortfolio: memPortfolioOf(3000), after: 1500, err: dbErr}
		}, dbErr},
		{"cancelled midway", func(cancel context.CancelFunc) PortfolioSource {
			return failingSource{memPortfolio: memPortfolioOf(3000), after: 1500, cancel: cancel}
		}, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, PortfolioFileName)
			old := []byte("the portfolio from last week")
			if err := os.WriteFile(path, old, 0o640); err != nil {
				t.Fatal(err)
			}
			scratch := t.TempDir() // where the streamed rows wait
			t.Setenv("TMPDIR", scratch)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			err := ExportPortfolio(ctx, tt.src(cancel), path, reportOptions())
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			assertUntouched(t, dir, path, old)
			if left, _ := os.ReadDir(scratch); len(left) != 0 {
				t.Errorf("temporary files left behind: %v", left)
			}
		})
	}
}

// assertUntouched checks that path still holds old and nothing else was left in dir.
func assertUntouched(t *testing.T, dir, path string, old []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, old) {
		t.Errorf("the old file changed: %q (%v)", got, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("left behind: %v", names)
	}
}

// sheetPartOf is the package part holding sheet name of the workbook at path.
func sheetPartOf(t *testing.T, path, name string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	parts := map[string]*zip.File{}
	for _, f := range z.File {
		parts[f.Name] = f
	}
	found, err := streamedParts(parts, map[string]*sheetRows{name: {}})
	if err != nil {
		t.Fatal(err)
	}
	for part := range found {
		return part
	}
	return ""
}

// sheetText is every cell of sheet as shown, a line per row, cells joined by " | ".
func sheetText(t *testing.T, f *excelize.File, sheet string) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, " | "))
		b.WriteByte('\n')
	}
	return b.String()
}

// TestPortfolioSheetsGoOnWhenFull: a sheet holds as many rows as a
// spreadsheet can (here shrunk to 150), then goes on in "Deployments (2)"
// and so on, each with its header, filter and frozen first row, and every
// row written once.
func TestPortfolioSheetsGoOnWhenFull(t *testing.T) {
	m := memPortfolioOf(400)
	path := filepath.Join(t.TempDir(), PortfolioFileName)
	opts := reportOptions()
	opts.sheetRows = 150
	if err := ExportPortfolio(context.Background(), m, path, opts); err != nil {
		t.Fatal(err)
	}
	f := openBook(t, path)
	var want []string
	seen := map[string]int{}
	for _, c := range []struct {
		name string
		rows int
	}{{SheetReleases, len(m.releases)}, {SheetDeployments, len(m.deployments)}, {SheetRollbacks, len(m.rollbacks)}} {
		for part := 0; part*150 < max(c.rows, 1); part++ {
			name := c.name
			if part > 0 {
				name = fmt.Sprintf("%s (%d)", c.name, part+1)
			}
			want = append(want, name)
			rows, err := f.GetRows(name)
			if err != nil {
				t.Fatal(err)
			}
			if n := min(150, c.rows-part*150); len(rows) != n+1 || rows[0][0] != "ID" {
				t.Errorf("%s: %d rows under %q, want %d", name, len(rows)-1, rows[0][0], n)
			}
			if panes, err := f.GetPanes(name); err != nil || !panes.Freeze {
				t.Errorf("%s: header not frozen (%v)", name, err)
			}
			for _, r := range rows[1:] {
				seen[c.name+" "+r[0]]++
			}
		}
	}
	if len(m.deployments) <= 300 {
		t.Fatalf("the fixture has %d deployments: too few to fill three sheets", len(m.deployments))
	}
	if got := f.GetSheetList(); !slices.Equal(got, append([]string{SheetSummary}, want...)) {
		t.Errorf("sheets %v, want the Summary and %v", got, want)
	}
	for k, n := range seen {
		if n != 1 {
			t.Errorf("%s written %d times", k, n)
		}
	}
	if len(seen) != len(m.releases)+len(m.deployments)+len(m.rollbacks) {
		t.Errorf("%d rows written, want %d", len(seen), len(m.releases)+len(m.deployments)+len(m.rollbacks))
	}
	readWithOpenpyxl(t, path) // an independent reader opens the continued sheets
}
