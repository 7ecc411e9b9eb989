package data

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// validate checks a rollback on its own; the deployment rules need the store.
func (rb *Rollback) validate() error {
	var p problems
	rb.Reason = strings.TrimSpace(rb.Reason)
	rb.RestoredVersion = strings.TrimSpace(rb.RestoredVersion)
	rb.DetectedBy = strings.TrimSpace(rb.DetectedBy)
	rb.StartedAt = rb.StartedAt.UTC()
	rb.FinishedAt = utcPtr(rb.FinishedAt)
	if rb.StartedAt.IsZero() {
		p.add("StartedAt", "is required")
	}
	if rb.FinishedAt != nil && rb.FinishedAt.Before(rb.StartedAt) {
		p.add("FinishedAt", "must not be before the rollback started")
	}
	p.required("Reason", rb.Reason)
	if rb.DowntimeMinutes < 0 {
		p.add("DowntimeMinutes", "must not be negative")
	}
	if rb.UsersAffected < 0 {
		p.add("UsersAffected", "must not be negative")
	}
	p.limits(rb)
	return p.err()
}

// end is when the rollback is over as far as the deployment is concerned.
func (rb *Rollback) end() time.Time {
	if rb.FinishedAt != nil {
		return *rb.FinishedAt
	}
	return rb.StartedAt
}

// RollBack records that deployment deploymentID was rolled back; see
// RollBackUndoable, which also returns what changed.
func (s *Store) RollBack(ctx context.Context, deploymentID uint, rb *Rollback) error {
	_, err := s.RollBackUndoable(ctx, deploymentID, rb)
	return err
}

// RollBackUndoable records that deployment deploymentID was rolled back: it
// creates the rollback, marks the deployment rolled back (ending when the
// rollback finished, or started when it has not finished yet) and, for a
// production deployment, moves an in-progress release to rolled back. Only a
// deployment that started can be rolled back, once. It returns the change
// for UndoDeploymentChange.
func (s *Store) RollBackUndoable(ctx context.Context, deploymentID uint, rb *Rollback) (DeploymentChange, error) {
	rb.ID, rb.DeploymentID = 0, deploymentID
	if err := rb.validate(); err != nil {
		return DeploymentChange{}, err
	}
	if err := s.rollbackTimes(rb); err != nil {
		return DeploymentChange{}, err
	}
	var c DeploymentChange
	err := s.tx(ctx, func(tx *gorm.DB) error {
		d, err := s.deploymentForUpdate(tx, deploymentID)
		if err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&Rollback{}).Where("deployment_id = ?", deploymentID).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return fieldError("Deployment", "has already been rolled back")
		}
		if d.ActualStart == nil || (d.Outcome != OutcomeInProgress && d.Outcome != OutcomeSucceeded && d.Outcome != OutcomeFailed) {
			return fieldError("Deployment", "has not started; only a started deployment can be rolled back")
		}
		if rb.StartedAt.Before(*d.ActualStart) {
			return fieldError("StartedAt", "must not be before the deployment started (%s)", shownTime(*d.ActualStart))
		}
		rb.Deployment = Deployment{}
		if err := tx.Omit(clause.Associations).Create(rb).Error; err != nil {
			return translate(err)
		}
		if err := s.journal(tx, EntityRollback, rb.ID, d.ReleaseID).created(rb); err != nil {
			return err
		}
		next := d
		next.Outcome = OutcomeRolledBack
		end := rb.end()
		next.ActualEnd = &end
		if err := tx.Omit(clause.Associations).Save(&next).Error; err != nil {
			return translate(err)
		}
		if err := s.journal(tx, EntityDeployment, d.ID, d.ReleaseID).updated(&d, &next); err != nil {
			return err
		}
		if err := s.readRevision(tx, EntityDeployment, d.ID, &next.Revision); err != nil {
			return err
		}
		recorded := *rb
		c = DeploymentChange{Before: d, After: next, Rollback: &recorded}
		if d.Environment.Kind != KindProduction {
			return nil
		}
		var r Release
		if err := tx.First(&r, d.ReleaseID).Error; err != nil {
			return notFound(err, "release", d.ReleaseID)
		}
		// A released release stays released: the lifecycle has no Released -> Rolled back step, and the rollback is on record.
		if r.Status != StatusInProgress {
			return nil
		}
		if err := s.moveRelease(tx, r.ID, StatusRolledBack, Date{}); err != nil {
			return err
		}
		c.Release = &StatusChange{ReleaseID: r.ID, From: r.Status, To: StatusRolledBack, FromActual: r.ActualRelease}
		return nil
	})
	if err != nil {
		rb.ID = 0
		return DeploymentChange{}, err
	}
	return c, nil
}

