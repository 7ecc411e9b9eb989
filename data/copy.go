package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Copy moves a whole plan between a file and a server (either way, or file
// to file): every row of every table, ids kept, in one transaction on the
// target, with the rows of each table counted on both sides before the
// copy is kept. A file target is written under a hidden name and moved into
// place only when complete; a server target gets its sequences set past the
// copied ids. The target must hold no plan: a new file, an empty file, an
// empty database on a server, or one that only has Release Desk's empty tables.

// ErrTargetNotEmpty means a copy was asked to go where a plan already is.
var ErrTargetNotEmpty = errors.New("the target already holds a plan; copy only into a new or empty database")

// CopyReport says what Copy copied: rows per table, in the order copied.
type CopyReport struct {
	From, To string // locations as they may be shown
	Tables   []TableCount
}

// TableCount is the number of rows of one table.
type TableCount struct {
	Table string
	Rows  int64
}

// Total is the number of rows copied.
func (r CopyReport) Total() int64 {
	var n int64
	for _, t := range r.Tables {
		n += t.Rows
	}
	return n
}

// copyTables are every table of a plan, each after those it refers to.
var copyTables = []struct {
	name string
	copy func(ctx context.Context, src, dst *gorm.DB, p *copyProgress) (int64, error)
}{
	{"database_identity", copyRows[v4DatabaseIdentity]},
	{"products", copyRows[Product]},
	{"environments", copyRows[Environment]},
	{"stakeholders", copyRows[Stakeholder]},
	{"releases", copyRows[Release]},
	{"deployments", copyRows[Deployment]},
	{"rollbacks", copyRows[Rollback]},
	{"release_stakeholders", copyRows[ReleaseStakeholder]},
	{"checklist_items", copyRows[ChecklistItem]},
	{"test_runs", copyRows[TestRun]},
	{"freeze_windows", copyRows[FreezeWindow]},
	{"freeze_window_environments", copyPairs("freeze_window_environments", "freeze_window_id, environment_id")},
	{"environment_products", copyPairs("environment_products", "environment_id, product_id")},
	{"go_decisions", copyRows[GoDecision]},
	{"reviews", copyRows[Review]},
	{"action_items", copyRows[ActionItem]},
	{"work_items", copyRows[WorkItem]},
	{"dependencies", copyRows[Dependency]},
	{"replans", copyRows[Replan]},
	{"history", copyRows[History]},
}

// copyBatch is how many rows go in one insert: few enough for PostgreSQL's
// limit on parameters in one statement, whatever the table.
const copyBatch = 500

// copyProgress tells the caller's progress function of each batch copied.
type copyProgress struct {
	done, total int64
	report      func(done, total int64)
}

func (p *copyProgress) add(n int64) {
	p.done += n
	if p.report != nil {
		p.report(p.done, p.total)
	}
}

// Copy copies the plan at from into to (each a file path or a PostgreSQL
// URL). from is only read; it must have this version's layout. Nothing is
// left at to when the copy fails or ctx ends first. progress, when set, is
// told how many rows of how many are copied, on the caller's goroutine.
func Copy(ctx context.Context, from, to string, progress func(done, total int64)) (CopyReport, error) {
	report := CopyReport{From: Redacted(from), To: Redacted(to)}
	if sameLocation(from, to) {
		return report, fmt.Errorf("%s: a plan cannot be copied onto itself", report.To)
	}
	src, err := OpenReadOnly(ctx, from)
	if err != nil {
		return report, err
	}
	defer src.Close()
	return CopyFrom(ctx, src, to, progress)
}

// CopyFrom is Copy from the open store src, as the window copies the plan it shows.
func CopyFrom(ctx context.Context, src *Store, to string, progress func(done, total int64)) (CopyReport, error) {
	report := CopyReport{From: src.path, To: Redacted(to)}
	if src.server == nil && !IsServerLocation(to) && sameLocation(src.path, to) {
		return report, fmt.Errorf("%s: a plan cannot be copied onto itself", report.To)
	}
	var err error
	p := &copyProgress{report: progress}
	if IsServerLocation(to) {
		report.Tables, err = copyToServer(ctx, src, to, p)
	} else {
		report.Tables, err = copyToFile(ctx, src, to, p)
	}
	return report, err
}

// copyToServer copies into the database at the URL to, which must be empty.
func copyToServer(ctx context.Context, src *Store, to string, p *copyProgress) ([]TableCount, error) {
	dst, err := Open(ctx, to)
	if err != nil {
		return nil, err
	}
	defer dst.Close()
	return copyInto(ctx, src, dst, p)
}

// copyToFile copies into a scratch file beside path and moves it into place.
func copyToFile(ctx context.Context, src *Store, path string, p *copyProgress) ([]TableCount, error) {
	info, err := os.Stat(path)
	emptyThere := err == nil && info.Mode().IsRegular() && info.Size() == 0
	switch {
	case err == nil && info.IsDir():
		return nil, fmt.Errorf("%s is a folder, not a database file", path)
	case err == nil && info.Size() > 0:
		return nil, fmt.Errorf("%s: %w", path, ErrTargetNotEmpty)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	RemoveLeftovers(path)
	scratch, err := NewScratch(path, "copy")
	if err != nil {
		return nil, err
	}
	defer scratch.Remove()
	dst, err := Open(ctx, scratch.Name)
	if err != nil {
		return nil, err
	}
	counts, err := copyInto(ctx, src, dst, p)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	if nonEmpty(scratch.Name + "-wal") {
		return nil, fmt.Errorf("%s: the copy's log was not written back; nothing was kept", path)
	}
	if err := syncFile(scratch.Name); err != nil {
		return nil, err
	}
	if emptyThere { // take the empty file's place
		if err := os.Remove(path); err != nil {
			return nil, err
		}
	}
	if err := placeWithoutReplacing(scratch.Name, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("%s was written by someone else meanwhile: %w", path, ErrTargetNotEmpty)
		}
		return nil, err
	}
	return counts, nil
}

// copyInto copies every table of src into the empty store dst in one
// transaction of dst's, read from one consistent view of src.
func copyInto(ctx context.Context, src, dst *Store, p *copyProgress) ([]TableCount, error) {
	var counts []TableCount
	var snapshot []*sql.TxOptions
	if src.server != nil {
		// One view of the plan however long the copy takes, as others write on.
		snapshot = append(snapshot, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	}
	// A file is read through the read-only pool, so the copy holds no write lock.
	err := src.reading().db.WithContext(ctx).Transaction(func(read *gorm.DB) error {
		return dst.tx(ctx, func(write *gorm.DB) error {
			if err := requireEmptyPlan(write, dst.path); err != nil {
				return err
			}
			want := map[string]int64{}
			for _, t := range copyTables {
				var n int64
				if err := read.Table(t.name).Count(&n).Error; err != nil {
					return err
				}
				want[t.name], p.total = n, p.total+n
			}
			// The migration gave the new database an identity; the plan keeps its own.
			if err := write.Where("1 = 1").Delete(&v4DatabaseIdentity{}).Error; err != nil {
				return err
			}
			for _, t := range copyTables {
				n, err := t.copy(ctx, read, write, p)
				if err != nil {
					return fmt.Errorf("copy %s: %w", t.name, err)
				}
				var got int64
				if err := write.Table(t.name).Count(&got).Error; err != nil {
					return err
				}
				if n != want[t.name] || got != want[t.name] {
					return fmt.Errorf("copy %s: %d rows there, %d read, %d written; nothing was kept", t.name, want[t.name], n, got)
				}
				counts = append(counts, TableCount{Table: t.name, Rows: got})
			}
			if dst.server != nil {
				return resetSequences(write)
			}
			return nil
		})
	}, snapshot...)
	return counts, err
}

// requireEmptyPlan refuses a target that holds any row of a plan.
func requireEmptyPlan(tx *gorm.DB, shown string) error {
	for _, t := range copyTables {
		if t.name == "database_identity" {
			continue
		}
		var one []int
		if err := tx.Table(t.name).Select("1").Limit(1).Scan(&one).Error; err != nil {
			return err
		}
		if len(one) > 0 {
			return fmt.Errorf("%s has %s: %w", shown, strings.ReplaceAll(t.name, "_", " "), ErrTargetNotEmpty)
		}
	}
	return nil
}

// copyRows copies the rows of T's table from src to dst in id order, ids
// kept, and returns how many it copied.
func copyRows[T any](ctx context.Context, src, dst *gorm.DB, p *copyProgress) (int64, error) {
	var copied int64
	var rows []T
	err := src.Omit(clause.Associations).Order("id").FindInBatches(&rows, copyBatch, func(batch *gorm.DB, _ int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := dst.Omit(clause.Associations).Create(&rows).Error; err != nil {
			return translate(err)
		}
		copied += batch.RowsAffected
		p.add(batch.RowsAffected)
		return ctx.Err()
	}).Error
	return copied, err
}

// copyPairs copies a table that links two records (a freeze window's
// environments, the products an environment is kept for), in order.
func copyPairs(table, order string) func(ctx context.Context, src, dst *gorm.DB, p *copyProgress) (int64, error) {
	return func(ctx context.Context, src, dst *gorm.DB, p *copyProgress) (int64, error) {
		var pairs []map[string]any
		if err := src.Table(table).Order(order).Find(&pairs).Error; err != nil {
			return 0, err
		}
		for start := 0; start < len(pairs); start += copyBatch {
			if err := dst.Table(table).Create(pairs[start:min(start+copyBatch, len(pairs))]).Error; err != nil {
				return 0, err
			}
		}
		p.add(int64(len(pairs)))
		return int64(len(pairs)), ctx.Err()
	}
}

// resetSequences sets each table's id sequence past its highest id, so the
// next row a person adds does not collide with a copied one.
func resetSequences(tx *gorm.DB) error {
	for _, t := range copyTables {
		switch t.name {
		case "database_identity", "freeze_window_environments", "environment_products":
			continue
		}
		err := tx.Exec("SELECT setval(pg_get_serial_sequence(?, 'id'), COALESCE(MAX(id), 0) + 1, false) FROM "+t.name, t.name).Error
		if err != nil {
			return fmt.Errorf("reset the ids of %s: %w", t.name, err)
		}
	}
	return nil
}

// sameLocation reports whether from and to name the same database.
func sameLocation(from, to string) bool {
	if IsServerLocation(from) || IsServerLocation(to) {
		return strings.EqualFold(Redacted(from), Redacted(to))
	}
	a, errA := os.Stat(from)
	b, errB := os.Stat(to)
	return errA == nil && errB == nil && os.SameFile(a, b)
}
