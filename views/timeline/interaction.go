package timeline

import (
	"fmt"
	"math"
	"releasedesk/views/kit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
)

// dragState tracks one drag gesture: a pan of the view or a move of a planned bar.
type dragState struct {
	active bool
	moving bool // true when dragging a bar, false when panning
	row    int
	bar    int
	dx     float64 // horizontal distance dragged so far
	days   int     // dx snapped to whole days
}

// geometry returns the current layout snapshot of the widget.
func (t *Timeline) geometry() geometry {
	th := t.Theme()
	size := t.Size()
	return newGeometry(size, t.labelWidth(size.Width), th.Size(theme.SizeNameText),
		th.Size(theme.SizeNameCaptionText), newScale(t.start, t.zoom), t.scrollY, t.now())
}

// labelWidth is the label column width, never more than half a narrow widget.
func (t *Timeline) labelWidth(width float32) float32 {
	w := t.LabelWidth
	if w <= 0 {
		w = DefaultLabelWidth
	}
	if width > 0 && w > width/2 {
		w = width / 2
	}
	return w
}

// chartWidth is the width of the scrolling chart area.
func (t *Timeline) chartWidth() float32 {
	w := t.Size().Width
	return max(0, w-t.labelWidth(w))
}

// Tapped selects the bar or release under the pointer, or folds a product group.
func (t *Timeline) Tapped(ev *fyne.PointEvent) {
	t.requestFocus()
	h := t.hitAt(ev.Position)
	switch h.kind {
	case hitGroup:
		g := t.index.groups[t.lines[h.line].group].name
		t.SetCollapsed(g, !t.collapsed[g])
	case hitRow, hitBar:
		t.selectIndex(h.row, h.bar)
	case hitNone:
		t.selectIndex(-1, -1)
	}
}

// DoubleTapped opens the release under the pointer.
func (t *Timeline) DoubleTapped(ev *fyne.PointEvent) {
	h := t.hitAt(ev.Position)
	switch h.kind {
	case hitGroup:
		t.Tapped(ev)
	case hitRow, hitBar:
		t.selectIndex(h.row, h.bar)
		if t.OnOpened != nil {
			t.OnOpened(t.rows[h.row].ID)
		}
	}
}

// Dragged pans the view, or moves the ghost of a planned bar by whole days.
func (t *Timeline) Dragged(ev *fyne.DragEvent) {
	if !t.drag.active {
		t.drag = dragState{active: true, row: -1, bar: -1}
		from := ev.Position.Subtract(ev.Dragged) // the first event starts where the button went down
		if t.pressed {
			from = t.pressAt
		}
		h := t.hitAt(from)
		if h.kind == hitBar && t.OnMoved != nil && t.rows[h.row].Bars[h.bar].draggable() {
			t.drag.moving, t.drag.row, t.drag.bar = true, h.row, h.bar
		}
	}
	if !t.drag.moving {
		t.pan(ev.Dragged.DX, ev.Dragged.DY)
		return
	}
	t.drag.dx += float64(ev.Dragged.DX)
	days := snapDays(t.drag.dx, float64(t.Zoom()))
	if days == t.drag.days {
		return
	}
	t.drag.days = days
	b := &t.rows[t.drag.row].Bars[t.drag.bar]
	t.hover(fmt.Sprintf("Move %s %s to %s (%+d d)", b.Env, t.rows[t.drag.row].Label,
		formatWindow(shiftDays(b.PlannedStart, days), shiftDays(b.PlannedEnd, days)), days))
	t.Refresh()
}

// MouseDown remembers where a drag may start, since the first drag event
// arrives only after the pointer has already moved.
func (t *Timeline) MouseDown(ev *desktop.MouseEvent) {
	if ev.Button == desktop.MouseButtonPrimary {
		t.pressAt, t.pressed = ev.Position, true
	}
}

// MouseUp ends a press.
func (t *Timeline) MouseUp(*desktop.MouseEvent) {
	t.pressed = false
}

// DragEnd reports a bar move through OnMoved; the bar itself stays until SetRows.
func (t *Timeline) DragEnd() {
	d := t.drag
	t.drag = dragState{}
	t.pressed = false
	if !d.moving {
		return
	}
	t.Refresh()
	if d.days == 0 || t.OnMoved == nil || d.row >= len(t.rows) || d.bar >= len(t.rows[d.row].Bars) {
		return
	}
	b := t.rows[d.row].Bars[d.bar]
	t.OnMoved(b.ID, shiftDays(b.PlannedStart, d.days), shiftDays(b.PlannedEnd, d.days))
}

// Scrolled scrolls vertically, horizontally with shift or a sideways wheel, and
// zooms around the pointer with ctrl (or cmd).
func (t *Timeline) Scrolled(ev *fyne.ScrollEvent) {
	mods := t.modifiers()
	dx, dy := ev.Scrolled.DX, ev.Scrolled.DY
	if mods&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0 {
		x := float64(ev.Position.X - t.labelWidth(t.Size().Width))
		if x < 0 {
			x = float64(t.chartWidth() / 2)
		}
		// One wheel notch (25 on Linux and Windows) zooms by about 15%.
		t.zoomAt(x, t.Zoom()*Zoom(math.Pow(1.15, float64(dy+dx)/25)))
		return
	}
	if mods&fyne.KeyModifierShift != 0 && dx == 0 {
		dx, dy = dy, 0
	}
	t.pan(dx, dy)
}

