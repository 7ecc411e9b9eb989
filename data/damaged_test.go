package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// damagedTestDB makes a demo database of a few hundred pages and returns its path.
func damagedTestDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "plan.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := GenerateDemo(context.Background(), s, DemoOptions{Releases: 40, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// overwritePage fills one page in the middle of the file with junk, as a
// failing disk would.
func overwritePage(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, _ := f.Stat()
	junk := []byte(strings.Repeat("\xff", 4096))
	if _, err := f.WriteAt(junk, (info.Size()/4096/2)*4096); err != nil {
		t.Fatal(err)
	}
}

func TestOpenNamesDamagedFiles(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, path string)
	}{
		{"truncated to half", func(t *testing.T, path string) {
			info, _ := os.Stat(path)
			if err := os.Truncate(path, info.Size()/2); err != nil {
				t.Fatal(err)
			}
		}},
		{"truncated inside the header", func(t *testing.T, path string) {
			if err := os.Truncate(path, 50); err != nil {
				t.Fatal(err)
			}
		}},
		{"a page overwritten", overwritePage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := damagedTestDB(t)
			tt.damage(t, path)
			hash, names := fileHash(t, path), dirNames(t, filepath.Dir(path))
			for _, open := range []func(context.Context, string) (*Store, error){Open, OpenExisting, OpenReadOnly} {
				s, err := open(context.Background(), path)
				if err == nil {
					s.Close()
					t.Fatal("the damaged file was opened")
				}
				var damaged *DamagedError
				if !errors.As(err, &damaged) || errors.Is(err, ErrNotReleaseDesk) {
					t.Fatalf("got %v, want a DamagedError", err)
				}
				if !strings.Contains(err.Error(), path+" is damaged") || !strings.Contains(err.Error(), "no backup of it was found") {
					t.Errorf("message %q", err)
				}
			}
			if fileHash(t, path) != hash {
				t.Error("the damaged file was changed")
			}
			if after := dirNames(t, filepath.Dir(path)); strings.Join(after, ",") != strings.Join(names, ",") {
				t.Errorf("opening the damaged file left %v (before %v)", after, names)
			}
		})
	}
}

func TestDamagedFileNamesTheNewestBackup(t *testing.T) {
	path := damagedTestDB(t)
	for i, name := range []string{BackupPath(path, 2, 1), BackupPath(path, 3, 1)} {
		if err := os.WriteFile(name, []byte("copy"), 0o644); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			old := testClock.AddDate(0, -1, 0)
			if err := os.Chtimes(name, old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	overwritePage(t, path)
	_, err := OpenExisting(context.Background(), path)
	if want := "the most recent backup is " + BackupPath(path, 3, 1); err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Fatalf("got %v, want it to end with %q", err, want)
	}
}

func TestVerifyLaterHoldsWritesUntilTheCheck(t *testing.T) {
	ctx := context.Background()
	path := damagedTestDB(t)
	overwritePage(t, path)
	hash := fileHash(t, path)
	s, err := OpenWith(ctx, path, OpenOptions{Verify: VerifyLater})
	if err != nil {
		t.Fatalf("a later check should let the file open: %v", err)
	}
	if err := s.Verified(ctx); !errors.Is(err, ErrDamaged) {
		t.Fatalf("verdict %v, want ErrDamaged", err)
	}
	if err := s.SaveProduct(ctx, &Product{Name: "Written anyway"}); !errors.Is(err, ErrDamaged) {
		t.Fatalf("save into a damaged file: %v", err)
	}
	if _, err := s.ImportPlan(ctx, []PlanRow{{Row: 2, Product: "Payments", Release: Release{Version: "99.0.0", Title: "Imported", Type: TypeMajor, Status: StatusDraft}}}); !errors.Is(err, ErrDamaged) {
		t.Fatalf("import into a damaged file: %v", err)
	}
	s.Close()
	if fileHash(t, path) != hash {
		t.Fatal("the damaged file was written")
	}

	sound := damagedTestDB(t)
	s, err = OpenWith(ctx, sound, OpenOptions{Verify: VerifyLater})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Verified(ctx); err != nil {
		t.Fatalf("verdict on a sound file: %v", err)
	}
	if err := s.SaveProduct(ctx, &Product{Name: "Written"}); err != nil {
		t.Fatalf("save into a sound file: %v", err)
	}
}

// TestCheckAfterHoldsTheCheckBack: the window opens its database with the
// file check held back until its first frame is up; until then no verdict
// comes, and writes wait; once the gate opens a damaged file is still found.
func TestCheckAfterHoldsTheCheckBack(t *testing.T) {
	ctx := context.Background()
	path := damagedTestDB(t)
	overwritePage(t, path)
	gate := make(chan struct{})
	s, err := OpenWith(ctx, path, OpenOptions{Verify: VerifyLater, CheckAfter: gate})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	early, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	if err := s.Verified(early); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("before the gate opened the verdict was %v, want none yet", err)
	}
	close(gate)
	if err := s.Verified(ctx); !errors.Is(err, ErrDamaged) {
		t.Fatalf("after the gate opened the verdict was %v, want ErrDamaged", err)
	}
}
