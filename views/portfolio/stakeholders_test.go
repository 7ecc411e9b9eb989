package portfolio

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/uitest"
)

// peopleFixture is the Stakeholders screen on a real database file.
type peopleFixture struct {
	*uitest.UI
	screen *Stakeholders
}

func newPeopleFixture(t *testing.T) *peopleFixture {
	return &peopleFixture{UI: uitest.New(t)}
}

// show builds the screen over what the database holds, its RACI periods counted from 15 June 2026.
func (f *peopleFixture) show() *Stakeholders {
	f.screen = NewStakeholders(f.Store, f.Win, f.Timers.Scheduler())
	f.screen.raci.today = func() data.Date { return uitest.Day(time.June, 15) }
	f.screen.Reload()
	f.Win.SetContent(f.screen)
	f.Win.Resize(fyne.NewSize(1088, 760))
	return f.screen
}

func (f *peopleFixture) person(name, email string) data.Stakeholder {
	f.T.Helper()
	p := data.Stakeholder{Name: name, Email: email, Team: "Payments"}
	if err := f.Store.SaveStakeholder(f.Ctx, &p); err != nil {
		f.T.Fatal(err)
	}
	return p
}

func (f *peopleFixture) assign(r data.Release, p data.Stakeholder, role data.RACIRole, a data.Approval) {
	f.T.Helper()
	rs := data.ReleaseStakeholder{ReleaseID: r.ID, StakeholderID: p.ID, Role: role, Approval: a}
	if a != data.ApprovalPending {
		at := time.Date(2026, time.June, 10, 9, 0, 0, 0, time.UTC)
		rs.ApprovedAt = &at
	}
	if err := f.Store.AssignStakeholder(f.Ctx, &rs); err != nil {
		f.T.Fatal(err)
	}
}

// directory lists the stored people as "name <email>".
func (f *peopleFixture) directory() []string {
	f.T.Helper()
	ps, err := f.Store.Stakeholders(f.Ctx)
	if err != nil {
		f.T.Fatal(err)
	}
	var out []string
	for _, p := range ps {
		out = append(out, p.Name+" <"+p.Email+">")
	}
	return out
}

func TestStakeholdersAddRefusesBadEmail(t *testing.T) {
	f := newPeopleFixture(t)
	f.person("Ann Lee", "ann@example.com")
	f.show()
	tests := []struct {
		name, person, email, field, msg string
	}{
		{"not an address", "Bob Stone", "bob at example", "Email", "must be an address like dana@example.com"},
		{"display name", "Bob Stone", "Bob <bob@example.com>", "Email", "must be an address like"},
		{"taken address", "Bob Stone", "ANN@example.com", "Email", "already belongs to Ann Lee"},
		{"no name", "", "bob@example.com", "Name", "Name is required"},
	}
	for _, tt := range tests {
		f.Tap("Add person")
		test.Type(envEntry(f.UI, "e.g. Dana Whitfield"), tt.person)
		test.Type(envEntry(f.UI, "dana@example.com"), tt.email)
		f.Tap("Add")
		if got := f.screen.form.Message(tt.field); !strings.Contains(got, tt.msg) {
			t.Errorf("%s: %s says %q, want %q", tt.name, tt.field, got, tt.msg)
		}
		if got := f.directory(); len(got) != 1 {
			t.Errorf("%s: directory is now %q", tt.name, got)
		}
		f.Tap("Cancel")
	}

	f.Tap("Add person")
	test.Type(envEntry(f.UI, "e.g. Dana Whitfield"), "Bob Stone")
	test.Type(envEntry(f.UI, "dana@example.com"), "bob@example.com")
	test.Type(envEntry(f.UI, "e.g. Engineering Manager"), "QA Lead")
	f.Tap("Add")
	if got := strings.Join(f.directory(), ","); got != "Ann Lee <ann@example.com>,Bob Stone <bob@example.com>" {
		t.Fatalf("directory %s", got)
	}
	if !f.Shows("Bob Stone") || !f.Shows("QA Lead") || !f.Shows("2 people") {
		t.Errorf("new person not listed; visible %q", f.Texts())
	}
}

