package data

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"
)

func TestDashboard(t *testing.T) {
	w := newRulesWorld(t) // Payments 2.4.0 and Billing 1.2.0 are planned for 2026-06-20
	today := NewDate(2026, 6, 15)
	overdue := w.release(w.pay, "2.3.0", NewDate(2026, 6, 10))
	draft := w.release(w.bill, "1.3.0", NewDate(2026, 7, 15))
	w.rulesSetRelease(&draft, map[string]any{"status": StatusDraft})
	done := w.release(w.bill, "1.1.0", NewDate(2026, 6, 16))
	w.rulesSetRelease(&done, map[string]any{"status": StatusReleased, "actual_release": NewDate(2026, 6, 14)})
	w.release(w.pay, "3.0.0", NewDate(2026, 7, 16)) // beyond 30 days

	running := w.rulesDeploy(overdue, w.stage, OutcomeInProgress, rulesAt(15, 8, 0), rulesAt(15, 12, 0))
	w.rulesDeploy(w.payRel, w.qa, OutcomeSucceeded, rulesAt(14, 9, 0), rulesAt(14, 11, 0))
	w.rulesDeploy(w.billRel, w.qa, OutcomeFailed, rulesAt(14, 10, 0), rulesAt(14, 12, 0))
	// An overlap too long ago for the dashboard.
	w.rulesDeploy(w.payRel, w.dev, OutcomeSucceeded, rulesAt(1, 9, 0).AddDate(0, -1, 0), rulesAt(1, 11, 0).AddDate(0, -1, 0))
	w.rulesDeploy(w.billRel, w.dev, OutcomeSucceeded, rulesAt(1, 10, 0).AddDate(0, -1, 0), rulesAt(1, 12, 0).AddDate(0, -1, 0))

	d, err := w.s.Dashboard(w.ctx, today, 7*24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	names := func(rs []Release) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Name())
		}
		return out
	}
	tests := []struct {
		name string
		ok   bool
		got  any
	}{
		{"upcoming by date, drafts included", len(d.Upcoming) == 3 && d.Upcoming[2].ID == draft.ID &&
			d.Upcoming[0].Product.Name != "", names(d.Upcoming)},
		{"overdue", len(d.Overdue) == 1 && d.Overdue[0].ID == overdue.ID, names(d.Overdue)},
		{"in progress with release and environment", len(d.InProgress) == 1 && d.InProgress[0].ID == running.ID &&
			d.InProgress[0].Environment.Name == "Staging" && d.InProgress[0].Release.Name() == "Payments 2.3.0", d.InProgress},
		{"only recent conflicts", len(d.Conflicts) == 1 && d.Conflicts[0].Kind == FindingOverlap && d.Conflicts[0].EnvironmentID == w.qa.ID, d.Conflicts},
		{"conflicts window named", d.ConflictsFrom == today.AddDays(-14) && d.ConflictsTo == today.AddDays(60),
			[]Date{d.ConflictsFrom, d.ConflictsTo}},
		{"metrics of the last week", d.Metrics.Total.Finished == 2 && d.Metrics.Total.Failed == 1 &&
			d.Metrics.To.Equal(today.AddDays(1).Time(time.Local)), d.Metrics.Total},
	}
	for _, tt := range tests {
		if !tt.ok {
			t.Errorf("%s: got %+v", tt.name, tt.got)
		}
	}
	if _, err := w.s.Dashboard(w.ctx, Date{}, 0); err == nil {
		t.Error("a dashboard without a day was built")
	}
	def, err := w.s.Dashboard(w.ctx, today, 0)
	if err != nil || def.Metrics.To.Sub(def.Metrics.From) != DefaultMetricsPeriod {
		t.Errorf("default period: %v to %v, %v", def.Metrics.From, def.Metrics.To, err)
	}
}

