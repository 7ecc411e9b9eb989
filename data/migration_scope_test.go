package data

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
)

// TestScopeMigrationUpgradesAnOlderFile writes a file with the schema as it
// was before 0006_scope, with a release in it, and opens it: the release
// survives with no baseline, the scope tables work and a backup is kept.
func TestScopeMigrationUpgradesAnOlderFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := gorm.Open(sqlite.Open(dsn(path)), gormConfig())
	if err != nil {
		t.Fatal(err)
	}
	var before []*gormigrate.Migration
	for _, m := range migrations {
		if m.ID == "0006_scope" {
			break
		}
		before = append(before, m)
	}
	m := gormigrate.New(db, &gormigrate.Options{TableName: migrationTable, IDColumnName: "id", IDColumnSize: 255, UseTransaction: true}, before)
	if err := m.Migrate(); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		"INSERT INTO products (id, name) VALUES (1, 'Payments')",
		"INSERT INTO releases (id, product_id, version, title, type, status, risk, planned_release) " +
			"VALUES (1, 1, '2.4.0', 'Refunds', 'minor', 'planned', 'low', '2026-07-01')",
	} {
		if err := db.Exec(stmt).Error; err != nil {
			t.Fatal(err)
		}
	}
	if db.Migrator().HasTable("work_items") || db.Migrator().HasColumn(&v6ReleaseBaseline{}, "BaselineRelease") {
		t.Fatal("the old schema already has the scope")
	}
	sqlDB, _ := db.DB()
	sqlDB.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer s.Close()
	if _, err := os.Stat(BackupPath(path, len(before), 1)); err != nil {
		t.Fatalf("no backup before the scope migration: %v", err)
	}
	r, err := s.Release(ctx, 1)
	if err != nil || r.Title != "Refunds" || !r.BaselineRelease.IsZero() {
		t.Fatalf("release after upgrade %+v (%v)", r, err)
	}
	if _, base := r.Baseline(); !base.Equal(NewDate(2026, 7, 1)) {
		t.Fatalf("an upgraded planned release has baseline %s, want its planned date", base)
	}
	it := WorkItem{ReleaseID: 1, Key: "PAY-1", Summary: "Refund to card", Kind: WorkFeature}
	if err := s.SaveWorkItem(ctx, &it); err != nil {
		t.Fatalf("scope on an upgraded file: %v", err)
	}
	// Running the step again (a file restored by hand) completes instead of failing.
	if err := s.db.Transaction(migrateScope); err != nil {
		t.Fatalf("migration run twice: %v", err)
	}
	for _, model := range []any{&WorkItem{}, &Dependency{}, &Replan{}} {
		if !s.db.Migrator().HasTable(model) {
			t.Errorf("table for %T missing", model)
		}
	}
}