// MouseIn starts reporting what is under the pointer.
func (t *Timeline) MouseIn(ev *desktop.MouseEvent) { t.MouseMoved(ev) }

// MouseMoved reports what is under the pointer through OnHover.
func (t *Timeline) MouseMoved(ev *desktop.MouseEvent) {
	if t.drag.active {
		return
	}
	h := t.hitAt(ev.Position)
	if h != t.hovered {
		old := t.hovered
		t.hovered = h
		if old.line != h.line {
			t.Refresh()
		}
	}
	t.hover(t.describe(h, ev.Position))
}

// MouseOut clears the hover text.
func (t *Timeline) MouseOut() {
	t.hovered = noHit
	t.hover("")
	t.Refresh()
}

// Cursor shows that planned bars can be dragged sideways and the rest can be clicked.
func (t *Timeline) Cursor() desktop.Cursor {
	switch h := t.hovered; h.kind {
	case hitBar:
		if t.OnMoved != nil && h.row < len(t.rows) && h.bar < len(t.rows[h.row].Bars) && t.rows[h.row].Bars[h.bar].draggable() {
			return desktop.HResizeCursor
		}
		return desktop.PointerCursor
	case hitGroup:
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// describe is the status-line text for a hit.
func (t *Timeline) describe(h hit, p fyne.Position) string {
	if h.kind != hitBar && h.kind != hitHeader {
		if k := t.linkAt(t.geometry(), p); k >= 0 {
			return t.linkText(k)
		}
	}
	switch h.kind {
	case hitBar:
		return hoverText(&t.rows[h.row], &t.rows[h.row].Bars[h.bar])
	case hitRow:
		return rowText(&t.rows[h.row])
	case hitGroup:
		g := t.index.groups[t.lines[h.line].group]
		verb := "collapse"
		if t.collapsed[g.name] {
			verb = "expand"
		}
		return fmt.Sprintf("%s · %d releases · click to %s", g.name, len(g.rows), verb)
	case hitHeader:
		g := t.geometry()
		if p.X >= g.labelW {
			return kit.FormatDayOf(g.timeAt(p.X))
		}
	}
	return ""
}

// hitAt hit-tests a point in widget coordinates.
func (t *Timeline) hitAt(p fyne.Position) hit {
	return hitTest(t.geometry(), p, t.lines, &t.index)
}

// hover calls OnHover.
func (t *Timeline) hover(text string) {
	if t.OnHover != nil {
		t.OnHover(text)
	}
}

// pan scrolls the view by a pointer delta: content follows the pointer.
func (t *Timeline) pan(dx, dy float32) {
	if dx == 0 && dy == 0 {
		return
	}
	t.pendingToday = false
	t.start = t.start.Add(-newScale(t.start, t.zoom).duration(float64(dx)))
	t.scrollY -= dy
	t.clampScroll()
	t.Refresh()
	if dx != 0 {
		t.spanChanged()
	}
}

// zoomAt sets the zoom keeping the instant at chart offset x in place.
func (t *Timeline) zoomAt(x float64, z Zoom) {
	s := newScale(t.start, t.zoom).zoomAround(x, z)
	old := t.Zoom()
	t.start, t.zoom = s.origin, Zoom(s.ppd)
	t.Refresh()
	if t.OnZoomed != nil && t.zoom != old {
		t.OnZoomed(t.zoom)
	}
	t.spanChanged()
}

// clampScroll keeps the vertical offset inside the content and returns it.
func (t *Timeline) clampScroll() float32 {
	g := t.geometry()
	t.scrollY = max(0, min(t.scrollY, g.rows.maxScroll(len(t.lines), g.height)))
	return t.scrollY
}

// revealLine scrolls vertically just enough to show line i.
func (t *Timeline) revealLine(i int) {
	if i < 0 {
		return
	}
	g := t.geometry()
	top := float32(i) * g.rows.lineH
	view := g.height - g.headerH()
	switch {
	case top < t.scrollY:
		t.scrollY = top
	case top+g.rows.lineH > t.scrollY+view:
		t.scrollY = top + g.rows.lineH - view
	}
	t.clampScroll()
}

// selectIndex changes the selection and calls OnSelected when it changed.
func (t *Timeline) selectIndex(row, bar int) {
	if row == t.selRow && bar == t.selBar {
		return
	}
	t.selRow, t.selBar = row, bar
	t.Refresh()
	if t.OnSelected != nil {
		t.OnSelected(t.Selected())
	}
}

// requestFocus gives the timeline keyboard focus when it is on a canvas.
func (t *Timeline) requestFocus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil && c.Focused() != t {
		c.Focus(t)
	}
}

// modifiers combines the driver's modifier state with keys seen while focused.
func (t *Timeline) modifiers() fyne.KeyModifier {
	mods := t.mods
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		mods |= d.CurrentKeyModifiers()
	}
	return mods
}
