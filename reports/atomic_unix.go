//go:build !windows

package reports

import (
	"errors"
	"fmt"
	"syscall"
)

// processAlive tells whether a process with id pid runs; one of another
// user that cannot be signalled still runs.
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// replaceError explains why the finished export could not be renamed over path.
func replaceError(path string, err error) error {
	return fmt.Errorf("write %s: %w", path, err)
}
