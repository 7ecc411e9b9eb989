package reports

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// An export is written inside a scratch folder beside its target, named
// ".TARGET.releasedesk-PID-RANDOM.tmp", which also holds excelize's own
// temporary files; the finished file is renamed out of it and the folder
// removed. A folder left by a killed process is removed by the next export
// into the same folder.
const scratchMarker = ".releasedesk-"

// scratchName matches a scratch folder and captures the process id in it.
var scratchName = regexp.MustCompile(`^\..+\.releasedesk-(\d+)-\d+\.tmp$`)

// staleAfter is the age past which a scratch folder is removed even when its
// process id is alive again, since ids are reused and no export takes that long.
const staleAfter = 24 * time.Hour

// processStart is when this process began; an older leftover of the former
// temporary naming cannot be this process's own.
var processStart = time.Now()

// exportFile is the writer an export writes through: the temporary file,
// and the scratch folder for a library's own temporary files.
type exportFile struct {
	*os.File
	scratch string
}

// ScratchDir is the folder an export's helpers may put temporary files in
// (beside the target, removed with the export); "" for a writer that is
// not an export's file, where the system's temporary folder is used.
func ScratchDir(w io.Writer) string {
	if f, ok := w.(*exportFile); ok {
		return f.scratch
	}
	return ""
}

// writeAtomically writes a file through write into a scratch folder in the
// target's own folder (so the rename cannot cross file systems) and renames
// it over path only when write, the flush to disk and ctx all succeeded.
// On any failure the scratch folder is removed and path is left as it was.
// A path that is the database src reads, one of its companions or any
// SQLite database is refused before anything is written (see CheckOutput).
func writeAtomically(ctx context.Context, src any, path string, write func(w io.Writer) error) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := CheckOutput(path, databaseOf(src)...); err != nil {
		return err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	RemoveStaleTemporaries(dir, base)
	scratch, err := os.MkdirTemp(dir, "."+base+scratchMarker+strconv.Itoa(os.Getpid())+"-*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if rmErr := os.RemoveAll(scratch); rmErr != nil && err == nil {
			err = fmt.Errorf("write %s: %w", path, rmErr)
		}
	}()
	tmp, err := os.OpenFile(filepath.Join(scratch, base), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
		}
	}()
	if err := write(&exportFile{File: tmp, scratch: scratch}); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(fileMode(path)); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	// The target may have become the database while this export ran.
	if err := CheckOutput(path, databaseOf(src)...); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return replaceError(path, err)
	}
	return nil
}

// RemoveStaleTemporaries removes what interrupted exports left in dir: the
// scratch folders of processes that no longer run (or are older than
// staleAfter), and, for target base, temporary files of the former naming
// (".BASE.NNN.tmp") older than this process. Removal is best effort: what
// cannot be removed is tried again at the next export.
func RemoveStaleTemporaries(dir, base string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	legacy := "." + base + "."
	for _, e := range entries {
		name := e.Name()
		info, err := e.Info()
		if err != nil {
			continue
		}
		if m := scratchName.FindStringSubmatch(name); m != nil && e.IsDir() {
			pid, err := strconv.Atoi(m[1])
			if err != nil {
				continue
			}
			stale := !processAlive(pid) || time.Since(info.ModTime()) > staleAfter
			if pid == os.Getpid() {
				stale = info.ModTime().Before(processStart) // else an export of this process, running now
			}
			if stale {
				os.RemoveAll(filepath.Join(dir, name))
			}
			continue
		}
		if strings.HasPrefix(name, legacy) && strings.HasSuffix(name, ".tmp") && !e.IsDir() &&
			isDigits(strings.TrimSuffix(strings.TrimPrefix(name, legacy), ".tmp")) && info.ModTime().Before(processStart) {
			os.Remove(filepath.Join(dir, name))
		}
	}
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// fileMode keeps the permissions of a file being replaced; a new file gets
// the usual rw-r--r--, as os.Create would give it under the common umask.
func fileMode(path string) os.FileMode {
	if fi, err := os.Stat(path); err == nil {
		return fi.Mode().Perm()
	}
	return 0o644
}
