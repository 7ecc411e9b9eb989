package timeline

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// day is a 24-hour day, the unit of zoom; calendar days are handled with AddDate.
const day = 24 * time.Hour

// scale maps instants to horizontal chart offsets (pixels from the chart's left edge).
// Instants are mapped linearly, so a 25-hour DST day is 25 hours wide and
// local midnights still land exactly on their tick.
type scale struct {
	origin time.Time // instant at x = 0
	ppd    float64   // pixels per day
}

// newScale returns a scale with the zoom clamped to [MinZoom, MaxZoom].
func newScale(origin time.Time, z Zoom) scale {
	return scale{origin: origin, ppd: float64(clampZoom(z))}
}

// x returns the horizontal offset of t.
func (s scale) x(t time.Time) float64 {
	return float64(t.Sub(s.origin)) / float64(day) * s.ppd
}

// at returns the instant at horizontal offset x.
func (s scale) at(x float64) time.Time {
	return s.origin.Add(daysToDuration(x / s.ppd))
}

// duration returns the time span covered by w pixels.
func (s scale) duration(w float64) time.Duration {
	return daysToDuration(w / s.ppd)
}

// zoomAround returns the scale at zoom z that keeps the instant under x in place.
func (s scale) zoomAround(x float64, z Zoom) scale {
	pinned := s.at(x)
	n := newScale(pinned, z)
	n.origin = pinned.Add(-daysToDuration(x / n.ppd))
	return n
}

// daysToDuration converts fractional days to a duration, rounded to the millisecond
// so that repeated panning does not accumulate nanosecond noise.
func daysToDuration(d float64) time.Duration {
	return time.Duration(math.Round(d*float64(day)/float64(time.Millisecond))) * time.Millisecond
}

// snapDays converts a horizontal drag offset to a whole number of days.
func snapDays(dx, ppd float64) int {
	if ppd <= 0 {
		return 0
	}
	return int(math.Round(dx / ppd))
}

// shiftDays moves t by n calendar days in local time, keeping its wall-clock
// time across DST changes, and returns it in t's own location.
func shiftDays(t time.Time, n int) time.Time {
	if t.IsZero() || n == 0 {
		return t
	}
	return t.In(time.Local).AddDate(0, 0, n).In(t.Location())
}

// localMidnight returns the start of t's calendar day in local time.
func localMidnight(t time.Time) time.Time {
	y, m, d := t.In(time.Local).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.Local)
}

// calendarDay returns noon of a calendar date in local time. Release dates are
// calendar days: a date stored as midnight in any zone (UTC from a database,
// local from a date picker) keeps its own date instead of slipping a day.
func calendarDay(t time.Time) time.Time {
	y, m, d := t.Date()
	if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 {
		y, m, d = t.In(time.Local).Date()
	}
	return time.Date(y, m, d, 12, 0, 0, 0, time.Local)
}

// tickUnit is a calendar unit the time axis can be divided into.
type tickUnit uint8

const (
	unitDay tickUnit = iota
	unitWeek
	unitMonth
	unitQuarter
	unitYear
	unitNone
)

// labelStyle picks how a tick is written; the widest sample decides whether it fits.
type labelStyle uint8

const (
	styleDayShort    labelStyle = iota // "7"
	styleDayLong                       // "Mon 7"
	styleWeek                          // "7 Apr"
	styleMonthShort                    // "Apr"
	styleQuarter                       // "Q2"
	styleYear                          // "2025"
	styleMonthYear                     // "April 2025" (upper tier)
	styleQuarterYear                   // "Q2 2025" (upper tier)
)

// samples are the widest labels of each style, measured to decide what fits.
var samples = [...]string{
	styleDayShort:    "28",
	styleDayLong:     "Wed 28",
	styleWeek:        "28 Sep",
	styleMonthShort:  "Sep",
	styleQuarter:     "Q4",
	styleYear:        "2028",
	styleMonthYear:   "September 2028",
	styleQuarterYear: "Q4 2028",
}

// tickPlan is what the two header tiers show at a zoom.
type tickPlan struct {
	minor, major           tickUnit
	minorStyle, majorStyle labelStyle
}

// labelGap is the minimum free space between two tick labels.
const labelGap = 8

