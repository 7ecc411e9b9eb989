package data

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

// reportAt is a fixed instant the report fixtures build around.
var reportAt = time.Date(2026, 5, 4, 8, 0, 0, 0, time.UTC)

// reportInsert writes rows straight to the database, for fixtures whose
// store methods live in other files.
func reportInsert(t testing.TB, s *Store, rows any) {
	t.Helper()
	if err := s.db.Omit("Release", "Environment", "Deployment", "Stakeholder").Create(rows).Error; err != nil {
		t.Fatalf("insert %T: %v", rows, err)
	}
}

func reportPtr(t time.Time) *time.Time { return &t }

// reportRelease builds a release that went Dev -> QA -> Prod, was rolled back
// on Prod and redeployed, with tests, stakeholders, checklist, decision and review.
func reportRelease(t testing.TB, f *fixture) (Release, []Environment) {
	t.Helper()
	p := f.product("Payments")
	envs := []Environment{f.env("Prod", KindProduction), f.env("Dev", KindDevelopment), f.env("QA", KindTest)}
	// Put Dev first and Prod last whatever the creation order.
	if err := f.s.MoveEnvironment(f.ctx, envs[0].ID, 2); err != nil {
		t.Fatal(err)
	}
	envs, _ = f.s.Environments(f.ctx)
	dev, qa, prod := envs[0], envs[1], envs[2]
	r := f.release(p, "2.4.0", NewDate(2026, 5, 6))
	r.Status, r.ActualRelease = StatusReleased, NewDate(2026, 5, 8)
	if err := f.s.db.Model(&Release{ID: r.ID}).Updates(map[string]any{"status": r.Status, "actual_release": r.ActualRelease}).Error; err != nil {
		t.Fatal(err)
	}
	h := time.Hour
	deps := []Deployment{
		{ReleaseID: r.ID, EnvironmentID: prod.ID, Build: "b3", PlannedStart: reportAt.Add(48 * h), PlannedEnd: reportAt.Add(50 * h),
			ActualStart: reportPtr(reportAt.Add(49 * h)), ActualEnd: reportPtr(reportAt.Add(52 * h)), Outcome: OutcomeRolledBack},
		{ReleaseID: r.ID, EnvironmentID: dev.ID, Build: "b1", PlannedStart: reportAt, PlannedEnd: reportAt.Add(h),
			ActualStart: reportPtr(reportAt.Add(-30 * time.Minute)), ActualEnd: reportPtr(reportAt.Add(h)), Outcome: OutcomeSucceeded},
		{ReleaseID: r.ID, EnvironmentID: qa.ID, Build: "b2", PlannedStart: reportAt.Add(24 * h), PlannedEnd: reportAt.Add(26 * h),
			ActualStart: reportPtr(reportAt.Add(24 * h)), ActualEnd: reportPtr(reportAt.Add(25 * h)), Outcome: OutcomeFailed},
		{ReleaseID: r.ID, EnvironmentID: prod.ID, Build: "b4", PlannedStart: reportAt.Add(96 * h), PlannedEnd: reportAt.Add(98 * h),
			ActualStart: reportPtr(reportAt.Add(96 * h)), ActualEnd: reportPtr(reportAt.Add(97 * h)), Outcome: OutcomeSucceeded},
		{ReleaseID: r.ID, EnvironmentID: qa.ID, Build: "b2a", PlannedStart: reportAt.Add(30 * h), PlannedEnd: reportAt.Add(31 * h), Outcome: OutcomePlanned},
	}
	reportInsert(t, f.s, &deps)
	reportInsert(t, f.s, &[]Rollback{{DeploymentID: deps[0].ID, StartedAt: reportAt.Add(52 * h), FinishedAt: reportPtr(reportAt.Add(53 * h)),
		Reason: "checkout errors", RestoredVersion: "2.3.9", DowntimeMinutes: 45, UsersAffected: 1200, DetectedBy: "monitoring"}})
	reportInsert(t, f.s, &[]TestRun{
		{ReleaseID: r.ID, EnvironmentID: qa.ID, Suite: "regression", Passed: 90, Failed: 2, Skipped: 1, RunAt: reportAt.Add(26 * h)},
		{ReleaseID: r.ID, EnvironmentID: dev.ID, Suite: "smoke", Passed: 10, RunAt: reportAt.Add(2 * h)},
	})
	people := []Stakeholder{{Name: "Zoe", Email: "zoe@example.com"}, {Name: "Ann"}, {Name: "Bob"}}
	reportInsert(t, f.s, &people)
	reportInsert(t, f.s, &[]ReleaseStakeholder{
		{ReleaseID: r.ID, StakeholderID: people[0].ID, Role: RoleInformed, Approval: ApprovalPending},
		{ReleaseID: r.ID, StakeholderID: people[1].ID, Role: RoleAccountable, Approval: ApprovalApproved, ApprovedAt: reportPtr(reportAt)},
		{ReleaseID: r.ID, StakeholderID: people[2].ID, Role: RoleResponsible, Approval: ApprovalApproved},
	})
	reportInsert(t, f.s, &[]ChecklistItem{
		{ReleaseID: r.ID, Category: CategoryBackout, Title: "Backout tested", Done: true},
		{ReleaseID: r.ID, Category: CategoryReadiness, Title: "Runbook", Due: NewDate(2026, 5, 5)},
	})
	reportInsert(t, f.s, &[]GoDecision{{ReleaseID: r.ID, Decision: DecisionGo, DecidedAt: reportAt.Add(40 * h), Attendees: "Ann, Bob"}})
	rv := Review{ReleaseID: r.ID, HeldOn: NewDate(2026, 5, 12), Verdict: VerdictWithIssues, ObjectivesMet: ObjectivesPartly,
		Actions: []ActionItem{
			{Title: "No due day", Status: ActionOpen},
			{Title: "Later", Due: NewDate(2026, 6, 1), Status: ActionOpen},
			{Title: "Sooner", Due: NewDate(2026, 5, 20), Status: ActionDone},
		}}
	if err := f.s.db.Omit("Release").Create(&rv).Error; err != nil {
		t.Fatal(err)
	}
	return r, []Environment{dev, qa, prod}
}

