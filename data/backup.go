package data

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// Before a migration changes an existing file, a whole copy of it is kept
// beside it: FILE.schemaV.bak for the first copy taken from schema version
// V, then FILE.schemaV.2.bak, FILE.schemaV.3.bak and so on. A backup is
// written under a hidden scratch name and linked into place only when
// complete, so it never overwrites another backup and is never left half-written.

// backupPattern matches what follows "FILE." in a backup's name.
var backupPattern = regexp.MustCompile(`^schema(\d+)(?:\.(\d+))?\.bak$`)

// BackupPath is the name of the n-th backup of path taken from schema version v (n counts from 1).
func BackupPath(path string, v, n int) string {
	if n <= 1 {
		return fmt.Sprintf("%s.schema%d.bak", path, v)
	}
	return fmt.Sprintf("%s.schema%d.%d.bak", path, v, n)
}

// Backups lists the backups kept beside path, oldest first.
func Backups(path string) []string {
	dir, base := filepath.Split(path)
	entries, err := os.ReadDir(filepath.Clean(dir + "."))
	if err != nil {
		return nil
	}
	type backup struct {
		name              string
		modified          int64
		version, sequence int
	}
	var found []backup
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), base+".")
		m := backupPattern.FindStringSubmatch(rest)
		if !ok || m == nil || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil || info.Size() == 0 {
			continue
		}
		v, _ := strconv.Atoi(m[1])
		n := 1
		if m[2] != "" {
			n, _ = strconv.Atoi(m[2])
		}
		found = append(found, backup{name: filepath.Join(dir, e.Name()), modified: info.ModTime().UnixNano(), version: v, sequence: n})
	}
	slices.SortFunc(found, func(a, b backup) int {
		if a.modified != b.modified {
			return compareInt64(a.modified, b.modified)
		}
		if a.version != b.version {
			return a.version - b.version
		}
		return a.sequence - b.sequence
	})
	names := make([]string, len(found))
	for i, b := range found {
		names[i] = b.name
	}
	return names
}

func compareInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// LatestBackup is the most recent backup beside path, or "" when there is none.
func LatestBackup(path string) string {
	all := Backups(path)
	if len(all) == 0 {
		return ""
	}
	return all[len(all)-1]
}

// upgrade migrates the file from schema version from, after a backup.
func (s *Store) upgrade(ctx context.Context, from int) error {
	// The write lock is tried before copying, so a busy database costs no backup.
	if err := s.writeTx(ctx, func(*gorm.DB) error { return nil }); err != nil {
		return err
	}
	backup, err := s.backup(ctx, from)
	if err != nil {
		return err
	}
	if err := s.migrate(ctx); err != nil {
		return err
	}
	s.upgradedFrom, s.upgradeBackup = from, backup
	return nil
}

// Upgraded reports whether opening migrated the database to the current
// schema, from which version, and which backup holds the file as it was
// ("" on a server, where pg_dump is the backup).
func (s *Store) Upgraded() (from int, backup string, ok bool) {
	return s.upgradedFrom, s.upgradeBackup, s.upgradeBackup != "" || (s.server != nil && s.upgradedFrom > 0)
}

// migrate applies the missing migrations in one transaction, which takes
// the write lock first: a busy database is ErrBusy, never a half-made schema.
func (s *Store) migrate(ctx context.Context) error {
	if s.server != nil {
		err := s.serverTx(ctx, func(tx *gorm.DB) error {
			if err := lockMigrations(tx); err != nil {
				return err
			}
			return migrate(tx)
		})
		if err != nil && !errors.Is(err, ErrBusy) && !errors.Is(err, ErrReadOnly) {
			return fmt.Errorf("migrate %s: %w", s.path, err)
		}
		return err
	}
	// A migration runs to its end once begun, even when ctx is cancelled
	// (Ctrl+C): it is short, one transaction, and GORM's SQLite migrator
	// fails badly when its statements are cut off halfway. The caller
	// notices the cancellation right after.
	err := s.writeTx(context.WithoutCancel(ctx), func(tx *gorm.DB) error { return migrate(tx) })
	if err == nil {
		err = ctx.Err()
	}
	switch {
	case errors.Is(err, ErrBusy):
		return err
	case err != nil:
		return fmt.Errorf("migrate %s: %w", s.path, err)
	}
	return nil
}

// backup copies the database, write-ahead log included, to the next free
// backup name for schema version v and returns that name. On failure
// nothing is left behind.
func (s *Store) backup(ctx context.Context, v int) (string, error) {
	scratch, err := NewScratch(s.path, "backup")
	if err != nil {
		return "", fmt.Errorf("copy %s before upgrading it: %w", s.path, err)
	}
	defer scratch.Remove()
	// VACUUM INTO writes a consistent copy into the empty scratch file.
	if err := s.db.WithContext(ctx).Exec("VACUUM INTO ?", scratch.Name).Error; err != nil {
		return "", fmt.Errorf("copy %s before upgrading it: %w", s.path, err)
	}
	if err := syncFile(scratch.Name); err != nil {
		return "", fmt.Errorf("copy %s before upgrading it: %w", s.path, err)
	}
	if info, err := os.Stat(s.path); err == nil {
		_ = os.Chmod(scratch.Name, info.Mode().Perm())
	}
	for n := 1; ; n++ {
		to := BackupPath(s.path, v, n)
		switch err := placeWithoutReplacing(scratch.Name, to); {
		case err == nil:
			return to, nil
		case !errors.Is(err, fs.ErrExist):
			return "", fmt.Errorf("keep the copy of %s: %w", s.path, err)
		}
	}
}

// placeWithoutReplacing gives the complete file from the name to, failing
// with fs.ErrExist when to is taken.
func placeWithoutReplacing(from, to string) error {
	err := os.Link(from, to)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	// No hard links here: claim the name, then move the file over the claim.
	f, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	if err := os.Rename(from, to); err != nil {
		os.Remove(to)
		return err
	}
	return nil
}

func syncFile(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}
