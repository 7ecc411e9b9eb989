package reports

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"releasedesk/data"
)

func TestPortfolioOpensOnItsSummary(t *testing.T) {
	m := memPortfolioOf(1000)
	for i := range m.releases { // around today, some past, some beyond the window
		m.releases[i].PlannedRelease = data.DateOf(reportNow.In(reportZone)).AddDays(i%35 - 3)
	}
	path := filepath.Join(t.TempDir(), PortfolioFileName)
	if err := ExportPortfolio(context.Background(), m, path, reportOptions()); err != nil {
		t.Fatal(err)
	}
	f := openBook(t, path)
	if got := f.GetSheetList(); got[0] != SheetSummary || f.GetActiveSheetIndex() != 0 {
		t.Fatalf("sheets %v, active %d: the Summary does not open first", got, f.GetActiveSheetIndex())
	}
	rows, err := f.GetRows(SheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	find := func(first string) int {
		for i, r := range rows {
			if len(r) > 0 && r[0] == first {
				return i
			}
		}
		t.Fatalf("the Summary has no row starting %q:\n%s", first, sheetText(t, f, SheetSummary))
		return 0
	}
	// Releases per product and status, counted from the rows.
	want := map[string][]int{}
	for _, r := range m.releases {
		if want[r.Product] == nil {
			want[r.Product] = make([]int, len(data.ReleaseStatuses))
		}
		want[r.Product][slices.Index(data.ReleaseStatuses, r.Status)]++
	}
	row := rows[find("Product 7")]
	for i, n := range want["Product 7"] {
		if row[i+1] != fmt.Sprint(n) {
			t.Errorf("Product 7, %s: %q, want %d", data.ReleaseStatuses[i].Label(), row[i+1], n)
		}
	}
	if total := rows[find("All products")]; total[len(total)-1] != fmt.Sprint(len(m.releases)) {
		t.Errorf("All products: %v, want %d in all", total, len(m.releases))
	}
	// The open releases of the next days, soonest first, then how many more.
	today := data.DateOf(reportNow.In(reportZone))
	var upcoming []data.PortfolioRelease
	for _, r := range m.releases {
		open := r.Status == data.StatusDraft || r.Status == data.StatusPlanned || r.Status == data.StatusInProgress
		if open && !r.PlannedRelease.Before(today) && !r.PlannedRelease.After(today.AddDays(upcomingDays)) {
			upcoming = append(upcoming, r)
		}
	}
	slices.SortStableFunc(upcoming, upcomingOrder)
	if len(upcoming) <= upcomingShown {
		t.Fatalf("the fixture has %d upcoming releases; the test needs more than %d", len(upcoming), upcomingShown)
	}
	at := find("Planned release") + 1
	for i, r := range upcoming[:upcomingShown] {
		if got := rows[at+i]; len(got) < 6 || got[1] != r.Product || got[2] != r.Version || got[5] != r.Title {
			t.Errorf("upcoming release %d: %v, want %s %s %q", i+1, got, r.Product, r.Version, r.Title)
		}
	}
	if more := rows[at+upcomingShown]; !strings.Contains(more[0], fmt.Sprintf("%d more", len(upcoming)-upcomingShown)) {
		t.Errorf("after the upcoming releases: %q, want how many more there are", more)
	}
	// Delivery as the source measured it.
	if qa := rows[find("QA")]; qa[1] != "4" || qa[3] != "1" || qa[6] != "25.0%" || qa[7] != "2.0" {
		t.Errorf("QA delivery row: %q", qa)
	}
	if lead := rows[find("All environments")+2]; !strings.Contains(lead[0], "6.5 days median") {
		t.Errorf("lead time line: %q", lead)
	}
}

// A landscape page holds landscapeCharacters of Excel's width units at
// full size; fitted to its width, a wider sheet prints smaller, and below
// minPrintScale too small to read comfortably.
const (
	landscapeCharacters = 150
	minPrintScale       = 0.6
)

func TestPortfolioPrintsReadably(t *testing.T) {
	m := memPortfolioOf(400)
	m.releases[3].Title = strings.Repeat("A title long enough to wrap onto more lines ", 3)
	path := filepath.Join(t.TempDir(), PortfolioFileName)
	if err := ExportPortfolio(context.Background(), m, path, reportOptions()); err != nil {
		t.Fatal(err)
	}
	f := openBook(t, path)
	widths := map[string][]streamColumn{SheetReleases: releaseColumns, SheetDeployments: deploymentColumns, SheetRollbacks: rollbackColumns}
	for sheet, cols := range widths {
		total := 0.0
		for i, c := range cols {
			name, _ := excelize.ColumnNumberToName(i + 1)
			w, _ := f.GetColWidth(sheet, name)
			total += w
			if c.kind != kindWrap {
				continue
			}
			style, _ := f.GetCellStyle(sheet, name+"2")
			if s, err := f.GetStyle(style); err != nil || s.Alignment == nil || !s.Alignment.WrapText {
				t.Errorf("%s!%s2 (%s) does not wrap", sheet, name, c.header)
			}
		}
		if total > landscapeCharacters/minPrintScale {
			t.Errorf("%s is %.0f characters wide: it prints too small", sheet, total)
		}
		names, _ := f.GetDefinedName(), 0
		repeated := false
		for _, n := range names {
			repeated = repeated || (n.Name == "_xlnm.Print_Titles" && n.Scope == sheet && n.RefersTo == "'"+sheet+"'!$1:$1")
		}
		if !repeated {
			t.Errorf("%s does not repeat its header row on every page: %+v", sheet, names)
		}
	}
	if h, _ := f.GetRowHeight(SheetReleases, 5); h < 30 {
		t.Errorf("the row of a three-line title is %v points high", h)
	}
	book := readWithOpenpyxl(t, path)
	for _, sheet := range PortfolioSheets {
		if s := book.sheet(t, sheet); !s.Landscape || s.FitToWidth != 1 {
			t.Errorf("%s prints landscape %v, %d pages wide", sheet, s.Landscape, s.FitToWidth)
		}
	}
}
