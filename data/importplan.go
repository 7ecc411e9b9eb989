package data

import (
	"context"
	"errors"
	"fmt"
	"sort"
)

// PlanRow is one release to create from a plan file. Row and Columns say
// where its values came from, so a problem can point at the cell.
type PlanRow struct {
	// Row is the row number as the spreadsheet shows it (the header is row 1).
	Row int
	// Product is the product's name; a product that does not exist yet is created.
	Product string
	// Release holds the values read; its ProductID and Product are ignored.
	Release Release
	// Columns maps "Product" and Release field names (Version, PlannedRelease,
	// ...) to the column header as written in the file.
	Columns map[string]string
	// Errors are the problems the file's reader found in the row's cells,
	// reported before the store's own about the row.
	Errors []PlanError
	// Order lists the file's headers left to right (shared by every row of
	// a file), so a row's problems come in the order of its cells.
	Order []string
}

// PlanRows hands the rows of a plan to fn, in file order, stopping at the
// first error fn returns. It can be called again for another pass over the
// same rows: a file is read row by row each time rather than held whole.
type PlanRows func(fn func(PlanRow) error) error

// RowsOf passes rows held in memory as PlanRows.
func RowsOf(rows []PlanRow) PlanRows {
	return func(fn func(PlanRow) error) error {
		for _, r := range rows {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}
}

// column is the header a problem with field should name.
func (r PlanRow) column(field string) string {
	if c, ok := r.Columns[field]; ok && c != "" {
		return c
	}
	return field
}

// PlanError is one problem of a plan: its row as the spreadsheet shows it
// (0 for the file as a whole), the column header and what is wrong.
type PlanError struct {
	Row     int
	Column  string
	Message string
}

// Error says where the problem is and what it is: "row 7, Go-live: ...".
func (e PlanError) Error() string {
	switch {
	case e.Row == 0:
		return e.Message
	case e.Column == "":
		return fmt.Sprintf("row %d: %s", e.Row, e.Message)
	}
	return fmt.Sprintf("row %d, %s: %s", e.Row, e.Column, e.Message)
}

// PlanErrors is the error of an import refused because rows are bad;
// nothing was written.
type PlanErrors struct {
	Errors []PlanError
}

// Error counts the bad rows; each is in Errors.
func (e *PlanErrors) Error() string {
	if n := BadPlanRows(e.Errors); n != 1 {
		return fmt.Sprintf("%d rows have errors; nothing was imported", n)
	}
	return "1 row has errors; nothing was imported"
}

// BadPlanRows counts the distinct rows that errs point at.
func BadPlanRows(errs []PlanError) int {
	rows := map[int]bool{}
	for _, e := range errs {
		rows[e.Row] = true
	}
	return len(rows)
}

// SortPlanErrors orders errs by row, keeping the order within a row, and
// drops repeats of a row and column so each cell is blamed once.
func SortPlanErrors(errs []PlanError) []PlanError {
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Row < errs[j].Row })
	out := errs[:0]
	seen := map[PlanError]bool{}
	for _, e := range errs {
		key := PlanError{Row: e.Row, Column: e.Column}
		if e.Column != "" && seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, e)
	}
	return out
}

// PlanPreview is what importing a plan would do: the releases it would
// create, the products it would add and the problems that stop it.
type PlanPreview struct {
	// Releases holds the good rows in file order: all of them, or the
	// first ones when the preview was asked to keep fewer.
	Releases    []PlanRelease
	NewProducts []string    // in file order
	Errors      []PlanError // by row
	// Rows counts the rows checked, and Good those that would become
	// releases (more than Releases holds when it was cut short).
	Rows, Good int
}

// PlanRelease is a release an import would create, and the row it comes from.
type PlanRelease struct {
	Row int
	// Release has Product.Name set, and ProductID when the product exists.
	Release Release
	// NewProduct tells that the import creates the release's product.
	NewProduct bool
}

// PreviewPlan checks rows exactly as ImportPlan would, without writing.
func (s *Store) PreviewPlan(ctx context.Context, rows []PlanRow) (PlanPreview, error) {
	return s.PreviewPlanRows(ctx, RowsOf(rows), len(rows))
}

// ImportPlan creates one release per row, and the products they name that do
// not exist yet, in one transaction with their history: either every row is
// imported or, when any row is bad, nothing is and the error is a
// *PlanErrors listing every problem. A release whose product already has its
// version is an error, never an update, so an import cannot change releases
// people have been working on.
func (s *Store) ImportPlan(ctx context.Context, rows []PlanRow) ([]Release, error) {
	var created []Release
	_, err := s.importPlanRows(ctx, RowsOf(rows), func(r Release) { created = append(created, r) })
	if err != nil {
		return nil, err
	}
	return created, nil
}

// planVersion is a version as a row of the plan writes it.
type planVersion struct {
	row     int
	version string
}

// sameVersionNote tells, when two spellings differ, that they are one version.
func sameVersionNote(first, again string) string {
	if first == again {
		return ""
	}
	return fmt.Sprintf(" as %s, the same version", first)
}

// planProduct is a product a plan names that exists, with its versions
// (by canonical form, as written).
type planProduct struct {
	id       uint
	name     string
	versions map[string]string
}

// AsPlanErrors returns err as a *PlanErrors when it is one.
func AsPlanErrors(err error) (*PlanErrors, bool) {
	var p *PlanErrors
	ok := errors.As(err, &p)
	return p, ok
}
