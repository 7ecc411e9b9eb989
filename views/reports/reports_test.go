package reports

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"releasedesk/data"
	reportfiles "releasedesk/reports"
	"releasedesk/views/kit"
	"releasedesk/views/uitest"
)

// reportsFixture is the Reports screen on a real database file, with
// releases of Payments and Billing in several states.
type reportsFixture struct {
	*uitest.UI
	released data.Release // Billing 1.4.0, rolled back most recently
	imported []data.Release
	// importedCalls counts the calls of OnImported.
	importedCalls int
	dir           string
}

func newReportsFixture(t *testing.T) *reportsFixture {
	f := &reportsFixture{UI: uitest.New(t), dir: t.TempDir()}
	f.Release("Payments", "2.4.0", "Faster refunds", data.StatusReleased, uitest.Day(3, 2))
	f.released = f.Release("Billing", "1.4.0", "Invoice layout", data.StatusRolledBack, uitest.Day(3, 10))
	f.Release("Payments", "2.5.0", "Card wallets", data.StatusPlanned, uitest.Day(6, 1))
	f.Release("Billing", "1.3.0", "Tax rates", data.StatusReleased, uitest.Day(1, 20))
	return f
}

// showReports builds the screen over what the database holds now.
func (f *reportsFixture) showReports() *Screen {
	s := New(f.Store, f.Win, f.Timers.Scheduler())
	s.OnImported = func(created []data.Release) { f.imported, f.importedCalls = created, f.importedCalls+1 }
	f.Win.SetContent(s)
	f.Win.Resize(fyne.NewSize(1088, 760))
	return s
}

// exportFolder makes Fyne's file dialogs open in the fixture's folder.
func (f *reportsFixture) exportFolder() {
	fyne.CurrentApp().Preferences().SetString("fyne:fileDialogLastFolder", storage.NewFileURI(f.dir).String())
}

// writeFile writes a file into the fixture's folder and returns its path.
func (f *reportsFixture) writeFile(name, text string) string {
	f.T.Helper()
	path := filepath.Join(f.dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		f.T.Fatal(err)
	}
	return path
}

func TestReportsReviewPicker(t *testing.T) {
	f := newReportsFixture(t)
	s := f.showReports()
	if r, ok := s.review.chosen(); !ok || r.ID != f.released.ID || s.review.export.Disabled() ||
		!f.Shows("Billing 1.4.0 · Rolled back") || !f.Shows("4 releases, 0 deployments and 0 rollbacks.") {
		t.Fatalf("at first %q is chosen, not the most recent rolled-back or released release, or the cards are empty; visible %q", r.Name(), f.Texts())
	}
	cases := []struct { // want: the releases listed, most recent first
		search, empty string
		want          []string
	}{
		{"", "", []string{"Payments 2.5.0", "Billing 1.4.0", "Payments 2.4.0", "Billing 1.3.0"}},
		{"payments 2", "", []string{"Payments 2.5.0", "Payments 2.4.0"}},
		{"billing 1.3", "", []string{"Billing 1.3.0"}},
		{"  REFUNDS ", "", []string{"Payments 2.4.0"}},
		{"rolled", "", []string{"Billing 1.4.0"}},
		{"nothing like it", "No release matches “nothing like it”.", nil},
	}
	for _, c := range cases {
		s.review.search.SetText("")
		test.Type(s.review.search, c.search)
		var got []string
		for _, i := range s.review.shown {
			got = append(got, s.review.all[i].rel.Name())
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("search %q lists %q, want %q", c.search, got, c.want)
		}
		if s.review.empty.Visible() != (c.empty != "") || (c.empty != "" && s.review.empty.Text != c.empty) {
			t.Errorf("search %q: empty note %q (shown %v), want %q", c.search, s.review.empty.Text, s.review.empty.Visible(), c.empty)
		}
	}
	s.review.search.SetText("payments 2.4")
	s.review.list.Select(0)
	if r, _ := s.review.chosen(); r.Name() != "Payments 2.4.0" || !f.Shows("Payments 2.4.0 · Released "+kit.FormatDate(data.NewDate(2026, time.March, 2))) {
		t.Errorf("choosing from the search chose %s; visible %q", r.Name(), f.Texts())
	}
	s.review.search.SetText("billing")
	if r, _ := s.review.chosen(); r.Name() != "Payments 2.4.0" {
		t.Errorf("a search that hides the choice changed it to %s", r.Name())
	}
}

