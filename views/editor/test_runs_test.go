package editor

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/uitest"
)

func (f *editorFixture) testsTab() *testsTab {
	for _, t := range f.ed.tabs {
		if x, ok := t.(*testsTab); ok {
			return x
		}
	}
	f.T.Fatal("no Tests tab")
	return nil
}

func (f *editorFixture) storedRuns() []data.TestRun {
	f.T.Helper()
	rs, err := f.Store.TestRuns(f.Ctx, f.release.ID)
	if err != nil {
		f.T.Fatal(err)
	}
	return rs
}

// addRun stores a run of suite on env.
func (f *editorFixture) addRun(env, suite string, passed, failed, skipped int, at time.Time) data.TestRun {
	f.T.Helper()
	r := data.TestRun{ReleaseID: f.release.ID, EnvironmentID: f.envs[env].ID, Suite: suite, Passed: passed, Failed: failed, Skipped: skipped, RunAt: at}
	if err := f.Store.SaveTestRun(f.Ctx, &r); err != nil {
		f.T.Fatalf("run %s on %s: %v", suite, env, err)
	}
	return r
}

// fillRun types a run into the open form.
func (f *editorFixture) fillRun(env, suite, passed, failed, skipped string, at time.Time) {
	uitest.In[*widget.Select](f.UI, "Environment").SetSelected(env)
	uitest.In[*widget.SelectEntry](f.UI, "Suite").SetText(suite)
	f.TypeIn("Passed", passed)
	f.TypeIn("Failed", failed)
	f.TypeIn("Skipped", skipped)
	f.TypeTime("Run at", at)
}

// runButton returns the button labelled text in the runs list row showing suite.
func (f *editorFixture) runButton(suite, text string) *widget.Button {
	f.T.Helper()
	var found *widget.Button
	uitest.Visit(f.Win.Canvas().Content(), func(o fyne.CanvasObject) {
		r, ok := o.(*testRunRow)
		if !ok || r.suite.Text != suite || found != nil {
			return
		}
		for _, b := range []*widget.Button{r.edit, r.remove} {
			if b.Text == text {
				found = b
			}
		}
	})
	if found == nil {
		f.T.Fatalf("no %q button on the %s row; shows %q", text, suite, f.Texts())
	}
	return found
}

func TestTestsAddRun(t *testing.T) {
	f := newPathFixture(t, tabTests)
	if !f.Shows("No test runs recorded yet") {
		t.Fatalf("empty tab does not explain itself; shows %q", f.Texts())
	}
	f.Tap("Add run")
	f.fillRun("QA", "Regression", "120", "3", "2", uitest.Local(time.April, 21, 14, 10))
	f.TypeIn("Notes", "Build 2.4.0+17")
	f.Tap("Add run")
	if f.DialogOpen() {
		t.Fatalf("dialog still open; it shows %q", f.Texts())
	}
	rs := f.storedRuns()
	if len(rs) != 1 {
		t.Fatalf("stored %d runs, want 1", len(rs))
	}
	r := rs[0]
	if r.Environment.Name != "QA" || r.Suite != "Regression" || r.Passed != 120 || r.Failed != 3 || r.Skipped != 2 ||
		!r.RunAt.Equal(uitest.Local(time.April, 21, 14, 10)) || r.Notes != "Build 2.4.0+17" {
		t.Errorf("stored %+v", r)
	}
	for _, want := range []string{"Red", "120 passed · 3 failed · 2 skipped", "Pass rate 97.6%", "Last run 2026-04-21 14:10",
		"Failing: Regression (3)", "1 run · 1 environment red", "Added the Regression run"} {
		if !f.Shows(want) {
			t.Errorf("tab does not show %q; shows %q", want, f.Texts())
		}
	}
	// Fixing the run turns the environment green.
	test.Tap(f.runButton("Regression", "Edit"))
	f.TypeIn("Failed", "0")
	f.Tap("Save")
	if got := f.storedRuns()[0].Failed; got != 0 {
		t.Errorf("edit stored failed=%d", got)
	}
	for _, want := range []string{"Green", "1 run · all green"} {
		if !f.Shows(want) {
			t.Errorf("after the edit the tab does not show %q; shows %q", want, f.Texts())
		}
	}
	f.ed.Undo()
	if got := f.storedRuns()[0].Failed; got != 3 {
		t.Errorf("undo of the edit left failed=%d, want 3", got)
	}
}

func TestTestsRejectsBadRun(t *testing.T) {
	cases := []struct {
		name                    string
		suite                   string
		passed, failed, skipped string
		field, want             string
	}{
		{"negative", "Smoke", "-1", "0", "0", "Passed", "Passed must not be negative"},
		{"not a number", "Smoke", "10", "abc", "0", "Failed", "Failed must be a number like 12"},
		{"fraction", "Smoke", "10", "0", "1.5", "Skipped", "Skipped must be a whole number"},
		{"empty count", "Smoke", "10", "", "0", "Failed", "Failed is required (0 or more)"},
		{"no tests", "Smoke", "0", "0", "0", "Passed", "Passed is 0 like failed and skipped: a run counts at least one test"},
		{"no suite", " ", "5", "0", "0", "Suite", "Suite is required"},
	}
	f := newPathFixture(t, tabTests)
	for _, c := range cases {
		f.Tap("Add run")
		f.fillRun("Dev", c.suite, c.passed, c.failed, c.skipped, uitest.Local(time.April, 21, 9, 0))
		f.Tap("Add run")
		if !f.DialogOpen() {
			t.Fatalf("%s: the dialog closed on a bad value", c.name)
		}
		if got := f.Message(c.field); got != c.want {
			t.Errorf("%s: message under %s: %q, want %q", c.name, c.field, got, c.want)
		}
		if n := len(f.storedRuns()); n != 0 {
			t.Errorf("%s: stored %d runs from a bad form", c.name, n)
		}
		f.Tap("Cancel")
	}
}

func TestTestsDeleteAndUndo(t *testing.T) {
	f := newPathFixture(t, tabTests)
	kept := f.addRun("Dev", "Smoke", 40, 0, 0, uitest.Local(time.April, 20, 9, 0))
	gone := f.addRun("QA", "Regression", 100, 2, 0, uitest.Local(time.April, 21, 9, 0))
	f.reopen(tabTests)
	test.Tap(f.runButton("Regression", "Delete"))
	if !f.Shows("Delete the Regression run on QA?") {
		t.Fatalf("no confirmation naming the run; shows %q", f.Texts())
	}
	f.Tap("Delete")
	if rs := f.storedRuns(); len(rs) != 1 || rs[0].ID != kept.ID {
		t.Fatalf("after delete the store holds %+v", rs)
	}
	if f.Shows("Failing: Regression") {
		t.Error("the summary still counts the deleted run")
	}
	f.ed.Undo()
	rs := f.storedRuns()
	if len(rs) != 2 || rs[0].ID != gone.ID {
		t.Fatalf("after undo the store holds %+v", rs)
	}
	if !f.Shows("Failing: Regression (2)") {
		t.Errorf("the restored run is not in the summary; shows %q", f.Texts())
	}
	if n := f.testsTab().list.Length(); n != 2 {
		t.Errorf("the list shows %d runs after undo, want 2", n)
	}
}
