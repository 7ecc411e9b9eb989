package data

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ReleaseDeployments lists a release's deployments with their environment, in
// promotion order and then by planned start.
func (s *Store) ReleaseDeployments(ctx context.Context, releaseID uint) ([]Deployment, error) {
	var out []Deployment
	err := s.read(ctx).Joins("Environment").Where("deployments.release_id = ?", releaseID).
		Order(`"Environment"."position", deployments.planned_start, deployments.id`).Find(&out).Error
	return out, err
}

// Deployment returns one deployment with its environment and its release (product loaded).
func (s *Store) Deployment(ctx context.Context, id uint) (Deployment, error) {
	var d Deployment
	err := s.read(ctx).Joins("Environment").Preload("Release.Product").First(&d, "deployments.id = ?", id).Error
	return d, notFound(err, "deployment", id)
}

// validate checks a deployment on its own; the release, the environment and
// the rollback rules need the store.
func (d *Deployment) validate() error {
	var p problems
	d.Build = strings.TrimSpace(d.Build)
	d.PerformedBy = strings.TrimSpace(d.PerformedBy)
	d.PlannedStart, d.PlannedEnd = d.PlannedStart.UTC(), d.PlannedEnd.UTC()
	d.ActualStart, d.ActualEnd = utcPtr(d.ActualStart), utcPtr(d.ActualEnd)
	if d.ReleaseID == 0 {
		p.add("Release", "is required")
	}
	if d.EnvironmentID == 0 {
		p.add("Environment", "is required")
	}
	if d.PlannedStart.IsZero() {
		p.add("PlannedStart", "is required")
	}
	if d.PlannedEnd.IsZero() {
		p.add("PlannedEnd", "is required")
	} else if d.PlannedEnd.Before(d.PlannedStart) {
		p.add("PlannedEnd", "must not be before the planned start")
	}
	switch d.Outcome {
	case OutcomePlanned:
		if d.ActualStart != nil {
			p.add("ActualStart", "must be empty while the deployment is planned")
		}
		if d.ActualEnd != nil {
			p.add("ActualEnd", "must be empty while the deployment is planned")
		}
	case OutcomeInProgress:
		if d.ActualStart == nil {
			p.add("ActualStart", "is required once the deployment has started")
		}
		if d.ActualEnd != nil {
			p.add("ActualEnd", "must be empty while the deployment is in progress")
		}
	case OutcomeSucceeded, OutcomeFailed, OutcomeRolledBack:
		if d.ActualStart == nil {
			p.add("ActualStart", "is required once the deployment has an outcome")
		}
		if d.ActualEnd == nil {
			p.add("ActualEnd", "is required once the deployment has finished")
		} else if d.ActualStart != nil && d.ActualEnd.Before(*d.ActualStart) {
			p.add("ActualEnd", "must not be before the actual start")
		}
	default:
		p.add("Outcome", "is not a deployment outcome")
	}
	p.limits(d)
	return p.err()
}

