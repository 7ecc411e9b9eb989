package app

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
)

// A team keeps its plan on a PostgreSQL server: File > Open team server…
// opens one by its URL, File > Copy to server… puts the plan on show there,
// File > Save a copy… writes it to a file (for planning offline, say).

// serverPlaceholder shows the form of a server's URL.
const serverPlaceholder = "postgres://you@db.example.com:5432/plan"

// askServerURL asks for a PostgreSQL URL and hands it to then; the field
// says what is wrong with anything else.
func (s *shell) askServerURL(title, confirm, hint string, then func(location string)) {
	entry := &widget.Entry{PlaceHolder: serverPlaceholder}
	entry.ExtendBaseWidget(entry)
	entry.Validator = func(text string) error {
		text = strings.TrimSpace(text)
		if !data.IsServerLocation(text) {
			return errors.New("a PostgreSQL URL starts with postgres:// or postgresql://")
		}
		if u, err := url.Parse(text); err != nil || strings.Trim(u.Path, "/") == "" {
			return errors.New("name the database at the end: …/plan")
		}
		return nil
	}
	item := widget.NewFormItem("Server", entry)
	item.HintText = hint
	d := dialog.NewForm(title, confirm, "Cancel", []*widget.FormItem{item}, func(ok bool) {
		if ok {
			then(strings.TrimSpace(entry.Text))
		}
	}, s.win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// chooseServer opens a plan on a team server in place of the one on show.
// An empty database there becomes a new plan; one that does not exist is not made.
func (s *shell) chooseServer() {
	s.leaveScreen(func() {
		s.askServerURL("Open team server", "Open",
			"A password is better kept in ~/.pgpass than in the URL; it never shows either way.", s.openServer)
	}, nil)
}

// openServer opens the plan at the server URL location in place of the one on show.
func (s *shell) openServer(location string) {
	store, err := data.Open(s.ctx, location)
	if err != nil {
		dialog.ShowError(fmt.Errorf("could not open %s: %w", data.Redacted(location), err), s.win)
		return
	}
	s.swapStore(store)
}

// copyToServer copies the plan on show into an empty database on a server
// and offers to open it there.
func (s *shell) copyToServer() {
	s.askServerURL("Copy the plan to a server", "Copy",
		"The database must exist and be empty; your administrator creates it.", func(location string) {
			s.copyPlan(location, func() {
				d := dialog.NewConfirm("Plan copied", "The plan is on "+data.Redacted(location)+".\nWork on the server copy from now on?", func(open bool) {
					if open {
						s.leaveScreen(func() { s.openServer(location) }, nil)
					}
				}, s.win)
				d.SetConfirmText("Open it")
				d.SetDismissText("Stay here")
				d.Show()
			})
		})
}

// saveACopy writes the plan on show to a new file.
func (s *shell) saveACopy() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		// The picker made an empty file; the copy takes its place.
		s.copyPlan(path, func() {
			dialog.ShowInformation("Copy saved", "The plan is saved in "+path+".\nOpen it with File > Open database… to work offline.", s.win)
		})
	}, s.win)
	d.SetFileName("plan-copy.db")
	d.SetFilter(storage.NewExtensionFileFilter(databaseExtensions))
	if !s.store.IsServer() {
		if dir, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(s.store.Path()))); err == nil {
			d.SetLocation(dir)
		}
	}
	d.Show()
}

// copyPlan copies the open plan to location off the UI goroutine, showing
// its progress with a way to stop it, then runs done.
func (s *shell) copyPlan(location string, done func()) {
	ctx, cancel := context.WithCancel(s.ctx)
	bar := widget.NewProgressBar()
	stop := &widget.Button{Text: "Stop", OnTapped: cancel}
	progress := dialog.NewCustomWithoutButtons("Copying to "+data.Redacted(location), bar, s.win)
	progress.SetButtons([]fyne.CanvasObject{stop})
	progress.Show()
	store, onUI := s.store, s.onUI
	if onUI == nil {
		onUI = fyne.Do
	}
	s.sched.Background(func() func() {
		_, err := data.CopyFrom(ctx, store, location, func(n, total int64) {
			onUI(func() { bar.SetValue(float64(n) / float64(max(total, 1))) })
		})
		return func() {
			cancel()
			progress.Hide()
			switch {
			case errors.Is(err, context.Canceled):
				dialog.ShowInformation("Copy stopped", "Nothing was kept at "+data.Redacted(location)+".", s.win)
			case err != nil:
				dialog.ShowError(fmt.Errorf("could not copy the plan: %w", err), s.win)
			default:
				done()
			}
		}
	})
}
