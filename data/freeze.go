package data

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// FreezeWindows lists the freeze windows overlapping [from, to) with their
// environments (in promotion order), by start; a zero bound is open.
func (s *Store) FreezeWindows(ctx context.Context, from, to time.Time) ([]FreezeWindow, error) {
	q := s.read(ctx).Preload("Environments", func(db *gorm.DB) *gorm.DB { return db.Order("position, id") })
	if !from.IsZero() {
		q = q.Where(`"end" > ?`, from.UTC())
	}
	if !to.IsZero() {
		q = q.Where(`start < ?`, to.UTC())
	}
	var out []FreezeWindow
	err := q.Order("start, id").Find(&out).Error
	return out, err
}

// FreezeWindow returns one freeze window with its environments.
func (s *Store) FreezeWindow(ctx context.Context, id uint) (FreezeWindow, error) {
	var fw FreezeWindow
	err := s.read(ctx).Preload("Environments", func(db *gorm.DB) *gorm.DB { return db.Order("position, id") }).First(&fw, id).Error
	return fw, notFound(err, "freeze window", id)
}

// validate checks a freeze window on its own; its environments need the store.
func (fw *FreezeWindow) validate() error {
	var p problems
	fw.Name, fw.Reason = strings.TrimSpace(fw.Name), strings.TrimSpace(fw.Reason)
	fw.Start, fw.End = fw.Start.UTC(), fw.End.UTC()
	p.required("Name", fw.Name)
	if fw.Start.IsZero() {
		p.add("Start", "is required")
	}
	if fw.End.IsZero() {
		p.add("End", "is required")
	} else if !fw.End.After(fw.Start) {
		p.add("End", "must be after the start")
	}
	if !fw.AllEnvironments && len(fw.Environments) == 0 {
		p.add("Environments", "choose at least one environment, or all of them")
	}
	p.limits(fw)
	return p.err()
}

// SaveFreezeWindow creates fw (ID 0) or updates it, replacing its set of
// environments. A window covering all environments keeps no list.
func (s *Store) SaveFreezeWindow(ctx context.Context, fw *FreezeWindow) error {
	if err := fw.validate(); err != nil {
		return err
	}
	if fw.AllEnvironments {
		fw.Environments = nil
	}
	created := fw.ID == 0
	err := s.tx(ctx, func(tx *gorm.DB) error {
		envs, err := freezeEnvironments(tx, fw.Environments)
		if err != nil {
			return err
		}
		fw.Environments = envs
		if created {
			if err := tx.Omit("Environments.*").Create(fw).Error; err != nil {
				return translate(err)
			}
			return s.journalFreeze(tx, nil, fw)
		}
		if err := s.requireRevision(tx, EntityFreezeWindow, fw.ID, fw.Revision); err != nil {
			return err
		}
		var old FreezeWindow
		if err := tx.Preload("Environments").First(&old, fw.ID).Error; err != nil {
			return notFound(err, "freeze window", fw.ID)
		}
		fw.CreatedAt = old.CreatedAt
		if err := tx.Omit("Environments").Save(fw).Error; err != nil {
			return translate(err)
		}
		if err := tx.Model(fw).Omit("Environments.*").Association("Environments").Replace(envs); err != nil {
			return err
		}
		fw.Environments = envs
		if err := s.journalFreeze(tx, &old, fw); err != nil {
			return err
		}
		return s.readRevision(tx, EntityFreezeWindow, fw.ID, &fw.Revision)
	})
	if err != nil && created {
		fw.ID = 0
	}
	return err
}

// freezeEnvironments loads the chosen environments, refusing any that do not exist.
func freezeEnvironments(tx *gorm.DB, chosen []Environment) ([]Environment, error) {
	if len(chosen) == 0 {
		return nil, nil
	}
	ids := make([]uint, 0, len(chosen))
	for _, e := range chosen {
		if !slices.Contains(ids, e.ID) {
			ids = append(ids, e.ID)
		}
	}
	var envs []Environment
	if err := tx.Where("id IN ?", ids).Order("position, id").Find(&envs).Error; err != nil {
		return nil, err
	}
	if len(envs) != len(ids) {
		return nil, fieldError("Environments", "a chosen environment no longer exists")
	}
	return envs, nil
}

// journalFreeze records a created (old nil) or updated window, its
// environment set as one more row since history skips associations.
func (s *Store) journalFreeze(tx *gorm.DB, old, fw *FreezeWindow) error {
	j := s.journal(tx, EntityFreezeWindow, fw.ID, 0)
	action := ActionUpdate
	if old == nil {
		if err := j.created(fw); err != nil {
			return err
		}
		action, old = ActionCreate, &FreezeWindow{}
	} else if err := j.updated(old, fw); err != nil {
		return err
	}
	if rows := envChange(old.Environments, fw.Environments); len(rows) > 0 {
		return j.write(action, rows)
	}
	return nil
}

// envChange records a changed environment set as one history row; none when equal.
func envChange(old, new []Environment) []History {
	names := func(envs []Environment) string {
		out := make([]string, len(envs))
		for i, e := range envs {
			out[i] = e.Name
		}
		return strings.Join(out, ", ")
	}
	a, b := names(old), names(new)
	if a == b {
		return nil
	}
	return []History{{Field: "Environments", OldValue: a, NewValue: b}}
}

// DeleteFreezeWindow removes a window and returns it (environments loaded)
// for RestoreFreezeWindow.
func (s *Store) DeleteFreezeWindow(ctx context.Context, id uint) (FreezeWindow, error) {
	var fw FreezeWindow
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Preload("Environments").First(&fw, id).Error; err != nil {
			return notFound(err, "freeze window", id)
		}
		envs := slices.Clone(fw.Environments)
		if err := tx.Model(&fw).Association("Environments").Clear(); err != nil {
			return err
		}
		fw.Environments = envs // Clear empties the loaded list too; the caller needs it for undo
		if err := tx.Delete(&FreezeWindow{}, id).Error; err != nil {
			return translate(err)
		}
		return s.journal(tx, EntityFreezeWindow, id, 0).deleted(&fw)
	})
	if err != nil {
		return FreezeWindow{}, err
	}
	return fw, nil
}

// RestoreFreezeWindow puts back a window removed by DeleteFreezeWindow, with
// the same id and those of its environments that still exist.
func (s *Store) RestoreFreezeWindow(ctx context.Context, fw FreezeWindow) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		ids := make([]uint, len(fw.Environments))
		for i, e := range fw.Environments {
			ids[i] = e.ID
		}
		var envs []Environment
		if len(ids) > 0 {
			if err := tx.Where("id IN ?", ids).Order("position, id").Find(&envs).Error; err != nil {
				return err
			}
			if len(envs) == 0 && !fw.AllEnvironments {
				return fieldError("Environments", "none of the window's environments exist any more")
			}
		}
		fw.Environments = envs
		if err := tx.Omit("Environments.*").Create(&fw).Error; err != nil {
			return translate(err)
		}
		return s.journalFreeze(tx, nil, &fw)
	})
}