// SaveDeployment creates d (ID 0) or updates its plan and record. A new
// deployment starts as planned unless an outcome is given; a rolled-back
// outcome only comes from RollBack. Starting or finishing a deployment moves
// its release along the lifecycle as StartDeployment and RecordOutcome do.
func (s *Store) SaveDeployment(ctx context.Context, d *Deployment) error {
	created := d.ID == 0
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var old Deployment
		if !created {
			if err := s.requireRevision(tx, EntityDeployment, d.ID, d.Revision); err != nil {
				return err
			}
			if err := tx.First(&old, d.ID).Error; err != nil {
				return notFound(err, "deployment", d.ID)
			}
			if d.Outcome == "" {
				d.Outcome = old.Outcome
			}
		} else if d.Outcome == "" {
			d.Outcome = OutcomePlanned
		}
		if err := d.validate(); err != nil {
			return err
		}
		if !created && d.ReleaseID != old.ReleaseID {
			return fieldError("Release", "cannot change; delete the deployment and plan it on the other release")
		}
		if (d.Outcome == OutcomeRolledBack) != (old.Outcome == OutcomeRolledBack) {
			if d.Outcome == OutcomeRolledBack {
				return fieldError("Outcome", "is set to rolled back by recording a rollback")
			}
			return fieldError("Outcome", "stays rolled back: the deployment has a recorded rollback")
		}
		if err := requireRow(tx, &Release{}, d.ReleaseID, "Release"); err != nil {
			return err
		}
		var env Environment
		if err := tx.First(&env, d.EnvironmentID).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return fieldError("Environment", "does not exist")
			}
			return err
		}
		if err := environmentOpenTo(tx, env, d.ReleaseID); err != nil {
			return err
		}
		if old.Outcome == OutcomeRolledBack {
			var rb Rollback
			if err := tx.Where("deployment_id = ?", d.ID).Take(&rb).Error; err == nil && rb.StartedAt.Before(*d.ActualStart) {
				return fieldError("ActualStart", "must not be after the rollback started")
			}
		}
		d.Release, d.Environment = Release{}, Environment{}
		if _, err := s.followDeployment(tx, d, env, old.Outcome); err != nil {
			return err
		}
		if created {
			if err := tx.Omit(clause.Associations).Create(d).Error; err != nil {
				return translate(err)
			}
			return s.journal(tx, EntityDeployment, d.ID, d.ReleaseID).created(d)
		}
		d.CreatedAt = old.CreatedAt
		if unchanged(&old, d) {
			return nil // nothing to save: the revision stays, and nobody is told of a change
		}
		if err := tx.Omit(clause.Associations).Save(d).Error; err != nil {
			return translate(err)
		}
		if err := s.journal(tx, EntityDeployment, d.ID, d.ReleaseID).updated(&old, d); err != nil {
			return err
		}
		return s.readRevision(tx, EntityDeployment, d.ID, &d.Revision)
	})
	if err != nil && created {
		d.ID = 0 // nothing was saved: the caller may correct and save again
	}
	return err
}

// StartDeployment records that a planned deployment began at at, performed by
// by (kept as it was when empty); StartDeploymentUndoable also returns what changed.
func (s *Store) StartDeployment(ctx context.Context, id uint, at time.Time, by string) error {
	_, err := s.StartDeploymentUndoable(ctx, id, at, by)
	return err
}

// StartDeploymentUndoable records that a planned deployment began at at,
// performed by by (kept as it was when empty), and returns the change for
// UndoDeploymentChange: the deployment before and after, and the release's
// move to In progress when it made one. A start in the future is refused.
func (s *Store) StartDeploymentUndoable(ctx context.Context, id uint, at time.Time, by string) (DeploymentChange, error) {
	if at.IsZero() {
		return DeploymentChange{}, fieldError("ActualStart", "is required")
	}
	if err := s.recordedTimes(recorded("ActualStart", &at)); err != nil {
		return DeploymentChange{}, err
	}
	var c DeploymentChange
	err := s.tx(ctx, func(tx *gorm.DB) error {
		old, err := s.deploymentForUpdate(tx, id)
		if err != nil {
			return err
		}
		if old.Outcome != OutcomePlanned {
			return fieldError("Outcome", "is already %s; only a planned deployment can start", old.Outcome.Label())
		}
		next := old
		next.Outcome = OutcomeInProgress
		next.ActualStart = utcPtr(&at)
		if by = strings.TrimSpace(by); by != "" {
			next.PerformedBy = by
		}
		c, err = s.writeOutcome(tx, &old, &next)
		return err
	})
	if err != nil {
		return DeploymentChange{}, err
	}
	return c, nil
}

// RecordOutcome records that a planned or running deployment succeeded or
// failed; see RecordOutcomeUndoable, which also returns what changed.
func (s *Store) RecordOutcome(ctx context.Context, id uint, outcome Outcome, start, end time.Time, by, notes string) error {
	_, err := s.RecordOutcomeUndoable(ctx, id, outcome, start, end, by, notes)
	return err
}

