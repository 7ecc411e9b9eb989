package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/uitest"
)

// launchFixture is the window at start-up in a test app.
type launchFixture struct {
	*shellFixture
	launch *launch
	quits  int
}

func newLaunchFixture(t *testing.T) *launchFixture {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1280, 800))
	f := &launchFixture{shellFixture: &shellFixture{UI: &uitest.UI{T: t, Ctx: context.Background(), Win: w, Timers: uitest.NewTimers()}}}
	f.launch = newLaunch(f.Ctx, a, w, kit.InlineScheduler)
	f.launch.quit = func() { f.quits++ }
	t.Cleanup(func() {
		w.Close()
		f.launch.close()
	})
	return f
}

// fileMenu lists the labels of the window's File menu.
func (f *launchFixture) fileMenu() []string {
	m := f.Win.MainMenu()
	if m == nil || len(m.Items) == 0 {
		return nil
	}
	return menuLabels(m.Items[0])
}

func TestWindowExplainsADatabaseItCannotOpen(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, path string)
		title   string
		message string
	}{
		{"a foreign file", func(t *testing.T, path string) { cliWrite(t, path, "Product,Version\nPayments,2.4.0\n") },
			"Cannot open plan.db", "not a Release Desk database"},
		{"a newer schema", func(t *testing.T, path string) {
			s, err := data.Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
			cliExec(t, path, "INSERT INTO schema_migrations (id) VALUES ('9999_from_the_future')")
		}, "Cannot open plan.db", "install a newer Release Desk"},
		{"a truncated file", func(t *testing.T, path string) {
			shellOpen(t, path, func(s *data.Store) {
				if _, err := data.GenerateDemo(context.Background(), s, data.DemoOptions{Releases: 20, Seed: 2}); err != nil {
					t.Fatal(err)
				}
				s.Close()
			})
			info, _ := os.Stat(path)
			if err := os.Truncate(path, info.Size()/2); err != nil {
				t.Fatal(err)
			}
		}, "plan.db is damaged", "nothing was written to it"},
		{"a busy file that needs an upgrade", func(t *testing.T, path string) {
			shellOpen(t, path, func(s *data.Store) { s.Close() })
			cliMakeOlder(t, path)
			cliHoldWrite(t, path)
		}, "Cannot open plan.db", "The database is busy: another Release Desk is saving; try again"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newLaunchFixture(t)
			path := filepath.Join(t.TempDir(), "plan.db")
			tt.prepare(t, path)
			before := cliFileBytes(t, path)
			f.launch.start(path)
			if f.launch.shell != nil {
				t.Fatal("a database that cannot be opened got the main window")
			}
			if !f.Shows(tt.title) || !f.Shows(tt.message) {
				t.Fatalf("want a dialog %q saying %q; visible %q", tt.title, tt.message, f.Texts())
			}
			if got := f.fileMenu(); !slices.Equal(got, []string{"Open database…", "Quit"}) {
				t.Errorf("File menu %v", got)
			}
			if !bytes.Equal(cliFileBytes(t, path), before) {
				t.Error("the file was changed")
			}
			f.Tap("Quit")
			if f.quits != 1 {
				t.Error("Quit did not quit")
			}
		})
	}
}

func TestWindowAsksBeforeCreatingAMissingDatabase(t *testing.T) {
	f := newLaunchFixture(t)
	dir := t.TempDir()
	typo := filepath.Join(dir, "plna.db")
	f.launch.start(typo)
	if !f.Shows("Create a new database?") || !f.Shows("There is no database at "+typo) {
		t.Fatalf("no question before creating; visible %q", f.Texts())
	}
	if names := cliFiles(t, dir); len(names) > 0 {
		t.Fatalf("asking created %v", names)
	}
	f.Tap("Quit")
	if f.quits != 1 || len(cliFiles(t, dir)) > 0 {
		t.Fatalf("Quit: %d quits, files %v", f.quits, cliFiles(t, dir))
	}

	f = newLaunchFixture(t)
	f.launch.start(typo)
	f.Tap("Create")
	if f.launch.shell == nil || f.launch.shell.store.Path() != typo {
		t.Fatalf("Create did not open the new database; visible %q", f.Texts())
	}
	if got := f.Win.Title(); !strings.HasPrefix(got, "Release Desk — plna.db") {
		t.Errorf("title %q", got)
	}
	if n, err := f.launch.shell.store.CountReleases(f.Ctx, data.ReleaseFilter{}); err != nil || n != 0 {
		t.Errorf("the new database holds %d releases (%v), want none", n, err)
	}
}

