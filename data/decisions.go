package data

import (
	"context"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Decisions lists a release's go/no-go decisions, newest first.
func (s *Store) Decisions(ctx context.Context, releaseID uint) ([]GoDecision, error) {
	var out []GoDecision
	err := s.read(ctx).Where("release_id = ?", releaseID).Order("decided_at DESC, id DESC").Find(&out).Error
	return out, err
}

// RecordDecision records the outcome of a go/no-go meeting (ID 0) or corrects
// a recorded one. Warnings is whatever the caller's readiness check found; a
// decision never changes the release's status by itself. It is decided by
// now: a DecidedAt in the future is refused (CheckRecordedTime).
func (s *Store) RecordDecision(ctx context.Context, d *GoDecision) error {
	var p problems
	d.Attendees, d.Conditions = strings.TrimSpace(d.Attendees), strings.TrimSpace(d.Conditions)
	d.DecidedAt = d.DecidedAt.UTC()
	if d.ReleaseID == 0 {
		p.add("Release", "is required")
	}
	if !d.Decision.Valid() {
		p.add("Decision", "must be go, no-go or deferred")
	}
	if d.DecidedAt.IsZero() {
		p.add("DecidedAt", "is required")
	} else if err := CheckRecordedTime(d.DecidedAt, s.Now()); err != nil {
		p.add("DecidedAt", "%s", err)
	}
	p.limits(d)
	if err := p.err(); err != nil {
		return err
	}
	created := d.ID == 0
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := requireRow(tx, &Release{}, d.ReleaseID, "Release"); err != nil {
			return err
		}
		d.Release = Release{}
		if created {
			if err := tx.Omit(clause.Associations).Create(d).Error; err != nil {
				return translate(err)
			}
			return s.journal(tx, EntityGoDecision, d.ID, d.ReleaseID).created(d)
		}
		if err := s.requireRevision(tx, EntityGoDecision, d.ID, d.Revision); err != nil {
			return err
		}
		var old GoDecision
		if err := tx.First(&old, d.ID).Error; err != nil {
			return notFound(err, "decision", d.ID)
		}
		if old.ReleaseID != d.ReleaseID {
			return fieldError("Release", "cannot change; record the decision on the other release instead")
		}
		d.CreatedAt = old.CreatedAt
		if unchanged(&old, d) {
			return nil // nothing to save: the revision stays, and nobody is told of a change
		}
		if err := tx.Omit(clause.Associations).Save(d).Error; err != nil {
			return translate(err)
		}
		if err := s.journal(tx, EntityGoDecision, d.ID, d.ReleaseID).updated(&old, d); err != nil {
			return err
		}
		return s.readRevision(tx, EntityGoDecision, d.ID, &d.Revision)
	})
	if err != nil && created {
		d.ID = 0
	}
	return err
}

// DeleteDecision removes a decision recorded by mistake and returns it for RestoreDecision.
func (s *Store) DeleteDecision(ctx context.Context, id uint) (GoDecision, error) {
	var d GoDecision
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.First(&d, id).Error; err != nil {
			return notFound(err, "decision", id)
		}
		if err := tx.Delete(&GoDecision{}, id).Error; err != nil {
			return translate(err)
		}
		return s.journal(tx, EntityGoDecision, id, d.ReleaseID).deleted(&d)
	})
	if err != nil {
		return GoDecision{}, err
	}
	return d, nil
}

// RestoreDecision puts back a decision removed by DeleteDecision, with the same id.
func (s *Store) RestoreDecision(ctx context.Context, d GoDecision) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.First(&Release{}, d.ReleaseID).Error; err != nil {
			return notFound(err, "release", d.ReleaseID)
		}
		d.Release = Release{}
		if err := tx.Omit(clause.Associations).Create(&d).Error; err != nil {
			return translate(err)
		}
		return s.journal(tx, EntityGoDecision, d.ID, d.ReleaseID).created(&d)
	})
}
