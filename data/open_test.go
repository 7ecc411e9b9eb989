package data

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// openTestDB makes a database file with one product and returns its path.
func openTestDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "plan.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveProduct(context.Background(), &Product{Name: "Payments"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// holdWrite takes the write lock of the database at path from a second
// connection, as another Release Desk saving would, until the test ends.
func holdWrite(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=0")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatalf("take the write lock: %v", err)
	}
	if _, err := conn.ExecContext(context.Background(), "INSERT INTO products (name, created_at, updated_at) VALUES ('Held', '2026-01-01', '2026-01-01')"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn.ExecContext(context.Background(), "ROLLBACK")
		conn.Close()
		db.Close()
	})
}

// shortBusyWait makes the store give up on a held lock quickly.
func shortBusyWait(t *testing.T) {
	saved := busyWait
	busyWait = 300 * time.Millisecond
	t.Cleanup(func() { busyWait = saved })
}

// makeOlder removes the newest migration's record, as if the file were
// written by the previous version of Release Desk.
func makeOlder(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("DELETE FROM "+migrationTable+" WHERE id = ?", migrations[len(migrations)-1].ID); err != nil {
		t.Fatal(err)
	}
}

func TestOpenWhileAnotherProcessWrites(t *testing.T) {
	shortBusyWait(t)
	ctx := context.Background()
	path := openTestDB(t)
	holdWrite(t, path)

	// Opening an up-to-date file needs no write: it succeeds at once (it panicked in gormigrate).
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("open while another writes: %v", err)
	}
	defer s.Close()
	products, err := s.Products(ctx)
	if err != nil || len(products) != 1 {
		t.Fatalf("reading while another writes: %v, %v", products, err)
	}
	started := time.Now()
	err = s.SaveProduct(ctx, &Product{Name: "Mobile App"})
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("saving while another writes: %v, want ErrBusy", err)
	}
	if waited := time.Since(started); waited < busyWait/2 || waited > 10*busyWait {
		t.Errorf("gave up after %v, want about %v", waited, busyWait)
	}
	if err.Error() != "the database is busy: another Release Desk is saving; try again" {
		t.Errorf("message %q", err)
	}

	r, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatalf("read-only open while another writes: %v", err)
	}
	defer r.Close()
	if products, err := r.Products(ctx); err != nil || len(products) != 1 {
		t.Fatalf("read-only read while another writes: %v, %v", products, err)
	}
}

func TestOpenBusyWhenAMigrationIsDue(t *testing.T) {
	shortBusyWait(t)
	path := openTestDB(t)
	makeOlder(t, path)
	holdWrite(t, path)
	hash, names := fileHash(t, path), dirNames(t, filepath.Dir(path))
	_, err := Open(context.Background(), path)
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("got %v, want ErrBusy", err)
	}
	if fileHash(t, path) != hash {
		t.Error("the busy file was changed")
	}
	for _, name := range dirNames(t, filepath.Dir(path)) {
		if !slices.Contains(names, name) && strings.Contains(name, ".bak") {
			t.Errorf("a busy database cost a backup: %s", name)
		}
	}
}

func TestOpenReadOnlyNeverMigrates(t *testing.T) {
	ctx := context.Background()
	path := openTestDB(t)
	makeOlder(t, path)
	hash, names := fileHash(t, path), dirNames(t, filepath.Dir(path))
	_, err := OpenReadOnly(ctx, path)
	var upgrade *UpgradeError
	if !errors.As(err, &upgrade) || upgrade.Schema != SchemaVersion()-1 || upgrade.Current != SchemaVersion() {
		t.Fatalf("got %v, want an UpgradeError from %d", err, SchemaVersion()-1)
	}
	if !errors.Is(err, ErrUpgradeNeeded) {
		t.Errorf("%v is not ErrUpgradeNeeded", err)
	}
	if fileHash(t, path) != hash || !slices.Equal(dirNames(t, filepath.Dir(path)), names) {
		t.Fatalf("a read-only open changed the folder: %v -> %v", names, dirNames(t, filepath.Dir(path)))
	}
}

func TestOpenReadOnlyRefusesWritesAndLeavesNoFiles(t *testing.T) {
	ctx := context.Background()
	path := openTestDB(t)
	hash, names := fileHash(t, path), dirNames(t, filepath.Dir(path))
	s, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if !s.ReadOnly() {
		t.Error("ReadOnly() is false")
	}
	if err := s.SaveProduct(ctx, &Product{Name: "Mobile App"}); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("save through a read-only store: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if fileHash(t, path) != hash || !slices.Equal(dirNames(t, filepath.Dir(path)), names) {
		t.Fatalf("a read-only open changed the folder: %v -> %v", names, dirNames(t, filepath.Dir(path)))
	}
}

func TestOpenExistingRefusesMissingFiles(t *testing.T) {
	dir := t.TempDir()
	for _, open := range []func(context.Context, string) (*Store, error){OpenExisting, OpenReadOnly} {
		path := filepath.Join(dir, "typo.db")
		if _, err := open(context.Background(), path); !errors.Is(err, ErrNoDatabase) {
			t.Fatalf("got %v, want ErrNoDatabase", err)
		}
		if names := dirNames(t, dir); len(names) > 0 {
			t.Fatalf("refusing a missing file made %v", names)
		}
	}
}
