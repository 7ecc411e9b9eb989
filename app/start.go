package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// launch is the window from start-up until a database is open. A database
// that cannot be opened is explained in a dialog, in the window rather than
// on a terminal nobody sees, with File > Open and Quit at hand; a --db path
// that does not exist is created only when the user says so.
type launch struct {
	ctx   context.Context
	app   fyne.App
	win   fyne.Window
	sched kit.Scheduler
	// shell is the main window's content once a database is open.
	shell *shell
	// problem is the dialog explaining the last failed open, if on show.
	problem dialog.Dialog
	// quit ends the program (the app's Quit; tests watch it).
	quit func()
	// started, when set, is closed once the window's first frame is up;
	// the file check of the first database waits for it.
	started <-chan struct{}
}

func newLaunch(ctx context.Context, a fyne.App, w fyne.Window, sched kit.Scheduler) *launch {
	return &launch{ctx: ctx, app: a, win: w, sched: sched, quit: a.Quit}
}

// start opens dbPath, or the default database when it is "".
func (l *launch) start(dbPath string) {
	if dbPath == "" {
		store, fill, err := openDefault(l.ctx, l.app, l.started)
		if err != nil {
			l.showProblem(filepath.Join(l.defaultFolder(), defaultDBName), err)
			return
		}
		l.showStore(store, fill)
		return
	}
	if data.IsServerLocation(dbPath) {
		// An empty database on the server becomes the team's plan; one that
		// does not exist is the administrator's to make, and is named so.
		l.open(dbPath, data.OpenOptions{Create: true})
		return
	}
	if _, err := os.Stat(dbPath); errors.Is(err, fs.ErrNotExist) {
		l.showNoDatabase()
		l.askCreate(dbPath)
		return
	}
	// The file check runs beside the first screen, which shows at once; writes wait for it.
	l.open(dbPath, data.OpenOptions{Verify: data.VerifyLater, CheckAfter: l.started})
}

// open opens path as opt says and shows it, or shows why it cannot.
func (l *launch) open(path string, opt data.OpenOptions) {
	store, err := data.OpenWith(l.ctx, path, opt)
	if err != nil {
		l.showProblem(path, err)
		return
	}
	l.showStore(store, false)
}

// showStore puts the main window's content on store.
func (l *launch) showStore(store *data.Store, fillDemo bool) {
	if l.problem != nil {
		l.problem.Hide()
		l.problem = nil
	}
	l.shell = newShell(l.ctx, l.app, l.win, store, l.sched)
	l.shell.follow(fyne.Do)
	if fillDemo {
		l.shell.fillDemo(demoReleases)
	}
	l.reportDamage(store)
}

// reportDamage waits, off the UI goroutine, for the background check of
// store and, should it find the file damaged, says so: nothing will be
// written to it.
func (l *launch) reportDamage(store *data.Store) {
	l.sched.Background(func() func() {
		err := store.Verified(l.ctx)
		return func() {
			if errors.Is(err, data.ErrDamaged) && l.shell != nil && l.shell.store == store {
				l.showProblem(store.Path(), err)
			}
		}
	})
}

// showNoDatabase fills the window for when no database is open: a note,
// and a File menu with Open and Quit.
func (l *launch) showNoDatabase() {
	open := &widget.Button{Text: "Open database…", Icon: theme.FolderOpenIcon(), OnTapped: l.chooseDatabase}
	quit := &widget.Button{Text: "Quit", OnTapped: func() { l.quit() }}
	note := widget.NewLabelWithStyle("No database is open.", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	l.win.SetContent(container.NewCenter(container.NewVBox(note, container.NewHBox(open, quit))))
	l.win.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu("File",
		&fyne.MenuItem{Label: "Open database…", Icon: theme.FolderOpenIcon(), Shortcut: shortcutOpen, Action: l.chooseDatabase},
		fyne.NewMenuItemSeparator(),
		&fyne.MenuItem{Label: "Quit", Shortcut: shortcutQuit, IsQuit: true, Action: func() { l.quit() }},
	)))
	l.win.Canvas().AddShortcut(shortcutOpen, func(fyne.Shortcut) { l.chooseDatabase() })
	l.win.Canvas().AddShortcut(shortcutQuit, func(fyne.Shortcut) { l.quit() })
	l.win.SetTitle(appName)
}

