package data

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// deployDay is when the deployments of these tests are planned.
var deployDay = time.Date(2026, 7, 1, 8, 0, 0, 0, time.UTC)

func timePtr(t time.Time) *time.Time { return &t }

func TestSaveDeploymentValidation(t *testing.T) {
	f := newFixture(t)
	p := f.product("Payments")
	r := f.release(p, "2.4.0", NewDate(2026, 7, 1))
	draft := Release{ProductID: p.ID, Version: "2.5.0", Title: "Next", Type: TypeMinor, Status: StatusDraft}
	if err := f.s.SaveRelease(f.ctx, &draft); err != nil {
		t.Fatal(err)
	}
	stage := f.env("Staging", KindStaging)
	valid := func() Deployment {
		return Deployment{ReleaseID: r.ID, EnvironmentID: stage.ID, PlannedStart: deployDay, PlannedEnd: deployDay.Add(time.Hour)}
	}
	tests := []struct {
		name  string
		edit  func(d *Deployment)
		field string
	}{
		{"missing release", func(d *Deployment) { d.ReleaseID = 0 }, "Release"},
		{"unknown release", func(d *Deployment) { d.ReleaseID = 999 }, "Release"},
		{"missing environment", func(d *Deployment) { d.EnvironmentID = 0 }, "Environment"},
		{"unknown environment", func(d *Deployment) { d.EnvironmentID = 999 }, "Environment"},
		{"missing planned start", func(d *Deployment) { d.PlannedStart = time.Time{} }, "PlannedStart"},
		{"missing planned end", func(d *Deployment) { d.PlannedEnd = time.Time{} }, "PlannedEnd"},
		{"end before start", func(d *Deployment) { d.PlannedEnd = deployDay.Add(-time.Minute) }, "PlannedEnd"},
		{"unknown outcome", func(d *Deployment) { d.Outcome = "exploded" }, "Outcome"},
		{"rolled back without rollback", func(d *Deployment) {
			d.Outcome, d.ActualStart, d.ActualEnd = OutcomeRolledBack, timePtr(deployDay), timePtr(deployDay.Add(time.Hour))
		}, "Outcome"},
		{"planned with actual start", func(d *Deployment) { d.ActualStart = timePtr(deployDay) }, "ActualStart"},
		{"in progress without start", func(d *Deployment) { d.Outcome = OutcomeInProgress }, "ActualStart"},
		{"in progress with end", func(d *Deployment) {
			d.Outcome, d.ActualStart, d.ActualEnd = OutcomeInProgress, timePtr(deployDay), timePtr(deployDay.Add(time.Hour))
		}, "ActualEnd"},
		{"succeeded without end", func(d *Deployment) { d.Outcome, d.ActualStart = OutcomeSucceeded, timePtr(deployDay) }, "ActualEnd"},
		{"failed without start", func(d *Deployment) { d.Outcome, d.ActualEnd = OutcomeFailed, timePtr(deployDay) }, "ActualStart"},
		{"failed ending before start", func(d *Deployment) {
			d.Outcome, d.ActualStart, d.ActualEnd = OutcomeFailed, timePtr(deployDay), timePtr(deployDay.Add(-time.Second))
		}, "ActualEnd"},
		{"started on a draft release", func(d *Deployment) {
			d.ReleaseID, d.Outcome, d.ActualStart = draft.ID, OutcomeInProgress, timePtr(deployDay)
		}, "Release"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := crudDump(t, f.s)
			d := valid()
			tt.edit(&d)
			crudRefused(t, f.s, before, f.s.SaveDeployment(f.ctx, &d), tt.field)
			if d.ID != 0 {
				t.Fatalf("refused deployment kept id %d", d.ID)
			}
		})
	}

	d := valid()
	if err := f.s.SaveDeployment(f.ctx, &d); err != nil {
		t.Fatalf("valid deployment refused: %v", err)
	}
	if d.Outcome != OutcomePlanned || !crudHistoryHas(t, f.s, EntityDeployment, d.ID, ActionCreate, "", r.ID) {
		t.Fatalf("new deployment: outcome %s, creation history missing", d.Outcome)
	}
	// A planned deployment of a draft release is fine: only starting one is refused.
	onDraft := Deployment{ReleaseID: draft.ID, EnvironmentID: stage.ID, PlannedStart: deployDay, PlannedEnd: deployDay}
	if err := f.s.SaveDeployment(f.ctx, &onDraft); err != nil {
		t.Fatalf("planning on a draft release refused: %v", err)
	}

	updates := []struct {
		name  string
		edit  func(d *Deployment)
		field string
	}{
		{"move to another release", func(d *Deployment) { d.ReleaseID = draft.ID }, "Release"},
		{"mark rolled back", func(d *Deployment) {
			d.Outcome, d.ActualStart, d.ActualEnd = OutcomeRolledBack, timePtr(deployDay), timePtr(deployDay)
		}, "Outcome"},
		{"end before start", func(d *Deployment) { d.PlannedEnd = d.PlannedStart.Add(-time.Hour) }, "PlannedEnd"},
	}
	for _, tt := range updates {
		t.Run("update "+tt.name, func(t *testing.T) {
			before := crudDump(t, f.s)
			got, err := f.s.Deployment(f.ctx, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			tt.edit(&got)
			crudRefused(t, f.s, before, f.s.SaveDeployment(f.ctx, &got), tt.field)
		})
	}

	d.PlannedStart, d.PlannedEnd = deployDay.Add(24*time.Hour), deployDay.Add(26*time.Hour)
	if err := f.s.SaveDeployment(f.ctx, &d); err != nil {
		t.Fatalf("reschedule: %v", err)
	}
	if !crudHistoryHas(t, f.s, EntityDeployment, d.ID, ActionUpdate, "PlannedStart", r.ID) {
		t.Fatal("rescheduling left no history")
	}
	missing := Deployment{ID: 4242, ReleaseID: r.ID, EnvironmentID: stage.ID, PlannedStart: deployDay, PlannedEnd: deployDay}
	if err := f.s.SaveDeployment(f.ctx, &missing); !errors.Is(err, ErrNotFound) {
		t.Fatalf("saving a missing deployment: %v, want ErrNotFound", err)
	}
}

