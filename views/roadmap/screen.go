// Package roadmap is the Timeline screen: the toolbar, filters, status line
// and drag to reschedule around the Gantt chart of package timeline.
package roadmap

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/timeline"
)

// Store is what the Timeline screen needs from the database.
type Store interface {
	TimelineDataIn(ctx context.Context, from, to time.Time) (data.TimelineData, error)
	CountReleases(ctx context.Context, f data.ReleaseFilter) (int, error)
	DeploymentConflicts(ctx context.Context, from, to time.Time) (map[uint][]data.Finding, error)
	CheckMove(ctx context.Context, id uint, newStart, newEnd time.Time) ([]data.Finding, error)
	Deployment(ctx context.Context, id uint) (data.Deployment, error)
	SaveDeployment(ctx context.Context, d *data.Deployment) error
	// Undo takes a move back as one recorded change (Store.Undo).
	kit.Undoer
	DependenciesAmong(ctx context.Context, ids []uint) ([]data.Dependency, error)
	Baselines(ctx context.Context, ids []uint) (map[uint]data.Baseline, error)
	// Products names every product, for a picture of one that has nothing in its days.
	Products(ctx context.Context) ([]data.Product, error)
}

var (
	_ Store       = (*data.Store)(nil)
	_ fyne.Widget = (*Screen)(nil)
)

// zoomPresets are the segmented zoom buttons, left to right.
var zoomPresets = [...]timeline.Zoom{timeline.ZoomWeek, timeline.ZoomMonth, timeline.ZoomQuarter}

// Screen is the Timeline screen: the Gantt chart of every release and its
// deployments, with zoom, filters, a status line and drag to reschedule.
type Screen struct {
	widget.BaseWidget
	kit.Screen
	kit.UndoStack

	// OnOpenRelease is called with a release's id when it is double-clicked.
	OnOpenRelease func(id uint)
	// OnLoaded is called on the UI goroutine each time the chart has been filled from the database.
	OnLoaded func(LoadStats)

	store Store

	chart         *timeline.Timeline
	legend        *timeline.Legend
	zoomButtons   [len(zoomPresets)]*widget.Button
	productFilter *widget.Select
	finished      *widget.Check
	count         *widget.Label
	status        *widget.Label
	empty         *fyne.Container
	emptyText     *widget.Label
	emptyAction   *widget.Button
	content       fyne.CanvasObject

	plan *timelinePlan
	// stretch is the time whose releases are loaded (or being loaded): a
	// ten-year plan is read around what the chart shows, not all at once.
	stretch    [2]time.Time
	hovered    string
	selRelease uint
	selBar     uint
	loads      kit.Loads
}

// New builds the Timeline screen with its work run by sched.
func New(store Store, win fyne.Window, sched kit.Scheduler) *Screen {
	s := &Screen{store: store}
	s.Start(win, sched)
	s.ExtendBaseWidget(s)
	s.chart = timeline.NewTimeline()
	s.chart.LabelWidth = 300 // room for a release's title beside its version and status
	s.chart.OnHover = func(text string) { s.hovered = text; s.refreshStatus() }
	s.chart.OnSelected = func(releaseID, barID uint) { s.selRelease, s.selBar = releaseID, barID; s.refreshStatus() }
	s.chart.OnOpened = func(id uint) {
		if s.OnOpenRelease != nil {
			s.OnOpenRelease(id)
		}
	}
	s.chart.OnMoved, s.chart.OnZoomed, s.chart.OnSpanChanged = s.onMoved, s.showZoom, s.spanChanged
	s.Notice = kit.NewNotice(func() { s.content.Refresh() })
	s.content = s.buildUI()
	s.showZoom(s.chart.Zoom())
	// Until the chart knows its width: about a month's view with today a quarter in.
	now := time.Now()
	s.stretch = stretchAround(now.AddDate(0, 0, -16), now.AddDate(0, 0, 48))
	s.reload()
	return s
}

// stretchAround is the stretch of the plan loaded to show [start, end):
// half a view and six weeks before it, a view and four months after it, in
// whole local days, so panning and zooming out a little need no new load.
func stretchAround(start, end time.Time) [2]time.Time {
	const day = 24 * time.Hour
	span := end.Sub(start)
	from := data.DateOf(start.Add(-(span/2 + 45*day))).Time(time.Local)
	to := data.DateOf(end.Add(span + 120*day)).AddDays(1).Time(time.Local)
	return [2]time.Time{from, to}
}