func TestStakeholdersDeleteRefusedWhileAssigned(t *testing.T) {
	f := newPeopleFixture(t)
	ann := f.person("Ann Lee", "ann@example.com")
	r1 := f.Release("Payments", "2.4.0", "Checkout", data.StatusPlanned, uitest.Day(time.June, 20))
	r2 := f.Release("Payments", "2.5.0", "Refunds", data.StatusPlanned, uitest.Day(time.July, 20))
	f.assign(r1, ann, data.RoleAccountable, data.ApprovalPending)
	f.assign(r1, ann, data.RoleResponsible, data.ApprovalPending)
	f.assign(r2, ann, data.RoleInformed, data.ApprovalPending)
	s := f.show()
	if !f.Shows("Ann Lee") {
		t.Fatalf("Ann not listed; visible %q", f.Texts())
	}
	var opened uint
	s.OnOpenRelease = func(id uint) { opened = id }

	s.askDelete(s.shown[0])
	if !f.Shows("Ann Lee is assigned to 2 releases") {
		t.Fatalf("no refusal naming the releases; visible %q", f.Texts())
	}
	f.Tap("Show the releases")
	if !f.Shows("Payments 2.5.0 — Refunds") || !f.Shows("Accountable · 20 Jun 2026") {
		t.Fatalf("assignments not listed; visible %q", f.Texts())
	}
	list := uitest.Find(f.UI, func(l *widget.List) bool { return l.Length() == 3 })
	list.Select(0) // the latest planned release comes first
	if opened != r2.ID {
		t.Errorf("opened release %d, want %d", opened, r2.ID)
	}
	if got := f.directory(); len(got) != 1 {
		t.Errorf("Ann vanished: %q", got)
	}
	if s.CanUndo() {
		t.Error("a refused delete can be undone")
	}
}

func TestStakeholdersDeleteAndUndo(t *testing.T) {
	f := newPeopleFixture(t)
	f.person("Ann Lee", "ann@example.com")
	bob := f.person("Bob Stone", "bob@example.com")
	s := f.show()

	tapDelete := func(row int) {
		var dels []*widget.Button
		uitest.Visit(s.table, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Icon != nil && b.Icon.Name() == theme.DeleteIcon().Name() {
				dels = append(dels, b)
			}
		})
		if row >= len(dels) {
			t.Fatalf("only %d delete buttons", len(dels))
		}
		test.Tap(dels[row])
	}
	tapDelete(1)
	if !f.Shows("Remove Bob Stone from the directory?") {
		t.Fatalf("no confirmation; visible %q", f.Texts())
	}
	f.Tap("Yes")
	if got := f.directory(); len(got) != 1 || got[0] != "Ann Lee <ann@example.com>" {
		t.Fatalf("after delete %q", got)
	}
	if s.UndoLabel() != "Undo delete of Bob Stone" {
		t.Errorf("undo offers %q", s.UndoLabel())
	}
	f.Tap("Undo")
	ps, _ := f.Store.Stakeholders(f.Ctx)
	if len(ps) != 2 || ps[1].ID != bob.ID || ps[1].Email != "bob@example.com" {
		t.Fatalf("after undo %+v", ps)
	}
}

func TestStakeholdersSearch(t *testing.T) {
	f := newPeopleFixture(t)
	f.person("Ann Lee", "ann@example.com")
	f.person("Bob Stone", "bob@corp.example")
	s := f.show()
	test.Type(s.search, "CORP")
	if len(s.shown) != 1 || s.shown[0].Name != "Bob Stone" || s.count.Text != "1 of 2 people" {
		t.Errorf("search shows %d (%s)", len(s.shown), s.count.Text)
	}
	s.search.SetText("nobody")
	if !f.Shows("No one matches “nobody”.") {
		t.Errorf("no empty search message; visible %q", f.Texts())
	}
}

