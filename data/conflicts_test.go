package data

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestConflictsOverlap(t *testing.T) {
	tests := []struct {
		name  string
		build func(w *rulesWorld)
		want  int
	}{
		{"two releases at once", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(1, 10, 0), rulesAt(1, 12, 0))
			w.rulesDeploy(w.billRel, w.prod, OutcomePlanned, rulesAt(1, 11, 0), rulesAt(1, 13, 0))
		}, 1},
		{"touching windows", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(1, 10, 0), rulesAt(1, 12, 0))
			w.rulesDeploy(w.billRel, w.prod, OutcomePlanned, rulesAt(1, 12, 0), rulesAt(1, 13, 0))
		}, 0},
		{"same time, other environments", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.qa, OutcomePlanned, rulesAt(1, 10, 0), rulesAt(1, 12, 0))
			w.rulesDeploy(w.billRel, w.prod, OutcomePlanned, rulesAt(1, 10, 0), rulesAt(1, 12, 0))
		}, 0},
		{"retry after a failure", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.qa, OutcomeFailed, rulesAt(1, 10, 0), rulesAt(1, 11, 0))
			w.rulesDeploy(w.payRel, w.qa, OutcomeSucceeded, rulesAt(1, 11, 0), rulesAt(1, 12, 0))
		}, 0},
		{"retry overlapping the failed attempt", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.qa, OutcomeFailed, rulesAt(1, 10, 0), rulesAt(1, 12, 0))
			w.rulesDeploy(w.payRel, w.qa, OutcomePlanned, rulesAt(1, 11, 0), rulesAt(1, 13, 0))
		}, 1},
		{"actual window counts once started", func(w *rulesWorld) {
			d := w.rulesDeploy(w.payRel, w.qa, OutcomeSucceeded, rulesAt(1, 14, 0), rulesAt(1, 15, 0))
			w.s.db.Model(&d).Updates(map[string]any{"planned_start": rulesAt(1, 8, 0), "planned_end": rulesAt(1, 9, 0)})
			w.rulesDeploy(w.billRel, w.qa, OutcomePlanned, rulesAt(1, 14, 30), rulesAt(1, 16, 0))
		}, 1},
		{"planned window ignored once started", func(w *rulesWorld) {
			d := w.rulesDeploy(w.payRel, w.qa, OutcomeSucceeded, rulesAt(1, 14, 0), rulesAt(1, 15, 0))
			w.s.db.Model(&d).Updates(map[string]any{"planned_start": rulesAt(1, 8, 0), "planned_end": rulesAt(1, 9, 0)})
			w.rulesDeploy(w.billRel, w.qa, OutcomePlanned, rulesAt(1, 8, 0), rulesAt(1, 9, 0))
		}, 0},
		{"running deployment lasts as planned", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.stage, OutcomeInProgress, rulesAt(1, 10, 0), rulesAt(1, 12, 0))
			w.rulesDeploy(w.billRel, w.stage, OutcomePlanned, rulesAt(1, 11, 30), rulesAt(1, 13, 0))
		}, 1},
		{"running late keeps its planned length", func(w *rulesWorld) {
			d := w.rulesDeploy(w.payRel, w.stage, OutcomeInProgress, rulesAt(1, 13, 0), rulesAt(1, 15, 0))
			w.s.db.Model(&d).Updates(map[string]any{"planned_start": rulesAt(1, 10, 0), "planned_end": rulesAt(1, 12, 0)})
			w.rulesDeploy(w.billRel, w.stage, OutcomePlanned, rulesAt(1, 14, 30), rulesAt(1, 16, 0))
		}, 1},
		{"cancelled release's plan is ignored", func(w *rulesWorld) {
			w.rulesSetRelease(&w.billRel, map[string]any{"status": StatusCancelled})
			w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(1, 10, 0), rulesAt(1, 12, 0))
			w.rulesDeploy(w.billRel, w.prod, OutcomePlanned, rulesAt(1, 11, 0), rulesAt(1, 13, 0))
		}, 0},
		{"windows of no length", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.qa, OutcomePlanned, rulesAt(1, 10, 0), rulesAt(1, 10, 0))
			w.rulesDeploy(w.billRel, w.qa, OutcomePlanned, rulesAt(1, 10, 0), rulesAt(1, 10, 0))
			w.rulesDeploy(w.billRel, w.qa, OutcomePlanned, rulesAt(1, 9, 0), rulesAt(1, 10, 0))
		}, 0},
		{"an instant inside a window", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.qa, OutcomePlanned, rulesAt(1, 10, 0), rulesAt(1, 12, 0))
			w.rulesDeploy(w.billRel, w.qa, OutcomePlanned, rulesAt(1, 11, 0), rulesAt(1, 11, 0))
		}, 1},
		{"an instant at a window's start", func(w *rulesWorld) {
			w.rulesDeploy(w.billRel, w.qa, OutcomePlanned, rulesAt(1, 10, 0), rulesAt(1, 10, 0))
			w.rulesDeploy(w.payRel, w.qa, OutcomePlanned, rulesAt(1, 10, 0), rulesAt(1, 12, 0))
		}, 1},
		{"three at once give three pairs", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.dev, OutcomePlanned, rulesAt(1, 10, 0), rulesAt(1, 14, 0))
			w.rulesDeploy(w.billRel, w.dev, OutcomePlanned, rulesAt(1, 11, 0), rulesAt(1, 15, 0))
			w.rulesDeploy(w.payRel, w.dev, OutcomePlanned, rulesAt(1, 13, 0), rulesAt(1, 16, 0))
		}, 3},
		{"a long window over short ones", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.dev, OutcomePlanned, rulesAt(1, 0, 0), rulesAt(3, 0, 0))
			w.rulesDeploy(w.billRel, w.dev, OutcomePlanned, rulesAt(1, 10, 0), rulesAt(1, 11, 0))
			w.rulesDeploy(w.billRel, w.dev, OutcomePlanned, rulesAt(2, 10, 0), rulesAt(2, 11, 0))
		}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newRulesWorld(t)
			tt.build(w)
			var got []Finding
			for _, f := range w.rulesConflicts(time.Time{}, time.Time{}) {
				if f.Kind == FindingOverlap {
					got = append(got, f)
				}
			}
			if len(got) != tt.want {
				t.Fatalf("got %d overlaps %v, want %d", len(got), got, tt.want)
			}
			for _, f := range got {
				if f.EnvironmentID == 0 || len(f.ReleaseIDs) == 0 {
					t.Errorf("unexpected finding %+v", f)
				}
			}
		})
	}
}

