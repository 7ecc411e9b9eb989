package editor

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/uitest"
)

func TestStakeholdersTabAssignAndApprove(t *testing.T) {
	f := newReleaseFixture(t, tabStakeholders, data.StatusPlanned)
	f.Person("Dana Smith", "dana@example.com", "Payments Engineering", "Engineering Manager")
	f.Person("Alex Kim", "alex@example.com", "Release Management", "Release Manager")
	f.WantTexts("empty", "No one is assigned to this release yet")

	f.Tap("Assign person")
	if got := uitest.In[*widget.Select](f.UI, "Role").Selected; got != "Accountable (A)" {
		t.Errorf("role proposed for a release without an Accountable = %q", got)
	}
	who := uitest.In[*widget.SelectEntry](f.UI, "Person")
	test.Type(who, "dan")
	f.WantTexts("typing", "1 person match")
	test.Type(who, "a smith")
	f.WantTexts("a known name", "Payments Engineering · Engineering Manager · dana@example.com · in the directory")
	if uitest.FieldIn(f.Win.Canvas().Overlays().Top(), "Email") != nil {
		t.Error("the new-person fields show for someone in the directory")
	}
	f.Tap("Assign")
	if f.DialogOpen() {
		t.Fatalf("dialog still open; it shows %q", f.Texts())
	}
	f.Tap("Assign person")
	uitest.In[*widget.SelectEntry](f.UI, "Person").SetText("Alex Kim")
	uitest.In[*widget.Select](f.UI, "Role").SetSelected("Responsible (R)")
	f.Tap("Assign")

	people := f.storedPeople()
	if len(people) != 2 || people[0].Stakeholder.Name != "Alex Kim" || people[0].Role != data.RoleResponsible ||
		people[1].Stakeholder.Name != "Dana Smith" || people[1].Role != data.RoleAccountable || people[1].Approval != data.ApprovalPending {
		t.Fatalf("stored %+v", people)
	}
	f.WantTexts("assigned", "Accountable: Dana Smith — pending", "Waiting for 2 approvals: Alex Kim (Responsible), Dana Smith (Accountable)",
		"2 people · 2 approvals pending", "Responsible (R)", "Accountable (A)", "Assigned Alex Kim as Responsible")

	tab := tabOf[*stakeholdersTab](f)
	test.Tap(f.rowButton(tab.groups, "Dana Smith", "Record approval"))
	if got := uitest.In[*widget.RadioGroup](f.UI, "Decision").Selected; got != "Approved" {
		t.Errorf("decision proposed for a pending sign-off = %q", got)
	}
	f.TypeTime("When", uitest.Local(time.April, 20, 10, 30))
	f.TypeIn("Comment", "Go once the runbook is signed")
	f.Tap("Record")
	if f.DialogOpen() {
		t.Fatalf("approval dialog still open; it shows %q", f.Texts())
	}
	dana := f.storedPeople()[1]
	if dana.Approval != data.ApprovalApproved || dana.ApprovedAt == nil || !dana.ApprovedAt.Equal(uitest.Local(time.April, 20, 10, 30)) ||
		dana.ApprovalComment != "Go once the runbook is signed" {
		t.Fatalf("stored approval %+v", dana)
	}
	f.WantTexts("approved", "Accountable: Dana Smith — approved 2026-04-20 10:30", "Waiting for 1 approval: Alex Kim (Responsible)",
		"“Go once the runbook is signed”", "Approved", "Recorded Dana Smith's approval")

	f.ed.Undo()
	if got := f.storedPeople()[1]; got.Approval != data.ApprovalPending || got.ApprovedAt != nil || got.ApprovalComment != "" {
		t.Errorf("undo left %+v", got)
	}
	f.WantTexts("undone", "Accountable: Dana Smith — pending")
}

