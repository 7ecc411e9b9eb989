package uitest

import (
	"context"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// Release stores a release of product (created when new), owned by Dana, and
// returns it; a planned day brings a code freeze a week before, and a
// released one its actual day.
func (u *UI) Release(product, version, title string, status data.ReleaseStatus, planned data.Date) data.Release {
	u.T.Helper()
	p, err := u.Store.ProductNamed(u.Ctx, product, true)
	if err != nil {
		u.T.Fatalf("product %s: %v", product, err)
	}
	r := data.Release{ProductID: p.ID, Version: version, Title: title, Type: data.TypeMinor, Status: status,
		Risk: data.RiskLow, Owner: "Dana", PlannedRelease: planned}
	if !planned.IsZero() {
		r.CodeFreeze = planned.AddDays(-7)
	}
	if status == data.StatusReleased {
		r.ActualRelease = planned
	}
	if err := u.Store.SaveRelease(u.Ctx, &r); err != nil {
		u.T.Fatalf("release %s %s: %v", product, version, err)
	}
	return r
}

// ReleaseCount is how many releases the store holds.
func (u *UI) ReleaseCount() int {
	u.T.Helper()
	rs, err := u.Store.ListReleases(u.Ctx, data.ReleaseFilter{})
	if err != nil {
		u.T.Fatal(err)
	}
	return len(rs)
}

// Environment stores an environment at the end of the promotion path.
func (u *UI) Environment(name string, kind data.EnvironmentKind) data.Environment {
	u.T.Helper()
	e := data.Environment{Name: name, Kind: kind}
	if err := u.Store.SaveEnvironment(u.Ctx, &e); err != nil {
		u.T.Fatalf("environment %s: %v", name, err)
	}
	return e
}

// Person adds someone to the directory.
func (u *UI) Person(name, email, team, title string) data.Stakeholder {
	u.T.Helper()
	p := data.Stakeholder{Name: name, Email: email, Team: team, Title: title}
	if err := u.Store.SaveStakeholder(u.Ctx, &p); err != nil {
		u.T.Fatalf("person %s: %v", name, err)
	}
	return p
}

// Timers runs background work at once and keeps timed work until Fire is
// called, so a test decides when a debounced search or a notice's timeout happens.
type Timers struct {
	pending map[int]func()
	next    int
}

// NewTimers returns timers with nothing pending.
func NewTimers() *Timers { return &Timers{pending: map[int]func(){}} }

// Scheduler runs the screens' work with these timers.
func (tt *Timers) Scheduler() kit.Scheduler {
	return kit.Scheduler{
		Background: func(work func() func()) { work()() },
		Later: func(_ time.Duration, f func()) func() {
			tt.next++
			id := tt.next
			tt.pending[id] = f
			return func() { delete(tt.pending, id) }
		},
	}
}

// Fire runs every timer still pending, as if its time had come.
func (tt *Timers) Fire() {
	for len(tt.pending) > 0 {
		for id, f := range tt.pending {
			delete(tt.pending, id)
			f()
		}
	}
}

// demoFiles holds the demo databases made so far in this test binary, by size.
var demoFiles = struct {
	sync.Mutex
	dir   string
	paths map[int]string
}{paths: map[int]string{}}

// Demo opens a copy of the demo database of the given size (seed 1), made
// once per test binary and copied for each test, so a test may change it.
// A package whose tests call it runs them through Main, which removes the files.
func Demo(t testing.TB, releases int) *UI {
	t.Helper()
	src := demoFile(t, releases)
	dst := filepath.Join(t.TempDir(), "demo.db")
	if err := copyFile(src, dst); err != nil {
		t.Fatalf("copy the demo database: %v", err)
	}
	return open(t, dst)
}

func demoFile(t testing.TB, releases int) string {
	t.Helper()
	demoFiles.Lock()
	defer demoFiles.Unlock()
	if p, ok := demoFiles.paths[releases]; ok {
		return p
	}
	if demoFiles.dir == "" {
		dir, err := os.MkdirTemp("", "releasedesk-uitest-")
		if err != nil {
			t.Fatal(err)
		}
		demoFiles.dir = dir
	}
	path := filepath.Join(demoFiles.dir, "demo-"+strconv.Itoa(releases)+".db")
	ctx := context.Background()
	s, err := data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = data.GenerateDemo(ctx, s, data.DemoOptions{Releases: releases, Seed: 1})
	if cerr := s.Close(); err == nil {
		err = cerr // closing folds the write-ahead log into the file that is copied
	}
	if err != nil {
		t.Fatalf("demo of %d releases: %v", releases, err)
	}
	demoFiles.paths[releases] = path
	return path
}

// Main runs the package's tests and removes the demo databases they made.
func Main(m *testing.M) int {
	code := m.Run()
	if demoFiles.dir != "" {
		os.RemoveAll(demoFiles.dir)
	}
	return code
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// ShotsDirEnv names the folder the screenshot tests write their PNGs to. The
// screenshot tests are built only with the shots tag; `make shots` sets both.
const ShotsDirEnv = "SHOTS_DIR"

// ShotsDir is the folder the screenshot tests write to, made when missing; a
// screenshot test run without it set fails, since it would show no one anything.
func ShotsDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv(ShotsDirEnv)
	if dir == "" {
		t.Fatalf("set %s to the folder the screenshots go to (make shots does)", ShotsDirEnv)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// SaveShot writes what w shows to name (a .png file name) in ShotsDir.
func SaveShot(t testing.TB, w fyne.Window, name string) {
	t.Helper()
	path := filepath.Join(ShotsDir(t), name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
	t.Log("wrote", path)
}
