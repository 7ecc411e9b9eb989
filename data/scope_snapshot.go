package data

import (
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ScopeSnapshot is the scope a deleted release took with it: its work
// items, its re-plans and the dependencies from and to it, so that undoing
// the deletion brings them back exactly.
type ScopeSnapshot struct {
	WorkItems    []WorkItem
	Replans      []Replan
	Dependencies []Dependency
}

// snapshotScope reads into snap what deleting release id will remove
// (ON DELETE CASCADE takes it with the release).
func snapshotScope(tx *gorm.DB, id uint, snap *ScopeSnapshot) error {
	loads := []struct {
		dest  any
		query string
		args  []any
	}{
		{&snap.WorkItems, "release_id = ?", []any{id}},
		{&snap.Replans, "release_id = ?", []any{id}},
		{&snap.Dependencies, "release_id = ? OR requires_id = ?", []any{id, id}},
	}
	for _, l := range loads {
		if err := tx.Where(l.query, l.args...).Order("id").Find(l.dest).Error; err != nil {
			return err
		}
	}
	return nil
}

// restoreScope writes back what snapshotScope read, once the release is
// back. A dependency whose other release was deleted meanwhile stays gone:
// it has nothing left to point at.
func restoreScope(tx *gorm.DB, snap ScopeSnapshot) error {
	items := make([]WorkItem, len(snap.WorkItems))
	for i, it := range snap.WorkItems {
		it.Release = Release{}
		items[i] = it
	}
	replans := make([]Replan, len(snap.Replans))
	for i, rp := range snap.Replans {
		rp.Release = Release{}
		replans[i] = rp
	}
	var deps []Dependency
	for _, d := range snap.Dependencies {
		var n int64
		if err := tx.Model(&Release{}).Where("id IN ?", []uint{d.ReleaseID, d.RequiresID}).Count(&n).Error; err != nil {
			return err
		}
		if n == 2 {
			d.Release, d.Requires, d.Environment = Release{}, Release{}, Environment{}
			deps = append(deps, d)
		}
	}
	var err error
	if len(items) > 0 {
		err = tx.Omit(clause.Associations).CreateInBatches(items, 200).Error
	}
	if err == nil && len(replans) > 0 {
		err = tx.Omit(clause.Associations).CreateInBatches(replans, 200).Error
	}
	if err == nil && len(deps) > 0 {
		err = tx.Omit(clause.Associations).CreateInBatches(deps, 200).Error
	}
	return translate(err)
}
