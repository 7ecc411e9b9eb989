package data

import (
	"context"
	"path/filepath"
	"regexp"
	"testing"
)

// Issue 11 #10: calendar UIDs were the same in every database, so two
// subscribed calendars overwrote each other's events. Each database now has
// an identity of its own, stored in it and stable across openings.
func TestDatabaseIDIsOwnAndStable(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ids := map[string]string{}
	for _, name := range []string{"a.db", "b.db"} {
		path := filepath.Join(dir, name)
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		first, err := s.DatabaseID(ctx)
		s.Close()
		if err != nil || !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(first) {
			t.Fatalf("%s: id %q (%v)", name, first, err)
		}
		s, err = Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		again, err := s.DatabaseID(ctx)
		s.Close()
		if err != nil || again != first {
			t.Errorf("%s: id %q after reopening, was %q (%v)", name, again, first, err)
		}
		ids[name] = first
	}
	if ids["a.db"] == ids["b.db"] {
		t.Errorf("two databases share the id %s", ids["a.db"])
	}
}

// A database made before the identity existed gets one when upgraded, and
// running the step again (as after a restored backup) keeps it.
func TestDatabaseIDOnUpgrade(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	kept, _ := s.DatabaseID(ctx)
	if err := s.db.Exec("DELETE FROM "+migrationTable+" WHERE id = ?", "0004_database_identity").Error; err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	got, err := s.DatabaseID(ctx)
	if err != nil || got != kept {
		t.Errorf("id after the step ran again: %q (%v), want %q", got, err, kept)
	}
	if err := s.db.Exec("DROP TABLE database_identity").Error; err != nil {
		t.Fatal(err)
	}
	if err := s.db.Exec("DELETE FROM "+migrationTable+" WHERE id = ?", "0004_database_identity").Error; err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, err := s.DatabaseID(ctx); err != nil || len(got) != 32 {
		t.Errorf("upgraded database: id %q (%v)", got, err)
	}
}
