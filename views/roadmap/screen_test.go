package roadmap

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/timeline"
	"releasedesk/views/uitest"
)

// timelineFixture is the Timeline screen in a test window on a real database file.
type timelineFixture struct {
	*uitest.UI
	tl  *Screen
	ids map[string]uint
}

// newTimelineFixture opens a fresh database; call seed to plan something and show to open the screen.
func newTimelineFixture(t *testing.T) *timelineFixture {
	return &timelineFixture{UI: uitest.New(t), ids: map[string]uint{}}
}

// timelineAt is a local time on a day of July 2026.
func timelineAt(d, hour int) time.Time {
	return time.Date(2026, time.July, d, hour, 0, 0, 0, time.Local)
}

// seed plans two products over three environments: a clean planned Staging
// deployment of Payments 2.4.0 to drag, an overlap on Dev, a deployment
// inside the Audit freeze, finished releases and a freeze on all environments.
func (f *timelineFixture) seed() {
	f.T.Helper()
	for _, e := range []data.Environment{{Name: "Dev", Kind: data.KindDevelopment}, {Name: "Staging", Kind: data.KindStaging},
		{Name: "Production", Kind: data.KindProduction}} {
		if err := f.Store.SaveEnvironment(f.Ctx, &e); err != nil {
			f.T.Fatal(err)
		}
		f.ids[e.Name] = e.ID
	}
	f.ids["p24"] = f.Release("Payments", "2.4.0", "Checkout", data.StatusPlanned, uitest.Day(time.July, 20)).ID
	f.ids["p23"] = f.Release("Payments", "2.3.0", "Refunds", data.StatusPlanned, uitest.Day(time.July, 3)).ID
	f.ids["i10"] = f.Release("Identity", "1.0.0", "Single sign-on", data.StatusPlanned, uitest.Day(time.July, 22)).ID
	f.ids["i09"] = f.Release("Identity", "0.9.0", "Beta", data.StatusCancelled, uitest.Day(time.July, 1)).ID
	f.ids["i08"] = f.Release("Identity", "0.8.0", "Preview", data.StatusRolledBack, uitest.Day(time.June, 20)).ID
	for _, d := range []struct {
		name, rel, env string
		day, from, to  int
		outcome        data.Outcome
	}{
		{"p23dev", "p23", "Dev", 29 - 30, 9, 10, data.OutcomeSucceeded}, // 29 June
		{"p23prod", "p23", "Production", 2, 9, 10, data.OutcomeSucceeded},
		{"p24dev", "p24", "Dev", 6, 9, 10, data.OutcomeFailed},
		{"p24retry", "p24", "Dev", 16, 9, 10, data.OutcomePlanned},
		{"p24stg", "p24", "Staging", 14, 9, 11, data.OutcomePlanned},
		{"i10dev", "i10", "Dev", 16, 9, 11, data.OutcomePlanned},     // overlaps the Payments retry
		{"i10stg", "i10", "Staging", 21, 9, 12, data.OutcomePlanned}, // inside the Audit freeze
	} {
		dep := data.Deployment{ReleaseID: f.ids[d.rel], EnvironmentID: f.ids[d.env],
			PlannedStart: timelineAt(d.day, d.from), PlannedEnd: timelineAt(d.day, d.to)}
		if err := f.Store.SaveDeployment(f.Ctx, &dep); err != nil {
			f.T.Fatalf("deployment %s: %v", d.name, err)
		}
		f.ids[d.name] = dep.ID
		if d.outcome != data.OutcomePlanned {
			if err := f.Store.RecordOutcome(f.Ctx, dep.ID, d.outcome, dep.PlannedStart, dep.PlannedEnd, "Sam", ""); err != nil {
				f.T.Fatalf("outcome of %s: %v", d.name, err)
			}
		}
	}
	if err := f.Store.SetReleaseStatus(f.Ctx, f.ids["p23"], data.StatusReleased); err != nil {
		f.T.Fatalf("release 2.3.0: %v", err)
	}
	audit := data.FreezeWindow{Name: "Audit", Start: timelineAt(20, 0), End: timelineAt(23, 0),
		Environments: []data.Environment{{ID: f.ids["Staging"]}, {ID: f.ids["Production"]}}}
	yearEnd := data.FreezeWindow{Name: "Year end", Start: time.Date(2026, 12, 20, 0, 0, 0, 0, time.Local),
		End: time.Date(2027, 1, 5, 0, 0, 0, 0, time.Local), AllEnvironments: true}
	for _, fw := range []*data.FreezeWindow{&audit, &yearEnd} {
		if err := f.Store.SaveFreezeWindow(f.Ctx, fw); err != nil {
			f.T.Fatal(err)
		}
	}
}

