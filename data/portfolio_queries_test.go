package data

import (
	"errors"
	"testing"
	"time"
)

// portfolioPerson stores a stakeholder named name.
func (f *fixture) portfolioPerson(name string) Stakeholder {
	f.t.Helper()
	p := Stakeholder{Name: name}
	if err := f.s.SaveStakeholder(f.ctx, &p); err != nil {
		f.t.Fatalf("person %s: %v", name, err)
	}
	return p
}

// portfolioAssign gives p role on r with approval a.
func (f *fixture) portfolioAssign(r Release, p Stakeholder, role RACIRole, a Approval) {
	f.t.Helper()
	rs := ReleaseStakeholder{ReleaseID: r.ID, StakeholderID: p.ID, Role: role, Approval: a}
	if a != ApprovalPending {
		at := testClock
		rs.ApprovedAt = &at
	}
	if err := f.s.AssignStakeholder(f.ctx, &rs); err != nil {
		f.t.Fatalf("assign %s on %s: %v", p.Name, r.Version, err)
	}
}

func TestStakeholderReleaseCounts(t *testing.T) {
	f := newFixture(t)
	pay := f.product("Payments")
	r1, r2 := f.release(pay, "1.0.0", NewDate(2026, 6, 20)), f.release(pay, "1.1.0", NewDate(2026, 7, 20))
	ann, bob, cid := f.portfolioPerson("Ann"), f.portfolioPerson("Bob"), f.portfolioPerson("Cid")
	f.portfolioAssign(r1, ann, RoleAccountable, ApprovalPending)
	f.portfolioAssign(r1, ann, RoleResponsible, ApprovalPending) // two roles, one release
	f.portfolioAssign(r2, ann, RoleInformed, ApprovalPending)
	f.portfolioAssign(r2, bob, RoleConsulted, ApprovalPending)

	got, err := f.s.StakeholderReleaseCounts(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		who  Stakeholder
		want int
	}{{ann, 2}, {bob, 1}, {cid, 0}}
	for _, tt := range tests {
		if got[tt.who.ID] != tt.want {
			t.Errorf("%s: %d releases, want %d", tt.who.Name, got[tt.who.ID], tt.want)
		}
	}
}

func TestRACIApprovals(t *testing.T) {
	f := newFixture(t)
	pay := f.product("Payments")
	june, july, later := f.release(pay, "1.0.0", NewDate(2026, 6, 20)), f.release(pay, "1.1.0", NewDate(2026, 7, 1)),
		f.release(pay, "2.0.0", NewDate(2026, 9, 1))
	ann, bob := f.portfolioPerson("Ann"), f.portfolioPerson("Bob")
	f.portfolioAssign(june, ann, RoleAccountable, ApprovalApproved)
	f.portfolioAssign(june, ann, RoleResponsible, ApprovalPending) // pending wins over approved
	f.portfolioAssign(june, bob, RoleConsulted, ApprovalApproved)
	f.portfolioAssign(july, bob, RoleAccountable, ApprovalPending)
	f.portfolioAssign(july, bob, RoleInformed, ApprovalRejected) // rejected wins over pending
	f.portfolioAssign(later, ann, RoleAccountable, ApprovalPending)

	got, err := f.s.RACIApprovals(f.ctx, NewDate(2026, 6, 1), NewDate(2026, 7, 31))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		key  RACIKey
		want Approval
	}{
		{"pending beats approved", RACIKey{june.ID, ann.ID}, ApprovalPending},
		{"approved alone", RACIKey{june.ID, bob.ID}, ApprovalApproved},
		{"rejected beats pending", RACIKey{july.ID, bob.ID}, ApprovalRejected},
		{"outside the period", RACIKey{later.ID, ann.ID}, ""},
	}
	for _, tt := range tests {
		if got[tt.key] != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got[tt.key], tt.want)
		}
	}
	if len(got) != 3 {
		t.Errorf("%d cells, want 3: %v", len(got), got)
	}
	m, err := f.s.RACIMatrix(f.ctx, NewDate(2026, 6, 1), NewDate(2026, 7, 31))
	if err != nil {
		t.Fatal(err)
	}
	for k := range got {
		if len(m.Cells[k]) == 0 {
			t.Errorf("approval for %v, a cell the matrix does not have", k)
		}
	}
}

func TestEnvironmentUsesAndRestore(t *testing.T) {
	f := newFixture(t)
	pay := f.product("Payments")
	dev, qa, prod := f.env("Dev", KindDevelopment), f.env("QA", KindTest), f.env("Production", KindProduction)
	r := f.release(pay, "1.0.0", NewDate(2026, 6, 20))
	start := time.Date(2026, 6, 16, 9, 0, 0, 0, time.UTC)
	for _, envID := range []uint{dev.ID, dev.ID, qa.ID} {
		d := Deployment{ReleaseID: r.ID, EnvironmentID: envID, PlannedStart: start, PlannedEnd: start.Add(time.Hour)}
		if err := f.s.SaveDeployment(f.ctx, &d); err != nil {
			t.Fatal(err)
		}
		start = start.Add(2 * time.Hour)
	}
	tr := TestRun{ReleaseID: r.ID, EnvironmentID: qa.ID, Suite: "Regression", Passed: 10, RunAt: start}
	if err := f.s.SaveTestRun(f.ctx, &tr); err != nil {
		t.Fatal(err)
	}
	uses, err := f.s.EnvironmentUses(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[uint]EnvironmentUse{dev.ID: {Deployments: 2}, qa.ID: {Deployments: 1, TestRuns: 1}}
	if len(uses) != len(want) || uses[dev.ID] != want[dev.ID] || uses[qa.ID] != want[qa.ID] {
		t.Errorf("uses %v, want %v", uses, want)
	}

	if err := f.s.DeleteEnvironment(f.ctx, qa.ID); err == nil {
		t.Error("an environment in use was deleted")
	}
	// Production is unused: delete it and put it back where it was.
	if err := f.s.DeleteEnvironment(f.ctx, prod.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.s.RestoreEnvironment(f.ctx, prod); err != nil {
		t.Fatal(err)
	}
	envs, err := f.s.Environments(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(envs) != 3 || envs[2].ID != prod.ID || envs[2].Name != "Production" {
		t.Errorf("after restore: %+v", envs)
	}
	if err := f.s.RestoreEnvironment(f.ctx, prod); err == nil {
		t.Error("restored an environment that already exists")
	} else if errors.Is(err, ErrNotFound) {
		t.Errorf("wrong error: %v", err)
	}
}
