package data

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

var demoTestDay = NewDate(2026, 6, 15) // a Monday

// demoGenerate fills a fresh store and fails the test on error.
func demoGenerate(t testing.TB, opt DemoOptions) (*Store, DemoSummary) {
	t.Helper()
	s := newTestStore(t)
	sum, err := GenerateDemo(context.Background(), s, opt)
	if err != nil {
		t.Fatalf("GenerateDemo(%+v): %v", opt, err)
	}
	return s, sum
}

// demoDump renders every table, rows by id, so two databases can be compared.
func demoDump(t testing.TB, s *Store) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"products", "environments", "stakeholders", "releases", "deployments", "rollbacks",
		"release_stakeholders", "checklist_items", "test_runs", "freeze_windows", "go_decisions", "reviews", "action_items", "history"} {
		var rows []map[string]any
		if err := s.db.Table(table).Order("id").Find(&rows).Error; err != nil {
			t.Fatalf("dump %s: %v", table, err)
		}
		fmt.Fprintf(&b, "%s %v\n", table, rows)
	}
	var links []map[string]any
	if err := s.db.Table("freeze_window_environments").Order("freeze_window_id, environment_id").Find(&links).Error; err != nil {
		t.Fatalf("dump links: %v", err)
	}
	fmt.Fprintf(&b, "links %v\n", links)
	return b.String()
}

func TestDemoDeterministic(t *testing.T) {
	opt := DemoOptions{Releases: 40, Seed: 7, Today: demoTestDay}
	a, _ := demoGenerate(t, opt)
	b, _ := demoGenerate(t, opt)
	if da, db := demoDump(t, a), demoDump(t, b); da != db {
		t.Fatalf("same seed and day gave different databases")
	}
	opt.Seed = 8
	c, _ := demoGenerate(t, opt)
	if demoDump(t, a) == demoDump(t, c) {
		t.Fatalf("different seeds gave the same database")
	}
}

func TestDemoContent(t *testing.T) {
	tests := []struct {
		name string
		opt  DemoOptions
		live bool // deployments run today: a working day outside the year-end freeze
	}{
		{"default size", DemoOptions{Seed: 1, Today: demoTestDay}, true},
		{"another seed", DemoOptions{Seed: 42, Today: demoTestDay}, true},
		{"negative seed", DemoOptions{Seed: -3, Today: demoTestDay}, true},
		{"during the year-end freeze", DemoOptions{Seed: 5, Today: NewDate(2026, 12, 22)}, false},
		{"on a Saturday", DemoOptions{Seed: 9, Today: NewDate(2026, 3, 7)}, false},
		{"two hundred", DemoOptions{Releases: 200, Seed: 2, Today: demoTestDay}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, sum := demoGenerate(t, tt.opt)
			want := tt.opt.Releases
			if want == 0 {
				want = DefaultDemoReleases
			}
			// A small plan is a small company: the four named products in one
			// business unit, their Dev and QA, one shared UAT, Staging and Production.
			if sum.Releases != want || sum.Products != 4 || sum.Environments != 4*2+3 || sum.Stakeholders != 25 {
				t.Fatalf("summary %v", sum)
			}
			a := demoAuditOf(t, s, tt.opt.Today)
			a.checkCounts(t, sum)
			a.checkReleases(t)
			a.checkDeployments(t, tt.live)
			a.checkPlanted(t)
			findings, err := CheckIntegrity(context.Background(), s)
			if err != nil || len(findings) > 0 {
				t.Fatalf("integrity: %v %v", findings, err)
			}
		})
	}
}

func TestDemoRefusesFilledDatabase(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		fill func(t *testing.T, s *Store)
		what string
	}{
		{"demo data", func(t *testing.T, s *Store) {
			if _, err := GenerateDemo(ctx, s, DemoOptions{Releases: 5, Today: demoTestDay}); err != nil {
				t.Fatal(err)
			}
		}, "5 releases"},
		{"one product", func(t *testing.T, s *Store) {
			if err := s.SaveProduct(ctx, &Product{Name: "Billing"}); err != nil {
				t.Fatal(err)
			}
		}, "1 product:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestStore(t)
			tt.fill(t, s)
			before := demoDump(t, s)
			_, err := GenerateDemo(ctx, s, DemoOptions{Releases: 5, Today: demoTestDay})
			if !errors.Is(err, ErrNotEmpty) || !strings.Contains(err.Error(), tt.what) {
				t.Fatalf("got %v, want ErrNotEmpty naming %q", err, tt.what)
			}
			if demoDump(t, s) != before {
				t.Fatalf("a refused demo changed the database")
			}
		})
	}
}

func TestDemoOptions(t *testing.T) {
	for _, n := range []int{-1, MaxDemoReleases + 1} {
		s := newTestStore(t)
		if _, err := GenerateDemo(context.Background(), s, DemoOptions{Releases: n}); err == nil {
			t.Fatalf("%d releases accepted", n)
		} else if v, ok := AsValidation(err); !ok || v.Message("Releases") == "" {
			t.Fatalf("%d releases: got %v, want a validation error on Releases", n, err)
		}
	}
	for _, n := range []int{1, 2, 7} {
		s, sum := demoGenerate(t, DemoOptions{Releases: n, Seed: int64(n), Today: demoTestDay})
		if sum.Releases != n {
			t.Fatalf("asked for %d releases, got %d", n, sum.Releases)
		}
		if findings, err := CheckIntegrity(context.Background(), s); err != nil || len(findings) > 0 {
			t.Fatalf("%d releases: integrity %v %v", n, findings, err)
		}
	}
}

func TestDemoProgressAndCancel(t *testing.T) {
	var calls [][2]int
	_, sum := demoGenerate(t, DemoOptions{Releases: 60, Today: demoTestDay, Progress: func(done, total int) {
		calls = append(calls, [2]int{done, total})
	}})
	if len(calls) < 5 {
		t.Fatalf("progress called %d times", len(calls))
	}
	last := calls[len(calls)-1]
	if last[0] != last[1] || last[1] < sum.Deployments+sum.Releases {
		t.Fatalf("last progress %v for %v", last, sum)
	}
	for i := 1; i < len(calls); i++ {
		if calls[i][0] < calls[i-1][0] || calls[i][1] != last[1] {
			t.Fatalf("progress went %v then %v", calls[i-1], calls[i])
		}
	}

	// Cancelling half way leaves nothing behind.
	s := newTestStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := GenerateDemo(ctx, s, DemoOptions{Releases: 60, Today: demoTestDay, Progress: func(done, total int) { cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled demo: %v", err)
	}
	var n int64
	for _, model := range []any{&Product{}, &Release{}, &Deployment{}, &History{}} {
		if err := s.db.Model(model).Count(&n).Error; err != nil || n != 0 {
			t.Fatalf("after cancel %T: %d rows, %v", model, n, err)
		}
	}
}

// BenchmarkGenerateDemo2000 measures the full demo data set of the budgets:
// 2,000 releases with about 20,000 deployments.
func BenchmarkGenerateDemo2000(b *testing.B) {
	var sum DemoSummary
	for b.Loop() {
		b.StopTimer()
		s := newTestStore(b)
		b.StartTimer()
		var err error
		if sum, err = GenerateDemo(context.Background(), s, DemoOptions{Releases: 2000, Seed: 1, Today: demoTestDay}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(sum.Deployments), "deployments")
}
