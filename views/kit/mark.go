package kit

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
)

// Target is what a screen asks the window to open: a release, the record
// on it the user's tap was about (a deployment, an approval, a test run...)
// and, when a finding led there, the finding's kind. The release editor
// turns it into the tab to show and the record to mark.
type Target struct {
	Release uint
	Record  data.Record
	Kind    string
}

// TargetOf is where finding f leads: its first release, its subject and kind.
func TargetOf(f data.Finding) Target {
	t := Target{Record: f.Subject, Kind: f.Kind}
	if len(f.ReleaseIDs) > 0 {
		t.Release = f.ReleaseIDs[0]
	}
	if f.Subject.Entity == data.EntityRelease {
		t.Release = f.Subject.ID
	}
	return t
}

// MarkTime is how long a mark stays: long enough to be seen after the jump.
const MarkTime = 2500 * time.Millisecond

// Mark shows its content on a tinted background for a moment after Show is
// called, so a record the window jumped to stands out among its neighbours.
type Mark struct {
	widget.BaseWidget
	content fyne.CanvasObject
	marked  bool
	stop    func()
}

var _ fyne.Widget = (*Mark)(nil)

// NewMark wraps content, unmarked.
func NewMark(content fyne.CanvasObject) *Mark {
	m := &Mark{content: content}
	m.ExtendBaseWidget(m)
	return m
}

// Flash marks the content now and takes the mark away after a moment, timed by later.
func (m *Mark) Flash(later func(time.Duration, func()) func()) {
	if m.stop != nil {
		m.stop()
	}
	m.marked = true
	m.Refresh()
	m.stop = later(MarkTime, func() {
		m.marked, m.stop = false, nil
		m.Refresh()
	})
}

// Marked reports whether the mark is on show.
func (m *Mark) Marked() bool { return m.marked }

// CreateRenderer draws the tint behind the content; the theme's selection
// colour is re-read on each refresh, so the mark follows a light/dark switch.
func (m *Mark) CreateRenderer() fyne.WidgetRenderer {
	return newBackdrop(m, m.content, func(bg *canvas.Rectangle, th fyne.Theme, v fyne.ThemeVariant) {
		bg.FillColor, bg.StrokeColor, bg.StrokeWidth = th.Color(theme.ColorNameSelection, v), th.Color(theme.ColorNamePrimary, v), 2
		bg.Hidden = !m.marked
	})
}

// ScrollIntoView scrolls s so that o, somewhere inside its content, shows
// near the top with a little of what comes before it.
func ScrollIntoView(s *container.Scroll, o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	y := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(s.Content).Y
	s.ScrollToOffset(fyne.NewPos(s.Offset.X, max(0, y-theme.Padding()*4)))
}

// TapArea makes its content tappable as a whole, with a pointer cursor and
// a tint under the pointer, for a line that leads somewhere (a readiness
// check to the tab that fixes it).
type TapArea struct {
	widget.BaseWidget
	content  fyne.CanvasObject
	onTapped func()
	hovered  bool
}

var (
	_ fyne.Tappable      = (*TapArea)(nil)
	_ desktop.Hoverable  = (*TapArea)(nil)
	_ desktop.Cursorable = (*TapArea)(nil)
)

// NewTapArea wraps content; tapping it runs onTapped.
func NewTapArea(content fyne.CanvasObject, onTapped func()) *TapArea {
	a := &TapArea{content: content, onTapped: onTapped}
	a.ExtendBaseWidget(a)
	return a
}

// Tapped runs the area's action.
func (a *TapArea) Tapped(*fyne.PointEvent) { a.onTapped() }

// Cursor is the pointing hand of a link.
func (a *TapArea) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MouseIn tints the area.
func (a *TapArea) MouseIn(*desktop.MouseEvent) { a.hovered = true; a.Refresh() }

// MouseMoved keeps the tint.
func (a *TapArea) MouseMoved(*desktop.MouseEvent) {}

// MouseOut takes the tint away.
func (a *TapArea) MouseOut() { a.hovered = false; a.Refresh() }

// CreateRenderer draws the tint behind the content while the pointer is over it.
func (a *TapArea) CreateRenderer() fyne.WidgetRenderer {
	return newBackdrop(a, a.content, func(bg *canvas.Rectangle, th fyne.Theme, v fyne.ThemeVariant) {
		bg.FillColor = th.Color(theme.ColorNameHover, v)
		bg.Hidden = !a.hovered
	})
}

// backdrop draws a rounded rectangle behind a widget's content; paint sets
// the rectangle's colours and whether it shows from the current theme.
type backdrop struct {
	w       fyne.Widget
	bg      *canvas.Rectangle
	content fyne.CanvasObject
	paint   func(bg *canvas.Rectangle, th fyne.Theme, v fyne.ThemeVariant)
}

func newBackdrop(w fyne.Widget, content fyne.CanvasObject, paint func(*canvas.Rectangle, fyne.Theme, fyne.ThemeVariant)) *backdrop {
	r := &backdrop{w: w, bg: &canvas.Rectangle{}, content: content, paint: paint}
	r.Refresh()
	return r
}

func (r *backdrop) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.content.Resize(size)
}

func (r *backdrop) MinSize() fyne.Size { return r.content.MinSize() }

func (r *backdrop) Refresh() {
	th, v := theme.Current(), fyne.CurrentApp().Settings().ThemeVariant()
	if t, ok := r.w.(interface{ Theme() fyne.Theme }); ok {
		th = t.Theme()
	}
	r.bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
	r.paint(r.bg, th, v)
	r.bg.Refresh()
	r.content.Refresh()
}

func (r *backdrop) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.content} }

func (r *backdrop) Destroy() {}
