package editor

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/uitest"
)

func (f *editorFixture) storedDecisions() []data.GoDecision {
	f.T.Helper()
	ds, err := f.Store.Decisions(f.Ctx, f.release.ID)
	if err != nil {
		f.T.Fatal(err)
	}
	return ds
}

// approveAccountable names Dana Ruiz Accountable on the release, with her approval.
func (f *editorFixture) approveAccountable() {
	f.T.Helper()
	p := data.Stakeholder{Name: "Dana Ruiz"}
	if err := f.Store.SaveStakeholder(f.Ctx, &p); err != nil {
		f.T.Fatal(err)
	}
	at := uitest.Local(time.April, 19, 16, 0)
	rs := data.ReleaseStakeholder{ReleaseID: f.release.ID, StakeholderID: p.ID, Role: data.RoleAccountable, Approval: data.ApprovalApproved, ApprovedAt: &at}
	if err := f.Store.AssignStakeholder(f.Ctx, &rs); err != nil {
		f.T.Fatal(err)
	}
}

// recordDecision fills the decision form with decision at 2026-04-21 15:00.
func (f *editorFixture) recordDecision(decision string) {
	f.Tap("Record decision")
	uitest.In[*widget.RadioGroup](f.UI, "Decision").SetSelected(decision)
	f.TypeTime("Decided at", uitest.Local(time.April, 21, 15, 0))
	f.TypeIn("Attendees", "Dana Ruiz\nRavi Patel")
	f.TypeIn("Conditions", "Support on call")
	f.Tap("Record")
}

func TestGoNoGoGoDespiteFailingReadinessKeepsWarnings(t *testing.T) {
	f := newPathFixture(t, tabGoNoGo)
	f.addRun("QA", "Regression", 90, 4, 0, uitest.Local(time.April, 20, 9, 0))
	f.reopen(tabGoNoGo)
	for _, want := range []string{"2 readiness problems", "No Accountable stakeholder is named", "1 test suite failing", "QA: Regression",
		"Every readiness item is done", "No deployment conflicts", "No decision recorded yet"} {
		if !f.Shows(want) {
			t.Errorf("tab does not show %q; shows %q", want, f.Texts())
		}
	}
	f.recordDecision("Go")
	if !f.Shows("Record GO despite 2 readiness problems?") {
		t.Fatalf("no confirmation; shows %q", f.Texts())
	}
	f.Tap("Go back")
	if n := len(f.storedDecisions()); n != 0 {
		t.Fatalf("going back stored %d decisions", n)
	}
	if !f.DialogOpen() || f.Button("Record") == nil {
		t.Fatal("going back closed the decision form")
	}
	f.Tap("Record")
	f.Tap("Record GO")
	if f.DialogOpen() {
		t.Fatalf("dialog still open; it shows %q", f.Texts())
	}
	ds := f.storedDecisions()
	if len(ds) != 1 {
		t.Fatalf("stored %d decisions, want 1", len(ds))
	}
	d := ds[0]
	rd, err := f.Store.Readiness(f.Ctx, f.release.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Decision != data.DecisionGo || !d.DecidedAt.Equal(uitest.Local(time.April, 21, 15, 0)) || d.Attendees != "Dana Ruiz\nRavi Patel" ||
		d.Conditions != "Support on call" || !slices.Equal(strings.Split(d.Warnings, "\n"), rd.Problems) {
		t.Errorf("stored %+v; readiness problems %q", d, rd.Problems)
	}
	for _, want := range []string{"Attendees: Dana Ruiz, Ravi Patel", "Conditions: Support on call", "Recorded despite:", "Recorded Go for Payments 2.4.0"} {
		if !f.Shows(want) {
			t.Errorf("tab does not show %q; shows %q", want, f.Texts())
		}
	}
	f.ed.Undo()
	if n := len(f.storedDecisions()); n != 0 {
		t.Errorf("undo left %d decisions", n)
	}
	if !f.Shows("No decision recorded yet") {
		t.Errorf("the undone decision is still shown: %q", f.Texts())
	}
}

func TestGoNoGoWithoutProblemsNeedsNoConfirmation(t *testing.T) {
	cases := []struct {
		name     string
		ready    bool
		decision string
	}{
		{"go when ready", true, "Go"},
		{"no-go when not ready", false, "No-go"},
		{"deferred when not ready", false, "Deferred"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newPathFixture(t, tabGoNoGo)
			if c.ready {
				f.approveAccountable()
				f.reopen(tabGoNoGo)
				for _, want := range []string{"Ready for go", "Accountable Dana Ruiz approved on 2026-04-19 16:00", "No test runs recorded yet"} {
					if !f.Shows(want) {
						t.Errorf("tab does not show %q; shows %q", want, f.Texts())
					}
				}
			}
			f.recordDecision(c.decision)
			if f.DialogOpen() {
				t.Fatalf("a dialog is still open; it shows %q", f.Texts())
			}
			ds := f.storedDecisions()
			if len(ds) != 1 || ds[0].Decision.Label() != c.decision || ds[0].Warnings != "" {
				t.Fatalf("stored %+v", ds)
			}
		})
	}
}