// planTicks picks the finest minor unit whose labels fit between ticks at ppd
// pixels per day; measure returns the width of a label in the header font.
func planTicks(ppd float64, measure func(string) float32) tickPlan {
	fits := func(s labelStyle, days float64) bool {
		return float64(measure(samples[s])+labelGap) <= days*ppd
	}
	switch {
	case fits(styleDayLong, 1):
		return tickPlan{unitDay, unitMonth, styleDayLong, styleMonthYear}
	case fits(styleDayShort, 1):
		return tickPlan{unitDay, unitMonth, styleDayShort, styleMonthYear}
	case fits(styleWeek, 7):
		return tickPlan{unitWeek, unitMonth, styleWeek, styleMonthYear}
	case fits(styleMonthShort, 28):
		return tickPlan{unitMonth, unitQuarter, styleMonthShort, styleQuarterYear}
	case fits(styleQuarter, 89):
		return tickPlan{unitQuarter, unitYear, styleQuarter, styleYear}
	default:
		return tickPlan{unitYear, unitNone, styleYear, styleYear}
	}
}

// floorUnit returns the start of the unit containing t, in local time.
// Weeks start on Monday.
func floorUnit(t time.Time, u tickUnit) time.Time {
	t = t.In(time.Local)
	y, m, d := t.Date()
	switch u {
	case unitWeek:
		back := (int(t.Weekday()) + 6) % 7
		return time.Date(y, m, d-back, 0, 0, 0, 0, time.Local)
	case unitMonth:
		return time.Date(y, m, 1, 0, 0, 0, 0, time.Local)
	case unitQuarter:
		return time.Date(y, m-(m-1)%3, 1, 0, 0, 0, 0, time.Local)
	case unitYear:
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.Local)
	default:
		return time.Date(y, m, d, 0, 0, 0, 0, time.Local)
	}
}

// addUnits moves a unit start forward by n units with calendar arithmetic,
// so day ticks stay on local midnights across DST changes.
func addUnits(t time.Time, u tickUnit, n int) time.Time {
	y, m, d := t.Date()
	switch u {
	case unitWeek:
		d += 7 * n
	case unitMonth:
		m += time.Month(n)
	case unitQuarter:
		m += time.Month(3 * n)
	case unitYear:
		y += n
	default:
		d += n
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.Local)
}

// tick is one unit boundary on the axis.
type tick struct {
	at    time.Time
	x     float64
	label string
}

// axisTicks lists the unit boundaries from the one at or before the left edge
// up to the right edge width, labelled in the given style.
func axisTicks(s scale, width float64, u tickUnit, style labelStyle) []tick {
	if u == unitNone {
		return nil
	}
	end := s.at(width)
	var ticks []tick
	for t := floorUnit(s.origin, u); t.Before(end); t = addUnits(t, u, 1) {
		ticks = append(ticks, tick{at: t, x: s.x(t), label: formatTick(t, style)})
		if len(ticks) > 4096 { // a guard against a runaway loop on absurd input
			break
		}
	}
	return ticks
}

// formatTick writes a unit start in a label style.
func formatTick(t time.Time, style labelStyle) string {
	switch style {
	case styleDayShort:
		return strconv.Itoa(t.Day())
	case styleDayLong:
		return t.Format("Mon 2")
	case styleWeek:
		return t.Format("2 Jan")
	case styleMonthShort:
		return t.Format("Jan")
	case styleQuarter:
		return fmt.Sprintf("Q%d", (int(t.Month())-1)/3+1)
	case styleYear:
		return t.Format("2006")
	case styleMonthYear:
		return t.Format("January 2006")
	default:
		return fmt.Sprintf("Q%d %d", (int(t.Month())-1)/3+1, t.Year())
	}
}

// placeLabels returns the x of each tick label, or -1 where it is hidden, so
// that no two labels overlap and none leaves [0, width). Sticky labels of a
// unit that began left of the view are pinned to the left edge until the next
// label pushes them out, like a calendar's month header.
func placeLabels(ticks []tick, widths []float32, width float64, pad float64, sticky bool) []float64 {
	xs := make([]float64, len(ticks))
	right := 0.0 // first free x
	for i, t := range ticks {
		x := t.x + pad
		w := float64(widths[i])
		if sticky && x < 0 {
			x = pad
			if i+1 < len(ticks) {
				x = min(x, ticks[i+1].x-w-labelGap)
			}
		}
		if x < right || x < 0 || x+w > width {
			xs[i] = -1
			continue
		}
		xs[i] = x
		right = x + w + labelGap
	}
	return xs
}
