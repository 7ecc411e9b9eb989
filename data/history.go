package data

import (
	"context"
	"fmt"
	"reflect"
	"strconv"
	"time"

	"gorm.io/gorm"
)

// History actions.
const (
	ActionCreate = "create"
	ActionUpdate = "update"
	ActionDelete = "delete"
	// ActionUndo marks the rows of a change that took an earlier one back
	// (see Store.Undo): a record put back has its values as NewValue, a
	// record taken away as OldValue, an edit taken back its fields from old
	// to new, as an update would.
	ActionUndo = "undo"
)

var (
	timeType = reflect.TypeOf(time.Time{})
	dateType = reflect.TypeOf(Date{})
)

// changes lists the fields whose values differ between old and new, two
// structs of the same type; associations and bookkeeping fields are skipped.
func changes(old, new any) []History {
	ov, nv := reflect.Indirect(reflect.ValueOf(old)), reflect.Indirect(reflect.ValueOf(new))
	var out []History
	for i := 0; i < ov.NumField(); i++ {
		f := ov.Type().Field(i)
		if !recordable(f) {
			continue
		}
		a, b := formatValue(ov.Field(i)), formatValue(nv.Field(i))
		if a != b {
			out = append(out, History{Field: f.Name, OldValue: a, NewValue: b})
		}
	}
	return out
}

// values lists the recordable fields of v that are set, for a create or delete.
func values(v any) []History {
	rv := reflect.Indirect(reflect.ValueOf(v))
	var out []History
	for i := 0; i < rv.NumField(); i++ {
		f := rv.Type().Field(i)
		if !recordable(f) || rv.Field(i).IsZero() {
			continue
		}
		out = append(out, History{Field: f.Name, NewValue: formatValue(rv.Field(i))})
	}
	return out
}

func recordable(f reflect.StructField) bool {
	switch f.Name {
	case "ID", "CreatedAt", "UpdatedAt", "Revision":
		return false
	}
	if !f.IsExported() {
		return false
	}
	t := f.Type
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Map:
		return false
	case reflect.Struct:
		return t == timeType || t == dateType
	}
	return true
}

func formatValue(v reflect.Value) string {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return ""
		}
		v = v.Elem()
	}
	switch x := v.Interface().(type) {
	case time.Time:
		if x.IsZero() {
			return ""
		}
		return x.UTC().Format(time.RFC3339)
	case Date:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v.Interface())
}

// journal writes history rows inside the transaction of the change they describe.
type journal struct {
	tx        *gorm.DB
	at        time.Time
	entity    string
	id        uint
	releaseID *uint
	who       string
}

func (s *Store) journal(tx *gorm.DB, entity string, id uint, releaseID uint) *journal {
	j := &journal{tx: tx, at: s.Now().UTC(), entity: entity, id: id, who: s.Who()}
	if releaseID != 0 {
		j.releaseID = &releaseID
	}
	return j
}

func (j *journal) write(action string, rows []History) error {
	if rows = j.rows(action, rows); len(rows) == 0 {
		return nil
	}
	if err := j.tx.Create(&rows).Error; err != nil {
		return err
	}
	noteHistory(j.tx.Statement.Context, rows)
	noteWritten(j.tx.Statement.Context, rows)
	return nil
}

// rows completes the history rows of an action, for write or for a caller
// that writes many at once.
func (j *journal) rows(action string, rows []History) []History {
	if len(rows) == 0 && action != ActionUpdate {
		rows = []History{{}} // a create or delete is recorded even with no fields set
	}
	if undoing(j.tx.Statement.Context) {
		if action == ActionDelete {
			for i := range rows {
				rows[i].OldValue, rows[i].NewValue = rows[i].NewValue, ""
			}
		}
		action = ActionUndo
	}
	for i := range rows {
		rows[i].Entity, rows[i].EntityID, rows[i].ReleaseID = j.entity, j.id, j.releaseID
		rows[i].Action, rows[i].At, rows[i].Who = action, j.at, j.who
	}
	return rows
}

// created, updated and deleted also tell an import being recorded (see RecordImport).
func (j *journal) created(v any) error {
	noteChange(j.tx.Statement.Context, j.entity, j.id, ActionCreate, nil)
	return j.write(ActionCreate, values(v))
}

func (j *journal) updated(old, new any) error {
	noteChange(j.tx.Statement.Context, j.entity, j.id, ActionUpdate, old)
	return j.write(ActionUpdate, changes(old, new))
}

func (j *journal) deleted(v any) error {
	noteChange(j.tx.Statement.Context, j.entity, j.id, ActionDelete, nil)
	return j.write(ActionDelete, values(v))
}

// HistoryOf lists the recorded changes of one entity, newest first.
func (s *Store) HistoryOf(ctx context.Context, entity string, id uint) ([]History, error) {
	var out []History
	err := s.read(ctx).Where("entity = ? AND entity_id = ?", entity, id).Order("at DESC, id DESC").Find(&out).Error
	return out, err
}

// ReleaseHistory lists every recorded change that concerns a release, newest first.
func (s *Store) ReleaseHistory(ctx context.Context, releaseID uint) ([]History, error) {
	var out []History
	err := s.read(ctx).Where("release_id = ?", releaseID).Order("at DESC, id DESC").Find(&out).Error
	return out, err
}
