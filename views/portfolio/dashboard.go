// Package portfolio holds the screens that look across releases: the
// Dashboard, Environments (the promotion path, what runs where and the freeze
// windows) and Stakeholders (the people directory and the RACI matrix).
package portfolio

import (
	"context"
	"fmt"
	"math"
	"slices"
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
	DashboardIntegrity(ctx context.Context, today data.Date) ([]data.Finding, error)
	ScopeCounts(ctx context.Context, ids []uint) (map[uint]data.ScopeCount, error)
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

	// OnOpen is called when the user taps a line: an upcoming release, a
	// running deployment or a finding, to open it where it is shown.
	OnOpen func(kit.Target)

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

	// shown is what the screen shows: the store's dashboard and the chart
	// series; integrity is the broken data of the same weeks, read apart,
	// and findings both, integrity first, as the list shows them.
	shown     data.Dashboard
	integrity []data.Finding
	findings  []data.Finding
	upcomers  []upcomer
	series    []data.MetricsPoint
	envs      []data.Environment
	// scope counts the work items of the releases in the upcoming list.
	scope map[uint]data.ScopeCount
	// loads and metricLoads count reloads of everything and of the
	// metrics alone, so a slow answer to an older one is dropped.
	loads, metricLoads, integrityLoads kit.Loads
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
			o.(*upcomingRow).set(u.rel, d.shown.Today, u.overdue, d.scope[u.rel.ID])
		},
		func(i int) kit.Target { return kit.Target{Release: d.upcomers[i].rel.ID} })
	d.running = d.newList(func() int { return len(d.shown.InProgress) },
		func() fyne.CanvasObject { return newRunningRow() },
		func(i int, o fyne.CanvasObject) { o.(*runningRow).set(d.shown.InProgress[i], d.shown.Today) },
		func(i int) kit.Target {
			dep := d.shown.InProgress[i]
			return kit.Target{Release: dep.ReleaseID, Record: data.Record{Entity: data.EntityDeployment, ID: dep.ID}}
		})
	d.conflicts = d.newList(func() int { return len(d.findings) },
		func() fyne.CanvasObject { return newConflictRow() },
		func(i int, o fyne.CanvasObject) { o.(*conflictRow).set(d.findings[i]) },
		func(i int) kit.Target { return kit.TargetOf(d.findings[i]) })
	d.emptyUpcoming = kit.EmptyNote("")
	d.emptyRunning = kit.EmptyNote("No deployment is running right now.")
	d.emptyConflicts = kit.EmptyNote("")
	d.upcomingPanel = kit.NewTitledPanel(theme.CalendarIcon(), "Upcoming releases", nil, container.NewStack(d.upcoming, d.emptyUpcoming))
	// The Deployments tab's icon: a play triangle looked like a button that did nothing.
	d.runningPanel = kit.NewTitledPanel(theme.UploadIcon(), "Deployments in progress", nil, container.NewStack(d.running, d.emptyRunning))
	d.conflictsPanel = kit.NewTitledPanel(theme.WarningIcon(), "Conflicts and warnings", nil, container.NewStack(d.conflicts, d.emptyConflicts))

	d.period = widget.NewSelect(periodLabels(), func(string) { d.reloadMetrics() })
	d.period.Selected = metricsPeriods[0].label
	d.env = widget.NewSelect([]string{allEnvironments}, func(string) { d.reloadMetrics() })
	d.env.Selected = allEnvironments
	d.tiles = [5]*metricTile{
		tileFrequency: newMetricTile("Deployment frequency", kit.ToneBlue, axisCount,
			func(v float64) string { return fmt.Sprintf("%.1f / week", v) }),
		tileFailureRate: newMetricTile("Change failure rate", kit.ToneRed, axisPercent,
			func(v float64) string { return fmt.Sprintf("%.1f%% failed", v) }),
		tileRestore: newMetricTile("Time to restore", kit.ToneAmber, axisHours,
			func(v float64) string { return "mean " + formatHours(v) }),
		tileLeadTime: newMetricTile("Lead time", kit.TonePurple, axisDays,
			func(v float64) string { return "mean " + formatDays(v, false) }),
		tileSlip: newMetricTile("Schedule slip", kit.ToneGrey, axisDays,
			func(v float64) string { return "mean " + formatDays(v, true) }),
	}
	tiles := container.NewGridWithColumns(len(d.tiles))
	for _, t := range d.tiles {
		tiles.Add(t.box)
	}
	tools := container.NewHBox(kit.FixedWidth(170, d.period), kit.FixedWidth(180, d.env))
	d.metricsPanel = kit.NewTitledPanel(theme.GridIcon(), "Delivery metrics", tools, tiles)

	return container.NewBorder(top, nil, nil, nil,
		container.New(dashboardLayout{}, d.upcomingPanel, d.runningPanel, d.conflictsPanel, d.metricsPanel))
}