// spanChanged loads another stretch when the chart's view comes within a
// quarter of a view of the loaded stretch's edge.
func (s *Screen) spanChanged(start, end time.Time) {
	margin := end.Sub(start) / 4
	if !start.Add(-margin).Before(s.stretch[0]) && !end.Add(margin).After(s.stretch[1]) {
		return
	}
	s.stretch = stretchAround(start, end)
	s.reload()
}

// CreateRenderer shows the toolbar, the chart and the status line.
func (s *Screen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.content)
}

// SelectedDeployment is the deployment selected on the chart when it
// belongs to release id, else 0: a double-click on a bar opens the
// release at that deployment.
func (s *Screen) SelectedDeployment(id uint) uint {
	if s.selRelease != id {
		return 0
	}
	return s.selBar
}

// Chart is the Gantt widget the screen fills, for callers that scroll or zoom it.
func (s *Screen) Chart() *timeline.Timeline { return s.chart }

func (s *Screen) buildUI() fyne.CanvasObject {
	heading := &widget.Label{Text: "Timeline", SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	heading.ExtendBaseWidget(heading)
	s.count = &widget.Label{Text: "Loading…", Truncation: fyne.TextTruncateEllipsis}
	s.count.ExtendBaseWidget(s.count)
	segments := container.NewHBox()
	for i, z := range zoomPresets {
		b := &widget.Button{Text: z.String(), OnTapped: s.keepingToday(func() { s.chart.SetZoom(z) })}
		b.ExtendBaseWidget(b)
		s.zoomButtons[i] = b
		segments.Add(b)
	}
	zoomOut := &widget.Button{Icon: theme.ZoomOutIcon(), Importance: widget.LowImportance, OnTapped: s.keepingToday(s.chart.ZoomOut)}
	zoomOut.ExtendBaseWidget(zoomOut)
	zoomIn := &widget.Button{Icon: theme.ZoomInIcon(), Importance: widget.LowImportance, OnTapped: s.keepingToday(s.chart.ZoomIn)}
	zoomIn.ExtendBaseWidget(zoomIn)
	today := &widget.Button{Text: "Today", Icon: theme.CalendarIcon(), OnTapped: s.chart.ScrollToToday}
	today.ExtendBaseWidget(today)
	s.productFilter = widget.NewSelect([]string{kit.AllProducts}, func(string) { s.refilter() })
	s.productFilter.Selected = kit.AllProducts
	s.finished = &widget.Check{Text: "Show finished releases", OnChanged: func(bool) { s.refilter() }}
	s.finished.ExtendBaseWidget(s.finished)
	zoom := container.NewHBox(segments, zoomOut, zoomIn, today)
	// The count gives way first on a narrow window, so the zoom stays whole.
	top := container.NewBorder(nil, nil, heading, container.NewCenter(zoom), kit.MiddleOf(s.count))
	filters := container.NewHBox(kit.FixedWidth(220, s.productFilter), s.finished)
	s.emptyText = &widget.Label{Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord}
	s.emptyText.ExtendBaseWidget(s.emptyText)
	s.emptyAction = &widget.Button{}
	s.emptyAction.ExtendBaseWidget(s.emptyAction)
	s.empty = container.NewCenter(container.NewVBox(
		container.NewCenter(kit.FixedSize(fyne.NewSize(48, 48), widget.NewIcon(theme.CalendarIcon()))),
		kit.FixedWidth(460, s.emptyText),
		container.NewCenter(s.emptyAction)))
	s.empty.Hide()
	s.status = &widget.Label{Text: "Loading the timeline…", Truncation: fyne.TextTruncateEllipsis}
	s.status.ExtendBaseWidget(s.status)
	s.legend = timeline.NewLegend(s.chart, false)
	bottom := container.NewVBox(container.NewPadded(s.legend), s.Notice.Box, widget.NewSeparator(), s.status)
	return container.NewBorder(container.NewVBox(top, filters), bottom, nil, nil, container.NewStack(s.chart, s.empty))
}

// showZoom marks the preset closest to z in the segmented buttons.
func (s *Screen) showZoom(z timeline.Zoom) {
	for i, b := range s.zoomButtons {
		imp := widget.MediumImportance
		if zoomPresets[i].String() == z.String() {
			imp = widget.HighImportance
		}
		if b.Importance != imp {
			b.Importance = imp
			b.Refresh()
		}
	}
}

// keepingToday wraps a toolbar zoom so that today stays where it is when it
// is in view; otherwise the chart keeps its centre, as for keys and the wheel.
func (s *Screen) keepingToday(zoom func()) func() {
	return func() {
		c := s.chart
		today := c.Today
		if today.IsZero() {
			today = time.Now()
		}
		x := today.Sub(c.Start()).Hours() / 24 * float64(c.Zoom())
		inView := x >= 0 && x <= float64(c.Size().Width-min(c.LabelWidth, c.Size().Width/2))
		zoom()
		if inView {
			c.SetStart(today.Add(-time.Duration(x / float64(c.Zoom()) * float64(24*time.Hour))))
		}
	}
}

// filter is what the product choice and the finished toggle ask for.
func (s *Screen) filter() timelineFilter {
	f := timelineFilter{finished: s.finished.Checked}
	if s.plan != nil {
		for _, p := range s.plan.products {
			if p.Name == s.productFilter.Selected {
				f.productID = p.ID
			}
		}
	}
	return f
}

// reload reads the loaded stretch of the timeline again. Reading and
// checking take up to a few hundred milliseconds, so both run off the UI
// goroutine, as does building the rows; an answer to an older load is dropped.
func (s *Screen) reload() {
	f, started, stretch := s.filter(), time.Now(), s.stretch
	s.Load(&s.loads, func(ctx context.Context) func() {
		plan, err := loadPlan(ctx, s.store, stretch[0], stretch[1])
		query := time.Since(started)
		var rows []timeline.Row
		if err == nil {
			rows = plan.rows(f)
		}
		return func() {
			if err != nil {
				s.status.SetText("Could not load the timeline.")
				kit.ShowError(s.Win, fmt.Errorf("could not load the timeline: %w", err))
				return
			}
			s.plan = plan
			s.setProducts()
			if s.filter() != f {
				rows = plan.rows(s.filter()) // the filters changed while loading
			}
			s.show(rows)
			if s.OnLoaded != nil {
				s.OnLoaded(LoadStats{Releases: len(plan.data.Releases), Deployments: len(plan.data.Deployments),
					Conflicts: len(plan.conflicts), Query: query, Total: time.Since(started)})
			}
		}
	})
}

// setProducts offers the loaded products, keeping the chosen one while it exists.
func (s *Screen) setProducts() {
	s.productFilter.SetOptions(append([]string{kit.AllProducts}, kit.ProductNames(s.plan.products)...))
	if s.filter().productID == 0 && s.productFilter.Selected != kit.AllProducts {
		s.productFilter.Selected = kit.AllProducts
		s.productFilter.Refresh()
	}
}

// refilter shows the loaded plan through the current filters, without a query.
func (s *Screen) refilter() {
	if s.plan != nil {
		s.show(s.plan.rows(s.filter()))
	}
}

// show puts rows on the chart with the freezes, the counts and, when there
// is nothing to show, why.
func (s *Screen) show(rows []timeline.Row) {
	s.chart.SetEnvironments(s.plan.environmentNames())
	s.chart.SetRows(rows)
	s.chart.SetFreezes(s.plan.freezes())
	s.chart.SetLinks(s.plan.links(rows))
	s.legend.Refresh()
	bars := 0
	for _, r := range rows {
		bars += len(r.Bars)
	}
	text := fmt.Sprintf("%s · %s", kit.Count(len(rows), "release"), kit.Count(bars, "deployment"))
	if n := conflictCount(rows); n > 0 {
		text += fmt.Sprintf(" · %s in conflict", kit.FormatCount(n))
	}
	s.count.SetText(text)
	s.showEmpty(len(rows) == 0)
	s.refreshStatus()
}

func (s *Screen) showEmpty(empty bool) {
	if !empty {
		s.empty.Hide()
		return
	}
	switch {
	case len(s.plan.data.Releases) == 0 && s.plan.elsewhere > 0:
		s.emptyText.SetText(fmt.Sprintf("No releases from %s to %s — scroll to another time, or press T for today.",
			s.plan.from.Format("2 Jan 2006"), s.plan.to.AddDate(0, 0, -1).Format("2 Jan 2006")))
		s.emptyAction.Hide()
	case len(s.plan.data.Releases) == 0:
		s.emptyText.SetText("No releases to show yet — create one in Releases with New release (Ctrl+N) and plan its deployments; they appear here.")
		s.emptyAction.Hide()
	default:
		s.emptyText.SetText("No releases match the filters — the ones chosen are all finished or belong to another product.")
		s.emptyAction.SetText("Show all releases")
		s.emptyAction.OnTapped = s.clearFilters
		s.emptyAction.Show()
	}
	s.empty.Show()
}

func (s *Screen) clearFilters() {
	s.productFilter.Selected = kit.AllProducts
	s.productFilter.Refresh()
	s.finished.Checked = true
	s.finished.Refresh()
	s.refilter()
}

// refreshStatus writes the status line: the hover, else the selection, else a hint.
func (s *Screen) refreshStatus() {
	switch {
	case s.hovered != "":
		s.status.SetText(s.hovered)
	case s.plan != nil && s.plan.release(s.selRelease) != nil:
		s.status.SetText(s.plan.describe(s.selRelease, s.selBar))
	default:
		hint := timelineHint
		if s.plan != nil {
			hint += fmt.Sprintf(" · releases of %s – %s loaded", s.plan.from.Format("2 Jan 2006"), s.plan.to.AddDate(0, 0, -1).Format("2 Jan 2006"))
		}
		s.status.SetText(hint)
	}
}

// onMoved checks a dragged deployment's new window with the store's rules off
// the UI goroutine, then saves it, first asking when it causes conflicts.
func (s *Screen) onMoved(id uint, start, end time.Time) {
	ctx := s.Context()
	s.Sched.Background(func() func() {
		dep, err := s.store.Deployment(ctx, id)
		var findings []data.Finding
		if err == nil {
			findings, err = s.store.CheckMove(ctx, id, start, end)
		}
		return func() {
			switch {
			case ctx.Err() != nil: // the screen was closed
			case err != nil:
				s.moveFailed("the deployment", err)
			case len(findings) == 0:
				s.saveMove(id, start, end)
			default:
				s.confirmMove(dep, start, end, findings)
			}
		}
	})
}

// confirmMove asks before moving a deployment into a freeze, onto another
// deployment or out of promotion order, listing what the rules found.
func (s *Screen) confirmMove(dep data.Deployment, start, end time.Time, findings []data.Finding) {
	var freezes []string
	if s.plan != nil {
		freezes = s.plan.freezesHit(dep.EnvironmentID, start, end)
	}
	question := &widget.Label{Text: moveQuestion(dep, findings, freezes), TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	question.ExtendBaseWidget(question)
	list := container.NewVBox(question)
	for _, f := range findings {
		l := &widget.Label{Text: "• " + findingLabel(f), Wrapping: fyne.TextWrapWord}
		l.ExtendBaseWidget(l)
		list.Add(l)
	}
	id := dep.ID
	kit.NewDialog(s.Win, "Move into a conflict?", list, 640, "Keep it where it was", kit.DialogButton{Text: "Move anyway",
		Importance: widget.WarningImportance, Then: func() { s.saveMove(id, start, end) }}).Show()
}

// saveMove re-plans deployment id to [start, end] on a fresh copy, shows it at
// once and offers to undo; the conflict marks follow with the next load.
func (s *Screen) saveMove(id uint, start, end time.Time) {
	d, err := s.store.Deployment(s.Context(), id)
	if err != nil {
		s.moveFailed("the deployment", err)
		return
	}
	name := deploymentName(d)
	if d.Outcome != data.OutcomePlanned {
		s.moveFailed(name, fmt.Errorf("it is %s now; only a planned deployment can be moved", d.Outcome.Label()))
		return
	}
	before := d
	d.PlannedStart, d.PlannedEnd = start.UTC(), end.UTC()
	if err := s.store.SaveDeployment(s.Context(), &d); err != nil {
		s.moveFailed(name, err)
		return
	}
	s.PushUndo(kit.Step{Label: "move of the " + name, Release: d.ReleaseID, Change: data.Edited(before, d)})
	s.setPlanned(id, d.PlannedStart, d.PlannedEnd)
	s.Tell("Moved the "+name+" to "+windowText(d.PlannedStart, d.PlannedEnd), "Undo", s.Undo)
	s.reload()
}

// setPlanned shows a saved window right away instead of after the next load.
func (s *Screen) setPlanned(id uint, start, end time.Time) {
	if d := s.plan.deployment(id); d != nil {
		d.PlannedStart, d.PlannedEnd = start.UTC(), end.UTC()
		s.refilter()
	}
}

// moveFailed tells why a move did not happen; the bar stays where it was.
func (s *Screen) moveFailed(what string, err error) {
	s.chart.Refresh()
	kit.ShowError(s.Win, fmt.Errorf("could not move %s: %s", what, moveErrorText(err)))
	s.reload()
}

// Undo puts the last moved deployment back where it was planned before,
// through the store.
func (s *Screen) Undo() {
	if !s.CanUndo() {
		return
	}
	step, err := s.TakeBack(s.Context(), s.store)
	s.reload()
	if err != nil {
		s.Notice.Hide()
		kit.ShowError(s.Win, fmt.Errorf("could not undo the %s: %s", step.Label, moveErrorText(err)))
		return
	}
	s.Tell("Undid the "+step.Label, "", nil)
}
