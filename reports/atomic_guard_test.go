//go:build linux

package reports

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"releasedesk/data"
)

// Issue 11 #1: an export onto the database, however the path is spelt,
// replaced the whole database and said it succeeded.
func TestExportNeverReplacesTheDatabase(t *testing.T) {
	fileOnly(t)
	s, _ := demoStore(t, 6)
	ctx := context.Background()
	db := s.Path()
	dir := filepath.Dir(db)
	if err := os.Mkdir(filepath.Join(dir, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "link.ics")
	if err := os.Symlink(db, link); err != nil {
		t.Fatal(err)
	}
	dirLink := filepath.Join(t.TempDir(), "folder")
	if err := os.Symlink(dir, dirLink); err != nil {
		t.Fatal(err)
	}
	base := filepath.Base(db)
	outs := map[string]string{
		"the file itself":              db,
		"x/../ spelling":               filepath.Join(dir, "x", "..", base),
		"a symbolic link to it":        link,
		"through a linked folder":      filepath.Join(dirLink, base),
		"its -wal companion":           db + "-wal",
		"its -shm companion":           db + "-shm",
		"its -journal (not there)":     db + "-journal",
		"-wal through a linked folder": filepath.Join(dirLink, base+"-wal"),
		"-WAL in other case":           db + "-WAL",
	}
	release := rolledBackRelease(t, s)
	exports := map[string]func(out string) error{
		"calendar":  func(out string) error { return ExportCalendar(ctx, s, out, Options{}) },
		"portfolio": func(out string) error { return ExportPortfolio(ctx, s, out, Options{}) },
		"review":    func(out string) error { return ExportReview(ctx, s, release, out, Options{}) },
	}
	for what, out := range outs {
		for kind, export := range exports {
			before := fileSum(t, out)
			dbBefore := fileSum(t, db)
			err := export(out)
			if !errors.Is(err, ErrOutputIsDatabase) {
				t.Errorf("%s export onto %s: err = %v, want a refusal", kind, what, err)
			}
			if fileSum(t, out) != before || fileSum(t, db) != dbBefore {
				t.Errorf("%s export onto %s changed a file", kind, what)
			}
		}
	}
	// The store still reads: the database was never replaced.
	if _, err := s.Release(ctx, release); err != nil {
		t.Fatalf("database after the refused exports: %v", err)
	}
	assertNoScratch(t, dir)
}

// A database with the extension of an export (plan.ics, plan.xlsx) is
// refused too, even when the export reads another database: any SQLite
// file is a database to keep.
func TestExportRefusesAnyDatabaseFile(t *testing.T) {
	s := reportStore(t)
	other := filepath.Join(t.TempDir(), "plan.ics")
	o, err := data.Open(context.Background(), other)
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	before := fileSum(t, other)
	for _, out := range []string{other, other + "-wal", other + "-shm"} {
		if err := ExportCalendar(context.Background(), s, out, Options{}); !errors.Is(err, ErrOutputIsDatabase) {
			t.Errorf("export onto %s: %v", filepath.Base(out), err)
		}
	}
	if fileSum(t, other) != before {
		t.Error("the other database changed")
	}
	// A file that only looks like a companion by name is an ordinary file.
	plain := filepath.Join(t.TempDir(), "notes-wal")
	if err := ExportCalendar(context.Background(), s, plain, Options{}); err != nil {
		t.Errorf("export to %s: %v", plain, err)
	}
}

func TestCheckOutputMessageIsOneLine(t *testing.T) {
	fileOnly(t)
	s := reportStore(t)
	err := CheckOutput(s.Path(), s.Path())
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "database") {
		t.Errorf("message = %q", err)
	}
	if err := CheckOutput(filepath.Join(t.TempDir(), "new.ics"), s.Path()); err != nil {
		t.Errorf("a new file beside another folder: %v", err)
	}
}

