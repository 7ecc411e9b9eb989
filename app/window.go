package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"releasedesk/assets"
	"releasedesk/data"
	"releasedesk/views/kit"
)

const (
	appID   = "dev.releasedesk.app"
	appName = "Release Desk"
	// defaultDBName is the database kept in the app's storage folder when no --db is given.
	defaultDBName = "releasedesk.db"
	// demoFilledKey remembers that the default database got its sample data once,
	// so a user who deletes every release does not get them back.
	demoFilledKey = "demo.filled"
)

// demoReleases is how many sample releases a first start creates.
const demoReleases = 60

// runWindow opens the main window on the database named by --db, or on the
// default database in the app's storage folder, filled with sample data the
// first time. A database that cannot be opened is explained in the window
// (see launch), which may be started from a launcher with no terminal.
func runWindow(ctx context.Context, args []string, stderr io.Writer) error {
	fs := newFlags("")
	dbPath := fs.String("db", "", "database file")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("unexpected argument %q; usage: releasedesk %s", rest[0], windowUsage)
	}
	releaseHeap := holdHeap()
	a := fyneapp.NewWithID(appID)
	a.SetIcon(assets.Icon)
	w := a.NewWindow(appName)
	leanFramebuffer() // before the window is shown and its framebuffer made
	nameWindowClass()
	// The monitor's scale is known once the window is shown: size it for
	// scale 1 now, then shrink it should the screen be smaller than that.
	w.Resize(windowSize(savedWindowSize(a.Preferences()), screenRoom(1)))
	go fyne.Do(func() { fitToScreen(w) })
	// The screens' first reads and the file check wait for the window's
	// first frame: begun at once, they took the two cores the window needs
	// to appear (0.35 s against the bare window's 0.2 s on the 100,000
	// release demo; 0.22 s once they waited).
	started := make(chan struct{})
	a.Lifecycle().SetOnStarted(func() {
		go fyne.Do(func() {
			releaseHeap()
			close(started)
		})
	})
	l := newLaunch(ctx, a, w, kit.GatedScheduler(started))
	l.started = started
	l.start(*dbPath)
	closed := make(chan struct{})
	defer close(closed)
	go stopIfStuck(ctx, closed, windowQuitGrace, stderr, os.Exit)
	w.ShowAndRun()
	return l.close()
}

// windowQuitGrace is how long the window has to close after Ctrl+C or SIGTERM.
const windowQuitGrace = 10 * time.Second

// stopIfStuck ends the process when the window has not closed within grace
// of a signal: Fyne quits through the UI goroutine, which a screen stuck in
// a long layout would never free. Every change is a committed transaction,
// so stopping loses nothing that was saved.
func stopIfStuck(ctx context.Context, closed <-chan struct{}, grace time.Duration, stderr io.Writer, exit func(int)) {
	select {
	case <-closed:
		return
	case <-ctx.Done():
	}
	select {
	case <-closed:
	case <-time.After(grace):
		fmt.Fprintf(stderr, "releasedesk: the window did not close within %s of the signal; stopping\n", grace)
		exit(exitFailure)
	}
}

// openDefault opens the database in the app's storage folder and reports
// whether it should get sample data: a first start, with no releases yet.
func openDefault(ctx context.Context, a fyne.App, checkAfter <-chan struct{}) (store *data.Store, fillDemo bool, err error) {
	path, err := defaultDatabasePath(a)
	if err != nil {
		return nil, false, err
	}
	// The file check runs beside the first screen, which shows at once; writes wait for it.
	if store, err = data.OpenWith(ctx, path, data.OpenOptions{Create: true, Verify: data.VerifyLater, CheckAfter: checkAfter}); err != nil {
		return nil, false, err
	}
	if a.Preferences().Bool(demoFilledKey) {
		return store, false, nil
	}
	if fillDemo, err = isEmpty(ctx, store); err != nil {
		store.Close()
		return nil, false, err
	}
	return store, fillDemo, nil
}

// defaultDatabasePath is releasedesk.db in the app's storage folder, which it creates.
func defaultDatabasePath(a fyne.App) (string, error) {
	root := a.Storage().RootURI()
	if root == nil || root.Path() == "" {
		return "", fmt.Errorf("no storage folder for %s; give a database with --db FILE", appName)
	}
	if err := os.MkdirAll(root.Path(), 0o755); err != nil {
		return "", fmt.Errorf("create the data folder: %w", err)
	}
	return filepath.Join(root.Path(), defaultDBName), nil
}

// isEmpty reports whether the database holds no releases yet.
func isEmpty(ctx context.Context, store *data.Store) (bool, error) {
	n, err := store.CountReleases(ctx, data.ReleaseFilter{})
	return n == 0, err
}

// fillDemo fills the new default database with sample releases off the UI
// goroutine, showing progress; the Releases screen reloads when it is done.
func (s *shell) fillDemo(releases int) {
	bar := widget.NewProgressBar()
	note := widget.NewLabel(fmt.Sprintf("Welcome! Release Desk is filling your new database with %d sample releases so there is something to explore.", releases))
	note.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons("Preparing sample data", container.NewVBox(note, bar), s.win)
	d.Resize(fyne.NewSize(460, 0))
	d.Show()
	store, ctx := s.store, s.ctx
	s.sched.Background(func() func() {
		shown := -1 // percent on the bar; the UI hears only of whole-percent steps
		_, err := data.GenerateDemo(ctx, store, data.DemoOptions{Releases: releases, Seed: 1,
			Progress: func(done, total int) {
				if pct := done * 100 / max(total, 1); pct != shown {
					shown = pct
					fyne.Do(func() { bar.SetValue(float64(pct) / 100) })
				}
			}})
		return func() {
			d.Hide()
			if errors.Is(err, data.ErrNotEmpty) {
				// Products or people but no releases: the user has started a plan of their own.
				s.app.Preferences().SetBool(demoFilledKey, true)
				return
			}
			if err != nil {
				kit.ShowError(s.win, fmt.Errorf("could not create the sample data: %w", err))
				return
			}
			s.app.Preferences().SetBool(demoFilledKey, true)
			s.rememberSamples(store)
			if s.store == store {
				s.rebuildScreens(s.current) // every screen built so far showed the empty database
				s.showSampleNote()
			}
		}
	})
}