func TestWindowOpensAnotherDatabaseAfterAProblem(t *testing.T) {
	f := newLaunchFixture(t)
	dir := t.TempDir()
	junk := filepath.Join(dir, "notes.db")
	cliWrite(t, junk, "shopping list\n")
	good := filepath.Join(dir, "good.db")
	shellOpen(t, good, func(s *data.Store) {
		shellRelease(t, s, "Ledger", "9.0.0", "Audit trail")
		s.Close()
	})
	f.launch.start(junk)
	if !f.Shows("not a Release Desk database") {
		t.Fatalf("visible %q", f.Texts())
	}
	// The file dialog itself is Fyne's; what it hands back is opened as the menu would.
	f.launch.open(good, data.OpenOptions{})
	if f.launch.shell == nil || f.launch.shell.store.Path() != good {
		t.Fatal("the chosen database was not opened")
	}
	if f.Shows("not a Release Desk database") {
		t.Error("the problem dialog stayed after another database opened")
	}
	if got := f.fileMenu(); !slices.Contains(got, "New release") {
		t.Errorf("the main window's File menu is missing: %v", got)
	}
}

func TestWindowReportsDamageFoundAfterItShows(t *testing.T) {
	f := newLaunchFixture(t)
	path := filepath.Join(t.TempDir(), "plan.db")
	shellOpen(t, path, func(s *data.Store) {
		if _, err := data.GenerateDemo(context.Background(), s, data.DemoOptions{Releases: 20, Seed: 2}); err != nil {
			t.Fatal(err)
		}
		s.Close()
	})
	file, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := file.Stat()
	file.WriteAt(bytes.Repeat([]byte{0xff}, 4096), info.Size()/4096/2*4096)
	file.Close()
	before := cliFileBytes(t, path)

	f.launch.start(path) // the check runs beside the first screen
	if f.launch.shell == nil {
		t.Fatalf("the window did not open while the check ran; visible %q", f.Texts())
	}
	if !f.Shows("plan.db is damaged") || !f.Shows("nothing was written to it") {
		t.Fatalf("the damage found by the check is not shown; visible %q", f.Texts())
	}
	if err := f.launch.shell.store.SaveProduct(f.Ctx, &data.Product{Name: "Written anyway"}); err == nil {
		t.Fatal("a save into the damaged file went through")
	}
	f.Tap("Keep reading it")
	if f.Shows("is damaged") {
		t.Error("the dialog stayed")
	}
	if !bytes.Equal(cliFileBytes(t, path), before) {
		t.Error("the damaged file was written")
	}
}

func TestWindowStopsWhenStuckAfterASignal(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	closed := make(chan struct{})
	exited := make(chan int, 1)
	var stderr bytes.Buffer
	go stopIfStuck(ctx, closed, 50*time.Millisecond, &stderr, func(code int) { exited <- code })
	cancel()
	select {
	case code := <-exited:
		if code != exitFailure || !strings.Contains(stderr.String(), "did not close") {
			t.Fatalf("exit %d, %q", code, stderr.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a window stuck after the signal was never stopped")
	}

	ctx, cancel = context.WithCancel(context.Background())
	closed = make(chan struct{})
	done := make(chan struct{})
	go func() {
		stopIfStuck(ctx, closed, 50*time.Millisecond, &stderr, func(code int) { exited <- code })
		close(done)
	}()
	cancel()
	close(closed) // the window closed in time
	<-done
	select {
	case code := <-exited:
		t.Fatalf("a window that closed in time was stopped (%d)", code)
	case <-time.After(100 * time.Millisecond):
	}
}

func TestProblemSentence(t *testing.T) {
	damaged := &data.DamagedError{Path: "/srv/plan.db", Detail: "page 12 is never used", Backup: "/srv/plan.db.schema2.bak"}
	if got := problemSentence("/srv/plan.db", damaged); !strings.HasPrefix(got, "/srv/plan.db is damaged") ||
		!strings.HasSuffix(got, "the most recent backup is /srv/plan.db.schema2.bak. To go on from the backup, copy it to a file ending in .db and open that.") {
		t.Errorf("damaged: %q", got)
	}
	if got := problemSentence("plan.db", data.ErrBusy); got != "The database is busy: another Release Desk is saving; try again" {
		t.Errorf("busy: %q", got)
	}
	if got := problemSentence("plan.db", &data.DamagedError{Path: "plan.db", Detail: "x"}); !strings.HasPrefix(got, "plan.db is damaged") {
		t.Errorf("a path is not capitalised: %q", got)
	}
}
