package timeline

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// fakeMeasure approximates the default theme's caption font: 6.4 px a character.
func fakeMeasure(s string) float32 { return float32(len([]rune(s))) * 6.4 }

func TestPlanTicks(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		ppd          float64
		minor, major tickUnit
		style        labelStyle
	}{
		{float64(MaxZoom), unitDay, unitMonth, styleDayLong},
		{float64(ZoomWeek), unitDay, unitMonth, styleDayLong},
		{30, unitDay, unitMonth, styleDayShort},
		{float64(ZoomMonth), unitWeek, unitMonth, styleWeek},
		{float64(ZoomQuarter), unitMonth, unitQuarter, styleMonthShort},
		{float64(MinZoom), unitMonth, unitQuarter, styleMonthShort},
		{0.5, unitQuarter, unitYear, styleQuarter},
		{0.1, unitYear, unitNone, styleYear},
	} {
		p := planTicks(tc.ppd, fakeMeasure)
		if p.minor != tc.minor || p.major != tc.major || p.minorStyle != tc.style {
			t.Errorf("planTicks(%v) = %+v, want minor %v major %v style %v", tc.ppd, p, tc.minor, tc.major, tc.style)
		}
	}
}

func TestFloorUnit(t *testing.T) {
	t.Parallel()
	in := at(time.March, 12, 15, 30) // a Wednesday
	for _, tc := range []struct {
		unit tickUnit
		want time.Time
	}{
		{unitDay, at(time.March, 12, 0, 0)},
		{unitWeek, at(time.March, 10, 0, 0)},
		{unitMonth, at(time.March, 1, 0, 0)},
		{unitQuarter, at(time.January, 1, 0, 0)},
		{unitYear, at(time.January, 1, 0, 0)},
	} {
		if got := floorUnit(in, tc.unit); !got.Equal(tc.want) {
			t.Errorf("floorUnit(%v) = %v, want %v", tc.unit, got, tc.want)
		}
	}
	if got, want := floorUnit(at(time.March, 16, 23, 0), unitWeek), at(time.March, 10, 0, 0); !got.Equal(want) {
		t.Errorf("a Sunday belongs to the week starting Monday %v, got %v", want, got)
	}
	utc := time.Date(2025, 3, 12, 2, 0, 0, 0, time.UTC) // 11 March, 22:00 in New York
	if got, want := floorUnit(utc, unitDay), at(time.March, 11, 0, 0); !got.Equal(want) {
		t.Errorf("days are local: floorUnit(%v) = %v, want %v", utc, got, want)
	}
}

func TestDayTicksLandOnLocalMidnightsAcrossDST(t *testing.T) {
	t.Parallel()
	s := newScale(at(time.March, 7, 6, 0), ZoomWeek)
	ticks := axisTicks(s, 5*float64(ZoomWeek), unitDay, styleDayLong)
	want := []string{"Fri 7", "Sat 8", "Sun 9", "Mon 10", "Tue 11", "Wed 12"}
	if len(ticks) != len(want) {
		t.Fatalf("got %d ticks, want %d: %+v", len(ticks), len(want), ticks)
	}
	for i, tk := range ticks {
		local := tk.at.In(newYork)
		if local.Hour() != 0 || local.Minute() != 0 || local.Day() != 7+i {
			t.Errorf("tick %d at %v, want local midnight of March %d", i, local, 7+i)
		}
		if tk.label != want[i] {
			t.Errorf("tick %d label %q, want %q", i, tk.label, want[i])
		}
	}
	// The 23-hour day of the spring change is 23/24 of a day wide.
	if w, want := ticks[3].x-ticks[2].x, 23.0/24*float64(ZoomWeek); math.Abs(w-want) > 1e-9 {
		t.Errorf("9 March is %v px wide, want %v", w, want)
	}
	if w := ticks[4].x - ticks[3].x; math.Abs(w-float64(ZoomWeek)) > 1e-9 {
		t.Errorf("10 March is %v px wide, want %v", w, ZoomWeek)
	}
}

