package reports

import (
	"errors"
	"os"
	"syscall"
)

// processAlive tells whether a process with id pid runs: Windows opens a
// handle only to a process that exists (or one we may not query, which runs).
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return errors.Is(err, syscall.ERROR_ACCESS_DENIED)
	}
	p.Release()
	return true
}
