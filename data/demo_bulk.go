package data

import (
	"reflect"
)

// demoWrite writes the models made from n rows, a batch at a time (see
// bulkTable): model returns row i as the table's model, numbered tells row
// i the id it got.
func demoWrite[M any](w *demoWriter, n int, model func(i int) M, numbered func(i int, id uint)) error {
	if n == 0 {
		return nil
	}
	t, err := newBulkTable(w.tx, new(M))
	if err != nil {
		return err
	}
	defer t.close()
	per := t.perBatch()
	for from := 0; from < n; from += per {
		to := min(from+per, n)
		err := bulkWrite(t, to-from, func(i int) M { return model(from + i) }, func(i int, id uint) {
			if numbered != nil {
				numbered(from+i, id)
			}
		})
		if err != nil {
			return err
		}
		if err := w.advance(to - from); err != nil {
			return err
		}
	}
	return t.close()
}

// demoInsert writes rows of a model, giving each its id.
func demoInsert[T any](w *demoWriter, rows []T) error {
	id := func(i int) *uint { return demoIDOf(&rows[i]) }
	return demoWrite(w, len(rows), func(i int) T { return rows[i] }, func(i int, n uint) {
		if p := id(i); p != nil {
			*p = n
		}
	})
}

// demoIDOf points at a row's ID field, nil for a model without one.
func demoIDOf[T any](row *T) *uint {
	f := reflect.ValueOf(row).Elem().FieldByName("ID")
	if !f.IsValid() || f.Kind() != reflect.Uint {
		return nil
	}
	return f.Addr().Interface().(*uint)
}

// The most numerous rows are kept in these lean forms while the plan is
// built: the models embed their associations, which would triple the memory a
// big plan needs. Each becomes its model a batch at a time as it is written.

// demoLean is a lean row that becomes model M when written.
type demoLean[M any] interface {
	model() M
	// took learns the id the database gave the written model.
	took(id uint)
}

// demoInsertLean writes lean rows as their models.
func demoInsertLean[M any, L any, PL interface {
	*L
	demoLean[M]
}](w *demoWriter, rows []L) error {
	return demoWrite(w, len(rows), func(i int) M { return PL(&rows[i]).model() }, func(i int, id uint) { PL(&rows[i]).took(id) })
}
