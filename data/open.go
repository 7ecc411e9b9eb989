package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/driver/sqlite"
)

// Verify says when opening a database runs SQLite's quick check of the file.
type Verify int

const (
	// VerifyNow checks before the open returns: a damaged file is refused.
	VerifyNow Verify = iota
	// VerifyLater checks in the background so that a window can show at once;
	// every write waits for the verdict, and Store.Verified returns it.
	VerifyLater
	// VerifySkip does not check. Only a read-only open may skip, and only
	// for SQLite's full integrity check, which the caller runs itself.
	VerifySkip
)

// OpenOptions says what opening a database may do to the file.
type OpenOptions struct {
	// ReadOnly never writes: nothing is created, migrated or swept, and a
	// file with an older schema is refused with an *UpgradeError.
	ReadOnly bool
	// Create turns a missing or empty file into a new database; without it
	// such a file is refused with ErrNoDatabase.
	Create bool
	// Verify is when the file is checked for damage.
	Verify Verify
	// CheckAfter, when set, holds a VerifyLater check back until it is
	// closed: the window closes it once its first frame is up, so the check
	// of a big file (a second of reading) does not slow the window's start.
	CheckAfter <-chan struct{}
}

// busyWait is how long the store waits for another program's write lock
// before giving up with ErrBusy; tests shorten it.
var busyWait = 5 * time.Second

var sqliteMagic = []byte("SQLite format 3\x00")

// Open opens the database at path for reading and writing, creating it when
// it is missing or empty and migrating an older schema after taking a
// numbered backup (see Backups). It refuses, and leaves untouched, a file
// that is not a Release Desk database, is damaged, has a newer schema, is
// busy with another writer's migration, or cannot be written where it is.
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, OpenOptions{Create: true})
}

// OpenExisting is Open for a database that must already exist: a missing
// or empty file is ErrNoDatabase rather than a new database.
func OpenExisting(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, OpenOptions{})
}

// OpenReadOnly opens an existing database without ever writing to it, for
// commands that only read (check, export). An older schema is an
// *UpgradeError; a database in a folder that cannot be written is read as it is.
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, OpenOptions{ReadOnly: true})
}

// OpenWith opens the database at path as opt allows; Open, OpenExisting and
// OpenReadOnly are its common forms.
func OpenWith(ctx context.Context, path string, opt OpenOptions) (*Store, error) {
	switch {
	case opt.ReadOnly && opt.Create:
		return nil, errors.New("data: a read-only open cannot create a database")
	case opt.Verify == VerifySkip && !opt.ReadOnly:
		return nil, errors.New("data: only a read-only open may skip the file check")
	}
	if IsServerLocation(path) {
		return openServer(ctx, path, opt)
	}
	look, err := inspect(ctx, path, opt.Verify == VerifyNow)
	if err != nil {
		return nil, err
	}
	switch {
	case look.empty && !opt.Create:
		return nil, fmt.Errorf("%s is empty: %w", path, ErrNotReleaseDesk)
	case !look.exists && !opt.Create:
		return nil, fmt.Errorf("%w: %s", ErrNoDatabase, path)
	case opt.ReadOnly && look.tables == 0:
		return nil, fmt.Errorf("%s holds no tables: %w", path, ErrNotReleaseDesk)
	case opt.ReadOnly && look.applied < len(migrations):
		return nil, &UpgradeError{Path: path, Schema: look.applied, Current: len(migrations)}
	case opt.ReadOnly:
		return openReading(ctx, path, look, opt.Verify == VerifyLater, opt.CheckAfter)
	}
	if err := requireWritable(path, look.exists); err != nil {
		return nil, err
	}
	RemoveLeftovers(path)
	s, err := openWriting(path)
	if err != nil {
		return nil, err
	}
	verified := look.verified || !look.exists
	if look.exists && look.tables > 0 && look.applied < len(migrations) {
		// Migrating writes, so the file must pass the check first.
		if !verified {
			if err := s.quickCheck(ctx); err != nil {
				s.Close()
				return nil, err
			}
			verified = true
		}
		if err := s.upgrade(ctx, look.applied); err != nil {
			s.Close()
			return nil, err
		}
	} else if !look.exists || look.tables == 0 {
		if err := s.migrate(ctx); err != nil {
			s.Close()
			return nil, err
		}
	}
	if verified {
		s.verdict(nil)
	} else {
		go s.checkLater(ctx, opt.CheckAfter)
	}
	return s, nil
}

