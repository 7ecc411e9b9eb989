package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/releases"
	"releasedesk/views/uitest"
)

// shellFixture is the main window in a test app on a real database file,
// driven with the screens' test kit.
type shellFixture struct {
	*uitest.UI
	// closed is set by tests whose window closes itself (quitting).
	closed bool
	dir    string
	shell  *shell
}

func newShellFixture(t *testing.T, seed func(s *data.Store)) *shellFixture {
	t.Helper()
	a := test.NewTempApp(t)
	ctx := context.Background()
	dir := t.TempDir()
	store := shellOpen(t, filepath.Join(dir, "plan.db"), seed)
	w := test.NewWindow(nil)
	ui := shellUI(t, ctx, w, store)
	s := newShell(ctx, a, w, store, ui.Timers.Scheduler())
	w.Resize(fyne.NewSize(1280, 800))
	s.switchSection(s.sectionIndex(releasesTitle)) // the screen these tests drive
	f := &shellFixture{UI: ui, dir: dir, shell: s}
	t.Cleanup(func() {
		if !f.closed {
			w.Close()
		}
		s.close()
	})
	return f
}

// shellUI is the test kit's view of the shell's window w on store.
func shellUI(t *testing.T, ctx context.Context, w fyne.Window, store *data.Store) *uitest.UI {
	return &uitest.UI{T: t, Ctx: ctx, Store: store, Win: w, Timers: uitest.NewTimers()}
}

// shellOpen creates a database at path and lets seed fill it.
func shellOpen(t *testing.T, path string, seed func(s *data.Store)) *data.Store {
	t.Helper()
	store, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	if seed != nil {
		seed(store)
	}
	return store
}

