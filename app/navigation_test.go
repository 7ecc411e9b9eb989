package app

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/editor"
	"releasedesk/views/kit"
	"releasedesk/views/portfolio"
	"releasedesk/views/releases"
	"releasedesk/views/uitest"
)

// navWorld is a plan with something for every kind of finding to point at:
// Payments 2.4.0 overlaps Billing 1.2.0 on Dev, and went "go" with a failed
// regression run and its Accountable's approval pending; Billing 1.2.0 is
// deploying to QA now.
type navWorld struct {
	payments, billing data.Release
	overlap, running  data.Deployment
	failedRun         data.TestRun
	accountable       data.ReleaseStakeholder
	findings          []data.Finding
	dev, qa           data.Environment
	now               time.Time
}

func newNavFixture(t *testing.T) (*shellFixture, *navWorld) {
	t.Helper()
	w := &navWorld{now: time.Now().Truncate(time.Minute)}
	f := newShellFixture(t, func(s *data.Store) {
		ctx := context.Background()
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		w.dev, w.qa = data.Environment{Name: "Dev", Kind: data.KindDevelopment}, data.Environment{Name: "QA", Kind: data.KindTest}
		must(s.SaveEnvironment(ctx, &w.dev))
		must(s.SaveEnvironment(ctx, &w.qa))
		plan := func(r *data.Release, days int) {
			r.PlannedRelease, r.ReplanReason = data.Today().AddDays(days), "Brought into the dashboard's weeks"
			must(s.SaveRelease(ctx, r))
		}
		w.payments = shellRelease(t, s, "Payments", "2.4.0", "Faster checkout")
		plan(&w.payments, 5)
		w.billing = shellRelease(t, s, "Billing", "1.2.0", "Invoices")
		plan(&w.billing, 6)
		at := w.now.Add(72 * time.Hour)
		w.overlap = data.Deployment{ReleaseID: w.payments.ID, EnvironmentID: w.dev.ID, PlannedStart: at, PlannedEnd: at.Add(2 * time.Hour)}
		must(s.SaveDeployment(ctx, &w.overlap))
		other := data.Deployment{ReleaseID: w.billing.ID, EnvironmentID: w.dev.ID, PlannedStart: at.Add(time.Hour), PlannedEnd: at.Add(3 * time.Hour)}
		must(s.SaveDeployment(ctx, &other))
		w.running = data.Deployment{ReleaseID: w.billing.ID, EnvironmentID: w.qa.ID, PlannedStart: w.now.Add(-time.Hour), PlannedEnd: w.now.Add(time.Hour)}
		must(s.SaveDeployment(ctx, &w.running))
		must(s.StartDeployment(ctx, w.running.ID, w.now.Add(-time.Hour), "Sam"))
		w.failedRun = data.TestRun{ReleaseID: w.payments.ID, EnvironmentID: w.qa.ID, Suite: "Regression", Passed: 10, Failed: 2, RunAt: w.now.Add(-2 * time.Hour)}
		must(s.SaveTestRun(ctx, &w.failedRun))
		dana := data.Stakeholder{Name: "Dana Smith", Email: "dana@example.com"}
		must(s.SaveStakeholder(ctx, &dana))
		w.accountable = data.ReleaseStakeholder{ReleaseID: w.payments.ID, StakeholderID: dana.ID, Role: data.RoleAccountable}
		must(s.AssignStakeholder(ctx, &w.accountable))
		must(s.RecordDecision(ctx, &data.GoDecision{ReleaseID: w.payments.ID, Decision: data.DecisionGo, DecidedAt: w.now.Add(-time.Hour)}))
		dash, err := s.Dashboard(ctx, data.Today(), 0)
		must(err)
		w.findings = dash.Conflicts
	})
	return f, w
}

// finding is the world's finding of kind, which the test needs.
func (w *navWorld) finding(t *testing.T, kind string) data.Finding {
	t.Helper()
	for _, f := range w.findings {
		if f.Kind == kind {
			return f
		}
	}
	t.Fatalf("no %s finding among %v", kind, w.findings)
	return data.Finding{}
}

