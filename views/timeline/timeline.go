// Package timeline provides the Gantt-style release timeline of Release Desk:
// a custom Fyne widget that shows releases grouped by product, their
// deployments per environment over time, freeze windows, conflicts and the
// today marker, with zoom, panning, selection and drag-to-reschedule.
//
// The widget takes plain data (Row, Bar, Freeze) so a screen can fill it from
// any store; it never talks to the database itself. Like widget.List it only
// builds canvas objects for what is visible, so its drawing cost depends on
// the window size, not on the number of releases.
package timeline

import (
	"math"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Declare conformity with the interfaces the timeline handles.
var (
	_ fyne.Widget         = (*Timeline)(nil)
	_ fyne.Tappable       = (*Timeline)(nil)
	_ fyne.DoubleTappable = (*Timeline)(nil)
	_ fyne.Draggable      = (*Timeline)(nil)
	_ fyne.Scrollable     = (*Timeline)(nil)
	_ fyne.Focusable      = (*Timeline)(nil)
	_ desktop.Hoverable   = (*Timeline)(nil)
	_ desktop.Keyable     = (*Timeline)(nil)
	_ desktop.Cursorable  = (*Timeline)(nil)
	_ desktop.Mouseable   = (*Timeline)(nil)
)

// DefaultLabelWidth is the width of the label column when LabelWidth is zero.
const DefaultLabelWidth float32 = 260

// Timeline is a Gantt-style view of releases (rows, grouped by product) and
// their deployments (bars) over time. Like widget.List it creates canvas
// objects only for the visible part, so it handles tens of thousands of rows.
//
// Set data with SetRows and SetFreezes; all calls must be made on the Fyne
// goroutine (use fyne.Do from background work).
type Timeline struct {
	widget.BaseWidget

	// Today is where the today line is drawn; zero means time.Now() at each refresh.
	Today time.Time

	// LabelWidth is the width of the fixed left column; zero means DefaultLabelWidth.
	LabelWidth float32

	// OnSelected is called when the selection changes by tap or keyboard.
	// barID is 0 when a release row rather than a deployment is selected, and
	// both are 0 when the selection is cleared.
	OnSelected func(releaseID, barID uint) `json:"-"`

	// OnOpened is called when a release row or one of its bars is double-tapped
	// or Enter is pressed on the selection.
	OnOpened func(releaseID uint) `json:"-"`

	// OnHover is called with a one-line description of what is under the
	// pointer, for a status bar, and with "" when the pointer leaves.
	OnHover func(text string) `json:"-"`

	// OnMoved is called when a planned bar has been dragged by whole days. The
	// timeline does not move the bar itself: the caller validates, saves and
	// calls SetRows with the result, or ignores the call to reject the move.
	OnMoved func(barID uint, newStart, newEnd time.Time) `json:"-"`

	// OnZoomed is called after the zoom changed by keyboard, ctrl+wheel or a
	// Zoom method, so a toolbar can show the current scale.
	OnZoomed func(z Zoom) `json:"-"`

	// OnSpanChanged is called with the time the chart shows, left edge to
	// right edge, whenever panning, zooming or resizing changed it, so a
	// screen can load the stretch of a big plan that comes into view.
	OnSpanChanged func(start, end time.Time) `json:"-"`

	rows      []Row
	freezes   []Freeze
	links     []Link
	arrows    []arrow    // the links drawn, from routeLinks
	arrowIx   arrowIndex // finds the arrows crossing the lines in view
	envs      []string   // environment names by EnvIndex, from SetEnvironments
	index     index
	lines     []line
	lineOfRow []int32        // line index of each row, -1 when its group is collapsed
	envNames  map[int]string // environment names by EnvIndex, for the legend and freeze labels
	envOrder  []int          // EnvIndex values named, in promotion order
	collapsed map[string]bool
	dataGen   uint64    // counts changes to what is drawn, so cached tiles know when to repaint
	indexNow  time.Time // the now the index was built with: running deployments end there
	running   bool      // a deployment in the rows is running, so the index ages with the clock

	zoom         Zoom
	start        time.Time    // instant at the left edge of the chart area
	shownSpan    [2]time.Time // the span OnSpanChanged was last told
	scrollY      float32
	pendingToday bool // position today once the width is known

	selRow, selBar int // selected row and bar indices, -1 for none
	hovered        hit
	drag           dragState
	pressAt        fyne.Position // where the primary button went down
	pressed        bool
	mods           fyne.KeyModifier // modifiers seen through KeyDown/KeyUp
	focused        bool
}

// NewTimeline returns an empty timeline at month zoom that will open on today.
func NewTimeline() *Timeline {
	t := &Timeline{zoom: ZoomMonth, pendingToday: true, selRow: -1, selBar: -1, hovered: noHit, collapsed: map[string]bool{}}
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer is a private method to Fyne which links this widget to its renderer.
func (t *Timeline) CreateRenderer() fyne.WidgetRenderer {
	t.ExtendBaseWidget(t)
	return newRenderer(t)
}

// SetRows replaces the releases shown and rebuilds the sorted index. The
// timeline keeps the slice: after changing it, call SetRows again. Selection,
// scroll position, zoom and collapsed groups are kept where the same IDs and
// groups still exist.
func (t *Timeline) SetRows(rows []Row) {
	selRelease, selBarID := t.Selected()
	t.rows = rows
	t.indexNow = t.now()
	t.index = buildIndex(rows, t.indexNow)
	t.running = slices.ContainsFunc(rows, func(r Row) bool {
		return slices.ContainsFunc(r.Bars, func(b Bar) bool { return outcomeOf(&b) == OutcomeInProgress })
	})
	t.nameEnvironments()
	t.relayout()
	t.selRow, t.selBar = t.find(selRelease, selBarID)
	t.drag = dragState{}
	t.hovered = noHit
	t.Refresh()
}

// followClock rebuilds the index when the clock has moved a pixel at scale s
// since it was built and a deployment is running: a running deployment ends
// now, and its span, lane and strip must grow with the clock. It reports
// whether it rebuilt.
func (t *Timeline) followClock(now time.Time, s scale) bool {
	if !t.running || math.Floor(s.x(now)) == math.Floor(s.x(t.indexNow)) {
		return false
	}
	t.indexNow = now
	t.index = buildIndex(t.rows, now)
	t.relayout()
	return true
}

// Rows returns the releases last passed to SetRows.
func (t *Timeline) Rows() []Row { return t.rows }

// SetFreezes replaces the freeze windows shaded on the chart.
func (t *Timeline) SetFreezes(freezes []Freeze) {
	t.freezes = freezes
	t.dataGen++
	t.Refresh()
}

// SetEnvironments names the environments of the promotion path: names[i] is
// the environment with EnvIndex i. The legend lists them all and freeze
// labels use them, even when no bar of an environment is shown. Without it
// the timeline only knows the names of environments that have bars.
func (t *Timeline) SetEnvironments(names []string) {
	if slices.Equal(names, t.envs) {
		return
	}
	t.envs = slices.Clone(names)
	t.nameEnvironments()
	t.dataGen++
	t.Refresh()
}

// Environments returns the names last passed to SetEnvironments.
func (t *Timeline) Environments() []string { return t.envs }

// nameEnvironments merges the names given by SetEnvironments with those the bars carry.
func (t *Timeline) nameEnvironments() {
	t.envNames = map[int]string{}
	t.envOrder = t.envOrder[:0]
	add := func(i int, name string) {
		if _, ok := t.envNames[i]; !ok && name != "" {
			t.envNames[i] = name
			t.envOrder = append(t.envOrder, i)
		}
	}
	for i, name := range t.envs {
		add(i, name)
	}
	for i := range t.rows {
		for _, b := range t.rows[i].Bars {
			add(b.EnvIndex, b.Env)
		}
	}
	slices.Sort(t.envOrder)
}

// Freezes returns the freeze windows last passed to SetFreezes.
func (t *Timeline) Freezes() []Freeze { return t.freezes }

// Zoom returns the current horizontal scale in pixels per day.
func (t *Timeline) Zoom() Zoom { return clampZoom(t.zoom) }

// SetZoom changes the scale, keeping the time at the centre of the chart in place.
func (t *Timeline) SetZoom(z Zoom) {
	t.zoomAt(float64(t.chartWidth()/2), z)
}

// ZoomIn magnifies the chart by one step, up to MaxZoom.
func (t *Timeline) ZoomIn() { t.SetZoom(t.Zoom() * zoomStep) }

// ZoomOut shows more time by one step, down to MinZoom.
func (t *Timeline) ZoomOut() { t.SetZoom(t.Zoom() / zoomStep) }

// zoomStep is the factor of one ZoomIn or ZoomOut.
const zoomStep = 1.5

// Start returns the instant at the left edge of the chart area.
func (t *Timeline) Start() time.Time { return t.start }

// SetStart scrolls horizontally so that start is at the left edge of the chart.
func (t *Timeline) SetStart(start time.Time) {
	t.start = start
	t.pendingToday = false
	t.Refresh()
	t.spanChanged()
}

// Span returns the time the chart shows, from its left edge to its right edge.
func (t *Timeline) Span() (start, end time.Time) {
	return t.start, t.start.Add(newScale(t.start, t.zoom).duration(float64(t.chartWidth())))
}

// spanChanged tells OnSpanChanged when the time shown differs from what it was last told.
func (t *Timeline) spanChanged() {
	start, end := t.Span()
	if t.OnSpanChanged == nil || t.chartWidth() <= 0 || (start.Equal(t.shownSpan[0]) && end.Equal(t.shownSpan[1])) {
		return
	}
	t.shownSpan = [2]time.Time{start, end}
	t.OnSpanChanged(start, end)
}

// ScrollToToday scrolls horizontally so that today is a quarter of the way
// across the chart, leaving most of the view for what is coming.
func (t *Timeline) ScrollToToday() {
	w := t.chartWidth()
	if w <= 0 {
		t.pendingToday = true
		return
	}
	t.pendingToday = false
	t.start = t.now().Add(-newScale(t.start, t.zoom).duration(float64(w) / 4))
	t.Refresh()
	t.spanChanged()
}

// ScrollOffset returns the vertical scroll offset in pixels.
func (t *Timeline) ScrollOffset() float32 { return t.scrollY }

// SetScrollOffset scrolls vertically, clamped to the content.
func (t *Timeline) SetScrollOffset(y float32) {
	t.scrollY = y
	t.clampScroll()
	t.Refresh()
}

// SetCollapsed folds or unfolds the releases of a product group.
func (t *Timeline) SetCollapsed(group string, collapsed bool) {
	if t.collapsed[group] == collapsed {
		return
	}
	if collapsed {
		t.collapsed[group] = true
	} else {
		delete(t.collapsed, group)
	}
	t.relayout()
	t.Refresh()
}

// Collapsed reports whether a product group is folded.
func (t *Timeline) Collapsed(group string) bool { return t.collapsed[group] }

// Selected returns the selected release and deployment IDs; barID is 0 when a
// whole release is selected and both are 0 when nothing is.
func (t *Timeline) Selected() (releaseID, barID uint) {
	if t.selRow < 0 || t.selRow >= len(t.rows) {
		return 0, 0
	}
	r := &t.rows[t.selRow]
	if t.selBar >= 0 && t.selBar < len(r.Bars) {
		return r.ID, r.Bars[t.selBar].ID
	}
	return r.ID, 0
}

// Select selects a release (barID 0) or one of its deployments and scrolls it
// into view; it does not call OnSelected. Unknown IDs clear the selection.
func (t *Timeline) Select(releaseID, barID uint) {
	t.selRow, t.selBar = t.find(releaseID, barID)
	if t.selRow >= 0 {
		if t.lineOfRow[t.selRow] < 0 {
			t.SetCollapsed(t.rows[t.selRow].Group, false)
		}
		t.revealLine(int(t.lineOfRow[t.selRow]))
	}
	t.Refresh()
}

// UnselectAll clears the selection without calling OnSelected.
func (t *Timeline) UnselectAll() {
	t.selRow, t.selBar = -1, -1
	t.Refresh()
}

// Resize sets the widget size and positions a pending ScrollToToday once the width is known.
func (t *Timeline) Resize(size fyne.Size) {
	t.BaseWidget.Resize(size)
	if t.pendingToday && t.chartWidth() > 0 {
		t.ScrollToToday()
	}
	if old := t.scrollY; t.clampScroll() != old {
		t.Refresh()
	}
	t.spanChanged()
}

// find resolves IDs to row and bar indices, -1 when absent.
func (t *Timeline) find(releaseID, barID uint) (int, int) {
	if releaseID == 0 {
		return -1, -1
	}
	for i := range t.rows {
		if t.rows[i].ID != releaseID {
			continue
		}
		for j := range t.rows[i].Bars {
			if barID != 0 && t.rows[i].Bars[j].ID == barID {
				return i, j
			}
		}
		return i, -1
	}
	return -1, -1
}

// relayout rebuilds the flat line list after data or collapsed groups change.
func (t *Timeline) relayout() {
	t.dataGen++
	t.lines = flatten(&t.index, t.collapsed)
	t.lineOfRow = make([]int32, len(t.rows))
	for i := range t.lineOfRow {
		t.lineOfRow[i] = -1
	}
	for i, l := range t.lines {
		if l.kind == lineRelease {
			t.lineOfRow[l.row] = int32(i)
		}
	}
	t.routeLinks()
	t.clampScroll()
}

// now is the instant of the today line.
func (t *Timeline) now() time.Time {
	if t.Today.IsZero() {
		return time.Now()
	}
	return t.Today
}
