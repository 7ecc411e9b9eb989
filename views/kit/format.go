package kit

import (
	"strconv"
	"strings"
	"time"

	"releasedesk/data"
	"releasedesk/reports"
)

// How the window writes days and instants, in one place so every screen
// agrees. Days follow the locale's order of day and month (the order its
// date fields expect), months are written as words so a day can never be
// misread, clocks are 24-hour, and an instant names its time zone.
//
//	day-first locales    7 Dec 2026 · Mon 7 Dec 2026 · Mon 7 Dec 2026, 16:05 CET
//	month-first locales  Dec 7, 2026 · Mon, Dec 7, 2026 · Mon, Dec 7, 2026, 16:05 EST
//	year-first locales   2026-12-07 · 2026-12-07 (Mon) · 2026-12-07 (Mon), 16:05 JST

// DayOrder is the locale's order of day, month and year, read from the
// form of its date fields (see DateLayout).
func DayOrder() reports.DateOrder {
	switch layout := DateLayout(); {
	case strings.HasPrefix(layout, "2006"):
		return reports.DateOrderYMD
	case strings.HasPrefix(layout, "01"):
		return reports.DateOrderMDY
	}
	return reports.DateOrderDMY
}

// FormatDate shows a calendar day: "7 Dec 2026", "Dec 7, 2026" or
// "2026-12-07" as the locale orders it, or "—" when it is not set.
func FormatDate(d data.Date) string {
	if d.IsZero() {
		return "—"
	}
	return formatDay(d.Time(time.UTC), DayOrder(), false, true)
}

// FormatDay shows a calendar day with its weekday: "Mon 7 Dec 2026", or "—".
func FormatDay(d data.Date) string {
	if d.IsZero() {
		return "—"
	}
	return formatDay(d.Time(time.UTC), DayOrder(), true, true)
}

// FormatDayOf shows the local calendar day of t with its weekday: "Mon 7 Dec 2026".
func FormatDayOf(t time.Time) string { return FormatDay(data.DateOf(t.In(time.Local))) }

// FormatDayShort shows a day near today with its weekday and without its
// year, for lists of the coming weeks: "Mon 7 Dec".
func FormatDayShort(d data.Date) string {
	if d.IsZero() {
		return "—"
	}
	return formatDay(d.Time(time.UTC), DayOrder(), true, false)
}

// FormatDayMonth shows a day by its day and month alone, for headings of
// narrow columns and chart labels: "7 Dec", "Dec 7" or "12-07".
func FormatDayMonth(d data.Date) string {
	if d.IsZero() {
		return "—"
	}
	return formatDay(d.Time(time.UTC), DayOrder(), false, false)
}

// FormatTime shows an instant in local time with its day, clock and zone:
// "Mon 7 Dec 2026, 16:05 CET"; "—" for the zero time.
func FormatTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return formatInstant(t.In(time.Local), DayOrder())
}

// FormatClock shows the local time of day of t with its zone: "16:05 CET".
func FormatClock(t time.Time) string {
	local := t.In(time.Local)
	return local.Format("15:04") + " " + zoneName(local)
}

// FormatSpan shows a window from start to end in local time, the day once
// when it does not change and the zone once when it is the same at both
// ends: "Mon 7 Dec 2026, 16:05–16:30 CET". A nil end is a window still open:
// "Mon 7 Dec 2026, 16:05 CET – …".
func FormatSpan(start time.Time, end *time.Time) string {
	return formatSpan(start.In(time.Local), end, DayOrder())
}

func formatSpan(start time.Time, end *time.Time, order reports.DateOrder) string {
	if end == nil {
		return formatInstant(start, order) + " – …"
	}
	e := end.In(start.Location())
	sameZone := zoneName(start) == zoneName(e)
	if data.DateOf(start).Equal(data.DateOf(e)) && sameZone {
		return formatDay(start, order, true, true) + ", " + start.Format("15:04") + "–" + e.Format("15:04") + " " + zoneName(e)
	}
	first := formatDay(start, order, true, true) + ", " + start.Format("15:04")
	if !sameZone {
		first += " " + zoneName(start)
	}
	return first + " – " + formatDay(e, order, true, start.Year() != e.Year()) + ", " + e.Format("15:04") + " " + zoneName(e)
}

// FormatSpanLines is FormatSpan on two lines, for narrow table cells: the
// day the window starts, then its clock times and zone.
func FormatSpanLines(start time.Time, end *time.Time) string {
	s := start.In(time.Local)
	day := formatDay(s, DayOrder(), true, true)
	return day + "\n" + strings.TrimPrefix(formatSpan(s, end, DayOrder()), day+", ")
}

// FormatMonth shows the month of t: "Dec 2026" (year-first locales "2026-12").
func FormatMonth(t time.Time) string {
	if DayOrder() == reports.DateOrderYMD {
		return t.Format("2006-01")
	}
	return t.Format("Jan 2006")
}

// formatInstant is the day, with its weekday, then the clock and the zone.
func formatInstant(t time.Time, order reports.DateOrder) string {
	return formatDay(t, order, true, true) + ", " + t.Format("15:04") + " " + zoneName(t)
}

// formatDay writes the calendar day of t in order, with or without its
// weekday and year.
func formatDay(t time.Time, order reports.DateOrder, weekday, year bool) string {
	switch order {
	case reports.DateOrderYMD:
		s := t.Format("01-02")
		if year {
			s = t.Format("2006-01-02")
		}
		if weekday {
			s += " (" + t.Format("Mon") + ")"
		}
		return s
	case reports.DateOrderMDY:
		s := t.Format("Jan 2")
		if year {
			s += ", " + strconv.Itoa(t.Year())
		}
		if weekday {
			s = t.Format("Mon") + ", " + s
		}
		return s
	}
	s := t.Format("2 Jan")
	if year {
		s += " " + strconv.Itoa(t.Year())
	}
	if weekday {
		s = t.Format("Mon") + " " + s
	}
	return s
}

// zoneName names t's time zone as data's findings do: "CET", "UTC+05:30".
func zoneName(t time.Time) string { return data.ZoneName(t) }

// FormatCount writes n with thousands separators: 2,000.
func FormatCount(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + FormatCount(-n)
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Count says "1 release" or "3 releases".
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return FormatCount(n) + " " + noun + "s"
}

// PeopleCount says "1 person" or "25 people".
func PeopleCount(n int) string {
	if n == 1 {
		return "1 person"
	}
	return FormatCount(n) + " people"
}
