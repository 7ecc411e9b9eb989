package views

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
)

// edBFixture is the release editor open on Payments 2.4.0, a minor release
// planned for 4 May 2026, on a real database file.
type edBFixture struct {
	*releasesFixture
	release data.Release
}

// newEdBFixture stores the release with status and opens the editor on the tab at position.
func newEdBFixture(t *testing.T, position int, status data.ReleaseStatus) *edBFixture {
	t.Helper()
	f := &edBFixture{releasesFixture: newReleasesFixture(t)}
	r := f.releasesFixture.release("Payments", "2.4.0", "Refunds", status, day(time.May, 4))
	var err error
	if f.release, err = f.store.Release(f.ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	f.show()
	f.screen.open(f.release)
	f.screen.editor.appTabs.SelectIndex(edBTabIndex(position))
	return f
}

// edBTabIndex is where the tab at position sits in the editor: the positions are the indexes.
func edBTabIndex(position int) int { return position }

// edBTab returns the editor's tab of type T.
func edBTab[T editorTab](f *edBFixture) T {
	f.t.Helper()
	for _, t := range f.screen.editor.tabs {
		if x, ok := t.(T); ok {
			return x
		}
	}
	f.t.Fatalf("no %T tab", *new(T))
	return *new(T)
}

// person adds someone to the directory.
func (f *edBFixture) person(name, email, team, title string) data.Stakeholder {
	f.t.Helper()
	p := data.Stakeholder{Name: name, Email: email, Team: team, Title: title}
	if err := f.store.SaveStakeholder(f.ctx, &p); err != nil {
		f.t.Fatalf("person %s: %v", name, err)
	}
	return p
}

// assign gives p role on the release, straight in the store.
func (f *edBFixture) assign(p data.Stakeholder, role data.RACIRole) data.ReleaseStakeholder {
	f.t.Helper()
	rs := data.ReleaseStakeholder{ReleaseID: f.release.ID, StakeholderID: p.ID, Role: role}
	if err := f.store.AssignStakeholder(f.ctx, &rs); err != nil {
		f.t.Fatalf("assign %s: %v", p.Name, err)
	}
	return rs
}

func (f *edBFixture) storedPeople() []data.ReleaseStakeholder {
	f.t.Helper()
	ps, err := f.store.ReleaseStakeholders(f.ctx, f.release.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	return ps
}

func (f *edBFixture) directory() []string {
	f.t.Helper()
	ps, err := f.store.Stakeholders(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	return LabelsOf(ps, func(p data.Stakeholder) string { return p.Name })
}

// reopen shows the stored release again, as a user coming back to it would.
func (f *edBFixture) reopen(position int) {
	f.screen.open(f.release)
	f.screen.editor.appTabs.SelectIndex(edBTabIndex(position))
}

func (f *edBFixture) dialogOpen() bool { return f.win.Canvas().Overlays().Top() != nil }

// fieldIn returns the input cell of the form row labelled label under root, nil when none is visible.
func fieldIn(root fyne.CanvasObject, label string) *fyne.Container {
	var cell *fyne.Container
	visitVisible(root, func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok || cell != nil {
			return
		}
		for i := 0; i+1 < len(c.Objects); i += 2 {
			if l, ok := c.Objects[i].(*widget.Label); ok && l.Text == label && l.TextStyle.Bold && c.Objects[i+1].Visible() {
				if next, ok := c.Objects[i+1].(*fyne.Container); ok {
					cell = next
				}
			}
		}
	})
	return cell
}

// field returns the cell labelled label in the open dialog, or in the screen when none is open.
func (f *edBFixture) field(label string) *fyne.Container {
	f.t.Helper()
	root := f.win.Canvas().Content()
	if top := f.win.Canvas().Overlays().Top(); top != nil {
		root = top
	}
	cell := fieldIn(root, label)
	if cell == nil {
		f.t.Fatalf("no field %q; the screen shows %q", label, f.texts())
	}
	return cell
}

// edBIn returns the first widget of type T in the field labelled label.
func edBIn[T fyne.CanvasObject](f *edBFixture, label string) T {
	f.t.Helper()
	var found T
	done := false
	visitVisible(f.field(label), func(o fyne.CanvasObject) {
		if x, ok := o.(T); ok && !done {
			found, done = x, true
		}
	})
	if !done {
		f.t.Fatalf("field %q has no %T", label, found)
	}
	return found
}

// typeIn replaces the text of the entry in the field labelled label, typing it.
func (f *edBFixture) typeIn(label, text string) {
	f.t.Helper()
	e := edBIn[*widget.Entry](f, label)
	e.SetText("")
	test.Type(e, text)
}

// typeTime types an instant into the day and time inputs of the field labelled label.
func (f *edBFixture) typeTime(label string, at time.Time) {
	f.t.Helper()
	typeDay(edBIn[*widget.DateEntry](f, label), data.DateOf(at))
	f.typeIn(label, at.Format("15:04"))
}

// message returns the problem shown under the field labelled label, "" when none.
func (f *edBFixture) message(label string) string {
	f.t.Helper()
	var msg string
	visitVisible(f.field(label), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Importance == widget.DangerImportance && msg == "" {
			msg = l.Text
		}
	})
	return msg
}

// wantTexts fails for each of wants the screen does not show.
func (f *edBFixture) wantTexts(when string, wants ...string) {
	f.t.Helper()
	for _, w := range wants {
		if !f.showsText(w) {
			f.t.Errorf("%s: the screen does not show %q; it shows %q", when, w, f.texts())
		}
	}
}

// rowButton returns the button labelled text on the line of the tab that shows name.
func (f *edBFixture) rowButton(rows *fyne.Container, name, text string) *widget.Button {
	f.t.Helper()
	for _, row := range rows.Objects {
		var named bool
		var found *widget.Button
		visitVisible(row, func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *widget.Label:
				named = named || x.Text == name
			case *widget.Button:
				if x.Text == text && found == nil {
					found = x
				}
			}
		})
		if named && found != nil {
			return found
		}
	}
	f.t.Fatalf("no %q button on the line of %q; the screen shows %q", text, name, f.texts())
	return nil
}

