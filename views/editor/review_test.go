package editor

import (
	"errors"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/uitest"
)

// storedReview returns the release's review; ok is false while it has none.
func (f *editorFixture) storedReview() (rv data.Review, ok bool) {
	f.T.Helper()
	rv, err := f.Store.Review(f.Ctx, f.release.ID)
	if errors.Is(err, data.ErrNotFound) {
		return rv, false
	}
	if err != nil {
		f.T.Fatal(err)
	}
	return rv, true
}

// fillReview types a whole review into the Review tab.
func (f *editorFixture) fillReview(held data.Date, verdict, objectives, summary string) {
	f.T.Helper()
	uitest.TypeDay(uitest.In[*widget.DateEntry](f.UI, "Held on"), held)
	uitest.In[*widget.SelectEntry](f.UI, "Facilitator").SetText("Alex Kim")
	uitest.In[*widget.Select](f.UI, "Verdict").SetSelected(verdict)
	uitest.In[*widget.Select](f.UI, "Objectives met").SetSelected(objectives)
	f.TypeIn("Summary", summary)
	f.TypeIn("Went well", "Canary caught the bad build")
	f.TypeIn("Went badly", "Rollback took 40 minutes")
	f.TypeIn("Lessons", "Rehearse the rollback")
}

// statusSelect returns the status choice on the line of the action titled title.
func (f *editorFixture) statusSelect(title string) *widget.Select {
	f.T.Helper()
	for _, row := range tabOf[*reviewTab](f).actions.rows.Objects {
		var named bool
		var sel *widget.Select
		uitest.Visit(row, func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *widget.Label:
				named = named || x.Text == title
			case *widget.Select:
				sel = x
			}
		})
		if named && sel != nil {
			return sel
		}
	}
	f.T.Fatalf("no status for %q; the screen shows %q", title, f.Texts())
	return nil
}

func TestReviewTabSavesReviewAndActionItems(t *testing.T) {
	f := newReleaseFixture(t, tabReview, data.StatusReleased)
	tab := tabOf[*reviewTab](f)
	f.WantTexts("empty", "No review recorded yet — fill in the form and save it.", "Save the review first")
	if f.Shows("usually held after the release") {
		t.Error("a released release is told reviews come after release")
	}
	if !tab.actions.add.Disabled() {
		t.Error("action items can be added before the review exists")
	}
	f.fillReview(uitest.Day(time.May, 6), "Successful with issues", "Partly", "Went out a day late")
	if !f.unsaved() {
		t.Error("the typed review does not count as unsaved")
	}
	f.WantTexts("typed", "Unsaved changes")
	f.Tap("Save review")
	rv, ok := f.storedReview()
	if !ok || !rv.HeldOn.Equal(uitest.Day(time.May, 6)) || rv.Facilitator != "Alex Kim" || rv.Verdict != data.VerdictWithIssues ||
		rv.ObjectivesMet != data.ObjectivesPartly || rv.Summary != "Went out a day late" || rv.Lessons != "Rehearse the rollback" {
		t.Fatalf("stored %+v (found %v)", rv, ok)
	}
	if f.unsaved() {
		t.Error("the saved review still counts as unsaved")
	}
	f.WantTexts("saved", "Successful with issues", "Saved the review of Payments 2.4.0", "No action items yet")

	f.Tap("Add action item")
	f.TypeIn("Title", "Automate the smoke test")
	uitest.In[*widget.SelectEntry](f.UI, "Owner").SetText("Dana Smith")
	uitest.TypeDay(uitest.In[*widget.DateEntry](f.UI, "Due"), data.NewDate(2020, time.January, 1))
	if got := uitest.In[*widget.Select](f.UI, "Status").Selected; got != "Open" {
		t.Errorf("a new action starts %q", got)
	}
	f.Tap("Add")
	rv, _ = f.storedReview()
	if len(rv.Actions) != 1 || rv.Actions[0].Title != "Automate the smoke test" || rv.Actions[0].Owner != "Dana Smith" || rv.Actions[0].Status != data.ActionOpen {
		t.Fatalf("stored actions %+v", rv.Actions)
	}
	f.WantTexts("action added", "Overdue · 1 Jan 2020", "1 item · 1 open · 1 overdue", "Added “Automate the smoke test”")

	f.statusSelect("Automate the smoke test").SetSelected("Done")
	if rv, _ = f.storedReview(); rv.Actions[0].Status != data.ActionDone {
		t.Fatalf("status change stored %s", rv.Actions[0].Status)
	}
	if f.Shows("Overdue") {
		t.Error("a done action shows as overdue")
	}
	f.WantTexts("done", "Marked “Automate the smoke test” done")
	f.ed.Undo()
	if rv, _ = f.storedReview(); rv.Actions[0].Status != data.ActionOpen {
		t.Errorf("undo left status %s", rv.Actions[0].Status)
	}

	f.TypeIn("Summary", "Went out a day late; fixed in 2.4.1")
	f.Tap("Save review")
	f.ed.Undo()
	if rv, _ = f.storedReview(); rv.Summary != "Went out a day late" {
		t.Errorf("undo of the edit left summary %q", rv.Summary)
	}
	if got := uitest.In[*widget.Entry](f.UI, "Summary").Text; got != "Went out a day late" {
		t.Errorf("after undo the form shows summary %q", got)
	}

	test.Tap(f.rowButton(tab.actions.rows, "Automate the smoke test", "Delete"))
	f.Tap("Delete")
	if rv, _ = f.storedReview(); len(rv.Actions) != 0 {
		t.Fatal("the action item was not deleted")
	}
	f.ed.Undo()
	if rv, _ = f.storedReview(); len(rv.Actions) != 1 {
		t.Error("undo did not bring the action item back")
	}
}

