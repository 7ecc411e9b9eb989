package data

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
)

// demoAudit is a generated database loaded back for checking.
type demoAudit struct {
	s         *Store
	today     Date
	now       time.Time
	releases  []Release
	envs      []Environment
	deps      []Deployment
	rollbacks []Rollback
	assigns   []ReleaseStakeholder
	checklist []ChecklistItem
	tests     []TestRun
	decisions []GoDecision
	freezes   []FreezeWindow
	reviews   []Review
	byRelease map[uint][]Deployment
	stage     map[uint]int // environment id -> its place in a promotion path (0 Dev to 4 Production)
}

func demoAuditOf(t *testing.T, s *Store, today Date) *demoAudit {
	t.Helper()
	a := &demoAudit{s: s, today: today, now: demoAt(today, 12*60), byRelease: map[uint][]Deployment{}, stage: map[uint]int{}}
	loads := []func() error{
		func() error { return s.db.Joins("Product").Order("releases.id").Find(&a.releases).Error },
		func() error { return s.db.Order("position").Find(&a.envs).Error },
		func() error { return s.db.Order("planned_start, id").Find(&a.deps).Error },
		func() error { return s.db.Order("id").Find(&a.rollbacks).Error },
		func() error { return s.db.Order("id").Find(&a.assigns).Error },
		func() error { return s.db.Order("id").Find(&a.checklist).Error },
		func() error { return s.db.Order("id").Find(&a.tests).Error },
		func() error { return s.db.Order("id").Find(&a.decisions).Error },
		func() error { return s.db.Preload("Environments").Order("id").Find(&a.freezes).Error },
		func() error { return s.db.Order("id").Find(&a.reviews).Error },
	}
	for _, load := range loads {
		if err := load(); err != nil {
			t.Fatalf("load: %v", err)
		}
	}
	for _, e := range a.envs {
		a.stage[e.ID] = slices.Index(EnvironmentKinds, e.Kind)
	}
	for _, d := range a.deps {
		a.byRelease[d.ReleaseID] = append(a.byRelease[d.ReleaseID], d)
	}
	return a
}

func (a *demoAudit) checkCounts(t *testing.T, sum DemoSummary) {
	t.Helper()
	got := []int{len(a.releases), len(a.deps), len(a.rollbacks), len(a.assigns), len(a.checklist), len(a.tests), len(a.decisions), len(a.freezes), len(a.reviews)}
	want := []int{sum.Releases, sum.Deployments, sum.Rollbacks, sum.Assignments, sum.ChecklistItems, sum.TestRuns, sum.Decisions, sum.FreezeWindows, sum.Reviews}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("stored counts %v, summary %v", got, want)
		}
	}
	var history int64
	a.s.db.Model(&History{}).Where("entity = ? AND action = ?", EntityRelease, ActionCreate).Count(&history)
	if int(history) != sum.Releases {
		t.Fatalf("%d release history rows for %d releases", history, sum.Releases)
	}
	// Every product has a path of its own Dev and QA, then the UAT, Staging
	// and Production it shares, in that order.
	var products []Product
	a.s.db.Order("id").Find(&products)
	for _, p := range products {
		path, err := a.s.EnvironmentsFor(context.Background(), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for i, e := range path {
			names = append(names, e.Name)
			if len(path) != demoStages || e.Kind != EnvironmentKinds[i] {
				t.Fatalf("%s's path is %v", p.Name, names)
			}
		}
		if path[demoStageDev].Name != p.Name+" Dev" || path[demoStageQA].Name != p.Name+" QA" {
			t.Fatalf("%s's path is %v", p.Name, names)
		}
	}
}

func (a *demoAudit) prodOf(r Release) (prod []Deployment) {
	for _, d := range a.byRelease[r.ID] {
		if a.stage[d.EnvironmentID] == demoStageProd {
			prod = append(prod, d)
		}
	}
	return prod
}

