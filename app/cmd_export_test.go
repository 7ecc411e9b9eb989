package app

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"releasedesk/data"
)

// exportTestDB makes a demo database file for the export and import commands.
func exportTestDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "plan.db")
	s, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := data.GenerateDemo(context.Background(), s, data.DemoOptions{Releases: 30, Seed: 4}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// runCLI runs the command line and returns its exit status and output.
func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = Main(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestExportCommand(t *testing.T) {
	db := exportTestDB(t)
	dir := t.TempDir()
	missingDB := filepath.Join(dir, "missing.db")
	tests := []struct {
		name   string
		args   []string
		code   int
		out    string // stdout starts with it, on success
		errOut string // stderr contains it, on failure
		file   string // written on success, absent on failure
	}{
		{"review by id", []string{"export", "review", "--db", db, "--release", "1", "--out", filepath.Join(dir, "r1.xlsx")}, 0, "wrote the review of ", "", "r1.xlsx"},
		{"review by name", []string{"export", "review", "--db", db, "--release", "REF", "--out", filepath.Join(dir, "r2.XLSX")}, 0, "wrote the review of ", "", "r2.XLSX"},
		{"portfolio", []string{"export", "portfolio", "--out", filepath.Join(dir, "p.xlsx"), "--db", db}, 0, "wrote 30 releases, ", "", "p.xlsx"},
		{"calendar", []string{"export", "--db", db, "calendar", "--out", filepath.Join(dir, "c.ics")}, 0, "wrote the calendar to ", "", "c.ics"},
		{"nothing to export", []string{"export", "--db", db}, 2, "", "say what to export", ""},
		{"unknown kind", []string{"export", "pdf", "--db", db, "--out", filepath.Join(dir, "x.pdf")}, 2, "", `unknown export "pdf"`, "x.pdf"},
		{"no out", []string{"export", "portfolio", "--db", db}, 2, "", "--out FILE.xlsx is required", ""},
		{"wrong extension", []string{"export", "calendar", "--db", db, "--out", filepath.Join(dir, "c.xlsx")}, 2, "", "--out must name a .ics file", "c.xlsx"},
		{"review without release", []string{"export", "review", "--db", db, "--out", filepath.Join(dir, "r3.xlsx")}, 2, "", "--release REF is required", "r3.xlsx"},
		{"release on portfolio", []string{"export", "portfolio", "--db", db, "--release", "1", "--out", filepath.Join(dir, "p2.xlsx")}, 2, "", "--release is only for export review", "p2.xlsx"},
		{"no db", []string{"export", "calendar", "--out", filepath.Join(dir, "c2.ics")}, 2, "", "--db FILE is required", "c2.ics"},
		{"bad flag", []string{"export", "calendar", "--db", db, "--colour", "red"}, 2, "", "flag provided but not defined", ""},
		{"missing database", []string{"export", "portfolio", "--db", missingDB, "--out", filepath.Join(dir, "p3.xlsx")}, 1, "", "no such database", "p3.xlsx"},
		{"unknown release", []string{"export", "review", "--db", db, "--release", "Nothing 9.9.9", "--out", filepath.Join(dir, "r4.xlsx")}, 1, "", "not found", "r4.xlsx"},
		{"missing folder", []string{"export", "calendar", "--db", db, "--out", filepath.Join(dir, "no", "c.ics")}, 1, "", "no such file or directory", ""},
	}
	ref := releaseName(t, db, 2)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i, a := range tt.args {
				if a == "REF" {
					tt.args[i] = ref
				}
			}
			code, out, errOut := runCLI(tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stdout %q stderr %q", code, tt.code, out, errOut)
			}
			if tt.code == 0 {
				if !strings.HasPrefix(out, tt.out) || errOut != "" {
					t.Errorf("stdout %q (want %q…), stderr %q", out, tt.out, errOut)
				}
			} else {
				if !strings.Contains(errOut, tt.errOut) || strings.Count(errOut, "\n") != 1 {
					t.Errorf("stderr %q, want one line with %q", errOut, tt.errOut)
				}
			}
			if tt.file == "" {
				return
			}
			_, err := os.Stat(filepath.Join(dir, tt.file))
			if exists := err == nil; exists != (tt.code == 0) {
				t.Errorf("%s exists: %v, want %v", tt.file, exists, tt.code == 0)
			}
		})
	}
	if _, err := os.Stat(missingDB); !errors.Is(err, os.ErrNotExist) {
		t.Error("exporting from a missing database created it")
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "r2.XLSX"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if title, _ := f.GetCellValue("Summary", "A1"); !strings.HasPrefix(title, ref) {
		t.Errorf("review of %q is titled %q", ref, title)
	}
}

