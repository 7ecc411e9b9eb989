//go:build !unix && !windows

package data

import "os"

// lockFile is a no-op here: an open file cannot be deleted on these
// systems, which keeps a running command's scratch file from being swept.
func lockFile(*os.File) error { return nil }

// writable reports whether path lacks the read-only attribute.
func writable(path string) bool {
	info, err := os.Stat(path)
	return err == nil && (info.IsDir() || info.Mode().Perm()&0o200 != 0)
}
