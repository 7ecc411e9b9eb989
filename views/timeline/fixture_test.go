package timeline

import (
	"fmt"
	"image/color"
	"math/rand/v2"
	"os"
	"testing"
	"time"
	_ "time/tzdata" // tests pin time.Local to New York, DST included, on any machine

	"fyne.io/fyne/v2"
)

// newYork is the local zone of every test: the axis is drawn in local time
// and US DST starts on 9 March 2025, inside the sample data.
var newYork *time.Location

func TestMain(m *testing.M) {
	var err error
	newYork, err = time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	time.Local = newYork
	os.Exit(m.Run())
}

// at returns a local time on a day of 2025.
func at(month time.Month, d, hour, minute int) time.Time {
	return time.Date(2025, month, d, hour, minute, 0, 0, time.Local)
}

// sampleToday is the fixed "now" of the sample timeline.
var sampleToday = at(time.March, 12, 10, 0)

var envNames = []string{"Dev", "QA", "Staging", "Prod", "DR"}

// bar builds a deployment of a whole-day planned window.
func bar(id uint, env int, start, end time.Time, outcome string) Bar {
	b := Bar{ID: id, Env: envNames[env], EnvIndex: env, PlannedStart: start, PlannedEnd: end, Outcome: outcome}
	if outcome != OutcomePlanned {
		b.ActualStart, b.ActualEnd = start, end
	}
	if outcome == OutcomeInProgress {
		b.ActualEnd = time.Time{}
	}
	return b
}

// sampleRows is a small fixed plan with every outcome, a slip, a conflict and a collapsed-worthy group.
func sampleRows() []Row {
	late := bar(13, 3, at(time.March, 10, 9, 0), at(time.March, 10, 17, 0), OutcomeFailed)
	late.ActualStart, late.ActualEnd = at(time.March, 11, 8, 0), at(time.March, 11, 20, 0)
	conflict := bar(23, 2, at(time.March, 13, 9, 0), at(time.March, 15, 17, 0), OutcomePlanned)
	conflict.Conflict = true
	conflict.Tooltip = "overlaps Billing 3.2.0 on Staging"
	return []Row{
		{ID: 1, Group: "Billing", Label: "3.1.0", Title: "Invoice rework", Status: "Released", Planned: at(time.March, 10, 0, 0), Bars: []Bar{
			bar(11, 0, at(time.February, 28, 9, 0), at(time.March, 3, 17, 0), OutcomeSucceeded),
			bar(12, 1, at(time.March, 4, 9, 0), at(time.March, 6, 17, 0), OutcomeSucceeded),
			late,
		}},
		{ID: 2, Group: "Billing", Label: "3.2.0", Title: "Tax engine", Status: "In progress", Planned: at(time.March, 21, 0, 0), Bars: []Bar{
			bar(21, 0, at(time.March, 5, 9, 0), at(time.March, 7, 17, 0), OutcomeSucceeded),
			bar(22, 1, at(time.March, 10, 9, 0), at(time.March, 14, 17, 0), OutcomeInProgress),
			conflict,
			bar(24, 3, at(time.March, 20, 9, 0), at(time.March, 20, 17, 0), OutcomePlanned),
		}},
		{ID: 3, Group: "Portal", Label: "7.0.0", Title: "New navigation with a rather long title", Status: "Rolled back", Planned: at(time.March, 6, 0, 0), Bars: []Bar{
			bar(31, 1, at(time.February, 24, 9, 0), at(time.February, 27, 17, 0), OutcomeSucceeded),
			bar(32, 2, at(time.March, 3, 9, 0), at(time.March, 4, 17, 0), OutcomeSucceeded),
			bar(33, 3, at(time.March, 6, 20, 0), at(time.March, 7, 2, 0), OutcomeRolledBack),
		}},
		{ID: 4, Group: "Portal", Label: "7.0.1", Title: "Hotfix", Status: "Planned", Planned: at(time.March, 18, 0, 0), Bars: []Bar{
			bar(41, 1, at(time.March, 12, 9, 0), at(time.March, 13, 17, 0), OutcomePlanned),
			bar(42, 3, at(time.March, 17, 9, 0), at(time.March, 17, 12, 0), OutcomePlanned),
		}},
	}
}

// sampleFreezes has an all-environment freeze and a production-only one.
func sampleFreezes() []Freeze {
	return []Freeze{
		{Name: "Quarter close", Start: at(time.March, 14, 0, 0), End: at(time.March, 17, 0, 0)},
		{Name: "Audit", Start: at(time.March, 24, 0, 0), End: at(time.March, 27, 0, 0), Envs: []int{3}},
	}
}

// syntheticRows builds n releases in 5 products, each with ~10 deployments over
// 5 environments spread over 18 months from start, deterministically.
func syntheticRows(n int, start time.Time) []Row {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	products := []string{"Billing", "Portal", "Mobile", "Search", "Payments"}
	const spanDays = 548
	rows := make([]Row, n)
	var barID uint
	for i := range rows {
		release := start.AddDate(0, 0, rng.IntN(spanDays))
		r := Row{
			ID: uint(i + 1), Group: products[i%len(products)],
			Label: fmt.Sprintf("%d.%d.%d", i/100, i%100/10, i%10), Title: "Synthetic release",
			Status: "Planned", Planned: localMidnight(release),
		}
		for k := range 10 {
			barID++
			env := k % len(envNames)
			from := start.AddDate(0, 0, rng.IntN(spanDays)).Add(time.Duration(rng.IntN(10)) * time.Hour)
			b := bar(barID, env, from, from.Add(time.Duration(2+rng.IntN(72))*time.Hour), OutcomePlanned)
			b.Outcome = []string{OutcomePlanned, OutcomeSucceeded, OutcomeSucceeded, OutcomeFailed, OutcomeRolledBack}[rng.IntN(5)]
			if b.Outcome != OutcomePlanned {
				b.ActualStart, b.ActualEnd = b.PlannedStart.Add(time.Hour), b.PlannedEnd.Add(3*time.Hour)
			}
			b.Conflict = rng.IntN(20) == 0
			r.Bars = append(r.Bars, b)
		}
		rows[i] = r
	}
	return rows
}

// variantTheme forces the default theme into light or dark, whatever the settings say.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (v variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return v.Theme.Color(n, v.variant)
}