func TestAxisTicksPerZoom(t *testing.T) {
	t.Parallel()
	origin := at(time.February, 20, 0, 0)
	for _, tc := range []struct {
		name   string
		unit   tickUnit
		style  labelStyle
		labels []string
	}{
		{"weeks", unitWeek, styleWeek, []string{"17 Feb", "24 Feb", "3 Mar", "10 Mar"}},
		{"months", unitMonth, styleMonthShort, []string{"Feb", "Mar", "Apr", "May"}},
		{"quarters", unitQuarter, styleQuarterYear, []string{"Q1 2025", "Q2 2025"}},
		{"month names", unitMonth, styleMonthYear, []string{"February 2025", "March 2025"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			width := map[tickUnit]float64{unitWeek: 240, unitMonth: 400, unitQuarter: 400}[tc.unit]
			zoom := map[tickUnit]Zoom{unitWeek: ZoomMonth, unitMonth: ZoomQuarter, unitQuarter: ZoomQuarter}[tc.unit]
			if tc.style == styleMonthYear {
				width, zoom = 300, ZoomMonth
			}
			ticks := axisTicks(newScale(origin, zoom), width, tc.unit, tc.style)
			var got []string
			for _, tk := range ticks {
				got = append(got, tk.label)
			}
			if len(got) != len(tc.labels) {
				t.Fatalf("labels %q, want %q", got, tc.labels)
			}
			for i := range got {
				if got[i] != tc.labels[i] {
					t.Fatalf("labels %q, want %q", got, tc.labels)
				}
			}
			if ticks[0].x > 0 {
				t.Errorf("first tick at %v, want at or before the left edge", ticks[0].x)
			}
		})
	}
	if ticks := axisTicks(newScale(origin, ZoomMonth), 500, unitNone, styleYear); ticks != nil {
		t.Errorf("unitNone gave ticks %v", ticks)
	}
}

func TestPlaceLabelsNeverOverlap(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 7))
	for range 200 {
		var ticks []tick
		var widths []float32
		x := -rng.Float64() * 80
		for x < 900 {
			ticks = append(ticks, tick{x: x})
			widths = append(widths, 10+rng.Float32()*90)
			x += 5 + rng.Float64()*120
		}
		const width = 800
		for _, sticky := range []bool{false, true} {
			xs := placeLabels(ticks, widths, width, 3, sticky)
			right := math.Inf(-1)
			for i, lx := range xs {
				if lx < 0 {
					continue
				}
				if lx < right {
					t.Fatalf("label %d at %v overlaps the previous one ending at %v", i, lx, right)
				}
				if lx+float64(widths[i]) > width {
					t.Fatalf("label %d at %v runs past the edge", i, lx)
				}
				right = lx + float64(widths[i])
			}
		}
	}
}

func TestPlaceLabelsSticky(t *testing.T) {
	t.Parallel()
	ticks := []tick{{x: -200}, {x: 300}}
	widths := []float32{100, 100}
	xs := placeLabels(ticks, widths, 800, 4, true)
	if xs[0] != 4 || xs[1] != 304 {
		t.Errorf("sticky labels at %v, want [4 304]", xs)
	}
	// The pinned label is pushed out by the next one coming in from the right.
	ticks[1].x = 60
	xs = placeLabels(ticks, widths, 800, 4, true)
	if xs[0] != -1 || xs[1] != 64 {
		t.Errorf("pushed labels at %v, want [-1 64]", xs)
	}
	if xs := placeLabels(ticks, widths, 800, 4, false); xs[0] != -1 {
		t.Errorf("a plain label left of the view should hide, got %v", xs[0])
	}
}

