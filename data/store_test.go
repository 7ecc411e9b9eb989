package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// crudDump renders every row of every table, so a test can prove that a
// refused change left the database exactly as it was.
func crudDump(t testing.TB, s *Store) string {
	t.Helper()
	tables, err := s.db.Migrator().GetTables()
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(tables)
	var b strings.Builder
	for _, name := range tables {
		rows, err := s.db.Raw(`SELECT * FROM "` + name + `"`).Rows()
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, name, vals)
		}
		rows.Close()
	}
	return b.String()
}

// crudHistoryCount counts every history row.
func crudHistoryCount(t testing.TB, s *Store) int64 {
	t.Helper()
	var n int64
	if err := s.db.Model(&History{}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// crudRefused checks that err is a ValidationError naming field and that the
// database still reads as before (a crudDump taken before the call).
func crudRefused(t testing.TB, s *Store, before string, err error, field string) {
	t.Helper()
	v, ok := AsValidation(err)
	if !ok {
		t.Fatalf("got %v, want a validation error on %s", err, field)
	}
	if v.Message(field) == "" {
		t.Fatalf("got %v, want a message on %s", err, field)
	}
	if after := crudDump(t, s); after != before {
		t.Fatalf("a refused change altered the database:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

// crudHistoryHas reports whether entity id has a history row with action
// (and field, when given) filed under releaseID.
func crudHistoryHas(t testing.TB, s *Store, entity string, id uint, action, field string, releaseID uint) bool {
	t.Helper()
	rows, err := s.HistoryOf(context.Background(), entity, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range rows {
		rel := uint(0)
		if h.ReleaseID != nil {
			rel = *h.ReleaseID
		}
		if h.Action == action && (field == "" || h.Field == field) && rel == releaseID {
			return true
		}
	}
	return false
}

func fileHash(t testing.TB, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func dirNames(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestOpenCreatesSchema(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(path string) error
	}{
		{"missing file", func(string) error { return nil }},
		{"empty file", func(path string) error { return os.WriteFile(path, nil, 0o644) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "desk.db")
			if err := tt.prepare(path); err != nil {
				t.Fatal(err)
			}
			s, err := Open(context.Background(), path)
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			defer s.Close()
			var applied int64
			if err := s.db.Table(migrationTable).Count(&applied).Error; err != nil || applied != int64(SchemaVersion()) {
				t.Fatalf("%d migrations recorded (%v), want %d", applied, err, SchemaVersion())
			}
			for _, m := range []any{&Product{}, &Environment{}, &Release{}, &Deployment{}, &Rollback{}, &Stakeholder{},
				&ReleaseStakeholder{}, &ChecklistItem{}, &TestRun{}, &FreezeWindow{}, &GoDecision{}, &Review{}, &ActionItem{}, &History{}} {
				if !s.db.Migrator().HasTable(m) {
					t.Errorf("table for %T missing", m)
				}
			}
			if !s.db.Migrator().HasTable("freeze_window_environments") {
				t.Error("freeze window join table missing")
			}
			if err := s.SaveProduct(context.Background(), &Product{Name: "Payments"}); err != nil {
				t.Fatalf("new database refused a product: %v", err)
			}
		})
	}
}

func TestOpenKeepsDataAndMakesNoBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "desk.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveStakeholder(ctx, &Stakeholder{Name: "Dana Reyes", Email: "dana@example.com"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	people, err := s.Stakeholders(ctx)
	if err != nil || len(people) != 1 || people[0].Email != "dana@example.com" {
		t.Fatalf("after reopening: %+v, %v", people, err)
	}
	for _, name := range dirNames(t, dir) {
		if strings.HasSuffix(name, ".bak") {
			t.Errorf("reopening an up-to-date database made a backup %s", name)
		}
	}
	if got, want := BackupPath(path, 1, 1), path+".schema1.bak"; got != want {
		t.Errorf("BackupPath = %s, want %s", got, want)
	}
	if got, want := BackupPath(path, 1, 3), path+".schema1.3.bak"; got != want {
		t.Errorf("BackupPath = %s, want %s", got, want)
	}
}

func TestOpenBacksUpOlderSchema(t *testing.T) {
	if SchemaVersion() < 2 {
		t.Skip("only one migration exists: no older schema to upgrade from")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "desk.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	last := migrations[len(migrations)-1].ID
	if err := s.db.Exec("DELETE FROM "+migrationTable+" WHERE id = ?", last).Error; err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	s.Close()
	backup := BackupPath(path, SchemaVersion()-1, 1)
	db, err := sql.Open("sqlite3", backup)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM " + migrationTable).Scan(&n); err != nil || n != SchemaVersion()-1 {
		t.Fatalf("backup holds %d migrations (%v), want %d", n, err, SchemaVersion()-1)
	}
}

func TestOpenPragmas(t *testing.T) {
	fileOnly(t)
	s := newTestStore(t)
	var mode string
	if err := s.db.Raw("PRAGMA journal_mode").Scan(&mode).Error; err != nil || mode != "wal" {
		t.Fatalf("journal mode %q (%v), want wal", mode, err)
	}
	err := s.db.Exec("INSERT INTO deployments (release_id, environment_id, planned_start, planned_end, outcome) VALUES (?, ?, ?, ?, ?)",
		4242, 4242, testClock, testClock, OutcomePlanned).Error
	if err == nil {
		t.Fatal("a deployment of a missing release was stored: foreign keys are off")
	}
	var n int64
	if err := s.db.Model(&Deployment{}).Count(&n).Error; err != nil || n != 0 {
		t.Fatalf("%d deployments after the refused insert (%v)", n, err)
	}
}

func TestOpenRefusesForeignFiles(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, path string)
		want    error
	}{
		{"newer schema", func(t *testing.T, path string) {
			s, err := Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.db.Exec("INSERT INTO "+migrationTable+" (id) VALUES (?)", "9999_from_the_future").Error; err != nil {
				t.Fatal(err)
			}
			s.Close()
		}, ErrNewerSchema},
		{"text file", func(t *testing.T, path string) {
			if err := os.WriteFile(path, []byte("Release plan\n2.4.0 in July\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, ErrNotReleaseDesk},
		{"other sqlite database", func(t *testing.T, path string) {
			db, err := sql.Open("sqlite3", path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO recipes (name) VALUES ('soup')"); err != nil {
				t.Fatal(err)
			}
		}, ErrNotReleaseDesk},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "desk.db")
			tt.prepare(t, path)
			hash, names := fileHash(t, path), dirNames(t, dir)
			s, err := Open(context.Background(), path)
			if err == nil {
				s.Close()
				t.Fatal("the file was opened")
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			if fileHash(t, path) != hash {
				t.Error("the refused file was changed")
			}
			// A read-only look at a WAL database may leave an empty -wal and an
			// -shm index beside it; neither may hold a change.
			for _, name := range dirNames(t, dir) {
				if slices.Contains(names, name) || strings.HasSuffix(name, "-shm") {
					continue
				}
				if st, err := os.Stat(filepath.Join(dir, name)); err != nil || !strings.HasSuffix(name, "-wal") || st.Size() != 0 {
					t.Errorf("refusing the file left %s beside it", name)
				}
			}
		})
	}
}

// crudDeployment plans a two-hour deployment of r on e starting at start.
func crudDeployment(t testing.TB, f *fixture, r Release, e Environment, start time.Time) Deployment {
	t.Helper()
	d := Deployment{ReleaseID: r.ID, EnvironmentID: e.ID, Build: r.Version + "+1", PlannedStart: start, PlannedEnd: start.Add(2 * time.Hour)}
	if err := f.s.SaveDeployment(f.ctx, &d); err != nil {
		t.Fatalf("deployment: %v", err)
	}
	return d
}

// crudStakeholder adds a person to the directory.
func crudStakeholder(t testing.TB, f *fixture, name string) Stakeholder {
	t.Helper()
	p := Stakeholder{Name: name, Email: strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@example.com"}
	if err := f.s.SaveStakeholder(f.ctx, &p); err != nil {
		t.Fatalf("stakeholder %s: %v", name, err)
	}
	return p
}
