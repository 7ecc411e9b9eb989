package data

import (
	"slices"
	"testing"
	"time"
)

// timelineFixtureData stores two products, three environments, releases
// (one undated), deployments in every state and two freeze windows, and
// returns what TimelineData reads back.
func timelineFixtureData(t *testing.T) (*fixture, TimelineData, map[string]uint) {
	t.Helper()
	f := newFixture(t)
	ids := map[string]uint{}
	prod := f.env("Production", KindProduction)
	dev := f.env("Dev", KindDevelopment)
	staging := f.env("Staging", KindStaging)
	// Move Production to the end so position, not creation, decides the order.
	if err := f.s.MoveEnvironment(f.ctx, prod.ID, 2); err != nil {
		t.Fatal(err)
	}
	pay, id := f.product("Payments"), f.product("Identity")
	late := f.release(pay, "2.5.0", NewDate(2026, 8, 1))
	early := f.release(id, "1.0.0", NewDate(2026, 7, 10))
	undated := Release{ProductID: pay.ID, Version: "3.0.0", Title: "Someday", Type: TypeMajor, Status: StatusDraft, Risk: RiskLow}
	if err := f.s.SaveRelease(f.ctx, &undated); err != nil {
		t.Fatal(err)
	}
	ids["late"], ids["early"], ids["undated"] = late.ID, early.ID, undated.ID
	ids["dev"], ids["staging"], ids["prod"] = dev.ID, staging.ID, prod.ID
	deps := []struct {
		name     string
		rel, env uint
		start    time.Time
		outcome  Outcome
	}{
		{"planned", late.ID, staging.ID, deployDay.Add(48 * time.Hour), OutcomePlanned},
		{"succeeded", late.ID, dev.ID, deployDay, OutcomeSucceeded},
		{"running", early.ID, dev.ID, deployDay.Add(2 * time.Hour), OutcomeInProgress},
	}
	for _, c := range deps {
		d := Deployment{ReleaseID: c.rel, EnvironmentID: c.env, PlannedStart: c.start, PlannedEnd: c.start.Add(time.Hour), Outcome: c.outcome}
		switch c.outcome {
		case OutcomeSucceeded:
			d.ActualStart, d.ActualEnd = timePtr(c.start.Add(10*time.Minute)), timePtr(c.start.Add(90*time.Minute))
		case OutcomeInProgress:
			d.ActualStart = timePtr(c.start)
		}
		if err := f.s.SaveDeployment(f.ctx, &d); err != nil {
			t.Fatalf("deployment %s: %v", c.name, err)
		}
		ids[c.name] = d.ID
	}
	some := FreezeWindow{Name: "Audit", Start: deployDay.Add(24 * time.Hour), End: deployDay.Add(96 * time.Hour),
		Environments: []Environment{prod, staging}, Reason: "Auditors on site"}
	all := FreezeWindow{Name: "Year end", Start: time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC), End: time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC), AllEnvironments: true}
	for _, fw := range []*FreezeWindow{&all, &some} {
		if err := f.s.SaveFreezeWindow(f.ctx, fw); err != nil {
			t.Fatal(err)
		}
	}
	ids["audit"], ids["yearend"] = some.ID, all.ID
	td, err := f.s.TimelineData(f.ctx)
	if err != nil {
		t.Fatalf("TimelineData: %v", err)
	}
	return f, td, ids
}

