package data

import (
	"context"
	"os"
	"testing"

	"releasedesk/data/pgtest"
)

// TestMain runs the package's tests once on SQLite files and once on a
// PostgreSQL server of the test binary's own (see pgtest.RunPerEngine).
func TestMain(m *testing.M) {
	os.Exit(pgtest.RunPerEngine(m, migrateTemplate))
}

// migrateTemplate brings the server's template database to the current schema.
func migrateTemplate(url string) error {
	s, err := Open(context.Background(), url)
	if err != nil {
		return err
	}
	return s.Close()
}

// fileOnly skips a test of what only a database file has (its companions,
// backups, damage, folders) on the PostgreSQL run.
func fileOnly(t testing.TB) {
	t.Helper()
	if pgtest.Engine() == pgtest.Postgres {
		t.Skip("about database files; the server's equivalents are tested in server_test.go")
	}
}
