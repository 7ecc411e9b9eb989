package reports

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/windows"
)

// A workbook open in Excel cannot be replaced on Windows: the export says
// so, names the file, and leaves the workbook and its folder as they were.
func TestExportOverFileOpenElsewhere(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "review.xlsx")
	old := []byte("the workbook on screen")
	if err := os.WriteFile(path, old, 0o644); err != nil {
		t.Fatal(err)
	}
	name, err := windows.UTF16PtrFromString(path)
	if err != nil {
		t.Fatal(err)
	}
	// Excel keeps a workbook open, letting others read it but not delete or replace it.
	h, err := windows.CreateFile(name, windows.GENERIC_READ|windows.GENERIC_WRITE, windows.FILE_SHARE_READ, nil,
		windows.OPEN_EXISTING, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		t.Fatal(err)
	}
	err = writeAtomically(context.Background(), nil, path, func(w io.Writer) error {
		_, err := io.WriteString(w, "the new export")
		return err
	})
	windows.CloseHandle(h)
	if err == nil {
		t.Fatal("the export replaced a file another program holds open")
	}
	if !strings.Contains(err.Error(), path+" cannot be replaced: it is open in another program") &&
		!strings.Contains(err.Error(), path+" is open in another program") {
		t.Errorf("message %q does not say the file is open in another program", err)
	}
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		t.Errorf("error %v does not keep the system's reason", err)
	}
	assertUntouched(t, dir, path, old)
}

// A read-only workbook is named as read-only, not as open elsewhere.
func TestExportOverReadOnlyFile(t *testing.T) {
	if underWine() {
		t.Skip("Wine replaces a read-only file, as Linux does; Windows refuses to")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "review.xlsx")
	old := []byte("kept as it is")
	if err := os.WriteFile(path, old, 0o444); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(path, 0o644) })
	err := writeAtomically(context.Background(), nil, path, func(w io.Writer) error {
		_, err := io.WriteString(w, "the new export")
		return err
	})
	if err == nil || !strings.Contains(err.Error(), path+" is read-only") {
		t.Fatalf("err = %v, want one naming the file read-only", err)
	}
	assertUntouched(t, dir, path, old)
}

// asStored is the mode a file given perm reports on Windows, which keeps
// only whether it is read-only.
func asStored(perm os.FileMode) os.FileMode {
	if perm&0o200 != 0 {
		return 0o666
	}
	return 0o444
}

// underWine tells whether the tests run under Wine rather than Windows.
func underWine() bool {
	return windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}
