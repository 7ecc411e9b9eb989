package editor

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/uitest"
)

// edUStart starts the deployment on row as a user would, through its dialog.
func edUStart(f *editorFixture, row int, at time.Time) {
	f.T.Helper()
	test.Tap(tabOf[*deploymentsTab](f).shown[row].start)
	f.TypeTime("Started at", at)
	f.TypeIn("Performed by", "Ravi")
	f.Tap("Start")
}

// edURecord records outcome ("Succeeded" or "Failed") for the deployment on row, finished at end.
func edURecord(f *editorFixture, row int, outcome string, end time.Time) {
	f.T.Helper()
	test.Tap(tabOf[*deploymentsTab](f).shown[row].outcome)
	uitest.In[*widget.RadioGroup](f.UI, "Outcome").SetSelected(outcome)
	f.TypeTime("Finished at", end)
	f.Tap("Record")
}

// edURollBack rolls back the deployment on row, starting at at.
func edURollBack(f *editorFixture, row int, at time.Time) {
	f.T.Helper()
	test.Tap(tabOf[*deploymentsTab](f).shown[row].rollBack)
	f.TypeTime("Started at", at)
	f.TypeIn("Reason", "Refunds failed for cards")
	f.Tap("Roll back")
}

// edUStarted stores a deployment on env that started at 10:00 on 22 April.
func edUStarted(f *editorFixture, env string) data.Deployment {
	f.T.Helper()
	d := f.deploy(env, uitest.Local(time.April, 22, 10, 0))
	if err := f.Store.StartDeployment(f.Ctx, d.ID, uitest.Local(time.April, 22, 10, 0), "Ravi"); err != nil {
		f.T.Fatal(err)
	}
	return d
}

func TestDeploymentsUndoPutsReleaseStatusBack(t *testing.T) {
	tests := []struct {
		name string
		// setup stores what exists before the change and returns the deployment the change is made on.
		setup  func(f *editorFixture) data.Deployment
		change func(f *editorFixture)
		// moved is the status the change moves the release to; "" when it stays.
		moved    data.ReleaseStatus
		notice   string
		undoText string
	}{
		{"start", func(f *editorFixture) data.Deployment { return f.deploy("Dev", uitest.Local(time.April, 20, 9, 0)) },
			func(f *editorFixture) { edUStart(f, 0, uitest.Local(time.April, 20, 9, 5)) }, data.StatusInProgress,
			"Started the Dev deployment — Payments 2.4.0 is now In progress", "start of the Dev deployment (release back to Planned)"},
		{"success in production", func(f *editorFixture) data.Deployment { return edUStarted(f, "Production") },
			func(f *editorFixture) { edURecord(f, 0, "Succeeded", uitest.Local(time.April, 22, 10, 50)) }, data.StatusReleased,
			"Recorded the Production deployment as succeeded — Payments 2.4.0 is now Released", "outcome of the Production deployment (release back to In progress)"},
		{"failure in production", func(f *editorFixture) data.Deployment { return edUStarted(f, "Production") },
			func(f *editorFixture) { edURecord(f, 0, "Failed", uitest.Local(time.April, 22, 10, 50)) }, "",
			"Recorded the Production deployment as failed", "outcome of the Production deployment"},
		{"rollback in production", func(f *editorFixture) data.Deployment { return edUStarted(f, "Production") },
			func(f *editorFixture) { edURollBack(f, 0, uitest.Local(time.April, 22, 10, 30)) }, data.StatusRolledBack,
			"Rolled back the Production deployment — Payments 2.4.0 is now Rolled back", "rollback of the Production deployment (release back to In progress)"},
		{"rollback elsewhere", func(f *editorFixture) data.Deployment { return edUStarted(f, "QA") },
			func(f *editorFixture) { edURollBack(f, 0, uitest.Local(time.April, 22, 10, 30)) }, "",
			"Rolled back the QA deployment", "rollback of the QA deployment"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newPathFixture(t, tabDeployments)
			d := tt.setup(f)
			f.reopen(tabDeployments)
			before, release := f.storedDeployments()[0], f.storedRelease()
			tt.change(f)
			if f.DialogOpen() {
				t.Fatalf("the dialog stayed open; it shows %q", f.Texts())
			}
			after := f.storedRelease()
			if want := tt.moved; want != "" && after.Status != want || want == "" && after.Status != release.Status {
				t.Fatalf("after the change the release is %s", after.Status.Label())
			}
			if !f.Shows(tt.notice) || tt.moved == "" && f.Shows(" is now ") {
				t.Errorf("notice does not read %q; shows %q", tt.notice, f.Texts())
			}
			if got := f.ed.UndoLabel(); got != "Undo "+tt.undoText {
				t.Errorf("undo label %q, want %q", got, "Undo "+tt.undoText)
			}

			f.Tap("Undo") // the notice's button, as Ctrl+Z would
			if f.DialogOpen() {
				t.Fatalf("undo showed a dialog: %q", f.Texts())
			}
			now := f.storedDeployments()
			if len(now) != 1 || now[0].ID != d.ID || now[0].Outcome != before.Outcome || !sameInstant(now[0].ActualStart, before.ActualStart) ||
				!sameInstant(now[0].ActualEnd, before.ActualEnd) || now[0].PerformedBy != before.PerformedBy {
				t.Errorf("after undo the store holds %+v, want %+v", now, before)
			}
			back := f.storedRelease()
			if back.Status != release.Status || back.ActualRelease != release.ActualRelease {
				t.Errorf("after undo the release is %s (actual %s), want %s (actual %s)", back.Status.Label(), back.ActualRelease, release.Status.Label(), release.ActualRelease)
			}
			if _, err := f.Store.DeploymentRollback(f.Ctx, d.ID); !errors.Is(err, data.ErrNotFound) {
				t.Errorf("after undo the rollback is still stored (%v)", err)
			}
			if got := f.ed.badge.Text; got != release.Status.Label() {
				t.Errorf("editor badge %q after undo, want %q", got, release.Status.Label())
			}
			if row := tabOf[*deploymentsTab](f).shown[0]; row.badge.Text != before.Outcome.Label() {
				t.Errorf("row shows %q after undo, want %q", row.badge.Text, before.Outcome.Label())
			}
			if !f.Shows("Undid the " + tt.undoText) {
				t.Errorf("undo notice missing; shows %q", f.Texts())
			}
			if f.ed.appTabs.Selected() != tabOf[*deploymentsTab](f).item {
				t.Error("undo left the Deployments tab")
			}
			hist, err := f.Store.ReleaseHistory(f.Ctx, f.release.ID)
			if err != nil {
				t.Fatal(err)
			}
			if tt.moved != "" && !edUStatusRow(hist, tt.moved, release.Status) {
				t.Errorf("no history row takes the release from %s back to %s: %+v", tt.moved, release.Status, hist)
			}
		})
	}
}

