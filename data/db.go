package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Store is the Release Desk database: every read and every change goes through it.
type Store struct {
	db   *gorm.DB
	path string
	// Now is the clock used for history and recorded times; tests replace it.
	Now func() time.Time
	// readOnly is set for a store from OpenReadOnly: every write is refused.
	readOnly bool
	// readDSN opens the file for reading only, as the reading pool and the
	// background check do.
	readDSN string
	// checked is closed once the file check has a verdict, checkErr; writes wait for it.
	checked  chan struct{}
	checkErr error
	// upgradedFrom and upgradeBackup tell of a migration made when opening.
	upgradedFrom  int
	upgradeBackup string
	// readers is a second pool, read-only, opened on first use, so that
	// independent reads (the dashboard's parts) can run side by side: in
	// WAL mode readers do not wait for each other or for the writer.
	readers struct {
		once sync.Once
		db   *gorm.DB
		err  error
	}
	// server is set for a database on a PostgreSQL server, nil for a file.
	server *serverLink
	// who is the name history records for changes (see SetWho).
	who atomic.Value
	// own is what the store wrote, for its watchers (see Watch).
	own ownHistory
}

func gormConfig() *gorm.Config {
	return &gorm.Config{
		TranslateError: true,
		Logger:         logger.Discard,
		// To the microsecond, which is what PostgreSQL keeps: a plan reads the
		// same on a file and on a server.
		NowFunc:     func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) },
		PrepareStmt: true,
	}
}

// readersPool is how many read-only connections run reads side by side:
// one beside the main connection per core of the reference machine.
const readersPool = 2

// reading returns a view of the store whose reads go through the read-only
// pool, for work run beside other reads; it must never be asked to change
// anything (SQLite refuses: the connections are read-only). If the pool
// cannot be opened, the view reads through the main connection.
func (s *Store) reading() *Store {
	if s.server != nil {
		return s // a server's pool already reads side by side
	}
	s.readers.once.Do(func() {
		db, err := openGorm(sqlite.Open(s.readDSN))
		if err == nil {
			var sqlDB *sql.DB
			if sqlDB, err = db.DB(); err == nil {
				sqlDB.SetMaxOpenConns(readersPool)
				// Idle readers give their page cache back instead of holding it.
				sqlDB.SetConnMaxIdleTime(time.Minute)
			}
		}
		s.readers.db, s.readers.err = db, err
	})
	if s.readers.err != nil {
		return s
	}
	view := newStore(s.readers.db, s.path, s.readDSN)
	view.Now, view.readOnly = s.Now, true
	view.verdict(nil) // a view never writes, so it waits for no check
	view.readers.once.Do(func() { view.readers.err = errReadingView })
	return view
}

// errReadingView makes a reading view's own reading() return itself.
var errReadingView = errors.New("data: already a reading view")

// Path is the file the store was opened from, or the URL of its database
// on a server without the password (see Redacted).
func (s *Store) Path() string { return s.path }

// Close checkpoints the write-ahead log and closes the file.
func (s *Store) Close() error {
	// Readers go first, so the main connection is the last and checkpoints.
	var readersErr error
	s.readers.once.Do(func() {}) // no pool may open after this
	if s.readers.db != nil {
		if sqlDB, err := s.readers.db.DB(); err == nil {
			readersErr = sqlDB.Close()
		}
	}
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return errors.Join(sqlDB.Close(), readersErr)
}

// newStore wraps an opened pool; its file check has no verdict yet.
func newStore(db *gorm.DB, path, readDSN string) *Store {
	return &Store{db: db, path: path, Now: time.Now, readDSN: readDSN, checked: make(chan struct{})}
}

// storeModels are the models the store reads and writes through GORM.
var storeModels = []any{&Product{}, &Environment{}, &EnvironmentProduct{}, &Release{}, &Deployment{}, &Rollback{},
	&Stakeholder{}, &ReleaseStakeholder{}, &ChecklistItem{}, &TestRun{}, &FreezeWindow{}, &GoDecision{}, &Review{},
	&ActionItem{}, &History{}, &WorkItem{}, &Dependency{}, &Replan{}}

// openGorm opens a GORM session on d and has it work out every model's
// schema, relations included, one after the other before anything uses it.
// GORM keeps a schema in its cache before it has finished the schema's
// relations, so two first queries
// at once (the dashboard runs its rules beside the rest) could read a
// relation while the other was still writing it: the race detector caught
// it on a freshly opened server plan.
func openGorm(d gorm.Dialector) (*gorm.DB, error) {
	db, err := gorm.Open(d, gormConfig())
	if err != nil {
		return nil, err
	}
	for _, m := range storeModels {
		// An error here would come back from the first query of the model too.
		_ = (&gorm.Statement{DB: db}).Parse(m)
	}
	return db, nil
}

