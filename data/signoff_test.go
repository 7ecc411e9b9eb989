package data

import (
	"errors"
	"slices"
	"testing"
)

func TestSignOffs(t *testing.T) {
	w := newRulesWorld(t)
	w.rulesRole(w.payRel, w.ann, RoleAccountable, ApprovalApproved)
	w.rulesRole(w.payRel, w.bob, RoleResponsible, ApprovalPending)
	w.rulesInsert(&ReleaseStakeholder{ReleaseID: w.payRel.ID, StakeholderID: w.carol.ID, Role: RoleConsulted, Approval: ApprovalRejected, ApprovalComment: "no"})
	w.rulesRole(w.payRel, w.dave, RoleInformed, ApprovalPending)
	w.rulesRole(w.payRel, w.ann, RoleInformed, ApprovalApproved) // told, answered anyway

	got, err := w.s.SignOffs(w.ctx, w.payRel.ID)
	if err != nil {
		t.Fatal(err)
	}
	names := func(rs []ReleaseStakeholder) []string { return stakeholderNames(rs) }
	checks := []struct {
		what      string
		got, want []string
	}{
		{"asked", names(got.Asked), []string{"Ann Lee", "Bob Stone", "Carol Diaz"}},
		{"approved", names(got.Approved), []string{"Ann Lee"}},
		{"pending", names(got.Pending), []string{"Bob Stone"}},
		{"rejected", names(got.Rejected), []string{"Carol Diaz"}},
		{"informed", names(got.Informed), []string{"Dave Kim", "Ann Lee"}},
		{"accountable", names(got.Accountable), []string{"Ann Lee"}},
	}
	for _, c := range checks {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s: %q, want %q", c.what, c.got, c.want)
		}
	}
	if c := got.Count(); c != "1 of 3 approved, 1 rejected" {
		t.Errorf("Count() = %q", c)
	}
	if who := Who(got.Pending); who != "Bob Stone (Responsible)" {
		t.Errorf("Who(pending) = %q", who)
	}
	states := map[string]SignOffState{}
	for _, p := range append(got.Asked, got.Informed...) {
		states[p.Stakeholder.Name+" "+string(p.Role)] = SignOffOf(p)
	}
	wantStates := map[string]SignOffState{"Ann Lee A": SignOffApproved, "Bob Stone R": SignOffPending,
		"Carol Diaz C": SignOffRejected, "Dave Kim I": SignOffNotAsked, "Ann Lee I": SignOffApproved}
	for k, v := range wantStates {
		if states[k] != v {
			t.Errorf("%s: %s, want %s", k, states[k].Label(), v.Label())
		}
	}
	if _, err := w.s.SignOffs(w.ctx, 4242); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing release: %v", err)
	}
	if c := SignOffsOf(nil).Count(); c != "nobody is asked to sign off" {
		t.Errorf("nobody: %q", c)
	}
}
