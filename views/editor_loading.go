package views

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
)

// tabLoading is what the release editor's tabs share around reading their
// data: the read runs off the UI goroutine, an answer made stale by a newer
// read, a closed screen or another release is dropped, a failure shows on
// the tab's problem line, and a tab with a list says "Loading…" in its count
// until the answer, then shows either the list or its empty state.
type tabLoading struct {
	ed *releaseEditor
	// failure starts the problem line when a read fails: "Could not load the deployments".
	failure string
	// release is the id of the release the tab shows now.
	release func() uint
	// loads counts reads, so the answer to an older one is dropped.
	loads int

	// problem says what went wrong; the tab places it under its heading.
	problem *widget.Label
	// count, list and empty are set by tabs that show a list with an empty state.
	count       *widget.Label
	list, empty fyne.CanvasObject
}

// newTabLoading prepares the reads of a tab showing the release release returns.
func newTabLoading(ed *releaseEditor, failure string, release func() uint) *tabLoading {
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
func (l *tabLoading) reload(read func(ctx context.Context, store EditorStore, releaseID uint) (show func(), err error)) {
	id := l.release()
	l.loads++
	load := l.loads
	ctx := l.ed.screen.ctx
	store := l.ed.editorStore()
	l.ed.screen.sched.Background(func() func() {
		show, err := read(ctx, store, id)
		return func() {
			if load != l.loads || ctx.Err() != nil || id != l.release() {
				return
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
		container.NewCenter(fixedSize(fyne.NewSize(48, 48), widget.NewIcon(icon))),
		fixedWidth(460, l), container.NewCenter(b)))
	box.Hide()
	return box
}