// showDashboard shows the Dashboard, as the sidebar does.
func (f *shellFixture) showDashboard(t *testing.T) *portfolio.Dashboard {
	t.Helper()
	f.shell.switchSection(f.shell.sectionIndex(dashboardTitle))
	d, ok := f.shell.shown().(*portfolio.Dashboard)
	if !ok {
		t.Fatalf("the Dashboard section shows %T", f.shell.shown())
	}
	return d
}

// where is what the window shows: the section's title and, on Releases, the release and tab.
func (f *shellFixture) where() (string, releases.Where) {
	s := f.shell
	title := s.sections[s.current].title
	if title != releasesTitle {
		return title, releases.Where{}
	}
	return title, s.releases.Where()
}

// markedRecordShown reports whether a marked row is on show, as Open marks the record it names.
func (f *shellFixture) markShown() bool {
	marked := false
	uitest.Visit(f.Win.Canvas().Content(), func(o fyne.CanvasObject) {
		if m, ok := o.(*kit.Mark); ok && m.Marked() {
			marked = true
		}
	})
	return marked
}

func TestFindingsOpenTheTabTheyAreAbout(t *testing.T) {
	f, w := newNavFixture(t)
	tests := []struct {
		kind    string
		release data.Release
		tab     editor.Tab
		// marks says the tab marks the record's row (the Tests tab selects its run instead).
		marks bool
	}{
		{data.FindingOverlap, w.billing, editor.TabDeployments, true}, // Billing starts into Payments' window
		{data.FindingApproval, w.payments, editor.TabStakeholders, true},
		{data.FindingTests, w.payments, editor.TabTests, false},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			d := f.showDashboard(t)
			found := w.finding(t, tt.kind)
			d.OnOpen(kit.TargetOf(found)) // what tapping its row does (see the portfolio tests)
			title, at := f.where()
			if title != releasesTitle || at.Release != tt.release.ID || at.Tab != tt.tab {
				t.Fatalf("the %s finding opened %s %+v, want %s on tab %d", tt.kind, title, at, tt.release.Name(), tt.tab)
			}
			if tt.marks && !f.markShown() {
				t.Errorf("the %s finding's record is not marked on its tab", tt.kind)
			}
			if tt.kind == data.FindingTests {
				if l := uitest.Find(f.UI, func(l *widget.List) bool { return l.Length() == 1 }); l == nil || !runSelected(l) {
					t.Error("the Tests tab does not select the failed run")
				}
			}
			f.Press(shortcutBack)
			if title, _ := f.where(); title != dashboardTitle {
				t.Errorf("Alt+Left after opening the %s finding shows %s, want the Dashboard", tt.kind, title)
			}
		})
	}
}

// runSelected reports whether the list's first row is selected: select it again and see nothing change.
func runSelected(l *widget.List) bool {
	changed := false
	l.OnSelected = func(widget.ListItemID) { changed = true }
	defer func() { l.OnSelected = nil }()
	l.Select(0)
	return !changed
}

func TestRunningDeploymentOpensItsDeployment(t *testing.T) {
	f, w := newNavFixture(t)
	d := f.showDashboard(t)
	d.OnOpen(kit.Target{Release: w.billing.ID, Record: data.Record{Entity: data.EntityDeployment, ID: w.running.ID}})
	if _, at := f.where(); at.Release != w.billing.ID || at.Tab != editor.TabDeployments {
		t.Fatalf("the running deployment opened %+v, want Billing 1.2.0 on Deployments", at)
	}
	if !f.markShown() {
		t.Error("the running deployment is not marked")
	}
	f.Timers.Fire()
	if f.markShown() {
		t.Error("the mark stays after its moment")
	}
}