// show opens the screen at 1280x800 at week zoom, starting on 12 July.
func (f *timelineFixture) show() *Screen {
	f.tl = New(f.Store, f.Win, f.Timers.Scheduler())
	f.tl.Chart().Today = timelineAt(15, 12)
	f.Win.SetContent(f.tl)
	f.Win.Resize(fyne.NewSize(1280, 800))
	f.tl.Chart().SetZoom(timeline.ZoomWeek)
	f.tl.Chart().SetStart(timelineAt(12, 0))
	return f.tl
}

// bars returns the shown bars by deployment id, with their release.
func (f *timelineFixture) bars() map[uint]struct {
	row timeline.Row
	bar timeline.Bar
} {
	out := map[uint]struct {
		row timeline.Row
		bar timeline.Bar
	}{}
	for _, r := range f.tl.Chart().Rows() {
		for _, b := range r.Bars {
			out[b.ID] = struct {
				row timeline.Row
				bar timeline.Bar
			}{r, b}
		}
	}
	return out
}

// barAt finds the middle of deployment id's planned bar the way a user does:
// at its time on the axis, moving down until the status line names it.
func (f *timelineFixture) barAt(id uint) fyne.Position {
	f.T.Helper()
	b, ok := f.bars()[id]
	if !ok {
		f.T.Fatalf("deployment %d is not on the chart", id)
	}
	c := f.tl.Chart()
	mid := b.bar.PlannedStart.Add(b.bar.PlannedEnd.Sub(b.bar.PlannedStart) / 2)
	x := c.LabelWidth + float32(mid.Sub(c.Start()).Hours()/24)*float32(c.Zoom())
	want := b.row.Group + " " + b.row.Label + " · " + b.bar.Env
	for y := float32(0); y < c.Size().Height; y += 2 {
		p := fyne.NewPos(x, y)
		c.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}})
		if strings.HasPrefix(f.tl.status.Text, want) {
			return p
		}
	}
	f.T.Fatalf("no bar named %q at x=%v", want, x)
	return fyne.Position{}
}

// drag presses on deployment id's bar and drags it by days at the current zoom.
func (f *timelineFixture) drag(id uint, days int) {
	f.T.Helper()
	c := f.tl.Chart()
	from := f.barAt(id)
	dx := float32(days) * float32(c.Zoom())
	c.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	for i := 1; i <= 4; i++ {
		c.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: from.AddXY(dx*float32(i)/4, 0)}, Dragged: fyne.Delta{DX: dx / 4}})
	}
	c.DragEnd()
	c.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from.AddXY(dx, 0)}, Button: desktop.MouseButtonPrimary})
}

// planned reads deployment id's planned window from the store.
func (f *timelineFixture) planned(id uint) (time.Time, time.Time) {
	f.T.Helper()
	d, err := f.Store.Deployment(f.Ctx, id)
	if err != nil {
		f.T.Fatal(err)
	}
	return d.PlannedStart, d.PlannedEnd
}

