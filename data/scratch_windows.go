package data

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/sys/windows"
)

// Windows refuses to rename or delete a file while any handle to it was
// opened without FILE_SHARE_DELETE, which is how Go's os package opens
// files. A scratch file stays open (locked) until it has been moved into
// place, so it is opened here with every sharing mode, and the lock that
// tells a running command's file from an abandoned one is a byte-range lock.

// lockOffset is the byte scratch files are locked at: Windows enforces
// byte-range locks on every read and write, so the lock sits far past the
// end of any database, where SQLite's own reads, writes and locks never go.
const lockOffset = 1 << 62

// shareAll lets others read, write, rename and delete a file we hold open.
const shareAll = windows.FILE_SHARE_READ | windows.FILE_SHARE_WRITE | windows.FILE_SHARE_DELETE

// createScratchFile creates a new file in dir named after pattern, its last
// "*" replaced by a random number, opened so that it can be moved into
// place or removed while this process holds it.
func createScratchFile(dir, pattern string) (*os.File, error) {
	prefix, suffix := pattern, ""
	if i := strings.LastIndex(pattern, "*"); i >= 0 {
		prefix, suffix = pattern[:i], pattern[i+1:]
	}
	for range 10000 {
		name := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10)+suffix)
		f, err := openShared(name, windows.GENERIC_READ|windows.GENERIC_WRITE, windows.CREATE_NEW)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, &fs.PathError{Op: "createtemp", Path: filepath.Join(dir, pattern), Err: fs.ErrExist}
}

// openScratchFile opens a scratch file for reading, to try its lock,
// without keeping its owner from moving or removing it meanwhile.
func openScratchFile(name string) (*os.File, error) {
	return openShared(name, windows.GENERIC_READ, windows.OPEN_EXISTING)
}

// openShared opens name with every sharing mode.
func openShared(name string, access, disposition uint32) (*os.File, error) {
	path, err := windows.UTF16PtrFromString(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	h, err := windows.CreateFile(path, access, shareAll, nil, disposition, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return os.NewFile(uintptr(h), name), nil
}

// lockFile takes an exclusive lock on f without waiting; it fails while
// another handle holds it. The lock goes when f is closed.
func lockFile(f *os.File) error {
	overlapped := windows.Overlapped{Offset: uint32(lockOffset & 0xffffffff), OffsetHigh: uint32(lockOffset >> 32)}
	return windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &overlapped)
}

// writable reports whether path lacks the read-only attribute. A folder's
// read-only attribute means nothing to Windows, so a folder counts as
// writable; one that is not shows when SQLite cannot make its files there.
func writable(path string) bool {
	info, err := os.Stat(path)
	return err == nil && (info.IsDir() || info.Mode().Perm()&0o200 != 0)
}
