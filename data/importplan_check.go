package data

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"
)

// A plan is checked and written a row at a time, so an import's memory
// does not grow with the file: what is kept between rows is a key per
// release (to find repeats) and the products the rows name.

// PreviewPlanRows checks rows exactly as ImportPlanRows would, without
// writing, keeping the first keep good rows in Releases (every problem is
// kept, and Good counts all the good rows).
func (s *Store) PreviewPlanRows(ctx context.Context, rows PlanRows, keep int) (PlanPreview, error) {
	c := newPlanCheck(s.read(ctx))
	err := rows(func(row PlanRow) error {
		pr, good, err := c.check(row)
		if good && len(c.preview.Releases) < keep {
			c.preview.Releases = append(c.preview.Releases, pr)
		}
		if err == nil {
			err = ctx.Err()
		}
		return err
	})
	return c.preview, err
}

// ImportPlanRows is ImportPlan for rows read one at a time: in one
// transaction, each row is checked and, while every row so far is good,
// written; when any row is bad the rest are still checked, nothing stays
// written and the error is a *PlanErrors listing every problem. It returns
// how many releases it created.
func (s *Store) ImportPlanRows(ctx context.Context, rows PlanRows) (int, error) {
	return s.importPlanRows(ctx, rows, nil)
}

func (s *Store) importPlanRows(ctx context.Context, rows PlanRows, created func(Release)) (int, error) {
	n := 0
	err := s.tx(ctx, func(tx *gorm.DB) error {
		c := newPlanCheck(tx)
		w := &planWriter{s: s, tx: tx, created: created, products: map[string]uint{}}
		defer w.close() // on the way out of a refused import; the tail closes a good one
		err := rows(func(row PlanRow) error {
			pr, good, err := c.check(row)
			if err != nil {
				return err
			}
			if good && len(c.preview.Errors) == 0 {
				err = w.add(pr)
			}
			if err == nil {
				err = ctx.Err()
			}
			return err
		})
		if err != nil {
			return err
		}
		if len(c.preview.Errors) > 0 {
			return &PlanErrors{Errors: c.preview.Errors}
		}
		n = w.n
		if err := w.flush(); err != nil {
			return err
		}
		return w.close()
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// planCheck checks a plan's rows in file order: each row against the rules
// of a release, the rows before it and the releases already in the database.
type planCheck struct {
	db          *gorm.DB
	products    map[string]*planProduct // by lower-case name; nil when the database has none of that name
	firstRow    map[string]planVersion  // product and canonical version -> the row that has it
	newProducts map[string]bool
	preview     PlanPreview
}

func newPlanCheck(db *gorm.DB) *planCheck {
	return &planCheck{db: db, products: map[string]*planProduct{}, firstRow: map[string]planVersion{}, newProducts: map[string]bool{}}
}

// check checks one row and returns the release it makes and whether the
// row is good; its problems, the file's first, go into the preview.
func (c *planCheck) check(row PlanRow) (PlanRelease, bool, error) {
	c.preview.Rows++
	r := row.Release
	r.ID, r.Product = 0, Product{}
	name := strings.TrimSpace(row.Product)
	errs := slices.Clone(row.Errors)
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
	p, err := c.product(name)
	if err != nil {
		return PlanRelease{}, false, err
	}
	if name != "" && r.Version != "" {
		key := strings.ToLower(name) + "\x00" + CanonicalVersion(r.Version)
		if first, dup := c.firstRow[key]; dup {
			bad("Version", "%s %s is already on row %d%s", name, r.Version, first.row, sameVersionNote(first.version, r.Version))
		} else {
			c.firstRow[key] = planVersion{row.Row, r.Version}
		}
		if p != nil {
			if existing, ok := p.versions[CanonicalVersion(r.Version)]; ok {
				bad("Version", "%s (an import only creates new releases)", versionClashMessage(p.name, r.Version, existing))
			}
		}
	}
	if len(errs) > 0 {
		c.preview.Errors = append(c.preview.Errors, rowErrors(errs, row.Order)...)
		return PlanRelease{}, false, nil
	}
	if p != nil {
		r.ProductID, r.Product.Name = p.id, p.name
	} else {
		r.Product.Name = name
		if key := strings.ToLower(name); !c.newProducts[key] {
			c.newProducts[key] = true
			c.preview.NewProducts = append(c.preview.NewProducts, name)
		}
	}
	c.preview.Good++
	return PlanRelease{Row: row.Row, Release: r, NewProduct: p == nil}, true, nil
}

// rowErrors orders one row's problems by the file's columns and blames
// each cell once, the first problem found (the file's) winning.
func rowErrors(errs []PlanError, order []string) []PlanError {
	rank := func(e PlanError) int {
		if i := slices.Index(order, e.Column); i >= 0 {
			return i
		}
		return len(order) // a column the file does not have
	}
	slices.SortStableFunc(errs, func(a, b PlanError) int { return rank(a) - rank(b) })
	return SortPlanErrors(errs)
}

// product looks up, the first time a row names it, the product of that
// name (any case) with the versions it already has; nil when there is none.
func (c *planCheck) product(name string) (*planProduct, error) {
	key := strings.ToLower(name)
	if p, ok := c.products[key]; ok || key == "" {
		return p, nil
	}
	var found Product
	err := c.db.Where("LOWER(name) = ?", key).Take(&found).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		c.products[key] = nil
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	p := &planProduct{id: found.ID, name: found.Name, versions: map[string]string{}}
	var versions []string
	if err := c.db.Model(&Release{}).Where("product_id = ?", found.ID).Pluck("version", &versions).Error; err != nil {
		return nil, err
	}
	for _, v := range versions {
		p.versions[CanonicalVersion(v)] = v
	}
	c.products[key] = p
	return p, nil
}

// planWriter writes the releases of good rows in batches, with their
// history, creating each new product as its first release comes.
type planWriter struct {
	s        *Store
	tx       *gorm.DB
	created  func(Release) // told of each release written, when set
	products map[string]uint
	releases *bulkTable
	history  *bulkTable
	batch    []Release
	rows     []History
	n        int
}

// add writes pr's release, in the next batch.
func (w *planWriter) add(pr PlanRelease) error {
	r := pr.Release
	name := r.Product.Name
	if r.ProductID == 0 {
		key := strings.ToLower(name)
		if w.products[key] == 0 {
			p := Product{Name: name}
			if err := w.s.saveProduct(w.tx, &p); err != nil {
				return err
			}
			w.products[key] = p.ID
		}
		r.ProductID = w.products[key]
	}
	r.Product = Product{ID: r.ProductID, Name: name}
	now := w.s.Now().UTC()
	r.CreatedAt, r.UpdatedAt = now, now
	w.batch = append(w.batch, r)
	w.n++
	if len(w.batch) == bulkBatchRows {
		return w.flush()
	}
	return nil
}

// flush writes the waiting releases, then their history.
func (w *planWriter) flush() error {
	if len(w.batch) > 0 {
		if w.releases == nil {
			var err error
			if w.releases, err = newBulkTable(w.tx, &Release{}); err != nil {
				return err
			}
		}
		err := bulkWrite(w.releases, len(w.batch), func(i int) Release { return w.batch[i] }, func(i int, id uint) { w.batch[i].ID = id })
		if err != nil {
			return err
		}
		ctx := w.tx.Statement.Context
		for i := range w.batch {
			r := &w.batch[i]
			noteChange(ctx, EntityRelease, r.ID, ActionCreate, nil) // what an undo of the import removes
			w.rows = append(w.rows, w.s.journal(w.tx, EntityRelease, r.ID, r.ID).rows(ActionCreate, values(r))...)
			if w.created != nil {
				w.created(*r)
			}
		}
		w.batch = w.batch[:0]
	}
	if len(w.rows) == 0 {
		return nil
	}
	if w.history == nil {
		var err error
		if w.history, err = newBulkTable(w.tx, &History{}); err != nil {
			return err
		}
	}
	for len(w.rows) > 0 {
		n := min(len(w.rows), w.history.perBatch())
		if err := bulkWrite(w.history, n, func(i int) History { return w.rows[i] }, func(i int, id uint) { w.rows[i].ID = id }); err != nil {
			return err
		}
		// As the journal does: the import's undo and the store's own-change filter hear of the rows.
		noteHistory(w.tx.Statement.Context, w.rows[:n])
		noteWritten(w.tx.Statement.Context, w.rows[:n])
		w.rows = w.rows[n:]
	}
	return nil
}

// close ends the writer's statements and, on PostgreSQL, moves the id
// sequences past the rows written; a second call does nothing.
func (w *planWriter) close() error {
	var err error
	for _, t := range []*bulkTable{w.releases, w.history} {
		if t != nil {
			err = errors.Join(err, t.close())
		}
	}
	w.releases, w.history = nil, nil
	return err
}
