package reports

import (
	"fmt"
	"strings"
	"time"

	"releasedesk/data"
)

// CalendarKind is one kind of event a calendar holds.
type CalendarKind string

// The kinds of calendar events.
const (
	KindReleases    CalendarKind = "releases"
	KindDeployments CalendarKind = "deployments"
	KindFreezes     CalendarKind = "freezes"
)

// CalendarKinds lists every kind of calendar event, in the order they are written.
var CalendarKinds = []CalendarKind{KindReleases, KindDeployments, KindFreezes}

// ParseCalendarKinds reads kinds as a person types them: each value a kind
// or a comma-separated list of kinds, singular or plural, any case
// ("releases,freeze"). No values means every kind.
func ParseCalendarKinds(values []string) ([]CalendarKind, error) {
	var out []CalendarKind
	seen := map[CalendarKind]bool{}
	for _, v := range values {
		for _, word := range strings.Split(v, ",") {
			word = strings.ToLower(strings.TrimSpace(word))
			if word == "" {
				continue
			}
			var kind CalendarKind
			for _, k := range CalendarKinds {
				if word == string(k) || word+"s" == string(k) {
					kind = k
				}
			}
			if kind == "" {
				return nil, fmt.Errorf("%q is not a kind of calendar event (use releases, deployments or freezes)", word)
			}
			if !seen[kind] {
				seen[kind] = true
				out = append(out, kind)
			}
		}
	}
	return out, nil
}

// CalendarFilter limits what a calendar holds; the zero value keeps every
// event.
type CalendarFilter struct {
	// Products keeps the releases and deployments of these products (names
	// without regard to case); none keeps all. Freeze windows belong to no
	// product and are kept unless Kinds leaves them out.
	Products []string
	// From and To keep the events that touch these calendar days, both
	// included (in the reader's time zone for timed events); a zero day
	// leaves that end open.
	From, To data.Date
	// Kinds keeps these kinds of events; none keeps all.
	Kinds []CalendarKind
}

// IsZero tells that the filter keeps every event.
func (f CalendarFilter) IsZero() bool {
	return len(f.Products) == 0 && f.From.IsZero() && f.To.IsZero() && len(f.Kinds) == 0
}

// Validate refuses a filter that can keep nothing: a range that ends
// before it starts.
func (f CalendarFilter) Validate() error {
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return fmt.Errorf("the range ends (%s) before it starts (%s)", f.To, f.From)
	}
	return nil
}

// calendarScope is a filter made ready for the writer.
type calendarScope struct {
	products   map[string]bool
	kinds      map[CalendarKind]bool
	from, to   data.Date
	start, end time.Time // the instants that bound [From, To+1) in the reader's zone
}

func newCalendarScope(f CalendarFilter, loc *time.Location) *calendarScope {
	s := &calendarScope{from: f.From, to: f.To}
	if len(f.Products) > 0 {
		s.products = map[string]bool{}
		for _, p := range f.Products {
			s.products[strings.ToLower(strings.TrimSpace(p))] = true
		}
	}
	if len(f.Kinds) > 0 {
		s.kinds = map[CalendarKind]bool{}
		for _, k := range f.Kinds {
			s.kinds[k] = true
		}
	}
	if !f.From.IsZero() {
		s.start = f.From.Time(loc)
	}
	if !f.To.IsZero() {
		s.end = f.To.AddDays(1).Time(loc)
	}
	return s
}

func (s *calendarScope) wants(k CalendarKind) bool { return s.kinds == nil || s.kinds[k] }

func (s *calendarScope) product(name string) bool {
	return s.products == nil || s.products[strings.ToLower(name)]
}

// day tells whether a calendar day lies in the range.
func (s *calendarScope) day(d data.Date) bool {
	return (s.from.IsZero() || !d.Before(s.from)) && (s.to.IsZero() || !d.After(s.to))
}

// window tells whether the instants [start, end) touch the range; an event
// without an end is a moment at start.
func (s *calendarScope) window(start, end time.Time) bool {
	if !end.After(start) {
		end = start.Add(time.Nanosecond)
	}
	return (s.start.IsZero() || end.After(s.start)) && (s.end.IsZero() || start.Before(s.end))
}

// title names the calendar after what it holds: "Release Desk — Payments".
func (f CalendarFilter) title() string {
	if len(f.Products) == 0 {
		return "Release Desk"
	}
	return "Release Desk — " + strings.Join(f.Products, ", ")
}