func TestRACIMatrixCells(t *testing.T) {
	f := newPeopleFixture(t)
	ann, bob := f.person("Ann Lee", "ann@example.com"), f.person("Bob Stone", "bob@example.com")
	june := f.Release("Payments", "2.4.0", "Checkout", data.StatusPlanned, uitest.Day(time.June, 20))
	july := f.Release("Payments", "2.5.0", "Refunds", data.StatusPlanned, uitest.Day(time.July, 10))
	f.Release("Payments", "3.0.0", "Later", data.StatusPlanned, uitest.Day(time.October, 1))
	f.assign(june, ann, data.RoleAccountable, data.ApprovalApproved)
	f.assign(june, ann, data.RoleResponsible, data.ApprovalApproved)
	f.assign(june, bob, data.RoleConsulted, data.ApprovalPending)
	f.assign(july, bob, data.RoleAccountable, data.ApprovalRejected)
	s := f.show()
	s.tabs.SelectIndex(1)
	m := s.raci

	if got := m.note.Text; got != "15 Jun 2026 – 15 Jul 2026 · 2 releases, 2 people" {
		t.Errorf("note %q", got)
	}
	cell := func(row, col int) *raciCell {
		c := newRACICell()
		m.updateCell(widget.TableCellID{Row: row, Col: col}, c)
		return c
	}
	tests := []struct {
		name              string
		c                 *raciCell
		text              string
		approval          data.Approval
		accountable, head bool
	}{
		{"release column", cell(0, 0), "20 Jun  Payments 2.4.0", "", false, true},
		{"Ann on June: A and R, approved", cell(0, 1), "R/A", data.ApprovalApproved, true, false},
		{"Bob on June: consulted, pending", cell(0, 2), "C", data.ApprovalPending, false, false},
		{"Ann on July: nothing", cell(1, 1), "", "", false, false},
		{"Bob on July: accountable, rejected", cell(1, 2), "A", data.ApprovalRejected, true, false},
	}
	for _, tt := range tests {
		if tt.c.text != tt.text || tt.c.approval != tt.approval || tt.c.accountable != tt.accountable || tt.c.release != tt.head {
			t.Errorf("%s: text %q, approval %q, accountable %v, release %v", tt.name, tt.c.text, tt.c.approval, tt.c.accountable, tt.c.release)
		}
	}
	// The dot marks a pending approval and is drawn amber.
	r := test.WidgetRenderer(cell(0, 2)).(*raciCellRenderer)
	if r.dot.Hidden || r.dot.FillColor == nil {
		t.Error("a pending approval has no mark")
	}
	if r := test.WidgetRenderer(cell(0, 1)).(*raciCellRenderer); !r.dot.Hidden {
		t.Error("an approved cell is marked")
	}

	var opened uint
	s.OnOpenRelease = func(id uint) { opened = id }
	m.table.Select(widget.TableCellID{Row: 1, Col: 0})
	if opened != july.ID {
		t.Errorf("tapping the July row opened %d", opened)
	}
	m.period.SetSelected("Next quarter") // July to September 2026
	if len(m.m.Releases) != 1 || m.m.Releases[0].ID != july.ID {
		t.Errorf("next quarter has %d releases", len(m.m.Releases))
	}
}

func TestQuarterBounds(t *testing.T) {
	tests := []struct {
		day      data.Date
		ahead    int
		from, to string
	}{
		{data.NewDate(2026, time.June, 15), 0, "2026-04-01", "2026-06-30"},
		{data.NewDate(2026, time.June, 15), 1, "2026-07-01", "2026-09-30"},
		{data.NewDate(2026, time.November, 25), 1, "2027-01-01", "2027-03-31"},
		{data.NewDate(2026, time.January, 1), 0, "2026-01-01", "2026-03-31"},
	}
	for _, tt := range tests {
		from, to := quarterBounds(tt.day, tt.ahead)
		if from.String() != tt.from || to.String() != tt.to {
			t.Errorf("%s +%d: %s to %s, want %s to %s", tt.day, tt.ahead, from, to, tt.from, tt.to)
		}
	}
}
