package data

import (
	"context"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// DeploymentChange is what one start, outcome or rollback of a deployment
// changed, kept so UndoDeploymentChange can take all of it back in one step.
type DeploymentChange struct {
	// Before and After are the deployment as the change found and left it.
	Before, After Deployment
	// Rollback is the rollback the change recorded; nil for a start or an outcome.
	Rollback *Rollback
	// Release is the move the change made the release take; nil when its status stayed.
	Release *StatusChange
}

// StatusChange is a release's move along the lifecycle made by a deployment
// change: from From (with the actual release date FromActual) to To.
type StatusChange struct {
	ReleaseID  uint
	From, To   ReleaseStatus
	FromActual Date
}

// reversible reports whether m is a move deployments make a release take; an
// undo may reverse those and no other, since the lifecycle never steps back.
func (m StatusChange) reversible() bool {
	switch m.From {
	case StatusPlanned:
		return m.To == StatusInProgress || m.To == StatusReleased
	case StatusInProgress:
		return m.To == StatusReleased || m.To == StatusRolledBack
	}
	return false
}

// UndoDeploymentChange takes back a change returned by StartDeploymentUndoable,
// RecordOutcomeUndoable or RollBackUndoable in one transaction: it removes
// the rollback the change recorded, puts the deployment back as it was and
// returns the release to the exact status the change moved it from, with
// history for each. It refuses, changing nothing, when the deployment, its
// rollback or the release's status changed again since.
func (s *Store) UndoDeploymentChange(ctx context.Context, c DeploymentChange) error {
	if c.Before.ID == 0 || c.Before.ID != c.After.ID {
		return fieldError("Deployment", "is missing from the change to undo")
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		now, err := s.deploymentForUpdate(tx, c.Before.ID)
		if err != nil {
			return err
		}
		if moved := changedFields(&c.After, &now); moved != "" {
			return fieldError("Deployment", "has changed since (%s); only its latest change can be undone", moved)
		}
		if c.Rollback != nil {
			if err := s.removeRollback(tx, *c.Rollback, c.Before); err != nil {
				return err
			}
		}
		before := c.Before
		if err := before.validate(); err != nil {
			return err
		}
		before.Release, before.Environment = Release{}, Environment{}
		before.CreatedAt = now.CreatedAt
		if err := tx.Omit(clause.Associations).Save(&before).Error; err != nil {
			return translate(err)
		}
		if err := s.journal(tx, EntityDeployment, before.ID, before.ReleaseID).updated(&now, &before); err != nil {
			return err
		}
		if c.Release == nil {
			return nil
		}
		if c.Release.ReleaseID != before.ReleaseID {
			return fieldError("Release", "is not the release of the deployment")
		}
		return s.restoreStatus(tx, *c.Release)
	})
}

// removeRollback deletes the rollback a change recorded on deployment d,
// provided it is still as recorded.
func (s *Store) removeRollback(tx *gorm.DB, recorded Rollback, d Deployment) error {
	var now Rollback
	if err := tx.First(&now, recorded.ID).Error; err != nil {
		return notFound(err, "rollback", recorded.ID)
	}
	if now.DeploymentID != d.ID {
		return fieldError("Rollback", "belongs to another deployment")
	}
	if moved := changedFields(&recorded, &now); moved != "" {
		return fieldError("Rollback", "has changed since (%s); only its latest change can be undone", moved)
	}
	if err := tx.Delete(&Rollback{}, now.ID).Error; err != nil {
		return translate(err)
	}
	return s.journal(tx, EntityRollback, now.ID, d.ReleaseID).deleted(&now)
}

// restoreStatus moves a release back from m.To to m.From, the one step back
// the lifecycle allows: undoing the move a deployment change made, while the
// release still stands where that change left it.
func (s *Store) restoreStatus(tx *gorm.DB, m StatusChange) error {
	if !m.reversible() {
		return fieldError("Status", "cannot go back from %s to %s", m.To.Label(), m.From.Label())
	}
	var old Release
	if err := tx.First(&old, m.ReleaseID).Error; err != nil {
		return notFound(err, "release", m.ReleaseID)
	}
	if old.Status != m.To {
		return fieldError("Status", "is %s now, no longer %s; it cannot go back to %s", old.Status.Label(), m.To.Label(), m.From.Label())
	}
	next := old
	next.Status, next.ActualRelease = m.From, m.FromActual
	if err := next.validate(); err != nil {
		return err
	}
	if err := tx.Model(&Release{ID: old.ID}).Updates(map[string]any{"status": next.Status, "actual_release": next.ActualRelease}).Error; err != nil {
		return err
	}
	return s.journal(tx, EntityRelease, old.ID, old.ID).updated(&old, &next)
}

// changedFields names the recorded fields in which a and b differ, "" when none.
func changedFields(a, b any) string {
	diff := changes(a, b)
	names := make([]string, len(diff))
	for i, h := range diff {
		names[i] = h.Field
	}
	return strings.Join(names, ", ")
}