func TestTimelineDataReadsEverythingTheTimelineShows(t *testing.T) {
	_, td, ids := timelineFixtureData(t)

	var envs []string
	for _, e := range td.Environments {
		envs = append(envs, e.Name)
	}
	if want := []string{"Dev", "Staging", "Production"}; !slices.Equal(envs, want) {
		t.Errorf("environments %q, want the promotion path %q", envs, want)
	}

	var rels []string
	for _, r := range td.Releases {
		rels = append(rels, r.Name()+" "+r.PlannedRelease.String())
	}
	if want := []string{"Identity 1.0.0 2026-07-10", "Payments 2.5.0 2026-08-01", "Payments 3.0.0 "}; !slices.Equal(rels, want) {
		t.Errorf("releases %q, want by planned date, undated last: %q", rels, want)
	}
	if r := td.Releases[2]; r.ID != ids["undated"] || r.Title != "Someday" || r.Status != StatusDraft || r.ProductID == 0 {
		t.Errorf("undated release read as %+v", r)
	}

	byID := map[uint]TimelineDeployment{}
	for _, d := range td.Deployments {
		byID[d.ID] = d
	}
	if len(byID) != 3 {
		t.Fatalf("%d deployments read, want 3: %+v", len(byID), td.Deployments)
	}
	cases := []struct {
		name                   string
		release, env           uint
		start, actualS, actual time.Time
		outcome                Outcome
	}{
		{"planned", ids["late"], ids["staging"], deployDay.Add(48 * time.Hour), time.Time{}, time.Time{}, OutcomePlanned},
		{"succeeded", ids["late"], ids["dev"], deployDay, deployDay.Add(10 * time.Minute), deployDay.Add(90 * time.Minute), OutcomeSucceeded},
		{"running", ids["early"], ids["dev"], deployDay.Add(2 * time.Hour), deployDay.Add(2 * time.Hour), time.Time{}, OutcomeInProgress},
	}
	for _, c := range cases {
		d := byID[ids[c.name]]
		if d.ReleaseID != c.release || d.EnvironmentID != c.env || d.Outcome != c.outcome {
			t.Errorf("%s: release %d env %d outcome %s, want %d %d %s", c.name, d.ReleaseID, d.EnvironmentID, d.Outcome, c.release, c.env, c.outcome)
		}
		if !d.PlannedStart.Equal(c.start) || !d.PlannedEnd.Equal(c.start.Add(time.Hour)) || d.PlannedStart.Location() != time.UTC {
			t.Errorf("%s: planned %v – %v, want %v for an hour, in UTC", c.name, d.PlannedStart, d.PlannedEnd, c.start)
		}
		if !d.ActualStart.Equal(c.actualS) || !d.ActualEnd.Equal(c.actual) {
			t.Errorf("%s: actual %v – %v, want %v – %v", c.name, d.ActualStart, d.ActualEnd, c.actualS, c.actual)
		}
	}

	if len(td.Freezes) != 2 {
		t.Fatalf("%d freezes, want 2", len(td.Freezes))
	}
	audit, yearEnd := td.Freezes[0], td.Freezes[1]
	if audit.ID != ids["audit"] || audit.Name != "Audit" || audit.Reason != "Auditors on site" || audit.AllEnvironments {
		t.Errorf("first freeze by start %+v, want Audit", audit)
	}
	if want := []uint{ids["staging"], ids["prod"]}; !slices.Equal(audit.EnvironmentIDs, want) {
		t.Errorf("Audit covers %v, want %v in promotion order", audit.EnvironmentIDs, want)
	}
	if !audit.Covers(ids["prod"]) || audit.Covers(ids["dev"]) {
		t.Error("Audit should cover Production and not Dev")
	}
	if yearEnd.ID != ids["yearend"] || !yearEnd.AllEnvironments || len(yearEnd.EnvironmentIDs) != 0 || !yearEnd.Covers(ids["dev"]) {
		t.Errorf("year-end freeze %+v, want all environments and no list", yearEnd)
	}
	if !yearEnd.Start.Equal(time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC)) || !yearEnd.End.Equal(time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("year-end window %v – %v", yearEnd.Start, yearEnd.End)
	}
}