// checkLater runs the file check once after is closed (at once when nil)
// and records its verdict.
func (s *Store) checkLater(ctx context.Context, after <-chan struct{}) {
	if after != nil {
		<-after
	}
	s.verdict(s.quickCheck(context.WithoutCancel(ctx)))
}

// openWriting opens the main, single-connection pool that reads and writes.
func openWriting(path string) (*Store, error) {
	db, err := openGorm(sqlite.Open(dsn(path)))
	if err != nil {
		return nil, openError(path, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	// One connection: SQLite has one writer, and this keeps transactions from
	// waiting on each other inside the program.
	sqlDB.SetMaxOpenConns(1)
	s := newStore(db, path, readerDSN(path))
	return s, nil
}

// openReading opens a store that cannot write, for read-only commands.
func openReading(ctx context.Context, path string, look fileLook, later bool, after <-chan struct{}) (*Store, error) {
	source := queryOnlyDSN(path)
	if look.walPending || !writable(filepath.Dir(path)) {
		// SQLite must not fold the log in on close, or cannot make its files here.
		source = lookDSN(path, look.immutable)
	}
	db, err := openGorm(sqlite.Open(source))
	if err != nil {
		return nil, openError(path, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetMaxOpenConns(readersPool)
	s := newStore(db, path, source)
	s.readOnly = true
	switch {
	case look.verified:
		s.verdict(nil)
	case later:
		go s.checkLater(ctx, after)
	default:
		s.verdict(nil) // VerifySkip: the caller runs the full check
	}
	return s, nil
}

// openError explains why SQLite would not open path.
func openError(path string, err error) error {
	switch sqliteCode(err) {
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		return ErrBusy
	case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
		return &DamagedError{Path: path, Detail: err.Error(), Backup: LatestBackup(path)}
	case sqlite3.ErrCantOpen, sqlite3.ErrReadonly, sqlite3.ErrPerm:
		if !writable(filepath.Dir(path)) {
			return &ReadOnlyError{Path: path, Reason: "its folder " + filepath.Dir(path) + " is read-only"}
		}
	}
	return fmt.Errorf("open %s: %w", path, err)
}

// requireWritable refuses a writing open where SQLite could not write: a
// read-only file, or a folder where it cannot keep its log beside the file.
func requireWritable(path string, exists bool) error {
	dir := filepath.Dir(path)
	if !writable(dir) {
		return &ReadOnlyError{Path: path, Reason: "its folder " + dir + " is read-only"}
	}
	if exists && !writable(path) {
		return &ReadOnlyError{Path: path, Reason: "the file is read-only"}
	}
	return nil
}

// fileLook is what inspect learned about a database file before opening it.
type fileLook struct {
	exists     bool // a non-empty file is there
	empty      bool // an empty file is there
	tables     int  // tables in the file; 0 for a new or empty one
	applied    int  // migrations already applied
	verified   bool // SQLite's quick check passed
	immutable  bool // read with immutable=1: nobody has it open
	walPending bool // its write-ahead log holds changes not yet folded in
}

// inspect reads an existing file without writing anything, to refuse
// foreign, damaged or newer files before SQLite opens it for writing. With
// verify it also runs SQLite's quick check.
func inspect(ctx context.Context, path string, verify bool) (fileLook, error) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fileLook{}, nil
	case err != nil:
		return fileLook{}, err
	case info.IsDir():
		return fileLook{}, fmt.Errorf("%s is a folder, not a database file", path)
	case info.Size() == 0:
		return fileLook{empty: true}, nil // a new database, when creating one
	}
	if err := checkMagic(path); err != nil {
		return fileLook{}, err
	}
	look := fileLook{exists: true, walPending: nonEmpty(path + "-wal")}
	// Every open WAL connection keeps the -shm index; without one nobody has
	// the file open, so it can be read as unchanging, which creates no files.
	look.immutable = !exists(path+"-shm") && !look.walPending
	db, err := sql.Open("sqlite3", lookDSN(path, look.immutable))
	if err != nil {
		return fileLook{}, err
	}
	defer db.Close()
	damaged := func(err error) error {
		return &DamagedError{Path: path, Detail: err.Error(), Backup: LatestBackup(path)}
	}
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'table'").Scan(&look.tables); err != nil {
		switch sqliteCode(err) {
		case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
			return fileLook{}, damaged(err)
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return fileLook{}, ErrBusy
		case sqlite3.ErrCantOpen:
			return fileLook{}, &ReadOnlyError{Path: path, Reason: "its log " + path + "-wal cannot be read from a read-only folder"}
		}
		return fileLook{}, fmt.Errorf("read %s: %w", path, err)
	}
	if verify {
		if err := quickCheck(ctx, db, path); err != nil {
			return fileLook{}, err
		}
		look.verified = true
	}
	if look.tables == 0 {
		return look, nil
	}
	if look.applied, err = appliedMigrations(ctx, db, path); err != nil {
		if sqliteCode(err) == sqlite3.ErrCorrupt {
			return fileLook{}, damaged(err)
		}
		return fileLook{}, err
	}
	return look, nil
}

// appliedMigrations counts the migrations recorded in the file, refusing
// one without the table and one that knows migrations this program does not.
func appliedMigrations(ctx context.Context, db *sql.DB, path string) (int, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM "+migrationTable)
	if err != nil {
		if sqliteCode(err) == sqlite3.ErrCorrupt {
			return 0, err
		}
		return 0, fmt.Errorf("%s: %w", path, ErrNotReleaseDesk)
	}
	defer rows.Close()
	known := map[string]bool{}
	for _, m := range migrations {
		known[m.ID] = true
	}
	applied := 0
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return 0, err
		}
		if !known[id] {
			return 0, fmt.Errorf("%s: %w (schema %s); install a newer Release Desk to open it", path, ErrNewerSchema, id)
		}
		applied++
	}
	return applied, rows.Err()
}

