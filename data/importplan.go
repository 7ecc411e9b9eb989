package data

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"
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
	Releases    []PlanRelease // the good rows, in file order
	NewProducts []string      // in file order
	Errors      []PlanError   // by row
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
	return s.checkPlan(s.read(ctx), rows)
}

// ImportPlan creates one release per row, and the products they name that do
// not exist yet, in one transaction with their history: either every row is
// imported or, when any row is bad, nothing is and the error is a
// *PlanErrors listing every problem. A release whose product already has its
// version is an error, never an update, so an import cannot change releases
// people have been working on.
func (s *Store) ImportPlan(ctx context.Context, rows []PlanRow) ([]Release, error) {
	var created []Release
	err := s.tx(ctx, func(tx *gorm.DB) error {
		plan, err := s.checkPlan(tx, rows)
		if err != nil {
			return err
		}
		if len(plan.Errors) > 0 {
			return &PlanErrors{Errors: plan.Errors}
		}
		products := map[string]uint{}
		for _, name := range plan.NewProducts {
			p := Product{Name: name}
			if err := s.saveProduct(tx, &p); err != nil {
				return err
			}
			products[strings.ToLower(name)] = p.ID
		}
		for _, pr := range plan.Releases {
			r := pr.Release
			if r.ProductID == 0 {
				r.ProductID = products[strings.ToLower(r.Product.Name)]
			}
			name := r.Product.Name
			r.Product = Product{}
			if err := tx.Omit("Product").Create(&r).Error; err != nil {
				return translate(err)
			}
			if err := s.journal(tx, EntityRelease, r.ID, r.ID).created(&r); err != nil {
				return err
			}
			r.Product = Product{ID: r.ProductID, Name: name}
			created = append(created, r)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return created, nil
}

// checkPlan validates every row against the rules of a release, the other
// rows and the releases already in db.
func (s *Store) checkPlan(db *gorm.DB, rows []PlanRow) (PlanPreview, error) {
	var plan PlanPreview
	known, err := planProducts(db, rows)
	if err != nil {
		return plan, err
	}
	newProducts := map[string]bool{}
	firstRow := map[string]planVersion{} // product+canonical version -> the row that has it
	for _, row := range rows {
		r := row.Release
		r.ID, r.Product = 0, Product{}
		name := strings.TrimSpace(row.Product)
		var errs []PlanError
		bad := func(field, format string, args ...any) {
			errs = append(errs, PlanError{Row: row.Row, Column: row.column(field), Message: fmt.Sprintf(format, args...)})
		}
		if r.Risk == "" {
			r.Risk = RiskLow
		}
		if verr := r.validate(); verr != nil {
			v, _ := AsValidation(verr)
			for _, f := range v.Fields {
				if f.Field != "Product" { // ProductID is not known yet; the name is checked below
					bad(f.Field, "%s", f.Message)
				}
			}
		}
		switch {
		case name == "":
			bad("Product", "is required")
		case utf8.RuneCountInString(name) > MaxNameLength:
			bad("Product", "is longer than %d characters", MaxNameLength)
		}
		p, exists := known[strings.ToLower(name)]
		if name != "" && r.Version != "" {
			key := strings.ToLower(name) + "\x00" + CanonicalVersion(r.Version)
			if first, dup := firstRow[key]; dup {
				bad("Version", "%s %s is already on row %d%s", name, r.Version, first.row, sameVersionNote(first.version, r.Version))
			} else {
				firstRow[key] = planVersion{row.Row, r.Version}
			}
			if exists {
				if existing, ok := p.versions[CanonicalVersion(r.Version)]; ok {
					bad("Version", "%s (an import only creates new releases)", versionClashMessage(p.name, r.Version, existing))
				}
			}
		}
		if len(errs) > 0 {
			plan.Errors = append(plan.Errors, errs...)
			continue
		}
		if exists {
			r.ProductID, r.Product.Name = p.id, p.name
		} else {
			r.Product.Name = name
			if !newProducts[strings.ToLower(name)] {
				newProducts[strings.ToLower(name)] = true
				plan.NewProducts = append(plan.NewProducts, name)
			}
		}
		plan.Releases = append(plan.Releases, PlanRelease{Row: row.Row, Release: r, NewProduct: !exists})
	}
	plan.Errors = SortPlanErrors(plan.Errors)
	return plan, nil
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

// planProducts loads the products the rows name, by lower-case name, with
// the versions they already have.
func planProducts(db *gorm.DB, rows []PlanRow) (map[string]*planProduct, error) {
	names := map[string]bool{}
	for _, r := range rows {
		if n := strings.ToLower(strings.TrimSpace(r.Product)); n != "" {
			names[n] = true
		}
	}
	out := map[string]*planProduct{}
	if len(names) == 0 {
		return out, nil
	}
	list := make([]string, 0, len(names))
	for n := range names {
		list = append(list, n)
	}
	var products []Product
	// Chunks keep the IN list within every database's parameter limit.
	for start := 0; start < len(list); start += 500 {
		var chunk []Product
		if err := db.Where("LOWER(name) IN ?", list[start:min(start+500, len(list))]).Find(&chunk).Error; err != nil {
			return nil, err
		}
		products = append(products, chunk...)
	}
	byID := map[uint]*planProduct{}
	ids := make([]uint, 0, len(products))
	for _, p := range products {
		pp := &planProduct{id: p.ID, name: p.Name, versions: map[string]string{}}
		out[strings.ToLower(p.Name)], byID[p.ID] = pp, pp
		ids = append(ids, p.ID)
	}
	for start := 0; start < len(ids); start += 500 {
		var versions []struct {
			ProductID uint
			Version   string
		}
		err := db.Model(&Release{}).Select("product_id, version").Where("product_id IN ?", ids[start:min(start+500, len(ids))]).Scan(&versions).Error
		if err != nil {
			return nil, err
		}
		for _, v := range versions {
			byID[v.ProductID].versions[CanonicalVersion(v.Version)] = v.Version
		}
	}
	return out, nil
}

// AsPlanErrors returns err as a *PlanErrors when it is one.
func AsPlanErrors(err error) (*PlanErrors, bool) {
	var p *PlanErrors
	ok := errors.As(err, &p)
	return p, ok
}