// edUStatusRow reports whether the newest status row of hist goes from to back.
func edUStatusRow(hist []data.History, from, to data.ReleaseStatus) bool {
	for _, h := range hist {
		if h.Entity == data.EntityRelease && h.Field == "Status" {
			return h.OldValue == string(from) && h.NewValue == string(to)
		}
	}
	return false
}

// sameInstant reports whether two optional instants are both unset or equal.
func sameInstant(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Equal(*b)
}

func TestDeploymentsUndoRefusedOnceReleaseMovedOn(t *testing.T) {
	f := newPathFixture(t, tabDeployments)
	f.deploy("Dev", uitest.Local(time.April, 20, 9, 0))
	f.reopen(tabDeployments)
	edUStart(f, 0, uitest.Local(time.April, 20, 9, 5))
	if err := f.Store.SetReleaseStatus(f.Ctx, f.release.ID, data.StatusCancelled); err != nil {
		t.Fatal(err)
	}
	f.ed.Undo()
	if !f.DialogOpen() || !f.Shows("Could not undo the start of the Dev deployment") || !f.Shows("is Cancelled now, no longer In progress") {
		t.Fatalf("a refused undo does not explain itself; shows %q", f.Texts())
	}
	if d := f.storedDeployments()[0]; d.Outcome != data.OutcomeInProgress || d.ActualStart == nil {
		t.Errorf("a refused undo changed the deployment: %+v", d)
	}
	if got := f.storedRelease().Status; got != data.StatusCancelled {
		t.Errorf("a refused undo moved the release to %s", got.Label())
	}
}

