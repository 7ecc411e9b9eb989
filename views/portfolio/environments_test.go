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
	"releasedesk/views/kit"
	"releasedesk/views/uitest"
)

// envFixture is the Environments screen on a real database file.
type envFixture struct {
	*uitest.UI
	screen *Environments
}

// newEnvFixture stores environments named names (kinds in promotion order)
// and shows the screen.
func newEnvFixture(t *testing.T, names ...string) *envFixture {
	f := &envFixture{UI: uitest.New(t)}
	for i, n := range names {
		e := data.Environment{Name: n, Kind: data.EnvironmentKinds[min(i, len(data.EnvironmentKinds)-1)]}
		if err := f.Store.SaveEnvironment(f.Ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
	f.screen = NewEnvironments(f.Store, f.Win, f.Timers.Scheduler())
	f.screen.freeze.now = func() time.Time { return time.Date(2026, time.June, 1, 0, 0, 0, 0, time.Local) }
	f.screen.Reload()
	f.Win.SetContent(f.screen)
	f.Win.Resize(fyne.NewSize(1088, 760))
	return f
}

// names lists the stored environments in promotion order.
func (f *envFixture) names() string {
	f.T.Helper()
	envs, err := f.Store.Environments(f.Ctx)
	if err != nil {
		f.T.Fatal(err)
	}
	out := make([]string, len(envs))
	for i, e := range envs {
		out[i] = e.Name
	}
	return strings.Join(out, ",")
}

// envEntry returns the visible entry whose placeholder is hint.
func envEntry(f *uitest.UI, hint string) *widget.Entry {
	return uitest.Find(f, func(e *widget.Entry) bool { return e.PlaceHolder == hint })
}

// envTapIcon taps the n-th button showing icon res in the promotion path.
func (f *envFixture) envTapIcon(res fyne.Resource, n int) {
	f.T.Helper()
	var found []*widget.Button
	uitest.Visit(f.screen.path, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Icon != nil && b.Icon.Name() == res.Name() && b.Text == "" {
			found = append(found, b)
		}
	})
	if n >= len(found) {
		f.T.Fatalf("only %d %s buttons", len(found), res.Name())
	}
	test.Tap(found[n])
}

func TestEnvironmentsAddRefusesBadInput(t *testing.T) {
	f := newEnvFixture(t, "Dev")
	tests := []struct {
		name, typed, field, msg string
	}{
		{"empty name", "  ", "Name", "Name is required"},
		{"taken name", "dev", "Name", "An environment named Dev already exists"},
	}
	for _, tt := range tests {
		f.Tap("Add environment")
		test.Type(envEntry(f.UI, "e.g. QA"), tt.typed)
		f.Tap("Add")
		if got := f.screen.form.Message(tt.field); !strings.Contains(got, tt.msg) {
			t.Errorf("%s: %s says %q, want %q", tt.name, tt.field, got, tt.msg)
		}
		if got := f.names(); got != "Dev" {
			t.Errorf("%s: stored %s", tt.name, got)
		}
		f.Tap("Cancel")
	}
}

func TestEnvironmentsAddMoveDeleteAndUndo(t *testing.T) {
	f := newEnvFixture(t, "Dev", "QA")
	f.Tap("Add environment")
	test.Type(envEntry(f.UI, "e.g. QA"), "Production")
	uitest.Find(f.UI, func(s *widget.Select) bool { return len(s.Options) == len(data.EnvironmentKinds) }).
		SetSelected(data.KindProduction.Label())
	test.Type(envEntry(f.UI, "What this environment is for"), "Live")
	f.Tap("Add")
	if got := f.names(); got != "Dev,QA,Production" {
		t.Fatalf("after add: %s", got)
	}
	envs, _ := f.Store.Environments(f.Ctx)
	if envs[2].Kind != data.KindProduction || envs[2].Description != "Live" {
		t.Errorf("stored %+v", envs[2])
	}
	if !f.Shows("Added Production") || !f.Shows("3.") {
		t.Errorf("screen after add; visible %q", f.Texts())
	}

	f.envTapIcon(theme.MoveDownIcon(), 0) // Dev moves below QA
	if got := f.names(); got != "QA,Dev,Production" {
		t.Fatalf("after move down: %s", got)
	}
	f.screen.Undo()
	if got := f.names(); got != "Dev,QA,Production" {
		t.Fatalf("after undoing the move: %s", got)
	}

	// Deleting asks first; then the environment goes, and Undo brings it back in its place.
	f.envTapIcon(theme.DeleteIcon(), 1) // QA
	if got := f.names(); got != "Dev,QA,Production" {
		t.Fatalf("deleted before confirming: %s", got)
	}
	f.Tap("Yes")
	if got := f.names(); got != "Dev,Production" {
		t.Fatalf("after delete: %s", got)
	}
	if !f.screen.CanUndo() || f.screen.UndoLabel() != "Undo delete of QA" {
		t.Errorf("undo offers %q", f.screen.UndoLabel())
	}
	f.Tap("Undo")
	if got := f.names(); got != "Dev,QA,Production" {
		t.Fatalf("after undoing the delete: %s", got)
	}
}

func TestEnvironmentsDeleteInUseIsRefused(t *testing.T) {
	f := newEnvFixture(t, "Dev", "QA")
	rel := f.Release("Payments", "1.0.0", "First", data.StatusPlanned, uitest.Day(time.July, 1))
	envs, _ := f.Store.Environments(f.Ctx)
	start := time.Date(2026, time.June, 20, 9, 0, 0, 0, time.Local)
	d := data.Deployment{ReleaseID: rel.ID, EnvironmentID: envs[0].ID, PlannedStart: start, PlannedEnd: start.Add(time.Hour)}
	if err := f.Store.SaveDeployment(f.Ctx, &d); err != nil {
		t.Fatal(err)
	}
	f.screen.Reload()
	if !f.Shows("1 deployment, 0 test runs") {
		t.Errorf("Dev's use is not shown; visible %q", f.Texts())
	}
	f.envTapIcon(theme.DeleteIcon(), 0)
	f.Tap("Yes")
	if !f.Shows("Dev has 1 deployment and 0 test runs and cannot be removed") {
		t.Errorf("no refusal with the store's reason; visible %q", f.Texts())
	}
	if got := f.names(); got != "Dev,QA" {
		t.Errorf("after a refused delete: %s", got)
	}
	if f.screen.CanUndo() {
		t.Error("a refused delete can be undone")
	}
}

func TestEnvironmentsWhatRunsWhere(t *testing.T) {
	f := newEnvFixture(t, "Dev", "Production")
	rel := f.Release("Payments", "2.4.0", "Checkout", data.StatusPlanned, uitest.Day(time.July, 1))
	f.Release("Billing", "1.0.0", "Invoices", data.StatusPlanned, uitest.Day(time.July, 1))
	envs, _ := f.Store.Environments(f.Ctx)
	start := time.Date(2026, time.June, 20, 9, 0, 0, 0, time.Local)
	d := data.Deployment{ReleaseID: rel.ID, EnvironmentID: envs[0].ID, Build: "2.4.0-rc.1", PlannedStart: start, PlannedEnd: start.Add(time.Hour)}
	if err := f.Store.SaveDeployment(f.Ctx, &d); err != nil {
		t.Fatal(err)
	}
	if err := f.Store.RecordOutcome(f.Ctx, d.ID, data.OutcomeSucceeded, start, start.Add(time.Hour), "Sam", ""); err != nil {
		t.Fatal(err)
	}
	f.screen.Reload()
	for _, want := range []string{"2.4.0 (rc.1)", "20 Jun 2026 10:00", "—", "Billing", "Payments"} {
		if !f.Shows(want) {
			t.Errorf("matrix lacks %q; visible %q", want, f.Texts())
		}
	}
	var opened uint
	f.screen.OnOpenRelease = func(id uint) { opened = id }
	f.screen.runs.table.Select(widget.TableCellID{Row: 0, Col: 2}) // Dev x Payments
	if opened != rel.ID {
		t.Errorf("tapping the cell opened %d, want %d", opened, rel.ID)
	}
}

// freezeFill types a window into the open freeze form.
func (f *envFixture) freezeFill(name string, start, end time.Time, only []string) *freezeForm {
	f.T.Helper()
	form := f.screen.freeze.form
	form.name.SetText("")
	test.Type(form.name, name)
	for _, te := range []struct {
		in *kit.TimeEntry
		at time.Time
	}{{form.start, start}, {form.end, end}} {
		if te.at.IsZero() {
			continue
		}
		uitest.TypeDay(te.in.Day, data.DateOf(te.at))
		te.in.Clock.SetText("")
		test.Type(te.in.Clock, te.at.Format("15:04"))
	}
	if only != nil {
		form.scope.SetSelected(freezeSomeEnvs)
		form.envs.SetSelected(only)
	}
	return form
}

// freezeWindows lists the stored windows as "name envs start-end".
func (f *envFixture) freezeWindows() []string {
	f.T.Helper()
	ws, err := f.Store.FreezeWindows(f.Ctx, time.Time{}, time.Time{})
	if err != nil {
		f.T.Fatal(err)
	}
	var out []string
	for _, w := range ws {
		out = append(out, w.Name+" "+freezeScope(w)+" "+w.Start.In(time.Local).Format("2 Jan 15:04")+"-"+w.End.In(time.Local).Format("2 Jan 15:04"))
	}
	return out
}

func TestFreezeWindowsCreateEditDeleteUndo(t *testing.T) {
	f := newEnvFixture(t, "Dev", "Staging", "Production")
	if !f.Shows("No freeze window is on or ahead") {
		t.Errorf("no empty state; visible %q", f.Texts())
	}
	at := func(d, h int) time.Time { return time.Date(2026, time.December, d, h, 0, 0, 0, time.Local) }

	f.Tap("New freeze window")
	f.freezeFill("Year end", at(20, 0), at(31, 18), []string{"Staging", "Production"})
	test.Type(envEntry(f.UI, "Why nothing may be deployed"), "Holidays")
	f.Tap("Create")
	want := "Year end Staging, Production 20 Dec 00:00-31 Dec 18:00"
	if got := f.freezeWindows(); len(got) != 1 || got[0] != want {
		t.Fatalf("stored %q, want %q", got, want)
	}
	if !f.Shows("Year end") || !f.Shows("Staging, Production · Holidays") {
		t.Errorf("new window not listed; visible %q", f.Texts())
	}

	f.envTapFreeze(theme.DocumentCreateIcon())
	f.freezeFill("Year-end freeze", time.Time{}, time.Time{}, nil)
	f.screen.freeze.form.scope.SetSelected(freezeEveryEnv)
	f.Tap("Save")
	want = "Year-end freeze All environments 20 Dec 00:00-31 Dec 18:00"
	if got := f.freezeWindows(); len(got) != 1 || got[0] != want {
		t.Fatalf("after edit %q, want %q", got, want)
	}

	f.envTapFreeze(theme.DeleteIcon())
	f.Tap("Yes")
	if got := f.freezeWindows(); len(got) != 0 {
		t.Fatalf("after delete %q", got)
	}
	f.screen.Undo()
	if got := f.freezeWindows(); len(got) != 1 || got[0] != want {
		t.Fatalf("after undoing the delete %q, want %q", got, want)
	}
	f.screen.Undo() // the edit
	if got := f.freezeWindows(); len(got) != 1 || !strings.HasPrefix(got[0], "Year end Staging, Production") {
		t.Fatalf("after undoing the edit %q", got)
	}
}

func TestFreezeWindowFormRefusesBadInput(t *testing.T) {
	f := newEnvFixture(t, "Dev", "Production")
	at := func(d, h int) time.Time { return time.Date(2026, time.December, d, h, 0, 0, 0, time.Local) }
	tests := []struct {
		name       string
		title      string
		start, end time.Time
		clock      string // typed over the start's time when set
		only       []string
		field, msg string
	}{
		{"end before start", "Freeze", at(20, 0), at(19, 0), "", nil, "End", "End must be after the start"},
		{"no name", "", at(20, 0), at(21, 0), "", nil, "Name", "Name is required"},
		{"bad time", "Freeze", at(20, 0), at(21, 0), "25:00", nil, "Start", "is not a time like 14:30"},
		{"no environment chosen", "Freeze", at(20, 0), at(21, 0), "", []string{}, "Environments", "choose at least one environment"},
	}
	for _, tt := range tests {
		f.Tap("New freeze window")
		form := f.freezeFill(tt.title, tt.start, tt.end, tt.only)
		if tt.clock != "" {
			form.start.Clock.SetText(tt.clock)
		}
		f.Tap("Create")
		if got := form.form.Message(tt.field); !strings.Contains(strings.ToLower(got), strings.ToLower(tt.msg)) {
			t.Errorf("%s: %s says %q, want %q", tt.name, tt.field, got, tt.msg)
		}
		if got := f.freezeWindows(); len(got) != 0 {
			t.Errorf("%s: saved %q", tt.name, got)
		}
		f.Tap("Cancel")
	}
}

// envTapFreeze taps the button showing icon res on the first freeze window.
func (f *envFixture) envTapFreeze(res fyne.Resource) {
	f.T.Helper()
	var found *widget.Button
	uitest.Visit(f.screen.freeze.list, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && found == nil && b.Icon != nil && b.Icon.Name() == res.Name() {
			found = b
		}
	})
	if found == nil {
		f.T.Fatalf("no %s button on a freeze window", res.Name())
	}
	test.Tap(found)
}
