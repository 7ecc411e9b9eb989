package editor

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/uitest"
)

func (f *editorFixture) storedChecklist() []data.ChecklistItem {
	f.T.Helper()
	items, err := f.Store.Checklist(f.Ctx, f.release.ID)
	if err != nil {
		f.T.Fatal(err)
	}
	return items
}

// checklistItem returns the stored item titled title.
func (f *editorFixture) checklistItem(title string) data.ChecklistItem {
	f.T.Helper()
	for _, it := range f.storedChecklist() {
		if it.Title == title {
			return it
		}
	}
	f.T.Fatalf("no stored item %q", title)
	return data.ChecklistItem{}
}

// doneCheck returns the tick on the line of the item titled title.
func (f *editorFixture) doneCheck(title string) *widget.Check {
	f.T.Helper()
	for _, row := range tabOf[*checklistTab](f).groups.Objects {
		var named bool
		var check *widget.Check
		uitest.Visit(row, func(o fyne.CanvasObject) {
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
	f.T.Fatalf("no tick for %q; the screen shows %q", title, f.Texts())
	return nil
}

func TestChecklistTabAppliesDefaultsAndTicks(t *testing.T) {
	f := newReleaseFixture(t, tabChecklist, data.StatusPlanned)
	f.WantTexts("empty", "This release has no checklist yet. Start from the default checklist for a minor release — 10 items")
	f.Tap("Add the default checklist for a minor release")
	if n := len(f.storedChecklist()); n != 10 {
		t.Fatalf("stored %d items, want the 10 of a minor release", n)
	}
	f.WantTexts("applied", "0 of 10 done", "Readiness", "Regression test", "Communication", "Backout plan", "0 of 4 done",
		"Added 10 default items for a minor release", "Release notes written")
	if f.Button("Add missing default items (0)") != nil || tabOf[*checklistTab](f).addDefaults.Visible() {
		t.Error("offers to add missing default items when none is missing")
	}

	test.Tap(f.doneCheck("Release notes written"))
	if !f.checklistItem("Release notes written").Done {
		t.Fatal("ticking did not save")
	}
	f.WantTexts("ticked", "1 of 10 done", "1 of 4 done", "Ticked off “Release notes written”")
	f.ed.Undo()
	if f.checklistItem("Release notes written").Done {
		t.Error("undo left the item done")
	}
	f.WantTexts("tick undone", "0 of 10 done")
	if f.doneCheck("Release notes written").Checked {
		t.Error("undo left the tick on screen")
	}
	f.ed.Undo()
	if n := len(f.storedChecklist()); n != 0 {
		t.Errorf("undo of the defaults left %d items", n)
	}
	f.WantTexts("defaults undone", "This release has no checklist yet")
}

func TestChecklistTabAddsMissingDefaults(t *testing.T) {
	f := newReleaseFixture(t, tabChecklist, data.StatusPlanned)
	if _, err := f.Store.ApplyChecklistTemplate(f.Ctx, f.release.ID); err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"Support team briefed", "Backups verified before deployment"} {
		if _, err := f.Store.DeleteChecklistItem(f.Ctx, f.checklistItem(title).ID); err != nil {
			t.Fatal(err)
		}
	}
	f.reopen(tabChecklist)
	f.Tap("Add missing default items (2)")
	if n := len(f.storedChecklist()); n != 10 {
		t.Fatalf("stored %d items, want 10", n)
	}
	f.WantTexts("added", "Added 2 default items for a minor release", "Support team briefed")
	f.ed.Undo()
	if n := len(f.storedChecklist()); n != 8 {
		t.Errorf("undo left %d items, want 8", n)
	}
}

func TestChecklistTabAddEditDelete(t *testing.T) {
	f := newReleaseFixture(t, tabChecklist, data.StatusPlanned)
	f.Tap("Add item")
	if got := uitest.In[*widget.Select](f.UI, "Category").Selected; got != "Readiness" {
		t.Errorf("proposed category %q", got)
	}
	f.TypeIn("Title", "Security sign-off")
	uitest.In[*widget.SelectEntry](f.UI, "Owner").SetText("Dana Smith")
	uitest.TypeDay(uitest.In[*widget.DateEntry](f.UI, "Due"), data.NewDate(2020, time.January, 10))
	f.Tap("Add")
	if f.DialogOpen() {
		t.Fatalf("dialog still open; it shows %q", f.Texts())
	}
	it := f.checklistItem("Security sign-off")
	if it.Category != data.CategoryReadiness || it.Owner != "Dana Smith" || !it.Due.Equal(data.NewDate(2020, time.January, 10)) || it.Done {
		t.Fatalf("stored %+v", it)
	}
	f.WantTexts("added", "0 of 1 done", "Overdue · 10 Jan 2020", "1 overdue", "Dana Smith", "Add missing default items (10)",
		"Nothing in this category yet")

	tab := tabOf[*checklistTab](f)
	test.Tap(f.rowButton(tab.groups, "Security sign-off", "Edit"))
	f.TypeIn("Title", "Security review signed off")
	uitest.In[*widget.Select](f.UI, "Category").SetSelected("Backout plan")
	uitest.TypeDay(uitest.In[*widget.DateEntry](f.UI, "Due"), data.NewDate(2099, time.June, 1))
	f.Tap("Save")
	if got := f.storedChecklist()[0]; got.Title != "Security review signed off" || got.Category != data.CategoryBackout || got.ID != it.ID {
		t.Fatalf("edit stored %+v", got)
	}
	f.WantTexts("edited", "Due 1 Jun 2099", "Saved “Security review signed off”")
	if f.Shows("Overdue") {
		t.Error("an item due in 2099 shows as overdue")
	}
	f.ed.Undo()
	if got := f.storedChecklist()[0]; got.Title != "Security sign-off" || got.Category != data.CategoryReadiness {
		t.Fatalf("undo of the edit left %+v", got)
	}

	test.Tap(f.rowButton(tab.groups, "Security sign-off", "Delete"))
	f.WantTexts("asking", "Delete “Security sign-off”?")
	f.Tap("Delete")
	if n := len(f.storedChecklist()); n != 0 {
		t.Fatalf("%d items left after delete", n)
	}
	f.WantTexts("deleted", "Deleted “Security sign-off”", "This release has no checklist yet")
	f.ed.Undo()
	if got := f.storedChecklist(); len(got) != 1 || got[0].ID != it.ID || got[0].Owner != "Dana Smith" {
		t.Fatalf("undo of the delete restored %+v", got)
	}
}

func TestChecklistTabRejectsBadItem(t *testing.T) {
	cases := []struct {
		name        string
		fill        func(f *editorFixture)
		field, want string
	}{
		{"no title", func(f *editorFixture) { f.TypeIn("Title", "  ") }, "Title", "Title is required: say what needs doing"},
		{"due not a date", func(f *editorFixture) {
			f.TypeIn("Title", "Release notes")
			uitest.In[*widget.DateEntry](f.UI, "Due").SetText("next week")
		}, "Due", "Due is not a date like " + kit.DateExample()},
		{"no category", func(f *editorFixture) {
			f.TypeIn("Title", "Release notes")
			uitest.In[*widget.Select](f.UI, "Category").ClearSelected()
		}, "Category", "Category is required"},
	}
	// One editor serves every case: each opens the dialog afresh and stores nothing.
	shared := newReleaseFixture(t, tabChecklist, data.StatusPlanned)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := shared.in(t)
			defer f.closeDialog()
			f.Tap("Add item")
			c.fill(f)
			f.Tap("Add")
			if !f.DialogOpen() {
				t.Fatal("the dialog closed on a bad value")
			}
			if got := f.Message(c.field); got != c.want {
				t.Errorf("message under %s = %q, want %q", c.field, got, c.want)
			}
			if n := len(f.storedChecklist()); n != 0 {
				t.Errorf("stored %d items despite the bad value", n)
			}
		})
	}
}
