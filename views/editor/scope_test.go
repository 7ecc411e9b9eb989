package editor

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/uitest"
)

// newScopeFixture opens the Scope tab of Payments 2.4.0 (planned), with
// Payments 2.5.0 planned after it to move work to, and items stored first.
func newScopeFixture(t *testing.T, items ...data.WorkItem) *editorFixture {
	t.Helper()
	f := newEditorFixture(t)
	f.release = f.Release("Payments", "2.4.0", "Refunds", data.StatusPlanned, uitest.Day(time.May, 4))
	f.Release("Payments", "2.5.0", "Payouts", data.StatusPlanned, uitest.Day(time.June, 1))
	f.Release("Payments", "2.3.0", "Cards", data.StatusReleased, uitest.Day(time.March, 2))
	for _, it := range items {
		it.ReleaseID = f.release.ID
		if err := f.Store.SaveWorkItem(f.Ctx, &it); err != nil {
			t.Fatalf("item %s: %v", it.Key, err)
		}
	}
	f.show()
	f.reopen(tabScope)
	return f
}

// workItem is a customer-facing item of kind in status.
func workItem(key, summary string, kind data.WorkItemKind, status data.WorkItemStatus) data.WorkItem {
	return data.WorkItem{Key: key, Summary: summary, Kind: kind, Status: status, CustomerFacing: kind != data.WorkTask}
}

// storedScope lists "KEY summary" of the items release holds, in the store's order.
func (f *editorFixture) storedScope(release string) []string {
	f.T.Helper()
	r, err := f.Store.FindRelease(f.Ctx, release)
	if err != nil {
		f.T.Fatal(err)
	}
	items, err := f.Store.WorkItems(f.Ctx, r.ID, data.WorkItemFilter{})
	if err != nil {
		f.T.Fatal(err)
	}
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Key + " " + it.Summary
	}
	return out
}

// shownScope lists the keys the Scope tab's list shows.
func (f *editorFixture) shownScope() []string {
	var out []string
	for _, it := range tabOf[*scopeTab](f).shown {
		out = append(out, it.Key)
	}
	return out
}

// scopeRowOf returns the on-screen line of the item with key.
func (f *editorFixture) scopeRowOf(key string) *scopeRow {
	f.T.Helper()
	var found *scopeRow
	uitest.Visit(tabOf[*scopeTab](f).list, func(o fyne.CanvasObject) {
		if r, ok := o.(*scopeRow); ok && r.item.Key == key && found == nil {
			found = r
		}
	})
	if found == nil {
		f.T.Fatalf("no line shows %s; the tab shows %v", key, f.shownScope())
	}
	return found
}

