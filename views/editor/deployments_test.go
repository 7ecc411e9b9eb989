package editor

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/uitest"
)

func TestDeploymentsPlanThroughForm(t *testing.T) {
	f := newPathFixture(t, tabDeployments)
	if !f.Shows("No deployments planned yet") {
		t.Fatalf("empty tab does not explain itself; shows %q", f.Texts())
	}
	f.Tap("Plan deployment")
	if got := uitest.In[*widget.Select](f.UI, "Environment").Selected; got != "Dev" {
		t.Errorf("proposed environment %q, want Dev, the first of the path", got)
	}
	if got := uitest.In[*widget.Entry](f.UI, "Build").Text; got != "2.4.0" {
		t.Errorf("proposed build %q, want the release's version", got)
	}
	tomorrow := time.Now().AddDate(0, 0, 1)
	if got := uitest.In[*widget.Entry](f.UI, "Planned start").Text; got != "10:00" {
		t.Errorf("proposed start time %q, want 10:00", got)
	}
	if got, want := uitest.In[*widget.DateEntry](f.UI, "Planned end").Date, tomorrow; got == nil || got.Day() != want.Day() {
		t.Errorf("proposed end day %v, want tomorrow %v", got, want)
	}
	f.TypeIn("Build", "2.4.0+17")
	f.TypeTime("Planned start", uitest.Local(time.April, 20, 9, 30))
	f.TypeTime("Planned end", uitest.Local(time.April, 20, 10, 15))
	f.Tap("Plan")
	if f.DialogOpen() {
		t.Fatalf("dialog still open; it shows %q", f.Texts())
	}
	ds := f.storedDeployments()
	if len(ds) != 1 {
		t.Fatalf("stored %d deployments, want 1", len(ds))
	}
	d := ds[0]
	if d.Environment.Name != "Dev" || d.Build != "2.4.0+17" || d.Outcome != data.OutcomePlanned ||
		!d.PlannedStart.Equal(uitest.Local(time.April, 20, 9, 30)) || !d.PlannedEnd.Equal(uitest.Local(time.April, 20, 10, 15)) {
		t.Errorf("stored %+v", d)
	}
	for _, want := range []string{"2.4.0+17", "2026-04-20 09:30 – 10:15", "Planned the Dev deployment of Payments 2.4.0"} {
		if !f.Shows(want) {
			t.Errorf("tab does not show %q; shows %q", want, f.Texts())
		}
	}
	// The next plan proposes the next environment of the path.
	f.Tap("Plan deployment")
	if got := uitest.In[*widget.Select](f.UI, "Environment").Selected; got != "QA" {
		t.Errorf("second plan proposes %q, want QA", got)
	}
	f.Tap("Cancel")
	if n := len(f.storedDeployments()); n != 1 {
		t.Errorf("cancel stored something: %d deployments", n)
	}
}

func TestDeploymentsPlanRejectsBadInput(t *testing.T) {
	cases := []struct {
		name  string
		fill  func(f *editorFixture)
		field string
		want  string
	}{
		{"end before start", func(f *editorFixture) {
			f.TypeTime("Planned start", uitest.Local(time.April, 20, 11, 0))
			f.TypeTime("Planned end", uitest.Local(time.April, 20, 10, 0))
		}, "Planned end", "Planned end must not be before the planned start"},
		{"time not understood", func(f *editorFixture) { f.TypeIn("Planned start", "25:00") },
			"Planned start", "Planned start is not a time like 14:30 (24-hour HH:MM)"},
		{"no time", func(f *editorFixture) { f.TypeIn("Planned end", "") },
			"Planned end", "Planned end is missing its time of day, e.g. 14:30"},
		{"no environment", func(f *editorFixture) { uitest.In[*widget.Select](f.UI, "Environment").ClearSelected() },
			"Environment", "Environment is required"},
	}
	f := newPathFixture(t, tabDeployments)
	for _, c := range cases {
		f.Tap("Plan deployment")
		c.fill(f)
		f.Tap("Plan")
		if !f.DialogOpen() {
			t.Fatalf("%s: the dialog closed on a bad value", c.name)
		}
		if got := f.Message(c.field); got != c.want {
			t.Errorf("%s: message under %s: %q, want %q", c.name, c.field, got, c.want)
		}
		if n := len(f.storedDeployments()); n != 0 {
			t.Errorf("%s: stored %d deployments from a bad form", c.name, n)
		}
		f.Tap("Cancel")
	}
}

