package data

import (
	"errors"
	"fmt"
	"os"
	"os/user"
	"strings"
	"time"

	"gorm.io/gorm"
)

// No lost updates: every editable record carries a revision that the
// database raises with each change (migration 0009). A save of a whole
// record says which revision it was based on; when the record has moved on
// since, the save is refused with a *ConflictError naming who changed it
// and when, and the person chooses to reload or to overwrite (save again
// based on the revision the error names).

// ErrConflict means a record was changed by someone else after it was read.
var ErrConflict = errors.New("changed by someone else since it was opened")

// ConflictError is a save refused because the record changed since the
// revision it was based on. Nothing was saved.
type ConflictError struct {
	Entity string // as in history: "release", "deployment"...
	ID     uint
	// Seen is the revision the save was based on, Current the record's now:
	// saving again based on Current overwrites the other change.
	Seen, Current int
	// Who made the latest change and when, from history ("" and zero when
	// history does not say).
	Who string
	At  time.Time
}

func (e *ConflictError) Error() string {
	what := entityLabel(e.Entity)
	by := "someone else"
	if e.Who != "" {
		by = e.Who
	}
	when := ""
	if !e.At.IsZero() {
		when = " at " + e.At.UTC().Format("2006-01-02 15:04 UTC")
	}
	return fmt.Sprintf("this %s was changed by %s%s after you opened it; reload it to see the change, or overwrite it with yours", what, by, when)
}

func (e *ConflictError) Unwrap() error { return ErrConflict }

// AsConflict returns err as a *ConflictError when it is one.
func AsConflict(err error) (*ConflictError, bool) {
	var c *ConflictError
	ok := errors.As(err, &c)
	return c, ok
}

// tableOf is the table of each entity that carries a revision.
var tableOf = map[string]string{
	EntityProduct: "products", EntityEnvironment: "environments", EntityRelease: "releases",
	EntityDeployment: "deployments", EntityRollback: "rollbacks", EntityStakeholder: "stakeholders",
	EntityReleaseStakeholder: "release_stakeholders", EntityChecklistItem: "checklist_items",
	EntityTestRun: "test_runs", EntityFreezeWindow: "freeze_windows", EntityGoDecision: "go_decisions",
	EntityReview: "reviews", EntityActionItem: "action_items", EntityWorkItem: "work_items",
	EntityDependency: "dependencies",
}

// requireRevision refuses, inside tx, a change of entity id based on
// revision seen when the record is at another one. On a server it locks the
// record until tx ends, so that nobody changes it between the check and the save.
func (s *Store) requireRevision(tx *gorm.DB, entity string, id uint, seen int) error {
	current, err := s.revisionOf(tx, entity, id, true)
	if err != nil || current == seen {
		return err
	}
	c := &ConflictError{Entity: entity, ID: id, Seen: seen, Current: current}
	var last History
	err = tx.Where("entity = ? AND entity_id = ?", entity, id).Order("at DESC, id DESC").Limit(1).Find(&last).Error
	if err != nil {
		return err
	}
	c.Who, c.At = last.Who, last.At
	return c
}

// revisionOf reads the revision of entity id inside tx, locking the row on
// a server when lock is set.
func (s *Store) revisionOf(tx *gorm.DB, entity string, id uint, lock bool) (int, error) {
	table, ok := tableOf[entity]
	if !ok {
		return 0, fmt.Errorf("data: a %s has no revision", entity)
	}
	q := "SELECT revision FROM " + table + " WHERE id = ?"
	if lock && s.server != nil {
		q += " FOR UPDATE"
	}
	var revs []int
	if err := tx.Raw(q, id).Scan(&revs).Error; err != nil {
		return 0, err
	}
	if len(revs) == 0 {
		return 0, notFound(gorm.ErrRecordNotFound, entityLabel(entity), id)
	}
	return revs[0], nil
}

// unchanged reports whether a save of new over old, two records of one
// type, would change no recorded field.
func unchanged(old, new any) bool { return len(changes(old, new)) == 0 }

// readRevision reads the revision a change inside tx left entity id at
// into rev, so that the saved value can be saved again.
func (s *Store) readRevision(tx *gorm.DB, entity string, id uint, rev *int) error {
	current, err := s.revisionOf(tx, entity, id, false)
	if err == nil {
		*rev = current
	}
	return err
}

// The name history records as who made the changes of a store.
var defaultWho = func() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		if i := strings.LastIndexAny(u.Username, `\`); i >= 0 {
			return u.Username[i+1:] // DOMAIN\name on Windows
		}
		return u.Username
	}
	if name := os.Getenv("USER"); name != "" {
		return name
	}
	return os.Getenv("USERNAME")
}()

// SetWho sets the name history records for the changes made through the
// store from now on; "" goes back to the signed-in user's name. The name is
// cut to the length of a person's name.
func (s *Store) SetWho(name string) {
	name = strings.TrimSpace(name)
	if name == "" {
		name = defaultWho
	}
	if r := []rune(name); len(r) > MaxNameLength {
		name = string(r[:MaxNameLength])
	}
	s.who.Store(name)
}

// Who is the name history records for the store's changes.
func (s *Store) Who() string {
	if v, ok := s.who.Load().(string); ok {
		return v
	}
	return defaultWho
}
