package views

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
)

// edARunningProduction stores a Production deployment that started, moving the release to In progress.
func edARunningProduction(f *edAFixture) data.Deployment {
	f.t.Helper()
	d := f.deploy("Production", edALocal(time.April, 22, 10, 0))
	if err := f.store.StartDeployment(f.ctx, d.ID, edALocal(time.April, 22, 10, 0), "Ravi"); err != nil {
		f.t.Fatal(err)
	}
	f.release = f.storedRelease()
	f.reopen(tabDeployments)
	return d
}

func TestDeploymentsRollBackThroughDialog(t *testing.T) {
	f := newEdAFixture(t, tabDeployments)
	d := edARunningProduction(f)
	test.Tap(f.deploymentsTab().shown[0].rollBack)
	if got := edAInField[*widget.Entry](f, "Restored version").Text; got != "2.3.0" {
		t.Errorf("proposed restored version %q, want the previous release 2.3.0", got)
	}
	f.typeTime("Started at", edALocal(time.April, 22, 10, 30))
	f.typeTime("Finished at", edALocal(time.April, 22, 11, 0))
	f.typeIn("Reason", "Refunds failed for cards")
	f.typeIn("Downtime (minutes)", "30")
	f.typeIn("Users affected", "1,200")
	edAInField[*widget.SelectEntry](f, "Detected by").SetText("Monitoring")
	f.tapButton("Roll back")
	if f.dialogOpen() {
		t.Fatalf("dialog still open; it shows %q", f.texts())
	}
	rb, err := f.store.DeploymentRollback(f.ctx, d.ID)
	if err != nil {
		t.Fatalf("no rollback stored: %v", err)
	}
	if rb.Reason != "Refunds failed for cards" || rb.DowntimeMinutes != 30 || rb.UsersAffected != 1200 || rb.DetectedBy != "Monitoring" ||
		rb.RestoredVersion != "2.3.0" || !rb.StartedAt.Equal(edALocal(time.April, 22, 10, 30)) {
		t.Errorf("stored rollback %+v", rb)
	}
	if got := f.storedDeployments()[0].Outcome; got != data.OutcomeRolledBack {
		t.Errorf("deployment outcome %s, want rolled back", got)
	}
	if got := f.storedRelease().Status; got != data.StatusRolledBack {
		t.Errorf("release status %s, want rolled back", got)
	}
	if got := f.screen.editor.badge.Text; got != "Rolled back" {
		t.Errorf("editor badge %q", got)
	}
	for _, want := range []string{"Reason: Refunds failed for cards", "Downtime 30 min · 1,200 users affected", "to 2.3.0 · detected by Monitoring"} {
		if !f.showsText(want) {
			t.Errorf("tab does not show %q; shows %q", want, f.texts())
		}
	}
	if row := f.deploymentsTab().shown[0]; row.rollBack != nil || row.outcome != nil || row.badge.Text != "Rolled back" {
		t.Errorf("rolled-back row offers roll back %v, outcome %v, badge %q", row.rollBack, row.outcome, row.badge.Text)
	}
}

func TestDeploymentsRollBackRejectsBadInput(t *testing.T) {
	cases := []struct {
		name  string
		fill  func(f *edAFixture)
		field string
		want  string
	}{
		{"no reason", func(f *edAFixture) { f.typeIn("Reason", " ") }, "Reason", "Reason is required: say what went wrong"},
		{"negative downtime", func(f *edAFixture) { f.typeIn("Downtime (minutes)", "-5") }, "Downtime (minutes)", "Downtime (minutes) must not be negative"},
		{"users not a number", func(f *edAFixture) { f.typeIn("Users affected", "many") }, "Users affected", "Users affected must be a number like 12"},
		{"finished before started", func(f *edAFixture) { f.typeTime("Finished at", edALocal(time.April, 22, 10, 10)) },
			"Finished at", "Finished at must not be before the rollback started"},
		{"before the deployment started", func(f *edAFixture) { f.typeTime("Started at", edALocal(time.April, 22, 9, 0)) },
			"Started at", "Started at must not be before the deployment started (2026-04-22 10:00)"},
	}
	f := newEdAFixture(t, tabDeployments)
	d := edARunningProduction(f)
	for _, c := range cases {
		test.Tap(f.deploymentsTab().shown[0].rollBack)
		f.typeTime("Started at", edALocal(time.April, 22, 10, 30))
		f.typeIn("Reason", "Errors")
		c.fill(f)
		f.tapButton("Roll back")
		if !f.dialogOpen() {
			t.Fatalf("%s: the dialog closed on a bad value", c.name)
		}
		if got := f.message(c.field); got != c.want {
			t.Errorf("%s: message under %s: %q, want %q", c.name, c.field, got, c.want)
		}
		if _, err := f.store.DeploymentRollback(f.ctx, d.ID); err == nil {
			t.Errorf("%s: a rollback was stored from a bad form", c.name)
		}
		if got := f.storedDeployments()[0].Outcome; got != data.OutcomeInProgress {
			t.Errorf("%s: deployment became %s", c.name, got)
		}
		f.tapButton("Cancel")
	}
}

func TestDeploymentsRollBackDialogFollowsStartedRelease(t *testing.T) {
	f := newEdAFixture(t, tabDeployments)
	f.deploy("Production", edALocal(time.April, 22, 10, 0))
	f.reopen(tabDeployments)
	edUStart(f, 0, edALocal(time.April, 22, 10, 0)) // Planned -> In progress on this screen, without reopening
	test.Tap(f.deploymentsTab().shown[0].rollBack)
	if !f.showsText("Payments 2.4.0 moves to Rolled back.") {
		t.Errorf("the rollback dialog does not say the release moves; shows %q", f.texts())
	}
	f.tapButton("Cancel")
}
