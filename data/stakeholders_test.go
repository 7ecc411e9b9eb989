package data

import (
	"errors"
	"net/mail"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
)

func TestValidateEmail(t *testing.T) {
	tests := []struct {
		email string
		ok    bool
	}{
		{"dana@example.com", true},
		{"dana.reyes+releases@corp.example.co.uk", true},
		{"ops@intranet", true},
		{"", false},
		{"dana", false},
		{"dana@", false},
		{"@example.com", false},
		{"dana@@example.com", false},
		{"Dana Reyes <dana@example.com>", false},
		{"<dana@example.com>", false},
		{" dana@example.com", false},
		{"dana@example.com, sam@example.com", false},
		{"dana@example.com\n", false},
	}
	for _, tt := range tests {
		if err := validateEmail(tt.email); (err == nil) != tt.ok {
			t.Errorf("validateEmail(%q) = %v, want ok=%v", tt.email, err, tt.ok)
		}
	}
}

// FuzzValidateEmail checks that whatever the directory accepts is one bare,
// printable address that parses back to itself.
func FuzzValidateEmail(f *testing.F) {
	for _, seed := range []string{"dana@example.com", "Dana <dana@example.com>", "a@b", "\"a b\"@c.d", "x@[1.2.3.4]", "=?utf-8?q?x?= <a@b>", "a@b\r\n"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if validateEmail(s) != nil {
			return
		}
		if strings.TrimSpace(s) != s || !strings.Contains(s, "@") {
			t.Fatalf("accepted %q: surrounding space or no @", s)
		}
		if strings.ContainsFunc(s, unicode.IsControl) {
			t.Fatalf("accepted %q with a control character", s)
		}
		a, err := mail.ParseAddress(s)
		if err != nil || a.Name != "" || a.Address != s {
			t.Fatalf("accepted %q but it parses as %+v, %v", s, a, err)
		}
	})
}

func TestSaveStakeholderValidation(t *testing.T) {
	f := newFixture(t)
	dana := crudStakeholder(t, f, "Dana Reyes")
	tests := []struct {
		name  string
		p     Stakeholder
		field string
	}{
		{"missing name", Stakeholder{Name: "  ", Email: "x@example.com"}, "Name"},
		{"bad email", Stakeholder{Name: "Sam", Email: "sam at example"}, "Email"},
		{"email with a name", Stakeholder{Name: "Sam", Email: "Sam <sam@example.com>"}, "Email"},
		{"email taken", Stakeholder{Name: "Dana R.", Email: strings.ToUpper(dana.Email)}, "Email"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := crudDump(t, f.s)
			p := tt.p
			crudRefused(t, f.s, before, f.s.SaveStakeholder(f.ctx, &p), tt.field)
			if p.ID != 0 {
				t.Fatalf("refused stakeholder kept id %d", p.ID)
			}
		})
	}
	sam := Stakeholder{Name: " Sam Okafor ", Team: "Payments"}
	if err := f.s.SaveStakeholder(f.ctx, &sam); err != nil {
		t.Fatalf("no email is fine: %v", err)
	}
	if sam.Name != "Sam Okafor" || !crudHistoryHas(t, f.s, EntityStakeholder, sam.ID, ActionCreate, "Name", 0) {
		t.Fatalf("saved %+v without history", sam)
	}
	before := crudDump(t, f.s)
	sam.Email = dana.Email
	crudRefused(t, f.s, before, f.s.SaveStakeholder(f.ctx, &sam), "Email")
	sam.Email = "sam@example.com"
	if err := f.s.SaveStakeholder(f.ctx, &sam); err != nil {
		t.Fatal(err)
	}
	if !crudHistoryHas(t, f.s, EntityStakeholder, sam.ID, ActionUpdate, "Email", 0) {
		t.Fatal("email change left no history")
	}
	people, err := f.s.Stakeholders(f.ctx)
	if err != nil || len(people) != 2 || people[0].Name != "Dana Reyes" || people[1].Name != "Sam Okafor" {
		t.Fatalf("directory %+v, %v", people, err)
	}
}

