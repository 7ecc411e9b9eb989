package data

import (
	"context"
	"errors"
	"strings"

	"gorm.io/gorm"
)

// Environments lists the promotion path in order (Dev first, Production last).
func (s *Store) Environments(ctx context.Context) ([]Environment, error) {
	// Scanned by hand: the rules read the path several times per screen, and
	// a big company's hundreds of environments cost milliseconds through GORM.
	rows, err := s.read(ctx).Table("environments").
		Select("id, name, kind, position, COALESCE(description, ''), created_at, updated_at").Order("position, id").Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Environment
	for rows.Next() {
		var e Environment
		if err := rows.Scan(&e.ID, &e.Name, &e.Kind, &e.Position, &e.Description, &e.CreatedAt, &e.UpdatedAt); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// SaveEnvironment creates e (ID 0, appended to the end of the path unless it
// has a position) or updates it; names are unique.
func (s *Store) SaveEnvironment(ctx context.Context, e *Environment) error {
	var p problems
	e.Name = strings.TrimSpace(e.Name)
	p.required("Name", e.Name)
	if !e.Kind.Valid() {
		p.add("Kind", "must be development, test, UAT, staging or production")
	}
	p.limits(e)
	if err := p.err(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		var clash Environment
		err := tx.Where("LOWER(name) = ? AND id <> ?", strings.ToLower(e.Name), e.ID).Take(&clash).Error
		if err == nil {
			return fieldError("Name", "an environment named %s already exists", clash.Name)
		} else if !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		if e.ID == 0 {
			if e.Position == 0 {
				var last struct{ Max int }
				if err := tx.Model(&Environment{}).Select("COALESCE(MAX(position), 0) AS max").Scan(&last).Error; err != nil {
					return err
				}
				e.Position = last.Max + 1
			}
			if err := tx.Create(e).Error; err != nil {
				return translate(err)
			}
			return s.journal(tx, EntityEnvironment, e.ID, 0).created(e)
		}
		if err := s.requireRevision(tx, EntityEnvironment, e.ID, e.Revision); err != nil {
			return err
		}
		var old Environment
		if err := tx.First(&old, e.ID).Error; err != nil {
			return notFound(err, "environment", e.ID)
		}
		e.CreatedAt = old.CreatedAt
		if unchanged(&old, e) {
			return nil // nothing to save: the revision stays, and nobody is told of a change
		}
		if err := tx.Save(e).Error; err != nil {
			return translate(err)
		}
		if err := s.journal(tx, EntityEnvironment, e.ID, 0).updated(&old, e); err != nil {
			return err
		}
		return s.readRevision(tx, EntityEnvironment, e.ID, &e.Revision)
	})
}

// MoveEnvironment puts environment id at index to (0-based) of the promotion
// path and renumbers the others to keep the order dense.
func (s *Store) MoveEnvironment(ctx context.Context, id uint, to int) error {
	return s.tx(ctx, func(tx *gorm.DB) error { return s.moveEnvironment(tx, id, to) })
}

// moveEnvironment is MoveEnvironment inside tx.
func (s *Store) moveEnvironment(tx *gorm.DB, id uint, to int) error {
	var envs []Environment
	if err := tx.Order("position, id").Find(&envs).Error; err != nil {
		return err
	}
	from := -1
	for i, e := range envs {
		if e.ID == id {
			from = i
		}
	}
	if from < 0 {
		return notFound(gorm.ErrRecordNotFound, "environment", id)
	}
	to = max(0, min(to, len(envs)-1))
	moved := envs[from]
	envs = append(envs[:from], envs[from+1:]...)
	envs = append(envs[:to], append([]Environment{moved}, envs[to:]...)...)
	for i, e := range envs {
		if e.Position == i+1 {
			continue
		}
		old := e
		e.Position = i + 1
		if err := tx.Model(&Environment{ID: e.ID}).Update("position", e.Position).Error; err != nil {
			return err
		}
		if err := s.journal(tx, EntityEnvironment, e.ID, 0).updated(&old, &e); err != nil {
			return err
		}
	}
	return nil
}

// DeleteEnvironment removes an environment nothing was ever deployed or tested
// on and that no freeze window depends on alone.
func (s *Store) DeleteEnvironment(ctx context.Context, id uint) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var e Environment
		if err := tx.First(&e, id).Error; err != nil {
			return notFound(err, "environment", id)
		}
		var deployments, runs int64
		if err := tx.Model(&Deployment{}).Where("environment_id = ?", id).Count(&deployments).Error; err != nil {
			return err
		}
		if err := tx.Model(&TestRun{}).Where("environment_id = ?", id).Count(&runs).Error; err != nil {
			return err
		}
		if deployments > 0 || runs > 0 {
			return fieldError("Name", "%s has %s and %s and cannot be removed", e.Name, countOf(int(deployments), "deployment"), countOf(int(runs), "test run"))
		}
		// A freeze window limited to this environment alone would silently cover nothing.
		var windows []FreezeWindow
		if err := tx.Preload("Environments").Where("all_environments = ?", false).Find(&windows).Error; err != nil {
			return err
		}
		for _, w := range windows {
			if len(w.Environments) == 1 && w.Environments[0].ID == id {
				return fieldError("Name", "freeze window %q covers only %s; change or delete it first", w.Name, e.Name)
			}
		}
		if err := tx.Delete(&e).Error; err != nil {
			return translate(err)
		}
		return s.journal(tx, EntityEnvironment, id, 0).deleted(&e)
	})
}