func (a *demoAudit) checkReleases(t *testing.T) {
	t.Helper()
	last := map[uint]Release{} // per product, the release before
	kept := map[uint]string{}  // per product, the version a rollback restores
	roles := map[uint][]RACIRole{}
	for _, rs := range a.assigns {
		roles[rs.ReleaseID] = append(roles[rs.ReleaseID], rs.Role)
	}
	categories := map[uint]map[ChecklistCategory]bool{}
	for _, it := range a.checklist {
		if categories[it.ReleaseID] == nil {
			categories[it.ReleaseID] = map[ChecklistCategory]bool{}
		}
		categories[it.ReleaseID][it.Category] = true
	}
	past, pastReleased := 0, 0
	for _, r := range a.releases {
		if err := r.validate(); err != nil {
			t.Fatalf("%s: %v", r.Name(), err)
		}
		if prev, ok := last[r.ProductID]; ok && CompareVersions(prev.Version, r.Version) >= 0 {
			t.Fatalf("%s follows %s", r.Name(), prev.Version)
		}
		last[r.ProductID] = r
		if r.CodeFreeze.DaysUntil(r.PlannedRelease) < 5 {
			t.Fatalf("%s: code freeze %s, release %s", r.Name(), r.CodeFreeze, r.PlannedRelease)
		}
		n, accountable := len(roles[r.ID]), 0
		for _, role := range roles[r.ID] {
			if role == RoleAccountable {
				accountable++
			}
		}
		if n < 3 || n > 6 || accountable != 1 || len(categories[r.ID]) != 4 {
			t.Fatalf("%s: %d people, %d accountable, checklist categories %v", r.Name(), n, accountable, categories[r.ID])
		}
		prod := a.prodOf(r)
		switch r.Status {
		case StatusReleased:
			if len(prod) == 0 || prod[len(prod)-1].Outcome != OutcomeSucceeded || !DateOf(*prod[len(prod)-1].ActualStart).Equal(r.ActualRelease) {
				t.Fatalf("%s released on %s without a matching production deployment %v", r.Name(), r.ActualRelease, prod)
			}
		case StatusRolledBack:
			if len(prod) == 0 || prod[len(prod)-1].Outcome != OutcomeRolledBack {
				t.Fatalf("%s rolled back without a rolled-back production deployment", r.Name())
			}
		case StatusDraft:
			if len(a.byRelease[r.ID]) > 0 {
				t.Fatalf("draft %s has deployments", r.Name())
			}
		case StatusCancelled:
			for _, d := range a.byRelease[r.ID] {
				if a.stage[d.EnvironmentID] > demoStageQA || d.Outcome != OutcomeSucceeded {
					t.Fatalf("cancelled %s has %s deployment to stage %d", r.Name(), d.Outcome, a.stage[d.EnvironmentID])
				}
			}
		}
		if r.PlannedRelease.Before(a.today.AddDays(-30)) {
			past++
			if r.Status == StatusReleased {
				pastReleased++
			}
		}
		if r.PlannedRelease.After(a.today.AddDays(30)) && r.Status != StatusPlanned && r.Status != StatusDraft && r.Status != StatusCancelled {
			t.Fatalf("%s planned for %s is %s", r.Name(), r.PlannedRelease, r.Status)
		}
		for _, d := range a.byRelease[r.ID] {
			if rb, ok := a.rollbackOf(d); ok && rb.RestoredVersion != kept[r.ProductID] && kept[r.ProductID] != "" {
				t.Fatalf("%s rollback restored %s, want %s", r.Name(), rb.RestoredVersion, kept[r.ProductID])
			}
		}
		if r.Status != StatusCancelled {
			kept[r.ProductID] = r.Version
		}
	}
	if past > 10 && pastReleased*100 < past*75 {
		t.Fatalf("only %d of %d past releases were released", pastReleased, past)
	}
}

func (a *demoAudit) rollbackOf(d Deployment) (Rollback, bool) {
	for _, rb := range a.rollbacks {
		if rb.DeploymentID == d.ID {
			return rb, true
		}
	}
	return Rollback{}, false
}

func (a *demoAudit) checkDeployments(t *testing.T, live bool) {
	t.Helper()
	inProgress, finished, failed, outOfHours := 0, 0, 0, 0
	for _, d := range a.deps {
		if err := d.validate(); err != nil {
			t.Fatalf("deployment %d: %v", d.ID, err)
		}
		dur := d.PlannedEnd.Sub(d.PlannedStart)
		wd := d.PlannedStart.Weekday()
		if dur < 30*time.Minute || dur > 4*time.Hour || wd == time.Saturday || wd == time.Sunday {
			t.Fatalf("deployment %d planned %s for %s", d.ID, d.PlannedStart, dur)
		}
		if !strings.HasPrefix(d.Notes, "Brought forward") && (d.PlannedStart.Hour() < 6 || d.PlannedEnd.After(demoAt(DateOf(d.PlannedStart), 22*60))) {
			t.Fatalf("deployment %d outside the working day: %s-%s", d.ID, d.PlannedStart, d.PlannedEnd)
		}
		if d.PlannedStart.Hour() < 8 || d.PlannedEnd.After(demoAt(DateOf(d.PlannedStart), 18*60)) {
			outOfHours++
		}
		switch d.Outcome {
		case OutcomeInProgress:
			inProgress++
		case OutcomePlanned:
			if d.PlannedStart.Before(a.now) {
				t.Fatalf("deployment %d planned for the past: %s", d.ID, d.PlannedStart)
			}
		default:
			finished++
			if d.ActualEnd.After(a.now) {
				t.Fatalf("deployment %d finished in the future", d.ID)
			}
		}
		if d.Outcome == OutcomeFailed || d.Outcome == OutcomeRolledBack {
			failed++
		}
		if _, ok := a.rollbackOf(d); ok != (d.Outcome == OutcomeRolledBack) {
			t.Fatalf("deployment %d is %s; rollback recorded: %v", d.ID, d.Outcome, ok)
		}
	}
	if outOfHours*20 > len(a.deps) {
		t.Fatalf("%d of %d deployments out of office hours", outOfHours, len(a.deps))
	}
	if live && inProgress < 2 {
		t.Fatalf("%d deployments in progress today", inProgress)
	}
	if per := float64(len(a.deps)) / float64(len(a.releases)); len(a.releases) >= 60 && (per < 7 || per > 13) {
		t.Fatalf("%.1f deployments per release", per)
	}
	if rate := float64(failed) / float64(finished); finished > 200 && (rate < 0.04 || rate > 0.2) {
		t.Fatalf("%.2f of finished deployments failed or were rolled back", rate)
	}
}