func TestReportsExportReview(t *testing.T) {
	cases := []struct {
		name, old string // old: content already at the target
		remove    bool   // the release is deleted after the screen loaded
		message   string
	}{
		{"new file", "", false, "Saved the review of Billing 1.4.0 as "},
		{"replaces a file", "an older review", false, "Saved the review of Billing 1.4.0 as "},
		{"release gone", "an older review", true, "Could not save the review of Billing 1.4.0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newReportsFixture(t)
			s := f.showReports()
			path := filepath.Join(f.dir, "review.xlsx")
			if c.old != "" {
				f.writeFile("review.xlsx", c.old)
			}
			if c.remove {
				if _, err := f.Store.DeleteRelease(f.Ctx, f.released.ID); err != nil {
					t.Fatal(err)
				}
			}
			s.exportReviewTo(path)
			if !f.Shows(c.message) {
				t.Errorf("after the export the screen does not say %q; visible %q", c.message, f.Texts())
			}
			wb, err := excelize.OpenFile(path)
			if c.remove {
				if got, _ := os.ReadFile(path); err == nil || string(got) != c.old {
					t.Errorf("a failed export changed the file already there to %q", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("the exported review does not open: %v", err)
			}
			defer wb.Close()
			if got := wb.GetSheetList(); !slices.Equal(got, reportfiles.ReviewSheets) {
				t.Errorf("sheets %q, want %q", got, reportfiles.ReviewSheets)
			}
			if v, _ := wb.GetCellValue(reportfiles.SheetSummary, "A1"); !strings.Contains(v, "Billing 1.4.0") {
				t.Errorf("the Summary begins with %q, not the release", v)
			}
		})
	}
}

// TestReportsExportEndings checks what an export leaves behind, by what the
// save dialog did to the file before the export ran (left "-" is no file).
func TestReportsExportEndings(t *testing.T) {
	full := errors.New("the disk is full")
	cases := []struct {
		name, old     string
		made, emptied bool
		err           error
		left, message string
	}{
		{"made by the dialog, fails", "", true, false, full, "-", "Nothing was saved"},
		{"emptied by the dialog, fails", "", false, true, full, "", "had emptied team.ics"},
		{"kept, fails", "old calendar", false, false, full, "old calendar", "team.ics was left as it was"},
		{"made by the dialog, cancelled", "", true, false, context.Canceled, "-", "Export of the calendar cancelled. Nothing was saved."},
		{"written", "old calendar", false, false, nil, "BEGIN:VCALENDAR", "Saved the calendar as "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newReportsFixture(t)
			f.showReports()
			path := f.writeFile("team.ics", c.old) // the dialog leaves an empty file, or the old one
			var said []string
			x := &Exporter{Win: f.Win, Sched: f.Timers.Scheduler(), Notify: func(text, _ string, _ func()) { said = append(said, text) }}
			x.exportTo(Job{what: "the calendar", fileName: "team.ics", unit: "events",
				write: func(ctx context.Context, p string, opts reportfiles.Options) error {
					if c.err != nil {
						return c.err
					}
					return reportfiles.ExportCalendar(ctx, f.Store, p, opts)
				}}, saveTarget{path: path, made: c.made, emptied: c.emptied})
			got, err := os.ReadFile(path)
			if err != nil {
				got = []byte("-")
			}
			if !strings.HasPrefix(string(got), c.left) || (c.left == "" && len(got) > 0) {
				t.Errorf("the file holds %.40q, want %q", got, c.left)
			}
			if all := strings.Join(append(said, f.Texts()...), "\n"); !strings.Contains(all, c.message) {
				t.Errorf("told %q, want %q", all, c.message)
			}
		})
	}
}