// RecordOutcomeUndoable records that a planned or running deployment
// succeeded or failed between start and end, or corrects a recorded success
// to a failure and back. A zero start keeps the recorded actual start; by and
// notes, when not empty, replace the recorded ones; neither time may lie in
// the future (CheckRecordedTime). Rolling back goes through
// RollBack. It returns the change for UndoDeploymentChange, with the
// release's move (to Released, say) when it made one.
func (s *Store) RecordOutcomeUndoable(ctx context.Context, id uint, outcome Outcome, start, end time.Time, by, notes string) (DeploymentChange, error) {
	switch outcome {
	case OutcomeSucceeded, OutcomeFailed:
	case OutcomeRolledBack:
		return DeploymentChange{}, fieldError("Outcome", "is set to rolled back by recording a rollback")
	default:
		return DeploymentChange{}, fieldError("Outcome", "must be succeeded or failed")
	}
	if end.IsZero() {
		return DeploymentChange{}, fieldError("ActualEnd", "is required")
	}
	if err := s.recordedTimes(recorded("ActualStart", &start), recorded("ActualEnd", &end)); err != nil {
		return DeploymentChange{}, err
	}
	var c DeploymentChange
	err := s.tx(ctx, func(tx *gorm.DB) error {
		old, err := s.deploymentForUpdate(tx, id)
		if err != nil {
			return err
		}
		if old.Outcome == OutcomeRolledBack {
			return fieldError("Outcome", "stays rolled back: the deployment has a recorded rollback")
		}
		if start.IsZero() {
			if old.ActualStart == nil {
				return fieldError("ActualStart", "is required")
			}
			start = *old.ActualStart
		}
		next := old
		next.Outcome = outcome
		next.ActualStart, next.ActualEnd = utcPtr(&start), utcPtr(&end)
		if by = strings.TrimSpace(by); by != "" {
			next.PerformedBy = by
		}
		if strings.TrimSpace(notes) != "" {
			next.Notes = notes
		}
		if err := next.validate(); err != nil {
			return err
		}
		c, err = s.writeOutcome(tx, &old, &next)
		return err
	})
	if err != nil {
		return DeploymentChange{}, err
	}
	return c, nil
}

// deploymentForUpdate loads a deployment with its environment inside tx.
func (s *Store) deploymentForUpdate(tx *gorm.DB, id uint) (Deployment, error) {
	var d Deployment
	err := tx.Joins("Environment").First(&d, "deployments.id = ?", id).Error
	return d, notFound(err, "deployment", id)
}

// writeOutcome saves next (loaded with its environment), moves the release
// along and records the change; it returns what changed, for an undo.
func (s *Store) writeOutcome(tx *gorm.DB, old, next *Deployment) (DeploymentChange, error) {
	moved, err := s.followDeployment(tx, next, next.Environment, old.Outcome)
	if err != nil {
		return DeploymentChange{}, err
	}
	if err := tx.Omit(clause.Associations).Save(next).Error; err != nil {
		return DeploymentChange{}, translate(err)
	}
	if err := s.journal(tx, EntityDeployment, next.ID, next.ReleaseID).updated(old, next); err != nil {
		return DeploymentChange{}, err
	}
	if err := s.readRevision(tx, EntityDeployment, next.ID, &next.Revision); err != nil {
		return DeploymentChange{}, err
	}
	return DeploymentChange{Before: *old, After: *next, Release: moved}, nil
}

