package data

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// checkLines runs Check and returns its findings as lines, with its result.
func checkLines(t *testing.T, s *Store, scope CheckScope) ([]string, CheckResult) {
	t.Helper()
	var lines []string
	res, err := Check(context.Background(), s, scope, func(f Finding) error {
		lines = append(lines, f.String())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return lines, res
}

// TestCheckScope: by default check keeps to what can still be acted on
// (two weeks back and the future), as the dashboard; All reads everything.
func TestCheckScope(t *testing.T) {
	w := newRulesWorld(t) // today is 15 June 2026
	// An overlap a month ago, one a week ago, one ahead; a go with an open item.
	w.rulesDeploy(w.payRel, w.qa, OutcomeSucceeded, rulesAt(15, 10, 0).AddDate(0, -1, 0), rulesAt(15, 12, 0).AddDate(0, -1, 0))
	w.rulesDeploy(w.billRel, w.qa, OutcomeSucceeded, rulesAt(15, 11, 0).AddDate(0, -1, 0), rulesAt(15, 13, 0).AddDate(0, -1, 0))
	w.rulesDeploy(w.payRel, w.stage, OutcomeSucceeded, rulesAt(8, 10, 0), rulesAt(8, 12, 0))
	w.rulesDeploy(w.billRel, w.stage, OutcomeSucceeded, rulesAt(8, 11, 0), rulesAt(8, 13, 0))
	w.rulesDeploy(w.payRel, w.dev, OutcomePlanned, rulesAt(25, 10, 0), rulesAt(25, 12, 0))
	w.rulesDeploy(w.billRel, w.dev, OutcomePlanned, rulesAt(25, 11, 0), rulesAt(25, 13, 0))
	w.rulesReady(w.payRel)
	w.rulesItem(w.payRel, CategoryReadiness, "On-call briefed", false)
	// Broken data of a release long finished is history; of an open one, not.
	old := w.release(w.pay, "1.0.0", NewDate(2026, 1, 10))
	w.rulesSetRelease(&old, map[string]any{"status": StatusReleased, "actual_release": nil})
	w.rulesSetRelease(&w.billRel, map[string]any{"code_freeze": NewDate(2026, 6, 30)})

	lines, res := checkLines(t, w.s, CheckScope{Today: DateOf(testClock)})
	want := []string{
		"integrity: Billing 1.2.0 has its code freeze (2026-06-30) after its planned release date (2026-06-20)",
		"overlap: Payments 2.4.0 and Billing 1.2.0 overlap on Staging",
		"overlap: Payments 2.4.0 and Billing 1.2.0 overlap on Dev",
		"checklist: Go for Payments 2.4.0",
	}
	if len(lines) != len(want) {
		t.Fatalf("default scope:\n%s\nwant %d lines", strings.Join(lines, "\n"), len(want))
	}
	for i, l := range lines {
		if !strings.HasPrefix(l, want[i]) {
			t.Errorf("line %d = %q, want it to start %q", i, l, want[i])
		}
	}
	if res.From != NewDate(2026, 6, 1) || res.Total != 4 || res.Counts[FindingOverlap] != 2 {
		t.Errorf("result %+v", res)
	}
	if got, wantSum := res.Summary(), "4 findings from 2026-06-01 on: 1 integrity, 2 overlap, 1 checklist"; got != wantSum {
		t.Errorf("summary %q, want %q", got, wantSum)
	}

	lines, res = checkLines(t, w.s, CheckScope{All: true})
	if res.Total != 6 || res.Counts[FindingIntegrity] != 2 || res.Counts[FindingOverlap] != 3 || !res.From.IsZero() {
		t.Errorf("all: %+v\n%s", res, strings.Join(lines, "\n"))
	}
	if !strings.HasPrefix(res.Summary(), "6 findings in the whole history: 2 integrity, 3 overlap, 1 checklist") {
		t.Errorf("all: summary %q", res.Summary())
	}
}

// TestCheckMatchesTheRulesSliceBySlice: however the history is cut into
// slices, check reports each deployment conflict once, in the order
// ConflictsIn gives, long deployments spanning slices included.
func TestCheckMatchesTheRulesSliceBySlice(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Now = func() time.Time { return testClock }
	if _, err := GenerateDemo(ctx, s, DemoOptions{Releases: 150, Seed: 3, Today: DateOf(testClock)}); err != nil {
		t.Fatal(err)
	}
	// Some long deployments that many slices read.
	if err := s.db.Exec("UPDATE deployments SET planned_end = datetime(planned_start, '+20 days') WHERE id % 37 = 0 AND actual_start IS NULL").Error; err != nil {
		t.Fatal(err)
	}
	deploymentLines := func(fs []Finding) []string {
		var out []string
		for _, f := range fs {
			if f.Kind == FindingOverlap || f.Kind == FindingFreeze || f.Kind == FindingOrder {
				out = append(out, f.String())
			}
		}
		return out
	}
	all, err := s.ConflictsIn(ctx, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	// The demo's conflicts lie ahead of its today: a later day splits them.
	later := NewDate(2026, 9, 1)
	recent, err := s.ConflictsIn(ctx, later.AddDays(-14).Time(time.Local), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(deploymentLines(recent)) == 0 || len(deploymentLines(recent)) == len(deploymentLines(all)) {
		t.Fatalf("the demo gives %d findings, %d recent: the test needs both old and recent ones", len(all), len(recent))
	}
	saved := checkSliceDeployments
	defer func() { checkSliceDeployments = saved }()
	for _, size := range []int64{20000, 200, 37} {
		checkSliceDeployments = size
		for _, scope := range []CheckScope{{All: true}, {Today: later}} {
			lines, res := checkLines(t, s, scope)
			want := deploymentLines(all)
			if !scope.All {
				want = deploymentLines(recent)
			}
			var got []string
			for _, l := range lines {
				if k, _, _ := strings.Cut(l, ":"); k == FindingOverlap || k == FindingFreeze || k == FindingOrder {
					got = append(got, l)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("slices of %d deployments, all %v: %d deployment findings, want %d", size, scope.All, len(got), len(want))
			}
			if res.Total != len(lines) {
				t.Errorf("total %d for %d lines", res.Total, len(lines))
			}
		}
	}
}

// TestCheckStopsAtTheFirstFailedWrite: a finding that cannot be handed on
// (stdout closed, say) ends the check with that error.
func TestCheckStopsAtTheFirstFailedWrite(t *testing.T) {
	w := newRulesWorld(t)
	w.rulesDeploy(w.payRel, w.qa, OutcomePlanned, rulesAt(20, 10, 0), rulesAt(20, 12, 0))
	w.rulesDeploy(w.billRel, w.qa, OutcomePlanned, rulesAt(20, 11, 0), rulesAt(20, 13, 0))
	w.rulesDeploy(w.billRel, w.stage, OutcomePlanned, rulesAt(21, 11, 0), rulesAt(21, 13, 0))
	w.rulesDeploy(w.payRel, w.stage, OutcomePlanned, rulesAt(21, 10, 0), rulesAt(21, 12, 0))
	broken := errors.New("broken pipe")
	calls := 0
	_, err := Check(w.ctx, w.s, CheckScope{All: true}, func(Finding) error {
		calls++
		return broken
	})
	if !errors.Is(err, broken) || calls != 1 {
		t.Errorf("err %v after %d findings, want the write's error after one", err, calls)
	}
}

// TestReleaseFindingsAreChecksLines: what the review workbook and the
// release's screens list about a release is what check --all prints about
// it, line for line.
func TestReleaseFindingsAreChecksLines(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Now = func() time.Time { return testClock }
	if _, err := GenerateDemo(ctx, s, DemoOptions{Releases: 120, Seed: 5, Today: DateOf(testClock)}); err != nil {
		t.Fatal(err)
	}
	// Broken data of one release, for integrity's part.
	if err := s.db.Exec("UPDATE releases SET code_freeze = '2099-01-01' WHERE id = 7").Error; err != nil {
		t.Fatal(err)
	}
	byRelease := map[uint][]string{}
	if _, err := Check(ctx, s, CheckScope{All: true}, func(f Finding) error {
		for _, id := range f.ReleaseIDs {
			byRelease[id] = append(byRelease[id], f.String())
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(byRelease[7]) == 0 || len(byRelease) < 5 {
		t.Fatalf("the demo gives findings about %d releases: too few to compare", len(byRelease))
	}
	for id := uint(1); id <= 120; id++ {
		fs, err := s.ReleaseFindings(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		got := make([]string, len(fs))
		for i, f := range fs {
			got[i] = f.String()
		}
		if !slices.Equal(got, byRelease[id]) {
			t.Errorf("release %d:\n%s\ncheck --all says:\n%s", id, strings.Join(got, "\n"), strings.Join(byRelease[id], "\n"))
		}
	}
}

// BenchmarkCheck measures check on the 2,000-release demo: the default
// scope (what can still be acted on) and the whole history (the checks of
// the file included, which read every page), with the findings each gives.
func BenchmarkCheck(b *testing.B) {
	s := rulesBenchStore(b)
	ctx := context.Background()
	for _, bc := range []struct {
		name  string
		scope CheckScope
	}{{"default", CheckScope{Today: rulesBenchDay}}, {"whole history", CheckScope{All: true}}} {
		b.Run(bc.name, func(b *testing.B) {
			var res CheckResult
			cpu := processCPU(b)
			for b.Loop() {
				var err error
				if res, err = Check(ctx, s, bc.scope, func(Finding) error { return nil }); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64((processCPU(b)-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
			b.ReportMetric(float64(res.Total), "findings")
		})
	}
}
