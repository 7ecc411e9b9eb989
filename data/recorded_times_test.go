package data

import (
	"testing"
	"time"
)

// laterClock is a clock after every deployment the tests record (deployDay
// and the days after it), so their actual times lie in the past.
var laterClock = time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC)

// clockAfterDeployments sets the store's clock to laterClock.
func (f *fixture) clockAfterDeployments() { f.s.Now = func() time.Time { return laterClock } }

func TestCheckRecordedTime(t *testing.T) {
	now := time.Date(2026, 6, 15, 9, 30, 20, 0, time.UTC)
	tests := []struct {
		name string
		at   time.Time
		ok   bool
	}{
		{"not set", time.Time{}, true},
		{"an hour ago", now.Add(-time.Hour), true},
		{"this minute, typed", now.Truncate(time.Minute).Add(time.Minute), true},
		{"the grace's end", now.Add(time.Minute), true},
		{"past the grace", now.Add(time.Minute + time.Second), false},
		{"tomorrow", now.AddDate(0, 0, 1), false},
		{"another zone, same instant ahead", now.Add(2 * time.Hour).In(time.FixedZone("UTC+5", 5*3600)), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckRecordedTime(tt.at, now)
			if (err == nil) != tt.ok {
				t.Fatalf("CheckRecordedTime(%v) = %v, want ok %v", tt.at, err, tt.ok)
			}
			if err != nil && err.Error() != "cannot be in the future" {
				t.Errorf("message %q", err)
			}
		})
	}
}

// TestStoreRefusesRecordedTimesInTheFuture reproduces issue 13 #2's second
// half: a finish time in the future was accepted. Each way of recording what
// happened refuses a time past the store's clock, names the field and
// changes nothing.
func TestStoreRefusesRecordedTimesInTheFuture(t *testing.T) {
	f := newFixture(t) // the clock is testClock, 15 June 2026 09:30
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 6, 20))
	stage, prod := f.env("Staging", KindStaging), f.env("Production", KindProduction)
	past := testClock.Add(-3 * time.Hour)
	future := testClock.Add(2 * time.Hour)
	planned := crudDeployment(t, f, r, stage, past)
	running := crudDeployment(t, f, r, prod, past)
	if err := f.s.StartDeployment(f.ctx, running.ID, past, "Sam"); err != nil {
		t.Fatal(err)
	}
	rolled := crudDeployment(t, f, r, f.env("QA", KindTest), past)
	if err := f.s.StartDeployment(f.ctx, rolled.ID, past, "Sam"); err != nil {
		t.Fatal(err)
	}
	rb := Rollback{StartedAt: past.Add(time.Hour), Reason: "Errors"}
	if err := f.s.RollBack(f.ctx, rolled.ID, &rb); err != nil {
		t.Fatal(err)
	}
	person := crudStakeholder(t, f, "Ann Lee")
	role := ReleaseStakeholder{ReleaseID: r.ID, StakeholderID: person.ID, Role: RoleAccountable}
	if err := f.s.AssignStakeholder(f.ctx, &role); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		save  func() error
		field string
	}{
		{"start", func() error { return f.s.StartDeployment(f.ctx, planned.ID, future, "Sam") }, "ActualStart"},
		{"outcome's end", func() error {
			return f.s.RecordOutcome(f.ctx, running.ID, OutcomeSucceeded, past, future, "", "")
		}, "ActualEnd"},
		{"outcome's start", func() error {
			return f.s.RecordOutcome(f.ctx, planned.ID, OutcomeFailed, future, future.Add(time.Hour), "", "")
		}, "ActualStart"},
		{"rollback's start", func() error {
			return f.s.RollBack(f.ctx, running.ID, &Rollback{StartedAt: future, Reason: "Errors"})
		}, "StartedAt"},
		{"rollback's finish", func() error {
			return f.s.RollBack(f.ctx, running.ID, &Rollback{StartedAt: past.Add(time.Hour), FinishedAt: timePtr(future), Reason: "Errors"})
		}, "FinishedAt"},
		{"finishing a rollback later", func() error {
			edit := rb
			edit.FinishedAt = timePtr(future)
			_, err := f.s.SaveRollbackUndoable(f.ctx, &edit)
			return err
		}, "FinishedAt"},
		{"decision", func() error {
			return f.s.RecordDecision(f.ctx, &GoDecision{ReleaseID: r.ID, Decision: DecisionGo, DecidedAt: future})
		}, "DecidedAt"},
		{"sign-off", func() error { return f.s.RecordApproval(f.ctx, role.ID, ApprovalApproved, future, "") }, "ApprovedAt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := crudDump(t, f.s)
			err := tt.save()
			crudRefused(t, f.s, before, err, tt.field)
			if v, _ := AsValidation(err); v.Message(tt.field) != "cannot be in the future" {
				t.Errorf("message %q, want %q", v.Message(tt.field), "cannot be in the future")
			}
		})
	}
	// The same times a minute old are fine.
	if err := f.s.RecordOutcome(f.ctx, running.ID, OutcomeSucceeded, past, testClock.Add(-time.Minute), "", ""); err != nil {
		t.Errorf("an end a minute ago: %v", err)
	}
	if err := f.s.RecordApproval(f.ctx, role.ID, ApprovalApproved, testClock, ""); err != nil {
		t.Errorf("a sign-off given now: %v", err)
	}
}