// checkMagic refuses a file that does not start like an SQLite database.
func checkMagic(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, sqliteMagic) {
		return fmt.Errorf("%s: %w", path, ErrNotReleaseDesk)
	}
	return nil
}

// quickCheck runs SQLite's quick check of the file through db and returns a
// *DamagedError naming its first complaint, or nil when the file is sound.
func quickCheck(ctx context.Context, db *sql.DB, path string) error {
	var verdict string
	err := db.QueryRowContext(ctx, "PRAGMA quick_check(1)").Scan(&verdict)
	switch {
	case err == nil && verdict == "ok":
		return nil
	case err == nil:
		// SQLite heads its report with the schema's name, on a line of its own.
		detail := strings.TrimSpace(strings.TrimPrefix(verdict, "*** in database main ***"))
		return &DamagedError{Path: path, Detail: strings.Join(strings.Fields(detail), " "), Backup: LatestBackup(path)}
	case sqliteCode(err) == sqlite3.ErrCorrupt || sqliteCode(err) == sqlite3.ErrNotADB:
		return &DamagedError{Path: path, Detail: err.Error(), Backup: LatestBackup(path)}
	case sqliteCode(err) == sqlite3.ErrBusy:
		return ErrBusy
	}
	return fmt.Errorf("check %s: %w", path, err)
}

// quickCheck checks the store's file through a connection of its own, so
// the window's reads go on meanwhile.
func (s *Store) quickCheck(ctx context.Context) error {
	db, err := sql.Open("sqlite3", s.readDSN)
	if err != nil {
		return err
	}
	defer db.Close()
	return quickCheck(ctx, db, s.path)
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func nonEmpty(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Size() > 0
}
