package data

import (
	"errors"
	"fmt"
	"strings"

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
)

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
