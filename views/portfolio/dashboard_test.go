package portfolio

import (
	"context"
	"fmt"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/uitest"
)

// dashToday is the day the dashboard tests look from.
var dashToday = data.NewDate(2026, time.June, 15)

// dashAt is an instant on day d of June 2026, local time.
func dashAt(d, hour, minute int) time.Time {
	return time.Date(2026, time.June, d, hour, minute, 0, 0, time.Local)
}

// dashWorld is a hand-built plan seen by the dashboard.
type dashWorld struct {
	*uitest.UI
	dev, prod           data.Environment
	soon, late, running data.Release
	overlapA, overlapB  data.Release
}

func newDashWorld(t *testing.T) *dashWorld {
	f := uitest.New(t)
	f.Store.Now = func() time.Time { return dashAt(15, 12, 0) }
	w := &dashWorld{UI: f}
	w.dev, w.prod = w.dashEnv("Dev", data.KindDevelopment), w.dashEnv("Production", data.KindProduction)
	w.soon = f.Release("Payments", "2.4.0", "Faster checkout", data.StatusPlanned, dashToday.AddDays(5))
	w.late = f.Release("Payments", "2.3.0", "Refunds", data.StatusPlanned, dashToday.AddDays(-3))
	w.running = f.Release("Billing", "1.2.0", "Invoices", data.StatusPlanned, dashToday.AddDays(2))
	w.overlapA = f.Release("Portal", "5.0.0", "New look", data.StatusPlanned, dashToday.AddDays(20))
	w.overlapB = f.Release("Portal", "5.1.0", "Search", data.StatusPlanned, dashToday.AddDays(25))
	f.Release("Portal", "6.0.0", "Far away", data.StatusPlanned, dashToday.AddDays(60))

	// Two finished deployments this week, one failed; one running now.
	w.dashFinish(w.soon, w.dev, data.OutcomeSucceeded, dashAt(10, 9, 0), dashAt(10, 10, 0))
	w.dashFinish(w.late, w.dev, data.OutcomeFailed, dashAt(11, 9, 0), dashAt(11, 10, 0))
	d := w.dashPlan(w.running, w.dev, dashAt(15, 9, 0), dashAt(15, 13, 0))
	if err := f.Store.StartDeployment(f.Ctx, d.ID, dashAt(15, 9, 5), "Sam"); err != nil {
		t.Fatal(err)
	}
	// Two planned deployments overlapping on Dev.
	w.dashPlan(w.overlapA, w.dev, dashAt(20, 9, 0), dashAt(20, 11, 0))
	w.dashPlan(w.overlapB, w.dev, dashAt(20, 10, 0), dashAt(20, 12, 0))
	return w
}

func (w *dashWorld) dashEnv(name string, kind data.EnvironmentKind) data.Environment {
	w.T.Helper()
	e := data.Environment{Name: name, Kind: kind}
	if err := w.Store.SaveEnvironment(w.Ctx, &e); err != nil {
		w.T.Fatal(err)
	}
	return e
}

func (w *dashWorld) dashPlan(r data.Release, e data.Environment, start, end time.Time) data.Deployment {
	w.T.Helper()
	d := data.Deployment{ReleaseID: r.ID, EnvironmentID: e.ID, PlannedStart: start, PlannedEnd: end}
	if err := w.Store.SaveDeployment(w.Ctx, &d); err != nil {
		w.T.Fatalf("plan %s on %s: %v", r.Version, e.Name, err)
	}
	return d
}

func (w *dashWorld) dashFinish(r data.Release, e data.Environment, o data.Outcome, start, end time.Time) {
	w.T.Helper()
	d := w.dashPlan(r, e, start, end)
	if err := w.Store.RecordOutcome(w.Ctx, d.ID, o, start, end, "Sam", ""); err != nil {
		w.T.Fatalf("record %s: %v", r.Version, err)
	}
}

// dashShow puts a dashboard looking from dashToday in the window.
func (w *dashWorld) dashShow() *Dashboard {
	d := NewDashboard(w.Store, kit.InlineScheduler)
	d.today = func() data.Date { return dashToday }
	d.Reload()
	w.Win.SetContent(d)
	w.Win.Resize(fyne.NewSize(1088, 760))
	return d
}

