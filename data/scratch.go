package data

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// scratchPurposes are the kinds of scratch file a database may have beside it.
var scratchPurposes = []string{"demo", "backup", "copy"}

// sqliteCompanions are the files SQLite keeps beside a database it has open.
var sqliteCompanions = []string{"-wal", "-shm", "-journal"}

// Scratch is a hidden file beside a database that a command fills before
// moving it into place: ".plan.db.demo-123" for a new demo database,
// ".plan.db.backup-123" for a backup being written. Its writer holds a lock
// on it while it works; one that nobody holds was left by a run that was
// killed, and the next writing open of the database removes it.
type Scratch struct {
	// Name is the scratch file's path.
	Name string
	lock *os.File
}

// NewScratch creates an empty, locked scratch file beside the database at
// path, for purpose ("demo" or "backup").
func NewScratch(path, purpose string) (*Scratch, error) {
	f, err := createScratchFile(filepath.Dir(path), "."+filepath.Base(path)+"."+purpose+"-*")
	if err != nil {
		return nil, err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	// The descriptor stays open until Remove: closing it would drop the lock.
	return &Scratch{Name: f.Name(), lock: f}, nil
}

// Remove deletes whatever is left of the scratch file and its SQLite
// companions (after a move into place, only the companions) and lets go of
// its lock. Call it only once SQLite has closed the file.
func (s *Scratch) Remove() {
	removeWithCompanions(s.Name)
	if s.lock != nil {
		s.lock.Close()
		s.lock = nil
	}
}

// RemoveLeftovers deletes the scratch files beside the database at path
// that no running command holds, with their SQLite companions. Every
// writing open does it; so does a command about to create the database.
func RemoveLeftovers(path string) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !isScratchName(name, base) {
			continue
		}
		full := filepath.Join(dir, name)
		if companionOf(name) != "" {
			// A companion whose scratch file is gone is a leftover whatever holds it.
			if _, err := os.Stat(filepath.Join(dir, companionOf(name))); errors.Is(err, os.ErrNotExist) {
				os.Remove(full)
			}
			continue
		}
		if abandoned(full) {
			removeWithCompanions(full)
		}
	}
}

// isScratchName reports whether name is a scratch file of the database
// named base, or one of its companions.
func isScratchName(name, base string) bool {
	rest, ok := strings.CutPrefix(name, "."+base+".")
	if !ok {
		return false
	}
	for _, p := range scratchPurposes {
		if strings.HasPrefix(rest, p+"-") {
			return true
		}
	}
	return false
}

// companionOf is the database a companion file name belongs to, or "".
func companionOf(name string) string {
	for _, c := range sqliteCompanions {
		if db, ok := strings.CutSuffix(name, c); ok {
			return db
		}
	}
	return ""
}

// abandoned reports whether no running command holds the scratch file name.
func abandoned(name string) bool {
	f, err := openScratchFile(name)
	if err != nil {
		return false
	}
	defer f.Close()
	return lockFile(f) == nil
}

func removeWithCompanions(name string) {
	os.Remove(name)
	for _, c := range sqliteCompanions {
		os.Remove(name + c)
	}
}