func TestStakeholdersTabAddsNewPersonInline(t *testing.T) {
	f := newReleaseFixture(t, tabStakeholders, data.StatusPlanned)
	f.Person("Dana Smith", "dana@example.com", "Payments Engineering", "Engineering Manager")
	f.Tap("Assign person")
	test.Type(uitest.In[*widget.SelectEntry](f.UI, "Person"), "Priya Natarajan")
	f.WantTexts("a new name", "Not in the directory: saving adds Priya Natarajan as a new person.")
	f.TypeIn("Email", "priya@example.com")
	f.TypeIn("Team", "Security")
	f.TypeIn("Title", "Security Lead")
	uitest.In[*widget.Select](f.UI, "Role").SetSelected("Consulted (C)")
	f.Tap("Assign")
	if f.DialogOpen() {
		t.Fatalf("dialog still open; it shows %q", f.Texts())
	}
	people := f.storedPeople()
	if len(people) != 1 || people[0].Stakeholder.Email != "priya@example.com" || people[0].Stakeholder.Team != "Security" ||
		people[0].Role != data.RoleConsulted {
		t.Fatalf("stored %+v", people)
	}
	f.WantTexts("added", "Added Priya Natarajan to the directory and assigned them as Consulted", "No Accountable assigned")
	f.ed.Undo()
	if n := len(f.storedPeople()); n != 0 {
		t.Errorf("undo left %d assignments", n)
	}
	if got := f.directory(); slices.Contains(got, "Priya Natarajan") {
		t.Errorf("undo left the new person in the directory: %q", got)
	}
}

func TestStakeholdersTabRejectsBadAssignment(t *testing.T) {
	cases := []struct {
		name        string
		person      string
		email, role string
		field, want string
	}{
		{"invalid email", "Priya Natarajan", "priya@", "Consulted (C)", "Email", "Email must be an address like dana@example.com"},
		{"email of someone else", "Priya Natarajan", "dana@example.com", "Consulted (C)", "Email", "Email already belongs to Dana Smith"},
		{"no person", "", "", "Consulted (C)", "Person", "Person is required: choose someone from the directory or type a new name"},
		{"no role", "Dana Smith", "", "", "Role", "Role is required"},
		{"same person and role twice", "Dana Smith", "", "Accountable (A)", "Role", "Dana Smith is already Accountable on this release"},
	}
	// One editor serves every case: each opens the dialog afresh and stores nothing.
	shared := newReleaseFixture(t, tabStakeholders, data.StatusPlanned)
	dana := shared.Person("Dana Smith", "dana@example.com", "Payments Engineering", "Engineering Manager")
	shared.assign(dana, data.RoleAccountable)
	shared.reopen(tabStakeholders)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := shared.in(t)
			defer f.closeDialog()
			f.Tap("Assign person")
			uitest.In[*widget.SelectEntry](f.UI, "Person").SetText(c.person)
			if c.email != "" {
				f.TypeIn("Email", c.email)
			}
			role := uitest.In[*widget.Select](f.UI, "Role")
			if c.role == "" {
				role.ClearSelected()
			} else {
				role.SetSelected(c.role)
			}
			f.Tap("Assign")
			if !f.DialogOpen() {
				t.Fatal("the dialog closed on a bad value")
			}
			if got := f.Message(c.field); got != c.want {
				t.Errorf("message under %s = %q, want %q", c.field, got, c.want)
			}
			if n := len(f.storedPeople()); n != 1 {
				t.Errorf("stored %d assignments, want the 1 already there", n)
			}
			if got := f.directory(); len(got) != 1 {
				t.Errorf("the directory changed: %q", got)
			}
		})
	}
}

func TestStakeholdersTabRejectsBadApproval(t *testing.T) {
	cases := []struct {
		name        string
		fill        func(f *editorFixture)
		field, want string
	}{
		{"rejection without a comment", func(f *editorFixture) { uitest.In[*widget.RadioGroup](f.UI, "Decision").SetSelected("Rejected") },
			"Comment", "Comment is required for a rejection: say what must change"},
		{"in the future", func(f *editorFixture) { f.TypeTime("When", time.Now().Add(48*time.Hour)) }, "When", "When cannot be in the future"},
		{"time not understood", func(f *editorFixture) { f.TypeIn("When", "25:00") }, "When", "When is not a time like 14:30 (24-hour HH:MM)"},
		{"no day", func(f *editorFixture) { uitest.In[*widget.DateEntry](f.UI, "When").SetText("") }, "When", "When is missing its day"},
	}
	// One editor serves every case: each opens the dialog afresh and stores nothing.
	shared := newReleaseFixture(t, tabStakeholders, data.StatusPlanned)
	shared.assign(shared.Person("Dana Smith", "dana@example.com", "", ""), data.RoleAccountable)
	shared.reopen(tabStakeholders)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := shared.in(t)
			defer f.closeDialog()
			test.Tap(f.rowButton(tabOf[*stakeholdersTab](f).groups, "Dana Smith", "Record approval"))
			c.fill(f)
			f.Tap("Record")
			if !f.DialogOpen() {
				t.Fatal("the dialog closed on a bad value")
			}
			if got := f.Message(c.field); got != c.want {
				t.Errorf("message under %s = %q, want %q", c.field, got, c.want)
			}
			if got := f.storedPeople()[0]; got.Approval != data.ApprovalPending {
				t.Errorf("stored %s despite the bad value", got.Approval)
			}
		})
	}
}