func TestScopeTabAddEditRemoveAndUndo(t *testing.T) {
	f := newScopeFixture(t)
	f.WantTexts("empty", "This release has no scope yet")

	f.Tap("Add item")
	f.TypeIn("Key", "PAY-101")
	f.Tap("Add")
	if !strings.Contains(f.Message("Summary"), "Summary is required") {
		t.Fatalf("a missing summary says %q under Summary", f.Message("Summary"))
	}
	if got := f.storedScope("Payments 2.4.0"); len(got) != 0 {
		t.Fatalf("a refused item was stored: %v", got)
	}
	f.TypeIn("Summary", "Pay by bank transfer")
	uitest.In[*widget.Select](f.UI, "Kind").SetSelected("Fix")
	f.TypeIn("Link", "https://jira.example.com/browse/PAY-101")
	f.Tap("Add")
	if got := f.storedScope("Payments 2.4.0"); !slices.Equal(got, []string{"PAY-101 Pay by bank transfer"}) {
		t.Fatalf("stored %v", got)
	}
	f.WantTexts("added", "1 item · 1 to do", "Added PAY-101 to Payments 2.4.0", "Pay by bank transfer")
	row := f.scopeRowOf("PAY-101")
	if !row.link.Visible() || row.link.URL == nil || row.link.URL.String() != "https://jira.example.com/browse/PAY-101" {
		t.Errorf("the key does not link to the tracker: %v", row.link.URL)
	}
	if row.kind.Text != "Fix" || row.status.Text != "Open" || row.audience.Text != "Customers" {
		t.Errorf("the line shows %s, %s, %s", row.kind.Text, row.status.Text, row.audience.Text)
	}

	test.Tap(row.edit)
	f.TypeIn("Summary", "Pay by instant bank transfer")
	uitest.In[*widget.Select](f.UI, "Status").SetSelected("Done")
	f.Tap("Save")
	if got := f.storedScope("Payments 2.4.0"); !slices.Equal(got, []string{"PAY-101 Pay by instant bank transfer"}) {
		t.Fatalf("after the edit %v", got)
	}
	f.WantTexts("edited", "1 item · 1 done", "Saved PAY-101")
	f.ed.Undo()
	if got := f.storedScope("Payments 2.4.0"); !slices.Equal(got, []string{"PAY-101 Pay by bank transfer"}) {
		t.Fatalf("after undoing the edit %v", got)
	}
	f.WantTexts("edit undone", "1 item · 1 to do", "Pay by bank transfer")

	test.Tap(f.scopeRowOf("PAY-101").remove)
	f.Tap("Delete")
	if got := f.storedScope("Payments 2.4.0"); len(got) != 0 {
		t.Fatalf("after removing %v", got)
	}
	f.WantTexts("removed", "Removed PAY-101 from Payments 2.4.0", "This release has no scope yet")
	f.ed.Undo()
	if got := f.storedScope("Payments 2.4.0"); !slices.Equal(got, []string{"PAY-101 Pay by bank transfer"}) {
		t.Fatalf("after undoing the removal %v", got)
	}
	f.WantTexts("removal undone", "PAY-101")
	f.ed.Undo()
	if got := f.storedScope("Payments 2.4.0"); len(got) != 0 {
		t.Fatalf("undoing the addition left %v", got)
	}
}

func TestScopeTabFilters(t *testing.T) {
	f := newScopeFixture(t,
		workItem("PAY-1", "Bank transfers", data.WorkFeature, data.WorkDone),
		workItem("PAY-2", "Refund rounding", data.WorkFix, data.WorkInProgress),
		workItem("PAY-3", "Signing keys", data.WorkSecurity, data.WorkOpen),
		workItem("PAY-4", "Old card form", data.WorkFix, data.WorkDropped))
	tab := tabOf[*scopeTab](f)
	f.WantTexts("loaded", "4 items · 1 done · 2 to do · 1 dropped")
	if got := f.shownScope(); !slices.Equal(got, []string{"PAY-1", "PAY-2", "PAY-4", "PAY-3"}) {
		t.Fatalf("shows %v", got)
	}
	tab.kindFilter.SetSelected("Fix")
	if got := f.shownScope(); !slices.Equal(got, []string{"PAY-2", "PAY-4"}) {
		t.Errorf("fixes: %v", got)
	}
	tab.statusFilter.SetSelected("Unfinished")
	if got := f.shownScope(); !slices.Equal(got, []string{"PAY-2"}) {
		t.Errorf("unfinished fixes: %v", got)
	}
	tab.kindFilter.SetSelected("Feature")
	if len(f.shownScope()) != 0 || !tab.noMatch.Visible() {
		t.Errorf("unfinished features: %v, no-match note shown %v", f.shownScope(), tab.noMatch.Visible())
	}
	tab.kindFilter.SetSelected("All kinds")
	tab.statusFilter.SetSelected("Done")
	if got := f.shownScope(); !slices.Equal(got, []string{"PAY-1"}) {
		t.Errorf("done: %v", got)
	}
}