func TestTimelineRowsFromStore(t *testing.T) {
	f := newTimelineFixture(t)
	f.seed()
	f.show()
	// Finished releases are hidden until asked for: the plan ahead comes first.
	if got, want := f.tl.count.Text, "2 releases · 5 deployments · 3 in conflict"; got != want || f.tl.finished.Checked {
		t.Errorf("on opening: %q (finished shown %v), want %q", got, f.tl.finished.Checked, want)
	}
	test.Tap(f.tl.finished)
	bars := f.bars()
	cases := []struct {
		name, group, label, status, env string
		envIndex                        int // the kind's place in data.EnvironmentKinds: its colour
		outcome                         string
		conflict                        string // the finding kind the tooltip names, "" for none
	}{
		{"p23dev", "Payments", "2.3.0", "Released", "Dev", 0, "succeeded", ""},
		{"p23prod", "Payments", "2.3.0", "Released", "Production", 4, "succeeded", ""},
		{"p24dev", "Payments", "2.4.0", "In progress", "Dev", 0, "failed", ""},
		{"p24retry", "Payments", "2.4.0", "In progress", "Dev", 0, "planned", "overlap:"},
		{"p24stg", "Payments", "2.4.0", "In progress", "Staging", 3, "planned", ""},
		{"i10dev", "Identity", "1.0.0", "Planned", "Dev", 0, "planned", "overlap:"},
		{"i10stg", "Identity", "1.0.0", "Planned", "Staging", 3, "planned", "freeze:"},
	}
	if len(bars) != len(cases) {
		t.Fatalf("%d bars on the chart, want %d", len(bars), len(cases))
	}
	for _, c := range cases {
		got, ok := bars[f.ids[c.name]]
		if !ok {
			t.Errorf("%s: not on the chart", c.name)
			continue
		}
		if got.row.Group != c.group || got.row.Label != c.label || got.row.Status != c.status {
			t.Errorf("%s: row %s %s %s, want %s %s %s", c.name, got.row.Group, got.row.Label, got.row.Status, c.group, c.label, c.status)
		}
		if got.bar.Env != c.env || got.bar.EnvIndex != c.envIndex || got.bar.Outcome != c.outcome {
			t.Errorf("%s: bar on %s (%d) %s, want %s (%d) %s", c.name, got.bar.Env, got.bar.EnvIndex, got.bar.Outcome, c.env, c.envIndex, c.outcome)
		}
		if got.bar.Conflict != (c.conflict != "") || !strings.HasPrefix(got.bar.Tooltip, c.conflict) {
			t.Errorf("%s: conflict %v %q, want one starting %q", c.name, got.bar.Conflict, got.bar.Tooltip, c.conflict)
		}
		if c.outcome != "planned" && (got.bar.ActualStart.IsZero() || got.bar.ActualEnd.IsZero()) {
			t.Errorf("%s: finished bar without its actual window", c.name)
		}
	}
	if r := bars[f.ids["p24stg"]].row; !r.Planned.Equal(time.Date(2026, 7, 20, 0, 0, 0, 0, time.Local)) || r.Title != "Checkout" {
		t.Errorf("Payments 2.4.0 planned %v titled %q, want 20 July local midnight, Checkout", r.Planned, r.Title)
	}
	freezes := f.tl.Chart().Freezes()
	if len(freezes) == 0 || freezes[0].Name != "Audit" || len(freezes[0].Envs) != 2 || freezes[0].Envs[0] != 3 || freezes[0].Envs[1] != 4 {
		t.Errorf("freezes %+v, want Audit on Staging (3) and Production (4) first", freezes)
	}
	// The chart reads a stretch of the plan around what it shows: December's
	// freeze comes with December, covering every environment.
	f.tl.Chart().SetStart(time.Date(2026, 12, 14, 0, 0, 0, 0, time.Local))
	yearEnd := slices.IndexFunc(f.tl.Chart().Freezes(), func(fz timeline.Freeze) bool { return fz.Name == "Year end" })
	if yearEnd < 0 || f.tl.Chart().Freezes()[yearEnd].Envs != nil {
		t.Errorf("freezes in December %+v, want the year-end one on every environment", f.tl.Chart().Freezes())
	}
	f.tl.Chart().SetStart(timelineAt(12, 0))

	filters := []struct {
		product  string
		finished bool
		count    string
		releases int
	}{
		{kit.AllProducts, true, "5 releases · 7 deployments · 3 in conflict", 5},
		{kit.AllProducts, false, "2 releases · 5 deployments · 3 in conflict", 2},
		{"Payments", false, "1 release · 3 deployments · 1 in conflict", 1},
		{"Payments", true, "2 releases · 5 deployments · 1 in conflict", 2},
		{"Identity", true, "3 releases · 2 deployments · 2 in conflict", 3},
		{"Identity", false, "1 release · 2 deployments · 2 in conflict", 1},
	}
	for _, c := range filters {
		f.tl.productFilter.SetSelected(c.product)
		if f.tl.finished.Checked != c.finished {
			test.Tap(f.tl.finished)
		}
		if got := f.tl.count.Text; got != c.count || len(f.tl.Chart().Rows()) != c.releases {
			t.Errorf("%s, finished %v: %q with %d rows, want %q", c.product, c.finished, got, len(f.tl.Chart().Rows()), c.count)
		}
	}
}

