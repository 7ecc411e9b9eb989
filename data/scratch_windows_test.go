package data

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// A command that builds a new database in a scratch file renames it into
// place while it still holds the file (releasedesk demo does): Windows
// refused the rename while the scratch file was open the usual way.
func TestHeldScratchMovesIntoPlace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plan.db")
	s, err := NewScratch(path, "demo")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Remove()
	want := []byte("a complete database")
	if err := os.WriteFile(s.Name, want, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(s.Name, path); err != nil {
		t.Fatalf("moving the held scratch file into place: %v", err)
	}
	s.Remove()
	if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, want) {
		t.Fatalf("the moved file reads %q (%v)", got, err)
	}
	if names := dirNames(t, filepath.Dir(path)); len(names) != 1 {
		t.Fatalf("left beside the database: %v", names)
	}
}

// The lock tells a running command's scratch file from one a killed run
// left: the sweep of a writing open keeps the first and removes the second,
// and Remove deletes a file its command still holds.
func TestScratchLockOnWindows(t *testing.T) {
	path := openTestDB(t)
	live, err := NewScratch(path, "demo")
	if err != nil {
		t.Fatal(err)
	}
	defer live.Remove()
	dead, err := NewScratch(path, "backup")
	if err != nil {
		t.Fatal(err)
	}
	if err := lockFile(live.lock); err == nil {
		t.Fatal("a second lock on a held scratch file was granted")
	}
	dead.lock.Close() // as a killed run lets go
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if !exists(live.Name) {
		t.Fatal("the sweep removed a scratch file its command holds")
	}
	if exists(dead.Name) {
		t.Fatal("the sweep kept an abandoned scratch file")
	}
	live.Remove()
	if exists(live.Name) {
		t.Fatal("Remove left the scratch file")
	}
}
