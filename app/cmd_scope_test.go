package app

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"releasedesk/data"
)

// scopeTestDB makes a database with the product Payments and its release 2.4.0.
func scopeTestDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "scope.db")
	ctx := context.Background()
	s, err := data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := data.Product{Name: "Payments"}
	if err := s.SaveProduct(ctx, &p); err != nil {
		t.Fatal(err)
	}
	r := data.Release{ProductID: p.ID, Version: "2.4.0", Title: "Bank transfers", Type: data.TypeMinor, Status: data.StatusPlanned,
		PlannedRelease: data.NewDate(2026, 11, 20), Description: "Pay by bank transfer.\n\nInternal notes."}
	if err := s.SaveRelease(ctx, &r); err != nil {
		t.Fatal(err)
	}
	return path
}

// scopeOf lists "RELEASE KEY kind" for every work item of a database.
func scopeOf(t *testing.T, db string) []string {
	t.Helper()
	ctx := context.Background()
	s, err := data.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rels, err := s.ListReleases(ctx, data.ReleaseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rels {
		items, err := s.WorkItems(ctx, r.ID, data.WorkItemFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			out = append(out, r.Name()+" "+it.Key+" "+string(it.Kind))
		}
	}
	slices.Sort(out)
	return out
}

func TestImportCommandReadsJiraExports(t *testing.T) {
	db := scopeTestDB(t)
	export, err := filepath.Abs(filepath.Join("..", "reports", "testdata", "jira_server_export.csv"))
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI("import", "--db", db, export, "--jira-site", "https://jira.example.com")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	want := "row 6: skipped PAY-105: it has no fix version, so no release to go to\n" +
		"imported 6 work items from " + export + ": 6 new, 0 updated, 0 moved, 0 unchanged; " +
		"created 2 releases: Payments 2.3.5 (draft), Payments 2.5.0 (planned)\n"
	if out != want {
		t.Fatalf("stdout\n%q\nwant\n%q", out, want)
	}
	first := scopeOf(t, db)
	wantScope := []string{"Payments 2.3.5 PAY-102 fix", "Payments 2.4.0 PAY-101 feature", "Payments 2.4.0 PAY-102 fix",
		"Payments 2.4.0 PAY-104 task", "Payments 2.4.0 PAY-106 fix", "Payments 2.5.0 PAY-103 improvement"}
	if !slices.Equal(first, wantScope) {
		t.Fatalf("scope %v, want %v", first, wantScope)
	}
	// The same export again updates in place: nothing is added twice.
	code, out, _ = runCLI("import", export, "--db", db)
	if code != 0 || !strings.Contains(out, ": 0 new, 0 updated, 0 moved, 6 unchanged") {
		t.Fatalf("again: exit %d, %q", code, out)
	}
	if again := scopeOf(t, db); !slices.Equal(again, first) {
		t.Fatalf("scope after importing twice %v", again)
	}

	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("Issue key,Summary,Project name,Fix Version/s\nPAY-1,,Payments,2.4.0\nPAY 2,x,Payments,Sprint 9\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runCLI("import", "--db", db, bad)
	wantOut := "row 2, Summary: is required\nrow 3, Issue key: must be one word, such as PAY-101\n" +
		`row 3, Fix Version/s: "Sprint 9" is not a version such as 2.4.0, and Payments has no release by that name` + "\n"
	if code != 1 || out != wantOut || errOut != "releasedesk: import failed: 2 rows have errors; nothing was imported\n" {
		t.Fatalf("bad export: exit %d\nstdout %q\nstderr %q", code, out, errOut)
	}
	versions := filepath.Join(dir, "versions.csv")
	if err := os.WriteFile(versions, []byte("Name,Description,Start date,Release date,Status\n2.6.0,,01/Dec/26,15/Dec/26,Unreleased\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runCLI("import", "--db", db, versions)
	if code != 2 || !strings.Contains(errOut, "has no Project column: give --product NAME") {
		t.Fatalf("versions without a product: exit %d, %q", code, errOut)
	}
	code, out, _ = runCLI("import", "--db", db, versions, "--product", "Payments")
	if code != 0 || out != "imported 1 release from "+versions+"\n" {
		t.Fatalf("versions: exit %d, %q", code, out)
	}
	if code, _, errOut = runCLI("import", "--db", db, export, "--product", "Payments"); code != 2 || !strings.Contains(errOut, "--product is for versions lists") {
		t.Fatalf("--product with an issue export: exit %d, %q", code, errOut)
	}
}

func TestExportNotesCommand(t *testing.T) {
	db := scopeTestDB(t)
	export, _ := filepath.Abs(filepath.Join("..", "reports", "testdata", "jira_server_export.csv"))
	if code, _, errOut := runCLI("import", "--db", db, export); code != 0 {
		t.Fatalf("import: %q", errOut)
	}
	dir := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		code   int
		errOut string
		file   string
		has    []string
		hasNot []string
	}{
		{"markdown", []string{"export", "notes", "--db", db, "--release", "Payments 2.4.0", "--out", filepath.Join(dir, "n.md")}, 0, "", "n.md",
			[]string{"# Payments 2.4.0: Bank transfers", "## Highlights\n\nPay by bank transfer.\n", "## Features", "- Pay by bank transfer, including SEPA (PAY-101)"},
			[]string{"PAY-104", "PAY-106", "Internal notes"}},
		{"html, all items", []string{"export", "--db", db, "notes", "--all", "--release", "Payments 2.4.0", "--out", filepath.Join(dir, "n.html")}, 0, "", "n.html",
			[]string{"<h2>Tasks</h2>", "PAY-104"}, []string{"PAY-106", "<script"}},
		{"no release", []string{"export", "notes", "--db", db, "--out", filepath.Join(dir, "x.md")}, 2, "--release REF is required", "x.md", nil, nil},
		{"bad extension", []string{"export", "notes", "--db", db, "--release", "1", "--out", filepath.Join(dir, "x.pdf")}, 2, "must name a .md or .html file", "x.pdf", nil, nil},
		{"unknown release", []string{"export", "notes", "--db", db, "--release", "Payments 9.9.9", "--out", filepath.Join(dir, "y.md")}, 1, "not found", "y.md", nil, nil},
		{"no db", []string{"export", "notes", "--release", "1", "--out", filepath.Join(dir, "z.md")}, 2, "--db FILE is required", "z.md", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.errOut) {
				t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
			}
			b, err := os.ReadFile(filepath.Join(dir, tt.file))
			if tt.code != 0 {
				if err == nil {
					t.Fatalf("a failed export left %s", tt.file)
				}
				if strings.Count(errOut, "\n") != 1 {
					t.Fatalf("stderr is not one line: %q", errOut)
				}
				return
			}
			if !strings.HasPrefix(out, "wrote the release notes of Payments 2.4.0") {
				t.Fatalf("stdout %q", out)
			}
			for _, s := range tt.has {
				if !strings.Contains(string(b), s) {
					t.Errorf("%s lacks %q:\n%s", tt.file, s, b)
				}
			}
			for _, s := range tt.hasNot {
				if strings.Contains(string(b), s) {
					t.Errorf("%s has %q", tt.file, s)
				}
			}
		})
	}
}