func TestReviewDataLoadsEverythingInReadingOrder(t *testing.T) {
	f := newFixture(t)
	r, envs := reportRelease(t, f)
	d, err := f.s.ReviewData(f.ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Release.Product.Name != "Payments" || d.Release.Version != "2.4.0" {
		t.Errorf("release = %q %q", d.Release.Product.Name, d.Release.Version)
	}
	var order []string
	for _, dep := range d.Deployments {
		order = append(order, dep.Environment.Name+"/"+dep.Build)
	}
	if got, want := fmt.Sprint(order), "[Dev/b1 QA/b2 QA/b2a Prod/b3 Prod/b4]"; got != want {
		t.Errorf("deployments = %s, want %s", got, want)
	}
	if len(d.Rollbacks) != 1 || d.Rollbacks[0].Deployment.Environment.Name != "Prod" {
		t.Errorf("rollbacks = %+v", d.Rollbacks)
	}
	if len(d.TestRuns) != 2 || d.TestRuns[0].Suite != "smoke" || d.TestRuns[0].Environment.Name != "Dev" {
		t.Errorf("test runs = %+v", d.TestRuns)
	}
	var roles []string
	for _, rs := range d.Stakeholders {
		roles = append(roles, string(rs.Role)+":"+rs.Stakeholder.Name)
	}
	if got, want := fmt.Sprint(roles), "[R:Bob A:Ann I:Zoe]"; got != want {
		t.Errorf("stakeholders = %s, want %s", got, want)
	}
	if len(d.Checklist) != 2 || d.Checklist[0].Category != CategoryReadiness {
		t.Errorf("checklist = %+v", d.Checklist)
	}
	if len(d.Decisions) != 1 || d.Review == nil || d.Review.Verdict != VerdictWithIssues {
		t.Fatalf("decisions %d, review %+v", len(d.Decisions), d.Review)
	}
	var actions []string
	for _, a := range d.Review.Actions {
		actions = append(actions, a.Title)
	}
	if got, want := fmt.Sprint(actions), "[Sooner Later No due day]"; got != want {
		t.Errorf("actions = %s, want %s", got, want)
	}
	if len(d.History) == 0 || d.History[0].Action != ActionCreate {
		t.Errorf("history = %+v", d.History)
	}
	if !d.LoadedAt.Equal(testClock) {
		t.Errorf("loaded at %v", d.LoadedAt)
	}
	if days, ok := d.SlipDays(); !ok || days != 2 {
		t.Errorf("slip = %d %v, want 2 true", days, ok)
	}
	_ = envs
}

func TestReviewDataByEnvironment(t *testing.T) {
	f := newFixture(t)
	r, _ := reportRelease(t, f)
	d, err := f.s.ReviewData(f.ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	h := time.Hour
	tests := []struct {
		env                                    string
		deps, ok, failed, rolledBack, open     int
		rollbacks, downtime, users             int
		planned, actual, plannedOfActual, slip time.Duration
		rate                                   float64
		rated                                  bool
	}{
		{"Dev", 1, 1, 0, 0, 0, 0, 0, 0, h, 90 * time.Minute, h, -30 * time.Minute, 0, true},
		{"QA", 2, 0, 1, 0, 1, 0, 0, 0, 3 * h, h, 2 * h, 0, 1, true},
		{"Prod", 2, 1, 0, 1, 0, 1, 45, 1200, 4 * h, 4 * h, 4 * h, h, 0.5, true},
		{"", 5, 2, 1, 1, 1, 1, 45, 1200, 8 * h, 6*h + 30*time.Minute, 7 * h, -30 * time.Minute, 0.5, true},
	}
	got := append(d.ByEnvironment(), d.Totals())
	if len(got) != len(tests) {
		t.Fatalf("%d environments, want %d", len(got)-1, len(tests)-1)
	}
	for i, tt := range tests {
		e := got[i]
		t.Run(fmt.Sprintf("%d-%s", i, tt.env), func(t *testing.T) {
			if e.Environment.Name != tt.env {
				t.Errorf("environment %q, want %q", e.Environment.Name, tt.env)
			}
			counts := [...]int{e.Deployments, e.Succeeded, e.Failed, e.RolledBack, e.Unfinished, e.Rollbacks, e.DowntimeMinutes, e.UsersAffected}
			want := [...]int{tt.deps, tt.ok, tt.failed, tt.rolledBack, tt.open, tt.rollbacks, tt.downtime, tt.users}
			if counts != want {
				t.Errorf("counts %v, want %v", counts, want)
			}
			if e.Planned != tt.planned || e.Actual != tt.actual || e.PlannedOfActual != tt.plannedOfActual {
				t.Errorf("planned %v actual %v of %v, want %v %v %v", e.Planned, e.Actual, e.PlannedOfActual, tt.planned, tt.actual, tt.plannedOfActual)
			}
			if !e.HasStarted || e.StartSlip != tt.slip {
				t.Errorf("start slip %v (%v), want %v", e.StartSlip, e.HasStarted, tt.slip)
			}
			if rate, ok := e.FailureRate(); ok != tt.rated || rate != tt.rate {
				t.Errorf("failure rate %v %v, want %v %v", rate, ok, tt.rate, tt.rated)
			}
		})
	}
	if o := got[0].Overrun(); o != 30*time.Minute {
		t.Errorf("Dev overrun %v, want 30m", o)
	}
}

func TestReviewDataOfMissingRelease(t *testing.T) {
	s := newTestStore(t)
	if _, err := s.ReviewData(context.Background(), 99); !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
}

func TestReviewDataWithoutAnythingRecorded(t *testing.T) {
	f := newFixture(t)
	r := f.release(f.product("Ledger"), "1.0.0", NewDate(2026, 7, 1))
	d, err := f.s.ReviewData(f.ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Review != nil || len(d.Deployments) != 0 || len(d.ByEnvironment()) != 0 {
		t.Errorf("unexpected content: %+v", d)
	}
	if _, ok := d.SlipDays(); ok {
		t.Error("slip known without an actual release date")
	}
	if _, ok := d.Totals().FailureRate(); ok {
		t.Error("failure rate known without finished deployments")
	}
}

func TestPortfolioIteratorsPageThroughEverything(t *testing.T) {
	f := newFixture(t)
	p, q := f.product("Payments"), f.product("Ledger")
	dev := f.env("Dev", KindDevelopment)
	const nReleases, perRelease = 7, 350 // 2,450 deployments: several chunks
	var releases []Release
	for i := range nReleases {
		prod := p
		if i%2 == 1 {
			prod = q
		}
		releases = append(releases, f.release(prod, fmt.Sprintf("1.%d.0", i), NewDate(2026, 8, 1+i)))
	}
	var deps []Deployment
	for i, r := range releases {
		for j := range perRelease {
			outcome := Outcomes[(i+j)%len(Outcomes)]
			deps = append(deps, Deployment{ReleaseID: r.ID, EnvironmentID: dev.ID, Build: fmt.Sprint(j),
				PlannedStart: reportAt.Add(time.Duration(j) * time.Hour), PlannedEnd: reportAt.Add(time.Duration(j+1) * time.Hour), Outcome: outcome})
		}
	}
	if err := f.s.db.Omit("Release", "Environment").CreateInBatches(&deps, 500).Error; err != nil {
		t.Fatal(err)
	}
	reportInsert(t, f.s, &[]Rollback{{DeploymentID: deps[4].ID, StartedAt: reportAt, Reason: "slow"}})

	counts, err := f.s.PortfolioCounts(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts != (PortfolioCounts{Releases: nReleases, Deployments: nReleases * perRelease, Rollbacks: 1}) {
		t.Errorf("counts = %+v", counts)
	}
	var gotReleases []PortfolioRelease
	if err := f.s.EachPortfolioRelease(f.ctx, func(r PortfolioRelease) error { gotReleases = append(gotReleases, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(gotReleases) != nReleases || gotReleases[1].Product != "Ledger" || gotReleases[1].Version != "1.1.0" ||
		gotReleases[1].PlannedRelease != NewDate(2026, 8, 2) || gotReleases[1].Status != StatusPlanned {
		t.Fatalf("releases = %+v", gotReleases)
	}
	for _, r := range gotReleases {
		if r.Deployments != perRelease || r.Succeeded != perRelease/5 || r.Failed != perRelease/5 || r.RolledBack != perRelease/5 {
			t.Errorf("release %s counts %d/%d/%d/%d", r.Version, r.Deployments, r.Succeeded, r.Failed, r.RolledBack)
		}
	}
	var n int
	var last uint
	err = f.s.EachPortfolioDeployment(f.ctx, func(d PortfolioDeployment) error {
		if d.ID <= last {
			t.Fatalf("deployment %d after %d", d.ID, last)
		}
		if n == 0 && (d.Product != "Payments" || d.Environment != "Dev" || !d.PlannedStart.Equal(reportAt) || d.ActualStart != nil) {
			t.Errorf("first deployment = %+v", d)
		}
		last = d.ID
		n++
		return nil
	})
	if err != nil || n != nReleases*perRelease {
		t.Fatalf("walked %d deployments, err %v", n, err)
	}
	var rbs []PortfolioRollback
	if err := f.s.EachPortfolioRollback(f.ctx, func(r PortfolioRollback) error { rbs = append(rbs, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(rbs) != 1 || rbs[0].ReleaseID != releases[0].ID || rbs[0].Environment != "Dev" || rbs[0].Reason != "slow" {
		t.Errorf("rollbacks = %+v", rbs)
	}

	stop := errors.New("stop")
	n = 0
	err = f.s.EachPortfolioDeployment(f.ctx, func(PortfolioDeployment) error { n++; return stopAt(n, 1500, stop) })
	if !errors.Is(err, stop) || n != 1500 {
		t.Errorf("stopping: err %v after %d rows", err, n)
	}
	ctx, cancel := context.WithCancel(f.ctx)
	n = 0
	err = f.s.EachPortfolioDeployment(ctx, func(PortfolioDeployment) error {
		if n++; n == 10 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != portfolioChunk {
		t.Errorf("cancelled: err %v after %d rows", err, n)
	}
}

func stopAt(n, at int, err error) error {
	if n == at {
		return err
	}
	return nil
}

func TestReportFreezeWindows(t *testing.T) {
	f := newFixture(t)
	dev, prod := f.env("Dev", KindDevelopment), f.env("Prod", KindProduction)
	windows := []FreezeWindow{
		{Name: "Year end", Start: reportAt.Add(100 * time.Hour), End: reportAt.Add(200 * time.Hour), Environments: []Environment{prod, dev}},
		{Name: "Audit", Start: reportAt, End: reportAt.Add(time.Hour), AllEnvironments: true},
	}
	if err := f.s.db.Create(&windows).Error; err != nil {
		t.Fatal(err)
	}
	got, err := f.s.ReportFreezeWindows(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Name != "Audit" || len(got[1].Environments) != 2 || got[1].Environments[0].Name != "Dev" {
		t.Fatalf("windows = %+v", got)
	}
}
