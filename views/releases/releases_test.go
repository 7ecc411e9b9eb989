package releases

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/settings"
	"releasedesk/views/uitest"
)

// releasesSortFixture stores five releases whose versions sort differently as text and as versions.
func releasesSortFixture(t *testing.T) *releasesFixture {
	f := newReleasesFixture(t)
	f.Release("Payments", "2.10.0", "Refunds", data.StatusPlanned, uitest.Day(time.May, 4))
	f.Release("Payments", "2.9.0", "Checkout", data.StatusReleased, uitest.Day(time.March, 2))
	f.Release("Ledger", "10.0.0", "New ledger", data.StatusDraft, data.Date{})
	f.Release("Ledger", "9.1.0", "Audit trail", data.StatusInProgress, uitest.Day(time.April, 20))
	f.Release("Identity", "1.0.0", "Single sign-on", data.StatusCancelled, uitest.Day(time.January, 15))
	return f
}

func TestReleasesTableSortsByHeader(t *testing.T) {
	f := releasesSortFixture(t)
	f.show()
	// The list opens in planned-date order, releases without a date last.
	if got, want := f.versions(), []string{"Identity 1.0.0", "Payments 2.9.0", "Ledger 9.1.0", "Payments 2.10.0", "Ledger 10.0.0"}; !slices.Equal(got, want) {
		t.Fatalf("initial order %q, want %q", got, want)
	}
	cases := []struct {
		header string
		want   []string
		arrow  int
	}{
		{"Version", []string{"Identity 1.0.0", "Payments 2.9.0", "Payments 2.10.0", "Ledger 9.1.0", "Ledger 10.0.0"}, 1},
		{"Version", []string{"Ledger 10.0.0", "Ledger 9.1.0", "Payments 2.10.0", "Payments 2.9.0", "Identity 1.0.0"}, -1},
		{"Product", []string{"Identity 1.0.0", "Ledger 9.1.0", "Ledger 10.0.0", "Payments 2.9.0", "Payments 2.10.0"}, 1},
		{"Status", []string{"Ledger 10.0.0", "Payments 2.10.0", "Ledger 9.1.0", "Payments 2.9.0", "Identity 1.0.0"}, 1},
		{"Planned release", []string{"Identity 1.0.0", "Payments 2.9.0", "Ledger 9.1.0", "Payments 2.10.0", "Ledger 10.0.0"}, 1},
		{"Planned release", []string{"Payments 2.10.0", "Ledger 9.1.0", "Payments 2.9.0", "Identity 1.0.0", "Ledger 10.0.0"}, -1},
	}
	for _, c := range cases {
		test.Tap(f.header(c.header))
		if got := f.versions(); !slices.Equal(got, c.want) {
			t.Errorf("after tapping %s: %q, want %q", c.header, got, c.want)
		}
		if h := f.header(c.header); h.Dir != c.arrow {
			t.Errorf("%s header arrow %d, want %d", c.header, h.Dir, c.arrow)
		}
		for _, other := range []string{"Title", "Owner"} {
			if f.header(other).Dir != 0 {
				t.Errorf("%s header shows an arrow while sorting by %s", other, c.header)
			}
		}
	}
}

