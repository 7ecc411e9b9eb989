package timeline

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// FocusGained draws the focus outline.
func (t *Timeline) FocusGained() {
	t.focused = true
	t.Refresh()
}

// FocusLost hides the focus outline and forgets held modifiers, whose key-up
// may go to another widget.
func (t *Timeline) FocusLost() {
	t.focused = false
	t.mods = 0
	t.Refresh()
}

// TypedRune handles zoom and jump keys: + and - zoom, t jumps to today,
// w, m and q pick the week, month and quarter presets.
func (t *Timeline) TypedRune(r rune) {
	switch r {
	case '+', '=':
		t.ZoomIn()
	case '-', '_':
		t.ZoomOut()
	case 't', 'T':
		t.ScrollToToday()
	case 'w', 'W':
		t.SetZoom(ZoomWeek)
	case 'm', 'M':
		t.SetZoom(ZoomMonth)
	case 'q', 'Q':
		t.SetZoom(ZoomQuarter)
	}
}

// TypedKey moves the selection with Up and Down, scrolls with Left, Right,
// Page Up and Page Down, jumps to today with Home and opens with Enter.
func (t *Timeline) TypedKey(ev *fyne.KeyEvent) {
	g := t.geometry()
	switch ev.Name {
	case fyne.KeyUp:
		t.moveSelection(-1)
	case fyne.KeyDown:
		t.moveSelection(1)
	case fyne.KeyLeft:
		t.pan(max(g.chartW()/8, float32(t.Zoom())), 0)
	case fyne.KeyRight:
		t.pan(-max(g.chartW()/8, float32(t.Zoom())), 0)
	case fyne.KeyPageUp:
		t.pan(0, g.height-g.headerH()-g.rows.lineH)
	case fyne.KeyPageDown:
		t.pan(0, -(g.height - g.headerH() - g.rows.lineH))
	case fyne.KeyHome:
		t.ScrollToToday()
	case fyne.KeyReturn, fyne.KeyEnter:
		if id, _ := t.Selected(); id != 0 && t.OnOpened != nil {
			t.OnOpened(id)
		}
	case fyne.KeySpace:
		if t.selRow >= 0 {
			t.SetCollapsed(t.rows[t.selRow].Group, !t.collapsed[t.rows[t.selRow].Group])
		}
	case fyne.KeyEscape:
		if t.drag.active {
			t.drag = dragState{}
			t.Refresh()
			return
		}
		t.selectIndex(-1, -1)
	}
}

// KeyDown remembers held modifiers for ctrl+scroll on drivers that do not report them.
func (t *Timeline) KeyDown(ev *fyne.KeyEvent) {
	t.mods |= modifierOf(ev.Name)
}

// KeyUp forgets a released modifier.
func (t *Timeline) KeyUp(ev *fyne.KeyEvent) {
	t.mods &^= modifierOf(ev.Name)
}

// modifierOf maps a modifier key to its flag.
func modifierOf(k fyne.KeyName) fyne.KeyModifier {
	switch k {
	case desktop.KeyControlLeft, desktop.KeyControlRight:
		return fyne.KeyModifierControl
	case desktop.KeyShiftLeft, desktop.KeyShiftRight:
		return fyne.KeyModifierShift
	case desktop.KeySuperLeft, desktop.KeySuperRight:
		return fyne.KeyModifierSuper
	case desktop.KeyAltLeft, desktop.KeyAltRight:
		return fyne.KeyModifierAlt
	}
	return 0
}

// moveSelection selects the next release line up or down, skipping group
// headers, and scrolls it into view. With nothing selected it starts at the
// first release in view.
func (t *Timeline) moveSelection(delta int) {
	from := -1
	if t.selRow >= 0 && t.selRow < len(t.lineOfRow) {
		from = int(t.lineOfRow[t.selRow])
	}
	if from < 0 {
		first, _ := t.geometry().rows.visible(len(t.lines), t.Size().Height)
		from, delta = first-1, 1
	}
	for i := from + delta; i >= 0 && i < len(t.lines); i += delta {
		if t.lines[i].kind == lineRelease {
			t.revealLine(i)
			t.selectIndex(int(t.lines[i].row), -1)
			t.Refresh()
			return
		}
	}
}