func TestStakeholdersTabRemoveAndUndo(t *testing.T) {
	f := newReleaseFixture(t, tabStakeholders, data.StatusPlanned)
	dana := f.assign(f.Person("Dana Smith", "dana@example.com", "", ""), data.RoleAccountable)
	at := uitest.Local(time.April, 2, 9, 15)
	if err := f.Store.RecordApproval(f.Ctx, dana.ID, data.ApprovalApproved, at, "Fine by me"); err != nil {
		t.Fatal(err)
	}
	f.reopen(tabStakeholders)
	f.WantTexts("before", "Accountable: Dana Smith — approved 2026-04-02 09:15", "Every sign-off is in.")
	test.Tap(f.rowButton(tabOf[*stakeholdersTab](f).groups, "Dana Smith", "Remove"))
	f.WantTexts("asking", "Remove Dana Smith (Accountable) from Payments 2.4.0?", "Their approved sign-off goes with it.")
	f.Tap("Remove")
	if n := len(f.storedPeople()); n != 0 {
		t.Fatalf("%d assignments left after removal", n)
	}
	f.WantTexts("removed", "No one is assigned to this release yet", "Removed Dana Smith (Accountable)")
	f.ed.Undo()
	people := f.storedPeople()
	if len(people) != 1 || people[0].Approval != data.ApprovalApproved || !people[0].ApprovedAt.Equal(at) {
		t.Fatalf("undo restored %+v", people)
	}
	f.WantTexts("restored", "Accountable: Dana Smith — approved 2026-04-02 09:15")
}

func TestSignOffNotes(t *testing.T) {
	at := uitest.Local(time.March, 2, 14, 5)
	who := func(name string, role data.RACIRole, a data.Approval) data.ReleaseStakeholder {
		rs := data.ReleaseStakeholder{Role: role, Approval: a, Stakeholder: data.Stakeholder{Name: name}}
		if a != data.ApprovalPending {
			rs.ApprovedAt = &at
		}
		return rs
	}
	cases := []struct {
		name   string
		people []data.ReleaseStakeholder
		want   []string
	}{
		{"nobody accountable", []data.ReleaseStakeholder{who("Alex", data.RoleResponsible, data.ApprovalApproved)},
			[]string{"No Accountable assigned — assign the one person who signs the release off before go."}},
		{"all in", []data.ReleaseStakeholder{who("Dana", data.RoleAccountable, data.ApprovalApproved), who("Ivy", data.RoleInformed, data.ApprovalPending)},
			[]string{"Accountable: Dana — approved 2026-03-02 14:05", "Every sign-off is in."}},
		{"two accountable", []data.ReleaseStakeholder{who("Dana", data.RoleAccountable, data.ApprovalApproved), who("Sam", data.RoleAccountable, data.ApprovalApproved)},
			[]string{"2 people are Accountable (Dana, Sam) — a release needs exactly one."}},
		{"rejected and waiting", []data.ReleaseStakeholder{who("Alex", data.RoleResponsible, data.ApprovalPending),
			who("Dana", data.RoleAccountable, data.ApprovalPending), who("Sam", data.RoleConsulted, data.ApprovalRejected)},
			[]string{"Accountable: Dana — pending", "Rejected by Sam (Consulted)", "Waiting for 2 approvals: Alex (Responsible), Dana (Accountable)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, n := range signOffNotes(c.people) {
				got = append(got, n.text)
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("notes\n%q\nwant\n%q", got, c.want)
			}
		})
	}
}

func FuzzValidateEmailQuick(f *testing.F) {
	for _, s := range []string{"dana@example.com", " dana@example.com ", "", "dana@", "Dana <dana@example.com>", "a@b", "@example.com", "dana@@example.com"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := validateEmailQuick(s)
		if err == nil && strings.TrimSpace(s) != "" && !strings.Contains(s, "@") {
			t.Fatalf("%q accepted without an @", s)
		}
		if err != nil && kit.ProblemText("Email", err.Error()) == err.Error() {
			t.Errorf("message %q does not read after a field name", err)
		}
	})
}
