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

// CreateRenderer draws the tint behind the content.
func (m *Mark) CreateRenderer() fyne.WidgetRenderer {
	r := &markRenderer{m: m, bg: &canvas.Rectangle{}}
	r.Refresh()
	return r
}

type markRenderer struct {
	m  *Mark
	bg *canvas.Rectangle
}

func (r *markRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.m.content.Resize(size)
}

func (r *markRenderer) MinSize() fyne.Size { return r.m.content.MinSize() }

// Refresh re-reads the theme's selection colour, so the mark follows a light/dark switch.
func (r *markRenderer) Refresh() {
	th, v := r.m.Theme(), fyne.CurrentApp().Settings().ThemeVariant()
	r.bg.FillColor = th.Color(theme.ColorNameSelection, v)
	r.bg.StrokeColor = th.Color(theme.ColorNamePrimary, v)
	r.bg.StrokeWidth = 2
	r.bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
	r.bg.Hidden = !r.m.marked
	r.bg.Refresh()
	r.m.content.Refresh()
}

func (r *markRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.m.content} }

func (r *markRenderer) Destroy() {}

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

// CreateRenderer draws the tint behind the content.
func (a *TapArea) CreateRenderer() fyne.WidgetRenderer {
	bg := &canvas.Rectangle{}
	r := &tapAreaRenderer{a: a, bg: bg}
	r.Refresh()
	return r
}

type tapAreaRenderer struct {
	a  *TapArea
	bg *canvas.Rectangle
}

func (r *tapAreaRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.a.content.Resize(size)
}

func (r *tapAreaRenderer) MinSize() fyne.Size { return r.a.content.MinSize() }

func (r *tapAreaRenderer) Refresh() {
	th, v := r.a.Theme(), fyne.CurrentApp().Settings().ThemeVariant()
	r.bg.FillColor = th.Color(theme.ColorNameHover, v)
	r.bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
	r.bg.Hidden = !r.a.hovered
	r.bg.Refresh()
	r.a.content.Refresh()
}

func (r *tapAreaRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.a.content}
}

func (r *tapAreaRenderer) Destroy() {}