func TestAssignStakeholder(t *testing.T) {
	f := newFixture(t)
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	dana := crudStakeholder(t, f, "Dana Reyes")
	first := ReleaseStakeholder{ReleaseID: r.ID, StakeholderID: dana.ID, Role: RoleAccountable}
	if err := f.s.AssignStakeholder(f.ctx, &first); err != nil {
		t.Fatal(err)
	}
	if first.Approval != ApprovalPending || !crudHistoryHas(t, f.s, EntityReleaseStakeholder, first.ID, ActionCreate, "Role", r.ID) {
		t.Fatalf("assignment %+v: want pending with history", first)
	}
	tests := []struct {
		name  string
		rs    ReleaseStakeholder
		field string
	}{
		{"missing release", ReleaseStakeholder{StakeholderID: dana.ID, Role: RoleInformed}, "Release"},
		{"unknown release", ReleaseStakeholder{ReleaseID: 999, StakeholderID: dana.ID, Role: RoleInformed}, "Release"},
		{"missing person", ReleaseStakeholder{ReleaseID: r.ID, Role: RoleInformed}, "Stakeholder"},
		{"unknown person", ReleaseStakeholder{ReleaseID: r.ID, StakeholderID: 999, Role: RoleInformed}, "Stakeholder"},
		{"bad role", ReleaseStakeholder{ReleaseID: r.ID, StakeholderID: dana.ID, Role: "X"}, "Role"},
		{"same role twice", ReleaseStakeholder{ReleaseID: r.ID, StakeholderID: dana.ID, Role: RoleAccountable}, "Role"},
		{"bad approval", ReleaseStakeholder{ReleaseID: r.ID, StakeholderID: dana.ID, Role: RoleInformed, Approval: "maybe"}, "Approval"},
		{"approved without a time", ReleaseStakeholder{ReleaseID: r.ID, StakeholderID: dana.ID, Role: RoleInformed, Approval: ApprovalApproved}, "ApprovedAt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := crudDump(t, f.s)
			rs := tt.rs
			crudRefused(t, f.s, before, f.s.AssignStakeholder(f.ctx, &rs), tt.field)
			if rs.ID != 0 {
				t.Fatalf("refused assignment kept id %d", rs.ID)
			}
		})
	}
	second := ReleaseStakeholder{ReleaseID: r.ID, StakeholderID: dana.ID, Role: RoleResponsible}
	if err := f.s.AssignStakeholder(f.ctx, &second); err != nil {
		t.Fatalf("a second role for the same person refused: %v", err)
	}
}

func TestRecordApproval(t *testing.T) {
	f := newFixture(t)
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	rs := ReleaseStakeholder{ReleaseID: r.ID, StakeholderID: crudStakeholder(t, f, "Dana Reyes").ID, Role: RoleAccountable}
	if err := f.s.AssignStakeholder(f.ctx, &rs); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name     string
		approval Approval
		field    string
	}{{"approved without time", ApprovalApproved, "ApprovedAt"}, {"rejected without time", ApprovalRejected, "ApprovedAt"}, {"unknown", "fine", "Approval"}} {
		before := crudDump(t, f.s)
		crudRefused(t, f.s, before, f.s.RecordApproval(f.ctx, rs.ID, tt.approval, time.Time{}, "ok"), tt.field)
	}
	at := testClock.Add(-time.Hour)
	if err := f.s.RecordApproval(f.ctx, rs.ID, ApprovalApproved, at, " Looks good "); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.ReleaseStakeholders(f.ctx, r.ID)
	if err != nil || len(got) != 1 || got[0].Approval != ApprovalApproved || !got[0].ApprovedAt.Equal(at) || got[0].ApprovalComment != "Looks good" {
		t.Fatalf("after approval %+v, %v", got, err)
	}
	if !crudHistoryHas(t, f.s, EntityReleaseStakeholder, rs.ID, ActionUpdate, "Approval", r.ID) {
		t.Fatal("approval left no history")
	}
	if err := f.s.RecordApproval(f.ctx, rs.ID, ApprovalPending, at, ""); err != nil {
		t.Fatal(err)
	}
	got, _ = f.s.ReleaseStakeholders(f.ctx, r.ID)
	if got[0].Approval != ApprovalPending || got[0].ApprovedAt != nil {
		t.Fatalf("pending kept a time: %+v", got[0])
	}
	if err := f.s.RecordApproval(f.ctx, 4242, ApprovalPending, at, ""); !errors.Is(err, ErrNotFound) {
		t.Fatalf("approval of a missing assignment: %v", err)
	}
}

