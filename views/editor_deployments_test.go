package views

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
)

// edAFixture is the release editor open on one release of a real database
// with a Dev, QA, Production promotion path.
type edAFixture struct {
	*releasesFixture
	envs    map[string]data.Environment
	release data.Release
}

// newEdAFixture stores the path and a planned Payments 2.4.0, with the
// released 2.3.0 before it, and opens the editor on the tab at position.
func newEdAFixture(t *testing.T, position int) *edAFixture {
	t.Helper()
	f := &edAFixture{releasesFixture: newReleasesFixture(t), envs: map[string]data.Environment{}}
	for _, e := range []data.Environment{{Name: "Dev", Kind: data.KindDevelopment}, {Name: "QA", Kind: data.KindTest},
		{Name: "Production", Kind: data.KindProduction}} {
		if err := f.store.SaveEnvironment(f.ctx, &e); err != nil {
			t.Fatalf("environment %s: %v", e.Name, err)
		}
		f.envs[e.Name] = e
	}
	f.releasesFixture.release("Payments", "2.3.0", "Previous", data.StatusReleased, day(time.February, 2))
	f.releasesFixture.release("Payments", "2.4.0", "Refunds", data.StatusPlanned, day(time.May, 4))
	rs, err := f.store.ListReleases(f.ctx, data.ReleaseFilter{Search: "2.4.0"})
	if err != nil || len(rs) != 1 {
		t.Fatalf("release: %v %v", rs, err)
	}
	f.release = rs[0]
	f.show()
	f.screen.open(f.release)
	f.selectTab(position)
	return f
}

// selectTab shows the editor tab registered at position.
func (f *edAFixture) selectTab(position int) {
	f.screen.editor.appTabs.SelectIndex(lookATabIndex(position))
}

// reopen opens the stored release again, as a user coming back to it would.
func (f *edAFixture) reopen(position int) {
	f.screen.open(f.release)
	f.selectTab(position)
}

func (f *edAFixture) deploymentsTab() *deploymentsTab {
	for _, t := range f.screen.editor.tabs {
		if d, ok := t.(*deploymentsTab); ok {
			return d
		}
	}
	f.t.Fatal("no Deployments tab")
	return nil
}

// deploy stores a deployment of the release on env, planned at start for an hour.
func (f *edAFixture) deploy(env string, start time.Time) data.Deployment {
	f.t.Helper()
	d := data.Deployment{ReleaseID: f.release.ID, EnvironmentID: f.envs[env].ID, Build: "2.4.0", PlannedStart: start, PlannedEnd: start.Add(time.Hour)}
	if err := f.store.SaveDeployment(f.ctx, &d); err != nil {
		f.t.Fatalf("deploy %s: %v", env, err)
	}
	return d
}