func TestDeploymentOutcomesMoveRelease(t *testing.T) {
	f := newFixture(t)
	f.clockAfterDeployments()
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	stage, prod := f.env("Staging", KindStaging), f.env("Production", KindProduction)
	ds := crudDeployment(t, f, r, stage, deployDay)
	dp := crudDeployment(t, f, r, prod, deployDay.Add(48*time.Hour))
	// Late in the UTC evening: the actual release day depends on the local zone.
	prodEnd := time.Date(2026, 7, 3, 23, 30, 0, 0, time.UTC)
	steps := []struct {
		name        string
		do          func() error
		field       string // the refused field; "" when the step succeeds
		deployment  uint
		wantOutcome Outcome
		wantStatus  ReleaseStatus
	}{
		{"start without a time", func() error { return f.s.StartDeployment(f.ctx, ds.ID, time.Time{}, "Sam") }, "ActualStart", ds.ID, OutcomePlanned, StatusPlanned},
		{"start staging", func() error { return f.s.StartDeployment(f.ctx, ds.ID, deployDay, "Sam") }, "", ds.ID, OutcomeInProgress, StatusInProgress},
		{"start twice", func() error { return f.s.StartDeployment(f.ctx, ds.ID, deployDay, "Sam") }, "Outcome", ds.ID, OutcomeInProgress, StatusInProgress},
		{"record rolled back", func() error {
			return f.s.RecordOutcome(f.ctx, ds.ID, OutcomeRolledBack, deployDay, deployDay.Add(time.Hour), "", "")
		}, "Outcome", ds.ID, OutcomeInProgress, StatusInProgress},
		{"record planned", func() error {
			return f.s.RecordOutcome(f.ctx, ds.ID, OutcomePlanned, deployDay, deployDay.Add(time.Hour), "", "")
		}, "Outcome", ds.ID, OutcomeInProgress, StatusInProgress},
		{"end before start", func() error {
			return f.s.RecordOutcome(f.ctx, ds.ID, OutcomeSucceeded, deployDay, deployDay.Add(-time.Hour), "", "")
		}, "ActualEnd", ds.ID, OutcomeInProgress, StatusInProgress},
		{"missing end", func() error {
			return f.s.RecordOutcome(f.ctx, ds.ID, OutcomeSucceeded, deployDay, time.Time{}, "", "")
		}, "ActualEnd", ds.ID, OutcomeInProgress, StatusInProgress},
		{"staging succeeded", func() error {
			return f.s.RecordOutcome(f.ctx, ds.ID, OutcomeSucceeded, time.Time{}, deployDay.Add(time.Hour), "", "smooth")
		}, "", ds.ID, OutcomeSucceeded, StatusInProgress},
		{"production without a start", func() error {
			return f.s.RecordOutcome(f.ctx, dp.ID, OutcomeSucceeded, time.Time{}, prodEnd, "", "")
		}, "ActualStart", dp.ID, OutcomePlanned, StatusInProgress},
		{"production succeeded", func() error {
			return f.s.RecordOutcome(f.ctx, dp.ID, OutcomeSucceeded, deployDay.Add(48*time.Hour), prodEnd, "Lee", "")
		}, "", dp.ID, OutcomeSucceeded, StatusReleased},
		{"corrected to failed", func() error {
			return f.s.RecordOutcome(f.ctx, dp.ID, OutcomeFailed, time.Time{}, prodEnd, "", "")
		}, "", dp.ID, OutcomeFailed, StatusReleased},
	}
	for _, st := range steps {
		before := crudDump(t, f.s)
		err := st.do()
		if st.field != "" {
			crudRefused(t, f.s, before, err, st.field)
		} else if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		d, err := f.s.Deployment(f.ctx, st.deployment)
		if err != nil {
			t.Fatal(err)
		}
		if d.Outcome != st.wantOutcome || d.Release.Status != st.wantStatus {
			t.Fatalf("%s: deployment %s, release %s; want %s, %s", st.name, d.Outcome, d.Release.Status, st.wantOutcome, st.wantStatus)
		}
	}
	got, err := f.s.Deployment(f.ctx, ds.ID)
	if err != nil || got.PerformedBy != "Sam" || got.Notes != "smooth" || !got.ActualStart.Equal(deployDay) {
		t.Fatalf("staging record: %+v, %v", got, err)
	}
	rel, err := f.s.Release(f.ctx, r.ID)
	if want := DateOf(prodEnd.In(time.Local)); err != nil || !rel.ActualRelease.Equal(want) {
		t.Fatalf("actual release %s (%v), want %s", rel.ActualRelease, err, want)
	}
	if !crudHistoryHas(t, f.s, EntityRelease, r.ID, ActionUpdate, "Status", r.ID) {
		t.Fatal("the release's status change left no history")
	}
	if !crudHistoryHas(t, f.s, EntityDeployment, dp.ID, ActionUpdate, "Outcome", r.ID) {
		t.Fatal("the outcome left no history")
	}
	if err := f.s.StartDeployment(f.ctx, 4242, deployDay, ""); !errors.Is(err, ErrNotFound) {
		t.Fatalf("starting a missing deployment: %v", err)
	}
}

