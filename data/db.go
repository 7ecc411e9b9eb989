package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"sync"
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
	// readers is a second pool, read-only, opened on first use, so that
	// independent reads (the dashboard's parts) can run side by side: in
	// WAL mode readers do not wait for each other or for the writer.
	readers struct {
		once sync.Once
		db   *gorm.DB
		err  error
	}
}

var sqliteMagic = []byte("SQLite format 3\x00")

// Open opens the database at path, creating it when it does not exist and
// migrating it to the current schema. A file that is not a Release Desk
// database, or whose schema is newer than this program, is refused and left
// untouched. Before a migration changes an existing file, a copy is kept
// beside it (see BackupPath).
func Open(ctx context.Context, path string) (*Store, error) {
	state, err := inspect(path)
	if err != nil {
		return nil, err
	}
	db, err := gorm.Open(sqlite.Open(dsn(path, false)), gormConfig())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	// One connection: SQLite has one writer, and this keeps transactions from
	// waiting on each other inside the program.
	sqlDB.SetMaxOpenConns(1)
	s := &Store{db: db, path: path, Now: time.Now}
	if state.applied > 0 && state.applied < len(migrations) {
		if err := s.backup(BackupPath(path, state.applied)); err != nil {
			s.Close()
			return nil, err
		}
	}
	if err := migrate(db); err != nil {
		s.Close()
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	return s, nil
}

func gormConfig() *gorm.Config {
	return &gorm.Config{
		TranslateError: true,
		Logger:         logger.Discard,
		NowFunc:        func() time.Time { return time.Now().UTC() },
		PrepareStmt:    true,
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
	s.readers.once.Do(func() {
		db, err := gorm.Open(sqlite.Open(readerDSN(s.path)), gormConfig())
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
	view := &Store{db: s.readers.db, path: s.path, Now: s.Now}
	view.readers.once.Do(func() { view.readers.err = errReadingView })
	return view
}

// errReadingView makes a reading view's own reading() return itself.
var errReadingView = errors.New("data: already a reading view")

// Path is the file the store was opened from.
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

// BackupPath is where the copy taken before migrating from schema version v goes.
func BackupPath(path string, v int) string {
	return fmt.Sprintf("%s.schema%d.bak", path, v)
}

func (s *Store) backup(to string) error {
	_ = os.Remove(to)
	// VACUUM INTO writes a consistent copy, WAL contents included.
	if err := s.db.Exec("VACUUM INTO ?", to).Error; err != nil {
		return fmt.Errorf("copy %s before migrating: %w", s.path, err)
	}
	return nil
}

func dsn(path string, readOnly bool) string {
	q := url.Values{}
	if readOnly {
		q.Set("mode", "ro")
	} else {
		q.Set("_foreign_keys", "on")
		q.Set("_busy_timeout", "5000")
		q.Set("_journal_mode", "WAL")
		q.Set("_synchronous", "NORMAL")
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// readerDSN opens the database read-only for the reading pool; unlike
// dsn(path, true), it waits for a busy database like the main connection.
func readerDSN(path string) string {
	q := url.Values{}
	q.Set("mode", "ro")
	q.Set("_busy_timeout", "5000")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// fileState is what inspect learned about a database file before opening it.
type fileState struct {
	applied int // migrations already applied; 0 for a new file
}

// inspect reads an existing file without changing it, to refuse foreign or
// newer files before SQLite opens it for writing.
func inspect(path string) (fileState, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return fileState{}, nil
	}
	if err != nil {
		return fileState{}, err
	}
	head := make([]byte, len(sqliteMagic))
	n, err := io.ReadFull(f, head)
	f.Close()
	if n == 0 && (err == io.EOF) {
		return fileState{}, nil // an empty file becomes a new database
	}
	if err != nil || !bytes.Equal(head, sqliteMagic) {
		return fileState{}, fmt.Errorf("%s: %w", path, ErrNotReleaseDesk)
	}
	// A read-only look at a WAL file still makes -wal and -shm files; remove
	// the ones this look created so a refused file is left as it was found.
	for _, side := range []string{path + "-wal", path + "-shm"} {
		if _, err := os.Stat(side); errors.Is(err, os.ErrNotExist) {
			defer removeIfEmptyLog(side, path+"-wal")
		}
	}
	db, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		return fileState{}, err
	}
	defer db.Close()
	var tables int
	if err := db.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'table'").Scan(&tables); err != nil {
		return fileState{}, fmt.Errorf("%s: %w", path, ErrNotReleaseDesk)
	}
	if tables == 0 {
		return fileState{}, nil
	}
	rows, err := db.Query("SELECT id FROM " + migrationTable)
	if err != nil {
		return fileState{}, fmt.Errorf("%s: %w", path, ErrNotReleaseDesk)
	}
	defer rows.Close()
	known := map[string]bool{}
	for _, m := range migrations {
		known[m.ID] = true
	}
	var st fileState
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return fileState{}, err
		}
		if !known[id] {
			return fileState{}, fmt.Errorf("%s: %w (schema %s); install a newer Release Desk to open it", path, ErrNewerSchema, id)
		}
		st.applied++
	}
	return st, rows.Err()
}

// removeIfEmptyLog deletes side, a file made by a read-only look, when the
// write-ahead log wal holds nothing (so no data lives only there).
func removeIfEmptyLog(side, wal string) {
	if st, err := os.Stat(wal); err == nil && st.Size() > 0 {
		return
	}
	_ = os.Remove(side)
}

// tx runs fn in one transaction: the change and its history land together or not at all.
func (s *Store) tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.db.WithContext(ctx).Transaction(fn)
}

// read returns a session for queries bound to ctx.
func (s *Store) read(ctx context.Context) *gorm.DB {
	return s.db.WithContext(ctx)
}

// notFound turns GORM's missing-row error into ErrNotFound, naming what was sought.
func notFound(err error, what string, id any) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("%s %v: %w", what, id, ErrNotFound)
	}
	return err
}
