// Package portfolio holds the screens that look across releases: the
// Dashboard, Environments (the promotion path, what runs where and the freeze
// windows) and Stakeholders (the people directory and the RACI matrix).
package portfolio

import (
	"context"
	"fmt"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

var _ fyne.Widget = (*Dashboard)(nil)

// DashboardStore is what the Dashboard needs from the database.
type DashboardStore interface {
	Dashboard(ctx context.Context, today data.Date, period time.Duration) (data.Dashboard, error)
	Metrics(ctx context.Context, from, to time.Time, envID uint) (data.Metrics, error)
	MetricsSeries(ctx context.Context, from, to time.Time, bucket data.Period, envID uint) ([]data.MetricsPoint, error)
	Environments(ctx context.Context) ([]data.Environment, error)
}

var _ DashboardStore = (*data.Store)(nil)

// metricsPeriod is a choice of the metrics' period and how its charts bucket it.
type metricsPeriod struct {
	label  string
	days   int
	bucket data.Period
}

var metricsPeriods = []metricsPeriod{
	{"Last 30 days", 30, data.PeriodWeek},
	{"Last quarter", 91, data.PeriodWeek},
	{"Last 12 months", 365, data.PeriodMonth},
}

// allEnvironments is the environment choice that measures them together.
const allEnvironments = "All environments"

// Dashboard is the first screen: upcoming releases, deployments in progress,
// conflicts and warnings, and the delivery metrics of a chosen period.
type Dashboard struct {
	widget.BaseWidget
	kit.Screen

	// OnOpenRelease is called with a release's id when the user taps a line
	// about it, to open it in the Releases screen.
	OnOpenRelease func(id uint)

	store DashboardStore
	// today is the day the dashboard is built for; tests fix it.
	today func() data.Date

	date, updated, problem *widget.Label
	period, env            *widget.Select
	upcoming, running      *widget.List
	conflicts              *widget.List
	upcomingPanel          *kit.TitledPanel
	runningPanel           *kit.TitledPanel
	conflictsPanel         *kit.TitledPanel
	metricsPanel           *kit.TitledPanel
	emptyUpcoming          *widget.Label
	emptyRunning           *widget.Label
	emptyConflicts         *widget.Label
	tiles                  [5]*metricTile
	content                fyne.CanvasObject

	// shown is what the screen shows: the store's dashboard and the chart series.
	shown    data.Dashboard
	upcomers []upcomer
	series   []data.MetricsPoint
	envs     []data.Environment
	// loads and metricLoads count reloads of everything and of the
	// metrics alone, so a slow answer to an older one is dropped.
	loads, metricLoads kit.Loads
	// took is how long the last load's queries took.
	took time.Duration
}

// upcomer is a line of the upcoming list: a release, late or not.
type upcomer struct {
	rel     data.Release
	overdue bool
}

// Tiles of the metrics panel, in display order.
const (
	tileFrequency = iota
	tileFailureRate
	tileRestore
	tileLeadTime
	tileSlip
)

// NewDashboard builds the dashboard on store and starts loading it; sched
// runs the queries off the UI goroutine.
func NewDashboard(store DashboardStore, sched kit.Scheduler) *Dashboard {
	d := &Dashboard{store: store, today: data.Today}
	d.Start(nil, sched)
	d.ExtendBaseWidget(d)
	d.content = d.buildUI()
	d.Reload()
	return d
}

// Refresh redraws the dashboard. The shell refreshes a screen when it shows
// it again; figures older than staleAfter are then read anew, so a change
// made on another screen shows here.
func (d *Dashboard) Refresh() {
	d.BaseWidget.Refresh()
	if d.Stale() {
		d.Reload()
	}
}

// CreateRenderer shows the dashboard's content.
func (d *Dashboard) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(d.content) }

