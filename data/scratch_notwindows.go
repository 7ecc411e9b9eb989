//go:build !windows

package data

import "os"

// createScratchFile creates a new file in dir named after pattern, its
// last "*" replaced by a random number; the usual os.CreateTemp.
func createScratchFile(dir, pattern string) (*os.File, error) {
	return os.CreateTemp(dir, pattern)
}

// openScratchFile opens a scratch file for reading, to try its lock.
func openScratchFile(name string) (*os.File, error) {
	return os.Open(name)
}