// TestReportsSaveDialog drives Fyne's own save dialog, pinning the order of
// its callbacks that tells a file it made from one it emptied.
func TestReportsSaveDialog(t *testing.T) {
	cases := []struct {
		name, typed string
		old         string // team.ics holds it before, when set
		confirm     string // the button that agrees to replace team.ics
		left        string // the folder after the failed export
		message     string
	}{
		{"new file", "team.ics", "", "", "", "Nothing was saved"},
		{"name without extension", "team", "", "", "", "Nothing was saved"},
		{"replaced by Fyne", "team.ics", "old", "Yes", "team.ics", "had emptied team.ics"},
		{"replaced after the extension was added", "team", "old", "Replace", "team.ics", "team.ics was left as it was"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newReportsFixture(t)
			f.showReports()
			if c.old != "" {
				f.writeFile("team.ics", c.old)
			}
			f.exportFolder()
			var wrote string
			x := &Exporter{Win: f.Win, Sched: f.Timers.Scheduler(), Notify: func(string, string, func()) {}}
			x.Start(Job{what: "the calendar", fileName: "Release calendar.ics", unit: "events",
				write: func(_ context.Context, p string, _ reportfiles.Options) error {
					wrote = p
					return errors.New("the disk is full")
				}})
			var name *widget.Entry
			uitest.Visit(f.Win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
				if e, ok := o.(*widget.Entry); ok && e.Text == "Release calendar.ics" {
					name = e
				}
			})
			if name == nil {
				t.Fatalf("the save dialog does not suggest the file name; visible %q", f.Texts())
			}
			name.SetText(c.typed)
			f.Tap("Export")
			if c.confirm != "" {
				f.Tap(c.confirm)
			}
			if want := filepath.Join(f.dir, "team.ics"); wrote != want {
				t.Fatalf("exported to %q, want %q", wrote, want)
			}
			var left []string
			entries, _ := os.ReadDir(f.dir)
			for _, e := range entries {
				left = append(left, e.Name())
			}
			if !slices.Equal(left, strings.Fields(c.left)) {
				t.Errorf("after the failed export the folder holds %q, want %q", left, c.left)
			}
			if got, _ := os.ReadFile(filepath.Join(f.dir, "team.ics")); c.confirm == "Replace" && string(got) != c.old {
				t.Errorf("a failed export over a file the dialog did not open left %q", got)
			}
			if !f.Shows(c.message) {
				t.Errorf("the error does not say %q; visible %q", c.message, f.Texts())
			}
		})
	}
}

func TestReportsImportPreview(t *testing.T) {
	const header = "Product,Version,Title,Type,Status,Owner,Code freeze,Release date,Budget\n"
	cases := []struct {
		name      string
		plan      string
		ready     []string // releases the preview would create
		problems  []string // "row column" of each problem, in order
		summary   string
		canImport bool
	}{
		{"one bad row", header +
			"Payments,3.0.0,Spring,minor,planned,Dana,2026-04-01,2026-04-15,10\n" +
			"Ledger,1.0.0,First,major,planned,Alex,2026-05-01,31/02/2026,20\n" +
			"Payments,3.1.0,Summer,patch,draft,Dana,01/06/2026,15/06/2026,30\n",
			[]string{"Payments 3.0.0", "Payments 3.1.0"}, []string{"3 Release date"},
			"2 releases ready, 1 row has errors — fix them in the file and open it again.", false},
		{"existing version", header +
			"Payments,2.4.0,Again,minor,planned,Dana,2026-04-01,2026-04-15,\n" +
			"Payments,2.4.0,Twice,minor,planned,Dana,2026-04-01,2026-04-15,\n",
			nil, []string{"2 Version", "3 Version"},
			"0 releases ready, 2 rows have errors — fix them in the file and open it again.", false},
		{"clean", header +
			"Payments,3.0.0,Spring,minor,planned,Dana,2026-04-01,2026-04-15,\n" +
			"Ledger,1.0.0,First,major,,Alex,,2026-05-20,\n",
			[]string{"Payments 3.0.0", "Ledger 1.0.0"}, nil,
			"2 releases ready to import, with 1 new product: Ledger.", true},
		{"header only", header, nil, nil, "The file has no releases to import", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newReportsFixture(t)
			s := f.showReports()
			before := f.ReleaseCount()
			s.plan.read(f.writeFile("plan.csv", c.plan))
			p := s.plan
			if !p.content.Visible() || s.cards.Visible() {
				t.Fatal("the preview is not shown in place of the cards")
			}
			var ready, problems []string
			for _, r := range p.preview.Releases {
				ready = append(ready, r.Release.Name())
			}
			for _, e := range p.preview.Errors {
				problems = append(problems, fmt.Sprintf("%d %s", e.Row, e.Column))
			}
			if !slices.Equal(ready, c.ready) || !slices.Equal(problems, c.problems) {
				t.Errorf("ready %q and problems %q, want %q and %q", ready, problems, c.ready, c.problems)
			}
			if p.errPanel.Visible() != (len(c.problems) > 0) {
				t.Errorf("the error list is shown: %v with %d problems", p.errPanel.Visible(), len(c.problems))
			}
			if !f.Shows(c.summary) || !f.Shows("Ignored columns: Budget") {
				t.Errorf("the preview does not say %q and the ignored column; visible %q", c.summary, f.Texts())
			}
			if p.importBtn.Disabled() == c.canImport {
				t.Errorf("Import is enabled: %v, want %v", !p.importBtn.Disabled(), c.canImport)
			}
			test.Tap(p.importBtn)
			want := before
			if c.canImport {
				want += len(c.ready)
			}
			if got := f.ReleaseCount(); got != want {
				t.Fatalf("the store holds %d releases after Import, want %d", got, want)
			}
			if !c.canImport {
				return
			}
			// A plan is written as it is read: OnImported is told that
			// releases came, not which.
			if f.importedCalls != 1 || !s.cards.Visible() {
				t.Errorf("after the import OnImported was called %d times and the cards are shown: %v", f.importedCalls, s.cards.Visible())
			}
			if !f.Shows("Imported 2 releases from plan.csv and added 1 product.") || !f.Shows("6 releases, 0 deployments") {
				t.Errorf("the import does not say what it did, or the counts were not read again; visible %q", f.Texts())
			}
			if _, err := f.Store.ProductNamed(f.Ctx, "Ledger", false); err != nil {
				t.Errorf("the new product was not created: %v", err)
			}
		})
	}
}

