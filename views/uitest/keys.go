package uitest

import (
	"fmt"
	"strings"

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

// TabStops presses Tab until the focus comes back to where it started (at
// most limit times) and returns each stop, the starting one first.
func TabStops(w fyne.Window, limit int) []fyne.Focusable {
	c := w.Canvas()
	first := c.Focused()
	out := []fyne.Focusable{first}
	for range limit {
		Tab(w, false)
		if c.Focused() == first {
			break
		}
		out = append(out, c.Focused())
	}
	return out
}

// box is where an object is on the canvas.
type box struct{ x, y, w, h float32 }

func boxOf(o fyne.CanvasObject) box {
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	return box{p.X, p.Y, o.Size().Width, o.Size().Height}
}

// OutOfReadingOrder names the first of stops that comes before the stop
// before it as the eye reads, top to bottom and, on one line, left to
// right; "" when they all follow the eye.
func OutOfReadingOrder(stops []fyne.Focusable) string {
	for i := 1; i < len(stops); i++ {
		a, b := boxOf(stops[i-1].(fyne.CanvasObject)), boxOf(stops[i].(fyne.CanvasObject))
		below := b.y >= a.y+a.h/2
		sameLine := b.y < a.y+a.h && a.y < b.y+b.h
		if !below && !(sameLine && b.x >= a.x) {
			return fmt.Sprintf("stop %d (%T at %.0f,%.0f) comes after stop %d (%T at %.0f,%.0f)", i, stops[i], b.x, b.y, i-1, stops[i-1], a.x, a.y)
		}
	}
	return ""
}

// Layout describes where each of objs is and how big, to tell whether
// anything moved between two moments.
func Layout(objs ...fyne.CanvasObject) string {
	var s strings.Builder
	for _, o := range objs {
		b := boxOf(o)
		fmt.Fprintf(&s, "%T %.1f,%.1f %.1fx%.1f\n", o, b.x, b.y, b.w, b.h)
	}
	return s.String()
}

// Settle lays out every container under root again, parents first, as the
// window does on its next frame, so positions read after a change are the
// ones the user would see.
func Settle(root fyne.CanvasObject) {
	Visit(root, func(o fyne.CanvasObject) {
		if c, ok := o.(*fyne.Container); ok && c.Layout != nil {
			c.Layout.Layout(c.Objects, c.Size())
		}
	})
}
