package data

import (
	"context"
	"errors"
	"slices"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Dependencies lists what release id requires and what requires it, each
// with both releases (and their products) and the environment.
func (s *Store) Dependencies(ctx context.Context, releaseID uint) (requires, requiredBy []Dependency, err error) {
	var all []Dependency
	err = s.read(ctx).Preload("Release.Product").Preload("Requires.Product").Preload("Environment").
		Where("release_id = ? OR requires_id = ?", releaseID, releaseID).Order("id").Find(&all).Error
	if err != nil {
		return nil, nil, err
	}
	for _, d := range all {
		if d.ReleaseID == releaseID {
			requires = append(requires, d)
		} else {
			requiredBy = append(requiredBy, d)
		}
	}
	return requires, requiredBy, nil
}

// DependenciesAmong lists the dependencies with either end among ids, for
// drawing them between releases; associations are not loaded.
func (s *Store) DependenciesAmong(ctx context.Context, ids []uint) ([]Dependency, error) {
	seen := map[uint]bool{}
	var out []Dependency
	for chunk := range slices.Chunk(ids, inChunk) {
		var part []Dependency
		if err := s.read(ctx).Where("release_id IN ? OR requires_id IN ?", chunk, chunk).Find(&part).Error; err != nil {
			return nil, err
		}
		for _, d := range part {
			if !seen[d.ID] {
				seen[d.ID] = true
				out = append(out, d)
			}
		}
	}
	slices.SortFunc(out, func(a, b Dependency) int { return int(a.ID) - int(b.ID) })
	return out, nil
}

// ProductionEnvironment is where a dependency points when no environment is
// chosen: the first production environment of the promotion path.
func (s *Store) ProductionEnvironment(ctx context.Context) (Environment, error) {
	return productionEnvironment(s.read(ctx))
}

func productionEnvironment(db *gorm.DB) (Environment, error) {
	var e Environment
	err := db.Where("kind = ?", KindProduction).Order("position, id").Take(&e).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return e, fieldError("Environment", "there is no production environment; choose the environment the release is needed on")
	}
	return e, err
}

// SaveDependency creates d (ID 0) or updates it, with its history. With no
// environment, d points at the Production its release goes to. A release
// cannot require itself, the same release twice on one environment, or
// anything that requires it in turn: a cycle is refused with a message
// that walks round it.
func (s *Store) SaveDependency(ctx context.Context, d *Dependency) error {
	var p problems
	d.Note = strings.TrimSpace(d.Note)
	if d.ReleaseID == 0 {
		p.add("Release", "is required")
	}
	switch {
	case d.RequiresID == 0:
		p.add("Requires", "is required")
	case d.RequiresID == d.ReleaseID:
		p.add("Requires", "a release cannot require itself")
	}
	p.limits(d)
	if err := p.err(); err != nil {
		return err
	}
	created := d.ID == 0
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if d.EnvironmentID == 0 {
			prod, err := productionEnvironment(tx.Where(openToRelease, d.ReleaseID))
			if err != nil {
				return err
			}
			d.EnvironmentID = prod.ID
		}
		for _, ref := range []struct {
			model any
			id    uint
			field string
		}{{&Release{}, d.ReleaseID, "Release"}, {&Release{}, d.RequiresID, "Requires"}, {&Environment{}, d.EnvironmentID, "Environment"}} {
			if err := requireRow(tx, ref.model, ref.id, ref.field); err != nil {
				return err
			}
		}
		var clash Dependency
		err := tx.Where("release_id = ? AND requires_id = ? AND environment_id = ? AND id <> ?",
			d.ReleaseID, d.RequiresID, d.EnvironmentID, d.ID).Take(&clash).Error
		if err == nil {
			return fieldError("Requires", "this release already requires it on that environment")
		} else if !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		if err := s.refuseCycle(tx, d); err != nil {
			return err
		}
		d.Release, d.Requires, d.Environment = Release{}, Release{}, Environment{}
		if created {
			if err := tx.Omit(clause.Associations).Create(d).Error; err != nil {
				return translate(err)
			}
			return s.journal(tx, EntityDependency, d.ID, d.ReleaseID).created(d)
		}
		if err := s.requireRevision(tx, EntityDependency, d.ID, d.Revision); err != nil {
			return err
		}
		var old Dependency
		if err := tx.First(&old, d.ID).Error; err != nil {
			return notFound(err, "dependency", d.ID)
		}
		if old.ReleaseID != d.ReleaseID {
			return fieldError("Release", "cannot change; add the dependency to the other release instead")
		}
		d.CreatedAt = old.CreatedAt
		if unchanged(&old, d) {
			return nil // nothing to save: the revision stays, and nobody is told of a change
		}
		if err := tx.Omit(clause.Associations).Save(d).Error; err != nil {
			return translate(err)
		}
		if err := s.journal(tx, EntityDependency, d.ID, d.ReleaseID).updated(&old, d); err != nil {
			return err
		}
		return s.readRevision(tx, EntityDependency, d.ID, &d.Revision)
	})
	if err != nil && created {
		d.ID = 0
	}
	return err
}