func TestScopeTabPastesAListAfterPreviewingIt(t *testing.T) {
	f := newScopeFixture(t, workItem("PAY-1", "Bank transfers", data.WorkFeature, data.WorkDone))
	f.Tap("Paste list…")
	text := uitest.Find(f.UI, func(e *widget.Entry) bool { return e.MultiLine && strings.HasPrefix(e.PlaceHolder, "PAY-101") })
	test.Type(text, "- pay-7: Saved cards\nnot a key here\nPAY-8\tPayouts to sellers\nPAY-1 Bank transfers again")
	f.WantTexts("previewed", "3 lines read, 1 line cannot be read", `line 2: "not a key here" does not start with a key`)
	f.Tap("Add items")
	if got := f.storedScope("Payments 2.4.0"); len(got) != 1 {
		t.Fatalf("a paste with bad lines stored %v", got)
	}
	f.WantTexts("refused", "Some lines cannot be read")
	text.SetText("- pay-7: Saved cards\nPAY-8\tPayouts to sellers\nPAY-1 Bank transfers again")
	f.WantTexts("fixed", "3 items ready: PAY-7, PAY-8, PAY-1")
	uitest.In[*widget.Select](f.UI, "Kind").SetSelected("Improvement")
	f.Tap("Add items")
	want := []string{"PAY-1 Bank transfers", "PAY-7 Saved cards", "PAY-8 Payouts to sellers"}
	if got := f.storedScope("Payments 2.4.0"); !slices.Equal(got, want) {
		t.Fatalf("stored %v, want %v", got, want)
	}
	f.WantTexts("pasted", "Added 2 items to Payments 2.4.0; PAY-1 was there already", "3 items")
	if row := f.scopeRowOf("PAY-7"); row.kind.Text != "Improvement" {
		t.Errorf("a pasted item is a %s, want the kind chosen", row.kind.Text)
	}
	f.ed.Undo()
	if got := f.storedScope("Payments 2.4.0"); !slices.Equal(got, []string{"PAY-1 Bank transfers"}) {
		t.Fatalf("undoing the paste left %v", got)
	}
}

func TestScopeTabMovesTickedItemsAndCarriesOverUnfinishedWork(t *testing.T) {
	f := newScopeFixture(t,
		workItem("PAY-1", "Bank transfers", data.WorkFeature, data.WorkDone),
		workItem("PAY-2", "Refund rounding", data.WorkFix, data.WorkInProgress),
		workItem("PAY-3", "Signing keys", data.WorkSecurity, data.WorkOpen))
	tab := tabOf[*scopeTab](f)
	if !tab.move.Disabled() {
		t.Error("Move is offered with nothing ticked")
	}
	f.scopeRowOf("PAY-1").pick.SetChecked(true) // a tick as the user gives it (test.Tap lands beside the box of a tall row)
	f.scopeRowOf("PAY-3").pick.SetChecked(true)
	f.WantTexts("ticked", "2 items ticked")
	f.Tap("Move to…")
	f.WantTexts("move dialog", "Move PAY-1 and PAY-3 from Payments 2.4.0 to:", "Payments 2.5.0")
	if f.Shows("Payments 2.3.0") {
		t.Error("offers to move work to a release that has shipped")
	}
	f.Tap("Move")
	if got := f.storedScope("Payments 2.5.0"); !slices.Equal(got, []string{"PAY-1 Bank transfers", "PAY-3 Signing keys"}) {
		t.Fatalf("2.5.0 holds %v", got)
	}
	f.WantTexts("moved", "Moved PAY-1 and PAY-3 to Payments 2.5.0", "1 item · 1 to do")
	f.ed.Undo()
	if got := f.storedScope("Payments 2.4.0"); len(got) != 3 {
		t.Fatalf("undoing the move left 2.4.0 with %v", got)
	}

	// Carry-over refuses, naming the key, when the next release has it already.
	next, _ := f.Store.FindRelease(f.Ctx, "Payments 2.5.0")
	clash := workItem("pay-2", "Someone else's", data.WorkFix, data.WorkOpen)
	clash.ReleaseID = next.ID
	if err := f.Store.SaveWorkItem(f.Ctx, &clash); err != nil {
		t.Fatal(err)
	}
	f.Tap("Carry over unfinished…")
	f.WantTexts("carry dialog", "Move the 2 unfinished items of Payments 2.4.0")
	f.Tap("Carry over")
	if msg := f.Message("To release"); !strings.Contains(msg, "already has pay-2; nothing was moved") {
		t.Fatalf("the clash says %q under the release", msg)
	}
	f.closeDialog()
	if _, err := f.Store.DeleteWorkItems(f.Ctx, []uint{clash.ID}); err != nil {
		t.Fatal(err)
	}
	f.Tap("Carry over unfinished…")
	f.Tap("Carry over")
	if got := f.storedScope("Payments 2.4.0"); !slices.Equal(got, []string{"PAY-1 Bank transfers"}) {
		t.Fatalf("after carrying over 2.4.0 holds %v", got)
	}
	f.WantTexts("carried", "Carried 2 unfinished items over to Payments 2.5.0")
	f.ed.Undo()
	if got := f.storedScope("Payments 2.4.0"); len(got) != 3 {
		t.Fatalf("undoing the carry-over left 2.4.0 with %v", got)
	}
}