func TestDeploymentsStartAndSucceedOnProductionReleases(t *testing.T) {
	f := newPathFixture(t, tabDeployments)
	dev := f.deploy("Dev", uitest.Local(time.April, 20, 9, 0))
	if err := f.Store.RecordOutcome(f.Ctx, dev.ID, data.OutcomeSucceeded, uitest.Local(time.April, 20, 9, 0), uitest.Local(time.April, 20, 9, 40), "Ana", ""); err != nil {
		t.Fatal(err)
	}
	f.deploy("Production", uitest.Local(time.April, 22, 10, 0))
	f.release = f.storedRelease()
	f.reopen(tabDeployments)
	if got := f.ed.badge.Text; got != "In progress" {
		t.Fatalf("badge %q after Dev succeeded, want In progress", got)
	}
	prod := tabOf[*deploymentsTab](f).shown[1]
	if prod.d.Environment.Name != "Production" || prod.start == nil {
		t.Fatalf("second row is %s with start button %v", prod.d.Environment.Name, prod.start)
	}
	test.Tap(prod.start)
	f.TypeTime("Started at", uitest.Local(time.April, 22, 10, 5))
	f.TypeIn("Performed by", "Ravi")
	f.Tap("Start")
	d := f.storedDeployments()[1]
	if d.Outcome != data.OutcomeInProgress || d.ActualStart == nil || !d.ActualStart.Equal(uitest.Local(time.April, 22, 10, 5)) || d.PerformedBy != "Ravi" {
		t.Fatalf("after Start the store holds %+v", d)
	}
	prod = tabOf[*deploymentsTab](f).shown[1]
	test.Tap(prod.outcome)
	uitest.In[*widget.RadioGroup](f.UI, "Outcome").SetSelected("Succeeded")
	f.TypeTime("Finished at", uitest.Local(time.April, 22, 10, 50))
	f.TypeIn("Notes", "Smooth")
	f.Tap("Record")
	if f.DialogOpen() {
		t.Fatalf("dialog still open; it shows %q", f.Texts())
	}
	d = f.storedDeployments()[1]
	if d.Outcome != data.OutcomeSucceeded || !d.ActualEnd.Equal(uitest.Local(time.April, 22, 10, 50)) || d.Notes != "Smooth" {
		t.Errorf("after Record the store holds %+v", d)
	}
	r := f.storedRelease()
	if r.Status != data.StatusReleased || r.ActualRelease != uitest.Day(time.April, 22) {
		t.Errorf("release is %s, actual %s; want Released on 2026-04-22", r.Status, r.ActualRelease)
	}
	if got := f.ed.badge.Text; got != "Released" {
		t.Errorf("editor badge %q, want Released", got)
	}
	if f.ed.appTabs.Selected() != tabOf[*deploymentsTab](f).item {
		t.Error("recording the outcome left the Deployments tab")
	}
	if !f.Shows("Recorded the Production deployment as succeeded") {
		t.Errorf("no notice; shows %q", f.Texts())
	}
}

func TestDeploymentsDeleteAndUndo(t *testing.T) {
	f := newPathFixture(t, tabDeployments)
	d := f.deploy("QA", uitest.Local(time.April, 20, 9, 0))
	f.reopen(tabDeployments)
	test.Tap(tabOf[*deploymentsTab](f).shown[0].remove)
	if !f.Shows("Delete the QA deployment of Payments 2.4.0?") {
		t.Fatalf("no confirmation naming the deployment; shows %q", f.Texts())
	}
	f.Tap("Delete")
	if n := len(f.storedDeployments()); n != 0 {
		t.Fatalf("%d deployments left after delete", n)
	}
	if !f.Shows("No deployments planned yet") {
		t.Errorf("tab still shows the deleted deployment: %q", f.Texts())
	}
	if got := f.ed.UndoLabel(); got != "Undo delete of the QA deployment" {
		t.Errorf("undo label %q", got)
	}
	f.ed.Undo()
	ds := f.storedDeployments()
	if len(ds) != 1 || ds[0].ID != d.ID || ds[0].Environment.Name != "QA" {
		t.Fatalf("after undo the store holds %+v", ds)
	}
	if len(tabOf[*deploymentsTab](f).shown) != 1 {
		t.Error("the restored deployment is not shown")
	}
	if f.ed.appTabs.Selected() != tabOf[*deploymentsTab](f).item {
		t.Error("undo left the Deployments tab")
	}
}

func TestDeploymentsStartOnDraftExplains(t *testing.T) {
	f := newPathFixture(t, tabDeployments)
	f.release = f.Release("Ledger", "1.0.0", "First", data.StatusDraft, data.Date{})
	f.release.Product.Name = "Ledger"
	d := f.deploy("Dev", uitest.Local(time.April, 20, 9, 0))
	f.reopen(tabDeployments)
	test.Tap(tabOf[*deploymentsTab](f).shown[0].start)
	f.Tap("Start")
	if !f.DialogOpen() || !f.Shows("Release is still a draft; plan it before deploying") {
		t.Fatalf("starting on a draft does not explain itself; shows %q", f.Texts())
	}
	if got := f.storedDeployments()[0]; got.ID != d.ID || got.Outcome != data.OutcomePlanned {
		t.Errorf("the store holds %+v", got)
	}
}
