package data

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// An import is undone as one step. RecordImport gives the import a context
// under which the journal, which every change of the store passes through,
// notes what the import writes: the products, releases and work items it
// creates, and the work items it updates or moves with their values before.
// UndoImport then takes exactly that back in one transaction with history,
// refusing, with nothing changed, when any of it was changed since.

// importRecordKey marks the context of an import whose changes are noted.
type importRecordKey struct{}

// ImportRecord is what one import wrote, noted while it ran under the
// context RecordImport returned; UndoImport takes it back. It describes a
// completed import only: after a failed one, throw it away.
type ImportRecord struct {
	// created holds the ids of the records the import created, by entity.
	created map[string][]uint
	// before holds each work item the import updated or moved as it was
	// first; updated lists their ids in the order the import reached them.
	before  map[uint]WorkItem
	updated []uint
	// madeItems are the work items the import created, whose later updates
	// in the same import are part of their creation.
	madeItems map[uint]bool
	// other names a change an import undo cannot take back, such as a deletion.
	other string
	// lastHistory is the newest history row the import wrote: anything
	// newer about its records is a change made since.
	lastHistory uint
}

// RecordImport returns a context for an import (ImportPlan, ImportJira,
// ImportJiraVersions) under which the store notes what the import writes
// into the returned record, for UndoImport.
func RecordImport(ctx context.Context) (context.Context, *ImportRecord) {
	rec := &ImportRecord{created: map[string][]uint{}, before: map[uint]WorkItem{}, madeItems: map[uint]bool{}}
	return context.WithValue(ctx, importRecordKey{}, rec), rec
}

// importRecordOf is the record of the import running under ctx, or nil.
func importRecordOf(ctx context.Context) *ImportRecord {
	if ctx == nil {
		return nil
	}
	rec, _ := ctx.Value(importRecordKey{}).(*ImportRecord)
	return rec
}

// Empty reports whether the import changed nothing, as a re-import of an
// export whose items are all unchanged does.
func (r *ImportRecord) Empty() bool {
	return r == nil || (len(r.created) == 0 && len(r.updated) == 0 && r.other == "")
}

// Created counts the records of entity (EntityProduct, EntityRelease,
// EntityWorkItem) that the import created.
func (r *ImportRecord) Created(entity string) int { return len(r.created[entity]) }

// Updated counts the work items the import updated or moved.
func (r *ImportRecord) Updated() int { return len(r.updated) }

// noteChange is the journal's note of one change for the import running
// under ctx, if any; old is the record before an update.
func noteChange(ctx context.Context, entity string, id uint, action string, old any) {
	r := importRecordOf(ctx)
	if r == nil {
		return
	}
	switch {
	case action == ActionCreate && (entity == EntityProduct || entity == EntityRelease || entity == EntityWorkItem):
		r.created[entity] = append(r.created[entity], id)
		if entity == EntityWorkItem {
			r.madeItems[id] = true // a later update of it is part of its creation
		}
	case action == ActionUpdate && entity == EntityWorkItem:
		it, ok := old.(*WorkItem)
		if _, seen := r.before[id]; ok && !seen && !r.madeItems[id] {
			r.before[id] = *it
			r.updated = append(r.updated, id)
		}
	case r.other == "":
		r.other = action + "s a " + entityLabel(entity)
	}
}

// noteHistory is the journal's note of the history rows it wrote for the
// import running under ctx, if any.
func noteHistory(ctx context.Context, rows []History) {
	r := importRecordOf(ctx)
	if r == nil {
		return
	}
	for _, h := range rows {
		r.lastHistory = max(r.lastHistory, h.ID)
	}
}

// UndoImport takes back the import rec describes, in one transaction
// recorded in history as an undo: the work items it updated or moved get
// their values (and release) back, and the work items, releases and
// products it created are removed. It refuses with ErrChangedSince,
// changing nothing, when any of them changed after the import (a release
// it created got a deployment, say, or another release now requires it),
// since undoing would lose that work.
func (s *Store) UndoImport(ctx context.Context, rec *ImportRecord) error {
	if rec.Empty() {
		return nil
	}
	if rec.other != "" {
		return fmt.Errorf("the import %s, which undo cannot take back", rec.other)
	}
	ctx = context.WithValue(ctx, undoingKey{}, true)
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := s.importUnchanged(tx, rec); err != nil {
			return err
		}
		for _, id := range rec.updated {
			if err := s.putBackImported(tx, rec.before[id]); err != nil {
				return err
			}
		}
		at := s.Now().UTC()
		if err := removeImported[WorkItem](tx, EntityWorkItem, rec.created[EntityWorkItem], at,
			func(w *WorkItem) uint { return w.ReleaseID }); err != nil {
			return err
		}
		if err := removeImported[Release](tx, EntityRelease, rec.created[EntityRelease], at,
			func(r *Release) uint { return r.ID }); err != nil {
			return err
		}
		if err := s.productsLeftEmpty(tx, rec.created[EntityProduct]); err != nil {
			return err
		}
		return removeImported[Product](tx, EntityProduct, rec.created[EntityProduct], at, func(*Product) uint { return 0 })
	})
}

