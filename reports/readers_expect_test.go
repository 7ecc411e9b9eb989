package reports

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"releasedesk/data"
)

// want is what a cell must show: a text, a number, a day or an instant
// (as a wall clock in the export's time zone, to the second). A zero want
// is an empty cell.
type want struct {
	kind kind // kindText, kindInt, kindDate or kindDateTime
	text string
	num  float64
	at   time.Time
}

func wantText(s string) want { return want{kind: kindText, text: s} }
func wantNum(n int) want     { return want{kind: kindInt, num: float64(n)} }
func wantDay(d data.Date) want {
	if d.IsZero() {
		return want{}
	}
	return want{kind: kindDate, at: d.Time(time.UTC)}
}

// wantAt is an instant as the workbook shows it: in reportZone, to the second.
func wantAt(t *time.Time) want {
	if t == nil || t.IsZero() {
		return want{}
	}
	wall := t.In(reportZone).Round(time.Second)
	return want{kind: kindDateTime, at: time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), 0, time.UTC)}
}

// sheetWant is what a sheet must hold below its header row: one map per
// row, from header to cell; rows is how many rows follow the header in all.
type sheetWant struct {
	rows  int
	cells []map[string]want
}

// portfolioWants reads what the portfolio of src must show, from src itself.
func portfolioWants(t *testing.T, src PortfolioSource) map[string]sheetWant {
	t.Helper()
	ctx := context.Background()
	out := map[string]sheetWant{}
	var rel, dep, rb []map[string]want
	err := src.EachPortfolioRelease(ctx, func(r data.PortfolioRelease) error {
		rel = append(rel, map[string]want{"ID": wantNum(int(r.ID)), "Product": wantText(r.Product), "Version": wantText(r.Version),
			"Title": wantText(r.Title), "Status": wantText(r.Status.Label()), "Owner": wantText(r.Owner),
			"Code freeze": wantDay(r.CodeFreeze), "Planned release": wantDay(r.PlannedRelease), "Actual release": wantDay(r.ActualRelease),
			"Deployments": wantNum(r.Deployments)})
		return nil
	})
	if err == nil {
		err = src.EachPortfolioDeployment(ctx, func(d data.PortfolioDeployment) error {
			dep = append(dep, map[string]want{"ID": wantNum(int(d.ID)), "Product": wantText(d.Product), "Environment": wantText(d.Environment),
				"Planned start": wantAt(&d.PlannedStart), "Planned end": wantAt(&d.PlannedEnd), "Actual start": wantAt(d.ActualStart),
				"Actual end": wantAt(d.ActualEnd), "Outcome": wantText(d.Outcome.Label()), "Notes": wantText(d.Notes)})
			return nil
		})
	}
	if err == nil {
		err = src.EachPortfolioRollback(ctx, func(r data.PortfolioRollback) error {
			rb = append(rb, map[string]want{"ID": wantNum(int(r.ID)), "Started": wantAt(&r.StartedAt), "Finished": wantAt(r.FinishedAt),
				"Reason": wantText(r.Reason), "Downtime (min)": wantNum(r.DowntimeMinutes)})
			return nil
		})
	}
	if err != nil {
		t.Fatal(err)
	}
	out[SheetReleases] = sheetWant{rows: len(rel), cells: rel}
	out[SheetDeployments] = sheetWant{rows: len(dep), cells: dep}
	out[SheetRollbacks] = sheetWant{rows: len(rb), cells: rb}
	return out
}

// reviewWants is what the review of d must show on its record sheets.
func reviewWants(d data.ReviewData) map[string]sheetWant {
	var dep, rb []map[string]want
	for _, x := range d.Deployments {
		dep = append(dep, map[string]want{"Environment": wantText(x.Environment.Name), "Build": wantText(x.Build),
			"Planned start": wantAt(&x.PlannedStart), "Planned end": wantAt(&x.PlannedEnd), "Actual start": wantAt(x.ActualStart),
			"Actual end": wantAt(x.ActualEnd), "Outcome": wantText(x.Outcome.Label()), "Notes": wantText(x.Notes)})
	}
	for _, r := range d.Rollbacks {
		rb = append(rb, map[string]want{"Started": wantAt(&r.StartedAt), "Finished": wantAt(r.FinishedAt), "Reason": wantText(r.Reason),
			"Downtime (min)": wantNum(r.DowntimeMinutes)})
	}
	out := map[string]sheetWant{}
	if len(dep) > 0 {
		out[SheetDeployments] = sheetWant{rows: len(dep) + 1, cells: dep} // and a totals row
	}
	if len(rb) > 0 {
		out[SheetRollbacks] = sheetWant{rows: len(rb) + 1, cells: rb}
	}
	return out
}

