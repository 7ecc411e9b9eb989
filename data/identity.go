package data

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// v4DatabaseIdentity is the table migration 0004 created: one row holding
// the database's own random id.
type v4DatabaseIdentity struct {
	ID        string `gorm:"primaryKey;size:64"`
	CreatedAt time.Time
}

func (v4DatabaseIdentity) TableName() string { return "database_identity" }

// migrateDatabaseIdentity gives the database its identity, once: a new
// database when it is created, an older one when it is upgraded.
func migrateDatabaseIdentity(tx *gorm.DB) error {
	if !tx.Migrator().HasTable(&v4DatabaseIdentity{}) {
		if err := tx.Migrator().CreateTable(&v4DatabaseIdentity{}); err != nil {
			return err
		}
	}
	var have int64
	if err := tx.Model(&v4DatabaseIdentity{}).Count(&have).Error; err != nil || have > 0 {
		return err // an identity, once made, is kept
	}
	id, err := newDatabaseID()
	if err != nil {
		return err
	}
	return tx.Create(&v4DatabaseIdentity{ID: id, CreatedAt: time.Now().UTC()}).Error
}

// newDatabaseID is a random id, as many bits as a version 4 UUID.
func newDatabaseID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("make the database's identity: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// DatabaseID is the database's own identity: a random id made once, when
// the database was created or upgraded to carry it, and never changed.
// Exports use it so that two databases' files never claim the same
// records (calendar UIDs); a copy of the file keeps it, as it is the same plan.
func (s *Store) DatabaseID(ctx context.Context) (string, error) {
	var row v4DatabaseIdentity
	err := s.read(ctx).Order("created_at, id").Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return "", errors.New("the database has no identity; open it with this version of Release Desk to upgrade it")
	}
	return row.ID, err
}
