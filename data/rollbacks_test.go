package data

import (
	"errors"
	"testing"
	"time"
)

func TestRollBackValidation(t *testing.T) {
	f := newFixture(t)
	f.clockAfterDeployments()
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	stage := f.env("Staging", KindStaging)
	planned := crudDeployment(t, f, r, stage, deployDay)
	started := crudDeployment(t, f, r, stage, deployDay.Add(24*time.Hour))
	startedAt := deployDay.Add(24 * time.Hour)
	if err := f.s.StartDeployment(f.ctx, started.ID, startedAt, "Sam"); err != nil {
		t.Fatal(err)
	}
	done := crudDeployment(t, f, r, stage, deployDay.Add(48*time.Hour))
	if err := f.s.RecordOutcome(f.ctx, done.ID, OutcomeFailed, deployDay.Add(48*time.Hour), deployDay.Add(49*time.Hour), "", ""); err != nil {
		t.Fatal(err)
	}
	if err := f.s.RollBack(f.ctx, done.ID, &Rollback{StartedAt: deployDay.Add(49 * time.Hour), Reason: "Errors"}); err != nil {
		t.Fatal(err)
	}
	valid := func() Rollback {
		return Rollback{StartedAt: startedAt.Add(time.Hour), FinishedAt: timePtr(startedAt.Add(90 * time.Minute)),
			Reason: "Payment errors", RestoredVersion: "2.3.9", DowntimeMinutes: 12, UsersAffected: 300}
	}
	tests := []struct {
		name       string
		deployment uint
		edit       func(rb *Rollback)
		field      string
	}{
		{"not started", planned.ID, func(*Rollback) {}, "Deployment"},
		{"already rolled back", done.ID, func(rb *Rollback) { rb.StartedAt = deployDay.Add(50 * time.Hour); rb.FinishedAt = nil }, "Deployment"},
		{"missing start", started.ID, func(rb *Rollback) { rb.StartedAt = time.Time{} }, "StartedAt"},
		{"before the deployment", started.ID, func(rb *Rollback) { rb.StartedAt = startedAt.Add(-time.Minute) }, "StartedAt"},
		{"finished before started", started.ID, func(rb *Rollback) { rb.FinishedAt = timePtr(startedAt) }, "FinishedAt"},
		{"missing reason", started.ID, func(rb *Rollback) { rb.Reason = "  " }, "Reason"},
		{"negative downtime", started.ID, func(rb *Rollback) { rb.DowntimeMinutes = -1 }, "DowntimeMinutes"},
		{"negative users", started.ID, func(rb *Rollback) { rb.UsersAffected = -5 }, "UsersAffected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := crudDump(t, f.s)
			rb := valid()
			tt.edit(&rb)
			crudRefused(t, f.s, before, f.s.RollBack(f.ctx, tt.deployment, &rb), tt.field)
			if rb.ID != 0 {
				t.Fatalf("refused rollback kept id %d", rb.ID)
			}
		})
	}
	if err := f.s.RollBack(f.ctx, 4242, &Rollback{StartedAt: deployDay, Reason: "x"}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("rollback of a missing deployment: %v", err)
	}
}

