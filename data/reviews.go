package data

import (
	"context"
	"errors"
	"slices"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Review returns a release's post-release review with its action items by
// due day (undated last); ErrNotFound when the release has none yet.
func (s *Store) Review(ctx context.Context, releaseID uint) (Review, error) {
	var rv Review
	err := s.read(ctx).Preload("Actions").Where("release_id = ?", releaseID).Take(&rv).Error
	if err != nil {
		return Review{}, notFound(err, "review of release", releaseID)
	}
	sortActions(rv.Actions)
	return rv, nil
}

func sortActions(items []ActionItem) {
	slices.SortStableFunc(items, func(a, b ActionItem) int {
		if c := compareDatesLast(a.Due, b.Due); c != 0 {
			return c
		}
		return int(a.ID) - int(b.ID)
	})
}

// SaveReview creates a release's review (ID 0; one per release) or updates
// it. Its action items are saved with SaveActionItem.
func (s *Store) SaveReview(ctx context.Context, rv *Review) error {
	var p problems
	rv.Facilitator = strings.TrimSpace(rv.Facilitator)
	if rv.ReleaseID == 0 {
		p.add("Release", "is required")
	}
	if rv.HeldOn.IsZero() {
		p.add("HeldOn", "is required")
	}
	if !rv.Verdict.Valid() {
		p.add("Verdict", "must be successful, successful with issues or unsuccessful")
	}
	if !rv.ObjectivesMet.Valid() {
		p.add("ObjectivesMet", "must be yes, partly or no")
	}
	p.limits(rv)
	if err := p.err(); err != nil {
		return err
	}
	created := rv.ID == 0
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := requireRow(tx, &Release{}, rv.ReleaseID, "Release"); err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&Review{}).Where("release_id = ? AND id <> ?", rv.ReleaseID, rv.ID).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return fieldError("Release", "already has a review; edit that one")
		}
		rv.Release = Release{}
		if created {
			if err := tx.Omit(clause.Associations).Create(rv).Error; err != nil {
				return translate(err)
			}
			return s.journal(tx, EntityReview, rv.ID, rv.ReleaseID).created(rv)
		}
		if err := s.requireRevision(tx, EntityReview, rv.ID, rv.Revision); err != nil {
			return err
		}
		var old Review
		if err := tx.First(&old, rv.ID).Error; err != nil {
			return notFound(err, "review", rv.ID)
		}
		if old.ReleaseID != rv.ReleaseID {
			return fieldError("Release", "cannot change; a review belongs to its release")
		}
		rv.CreatedAt = old.CreatedAt
		if unchanged(&old, rv) {
			return nil // nothing to save: the revision stays, and nobody is told of a change
		}
		if err := tx.Omit(clause.Associations).Save(rv).Error; err != nil {
			return translate(err)
		}
		if err := s.journal(tx, EntityReview, rv.ID, rv.ReleaseID).updated(&old, rv); err != nil {
			return err
		}
		return s.readRevision(tx, EntityReview, rv.ID, &rv.Revision)
	})
	if err != nil && created {
		rv.ID = 0
	}
	return err
}

// DeleteReview removes a review with its action items (they belong to it and
// go with it) and returns them, ids and all, for RestoreReview.
func (s *Store) DeleteReview(ctx context.Context, id uint) (Review, error) {
	var rv Review
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Preload("Actions", func(db *gorm.DB) *gorm.DB { return db.Order("id") }).First(&rv, id).Error; err != nil {
			return notFound(err, "review", id)
		}
		for i := range rv.Actions {
			a := &rv.Actions[i]
			if err := s.journal(tx, EntityActionItem, a.ID, rv.ReleaseID).deleted(a); err != nil {
				return err
			}
		}
		// Deleted here rather than left to ON DELETE CASCADE, so no backend can keep orphans.
		if err := tx.Where("review_id = ?", id).Delete(&ActionItem{}).Error; err != nil {
			return translate(err)
		}
		if err := tx.Delete(&Review{}, id).Error; err != nil {
			return translate(err)
		}
		return s.journal(tx, EntityReview, id, rv.ReleaseID).deleted(&rv)
	})
	if err != nil {
		return Review{}, err
	}
	sortActions(rv.Actions)
	return rv, nil
}

