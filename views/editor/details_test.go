package editor

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"releasedesk/data"
	"releasedesk/reports"
	"releasedesk/views/kit"
	"releasedesk/views/uitest"
)

func TestReleaseFormCreatesRelease(t *testing.T) {
	f := newEditorFixture(t)
	f.Release("Payments", "2.3.0", "Wallet top-ups", data.StatusReleased, uitest.Day(time.March, 2))
	f.show()

	f.Tap("New release")
	d := f.ed.details
	if !f.editing() || !f.Shows("New release") {
		t.Fatalf("New release did not open the editor; visible: %q", f.Texts())
	}
	test.Type(d.product, "Payments")
	test.Type(d.version, "2.4.0")
	test.Type(d.title, "Faster checkout")
	test.Type(d.description, "One-page checkout")
	d.typ.SetSelected("Major")
	d.status.SetSelected("Planned")
	d.risk.SetSelected("High")
	test.Type(d.owner, "Priya")
	test.Type(d.cref, "CHG-1042")
	uitest.TypeDay(d.codeFreeze, uitest.Day(time.April, 1))
	uitest.TypeDay(d.planned, uitest.Day(time.April, 14))
	f.Tap("Save")

	got, err := f.Store.FindRelease(f.Ctx, "Payments 2.4.0")
	if err != nil {
		t.Fatalf("saved release not in the store: %v; visible: %q", err, f.Texts())
	}
	want := data.Release{Version: "2.4.0", Title: "Faster checkout", Description: "One-page checkout", Type: data.TypeMajor,
		Status: data.StatusPlanned, Risk: data.RiskHigh, Owner: "Priya", ChangeRef: "CHG-1042",
		CodeFreeze: uitest.Day(time.April, 1), PlannedRelease: uitest.Day(time.April, 14)}
	if got.Product.Name != "Payments" || got.Version != want.Version || got.Title != want.Title ||
		got.Description != want.Description || got.Type != want.Type || got.Status != want.Status || got.Risk != want.Risk ||
		got.Owner != want.Owner || got.ChangeRef != want.ChangeRef || !got.CodeFreeze.Equal(want.CodeFreeze) ||
		!got.PlannedRelease.Equal(want.PlannedRelease) || !got.ActualRelease.IsZero() {
		t.Errorf("stored %+v, want the typed values %+v", got, want)
	}
	if !f.Shows("Saved Payments 2.4.0") {
		t.Errorf("no saved notice; visible: %q", f.Texts())
	}
	if d.dirty() {
		t.Error("form still reports unsaved changes after saving")
	}

	f.Tap("Releases") // back to the list
	if f.editing() {
		t.Fatal("back button left the editor open")
	}
	if !f.Shows("Faster checkout") || !f.Shows("2 releases") {
		t.Errorf("new release not in the table; visible: %q", f.Texts())
	}
}

func TestReleaseFormCreatesTypedProduct(t *testing.T) {
	f := newEditorFixture(t)
	f.show()
	f.newRelease()
	d := f.ed.details
	test.Type(d.product, "Mobile app")
	test.Type(d.version, "1.0.0")
	test.Type(d.title, "First store release")
	f.Tap("Save")
	got, err := f.Store.FindRelease(f.Ctx, "Mobile app 1.0.0")
	if err != nil {
		t.Fatalf("release with a new product not saved: %v; visible %q", err, f.Texts())
	}
	if got.Status != data.StatusDraft || got.Type != data.TypeMinor || got.Risk != data.RiskLow {
		t.Errorf("defaults not kept: %+v", got)
	}
}