func TestReviewTabRejectsBadReview(t *testing.T) {
	cases := []struct {
		name        string
		fill        func(f *editorFixture)
		field, want string
	}{
		{"no verdict", func(f *editorFixture) { uitest.In[*widget.Select](f.UI, "Verdict").ClearSelected() },
			"Verdict", "Verdict is required: successful, successful with issues or unsuccessful"},
		{"no objectives", func(f *editorFixture) { uitest.In[*widget.Select](f.UI, "Objectives met").ClearSelected() },
			"Objectives met", "Objectives met is required: yes, partly or no"},
		{"no day", func(f *editorFixture) { uitest.In[*widget.DateEntry](f.UI, "Held on").SetText("") }, "Held on", "Held on is required"},
		{"day not understood", func(f *editorFixture) { uitest.In[*widget.DateEntry](f.UI, "Held on").SetText("Tuesday") },
			"Held on", "Held on is not a date like " + kit.DateExample()},
	}
	// One editor serves every case: each fills the whole form again and stores nothing.
	shared := newReleaseFixture(t, tabReview, data.StatusRolledBack)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := shared.in(t)
			f.fillReview(uitest.Day(time.May, 6), "Unsuccessful", "No", "Rolled back after an hour")
			c.fill(f)
			f.Tap("Save review")
			if got := f.Message(c.field); got != c.want {
				t.Errorf("message under %s = %q, want %q", c.field, got, c.want)
			}
			if _, ok := f.storedReview(); ok {
				t.Error("a review was stored despite the bad value")
			}
			if !f.unsaved() {
				t.Error("the refused review is no longer counted as unsaved")
			}
		})
	}
}

func TestReviewTabRefusesSecondReview(t *testing.T) {
	f := newReleaseFixture(t, tabReview, data.StatusReleased)
	f.fillReview(uitest.Day(time.May, 6), "Successful", "Yes", "Mine")
	// Someone else records the review meanwhile, e.g. on the shared database.
	theirs := data.Review{ReleaseID: f.release.ID, HeldOn: uitest.Day(time.May, 5), Verdict: data.VerdictSuccessful, ObjectivesMet: data.ObjectivesYes, Summary: "Theirs"}
	if err := f.Store.SaveReview(f.Ctx, &theirs); err != nil {
		t.Fatal(err)
	}
	f.Tap("Save review")
	f.WantTexts("refused", "Release already has a review; edit that one")
	if rv, _ := f.storedReview(); rv.Summary != "Theirs" {
		t.Errorf("stored summary %q, want the first review kept", rv.Summary)
	}
}

func TestReviewTabActionNeedsTitle(t *testing.T) {
	f := newReleaseFixture(t, tabReview, data.StatusReleased)
	rv := data.Review{ReleaseID: f.release.ID, HeldOn: uitest.Day(time.May, 5), Verdict: data.VerdictSuccessful, ObjectivesMet: data.ObjectivesYes}
	if err := f.Store.SaveReview(f.Ctx, &rv); err != nil {
		t.Fatal(err)
	}
	f.reopen(tabReview)
	f.Tap("Add action item")
	f.TypeIn("Title", " ")
	f.Tap("Add")
	if got := f.Message("Title"); got != "Title is required: say what needs doing" {
		t.Errorf("message under Title = %q", got)
	}
	if rv, _ = f.storedReview(); len(rv.Actions) != 0 {
		t.Error("an action without a title was stored")
	}
}

func TestReviewTabUnsavedEditsAreNeverLostSilently(t *testing.T) {
	f := newReleaseFixture(t, tabReview, data.StatusPlanned)
	f.WantTexts("planned", "Reviews are usually held after the release goes out — this one is still planned.")
	f.fillReview(uitest.Day(time.May, 6), "Successful", "Yes", "Early review")

	// Saving the Details tab shows the release again; the review edits stay.
	f.ed.appTabs.SelectIndex(0)
	f.Tap("Save")
	if got := tabOf[*reviewTab](f).summary.Text; got != "Early review" {
		t.Fatalf("saving Details dropped the review edits: summary %q", got)
	}

	f.Tap("Releases")
	f.WantTexts("leaving", "Unsaved changes")
	f.Tap("Discard")
	if _, ok := f.storedReview(); ok {
		t.Fatal("Discard saved the review")
	}
	f.reopen(tabReview)
	if got := tabOf[*reviewTab](f).summary.Text; got != "" {
		t.Fatalf("discarded summary %q is back", got)
	}

	f.fillReview(uitest.Day(time.May, 6), "Successful", "Yes", "Early review")
	f.Tap("Releases")
	f.Tap("Save")
	if f.editing() {
		t.Fatal("Save in the question did not leave the editor")
	}
	if rv, ok := f.storedReview(); !ok || rv.Summary != "Early review" {
		t.Errorf("Save in the question stored %+v (found %v)", rv, ok)
	}
}
