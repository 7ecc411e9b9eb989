package app

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"releasedesk/data"
)

// cliRun runs the command line in process and returns its exit status and output.
func cliRun(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// cliOneLine fails unless stderr is exactly one "releasedesk: " line containing want.
func cliOneLine(t *testing.T, stderr, want string) {
	t.Helper()
	if strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "releasedesk: ") || !strings.Contains(stderr, want) {
		t.Fatalf("stderr %q, want one line containing %q", stderr, want)
	}
}

// cliFiles lists the names in dir, to catch files left behind.
func cliFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// cliReleases counts the releases of a database file.
func cliReleases(t *testing.T, path string) int {
	t.Helper()
	s, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer s.Close()
	rs, err := s.ListReleases(context.Background(), data.ReleaseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(rs)
}

func TestCLIUsageErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "plan.db")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"demo without arguments", []string{"demo"}, "demo: --db FILE is required"},
		{"check without arguments", []string{"check"}, "check: --db FILE is required"},
		{"demo with empty --db", []string{"demo", "--db", " "}, "--db FILE is required"},
		{"demo unknown flag", []string{"demo", "--db", db, "--bogus"}, "flag provided but not defined"},
		{"check unknown flag", []string{"check", "--db", db, "--fast"}, "flag provided but not defined"},
		{"releases not a number", []string{"demo", "--db", db, "--releases", "many"}, "invalid value"},
		{"zero releases", []string{"demo", "--db", db, "--releases", "0"}, "--releases must be between 1 and 100000, not 0"},
		{"negative releases", []string{"demo", "--db", db, "--releases", "-3"}, "--releases must be between 1 and 100000"},
		{"too many releases", []string{"demo", "--db", db, "--releases", "100001"}, "--releases must be between 1 and 100000"},
		{"seed not a number", []string{"demo", "--db", db, "--seed", "lucky"}, "invalid value"},
		{"demo extra argument", []string{"demo", "--db", db, "more"}, `unexpected argument "more"`},
		{"check extra argument", []string{"check", "--db", db, "more"}, `unexpected argument "more"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := cliRun(t, tt.args...)
			if code != exitUsage || stdout != "" {
				t.Fatalf("exit %d, stdout %q; want %d and nothing", code, stdout, exitUsage)
			}
			cliOneLine(t, stderr, tt.want)
			if names := cliFiles(t, dir); len(names) > 0 {
				t.Fatalf("a usage error left files: %v", names)
			}
		})
	}
}

func TestCLIDemoThenCheck(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "plan.db")
	code, stdout, stderr := cliRun(t, "demo", "--db", db, "--releases", "60", "--seed", "-9")
	if code != exitOK || stderr != "" || strings.Count(stdout, "\n") != 1 || !strings.Contains(stdout, "60 releases") {
		t.Fatalf("demo: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if names := cliFiles(t, dir); !slices.Equal(names, []string{"plan.db"}) {
		t.Fatalf("demo left %v", names)
	}

	code, stdout, stderr = cliRun(t, "check", "--db", db)
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	for _, l := range lines {
		if strings.HasPrefix(l, data.FindingIntegrity+":") {
			t.Fatalf("demo data has an integrity problem: %s", l)
		}
	}
	switch code {
	case exitOK:
		if !strings.HasPrefix(stdout, "no findings from ") || len(lines) != 1 || stderr != "" {
			t.Fatalf("clean check printed %q, %q", stdout, stderr)
		}
	case exitFailure:
		if stderr != fmt.Sprintf("releasedesk: %d findings\n", len(lines)-1) {
			t.Fatalf("check printed %d findings but said %q", len(lines)-1, stderr)
		}
	default:
		t.Fatalf("check: exit %d, %q", code, stderr)
	}

	// A second demo into the filled file is refused and changes nothing.
	code, stdout, stderr = cliRun(t, "demo", "--db", db, "--releases", "5")
	if code != exitFailure || stdout != "" {
		t.Fatalf("second demo: exit %d, stdout %q", code, stdout)
	}
	cliOneLine(t, stderr, "already holds 60 releases")
	if n := cliReleases(t, db); n != 60 {
		t.Fatalf("after the refused demo: %d releases", n)
	}
}

func TestCLIDemoTargets(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, path string)
		code    int
		want    string // in stderr when the demo fails
	}{
		{"new file", func(*testing.T, string) {}, exitOK, ""},
		{"empty file", func(t *testing.T, path string) { cliWrite(t, path, "") }, exitOK, ""},
		{"empty Release Desk database", func(t *testing.T, path string) {
			s, err := data.Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
		}, exitOK, ""},
		{"text file", func(t *testing.T, path string) { cliWrite(t, path, "shopping list\n") }, exitFailure, "not a Release Desk database"},
		{"directory", func(t *testing.T, path string) {
			if err := os.Mkdir(path, 0o755); err != nil {
				t.Fatal(err)
			}
		}, exitFailure, "is a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "plan.db")
			tt.prepare(t, db)
			before := cliFiles(t, dir)
			beforeBytes, _ := os.ReadFile(db)
			code, stdout, stderr := cliRun(t, "demo", "--db", db, "--releases", "12")
			if code != tt.code {
				t.Fatalf("exit %d, stderr %q; want %d", code, stderr, tt.code)
			}
			if tt.code == exitOK {
				if stderr != "" || !strings.Contains(stdout, "12 releases") || cliReleases(t, db) != 12 {
					t.Fatalf("stdout %q, stderr %q", stdout, stderr)
				}
				if names := cliFiles(t, dir); !slices.Equal(names, []string{"plan.db"}) {
					t.Fatalf("demo left %v", names)
				}
				return
			}
			cliOneLine(t, stderr, tt.want)
			afterBytes, _ := os.ReadFile(db)
			if names := cliFiles(t, dir); !slices.Equal(names, before) || !bytes.Equal(beforeBytes, afterBytes) {
				t.Fatalf("a failed demo changed the folder: %v -> %v", before, names)
			}
		})
	}
	t.Run("missing folder", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "nowhere", "plan.db")
		code, _, stderr := cliRun(t, "demo", "--db", db)
		if code != exitFailure {
			t.Fatalf("exit %d", code)
		}
		cliOneLine(t, stderr, "no such file or directory")
		if _, err := os.Stat(filepath.Dir(db)); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("the folder was created: %v", err)
		}
	})
}

func cliWrite(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCLICheckRefuses(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, path string)
		want    string
	}{
		{"missing file", func(*testing.T, string) {}, "no such database"},
		{"empty file", func(t *testing.T, path string) { cliWrite(t, path, "") }, "is empty: not a Release Desk database"},
		{"text file", func(t *testing.T, path string) { cliWrite(t, path, "Product,Version\nPayments,2.4.0\n") }, "not a Release Desk database"},
		{"newer database", func(t *testing.T, path string) {
			s, err := data.Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
			cliExec(t, path, "INSERT INTO schema_migrations (id) VALUES ('9999_from_the_future')")
		}, "newer version of Release Desk"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "plan.db")
			tt.prepare(t, db)
			before := cliFiles(t, dir)
			beforeBytes, _ := os.ReadFile(db)
			code, stdout, stderr := cliRun(t, "check", "--db", db)
			if code != exitFailure || stdout != "" {
				t.Fatalf("exit %d, stdout %q", code, stdout)
			}
			cliOneLine(t, stderr, tt.want)
			afterBytes, _ := os.ReadFile(db)
			if names := cliFiles(t, dir); !slices.Equal(names, before) || !bytes.Equal(beforeBytes, afterBytes) {
				t.Fatalf("check changed the folder: %v -> %v", before, names)
			}
		})
	}
}

// cliExec changes a database file behind the store's back, as a hand edit would.
func cliExec(t *testing.T, path, stmt string, args ...any) {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(stmt, args...); err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
}