func TestRollBackEffects(t *testing.T) {
	tests := []struct {
		name        string
		kind        EnvironmentKind
		succeed     bool // record a success before rolling back
		finished    bool
		wantRelease ReleaseStatus
	}{
		{"production while in progress", KindProduction, false, true, StatusRolledBack},
		{"production after release", KindProduction, true, true, StatusReleased},
		{"staging", KindStaging, true, false, StatusInProgress},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.clockAfterDeployments()
			r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
			d := crudDeployment(t, f, r, f.env("Target", tt.kind), deployDay)
			if err := f.s.StartDeployment(f.ctx, d.ID, deployDay, "Sam"); err != nil {
				t.Fatal(err)
			}
			if tt.succeed {
				if err := f.s.RecordOutcome(f.ctx, d.ID, OutcomeSucceeded, time.Time{}, deployDay.Add(time.Hour), "", ""); err != nil {
					t.Fatal(err)
				}
			}
			rb := Rollback{StartedAt: deployDay.Add(2 * time.Hour), Reason: "Checkout errors", DetectedBy: "Monitoring"}
			wantEnd := rb.StartedAt
			if tt.finished {
				wantEnd = deployDay.Add(150 * time.Minute)
				rb.FinishedAt = &wantEnd
			}
			if err := f.s.RollBack(f.ctx, d.ID, &rb); err != nil {
				t.Fatal(err)
			}
			got, err := f.s.DeploymentRollback(f.ctx, d.ID)
			if err != nil || got.ID != rb.ID || got.Deployment.Environment.Kind != tt.kind {
				t.Fatalf("rollback %+v, %v", got, err)
			}
			if got.Deployment.Outcome != OutcomeRolledBack || !got.Deployment.ActualEnd.Equal(wantEnd) {
				t.Fatalf("deployment %s ending %v, want rolled back ending %v", got.Deployment.Outcome, got.Deployment.ActualEnd, wantEnd)
			}
			rel, err := f.s.Release(f.ctx, r.ID)
			if err != nil || rel.Status != tt.wantRelease {
				t.Fatalf("release %s (%v), want %s", rel.Status, err, tt.wantRelease)
			}
			if !crudHistoryHas(t, f.s, EntityRollback, rb.ID, ActionCreate, "Reason", r.ID) ||
				!crudHistoryHas(t, f.s, EntityDeployment, d.ID, ActionUpdate, "Outcome", r.ID) {
				t.Fatal("rollback history missing")
			}
			list, err := f.s.ReleaseRollbacks(f.ctx, r.ID)
			if err != nil || len(list) != 1 || list[0].Deployment.Environment.Name != "Target" {
				t.Fatalf("release rollbacks %+v, %v", list, err)
			}
		})
	}
}

func TestSaveRollback(t *testing.T) {
	f := newFixture(t)
	f.clockAfterDeployments()
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	d := crudDeployment(t, f, r, f.env("Production", KindProduction), deployDay)
	if err := f.s.StartDeployment(f.ctx, d.ID, deployDay, "Sam"); err != nil {
		t.Fatal(err)
	}
	rb := Rollback{StartedAt: deployDay.Add(time.Hour), Reason: "Errors"}
	if err := f.s.RollBack(f.ctx, d.ID, &rb); err != nil {
		t.Fatal(err)
	}
	other := crudDeployment(t, f, r, f.env("Staging", KindStaging), deployDay)
	tests := []struct {
		name  string
		edit  func(rb *Rollback)
		field string
	}{
		{"finished before started", func(rb *Rollback) { rb.FinishedAt = timePtr(deployDay) }, "FinishedAt"},
		{"started before the deployment", func(rb *Rollback) { rb.StartedAt = deployDay.Add(-time.Hour) }, "StartedAt"},
		{"missing reason", func(rb *Rollback) { rb.Reason = "" }, "Reason"},
		{"other deployment", func(rb *Rollback) { rb.DeploymentID = other.ID }, "Deployment"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := crudDump(t, f.s)
			edit, err := f.s.DeploymentRollback(f.ctx, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			tt.edit(&edit)
			crudRefused(t, f.s, before, f.s.SaveRollback(f.ctx, &edit), tt.field)
		})
	}
	finished := deployDay.Add(3 * time.Hour)
	rb.FinishedAt, rb.DowntimeMinutes = &finished, 45
	if err := f.s.SaveRollback(f.ctx, &rb); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.Deployment(f.ctx, d.ID)
	if err != nil || !got.ActualEnd.Equal(finished) {
		t.Fatalf("deployment ends %v (%v), want %v", got.ActualEnd, err, finished)
	}
	if !crudHistoryHas(t, f.s, EntityRollback, rb.ID, ActionUpdate, "FinishedAt", r.ID) ||
		!crudHistoryHas(t, f.s, EntityDeployment, d.ID, ActionUpdate, "ActualEnd", r.ID) {
		t.Fatal("editing the rollback left no history")
	}
	missing := Rollback{ID: 4242, DeploymentID: d.ID, StartedAt: deployDay, Reason: "x"}
	if err := f.s.SaveRollback(f.ctx, &missing); !errors.Is(err, ErrNotFound) {
		t.Fatalf("saving a missing rollback: %v", err)
	}
}
