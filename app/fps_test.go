package app

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fpsBudget is the scrolling frame rate the Timeline must hold (SPEC section 5).
const fpsBudget = 55

// fpsRun is how long one probe run may take, building the window included.
const fpsRun = 2 * time.Minute

// fpsRuns is how many times the probe runs per benchmark iteration.
const fpsRuns = 3

var (
	fpsScrollLine = regexp.MustCompile(`timeline scroll: .* = ([0-9.]+) fps`)
	fpsLoadLine   = regexp.MustCompile(`timeline load: .* on screen after ([0-9]+) ms`)
)

// BenchmarkTimelineScrollFPS measures the Timeline's scrolling frame rate in
// a real window: it builds the program, fills a database with the 2,000
// release demo (or copies the one RELEASEDESK_BENCH_DB names), starts a
// private Xvfb at 1280x800 and runs the program with
// RELEASEDESK_TIMELINE_PROBE=fps, which opens the Timeline, scrolls it one
// step per painted frame for five seconds and prints what it counted.
// `make bench` runs it; it needs Xvfb (`make deps`).
func BenchmarkTimelineScrollFPS(b *testing.B) {
	xvfb, err := exec.LookPath("Xvfb")
	if err != nil {
		if os.Getenv("CI") != "" {
			b.Fatal("CI is set but Xvfb is not installed")
		}
		b.Skip("Xvfb is not installed (make deps installs it)")
	}
	tmp := b.TempDir()
	bin := filepath.Join(tmp, "releasedesk")
	build := exec.Command("go", "build", "-tags", buildTags, "-o", bin, ".")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(tmp, "demo.db")
	if big := os.Getenv("RELEASEDESK_BENCH_DB"); big != "" {
		// A larger plan, such as the 100,000-release demo; copied, since the
		// window keeps its per-database settings in the file it opens.
		if out, err := exec.Command("cp", big, db).CombinedOutput(); err != nil {
			b.Fatalf("copy %s: %v\n%s", big, err, out)
		}
	} else if out, err := exec.Command(bin, "demo", "--db", db, "--releases", "2000", "--seed", "1").CombinedOutput(); err != nil {
		b.Fatalf("releasedesk demo: %v\n%s", err, out)
	}
	display := fpsXServer(b, xvfb)
	home := filepath.Join(tmp, "home")

	var fps, loadMS []float64
	for b.Loop() {
		for range fpsRuns {
			out := fpsProbe(b, bin, db, display, home)
			for _, line := range strings.Split(out, "\n") {
				if strings.HasPrefix(line, "timeline ") {
					b.Log(line)
				}
			}
			fps = append(fps, fpsNumber(b, fpsScrollLine, out))
			loadMS = append(loadMS, fpsNumber(b, fpsLoadLine, out))
		}
	}
	slices.Sort(fps)
	slices.Sort(loadMS)
	best, median := fps[len(fps)-1], fps[len(fps)/2]
	b.ReportMetric(best, "best-fps")
	b.ReportMetric(median, "median-fps")
	b.ReportMetric(loadMS[len(loadMS)/2], "load-ms")
	// Like the other budgets this one is reported, not enforced. Other work
	// on the machine only ever slows a run down, so the best run is the
	// closest to what the program can do; each run prints the load average.
	verdict := "meets"
	if best < fpsBudget {
		verdict = "is UNDER"
	}
	b.Logf("timeline scrolling: best %.1f fps, median %.1f fps of %d runs; the best %s the budget of %d fps", best, median, len(fps), verdict, fpsBudget)
}

// fpsProbe runs the program's timeline probe once and returns what it printed.
func fpsProbe(b *testing.B, bin, db, display, home string) string {
	b.Helper()
	cmd := exec.Command(bin, "--db", db)
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "LANG=en_US.UTF-8", "HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "RELEASEDESK_TIMELINE_PROBE=fps")
	var out smokeOutput
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			b.Fatalf("probe failed: %v\n%s", err, out.String())
		}
	case <-time.After(fpsRun):
		cmd.Process.Kill()
		<-done
		b.Fatalf("probe did not finish within %v; it said:\n%s", fpsRun, out.String())
	}
	return out.String()
}

// fpsNumber reads the figure re captures from the probe's output.
func fpsNumber(b *testing.B, re *regexp.Regexp, out string) float64 {
	b.Helper()
	m := re.FindStringSubmatch(out)
	if m == nil {
		b.Fatalf("no line matching %q; the probe said:\n%s", re, out)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		b.Fatal(err)
	}
	return v
}

// fpsXServer starts Xvfb at 1280x800 on a free display and returns its name.
func fpsXServer(b *testing.B, xvfb string) string {
	b.Helper()
	for n := 120; n < 320; n++ {
		if smokeExists(fmt.Sprintf("/tmp/.X11-unix/X%d", n)) || smokeExists(fmt.Sprintf("/tmp/.X%d-lock", n)) {
			continue
		}
		display := fmt.Sprintf(":%d", n)
		x := exec.Command(xvfb, display, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
		if err := x.Start(); err != nil {
			b.Fatalf("start Xvfb: %v", err)
		}
		stopped := make(chan struct{})
		go func() { x.Wait(); close(stopped) }()
		b.Cleanup(func() {
			x.Process.Kill()
			<-stopped
		})
		for range 100 {
			select {
			case <-stopped:
				b.Fatalf("Xvfb %s stopped at once", display)
			case <-time.After(100 * time.Millisecond):
			}
			if smokeExists(fmt.Sprintf("/tmp/.X11-unix/X%d", n)) {
				return display
			}
		}
		b.Fatalf("Xvfb %s did not start within 10 s", display)
	}
	b.Fatal("no free X display between :120 and :319")
	return ""
}
