package app

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"releasedesk/data"
	"releasedesk/data/pgtest"
)

// TestMain starts a PostgreSQL server of the binary's own for the tests of
// a plan on a server (see pgtest.RunWithServer); built with the shots tag,
// it runs the look window instead when one is asked for.
func TestMain(m *testing.M) {
	if lookAsked() {
		return
	}
	os.Exit(pgtest.RunWithServer(m, func(url string) error {
		s, err := data.Open(context.Background(), url)
		if err != nil {
			return err
		}
		return s.Close()
	}))
}

// TestSamePlanSameOutputs copies a demo plan from a file to a server with
// the copy command, then runs check and every export on both: the check's
// findings and the calendar and notes are the same byte for byte, and
// every part of each workbook is the same but the time of the export (in
// its properties and its page footers).
func TestSamePlanSameOutputs(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "plan.db")
	server := pgtest.EmptyDatabase(t)
	if code, _, stderr := cliRun(t, "demo", "--db", file, "--releases", "60", "--seed", "7"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	code, stdout, stderr := cliRun(t, "copy", "--from", file, "--to", server)
	if code != 0 || !strings.Contains(stdout, "60 releases") {
		t.Fatalf("copy: %d %q %q", code, stdout, stderr)
	}
	for _, args := range [][]string{{"check"}, {"check", "--all"}} {
		onFile := checkLines(t, append(args, "--db", file)...)
		onServer := checkLines(t, append(args, "--db", server)...)
		if !slices.Equal(onFile, onServer) {
			t.Errorf("%v differs:\nfile:   %q\nserver: %q", args, onFile, onServer)
		}
		if len(onFile) < 2 {
			t.Errorf("%v found nothing in a demo plan, which has planted conflicts", args)
		}
	}
	for _, export := range [][]string{
		{"review", "--release", "1", "--out", "review.xlsx"},
		{"portfolio", "--out", "portfolio.xlsx"},
		{"calendar", "--out", "plan.ics"},
		{"notes", "--release", "1", "--all", "--out", "notes.md"},
		{"notes", "--release", "1", "--out", "notes.html"},
	} {
		name := export[len(export)-1]
		var outputs [2]string
		for i, db := range []string{file, server} {
			outputs[i] = filepath.Join(t.TempDir(), name)
			args := append([]string{"export"}, export[:len(export)-1]...)
			args = append(args, outputs[i], "--db", db)
			if code, _, stderr := cliRun(t, args...); code != 0 {
				t.Fatalf("export %s from %s: %s", name, data.Redacted(db), stderr)
			}
		}
		sameOutput(t, name, outputs[0], outputs[1])
	}
}

// checkLines runs check and returns its lines; the closing line's note on
// what does not apply on a server is left out.
func checkLines(t *testing.T, args ...string) []string {
	t.Helper()
	code, stdout, stderr := cliRun(t, args...)
	if code != exitOK && !strings.HasSuffix(stderr, " findings\n") {
		t.Fatalf("check: %s", stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	last := &lines[len(lines)-1]
	*last, _, _ = strings.Cut(*last, "; the checks of a database file")
	return lines
}

// sameOutput compares two exports: text byte for byte, a workbook part by
// part (its creation time aside, which is the time of the export).
func sameOutput(t *testing.T, name, a, b string) {
	t.Helper()
	left, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	right, err := os.ReadFile(b)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Ext(name) != ".xlsx" {
		if !bytes.Equal(left, right) {
			t.Errorf("%s differs between the file and the server", name)
		}
		return
	}
	lp, rp := workbookParts(t, left), workbookParts(t, right)
	if len(lp) != len(rp) {
		t.Fatalf("%s: %d parts from the file, %d from the server", name, len(lp), len(rp))
	}
	for part, content := range lp {
		// The footer of a printed page says when the workbook was exported.
		content, rp[part] = exportTime.ReplaceAllString(content, "${1}(export time)${2}"), exportTime.ReplaceAllString(rp[part], "${1}(export time)${2}")
		switch part {
		case "docProps/core.xml":
			continue
		case "[Content_Types].xml":
			// The workbook library writes its list of types in map order:
			// the same set, not the same order, from one export to the next.
			content, rp[part] = sortedElements(content), sortedElements(rp[part])
		}
		if rp[part] != content {
			t.Errorf("%s: part %s differs between the file and the server:\n%s", name, part, firstDiff(content, rp[part]))
		}
	}
}

func workbookParts(t *testing.T, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		content, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = string(content)
	}
	return parts
}

// TestCopyCommand covers the command's refusals: a usage error for missing
// words, a failure (and nothing written) for a target that holds a plan.
func TestCopyCommand(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "plan.db")
	if code, _, stderr := cliRun(t, "demo", "--db", file, "--releases", "5"); code != 0 {
		t.Fatal(stderr)
	}
	code, _, stderr := cliRun(t, "copy", "--from", file)
	if code != exitUsage {
		t.Fatalf("copy without --to: %d", code)
	}
	cliOneLine(t, stderr, "--from and --to are both required")
	copyPath := filepath.Join(dir, "copy.db")
	if code, stdout, stderr := cliRun(t, "copy", "--from", file, "--to", copyPath); code != 0 || !strings.HasPrefix(stdout, "copied ") {
		t.Fatalf("copy to a new file: %d %q %q", code, stdout, stderr)
	}
	code, _, stderr = cliRun(t, "copy", "--from", file, "--to", copyPath)
	if code != exitFailure {
		t.Fatalf("copy onto a plan: %d", code)
	}
	cliOneLine(t, stderr, "already holds a plan")
	if names := cliFiles(t, dir); !slices.Equal(names, []string{"copy.db", "plan.db"}) {
		t.Errorf("files after a refused copy: %v", names)
	}
	// The password of a server never shows, not even when the copy fails.
	const secret = "Tr0ub4dor-and-3"
	code, _, stderr = cliRun(t, "copy", "--from", file, "--to", "postgres://dana:"+secret+"@127.0.0.1:1/plan?connect_timeout=5")
	if code != exitFailure || strings.Contains(stderr, secret) {
		t.Fatalf("copy to an unreachable server: %d %q", code, stderr)
	}
	cliOneLine(t, stderr, "cannot reach the server")
}

// exportTime is the time of the export in a page footer.
var exportTime = regexp.MustCompile(`(&amp;R)\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}(</oddFooter>)`)

// sortedElements is an XML part's elements in sorted order.
func sortedElements(xml string) string {
	elements := strings.Split(xml, "><")
	slices.Sort(elements)
	return strings.Join(elements, "><")
}

// firstDiff shows where two texts part.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(i-80, 0)
	return "file:   ..." + a[from:min(i+120, len(a))] + "\nserver: ..." + b[from:min(i+120, len(b))]
}