func TestTimelineMoveSavesAndUndoes(t *testing.T) {
	f := newTimelineFixture(t)
	f.seed()
	f.show()
	id := f.ids["p24stg"]
	f.drag(id, 1)
	if start, end := f.planned(id); !start.Equal(timelineAt(15, 9)) || !end.Equal(timelineAt(15, 11)) {
		t.Fatalf("after dragging a day later the store holds %v – %v, want 15 July 09:00–11:00", start, end)
	}
	if b := f.bars()[id].bar; !b.PlannedStart.Equal(timelineAt(15, 9)) {
		t.Errorf("chart shows the bar at %v, want it moved", b.PlannedStart)
	}
	if end := timelineAt(15, 11); !f.Shows("Moved the Staging deployment of Payments 2.4.0 to " + kit.FormatSpan(timelineAt(15, 9), &end)) {
		t.Errorf("no notice of the move; visible %q", f.Texts())
	}
	if !f.tl.CanUndo() || f.tl.UndoLabel() != "Undo move of the Staging deployment of Payments 2.4.0" {
		t.Fatalf("undo: %v %q", f.tl.CanUndo(), f.tl.UndoLabel())
	}
	f.tl.Undo()
	if start, end := f.planned(id); !start.Equal(timelineAt(14, 9)) || !end.Equal(timelineAt(14, 11)) {
		t.Errorf("after undo the store holds %v – %v, want 14 July 09:00–11:00 again", start, end)
	}
	if b := f.bars()[id].bar; !b.PlannedStart.Equal(timelineAt(14, 9)) {
		t.Errorf("after undo the chart shows %v", b.PlannedStart)
	}
	if f.tl.CanUndo() || !f.Shows("Undid the move of the Staging deployment of Payments 2.4.0") {
		t.Errorf("after undo: can undo %v, visible %q", f.tl.CanUndo(), f.Texts())
	}
}

