package kit

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/reports"
)

// clockExample is how a time of day is typed, shown in hints and messages.
const clockExample = "14:30"

// TimeEntry is the input for an instant: a calendar day plus a time of day
// typed as HH:MM, read in the local time zone. What is wrong with either
// part is the form's to say (see Value).
type TimeEntry struct {
	// Day is the calendar day; Clock the time of day, typed as HH:MM.
	Day   *DayEntry
	Clock *Entry
	box   fyne.CanvasObject
	// OnChanged, when set, is called after the day or the time changes.
	OnChanged func()
}

// NewTimeEntry returns an empty day and time input.
func NewTimeEntry() *TimeEntry {
	t := &TimeEntry{Day: NewDayEntry(), Clock: NewEntry("HH:MM")}
	t.Day.listen(t.changed)
	t.Clock.listen(t.changed)
	t.box = container.NewBorder(nil, nil, nil, FixedWidth(110, t.Clock), t.Day)
	return t
}

func (t *TimeEntry) changed() {
	if t.OnChanged != nil {
		t.OnChanged()
	}
}

// Object is the input to place in a form.
func (t *TimeEntry) Object() fyne.CanvasObject { return t.box }

// Set shows at in local time, or clears the input when at is zero.
func (t *TimeEntry) Set(at time.Time) {
	if at.IsZero() {
		t.Day.SetDate(nil)
		t.Day.SetText("")
		t.Clock.SetText("")
	} else {
		local := at.In(time.Local)
		day := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)
		t.Day.SetDate(&day)
		t.Clock.SetText(local.Format("15:04"))
	}
}

// Disable stops the day and time from being typed.
func (t *TimeEntry) Disable() {
	t.Day.Disable()
	t.Clock.Disable()
}

// Enable lets the day and time be typed again.
func (t *TimeEntry) Enable() {
	t.Day.Enable()
	t.Clock.Enable()
}

// empty reports whether neither the day nor the time is filled in.
func (t *TimeEntry) empty() bool {
	return strings.TrimSpace(t.Day.Text) == "" && strings.TrimSpace(t.Clock.Text) == ""
}

// Value reads the instant typed in: the zero time when both parts are empty,
// an error saying what to fix when either part is missing or not understood.
func (t *TimeEntry) Value() (time.Time, error) {
	if t.empty() {
		return time.Time{}, nil
	}
	d, ok := t.Day.Value()
	switch {
	case !ok:
		return time.Time{}, fmt.Errorf("is not a date like %s", DateExample())
	case d.IsZero():
		return time.Time{}, errors.New("is missing its day")
	}
	if strings.TrimSpace(t.Clock.Text) == "" {
		return time.Time{}, fmt.Errorf("is missing its time of day, e.g. %s", clockExample)
	}
	h, m, err := ParseClock(t.Clock.Text)
	if err != nil {
		return time.Time{}, err
	}
	day := d.Time(time.UTC)
	return time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, time.Local), nil
}

// ParseClock reads a 24-hour time of day such as 9:05, 09:05 or 0905.
func ParseClock(s string) (hour, minute int, err error) {
	bad := fmt.Errorf("is not a time like %s (24-hour HH:MM)", clockExample)
	s = strings.TrimSpace(s)
	var hs, ms string
	if i := strings.IndexAny(s, ":."); i >= 0 {
		hs, ms = s[:i], s[i+1:]
	} else if len(s) == 3 || len(s) == 4 {
		hs, ms = s[:len(s)-2], s[len(s)-2:]
	} else {
		return 0, 0, bad
	}
	if len(hs) < 1 || len(hs) > 2 || len(ms) != 2 {
		return 0, 0, bad
	}
	hour, herr := strconv.Atoi(hs)
	minute, merr := strconv.Atoi(ms)
	if herr != nil || merr != nil || hs[0] == '+' || hs[0] == '-' || ms[0] == '+' || ms[0] == '-' ||
		hour < 0 || hour > 23 || minute < 0 || minute > 59 {
		return 0, 0, bad
	}
	return hour, minute, nil
}

// LocalAt returns the local day of d at hour:minute local time.
func LocalAt(d time.Time, hour, minute int) time.Time {
	local := d.In(time.Local)
	return time.Date(local.Year(), local.Month(), local.Day(), hour, minute, 0, 0, time.Local)
}

// exampleDay is a day whose parts cannot be confused (31 > 12), used to show date formats.
var exampleDay = time.Date(2026, time.March, 31, 0, 0, 0, 0, time.UTC)

// DateExample shows exampleDay the way a date field expects it typed, e.g. 03/31/2026.
func DateExample() string {
	locale := lang.SystemLocale()
	if s, ok := dateExamples.Load(locale); ok {
		return s.(string)
	}
	e := widget.NewDateEntry()
	e.SetDate(&exampleDay)
	dateExamples.Store(locale, e.Text)
	return e.Text
}

// dateExamples keeps DateExample's answer for each locale: asking a date
// field builds the field and its renderer, and every day the window writes
// asks (see DayOrder).
var dateExamples sync.Map // fyne.Locale -> string

// datePattern names the parts of the expected date form, e.g. MM/DD/YYYY.
func datePattern() string {
	return strings.NewReplacer("2026", "YYYY", "03", "MM", "31", "DD").Replace(DateExample())
}

// SetDay shows day d, or clears the input when d is not set.
func (e *DayEntry) SetDay(d data.Date) {
	if d.IsZero() {
		e.SetDate(nil)
		e.SetText("")
		return
	}
	t := d.Time(time.UTC)
	e.SetDate(&t)
}

// Value reads the calendar day typed in: the zero Date when empty, ok false
// when the text is not a date.
func (e *DayEntry) Value() (d data.Date, ok bool) { return DayOf(&e.DateEntry) }

// Check is the day's problem as a form shows it: "is not a date like
// 03/31/2026", "is required" when required and empty, or nil.
func (e *DayEntry) Check(required bool) error {
	d, ok := e.Value()
	switch {
	case !ok:
		return fmt.Errorf("is not a date like %s", DateExample())
	case required && d.IsZero():
		return errors.New("is required")
	}
	return nil
}

// DayOf reads the calendar day in e: the zero Date when empty, ok false when
// the text is not a date. It reads what ParseDay reads.
func DayOf(e *widget.DateEntry) (d data.Date, ok bool) {
	// The entry keeps its last good date while the text is wrong, so read the text itself.
	d, err := ParseDay(e.Text)
	return d, err == nil
}

// ParseDay reads a calendar day as typed: three numbers in the locale's
// order (7/12/2026 or 07.12.26 where the day comes first), an ISO day
// (2026-12-07), or a day written with its month's name, as the window shows
// days (Mon 7 Dec 2026, Dec 7, 2026). An empty text is the zero Date.
func ParseDay(s string) (data.Date, error) { return parseDay(s, DayOrder()) }

func parseDay(s string, order reports.DateOrder) (data.Date, error) {
	// Year-first days are shown with their weekday after them: 2026-12-07 (Mon).
	if open := strings.LastIndexByte(s, '('); open > 0 && strings.HasSuffix(strings.TrimSpace(s), ")") {
		s = s[:open]
	}
	return reports.ParsePlanDate(s, order)
}

// DateLayout is the Go time layout of the locale's date form, e.g. 01/02/2006.
func DateLayout() string {
	return strings.NewReplacer("2026", "2006", "03", "01", "31", "02").Replace(DateExample())
}
