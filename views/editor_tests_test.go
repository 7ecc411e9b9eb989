package views

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
)

func (f *edAFixture) testsTab() *testsTab {
	for _, t := range f.screen.editor.tabs {
		if x, ok := t.(*testsTab); ok {
			return x
		}
	}
	f.t.Fatal("no Tests tab")
	return nil
}

func (f *edAFixture) storedRuns() []data.TestRun {
	f.t.Helper()
	rs, err := f.store.TestRuns(f.ctx, f.release.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	return rs
}

// addRun stores a run of suite on env.
func (f *edAFixture) addRun(env, suite string, passed, failed, skipped int, at time.Time) data.TestRun {
	f.t.Helper()
	r := data.TestRun{ReleaseID: f.release.ID, EnvironmentID: f.envs[env].ID, Suite: suite, Passed: passed, Failed: failed, Skipped: skipped, RunAt: at}
	if err := f.store.SaveTestRun(f.ctx, &r); err != nil {
		f.t.Fatalf("run %s on %s: %v", suite, env, err)
	}
	return r
}

// fillRun types a run into the open form.
func (f *edAFixture) fillRun(env, suite, passed, failed, skipped string, at time.Time) {
	edAInField[*widget.Select](f, "Environment").SetSelected(env)
	edAInField[*widget.SelectEntry](f, "Suite").SetText(suite)
	f.typeIn("Passed", passed)
	f.typeIn("Failed", failed)
	f.typeIn("Skipped", skipped)
	f.typeTime("Run at", at)
}

// rowButton returns the button labelled text in the runs list row showing suite.
func (f *edAFixture) rowButton(suite, text string) *widget.Button {
	f.t.Helper()
	var found *widget.Button
	visitVisible(f.win.Canvas().Content(), func(o fyne.CanvasObject) {
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
		f.t.Fatalf("no %q button on the %s row; shows %q", text, suite, f.texts())
	}
	return found
}

func TestTestsAddRun(t *testing.T) {
	f := newEdAFixture(t, tabTests)
	if !f.showsText("No test runs recorded yet") {
		t.Fatalf("empty tab does not explain itself; shows %q", f.texts())
	}
	f.tapButton("Add run")
	f.fillRun("QA", "Regression", "120", "3", "2", edALocal(time.April, 21, 14, 10))
	f.typeIn("Notes", "Build 2.4.0+17")
	f.tapButton("Add run")
	if f.dialogOpen() {
		t.Fatalf("dialog still open; it shows %q", f.texts())
	}
	rs := f.storedRuns()
	if len(rs) != 1 {
		t.Fatalf("stored %d runs, want 1", len(rs))
	}
	r := rs[0]
	if r.Environment.Name != "QA" || r.Suite != "Regression" || r.Passed != 120 || r.Failed != 3 || r.Skipped != 2 ||
		!r.RunAt.Equal(edALocal(time.April, 21, 14, 10)) || r.Notes != "Build 2.4.0+17" {
		t.Errorf("stored %+v", r)
	}
	for _, want := range []string{"Red", "120 passed · 3 failed · 2 skipped", "Pass rate 97.6%", "Last run 2026-04-21 14:10",
		"Failing: Regression (3)", "1 run · 1 environment red", "Added the Regression run"} {
		if !f.showsText(want) {
			t.Errorf("tab does not show %q; shows %q", want, f.texts())
		}
	}
	// Fixing the run turns the environment green.
	test.Tap(f.rowButton("Regression", "Edit"))
	f.typeIn("Failed", "0")
	f.tapButton("Save")
	if got := f.storedRuns()[0].Failed; got != 0 {
		t.Errorf("edit stored failed=%d", got)
	}
	for _, want := range []string{"Green", "1 run · all green"} {
		if !f.showsText(want) {
			t.Errorf("after the edit the tab does not show %q; shows %q", want, f.texts())
		}
	}
	f.screen.Undo()
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
	f := newEdAFixture(t, tabTests)
	for _, c := range cases {
		f.tapButton("Add run")
		f.fillRun("Dev", c.suite, c.passed, c.failed, c.skipped, edALocal(time.April, 21, 9, 0))
		f.tapButton("Add run")
		if !f.dialogOpen() {
			t.Fatalf("%s: the dialog closed on a bad value", c.name)
		}
		if got := f.message(c.field); got != c.want {
			t.Errorf("%s: message under %s: %q, want %q", c.name, c.field, got, c.want)
		}
		if n := len(f.storedRuns()); n != 0 {
			t.Errorf("%s: stored %d runs from a bad form", c.name, n)
		}
		f.tapButton("Cancel")
	}
}

func TestTestsDeleteAndUndo(t *testing.T) {
	f := newEdAFixture(t, tabTests)
	kept := f.addRun("Dev", "Smoke", 40, 0, 0, edALocal(time.April, 20, 9, 0))
	gone := f.addRun("QA", "Regression", 100, 2, 0, edALocal(time.April, 21, 9, 0))
	f.reopen(tabTests)
	test.Tap(f.rowButton("Regression", "Delete"))
	if !f.showsText("Delete the Regression run on QA?") {
		t.Fatalf("no confirmation naming the run; shows %q", f.texts())
	}
	f.tapButton("Delete")
	if rs := f.storedRuns(); len(rs) != 1 || rs[0].ID != kept.ID {
		t.Fatalf("after delete the store holds %+v", rs)
	}
	if f.showsText("Failing: Regression") {
		t.Error("the summary still counts the deleted run")
	}
	f.screen.Undo()
	rs := f.storedRuns()
	if len(rs) != 2 || rs[0].ID != gone.ID {
		t.Fatalf("after undo the store holds %+v", rs)
	}
	if !f.showsText("Failing: Regression (2)") {
		t.Errorf("the restored run is not in the summary; shows %q", f.texts())
	}
	if n := f.testsTab().list.Length(); n != 2 {
		t.Errorf("the list shows %d runs after undo, want 2", n)
	}
}

func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"0", "12", "1,200", "-1", "1.5", "", " 7 ", "+3", "abc", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseCount(s)
		if err != nil {
			if ProblemText("Passed", err.Error()) == err.Error() {
				t.Errorf("message %q does not read after a field name", err)
			}
			return
		}
		if n < 0 {
			t.Fatalf("%q gave %d", s, n)
		}
	})
}
