package data

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// readFramed is readPacked for rows that hold free text, on SQLite only:
// SQLite writes each value as its length in bytes, a colon and the value
// ("5:Hello", NULL as "0:"), and joins the rows into one text value, so no
// value can be mistaken for a separator. On the Releases list of a big plan
// (a hundred thousand rows of thirteen values) this is a single value
// through the driver instead of over a million.
//
// The rows come in the order given; parse is given the values of one row; the
// strings may be kept. A text that SQLite's printf cuts short (one holding a
// NUL character) breaks the framing: readFramed then reports
// errFramingBroken and the caller reads row by row.
func readFramed[T any](ctx context.Context, s *Store, q *gorm.DB, exprs []string, order []framedOrder, parse func(fields []string) (T, error)) ([]T, error) {
	if s.server != nil {
		return nil, errors.New("data: framed reads are for SQLite")
	}
	var format strings.Builder
	args := make([]string, 0, 2*len(exprs))
	for _, e := range exprs {
		format.WriteString("%d:%s")
		args = append(args, "length(CAST(("+e+") AS BLOB))", "("+e+")")
	}
	// The rows are joined in order: SQLite (3.44 on) sorts an aggregate's input as asked.
	sel, by := "printf('"+format.String()+"', "+strings.Join(args, ", ")+") AS framed_row", make([]string, len(order))
	for i, o := range order {
		key := "framed_" + strconv.Itoa(i)
		sel += ", " + o.expr + " AS " + key
		by[i] = strings.TrimSpace("framed." + key + " " + o.how)
	}
	join := "group_concat(framed.framed_row, '')"
	if len(by) > 0 {
		join = "group_concat(framed.framed_row, '' ORDER BY " + strings.Join(by, ", ") + ")"
	}
	var all sql.NullString
	if err := s.read(ctx).Table("(?) AS framed", q.Select(sel)).Select(join).Scan(&all).Error; err != nil {
		return nil, err
	}
	// About a hundred bytes a row is what a list line takes; the slice grows less often.
	out := make([]T, 0, len(all.String)/100+1)
	fields := make([]string, len(exprs))
	rest := all.String
	for rest != "" {
		for i := range fields {
			colon := strings.IndexByte(rest, ':')
			if colon < 0 {
				return nil, errFramingBroken
			}
			n, err := strconv.Atoi(rest[:colon])
			if err != nil || n < 0 || colon+1+n > len(rest) {
				return nil, errFramingBroken
			}
			fields[i], rest = rest[colon+1:colon+1+n], rest[colon+1+n:]
		}
		v, err := parse(fields)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// framedOrder is a key of a framed read's order: an expression of its
// query, and how it sorts ("DESC", "NULLS FIRST"; "" for ascending).
type framedOrder struct{ expr, how string }

// errFramingBroken says a framed read could not be split into its values.
var errFramingBroken = errors.New("data: a framed read does not split into its values")