func TestTimelineDataOfAnEmptyDatabase(t *testing.T) {
	f := newFixture(t)
	td, err := f.s.TimelineData(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(td.Environments)+len(td.Releases)+len(td.Deployments)+len(td.Freezes) != 0 {
		t.Errorf("empty database gave %+v", td)
	}
}

func TestTimelineDataFollowsChanges(t *testing.T) {
	f, _, ids := timelineFixtureData(t)
	d, err := f.s.Deployment(f.ctx, ids["planned"])
	if err != nil {
		t.Fatal(err)
	}
	moved := d.PlannedStart.AddDate(0, 0, 3)
	d.PlannedStart, d.PlannedEnd = moved, moved.Add(2*time.Hour)
	if err := f.s.SaveDeployment(f.ctx, &d); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.DeleteRelease(f.ctx, ids["early"]); err != nil {
		t.Fatal(err)
	}
	td, err := f.s.TimelineData(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(td.Releases) != 2 || len(td.Deployments) != 2 {
		t.Fatalf("after deleting a release: %d releases, %d deployments, want 2 and 2", len(td.Releases), len(td.Deployments))
	}
	for _, dep := range td.Deployments {
		if dep.ID == ids["planned"] && (!dep.PlannedStart.Equal(moved) || !dep.PlannedEnd.Equal(moved.Add(2*time.Hour))) {
			t.Errorf("moved deployment reads %v – %v, want %v for two hours", dep.PlannedStart, dep.PlannedEnd, moved)
		}
	}
}

// BenchmarkTimelineData reads the timeline of the 2,000-release demo database.
func BenchmarkTimelineData(b *testing.B) {
	s := rulesBenchStore(b)
	ctx := b.Context()
	var td TimelineData
	for b.Loop() {
		var err error
		if td, err = s.TimelineData(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(td.Releases)), "releases")
	b.ReportMetric(float64(len(td.Deployments)), "deployments")
}

// BenchmarkTimelineConflicts finds what the timeline outlines on the same database.
func BenchmarkTimelineConflicts(b *testing.B) {
	s := rulesBenchStore(b)
	ctx := b.Context()
	var marked int
	for b.Loop() {
		m, err := s.DeploymentConflicts(ctx, time.Time{}, time.Time{})
		if err != nil {
			b.Fatal(err)
		}
		marked = len(m)
	}
	b.ReportMetric(float64(marked), "marked")
}

// TestTimelineDataIn: a stretch of the plan holds the releases deployed in
// it or planned in it, each with all its deployments, and the freezes
// meeting it: what the whole timeline holds there, and nothing more.
func TestTimelineDataIn(t *testing.T) {
	s, _ := releaseSearchStore(t)
	ctx := t.Context()
	all, err := s.TimelineData(ctx)
	if err != nil {
		t.Fatal(err)
	}
	from := demoTestDay.AddDays(-20).Time(time.Local)
	to := demoTestDay.AddDays(40).Time(time.Local)
	part, err := s.TimelineDataIn(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	rng := timeRange{from: from, to: to}
	want := map[uint]bool{}
	for _, r := range all.Releases {
		if !r.PlannedRelease.IsZero() && !r.PlannedRelease.Before(DateOf(from)) && !r.PlannedRelease.After(DateOf(to)) {
			want[r.ID] = true
		}
	}
	byRelease := map[uint]int{}
	for _, d := range all.Deployments {
		byRelease[d.ReleaseID]++
		start, end := d.PlannedStart, d.PlannedEnd
		if !d.ActualStart.IsZero() {
			start, end = d.ActualStart, d.ActualEnd
			if d.ActualEnd.IsZero() {
				end = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC) // running: until it ends
			}
		}
		if rng.meets(start, end) {
			want[d.ReleaseID] = true
		}
	}
	got := map[uint]bool{}
	for _, r := range part.Releases {
		got[r.ID] = true
	}
	if len(got) != len(want) || len(got) == 0 || len(got) == len(all.Releases) {
		t.Fatalf("%d releases in the stretch, want %d of %d", len(got), len(want), len(all.Releases))
	}
	for id := range want {
		if !got[id] {
			t.Fatalf("release %d is missing from the stretch", id)
		}
	}
	deployments := map[uint]int{}
	for _, d := range part.Deployments {
		deployments[d.ReleaseID]++
	}
	for id := range got {
		if deployments[id] != byRelease[id] {
			t.Fatalf("release %d: %d deployments in the stretch, %d in all", id, deployments[id], byRelease[id])
		}
	}
	if len(deployments) > len(got) || len(part.Environments) != len(all.Environments) {
		t.Fatalf("deployments of %d releases for %d releases; %d environments", len(deployments), len(got), len(part.Environments))
	}
	for _, f := range all.Freezes {
		in := slices.ContainsFunc(part.Freezes, func(p TimelineFreeze) bool { return p.ID == f.ID })
		if in != (f.End.After(from) && f.Start.Before(to)) {
			t.Errorf("freeze %q (%s – %s) in the stretch: %v", f.Name, f.Start, f.End, in)
		}
	}
}