func (d *Dashboard) buildUI() fyne.CanvasObject {
	heading := &widget.Label{Text: "Dashboard", SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	heading.ExtendBaseWidget(heading)
	d.date = &widget.Label{}
	d.date.ExtendBaseWidget(d.date)
	d.updated = &widget.Label{SizeName: theme.SizeNameCaptionText, Text: "Loading…"}
	d.updated.ExtendBaseWidget(d.updated)
	refresh := &widget.Button{Text: "Refresh", Icon: theme.ViewRefreshIcon(), OnTapped: d.Reload}
	refresh.ExtendBaseWidget(refresh)
	d.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	d.problem.ExtendBaseWidget(d.problem)
	d.problem.Hide()
	top := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(heading, container.NewCenter(d.date)),
			container.NewHBox(container.NewCenter(d.updated), container.NewCenter(refresh))),
		d.problem)

	d.upcoming = d.newList(func() int { return len(d.upcomers) },
		func() fyne.CanvasObject { return newUpcomingRow() },
		func(i int, o fyne.CanvasObject) {
			u := d.upcomers[i]
			o.(*upcomingRow).set(u.rel, d.shown.Today, u.overdue)
		},
		func(i int) uint { return d.upcomers[i].rel.ID })
	d.running = d.newList(func() int { return len(d.shown.InProgress) },
		func() fyne.CanvasObject { return newRunningRow() },
		func(i int, o fyne.CanvasObject) { o.(*runningRow).set(d.shown.InProgress[i], d.shown.Today) },
		func(i int) uint { return d.shown.InProgress[i].ReleaseID })
	d.conflicts = d.newList(func() int { return len(d.shown.Conflicts) },
		func() fyne.CanvasObject { return newConflictRow() },
		func(i int, o fyne.CanvasObject) { o.(*conflictRow).set(d.shown.Conflicts[i]) },
		func(i int) uint {
			if ids := d.shown.Conflicts[i].ReleaseIDs; len(ids) > 0 {
				return ids[0]
			}
			return 0
		})
	d.emptyUpcoming = kit.EmptyNote("")
	d.emptyRunning = kit.EmptyNote("No deployment is running right now.")
	d.emptyConflicts = kit.EmptyNote("")
	d.upcomingPanel = kit.NewTitledPanel(theme.CalendarIcon(), "Upcoming releases", nil, container.NewStack(d.upcoming, d.emptyUpcoming))
	d.runningPanel = kit.NewTitledPanel(theme.MediaPlayIcon(), "Deployments in progress", nil, container.NewStack(d.running, d.emptyRunning))
	d.conflictsPanel = kit.NewTitledPanel(theme.WarningIcon(), "Conflicts and warnings", nil, container.NewStack(d.conflicts, d.emptyConflicts))

	d.period = widget.NewSelect(periodLabels(), func(string) { d.reloadMetrics() })
	d.period.Selected = metricsPeriods[0].label
	d.env = widget.NewSelect([]string{allEnvironments}, func(string) { d.reloadMetrics() })
	d.env.Selected = allEnvironments
	d.tiles = [5]*metricTile{
		tileFrequency:   newMetricTile("Deployment frequency", kit.ToneBlue),
		tileFailureRate: newMetricTile("Change failure rate", kit.ToneRed),
		tileRestore:     newMetricTile("Time to restore", kit.ToneAmber),
		tileLeadTime:    newMetricTile("Lead time", kit.TonePurple),
		tileSlip:        newMetricTile("Schedule slip", kit.ToneGrey),
	}
	tiles := container.NewGridWithColumns(len(d.tiles))
	for _, t := range d.tiles {
		tiles.Add(t.box)
	}
	tools := container.NewHBox(kit.FixedWidth(170, d.period), kit.FixedWidth(180, d.env))
	d.metricsPanel = kit.NewTitledPanel(theme.GridIcon(), "Delivery metrics", tools, tiles)

	left := container.New(&kit.StackedLayout{Share: 0.36}, d.upcomingPanel, d.runningPanel)
	upper := container.New(&kit.ColumnsLayout{Shares: []float32{0.45, 0.55}}, left, d.conflictsPanel)
	return container.NewBorder(top, nil, nil, nil, container.New(&kit.StackedLayout{Share: 0.33}, upper, d.metricsPanel))
}

// newList returns a list whose rows open the release releaseOf names when tapped.
func (d *Dashboard) newList(length func() int, create func() fyne.CanvasObject,
	update func(int, fyne.CanvasObject), releaseOf func(int) uint) *widget.List {
	l := widget.NewList(length, create, func(id widget.ListItemID, o fyne.CanvasObject) { update(id, o) })
	l.OnSelected = func(id widget.ListItemID) {
		l.UnselectAll()
		if id < length() {
			d.openRelease(releaseOf(id))
		}
	}
	return l
}

