package reports

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"releasedesk/data"
)

// Plan dates outside these years are taken for typing mistakes.
const (
	planMinYear = 1970
	planMaxYear = 9999
)

var (
	// 2026-12-31, 2026/12/31 or 2026.12.31, perhaps with a time after it.
	isoDate = regexp.MustCompile(`^(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$`)
	// 20261231
	compactDate = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	// 31/12/2026, 31.12.2026, 31-12-26, perhaps with a time after it.
	numericDate = regexp.MustCompile(`^(\d{1,2})([-/.])(\d{1,2})([-/.])(\d{4}|\d{2})(?: +\d{1,2}:\d{2}(?::\d{2})?)?$`)
	// Words and numbers of a date written with a month name.
	dateWords = regexp.MustCompile(`[a-z]+|\d+`)
)

var monthNames = map[string]time.Month{
	"jan": time.January, "january": time.January, "feb": time.February, "february": time.February,
	"mar": time.March, "march": time.March, "apr": time.April, "april": time.April, "may": time.May,
	"jun": time.June, "june": time.June, "jul": time.July, "july": time.July, "aug": time.August,
	"august": time.August, "sep": time.September, "sept": time.September, "september": time.September,
	"oct": time.October, "october": time.October, "nov": time.November, "november": time.November,
	"dec": time.December, "december": time.December,
}

var weekdayNames = map[string]bool{
	"mon": true, "monday": true, "tue": true, "tues": true, "tuesday": true, "wed": true, "wednesday": true,
	"thu": true, "thur": true, "thurs": true, "thursday": true, "fri": true, "friday": true,
	"sat": true, "saturday": true, "sun": true, "sunday": true,
}

// ParsePlanDate reads a calendar day as people type it in a plan; an empty
// text is no date. It accepts:
//
//   - ISO days: 2026-12-31, 2026/12/31, 2026.12.31 and 20261231, also with a
//     time after them (2026-12-31T00:00:00Z), which is ignored: a plan gives days;
//   - three numbers, in order (see DateOrder): 31/12/2026, 12.31.2026,
//     31-12-26, 3/1/27. With DateOrderAuto a date that can be read only one
//     way is read that way (12/31/2026 is month first) and one that could
//     be two days (03/04/2026) is an error: the order is never guessed;
//   - English month names, full or short, any case: 31 Dec 2026,
//     31-Dec-2026, 31st December 2026, Dec 31, 2026, December 31 2026, with
//     or without a weekday in front (Thu 31 Dec 2026).
//
// Two-digit years are 2000-2099; years before 1970 or after 9999 are refused.
func ParsePlanDate(s string, order DateOrder) (data.Date, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" {
		return data.Date{}, nil
	}
	if n, ok := parseNumericDay(t); ok {
		if order == DateOrderAuto {
			dmy, mdy := n.fits()
			switch {
			case n.ambiguous():
				a, _ := n.date(s, DateOrderDMY)
				b, _ := n.date(s, DateOrderMDY)
				return data.Date{}, fmt.Errorf("%q could be %s or %s: choose the day/month order, or write 2026-12-31", s, longDay(a), longDay(b))
			case mdy && !dmy:
				order = DateOrderMDY
			default:
				order = DateOrderDMY
			}
		}
		return n.date(s, order)
	}
	var y, m, d int
	switch {
	case isoDate.MatchString(t):
		p := isoDate.FindStringSubmatch(t)
		if p[2] != p[4] {
			return notADate(s, "")
		}
		y, m, d = atoi(p[1]), atoi(p[3]), atoi(p[5])
	case compactDate.MatchString(t):
		p := compactDate.FindStringSubmatch(t)
		y, m, d = atoi(p[1]), atoi(p[2]), atoi(p[3])
	default:
		var ok bool
		if y, m, d, ok = wordDate(t); !ok {
			return notADate(s, "")
		}
	}
	return planDay(s, y, m, d)
}

func notADate(s, why string) (data.Date, error) {
	return data.Date{}, fmt.Errorf("%q is not a date%s (write 2026-12-31 or 31 Dec 2026)", s, why)
}

// planDay checks that y, m, d is a day a plan may hold.
func planDay(s string, y, m, d int) (data.Date, error) {
	if y < planMinYear || y > planMaxYear {
		return notADate(s, fmt.Sprintf(": the year must be between %d and %d", planMinYear, planMaxYear))
	}
	day := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || d < 1 || day.Day() != d {
		return notADate(s, ": no such day")
	}
	return data.NewDate(y, time.Month(m), d), nil
}

// longDay writes a day so that its month cannot be mistaken: 3 April 2026.
func longDay(d data.Date) string { return d.Time(time.UTC).Format("2 January 2006") }

// wordDate reads a date written with a month name: day month year or
// month day year, with an optional weekday first.
func wordDate(t string) (y, m, d int, ok bool) {
	words := dateWords.FindAllString(t, -1)
	if len(words) > 0 && weekdayNames[words[0]] {
		words = words[1:]
	}
	// Drop ordinal endings: 31st, 2nd, 3rd, 4th.
	var parts []string
	for _, w := range words {
		switch w {
		case "st", "nd", "rd", "th", "of":
			if len(parts) > 0 {
				continue
			}
		}
		parts = append(parts, w)
	}
	// Between the parts only spaces, commas, dashes, slashes and dots.
	if strings.Trim(dateWords.ReplaceAllString(t, ""), " ,-/.") != "" || len(parts) != 3 {
		return 0, 0, 0, false
	}
	day := ""
	if mon, isMonth := monthNames[parts[1]]; isMonth && isNumber(parts[0]) {
		day, m = parts[0], int(mon)
	} else if mon, isMonth := monthNames[parts[0]]; isMonth && isNumber(parts[1]) {
		day, m = parts[1], int(mon)
	}
	if day == "" || len(day) > 2 || !isNumber(parts[2]) {
		return 0, 0, 0, false
	}
	d, y = atoi(day), atoi(parts[2])
	switch len(parts[2]) {
	case 2:
		y += 2000
	case 4:
	default:
		return 0, 0, 0, false
	}
	return y, m, d, true
}

func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// atoi reads digits the patterns above have already checked; it saturates
// rather than overflowing on absurdly long numbers.
func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return math.MaxInt32
	}
	return n
}

// excelDay reads a cell's raw value as an Excel date number (the count of
// days Excel stores in a date cell). ok is false when raw is not a number;
// a number outside the plan years is an error.
func excelDay(raw string, date1904 bool) (d data.Date, ok bool, err error) {
	v, perr := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if perr != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return data.Date{}, false, nil
	}
	if date1904 {
		v += 1462 // the 1904 system counts from 1 January 1904
	}
	lo := dateSerial(data.NewDate(planMinYear, time.January, 1))
	hi := dateSerial(data.NewDate(planMaxYear, time.December, 31))
	if v < lo || v >= hi+1 {
		return data.Date{}, true, fmt.Errorf("%s is a number, not a date (write 2026-12-31 or 31 Dec 2026)", raw)
	}
	return data.DateOf(excelEpoch.AddDate(0, 0, int(math.Floor(v)))), true, nil
}