func TestTimelineMoveIntoFreezeAsksFirst(t *testing.T) {
	f := newTimelineFixture(t)
	f.seed()
	f.show()
	id := f.ids["p24stg"]
	question := "Move the Staging deployment of Payments 2.4.0 into the freeze “Audit” and on top of another deployment on Staging?"

	f.drag(id, 7) // to 21 July, inside Audit on Staging and onto Identity 1.0.0
	if !f.Shows(question) || !f.Shows("Freeze: Payments 2.4.0 on Staging") {
		t.Fatalf("no question naming the freeze; visible %q", f.Texts())
	}
	f.Tap("Keep it where it was")
	if start, _ := f.planned(id); !start.Equal(timelineAt(14, 9)) {
		t.Fatalf("declined move saved anyway: %v", start)
	}
	if f.tl.CanUndo() {
		t.Error("a declined move left an undo step")
	}

	f.drag(id, 7)
	f.Tap("Move anyway")
	if start, end := f.planned(id); !start.Equal(timelineAt(21, 9)) || !end.Equal(timelineAt(21, 11)) {
		t.Fatalf("confirmed move saved %v – %v, want 21 July 09:00–11:00", start, end)
	}
	if b := f.bars()[id].bar; !b.Conflict || !strings.Contains(b.Tooltip, "freeze") {
		t.Errorf("moved bar conflict %v %q, want it marked in the freeze", b.Conflict, b.Tooltip)
	}
	f.tl.Undo()
	if start, _ := f.planned(id); !start.Equal(timelineAt(14, 9)) {
		t.Errorf("undo left the deployment at %v", start)
	}
}

func TestTimelineMoveOfAStartedDeploymentIsRefused(t *testing.T) {
	f := newTimelineFixture(t)
	f.seed()
	f.show()
	id := f.ids["p24stg"]
	// Someone starts the deployment elsewhere while the chart still shows it planned.
	if err := f.Store.StartDeployment(f.Ctx, id, timelineAt(14, 9), "Sam"); err != nil {
		t.Fatal(err)
	}
	f.drag(id, 1)
	if !f.Shows("only a planned deployment can be moved") {
		t.Errorf("no reason shown; visible %q", f.Texts())
	}
	if start, _ := f.planned(id); !start.Equal(timelineAt(14, 9)) || f.tl.CanUndo() {
		t.Errorf("refused move changed the plan to %v (undo %v)", start, f.tl.CanUndo())
	}
}

func TestTimelineDoubleTapOpensRelease(t *testing.T) {
	f := newTimelineFixture(t)
	f.seed()
	f.show()
	var opened uint
	f.tl.OnOpenRelease = func(id uint) { opened = id }
	p := f.barAt(f.ids["i10stg"])
	test.TapAt(f.tl.Chart(), p)
	if !strings.HasPrefix(f.tl.status.Text, "Identity 1.0.0 · Staging") {
		t.Errorf("status after selecting %q", f.tl.status.Text)
	}
	f.tl.Chart().MouseOut()
	if end := timelineAt(21, 12); !strings.HasPrefix(f.tl.status.Text, "Identity 1.0.0 · Staging · planned "+kit.FormatSpan(timelineAt(21, 9), &end)+" · Planned · freeze:") {
		t.Errorf("status of the selection %q", f.tl.status.Text)
	}
	f.tl.Chart().DoubleTapped(&fyne.PointEvent{Position: p})
	if opened != f.ids["i10"] {
		t.Errorf("double-tap opened release %d, want Identity 1.0.0 (%d)", opened, f.ids["i10"])
	}
}

func TestTimelineEmptyStates(t *testing.T) {
	f := newTimelineFixture(t)
	f.show()
	if !f.Shows("No releases to show yet") || f.tl.count.Text != "0 releases · 0 deployments" {
		t.Errorf("empty database: count %q, visible %q", f.tl.count.Text, f.Texts())
	}

	f = newTimelineFixture(t)
	f.Release("Payments", "1.0.0", "Done", data.StatusCancelled, uitest.Day(time.July, 1))
	f.show()
	if !f.Shows("No releases match the filters") {
		t.Fatalf("filtered to nothing: visible %q", f.Texts())
	}
	f.Tap("Show all releases")
	if len(f.tl.Chart().Rows()) != 1 || !f.tl.finished.Checked || f.Shows("No releases match") {
		t.Errorf("Show all releases left %d rows, finished %v", len(f.tl.Chart().Rows()), f.tl.finished.Checked)
	}
}