func TestStakeholderAssignmentsAndDelete(t *testing.T) {
	f := newFixture(t)
	p := f.product("Payments")
	r1, r2 := f.release(p, "2.4.0", NewDate(2026, 7, 1)), f.release(p, "2.5.0", NewDate(2026, 8, 1))
	dana, sam, lee := crudStakeholder(t, f, "Dana Reyes"), crudStakeholder(t, f, "Sam Okafor"), crudStakeholder(t, f, "lee Chen")
	assign := func(r Release, who Stakeholder, role RACIRole) ReleaseStakeholder {
		rs := ReleaseStakeholder{ReleaseID: r.ID, StakeholderID: who.ID, Role: role}
		if err := f.s.AssignStakeholder(f.ctx, &rs); err != nil {
			t.Fatal(err)
		}
		return rs
	}
	assign(r1, sam, RoleInformed)
	assign(r1, dana, RoleConsulted)
	assign(r1, dana, RoleResponsible)
	assign(r1, lee, RoleResponsible)
	assign(r1, sam, RoleAccountable)
	last := assign(r2, dana, RoleAccountable)

	got, err := f.s.ReleaseStakeholders(f.ctx, r1.ID)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, rs := range got {
		order = append(order, string(rs.Role)+" "+rs.Stakeholder.Name)
	}
	want := []string{"R Dana Reyes", "R lee Chen", "A Sam Okafor", "C Dana Reyes", "I Sam Okafor"}
	if !slices.Equal(order, want) {
		t.Fatalf("order %q, want %q", order, want)
	}

	mine, err := f.s.StakeholderAssignments(f.ctx, dana.ID)
	if err != nil || len(mine) != 3 || mine[0].ReleaseID != r2.ID || mine[1].Role != RoleResponsible || mine[0].Release.Product.Name != "Payments" {
		t.Fatalf("Dana's assignments %+v, %v", mine, err)
	}

	before := crudDump(t, f.s)
	_, err = f.s.DeleteStakeholder(f.ctx, dana.ID)
	crudRefused(t, f.s, before, err, "Name")
	if !strings.Contains(err.Error(), "2 releases") {
		t.Fatalf("refusal %q does not give the count", err)
	}

	removed, err := f.s.UnassignStakeholder(f.ctx, last.ID)
	if err != nil || removed.ID != last.ID {
		t.Fatalf("unassign: %+v, %v", removed, err)
	}
	if !crudHistoryHas(t, f.s, EntityReleaseStakeholder, last.ID, ActionDelete, "", r2.ID) {
		t.Fatal("unassigning left no history")
	}
	if err := f.s.RestoreAssignment(f.ctx, removed); err != nil {
		t.Fatal(err)
	}
	if back, _ := f.s.ReleaseStakeholders(f.ctx, r2.ID); len(back) != 1 || back[0].ID != last.ID {
		t.Fatalf("restored %+v", back)
	}
	if _, err := f.s.UnassignStakeholder(f.ctx, 4242); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unassigning a missing row: %v", err)
	}

	free := crudStakeholder(t, f, "Pat Free")
	if _, err := f.s.DeleteStakeholder(f.ctx, free.ID); err != nil {
		t.Fatal(err)
	}
	if !crudHistoryHas(t, f.s, EntityStakeholder, free.ID, ActionDelete, "", 0) {
		t.Fatal("deletion left no history")
	}
	if _, err := f.s.DeleteStakeholder(f.ctx, free.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second deletion: %v", err)
	}
}

func TestRACIMatrix(t *testing.T) {
	f := newFixture(t)
	p := f.product("Payments")
	june, july, sept := f.release(p, "2.3.0", NewDate(2026, 6, 10)), f.release(p, "2.4.0", NewDate(2026, 7, 1)), f.release(p, "3.0.0", NewDate(2026, 9, 1))
	dana, sam, outside := crudStakeholder(t, f, "Dana Reyes"), crudStakeholder(t, f, "Sam Okafor"), crudStakeholder(t, f, "Only September")
	for _, a := range []ReleaseStakeholder{
		{ReleaseID: june.ID, StakeholderID: dana.ID, Role: RoleInformed},
		{ReleaseID: july.ID, StakeholderID: dana.ID, Role: RoleInformed},
		{ReleaseID: july.ID, StakeholderID: dana.ID, Role: RoleAccountable},
		{ReleaseID: july.ID, StakeholderID: sam.ID, Role: RoleResponsible},
		{ReleaseID: sept.ID, StakeholderID: outside.ID, Role: RoleAccountable},
	} {
		if err := f.s.AssignStakeholder(f.ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name         string
		from, to     Date
		wantReleases []uint
		wantPeople   []string
	}{
		{"june and july", NewDate(2026, 6, 1), NewDate(2026, 7, 31), []uint{june.ID, july.ID}, []string{"Dana Reyes", "Sam Okafor"}},
		{"july only", NewDate(2026, 7, 1), NewDate(2026, 7, 1), []uint{july.ID}, []string{"Dana Reyes", "Sam Okafor"}},
		{"open bounds", Date{}, Date{}, []uint{june.ID, july.ID, sept.ID}, []string{"Dana Reyes", "Only September", "Sam Okafor"}},
		{"nothing planned", NewDate(2027, 1, 1), NewDate(2027, 2, 1), nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := f.s.RACIMatrix(f.ctx, tt.from, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			var ids []uint
			for _, r := range m.Releases {
				ids = append(ids, r.ID)
				if r.Product.Name != "Payments" {
					t.Errorf("release %d without its product", r.ID)
				}
			}
			var names []string
			for _, p := range m.People {
				names = append(names, p.Name)
			}
			if !slices.Equal(ids, tt.wantReleases) || !slices.Equal(names, tt.wantPeople) {
				t.Fatalf("releases %v people %q; want %v %q", ids, names, tt.wantReleases, tt.wantPeople)
			}
		})
	}
	m, err := f.s.RACIMatrix(f.ctx, NewDate(2026, 7, 1), NewDate(2026, 7, 1))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Roles(july.ID, dana.ID); !slices.Equal(got, []RACIRole{RoleAccountable, RoleInformed}) {
		t.Fatalf("Dana on July: %v, want [A I]", got)
	}
	if got := m.Roles(june.ID, dana.ID); got != nil {
		t.Fatalf("a release outside the period has roles: %v", got)
	}
}