func TestDashboardShowsTheStoresFigures(t *testing.T) {
	w := newDashWorld(t)
	d := w.dashShow()
	want, err := w.Store.Dashboard(w.Ctx, dashToday, 30*24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	figs := metricFigures(want.Metrics)
	var upcoming []uint
	for _, u := range d.upcomers {
		upcoming = append(upcoming, u.rel.ID)
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"upcoming: overdue first, then by date", upcoming, []uint{w.late.ID, w.running.ID, w.soon.ID, w.overlapA.ID, w.overlapB.ID}},
		{"upcoming matches the store", len(d.upcomers), len(want.Upcoming) + len(want.Overdue)},
		{"upcoming note", d.upcomingPanel.Note(), "4 releases in the next 30 days · 1 overdue"},
		{"running", d.running.Length(), 1},
		{"running note", d.runningPanel.Note(), "1 running"},
		{"conflicts match the store", len(d.shown.Conflicts), len(want.Conflicts)},
		{"just the overlap", len(d.shown.Conflicts), 1},
		{"an overlap", d.shown.Conflicts[0].Kind, data.FindingOverlap},
		{"frequency", d.tiles[tileFrequency].figure.Text, figs[tileFrequency][0]},
		{"frequency by hand", d.tiles[tileFrequency].detail.Text, "2 finished, 1 succeeded"},
		{"failure rate", d.tiles[tileFailureRate].figure.Text, figs[tileFailureRate][0]},
		{"failure rate by hand", d.tiles[tileFailureRate].figure.Text, "50.0%"},
		{"restore", d.tiles[tileRestore].figure.Text, figs[tileRestore][0]},
		{"lead time", d.tiles[tileLeadTime].figure.Text, figs[tileLeadTime][0]},
		{"slip", d.tiles[tileSlip].figure.Text, figs[tileSlip][0]},
		{"weekly bars", len(d.tiles[tileFrequency].chart.values), len(d.series)},
	}
	for _, tt := range tests {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	if !w.Shows(want.Conflicts[0].Message) {
		t.Errorf("the overlap is not on screen; visible %q", w.Texts())
	}
	if !w.Shows("Payments 2.3.0") || !w.Shows("Billing 1.2.0") {
		t.Errorf("upcoming releases not on screen; visible %q", w.Texts())
	}
}

func TestDashboardMetricsFollowPeriodAndEnvironment(t *testing.T) {
	w := newDashWorld(t)
	d := w.dashShow()

	d.env.SetSelected("Production")
	m := d.shown.Metrics
	if m.EnvironmentID != w.prod.ID {
		t.Fatalf("metrics are for environment %d, want Production (%d)", m.EnvironmentID, w.prod.ID)
	}
	want, err := w.Store.Metrics(w.Ctx, m.From, m.To, w.prod.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.tiles[tileFrequency].detail.Text; got != metricFigures(want)[tileFrequency][1] || got != "0 finished, 0 succeeded" {
		t.Errorf("Production frequency says %q", got)
	}
	if got := d.tiles[tileFailureRate].figure.Text; got != "—" {
		t.Errorf("failure rate with nothing finished shows %q, want —", got)
	}

	d.env.SetSelected(allEnvironments)
	d.period.SetSelected("Last 12 months")
	if got := d.shown.Metrics.To.Sub(d.shown.Metrics.From); got != 365*24*time.Hour {
		t.Errorf("period of %v, want 365 days", got)
	}
	if n := len(d.series); n < 12 || n > 13 {
		t.Errorf("%d monthly bars, want 12 or 13", n)
	}
	if got := d.tiles[tileFrequency].chart.to; got != kit.FormatMonth(time.Date(2026, time.June, 1, 0, 0, 0, 0, time.Local)) {
		t.Errorf("last bar labelled %q, want Jun 2026", got)
	}
}

func TestDashboardTapOpensTheRelease(t *testing.T) {
	w := newDashWorld(t)
	d := w.dashShow()
	var opened []kit.Target
	d.OnOpen = func(t kit.Target) { opened = append(opened, t) }

	tapRow[*conflictRow](t, w.UI, 0)
	overlap := d.shown.Conflicts[0]
	if want := (kit.Target{Release: w.overlapB.ID, Record: overlap.Subject, Kind: data.FindingOverlap}); // 5.1.0 starts into 5.0.0 len(opened) != 1 || opened[0] != want ||
	overlap.Subject.Entity != data.EntityDeployment {
		t.Fatalf("tapping the overlap opened %+v, want %+v, the deployment it is about", opened, want)
	}
	tapRow[*upcomingRow](t, w.UI, 0)
	if len(opened) != 2 || opened[1] != (kit.Target{Release: w.late.ID}) {
		t.Fatalf("tapping the first upcoming release opened %+v, want release %d", opened, w.late.ID)
	}
	tapRow[*runningRow](t, w.UI, 0)
	running := d.shown.InProgress[0]
	if want := (kit.Target{Release: w.running.ID, Record: data.Record{Entity: data.EntityDeployment, ID: running.ID}}); len(opened) != 3 || opened[2] != want {
		t.Fatalf("tapping the running deployment opened %+v, want %+v", opened, want)
	}
	if d.conflicts.Length() > 0 && len(opened) == 3 {
		// A row stays unselected, so tapping it again opens it again.
		tapRow[*conflictRow](t, w.UI, 0)
		if len(opened) != 4 {
			t.Error("a second tap on the same conflict did nothing")
		}
	}
}

func TestDashboardEmptyStates(t *testing.T) {
	f := uitest.New(t)
	d := NewDashboard(f.Store, kit.InlineScheduler)
	f.Win.SetContent(d)
	f.Win.Resize(fyne.NewSize(1088, 760))
	for _, want := range []string{"Nothing is planned for the next 30 days", "No deployment is running right now.", "No conflicts or warnings"} {
		if !f.Shows(want) {
			t.Errorf("empty dashboard does not say %q; visible %q", want, f.Texts())
		}
	}
	if got := d.tiles[tileFrequency].figure.Text; got != "0.0 / week" {
		t.Errorf("frequency on an empty store: %q", got)
	}
}

// tapRow taps the n-th visible list row showing a T, as a user clicks it.
func tapRow[T fyne.CanvasObject](t *testing.T, f *uitest.UI, n int) {
	t.Helper()
	var rows []fyne.Tappable
	uitest.Visit(f.Win.Canvas().Content(), func(o fyne.CanvasObject) {
		tap, ok := o.(fyne.Tappable)
		w, isWidget := o.(fyne.Widget)
		if !ok || !isWidget {
			return
		}
		for _, c := range test.WidgetRenderer(w).Objects() {
			if _, ok := c.(T); ok {
				rows = append(rows, tap)
			}
		}
	})
	if n >= len(rows) {
		t.Fatalf("only %d rows to tap", len(rows))
	}
	test.Tap(rows[n])
}

func TestBarChartDrawsValuesToScale(t *testing.T) {
	test.NewTempApp(t)
	c := newBarChart(kit.ToneBlue, axisCount)
	values := []float64{10, 0, math.NaN(), 20, -20}
	c.Resize(fyne.NewSize(240, 120))
	c.setValues(values, "1 Jun", "29 Jun")
	r := test.WidgetRenderer(c).(*barChartRenderer)
	_, plot := chartPlot(c.Size(), values)
	unit := plot.h / 40 // from +20 down to -20
	zero := r.axis.Position1.Y
	if want := plot.y + 20*unit; zero != want {
		t.Fatalf("zero line at %v, want %v (halfway for +20 and -20)", zero, want)
	}
	tests := []struct {
		name        string
		bar         int
		visible     bool
		top, height float32
	}{
		{"half of the largest, above the line", 0, true, zero - 10*unit, 10 * unit},
		{"zero is a sliver", 1, true, zero - 2, 2},
		{"no data, no bar", 2, false, 0, 0},
		{"the largest", 3, true, zero - 20*unit, 20 * unit},
		{"negative hangs below the line", 4, true, zero + 1, 20 * unit},
	}
	for _, tt := range tests {
		b := r.bars[tt.bar]
		if b.Visible() != tt.visible {
			t.Errorf("%s: visible %v", tt.name, b.Visible())
			continue
		}
		if tt.visible && (b.Position().Y != tt.top || b.Size().Height != tt.height || b.Position().X < plot.x) {
			t.Errorf("%s: at %v height %v, want top %v and height %v right of the axis labels (x >= %v)",
				tt.name, b.Position(), b.Size().Height, tt.top, tt.height, plot.x)
		}
	}
	if r.bars[3].FillColor == r.bars[4].FillColor {
		t.Error("the latest bar is not drawn stronger than the others")
	}
	// The value axis names the largest value on the grid line and zero on the zero line.
	centre := func(tx *canvas.Text) float32 { return tx.Position().Y + tx.Size().Height/2 }
	if r.top.Text != "20" || centre(r.top) != r.grid.Position1.Y || r.grid.Position1.Y != plot.y {
		t.Errorf("top label %q centred at %v, grid line at %v; want \"20\" on the line at %v", r.top.Text, centre(r.top), r.grid.Position1.Y, plot.y)
	}
	if r.zero.Text != "0" || centre(r.zero) != zero {
		t.Errorf("zero label %q centred at %v; want \"0\" on the zero line at %v", r.zero.Text, centre(r.zero), zero)
	}
	c.setValues([]float64{1}, "", "")
	bars := 0
	for _, o := range r.Objects() {
		if rect, ok := o.(*canvas.Rectangle); ok && rect != r.outline {
			bars++
		}
	}
	if bars != 1 {
		t.Errorf("%d bars after fewer values, want one", bars)
	}
}

func TestMetricTileShowsThePointedBar(t *testing.T) {
	test.NewTempApp(t)
	m := newMetricTile("Deployment frequency", kit.ToneBlue, axisCount, func(v float64) string { return fmt.Sprintf("%.1f / week", v) })
	w := test.NewTempWindow(t, m.box)
	w.Resize(fyne.NewSize(300, 260))
	m.set("3.0 / week", "6 finished, 5 succeeded", []float64{2, math.NaN(), 4}, []string{"week of 1 Jun", "week of 8 Jun", "week of 15 Jun"}, []string{"1 Jun", "8 Jun", "15 Jun"})
	r := test.WidgetRenderer(m.chart).(*barChartRenderer)
	over := func(bar int) fyne.Position {
		b := r.bars[bar]
		if bar == 1 { // no data, no bar: point at its slot
			b = r.bars[0]
			return b.Position().AddXY(b.Size().Width*1.5+4, 1)
		}
		return b.Position().AddXY(b.Size().Width/2, b.Size().Height/2)
	}
	steps := []struct {
		name, detail string
		at           func()
		outlined     bool
	}{
		{"pointing at the last bar", "week of 15 Jun: 4.0 / week", func() { m.chart.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: over(2)}}) }, true},
		{"a period without data", "week of 8 Jun: no data", func() { m.chart.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: over(1)}}) }, false},
		{"tapped on a touch screen", "week of 1 Jun: 2.0 / week", func() { m.chart.Tapped(&fyne.PointEvent{Position: over(0)}) }, true},
		{"the pointer leaves", "6 finished, 5 succeeded", m.chart.MouseOut, false},
	}
	for _, s := range steps {
		s.at()
		if got := m.detail.Text; got != s.detail {
			t.Errorf("%s: the tile says %q, want %q", s.name, got, s.detail)
		}
		if r.outline.Visible() != s.outlined {
			t.Errorf("%s: the pointed bar outlined %v, want %v", s.name, r.outline.Visible(), s.outlined)
		}
	}
	if r.from.Text != "1 Jun" || r.to.Text != "15 Jun" || r.from.Position().Y <= r.axis.Position1.Y {
		t.Errorf("the time axis reads %q to %q at %v, want 1 Jun to 15 Jun under the bars", r.from.Text, r.to.Text, r.from.Position())
	}
}