// followDeployment moves d's release along the lifecycle after d went from
// outcome was ("" when new) to its current outcome on env. It returns the
// move it made, nil when the release kept its status.
func (s *Store) followDeployment(tx *gorm.DB, d *Deployment, env Environment, was Outcome) (*StatusChange, error) {
	starting := (was == "" || was == OutcomePlanned) && d.Outcome != OutcomePlanned
	shipped := d.Outcome == OutcomeSucceeded && was != OutcomeSucceeded && env.Kind == KindProduction
	if !starting && !shipped {
		return nil, nil
	}
	var r Release
	if err := tx.First(&r, d.ReleaseID).Error; err != nil {
		return nil, notFound(err, "release", d.ReleaseID)
	}
	moved := &StatusChange{ReleaseID: r.ID, From: r.Status, FromActual: r.ActualRelease}
	if starting {
		switch r.Status {
		case StatusDraft:
			return nil, fieldError("Release", "is still a draft; plan it before deploying")
		case StatusPlanned:
			if err := s.moveRelease(tx, r.ID, StatusInProgress, Date{}); err != nil {
				return nil, err
			}
			r.Status = StatusInProgress
		}
		// Other statuses stay: recording what already happened never rewrites the release's state.
	}
	if shipped && r.Status == StatusInProgress {
		if err := s.moveRelease(tx, r.ID, StatusReleased, DateOf(d.ActualEnd.In(time.Local))); err != nil {
			return nil, err
		}
		r.Status = StatusReleased
	}
	if r.Status == moved.From {
		return nil, nil
	}
	moved.To = r.Status
	return moved, nil
}

// RemovedDeployment is a deployment taken out by DeleteDeployment, with its
// rollback when it had one, kept so the deletion can be undone.
type RemovedDeployment struct {
	Deployment Deployment
	Rollback   *Rollback
}

// DeleteDeployment removes a deployment and its rollback and returns them for
// RestoreDeployment. The release keeps its status.
func (s *Store) DeleteDeployment(ctx context.Context, id uint) (RemovedDeployment, error) {
	var out RemovedDeployment
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.First(&out.Deployment, id).Error; err != nil {
			return notFound(err, "deployment", id)
		}
		var rbs []Rollback
		if err := tx.Where("deployment_id = ?", id).Find(&rbs).Error; err != nil {
			return err
		}
		if len(rbs) > 0 {
			out.Rollback = &rbs[0]
			if err := tx.Delete(out.Rollback).Error; err != nil {
				return err
			}
			if err := s.journal(tx, EntityRollback, out.Rollback.ID, out.Deployment.ReleaseID).deleted(out.Rollback); err != nil {
				return err
			}
		}
		if err := tx.Delete(&Deployment{}, id).Error; err != nil {
			return translate(err)
		}
		return s.journal(tx, EntityDeployment, id, out.Deployment.ReleaseID).deleted(&out.Deployment)
	})
	if err != nil {
		return RemovedDeployment{}, err
	}
	return out, nil
}

// RestoreDeployment puts back what DeleteDeployment removed, with the same ids.
func (s *Store) RestoreDeployment(ctx context.Context, removed RemovedDeployment) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		d := removed.Deployment
		d.Release, d.Environment = Release{}, Environment{}
		if err := tx.First(&Release{}, d.ReleaseID).Error; err != nil {
			return notFound(err, "release", d.ReleaseID)
		}
		if err := tx.First(&Environment{}, d.EnvironmentID).Error; err != nil {
			return notFound(err, "environment", d.EnvironmentID)
		}
		if err := tx.Omit(clause.Associations).Create(&d).Error; err != nil {
			return translate(err)
		}
		if err := s.journal(tx, EntityDeployment, d.ID, d.ReleaseID).created(&d); err != nil {
			return err
		}
		if removed.Rollback == nil {
			return nil
		}
		rb := *removed.Rollback
		rb.Deployment = Deployment{}
		if err := tx.Omit(clause.Associations).Create(&rb).Error; err != nil {
			return translate(err)
		}
		return s.journal(tx, EntityRollback, rb.ID, d.ReleaseID).created(&rb)
	})
}

// requireRow reports a ValidationError on field when model has no row id.
func requireRow(tx *gorm.DB, model any, id uint, field string) error {
	if id == 0 {
		return fieldError(field, "is required")
	}
	err := tx.Select("id").Take(model, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return fieldError(field, "does not exist")
	}
	return err
}

// utcPtr returns t in UTC, or nil when t is unset, so instants are stored alike.
func utcPtr(t *time.Time) *time.Time {
	if t == nil || t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}
