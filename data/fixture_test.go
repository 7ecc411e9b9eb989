package data

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"releasedesk/data/pgtest"
)

// testClock is the fixed "now" of store tests.
var testClock = time.Date(2026, 6, 15, 9, 30, 0, 0, time.UTC)

// newTestStore opens a fresh database on the engine of the suite's run: a
// file in t.TempDir, or a database on the test server (see engines_test.go).
func newTestStore(t testing.TB) *Store {
	t.Helper()
	return newStoreOn(t, pgtest.Engine())
}

// newStoreOn opens a fresh database on engine.
func newStoreOn(t testing.TB, engine string) *Store {
	t.Helper()
	pgtest.NoteEngine(t)
	return openTestStore(t, testLocation(t, engine))
}

// testLocation makes room for a fresh database on engine: a file name in
// t.TempDir, or a new migrated database on the test server.
func testLocation(t testing.TB, engine string) string {
	t.Helper()
	if engine == pgtest.Postgres {
		return pgtest.Database(t)
	}
	return filepath.Join(t.TempDir(), "test.db")
}

// openTestStore opens location for t, on the test clock, until t ends.
func openTestStore(t testing.TB, location string) *Store {
	t.Helper()
	s, err := Open(context.Background(), location)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	s.Now = func() time.Time { return testClock }
	t.Cleanup(func() { s.Close() })
	return s
}

// fixture builds rows for tests on a real database.
type fixture struct {
	t   testing.TB
	s   *Store
	ctx context.Context
}

func newFixture(t testing.TB) *fixture {
	return &fixture{t: t, s: newTestStore(t), ctx: context.Background()}
}

func (f *fixture) product(name string) Product {
	f.t.Helper()
	p := Product{Name: name}
	if err := f.s.SaveProduct(f.ctx, &p); err != nil {
		f.t.Fatalf("product %s: %v", name, err)
	}
	return p
}

func (f *fixture) env(name string, kind EnvironmentKind) Environment {
	f.t.Helper()
	e := Environment{Name: name, Kind: kind}
	if err := f.s.SaveEnvironment(f.ctx, &e); err != nil {
		f.t.Fatalf("environment %s: %v", name, err)
	}
	return e
}

// release creates a planned release of p, released on day.
func (f *fixture) release(p Product, version string, day Date) Release {
	f.t.Helper()
	r := Release{ProductID: p.ID, Version: version, Title: "Release " + version, Type: TypeMinor,
		Status: StatusPlanned, Risk: RiskMedium, Owner: "Dana", CodeFreeze: day.AddDays(-7), PlannedRelease: day}
	if err := f.s.SaveRelease(f.ctx, &r); err != nil {
		f.t.Fatalf("release %s: %v", version, err)
	}
	return r
}
