package reports

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"releasedesk/data"
)

// Issue 16 #3: the window's import preview reads a plan row by row, shows
// the first rows of a large one with the totals, names every bad row,
// imports every row, and lets go of the file when the preview is left.

// bigPlanRows is the size of the large plan: far more rows than the
// preview keeps, few enough for a test under the race detector.
const bigPlanRows = 20_000

// writeBigPlan writes a plan of n rows to path; the rows whose index is in
// bad have their code freeze after their release date. Row i is on the
// file's line i+2, under the header.
func writeBigPlan(t *testing.T, path string, n int, bad map[int]bool) {
	t.Helper()
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(out)
	fmt.Fprintln(w, "Product,Version,Title,Type,Status,Owner,Code freeze,Release date")
	for i := range n {
		release := time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%700)
		freeze := release.AddDate(0, 0, -7)
		if bad[i] {
			freeze = release.AddDate(0, 0, 7)
		}
		fmt.Fprintf(w, "Stream %02d,%d.%d.0,Release %d,Minor,Planned,Owner %d,%s,%s\n", i%40, 1+i/1000, i%1000, i,
			i%9, freeze.Format("2006-01-02"), release.Format("2006-01-02"))
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestImportLargePlanPreview(t *testing.T) {
	f := newReportsFixture(t)
	s := f.showReports()
	before := f.ReleaseCount()

	// Two bad rows, far down the file, past the rows the preview keeps.
	bad := map[int]bool{15_000: true, bigPlanRows - 3: true}
	badPath := filepath.Join(f.dir, "big bad.csv")
	writeBigPlan(t, badPath, bigPlanRows, bad)
	s.plan.read(badPath)
	p := s.plan
	if len(p.preview.Releases) != previewRows || p.preview.Good != bigPlanRows-2 || p.preview.Rows != bigPlanRows {
		t.Fatalf("the preview keeps %d releases of %d good in %d rows, want %d of %d in %d",
			len(p.preview.Releases), p.preview.Good, p.preview.Rows, previewRows, bigPlanRows-2, bigPlanRows)
	}
	f.WantTexts("a large plan with two bad rows",
		"19,998 releases ready, 2 rows have errors",
		"Showing the first 1,000 of 19,998 releases",
		"2 problems in 2 rows")
	var rows []int
	for _, e := range p.errs {
		rows = append(rows, e.Row)
	}
	if len(rows) != 2 || rows[0] != 15_002 || rows[1] != bigPlanRows-1 {
		t.Errorf("the errors name rows %v, want 15002 and %d", rows, bigPlanRows-1)
	}
	if !p.importBtn.Disabled() {
		t.Error("a plan with bad rows can be imported")
	}
	// Row numbers of five digits are drawn whole, not cut short.
	for _, row := range []string{"15002", "19999"} {
		if _, _, ok := textBox(p.errTable.table, row); !ok {
			t.Errorf("the errors table does not draw row %s whole; visible %q", row, f.Texts())
		}
	}
	// The last row kept is the thousandth good one: file line 1001.
	if last := p.preview.Releases[previewRows-1]; last.Row != previewRows+1 {
		t.Errorf("the last release kept is of row %d, want %d", last.Row, previewRows+1)
	}

	// The fixed file, opened in its place, imports every row in one step.
	goodPath := filepath.Join(f.dir, "big.csv")
	writeBigPlan(t, goodPath, bigPlanRows, nil)
	s.plan.read(goodPath)
	// Forty new products are named a dozen at a time, not all forty.
	f.WantTexts("the fixed plan", "20,000 releases ready to import, with 40 new products: Stream 00, Stream 01,",
		"Stream 11 and 28 more.",
		"Showing the first 1,000 of 20,000 releases", "Import 20,000 releases")
	if p.importBtn.Disabled() || p.errPanel.Visible() {
		t.Fatalf("the fixed plan cannot be imported or shows errors; visible %q", f.Texts())
	}
	test.Tap(p.importBtn)
	if got := f.ReleaseCount(); got != before+bigPlanRows {
		t.Fatalf("the import wrote %d releases, want %d", got-before, bigPlanRows)
	}
	f.WantTexts("after the import", "Imported 20,000 releases from big.csv and added 40 products.")
	last, err := f.Store.ListReleases(f.Ctx, data.ReleaseFilter{Search: "Release 19999"})
	if err != nil || len(last) != 1 || last[0].Version != "20.999.0" {
		t.Errorf("the last row of the file was not imported as it reads: %v %v", last, err)
	}
	f.Tap("Undo")
	if got := f.ReleaseCount(); got != before {
		t.Errorf("after Undo the store holds %d releases, want %d", got, before)
	}
}

// planScratches lists the folders a workbook's stream keeps in the system's
// temporary folder while it is open: a stream not closed leaves one.
func planScratches(t *testing.T, tmp string) []string {
	t.Helper()
	entries, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	var open []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".plan-import") {
			open = append(open, e.Name())
		}
	}
	return open
}

