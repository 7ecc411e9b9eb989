package data

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestBackupsAreNumberedAndNeverOverwritten(t *testing.T) {
	ctx := context.Background()
	path := openTestDB(t)
	older := SchemaVersion() - 1
	first := BackupPath(path, older, 1)
	if err := os.WriteFile(first, []byte("an earlier copy the user keeps"), 0o644); err != nil {
		t.Fatal(err)
	}
	for round := 2; round <= 3; round++ {
		makeOlder(t, path)
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("upgrade %d: %v", round, err)
		}
		s.Close()
		if got, err := os.ReadFile(first); err != nil || string(got) != "an earlier copy the user keeps" {
			t.Fatalf("round %d overwrote %s: %q, %v", round, first, got, err)
		}
		made := BackupPath(path, older, round)
		if LatestBackup(path) != made {
			t.Fatalf("round %d: latest backup %q, want %q (all: %v)", round, LatestBackup(path), made, Backups(path))
		}
		copyDB, err := OpenReadOnly(ctx, made)
		if err == nil {
			copyDB.Close()
			t.Fatalf("the backup %s claims the current schema", made)
		}
		if !strings.Contains(err.Error(), "older layout") {
			t.Fatalf("backup %s: %v, want the older schema", made, err)
		}
	}
	for _, name := range dirNames(t, filepath.Dir(path)) {
		if strings.HasPrefix(name, ".") {
			t.Errorf("upgrading left %s", name)
		}
	}
}

func TestBackupsListsOnlyBackups(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.db")
	for _, name := range []string{"plan.db.schema2.bak", "plan.db.schema2.2.bak", "plan.db.schema3.bak", "plan.db.schema3.bak-journal",
		"other.db.schema2.bak", "plan.db.schemaX.bak", ".plan.db.backup-123", "plan.db.schema1.bak"} {
		content := "copy"
		if name == "plan.db.schema1.bak" {
			content = "" // an empty file is no backup
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, b := range Backups(path) {
		got = append(got, filepath.Base(b))
	}
	slices.Sort(got)
	want := []string{"plan.db.schema2.2.bak", "plan.db.schema2.bak", "plan.db.schema3.bak"}
	if !slices.Equal(got, want) {
		t.Fatalf("Backups = %v, want %v", got, want)
	}
}