// Issue 11 #8: a killed export left its temporary file beside the target,
// and excelize's temporary files in the system's temporary folder; the next
// export removes what a dead process left and never what a live one writes.
func TestStaleTemporariesAreRemovedAtTheNextExport(t *testing.T) {
	dir := t.TempDir()
	dead := deadPID(t)
	old := time.Now().Add(-time.Hour)
	leftovers := []string{
		".plan.ics.releasedesk-" + strconv.Itoa(dead) + "-123.tmp", // scratch folder of a dead process
		".other.xlsx.releasedesk-" + strconv.Itoa(dead) + "-9.tmp", // another target's, same folder
		".out.ics.4711.tmp", // the former naming, for this target
	}
	for i, name := range leftovers {
		p := filepath.Join(dir, name)
		if i < 2 {
			if err := os.Mkdir(p, 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(p, "excelize-1"), make([]byte, 1<<10), 0o600); err != nil {
				t.Fatal(err)
			}
		} else if err := os.WriteFile(p, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, old, old)
	}
	// A live process's scratch folder is left alone.
	live := filepath.Join(dir, ".plan.ics.releasedesk-"+strconv.Itoa(os.Getppid())+"-5.tmp")
	if err := os.Mkdir(live, 0o700); err != nil {
		t.Fatal(err)
	}
	// So is a file of the user's that merely ends in .tmp.
	mine := filepath.Join(dir, "draft.tmp")
	if err := os.WriteFile(mine, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := writeAtomically(context.Background(), nil, filepath.Join(dir, "out.ics"), func(w io.Writer) error {
		_, err := io.WriteString(w, "BEGIN:VCALENDAR")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	var left []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		left = append(left, e.Name())
	}
	want := []string{filepath.Base(live), "draft.tmp", "out.ics"}
	if strings.Join(left, " ") != strings.Join(want, " ") {
		t.Errorf("after the export the folder holds %v, want %v", left, want)
	}
}

// deadPID is the id of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	if processAlive(pid) {
		t.Skip("the finished process's id was reused at once")
	}
	return pid
}

// The portfolio's temporary files (its compressed rows, and excelize's)
// live in the export's scratch folder beside the target, never in the
// system's temporary folder, and go with it.
func TestPortfolioTemporariesStayBesideTheTarget(t *testing.T) {
	sysTmp := t.TempDir()
	t.Setenv("TMPDIR", sysTmp)
	dir := t.TempDir()
	src := genPortfolio{n: 40000}
	var sawScratch bool
	opts := Options{Progress: func(done, total int) {
		if done > 30000 && !sawScratch {
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				inner, _ := os.ReadDir(filepath.Join(dir, e.Name()))
				for _, f := range inner {
					sawScratch = sawScratch || strings.HasPrefix(f.Name(), "releasedesk-rows-")
				}
			}
		}
	}}
	if err := ExportPortfolio(context.Background(), src, filepath.Join(dir, "p.xlsx"), opts); err != nil {
		t.Fatal(err)
	}
	if !sawScratch {
		t.Error("the rows were not compressed into a temporary file beside the target while streaming")
	}
	if entries, _ := os.ReadDir(sysTmp); len(entries) > 0 {
		t.Errorf("the system's temporary folder holds %d files", len(entries))
	}
	assertNoScratch(t, dir)
	if b, _ := os.ReadFile(filepath.Join(dir, "p.xlsx")); !bytes.HasPrefix(b, []byte("PK")) {
		t.Error("the portfolio is not a zip file")
	}
}

// A cancelled export (the command's context, cancelled by Ctrl+C or the
// window's Cancel) removes everything it was writing, excelize's
// temporaries included, and leaves the old file as it was.
func TestCancelledPortfolioLeavesNothing(t *testing.T) {
	sysTmp := t.TempDir()
	t.Setenv("TMPDIR", sysTmp)
	dir := t.TempDir()
	path := filepath.Join(dir, "p.xlsx")
	old := []byte("last month's portfolio")
	if err := os.WriteFile(path, old, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opts := Options{Progress: func(done, total int) {
		if done > 30000 {
			cancel()
		}
	}}
	err := ExportPortfolio(ctx, genPortfolio{n: 40000}, path, opts)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	assertUntouched(t, dir, path, old)
	if entries, _ := os.ReadDir(sysTmp); len(entries) > 0 {
		t.Errorf("the system's temporary folder holds %d files", len(entries))
	}
}

// excelize's temporary files of an import live in a recognisable folder,
// gone when the import ends; one a killed import left is removed by the next.
func TestPlanImportTemporaries(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	left := filepath.Join(tmp, ".plan-import.releasedesk-"+strconv.Itoa(deadPID(t))+"-1.tmp")
	if err := os.Mkdir(left, 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := ParsePlanFile(filepath.Join("testdata", "plan-openpyxl-formulas.xlsx"), PlanOptions{}); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("the temporary folder holds %v after the import", entries)
	}
}