func TestSaveDeploymentWithOutcomeMovesRelease(t *testing.T) {
	f := newFixture(t)
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	end := deployDay.Add(time.Hour)
	d := Deployment{ReleaseID: r.ID, EnvironmentID: f.env("Production", KindProduction).ID, PlannedStart: deployDay,
		PlannedEnd: end, ActualStart: timePtr(deployDay), ActualEnd: &end, Outcome: OutcomeSucceeded, PerformedBy: "Lee"}
	if err := f.s.SaveDeployment(f.ctx, &d); err != nil {
		t.Fatal(err)
	}
	rel, err := f.s.Release(f.ctx, r.ID)
	if err != nil || rel.Status != StatusReleased || !rel.ActualRelease.Equal(DateOf(end.In(time.Local))) {
		t.Fatalf("release %s on %s (%v), want released on %s", rel.Status, rel.ActualRelease, err, DateOf(end.In(time.Local)))
	}
	hist, _ := f.s.HistoryOf(f.ctx, EntityRelease, r.ID)
	var moves []string
	for _, h := range hist {
		if h.Action == ActionUpdate && h.Field == "Status" {
			moves = append(moves, h.OldValue+">"+h.NewValue)
		}
	}
	if len(moves) != 2 || moves[0] != "in_progress>released" || moves[1] != "planned>in_progress" {
		t.Fatalf("status history %v, want planned>in_progress then in_progress>released", moves)
	}
}

func TestDeploymentOnDraftRelease(t *testing.T) {
	f := newFixture(t)
	f.clockAfterDeployments()
	draft := Release{ProductID: f.product("Payments").ID, Version: "3.0.0", Title: "Big one", Type: TypeMajor, Status: StatusDraft}
	if err := f.s.SaveRelease(f.ctx, &draft); err != nil {
		t.Fatal(err)
	}
	d := crudDeployment(t, f, draft, f.env("Production", KindProduction), deployDay)
	calls := []struct {
		name string
		do   func() error
	}{
		{"start", func() error { return f.s.StartDeployment(f.ctx, d.ID, deployDay, "") }},
		{"succeed", func() error {
			return f.s.RecordOutcome(f.ctx, d.ID, OutcomeSucceeded, deployDay, deployDay.Add(time.Hour), "", "")
		}},
		{"fail", func() error { return f.s.RecordOutcome(f.ctx, d.ID, OutcomeFailed, deployDay, deployDay, "", "") }},
	}
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			before := crudDump(t, f.s)
			crudRefused(t, f.s, before, c.do(), "Release")
		})
	}
}

