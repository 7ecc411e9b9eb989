package pgtest

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

// The engines a store test runs on.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// EnvEngines limits the engines the suites run on: "sqlite", "postgres" or
// both, comma-separated (the default).
const EnvEngines = "RELEASEDESK_TEST_ENGINES"

var (
	// engine is the engine of the run under way.
	engine = SQLite
	// server is the test binary's PostgreSQL server, nil until started.
	server *Server
)

// freshIdentity gives each copy of the template an identity of its own, as
// every database Release Desk makes has (calendar UIDs carry it).
const freshIdentity = "UPDATE database_identity SET id = md5(random()::text || clock_timestamp()::text)"

// Engine is the engine the suite is running on now: SQLite or Postgres.
func Engine() string { return engine }

// Shared is the test binary's server, or nil when there is none.
func Shared() *Server { return server }

// RunPerEngine runs the test binary's tests once on SQLite files and once
// on a PostgreSQL server it starts (see Start), whose databases are copies
// of a template that migrate prepares. Benchmarks, fuzzing and listing run
// once: a benchmark that compares the engines asks for each by name. Under
// CI=true a server that cannot be started fails the run; elsewhere the
// PostgreSQL run is left out with a note. The server is stopped and its
// folder removed when the tests end, also when they fail.
func RunPerEngine(m *testing.M, migrate func(url string) error) int {
	flag.Parse()
	wanted := wantedEngines()
	if flagSet("test.fuzz") || flagSet("test.list") || flagSet("test.fuzzworker") {
		return m.Run() // fuzz targets parse input; they need no server
	}
	if flagSet("test.bench") {
		if srv, err := startShared(migrate); err == nil {
			server = srv
			defer srv.Stop()
		} else {
			fmt.Fprintln(os.Stderr, "note: no PostgreSQL server for the benchmarks:", err)
		}
		return m.Run()
	}
	code := 0
	if wanted[SQLite] {
		code = m.Run()
	}
	if !wanted[Postgres] {
		return code
	}
	srv, err := startShared(migrate)
	if err != nil {
		if os.Getenv("CI") == "true" || !wanted[SQLite] {
			fmt.Fprintln(os.Stderr, "FAIL: the PostgreSQL suite cannot run:", err)
			return 1
		}
		fmt.Fprintln(os.Stderr, "note: the PostgreSQL suite did not run:", err)
		return code
	}
	defer srv.Stop()
	server, engine = srv, Postgres
	fmt.Println("=== the same tests again, on PostgreSQL")
	if c := m.Run(); c != 0 {
		code = c
	}
	return code
}

// RunWithServer runs the tests once, with the shared server started for the
// tests that ask for a database on it (Database), as a window or command
// test does; without a server those tests are skipped, or fail under CI=true.
func RunWithServer(m *testing.M, migrate func(url string) error) int {
	flag.Parse()
	if flagSet("test.fuzz") || flagSet("test.list") || flagSet("test.fuzzworker") {
		return m.Run()
	}
	if srv, err := startShared(migrate); err == nil {
		server = srv
		defer srv.Stop()
	} else if os.Getenv("CI") == "true" {
		fmt.Fprintln(os.Stderr, "FAIL: no PostgreSQL server for the tests:", err)
		return 1
	} else {
		fmt.Fprintln(os.Stderr, "note: no PostgreSQL server; the tests that need one are skipped:", err)
	}
	return m.Run()
}

func startShared(migrate func(url string) error) (*Server, error) {
	ctx := context.Background()
	srv, err := Start(ctx)
	if err != nil {
		return nil, err
	}
	if migrate != nil {
		if err := srv.Prepare(ctx, migrate, freshIdentity); err != nil {
			srv.Stop()
			return nil, err
		}
	}
	return srv, nil
}

func wantedEngines() map[string]bool {
	list := os.Getenv(EnvEngines)
	if list == "" {
		return map[string]bool{SQLite: true, Postgres: true}
	}
	wanted := map[string]bool{}
	for _, e := range strings.Split(list, ",") {
		wanted[strings.TrimSpace(e)] = true
	}
	return wanted
}

func flagSet(name string) bool {
	f := flag.Lookup(name)
	if f == nil {
		return false
	}
	v := f.Value.String()
	return v != "" && v != "false"
}

// Database makes a fresh, migrated database on the shared server for t and
// returns its URL; it is dropped when t ends. Without a server t is skipped
// (or, under CI=true, fails).
func Database(t testing.TB) string {
	t.Helper()
	return database(t, false)
}

// EmptyDatabase is Database without the template: a database with no tables.
func EmptyDatabase(t testing.TB) string {
	t.Helper()
	return database(t, true)
}

func database(t testing.TB, empty bool) string {
	t.Helper()
	if server == nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("no PostgreSQL server for this test")
		}
		t.Skip("no PostgreSQL server (see " + EnvServer + ")")
	}
	make := server.NewDatabase
	if empty {
		make = server.NewEmptyDatabase
	}
	url, drop, err := make(context.Background())
	if err != nil {
		t.Fatalf("make a test database: %v", err)
	}
	t.Cleanup(func() {
		if err := drop(); err != nil {
			t.Errorf("drop the test database: %v", err)
		}
	})
	return url
}

// NoteEngine makes a failing test say which engine it failed on, since the
// suite's two runs share their tests' names.
func NoteEngine(t testing.TB) {
	t.Cleanup(func() {
		if t.Failed() {
			t.Log("engine:", engine)
		}
	})
}
