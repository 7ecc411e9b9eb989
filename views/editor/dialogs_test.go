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

// dialogCase is one of the editor's dialogs: how to reach it, the field
// the focus should start in, and how to make its form wrong.
type dialogCase struct {
	name string
	// prepare stores what the dialog needs, on a release open at the tab it is on.
	prepare func(f *editorFixture)
	open    func(f *editorFixture)
	// first is the label of the field the focus starts in.
	first string
	// spoil makes the form wrong, so that Enter keeps it open; nil when it starts wrong.
	spoil func(f *editorFixture)
}

// editorDialogs are every form dialog of the editor's tabs.
func editorDialogs() []dialogCase {
	startedQA := func(f *editorFixture) {
		d := f.deploy("QA", uitest.Local(time.April, 22, 10, 0))
		if err := f.Store.StartDeployment(f.Ctx, d.ID, uitest.Local(time.April, 22, 10, 0), "Ravi"); err != nil {
			f.T.Fatal(err)
		}
		f.reopen(tabDeployments)
	}
	row := func(f *editorFixture) *deploymentRow { return tabOf[*deploymentsTab](f).shown[0] }
	return []dialogCase{
		{"plan deployment", func(f *editorFixture) { f.reopen(tabDeployments) }, func(f *editorFixture) { f.Tap("Plan deployment") },
			"Environment", func(f *editorFixture) { f.TypeIn("Planned start", "") }},
		{"start deployment", func(f *editorFixture) {
			f.deploy("QA", uitest.Local(time.April, 22, 10, 0))
			f.reopen(tabDeployments)
		}, func(f *editorFixture) { test.Tap(row(f).start) }, "Started at", func(f *editorFixture) { f.TypeIn("Started at", "9") }},
		{"record outcome", startedQA, func(f *editorFixture) { test.Tap(row(f).outcome) }, "Outcome",
			func(f *editorFixture) { f.TypeIn("Finished at", "") }},
		{"roll back", startedQA, func(f *editorFixture) { test.Tap(row(f).rollBack) }, "Started at", nil},
		{"finish rollback", func(f *editorFixture) {
			startedQA(f)
			d := f.storedDeployments()[0]
			if err := f.Store.RollBack(f.Ctx, d.ID, &data.Rollback{StartedAt: uitest.Local(time.April, 22, 10, 30), Reason: "Errors"}); err != nil {
				f.T.Fatal(err)
			}
			f.reopen(tabDeployments)
		}, func(f *editorFixture) { test.Tap(row(f).finish) }, "Started at", func(f *editorFixture) { f.TypeIn("Reason", "") }},
		{"assign person", func(f *editorFixture) {
			f.Person("Dana Smith", "dana@example.com", "Payments", "Manager")
			f.reopen(tabStakeholders)
		}, func(f *editorFixture) { f.Tap("Assign person") }, "Person",
			func(f *editorFixture) { uitest.In[*widget.SelectEntry](f.UI, "Person").SetText("") }},
		{"sign-off", func(f *editorFixture) {
			f.assign(f.Person("Dana Smith", "dana@example.com", "Payments", "Manager"), data.RoleAccountable)
			f.reopen(tabStakeholders)
		}, func(f *editorFixture) {
			test.Tap(f.rowButton(tabOf[*stakeholdersTab](f).groups, "Dana Smith", "Record approval"))
		}, "Decision", func(f *editorFixture) { uitest.In[*kit.Options](f.UI, "Decision").SetSelected("Rejected") }},
		{"test run", func(f *editorFixture) { f.reopen(tabTests) }, func(f *editorFixture) { f.Tap("Add run") }, "Environment", nil},
		{"checklist item", func(f *editorFixture) { f.reopen(tabChecklist) }, func(f *editorFixture) { f.Tap("Add item") }, "Title", nil},
		{"action item", func(f *editorFixture) {
			rv := data.Review{ReleaseID: f.release.ID, HeldOn: uitest.Day(time.May, 12), Verdict: data.VerdictSuccessful, ObjectivesMet: data.ObjectivesYes}
			if err := f.Store.SaveReview(f.Ctx, &rv); err != nil {
				f.T.Fatal(err)
			}
			f.reopen(tabReview)
		}, func(f *editorFixture) { f.Tap("Add action item") }, "Title", nil},
		{"go/no-go decision", func(f *editorFixture) { f.reopen(tabGoNoGo) }, func(f *editorFixture) { f.Tap("Record decision") }, "Decision", nil},
	}
}

// TestEditorDialogsKeysFocusAndLayout reproduces issue 13 #3 and #4 on
// every dialog of the editor: Escape cancels and saves nothing, the focus
// starts in the first field, Tab follows the eye through the fields to
// Cancel and the default button, and Enter on a wrong form keeps it open
// with its messages, moving no field (see uitest.CheckFormDialog).
func TestEditorDialogsKeysFocusAndLayout(t *testing.T) {
	for _, c := range editorDialogs() {
		t.Run(c.name, func(t *testing.T) {
			f := newPathFixture(t, tabDetails)
			c.prepare(f)
			c.open(f)
			var spoil func()
			if c.spoil != nil {
				spoil = func() { c.spoil(f) }
			}
			f.CheckFormDialog(c.first, spoil, func() int { return len(f.history()) })
		})
	}
}

// TestEditorQuestionsAnswerToKeys: the editor's questions (delete, unsaved
// changes) cancel on Escape and take their default answer on Enter.
func TestEditorQuestionsAnswerToKeys(t *testing.T) {
	f := newPathFixture(t, tabDeployments)
	f.deploy("QA", uitest.Local(time.April, 22, 10, 0))
	f.reopen(tabDeployments)
	test.Tap(tabOf[*deploymentsTab](f).shown[0].remove)
	uitest.Key(f.Win, fyne.KeyEscape)
	if f.DialogOpen() || len(f.storedDeployments()) != 1 {
		t.Fatalf("Escape on the delete question: open %v, %d deployments", f.DialogOpen(), len(f.storedDeployments()))
	}
	test.Tap(tabOf[*deploymentsTab](f).shown[0].remove)
	uitest.Key(f.Win, fyne.KeyReturn)
	if f.DialogOpen() || len(f.storedDeployments()) != 0 {
		t.Fatalf("Enter on the delete question: open %v, %d deployments", f.DialogOpen(), len(f.storedDeployments()))
	}

	f.reopen(tabDetails)
	f.TypeIn("Title", "Refunds for cards")
	f.ed.Leave(func() { f.list.ShowList() })
	uitest.Key(f.Win, fyne.KeyEscape)
	if f.DialogOpen() || !f.editing() || !f.unsaved() {
		t.Fatalf("Escape on the unsaved-changes question: open %v, editing %v, unsaved %v", f.DialogOpen(), f.editing(), f.unsaved())
	}
	f.ed.Leave(func() { f.list.ShowList() })
	uitest.Key(f.Win, fyne.KeyReturn)
	if f.DialogOpen() || f.editing() || f.storedRelease().Title != "Refunds for cards" {
		t.Fatalf("Enter on the unsaved-changes question saved %q (open %v, editing %v)", f.storedRelease().Title, f.DialogOpen(), f.editing())
	}
}

// history is the release's history, the record of every change made to it.
func (f *editorFixture) history() []data.History {
	f.T.Helper()
	h, err := f.Store.ReleaseHistory(f.Ctx, f.release.ID)
	if err != nil {
		f.T.Fatal(err)
	}
	return h
}