func TestScopeTabReleaseNotesAreCopiedAndSaved(t *testing.T) {
	f := newScopeFixture(t,
		workItem("PAY-1", "Bank transfers", data.WorkFeature, data.WorkDone),
		workItem("PAY-2", "Refund rounding", data.WorkFix, data.WorkOpen),
		workItem("PAY-3", "Upgrade the build machines", data.WorkTask, data.WorkOpen))
	n := tabOf[*scopeTab](f).openNotes()
	f.WantTexts("notes", "2 items of 3 in the notes: what customers are told")
	if p := shownText(n.preview); !strings.Contains(p, "Bank transfers") || !strings.Contains(p, "Refund rounding") ||
		strings.Contains(p, "Upgrade the build machines") {
		t.Errorf("the preview shows %q; want the feature and the fix, not the internal task", p)
	}
	n.all.SetChecked(true)
	f.WantTexts("all", "3 items of 3 in the notes")
	if p := shownText(n.preview); !strings.Contains(p, "Upgrade the build machines") {
		t.Errorf("asked for every item, the preview shows %q", p)
	}
	n.all.SetChecked(false)

	f.Tap("Copy")
	clip := fyne.CurrentApp().Clipboard().Content()
	if !strings.HasPrefix(clip, "# Payments 2.4.0: Refunds") || !strings.Contains(clip, "## Features\n\n- Bank transfers (PAY-1)") ||
		strings.Contains(clip, "build machines") {
		t.Fatalf("copied %q", clip)
	}
	f.WantTexts("copied", "Copied the release notes of Payments 2.4.0 to the clipboard as Markdown")

	n = tabOf[*scopeTab](f).openNotes()
	n.format.SetSelected(notesHTML)
	dir := t.TempDir()
	n.exporter.SaveTo(n.job(), filepath.Join(dir, "notes"))
	html, err := os.ReadFile(filepath.Join(dir, "notes.html"))
	if err != nil {
		t.Fatalf("the notes were not saved as notes.html: %v", err)
	}
	if !strings.Contains(string(html), "<h2>Fixes</h2>") || strings.Contains(string(html), "<script") {
		t.Errorf("saved %s", html)
	}
	f.WantTexts("saved", "Saved the release notes of Payments 2.4.0 as "+filepath.Join(dir, "notes.html"))
	f.Tap("Close")

	// The reports' guard refuses a notes file that is the database, here through a link.
	n = tabOf[*scopeTab](f).openNotes()
	link := filepath.Join(dir, "notes.md")
	if err := os.Symlink(f.Store.Path(), link); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(f.Store.Path())
	n.exporter.SaveTo(n.job(), link)
	if !f.DialogOpen() || !f.Shows("an export never replaces a database") {
		t.Errorf("saving notes over the database shows %q", f.Texts())
	}
	if after, _ := os.ReadFile(f.Store.Path()); len(after) < len(before) || !strings.HasPrefix(string(after), "SQLite format 3") {
		t.Error("the database was overwritten")
	}
}

// shownText is every text o draws, one a line.
func shownText(o fyne.CanvasObject) string {
	var lines []string
	uitest.Visit(o, func(o fyne.CanvasObject) {
		if t, ok := o.(*canvas.Text); ok {
			lines = append(lines, t.Text)
		}
	})
	return strings.Join(lines, "\n")
}
