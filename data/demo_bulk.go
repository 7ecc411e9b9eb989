package data

import (
	"database/sql"
	"fmt"
	"reflect"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"
)

// How the demo's millions of rows reach the database: a statement of many
// rows, prepared once per table and batch size and run again for every
// batch, with ids given here in order. Through GORM each batch was parsed
// anew and handed its ids back row by row, which cost more than the writing.

const (
	demoBatchRows = 500
	// demoMaxVariables is SQLite's limit on bound values in one statement.
	demoMaxVariables = 32766
)

// demoTable is one table the demo writes, with its columns in order.
type demoTable struct {
	name   string
	fields []*schema.Field
	// id is the primary key the writer numbers, first among fields; nil
	// when the table has none of its own.
	id    *schema.Field
	next  uint              // the id the next row gets
	stmts map[int]*sql.Stmt // the insert of n rows
}

// demoTableOf reads the columns of model's table and the last id in it.
func (w *demoWriter) demoTableOf(model any) (*demoTable, error) {
	st := &gorm.Statement{DB: w.tx}
	if err := st.Parse(model); err != nil {
		return nil, err
	}
	t := &demoTable{name: st.Schema.Table, stmts: map[int]*sql.Stmt{}}
	if pk := st.Schema.PrioritizedPrimaryField; pk != nil && len(st.Schema.PrimaryFields) == 1 {
		t.id = pk
		t.fields = append(t.fields, pk)
		var last sql.NullInt64
		if err := w.tx.Table(t.name).Select("MAX(" + pk.DBName + ")").Row().Scan(&last); err != nil {
			return nil, err
		}
		t.next = uint(last.Int64) + 1
	}
	for _, name := range st.Schema.DBNames {
		if f := st.Schema.FieldsByDBName[name]; f != t.id && f.Creatable {
			t.fields = append(t.fields, f)
		}
	}
	return t, nil
}

// insert returns the prepared insert of n rows.
func (t *demoTable) insert(w *demoWriter, n int) (*sql.Stmt, error) {
	if s, ok := t.stmts[n]; ok {
		return s, nil
	}
	names := make([]string, len(t.fields))
	for i, f := range t.fields {
		names[i] = w.tx.Statement.Quote(f.DBName)
	}
	// The dialect writes the placeholders: ? for SQLite, $1, $2... for PostgreSQL.
	var b strings.Builder
	st := &gorm.Statement{DB: w.tx}
	fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", w.tx.Statement.Quote(t.name), strings.Join(names, ", "))
	for r := range n {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := range t.fields {
			if c > 0 {
				b.WriteString(", ")
			}
			st.Vars = append(st.Vars, nil)
			w.tx.Dialector.BindVarTo(&b, st, nil)
		}
		b.WriteByte(')')
	}
	s, err := w.tx.Statement.ConnPool.PrepareContext(w.tx.Statement.Context, b.String())
	if err != nil {
		return nil, err
	}
	t.stmts[n] = s
	return s, nil
}

func (t *demoTable) close() {
	for _, s := range t.stmts {
		s.Close()
	}
}

// finish tells PostgreSQL's id sequence where the numbering went, since
// the rows came with their ids; SQLite takes the next id from the table.
func (t *demoTable) finish(w *demoWriter) error {
	if t.id == nil || w.tx.Dialector.Name() != "postgres" || t.next <= 1 {
		return nil
	}
	return w.tx.Exec("SELECT setval(pg_get_serial_sequence(?, ?), ?)", t.name, t.id.DBName, t.next-1).Error
}

// demoWrite writes the models made from n rows, a batch at a time: model
// returns row i as the table's model, numbered tells row i the id it got.
func demoWrite[M any](w *demoWriter, n int, model func(i int) M, numbered func(i int, id uint)) error {
	if n == 0 {
		return nil
	}
	t, err := w.demoTableOf(new(M))
	if err != nil {
		return err
	}
	defer t.close()
	per := max(1, min(demoBatchRows, demoMaxVariables/len(t.fields)))
	args := make([]any, 0, per*len(t.fields))
	ctx := w.tx.Statement.Context
	for from := 0; from < n; from += per {
		to := min(from+per, n)
		args = args[:0]
		for i := from; i < to; i++ {
			m := model(i)
			rv := reflect.ValueOf(&m).Elem()
			if t.id != nil {
				if err := t.id.Set(ctx, rv, t.next); err != nil {
					return err
				}
				if numbered != nil {
					numbered(i, t.next)
				}
				t.next++
			}
			for _, f := range t.fields {
				v, _ := f.ValueOf(ctx, rv)
				args = append(args, v)
			}
		}
		stmt, err := t.insert(w, to-from)
		if err != nil {
			return err
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return translate(err)
		}
		if err := w.advance(to - from); err != nil {
			return err
		}
	}
	return t.finish(w)
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
