package data

import (
	"slices"
	"testing"
	"time"
)

// TestGoWithBrokenSignOffIsAFinding reproduces issue 12's two holes in the
// go rules: a second Accountable who rejects, hidden by the other's
// approval, and a rejection by someone Consulted, which only the Go/no-go
// tab saw. Check, the dashboard and the tab must all report both.
func TestGoWithBrokenSignOffIsAFinding(t *testing.T) {
	tests := []struct {
		name  string
		build func(w *rulesWorld)
	}{
		{"two Accountables, one approved and one rejected", func(w *rulesWorld) {
			w.rulesReady(w.payRel)
			w.rulesRole(w.payRel, w.bob, RoleAccountable, ApprovalRejected)
		}},
		{"two Accountables who both approved", func(w *rulesWorld) {
			w.rulesReady(w.payRel)
			w.rulesRole(w.payRel, w.bob, RoleAccountable, ApprovalApproved)
		}},
		{"rejected by someone Consulted", func(w *rulesWorld) {
			w.rulesReady(w.payRel)
			w.rulesRole(w.payRel, w.carol, RoleConsulted, ApprovalRejected)
		}},
		{"rejected by someone Responsible", func(w *rulesWorld) {
			w.rulesReady(w.payRel)
			w.rulesRole(w.payRel, w.carol, RoleResponsible, ApprovalRejected)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newRulesWorld(t)
			tt.build(w)
			all, err := w.s.ConflictsIn(w.ctx, time.Time{}, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			if k := rulesKinds(all); !slices.Contains(k, FindingApproval) {
				t.Errorf("check and the dashboard: kinds %v, want an approval finding: %v", k, all)
			}
			own, err := w.s.ReleaseConflicts(w.ctx, w.payRel.ID)
			if err != nil {
				t.Fatal(err)
			}
			if k := rulesKinds(own); !slices.Contains(k, FindingApproval) {
				t.Errorf("the release's conflicts: kinds %v, want an approval finding", k)
			}
			rd, err := w.s.Readiness(w.ctx, w.payRel.ID)
			if err != nil {
				t.Fatal(err)
			}
			if rd.Ready() {
				t.Errorf("the Go/no-go tab says ready: %+v", rd)
			}
		})
	}
}

// TestGoFindingsNameTheirRecords: each finding on a go names the record a
// screen opens (the sign-off, the test run, the checklist item) and the
// decision it is about.
func TestGoFindingsNameTheirRecords(t *testing.T) {
	w := newRulesWorld(t)
	w.rulesReady(w.payRel)
	w.rulesInsert(&ReleaseStakeholder{ReleaseID: w.payRel.ID, StakeholderID: w.carol.ID, Role: RoleConsulted,
		Approval: ApprovalRejected, ApprovalComment: "no load test"})
	w.rulesRun(w.payRel, w.stage, "smoke", 2, rulesAt(5, 12, 0))
	w.rulesItem(w.payRel, CategoryReadiness, "On-call briefed", false)
	var carol ReleaseStakeholder
	w.s.db.Where("release_id = ? AND stakeholder_id = ?", w.payRel.ID, w.carol.ID).First(&carol)
	var run TestRun
	w.s.db.Where("release_id = ? AND failed > 0", w.payRel.ID).First(&run)
	var item ChecklistItem
	w.s.db.Where("release_id = ? AND done = ?", w.payRel.ID, false).First(&item)
	var decision GoDecision
	w.s.db.Where("release_id = ?", w.payRel.ID).First(&decision)

	got, err := w.s.ConflictsIn(w.ctx, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind    string
		subject Record
		env     uint
	}{
		{FindingApproval, Record{EntityReleaseStakeholder, carol.ID}, 0},
		{FindingTests, Record{EntityTestRun, run.ID}, w.stage.ID},
		{FindingChecklist, Record{EntityChecklistItem, item.ID}, 0},
	}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %d findings", got, len(want))
	}
	for i, f := range got {
		if f.Kind != want[i].kind || f.Subject != want[i].subject || f.EnvironmentID != want[i].env || f.Severity != SeverityProblem {
			t.Errorf("finding %d: %s subject %+v env %d severity %d, want %s subject %+v env %d",
				i, f.Kind, f.Subject, f.EnvironmentID, f.Severity, want[i].kind, want[i].subject, want[i].env)
		}
		if !f.Involves(EntityGoDecision, decision.ID) || !f.Involves(EntityRelease, w.payRel.ID) {
			t.Errorf("finding %q does not name the decision %d and release %d: %+v", f, decision.ID, w.payRel.ID, f.Records)
		}
	}
}

// TestDeploymentFindingsNameTheirRecords: overlap, freeze and order
// findings name the deployments (and the freeze window) involved.
func TestDeploymentFindingsNameTheirRecords(t *testing.T) {
	w := newRulesWorld(t)
	a := w.rulesDeploy(w.payRel, w.qa, OutcomePlanned, rulesAt(10, 10, 0), rulesAt(10, 12, 0)).ID
	b := w.rulesDeploy(w.billRel, w.qa, OutcomePlanned, rulesAt(10, 11, 0), rulesAt(10, 13, 0)).ID
	fw := FreezeWindow{Name: "Audit", Start: rulesAt(10, 0, 0), End: rulesAt(11, 0, 0), AllEnvironments: true}
	w.rulesInsert(&fw)
	got, err := w.s.ConflictsIn(w.ctx, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var overlaps, freezes int
	for _, f := range got {
		switch f.Kind {
		case FindingOverlap:
			overlaps++
			if f.Subject != (Record{EntityDeployment, b}) || !slices.Equal(f.IDs(EntityDeployment), []uint{b, a}) {
				t.Errorf("overlap %q: subject %+v, deployments %v", f, f.Subject, f.IDs(EntityDeployment))
			}
		case FindingFreeze:
			freezes++
			if f.Subject.Entity != EntityDeployment || !f.Involves(EntityFreezeWindow, fw.ID) {
				t.Errorf("freeze %q: subject %+v, records %+v", f, f.Subject, f.Records)
			}
		}
	}
	if overlaps != 1 || freezes != 2 {
		t.Errorf("got %v, want one overlap and two freezes", got)
	}
}