// showProblem explains in a dialog why path could not be opened, or is
// damaged, and offers another database or quitting.
func (l *launch) showProblem(path string, err error) {
	if l.shell == nil {
		l.showNoDatabase()
	}
	if l.problem != nil {
		l.problem.Hide()
	}
	shown, name := data.Redacted(path), filepath.Base(path)
	if data.IsServerLocation(path) {
		plan, host := serverParts(shown)
		name = plan + " on " + host
	}
	title := "Cannot open " + name
	if errors.Is(err, data.ErrDamaged) {
		title = name + " is damaged"
	}
	text := &widget.Label{Text: problemSentence(shown, err), Wrapping: fyne.TextWrapWord}
	text.ExtendBaseWidget(text)
	d := dialog.NewCustomWithoutButtons(title, text, l.win)
	choose := l.chooseDatabase
	if l.shell != nil {
		choose = l.shell.chooseDatabase // it deals with unsaved work and the open file
	}
	buttons := []fyne.CanvasObject{
		&widget.Button{Text: "Quit", OnTapped: func() { l.quit() }},
		&widget.Button{Text: "Open another database…", Icon: theme.FolderOpenIcon(), Importance: widget.HighImportance,
			OnTapped: func() { d.Hide(); choose() }},
	}
	switch {
	case errors.Is(err, data.ErrBusy):
		buttons = append(buttons, &widget.Button{Text: "Try again", OnTapped: func() { d.Hide(); l.open(path, data.OpenOptions{}) }})
	case l.shell != nil:
		// The file opened but is damaged: its screens may still be read.
		buttons = append(buttons, &widget.Button{Text: "Keep reading it", OnTapped: d.Hide})
	}
	d.SetButtons(buttons)
	d.Resize(fyne.NewSize(560, 0))
	l.problem = d
	d.Show()
}

// problemSentence is err, about the database at path, as sentences for a dialog.
func problemSentence(path string, err error) string {
	msg := err.Error()
	var damaged *data.DamagedError
	if errors.As(err, &damaged) && damaged.Backup != "" {
		msg += ". To go on from the backup, copy it to a file ending in .db and open that."
	}
	if r := []rune(msg); !strings.HasPrefix(msg, path) && len(r) > 0 && unicode.IsLower(r[0]) {
		msg = string(unicode.ToUpper(r[0])) + string(r[1:])
	}
	return msg
}

// askCreate asks before creating a new, empty database at path, which the
// command line named but which does not exist (perhaps a typing mistake).
func (l *launch) askCreate(path string) {
	text := &widget.Label{Wrapping: fyne.TextWrapWord,
		Text: fmt.Sprintf("There is no database at %s.\nCreate a new, empty one there?", path)}
	text.ExtendBaseWidget(text)
	d := dialog.NewCustomWithoutButtons("Create a new database?", text, l.win)
	d.SetButtons([]fyne.CanvasObject{
		&widget.Button{Text: "Quit", OnTapped: func() { l.quit() }},
		&widget.Button{Text: "Open another database…", Icon: theme.FolderOpenIcon(), OnTapped: func() { d.Hide(); l.chooseDatabase() }},
		&widget.Button{Text: "Create", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance,
			OnTapped: func() { d.Hide(); l.open(path, data.OpenOptions{Create: true}) }},
	})
	d.Resize(fyne.NewSize(560, 0))
	l.problem = d
	d.Show()
}

// chooseDatabase lets the user pick an existing database file to open.
func (l *launch) chooseDatabase() {
	chooseDatabaseFile(l.win, l.defaultFolder(), func(path string) {
		l.open(path, data.OpenOptions{})
	})
}

// defaultFolder is the app's data folder, where the file dialog starts.
func (l *launch) defaultFolder() string {
	if root := l.app.Storage().RootURI(); root != nil {
		return root.Path()
	}
	return ""
}

// chooseDatabaseFile shows a file dialog for database files, starting in
// dir, and calls open with the path chosen; cancelling does nothing.
func chooseDatabaseFile(win fyne.Window, dir string, open func(path string)) {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, win)
			return
		}
		if rc == nil {
			return // cancelled
		}
		path := rc.URI().Path()
		rc.Close()
		open(path)
	}, win)
	d.SetFilter(storage.NewExtensionFileFilter(databaseExtensions))
	if dir != "" {
		if lister, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(lister)
		}
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// close releases the database after the window has gone.
func (l *launch) close() error {
	if l.shell == nil {
		return nil
	}
	return l.shell.close()
}
