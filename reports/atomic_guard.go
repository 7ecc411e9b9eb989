package reports

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// ErrOutputIsDatabase marks an export refused because its file is a
// database (or a database's companion): writing it would lose the data.
var ErrOutputIsDatabase = errors.New("an export never replaces a database")

// databaseCompanions are the files SQLite keeps beside a database while it
// is open or in the middle of a transaction.
var databaseCompanions = []string{"-wal", "-shm", "-journal"}

var sqliteHeader = []byte("SQLite format 3\x00")

// databasePath is what a store that reads a file tells; *data.Store does.
type databasePath interface{ Path() string }

// databaseOf names the database file src reads, when it reads one.
func databaseOf(src any) []string {
	if d, ok := src.(databasePath); ok && d.Path() != "" {
		return []string{d.Path()}
	}
	return nil
}

// CheckOutput refuses an export file that would replace a database: one of
// databases or its -wal, -shm or -journal companion, compared by file
// identity (os.SameFile, so "x/../plan.db", a symbolic link or another
// spelling of the same file is caught), or any existing file that is an
// SQLite database or the companion of one. The error wraps
// ErrOutputIsDatabase and nothing has been written.
func CheckOutput(out string, databases ...string) error {
	refuse := func(what string) error {
		return fmt.Errorf("%s is %s; choose another file (%w)", out, what, ErrOutputIsDatabase)
	}
	outInfo, outErr := os.Stat(out) // follows links: the file a write would reach
	for _, db := range databases {
		dbInfo, err := os.Stat(db)
		if err != nil {
			continue
		}
		if outErr == nil && os.SameFile(outInfo, dbInfo) {
			return refuse("the database being exported")
		}
		if isCompanionOf(out, outInfo, db) {
			return refuse("a companion file of the database being exported")
		}
	}
	if outErr == nil && outInfo.Mode().IsRegular() && isSQLite(out) {
		return refuse("a database")
	}
	for _, suffix := range databaseCompanions {
		base := filepath.Base(out)
		if len(base) > len(suffix) && strings.EqualFold(base[len(base)-len(suffix):], suffix) &&
			isSQLite(filepath.Join(filepath.Dir(out), base[:len(base)-len(suffix)])) {
			return refuse("a companion file of a database")
		}
	}
	return nil
}

// isCompanionOf tells whether out is one of db's companion files: the same
// file when both exist, otherwise the companion's name in the same folder
// (by folder identity; names without regard to case, as on Windows and macOS).
func isCompanionOf(out string, outInfo os.FileInfo, db string) bool {
	names := []string{db}
	if real, err := filepath.EvalSymlinks(db); err == nil && real != db {
		names = append(names, real) // SQLite keeps companions beside the real file
	}
	for _, name := range names {
		for _, suffix := range databaseCompanions {
			companion := name + suffix
			if outInfo != nil {
				if ci, err := os.Stat(companion); err == nil && os.SameFile(outInfo, ci) {
					return true
				}
			}
			if strings.EqualFold(filepath.Base(out), filepath.Base(companion)) && sameFolder(out, companion) {
				return true
			}
		}
	}
	return false
}

// sameFolder tells whether a and b are named in the same folder, by the
// folder's identity.
func sameFolder(a, b string) bool {
	ai, errA := os.Stat(filepath.Dir(a))
	bi, errB := os.Stat(filepath.Dir(b))
	return errA == nil && errB == nil && os.SameFile(ai, bi)
}

// isSQLite tells whether path is a file that starts as an SQLite database does.
func isSQLite(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	if _, err := io.ReadFull(f, head); err != nil {
		return false
	}
	return bytes.Equal(head, sqliteHeader)
}
