package kit

import (
	"fmt"
	"unicode/utf8"

	"fyne.io/fyne/v2/widget"
)

// The store refuses text longer than its field's limit (data.TextLimits);
// the helpers here hold the window's entries to the same limits, so a
// mistake shows as it is made, and so that no entry is ever handed more
// text than it can lay out without freezing the window.

// LimitText holds e to max characters, the store's limit for its field,
// and returns e. Text typed or pasted past the limit is cut back to it at
// once and the entry is flagged, which the forms show under the field;
// text already in e past the limit is shortened as SetLimitedText does.
// Call it after e's OnChanged is set: it runs that with the text kept.
func LimitText(e *widget.Entry, max int) *widget.Entry {
	if e.Validator == nil {
		// Without a validator of its own, the entry shows only the flag set here.
		e.AlwaysShowValidationError = true
	}
	if utf8.RuneCountInString(e.Text) > max {
		e.Text = shortenForEntry(e.Text, max)
	}
	next := e.OnChanged
	e.OnChanged = func(text string) {
		if n := utf8.RuneCountInString(text); n > max {
			e.SetText(cutRunes(text, max)) // runs this again with the text kept
			e.SetValidationError(&tooLongError{max: max, had: n})
			return
		}
		if e.Validator == nil {
			e.SetValidationError(nil) // a change within the limit takes the flag away
		}
		if next != nil {
			next(text)
		}
	}
	return e
}

// tooLongError flags an entry whose text was cut back to its limit.
type tooLongError struct{ max, had int }

func (e *tooLongError) Error() string {
	return fmt.Sprintf("holds at most %d characters; the last %d were not kept", e.max, e.had-e.max)
}

// SetLimitedText shows stored text s in e. Text past max characters, which
// an older Release Desk may have stored, is shown shortened with a note
// saying so at its head, since laying it all out would freeze the window;
// saving keeps what is shown, and the store's history keeps the whole text.
func SetLimitedText(e *widget.Entry, s string, max int) {
	if utf8.RuneCountInString(s) > max {
		s = shortenForEntry(s, max)
	}
	e.SetText(s)
}

// shortenForEntry is the head of s with a note in front, max characters in all.
func shortenForEntry(s string, max int) string {
	note := fmt.Sprintf("[Shortened by Release Desk: only the first part of this text (%d characters in all, over the limit of %d) is kept here.]\n\n",
		utf8.RuneCountInString(s), max)
	room := max - utf8.RuneCountInString(note)
	if room < 0 {
		return cutRunes(s, max) // a limit too small for the note: just the head
	}
	return note + cutRunes(s, room)
}

// cutRunes is the first n characters of s.
func cutRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}
