package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// The SQLite driver hands every value of every row over in its own cgo calls
// (two or three per value). On the thousands of deployment rows the rules
// read, those calls cost more than the query itself, so bulk reads of short
// values ask SQLite to join the rows into one text value and split it in Go:
// a single value crosses over instead of tens of thousands.
//
// Only values that cannot hold the separators may be packed: numbers, enum
// codes, instants and dates. Free text (names, notes) is read as usual.
// printf and group_concat are SQLite's; this file is where data leans on
// them. On PostgreSQL, format and string_agg do the same (format writes
// NULL as an empty field too); there the values cross no cgo boundary, but
// one value still beats thousands of rows through the driver.
const (
	packedFieldSep = "\x1f" // ASCII unit separator, between the values of a row
	packedRowSep   = "\x1e" // ASCII record separator, between rows
)

// packedSelect is the row expression for exprs: SQLite's printf writes a
// row in one pass (NULL as an empty field), where || would copy the growing
// row once per value.
func (s *Store) packedSelect(exprs []string) string {
	format := strings.Repeat("%s"+packedFieldSep, len(exprs)-1) + "%s"
	if s.server != nil {
		return "format('" + format + "', " + strings.Join(exprs, ", ") + ")"
	}
	return "printf('" + format + "', " + strings.Join(exprs, ", ") + ")"
}

// packedJoin is the aggregate that joins the packed rows into one value.
func (s *Store) packedJoin(column string) string {
	if s.server != nil {
		return "string_agg(" + column + ", '" + packedRowSep + "')"
	}
	return "group_concat(" + column + ", '" + packedRowSep + "')"
}

// readPacked runs q (a query of s without a Select) for the values exprs
// and reads each row with parse, in no particular order. The fields given
// to parse are reused for the next row; the strings in them may be kept.
func readPacked[T any](ctx context.Context, s *Store, q *gorm.DB, exprs []string, parse func(fields []string) (T, error)) ([]T, error) {
	inner := q.Select(s.packedSelect(exprs) + " AS packed_row")
	var all sql.NullString
	if err := s.read(ctx).Table("(?) AS packed", inner).
		Select(s.packedJoin("packed.packed_row")).Scan(&all).Error; err != nil {
		return nil, err
	}
	if !all.Valid { // no rows at all
		return nil, nil
	}
	out := make([]T, 0, strings.Count(all.String, packedRowSep)+1)
	fields := make([]string, len(exprs))
	for line := range strings.SplitSeq(all.String, packedRowSep) {
		n := 0
		for f := range strings.SplitSeq(line, packedFieldSep) {
			if n == len(fields) {
				return nil, fmt.Errorf("data: a packed row has more than %d values: %q", len(fields), line)
			}
			fields[n], n = f, n+1
		}
		if n != len(fields) {
			return nil, fmt.Errorf("data: a packed row has %d values, not %d: %q", n, len(fields), line)
		}
		v, err := parse(fields)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// packedID reads an id (or any unsigned count) from a packed field.
func packedID(field string) (uint, error) {
	n, err := strconv.ParseUint(field, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("data: %q is not an id", field)
	}
	return uint(n), nil
}

// packedTrue reads a truth value from a packed field: SQLite writes 1,
// PostgreSQL t.
func packedTrue(field string) bool { return field == "1" || field == "t" }

// packedDate reads a calendar day from a packed field; empty is no day.
func packedDate(field string) (Date, error) {
	var d Date
	if field == "" {
		return d, nil
	}
	return d, d.scanText(field)
}