func (d *Dashboard) openRelease(id uint) {
	if id != 0 && d.OnOpenRelease != nil {
		d.OnOpenRelease(id)
	}
}

func periodLabels() []string {
	out := make([]string, len(metricsPeriods))
	for i, p := range metricsPeriods {
		out[i] = p.label
	}
	return out
}

func (d *Dashboard) chosenPeriod() metricsPeriod {
	for _, p := range metricsPeriods {
		if p.label == d.period.Selected {
			return p
		}
	}
	return metricsPeriods[0]
}

func (d *Dashboard) chosenEnv() uint {
	for _, e := range d.envs {
		if e.Name == d.env.Selected {
			return e.ID
		}
	}
	return 0
}

// dashboardLoad is what one reload read from the store.
type dashboardLoad struct {
	dash   data.Dashboard
	series []data.MetricsPoint
	envs   []data.Environment
	took   time.Duration
	err    error
}

// Reload reads everything again off the UI goroutine and shows it; an
// answer to an older reload is dropped.
func (d *Dashboard) Reload() {
	d.metricLoads.Drop() // metrics on their way are older than these
	today, period, envID := d.today(), d.chosenPeriod(), d.chosenEnv()
	d.Load(&d.loads, func(ctx context.Context) func() {
		res := d.query(ctx, today, period, envID)
		return func() { d.apply(res) }
	})
}

// query runs the dashboard's queries; it runs off the UI goroutine.
func (d *Dashboard) query(ctx context.Context, today data.Date, p metricsPeriod, envID uint) (res dashboardLoad) {
	start := time.Now()
	defer func() { res.took = time.Since(start) }()
	if res.envs, res.err = d.store.Environments(ctx); res.err != nil {
		return res
	}
	if res.dash, res.err = d.store.Dashboard(ctx, today, time.Duration(p.days)*24*time.Hour); res.err != nil {
		return res
	}
	m := res.dash.Metrics
	if envID != 0 {
		if res.dash.Metrics, res.err = d.store.Metrics(ctx, m.From, m.To, envID); res.err != nil {
			return res
		}
	}
	res.series, res.err = d.store.MetricsSeries(ctx, m.From, m.To, p.bucket, envID)
	return res
}

// reloadMetrics reads only the metrics again, for another period or
// environment: the lists above them do not depend on either. The period
// ends where the last full load's did, so the figures match the store's
// dashboard for the same period.
func (d *Dashboard) reloadMetrics() {
	if d.shown.Today.IsZero() {
		d.Reload()
		return
	}
	p, envID := d.chosenPeriod(), d.chosenEnv()
	to := d.shown.Metrics.To
	from := to.Add(-time.Duration(p.days) * 24 * time.Hour)
	d.Load(&d.metricLoads, func(ctx context.Context) func() {
		start := time.Now()
		m, err := d.store.Metrics(ctx, from, to, envID)
		var series []data.MetricsPoint
		if err == nil {
			series, err = d.store.MetricsSeries(ctx, from, to, p.bucket, envID)
		}
		took := time.Since(start)
		return func() {
			if err != nil {
				d.showProblem(err)
				return
			}
			d.problem.Hide()
			d.shown.Metrics, d.series, d.took = m, series, took
			d.showMetrics()
		}
	})
}

func (d *Dashboard) showProblem(err error) {
	d.problem.SetText("Could not load the dashboard: " + err.Error())
	d.problem.Show()
	d.updated.SetText("")
}