func (f *edAFixture) storedDeployments() []data.Deployment {
	f.t.Helper()
	ds, err := f.store.ReleaseDeployments(f.ctx, f.release.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	return ds
}

func (f *edAFixture) storedRelease() data.Release {
	f.t.Helper()
	r, err := f.store.Release(f.ctx, f.release.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	return r
}

// dialogOpen reports whether a dialog is showing.
func (f *edAFixture) dialogOpen() bool { return f.win.Canvas().Overlays().Top() != nil }

// field returns the input cell of the open dialog's row labelled label.
func (f *edAFixture) field(label string) *fyne.Container {
	f.t.Helper()
	top := f.win.Canvas().Overlays().Top()
	if top == nil {
		f.t.Fatalf("no dialog open looking for %q", label)
	}
	var cell *fyne.Container
	visitVisible(top, func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok || cell != nil {
			return
		}
		for i := 0; i+1 < len(c.Objects); i += 2 {
			if l, ok := c.Objects[i].(*widget.Label); ok && l.Text == label && l.TextStyle.Bold {
				if next, ok := c.Objects[i+1].(*fyne.Container); ok {
					cell = next
				}
			}
		}
	})
	if cell == nil {
		f.t.Fatalf("the dialog has no field %q; it shows %q", label, f.texts())
	}
	return cell
}

// edAInField returns the first widget of type T in the field labelled label.
func edAInField[T fyne.CanvasObject](f *edAFixture, label string) T {
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
func (f *edAFixture) typeIn(label, text string) {
	f.t.Helper()
	e := edAInField[*widget.Entry](f, label)
	e.SetText("")
	test.Type(e, text)
}

// typeTime types an instant into the day and time inputs of the field labelled label.
func (f *edAFixture) typeTime(label string, at time.Time) {
	f.t.Helper()
	typeDay(edAInField[*widget.DateEntry](f, label), data.DateOf(at))
	f.typeIn(label, at.Format("15:04"))
}

// message returns the problem shown under the field labelled label, "" when none.
func (f *edAFixture) message(label string) string {
	f.t.Helper()
	var msg string
	visitVisible(f.field(label), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Importance == widget.DangerImportance && msg == "" {
			msg = l.Text
		}
	})
	return msg
}

// edALocal returns a local instant in 2026.
func edALocal(m time.Month, d, h, min int) time.Time {
	return time.Date(2026, m, d, h, min, 0, 0, time.Local)
}

func TestDeploymentsPlanThroughForm(t *testing.T) {
	f := newEdAFixture(t, tabDeployments)
	if !f.showsText("No deployments planned yet") {
		t.Fatalf("empty tab does not explain itself; shows %q", f.texts())
	}
	f.tapButton("Plan deployment")
	if got := edAInField[*widget.Select](f, "Environment").Selected; got != "Dev" {
		t.Errorf("proposed environment %q, want Dev, the first of the path", got)
	}
	if got := edAInField[*widget.Entry](f, "Build").Text; got != "2.4.0" {
		t.Errorf("proposed build %q, want the release's version", got)
	}
	tomorrow := time.Now().AddDate(0, 0, 1)
	if got := edAInField[*widget.Entry](f, "Planned start").Text; got != "10:00" {
		t.Errorf("proposed start time %q, want 10:00", got)
	}
	if got, want := edAInField[*widget.DateEntry](f, "Planned end").Date, tomorrow; got == nil || got.Day() != want.Day() {
		t.Errorf("proposed end day %v, want tomorrow %v", got, want)
	}
	f.typeIn("Build", "2.4.0+17")
	f.typeTime("Planned start", edALocal(time.April, 20, 9, 30))
	f.typeTime("Planned end", edALocal(time.April, 20, 10, 15))
	f.tapButton("Plan")
	if f.dialogOpen() {
		t.Fatalf("dialog still open; it shows %q", f.texts())
	}
	ds := f.storedDeployments()
	if len(ds) != 1 {
		t.Fatalf("stored %d deployments, want 1", len(ds))
	}
	d := ds[0]
	if d.Environment.Name != "Dev" || d.Build != "2.4.0+17" || d.Outcome != data.OutcomePlanned ||
		!d.PlannedStart.Equal(edALocal(time.April, 20, 9, 30)) || !d.PlannedEnd.Equal(edALocal(time.April, 20, 10, 15)) {
		t.Errorf("stored %+v", d)
	}
	for _, want := range []string{"2.4.0+17", "2026-04-20 09:30 – 10:15", "Planned the Dev deployment of Payments 2.4.0"} {
		if !f.showsText(want) {
			t.Errorf("tab does not show %q; shows %q", want, f.texts())
		}
	}
	// The next plan proposes the next environment of the path.
	f.tapButton("Plan deployment")
	if got := edAInField[*widget.Select](f, "Environment").Selected; got != "QA" {
		t.Errorf("second plan proposes %q, want QA", got)
	}
	f.tapButton("Cancel")
	if n := len(f.storedDeployments()); n != 1 {
		t.Errorf("cancel stored something: %d deployments", n)
	}
}

func TestDeploymentsPlanRejectsBadInput(t *testing.T) {
	cases := []struct {
		name  string
		fill  func(f *edAFixture)
		field string
		want  string
	}{
		{"end before start", func(f *edAFixture) {
			f.typeTime("Planned start", edALocal(time.April, 20, 11, 0))
			f.typeTime("Planned end", edALocal(time.April, 20, 10, 0))
		}, "Planned end", "Planned end must not be before the planned start"},
		{"time not understood", func(f *edAFixture) { f.typeIn("Planned start", "25:00") },
			"Planned start", "Planned start is not a time like 14:30 (24-hour HH:MM)"},
		{"no time", func(f *edAFixture) { f.typeIn("Planned end", "") },
			"Planned end", "Planned end is missing its time of day, e.g. 14:30"},
		{"no environment", func(f *edAFixture) { edAInField[*widget.Select](f, "Environment").ClearSelected() },
			"Environment", "Environment is required"},
	}
	f := newEdAFixture(t, tabDeployments)
	for _, c := range cases {
		f.tapButton("Plan deployment")
		c.fill(f)
		f.tapButton("Plan")
		if !f.dialogOpen() {
			t.Fatalf("%s: the dialog closed on a bad value", c.name)
		}
		if got := f.message(c.field); got != c.want {
			t.Errorf("%s: message under %s: %q, want %q", c.name, c.field, got, c.want)
		}
		if n := len(f.storedDeployments()); n != 0 {
			t.Errorf("%s: stored %d deployments from a bad form", c.name, n)
		}
		f.tapButton("Cancel")
	}
}

func TestDeploymentsStartAndSucceedOnProductionReleases(t *testing.T) {
	f := newEdAFixture(t, tabDeployments)
	dev := f.deploy("Dev", edALocal(time.April, 20, 9, 0))
	if err := f.store.RecordOutcome(f.ctx, dev.ID, data.OutcomeSucceeded, edALocal(time.April, 20, 9, 0), edALocal(time.April, 20, 9, 40), "Ana", ""); err != nil {
		t.Fatal(err)
	}
	f.deploy("Production", edALocal(time.April, 22, 10, 0))
	f.release = f.storedRelease()
	f.reopen(tabDeployments)
	if got := f.screen.editor.badge.Text; got != "In progress" {
		t.Fatalf("badge %q after Dev succeeded, want In progress", got)
	}
	prod := f.deploymentsTab().shown[1]
	if prod.d.Environment.Name != "Production" || prod.start == nil {
		t.Fatalf("second row is %s with start button %v", prod.d.Environment.Name, prod.start)
	}
	test.Tap(prod.start)
	f.typeTime("Started at", edALocal(time.April, 22, 10, 5))
	f.typeIn("Performed by", "Ravi")
	f.tapButton("Start")
	d := f.storedDeployments()[1]
	if d.Outcome != data.OutcomeInProgress || d.ActualStart == nil || !d.ActualStart.Equal(edALocal(time.April, 22, 10, 5)) || d.PerformedBy != "Ravi" {
		t.Fatalf("after Start the store holds %+v", d)
	}
	prod = f.deploymentsTab().shown[1]
	test.Tap(prod.outcome)
	edAInField[*widget.RadioGroup](f, "Outcome").SetSelected("Succeeded")
	f.typeTime("Finished at", edALocal(time.April, 22, 10, 50))
	f.typeIn("Notes", "Smooth")
	f.tapButton("Record")
	if f.dialogOpen() {
		t.Fatalf("dialog still open; it shows %q", f.texts())
	}
	d = f.storedDeployments()[1]
	if d.Outcome != data.OutcomeSucceeded || !d.ActualEnd.Equal(edALocal(time.April, 22, 10, 50)) || d.Notes != "Smooth" {
		t.Errorf("after Record the store holds %+v", d)
	}
	r := f.storedRelease()
	if r.Status != data.StatusReleased || r.ActualRelease != day(time.April, 22) {
		t.Errorf("release is %s, actual %s; want Released on 2026-04-22", r.Status, r.ActualRelease)
	}
	if got := f.screen.editor.badge.Text; got != "Released" {
		t.Errorf("editor badge %q, want Released", got)
	}
	if f.screen.editor.appTabs.Selected() != f.deploymentsTab().item {
		t.Error("recording the outcome left the Deployments tab")
	}
	if !f.showsText("Recorded the Production deployment as succeeded") {
		t.Errorf("no notice; shows %q", f.texts())
	}
}

func TestDeploymentsDeleteAndUndo(t *testing.T) {
	f := newEdAFixture(t, tabDeployments)
	d := f.deploy("QA", edALocal(time.April, 20, 9, 0))
	f.reopen(tabDeployments)
	test.Tap(f.deploymentsTab().shown[0].remove)
	if !f.showsText("Delete the QA deployment of Payments 2.4.0?") {
		t.Fatalf("no confirmation naming the deployment; shows %q", f.texts())
	}
	f.tapButton("Delete")
	if n := len(f.storedDeployments()); n != 0 {
		t.Fatalf("%d deployments left after delete", n)
	}
	if !f.showsText("No deployments planned yet") {
		t.Errorf("tab still shows the deleted deployment: %q", f.texts())
	}
	if got := f.screen.UndoLabel(); got != "Undo delete of the QA deployment" {
		t.Errorf("undo label %q", got)
	}
	f.screen.Undo()
	ds := f.storedDeployments()
	if len(ds) != 1 || ds[0].ID != d.ID || ds[0].Environment.Name != "QA" {
		t.Fatalf("after undo the store holds %+v", ds)
	}
	if len(f.deploymentsTab().shown) != 1 {
		t.Error("the restored deployment is not shown")
	}
	if f.screen.editor.appTabs.Selected() != f.deploymentsTab().item {
		t.Error("undo left the Deployments tab")
	}
}

func TestDeploymentsStartOnDraftExplains(t *testing.T) {
	f := newEdAFixture(t, tabDeployments)
	f.release = f.releasesFixture.release("Ledger", "1.0.0", "First", data.StatusDraft, data.Date{})
	f.release.Product.Name = "Ledger"
	d := f.deploy("Dev", edALocal(time.April, 20, 9, 0))
	f.reopen(tabDeployments)
	test.Tap(f.deploymentsTab().shown[0].start)
	f.tapButton("Start")
	if !f.dialogOpen() || !f.showsText("Release is still a draft; plan it before deploying") {
		t.Fatalf("starting on a draft does not explain itself; shows %q", f.texts())
	}
	if got := f.storedDeployments()[0]; got.ID != d.ID || got.Outcome != data.OutcomePlanned {
		t.Errorf("the store holds %+v", got)
	}
}

func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"9:05", "09:05", "0905", "23:59", "24:00", "9.30", "", "ab:cd", "-1:00", "+1:00", "1:5", "123456"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, m, err := ParseClock(s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "is not a time") {
				t.Errorf("message %q does not read after a field name", err)
			}
			return
		}
		if h < 0 || h > 23 || m < 0 || m > 59 {
			t.Fatalf("%q gave %d:%d", s, h, m)
		}
		h2, m2, err := ParseClock(time.Date(2026, 1, 1, h, m, 0, 0, time.UTC).Format("15:04"))
		if err != nil || h2 != h || m2 != m {
			t.Fatalf("%q: %d:%d does not read back (%d:%d, %v)", s, h, m, h2, m2, err)
		}
	})
}