// showJSON is how a JSON reader (openpyxl, exceljs) reports w.
func showJSON(w want) (readCell, bool) {
	switch w.kind {
	case kindText:
		return readCell{"s", w.text}, w.text != ""
	case kindInt:
		return readCell{"n", strconv.FormatFloat(w.num, 'f', -1, 64)}, true
	case kindDate, kindDateTime:
		return readCell{"d", w.at.Format("2006-01-02T15:04:05")}, true
	}
	return readCell{}, false
}

// checkJSONBook compares what a JSON reader saw with the wants.
func checkJSONBook(t *testing.T, reader string, book readBook, wants map[string]sheetWant) {
	t.Helper()
	if book.Error != "" {
		t.Errorf("%s cannot open %s: %s", reader, filepath.Base(book.File), book.Error)
		return
	}
	if len(book.Warnings) > 0 {
		t.Errorf("%s warns about %s: %q", reader, filepath.Base(book.File), book.Warnings)
	}
	if title := book.Properties["title"]; title == nil || *title == "" {
		t.Errorf("%s sees no title in %s", reader, filepath.Base(book.File))
	}
	for name, sw := range wants {
		s, ok := book.sheet(name)
		if !ok {
			t.Errorf("%s sees no sheet %s in %s", reader, name, filepath.Base(book.File))
			continue
		}
		if s.MaxRow != sw.rows+1 {
			t.Errorf("%s: %s!%s has %d rows, want %d", reader, filepath.Base(book.File), name, s.MaxRow, sw.rows+1)
		}
		columns := map[string]string{}
		for ref, c := range s.Cells {
			if col, row, err := excelize.SplitCellName(ref); err == nil && row == 1 {
				columns[c[1]] = col
			}
		}
		compareSheet(t, reader, name, sw, func(header string, row int) (string, bool) {
			col, ok := columns[header]
			if c := s.Cells[fmt.Sprintf("%s%d", col, row)]; c[1] != "" {
				return c[0] + " " + c[1], ok
			}
			return "", ok
		}, func(w want, _ string) string {
			if c, ok := showJSON(w); ok {
				return c[0] + " " + c[1]
			}
			return ""
		})
	}
}

// compareSheet checks every wanted cell of a sheet: cell tells what the
// reader shows under a header on a row ("" for nothing, false when there
// is no such column), show what it must show. It names the first few
// cells that differ and counts the rest.
func compareSheet(t *testing.T, reader, sheet string, sw sheetWant, cell func(header string, row int) (string, bool), show func(w want, header string) string) {
	t.Helper()
	bad := 0
	for i, row := range sw.cells {
		for header, w := range row {
			got, ok := cell(header, i+2)
			if !ok {
				t.Fatalf("%s: %s has no column %q", reader, sheet, header)
			}
			if expect := show(w, header); got != expect {
				if bad++; bad <= 5 {
					t.Errorf("%s: %s row %d %s = %q, want %q", reader, sheet, i+2, header, got, expect)
				}
			}
		}
	}
	if bad > 5 {
		t.Errorf("%s: %s: %d cells differ in all", reader, sheet, bad)
	}
}

// shownLike is how a converter shows w in CSV: LibreOffice as the cell's
// number format says, Gnumeric in its own neutral form.
type shownLike struct {
	day, instant, midnight string // time layouts; midnight for an instant at 00:00:00
	number                 func(float64) string
}

var (
	shownByLibreOffice = shownLike{day: "2 Jan 2006", instant: "2 Jan 2006 15:04", midnight: "2 Jan 2006 15:04", number: func(n float64) string {
		return thousands(int(n))
	}}
	shownByGnumeric = shownLike{day: "2006/01/02", instant: "2006/01/02 15:04:05", midnight: "2006/01/02", number: func(n float64) string {
		return strconv.FormatFloat(n, 'f', -1, 64)
	}}
)

func (s shownLike) show(w want, header string) string {
	switch w.kind {
	case kindText:
		return w.text
	case kindInt:
		if header == "ID" {
			return strconv.Itoa(int(w.num))
		}
		return s.number(w.num)
	case kindDate:
		return w.at.Format(s.day)
	case kindDateTime:
		if w.at.Equal(w.at.Truncate(24 * time.Hour)) {
			return w.at.Format(s.midnight)
		}
		return w.at.Format(s.instant)
	}
	return ""
}

