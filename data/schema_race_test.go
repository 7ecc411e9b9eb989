package data

import (
	"context"
	"sync"
	"testing"

	"releasedesk/data/pgtest"
)

// TestFirstQueriesAtOnceOnAFreshOpen reproduces a data race the race
// detector found in the window's tests: a plan opened anew (no migration
// to run, so GORM had worked out no schema yet) whose dashboard ran its
// rules beside its other queries. GORM kept a half-made schema in its cache
// while one goroutine filled in its relations and another read them.
// Under -race it failed about one run in ten before openGorm worked out
// every schema in turn.
func TestFirstQueriesAtOnceOnAFreshOpen(t *testing.T) {
	pgtest.NoteEngine(t)
	location := testLocation(t, pgtest.Engine())
	first := openTestStore(t, location)
	if _, err := GenerateDemo(context.Background(), first, DemoOptions{Releases: 30, Seed: 2, Today: DateOf(testClock)}); err != nil {
		t.Fatal(err)
	}
	for range 12 {
		s := openTestStore(t, location)
		ctx := context.Background()
		var wg sync.WaitGroup
		var errs chan error
		models := []any{&[]Product{}, &[]Environment{}, &[]Release{}, &[]Deployment{}, &[]Rollback{}, &[]Stakeholder{},
			&[]ReleaseStakeholder{}, &[]GoDecision{}, &[]WorkItem{}, &[]Dependency{}, &[]Replan{}, &[]History{}}
		errs = make(chan error, 4+len(models))
		for _, m := range models {
			wg.Go(func() { errs <- s.db.WithContext(ctx).Limit(1).Find(m).Error })
		}
		wg.Go(func() { _, err := s.Dashboard(ctx, DateOf(testClock), 0); errs <- err })
		wg.Go(func() { _, err := s.reading().deploymentConflictsIn(ctx, timeRange{}); errs <- err })
		wg.Go(func() { _, err := s.runningDeployments(ctx); errs <- err })
		wg.Go(func() { _, err := s.ListReleases(ctx, ReleaseFilter{}); errs <- err })
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		s.Close()
	}
}