// TestMain removes the demo databases the tests copied from (see uitest.Demo).
func TestMain(m *testing.M) { os.Exit(uitest.Main(m)) }

// brokenStore is the real store with one broken record found in the dashboard's weeks.
type brokenStore struct {
	*data.Store
	broken data.Finding
}

func (b brokenStore) DashboardIntegrity(context.Context, data.Date) ([]data.Finding, error) {
	return []data.Finding{b.broken}, nil
}

func TestDashboardShowsBrokenRecordsFirst(t *testing.T) {
	w := newDashWorld(t)
	broken := data.Finding{Kind: data.FindingIntegrity, Subject: data.Record{Entity: data.EntityDeployment, ID: 99},
		Message: "Deployment 99 of Payments 2.4.0 actually ended before it started", ReleaseIDs: []uint{w.soon.ID}}
	d := NewDashboard(brokenStore{w.Store, broken}, kit.InlineScheduler)
	d.today = func() data.Date { return dashToday }
	d.Reload()
	w.Win.SetContent(d)
	w.Win.Resize(fyne.NewSize(1088, 760))
	if len(d.findings) != 2 || d.findings[0].Kind != data.FindingIntegrity || d.findings[1].Kind != data.FindingOverlap {
		t.Fatalf("findings listed %v, want the broken record, then the overlap", d.findings)
	}
	if !w.Shows(broken.Message) || !w.Shows("Integrity") || !strings.HasPrefix(d.conflictsPanel.Note(), "1 broken record · 1 finding") {
		t.Errorf("the broken record is not shown with its kind and counted; note %q, visible %q", d.conflictsPanel.Note(), w.Texts())
	}
	var opened []kit.Target
	d.OnOpen = func(t kit.Target) { opened = append(opened, t) }
	tapRow[*conflictRow](t, w.UI, 0)
	if want := (kit.Target{Release: w.soon.ID, Record: broken.Subject, Kind: data.FindingIntegrity}); len(opened) != 1 || opened[0] != want {
		t.Errorf("tapping the broken record opened %+v, want %+v", opened, want)
	}
}