// importUnchanged refuses the undo when a record the import wrote has a
// history row newer than the import's, or another release requires a
// release the import created.
func (s *Store) importUnchanged(tx *gorm.DB, rec *ImportRecord) error {
	items := append(slices.Clone(rec.created[EntityWorkItem]), rec.updated...)
	checks := []struct {
		ids   []uint
		where string
	}{
		{rec.created[EntityRelease], "release_id IN ?"},
		{items, "entity = '" + EntityWorkItem + "' AND entity_id IN ?"},
		{rec.created[EntityProduct], "entity = '" + EntityProduct + "' AND entity_id IN ?"},
	}
	for _, c := range checks {
		for chunk := range slices.Chunk(c.ids, inChunk) {
			var later []History
			if err := tx.Where("id > ?", rec.lastHistory).Where(c.where, chunk).Order("id").Limit(1).Find(&later).Error; err != nil {
				return err
			}
			if len(later) > 0 {
				return s.changedSinceImport(tx, later[0])
			}
		}
	}
	for chunk := range slices.Chunk(rec.created[EntityRelease], inChunk) {
		var deps []Dependency
		if err := tx.Where("requires_id IN ?", chunk).Order("id").Limit(1).Find(&deps).Error; err != nil {
			return err
		}
		if len(deps) > 0 {
			names, err := (&Store{db: tx, Now: s.Now}).releaseNames(tx.Statement.Context, []uint{deps[0].ReleaseID, deps[0].RequiresID})
			if err != nil {
				return err
			}
			return fmt.Errorf("cannot undo the import: %s now requires %s, which the import created: %w",
				names[deps[0].ReleaseID], names[deps[0].RequiresID], ErrChangedSince)
		}
	}
	return nil
}

// changedSinceImport says which record changed after the import, and how.
func (s *Store) changedSinceImport(tx *gorm.DB, h History) error {
	what := entityLabel(h.Entity)
	switch {
	case h.ReleaseID != nil:
		names, err := (&Store{db: tx, Now: s.Now}).releaseNames(tx.Statement.Context, []uint{*h.ReleaseID})
		if err != nil {
			return err
		}
		if h.Entity == EntityRelease {
			what = names[*h.ReleaseID]
		} else {
			what = "a " + what + " of " + names[*h.ReleaseID]
		}
	case h.Entity == EntityProduct:
		var p Product
		if err := tx.Select("name").Take(&p, h.EntityID).Error; err == nil {
			what = "product " + p.Name
		}
	}
	verb := map[string]string{ActionCreate: "was added", ActionUpdate: "was changed", ActionDelete: "was removed", ActionUndo: "was undone"}[h.Action]
	return fmt.Errorf("cannot undo the import: %s %s after it; undoing would lose that: %w", what, verb, ErrChangedSince)
}

// putBackImported gives a work item the import updated or moved its values
// before the import; a moved item's history tells both releases.
func (s *Store) putBackImported(tx *gorm.DB, before WorkItem) error {
	var now WorkItem
	if err := tx.First(&now, before.ID).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return fmt.Errorf("cannot undo the import: work item %s no longer exists: %w", before.Key, ErrChangedSince)
		}
		return err
	}
	if err := keyFree(tx, before.ReleaseID, before.Key, before.ID); err != nil {
		return fmt.Errorf("cannot undo the import: %w", err)
	}
	if err := s.putBack(tx, s.journal(tx, EntityWorkItem, before.ID, now.ReleaseID), &now, &before); err != nil {
		return err
	}
	if before.ReleaseID == now.ReleaseID {
		return nil
	}
	return s.journal(tx, EntityWorkItem, before.ID, before.ReleaseID).write(ActionUpdate, changes(&now, &before))
}