func TestConflictsOverlapMessage(t *testing.T) {
	w := newRulesWorld(t)
	w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(1, 10, 0), rulesAt(1, 12, 0))
	w.rulesDeploy(w.billRel, w.prod, OutcomePlanned, rulesAt(1, 11, 0), rulesAt(1, 13, 0))
	got := w.rulesConflicts(time.Time{}, time.Time{})
	got = slices.DeleteFunc(got, func(f Finding) bool { return f.Kind != FindingOverlap })
	if len(got) != 1 {
		t.Fatalf("got %v, want one overlap", got)
	}
	f := got[0]
	if !strings.HasPrefix(f.Message, "Payments 2.4.0 and Billing 1.2.0 overlap on Production: "+showSpan(rulesAt(1, 10, 0).In(time.Local), rulesAt(1, 12, 0).In(time.Local))) {
		t.Errorf("message %q does not name both releases, the environment and the local start", f.Message)
	}
	if !strings.HasPrefix(f.String(), "overlap: ") {
		t.Errorf("String() = %q, want the kind first", f.String())
	}
	// Billing starts into Payments' window: its deployment is the subject, its release comes first.
	if !slices.Equal(f.ReleaseIDs, []uint{w.billRel.ID, w.payRel.ID}) || f.EnvironmentID != w.prod.ID {
		t.Errorf("finding %+v does not carry the releases, the subject's first, and the environment", f)
	}
}

