package data

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"
)

// How tens of thousands of new rows reach the database at once (the demo,
// a plan import): a statement of many rows, prepared once per table and
// batch size and run again for every batch, with ids given here in order.
// Through GORM each batch was parsed anew and handed its ids back row by
// row, which cost more than the writing.

const (
	bulkBatchRows = 500
	// bulkMaxVariables is SQLite's limit on bound values in one statement.
	bulkMaxVariables = 32766
)

// bulkTable is one table written in bulk within a transaction, with its
// columns in order.
type bulkTable struct {
	tx     *gorm.DB
	name   string
	fields []*schema.Field
	// id is the primary key the writer numbers, first among fields; nil
	// when the table has none of its own.
	id    *schema.Field
	next  uint              // the id the next row gets
	stmts map[int]*sql.Stmt // the insert of n rows
}

// newBulkTable reads the columns of model's table and the last id in it.
// Its statements run in tx without tx's context, which only the caller
// checks between batches: with a context that can be cancelled, the SQLite
// driver watches it from a goroutine of its own for every statement.
func newBulkTable(tx *gorm.DB, model any) (*bulkTable, error) {
	tx = tx.Session(&gorm.Session{Context: context.WithoutCancel(tx.Statement.Context)})
	st := &gorm.Statement{DB: tx}
	if err := st.Parse(model); err != nil {
		return nil, err
	}
	t := &bulkTable{tx: tx, name: st.Schema.Table, stmts: map[int]*sql.Stmt{}}
	if pk := st.Schema.PrioritizedPrimaryField; pk != nil && len(st.Schema.PrimaryFields) == 1 {
		t.id = pk
		t.fields = append(t.fields, pk)
		var last sql.NullInt64
		if err := tx.Table(t.name).Select("MAX(" + pk.DBName + ")").Row().Scan(&last); err != nil {
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

// perBatch is how many rows one statement writes without binding too many values.
func (t *bulkTable) perBatch() int { return max(1, min(bulkBatchRows, bulkMaxVariables/len(t.fields))) }

// insert returns the prepared insert of n rows.
func (t *bulkTable) insert(n int) (*sql.Stmt, error) {
	if s, ok := t.stmts[n]; ok {
		return s, nil
	}
	names := make([]string, len(t.fields))
	for i, f := range t.fields {
		names[i] = t.tx.Statement.Quote(f.DBName)
	}
	// The dialect writes the placeholders: ? for SQLite, $1, $2... for PostgreSQL.
	var b strings.Builder
	st := &gorm.Statement{DB: t.tx}
	fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", t.tx.Statement.Quote(t.name), strings.Join(names, ", "))
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
			t.tx.Dialector.BindVarTo(&b, st, nil)
		}
		b.WriteByte(')')
	}
	conn := t.tx.Statement.ConnPool
	if p, ok := conn.(*gorm.PreparedStmtTX); ok {
		conn = p.Tx // past the prepared-statement cache, which would keep every batch's statement to the commit
	}
	s, err := conn.PrepareContext(t.tx.Statement.Context, b.String())
	if err != nil {
		return nil, err
	}
	t.stmts[n] = s
	return s, nil
}

// close ends the table's statements and tells PostgreSQL's id sequence
// where the numbering went, since the rows came with their ids (SQLite
// takes the next id from the table).
func (t *bulkTable) close() error {
	for _, s := range t.stmts {
		s.Close()
	}
	t.stmts = map[int]*sql.Stmt{}
	if t.id == nil || t.tx.Dialector.Name() != "postgres" || t.next <= 1 {
		return nil
	}
	return t.tx.Exec("SELECT setval(pg_get_serial_sequence(?, ?), ?)", t.name, t.id.DBName, t.next-1).Error
}

// bulkWrite writes n models of t's table in one statement: model returns
// row i, numbered tells row i the id it got (when the table numbers its rows).
func bulkWrite[M any](t *bulkTable, n int, model func(i int) M, numbered func(i int, id uint)) error {
	ctx := t.tx.Statement.Context
	args := make([]any, 0, n*len(t.fields))
	for i := range n {
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
	stmt, err := t.insert(n)
	if err != nil {
		return err
	}
	if _, err := stmt.ExecContext(ctx, args...); err != nil {
		return translate(err)
	}
	return nil
}