// checkCSVBook compares what a converter showed with the wants.
func checkCSVBook(t *testing.T, reader, file string, book csvBook, wants map[string]sheetWant, shown shownLike) {
	t.Helper()
	for name, sw := range wants {
		rows, ok := book[name]
		if !ok {
			t.Errorf("%s shows no sheet %s of %s (it shows %d)", reader, name, filepath.Base(file), len(book))
			continue
		}
		if len(rows) != sw.rows+1 {
			t.Errorf("%s: %s!%s has %d rows, want %d", reader, filepath.Base(file), name, len(rows), sw.rows+1)
			continue
		}
		columns := map[string]int{}
		for j, h := range rows[0] {
			columns[h] = j
		}
		compareSheet(t, reader, name, sw, func(header string, row int) (string, bool) {
			j, ok := columns[header]
			if ok && j < len(rows[row-1]) {
				return rows[row-1][j], true
			}
			return "", ok
		}, shown.show)
	}
}

// workbookCase is one workbook every reader opens, and what it must show.
type workbookCase struct {
	file  string
	wants map[string]sheetWant
}

// readerWorkbooks writes the workbooks the readers check: reviews of a
// full and of a blank release, portfolios of the demo data, of an empty
// database and of a deployment at every minute of a day.
func readerWorkbooks(t *testing.T) []workbookCase {
	t.Helper()
	dir := t.TempDir()
	ctx := context.Background()
	var cases []workbookCase
	write := func(name string, wants map[string]sheetWant, fn func(path string) error) {
		path := filepath.Join(dir, name+".xlsx")
		if err := fn(path); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		cases = append(cases, workbookCase{file: path, wants: wants})
	}
	reviews := map[string]data.ReviewData{"review-full": reviewFixture(), "review-blank": {Release: data.Release{ID: 1, Version: "1.0.0",
		Title: "First", Product: data.Product{Name: "Ledger"}, Type: data.TypeMinor, Status: data.StatusPlanned, Risk: data.RiskLow,
		PlannedRelease: data.NewDate(2026, 7, 1)}, LoadedAt: reportNow}}
	for _, name := range []string{"review-full", "review-blank"} {
		d := reviews[name]
		write(name, reviewWants(d), func(path string) error {
			f, err := os.Create(path)
			if err != nil {
				return err
			}
			defer f.Close()
			return WriteReview(ctx, f, d, reportOptions())
		})
	}
	s, _ := demoStore(t, 60)
	every := memPortfolioOf(24 * 60) // 37-minute steps reach every minute of the day
	for name, src := range map[string]PortfolioSource{"portfolio-demo": s, "portfolio-empty": &memPortfolio{}, "portfolio-minutes": every} {
		write(name, portfolioWants(t, src), func(path string) error { return ExportPortfolio(ctx, src, path, reportOptions()) })
	}
	return cases
}

func TestWorkbooksReadTheSameInEveryReader(t *testing.T) {
	cases := readerWorkbooks(t)
	files := make([]string, len(cases))
	for i, c := range cases {
		files[i] = c.file
	}
	// The readers run side by side: each is a process of its own, and most
	// of their time goes to starting up.
	timed := func(reader string, fn func(t *testing.T)) {
		t.Run(reader, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			fn(t)
			t.Logf("%s read %d workbooks in %v", reader, len(files), time.Since(start).Round(time.Millisecond))
		})
	}
	timed("openpyxl", func(t *testing.T) {
		normal, readOnly := readWithOpenpyxlModes(t, files)
		for _, c := range cases {
			checkJSONBook(t, "openpyxl", normal[c.file], c.wants)
			checkJSONBook(t, "openpyxl read-only", readOnly[c.file], c.wants)
		}
	})
	timed("exceljs", func(t *testing.T) {
		books := readWithExceljs(t, files)
		for _, c := range cases {
			checkJSONBook(t, "exceljs", books[c.file], c.wants)
		}
	})
	timed("Gnumeric", func(t *testing.T) {
		books := readWithGnumeric(t, files)
		for _, c := range cases {
			checkCSVBook(t, "Gnumeric", c.file, books[c.file], c.wants, shownByGnumeric)
		}
	})
	timed("LibreOffice", func(t *testing.T) {
		books := readWithLibreOffice(t, files)
		for _, c := range cases {
			checkCSVBook(t, "LibreOffice", c.file, books[c.file], c.wants, shownByLibreOffice)
		}
	})
}
