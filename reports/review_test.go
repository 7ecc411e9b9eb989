package reports

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"releasedesk/data"
)

// writeReviewFile writes the review of d into a temporary file.
func writeReviewFile(t *testing.T, d data.ReviewData) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "review.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteReview(context.Background(), f, d, reportOptions()); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// zipParts returns the parts of an .xlsx whose names start with prefix.
func zipParts(t *testing.T, path, prefix string) map[string]string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	out := map[string]string{}
	for _, f := range z.File {
		if !strings.HasPrefix(f.Name, prefix) {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = string(b)
	}
	return out
}

func openBook(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestReviewWorkbookSheetsRowsAndCells(t *testing.T) {
	d := reviewFixture()
	path := writeReviewFile(t, d)
	f := openBook(t, path)
	if got := f.GetSheetList(); !slices.Equal(got, ReviewSheets) {
		t.Fatalf("sheets = %v, want %v", got, ReviewSheets)
	}
	// Rows: header, one per record, a totals row where totals help.
	wantRows := map[string]int{
		SheetDeployments: 1 + len(d.Deployments) + 1, SheetRollbacks: 1 + len(d.Rollbacks) + 1,
		SheetTests: 1 + len(d.TestRuns) + 1, SheetStakeholders: 1 + len(d.Stakeholders), SheetActions: 1 + len(d.Review.Actions),
		SheetMetrics: 1 + 4 + 1,
	}
	for sheet, want := range wantRows {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for n < len(rows) && len(rows[n]) > 0 {
			n++ // the table ends at the first empty row
		}
		if n != want {
			t.Errorf("%s: %d table rows, want %d", sheet, n, want)
		}
	}
	tests := []struct {
		sheet, cell string
		want        string
	}{
		{SheetDeployments, "A1", "Environment"},
		{SheetDeployments, "A2", "Development"},
		{SheetDeployments, "H6", "Rolled back"},
		{SheetDeployments, "A8", "6 deployments"},
		{SheetRollbacks, "F2", d.Rollbacks[0].Reason},
		{SheetTests, "D4", "460"},
		{SheetStakeholders, "B2", "Responsible"},
		{SheetActions, "E2", "2"}, // due 18 May, loaded 20 May
		{SheetMetrics, "A6", "All environments"},
		{SheetMetrics, "G6", "33.3%"},
		{SheetSummary, "B4", "Successful with issues"},
	}
	for _, tt := range tests {
		if got, err := f.GetCellValue(tt.sheet, tt.cell); err != nil || got != tt.want {
			t.Errorf("%s!%s = %q (%v), want %q", tt.sheet, tt.cell, got, err, tt.want)
		}
	}
}

func TestReviewWorkbookWritesInstantsInLocalTimeAndDaysAsDates(t *testing.T) {
	f := openBook(t, writeReviewFile(t, reviewFixture()))
	tests := []struct {
		sheet, cell, format string
		want                float64
	}{
		// Planned start 4 May 08:00 UTC is 10:00 in the report's zone.
		{SheetDeployments, "C2", fmtDateTime, excelSerial(at(4, 10, 0))},
		{SheetDeployments, "G2", fmtDuration, 35.0 / 60 / 24},
		{SheetActions, "C2", fmtDate, dateSerial(data.NewDate(2026, 5, 18))},
		{SheetTimeline, "C2", fmtDateTime, excelSerial(at(4, 10, 0))},
	}
	for _, tt := range tests {
		raw, err := f.GetCellValue(tt.sheet, tt.cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		var got float64
		if _, err := fmt.Sscan(raw, &got); err != nil || math.Abs(got-tt.want) > 1e-6 {
			t.Errorf("%s!%s = %q, want %v", tt.sheet, tt.cell, raw, tt.want)
		}
		id, err := f.GetCellStyle(tt.sheet, tt.cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != tt.format {
			t.Errorf("%s!%s number format = %v, want %q", tt.sheet, tt.cell, st.CustomNumFmt, tt.format)
		}
	}
}

func TestReviewWorkbookKeepsFormulaLookingTextAsText(t *testing.T) {
	d := reviewFixture()
	path := writeReviewFile(t, d)
	f := openBook(t, path)
	tests := []struct{ sheet, cell, want string }{
		{SheetSummary, "A1", "Payments 2.4.0 — " + d.Release.Title},
		{SheetActions, "A4", d.Review.Actions[2].Title},
		{SheetRollbacks, "F2", d.Rollbacks[0].Reason},
		{SheetStakeholders, "E3", d.Stakeholders[1].ApprovalComment},
	}
	for _, tt := range tests {
		if formula, _ := f.GetCellFormula(tt.sheet, tt.cell); formula != "" {
			t.Errorf("%s!%s became the formula %q", tt.sheet, tt.cell, formula)
		}
		if got, _ := f.GetCellValue(tt.sheet, tt.cell); got != tt.want {
			t.Errorf("%s!%s = %q, want %q", tt.sheet, tt.cell, got, tt.want)
		}
		if typ, _ := f.GetCellType(tt.sheet, tt.cell); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("%s!%s has type %v, want text", tt.sheet, tt.cell, typ)
		}
	}
	// No sheet holds any formula at all.
	for name, xml := range zipParts(t, path, "xl/worksheets/sheet") {
		if strings.Contains(xml, "<f>") || strings.Contains(xml, "<f ") {
			t.Errorf("%s contains a formula", name)
		}
	}
}

func TestReviewWorkbookLayout(t *testing.T) {
	path := writeReviewFile(t, reviewFixture())
	f := openBook(t, path)
	for _, sheet := range ReviewSheets[1:] {
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header not frozen: %+v %v", sheet, panes, err)
		}
		id, _ := f.GetCellStyle(sheet, "A1")
		if st, _ := f.GetStyle(id); st == nil || st.Font == nil || !st.Font.Bold {
			t.Errorf("%s: header not bold", sheet)
		}
		layout, err := f.GetPageLayout(sheet)
		if err != nil || layout.Orientation == nil || *layout.Orientation != "landscape" || layout.FitToWidth == nil || *layout.FitToWidth != 1 {
			t.Errorf("%s: page layout %+v %v", sheet, layout, err)
		}
		hf, err := f.GetHeaderFooter(sheet)
		if err != nil || !strings.Contains(hf.OddHeader, "Payments 2.4.0") || !strings.Contains(hf.OddFooter, "&P of &N") {
			t.Errorf("%s: header/footer %+v %v", sheet, hf, err)
		}
	}
	sheets := zipParts(t, path, "xl/worksheets/sheet")
	for i, name := range ReviewSheets[1:] {
		if !strings.Contains(sheets["xl/worksheets/sheet"+strconv.Itoa(i+2)+".xml"], `<autoFilter ref="$A$1:`) {
			t.Errorf("%s has no autofilter", name)
		}
	}
	for col, min := range map[string]float64{"C": 20, "D": 20, "E": 20, "F": 20, "H": 10} {
		if w, _ := f.GetColWidth(SheetDeployments, col); w < min {
			t.Errorf("Deployments column %s is %.1f wide, want at least %.0f", col, w, min)
		}
	}
	if len(zipParts(t, path, "xl/charts/chart")) < 2 {
		t.Error("the Metrics sheet has no charts")
	}
	props, err := f.GetDocProps()
	if err != nil || props.Creator != "Release Desk" || !strings.Contains(props.Title, "Payments 2.4.0") || props.Subject == "" {
		t.Errorf("document properties %+v %v", props, err)
	}
}

func TestReviewWorkbookReadByOpenpyxl(t *testing.T) {
	d := reviewFixture()
	book := readWithOpenpyxl(t, writeReviewFile(t, d))
	var names []string
	for _, s := range book.Sheets {
		names = append(names, s.Name)
	}
	if !slices.Equal(names, ReviewSheets) {
		t.Fatalf("openpyxl sheets = %v", names)
	}
	if book.Creator != "Release Desk" || !strings.Contains(book.Title, "Payments 2.4.0") {
		t.Errorf("properties: %q %q", book.Creator, book.Title)
	}
	dep := book.sheet(t, SheetDeployments)
	if dep.MaxRow != len(d.Deployments)+2 || dep.Freeze == nil || *dep.Freeze != "A2" || dep.Filter == nil || !dep.Landscape || dep.FitToWidth != 1 {
		t.Errorf("Deployments as openpyxl sees it: %+v", dep)
	}
	for _, c := range []string{"C2", "D2", "E2", "F2", "C7"} {
		if !slices.Contains(dep.DateCells, c) {
			t.Errorf("Deployments!%s is not a date to openpyxl (dates: %v)", c, dep.DateCells)
		}
	}
	if m := book.sheet(t, SheetMetrics); m.Charts < 2 {
		t.Errorf("openpyxl sees %d charts on Metrics", m.Charts)
	}
	for _, s := range book.Sheets {
		if len(s.Formulas) > 0 {
			t.Errorf("%s has formulas at %v", s.Name, s.Formulas)
		}
	}
	if got := book.sheet(t, SheetActions).TextCells["A4"]; got != d.Review.Actions[2].Title {
		t.Errorf("Actions!A4 = %q", got)
	}
}

func TestReviewWorkbookOfAReleaseWithNothingRecorded(t *testing.T) {
	d := data.ReviewData{Release: data.Release{ID: 1, Version: "1.0.0", Title: "First", Product: data.Product{Name: "Ledger"},
		Type: data.TypeMinor, Status: data.StatusPlanned, Risk: data.RiskLow, PlannedRelease: data.NewDate(2026, 7, 1)}, LoadedAt: reportNow}
	path := writeReviewFile(t, d)
	f := openBook(t, path)
	for sheet, want := range map[string]string{
		SheetDeployments:     "No deployments were recorded for Ledger 1.0.0.",
		SheetRollbacks:       "No rollbacks: every deployment of Ledger 1.0.0 stayed in place.",
		SheetActions:         "No post-release review has been recorded for Ledger 1.0.0 yet, so there are no follow-up actions.",
		SheetMetrics:         "No deployments were recorded for Ledger 1.0.0, so there is nothing to measure yet.",
		SheetSummary + "!B4": "No review recorded yet",
	} {
		cell := "A1"
		if i := strings.IndexByte(sheet, '!'); i > 0 {
			sheet, cell = sheet[:i], sheet[i+1:]
		}
		if got, _ := f.GetCellValue(sheet, cell); got != want {
			t.Errorf("%s!%s = %q, want %q", sheet, cell, got, want)
		}
	}
	if n := len(zipParts(t, path, "xl/charts/")); n != 0 {
		t.Errorf("%d chart parts for a release with no deployments", n)
	}
}

func TestExportReviewFromTheStore(t *testing.T) {
	s := reportStore(t)
	ctx := context.Background()
	p := data.Product{Name: "Ledger"}
	if err := s.SaveProduct(ctx, &p); err != nil {
		t.Fatal(err)
	}
	r := data.Release{ProductID: p.ID, Version: "1.2.0", Title: "+1 reconciliation", Type: data.TypeMinor,
		Status: data.StatusPlanned, PlannedRelease: data.NewDate(2026, 7, 1)}
	if err := s.SaveRelease(ctx, &r); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, ReviewFileName(r))
	var calls int
	opts := reportOptions()
	opts.Progress = func(done, total int) { calls++ }
	if err := ExportReview(ctx, s, r.ID, out, opts); err != nil {
		t.Fatal(err)
	}
	if calls < len(ReviewSheets) {
		t.Errorf("progress told %d times", calls)
	}
	f := openBook(t, out)
	if got, _ := f.GetCellValue(SheetSummary, "A1"); got != "Ledger 1.2.0 — +1 reconciliation" {
		t.Errorf("title = %q", got)
	}
	missing := filepath.Join(dir, "missing.xlsx")
	if err := ExportReview(ctx, s, 999, missing, opts); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("missing release: %v", err)
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed export left %s behind", missing)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("folder holds %d files, want only the review", len(entries))
	}
}

func TestReviewFileName(t *testing.T) {
	r := data.Release{Version: "2.0.0", Product: data.Product{Name: `A/B: "core"`}}
	if got, want := ReviewFileName(r), `A-B- -core- 2.0.0 review.xlsx`; got != want {
		t.Errorf("ReviewFileName = %q, want %q", got, want)
	}
}
