package app

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// binaryEnv is the environment of the built program: the machine's default
// C locale, which Fyne misread.
func binaryEnv(home string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if name == "LANG" || name == "LANGUAGE" || strings.HasPrefix(name, "LC_") || name == "HOME" {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "LANG=C.UTF-8", "HOME="+home)
}

// TestBinary runs the built program as a user would, for what only a real
// process shows: what it prints before main runs, and signals.
func TestBinary(t *testing.T) {
	tmp := t.TempDir()
	bin := smokeBuild(t, tmp)
	home := filepath.Join(tmp, "home")
	run := func(t *testing.T, args ...string) (stdout, stderr string, code int) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = binaryEnv(home)
		var out, errOut strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatal(err)
		}
		return out.String(), errOut.String(), cmd.ProcessState.ExitCode()
	}

	t.Run("no Fyne locale errors under LANG=C.UTF-8", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "plan.db")
		for _, args := range [][]string{{"--help"}, {"demo", "--db", db, "--releases", "3"}, {"check", "--db", db}, {"check"}} {
			_, stderr, _ := run(t, args...)
			if strings.Contains(stderr, "Fyne error") || strings.Contains(stderr, "locale") {
				t.Errorf("%v printed %q", args, stderr)
			}
		}
	})

	// demoUntilWriting starts a demo large enough to be interrupted and
	// returns once its scratch file is being written.
	demoUntilWriting := func(t *testing.T, dir string) (*exec.Cmd, *strings.Builder) {
		t.Helper()
		cmd := exec.Command(bin, "demo", "--db", filepath.Join(dir, "plan.db"), "--releases", "20000")
		cmd.Env = binaryEnv(home)
		var errOut strings.Builder
		cmd.Stderr = &errOut
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			names := cliFiles(t, dir)
			if slices.ContainsFunc(names, func(n string) bool { return strings.HasSuffix(n, "-wal") }) {
				return cmd, &errOut
			}
		}
		t.Fatalf("the demo never started writing; files %v", cliFiles(t, dir))
		return nil, nil
	}

	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String()+" removes what the demo was writing", func(t *testing.T) {
			dir := t.TempDir()
			cmd, stderr := demoUntilWriting(t, dir)
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("the demo did not stop within 30 s of the signal")
			}
			if code := cmd.ProcessState.ExitCode(); code != exitFailure {
				t.Errorf("exit %d, want %d; stderr %q", code, exitFailure, stderr)
			}
			if got := stderr.String(); got != "releasedesk: "+errInterrupted.Error()+"\n" {
				t.Errorf("stderr %q", got)
			}
			if names := cliFiles(t, dir); len(names) > 0 {
				t.Fatalf("the interrupted demo left %v", names)
			}
		})
	}

	t.Run("the next run removes what a killed demo left", func(t *testing.T) {
		dir := t.TempDir()
		cmd, _ := demoUntilWriting(t, dir)
		cmd.Process.Kill()
		cmd.Wait()
		left := cliFiles(t, dir)
		if !slices.ContainsFunc(left, func(n string) bool { return strings.HasPrefix(n, ".plan.db.demo-") && strings.HasSuffix(n, "-wal") }) {
			t.Fatalf("kill -9 left no write-ahead log to clean up: %v", left)
		}
		if _, stderr, code := run(t, "demo", "--db", filepath.Join(dir, "plan.db"), "--releases", "3"); code != exitOK {
			t.Fatalf("next demo: exit %d, %q", code, stderr)
		}
		if names := cliFiles(t, dir); !slices.Equal(names, []string{"plan.db"}) {
			t.Fatalf("after the next run: %v (the killed run left %v)", names, left)
		}
	})
}