func TestTimelineZoomButtonsFollowTheZoom(t *testing.T) {
	f := newTimelineFixture(t)
	f.seed()
	f.show()
	marked := func() string {
		var on []string
		for _, b := range f.tl.zoomButtons {
			if b.Importance == widget.HighImportance {
				on = append(on, b.Text)
			}
		}
		return strings.Join(on, ",")
	}
	c := f.tl.Chart()
	todayX := func() float64 { return c.Today.Sub(c.Start()).Hours() / 24 * float64(c.Zoom()) }
	x := todayX() // the fixture shows 15 July, today, three and a half days in
	for i, want := range zoomPresets {
		test.Tap(f.tl.zoomButtons[i])
		if c.Zoom() != want || marked() != want.String() {
			t.Errorf("tapping %s: zoom %v, marked %q", want, c.Zoom(), marked())
		}
		if got := todayX(); got < x-1 || got > x+1 {
			t.Errorf("tapping %s moved today from x=%.0f to %.0f", want, x, got)
		}
	}
	// With today out of view the buttons zoom around the middle, like the keys.
	c.SetStart(c.Today.AddDate(0, 3, 0))
	middle := c.Start().Add(time.Duration(float64(c.Size().Width-c.LabelWidth) / 2 / float64(c.Zoom()) * 24 * float64(time.Hour)))
	test.Tap(f.tl.zoomButtons[1])
	if now := c.Start().Add(time.Duration(float64(c.Size().Width-c.LabelWidth) / 2 / float64(c.Zoom()) * 24 * float64(time.Hour))); now.Sub(middle).Abs() > time.Hour {
		t.Errorf("zooming away from today moved the middle from %v to %v", middle, now)
	}
	// Keys and the zoom buttons change the scale too; the segments follow.
	f.tl.Chart().TypedRune('w')
	f.tl.Chart().ZoomOut()
	f.tl.Chart().ZoomOut()
	if got := marked(); got != "Month" {
		t.Errorf("two steps out from week marks %q, want Month", got)
	}
}

// TestMain removes the demo databases the tests copied from (see uitest.Demo).
func TestMain(m *testing.M) { os.Exit(uitest.Main(m)) }

// TestTimelineLoadsTheStretchInView: the screen reads the plan around what
// the chart shows, and reads another stretch when the chart is scrolled
// far; a release years away is not loaded until then.
func TestTimelineLoadsTheStretchInView(t *testing.T) {
	f := newTimelineFixture(t)
	f.seed()
	later := f.Release("Payments", "9.0.0", "Far ahead", data.StatusPlanned, data.NewDate(2029, time.March, 1))
	f.show()
	f.tl.finished.SetChecked(true)
	shown := func() map[uint]bool {
		ids := map[uint]bool{}
		for _, r := range f.tl.Chart().Rows() {
			ids[r.ID] = true
		}
		return ids
	}
	if rows := shown(); !rows[f.ids["p24"]] || rows[later.ID] {
		t.Fatalf("July 2026 shows %v: want Payments 2.4.0 and not the release of 2029", rows)
	}
	if !strings.Contains(f.tl.status.Text, "releases of ") {
		t.Errorf("the status line %q does not say which stretch is loaded", f.tl.status.Text)
	}
	f.tl.Chart().SetStart(time.Date(2029, time.February, 20, 0, 0, 0, 0, time.Local))
	if rows := shown(); !rows[later.ID] || rows[f.ids["p24"]] {
		t.Fatalf("February 2029 shows %v: want only the release of 2029", rows)
	}
	f.tl.Chart().SetStart(time.Date(2031, time.January, 1, 0, 0, 0, 0, time.Local))
	if len(shown()) != 0 || !f.Shows("No releases from ") {
		t.Errorf("2031: rows %v, visible %q; want none and a word that others lie elsewhere", shown(), f.Texts())
	}
}