func TestReleaseDeploymentsOrder(t *testing.T) {
	f := newFixture(t)
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	dev, prod := f.env("Dev", KindDevelopment), f.env("Production", KindProduction)
	late := crudDeployment(t, f, r, dev, deployDay.Add(72*time.Hour))
	first := crudDeployment(t, f, r, prod, deployDay)
	early := crudDeployment(t, f, r, dev, deployDay.Add(24*time.Hour))
	got, err := f.s.ReleaseDeployments(f.ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []uint{early.ID, late.ID, first.ID}
	if len(got) != len(want) {
		t.Fatalf("got %d deployments, want %d", len(got), len(want))
	}
	for i, d := range got {
		if d.ID != want[i] || d.Environment.Name == "" {
			t.Fatalf("position %d: deployment %d on %q, want %d with its environment", i, d.ID, d.Environment.Name, want[i])
		}
	}
	if _, err := f.s.Deployment(f.ctx, 4242); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing deployment: %v", err)
	}
}

func TestDeleteAndRestoreDeployment(t *testing.T) {
	f := newFixture(t)
	f.clockAfterDeployments()
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	d := crudDeployment(t, f, r, f.env("Staging", KindStaging), deployDay)
	if err := f.s.StartDeployment(f.ctx, d.ID, deployDay, "Sam"); err != nil {
		t.Fatal(err)
	}
	rb := Rollback{StartedAt: deployDay.Add(time.Hour), Reason: "Checkout errors"}
	if err := f.s.RollBack(f.ctx, d.ID, &rb); err != nil {
		t.Fatal(err)
	}
	before := crudDump(t, f.s)
	removed, err := f.s.DeleteDeployment(f.ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if removed.Deployment.ID != d.ID || removed.Rollback == nil || removed.Rollback.ID != rb.ID {
		t.Fatalf("removed %+v", removed)
	}
	if _, err := f.s.Deployment(f.ctx, d.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
	if _, err := f.s.DeploymentRollback(f.ctx, d.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("rollback after delete: %v", err)
	}
	if !crudHistoryHas(t, f.s, EntityDeployment, d.ID, ActionDelete, "", r.ID) || !crudHistoryHas(t, f.s, EntityRollback, rb.ID, ActionDelete, "", r.ID) {
		t.Fatal("deletion left no history")
	}
	if err := f.s.RestoreDeployment(f.ctx, removed); err != nil {
		t.Fatal(err)
	}
	back, err := f.s.DeploymentRollback(f.ctx, d.ID)
	if err != nil || back.ID != rb.ID || back.Deployment.Outcome != OutcomeRolledBack || back.Reason != "Checkout errors" {
		t.Fatalf("restored rollback %+v, %v", back, err)
	}
	hist, err := f.s.HistoryOf(f.ctx, EntityDeployment, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	creates := 0
	for _, h := range hist {
		if h.Action == ActionCreate {
			creates++
		}
	}
	if creates < 2 {
		t.Fatal("restoring left no history")
	}
	// The restored rows are the removed ones; only history grew.
	if after := crudDump(t, f.s); stripHistory(after) != stripHistory(before) {
		t.Fatalf("restore differs from the original:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	if _, err := f.s.DeleteDeployment(f.ctx, 4242); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleting a missing deployment: %v", err)
	}
}

// stripHistory drops the history lines of a crudDump.
func stripHistory(dump string) string {
	var keep []string
	for _, line := range strings.Split(dump, "\n") {
		if !strings.HasPrefix(line, "history ") && !strings.HasPrefix(line, "sqlite_sequence ") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

// BenchmarkRecordOutcome measures recording a finished deployment with its
// history (budget: under 5 ms), on a database that already holds many.
func BenchmarkRecordOutcome(b *testing.B) {
	f := newFixture(b)
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	stage := f.env("Staging", KindStaging)
	if err := f.s.SetReleaseStatus(f.ctx, r.ID, StatusInProgress); err != nil {
		b.Fatal(err)
	}
	batch := make([]Deployment, b.N+2000)
	for i := range batch {
		// Hours before the store's clock: what is recorded cannot lie ahead of it.
		start := testClock.Add(-time.Duration(len(batch)-i) * time.Hour)
		batch[i] = Deployment{ReleaseID: r.ID, EnvironmentID: stage.ID, Build: fmt.Sprint("b", i), PlannedStart: start,
			PlannedEnd: start.Add(time.Hour), ActualStart: timePtr(start), Outcome: OutcomeInProgress}
	}
	if err := f.s.db.Omit("Release", "Environment").CreateInBatches(&batch, 500).Error; err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := batch[i]
		if err := f.s.RecordOutcome(ctx, d.ID, OutcomeSucceeded, time.Time{}, d.ActualStart.Add(40*time.Minute), "Sam", ""); err != nil {
			b.Fatal(err)
		}
	}
}