// stakeholderLocal returns a local instant in 2026.
func stakeholderLocal(m time.Month, d, h, min int) time.Time {
	return time.Date(2026, m, d, h, min, 0, 0, time.Local)
}

func TestStakeholdersTabAssignAndApprove(t *testing.T) {
	f := newEdBFixture(t, tabStakeholders, data.StatusPlanned)
	f.person("Dana Smith", "dana@example.com", "Payments Engineering", "Engineering Manager")
	f.person("Alex Kim", "alex@example.com", "Release Management", "Release Manager")
	f.wantTexts("empty", "No one is assigned to this release yet")

	f.tapButton("Assign person")
	if got := edBIn[*widget.Select](f, "Role").Selected; got != "Accountable (A)" {
		t.Errorf("role proposed for a release without an Accountable = %q", got)
	}
	who := edBIn[*widget.SelectEntry](f, "Person")
	test.Type(who, "dan")
	f.wantTexts("typing", "1 person match")
	test.Type(who, "a smith")
	f.wantTexts("a known name", "Payments Engineering · Engineering Manager · dana@example.com · in the directory")
	if fieldIn(f.win.Canvas().Overlays().Top(), "Email") != nil {
		t.Error("the new-person fields show for someone in the directory")
	}
	f.tapButton("Assign")
	if f.dialogOpen() {
		t.Fatalf("dialog still open; it shows %q", f.texts())
	}
	f.tapButton("Assign person")
	edBIn[*widget.SelectEntry](f, "Person").SetText("Alex Kim")
	edBIn[*widget.Select](f, "Role").SetSelected("Responsible (R)")
	f.tapButton("Assign")

	people := f.storedPeople()
	if len(people) != 2 || people[0].Stakeholder.Name != "Alex Kim" || people[0].Role != data.RoleResponsible ||
		people[1].Stakeholder.Name != "Dana Smith" || people[1].Role != data.RoleAccountable || people[1].Approval != data.ApprovalPending {
		t.Fatalf("stored %+v", people)
	}
	f.wantTexts("assigned", "Accountable: Dana Smith — pending", "Waiting for 2 approvals: Alex Kim (Responsible), Dana Smith (Accountable)",
		"2 people · 2 approvals pending", "Responsible (R)", "Accountable (A)", "Assigned Alex Kim as Responsible")

	tab := edBTab[*stakeholdersTab](f)
	test.Tap(f.rowButton(tab.groups, "Dana Smith", "Record approval"))
	if got := edBIn[*widget.RadioGroup](f, "Decision").Selected; got != "Approved" {
		t.Errorf("decision proposed for a pending sign-off = %q", got)
	}
	f.typeTime("When", stakeholderLocal(time.April, 20, 10, 30))
	f.typeIn("Comment", "Go once the runbook is signed")
	f.tapButton("Record")
	if f.dialogOpen() {
		t.Fatalf("approval dialog still open; it shows %q", f.texts())
	}
	dana := f.storedPeople()[1]
	if dana.Approval != data.ApprovalApproved || dana.ApprovedAt == nil || !dana.ApprovedAt.Equal(stakeholderLocal(time.April, 20, 10, 30)) ||
		dana.ApprovalComment != "Go once the runbook is signed" {
		t.Fatalf("stored approval %+v", dana)
	}
	f.wantTexts("approved", "Accountable: Dana Smith — approved 2026-04-20 10:30", "Waiting for 1 approval: Alex Kim (Responsible)",
		"“Go once the runbook is signed”", "Approved", "Recorded Dana Smith's approval")

	f.screen.Undo()
	if got := f.storedPeople()[1]; got.Approval != data.ApprovalPending || got.ApprovedAt != nil || got.ApprovalComment != "" {
		t.Errorf("undo left %+v", got)
	}
	f.wantTexts("undone", "Accountable: Dana Smith — pending")
}

