package data

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Undo through the store: a screen keeps a Change for each thing the user
// did and hands it to Store.Undo, which takes it back as one change of its
// own, recorded in history as an undo. An edit is put back field by field,
// whatever the rules for moving forward (a release goes back to Planned);
// a creation is removed; a deletion is restored with the same ids. Undo
// refuses, changing nothing, when the record changed again since.

// ErrChangedSince means Undo found the record changed again after the
// change to take back; only the latest change of a record can be undone.
var ErrChangedSince = errors.New("only its latest change can be undone")

// UndoableRecord lists the records whose creation or edit Undo takes back.
type UndoableRecord interface {
	Release | Deployment | Rollback | ReleaseStakeholder | Stakeholder | ChecklistItem | TestRun | GoDecision |
		Review | ActionItem | Environment | FreezeWindow | WorkItem | Dependency
}

// Removal lists what the store's deletes return, which Undo puts back.
type Removal interface {
	ReleaseSnapshot | RemovedDeployment | ReleaseStakeholder | Stakeholder | ChecklistItem | TestRun |
		GoDecision | Review | ActionItem | Environment | FreezeWindow | []WorkItem | Dependency
}

// Change is one thing the store did, kept so Undo can take it back. Make
// one with Edited, Created, Deleted, DeploymentStep, Imported or Together.
type Change struct {
	entity        string
	id            uint
	before, after any // pointers to model values; before is nil for a creation
	removed       any // what a delete returned
	deployment    *DeploymentChange
	imported      *ImportRecord
	steps         []Change
}

// Entity names the kind of record the change is about (the Entity* names
// of history); "" for Together.
func (c Change) Entity() string { return c.entity }

// ID is the id of the record the change is about.
func (c Change) ID() uint { return c.id }

// Edited is the edit of a record from before to after (as the store saved
// it: read it back, or use EditOf). Undo puts before back.
func Edited[T UndoableRecord](before, after T) Change {
	entity, id := recordOf(&after)
	return Change{entity: entity, id: id, before: &before, after: &after}
}

// Created is the creation of a record, as the store saved it. Undo removes it.
func Created[T UndoableRecord](created T) Change {
	entity, id := recordOf(&created)
	return Change{entity: entity, id: id, after: &created}
}

// Deleted is a deletion, given what the store's delete returned (a
// ReleaseSnapshot, a RemovedDeployment, the checklist item...). Undo
// restores it with the same ids.
func Deleted[T Removal](removed T) Change {
	c := Change{removed: removed}
	switch r := any(removed).(type) {
	case ReleaseSnapshot:
		c.entity, c.id = EntityRelease, r.Release.ID
	case RemovedDeployment:
		c.entity, c.id = EntityDeployment, r.Deployment.ID
	case []WorkItem: // DeleteWorkItems removes several at once; the change names the first
		c.entity = EntityWorkItem
		if len(r) > 0 {
			c.id = r[0].ID
		}
	default:
		p := reflect.New(reflect.TypeOf(r))
		p.Elem().Set(reflect.ValueOf(r))
		c.entity, c.id = recordOf(p.Interface())
	}
	return c
}

// DeploymentStep is a start, outcome or rollback of a deployment, as
// StartDeploymentUndoable, RecordOutcomeUndoable or RollBackUndoable
// returned it. Undo is UndoDeploymentChange.
func DeploymentStep(c DeploymentChange) Change {
	return Change{entity: EntityDeployment, id: c.After.ID, deployment: &c}
}

// Imported is an import, as RecordImport recorded it. Undo is UndoImport.
func Imported(rec *ImportRecord) Change { return Change{imported: rec} }

// Together makes one step of several changes done at once (the default
// checklist added in one go, a person created and assigned): Undo takes
// them back in reverse order, creations and edits in one transaction.
func Together(changes ...Change) Change { return Change{steps: slices.Clone(changes)} }

// EditOf reads back the record before was edited into and returns the edit
// from before to it; call it right after the save.
func EditOf[T UndoableRecord](ctx context.Context, s *Store, before T) (Change, error) {
	entity, id := recordOf(&before)
	after := new(T)
	q := s.read(ctx)
	if entity == EntityFreezeWindow {
		q = q.Preload("Environments") // a window's environments are part of what Undo puts back
	}
	if err := q.First(after, id).Error; err != nil {
		return Change{}, notFound(err, entityLabel(entity), id)
	}
	return Edited(before, *after), nil
}