// removeImported deletes the records of entity with ids, in chunks, and
// writes their history as an undo that removed them; releaseOf names the
// release a record's history belongs to (0 for none).
func removeImported[T any](tx *gorm.DB, entity string, ids []uint, at time.Time, releaseOf func(*T) uint) error {
	for chunk := range slices.Chunk(ids, inChunk) {
		var recs []T
		if err := tx.Where("id IN ?", chunk).Order("id").Find(&recs).Error; err != nil {
			return err
		}
		if len(recs) != len(chunk) {
			return fmt.Errorf("cannot undo the import: some of its %ss no longer exist: %w", entityLabel(entity), ErrChangedSince)
		}
		if err := tx.Where("id IN ?", chunk).Delete(new(T)).Error; err != nil {
			return translate(err)
		}
		var rows []History
		for i := range recs {
			var release *uint
			if id := releaseOf(&recs[i]); id != 0 {
				release = &id
			}
			rows = append(rows, removedRows(entity, chunk[i], release, &recs[i], at)...)
		}
		if err := tx.CreateInBatches(&rows, 500).Error; err != nil {
			return err
		}
	}
	return nil
}

// removedRows are the history rows of a record an undo removed, as the
// journal writes them: each value it had as an old value.
func removedRows(entity string, id uint, release *uint, v any, at time.Time) []History {
	rows := values(v)
	if len(rows) == 0 {
		rows = []History{{}}
	}
	for i := range rows {
		rows[i].OldValue, rows[i].NewValue = rows[i].NewValue, ""
		rows[i].Entity, rows[i].EntityID, rows[i].ReleaseID, rows[i].Action, rows[i].At = entity, id, release, ActionUndo, at
	}
	return rows
}

// productsLeftEmpty refuses the undo when a product the import created
// still has releases once the import's are gone: someone added one since.
func (s *Store) productsLeftEmpty(tx *gorm.DB, products []uint) error {
	for chunk := range slices.Chunk(products, inChunk) {
		var left []Release
		if err := tx.Select("id").Where("product_id IN ?", chunk).Limit(1).Find(&left).Error; err != nil {
			return err
		}
		if len(left) > 0 {
			names, err := (&Store{db: tx, Now: s.Now}).releaseNames(tx.Statement.Context, []uint{left[0].ID})
			if err != nil {
				return err
			}
			return fmt.Errorf("cannot undo the import: %s was added to a product the import created: %w", names[left[0].ID], ErrChangedSince)
		}
	}
	return nil
}

// Summary says in a few words what the import wrote, for a notice:
// "3 releases, 1 product and 12 work items created, 4 work items updated".
func (r *ImportRecord) Summary() string {
	if r.Empty() {
		return "nothing changed"
	}
	var made []string
	for _, e := range []struct{ entity, one, many string }{
		{EntityRelease, "release", "releases"}, {EntityProduct, "product", "products"}, {EntityWorkItem, "work item", "work items"},
	} {
		switch n := r.Created(e.entity); n {
		case 0:
		case 1:
			made = append(made, "1 "+e.one)
		default:
			made = append(made, fmt.Sprintf("%d %s", n, e.many))
		}
	}
	var parts []string
	if len(made) > 0 {
		parts = append(parts, joinAnd(made)+" created")
	}
	switch n := r.Updated(); n {
	case 0:
	case 1:
		parts = append(parts, "1 work item updated")
	default:
		parts = append(parts, fmt.Sprintf("%d work items updated", n))
	}
	return strings.Join(parts, ", ")
}

// joinAnd lists words as a sentence does: "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// MovedWorkItems is the move of work items to release to, given the items
// as MoveWorkItems or CarryOver returned them (as they were). Undo puts
// each back in the release it came from, all in one transaction, refusing
// when one of them changed again since.
func MovedWorkItems(before []WorkItem, to uint) Change {
	steps := make([]Change, 0, len(before))
	for _, it := range before {
		if it.ReleaseID == to {
			continue // it was there already: the move left it alone
		}
		after := it
		after.ReleaseID, after.Release = to, Release{}
		it.Release = Release{}
		steps = append(steps, Edited(it, after))
	}
	return Together(steps...)
}

// PastedWorkItems is the addition of the work items PasteScope added; Undo
// removes them, in one transaction.
func PastedWorkItems(added []WorkItem) Change {
	steps := make([]Change, len(added))
	for i, it := range added {
		steps[i] = Created(it)
	}
	return Together(steps...)
}
