package data

import (
	"fmt"
	"slices"
	"time"
)

// The demo's calendar: the recurring freezes, and the bookings of every
// environment that the scheduler fits deployments between.

// freezeCalendar adds the recurring freezes around the planned period: year
// end on every environment, quarter close on Production, and Black Friday on
// Staging and Production.
func (g *demoGen) freezeCalendar() {
	from, to := demoAt(g.from.AddDays(-35), 0), demoAt(g.today.AddDays(demoFutureDays+18), 0)
	prod := g.envsOfStage(demoStageProd)
	public := append(g.envsOfStage(demoStageStaging), prod...)
	for y := from.Year() - 1; y <= to.Year(); y++ {
		for _, q := range []time.Month{time.March, time.June, time.September} {
			last := NewDate(y, q+1, 1).AddDays(-1)
			g.addFreeze(fmt.Sprintf("Q%d %d quarter close", int(q)/3, y), demoAt(last.AddDays(-2), 0), demoAt(last.AddDays(1), 0),
				"Finance closes the quarter: no production changes.", prod, from, to)
		}
		thanksgiving := NewDate(y, time.November, 1)
		for thanksgiving.t.Weekday() != time.Thursday {
			thanksgiving = thanksgiving.AddDays(1)
		}
		thanksgiving = thanksgiving.AddDays(21)
		g.addFreeze(fmt.Sprintf("Black Friday and Cyber Monday %d", y), demoAt(thanksgiving, 0), demoAt(thanksgiving.AddDays(5), 0),
			"Peak sales weekend: customer-facing systems stay as they are.", public, from, to)
		g.addFreeze(fmt.Sprintf("Year-end change freeze %d", y), demoAt(NewDate(y, time.December, 20), 0), demoAt(NewDate(y+1, time.January, 5), 0),
			"Holiday season: reduced staffing and peak traffic.", nil, from, to)
	}
}

// addFreeze adds a window when it touches [from, to).
func (g *demoGen) addFreeze(name string, start, end time.Time, reason string, envs []int, from, to time.Time) {
	if !end.After(from) || !start.Before(to) {
		return
	}
	created := demoEarlier(start.AddDate(0, 0, -45), g.now.Add(-time.Hour))
	fw := FreezeWindow{Name: name, Start: start, End: end, AllEnvironments: envs == nil, Reason: reason, CreatedAt: created, UpdatedAt: created}
	for _, e := range envs {
		fw.Environments = append(fw.Environments, g.envs[e])
	}
	g.rows.freezes = append(g.rows.freezes, fw)
	g.freezes = append(g.freezes, demoFreeze{envs: envs})
}

// demoHours is a part of the day deployments may use, in minutes after
// midnight UTC, and how many working days to search it for a free slot.
type demoHours struct{ open, close, days int }

// demoShifts are tried in turn: office hours for a few days, then early
// mornings and evenings, which a busy plan needs to avoid double bookings.
var demoShifts = []demoHours{{demoOpen, demoClose, 3}, {6 * 60, 22 * 60, 20}}

// slot finds the earliest start at or after from where a deployment of length
// dur fits on env outside its freezes without touching another booking; when
// the environment is booked solid even out of hours it takes the time of the
// first possible day that overlaps the fewest bookings.
func (g *demoGen) slot(env int, from time.Time, dur time.Duration) time.Time {
	for _, h := range demoShifts {
		if t, ok := g.findSlot(env, from, dur, h, true); ok {
			return t
		}
	}
	first, _ := g.findSlot(env, from, dur, demoShifts[0], false)
	day := g.busy[env][demoDay(first)]
	if day != nil && len(day.spans) > 48 {
		// Hopelessly overbooked (only huge plans get here): spread the overlaps at random.
		last := demoAt(DateOf(first), demoClose).Add(-dur)
		if span := int(last.Sub(first) / (5 * time.Minute)); span > 0 {
			first = first.Add(time.Duration(g.rng.IntN(span+1)) * 5 * time.Minute)
		}
		return first
	}
	best, fewest := first, -1
	for t := first; !t.Add(dur).After(demoAt(DateOf(first), demoClose)); t = t.Add(15 * time.Minute) {
		n := 0
		for _, s := range day.spanList() {
			if t.Before(s.end) && s.start.Before(t.Add(dur)) {
				n++
			}
		}
		if (fewest < 0 || n < fewest) && g.frozenUntil(env, t, t.Add(dur)).IsZero() {
			best, fewest = t, n
		}
	}
	return best
}

