package reports

import (
	"errors"
	"fmt"
	"os"
	"syscall"

	"golang.org/x/sys/windows"
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

// replaceError explains why the finished export could not be renamed over
// path; the file at path is as it was. Windows refuses to replace a file
// another program holds open (a workbook open in Excel), where Linux and
// macOS replace it under the reader.
func replaceError(path string, err error) error {
	switch {
	case errors.Is(err, windows.ERROR_SHARING_VIOLATION), errors.Is(err, windows.ERROR_LOCK_VIOLATION):
		return fmt.Errorf("%s is open in another program; close it there and export again: %w", path, err)
	case errors.Is(err, windows.ERROR_ACCESS_DENIED):
		if info, statErr := os.Stat(path); statErr == nil && info.Mode().Perm()&0o200 == 0 {
			return fmt.Errorf("%s is read-only; choose another file: %w", path, err)
		}
		// Windows says "access denied" for a file another program holds open, as Excel does a workbook.
		return fmt.Errorf("%s cannot be replaced: it is open in another program, or you may not change it; "+
			"close it there and export again: %w", path, err)
	}
	return fmt.Errorf("write %s: %w", path, err)
}