// writePlanBook writes a small plan workbook with the given rows under
// the header.
func writePlanBook(t *testing.T, path string, rows ...[]any) {
	t.Helper()
	wb := excelize.NewFile()
	defer wb.Close()
	if err := wb.SetSheetRow("Sheet1", "A1", &[]any{"Product", "Version", "Title", "Release date"}); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if err := wb.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := wb.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// TestImportPreviewLetsGoOfThePlan follows a workbook's stream, which holds
// a scratch folder while open, through every way of leaving its preview.
func TestImportPreviewLetsGoOfThePlan(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where the workbook streams keep their scratch folders
	f := newReportsFixture(t)
	s := f.showReports()
	book := filepath.Join(f.dir, "plan.xlsx")
	writePlanBook(t, book, []any{"Payments", "3.0.0", "Spring", "2026-04-15"}, []any{"Ledger", "1.0.0", "First", "2026-05-20"})
	other := filepath.Join(f.dir, "other.xlsx")
	writePlanBook(t, other, []any{"Payments", "3.1.0", "Summer", "2026-06-15"})
	want := func(when string, n int) {
		t.Helper()
		if got := planScratches(t, tmp); len(got) != n {
			t.Errorf("%s: %d plan streams are open (%q), want %d", when, len(got), got, n)
		}
	}

	s.plan.read(book)
	want("previewing", 1)
	f.Tap("Reports") // Back
	want("after Back", 0)
	if err := os.Rename(book, book+".moved"); err != nil {
		t.Errorf("the workbook cannot be moved after Back: %v", err)
	}
	if err := os.Rename(book+".moved", book); err != nil {
		t.Fatal(err)
	}

	s.plan.read(book)
	f.Tap("Open again")
	want("after Open again", 1)
	s.plan.orderPick.SetSelectedIndex(2) // read again in another day/month order
	want("after choosing a date order", 1)
	s.plan.read(other)
	want("after opening another file", 1)
	if !f.Shows("Import other.xlsx") {
		t.Fatalf("the other file is not shown; visible %q", f.Texts())
	}
	test.Tap(s.plan.importBtn)
	want("after the import", 0)
	if !f.Shows("Imported 1 release from other.xlsx") {
		t.Errorf("the import does not say what it did; visible %q", f.Texts())
	}

	s.plan.read(book)
	want("previewing again", 1)
	s.Close()
	want("after the screen is closed", 0)
}

// TestImportPreviewReadAfterCloseLetsGo closes the screen between reading a
// plan and showing it: the file is let go of instead of shown.
func TestImportPreviewReadAfterCloseLetsGo(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	f := newReportsFixture(t)
	var held []func() func() // the work started, run when the test says
	sched := f.Timers.Scheduler()
	sched.Background = func(work func() func()) { held = append(held, work) }
	s := New(f.Store, f.Win, sched)
	f.Win.SetContent(s)
	book := filepath.Join(f.dir, "plan.xlsx")
	writePlanBook(t, book, []any{"Payments", "3.0.0", "Spring", "2026-04-15"})
	for _, work := range held { // the screen's first load
		work()()
	}
	held = nil
	s.PreviewImport(book)
	if len(held) != 1 {
		t.Fatalf("previewing started %d pieces of work, want 1", len(held))
	}
	show := held[0]() // the file is read and checked, then the screen closes before it is shown
	s.Close()
	show()
	if got := planScratches(t, tmp); len(got) != 0 || s.plan.content.Visible() {
		t.Errorf("a read ending after the screen closed left %q open, or shows the preview: %v", got, s.plan.content.Visible())
	}
}

// TestOpenPlanClosesAfterItsLastUse lets go of a plan while an import still
// reads it: the file stays open until the import ends.
func TestOpenPlanClosesAfterItsLastUse(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	book := filepath.Join(t.TempDir(), "plan.xlsx")
	writePlanBook(t, book, []any{"Payments", "3.0.0", "Spring", "2026-04-15"})
	f, err := readImportFile(book, importOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f.plan.use()
	f.plan.letGo()
	if got := planScratches(t, tmp); len(got) != 1 || f.plan.closed {
		t.Errorf("the plan was closed under a read still running: %q", got)
	}
	f.plan.unuse()
	if got := planScratches(t, tmp); len(got) != 0 || !f.plan.closed {
		t.Errorf("the plan stays open after its last use: %q", got)
	}
	f.plan.letGo() // again, as Back then closing the screen do
	if !f.plan.closed {
		t.Error("letting go twice reopened the plan")
	}
}

func TestSomeNames(t *testing.T) {
	names := []string{"A", "B", "C", "D"}
	for _, c := range []struct {
		max  int
		want string
	}{{4, "A, B, C, D"}, {9, "A, B, C, D"}, {2, "A, B and 2 more"}} {
		if got := someNames(names, c.max); got != c.want {
			t.Errorf("someNames(%d) = %q, want %q", c.max, got, c.want)
		}
	}
}