func TestConflictsFreeze(t *testing.T) {
	tests := []struct {
		name  string
		build func(w *rulesWorld)
		want  int
	}{
		{"planned inside a freeze of all environments", func(w *rulesWorld) {
			w.rulesFreeze("Year end", rulesAt(10, 0, 0), rulesAt(20, 0, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
		}, 1},
		{"freeze of another environment", func(w *rulesWorld) {
			w.rulesFreeze("QA refresh", rulesAt(10, 0, 0), rulesAt(20, 0, 0), w.qa)
			w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
		}, 0},
		{"freeze listing the environment", func(w *rulesWorld) {
			w.rulesFreeze("Audit", rulesAt(10, 0, 0), rulesAt(20, 0, 0), w.qa, w.prod)
			w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
		}, 1},
		{"ends as the freeze starts", func(w *rulesWorld) {
			w.rulesFreeze("Year end", rulesAt(10, 0, 0), rulesAt(20, 0, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(9, 22, 0), rulesAt(10, 0, 0))
			w.rulesDeploy(w.billRel, w.prod, OutcomePlanned, rulesAt(20, 0, 0), rulesAt(20, 2, 0))
		}, 0},
		{"straddles the freeze start", func(w *rulesWorld) {
			w.rulesFreeze("Year end", rulesAt(10, 0, 0), rulesAt(20, 0, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(9, 23, 0), rulesAt(10, 1, 0))
		}, 1},
		{"past deployment done in a freeze", func(w *rulesWorld) {
			w.rulesFreeze("Year end", rulesAt(10, 0, 0), rulesAt(20, 0, 0))
			w.rulesDeploy(w.payRel, w.qa, OutcomeSucceeded, rulesAt(11, 10, 0), rulesAt(11, 11, 0))
		}, 1},
		{"two freezes over one deployment", func(w *rulesWorld) {
			w.rulesFreeze("Year end", rulesAt(10, 0, 0), rulesAt(20, 0, 0))
			w.rulesFreeze("Audit", rulesAt(11, 0, 0), rulesAt(13, 0, 0), w.prod)
			w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
		}, 2},
		{"freeze with no environment covers nothing", func(w *rulesWorld) {
			fw := w.rulesFreeze("Empty", rulesAt(10, 0, 0), rulesAt(20, 0, 0))
			w.s.db.Model(&fw).Update("all_environments", false)
			w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
		}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newRulesWorld(t)
			tt.build(w)
			got := w.rulesConflicts(time.Time{}, time.Time{})
			var freezes []Finding
			for _, f := range got {
				if f.Kind == FindingFreeze {
					freezes = append(freezes, f)
				}
			}
			if len(freezes) != tt.want {
				t.Fatalf("got %v, want %d freeze findings", got, tt.want)
			}
			for _, f := range freezes {
				if !strings.Contains(f.Message, "falls in freeze") || f.EnvironmentID == 0 || len(f.ReleaseIDs) != 1 {
					t.Errorf("unexpected finding %+v", f)
				}
			}
		})
	}
}

func TestConflictsRangeAndOrdering(t *testing.T) {
	w := newRulesWorld(t)
	// An overlap on the 1st; a freeze breach and an order finding at one time on the 12th.
	w.rulesDeploy(w.payRel, w.qa, OutcomeSucceeded, rulesAt(1, 10, 0), rulesAt(1, 12, 0))
	w.rulesDeploy(w.billRel, w.qa, OutcomeSucceeded, rulesAt(1, 11, 0), rulesAt(1, 13, 0))
	w.rulesFreeze("Audit", rulesAt(12, 0, 0), rulesAt(13, 0, 0), w.prod)
	w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(12, 10, 0), rulesAt(12, 11, 0))
	w.rulesDeploy(w.payRel, w.stage, OutcomePlanned, rulesAt(13, 10, 0), rulesAt(13, 11, 0))

	all := w.rulesConflicts(time.Time{}, time.Time{})
	if got := rulesKinds(all); !slices.Equal(got, []string{FindingOverlap, FindingFreeze, FindingOrder}) {
		t.Fatalf("kinds %v, want overlap, freeze, order in time order: %v", got, all)
	}
	tests := []struct {
		name     string
		from, to time.Time
		want     []string
	}{
		{"before everything", rulesAt(1, 0, 0), rulesAt(1, 10, 0), nil},
		{"ends as the overlap starts", rulesAt(1, 0, 0), rulesAt(1, 11, 0), nil},
		{"meets the overlap", rulesAt(1, 0, 0), rulesAt(1, 11, 1), []string{FindingOverlap}},
		{"starts as the overlap ends", rulesAt(1, 12, 0), rulesAt(5, 0, 0), nil},
		{"only the later day", rulesAt(2, 0, 0), time.Time{}, []string{FindingFreeze, FindingOrder}},
		{"open start", time.Time{}, rulesAt(2, 0, 0), []string{FindingOverlap}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rulesKinds(w.rulesConflicts(tt.from, tt.to)); !slices.Equal(got, tt.want) {
				t.Errorf("kinds %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDeploymentConflictsMarksEveryDeploymentInvolved(t *testing.T) {
	w := newRulesWorld(t)
	a := w.rulesDeploy(w.payRel, w.stage, OutcomePlanned, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
	b := w.rulesDeploy(w.billRel, w.stage, OutcomePlanned, rulesAt(12, 11, 0), rulesAt(12, 13, 0))
	p := w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(11, 10, 0), rulesAt(11, 12, 0))
	quiet := w.rulesDeploy(w.billRel, w.qa, OutcomePlanned, rulesAt(11, 10, 0), rulesAt(11, 12, 0))
	got, err := w.s.DeploymentConflicts(w.ctx, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[uint][]string{a.ID: {FindingOrder, FindingOverlap}, b.ID: {FindingOverlap}, p.ID: {FindingOrder}}
	for id, kinds := range want {
		if k := rulesKinds(got[id]); !slices.Equal(k, kinds) {
			t.Errorf("deployment %d: kinds %v, want %v", id, k, kinds)
		}
	}
	if _, ok := got[quiet.ID]; ok || len(got) != len(want) {
		t.Errorf("got marks on %v, want only %v", got, want)
	}
}

func TestCheckMove(t *testing.T) {
	tests := []struct {
		name       string
		move       func(w *rulesWorld, stage, prod Deployment) (uint, time.Time, time.Time)
		wantKinds  []string
		wantErrIn  string // a field that must carry a validation message
		wantAbsent bool
	}{
		{"to a free slot", func(w *rulesWorld, stage, prod Deployment) (uint, time.Time, time.Time) {
			return prod.ID, rulesAt(14, 10, 0), rulesAt(14, 12, 0)
		}, nil, "", false},
		{"onto another release", func(w *rulesWorld, stage, prod Deployment) (uint, time.Time, time.Time) {
			return prod.ID, rulesAt(15, 11, 0), rulesAt(15, 12, 0)
		}, []string{FindingOverlap}, "", false},
		{"touching another release", func(w *rulesWorld, stage, prod Deployment) (uint, time.Time, time.Time) {
			return prod.ID, rulesAt(15, 12, 0), rulesAt(15, 13, 0)
		}, nil, "", false},
		{"into a freeze", func(w *rulesWorld, stage, prod Deployment) (uint, time.Time, time.Time) {
			return prod.ID, rulesAt(20, 10, 0), rulesAt(20, 12, 0)
		}, []string{FindingFreeze}, "", false},
		{"production before staging", func(w *rulesWorld, stage, prod Deployment) (uint, time.Time, time.Time) {
			return prod.ID, rulesAt(9, 10, 0), rulesAt(9, 12, 0)
		}, []string{FindingOrder}, "", false},
		{"staging after production", func(w *rulesWorld, stage, prod Deployment) (uint, time.Time, time.Time) {
			return stage.ID, rulesAt(13, 10, 0), rulesAt(13, 12, 0)
		}, []string{FindingOrder}, "", false},
		{"end before start", func(w *rulesWorld, stage, prod Deployment) (uint, time.Time, time.Time) {
			return prod.ID, rulesAt(14, 12, 0), rulesAt(14, 10, 0)
		}, nil, "PlannedEnd", false},
		{"unknown deployment", func(w *rulesWorld, stage, prod Deployment) (uint, time.Time, time.Time) {
			return 9999, rulesAt(14, 10, 0), rulesAt(14, 12, 0)
		}, nil, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newRulesWorld(t)
			stage := w.rulesDeploy(w.payRel, w.stage, OutcomePlanned, rulesAt(10, 10, 0), rulesAt(10, 12, 0))
			prod := w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
			w.rulesDeploy(w.billRel, w.prod, OutcomePlanned, rulesAt(15, 10, 0), rulesAt(15, 12, 0))
			w.rulesFreeze("Audit", rulesAt(20, 0, 0), rulesAt(21, 0, 0), w.prod)
			id, start, end := tt.move(w, stage, prod)
			got, err := w.s.CheckMove(w.ctx, id, start, end)
			switch {
			case tt.wantErrIn != "":
				if v, ok := AsValidation(err); !ok || v.Message(tt.wantErrIn) == "" {
					t.Fatalf("got %v, want a message on %s", err, tt.wantErrIn)
				}
				return
			case tt.wantAbsent:
				if !errors.Is(err, ErrNotFound) {
					t.Fatalf("got %v, want ErrNotFound", err)
				}
				return
			case err != nil:
				t.Fatal(err)
			}
			if k := rulesKinds(got); !slices.Equal(k, tt.wantKinds) {
				t.Errorf("kinds %v, want %v: %v", k, tt.wantKinds, got)
			}
			var stored Deployment
			w.s.db.First(&stored, id)
			if !stored.PlannedStart.Equal(rulesAt(10, 10, 0)) && !stored.PlannedStart.Equal(rulesAt(12, 10, 0)) {
				t.Errorf("CheckMove saved the move: planned start %v", stored.PlannedStart)
			}
		})
	}
}

func TestConflictsGoDecision(t *testing.T) {
	tests := []struct {
		name  string
		build func(w *rulesWorld)
		want  []string // messages' distinctive parts, in order; kinds from the prefix
	}{
		{"ready go", func(w *rulesWorld) { w.rulesReady(w.payRel) }, nil},
		{"no Accountable", func(w *rulesWorld) {
			w.rulesReady(w.payRel)
			w.s.db.Where("release_id = ?", w.payRel.ID).Delete(&ReleaseStakeholder{})
			w.rulesRole(w.payRel, w.bob, RoleResponsible, ApprovalApproved)
		}, []string{"approval: Go for Payments 2.4.0 (decided " + rulesShown(rulesAt(6, 15, 0)) + ") while no Accountable stakeholder is named"}},
		{"Accountable pending", func(w *rulesWorld) {
			w.rulesReady(w.payRel)
			w.s.db.Model(&ReleaseStakeholder{}).Where("release_id = ?", w.payRel.ID).Update("approval", ApprovalPending)
		}, []string{"approval: Go for Payments 2.4.0 (decided " + rulesShown(rulesAt(6, 15, 0)) + ") while Accountable Ann Lee has not approved yet"}},
		{"one of two Accountables approved", func(w *rulesWorld) {
			w.rulesReady(w.payRel)
			w.rulesRole(w.payRel, w.bob, RoleAccountable, ApprovalRejected)
		}, []string{"approval: Go for Payments 2.4.0 (decided " + rulesShown(rulesAt(6, 15, 0)) + ") while 2 Accountable stakeholders are named (Ann Lee, Bob Stone); exactly one is needed",
			"approval: Go for Payments 2.4.0 (decided " + rulesShown(rulesAt(6, 15, 0)) + ") while Accountable Bob Stone rejected the release"}},
		{"rejected by someone Consulted", func(w *rulesWorld) {
			w.rulesReady(w.payRel)
			w.rulesInsert(&ReleaseStakeholder{ReleaseID: w.payRel.ID, StakeholderID: w.carol.ID, Role: RoleConsulted,
				Approval: ApprovalRejected, ApprovalComment: "no load test"})
		}, []string{"approval: Go for Payments 2.4.0 (decided " + rulesShown(rulesAt(6, 15, 0)) + ") while rejected by Carol Diaz (Consulted): no load test"}},
		{"an Informed person's silence", func(w *rulesWorld) {
			w.rulesReady(w.payRel)
			w.rulesRole(w.payRel, w.dave, RoleInformed, ApprovalPending)
		}, nil},
		{"latest decision is no-go", func(w *rulesWorld) {
			w.rulesReady(w.payRel)
			w.s.db.Model(&ReleaseStakeholder{}).Where("release_id = ?", w.payRel.ID).Update("approval", ApprovalPending)
			w.rulesDecide(w.payRel, DecisionNoGo, rulesAt(7, 9, 0))
		}, nil},
		{"go again after a no-go", func(w *rulesWorld) {
			w.rulesReady(w.payRel)
			w.rulesDecide(w.payRel, DecisionNoGo, rulesAt(5, 9, 0))
			w.rulesItem(w.payRel, CategoryReadiness, "On-call briefed", false)
		}, []string{"checklist: Go for Payments 2.4.0 (decided " + rulesShown(rulesAt(6, 15, 0)) + ") while 1 readiness item is open: On-call briefed"}},
		{"released already", func(w *rulesWorld) {
			w.rulesReady(w.payRel)
			w.rulesItem(w.payRel, CategoryReadiness, "On-call briefed", false)
			w.rulesSetRelease(&w.payRel, map[string]any{"status": StatusReleased, "actual_release": NewDate(2026, 6, 20)})
		}, nil},
		{"in progress still counts", func(w *rulesWorld) {
			w.rulesReady(w.payRel)
			w.rulesItem(w.payRel, CategoryReadiness, "On-call briefed", false)
			w.rulesSetRelease(&w.payRel, map[string]any{"status": StatusInProgress})
		}, []string{"checklist:"}},
		{"latest run of a suite failed", func(w *rulesWorld) {
			w.rulesReady(w.payRel)
			w.rulesRun(w.payRel, w.qa, "regression", 3, rulesAt(5, 12, 0))
		}, []string{"tests: Go for Payments 2.4.0 (decided " + rulesShown(rulesAt(6, 15, 0)) + ") while tests fail on QA: regression (3 failed)"}},
		{"failure fixed by a later run", func(w *rulesWorld) {
			w.rulesReady(w.payRel)
			w.rulesRun(w.payRel, w.qa, "smoke", 2, rulesAt(4, 12, 0))
			w.rulesRun(w.payRel, w.qa, "smoke", 0, rulesAt(4, 13, 0))
		}, nil},
		{"failures on two environments", func(w *rulesWorld) {
			w.rulesReady(w.payRel)
			w.rulesRun(w.payRel, w.stage, "smoke", 1, rulesAt(5, 12, 0))
			w.rulesRun(w.payRel, w.qa, "smoke", 2, rulesAt(5, 12, 0))
			w.rulesRun(w.payRel, w.qa, "api", 4, rulesAt(5, 12, 0))
		}, []string{"tests: Go for Payments 2.4.0 (decided " + rulesShown(rulesAt(6, 15, 0)) + ") while tests fail on QA: api (4 failed), smoke (2 failed)",
			"tests: Go for Payments 2.4.0 (decided " + rulesShown(rulesAt(6, 15, 0)) + ") while tests fail on Staging: smoke (1 failed)"}},
		{"open items of other categories", func(w *rulesWorld) {
			w.rulesReady(w.payRel)
			w.rulesItem(w.payRel, CategoryCommunication, "Tell support", false)
		}, nil},
		{"everything wrong at once", func(w *rulesWorld) {
			w.rulesDecide(w.billRel, DecisionGo, rulesAt(6, 15, 0))
			w.rulesRun(w.billRel, w.qa, "regression", 1, rulesAt(5, 12, 0))
			for _, title := range []string{"A", "B", "C", "D"} {
				w.rulesItem(w.billRel, CategoryReadiness, title, false)
			}
		}, []string{"approval:", "tests:", "checklist: Go for Billing 1.2.0 (decided " + rulesShown(rulesAt(6, 15, 0)) + ") while 4 readiness items are open: A, B, C, and 1 more"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newRulesWorld(t)
			tt.build(w)
			got := w.rulesConflicts(time.Time{}, time.Time{})
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %d findings", got, len(tt.want))
			}
			for i, f := range got {
				if !strings.HasPrefix(f.String(), tt.want[i]) {
					t.Errorf("finding %d = %q, want it to start %q", i, f.String(), tt.want[i])
				}
				if len(f.ReleaseIDs) != 1 {
					t.Errorf("finding %q names releases %v", f, f.ReleaseIDs)
				}
				if wantEnv := f.Kind == FindingTests; wantEnv != (f.EnvironmentID != 0) {
					t.Errorf("finding %q has environment %d", f, f.EnvironmentID)
				}
			}
		})
	}
}

func TestConflictsGoDecisionRange(t *testing.T) {
	w := newRulesWorld(t) // both releases are planned for 2026-06-20
	w.rulesDecide(w.payRel, DecisionGo, rulesAt(6, 15, 0))
	tests := []struct {
		name     string
		from, to time.Time
		want     int
	}{
		{"everything", time.Time{}, time.Time{}, 1},
		{"long after the decision", rulesAt(25, 0, 0), time.Time{}, 1},
		{"range ending before the release day", time.Time{}, NewDate(2026, 6, 20).Time(time.Local), 0},
		{"range ending within the release day", time.Time{}, NewDate(2026, 6, 20).Time(time.Local).Add(time.Minute), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := w.rulesConflicts(tt.from, tt.to); len(got) != tt.want {
				t.Errorf("got %v, want %d findings", got, tt.want)
			}
		})
	}
}
