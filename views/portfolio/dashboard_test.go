package portfolio

import (
	"math"
	"os"
	"reflect"
	"testing"
	"time"

	"fyne.io/fyne/v2"
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
	if got := d.tiles[tileFrequency].last.Text; got != "Jun 2026" {
		t.Errorf("last bar labelled %q, want Jun 2026", got)
	}
}

func TestDashboardTapOpensTheRelease(t *testing.T) {
	w := newDashWorld(t)
	d := w.dashShow()
	var opened []uint
	d.OnOpenRelease = func(id uint) { opened = append(opened, id) }

	tapRow[*conflictRow](t, w.UI, 0)
	if len(opened) != 1 || opened[0] != w.overlapA.ID {
		t.Fatalf("tapping the overlap opened %v, want %d", opened, w.overlapA.ID)
	}
	tapRow[*upcomingRow](t, w.UI, 0)
	if len(opened) != 2 || opened[1] != w.late.ID {
		t.Fatalf("tapping the first upcoming release opened %v, want %d", opened, w.late.ID)
	}
	tapRow[*runningRow](t, w.UI, 0)
	if len(opened) != 3 || opened[2] != w.running.ID {
		t.Fatalf("tapping the running deployment opened %v, want %d", opened, w.running.ID)
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
	c := newBarChart(kit.ToneBlue)
	c.Resize(fyne.NewSize(200, 101)) // 100 px of bars plus the zero line
	c.setValues([]float64{10, 0, math.NaN(), 20, -20})
	r := test.WidgetRenderer(c).(*barChartRenderer)
	zero := r.axis.Position1.Y
	tests := []struct {
		name        string
		bar         int
		visible     bool
		top, height float32
	}{
		{"half of the largest, above the line", 0, true, zero - 25, 25},
		{"zero is a sliver", 1, true, zero - 2, 2},
		{"no data, no bar", 2, false, 0, 0},
		{"the largest", 3, true, zero - 50, 50},
		{"negative hangs below the line", 4, true, zero + 1, 50},
	}
	if zero != 50 {
		t.Fatalf("zero line at %v, want 50 (halfway for +20 and -20)", zero)
	}
	for _, tt := range tests {
		b := r.bars[tt.bar]
		if b.Visible() != tt.visible {
			t.Errorf("%s: visible %v", tt.name, b.Visible())
			continue
		}
		if tt.visible && (b.Position().Y != tt.top || b.Size().Height != tt.height) {
			t.Errorf("%s: top %v height %v, want %v and %v", tt.name, b.Position().Y, b.Size().Height, tt.top, tt.height)
		}
	}
	if r.bars[3].FillColor == r.bars[4].FillColor {
		t.Error("the latest bar is not drawn stronger than the others")
	}
	c.setValues([]float64{1})
	if len(r.Objects()) != 2 {
		t.Errorf("%d objects after fewer values, want one bar and the line", len(r.Objects()))
	}
}

// TestMain removes the demo databases the tests copied from (see uitest.Demo).
func TestMain(m *testing.M) { os.Exit(uitest.Main(m)) }
