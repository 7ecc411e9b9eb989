package data

import (
	"context"
	"errors"
	"runtime/metrics"
	"testing"
)

// goroutinesCreated is how many goroutines the program has started so far.
func goroutinesCreated() uint64 {
	s := []metrics.Sample{{Name: "/sched/goroutines-created:goroutines"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TestLongReadsOfACancellableContextStayOnOneGoroutine reproduces the slow
// portfolio export of the 100,000-release demo: under the command line's
// context, which Ctrl+C cancels, the SQLite driver stepped each row on a
// goroutine of its own, and the export of a million deployments spent 23 s
// of system time handing rows between threads. Reading stays cancellable
// between pages.
func TestLongReadsOfACancellableContextStayOnOneGoroutine(t *testing.T) {
	s := newTestStore(t)
	if _, err := GenerateDemo(context.Background(), s, DemoOptions{Releases: 200, Seed: 3, Today: DateOf(testClock)}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	before, rows := goroutinesCreated(), 0
	if err := s.EachPortfolioDeployment(ctx, func(PortfolioDeployment) error { rows++; return nil }); err != nil {
		t.Fatal(err)
	}
	started := goroutinesCreated() - before
	if rows < 1000 {
		t.Fatalf("the demo has %d deployments; the test needs more than a page of them", rows)
	}
	// A few per page (the pool's own) are fine; one per row is the defect.
	if started > uint64(rows/20) {
		t.Errorf("reading %d deployments started %d goroutines", rows, started)
	}

	seen := 0
	err := s.EachPortfolioDeployment(ctx, func(PortfolioDeployment) error {
		if seen++; seen == 1 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("a read cancelled after its first row ended with %v, want context.Canceled", err)
	}
	if seen >= rows {
		t.Errorf("a cancelled read went on to the end (%d rows)", seen)
	}
	if _, err := s.ListReleases(ctx, ReleaseFilter{}); !errors.Is(err, context.Canceled) {
		t.Errorf("a query under a cancelled context returned %v, want context.Canceled", err)
	}
}
