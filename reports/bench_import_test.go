//go:build linux

package reports

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"releasedesk/data"
)

// Benchmarks of a plan import at the size SPEC section 5 budgets: a
// hundred thousand rows read, checked and written in under 10 s and under
// 250 MB. Each pass imports into a fresh database (made untimed), so every
// pass writes the same rows. Peak memory is the process's resident peak
// since the benchmark started (see resetPeak).

const importBenchRows = 100_000

// importBenchProducts is how many products the generated plan spreads its
// rows over: a product per 400 releases, as the demo grows them.
const importBenchProducts = importBenchRows / 400

// planBenchHeader is the header of the generated plan.
var planBenchHeader = []string{"Product", "Version", "Title", "Type", "Status", "Owner", "Code freeze", "Release date"}

// planBenchRow is row i of the generated plan: a release a week apart per
// product, its freeze a week before it. A row whose i is in bad gets a
// release date before its code freeze.
func planBenchRow(i int, bad map[int]bool) []string {
	product := i % importBenchProducts
	nth := i / importBenchProducts
	release := time.Date(2020, 1, 6, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*nth+product%7)
	freeze := release.AddDate(0, 0, -7)
	if bad[i] {
		freeze = release.AddDate(0, 0, 7)
	}
	return []string{
		fmt.Sprintf("Product %03d", product),
		fmt.Sprintf("%d.%d.0", 1+nth/100, nth%100),
		fmt.Sprintf("Release %d of product %03d", nth, product),
		"Minor", "Planned",
		fmt.Sprintf("Owner %d", product%60),
		freeze.Format("2006-01-02"),
		release.Format("2006-01-02"),
	}
}

// writePlanCSV writes a plan of n generated rows to path.
func writePlanCSV(tb testing.TB, path string, n int, bad map[int]bool) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	line := func(cells []string) {
		for j, c := range cells {
			if j > 0 {
				w.WriteByte(',')
			}
			w.WriteString(c)
		}
		w.WriteByte('\n')
	}
	line(planBenchHeader)
	for i := range n {
		line(planBenchRow(i, bad))
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

// writePlanXLSX writes the same plan as a workbook, its dates as date cells.
func writePlanXLSX(tb testing.TB, path string, n int) {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		tb.Fatal(err)
	}
	row := func(r int, cells []any) {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, cells); err != nil {
			tb.Fatal(err)
		}
	}
	header := make([]any, len(planBenchHeader))
	for j, h := range planBenchHeader {
		header[j] = h
	}
	row(1, header)
	for i := range n {
		texts := planBenchRow(i, nil)
		cells := make([]any, len(texts))
		for j, t := range texts {
			cells[j] = t
			if j >= 6 {
				d, _ := time.Parse("2006-01-02", t)
				cells[j] = excelize.Cell{StyleID: dateStyle, Value: d}
			}
		}
		row(i+2, cells)
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.SetSheetName("Sheet1", "Plan"); err != nil {
		tb.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		tb.Fatal(err)
	}
}

// importOnce imports the plan at path into a new database and returns
// what the import returned; the database is made untimed.
func importOnce(b *testing.B, path string) (int, error) {
	b.StopTimer()
	s, err := data.Open(context.Background(), filepath.Join(b.TempDir(), "import.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.StartTimer()
	pf, err := OpenPlanStream(path, PlanOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer pf.Close()
	return ImportPlanStream(context.Background(), s, pf)
}

// BenchmarkImportPlan100k imports a plan of a hundred thousand good rows,
// from a CSV file and from a workbook.
func BenchmarkImportPlan100k(b *testing.B) {
	for _, kind := range []string{"csv", "xlsx"} {
		b.Run(kind, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "plan."+kind)
			if kind == "csv" {
				writePlanCSV(b, path, importBenchRows, nil)
			} else {
				writePlanXLSX(b, path, importBenchRows)
			}
			start := resetPeak(b)
			b.ResetTimer()
			for b.Loop() {
				n, err := importOnce(b, path)
				if err != nil || n != importBenchRows {
					b.Fatalf("imported %d of %d rows: %v", n, importBenchRows, err)
				}
			}
			b.StopTimer()
			reportPeak(b, start)
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/import")
		})
	}
}

// BenchmarkImportPlanRefused100k imports a plan of a hundred thousand rows
// of which one in a hundred is bad: every row is still checked and the
// refusal names every bad one.
func BenchmarkImportPlanRefused100k(b *testing.B) {
	bad := map[int]bool{}
	for i := 50; i < importBenchRows; i += 100 {
		bad[i] = true
	}
	path := filepath.Join(b.TempDir(), "plan.csv")
	writePlanCSV(b, path, importBenchRows, bad)
	start := resetPeak(b)
	b.ResetTimer()
	for b.Loop() {
		n, err := importOnce(b, path)
		pe, ok := data.AsPlanErrors(err)
		if !ok || n != 0 {
			b.Fatalf("a plan with bad rows imported %d rows: %v", n, err)
		}
		if rows := data.BadPlanRows(pe.Errors); rows != len(bad) {
			b.Fatalf("the refusal names %d bad rows, want %d", rows, len(bad))
		}
	}
	b.StopTimer()
	reportPeak(b, start)
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/import")
}