// shellRelease stores one planned release.
func shellRelease(t *testing.T, s *data.Store, product, version, title string) data.Release {
	t.Helper()
	ctx := context.Background()
	p, err := s.ProductNamed(ctx, product, true)
	if err != nil {
		t.Fatal(err)
	}
	r := data.Release{ProductID: p.ID, Version: version, Title: title, Type: data.TypeMinor, Status: data.StatusPlanned,
		Risk: data.RiskLow, PlannedRelease: data.NewDate(2026, time.June, 1)}
	if err := s.SaveRelease(ctx, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func menuLabels(m *fyne.Menu) []string {
	var out []string
	for _, it := range m.Items {
		if !it.IsSeparator {
			out = append(out, it.Label)
		}
	}
	return out
}

func TestShellShowsOnlyWorkingSections(t *testing.T) {
	f := newShellFixture(t, nil)
	s := f.shell
	if s.sectionIndex(releasesTitle) < 0 {
		t.Fatalf("the sidebar has no Releases section: %d sections", len(s.sections))
	}
	if s.nav.Length() != len(s.sections) {
		t.Errorf("sidebar has %d rows for %d sections", s.nav.Length(), len(s.sections))
	}
	var titles []string
	for i, sec := range s.sections {
		titles = append(titles, sec.title)
		if sec.icon == nil || sec.build == nil {
			t.Errorf("section %q lacks an icon or a screen", sec.title)
			continue
		}
		s.switchSection(i)
		if s.current != i || s.built[i] == nil || !onShow(s, i) {
			t.Errorf("choosing %q in the sidebar did not show its screen", sec.title)
		}
		switch s.built[i].(type) {
		case *widget.Label, *canvas.Text:
			t.Errorf("section %q shows a placeholder, not a screen", sec.title)
		}
	}
	s.switchSection(s.sectionIndex(releasesTitle))
	if _, ok := s.shown().(*releases.Screen); !ok {
		t.Errorf("the Releases section shows %T", s.shown())
	}
	if !f.Shows("Release Desk") || !f.Shows("plan.db") {
		t.Errorf("sidebar lacks the app name or database; visible %q", f.Texts())
	}
	want := map[string]string{
		"File": "New release,Open database…,Open Recent,Open team server…,Copy to server…,Save a copy…,Export review…,Export timeline…,Quit",
		"Edit": "Undo,Find releases",
		"View": strings.Join(titles, ",") + ",Back,Forward",
		"Help": "About Release Desk",
	}
	menu := f.Win.MainMenu()
	if len(menu.Items) != len(want) {
		t.Fatalf("%d menus, want %d", len(menu.Items), len(want))
	}
	for _, m := range menu.Items {
		if got := strings.Join(menuLabels(m), ","); got != want[m.Label] {
			t.Errorf("%s menu %q, want %q", m.Label, got, want[m.Label])
		}
	}
	if !s.undoItem.Disabled {
		t.Error("Undo is enabled with nothing to undo")
	}
}

func TestShellShortcuts(t *testing.T) {
	var rel data.Release
	f := newShellFixture(t, func(s *data.Store) { rel = shellRelease(t, s, "Payments", "2.4.0", "Faster checkout") })
	c := f.Win.Canvas()

	f.Press(shortcutFind)
	if e, ok := c.Focused().(*widget.Entry); !ok || !strings.HasPrefix(e.PlaceHolder, "Search product") {
		t.Fatalf("Ctrl+F focused %T, want the search box", c.Focused())
	}
	test.Type(c.Focused(), "checkout")
	f.Press(shortcutUndo) // in a text field Ctrl+Z is the field's own undo
	if _, err := f.shell.store.Release(f.Ctx, rel.ID); err != nil {
		t.Fatalf("Ctrl+Z in the search box touched the releases: %v", err)
	}

	f.Press(shortcutNew)
	if !f.Shows("New release") || !f.Shows("Fill in the details and save") {
		t.Fatalf("Ctrl+N did not open a new release; visible %q", f.Texts())
	}
	f.Tap("Cancel")

	f.shell.releases.OpenRelease(rel.ID)
	f.Tap("Delete")
	f.Tap("Delete")
	if _, err := f.shell.store.Release(f.Ctx, rel.ID); err == nil {
		t.Fatal("release not deleted")
	}
	if f.shell.undoItem.Disabled || f.shell.undoItem.Label != "Undo delete of Payments 2.4.0" {
		t.Errorf("Edit menu says %q (disabled %v)", f.shell.undoItem.Label, f.shell.undoItem.Disabled)
	}
	f.Press(shortcutUndo)
	if _, err := f.shell.store.Release(f.Ctx, rel.ID); err != nil {
		t.Errorf("Ctrl+Z did not restore the release: %v", err)
	}
	if !f.shell.undoItem.Disabled || f.shell.undoItem.Label != "Undo" {
		t.Errorf("after undo the Edit menu says %q (disabled %v)", f.shell.undoItem.Label, f.shell.undoItem.Disabled)
	}
}

func TestShellOpenDatabase(t *testing.T) {
	f := newShellFixture(t, nil)
	first := f.shell.store.Path()

	junk := filepath.Join(f.dir, "notes.db")
	if err := os.WriteFile(junk, []byte("shopping list\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f.shell.openDatabase(junk)
	if f.shell.store.Path() != first {
		t.Errorf("a failed open replaced the database with %s", f.shell.store.Path())
	}
	if !f.Shows("not a Release Desk database") {
		t.Errorf("no error shown for a foreign file; visible %q", f.Texts())
	}
	if _, err := f.shell.store.Products(f.Ctx); err != nil {
		t.Errorf("the current database was closed: %v", err)
	}
	f.Win.Canvas().Overlays().Top().Hide()

	second := filepath.Join(f.dir, "other.db")
	shellOpen(t, second, func(s *data.Store) {
		shellRelease(t, s, "Ledger", "9.0.0", "Audit trail")
		s.Close()
	})
	// Every screen built on the first database must be closed and go with it.
	probe := &closingScreen{}
	probe.ExtendBaseWidget(probe)
	f.shell.sections = append(f.shell.sections, section{title: "Probe", icon: theme.InfoIcon(),
		build: func() fyne.CanvasObject { return probe }})
	f.shell.built = append(f.shell.built, nil)
	old := map[fyne.CanvasObject]string{}
	for i, sec := range f.shell.sections {
		f.shell.switchSection(i)
		old[f.shell.built[i]] = sec.title
	}
	f.shell.openDatabase(second)
	if f.shell.store.Path() != second {
		t.Fatalf("store is %s, want %s", f.shell.store.Path(), second)
	}
	for _, o := range append(f.shell.built, f.shell.body.Objects...) {
		if title, ok := old[o]; ok && o != nil {
			t.Errorf("the %s screen of the first database is still in the window", title)
		}
	}
	if !probe.closed {
		t.Error("opening another database did not close the screens built on the first")
	}
	f.shell.switchSection(f.shell.sectionIndex(releasesTitle))
	if got := f.Win.Title(); !strings.HasPrefix(got, "Release Desk — other.db") {
		t.Errorf("title %q", got)
	}
	if !f.Shows("Audit trail") || !f.Shows("1 release") {
		t.Errorf("the other database's releases are not shown; visible %q", f.Texts())
	}
}

func TestWindowTitle(t *testing.T) {
	// A home folder of the test's own, so the titles below never depend on the machine.
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	appDir := filepath.Join(home, ".config", "fyne", "dev.releasedesk.app")
	cases := []struct{ path, want string }{
		{filepath.Join(home, "plans", "q3.db"), "Release Desk — q3.db (~/plans)"},
		{"/srv/shared/releases.db", "Release Desk — releases.db (/srv/shared)"},
		{filepath.Join(appDir, "releasedesk.db"), "Release Desk — releasedesk.db (~/.config/fyne/dev.releasedesk.app)"},
		{"/mnt/team-share/release-planning/2026/q3/plan.db", "Release Desk — plan.db (/mnt/…/2026/q3)"},
	}
	for _, c := range cases {
		if got := windowTitle(c.path); got != c.want {
			t.Errorf("windowTitle(%q) = %q, want %q", c.path, got, c.want)
		}
	}
}

func TestRunWindowRefusesBadStarts(t *testing.T) {
	junk := filepath.Join(t.TempDir(), "junk.db")
	if err := os.WriteFile(junk, []byte("not sqlite"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		args   []string
		status int
		stderr string
	}{
		{"unknown flag", []string{"--colour", "red"}, exitUsage, "flag provided but not defined"},
		{"extra argument", []string{"--db", junk, "more"}, exitUsage, `unexpected argument "more"`},
		{"--db without a file", []string{"--db"}, exitUsage, "releasedesk: flag needs an argument: -db; usage: releasedesk [--db FILE]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if got := Main(c.args, &stdout, &stderr); got != c.status {
				t.Errorf("exit status %d, want %d (stderr %q)", got, c.status, stderr.String())
			}
			if !strings.Contains(stderr.String(), c.stderr) || strings.Count(stderr.String(), "\n") != 1 {
				t.Errorf("stderr %q, want one line containing %q", stderr.String(), c.stderr)
			}
			if strings.Contains(stderr.String(), "releasedesk: releasedesk:") {
				t.Errorf("stderr %q names the program twice", stderr.String())
			}
		})
	}
}

func TestDefaultDatabaseGetsSampleDataOnce(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir()) // the test app keeps its storage in the temp folder
	a := test.NewTempApp(t)
	ctx := context.Background()
	store, fill, err := openDefault(ctx, a, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !fill || filepath.Base(store.Path()) != defaultDBName {
		t.Fatalf("first start: fill %v, path %s", fill, store.Path())
	}
	w := test.NewWindow(nil)
	s := newShell(ctx, a, w, store, kit.InlineScheduler)
	if s.current != 0 || !onShow(s, 0) {
		t.Errorf("the window does not open on the first section (showing %d)", s.current)
	}
	s.switchSection(s.sectionIndex(releasesTitle))
	s.fillDemo(6)
	f := &shellFixture{UI: shellUI(t, ctx, w, store), shell: s}
	rs, err := store.ListReleases(ctx, data.ReleaseFilter{})
	if err != nil || len(rs) != 6 {
		t.Fatalf("sample data: %d releases, %v; visible %q", len(rs), err, f.Texts())
	}
	if !f.Shows("6 releases") || f.Shows("Preparing sample data") {
		t.Errorf("after filling: visible %q", f.Texts())
	}
	w.Close()
	s.close()

	for _, r := range rs { // a user who clears the plan does not get the samples back
		reopened, err := data.Open(ctx, store.Path())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := reopened.DeleteRelease(ctx, r.ID); err != nil {
			t.Fatal(err)
		}
		reopened.Close()
	}
	again, fill, err := openDefault(ctx, a, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if fill {
		t.Error("sample data offered again after the user removed every release")
	}
}

func TestShellAsksBeforeClosingWithUnsavedChanges(t *testing.T) {
	var rel data.Release
	f := newShellFixture(t, func(s *data.Store) { rel = shellRelease(t, s, "Payments", "2.4.0", "Faster checkout") })
	f.shell.releases.OpenRelease(rel.ID)
	f.Press(shortcutFind)
	if f.Shows("Unsaved changes") || f.shell.releases.HasUnsavedChanges() {
		t.Fatal("leaving an unchanged release asked a question")
	}

	f.shell.releases.OpenRelease(rel.ID)
	test.Type(f.findTitleEntry(), "Now ")
	f.shell.quit()
	if !f.Shows("Unsaved changes") {
		t.Fatalf("quitting with unsaved changes did not ask; visible %q", f.Texts())
	}
	f.Tap("Cancel")
	if !shellWindowOpen(f.Win) || !f.shell.releases.HasUnsavedChanges() {
		t.Fatal("Cancel closed the window or dropped the changes")
	}
	f.shell.quit()
	f.Tap("Save")
	f.closed = true
	if shellWindowOpen(f.Win) {
		t.Error("the window stayed open after Save")
	}
	if got, _ := f.shell.store.Release(f.Ctx, rel.ID); got.Title != "Now Faster checkout" {
		t.Errorf("Save before quitting stored title %q", got.Title)
	}
}

func shellWindowOpen(w fyne.Window) bool {
	for _, o := range fyne.CurrentApp().Driver().AllWindows() {
		if o == w {
			return true
		}
	}
	return false
}

// findTitleEntry returns the editor's Title field.
func (f *shellFixture) findTitleEntry() *widget.Entry {
	f.T.Helper()
	var found *widget.Entry
	uitest.Visit(f.Win.Canvas().Content(), func(o fyne.CanvasObject) {
		if e, ok := uitest.As[*widget.Entry](o); ok && found == nil && e.PlaceHolder == "What this release delivers" {
			found = e
		}
	})
	if found == nil {
		f.T.Fatal("no Title field on screen")
	}
	return found
}

// onShow reports whether the body shows screen i and keeps every other
// screen built so far hidden behind it.
func onShow(s *shell, i int) bool {
	found := false
	for _, o := range s.body.Objects {
		if o == s.built[i] {
			found = o.Visible()
		} else if o.Visible() {
			return false
		}
	}
	return found
}

// closingScreen is a screen that records being closed.
type closingScreen struct {
	widget.Label
	closed bool
}

func (c *closingScreen) Close() { c.closed = true }