// DeploymentRollback returns the rollback of a deployment, with the deployment
// and its environment; ErrNotFound when it was never rolled back.
func (s *Store) DeploymentRollback(ctx context.Context, deploymentID uint) (Rollback, error) {
	var rb Rollback
	err := s.read(ctx).Preload("Deployment.Environment").Where("deployment_id = ?", deploymentID).Take(&rb).Error
	return rb, notFound(err, "rollback of deployment", deploymentID)
}

// ReleaseRollbacks lists the rollbacks of a release's deployments, each with
// its deployment and environment, by start.
func (s *Store) ReleaseRollbacks(ctx context.Context, releaseID uint) ([]Rollback, error) {
	var out []Rollback
	err := s.read(ctx).Preload("Deployment.Environment").
		Where("deployment_id IN (SELECT id FROM deployments WHERE release_id = ?)", releaseID).
		Order("started_at, id").Find(&out).Error
	return out, err
}

// SaveRollback edits a recorded rollback; see SaveRollbackUndoable.
func (s *Store) SaveRollback(ctx context.Context, rb *Rollback) error {
	if rb.ID == 0 {
		return s.RollBack(ctx, rb.DeploymentID, rb)
	}
	_, err := s.SaveRollbackUndoable(ctx, rb)
	return err
}

// SaveRollbackUndoable edits a recorded rollback: it finishes one still
// running, or corrects its times, reason, restored version, downtime, users
// affected and who noticed. The deployment's actual end follows the
// rollback's finish. Neither time may lie in the future. It returns the
// change for Undo, which puts the rollback and its deployment back as they
// were, in one step.
func (s *Store) SaveRollbackUndoable(ctx context.Context, rb *Rollback) (Change, error) {
	if rb.ID == 0 {
		return Change{}, fieldError("Rollback", "is not recorded yet; record it with RollBack")
	}
	if err := rb.validate(); err != nil {
		return Change{}, err
	}
	if err := s.rollbackTimes(rb); err != nil {
		return Change{}, err
	}
	var change Change
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := s.requireRevision(tx, EntityRollback, rb.ID, rb.Revision); err != nil {
			return err
		}
		var old Rollback
		if err := tx.First(&old, rb.ID).Error; err != nil {
			return notFound(err, "rollback", rb.ID)
		}
		if rb.DeploymentID != old.DeploymentID {
			return fieldError("Deployment", "cannot change; a rollback belongs to the deployment it undid")
		}
		d, err := s.deploymentForUpdate(tx, old.DeploymentID)
		if err != nil {
			return err
		}
		if d.ActualStart != nil && rb.StartedAt.Before(*d.ActualStart) {
			return fieldError("StartedAt", "must not be before the deployment started (%s)", shownTime(*d.ActualStart))
		}
		rb.Deployment = Deployment{}
		rb.CreatedAt = old.CreatedAt
		if unchanged(&old, rb) {
			return nil // nothing to save: the revision stays, and nobody is told of a change
		}
		if err := tx.Omit(clause.Associations).Save(rb).Error; err != nil {
			return translate(err)
		}
		if err := s.journal(tx, EntityRollback, rb.ID, d.ReleaseID).updated(&old, rb); err != nil {
			return err
		}
		change = Edited(old, *rb)
		end := rb.end()
		if d.ActualEnd != nil && d.ActualEnd.Equal(end) {
			return nil
		}
		next := d
		next.ActualEnd = &end
		if err := tx.Omit(clause.Associations).Save(&next).Error; err != nil {
			return translate(err)
		}
		change = Together(change, Edited(d, next))
		return s.journal(tx, EntityDeployment, d.ID, d.ReleaseID).updated(&d, &next)
	})
	if err != nil {
		return Change{}, err
	}
	return change, nil
}

// rollbackTimes refuses a rollback that starts or finishes in the future.
func (s *Store) rollbackTimes(rb *Rollback) error {
	return s.recordedTimes(recorded("StartedAt", &rb.StartedAt), recorded("FinishedAt", rb.FinishedAt))
}
