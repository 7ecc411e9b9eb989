//go:build !windows

package reports

import "os"

// asStored is the mode a file given perm reports here: perm itself.
func asStored(perm os.FileMode) os.FileMode { return perm }
