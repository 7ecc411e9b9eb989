package app

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// windowWait is how long the real program may take to show its window under Xvfb.
const windowWait = 60 * time.Second

// TestSmokeRealWindow builds the real binary, fills a database with the demo
// command, starts a private X server and checks that the window appears and
// the program keeps running.
func TestSmokeRealWindow(t *testing.T) {
	xvfb, err := exec.LookPath("Xvfb")
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skip("Xvfb is not installed (make deps installs it)")
		}
		t.Fatal("CI is set but Xvfb is not installed")
	}
	xdotool, err := exec.LookPath("xdotool")
	if err != nil {
		t.Fatal("xdotool is not installed (make deps installs it)")
	}
	tmp := t.TempDir()
	bin := smokeBuild(t, tmp)

	db := filepath.Join(tmp, "d.db")
	if out, err := exec.Command(bin, "demo", "--db", db, "--releases", "50").CombinedOutput(); err != nil {
		t.Fatalf("releasedesk demo: %v\n%s", err, out)
	}

	display := smokeXServer(t, xvfb)
	home := filepath.Join(tmp, "home")
	cmd := exec.Command(bin, "--db", db)
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "LANG=en_US.UTF-8", "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"))
	var stderr smokeOutput
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		cmd.Process.Kill()
		<-exited
	}()

	pid := fmt.Sprint(cmd.Process.Pid)
	for time.Since(start) < windowWait {
		select {
		case err := <-exited:
			exited <- err // for the deferred wait
			t.Fatalf("releasedesk exited before showing a window (%v); it said:\n%s", err, stderr.String())
		case <-time.After(250 * time.Millisecond):
		}
		out, _ := smokeX(display, xdotool, "search", "--onlyvisible", "--pid", pid).Output()
		ids := strings.Fields(string(out))
		if len(ids) == 0 {
			continue
		}
		name, _ := smokeX(display, xdotool, "getwindowname", ids[0]).Output()
		if !strings.HasPrefix(string(name), "Release Desk — d.db") {
			t.Fatalf("window title %q, want it to name the app and d.db", strings.TrimSpace(string(name)))
		}
		t.Logf("window visible after %.2f s", time.Since(start).Seconds())
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("releasedesk quit right after showing its window (%v); it said:\n%s", err, stderr.String())
		case <-time.After(time.Second):
		}
		return
	}
	t.Fatalf("no window within %v; releasedesk said:\n%s", windowWait, stderr.String())
}

// smokeX prepares an X client command for display.
func smokeX(display, name string, args ...string) *exec.Cmd {
	c := exec.Command(name, args...)
	c.Env = append(os.Environ(), "DISPLAY="+display)
	return c
}

// smokeOutput collects what the program prints; the test reads it while the program writes.
type smokeOutput struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (o *smokeOutput) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Write(p)
}

func (o *smokeOutput) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

// buildTags are the Makefile's TAGS: the program the tests start is the one
// users get.
const buildTags = "migrated_fynedo,no_emoji"

// smokeBuild compiles the program from the repository root into dir.
func smokeBuild(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "releasedesk")
	cmd := exec.Command("go", "build", "-tags", buildTags, "-o", bin, ".")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// smokeXServer starts Xvfb on a free display and returns the display name.
func smokeXServer(t *testing.T, xvfb string) string {
	t.Helper()
	for n := 99; n < 300; n++ {
		if smokeExists(fmt.Sprintf("/tmp/.X11-unix/X%d", n)) || smokeExists(fmt.Sprintf("/tmp/.X%d-lock", n)) {
			continue
		}
		display := fmt.Sprintf(":%d", n)
		x := exec.Command(xvfb, display, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
		if err := x.Start(); err != nil {
			t.Fatalf("start Xvfb: %v", err)
		}
		done := make(chan struct{})
		go func() { x.Wait(); close(done) }()
		t.Cleanup(func() {
			x.Process.Kill()
			<-done
		})
		for i := 0; i < 100; i++ {
			select {
			case <-done:
				t.Fatalf("Xvfb %s stopped at once", display)
			case <-time.After(100 * time.Millisecond):
			}
			if smokeExists(fmt.Sprintf("/tmp/.X11-unix/X%d", n)) {
				return display
			}
		}
		t.Fatalf("Xvfb %s did not start within 10 s", display)
	}
	t.Fatal("no free X display between :99 and :299")
	return ""
}

func smokeExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
