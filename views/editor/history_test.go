package editor

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"releasedesk/data"
)

// TestHistoryTabSaysWhoChangedWhat: after Ben changes the title and Ana
// the owner, the History tab lists both changes, newest first, each with
// who made it, the field and its old and new value.
func TestHistoryTabSaysWhoChangedWhat(t *testing.T) {
	f := newEditorFixture(t)
	rel := f.Release("Payments", "2.4.0", "Faster refunds", data.StatusPlanned, data.NewDate(2026, 7, 1))
	f.Store.SetWho("Ana")
	f.show()
	ben := f.otherPerson()
	benRenames(t, ben, rel.ID, "Refunds in a day")
	f.openRelease(rel.ID)
	d := f.ed.details
	d.owner.SetText("")
	test.Type(d.owner, "Lee")
	f.Tap("Save")

	f.selectTab(tabHistory)
	h := tabOf[*historyTab](f)
	if len(h.rows) < 3 {
		t.Fatalf("history lists %d changes, want the creation and two edits", len(h.rows))
	}
	want := []struct{ who, field, change string }{
		{"Ana", "Owner", "Dana → Lee"},
		{"Ben", "Title", "Faster refunds → Refunds in a day"},
	}
	for i, w := range want {
		row := newHistoryRow().(*historyRow)
		row.set(h.rows[i])
		if row.who.Text != w.who || row.field.Text != w.field || row.change.Text != w.change || row.what.Text != "release changed" {
			t.Errorf("row %d shows %q %q %q %q, want %s changed %s: %s", i, row.who.Text, row.what.Text, row.field.Text, row.change.Text, w.who, w.field, w.change)
		}
	}
	if !f.Shows("Owner") || !f.Shows("Dana → Lee") {
		t.Errorf("the tab does not show the newest change; visible %q", f.Texts())
	}
}