// verdict records the file check's result and lets waiting writes go on.
func (s *Store) verdict(err error) {
	s.checkErr = err
	close(s.checked)
}

// Verified waits for the check of the file that opening started and returns
// its verdict: nil, or a *DamagedError (see VerifyLater).
func (s *Store) Verified(ctx context.Context) error {
	select {
	case <-s.checked:
		return s.checkErr
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ReadOnly reports whether the store was opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// dsn opens path for reading and writing: WAL, foreign keys, and
// transactions that take the write lock at BEGIN so they never deadlock.
func dsn(path string) string {
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	// The writer's own wait is short: writeTx tries again until busyWait.
	q.Set("_busy_timeout", fmt.Sprint(writerBusyPoll.Milliseconds()))
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "immediate")
	return fileURI(path, q)
}

// readerDSN opens the database read-only for the reading pool, waiting for
// a busy database like the main connection.
func readerDSN(path string) string {
	q := url.Values{}
	q.Set("mode", "ro")
	q.Set("_busy_timeout", busyMillis())
	return fileURI(path, q)
}

// queryOnlyDSN opens path able to write but refusing to, so that SQLite
// makes and, on the last close, removes its -wal and -shm files itself.
func queryOnlyDSN(path string) string {
	q := url.Values{}
	q.Set("_query_only", "1")
	q.Set("_busy_timeout", busyMillis())
	return fileURI(path, q)
}

// lookDSN opens path strictly read-only; immutable, for a file nobody has
// open, SQLite makes no files beside it, which a read-only folder needs.
func lookDSN(path string, immutable bool) string {
	q := url.Values{}
	q.Set("mode", "ro")
	q.Set("_busy_timeout", busyMillis())
	if immutable {
		q.Set("immutable", "1")
	}
	return fileURI(path, q)
}

func busyMillis() string { return fmt.Sprint(busyWait.Milliseconds()) }

// writerBusyPoll is how long SQLite itself waits for the write lock in one
// try of writeTx.
const writerBusyPoll = 20 * time.Millisecond

func fileURI(path string, q url.Values) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// tx runs fn in one transaction: the change and its history land together
// or not at all. It waits for the file check first, refuses to write to a
// read-only or damaged store, and names a database held by another writer as busy.
func (s *Store) tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	if s.readOnly {
		return fmt.Errorf("%s was opened read-only: %w", s.path, ErrReadOnly)
	}
	if err := s.Verified(ctx); err != nil {
		return err
	}
	if s.server != nil {
		return s.serverTx(ctx, fn) // a server tells its own announcements apart itself
	}
	var written []int64
	ctx = context.WithValue(ctx, historyWrittenKey{}, &written)
	err := s.writeTx(ctx, fn)
	if err == nil {
		s.own.wrote(written)
	}
	return err
}

// writeTx runs fn in one transaction on the file, waiting up to busyWait
// for the write lock. SQLite's own wait sleeps longer and longer between
// tries, so a writer that waits loses every race to writers that keep
// coming back at once; trying again every few milliseconds, at random,
// gives each writer its turn. Only a transaction that could not begin is
// tried again: fn has not run.
func (s *Store) writeTx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	deadline := time.Now().Add(busyWait)
	for {
		ran := false
		err := busy(s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			ran = true
			return fn(tx)
		}))
		if !errors.Is(err, ErrBusy) || ran || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(1+rand.IntN(8)) * time.Millisecond):
		}
	}
}

// read returns a session for queries bound to ctx.
//
// On SQLite its queries get ctx's values but not its cancellation: given a
// context that can be cancelled, the driver (mattn/go-sqlite3) steps every
// row on a goroutine of its own and waits for it on a channel, and a
// million-row export spent more time handing rows between threads (23 s of
// system time) than reading them. A context already cancelled still stops
// the query before it starts, and the long reads (eachChunk, check's
// streams) look at ctx between pages of rows.
func (s *Store) read(ctx context.Context) *gorm.DB {
	if s.server != nil {
		return s.db.WithContext(ctx)
	}
	db := s.db.WithContext(context.WithoutCancel(ctx))
	if err := ctx.Err(); err != nil {
		db.AddError(err)
	}
	return db
}

// notFound turns GORM's missing-row error into ErrNotFound, naming what was sought.
func notFound(err error, what string, id any) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("%s %v: %w", what, id, ErrNotFound)
	}
	return err
}
