//go:build shots

package editor

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/views/kit"
	"releasedesk/views/uitest"
)

// lookEditor builds the editor on u's database in a new 1280x800 window,
// beside a blank strip as wide as the app's sidebar, as the app lays it out.
func lookEditor(t *testing.T, u *uitest.UI) *editorFixture {
	w := test.NewWindow(nil)
	t.Cleanup(w.Close) // a window left open is refreshed again at every theme change
	f := &editorFixture{UI: &uitest.UI{T: t, Ctx: u.Ctx, Store: u.Store, Win: w, Timers: uitest.NewTimers()}}
	f.show()
	w.SetContent(container.NewBorder(nil, nil, container.NewHBox(kit.FixedWidth(190, widget.NewLabel("")), widget.NewSeparator()), nil,
		container.NewPadded(w.Content())))
	w.Resize(fyne.NewSize(1280, 800))
	return f
}

// lookTab returns the editor's tab of type T.
func lookTab[T editorTab](ed *Editor) T {
	for _, t := range ed.tabs {
		if x, ok := t.(T); ok {
			return x
		}
	}
	panic("no such tab")
}

// lookPrimary presses the open dialog's primary button, so its messages show.
func lookPrimary(ed *Editor) {
	uitest.Visit(ed.screen.Win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Importance == widget.HighImportance {
			test.Tap(b)
		}
	})
}

// lookDialogEntry returns the first T in the open dialog's field labelled label.
func lookDialogEntry[T fyne.CanvasObject](ed *Editor, label string) T {
	var found T
	done := false
	uitest.Visit(uitest.FieldIn(ed.screen.Win.Canvas().Overlays().Top(), label), func(o fyne.CanvasObject) {
		if x, ok := o.(T); ok && !done {
			found, done = x, true
		}
	})
	return found
}