// refuseCycle follows what d's required release requires, level by level;
// reaching d's own release means d would close a cycle.
func (s *Store) refuseCycle(tx *gorm.DB, d *Dependency) error {
	via := map[uint]uint{d.RequiresID: d.ReleaseID} // release -> the release that requires it on the path
	frontier := []uint{d.RequiresID}
	for len(frontier) > 0 {
		var next []uint
		for chunk := range slices.Chunk(frontier, inChunk) {
			var edges []struct{ ReleaseID, RequiresID uint }
			if err := tx.Model(&Dependency{}).Select("release_id, requires_id").
				Where("release_id IN ? AND id <> ?", chunk, d.ID).Order("id").Scan(&edges).Error; err != nil {
				return err
			}
			for _, e := range edges {
				if _, seen := via[e.RequiresID]; seen && e.RequiresID != d.ReleaseID {
					continue
				}
				via[e.RequiresID] = e.ReleaseID
				if e.RequiresID == d.ReleaseID {
					return s.cycleError(tx, d, via)
				}
				next = append(next, e.RequiresID)
			}
		}
		frontier = next
	}
	return nil
}

// cycleError names the releases round the cycle d would close, starting and
// ending with d's release.
func (s *Store) cycleError(tx *gorm.DB, d *Dependency, via map[uint]uint) error {
	path := []uint{d.ReleaseID}
	for at := via[d.ReleaseID]; at != d.ReleaseID && len(path) <= len(via); at = via[at] {
		path = append(path, at)
	}
	path = append(path, d.ReleaseID)
	slices.Reverse(path) // walked back from the end: turn it round
	names, err := (&Store{db: tx, Now: s.Now}).releaseNames(tx.Statement.Context, slices.Clone(path))
	if err != nil {
		return err
	}
	shown := make([]string, len(path))
	for i, id := range path {
		shown[i] = names[id]
	}
	return fieldError("Requires", "would make a cycle: %s (each requires the next)", strings.Join(shown, " → "))
}

// DeleteDependency removes a dependency and returns it for RestoreDependency.
func (s *Store) DeleteDependency(ctx context.Context, id uint) (Dependency, error) {
	var d Dependency
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.First(&d, id).Error; err != nil {
			return notFound(err, "dependency", id)
		}
		if err := tx.Delete(&Dependency{}, id).Error; err != nil {
			return translate(err)
		}
		return s.journal(tx, EntityDependency, id, d.ReleaseID).deleted(&d)
	})
	if err != nil {
		return Dependency{}, err
	}
	return d, nil
}

// RestoreDependency puts back a dependency removed by DeleteDependency, with
// the same id; a cycle made meanwhile is refused as on save.
func (s *Store) RestoreDependency(ctx context.Context, d Dependency) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := s.refuseCycle(tx, &d); err != nil {
			return err
		}
		d.Release, d.Requires, d.Environment = Release{}, Release{}, Environment{}
		if err := tx.Omit(clause.Associations).Create(&d).Error; err != nil {
			return translate(err)
		}
		return s.journal(tx, EntityDependency, d.ID, d.ReleaseID).created(&d)
	})
}
