package views

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// clockExample is how a time of day is typed, shown in hints and messages.
const clockExample = "14:30"

// timeEntry is the input for an instant: a calendar day in a DateEntry plus a
// time of day typed as HH:MM, read in the local time zone.
type timeEntry struct {
	day   *widget.DateEntry
	clock *widget.Entry
	box   fyne.CanvasObject
	// OnChanged, when set, is called after the user changes the day or the time.
	OnChanged func()
}

// newTimeEntry returns an empty day and time input.
func newTimeEntry() *timeEntry {
	t := &timeEntry{day: newDayEntry()}
	t.clock = &widget.Entry{PlaceHolder: "HH:MM", Validator: validateClock}
	t.clock.ExtendBaseWidget(t.clock)
	t.day.OnChanged = func(*time.Time) { t.changed() }
	t.clock.OnChanged = func(string) { t.changed() }
	t.box = container.NewBorder(nil, nil, nil, fixedWidth(110, t.clock), t.day)
	return t
}

func (t *timeEntry) changed() {
	if t.OnChanged != nil {
		t.OnChanged()
	}
}

// object is the input to place in a form.
func (t *timeEntry) object() fyne.CanvasObject { return t.box }

// set shows at in local time, or clears the input when at is zero.
func (t *timeEntry) set(at time.Time) {
	if at.IsZero() {
		t.day.SetDate(nil)
		t.day.SetText("")
		t.clock.SetText("")
	} else {
		local := at.In(time.Local)
		day := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)
		t.day.SetDate(&day)
		t.clock.SetText(local.Format("15:04"))
	}
	t.clock.SetValidationError(nil) // a value put in by the program is not a typing mistake
}

// empty reports whether neither the day nor the time is filled in.
func (t *timeEntry) empty() bool {
	return strings.TrimSpace(t.day.Text) == "" && strings.TrimSpace(t.clock.Text) == ""
}

// value reads the instant typed in: the zero time when both parts are empty,
// an error saying what to fix when either part is missing or not understood.
func (t *timeEntry) value() (time.Time, error) {
	if t.empty() {
		return time.Time{}, nil
	}
	d, ok := dayOf(t.day)
	switch {
	case !ok:
		return time.Time{}, fmt.Errorf("is not a date like %s", dateExample())
	case d.IsZero():
		return time.Time{}, errors.New("is missing its day")
	}
	if strings.TrimSpace(t.clock.Text) == "" {
		return time.Time{}, fmt.Errorf("is missing its time of day, e.g. %s", clockExample)
	}
	h, m, err := parseClock(t.clock.Text)
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
	_, _, err := parseClock(s)
	return err
}

// parseClock reads a 24-hour time of day such as 9:05, 09:05 or 0905.
func parseClock(s string) (hour, minute int, err error) {
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

// localAt returns the local day of d at hour:minute local time.
func localAt(d time.Time, hour, minute int) time.Time {
	local := d.In(time.Local)
	return time.Date(local.Year(), local.Month(), local.Day(), hour, minute, 0, 0, time.Local)
}
