package kit

import (
	"testing"
	"time"
	_ "time/tzdata" // the zones below, on machines without a zone database

	"releasedesk/data"
	"releasedesk/reports"
)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestFormatDayFollowsTheLocaleOrder(t *testing.T) {
	day := time.Date(2026, time.December, 7, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		order                 reports.DateOrder
		plain, long, shortDay string
	}{
		{reports.DateOrderDMY, "7 Dec 2026", "Mon 7 Dec 2026", "Mon 7 Dec"},
		{reports.DateOrderMDY, "Dec 7, 2026", "Mon, Dec 7, 2026", "Mon, Dec 7"},
		{reports.DateOrderYMD, "2026-12-07", "2026-12-07 (Mon)", "12-07 (Mon)"},
	}
	for _, tt := range tests {
		if got := formatDay(day, tt.order, false, true); got != tt.plain {
			t.Errorf("%s day: got %q, want %q", tt.order, got, tt.plain)
		}
		if got := formatDay(day, tt.order, true, true); got != tt.long {
			t.Errorf("%s day with weekday: got %q, want %q", tt.order, got, tt.long)
		}
		if got := formatDay(day, tt.order, true, false); got != tt.shortDay {
			t.Errorf("%s day without year: got %q, want %q", tt.order, got, tt.shortDay)
		}
	}
}

func TestFormatInstantsNameTheirZone(t *testing.T) {
	berlin, saoPaulo := mustZone(t, "Europe/Berlin"), mustZone(t, "America/Sao_Paulo")
	at := func(loc *time.Location, d, h, m int) time.Time {
		return time.Date(2026, time.December, d, h, m, 0, 0, loc)
	}
	ptr := func(t time.Time) *time.Time { return &t }
	tests := []struct {
		name, got, want string
	}{
		{"an instant", formatInstant(at(berlin, 7, 16, 5), reports.DateOrderDMY), "Mon 7 Dec 2026, 16:05 CET"},
		{"month first", formatInstant(at(berlin, 7, 16, 5), reports.DateOrderMDY), "Mon, Dec 7, 2026, 16:05 CET"},
		{"a zone without a name", formatInstant(at(saoPaulo, 7, 9, 0), reports.DateOrderDMY), "Mon 7 Dec 2026, 09:00 UTC-03:00"},
		{"UTC", formatInstant(at(time.UTC, 7, 9, 0), reports.DateOrderDMY), "Mon 7 Dec 2026, 09:00 UTC"},
		{"a window within a day", formatSpan(at(berlin, 4, 16, 5), ptr(at(berlin, 4, 16, 30)), reports.DateOrderDMY),
			"Fri 4 Dec 2026, 16:05–16:30 CET"},
		{"a window over two days", formatSpan(at(berlin, 4, 22, 0), ptr(at(berlin, 5, 2, 0)), reports.DateOrderDMY),
			"Fri 4 Dec 2026, 22:00 – Sat 5 Dec, 02:00 CET"},
		{"a window over new year", formatSpan(at(berlin, 31, 22, 0), ptr(time.Date(2027, time.January, 1, 2, 0, 0, 0, berlin)), reports.DateOrderDMY),
			"Thu 31 Dec 2026, 22:00 – Fri 1 Jan 2027, 02:00 CET"},
		{"a window still open", formatSpan(at(berlin, 4, 16, 5), nil, reports.DateOrderDMY), "Fri 4 Dec 2026, 16:05 CET – …"},
		{"a window over a change of summer time", formatSpan(time.Date(2026, time.March, 28, 22, 0, 0, 0, berlin),
			ptr(time.Date(2026, time.March, 29, 4, 0, 0, 0, berlin)), reports.DateOrderDMY),
			"Sat 28 Mar 2026, 22:00 CET – Sun 29 Mar, 04:00 CEST"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	if got := FormatTime(time.Time{}); got != "—" {
		t.Errorf("the zero time shows %q, want a dash", got)
	}
	if got := FormatDate(data.Date{}); got != "—" {
		t.Errorf("no day shows %q, want a dash", got)
	}
}

// FuzzDayRoundTrip checks that every day the window writes reads back as the
// same day in each order, and that reading any text never panics.
func FuzzDayRoundTrip(f *testing.F) {
	f.Add(int64(0), "7/12/2026")
	f.Add(int64(20000), "2026-12-07")
	f.Add(int64(-3000), "Mon 7 Dec 2026")
	f.Add(int64(2900000), "Dec 7, 2026")
	f.Fuzz(func(t *testing.T, days int64, text string) {
		_, _ = ParseDay(text)
		day := time.Date(1970, time.January, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days%2900000))
		if day.Year() < 1970 || day.Year() > 9999 {
			return
		}
		want := data.DateOf(day)
		for _, order := range reports.DateOrders {
			for _, weekday := range []bool{false, true} {
				shown := formatDay(day, order, weekday, true)
				got, err := parseDay(shown, order)
				if err != nil || !got.Equal(want) {
					t.Fatalf("%s: %s reads back as %v (%v), want %v", order, shown, got, err, want)
				}
			}
		}
	})
}
