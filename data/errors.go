package data

import (
	"errors"
	"fmt"
	"strings"

	"github.com/mattn/go-sqlite3"
	"gorm.io/gorm"
)

var (
	// ErrNotFound means the record asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrNotReleaseDesk means a file is not a Release Desk database.
	ErrNotReleaseDesk = errors.New("not a Release Desk database")
	// ErrNewerSchema means the database was written by a newer Release Desk.
	ErrNewerSchema = errors.New("database was written by a newer version of Release Desk")
	// ErrInUse means a record cannot be deleted while others still refer to it.
	ErrInUse = errors.New("still in use")
	// ErrBusy means another program held the database's write lock for longer
	// than the store waits; nothing was changed.
	ErrBusy = errors.New("the database is busy: another Release Desk is saving; try again")
	// ErrNoDatabase means there is no database at a path that must already hold one.
	ErrNoDatabase = errors.New("no such database")
	// ErrDamaged means SQLite found the file damaged; see DamagedError.
	ErrDamaged = errors.New("the database is damaged")
	// ErrUpgradeNeeded means a read-only open met an older schema; see UpgradeError.
	ErrUpgradeNeeded = errors.New("the database needs an upgrade")
	// ErrReadOnly means the database cannot be written where it is, or was opened read-only.
	ErrReadOnly = errors.New("the database cannot be changed")
)

// DamagedError names a database that failed SQLite's check. Release Desk
// writes nothing to such a file; the message points to the newest backup.
type DamagedError struct {
	Path string
	// Detail is the first problem SQLite reported.
	Detail string
	// Backup is the most recent backup beside the file, "" when there is none.
	Backup string
}

func (e *DamagedError) Error() string {
	msg := fmt.Sprintf("%s is damaged (%s); nothing was written to it", e.Path, e.Detail)
	if e.Backup == "" {
		return msg + "; no backup of it was found beside it"
	}
	return msg + "; the most recent backup is " + e.Backup
}

func (e *DamagedError) Unwrap() error { return ErrDamaged }

// UpgradeError is a read-only open of a database written with an older
// schema: reading it needs the upgrade that only a writing open performs.
type UpgradeError struct {
	Path string
	// Schema is the file's schema version, Current this program's.
	Schema, Current int
}

func (e *UpgradeError) Error() string {
	return fmt.Sprintf("%s has an older layout (schema %d; this Release Desk uses schema %d) and must be upgraded before it can be read", e.Path, e.Schema, e.Current)
}

func (e *UpgradeError) Unwrap() error { return ErrUpgradeNeeded }

// ReadOnlyError is a writing open of a database that cannot be written where it is.
type ReadOnlyError struct {
	Path string
	// Reason says what is read-only: the file or its folder.
	Reason string
}

func (e *ReadOnlyError) Error() string {
	return fmt.Sprintf("%s cannot be changed: %s; copy it to a folder you can write to", e.Path, e.Reason)
}

func (e *ReadOnlyError) Unwrap() error { return ErrReadOnly }

// FieldError is one bad value: the field it belongs to and what is wrong.
type FieldError struct {
	Field   string
	Message string
}

// ValidationError lists every bad field of one change; nothing was saved.
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Message
	}
	return "invalid " + strings.Join(parts, "; ")
}

// Message returns the message for field, or "" when it is fine.
func (e *ValidationError) Message(field string) string {
	for _, f := range e.Fields {
		if f.Field == field {
			return f.Message
		}
	}
	return ""
}

// AsValidation returns err as a *ValidationError when it is one.
func AsValidation(err error) (*ValidationError, bool) {
	var v *ValidationError
	ok := errors.As(err, &v)
	return v, ok
}

// problems collects field errors while a value is checked.
type problems struct {
	fields []FieldError
}

func (p *problems) add(field, format string, args ...any) {
	for _, f := range p.fields {
		if f.Field == field {
			return // the first problem of a field is the one worth showing
		}
	}
	p.fields = append(p.fields, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

func (p *problems) required(field, value string) {
	if strings.TrimSpace(value) == "" {
		p.add(field, "is required")
	}
}

func (p *problems) err() error {
	if len(p.fields) == 0 {
		return nil
	}
	return &ValidationError{Fields: p.fields}
}

func fieldError(field, format string, args ...any) error {
	return &ValidationError{Fields: []FieldError{{Field: field, Message: fmt.Sprintf(format, args...)}}}
}

// translate turns database constraint errors into the store's own errors.
func translate(err error) error {
	switch {
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return fmt.Errorf("already exists: %w", err)
	case errors.Is(err, gorm.ErrForeignKeyViolated):
		return fmt.Errorf("%w: %v", ErrInUse, err)
	}
	return err
}

// sqliteCode is the primary SQLite result code inside err, or 0.
func sqliteCode(err error) sqlite3.ErrNo {
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se.Code
	}
	return 0
}

// busy turns SQLite's "database is locked", after the busy timeout, into
// ErrBusy; any other error is returned as it is.
func busy(err error) error {
	if code := sqliteCode(err); code == sqlite3.ErrBusy || code == sqlite3.ErrLocked {
		return ErrBusy
	}
	return err
}