func TestBackAndForwardKeepYourPlace(t *testing.T) {
	f, w := newNavFixture(t)
	s := f.shell
	if len(s.hist.back) != 1 || s.hist.back[0].section != s.sectionIndex(dashboardTitle) || s.hist.backItem.Disabled {
		t.Fatalf("after the fixture's move from the Dashboard to Releases, Back leads to %+v", s.hist.back)
	}
	f.Press(shortcutBack)
	f.Press(shortcutForward)
	if title, _ := f.where(); title != releasesTitle || !s.hist.forwardItem.Disabled || !s.hist.forwardButton.Disabled() {
		t.Fatalf("back and forward again show %s; Forward still offered %v", title, !s.hist.forwardItem.Disabled)
	}
	s.hist.back = nil // from here on, what the test does
	s.updateNavigation()
	// Releases (the fixture's start) -> Timeline -> Payments from the Timeline.
	s.switchSection(s.sectionIndex(timelineTitle))
	tl := s.shownTimeline()
	if tl == nil {
		t.Fatal("the Timeline did not open")
	}
	tl.OnOpenRelease(w.payments.ID) // a double-click on its row
	if _, at := f.where(); at.Release != w.payments.ID {
		t.Fatalf("the Timeline opened %+v", at)
	}
	back := f.Button("Timeline")
	if back == nil {
		t.Fatalf("the editor's back button does not name the Timeline; visible %q", f.Texts())
	}
	test.Tap(back)
	if title, _ := f.where(); title != timelineTitle {
		t.Fatalf("the editor's back button went to %s, want the Timeline", title)
	}
	if s.hist.forwardItem.Disabled || s.hist.forwardButton.Disabled() {
		t.Error("Forward is not offered after going back")
	}
	f.Press(shortcutForward)
	if title, at := f.where(); title != releasesTitle || at.Release != w.payments.ID {
		t.Fatalf("Alt+Right shows %s %+v, want Payments 2.4.0 again", title, at)
	}
	f.Press(shortcutBack)
	f.Press(shortcutBack)
	if title, at := f.where(); title != releasesTitle || at.Release != 0 {
		t.Errorf("two steps back show %s %+v, want the Releases list", title, at)
	}
	if !s.hist.backItem.Disabled {
		t.Error("Back is offered at the first place")
	}
	// Opening a release from the list, its back button says Releases and returns there.
	s.releases.OpenRelease(w.billing.ID)
	if f.Button("Releases") == nil {
		t.Fatalf("a release opened from the list has no way back to it; visible %q", f.Texts())
	}
	f.Tap("Releases")
	if _, at := f.where(); at.Release != 0 {
		t.Errorf("the back button left the editor open on %+v", at)
	}
}

func TestFocusOfNamesTheTabOfEachRecord(t *testing.T) {
	tests := []struct {
		target kit.Target
		want   editor.Tab
	}{
		{kit.Target{Release: 1}, editor.TabDetails},
		{kit.Target{Release: 1, Record: data.Record{Entity: data.EntityRelease, ID: 1}, Kind: data.FindingIntegrity}, editor.TabDetails},
		{kit.Target{Release: 1, Record: data.Record{Entity: data.EntityDeployment, ID: 7}, Kind: data.FindingDependency}, editor.TabDeployments},
		{kit.Target{Release: 1, Record: data.Record{Entity: data.EntityRollback, ID: 7}}, editor.TabDeployments},
		{kit.Target{Release: 1, Record: data.Record{Entity: data.EntityRelease, ID: 1}, Kind: data.FindingDependency}, editor.TabDeployments},
		{kit.Target{Release: 1, Record: data.Record{Entity: data.EntityRelease, ID: 1}, Kind: data.FindingApproval}, editor.TabStakeholders},
		{kit.Target{Release: 1, Record: data.Record{Entity: data.EntityReleaseStakeholder, ID: 3}}, editor.TabStakeholders},
		{kit.Target{Release: 1, Record: data.Record{Entity: data.EntityChecklistItem, ID: 3}}, editor.TabChecklist},
		{kit.Target{Release: 1, Record: data.Record{Entity: data.EntityTestRun, ID: 3}}, editor.TabTests},
		{kit.Target{Release: 1, Record: data.Record{Entity: data.EntityGoDecision, ID: 3}}, editor.TabGoNoGo},
		{kit.Target{Release: 1, Record: data.Record{Entity: data.EntityActionItem, ID: 3}}, editor.TabReview},
	}
	for _, tt := range tests {
		got := editor.FocusOf(tt.target)
		if got.Tab != tt.want {
			t.Errorf("%+v opens tab %d, want %d", tt.target, got.Tab, tt.want)
		}
		if tt.target.Record.Entity != data.EntityRelease && got.Record != tt.target.Record {
			t.Errorf("%+v marks %+v, want its record", tt.target, got.Record)
		}
	}
}
