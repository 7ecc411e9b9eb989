package editor

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/uitest"
)

// edARunningProduction stores a Production deployment that started, moving the release to In progress.
func edARunningProduction(f *editorFixture) data.Deployment {
	f.T.Helper()
	d := f.deploy("Production", uitest.Local(time.April, 22, 10, 0))
	if err := f.Store.StartDeployment(f.Ctx, d.ID, uitest.Local(time.April, 22, 10, 0), "Ravi"); err != nil {
		f.T.Fatal(err)
	}
	f.release = f.storedRelease()
	f.reopen(tabDeployments)
	return d
}

func TestDeploymentsRollBackThroughDialog(t *testing.T) {
	f := newPathFixture(t, tabDeployments)
	d := edARunningProduction(f)
	test.Tap(tabOf[*deploymentsTab](f).shown[0].rollBack)
	if got := uitest.In[*widget.Entry](f.UI, "Restored version").Text; got != "2.3.0" {
		t.Errorf("proposed restored version %q, want the previous release 2.3.0", got)
	}
	f.TypeTime("Started at", uitest.Local(time.April, 22, 10, 30))
	f.TypeTime("Finished at", uitest.Local(time.April, 22, 11, 0))
	f.TypeIn("Reason", "Refunds failed for cards")
	f.TypeIn("Downtime (minutes)", "30")
	f.TypeIn("Users affected", "1,200")
	uitest.In[*widget.SelectEntry](f.UI, "Detected by").SetText("Monitoring")
	f.Tap("Roll back")
	if f.DialogOpen() {
		t.Fatalf("dialog still open; it shows %q", f.Texts())
	}
	rb, err := f.Store.DeploymentRollback(f.Ctx, d.ID)
	if err != nil {
		t.Fatalf("no rollback stored: %v", err)
	}
	if rb.Reason != "Refunds failed for cards" || rb.DowntimeMinutes != 30 || rb.UsersAffected != 1200 || rb.DetectedBy != "Monitoring" ||
		rb.RestoredVersion != "2.3.0" || !rb.StartedAt.Equal(uitest.Local(time.April, 22, 10, 30)) {
		t.Errorf("stored rollback %+v", rb)
	}
	if got := f.storedDeployments()[0].Outcome; got != data.OutcomeRolledBack {
		t.Errorf("deployment outcome %s, want rolled back", got)
	}
	if got := f.storedRelease().Status; got != data.StatusRolledBack {
		t.Errorf("release status %s, want rolled back", got)
	}
	if got := f.ed.badge.Text; got != "Rolled back" {
		t.Errorf("editor badge %q", got)
	}
	for _, want := range []string{"Reason: Refunds failed for cards", "Downtime 30 min · 1,200 users affected", "to 2.3.0 · detected by Monitoring"} {
		if !f.Shows(want) {
			t.Errorf("tab does not show %q; shows %q", want, f.Texts())
		}
	}
	if row := tabOf[*deploymentsTab](f).shown[0]; row.rollBack != nil || row.outcome != nil || row.badge.Text != "Rolled back" {
		t.Errorf("rolled-back row offers roll back %v, outcome %v, badge %q", row.rollBack, row.outcome, row.badge.Text)
	}
}

func TestDeploymentsRollBackRejectsBadInput(t *testing.T) {
	cases := []struct {
		name  string
		fill  func(f *editorFixture)
		field string
		want  string
	}{
		{"no reason", func(f *editorFixture) { f.TypeIn("Reason", " ") }, "Reason", "Reason is required: say what went wrong"},
		{"negative downtime", func(f *editorFixture) { f.TypeIn("Downtime (minutes)", "-5") }, "Downtime (minutes)", "Downtime (minutes) must not be negative"},
		{"users not a number", func(f *editorFixture) { f.TypeIn("Users affected", "many") }, "Users affected", "Users affected must be a number like 12"},
		{"finished before started", func(f *editorFixture) { f.TypeTime("Finished at", uitest.Local(time.April, 22, 10, 10)) },
			"Finished at", "Finished at must not be before the rollback started"},
		{"before the deployment started", func(f *editorFixture) { f.TypeTime("Started at", uitest.Local(time.April, 22, 9, 0)) },
			"Started at", "Started at must not be before the deployment started (2026-04-22 10:00)"},
	}
	f := newPathFixture(t, tabDeployments)
	d := edARunningProduction(f)
	for _, c := range cases {
		test.Tap(tabOf[*deploymentsTab](f).shown[0].rollBack)
		f.TypeTime("Started at", uitest.Local(time.April, 22, 10, 30))
		f.TypeIn("Reason", "Errors")
		c.fill(f)
		f.Tap("Roll back")
		if !f.DialogOpen() {
			t.Fatalf("%s: the dialog closed on a bad value", c.name)
		}
		if got := f.Message(c.field); got != c.want {
			t.Errorf("%s: message under %s: %q, want %q", c.name, c.field, got, c.want)
		}
		if _, err := f.Store.DeploymentRollback(f.Ctx, d.ID); err == nil {
			t.Errorf("%s: a rollback was stored from a bad form", c.name)
		}
		if got := f.storedDeployments()[0].Outcome; got != data.OutcomeInProgress {
			t.Errorf("%s: deployment became %s", c.name, got)
		}
		f.Tap("Cancel")
	}
}

func TestDeploymentsRollBackDialogFollowsStartedRelease(t *testing.T) {
	f := newPathFixture(t, tabDeployments)
	f.deploy("Production", uitest.Local(time.April, 22, 10, 0))
	f.reopen(tabDeployments)
	edUStart(f, 0, uitest.Local(time.April, 22, 10, 0)) // Planned -> In progress on this screen, without reopening
	test.Tap(tabOf[*deploymentsTab](f).shown[0].rollBack)
	if !f.Shows("Payments 2.4.0 moves to Rolled back.") {
		t.Errorf("the rollback dialog does not say the release moves; shows %q", f.Texts())
	}
	f.Tap("Cancel")
}
