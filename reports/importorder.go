package reports

import (
	"fmt"
	"os"
	"strings"
	"time"

	"releasedesk/data"
)

// DateOrder is the order of day, month and year in dates written as three
// numbers (03/04/2027). Day/month order is never guessed: it is the
// user's choice, else what a column's own dates prove (a 13 to 31 in one
// place), else what the file's other date columns prove, else the locale's.
type DateOrder string

// The orders a plan's numeric dates can be read in.
const (
	DateOrderAuto DateOrder = ""    // decided by the file, else the locale
	DateOrderDMY  DateOrder = "dmy" // 31/12/2027
	DateOrderMDY  DateOrder = "mdy" // 12/31/2027
	DateOrderYMD  DateOrder = "ymd" // 27/12/31; only when chosen: four-digit year-first dates are always year-month-day
)

// DateOrders lists the orders a person can choose.
var DateOrders = []DateOrder{DateOrderDMY, DateOrderMDY, DateOrderYMD}

// ParseDateOrder reads an order as typed on the command line: dmy, mdy,
// ymd, or auto (or nothing) to let the file and the locale decide.
func ParseDateOrder(s string) (DateOrder, error) {
	switch o := DateOrder(strings.ToLower(strings.TrimSpace(s))); o {
	case DateOrderDMY, DateOrderMDY, DateOrderYMD:
		return o, nil
	case "", "auto":
		return DateOrderAuto, nil
	}
	return "", fmt.Errorf("%q is not a date order (use dmy, mdy or ymd)", s)
}

// Label says the order in words: "day/month/year".
func (o DateOrder) Label() string {
	switch o {
	case DateOrderDMY:
		return "day/month/year"
	case DateOrderMDY:
		return "month/day/year"
	case DateOrderYMD:
		return "year/month/day"
	}
	return "decided by the file"
}

// mdyRegions are the countries whose English or Spanish locales write the
// month first (the United States and the Philippines, and the US territories).
var mdyRegions = map[string]bool{"US": true, "PH": true, "AS": true, "GU": true, "MP": true, "PR": true, "UM": true, "VI": true, "FM": true, "MH": true, "PW": true}

// LocaleDateOrder is the day/month order of the user's locale, and the
// locale's name: LC_ALL, else LC_TIME, else LANG (as POSIX orders them).
// Locales of the United States and the Philippines (en_US, es_US, en_PH,
// ...) write the month first; every other locale, and none, day first.
// Year-first locales (ja_JP, zh_CN, ...) write four-digit years first,
// which need no order; their day/month dates are read day first.
func LocaleDateOrder() (DateOrder, string) {
	for _, name := range []string{"LC_ALL", "LC_TIME", "LANG"} {
		if v := os.Getenv(name); v != "" {
			return localeOrder(v), v
		}
	}
	return DateOrderDMY, ""
}

// localeOrder reads a locale name such as en_US.UTF-8 or en-US.
func localeOrder(locale string) DateOrder {
	locale, _, _ = strings.Cut(locale, ".")
	locale, _, _ = strings.Cut(locale, "@")
	lang, region, ok := strings.Cut(strings.ReplaceAll(locale, "-", "_"), "_")
	if ok && (strings.EqualFold(lang, "en") || strings.EqualFold(lang, "es")) && mdyRegions[strings.ToUpper(region)] {
		return DateOrderMDY
	}
	return DateOrderDMY
}

// numericDay is a date written as three numbers, such as 03/04/27, before
// its order is known.
type numericDay struct {
	first, middle, last int
	firstDigits         int
	lastDigits          int
}

// parseNumericDay reads the three numbers of t (already lower-cased and
// trimmed): one or two digits, one or two digits, two or four digits, with
// the same separator twice and perhaps a time after them.
func parseNumericDay(t string) (numericDay, bool) {
	p := numericDate.FindStringSubmatch(t)
	if p == nil || p[2] != p[4] {
		return numericDay{}, false
	}
	return numericDay{first: atoi(p[1]), middle: atoi(p[3]), last: atoi(p[5]), firstDigits: len(p[1]), lastDigits: len(p[5])}, true
}

// in reads the day in order o; ok is false when it is no day in that order.
func (n numericDay) in(o DateOrder) (y, m, d int, ok bool) {
	switch o {
	case DateOrderDMY:
		d, m, y = n.first, n.middle, n.last
	case DateOrderMDY:
		m, d, y = n.first, n.middle, n.last
	case DateOrderYMD:
		if n.lastDigits != 2 || n.firstDigits != 2 {
			return 0, 0, 0, false // 03/04/2027 has its year last
		}
		y, m, d = n.first, n.middle, n.last
	default:
		return 0, 0, 0, false
	}
	if (o == DateOrderYMD && n.firstDigits == 2) || (o != DateOrderYMD && n.lastDigits == 2) {
		y += 2000
	}
	day := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return y, m, d, m >= 1 && m <= 12 && d >= 1 && day.Day() == d
}

// fits tells in which of the two orders a file's dates come in the day is
// valid: a 13 to 31 first can only be a day, one in the middle only a day
// of a month-first date.
func (n numericDay) fits() (dmy, mdy bool) {
	_, _, _, dmy = n.in(DateOrderDMY)
	_, _, _, mdy = n.in(DateOrderMDY)
	return dmy, mdy
}