func (g *demoGen) findSlot(env int, t time.Time, dur time.Duration, h demoHours, avoidBusy bool) (time.Time, bool) {
	limit := h.limit(t)
	for range 1000 {
		d := DateOf(t)
		if !demoWorkday(d) || t.Add(dur).After(demoAt(d, h.close)) {
			t = demoAt(demoAddWorkdays(d.AddDays(1), 0), h.open)
			continue
		}
		if open := demoAt(d, h.open); t.Before(open) {
			t = open
		}
		if until := g.frozenUntil(env, t, t.Add(dur)); !until.IsZero() {
			t, limit = until, h.limit(until) // the search starts again after the freeze
			continue
		}
		if !avoidBusy {
			return t, true
		}
		if t.After(limit) {
			return t, false
		}
		day := g.busy[env][demoDay(t)]
		if day != nil && day.booked+dur+demoGap > time.Duration(h.close-h.open)*time.Minute {
			t = demoAt(demoAddWorkdays(d.AddDays(1), 0), h.open) // no room left that day
			continue
		}
		free := day.firstFree(t, dur)
		if free.Add(dur).After(demoAt(d, h.close)) {
			t = demoAt(demoAddWorkdays(d.AddDays(1), 0), h.open)
			continue
		}
		if !free.Equal(t) {
			t = free // look at the freezes again from there
			continue
		}
		return t, true
	}
	return t, false
}

func (h demoHours) limit(from time.Time) time.Time {
	return demoAt(demoAddWorkdays(DateOf(from), h.days), h.close)
}

// frozenUntil returns the end of a freeze of env overlapping [start, end), or zero.
func (g *demoGen) frozenUntil(env int, start, end time.Time) time.Time {
	for _, f := range g.envFreezes[env] {
		if start.Before(f.End) && f.Start.Before(end) {
			return f.End
		}
	}
	return time.Time{}
}

// busyUntil returns the end of a booking on env within a gap of [start, end), or zero.
func (g *demoGen) busyUntil(env int, start, end time.Time) time.Time {
	for _, s := range g.busy[env][demoDay(start)].spanList() {
		if start.Before(s.end.Add(demoGap)) && s.start.Add(-demoGap).Before(end) {
			return s.end
		}
	}
	return time.Time{}
}

func (g *demoGen) book(env int, start, end time.Time) {
	key := demoDay(start)
	day := g.busy[env][key]
	if day == nil {
		day = &demoDayBook{}
		g.busy[env][key] = day
	}
	i, _ := slices.BinarySearchFunc(day.spans, start, func(s demoSpan, t time.Time) int { return s.start.Compare(t) })
	day.spans = slices.Insert(day.spans, i, demoSpan{start, end})
	day.booked += end.Sub(start) + demoGap
}

// demoDayBook is one environment's bookings on one day.
type demoDayBook struct {
	spans  []demoSpan    // by start
	booked time.Duration // the bookings' length, gaps included
}

// firstFree returns the earliest start at or after t, that day, where a
// deployment of length dur keeps a gap from every booking; one walk suffices
// because the bookings are in order of start.
func (b *demoDayBook) firstFree(t time.Time, dur time.Duration) time.Time {
	for _, s := range b.spanList() {
		if !s.start.Add(-demoGap).Before(t.Add(dur)) {
			break // this booking and all later ones start after the deployment is over
		}
		if t.Before(s.end.Add(demoGap)) {
			t = s.end.Add(demoGap)
		}
	}
	return t
}

func (b *demoDayBook) spanList() []demoSpan {
	if b == nil {
		return nil
	}
	return b.spans
}

// demoDay numbers the UTC day of t, a cheap key for the booking calendar.
func demoDay(t time.Time) int64 { return t.Unix() / 86400 }
