package kit

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
)

// clockExample is how a time of day is typed, shown in hints and messages.
const clockExample = "14:30"

// TimeEntry is the input for an instant: a calendar day in a DateEntry plus a
// time of day typed as HH:MM, read in the local time zone.
type TimeEntry struct {
	// Day is the calendar day; Clock the time of day, typed as HH:MM.
	Day   *widget.DateEntry
	Clock *widget.Entry
	box   fyne.CanvasObject
	// OnChanged, when set, is called after the user changes the day or the time.
	OnChanged func()
}

// NewTimeEntry returns an empty day and time input.
func NewTimeEntry() *TimeEntry {
	t := &TimeEntry{Day: NewDayEntry()}
	t.Clock = &widget.Entry{PlaceHolder: "HH:MM", Validator: validateClock}
	t.Clock.ExtendBaseWidget(t.Clock)
	t.Day.OnChanged = func(*time.Time) { t.changed() }
	t.Clock.OnChanged = func(string) { t.changed() }
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
	t.Clock.SetValidationError(nil) // a value put in by the program is not a typing mistake
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
	d, ok := DayOf(t.Day)
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

// validateClock is the time field's check as the user types; empty is left
// to the form, which knows whether the time is required.
func validateClock(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	_, _, err := ParseClock(s)
	return err
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

// NewDayEntry returns a date field for a calendar day, with a hint showing the
// order of day, month and year that the current locale expects.
func NewDayEntry() *widget.DateEntry {
	e := widget.NewDateEntry()
	e.PlaceHolder = datePattern()
	return e
}

// exampleDay is a day whose parts cannot be confused (31 > 12), used to show date formats.
var exampleDay = time.Date(2026, time.March, 31, 0, 0, 0, 0, time.UTC)

// DateExample shows exampleDay the way a date field expects it typed, e.g. 03/31/2026.
func DateExample() string {
	e := widget.NewDateEntry()
	e.SetDate(&exampleDay)
	return e.Text
}

// datePattern names the parts of the expected date form, e.g. MM/DD/YYYY.
func datePattern() string {
	return strings.NewReplacer("2026", "YYYY", "03", "MM", "31", "DD").Replace(DateExample())
}

// SetDay shows day d in e, or clears e when d is not set.
func SetDay(e *widget.DateEntry, d data.Date) {
	if d.IsZero() {
		e.SetDate(nil)
		return
	}
	t := d.Time(time.UTC)
	e.SetDate(&t)
}

// DayOf reads the calendar day in e: the zero Date when empty, ok false when
// the text is not a date.
func DayOf(e *widget.DateEntry) (d data.Date, ok bool) {
	text := strings.TrimSpace(e.Text)
	if text == "" {
		return data.Date{}, true
	}
	// The entry keeps its last good date while the text is wrong, so check the text itself.
	t, err := time.Parse(DateLayout(), text)
	if err != nil {
		return data.Date{}, false
	}
	return data.DateOf(t), true
}

// DateLayout is the Go time layout of the locale's date form, e.g. 01/02/2006.
func DateLayout() string {
	return strings.NewReplacer("2026", "2006", "03", "01", "31", "02").Replace(DateExample())
}