// checkPlanted finds the conflicts planted on purpose, and only those.
func (a *demoAudit) checkPlanted(t *testing.T) {
	t.Helper()
	overlaps := 0
	for i, x := range a.deps {
		for _, y := range a.deps[i+1:] {
			if !y.PlannedStart.Before(x.PlannedEnd) {
				break // sorted by start
			}
			if x.EnvironmentID != y.EnvironmentID || x.ReleaseID == y.ReleaseID {
				continue
			}
			if !strings.HasPrefix(x.Notes, "Brought forward") && !strings.HasPrefix(y.Notes, "Brought forward") {
				t.Fatalf("deployments %d and %d overlap by accident", x.ID, y.ID)
			}
			overlaps++
		}
	}
	frozen := 0
	for _, d := range a.deps {
		for _, fw := range a.freezes {
			if fw.Covers(d.EnvironmentID) && d.PlannedStart.Before(fw.End) && fw.Start.Before(d.PlannedEnd) {
				if !strings.HasPrefix(fw.Reason, "Announced after") && !strings.HasPrefix(d.Notes, "Brought forward") {
					t.Fatalf("deployment %d falls in %s by accident", d.ID, fw.Name)
				}
				frozen++
			}
		}
	}
	order := 0
	for _, r := range a.releases {
		prod := a.prodOf(r)
		for _, d := range a.byRelease[r.ID] {
			if len(prod) > 0 && a.stage[d.EnvironmentID] < demoStageProd && d.PlannedEnd.After(prod[0].PlannedStart) {
				order++
			}
		}
	}
	flaws, want := a.goFlaws(), [3]int{1, 1, 1}
	if !a.regressionRan() {
		want[2] = 0 // in a long freeze no upcoming release has been tested yet
	}
	if overlaps < 3 || frozen < 2 || order != 1 || flaws != want {
		t.Fatalf("planted: %d overlaps, %d in freezes, %d out of order, go flaws (approval, checklist, tests) %v",
			overlaps, frozen, order, flaws)
	}
}

// goFlaws counts the releases with a "go" and a pending Accountable approval,
// an open readiness item, or a failed regression suite.
func (a *demoAudit) goFlaws() (n [3]int) {
	gone := map[uint]bool{}
	for _, d := range a.decisions {
		if d.Decision == DecisionGo {
			gone[d.ReleaseID] = true
		}
	}
	for _, rs := range a.assigns {
		if gone[rs.ReleaseID] && rs.Role == RoleAccountable && rs.Approval != ApprovalApproved {
			n[0]++
		}
	}
	for _, it := range a.checklist {
		if gone[it.ReleaseID] && it.Category == CategoryReadiness && !it.Done {
			n[1]++
		}
	}
	for _, tr := range a.tests {
		if gone[tr.ReleaseID] && tr.Suite == "Regression" && tr.Failed > 0 {
			n[2]++
		}
	}
	return n
}

// regressionRan reports whether an upcoming release has finished a deployment
// to an environment that runs the regression suite (QA or Staging).
func (a *demoAudit) regressionRan() bool {
	open := map[uint]bool{}
	for _, r := range a.releases {
		open[r.ID] = (r.Status == StatusPlanned || r.Status == StatusInProgress) && r.PlannedRelease.After(a.today)
	}
	for _, d := range a.deps {
		stage := a.stage[d.EnvironmentID]
		if open[d.ReleaseID] && (stage == demoStageQA || stage == demoStageStaging) && d.Outcome == OutcomeSucceeded && !d.ActualEnd.Add(10*time.Minute).After(a.now) {
			return true
		}
	}
	return false
}
