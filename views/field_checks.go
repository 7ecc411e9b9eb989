package views

import (
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
)

// validateVersion is the form's quick check of a version; it is the
// store's own rule, which has the final word when the release is saved.
func validateVersion(s string) error { return data.CheckVersion(s) }

// newDayEntry returns a date field for a calendar day, with a hint showing the
// order of day, month and year that the current locale expects.
func newDayEntry() *widget.DateEntry {
	e := widget.NewDateEntry()
	e.PlaceHolder = datePattern()
	return e
}

// exampleDay is a day whose parts cannot be confused (31 > 12), used to show date formats.
var exampleDay = time.Date(2026, time.March, 31, 0, 0, 0, 0, time.UTC)

// dateExample shows exampleDay the way a date field expects it typed, e.g. 03/31/2026.
func dateExample() string {
	e := widget.NewDateEntry()
	e.SetDate(&exampleDay)
	return e.Text
}

// datePattern names the parts of the expected date form, e.g. MM/DD/YYYY.
func datePattern() string {
	return strings.NewReplacer("2026", "YYYY", "03", "MM", "31", "DD").Replace(dateExample())
}

// setDay shows day d in e, or clears e when d is not set.
func setDay(e *widget.DateEntry, d data.Date) {
	if d.IsZero() {
		e.SetDate(nil)
		return
	}
	t := d.Time(time.UTC)
	e.SetDate(&t)
}

// dayOf reads the calendar day in e: the zero Date when empty, ok false when
// the text is not a date.
func dayOf(e *widget.DateEntry) (d data.Date, ok bool) {
	text := strings.TrimSpace(e.Text)
	if text == "" {
		return data.Date{}, true
	}
	// The entry keeps its last good date while the text is wrong, so check the text itself.
	t, err := time.Parse(dateLayoutOf(), text)
	if err != nil {
		return data.Date{}, false
	}
	return data.DateOf(t), true
}

// dateLayoutOf is the Go time layout of the locale's date form, e.g. 01/02/2006.
func dateLayoutOf() string {
	return strings.NewReplacer("2026", "2006", "03", "01", "31", "02").Replace(dateExample())
}
