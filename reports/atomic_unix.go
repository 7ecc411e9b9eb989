//go:build !windows

package reports

import (
	"errors"
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