func TestReviewFirstSaveCanBeUndone(t *testing.T) {
	f := newReleaseFixture(t, tabReview, data.StatusReleased)
	f.fillReview(uitest.Day(time.May, 12), "Successful with issues", "Partly", "Shipped a day late")
	f.Tap("Save review")
	rv, ok := f.storedReview()
	if !ok || rv.Summary != "Shipped a day late" {
		t.Fatalf("the first save stored %+v (%v)", rv, ok)
	}
	if !f.Shows("Saved the review of Payments 2.4.0") || f.Button("Undo") == nil {
		t.Errorf("the first save offers no Undo; shows %q", f.Texts())
	}
	if got := f.ed.UndoLabel(); got != "Undo new review of Payments 2.4.0" {
		t.Errorf("undo label %q", got)
	}

	// An action item agreed in the review is its own step, undone first.
	f.Tap("Add action item")
	f.TypeIn("Title", "Rehearse the rollback")
	f.Tap("Add")
	if rv, _ := f.storedReview(); len(rv.Actions) != 1 {
		t.Fatalf("the action item was not stored: %+v", rv.Actions)
	}
	f.ed.Undo()
	if rv, _ := f.storedReview(); len(rv.Actions) != 0 {
		t.Fatalf("undo left the action item: %+v", rv.Actions)
	}

	f.ed.Undo() // Ctrl+Z: the notice now reports the last undo and offers none
	if rv, ok := f.storedReview(); ok {
		t.Fatalf("undo left the review: %+v", rv)
	}
	rt := tabOf[*reviewTab](f)
	if rt.review.ID != 0 || rt.dirty() || rt.summary.Text != "" || !f.Shows("No review recorded yet") {
		t.Errorf("after undo the tab shows review %d (dirty %v, summary %q): %q", rt.review.ID, rt.dirty(), rt.summary.Text, f.Texts())
	}
	if !f.Shows("Undid the new review of Payments 2.4.0") || f.ed.CanUndo() {
		t.Errorf("undo notice missing or steps left (%v); shows %q", f.ed.CanUndo(), f.Texts())
	}
	hist, err := f.Store.HistoryOf(f.Ctx, data.EntityReview, rv.ID)
	if err != nil || len(hist) == 0 || hist[0].Action != data.ActionDelete {
		t.Errorf("the undo left no deletion in the review's history: %+v, %v", hist, err)
	}

	// Saving again starts a new review, which again can be undone.
	f.fillReview(uitest.Day(time.May, 13), "Successful", "Yes", "On time after all")
	f.Tap("Save review")
	if rv, ok := f.storedReview(); !ok || !strings.Contains(rv.Summary, "On time") {
		t.Fatalf("saving after the undo stored %+v (%v)", rv, ok)
	}
	if got := f.ed.UndoLabel(); got != "Undo new review of Payments 2.4.0" {
		t.Errorf("undo label %q after saving again", got)
	}
}

func TestReviewNoteFollowsStatusMovedOnAnotherTab(t *testing.T) {
	f := newPathFixture(t, tabDeployments)
	f.deploy("Dev", uitest.Local(time.April, 20, 9, 0))
	f.deploy("Production", uitest.Local(time.April, 21, 9, 0))
	f.reopen(tabDeployments)
	var review *reviewTab
	for _, tab := range f.ed.tabs {
		if r, ok := tab.(*reviewTab); ok {
			review = r
		}
	}
	if review == nil {
		t.Fatal("no Review tab")
	}
	if !review.note.Visible() || !strings.Contains(review.noteText.Text, "still planned") {
		t.Fatalf("note for a planned release: shown %v, %q", review.note.Visible(), review.noteText.Text)
	}
	// Starting a deployment on the Deployments tab moves the release to In progress.
	edUStart(f, 0, uitest.Local(time.April, 20, 9, 5))
	if got := f.storedRelease().Status; got != data.StatusInProgress {
		t.Fatalf("after the start the release is %s", got.Label())
	}
	if !strings.Contains(review.noteText.Text, "still in progress") {
		t.Errorf("after the start the Review's note says %q", review.noteText.Text)
	}
	// Releasing it hides the note: reviews come after release.
	edUStart(f, 1, uitest.Local(time.April, 21, 9, 5))
	edURecord(f, 1, "Succeeded", uitest.Local(time.April, 21, 10, 0))
	if got := f.storedRelease().Status; got != data.StatusReleased {
		t.Fatalf("after the production success the release is %s", got.Label())
	}
	if review.note.Visible() {
		t.Errorf("the released release still gets the note %q", review.noteText.Text)
	}
}
