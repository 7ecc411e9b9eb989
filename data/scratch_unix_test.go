//go:build unix

package data

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

func TestFailedBackupLeavesNothing(t *testing.T) {
	ctx := context.Background()
	path := damagedTestDB(t)
	makeOlder(t, path)
	hash, names := fileHash(t, path), dirNames(t, filepath.Dir(path))
	info, _ := os.Stat(path)

	// A file size limit below the database's size makes the copy fail part way, as a full disk would.
	signal.Ignore(syscall.SIGXFSZ)
	defer signal.Reset(syscall.SIGXFSZ)
	var saved syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &saved); err != nil {
		t.Fatal(err)
	}
	limit := saved
	limit.Cur = uint64(info.Size() / 3)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &limit); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, path)
	if rerr := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &saved); rerr != nil {
		t.Fatal(rerr)
	}
	if err == nil {
		s.Close()
		t.Fatal("the upgrade went ahead without a backup")
	}
	if !strings.Contains(err.Error(), "before upgrading it") {
		t.Errorf("message %q does not say the copy failed", err)
	}
	if fileHash(t, path) != hash {
		t.Error("the database was changed without a backup")
	}
	if after := dirNames(t, filepath.Dir(path)); !slices.Equal(after, names) {
		t.Fatalf("a failed backup left files: %v -> %v", names, after)
	}
}

func TestLeftoverScratchFilesAreRemovedOnlyWhenAbandoned(t *testing.T) {
	ctx := context.Background()
	path := openTestDB(t)
	live, err := NewScratch(path, "demo")
	if err != nil {
		t.Fatal(err)
	}
	defer live.Remove()
	dead, err := NewScratch(path, "demo")
	if err != nil {
		t.Fatal(err)
	}
	deadBackup, err := NewScratch(path, "backup")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{dead.Name + "-wal", dead.Name + "-shm", live.Name + "-wal"} {
		if err := os.WriteFile(name, []byte("log"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A run killed mid-way lets go of its locks without removing anything.
	dead.lock.Close()
	deadBackup.lock.Close()
	orphan := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".demo-gone-wal")
	foreign := filepath.Join(filepath.Dir(path), ".other.db.demo-1")
	for _, name := range []string{orphan, foreign} {
		if err := os.WriteFile(name, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	if _, err := OpenReadOnly(ctx, path); err != nil {
		t.Fatal(err)
	}
	if !exists(dead.Name) {
		t.Fatal("a read-only open removed files")
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, gone := range []string{dead.Name, dead.Name + "-wal", dead.Name + "-shm", deadBackup.Name, orphan} {
		if exists(gone) {
			t.Errorf("%s was left behind", filepath.Base(gone))
		}
	}
	for _, kept := range []string{live.Name, live.Name + "-wal", foreign} {
		if !exists(kept) {
			t.Errorf("%s, still in use or not ours, was removed", filepath.Base(kept))
		}
	}
}

// readOnlyChildEnv names the test a re-run of the test binary performs as an unprivileged user.
const readOnlyChildEnv = "RELEASEDESK_READONLY_CHILD"

func TestReadOnlyFolder(t *testing.T) {
	if os.Getenv(readOnlyChildEnv) != "" {
		readOnlyFolderChecks(t, os.Getenv(readOnlyChildEnv))
		return
	}
	path := damagedTestDB(t)
	dir := filepath.Dir(path)
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	hash, names := fileHash(t, path), dirNames(t, dir)
	if os.Geteuid() != 0 {
		readOnlyFolderChecks(t, path)
	} else {
		runAsNobody(t, dir, path)
	}
	if fileHash(t, path) != hash || !slices.Equal(dirNames(t, dir), names) {
		t.Fatalf("the read-only folder changed: %v -> %v", names, dirNames(t, dir))
	}
}

// readOnlyFolderChecks runs as a user who cannot write the database's folder.
func readOnlyFolderChecks(t *testing.T, path string) {
	ctx := context.Background()
	s, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatalf("read-only open in a read-only folder: %v", err)
	}
	n, err := s.CountReleases(ctx, ReleaseFilter{})
	s.Close()
	if err != nil || n != 40 {
		t.Fatalf("read %d releases (%v), want 40", n, err)
	}
	for _, open := range []func(context.Context, string) (*Store, error){Open, OpenExisting} {
		_, err := open(ctx, path)
		var ro *ReadOnlyError
		if !errors.As(err, &ro) || errors.Is(err, ErrNotReleaseDesk) {
			t.Fatalf("writing open in a read-only folder: %v, want a ReadOnlyError", err)
		}
		if want := "its folder " + filepath.Dir(path) + " is read-only"; !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
}

// runAsNobody re-runs this test as the unprivileged user nobody, since root
// may write anywhere. The test binary is copied where nobody can run it.
func runAsNobody(t *testing.T, dir, path string) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	binDir := t.TempDir()
	bin := filepath.Join(binDir, "data.test")
	raw, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, raw, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{binDir, filepath.Dir(binDir), filepath.Dir(dir)} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(bin, "-test.run", "^TestReadOnlyFolder$", "-test.v")
	cmd.Dir = binDir
	cmd.Env = append(os.Environ(), readOnlyChildEnv+"="+path, "HOME="+binDir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: TestReadOnlyFolder") {
		t.Fatalf("as nobody: %v\n%s", err, out)
	}
}