// undoingKey marks the context of an undo, so the journal records its rows as one.
type undoingKey struct{}

func undoing(ctx context.Context) bool {
	if ctx == nil {
		return false
	}
	v, _ := ctx.Value(undoingKey{}).(bool)
	return v
}

// Undo takes back c as one change, recorded in history with ActionUndo. It
// refuses with ErrChangedSince, changing nothing, when a record the change
// left behind has changed since; a deletion is refused when its record
// cannot come back (its release went, or its version was taken since).
func (s *Store) Undo(ctx context.Context, c Change) error {
	ctx = context.WithValue(ctx, undoingKey{}, true)
	switch {
	case c.deployment != nil:
		return s.UndoDeploymentChange(ctx, *c.deployment)
	case c.imported != nil:
		return s.UndoImport(ctx, c.imported)
	case c.removed != nil:
		return s.restoreRemoved(ctx, c.removed)
	case c.after != nil:
		return s.tx(ctx, func(tx *gorm.DB) error { return s.undoRecord(tx, c) })
	}
	steps := slices.Clone(c.steps)
	slices.Reverse(steps)
	if !slices.ContainsFunc(steps, func(st Change) bool { return st.after == nil }) {
		return s.tx(ctx, func(tx *gorm.DB) error {
			for _, st := range steps {
				if err := s.undoRecord(tx, st); err != nil {
					return err
				}
			}
			return nil
		})
	}
	for _, st := range steps {
		if err := s.Undo(ctx, st); err != nil {
			return err
		}
	}
	return nil
}

// restoreRemoved puts back what a delete returned, with the store's own restore.
func (s *Store) restoreRemoved(ctx context.Context, removed any) error {
	switch r := removed.(type) {
	case ReleaseSnapshot:
		return s.RestoreRelease(ctx, r)
	case RemovedDeployment:
		return s.RestoreDeployment(ctx, r)
	case ReleaseStakeholder:
		return s.RestoreAssignment(ctx, r)
	case Stakeholder:
		return s.RestoreStakeholder(ctx, r)
	case ChecklistItem:
		return s.RestoreChecklistItem(ctx, r)
	case TestRun:
		return s.RestoreTestRun(ctx, r)
	case GoDecision:
		return s.RestoreDecision(ctx, r)
	case Review:
		return s.RestoreReview(ctx, r)
	case ActionItem:
		return s.RestoreActionItem(ctx, r)
	case Environment:
		return s.RestoreEnvironment(ctx, r)
	case FreezeWindow:
		return s.RestoreFreezeWindow(ctx, r)
	case []WorkItem:
		return s.RestoreWorkItems(ctx, r)
	case Dependency:
		return s.RestoreDependency(ctx, r)
	}
	return fmt.Errorf("data: cannot undo the deletion of a %T", removed)
}

// undoRecord takes back the creation or edit c inside tx, once it made sure
// the record is still as c left it.
func (s *Store) undoRecord(tx *gorm.DB, c Change) error {
	label := entityLabel(c.entity)
	now := reflect.New(reflect.TypeOf(c.after).Elem()).Interface()
	if err := tx.First(now, c.id).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return fmt.Errorf("%s %d no longer exists: %w", label, c.id, ErrChangedSince)
		}
		return err
	}
	moved := changedFields(c.after, now)
	if fw, ok := c.after.(*FreezeWindow); ok && moved == "" {
		if same, err := sameFreezeEnvironments(tx, *fw); err != nil {
			return err
		} else if !same {
			moved = "Environments"
		}
	}
	if moved != "" {
		return fmt.Errorf("%s %d has changed since (%s): %w", label, c.id, moved, ErrChangedSince)
	}
	releaseID, err := releaseOf(tx, now)
	if err != nil {
		return err
	}
	j := s.journal(tx, c.entity, c.id, releaseID)
	if c.before == nil {
		if err := removeCreated(tx, now); err != nil {
			return err
		}
		return j.write(ActionDelete, values(now))
	}
	return s.putBack(tx, j, now, c.before)
}