// TestRollbackFinishedLaterAndUndone reproduces issue 13 #2: a rollback
// started with no finish could never be finished. SaveRollbackUndoable
// finishes it (the deployment's actual end follows, with history), and Undo
// takes both back in one step, itself recorded.
func TestRollbackFinishedLaterAndUndone(t *testing.T) {
	f := newFixture(t)
	f.clockAfterDeployments()
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	d := crudDeployment(t, f, r, f.env("Production", KindProduction), deployDay)
	if err := f.s.StartDeployment(f.ctx, d.ID, deployDay, "Sam"); err != nil {
		t.Fatal(err)
	}
	started := deployDay.Add(time.Hour)
	if err := f.s.RollBack(f.ctx, d.ID, &Rollback{StartedAt: started, Reason: "Errors"}); err != nil {
		t.Fatal(err)
	}
	running, err := f.s.DeploymentRollback(f.ctx, d.ID)
	if err != nil || running.FinishedAt != nil {
		t.Fatalf("rollback %+v (%v), want one still running", running, err)
	}
	depBefore, err := f.s.Deployment(f.ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	unrestored := func() int {
		t.Helper()
		m, err := f.s.Metrics(f.ctx, deployDay.Add(-24*time.Hour), deployDay.Add(48*time.Hour), 0)
		if err != nil {
			t.Fatal(err)
		}
		return m.Total.Unrestored
	}
	if n := unrestored(); n != 1 {
		t.Fatalf("with the rollback running, time to restore counts %d open, want 1", n)
	}

	finished := started.Add(40 * time.Minute)
	edit := running
	edit.FinishedAt, edit.DowntimeMinutes, edit.UsersAffected, edit.RestoredVersion = &finished, 35, 1200, "2.3.9"
	change, err := f.s.SaveRollbackUndoable(f.ctx, &edit)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := f.s.DeploymentRollback(f.ctx, d.ID)
	dep, _ := f.s.Deployment(f.ctx, d.ID)
	if got.FinishedAt == nil || !got.FinishedAt.Equal(finished) || got.DowntimeMinutes != 35 || got.UsersAffected != 1200 ||
		got.RestoredVersion != "2.3.9" || dep.ActualEnd == nil || !dep.ActualEnd.Equal(finished) {
		t.Fatalf("after finishing: rollback %+v, deployment ends %v", got, dep.ActualEnd)
	}
	if !crudHistoryHas(t, f.s, EntityRollback, running.ID, ActionUpdate, "FinishedAt", r.ID) ||
		!crudHistoryHas(t, f.s, EntityDeployment, d.ID, ActionUpdate, "ActualEnd", r.ID) {
		t.Error("finishing the rollback left no history")
	}
	if n := unrestored(); n != 0 {
		t.Errorf("with the rollback finished, time to restore still counts %d open", n)
	}

	if err := f.s.Undo(f.ctx, change); err != nil {
		t.Fatalf("undo: %v", err)
	}
	back, _ := f.s.DeploymentRollback(f.ctx, d.ID)
	depBack, _ := f.s.Deployment(f.ctx, d.ID)
	if moved := changedFields(&running, &back) + changedFields(&depBefore, &depBack); moved != "" {
		t.Errorf("after undo these differ from before the edit: %s", moved)
	}
	if !crudHistoryHas(t, f.s, EntityRollback, running.ID, ActionUndo, "FinishedAt", r.ID) ||
		!crudHistoryHas(t, f.s, EntityDeployment, d.ID, ActionUndo, "ActualEnd", r.ID) {
		t.Error("the undo is not in history")
	}
	if n := unrestored(); n != 1 {
		t.Errorf("after the undo, time to restore counts %d open, want 1 again", n)
	}
	if err := f.s.Undo(f.ctx, change); err == nil {
		t.Error("undoing twice was accepted")
	}
}
