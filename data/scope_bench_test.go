package data

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// BenchmarkScope measures, on the 2,000-release demo, the scope queries the
// dashboard and the Releases table run beside their own: scope counts for
// a screen of releases and for all of them, the dependency rule over the
// dashboard's window and over the whole history, one release's scope, and
// a Jira import of a thousand issues.
func BenchmarkScope(b *testing.B) {
	s := rulesBenchStore(b)
	ctx := context.Background()
	rels, err := s.ListReleases(ctx, ReleaseFilter{})
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]uint, len(rels))
	for i, r := range rels {
		ids[i] = r.ID
	}
	from, to := dashboardConflictWindow(rulesBenchDay)
	parts := []struct {
		name string
		run  func() (int, error)
	}{
		{"counts of 50 releases", func() (int, error) { c, err := s.ScopeCounts(ctx, ids[:50]); return len(c), err }},
		{"counts of all releases", func() (int, error) { c, err := s.ScopeCounts(ctx, ids); return len(c), err }},
		{"dependency rule, dashboard window", func() (int, error) { v, err := s.DependencyConflicts(ctx, from, to); return len(v), err }},
		{"dependency rule, all time", func() (int, error) {
			v, err := s.DependencyConflicts(ctx, time.Time{}, time.Time{})
			return len(v), err
		}},
		{"one release's scope", func() (int, error) { w, err := s.WorkItems(ctx, ids[len(ids)/2], WorkItemFilter{}); return len(w), err }},
	}
	for _, p := range parts {
		b.Run(p.name, func(b *testing.B) {
			var n int
			cpu := processCPU(b)
			for b.Loop() {
				var err error
				if n, err = p.run(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64((processCPU(b)-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
			b.ReportMetric(float64(n), "rows")
		})
	}
}

// BenchmarkImportJira measures a thousand issues over fifty new releases
// going into a fresh database, then the same export again (all updates
// found unchanged).
func BenchmarkImportJira(b *testing.B) {
	issues := make([]JiraIssue, 1000)
	for i := range issues {
		issues[i] = JiraIssue{Row: i + 2, Key: fmt.Sprintf("PAY-%d", 1000+i), Summary: fmt.Sprintf("Issue number %d", i),
			IssueType: []string{"Story", "Bug", "Task", "Improvement"}[i%4], Status: "Done", ProjectName: "Payments",
			FixVersions: []string{fmt.Sprintf("4.%d.0", i%50)}, Components: []string{"Checkout"}}
	}
	ctx := context.Background()
	for _, again := range []bool{false, true} {
		name := "first import"
		if again {
			name = "same export again"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				s := newTestStore(b)
				if again {
					if _, err := s.ImportJira(ctx, issues, JiraOptions{}); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				if _, err := s.ImportJira(ctx, issues, JiraOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
