package reports

import (
	"fmt"
	"strings"
	"time"

	"releasedesk/data"
)

// jiraDateLayouts are the forms Jira writes dates in: its default
// "dd/MMM/yy h:mm a" (01/Nov/26 9:15 AM) and the day alone, with two- or
// four-digit years, and the ISO forms of sites set to them and of its API.
var jiraDateLayouts = []string{
	"2/Jan/06 3:04 PM", "2/Jan/06 15:04", "2/Jan/06",
	"2/Jan/2006 3:04 PM", "2/Jan/2006 15:04", "2/Jan/2006",
	"2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05.000-0700", "2006-01-02",
	"2 Jan 2006", "2-Jan-2006",
}

// ParseJiraDate reads a date as a Jira export writes it — 01/Nov/26 9:15 AM,
// 01/Nov/26, 2026-11-01 09:15 or 2026-11-01 — and keeps its calendar day as
// written (a time, if any, is dropped: Release Desk keeps days for these).
// Month names are English, in any case; an empty text is no date.
func ParseJiraDate(s string) (data.Date, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return data.Date{}, nil
	}
	for _, layout := range jiraDateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if y := t.Year(); y < planMinYear || y > planMaxYear {
				return data.Date{}, fmt.Errorf("%q is outside the years %d-%d", s, planMinYear, planMaxYear)
			}
			return data.DateOf(t), nil
		}
	}
	return data.Date{}, fmt.Errorf("%q is not a date as Jira writes them, such as 01/Nov/26 9:15 AM or 2026-11-01", shortText(s, 40))
}

// shortText cuts s to at most n runes for a message.
func shortText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