func TestGoNoGoRejectsBadDecision(t *testing.T) {
	cases := []struct {
		name        string
		fill        func(f *editorFixture)
		field, want string
	}{
		{"no decision", func(f *editorFixture) {}, "Decision", "Decision is required: choose Go, No-go or Deferred"},
		{"bad time", func(f *editorFixture) {
			uitest.In[*widget.RadioGroup](f.UI, "Decision").SetSelected("No-go")
			f.TypeIn("Decided at", "7pm")
		}, "Decided at", "Decided at is not a time like 14:30 (24-hour HH:MM)"},
		{"no day", func(f *editorFixture) {
			uitest.In[*widget.RadioGroup](f.UI, "Decision").SetSelected("No-go")
			uitest.In[*widget.DateEntry](f.UI, "Decided at").SetText("")
		}, "Decided at", "Decided at is missing its day"},
	}
	f := newPathFixture(t, tabGoNoGo)
	for _, c := range cases {
		f.Tap("Record decision")
		c.fill(f)
		f.Tap("Record")
		if !f.DialogOpen() {
			t.Fatalf("%s: the dialog closed on a bad value", c.name)
		}
		if got := f.Message(c.field); got != c.want {
			t.Errorf("%s: message under %s: %q, want %q", c.name, c.field, got, c.want)
		}
		if n := len(f.storedDecisions()); n != 0 {
			t.Errorf("%s: stored %d decisions from a bad form", c.name, n)
		}
		f.Tap("Cancel")
	}
}

func TestGoNoGoFollowsOtherTabs(t *testing.T) {
	f := newPathFixture(t, tabGoNoGo)
	if !f.Shows("No Accountable stakeholder is named") {
		t.Fatalf("shows %q", f.Texts())
	}
	// Approvals are recorded elsewhere; coming back to the tab shows them.
	f.selectTab(tabDeployments)
	f.approveAccountable()
	f.selectTab(tabGoNoGo)
	if !f.Shows("Ready for go") {
		t.Errorf("the tab did not follow the new approval; shows %q", f.Texts())
	}
}

// BenchmarkEditorTabLoads measures what the Deployments, Tests and Go/no-go
// tabs read for one release of the 2,000-release demo plan, off the UI goroutine.
func BenchmarkEditorTabLoads(b *testing.B) {
	u := uitest.Demo(b, 2000)
	ctx, s := u.Ctx, u.Store
	rs, err := s.ListReleases(ctx, data.ReleaseFilter{Statuses: []data.ReleaseStatus{data.StatusInProgress}})
	if err != nil || len(rs) == 0 {
		b.Fatalf("no release in progress: %v", err)
	}
	id := rs[len(rs)/2].ID
	b.Run("deployments", func(b *testing.B) {
		for b.Loop() {
			if _, err := loadDeployments(ctx, s, id); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("tests", func(b *testing.B) {
		for b.Loop() {
			if _, err := loadTests(ctx, s, id); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("gonogo", func(b *testing.B) {
		for b.Loop() {
			if _, err := loadGoNoGo(ctx, s, id); err != nil {
				b.Fatal(err)
			}
		}
	})
}