// releaseName is release id as people name it, "PRODUCT VERSION".
func releaseName(t *testing.T, db string, id uint) string {
	t.Helper()
	s, err := data.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r, err := s.Release(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r.Name()
}

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	good := write("good.csv", "Application,Fix Version,Summary,Go-live\nBilling,1.0.0,First bill,2026-09-01\nBilling,1.1.0,Second,1 Oct 2026\n")
	bad := write("bad.csv", "Product,Version,Title,Release date\nBilling,2.0.0,Fine,2026-11-01\nBilling,two words,Broken,31/02/2026\n")
	noColumns := write("odd.csv", "Name,Date\nx,2026-01-01\n")
	db := exportTestDB(t)
	before := releaseCount(t, db)
	tests := []struct {
		name         string
		args         []string
		code         int
		out, errOut  string
		wantReleases int
	}{
		{"good plan", []string{"import", "--db", db, good}, 0, "imported 2 releases from " + good + "\n", "", before + 2},
		{"same plan again", []string{"import", good, "--db", db}, 1,
			"row 2, Fix Version: Billing already has a release 1.0.0 (an import only creates new releases)\nrow 3, Fix Version: Billing already has a release 1.1.0 (an import only creates new releases)\n",
			"releasedesk: import failed: 2 rows have errors; nothing was imported\n", before + 2},
		{"bad rows", []string{"import", "--db", db, bad}, 1,
			"row 3, Version: must be one word such as 2.4.0, 2026.12 or R42 (letters, digits and . - + _)\nrow 3, Release date: \"31/02/2026\" is not a date: no such day (write 2026-12-31 or 31 Dec 2026)\n",
			"releasedesk: import failed: 1 row has errors; nothing was imported\n", before + 2},
		{"no product column", []string{"import", "--db", db, noColumns}, 1, "", "names no Product column", before + 2},
		{"missing plan", []string{"import", "--db", db, filepath.Join(dir, "none.csv")}, 1, "", "no such file", before + 2},
		{"wrong extension", []string{"import", "--db", db, filepath.Join(dir, "plan.ods")}, 2, "", "must be a .xlsx or .csv file", before + 2},
		{"no plan", []string{"import", "--db", db}, 2, "", "give one file: a plan", before + 2},
		{"no db", []string{"import", good}, 2, "", "--db FILE is required", before + 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(tt.args...)
			if code != tt.code || out != tt.out || !strings.Contains(errOut, tt.errOut) {
				t.Errorf("exit %d, stdout %q, stderr %q\nwant %d, %q, %q", code, out, errOut, tt.code, tt.out, tt.errOut)
			}
			if code != 0 && strings.Count(errOut, "\n") != 1 {
				t.Errorf("stderr is not one line: %q", errOut)
			}
			if n := releaseCount(t, db); n != tt.wantReleases {
				t.Errorf("%d releases after, want %d", n, tt.wantReleases)
			}
		})
	}
	missingDB := filepath.Join(dir, "missing.db")
	if code, _, errOut := runCLI("import", "--db", missingDB, good); code != 1 || !strings.Contains(errOut, "no such database") {
		t.Errorf("missing database: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(missingDB); !errors.Is(err, os.ErrNotExist) {
		t.Error("importing into a missing database created it")
	}
}

func releaseCount(t *testing.T, db string) int {
	t.Helper()
	s, err := data.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	all, err := s.ListReleases(context.Background(), data.ReleaseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(all)
}
