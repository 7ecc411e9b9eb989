package data

import (
	"time"

	"gorm.io/gorm"
)

// The structs below are the scope schema as migration 0006_scope created it:
// work items, dependencies between releases, re-plans and the baseline
// columns of releases.

type v6WorkItem struct {
	ID             uint      `gorm:"primaryKey"`
	ReleaseID      uint      `gorm:"not null;uniqueIndex:idx_work_item_release_key"`
	Release        v1Release `gorm:"constraint:OnDelete:CASCADE"`
	Key            string    `gorm:"size:40;not null;uniqueIndex:idx_work_item_release_key"`
	Summary        string    `gorm:"size:255;not null"`
	Kind           string    `gorm:"size:20;not null"`
	Status         string    `gorm:"size:20;not null"`
	Component      string    `gorm:"size:120"`
	Link           string    `gorm:"size:500"`
	CustomerFacing bool      `gorm:"not null"`
	Notes          string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

type v6Dependency struct {
	ID            uint          `gorm:"primaryKey"`
	ReleaseID     uint          `gorm:"not null;uniqueIndex:idx_dependency_pair"`
	Release       v1Release     `gorm:"constraint:OnDelete:CASCADE"`
	RequiresID    uint          `gorm:"not null;index;uniqueIndex:idx_dependency_pair"`
	Requires      v1Release     `gorm:"foreignKey:RequiresID;constraint:OnDelete:CASCADE"`
	EnvironmentID uint          `gorm:"not null;index;uniqueIndex:idx_dependency_pair"`
	Environment   v1Environment `gorm:"constraint:OnDelete:RESTRICT"`
	Note          string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

type v6Replan struct {
	ID            uint      `gorm:"primaryKey"`
	ReleaseID     uint      `gorm:"not null;index"`
	Release       v1Release `gorm:"constraint:OnDelete:CASCADE"`
	At            time.Time `gorm:"not null"`
	OldCodeFreeze Date
	OldRelease    Date
	NewCodeFreeze Date
	NewRelease    Date
	Reason        string `gorm:"not null"`
	CreatedAt     time.Time
}

// v6ReleaseBaseline holds only the columns 0006 adds to releases.
type v6ReleaseBaseline struct {
	BaselineFreeze  Date
	BaselineRelease Date
}

func (v6WorkItem) TableName() string        { return "work_items" }
func (v6Dependency) TableName() string      { return "dependencies" }
func (v6Replan) TableName() string          { return "replans" }
func (v6ReleaseBaseline) TableName() string { return "releases" }

// migrateScope adds what a release contains (work items), what it needs
// (dependencies) and how its dates moved (baseline columns and re-plans).
// Each step checks before it acts, so running it on a file that already has
// part of it (a copy restored by hand) completes it instead of failing.
func migrateScope(tx *gorm.DB) error {
	if err := tx.AutoMigrate(&v6WorkItem{}, &v6Dependency{}, &v6Replan{}); err != nil {
		return err
	}
	for _, field := range []string{"BaselineFreeze", "BaselineRelease"} {
		if tx.Migrator().HasColumn(&v6ReleaseBaseline{}, field) {
			continue
		}
		if err := tx.Migrator().AddColumn(&v6ReleaseBaseline{}, field); err != nil {
			return err
		}
	}
	return nil
}
