//go:build shots

package timeline

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"releasedesk/views/uitest"
)

// demoRows is a realistic plan: products with releases promoted Dev, QA,
// Staging, Prod in the weeks before their release date.
func demoRows() []Row {
	rows := sampleRows()
	products := []string{"Billing", "Checkout", "Mobile app", "Portal", "Search"}
	outcomes := func(end time.Time) string {
		switch {
		case end.Before(sampleToday):
			return OutcomeSucceeded
		case end.Add(-72 * time.Hour).Before(sampleToday):
			return OutcomeInProgress
		}
		return OutcomePlanned
	}
	id := uint(100)
	for p, product := range products {
		for k := range 7 {
			id++
			release := at(time.January, 6+p*3+k*16, 0, 0)
			r := Row{ID: id, Group: product, Label: fmt.Sprintf("%d.%d.0", 4+p, k), Title: "Planned work",
				Status: "Planned", Planned: release}
			for env := range 4 {
				start := release.AddDate(0, 0, -12+env*3).Add(9 * time.Hour)
				end := start.Add(time.Duration(8+24*(2-env%3)) * time.Hour)
				b := bar(id*10+uint(env), env, start, end, outcomes(end))
				if b.Outcome == OutcomeInProgress && !start.Before(sampleToday) {
					b.Outcome, b.ActualStart, b.ActualEnd = OutcomePlanned, time.Time{}, time.Time{}
				}
				if (p+k)%9 == 4 && env == 3 && b.Outcome == OutcomeSucceeded {
					b.Outcome = OutcomeFailed
				}
				r.Bars = append(r.Bars, b)
				switch {
				case b.Outcome == OutcomeInProgress || (b.Outcome == OutcomeFailed && env < 3):
					r.Status = "In progress"
				case env == 3 && b.Outcome == OutcomeSucceeded:
					r.Status = "Released"
				case env == 3 && b.Outcome == OutcomeFailed:
					r.Status = "Rolled back"
				}
			}
			rows = append(rows, r)
		}
	}
	return rows
}

// TestVisualPNG writes screenshots of the chart for a person to look at.
func TestVisualPNG(t *testing.T) {
	a := test.NewTempApp(t)
	for _, v := range []struct {
		name    string
		variant fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		a.Settings().SetTheme(variantTheme{theme.DefaultTheme(), v.variant})
		for _, c := range []struct {
			name  string
			zoom  Zoom
			setup func(*Timeline)
		}{
			{"week", ZoomWeek, nil},
			{"month", ZoomMonth, nil},
			{"quarter", ZoomQuarter, nil},
			{"conflict", ZoomWeek, func(tl *Timeline) {
				tl.Select(2, 23)
				tl.SetCollapsed("Mobile app", true)
			}},
			{"drag", ZoomWeek, func(tl *Timeline) {
				tl.OnMoved = func(uint, time.Time, time.Time) {}
				tl.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: barCenter(t, tl, 24)}})
				tl.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: barCenter(t, tl, 24)}, Button: desktop.MouseButtonPrimary})
				tl.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: barCenter(t, tl, 24).AddXY(100, 0)}, Dragged: fyne.Delta{DX: 100}})
			}},
		} {
			tl := NewTimeline()
			tl.Today = sampleToday
			tl.SetRows(demoRows())
			tl.SetFreezes(sampleFreezes())
			w := test.NewTempWindow(t, tl)
			w.SetPadded(false)
			w.Resize(fyne.NewSize(1280, 800))
			tl.SetZoom(c.zoom)
			tl.ScrollToToday()
			if c.setup != nil {
				c.setup(tl)
			}
			uitest.SaveShot(t, w, "chart-"+strings.Join([]string{c.name, v.name}, "-")+".png")
		}
	}
}