func TestVersionKeysOrderLikeTheStore(t *testing.T) {
	t.Parallel()
	vs := []string{"2.10.0", "2.9.0", "v2.9.1", "1.0.0-rc.1", "1.0.0", "1.0", "banana", "apple", "10"}
	for _, a := range vs {
		for _, b := range vs {
			ra, rb := data.Release{Version: a}, data.Release{Version: b}
			ka, kb := keyOf(&ra), keyOf(&rb)
			if got, want := sign(compareVersionKeys(&ka, &kb)), sign(data.CompareVersions(a, b)); got != want {
				t.Errorf("compare %q %q = %d, store says %d", a, b, got, want)
			}
		}
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func TestReleasesSearchAndFilters(t *testing.T) {
	cases := []struct {
		name    string
		search  string
		status  string
		product string
		want    []string
		count   string
	}{
		{"everything", "", allStatuses, kit.AllProducts, []string{"Identity 1.0.0", "Payments 2.9.0", "Ledger 9.1.0", "Payments 2.10.0", "Ledger 10.0.0"}, "5 releases"},
		{"title word", "check", allStatuses, kit.AllProducts, []string{"Payments 2.9.0"}, "1 of 5"},
		{"product and version", "ledger 9.1", allStatuses, kit.AllProducts, []string{"Ledger 9.1.0"}, "1 of 5"},
		{"active only", "", activeStatuses, kit.AllProducts, []string{"Ledger 9.1.0", "Payments 2.10.0", "Ledger 10.0.0"}, "3 of 5"},
		{"one status", "", "Released", kit.AllProducts, []string{"Payments 2.9.0"}, "1 of 5"},
		{"one product", "", allStatuses, "Ledger", []string{"Ledger 9.1.0", "Ledger 10.0.0"}, "2 of 5"},
		{"search within product", "audit", allStatuses, "Ledger", []string{"Ledger 9.1.0"}, "1 of 5"},
		{"nothing matches", "zebra", allStatuses, kit.AllProducts, []string{}, "0 of 5"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := releasesSortFixture(t)
			scr := f.show()
			scr.statusFilter.SetSelected(c.status)
			scr.productFilter.SetSelected(c.product)
			test.Type(scr.search, c.search)
			f.Timers.Fire() // the pause after typing
			if got := f.versions(); !slices.Equal(got, c.want) {
				t.Errorf("rows %q, want %q", got, c.want)
			}
			if scr.count.Text != c.count {
				t.Errorf("count %q, want %q", scr.count.Text, c.count)
			}
			if empty := len(c.want) == 0; scr.empty.Visible() != empty {
				t.Errorf("empty state visible = %v with %d rows", scr.empty.Visible(), len(c.want))
			}
		})
	}
}

func TestReleasesSearchWaitsForTyping(t *testing.T) {
	f := releasesSortFixture(t)
	scr := f.show()
	test.Type(scr.search, "refunds")
	if len(f.screen.table.rows) != 5 {
		t.Errorf("the table reloaded before typing paused: %q", f.versions())
	}
	f.Timers.Fire()
	if got := f.versions(); !slices.Equal(got, []string{"Payments 2.10.0"}) {
		t.Errorf("after the pause: %q", got)
	}
}

func TestReleasesEmptyStates(t *testing.T) {
	f := newReleasesFixture(t)
	scr := f.show()
	if !f.Shows("No releases yet — create one with New release.") {
		t.Errorf("empty database: visible %q", f.Texts())
	}
	test.AssertObjectRendersToMarkup(t, "releases_empty.xml", f.Win.Canvas().Content())

	f.Release("Payments", "1.0.0", "First", data.StatusDraft, data.Date{})
	scr.Reload()
	test.Type(scr.search, "zebra")
	f.Timers.Fire()
	if !f.Shows("No releases match “zebra”.") {
		t.Errorf("no match: visible %q", f.Texts())
	}
	f.Tap("Clear search and filters")
	if scr.search.Text != "" || len(scr.table.rows) != 1 || scr.empty.Visible() {
		t.Errorf("clearing left search %q, %d rows, empty state %v", scr.search.Text, len(scr.table.rows), scr.empty.Visible())
	}
}

func TestReleasesOpenFromTable(t *testing.T) {
	f := releasesSortFixture(t)
	scr := f.show()
	scr.table.table.Select(widget.TableCellID{Row: 1, Col: colTitle})
	if !scr.editing() || scr.editor.Release().Version != "2.9.0" || f.entry("Title").Text != "Checkout" {
		t.Fatalf("selecting row 1 opened %q (editing %v)", scr.editor.Release().Name(), scr.editing())
	}
	if !f.Shows("Payments 2.9.0") {
		t.Errorf("editor header does not name the release; visible %q", f.Texts())
	}
}

func TestReleasesDeleteAsksAndUndoRestores(t *testing.T) {
	f := releasesSortFixture(t)
	rel, err := f.Store.FindRelease(f.Ctx, "Ledger 9.1.0")
	if err != nil {
		t.Fatal(err)
	}
	scr := f.show()
	undoChanges := 0
	scr.OnUndoChanged = func() { undoChanges++ }
	scr.OpenRelease(rel.ID)

	f.Tap("Delete")
	if !f.Shows("Delete Ledger 9.1.0?") {
		t.Fatalf("no confirmation naming the release; visible %q", f.Texts())
	}
	f.Tap("Keep")
	if _, err := f.Store.Release(f.Ctx, rel.ID); err != nil || !scr.editing() {
		t.Fatalf("Keep deleted the release or closed the editor: %v", err)
	}

	f.Tap("Delete")
	f.Tap("Delete") // the dialog's confirm button
	if _, err := f.Store.Release(f.Ctx, rel.ID); err == nil {
		t.Fatal("confirmed delete left the release in the store")
	}
	if scr.editing() || slices.Contains(f.versions(), "Ledger 9.1.0") || scr.count.Text != "4 releases" {
		t.Errorf("after delete: editing %v, rows %q, count %q", scr.editing(), f.versions(), scr.count.Text)
	}
	if !f.Shows("Deleted Ledger 9.1.0") || !scr.CanUndo() || scr.UndoLabel() != "Undo delete of Ledger 9.1.0" {
		t.Errorf("no undo offered: label %q, visible %q", scr.UndoLabel(), f.Texts())
	}
	if undoChanges == 0 {
		t.Error("OnUndoChanged not called after the delete")
	}

	f.Tap("Undo")
	back, err := f.Store.Release(f.Ctx, rel.ID)
	if err != nil {
		t.Fatalf("undo did not restore the release: %v", err)
	}
	if back.Title != "Audit trail" || back.Status != data.StatusInProgress {
		t.Errorf("restored %+v", back)
	}
	if !slices.Contains(f.versions(), "Ledger 9.1.0") || scr.count.Text != "5 releases" || scr.CanUndo() {
		t.Errorf("after undo: rows %q, count %q, can undo %v", f.versions(), scr.count.Text, scr.CanUndo())
	}
}

func TestReleasesUndoEdit(t *testing.T) {
	f := releasesSortFixture(t)
	rel, _ := f.Store.FindRelease(f.Ctx, "Payments 2.10.0")
	scr := f.show()
	scr.OpenRelease(rel.ID)
	title := f.entry("Title")
	title.SetText("")
	test.Type(title, "Refunds and disputes")
	f.Tap("Save")
	if got, _ := f.Store.Release(f.Ctx, rel.ID); got.Title != "Refunds and disputes" {
		t.Fatalf("edit not saved: %q", got.Title)
	}
	if scr.UndoLabel() != "Undo changes to Payments 2.10.0" {
		t.Errorf("undo label %q", scr.UndoLabel())
	}
	scr.Undo()
	if got, _ := f.Store.Release(f.Ctx, rel.ID); got.Title != "Refunds" {
		t.Errorf("undo left title %q", got.Title)
	}
	if got := f.entry("Title").Text; got != "Refunds" {
		t.Errorf("open editor shows %q after undo", got)
	}
}

func TestReleasesAppearance(t *testing.T) {
	f := releasesSortFixture(t)
	f.show()
	// The editor is left out: its date fields follow the locale, the list does not.
	test.AssertImageMatches(t, "releases_list.png", f.Win.Canvas().Capture())
}

func TestReleasesCountAllWhileFiltered(t *testing.T) {
	f := releasesSortFixture(t)
	scr := f.show()
	test.Type(scr.search, "payments")
	f.Timers.Fire()
	f.Release("Ledger", "11.0.0", "Reports", data.StatusDraft, data.Date{})
	scr.Reload() // the total is unknown again and the list is filtered
	if got := f.versions(); !slices.Equal(got, []string{"Payments 2.9.0", "Payments 2.10.0"}) || scr.count.Text != "2 of 6" {
		t.Errorf("rows %q, count %q; want the 2 Payments releases of 6", got, scr.count.Text)
	}
}

func TestReleasesEditorLoadsTheWholeRelease(t *testing.T) {
	f := releasesSortFixture(t)
	rel, err := f.Store.FindRelease(f.Ctx, "Payments 2.10.0")
	if err != nil {
		t.Fatal(err)
	}
	rel.Description, rel.RiskNotes, rel.ChangeRef = "Refunds through the card network", "Totals may round", "CHG-7"
	if err := f.Store.SaveRelease(f.Ctx, &rel); err != nil {
		t.Fatal(err)
	}
	scr := f.show()
	row := slices.IndexFunc(scr.table.rows, func(r data.Release) bool { return r.ID == rel.ID })
	if row < 0 || scr.table.rows[row].Description != "" {
		t.Fatalf("the table holds row %d: %+v; want a list line without the description", row, scr.table.rows)
	}
	scr.table.table.Select(widget.TableCellID{Row: row, Col: colTitle})
	desc, notes, cref := f.entry("Description"), f.entry("Risk notes"), f.entry("Change reference")
	if desc.Text != rel.Description || notes.Text != rel.RiskNotes || cref.Text != "CHG-7" {
		t.Fatalf("editor shows description %q, risk notes %q, change %q", desc.Text, notes.Text, cref.Text)
	}
	title := f.entry("Title")
	title.SetText("")
	test.Type(title, "Refunds and disputes")
	f.Tap("Save")
	got, err := f.Store.Release(f.Ctx, rel.ID)
	if err != nil || got.Title != "Refunds and disputes" || got.Description != rel.Description || got.RiskNotes != rel.RiskNotes ||
		!got.CreatedAt.Equal(rel.CreatedAt) {
		t.Errorf("after saving a title change the store holds %+v, %v", got, err)
	}
}

func TestPermuteMatchesACopy(t *testing.T) {
	t.Parallel()
	orders := [][]int{{}, {0}, {1, 0}, {2, 0, 1}, {0, 1, 2, 3}, {3, 2, 1, 0}, {1, 2, 3, 4, 0}, {4, 0, 3, 1, 2, 5}}
	for _, order := range orders {
		rows := make([]data.Release, len(order))
		want := make([]data.Release, len(order))
		for i := range rows {
			rows[i].ID = uint(i + 1)
		}
		for i, o := range order {
			want[i] = rows[o]
		}
		permute(rows, slices.Clone(order))
		if !slices.EqualFunc(rows, want, func(a, b data.Release) bool { return a.ID == b.ID }) {
			t.Errorf("permute by %v gave %v", order, rows)
		}
	}
}

func TestReleasesEditorJoinsTheScreenWhenOpened(t *testing.T) {
	f := releasesSortFixture(t)
	scr := f.show()
	holdsEditor := func() bool {
		found := false
		var walk func(o fyne.CanvasObject)
		walk = func(o fyne.CanvasObject) {
			if o == scr.editor.Content() {
				found = true
			}
			if c, ok := o.(*fyne.Container); ok {
				for _, child := range c.Objects {
					walk(child)
				}
			}
		}
		walk(scr.content)
		return found
	}
	if holdsEditor() || scr.editing() {
		t.Fatal("the editor is laid out with the list before any release is opened")
	}
	scr.table.table.Select(widget.TableCellID{Row: 0, Col: colTitle})
	if !holdsEditor() || !scr.editing() || scr.list.Visible() {
		t.Fatalf("opening a release: editor in the screen %v, editing %v, list visible %v", holdsEditor(), scr.editing(), scr.list.Visible())
	}
	f.Tap("Releases") // back to the list
	if !holdsEditor() || scr.editing() || !scr.list.Visible() {
		t.Errorf("back to the list: editor in the screen %v, editing %v, list visible %v", holdsEditor(), scr.editing(), scr.list.Visible())
	}
	scr.NewRelease()
	if n := len(scr.pages.Objects); n != 2 || !scr.editing() {
		t.Errorf("a new release: %d pages, editing %v; want the one editor again", n, scr.editing())
	}
}

// releasesFixture is the Releases screen in a test window on a real database file.
type releasesFixture struct {
	*uitest.UI
	screen *Screen
}

// newReleasesFixture opens a fresh database; call show to put the screen in its window.
func newReleasesFixture(t *testing.T) *releasesFixture {
	t.Helper()
	return &releasesFixture{UI: uitest.New(t)}
}

// show builds the screen over what the database holds now.
func (f *releasesFixture) show() *Screen {
	f.screen = New(f.Store, f.Win, f.Timers.Scheduler())
	f.Show(f.screen, 1060, 760)
	return f.screen
}

// header returns the column header of the table titled title.
func (f *releasesFixture) header(title string) *kit.ColumnHeader {
	f.T.Helper()
	var found *kit.ColumnHeader
	uitest.Visit(f.Win.Canvas().Content(), func(o fyne.CanvasObject) {
		if h, ok := o.(*kit.ColumnHeader); ok && h.Title == title {
			found = h
		}
	})
	if found == nil {
		f.T.Fatalf("no header %q", title)
	}
	return found
}

// entry is the entry of the editor's field labelled label.
func (f *releasesFixture) entry(label string) *widget.Entry {
	f.T.Helper()
	return uitest.In[*widget.Entry](f.UI, label)
}

// versions lists the table's rows as "Product version", in display order.
func (f *releasesFixture) versions() []string {
	out := make([]string, len(f.screen.table.rows))
	for i, r := range f.screen.table.rows {
		out[i] = r.Product.Name + " " + r.Version
	}
	return out
}

func TestNewReleaseStartsWithTheChosenDefaults(t *testing.T) {
	f := newReleasesFixture(t)
	fyne.CurrentApp().Preferences().SetString(settings.DefaultTypePreference, string(data.TypeHotfix))
	fyne.CurrentApp().Preferences().SetString(settings.DefaultRiskPreference, string(data.RiskHigh))
	r := f.show()
	r.NewRelease()
	typ, risk := uitest.In[*widget.Select](f.UI, "Type").Selected, uitest.In[*widget.Select](f.UI, "Risk").Selected
	if typ != data.TypeHotfix.Label() || risk != data.RiskHigh.Label() {
		t.Errorf("a new release starts as %q with %q risk", typ, risk)
	}
}

// TestReleasesExportOpenReview checks what Ctrl+E does on the Releases
// screen: nothing for a release not saved yet, the export for a saved one.
func TestReleasesExportOpenReview(t *testing.T) {
	f := releasesSortFixture(t)
	r := f.show()
	if r.ExportOpenReview() {
		t.Error("with the list shown, Ctrl+E claims to export a review")
	}
	r.NewRelease()
	if r.ExportOpenReview() {
		t.Error("a new, unsaved release offers a review to export")
	}
	rel, err := f.Store.FindRelease(f.Ctx, "Payments 2.10.0")
	if err != nil {
		t.Fatal(err)
	}
	f.Tap("Cancel")
	r.OpenRelease(rel.ID)
	if !r.ExportOpenReview() || !f.Shows("Export the review of Payments 2.10.0") {
		t.Errorf("Ctrl+E on a saved release does not offer its review; visible %q", f.Texts())
	}
}