func TestReleaseFormShowsProblemsAndSavesNothing(t *testing.T) {
	cases := []struct {
		name  string
		fill  func(f *editorFixture, d *detailsTab)
		field string
		want  string
	}{
		{"empty title", func(f *editorFixture, d *detailsTab) {}, "Title", "Title is required"},
		{"bad version", func(f *editorFixture, d *detailsTab) {
			d.version.SetText("")
			test.Type(d.version, "two point oh")
		}, "Version", "Version must be one word such as 2.4.0, 2026.12 or R42 (letters, digits and . - + _)"},
		{"no product", func(f *editorFixture, d *detailsTab) {
			d.product.SetText("")
			test.Type(d.title, "Something")
		}, "Product", "Product is required"},
		{"freeze after planned", func(f *editorFixture, d *detailsTab) {
			test.Type(d.title, "Late freeze")
			uitest.TypeDay(d.codeFreeze, uitest.Day(time.May, 20))
			uitest.TypeDay(d.planned, uitest.Day(time.May, 1))
		}, "CodeFreeze", "Code freeze must be on or before the planned release date"},
		{"planned without a date", func(f *editorFixture, d *detailsTab) {
			test.Type(d.title, "No date")
			d.status.SetSelected("Planned")
		}, "PlannedRelease", "Planned release is required once a release is planned"},
		{"released without actual date", func(f *editorFixture, d *detailsTab) {
			test.Type(d.title, "Shipped")
			d.status.SetSelected("Released")
			uitest.TypeDay(d.planned, uitest.Day(time.May, 1))
		}, "ActualRelease", "Actual release is required once a release is released"},
		{"version taken", func(f *editorFixture, d *detailsTab) {
			d.version.SetText("")
			test.Type(d.version, "1.0.0")
			test.Type(d.title, "Again")
		}, "Version", "This product already has a release 1.0.0"},
		{"not a date", func(f *editorFixture, d *detailsTab) {
			test.Type(d.title, "Typo")
			test.Type(d.planned, "31.31.2026")
		}, "PlannedRelease", "Planned release is not a date like " + kit.DateExample()},
		{"new product with a bad date order", func(f *editorFixture, d *detailsTab) {
			d.product.SetText("")
			test.Type(d.product, "Brand new")
			test.Type(d.title, "Launch")
			uitest.TypeDay(d.codeFreeze, uitest.Day(time.May, 20))
			uitest.TypeDay(d.planned, uitest.Day(time.May, 1))
		}, "CodeFreeze", "Code freeze must be on or before the planned release date"},
	}
	// One editor serves every case: each starts a new release and saves nothing.
	shared := newEditorFixture(t)
	shared.Release("Payments", "1.0.0", "Existing", data.StatusDraft, data.Date{})
	shared.show()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := shared.in(t)
			f.ed.cancel() // drop what the case before typed
			f.newRelease()
			d := f.ed.details
			test.Type(d.product, "Payments")
			test.Type(d.version, "2.0.0")
			c.fill(f, d)
			before := f.ReleaseCount()
			products, _ := f.Store.Products(f.Ctx)

			f.Tap("Save")

			if got := d.problem(c.field); got != c.want {
				t.Errorf("message under %s = %q, want %q (all visible: %q)", c.field, got, c.want, f.Texts())
			}
			if !f.Shows(c.want) {
				t.Errorf("message %q not visible", c.want)
			}
			if n := f.ReleaseCount(); n != before {
				t.Errorf("releases %d -> %d: something was saved", before, n)
			}
			if after, _ := f.Store.Products(f.Ctx); len(after) != len(products) {
				t.Errorf("products %d -> %d: a product was created for a release that was not saved", len(products), len(after))
			}
			if !f.editing() || !d.dirty() {
				t.Error("the typed values were lost")
			}
		})
	}
}

func TestReleaseFormStatusFollowsLifecycle(t *testing.T) {
	f := newEditorFixture(t)
	rel := f.Release("Payments", "2.0.0", "Planned one", data.StatusPlanned, uitest.Day(time.June, 1))
	f.show()
	f.openRelease(rel.ID)
	got := strings.Join(f.ed.details.status.Options, ", ")
	if want := "Planned, In progress, Cancelled"; got != want {
		t.Errorf("status choices %q, want %q", got, want)
	}
}

func TestReleaseEditorAsksBeforeDroppingChanges(t *testing.T) {
	f := newEditorFixture(t)
	rel := f.Release("Payments", "2.0.0", "Original title", data.StatusDraft, data.Date{})
	f.show()
	f.openRelease(rel.ID)
	d := f.ed.details
	d.title.SetText("")
	test.Type(d.title, "Original title changed")

	f.Tap("Releases")
	if !f.Shows("Unsaved changes") {
		t.Fatalf("leaving with changes did not ask; visible %q", f.Texts())
	}
	f.Tap("Cancel")
	if !f.editing() || d.title.Text != "Original title changed" {
		t.Fatalf("Cancel did not keep the editor and its text (editing %v, title %q)", f.editing(), d.title.Text)
	}

	f.Tap("Releases")
	f.Tap("Discard")
	if f.editing() {
		t.Fatal("Discard did not leave the editor")
	}
	if got, _ := f.Store.Release(f.Ctx, rel.ID); got.Title != "Original title" {
		t.Errorf("Discard saved the title: %q", got.Title)
	}

	f.openRelease(rel.ID)
	d.title.SetText("")
	test.Type(d.title, "Original title v2")
	f.Tap("Releases")
	f.Tap("Save")
	if f.editing() {
		t.Fatal("Save in the question did not leave the editor")
	}
	if got, _ := f.Store.Release(f.Ctx, rel.ID); got.Title != "Original title v2" {
		t.Errorf("Save stored title %q", got.Title)
	}
}

