package data

import (
	"strings"
	"testing"
	"time"
)

func TestReplanNeedsAReasonOnceCommitted(t *testing.T) {
	f := newFixture(t)
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1)) // planned: committed
	first := r
	before := crudDump(t, f.s)
	r.PlannedRelease = NewDate(2026, 7, 8)
	crudRefused(t, f.s, before, f.s.SaveRelease(f.ctx, &r), "ReplanReason")

	r.ReplanReason = "  Card scheme certification slipped a week "
	if err := f.s.SaveRelease(f.ctx, &r); err != nil {
		t.Fatal(err)
	}
	if r.ReplanReason != "" {
		t.Fatal("the reason was not consumed")
	}
	got, _ := f.s.Release(f.ctx, r.ID)
	if !got.BaselineFreeze.Equal(first.CodeFreeze) || !got.BaselineRelease.Equal(first.PlannedRelease) {
		t.Fatalf("baseline %s/%s, want the first committed dates %s/%s", got.BaselineFreeze, got.BaselineRelease, first.CodeFreeze, first.PlannedRelease)
	}
	replans, err := f.s.Replans(f.ctx, r.ID)
	if err != nil || len(replans) != 1 || replans[0].Reason != "Card scheme certification slipped a week" ||
		!replans[0].OldRelease.Equal(first.PlannedRelease) || !replans[0].NewRelease.Equal(NewDate(2026, 7, 8)) || !replans[0].At.Equal(testClock) {
		t.Fatalf("replans %+v (%v)", replans, err)
	}
	if !crudHistoryHas(t, f.s, EntityReplan, replans[0].ID, ActionCreate, "Reason", r.ID) {
		t.Fatal("the re-plan's reason is not in the release's history")
	}
	if !crudHistoryHas(t, f.s, EntityRelease, r.ID, ActionUpdate, "PlannedRelease", r.ID) {
		t.Fatal("the new date is not in the release's history")
	}

	// A second re-plan keeps the first baseline; a caller cannot set it.
	got.CodeFreeze, got.PlannedRelease, got.ReplanReason = NewDate(2026, 7, 6), NewDate(2026, 7, 15), "Bank holiday"
	got.BaselineRelease = NewDate(2030, 1, 1)
	if err := f.s.SaveRelease(f.ctx, &got); err != nil {
		t.Fatal(err)
	}
	again, _ := f.s.Release(f.ctx, r.ID)
	if !again.BaselineRelease.Equal(first.PlannedRelease) || !again.BaselineFreeze.Equal(first.CodeFreeze) {
		t.Fatalf("baseline moved to %s/%s", again.BaselineFreeze, again.BaselineRelease)
	}
	if days, ok := again.BaselineSlipDays(); !ok || days != 14 {
		t.Fatalf("slip against baseline %d %v, want 14 days", days, ok)
	}
	// Other edits of a committed release need no reason.
	again.Title = "Refunds and bank transfers"
	if err := f.s.SaveRelease(f.ctx, &again); err != nil {
		t.Fatal(err)
	}
	if replans, _ := f.s.Replans(f.ctx, r.ID); len(replans) != 2 {
		t.Fatalf("%d re-plans, want 2", len(replans))
	}
}

func TestDraftDatesAreNotABaseline(t *testing.T) {
	f := newFixture(t)
	r := Release{ProductID: f.product("Payments").ID, Version: "3.0.0", Title: "Big one", Type: TypeMajor, Status: StatusDraft,
		PlannedRelease: NewDate(2026, 9, 1)}
	if err := f.s.SaveRelease(f.ctx, &r); err != nil {
		t.Fatal(err)
	}
	if _, base := r.Baseline(); !base.IsZero() {
		t.Fatalf("a draft has baseline %s", base)
	}
	r.PlannedRelease = NewDate(2026, 9, 15) // a draft moves freely
	if err := f.s.SaveRelease(f.ctx, &r); err != nil {
		t.Fatal(err)
	}
	r.Status, r.PlannedRelease = StatusPlanned, NewDate(2026, 10, 1) // committing is not a re-plan
	if err := f.s.SaveRelease(f.ctx, &r); err != nil {
		t.Fatal(err)
	}
	if replans, _ := f.s.Replans(f.ctx, r.ID); len(replans) != 0 {
		t.Fatalf("re-plans %+v before any commitment", replans)
	}
	got, _ := f.s.Release(f.ctx, r.ID)
	if _, base := got.Baseline(); !base.Equal(NewDate(2026, 10, 1)) {
		t.Fatalf("committed release's baseline %s, want its committed date", base)
	}
	bs, err := f.s.Baselines(f.ctx, []uint{r.ID})
	if err != nil || bs[r.ID].BaselineDay != NewDate(2026, 10, 1) || bs[r.ID].Replans != 0 {
		t.Fatalf("Baselines = %+v, %v", bs, err)
	}
}

func TestMetricsSlipAgainstBaseline(t *testing.T) {
	f := newFixture(t)
	prod := f.env("Production", KindProduction)
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 6, 1))
	r.PlannedRelease, r.ReplanReason = NewDate(2026, 6, 5), "Waiting for the ledger"
	if err := f.s.SaveRelease(f.ctx, &r); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetReleaseStatus(f.ctx, r.ID, StatusInProgress); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 6, 8, 9, 0, 0, 0, time.UTC)
	end := start.Add(time.Hour)
	d := Deployment{ReleaseID: r.ID, EnvironmentID: prod.ID, PlannedStart: start, PlannedEnd: end,
		ActualStart: &start, ActualEnd: &end, Outcome: OutcomeSucceeded}
	if err := f.s.SaveDeployment(f.ctx, &d); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetReleaseStatus(f.ctx, r.ID, StatusReleased); err != nil {
		t.Fatal(err)
	}
	got, _ := f.s.Release(f.ctx, r.ID)
	if got.ActualRelease.IsZero() {
		t.Fatal("no actual release date")
	}
	from := time.Date(2026, 6, 1, 0, 0, 0, 0, time.Local)
	m, err := f.s.Metrics(f.ctx, from, from.AddDate(0, 1, 0), 0)
	if err != nil {
		t.Fatal(err)
	}
	slip := float64(NewDate(2026, 6, 5).DaysUntil(got.ActualRelease))
	base := float64(NewDate(2026, 6, 1).DaysUntil(got.ActualRelease))
	if m.SlipDays.Count != 1 || m.SlipDays.Max != slip || m.BaselineSlipDays.Count != 1 || m.BaselineSlipDays.Max != base {
		t.Fatalf("slip %+v, against baseline %+v; want %v and %v days", m.SlipDays, m.BaselineSlipDays, slip, base)
	}
	series, err := f.s.MetricsSeries(f.ctx, from, from.AddDate(0, 1, 0), PeriodMonth, 0)
	if err != nil || len(series) != 1 || series[0].BaselineSlipDays != m.BaselineSlipDays {
		t.Fatalf("series %+v (%v)", series, err)
	}
}

func TestReplanReasonLimit(t *testing.T) {
	f := newFixture(t)
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	before := crudDump(t, f.s)
	r.PlannedRelease, r.ReplanReason = NewDate(2026, 7, 2), strings.Repeat("r", MaxReplanReason+1)
	crudRefused(t, f.s, before, f.s.SaveRelease(f.ctx, &r), "ReplanReason")
}