func TestStakeholdersTabAddsNewPersonInline(t *testing.T) {
	f := newEdBFixture(t, tabStakeholders, data.StatusPlanned)
	f.person("Dana Smith", "dana@example.com", "Payments Engineering", "Engineering Manager")
	f.tapButton("Assign person")
	test.Type(edBIn[*widget.SelectEntry](f, "Person"), "Priya Natarajan")
	f.wantTexts("a new name", "Not in the directory: saving adds Priya Natarajan as a new person.")
	f.typeIn("Email", "priya@example.com")
	f.typeIn("Team", "Security")
	f.typeIn("Title", "Security Lead")
	edBIn[*widget.Select](f, "Role").SetSelected("Consulted (C)")
	f.tapButton("Assign")
	if f.dialogOpen() {
		t.Fatalf("dialog still open; it shows %q", f.texts())
	}
	people := f.storedPeople()
	if len(people) != 1 || people[0].Stakeholder.Email != "priya@example.com" || people[0].Stakeholder.Team != "Security" ||
		people[0].Role != data.RoleConsulted {
		t.Fatalf("stored %+v", people)
	}
	f.wantTexts("added", "Added Priya Natarajan to the directory and assigned them as Consulted", "No Accountable assigned")
	f.screen.Undo()
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
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newEdBFixture(t, tabStakeholders, data.StatusPlanned)
			dana := f.person("Dana Smith", "dana@example.com", "Payments Engineering", "Engineering Manager")
			f.assign(dana, data.RoleAccountable)
			f.reopen(tabStakeholders)
			f.tapButton("Assign person")
			edBIn[*widget.SelectEntry](f, "Person").SetText(c.person)
			if c.email != "" {
				f.typeIn("Email", c.email)
			}
			role := edBIn[*widget.Select](f, "Role")
			if c.role == "" {
				role.ClearSelected()
			} else {
				role.SetSelected(c.role)
			}
			f.tapButton("Assign")
			if !f.dialogOpen() {
				t.Fatal("the dialog closed on a bad value")
			}
			if got := f.message(c.field); got != c.want {
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
		fill        func(f *edBFixture)
		field, want string
	}{
		{"rejection without a comment", func(f *edBFixture) { edBIn[*widget.RadioGroup](f, "Decision").SetSelected("Rejected") },
			"Comment", "Comment is required for a rejection: say what must change"},
		{"in the future", func(f *edBFixture) { f.typeTime("When", time.Now().Add(48*time.Hour)) }, "When", "When cannot be in the future"},
		{"time not understood", func(f *edBFixture) { f.typeIn("When", "25:00") }, "When", "When is not a time like 14:30 (24-hour HH:MM)"},
		{"no day", func(f *edBFixture) { edBIn[*widget.DateEntry](f, "When").SetText("") }, "When", "When is missing its day"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newEdBFixture(t, tabStakeholders, data.StatusPlanned)
			f.assign(f.person("Dana Smith", "dana@example.com", "", ""), data.RoleAccountable)
			f.reopen(tabStakeholders)
			test.Tap(f.rowButton(edBTab[*stakeholdersTab](f).groups, "Dana Smith", "Record approval"))
			c.fill(f)
			f.tapButton("Record")
			if !f.dialogOpen() {
				t.Fatal("the dialog closed on a bad value")
			}
			if got := f.message(c.field); got != c.want {
				t.Errorf("message under %s = %q, want %q", c.field, got, c.want)
			}
			if got := f.storedPeople()[0]; got.Approval != data.ApprovalPending {
				t.Errorf("stored %s despite the bad value", got.Approval)
			}
		})
	}
}

func TestStakeholdersTabRemoveAndUndo(t *testing.T) {
	f := newEdBFixture(t, tabStakeholders, data.StatusPlanned)
	dana := f.assign(f.person("Dana Smith", "dana@example.com", "", ""), data.RoleAccountable)
	at := stakeholderLocal(time.April, 2, 9, 15)
	if err := f.store.RecordApproval(f.ctx, dana.ID, data.ApprovalApproved, at, "Fine by me"); err != nil {
		t.Fatal(err)
	}
	f.reopen(tabStakeholders)
	f.wantTexts("before", "Accountable: Dana Smith — approved 2026-04-02 09:15", "Every sign-off is in.")
	test.Tap(f.rowButton(edBTab[*stakeholdersTab](f).groups, "Dana Smith", "Remove"))
	f.wantTexts("asking", "Remove Dana Smith (Accountable) from Payments 2.4.0?", "Their approved sign-off goes with it.")
	f.tapButton("Remove")
	if n := len(f.storedPeople()); n != 0 {
		t.Fatalf("%d assignments left after removal", n)
	}
	f.wantTexts("removed", "No one is assigned to this release yet", "Removed Dana Smith (Accountable)")
	f.screen.Undo()
	people := f.storedPeople()
	if len(people) != 1 || people[0].Approval != data.ApprovalApproved || !people[0].ApprovedAt.Equal(at) {
		t.Fatalf("undo restored %+v", people)
	}
	f.wantTexts("restored", "Accountable: Dana Smith — approved 2026-04-02 09:15")
}

func TestSignOffNotes(t *testing.T) {
	at := stakeholderLocal(time.March, 2, 14, 5)
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
