package app

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"releasedesk/data"
	"releasedesk/views/reports"
)

// TestReportsSectionUndoesAnImportWithCtrlZ imports a plan on the Reports
// screen, checks that Edit > Undo names the import, and takes it back with
// Ctrl+Z; the Releases screen, built before, follows both.
func TestReportsSectionUndoesAnImportWithCtrlZ(t *testing.T) {
	f := newShellFixture(t, func(s *data.Store) { shellRelease(t, s, "Payments", "2.4.0", "Faster checkout") })
	path := filepath.Join(f.dir, "q3.csv")
	if err := os.WriteFile(path, []byte("Product,Version,Title,Release date\nLedger,1.0.0,First ledger,2026-09-01\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f.shell.switchSection(f.shell.sectionIndex(reportsTitle))
	scr, ok := f.shell.shown().(*reports.Screen)
	if !ok {
		t.Fatalf("the Reports section shows %T", f.shell.shown())
	}
	scr.PreviewImport(path)
	test.Tap(f.Button("Import 1 release"))
	if n := f.ReleaseCount(); n != 2 {
		t.Fatalf("the import left %d releases", n)
	}
	if got := f.shell.undoItem.Label; got != "Undo import of q3.csv" || f.shell.undoItem.Disabled {
		t.Errorf("Edit > Undo says %q (disabled %v)", got, f.shell.undoItem.Disabled)
	}
	f.Press(shortcutUndo)
	if n := f.ReleaseCount(); n != 1 {
		t.Fatalf("Ctrl+Z left %d releases, want the one before the import", n)
	}
	if _, err := f.Store.ProductNamed(f.Ctx, "Ledger", false); err == nil {
		t.Error("the product the import made survived Ctrl+Z")
	}
	f.WantTexts("undone", "Undid the import of q3.csv")
}