// putBack writes before over the record now, field by field: the rules a
// value must meet still hold, the rules for moving forward (a release's
// lifecycle) do not, since this goes back.
func (s *Store) putBack(tx *gorm.DB, j *journal, now, before any) error {
	if v, ok := before.(interface{ validate() error }); ok {
		if err := v.validate(); err != nil {
			return err
		}
	}
	if env, ok := before.(*Environment); ok && env.Position != now.(*Environment).Position {
		// The path stays dense: the other environments make room.
		if err := s.moveEnvironment(tx, env.ID, env.Position-1); err != nil {
			return err
		}
		if err := tx.First(now, env.ID).Error; err != nil {
			return err
		}
	}
	for _, kept := range []string{"CreatedAt", "Revision"} {
		// The revision moves on from where the record is now, as at any save.
		if f := reflect.ValueOf(before).Elem().FieldByName(kept); f.IsValid() {
			f.Set(reflect.ValueOf(now).Elem().FieldByName(kept))
		}
	}
	if err := tx.Omit(clause.Associations).Save(before).Error; err != nil {
		return translate(err)
	}
	if fw, ok := before.(*FreezeWindow); ok {
		if err := tx.Model(fw).Association("Environments").Replace(fw.Environments); err != nil {
			return err
		}
	}
	return j.write(ActionUpdate, changes(now, before))
}

// removeCreated deletes a record Undo takes back with what hangs on it:
// what the database cascades, and what the store deletes by hand elsewhere.
func removeCreated(tx *gorm.DB, rec any) error {
	var err error
	switch r := rec.(type) {
	case *Review:
		err = tx.Where("review_id = ?", r.ID).Delete(&ActionItem{}).Error
	case *FreezeWindow:
		err = tx.Model(r).Association("Environments").Clear()
	case *Deployment:
		err = tx.Where("deployment_id = ?", r.ID).Delete(&Rollback{}).Error
	}
	if err != nil {
		return translate(err)
	}
	return translate(tx.Delete(rec).Error)
}

// sameFreezeEnvironments reports whether the stored window covers fw's environments.
func sameFreezeEnvironments(tx *gorm.DB, fw FreezeWindow) (bool, error) {
	var stored FreezeWindow
	if err := tx.Preload("Environments").First(&stored, fw.ID).Error; err != nil {
		return false, err
	}
	ids := func(es []Environment) []uint {
		out := make([]uint, len(es))
		for i, e := range es {
			out[i] = e.ID
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(ids(stored.Environments), ids(fw.Environments)), nil
}

// recordOf names the entity and id of a model value.
func recordOf(v any) (string, uint) {
	var entity string
	switch v.(type) {
	case *Release:
		entity = EntityRelease
	case *Deployment:
		entity = EntityDeployment
	case *Rollback:
		entity = EntityRollback
	case *ReleaseStakeholder:
		entity = EntityReleaseStakeholder
	case *Stakeholder:
		entity = EntityStakeholder
	case *ChecklistItem:
		entity = EntityChecklistItem
	case *TestRun:
		entity = EntityTestRun
	case *GoDecision:
		entity = EntityGoDecision
	case *Review:
		entity = EntityReview
	case *ActionItem:
		entity = EntityActionItem
	case *Environment:
		entity = EntityEnvironment
	case *FreezeWindow:
		entity = EntityFreezeWindow
	case *WorkItem:
		entity = EntityWorkItem
	case *Dependency:
		entity = EntityDependency
	}
	return entity, uint(reflect.ValueOf(v).Elem().FieldByName("ID").Uint())
}

// releaseOf is the release a record belongs to, for its history; 0 for none.
func releaseOf(tx *gorm.DB, rec any) (uint, error) {
	switch r := rec.(type) {
	case *Release:
		return r.ID, nil
	case *ActionItem:
		var rv Review
		err := tx.Select("release_id").First(&rv, r.ReviewID).Error
		return rv.ReleaseID, err
	case *Rollback:
		var d Deployment
		err := tx.Select("release_id").First(&d, r.DeploymentID).Error
		return d.ReleaseID, err
	}
	if f := reflect.ValueOf(rec).Elem().FieldByName("ReleaseID"); f.IsValid() {
		return uint(f.Uint()), nil
	}
	return 0, nil
}

// entityLabel names an entity in a message: "checklist item".
func entityLabel(entity string) string {
	switch entity {
	case EntityReleaseStakeholder:
		return "sign-off"
	case EntityGoDecision:
		return "go/no-go decision"
	}
	b := []byte(entity)
	for i, c := range b {
		if c == '_' {
			b[i] = ' '
		}
	}
	return string(b)
}