func (d *Dashboard) apply(res dashboardLoad) {
	if res.err != nil {
		d.showProblem(res.err)
		return
	}
	d.problem.Hide()
	d.shown, d.series, d.took = res.dash, res.series, res.took
	d.Loaded()
	d.setEnvironments(res.envs)
	d.upcomers = d.upcomers[:0]
	for _, r := range res.dash.Overdue {
		d.upcomers = append(d.upcomers, upcomer{rel: r, overdue: true})
	}
	for _, r := range res.dash.Upcoming {
		d.upcomers = append(d.upcomers, upcomer{rel: r})
	}
	today := res.dash.Today
	d.date.SetText(today.Time(time.UTC).Format("Monday 2 January 2006"))
	d.updated.SetText("Updated " + time.Now().Format("15:04"))

	note := kit.Count(len(res.dash.Upcoming), "release") + " in the next 30 days"
	if n := len(res.dash.Overdue); n > 0 {
		note += fmt.Sprintf(" · %d overdue", n)
	}
	d.upcomingPanel.SetNote(note)
	d.emptyUpcoming.SetText("Nothing is planned for the next 30 days — plan a release with New release (Ctrl+N).")
	d.emptyUpcoming.Hidden = len(d.upcomers) > 0
	d.runningPanel.SetNote(fmt.Sprintf("%d running", len(res.dash.InProgress)))
	d.emptyRunning.Hidden = len(res.dash.InProgress) > 0
	d.conflictsPanel.SetNote(kit.Count(len(res.dash.Conflicts), "finding") + " from " +
		kit.FormatDate(res.dash.ConflictsFrom) + " to " + kit.FormatDate(res.dash.ConflictsTo))
	d.emptyConflicts.SetText("No conflicts or warnings in these weeks: no overlapping deployments, " +
		"none in a freeze window, none out of order, and every \"go\" is approved, tested and ready.")
	d.emptyConflicts.Hidden = len(res.dash.Conflicts) > 0
	d.showMetrics()
	for _, l := range []*widget.List{d.upcoming, d.running, d.conflicts} {
		l.Refresh()
	}
	d.content.Refresh()
}

// setEnvironments offers the environments in the metrics' choice, keeping
// the chosen one while it exists.
func (d *Dashboard) setEnvironments(envs []data.Environment) {
	d.envs = envs
	opts := []string{allEnvironments}
	keep := false
	for _, e := range envs {
		opts = append(opts, e.Name)
		keep = keep || e.Name == d.env.Selected
	}
	d.env.Options = opts
	if !keep {
		d.env.Selected = allEnvironments
	}
	d.env.Refresh()
}

// showMetrics fills the tiles from the shown metrics and series.
func (d *Dashboard) showMetrics() {
	m := d.shown.Metrics
	t := m.Total
	to := m.To.Add(-time.Second) // To is the exclusive end: name the last day measured
	d.metricsPanel.SetNote(fmt.Sprintf("%s – %s, %s", m.From.In(time.Local).Format("2 Jan 2006"),
		to.In(time.Local).Format("2 Jan 2006"), t.Environment))
	first, last := "", ""
	if n := len(d.series); n > 0 {
		first, last = bucketLabel(d.series[0], d.chosenPeriod().bucket), bucketLabel(d.series[n-1], d.chosenPeriod().bucket)
	}
	each := func(f func(p data.MetricsPoint) float64) []float64 {
		out := make([]float64, len(d.series))
		for i, p := range d.series {
			out[i] = f(p)
		}
		return out
	}
	figs := metricFigures(m)
	d.tiles[tileFrequency].set(figs[tileFrequency][0], figs[tileFrequency][1],
		each(func(p data.MetricsPoint) float64 { return p.DeploymentsPerWeek }), first, last)
	d.tiles[tileFailureRate].set(figs[tileFailureRate][0], figs[tileFailureRate][1],
		each(func(p data.MetricsPoint) float64 {
			if p.ChangeFailureRate == nil {
				return math.NaN()
			}
			return *p.ChangeFailureRate * 100
		}), first, last)
	d.tiles[tileRestore].set(figs[tileRestore][0], figs[tileRestore][1],
		each(func(p data.MetricsPoint) float64 { return meanOrNaN(p.RestoreHours) }), first, last)
	d.tiles[tileLeadTime].set(figs[tileLeadTime][0], figs[tileLeadTime][1],
		each(func(p data.MetricsPoint) float64 { return meanOrNaN(p.LeadTimeDays) }), first, last)
	d.tiles[tileSlip].set(figs[tileSlip][0], figs[tileSlip][1],
		each(func(p data.MetricsPoint) float64 { return meanOrNaN(p.SlipDays) }), first, last)
}