// newList returns a list whose rows open what targetOf names when tapped.
func (d *Dashboard) newList(length func() int, create func() fyne.CanvasObject,
	update func(int, fyne.CanvasObject), targetOf func(int) kit.Target) *widget.List {
	l := widget.NewList(length, create, func(id widget.ListItemID, o fyne.CanvasObject) { update(id, o) })
	l.OnSelected = func(id widget.ListItemID) {
		l.UnselectAll()
		if id < length() && d.OnOpen != nil {
			d.OnOpen(targetOf(id))
		}
	}
	return l
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
	// scope counts the work items of the upcoming and overdue releases.
	scope map[uint]data.ScopeCount
	took  time.Duration
	err   error
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
	d.Load(&d.integrityLoads, func(ctx context.Context) func() {
		found, err := d.store.DashboardIntegrity(ctx, today)
		return func() {
			if err != nil {
				d.showProblem(err)
				return
			}
			d.integrity = found
			d.showFindings()
		}
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
	var ids []uint
	for _, r := range append(slices.Clone(res.dash.Overdue), res.dash.Upcoming...) {
		ids = append(ids, r.ID)
	}
	if res.scope, res.err = d.store.ScopeCounts(ctx, ids); res.err != nil {
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
	d.shown, d.series, d.took, d.scope = res.dash, res.series, res.took, res.scope
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
	d.date.SetText(kit.FormatDay(today))
	d.updated.SetText("Updated " + kit.FormatClock(time.Now()))

	note := kit.Count(len(res.dash.Upcoming), "release") + " in the next 30 days"
	if n := len(res.dash.Overdue); n > 0 {
		note += fmt.Sprintf(" · %d overdue", n)
	}
	d.upcomingPanel.SetNote(note)
	d.emptyUpcoming.SetText("Nothing is planned for the next 30 days — plan a release with New release (Ctrl+N).")
	d.emptyUpcoming.Hidden = len(d.upcomers) > 0
	d.runningPanel.SetNote(fmt.Sprintf("%d running", len(res.dash.InProgress)))
	d.emptyRunning.Hidden = len(res.dash.InProgress) > 0
	d.showFindings()
	d.showMetrics()
	for _, l := range []*widget.List{d.upcoming, d.running} {
		l.Refresh()
	}
	d.content.Refresh()
}

// showFindings lists the broken data first, then the conflicts and warnings.
func (d *Dashboard) showFindings() {
	d.findings = append(append(d.findings[:0], d.integrity...), d.shown.Conflicts...)
	if d.shown.Today.IsZero() {
		return // the conflicts' weeks are not known yet
	}
	note := kit.Count(len(d.shown.Conflicts), "finding")
	if n := len(d.integrity); n > 0 {
		note = kit.Count(n, "broken record") + " · " + note
	}
	d.conflictsPanel.SetNote(note + " · " + kit.FormatDate(d.shown.ConflictsFrom) + " – " + kit.FormatDate(d.shown.ConflictsTo))
	d.emptyConflicts.SetText("No conflicts or warnings in these weeks: no overlapping deployments, " +
		"none in a freeze window, none out of order or ahead of what it depends on, every \"go\" is approved, tested and ready, " +
		"and no broken records.")
	d.emptyConflicts.Hidden = len(d.findings) > 0
	d.conflicts.Refresh()
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
	d.metricsPanel.SetNote(fmt.Sprintf("%s – %s, %s", kit.FormatDate(data.DateOf(m.From.In(time.Local))),
		kit.FormatDate(data.DateOf(to.In(time.Local))), t.Environment))
	labels, short := make([]string, len(d.series)), make([]string, len(d.series))
	for i, p := range d.series {
		labels[i], short[i] = bucketLabel(p, d.chosenPeriod().bucket, false), bucketLabel(p, d.chosenPeriod().bucket, true)
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
		each(func(p data.MetricsPoint) float64 { return p.DeploymentsPerWeek }), labels, short)
	d.tiles[tileFailureRate].set(figs[tileFailureRate][0], figs[tileFailureRate][1],
		each(func(p data.MetricsPoint) float64 {
			if p.ChangeFailureRate == nil {
				return math.NaN()
			}
			return *p.ChangeFailureRate * 100
		}), labels, short)
	d.tiles[tileRestore].set(figs[tileRestore][0], figs[tileRestore][1],
		each(func(p data.MetricsPoint) float64 { return meanOrNaN(p.RestoreHours) }), labels, short)
	d.tiles[tileLeadTime].set(figs[tileLeadTime][0], figs[tileLeadTime][1],
		each(func(p data.MetricsPoint) float64 { return meanOrNaN(p.LeadTimeDays) }), labels, short)
	d.tiles[tileSlip].set(figs[tileSlip][0], figs[tileSlip][1],
		each(func(p data.MetricsPoint) float64 { return meanOrNaN(p.SlipDays) }), labels, short)
}
