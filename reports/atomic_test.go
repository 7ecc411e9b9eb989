package reports

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"releasedesk/data"
)

func TestWriteAtomically(t *testing.T) {
	writeErr := errors.New("disk full")
	tests := []struct {
		name         string
		cancelBefore bool
		write        func(w io.Writer, cancel context.CancelFunc) error
		wantErr      error
	}{
		{"success", false, func(w io.Writer, _ context.CancelFunc) error { _, err := io.WriteString(w, "new"); return err }, nil},
		{"write fails halfway", false, func(w io.Writer, _ context.CancelFunc) error {
			if _, err := io.WriteString(w, strings.Repeat("half", 1000)); err != nil {
				return err
			}
			return writeErr
		}, writeErr},
		{"cancelled while writing", false, func(w io.Writer, cancel context.CancelFunc) error {
			_, err := io.WriteString(w, "most of it")
			cancel()
			return err
		}, context.Canceled},
		{"cancelled before", true, func(io.Writer, context.CancelFunc) error {
			t.Error("wrote despite a cancelled context")
			return nil
		}, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.xlsx")
			old := []byte("old contents")
			if err := os.WriteFile(path, old, 0o600); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.cancelBefore {
				cancel()
			}
			err := writeAtomically(ctx, nil, path, func(w io.Writer) error { return tt.write(w, cancel) })
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr != nil {
				assertUntouched(t, dir, path, old)
				return
			}
			got, _ := os.ReadFile(path)
			fi, _ := os.Stat(path)
			if string(got) != "new" || fi.Mode().Perm() != asStored(0o600) {
				t.Errorf("replaced file holds %q with mode %v; want \"new\" keeping %v", got, fi.Mode().Perm(), asStored(0o600))
			}
		})
	}
}

func TestWriteAtomicallyNewFileAndMissingFolder(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new.ics")
	if err := writeAtomically(context.Background(), nil, path, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != asStored(0o644) {
		t.Errorf("new file: %v %v", fi, err)
	}
	err := writeAtomically(context.Background(), nil, filepath.Join(dir, "no", "such", "dir.ics"), func(io.Writer) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "dir.ics") {
		t.Errorf("missing folder: %v", err)
	}
}

func TestFailedReviewExportLeavesTheOldFileAlone(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "review.xlsx")
	old := []byte("last week's review")
	if err := os.WriteFile(path, old, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opts := reportOptions()
	opts.Progress = func(done, total int) {
		if done == 3 { // cancelled while the sheets are being built
			cancel()
		}
	}
	err := ExportReview(ctx, fixedReview{reviewFixture()}, 42, path, opts)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	assertUntouched(t, dir, path, old)
}

// fixedReview serves one review's data.
type fixedReview struct{ d data.ReviewData }

func (f fixedReview) ReviewData(context.Context, uint) (data.ReviewData, error) { return f.d, nil }