// TestReportsImportRefusedAfterChange imports a plan whose release was
// created elsewhere after the preview: nothing is imported and the preview
// shows what now stands in the way.
func TestReportsImportRefusedAfterChange(t *testing.T) {
	f := newReportsFixture(t)
	s := f.showReports()
	s.plan.read(f.writeFile("plan.csv", "Product,Version,Release date\nPayments,3.0.0,2026-04-15\nLedger,1.0.0,2026-05-20\n"))
	if s.plan.importBtn.Disabled() {
		t.Fatalf("a clean plan cannot be imported; visible %q", f.Texts())
	}
	f.Release("Ledger", "1.0.0", "Made meanwhile", data.StatusPlanned, uitest.Day(5, 20))
	before := f.ReleaseCount()
	test.Tap(s.plan.importBtn)
	if got := f.ReleaseCount(); got != before || f.importedCalls != 0 {
		t.Errorf("a refused import wrote %d releases (OnImported called %d times)", got-before, f.importedCalls)
	}
	if !f.Shows("Nothing was imported") || !f.Shows("1 release ready, 1 row has errors") || !s.plan.importBtn.Disabled() {
		t.Errorf("the refusal is not explained; visible %q", f.Texts())
	}
}

// TestReportsExplains checks what an empty database and a plan file that
// cannot be used tell the user.
func TestReportsExplains(t *testing.T) {
	f := &reportsFixture{UI: uitest.New(t), dir: t.TempDir()}
	s := f.showReports()
	if _, ok := s.review.chosen(); ok || !s.review.export.Disabled() ||
		!f.Shows("No releases yet — create one on the Releases screen or import a plan.") {
		t.Errorf("an empty database offers a review or does not explain itself; visible %q", f.Texts())
	}
	s.plan.read(f.writeFile("plan.csv", "Name,When\nSpring,2026-04-01\n"))
	if s.plan.content.Visible() || !f.Shows("Could not import plan.csv") || !f.Shows("names no Product column") {
		t.Errorf("a file without a Product column is not refused by name; visible %q", f.Texts())
	}
}

// TestMain removes the demo databases the tests copied from (see uitest.Demo).
func TestMain(m *testing.M) { os.Exit(uitest.Main(m)) }