// RestoreReview puts back a review removed by DeleteReview with its action
// items, keeping their ids. It refuses when the release has gone or has
// another review by now.
func (s *Store) RestoreReview(ctx context.Context, rv Review) error {
	if rv.ID == 0 {
		return fieldError("Review", "is missing: only a deleted review can be restored")
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := requireRow(tx, &Release{}, rv.ReleaseID, "Release"); err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&Review{}).Where("release_id = ?", rv.ReleaseID).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return fieldError("Release", "already has a review again; edit that one")
		}
		actions := rv.Actions
		rv.Release, rv.Actions = Release{}, nil
		if err := tx.Omit(clause.Associations).Create(&rv).Error; err != nil {
			return translate(err)
		}
		if err := s.journal(tx, EntityReview, rv.ID, rv.ReleaseID).created(&rv); err != nil {
			return err
		}
		for _, a := range actions {
			if a.ReviewID != rv.ID {
				return fieldError("Actions", "hold an item of another review")
			}
			if err := tx.Create(&a).Error; err != nil {
				return translate(err)
			}
			if err := s.journal(tx, EntityActionItem, a.ID, rv.ReleaseID).created(&a); err != nil {
				return err
			}
		}
		return nil
	})
}

// reviewRelease returns the release a review belongs to, for history.
func reviewRelease(tx *gorm.DB, reviewID uint) (uint, error) {
	var rv Review
	err := tx.Select("id", "release_id").Take(&rv, reviewID).Error
	return rv.ReleaseID, err
}

// SaveActionItem creates a review's action item (ID 0) or updates it; the
// status starts open.
func (s *Store) SaveActionItem(ctx context.Context, a *ActionItem) error {
	var p problems
	a.Title, a.Owner = strings.TrimSpace(a.Title), strings.TrimSpace(a.Owner)
	if a.Status == "" {
		a.Status = ActionOpen
	}
	if a.ReviewID == 0 {
		p.add("Review", "is required")
	}
	p.required("Title", a.Title)
	if !a.Status.Valid() {
		p.add("Status", "must be open, done or dropped")
	}
	p.limits(a)
	if err := p.err(); err != nil {
		return err
	}
	created := a.ID == 0
	err := s.tx(ctx, func(tx *gorm.DB) error {
		releaseID, err := reviewRelease(tx, a.ReviewID)
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return fieldError("Review", "does not exist")
		} else if err != nil {
			return err
		}
		if created {
			if err := tx.Create(a).Error; err != nil {
				return translate(err)
			}
			return s.journal(tx, EntityActionItem, a.ID, releaseID).created(a)
		}
		if err := s.requireRevision(tx, EntityActionItem, a.ID, a.Revision); err != nil {
			return err
		}
		var old ActionItem
		if err := tx.First(&old, a.ID).Error; err != nil {
			return notFound(err, "action item", a.ID)
		}
		if old.ReviewID != a.ReviewID {
			return fieldError("Review", "cannot change; add the action to the other review instead")
		}
		a.CreatedAt = old.CreatedAt
		if unchanged(&old, a) {
			return nil // nothing to save: the revision stays, and nobody is told of a change
		}
		if err := tx.Save(a).Error; err != nil {
			return translate(err)
		}
		if err := s.journal(tx, EntityActionItem, a.ID, releaseID).updated(&old, a); err != nil {
			return err
		}
		return s.readRevision(tx, EntityActionItem, a.ID, &a.Revision)
	})
	if err != nil && created {
		a.ID = 0
	}
	return err
}

// DeleteActionItem removes an action item and returns it for RestoreActionItem.
func (s *Store) DeleteActionItem(ctx context.Context, id uint) (ActionItem, error) {
	var a ActionItem
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.First(&a, id).Error; err != nil {
			return notFound(err, "action item", id)
		}
		releaseID, err := reviewRelease(tx, a.ReviewID)
		if err != nil {
			return err
		}
		if err := tx.Delete(&ActionItem{}, id).Error; err != nil {
			return translate(err)
		}
		return s.journal(tx, EntityActionItem, id, releaseID).deleted(&a)
	})
	if err != nil {
		return ActionItem{}, err
	}
	return a, nil
}

// RestoreActionItem puts back an item removed by DeleteActionItem, with the same id.
func (s *Store) RestoreActionItem(ctx context.Context, a ActionItem) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		releaseID, err := reviewRelease(tx, a.ReviewID)
		if err != nil {
			return notFound(err, "review", a.ReviewID)
		}
		if err := tx.Create(&a).Error; err != nil {
			return translate(err)
		}
		return s.journal(tx, EntityActionItem, a.ID, releaseID).created(&a)
	})
}

// OpenActionItems lists every open action item of every review, by due day
// (undated last).
func (s *Store) OpenActionItems(ctx context.Context) ([]ActionItem, error) {
	var out []ActionItem
	if err := s.read(ctx).Where("status = ?", ActionOpen).Find(&out).Error; err != nil {
		return nil, err
	}
	sortActions(out)
	return out, nil
}
