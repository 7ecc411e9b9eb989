package editor

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/reports"
	"releasedesk/views/kit"
)

// What the release editor's tabs share: the store they read, how they read
// it, and what each does around a change of its own (ask before deleting,
// offer Undo, follow the release's status).

// Store is what the release editor needs from the database, one narrow
// interface per tab, and the review workbook it exports; *data.Store satisfies it.
type Store interface {
	DetailsStore
	DeploymentsStore
	TestsStore
	GoNoGoStore
	StakeholdersTabStore
	ChecklistStore
	ReviewStore
	reports.ReviewSource
}

var _ Store = (*data.Store)(nil)

// afterEditorChange is what every editor tab does after a change of its own:
// push the undo step, read the release again (its status may have moved),
// reload the tab and the list, and announce the change with Undo.
func afterEditorChange(ed *Editor, notice string, step kit.Step, reload func()) {
	id := ed.release.ID
	step.Release = id
	run := step.Run
	step.Run = func(ctx context.Context) error {
		err := run(ctx)
		if ed.release.ID == id { // the editor may show the release again; make sure this tab and the header follow
			followReleaseStatus(ed)
			reload()
		}
		return err
	}
	ed.PushUndo(step)
	followReleaseStatus(ed)
	reload()
	ed.list.Reload()
	if c := ed.screen.Win.Canvas(); c != nil {
		c.Unfocus() // so Ctrl+Z reaches Undo, not a text field
	}
	ed.screen.Tell(notice, "Undo", ed.Undo)
}

// followReleaseStatus reads the edited release again after a change that may
// have moved its status, and shows it in the header without leaving the tab.
// The Details form follows too unless it holds the user's unsaved edits, and
// so do the tabs that show the status (statusFollower).
func followReleaseStatus(ed *Editor) {
	if ed.release.ID == 0 {
		return
	}
	fresh, err := ed.store.Release(ed.screen.Context(), ed.release.ID)
	if err != nil {
		return // the release went away; the list's reload says so
	}
	ed.release = fresh
	if !ed.details.dirty() {
		ed.details.show(fresh)
	}
	for _, t := range ed.tabs {
		if f, ok := t.(statusFollower); ok {
			f.followStatus(fresh)
		}
	}
	ed.updateHeader()
}

// confirmDelete asks before deleting what, naming it, then runs remove.
func confirmDelete(win fyne.Window, what, detail string, remove func()) {
	d := dialog.NewConfirm("Delete "+what+"?", detail+"\nYou can undo it with Edit > Undo (Ctrl+Z).", func(ok bool) {
		if ok {
			remove()
		}
	}, win)
	d.SetConfirmText("Delete")
	d.SetDismissText("Keep")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

// deleteWithUndo asks before deleting what (detail says what goes with it),
// then deletes it with remove and announces it with an Undo that hands what
// remove returned to restore. A refusal is shown and the tab read again.
func deleteWithUndo[T any](ed *Editor, reload func(), what, detail string,
	remove func(ctx context.Context) (T, error), restore func(ctx context.Context, removed T) error) {
	confirmDelete(ed.screen.Win, what, detail, func() {
		removed, err := remove(ed.screen.Context())
		if err != nil {
			ed.screen.ShowError("Could not delete "+what, err)
			reload()
			return
		}
		afterEditorChange(ed, "Deleted "+what, kit.Step{Label: "delete of " + what,
			Run: func(ctx context.Context) error { return restore(ctx, removed) }}, reload)
	})
}

// tabLoading is what the release editor's tabs share around reading their
// data: the read runs off the UI goroutine, an answer made stale by a newer
// read, a closed screen or another release is dropped, a failure shows on
// the tab's problem line, and a tab with a list says "Loading…" in its count
// until the answer, then shows either the list or its empty state.
type tabLoading struct {
	ed *Editor
	// failure starts the problem line when a read fails: "Could not load the deployments".
	failure string
	// release is the id of the release the tab shows now.
	release func() uint
	loads   kit.Loads

	// problem says what went wrong; the tab places it under its heading.
	problem *widget.Label
	// count, list and empty are set by tabs that show a list with an empty state.
	count       *widget.Label
	list, empty fyne.CanvasObject
}

// newTabLoading prepares the reads of a tab showing the release release returns.
func newTabLoading(ed *Editor, failure string, release func() uint) *tabLoading {
	l := &tabLoading{ed: ed, failure: failure, release: release}
	l.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	l.problem.ExtendBaseWidget(l.problem)
	l.problem.Hide()
	return l
}

// withList makes showList switch between list and empty, with count saying "Loading…" until loaded.
func (l *tabLoading) withList(count *widget.Label, list, empty fyne.CanvasObject) *tabLoading {
	l.count, l.list, l.empty = count, list, empty
	return l
}

// show points the tab at release r, kept in *shown: another release's rows
// go at once through clear, so they are never mistaken for r's, and a stored
// release is read again with reload.
func (l *tabLoading) show(shown *data.Release, r data.Release, clear, reload func()) {
	if r.ID != shown.ID {
		*shown = r
		clear()
	}
	*shown = r
	if r.ID != 0 {
		reload()
	}
}

// reload runs read in the background for the release shown now. Back on the
// UI goroutine, the show it returned runs unless the answer is stale; an
// error is shown on the problem line instead.
func (l *tabLoading) reload(read func(ctx context.Context, store Store, releaseID uint) (show func(), err error)) {
	id, store := l.release(), l.ed.store
	l.ed.screen.Load(&l.loads, func(ctx context.Context) func() {
		show, err := read(ctx, store, id)
		return func() {
			if id != l.release() {
				return // the tab shows another release now
			}
			if err != nil {
				l.problem.SetText(l.failure + ": " + err.Error())
				l.problem.Show()
				return
			}
			l.problem.Hide()
			show()
		}
	})
}

// showList shows count, or "Loading…" until loaded, and once loaded finds no
// items for a stored release, the empty state in place of the list.
func (l *tabLoading) showList(count string, loaded bool, items int) {
	if !loaded {
		count = "Loading…"
	}
	l.count.SetText(count)
	if loaded && items == 0 && l.release() != 0 {
		l.list.Hide()
		l.empty.Show()
	} else {
		l.empty.Hide()
		l.list.Show()
	}
}

// emptyState is the centred message shown where a list has nothing yet, with the action that fills it.
func emptyState(icon fyne.Resource, text, action string, onAction func()) *fyne.Container {
	l := &widget.Label{Text: text, Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord}
	l.ExtendBaseWidget(l)
	b := &widget.Button{Text: action, Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: onAction}
	b.ExtendBaseWidget(b)
	box := container.NewCenter(container.NewVBox(
		container.NewCenter(kit.FixedSize(fyne.NewSize(48, 48), widget.NewIcon(icon))),
		kit.FixedWidth(460, l), container.NewCenter(b)))
	box.Hide()
	return box
}
