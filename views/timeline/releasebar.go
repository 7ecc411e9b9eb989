package timeline

import (
	"fmt"
	"time"
)

// A release's own bar runs from the start of its code freeze day to its
// release diamond, behind its deployments: what the release commits to.
// When it was re-planned, its baseline (the dates first committed) is a
// thin ghost bar under it, so the slip shows as the offset between the two.

// window is a span of time on a release line; zero when there is none.
type window struct{ from, to time.Time }

// releaseWindows returns the release's own bar and, when its dates moved
// since they were first committed, its baseline.
func releaseWindows(r *Row) (own, baseline window) {
	if !r.CodeFreeze.IsZero() && !r.Planned.IsZero() {
		own = dayWindow(r.CodeFreeze, r.Planned)
	}
	b := r.Baseline
	if b.Release.IsZero() || !replanned(r) {
		return own, window{}
	}
	from := b.Freeze
	if from.IsZero() {
		from = b.Release
	}
	return own, dayWindow(from, b.Release)
}

// replanned reports whether the baseline differs from the current dates.
func replanned(r *Row) bool {
	b := r.Baseline
	return !b.Release.IsZero() && (!sameCalendarDay(b.Release, r.Planned) || !sameCalendarDay(b.Freeze, r.CodeFreeze))
}

// dayWindow spans from the start of one calendar day to noon of another,
// where the release diamond sits; reversed days make an empty window at to.
func dayWindow(fromDay, toDay time.Time) window {
	to := calendarDay(toDay)
	from := calendarDay(fromDay).Add(-12 * time.Hour)
	if from.After(to) {
		from = to
	}
	return window{from, to}
}

// sameCalendarDay compares two calendar days, zero only equal to zero.
func sameCalendarDay(a, b time.Time) bool {
	if a.IsZero() || b.IsZero() {
		return a.IsZero() == b.IsZero()
	}
	return calendarDay(a).Equal(calendarDay(b))
}

// baselineHeight is the height of the ghost bar under the lanes.
const baselineHeight = 3

// ownBox returns the rectangle of a release bar or, with ghost, of its
// baseline, in plane coordinates of a line whose top is 0: the bar behind
// the lanes, the ghost in the space under them.
func (p *plane) ownBox(w window, ghost bool) (x0, y0, x1, y1 float32) {
	_, y0, _, y1 = boxOf(0, 0, 0, p.lineH, 0, 1)
	x0, x1 = p.x(w.from), max(p.x(w.to), p.x(w.from)+1)
	if ghost {
		y0 = y1 + 1
		y1 = y0 + baselineHeight
	}
	return x0, y0, x1, y1
}

// paintReleaseBars paints a release's baseline ghost and own bar, under its deployments.
func (r *renderer) paintReleaseBars(pm *pixmap, ri *rowIndex) {
	c := &r.colors
	if !ri.baseline.from.IsZero() {
		x0, y0, x1, y1 := r.plane.ownBox(ri.baseline, true)
		pm.fill(x0, y0, x1, y1, c.baseline)
		pm.fill(x1-1, y0-2, x1, y1, c.baselineEdge) // its release day, where the slip is read
	}
	if !ri.own.from.IsZero() {
		x0, y0, x1, y1 := r.plane.ownBox(ri.own, false)
		pm.box(x0, y0, x1, y1, c.releaseBar, c.releaseEdge, 1)
		pm.fill(x0+1, y0+1, x0+2, y1-1, c.releaseEdge) // beside the stroke: the code freeze's edge is two pixels
	}
}

// releaseRuns returns the horizontal extents of a release's own bar and
// baseline in plane coordinates, for the strips that hold them.
func releaseRuns(p *plane, ri *rowIndex) []stripSpan {
	var runs []stripSpan
	for _, w := range [...]window{ri.own, ri.baseline} {
		if !w.from.IsZero() {
			runs = append(runs, stripSpan{p.x(w.from) - 1, max(p.x(w.to), p.x(w.from)+1) + 1})
		}
	}
	return runs
}

// scheduleText describes a release's code freeze and baseline for the
// status line; "" when it has neither.
func scheduleText(r *Row) string {
	s := ""
	if !r.CodeFreeze.IsZero() {
		s += " · code freeze " + calendarDay(r.CodeFreeze).Format("Mon 2 Jan 2006")
	}
	if replanned(r) {
		b := r.Baseline
		s += " · baseline "
		if !b.Freeze.IsZero() {
			s += calendarDay(b.Freeze).Format("2 Jan") + " → "
		}
		s += calendarDay(b.Release).Format("2 Jan 2006")
		if days := calendarDay(r.Planned).Sub(calendarDay(b.Release)).Hours() / 24; !r.Planned.IsZero() && days != 0 {
			s += fmt.Sprintf(" (%+.0f d)", days)
		}
		switch b.Replans {
		case 0:
		case 1:
			s += ", re-planned once"
		default:
			s += fmt.Sprintf(", re-planned %d times", b.Replans)
		}
	}
	return s
}
