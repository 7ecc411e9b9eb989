package editor

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"releasedesk/data"
	"releasedesk/reports"
	"releasedesk/views/uitest"
)

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