// TestDashboardIntegrity: the window sees the broken data of the releases
// it is about, as check does, and not that of long-finished ones.
func TestDashboardIntegrity(t *testing.T) {
	w := newRulesWorld(t) // Payments 2.4.0 and Billing 1.2.0 are planned for 2026-06-20
	today := NewDate(2026, 6, 15)
	old := w.release(w.pay, "1.0.0", NewDate(2026, 1, 10))
	w.rulesSetRelease(&old, map[string]any{"status": StatusReleased, "actual_release": nil})
	w.rulesSetRelease(&w.billRel, map[string]any{"code_freeze": NewDate(2026, 6, 30)})
	bad := w.rulesDeploy(w.payRel, w.qa, OutcomePlanned, rulesAt(17, 10, 0), rulesAt(17, 9, 0))
	eve := Stakeholder{Name: "Eve Moss", Email: "eve at example"}
	w.rulesInsert(&eve)

	found, err := w.s.DashboardIntegrity(w.ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	var subjects []Record
	for _, f := range found {
		if f.Kind != FindingIntegrity {
			t.Errorf("not an integrity finding: %s", f)
		}
		subjects = append(subjects, f.Subject)
	}
	want := []Record{{EntityRelease, w.billRel.ID}, {EntityDeployment, bad.ID}, {EntityStakeholder, eve.ID}}
	if !reflect.DeepEqual(subjects, want) {
		t.Errorf("integrity findings %v, want %v", found, want)
	}
	all, err := CheckIntegrity(w.ctx, w.s)
	if err != nil || len(all) != 4 {
		t.Errorf("check --all's integrity: %v, %v; want the old release's too", all, err)
	}
	if _, err := w.s.DashboardIntegrity(w.ctx, Date{}); err == nil {
		t.Error("integrity of a dashboard without a day")
	}
}

// rulesBenchDay is the benchmark database's "today", fixed so the cached
// file stays valid from one day to the next (see rulesBenchStore).
var rulesBenchDay = NewDate(2026, 6, 15)

// The benchmarks run on another database when these name one, such as a
// 100,000-release demo built once with `releasedesk demo --releases 100000`
// (too slow to build in every run). The day is the demo's today
// (YYYY-MM-DD, the machine's today when unset).
const (
	benchDBEnv    = "RELEASEDESK_BENCH_DB"
	benchTodayEnv = "RELEASEDESK_BENCH_TODAY"
)

// rulesBenchStore opens the 2,000-release demo database (about 20,000
// deployments), or the one RELEASEDESK_BENCH_DB names, read-only. The demo
// is built once and kept in os.TempDir(), named after its options, the
// schema version and the test binary (so a changed demo generator builds a
// fresh one).
func rulesBenchStore(b *testing.B) *Store {
	b.Helper()
	ctx := context.Background()
	if path := os.Getenv(benchDBEnv); path != "" {
		rulesBenchDay = Today()
		if day := os.Getenv(benchTodayEnv); day != "" {
			var err error
			if rulesBenchDay, err = ParseDate(day); err != nil {
				b.Fatalf("%s=%q: %v", benchTodayEnv, day, err)
			}
		}
		s, err := OpenWith(ctx, path, OpenOptions{ReadOnly: true, Verify: VerifySkip})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		return s
	}
	opt := DemoOptions{Releases: 2000, Seed: 1, Today: rulesBenchDay}
	prefix := filepath.Join(os.TempDir(), fmt.Sprintf("releasedesk-bench-r%d-s%d-%s-v%d-", opt.Releases, opt.Seed, opt.Today, SchemaVersion()))
	path := prefix + rulesBinaryHash(b) + ".db"
	if _, err := os.Stat(path); err != nil {
		// Databases built by earlier code are stale: remove them first.
		stale, _ := filepath.Glob(prefix + "*.db")
		for _, f := range stale {
			_ = os.Remove(f)
		}
		building := path + ".building"
		for _, f := range []string{building, building + "-wal", building + "-shm"} {
			_ = os.Remove(f)
		}
		s, err := Open(ctx, building)
		if err != nil {
			b.Fatal(err)
		}
		sum, err := GenerateDemo(ctx, s, opt)
		if cerr := s.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			b.Fatalf("build the benchmark database: %v", err)
		}
		b.Logf("built %s: %s", path, sum)
		if err := os.Rename(building, path); err != nil {
			b.Fatal(err)
		}
	}
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

var rulesBinary struct {
	once sync.Once
	hash string
}

// rulesBinaryHash fingerprints the running test binary; Go builds are
// reproducible, so it changes exactly when the code does.
func rulesBinaryHash(b *testing.B) string {
	rulesBinary.once.Do(func() {
		exe, err := os.Executable()
		if err == nil {
			var f *os.File
			if f, err = os.Open(exe); err == nil {
				h := sha256.New()
				_, err = io.Copy(h, f)
				f.Close()
				rulesBinary.hash = hex.EncodeToString(h.Sum(nil))[:12]
			}
		}
		if err != nil {
			b.Logf("cannot fingerprint the test binary (%v); the cached database is kept by options only", err)
			rulesBinary.hash = "any"
		}
	})
	return rulesBinary.hash
}

// BenchmarkDashboard measures the whole first screen (budget: 20 ms, SPEC
// section 5) and each of its queries on its own, so a regression shows
// where it lies.
func BenchmarkDashboard(b *testing.B) {
	for _, e := range rulesBenchEngines(b) { // SQLite and PostgreSQL side by side
		b.Run(e.engine, func(b *testing.B) { benchDashboard(b, e.store) })
	}
}

func benchDashboard(b *testing.B, s *Store) {
	ctx := context.Background()
	today := rulesBenchDay
	from, to := dashboardConflictWindow(today)
	parts := []struct {
		name string
		run  func() (int, error)
	}{
		{"whole", func() (int, error) {
			d, err := s.Dashboard(ctx, today, 0)
			return len(d.Upcoming) + len(d.Overdue) + len(d.InProgress) + len(d.Conflicts) + d.Metrics.Total.Finished, err
		}},
		{"releases", func() (int, error) {
			up, over, err := s.dashboardReleases(ctx, today)
			return len(up) + len(over), err
		}},
		{"in progress", func() (int, error) {
			ds, err := s.runningDeployments(ctx)
			return len(ds), err
		}},
		{"deployment rules", func() (int, error) {
			cs, err := s.reading().deploymentConflictsIn(ctx, timeRange{from: from, to: to})
			return len(cs), err
		}},
		{"integrity (apart)", func() (int, error) {
			fs, err := s.DashboardIntegrity(ctx, today)
			return len(fs), err
		}},
		{"readiness rules", func() (int, error) {
			cs, err := s.goConflicts(ctx, timeRange{from: from, to: to}, 0)
			return len(cs), err
		}},
		{"metrics", func() (int, error) {
			from, to := dashboardMetricsPeriod(today, DefaultMetricsPeriod)
			m, err := s.Metrics(ctx, from, to, 0)
			return m.Total.Finished, err
		}},
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
			// CPU time is less inflated than wall time by the machine's other load.
			b.ReportMetric(float64((processCPU(b)-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
			b.ReportMetric(float64(n), "rows")
		})
	}
}

// BenchmarkConflictsIn measures "check"'s whole history (the dashboard's
// window is measured by BenchmarkDashboard).
func BenchmarkConflictsIn(b *testing.B) {
	s := rulesBenchStore(b)
	ctx := context.Background()
	var n int
	for b.Loop() {
		fs, err := s.ConflictsIn(ctx, time.Time{}, time.Time{})
		if err != nil {
			b.Fatal(err)
		}
		n = len(fs)
	}
	b.ReportMetric(float64(n), "findings")
}

// BenchmarkMetrics measures the dashboard's headline period, a year, and a chart's series.
func BenchmarkMetrics(b *testing.B) {
	s := rulesBenchStore(b)
	ctx := context.Background()
	end := rulesBenchDay.AddDays(1).Time(time.Local)
	for _, days := range []int{30, 365} {
		b.Run(fmt.Sprintf("%d days", days), func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Metrics(ctx, end.AddDate(0, 0, -days), end, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("series by month over a year", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.MetricsSeries(ctx, end.AddDate(-1, 0, 0), end, PeriodMonth, 0); err != nil {
				b.Fatal(err)
			}
		}
	})
}
