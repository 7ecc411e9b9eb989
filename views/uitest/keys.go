package uitest

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// Keys as the desktop driver hands them out: to the focused widget, or to
// the canvas when nothing has the focus; Tab moves the focus unless the
// focused widget takes Tab itself.

// Key presses key on w.
func Key(w fyne.Window, key fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: key}
	c := w.Canvas()
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
	} else if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// CtrlKey presses Ctrl (Cmd on macOS) with key on w, as a shortcut.
func CtrlKey(w fyne.Window, key fyne.KeyName) {
	s := &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
	c := w.Canvas()
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
		return
	}
	c.(fyne.Shortcutable).TypedShortcut(s)
}

// Tab presses Tab on w, or Shift+Tab when back.
func Tab(w fyne.Window, back bool) {
	c := w.Canvas()
	if t, ok := c.Focused().(fyne.Tabbable); ok && t.AcceptsTab() {
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
		return
	}
	if back {
		c.FocusPrevious()
	} else {
		c.FocusNext()
	}
}
