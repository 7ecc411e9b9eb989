//go:build unix

package data

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockFile takes an exclusive lock on f without waiting; it fails while
// another open of the file holds one. The lock goes with f's descriptor.
func lockFile(f *os.File) error {
	return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
}

// writable reports whether this process may write path (a file or a folder).
func writable(path string) bool {
	return unix.Access(path, unix.W_OK) == nil
}
