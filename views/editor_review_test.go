package views

import (
	"errors"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
)

// storedReview returns the release's review; ok is false while it has none.
func (f *edBFixture) storedReview() (rv data.Review, ok bool) {
	f.t.Helper()
	rv, err := f.store.Review(f.ctx, f.release.ID)
	if errors.Is(err, data.ErrNotFound) {
		return rv, false
	}
	if err != nil {
		f.t.Fatal(err)
	}
	return rv, true
}

// fillReview types a whole review into the Review tab.
func (f *edBFixture) fillReview(held data.Date, verdict, objectives, summary string) {
	f.t.Helper()
	typeDay(edBIn[*widget.DateEntry](f, "Held on"), held)
	edBIn[*widget.SelectEntry](f, "Facilitator").SetText("Alex Kim")
	edBIn[*widget.Select](f, "Verdict").SetSelected(verdict)
	edBIn[*widget.Select](f, "Objectives met").SetSelected(objectives)
	f.typeIn("Summary", summary)
	f.typeIn("Went well", "Canary caught the bad build")
	f.typeIn("Went badly", "Rollback took 40 minutes")
	f.typeIn("Lessons", "Rehearse the rollback")
}

// statusSelect returns the status choice on the line of the action titled title.
func (f *edBFixture) statusSelect(title string) *widget.Select {
	f.t.Helper()
	for _, row := range edBTab[*reviewTab](f).actions.rows.Objects {
		var named bool
		var sel *widget.Select
		visitVisible(row, func(o fyne.CanvasObject) {
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
	f.t.Fatalf("no status for %q; the screen shows %q", title, f.texts())
	return nil
}

func TestReviewTabSavesReviewAndActionItems(t *testing.T) {
	f := newEdBFixture(t, tabReview, data.StatusReleased)
	tab := edBTab[*reviewTab](f)
	f.wantTexts("empty", "No review recorded yet — fill in the form and save it.", "Save the review first")
	if f.showsText("usually held after the release") {
		t.Error("a released release is told reviews come after release")
	}
	if !tab.actions.add.Disabled() {
		t.Error("action items can be added before the review exists")
	}
	f.fillReview(day(time.May, 6), "Successful with issues", "Partly", "Went out a day late")
	if !f.screen.HasUnsavedChanges() {
		t.Error("the typed review does not count as unsaved")
	}
	f.wantTexts("typed", "Unsaved changes")
	f.tapButton("Save review")
	rv, ok := f.storedReview()
	if !ok || !rv.HeldOn.Equal(day(time.May, 6)) || rv.Facilitator != "Alex Kim" || rv.Verdict != data.VerdictWithIssues ||
		rv.ObjectivesMet != data.ObjectivesPartly || rv.Summary != "Went out a day late" || rv.Lessons != "Rehearse the rollback" {
		t.Fatalf("stored %+v (found %v)", rv, ok)
	}
	if f.screen.HasUnsavedChanges() {
		t.Error("the saved review still counts as unsaved")
	}
	f.wantTexts("saved", "Successful with issues", "Saved the review of Payments 2.4.0", "No action items yet")

	f.tapButton("Add action item")
	f.typeIn("Title", "Automate the smoke test")
	edBIn[*widget.SelectEntry](f, "Owner").SetText("Dana Smith")
	typeDay(edBIn[*widget.DateEntry](f, "Due"), data.NewDate(2020, time.January, 1))
	if got := edBIn[*widget.Select](f, "Status").Selected; got != "Open" {
		t.Errorf("a new action starts %q", got)
	}
	f.tapButton("Add")
	rv, _ = f.storedReview()
	if len(rv.Actions) != 1 || rv.Actions[0].Title != "Automate the smoke test" || rv.Actions[0].Owner != "Dana Smith" || rv.Actions[0].Status != data.ActionOpen {
		t.Fatalf("stored actions %+v", rv.Actions)
	}
	f.wantTexts("action added", "Overdue · 1 Jan 2020", "1 item · 1 open · 1 overdue", "Added “Automate the smoke test”")

	f.statusSelect("Automate the smoke test").SetSelected("Done")
	if rv, _ = f.storedReview(); rv.Actions[0].Status != data.ActionDone {
		t.Fatalf("status change stored %s", rv.Actions[0].Status)
	}
	if f.showsText("Overdue") {
		t.Error("a done action shows as overdue")
	}
	f.wantTexts("done", "Marked “Automate the smoke test” done")
	f.screen.Undo()
	if rv, _ = f.storedReview(); rv.Actions[0].Status != data.ActionOpen {
		t.Errorf("undo left status %s", rv.Actions[0].Status)
	}

	f.typeIn("Summary", "Went out a day late; fixed in 2.4.1")
	f.tapButton("Save review")
	f.screen.Undo()
	if rv, _ = f.storedReview(); rv.Summary != "Went out a day late" {
		t.Errorf("undo of the edit left summary %q", rv.Summary)
	}
	if got := edBIn[*widget.Entry](f, "Summary").Text; got != "Went out a day late" {
		t.Errorf("after undo the form shows summary %q", got)
	}

	test.Tap(f.rowButton(tab.actions.rows, "Automate the smoke test", "Delete"))
	f.tapButton("Delete")
	if rv, _ = f.storedReview(); len(rv.Actions) != 0 {
		t.Fatal("the action item was not deleted")
	}
	f.screen.Undo()
	if rv, _ = f.storedReview(); len(rv.Actions) != 1 {
		t.Error("undo did not bring the action item back")
	}
}

func TestReviewTabRejectsBadReview(t *testing.T) {
	cases := []struct {
		name        string
		fill        func(f *edBFixture)
		field, want string
	}{
		{"no verdict", func(f *edBFixture) { edBIn[*widget.Select](f, "Verdict").ClearSelected() },
			"Verdict", "Verdict is required: successful, successful with issues or unsuccessful"},
		{"no objectives", func(f *edBFixture) { edBIn[*widget.Select](f, "Objectives met").ClearSelected() },
			"Objectives met", "Objectives met is required: yes, partly or no"},
		{"no day", func(f *edBFixture) { edBIn[*widget.DateEntry](f, "Held on").SetText("") }, "Held on", "Held on is required"},
		{"day not understood", func(f *edBFixture) { edBIn[*widget.DateEntry](f, "Held on").SetText("Tuesday") },
			"Held on", "Held on is not a date like " + DateExample()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newEdBFixture(t, tabReview, data.StatusRolledBack)
			f.fillReview(day(time.May, 6), "Unsuccessful", "No", "Rolled back after an hour")
			c.fill(f)
			f.tapButton("Save review")
			if got := f.message(c.field); got != c.want {
				t.Errorf("message under %s = %q, want %q", c.field, got, c.want)
			}
			if _, ok := f.storedReview(); ok {
				t.Error("a review was stored despite the bad value")
			}
			if !f.screen.HasUnsavedChanges() {
				t.Error("the refused review is no longer counted as unsaved")
			}
		})
	}
}

func TestReviewTabRefusesSecondReview(t *testing.T) {
	f := newEdBFixture(t, tabReview, data.StatusReleased)
	f.fillReview(day(time.May, 6), "Successful", "Yes", "Mine")
	// Someone else records the review meanwhile, e.g. on the shared database.
	theirs := data.Review{ReleaseID: f.release.ID, HeldOn: day(time.May, 5), Verdict: data.VerdictSuccessful, ObjectivesMet: data.ObjectivesYes, Summary: "Theirs"}
	if err := f.store.SaveReview(f.ctx, &theirs); err != nil {
		t.Fatal(err)
	}
	f.tapButton("Save review")
	f.wantTexts("refused", "Release already has a review; edit that one")
	if rv, _ := f.storedReview(); rv.Summary != "Theirs" {
		t.Errorf("stored summary %q, want the first review kept", rv.Summary)
	}
}

func TestReviewTabActionNeedsTitle(t *testing.T) {
	f := newEdBFixture(t, tabReview, data.StatusReleased)
	rv := data.Review{ReleaseID: f.release.ID, HeldOn: day(time.May, 5), Verdict: data.VerdictSuccessful, ObjectivesMet: data.ObjectivesYes}
	if err := f.store.SaveReview(f.ctx, &rv); err != nil {
		t.Fatal(err)
	}
	f.reopen(tabReview)
	f.tapButton("Add action item")
	f.typeIn("Title", " ")
	f.tapButton("Add")
	if got := f.message("Title"); got != "Title is required: say what needs doing" {
		t.Errorf("message under Title = %q", got)
	}
	if rv, _ = f.storedReview(); len(rv.Actions) != 0 {
		t.Error("an action without a title was stored")
	}
}

func TestReviewTabUnsavedEditsAreNeverLostSilently(t *testing.T) {
	f := newEdBFixture(t, tabReview, data.StatusPlanned)
	f.wantTexts("planned", "Reviews are usually held after the release goes out — this one is still planned.")
	f.fillReview(day(time.May, 6), "Successful", "Yes", "Early review")

	// Saving the Details tab shows the release again; the review edits stay.
	f.screen.editor.appTabs.SelectIndex(0)
	f.tapButton("Save")
	if got := edBTab[*reviewTab](f).summary.Text; got != "Early review" {
		t.Fatalf("saving Details dropped the review edits: summary %q", got)
	}

	f.tapButton("Releases")
	f.wantTexts("leaving", "Unsaved changes")
	f.tapButton("Discard")
	if _, ok := f.storedReview(); ok {
		t.Fatal("Discard saved the review")
	}
	f.reopen(tabReview)
	if got := edBTab[*reviewTab](f).summary.Text; got != "" {
		t.Fatalf("discarded summary %q is back", got)
	}

	f.fillReview(day(time.May, 6), "Successful", "Yes", "Early review")
	f.tapButton("Releases")
	f.tapButton("Save")
	if f.screen.editing() {
		t.Fatal("Save in the question did not leave the editor")
	}
	if rv, ok := f.storedReview(); !ok || rv.Summary != "Early review" {
		t.Errorf("Save in the question stored %+v (found %v)", rv, ok)
	}
}