func TestClampZoom(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in, want Zoom
	}{
		{ZoomWeek, ZoomWeek},
		{ZoomQuarter, ZoomQuarter},
		{0, ZoomMonth},
		{-3, ZoomMonth},
		{Zoom(math.NaN()), ZoomMonth},
		{0.01, MinZoom},
		{MinZoom, MinZoom},
		{MaxZoom, MaxZoom},
		{MaxZoom * 10, MaxZoom},
	} {
		if got := clampZoom(tc.in); got != tc.want {
			t.Errorf("clampZoom(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestScaleTimeToXAndBack(t *testing.T) {
	t.Parallel()
	origin := at(time.March, 1, 0, 0)
	for _, tc := range []struct {
		name string
		zoom Zoom
		at   time.Time
		want float64
	}{
		{"origin", ZoomMonth, origin, 0},
		{"one day at month zoom", ZoomMonth, origin.Add(day), 12},
		{"half a day at week zoom", ZoomWeek, origin.Add(12 * time.Hour), 24},
		{"before the origin", ZoomQuarter, origin.Add(-10 * day), -40},
		{"clamped to max zoom", MaxZoom * 4, origin.Add(day), float64(MaxZoom)},
		{"clamped to min zoom", MinZoom / 4, origin.Add(10 * day), 10 * float64(MinZoom)},
		// 9 March 2025 has 23 hours in New York: instants, not wall clocks, are mapped.
		{"across DST", ZoomWeek, at(time.March, 10, 0, 0), (9*24 - 1) / 24.0 * float64(ZoomWeek)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScale(origin, tc.zoom)
			if got := s.x(tc.at); math.Abs(got-tc.want) > 1e-9 {
				t.Fatalf("x(%v) = %v, want %v", tc.at, got, tc.want)
			}
			if back := s.at(tc.want); !back.Equal(tc.at) {
				t.Fatalf("at(%v) = %v, want %v", tc.want, back, tc.at)
			}
		})
	}
}

func TestZoomAroundKeepsTimeUnderPointer(t *testing.T) {
	t.Parallel()
	s := newScale(at(time.March, 1, 0, 0), ZoomMonth)
	for _, x := range []float64{0, 137.5, 900} {
		for _, z := range []Zoom{MinZoom / 2, ZoomQuarter, ZoomWeek, MaxZoom * 2} {
			pinned := s.at(x)
			n := s.zoomAround(x, z)
			if n.ppd != float64(clampZoom(z)) {
				t.Errorf("zoom %v: ppd %v, want clamped %v", z, n.ppd, clampZoom(z))
			}
			if d := n.at(x).Sub(pinned); d < -time.Millisecond || d > time.Millisecond {
				t.Errorf("x=%v zoom %v: time under pointer moved by %v", x, z, d)
			}
		}
	}
}

func TestSnapDays(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		dx, ppd float64
		want    int
	}{
		{0, 12, 0},
		{5.9, 12, 0},
		{6, 12, 1}, // half a day rounds away from zero
		{-6, 12, -1},
		{59, 12, 5},
		{-100, float64(ZoomWeek), -2},
		{3, float64(MinZoom), 3},
		{100, 0, 0},
	} {
		if got := snapDays(tc.dx, tc.ppd); got != tc.want {
			t.Errorf("snapDays(%v, %v) = %d, want %d", tc.dx, tc.ppd, got, tc.want)
		}
	}
}

func TestShiftDaysKeepsWallClockAcrossDST(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		in   time.Time
		n    int
		want time.Time
	}{
		{"forward over spring forward", at(time.March, 8, 9, 0), 1, at(time.March, 9, 9, 0)},
		{"back over spring forward", at(time.March, 12, 9, 0), -5, at(time.March, 7, 9, 0)},
		{"zero days", at(time.March, 8, 9, 0), 0, at(time.March, 8, 9, 0)},
		{"UTC input stays UTC", time.Date(2025, 3, 8, 14, 0, 0, 0, time.UTC), 1, time.Date(2025, 3, 9, 13, 0, 0, 0, time.UTC)},
		{"zero time", time.Time{}, 3, time.Time{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := shiftDays(tc.in, tc.n)
			if !got.Equal(tc.want) || got.Location() != tc.want.Location() {
				t.Fatalf("shiftDays(%v, %d) = %v, want %v", tc.in, tc.n, got, tc.want)
			}
		})
	}
}

func TestCalendarDay(t *testing.T) {
	t.Parallel()
	want := at(time.March, 10, 12, 0)
	for _, tc := range []struct {
		name string
		in   time.Time
		want time.Time
	}{
		{"local midnight", at(time.March, 10, 0, 0), want},
		{"UTC midnight from a database", time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC), want},
		{"instant late in the local day", time.Date(2025, 3, 11, 3, 0, 0, 0, time.UTC), want},
	} {
		if got := calendarDay(tc.in); !got.Equal(tc.want) {
			t.Errorf("%s: calendarDay(%v) = %v, want %v", tc.name, tc.in, got, tc.want)
		}
	}
}
