package views

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
)

func (f *edBFixture) storedChecklist() []data.ChecklistItem {
	f.t.Helper()
	items, err := f.store.Checklist(f.ctx, f.release.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	return items
}

// checklistItem returns the stored item titled title.
func (f *edBFixture) checklistItem(title string) data.ChecklistItem {
	f.t.Helper()
	for _, it := range f.storedChecklist() {
		if it.Title == title {
			return it
		}
	}
	f.t.Fatalf("no stored item %q", title)
	return data.ChecklistItem{}
}

// doneCheck returns the tick on the line of the item titled title.
func (f *edBFixture) doneCheck(title string) *widget.Check {
	f.t.Helper()
	for _, row := range edBTab[*checklistTab](f).groups.Objects {
		var named bool
		var check *widget.Check
		visitVisible(row, func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *widget.Label:
				named = named || x.Text == title
			case *widget.Check:
				check = x
			}
		})
		if named && check != nil {
			return check
		}
	}
	f.t.Fatalf("no tick for %q; the screen shows %q", title, f.texts())
	return nil
}

func TestChecklistTabAppliesDefaultsAndTicks(t *testing.T) {
	f := newEdBFixture(t, tabChecklist, data.StatusPlanned)
	f.wantTexts("empty", "This release has no checklist yet. Start from the default checklist for a minor release — 10 items")
	f.tapButton("Add the default checklist for a minor release")
	if n := len(f.storedChecklist()); n != 10 {
		t.Fatalf("stored %d items, want the 10 of a minor release", n)
	}
	f.wantTexts("applied", "0 of 10 done", "Readiness", "Regression test", "Communication", "Backout plan", "0 of 4 done",
		"Added 10 default items for a minor release", "Release notes written")
	if f.findButton("Add missing default items (0)") != nil || edBTab[*checklistTab](f).addDefaults.Visible() {
		t.Error("offers to add missing default items when none is missing")
	}

	test.Tap(f.doneCheck("Release notes written"))
	if !f.checklistItem("Release notes written").Done {
		t.Fatal("ticking did not save")
	}
	f.wantTexts("ticked", "1 of 10 done", "1 of 4 done", "Ticked off “Release notes written”")
	f.screen.Undo()
	if f.checklistItem("Release notes written").Done {
		t.Error("undo left the item done")
	}
	f.wantTexts("tick undone", "0 of 10 done")
	if f.doneCheck("Release notes written").Checked {
		t.Error("undo left the tick on screen")
	}
	f.screen.Undo()
	if n := len(f.storedChecklist()); n != 0 {
		t.Errorf("undo of the defaults left %d items", n)
	}
	f.wantTexts("defaults undone", "This release has no checklist yet")
}

func TestChecklistTabAddsMissingDefaults(t *testing.T) {
	f := newEdBFixture(t, tabChecklist, data.StatusPlanned)
	if _, err := f.store.ApplyChecklistTemplate(f.ctx, f.release.ID); err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"Support team briefed", "Backups verified before deployment"} {
		if _, err := f.store.DeleteChecklistItem(f.ctx, f.checklistItem(title).ID); err != nil {
			t.Fatal(err)
		}
	}
	f.reopen(tabChecklist)
	f.tapButton("Add missing default items (2)")
	if n := len(f.storedChecklist()); n != 10 {
		t.Fatalf("stored %d items, want 10", n)
	}
	f.wantTexts("added", "Added 2 default items for a minor release", "Support team briefed")
	f.screen.Undo()
	if n := len(f.storedChecklist()); n != 8 {
		t.Errorf("undo left %d items, want 8", n)
	}
}

func TestChecklistTabAddEditDelete(t *testing.T) {
	f := newEdBFixture(t, tabChecklist, data.StatusPlanned)
	f.tapButton("Add item")
	if got := edBIn[*widget.Select](f, "Category").Selected; got != "Readiness" {
		t.Errorf("proposed category %q", got)
	}
	f.typeIn("Title", "Security sign-off")
	edBIn[*widget.SelectEntry](f, "Owner").SetText("Dana Smith")
	typeDay(edBIn[*widget.DateEntry](f, "Due"), data.NewDate(2020, time.January, 10))
	f.tapButton("Add")
	if f.dialogOpen() {
		t.Fatalf("dialog still open; it shows %q", f.texts())
	}
	it := f.checklistItem("Security sign-off")
	if it.Category != data.CategoryReadiness || it.Owner != "Dana Smith" || !it.Due.Equal(data.NewDate(2020, time.January, 10)) || it.Done {
		t.Fatalf("stored %+v", it)
	}
	f.wantTexts("added", "0 of 1 done", "Overdue · 10 Jan 2020", "1 overdue", "Dana Smith", "Add missing default items (10)",
		"Nothing in this category yet")

	tab := edBTab[*checklistTab](f)
	test.Tap(f.rowButton(tab.groups, "Security sign-off", "Edit"))
	f.typeIn("Title", "Security review signed off")
	edBIn[*widget.Select](f, "Category").SetSelected("Backout plan")
	typeDay(edBIn[*widget.DateEntry](f, "Due"), data.NewDate(2099, time.June, 1))
	f.tapButton("Save")
	if got := f.storedChecklist()[0]; got.Title != "Security review signed off" || got.Category != data.CategoryBackout || got.ID != it.ID {
		t.Fatalf("edit stored %+v", got)
	}
	f.wantTexts("edited", "Due 1 Jun 2099", "Saved “Security review signed off”")
	if f.showsText("Overdue") {
		t.Error("an item due in 2099 shows as overdue")
	}
	f.screen.Undo()
	if got := f.storedChecklist()[0]; got.Title != "Security sign-off" || got.Category != data.CategoryReadiness {
		t.Fatalf("undo of the edit left %+v", got)
	}

	test.Tap(f.rowButton(tab.groups, "Security sign-off", "Delete"))
	f.wantTexts("asking", "Delete “Security sign-off”?")
	f.tapButton("Delete")
	if n := len(f.storedChecklist()); n != 0 {
		t.Fatalf("%d items left after delete", n)
	}
	f.wantTexts("deleted", "Deleted “Security sign-off”", "This release has no checklist yet")
	f.screen.Undo()
	if got := f.storedChecklist(); len(got) != 1 || got[0].ID != it.ID || got[0].Owner != "Dana Smith" {
		t.Fatalf("undo of the delete restored %+v", got)
	}
}

func TestChecklistTabRejectsBadItem(t *testing.T) {
	cases := []struct {
		name        string
		fill        func(f *edBFixture)
		field, want string
	}{
		{"no title", func(f *edBFixture) { f.typeIn("Title", "  ") }, "Title", "Title is required: say what needs doing"},
		{"due not a date", func(f *edBFixture) {
			f.typeIn("Title", "Release notes")
			edBIn[*widget.DateEntry](f, "Due").SetText("next week")
		}, "Due", "Due is not a date like " + DateExample()},
		{"no category", func(f *edBFixture) {
			f.typeIn("Title", "Release notes")
			edBIn[*widget.Select](f, "Category").ClearSelected()
		}, "Category", "Category is required"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newEdBFixture(t, tabChecklist, data.StatusPlanned)
			f.tapButton("Add item")
			c.fill(f)
			f.tapButton("Add")
			if !f.dialogOpen() {
				t.Fatal("the dialog closed on a bad value")
			}
			if got := f.message(c.field); got != c.want {
				t.Errorf("message under %s = %q, want %q", c.field, got, c.want)
			}
			if n := len(f.storedChecklist()); n != 0 {
				t.Errorf("stored %d items despite the bad value", n)
			}
		})
	}
}
