package app

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"releasedesk/data"
)

func TestCLIHelpPrintsTheUsage(t *testing.T) {
	for _, words := range [][]string{{"--help"}, {"-h"}, {"help"}, {"-help"}} {
		code, stdout, stderr := cliRun(t, words...)
		if code != exitOK || stderr != "" {
			t.Fatalf("%v: exit %d, stderr %q", words, code, stderr)
		}
		for _, want := range []string{"usage:", "releasedesk [--db FILE]", "releasedesk " + demoUsage, "releasedesk " + exportUsage,
			"releasedesk " + importUsage, "releasedesk " + checkUsage, "releasedesk " + upgradeUsage} {
			if !strings.Contains(stdout, want) {
				t.Errorf("%v: usage lacks %q:\n%s", words, want, stdout)
			}
		}
	}
	code, stdout, stderr := cliRun(t, "demo", "--help")
	if code != exitOK || stderr != "" || stdout != "usage: releasedesk "+demoUsage+"\n" {
		t.Fatalf("demo --help: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// cliHoldWrite takes the write lock of the database at path from another
// connection, as another Release Desk saving would, until the test ends.
func cliHoldWrite(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=0")
	if err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatalf("take the write lock: %v", err)
	}
	t.Cleanup(func() {
		conn.ExecContext(context.Background(), "ROLLBACK")
		conn.Close()
		db.Close()
	})
}

func TestCLIWhileAnotherReleaseDeskSaves(t *testing.T) {
	db := exportTestDB(t)
	plan := filepath.Join(t.TempDir(), "plan.csv")
	cliWrite(t, plan, "Product,Version,Title,Type,Status\nPayments,99.0.0,Held back,major,draft\n")
	cliHoldWrite(t, db)

	// Reading needs no lock: check and export run as usual (check panicked in gormigrate).
	code, _, stderr := cliRun(t, "check", "--db", db)
	if code == exitUsage || strings.Contains(stderr, "busy") {
		t.Fatalf("check beside a writer: exit %d, %q", code, stderr)
	}
	out := filepath.Join(t.TempDir(), "cal.ics")
	if code, _, stderr := cliRun(t, "export", "calendar", "--db", db, "--out", out); code != exitOK {
		t.Fatalf("export beside a writer: exit %d, %q", code, stderr)
	}
	// Writing waits for the lock, a while, then says so in one line.
	code, stdout, stderr := cliRun(t, "import", "--db", db, plan)
	if code != exitFailure || stdout != "" {
		t.Fatalf("import beside a writer: exit %d, stdout %q", code, stdout)
	}
	cliOneLine(t, stderr, "the database is busy: another Release Desk is saving; try again")
}

// cliMakeOlder makes the file at path look written by the previous version.
func cliMakeOlder(t *testing.T, path string) {
	t.Helper()
	cliExec(t, path, "DELETE FROM schema_migrations WHERE id = (SELECT max(id) FROM schema_migrations)")
}

func TestCLIReadOnlyCommandsNeverMigrate(t *testing.T) {
	db := exportTestDB(t)
	dir := filepath.Dir(db)
	cliMakeOlder(t, db)
	older := data.SchemaVersion() - 1
	kept := data.BackupPath(db, older, 1)
	cliWrite(t, kept, "a copy the user made earlier")
	before, beforeBytes := cliFiles(t, dir), cliFileBytes(t, db)
	out := filepath.Join(t.TempDir(), "p.xlsx")
	for _, args := range [][]string{{"check", "--db", db}, {"export", "portfolio", "--db", db, "--out", out}} {
		code, stdout, stderr := cliRun(t, args...)
		if code != exitFailure || stdout != "" {
			t.Fatalf("%s: exit %d, stdout %q", args[0], code, stdout)
		}
		cliOneLine(t, stderr, "has an older layout")
		cliOneLine(t, stderr, "run: releasedesk upgrade --db "+db)
		if !slices.Equal(cliFiles(t, dir), before) || !bytes.Equal(cliFileBytes(t, db), beforeBytes) {
			t.Fatalf("%s changed the folder: %v -> %v", args[0], before, cliFiles(t, dir))
		}
	}

	code, stdout, stderr := cliRun(t, "upgrade", "--db", db)
	made := data.BackupPath(db, older, 2)
	if code != exitOK || stderr != "" || !strings.Contains(stdout, "upgraded from schema") || !strings.Contains(stdout, made) {
		t.Fatalf("upgrade: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if got := string(cliFileBytes(t, kept)); got != "a copy the user made earlier" {
		t.Fatalf("the earlier copy was overwritten: %q", got)
	}
	if code, _, stderr := cliRun(t, "check", "--db", db); code == exitUsage || strings.Contains(stderr, "older layout") {
		t.Fatalf("check after the upgrade: exit %d, %q", code, stderr)
	}
	if code, stdout, _ := cliRun(t, "upgrade", "--db", db); code != exitOK || !strings.Contains(stdout, "already up to date") {
		t.Fatalf("second upgrade: exit %d, %q", code, stdout)
	}
}

func cliFileBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCLIDamagedDatabase(t *testing.T) {
	plan := filepath.Join(t.TempDir(), "plan.csv")
	cliWrite(t, plan, "Product,Version,Title,Type,Status\nPayments,99.0.0,Into the damage,major,draft\n")
	out := filepath.Join(t.TempDir(), "p.xlsx")
	damages := map[string]func(t *testing.T, path string){
		"truncated": func(t *testing.T, path string) {
			info, _ := os.Stat(path)
			if err := os.Truncate(path, info.Size()/2); err != nil {
				t.Fatal(err)
			}
		},
		"a page overwritten": func(t *testing.T, path string) {
			f, err := os.OpenFile(path, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			info, _ := f.Stat()
			if _, err := f.WriteAt(bytes.Repeat([]byte{0xff}, 4096), info.Size()/4096/2*4096); err != nil {
				t.Fatal(err)
			}
		},
	}
	for name, damage := range damages {
		t.Run(name, func(t *testing.T) {
			db := exportTestDB(t)
			damage(t, db)
			before, beforeBytes := cliFiles(t, filepath.Dir(db)), cliFileBytes(t, db)
			for _, args := range [][]string{{"import", "--db", db, plan}, {"export", "portfolio", "--db", db, "--out", out}, {"demo", "--db", db}} {
				code, stdout, stderr := cliRun(t, args...)
				if code != exitFailure || stdout != "" {
					t.Fatalf("%s: exit %d, stdout %q, stderr %q", args[0], code, stdout, stderr)
				}
				cliOneLine(t, stderr, db+" is damaged")
				cliOneLine(t, stderr, "nothing was written to it; no backup of it was found beside it")
				if !bytes.Equal(cliFileBytes(t, db), beforeBytes) || !slices.Equal(cliFiles(t, filepath.Dir(db)), before) {
					t.Fatalf("%s wrote to the damaged database", args[0])
				}
			}
			code, stdout, stderr := cliRun(t, "check", "--db", db)
			if code != exitFailure || strings.Contains(stderr, "not a Release Desk database") ||
				!(strings.Contains(stderr, "is damaged") || strings.Contains(stdout, "integrity: the database file is damaged")) {
				t.Fatalf("check: exit %d, stdout %q, stderr %q", code, stdout, stderr)
			}
		})
	}
}