func FuzzValidateVersion(f *testing.F) {
	for _, s := range []string{"2.4.0", "v1.2", "1.0.0-rc.1+build.5", "", " ", "two", "1..2", "99999999999999999999.0.0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := validateVersion(s)
		if strings.TrimSpace(s) == "" && err == nil {
			t.Fatalf("empty version %q accepted", s)
		}
		if err == nil && data.CompareVersions(strings.TrimSpace(s), strings.TrimSpace(s)) != 0 {
			t.Fatalf("accepted version %q does not equal itself", s)
		}
	})
}

func TestReleaseEditorExportReview(t *testing.T) {
	f := newEditorFixture(t)
	f.Release("Payments", "2.4.0", "Faster refunds", data.StatusReleased, uitest.Day(3, 2))
	released := f.Release("Billing", "1.4.0", "Invoice layout", data.StatusRolledBack, uitest.Day(3, 10))
	dir := t.TempDir()
	f.show()
	f.newRelease()
	if f.ed.export.Visible() {
		t.Error("a new, unsaved release offers a review to export")
	}
	f.ed.cancel()
	f.openRelease(released.ID)
	// Fyne's file dialogs open in the folder they last used.
	fyne.CurrentApp().Preferences().SetString("fyne:fileDialogLastFolder", storage.NewFileURI(dir).String())
	test.Tap(f.ed.export)
	f.Tap("Export")
	stored, _ := f.Store.Release(f.Ctx, released.ID)
	path := filepath.Join(dir, reports.ReviewFileName(stored))
	if wb, err := excelize.OpenFile(path); err != nil {
		t.Fatalf("the editor's export wrote no workbook: %v", err)
	} else {
		wb.Close()
	}
	if !f.Shows("Saved the review of Billing 1.4.0 as " + path) {
		t.Errorf("the export does not say where it saved; visible %q", f.Texts())
	}
	test.Type(f.ed.details.title, " v2")
	f.ed.ExportReview() // what Ctrl+E does while the editor is open
	if !f.Shows("Export without your unsaved changes?") {
		t.Errorf("an export with unsaved edits does not warn that they are left out; visible %q", f.Texts())
	}
}

// TestEditorOpensAReleaseWithA10MBDescription reproduces a release whose
// description an older Release Desk stored at 10 MB: the editor froze for
// minutes laying it out. It now shows the head of it, with a note, at once.
func TestEditorOpensAReleaseWithA10MBDescription(t *testing.T) {
	f := newEditorFixture(t)
	r := f.Release("Payments", "2.4.0", "Faster checkout", data.StatusPlanned, uitest.Day(time.April, 14))
	huge := strings.Repeat("Scope of the release, notable changes. ", 10<<20/39)
	db, err := sql.Open("sqlite3", f.Store.Path())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("UPDATE releases SET description = ? WHERE id = ?", huge, r.ID); err != nil {
		t.Fatal(err)
	}
	db.Close()

	f.show()
	f.openRelease(r.ID)
	d := tabOf[*detailsTab](f)
	shown := d.description.Text
	if n := utf8.RuneCountInString(shown); n > data.MaxNoteLength || !strings.HasPrefix(shown, "[Shortened by Release Desk") {
		t.Fatalf("the editor holds %d characters of the description, starting %q", n, shown[:min(60, len(shown))])
	}
	if d.dirty() {
		t.Fatal("opening the release counts as a change")
	}

	test.Type(d.title, "Now ")
	f.Tap("Save")
	got, err := f.Store.Release(f.Ctx, r.ID)
	if err != nil || got.Title != "Now Faster checkout" || got.Description != strings.TrimSpace(shown) {
		t.Fatalf("after saving: title %q, description of %d characters (%v)", got.Title, len(got.Description), err)
	}
	history, err := f.Store.ReleaseHistory(f.Ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	kept := false
	for _, h := range history {
		kept = kept || (h.Field == "Description" && h.OldValue == huge)
	}
	if !kept {
		t.Error("the history does not keep the whole old description")
	}
}