// ambiguous tells that both orders give a day, and not the same day.
func (n numericDay) ambiguous() bool {
	dmy, mdy := n.fits()
	return dmy && mdy && n.first != n.middle
}

// date reads the day in order o, or says why it cannot.
func (n numericDay) date(s string, o DateOrder) (data.Date, error) {
	y, m, d, ok := n.in(o)
	dmy, mdy := n.fits()
	switch {
	case ok:
		return planDay(s, y, m, d)
	case o == DateOrderYMD && (n.lastDigits != 2 || n.firstDigits != 2):
		return data.Date{}, fmt.Errorf("%q is not a year/month/day date: its year is last", s)
	case !dmy && !mdy || o == DateOrderYMD:
		return notADate(s, ": no such day")
	case m < 1 || m > 12:
		return data.Date{}, fmt.Errorf("%q is not a %s date: there is no month %d", s, o.Label(), m)
	}
	return data.Date{}, fmt.Errorf("%q is not a %s date: no such day", s, o.Label())
}

// orderEvidence is what a column's numeric dates prove about their order:
// the first row that can only be day first, and the first that can only
// be month first.
type orderEvidence struct {
	dmyRow, mdyRow   int
	dmyText, mdyText string
	ambiguous        bool // some date reads as two different days
}

func (e *orderEvidence) add(row int, text string, n numericDay) {
	dmy, mdy := n.fits()
	switch {
	case dmy && !mdy && e.dmyRow == 0:
		e.dmyRow, e.dmyText = row, text
	case mdy && !dmy && e.mdyRow == 0:
		e.mdyRow, e.mdyText = row, text
	case n.ambiguous():
		e.ambiguous = true
	}
}

// proves is the order the column's own dates prove, if any, or an error
// when they prove both.
func (e orderEvidence) proves(column string) (DateOrder, error) {
	switch {
	case e.dmyRow > 0 && e.mdyRow > 0:
		return "", fmt.Errorf("column %s mixes day-first and month-first dates: row %d has %s (day first) and row %d has %s (month first); fix the file or choose the order",
			column, e.dmyRow, e.dmyText, e.mdyRow, e.mdyText)
	case e.dmyRow > 0:
		return DateOrderDMY, nil
	case e.mdyRow > 0:
		return DateOrderMDY, nil
	}
	return DateOrderAuto, nil
}

// noteOrder records, in the first pass, what the numeric date text of data
// row n in field's column proves about the column's order.
func (p *planReader) noteOrder(n int, field, text string, day numericDay) {
	if p.evidence == nil {
		p.evidence = map[string]*orderEvidence{}
	}
	e := p.evidence[field]
	if e == nil {
		e = &orderEvidence{}
		p.evidence[field] = e
	}
	e.add(n, text, day)
}

// decideOrders decides, between the passes, the order each date column's
// numeric dates are read in: the user's, else the one the column proves,
// else the one the file's other date columns prove together, else the
// locale's. A column that proves both orders is one error naming two rows,
// and its numeric dates are errors of their rows; nothing is guessed.
func (p *planReader) decideOrders() {
	if len(p.evidence) == 0 {
		return
	}
	orders, from := p.dateOrders()
	p.orders = orders
	p.plan.Errors = p.plan.sortErrors(p.plan.Errors)
	for i, c := range p.plan.Columns {
		for field := range p.evidence {
			if c.Header == p.columns[field] && orders[field] != DateOrderAuto {
				p.plan.Columns[i].Dates, p.plan.Columns[i].DatesFrom = orders[field], from[field]
			}
		}
	}
}

// numericDate reads a date written as three numbers in field's column, in
// the order decided for the column.
func (p *planReader) numericDate(field, text string, day numericDay) (data.Date, error) {
	o := p.orders[field]
	if o == DateOrderAuto {
		// Blamed here, so the row is not taken for one without a date.
		return data.Date{}, fmt.Errorf("%q cannot be read while the column mixes day-first and month-first dates", text)
	}
	return day.date(text, o)
}

// dateOrders decides the order of each date column's numeric dates and
// says what decided it; a column left out has an error in the plan.
func (p *planReader) dateOrders() (orders map[string]DateOrder, from map[string]string) {
	orders, from = map[string]DateOrder{}, map[string]string{}
	if p.opts.DateOrder != DateOrderAuto {
		for field := range p.evidence {
			orders[field], from[field] = p.opts.DateOrder, "your choice"
		}
		return orders, from
	}
	var undecided []string
	fileOrder, fileConflict := DateOrderAuto, false
	for field, e := range p.evidence {
		o, err := e.proves(p.columns[field])
		switch {
		case err != nil:
			p.plan.Errors = append(p.plan.Errors, data.PlanError{Column: p.columns[field], Message: err.Error()})
		case o == DateOrderAuto:
			undecided = append(undecided, field)
		default:
			orders[field], from[field] = o, "the column's own dates"
			fileConflict = fileConflict || (fileOrder != DateOrderAuto && fileOrder != o)
			fileOrder = o
		}
	}
	locale, localeName := LocaleDateOrder()
	if p.opts.Locale != "" {
		locale, localeName = localeOrder(p.opts.Locale), p.opts.Locale
	}
	for _, field := range undecided {
		if fileOrder != DateOrderAuto && !fileConflict {
			orders[field], from[field] = fileOrder, "the file's other date columns"
		} else {
			orders[field], from[field] = locale, strings.TrimSpace("the locale "+localeName)
		}
	}
	return orders, from
}
