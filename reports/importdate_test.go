package reports

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"releasedesk/data"
)

func TestParsePlanDate(t *testing.T) {
	day := data.NewDate(2026, 12, 31)
	tests := []struct {
		in   string
		want data.Date
		err  string
	}{
		{"", data.Date{}, ""},
		{"  ", data.Date{}, ""},
		{"2026-12-31", day, ""},
		{"2026/12/31", day, ""},
		{"2026.12.31", day, ""},
		{"20261231", day, ""},
		{"2026-12-31T00:00:00", day, ""},
		{"2026-12-31T23:30:00Z", day, ""},
		{"2026-12-31 00:00", day, ""},
		{"2026-1-5", data.NewDate(2026, 1, 5), ""},
		{"31/12/2026", day, ""},
		{"31.12.2026", day, ""},
		{"31-12-2026", day, ""},
		{"31/12/26", day, ""},
		{"12/31/2026", day, ""}, // month first: 31 cannot be a month
		{"03/04/2026", data.Date{}, "could be 3 April 2026 or 4 March 2026"}, // never guessed
		{"3/4/2026 00:00", data.Date{}, "could be 3 April 2026 or 4 March 2026"},
		{"04/04/2026", data.NewDate(2026, 4, 4), ""}, // the same day either way
		{"31 Dec 2026", day, ""},
		{"31-Dec-2026", day, ""},
		{"31-dec-26", day, ""},
		{"31 December 2026", day, ""},
		{"31st December 2026", day, ""},
		{"31st of December, 2026", day, ""},
		{"Dec 31, 2026", day, ""},
		{"December 31 2026", day, ""},
		{"Sept 1, 2026", data.NewDate(2026, 9, 1), ""},
		{"Thu 31 Dec 2026", day, ""},
		{"Thursday, 31 December 2026", day, ""},
		{"  2 Jan 2027 ", data.NewDate(2027, 1, 2), ""},
		{"31/13/2026", data.Date{}, "no such day"},
		{"13/13/2026", data.Date{}, "no such day"},
		{"30/02/2026", data.Date{}, "no such day"},
		{"29 Feb 2027", data.Date{}, "no such day"},
		{"2026-02-29", data.Date{}, "no such day"},
		{"2028-02-29", data.NewDate(2028, 2, 29), ""},
		{"1969-12-31", data.Date{}, "the year must be between 1970 and 9999"},
		{"31/12/2026/1", data.Date{}, "is not a date"},
		{"2026-12/31", data.Date{}, "is not a date"},
		{"31.12-2026", data.Date{}, "is not a date"},
		{"next Friday", data.Date{}, "is not a date"},
		{"31 Decembre 2026", data.Date{}, "is not a date"},
		{"Dec 2026", data.Date{}, "is not a date"},
		{"31 Dec 2026 ; DROP", data.Date{}, "is not a date"},
		{"46387", data.Date{}, "is not a date"}, // a day count is only a date in a date cell
		{"Q3 2026", data.Date{}, "is not a date"},
	}
	for _, tt := range tests {
		got, err := ParsePlanDate(tt.in, DateOrderAuto)
		if tt.err == "" {
			if err != nil || got != tt.want {
				t.Errorf("ParsePlanDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("ParsePlanDate(%q) = %v, %v; want an error saying %q", tt.in, got, err, tt.err)
		}
	}
}

func TestExcelDay(t *testing.T) {
	tests := []struct {
		raw      string
		date1904 bool
		want     data.Date
		number   bool
		err      bool
	}{
		{"46387", false, data.NewDate(2026, 12, 31), true, false},
		{"46387.75", false, data.NewDate(2026, 12, 31), true, false}, // a date-and-time cell gives its day
		{"44925", true, data.NewDate(2026, 12, 31), true, false},
		{"25569", false, data.NewDate(1970, 1, 1), true, false},
		{"12", false, data.Date{}, true, true},
		{"9999999", false, data.Date{}, true, true},
		{"31/12/2026", false, data.Date{}, false, false},
		{"NaN", false, data.Date{}, false, false},
	}
	for _, tt := range tests {
		got, number, err := excelDay(tt.raw, tt.date1904)
		if got != tt.want || number != tt.number || (err != nil) != tt.err {
			t.Errorf("excelDay(%q, %v) = %v, %v, %v", tt.raw, tt.date1904, got, number, err)
		}
	}
	// Every day a plan may hold survives the trip through Excel's day count.
	for d := data.NewDate(1970, 1, 1); d.Before(data.NewDate(2100, 1, 1)); d = d.AddDays(97) {
		got, _, err := excelDay(strconv.FormatFloat(dateSerial(d), 'f', -1, 64), false)
		if err != nil || got != d {
			t.Fatalf("day %v came back as %v (%v)", d, got, err)
		}
	}
}

// FuzzParsePlanDate checks that no text makes the parser panic, in any
// order, and that whatever it reads as a day reads back as the same day
// from the ISO form and from the "2 Jan 2006" form the preview shows.
func FuzzParsePlanDate(f *testing.F) {
	for i, s := range []string{"2026-12-31", "31/12/26", "12/31/2026", "Dec 31, 2026", "31st of December 2026",
		"Thu 31 Dec 2026", "20261231", "2026-12-31T23:30:00+02:00", "29 Feb 2028", "", "31.12.9999", "3/1/27", "27/03/01"} {
		f.Add(s, uint8(i))
	}
	orders := []DateOrder{DateOrderAuto, DateOrderDMY, DateOrderMDY, DateOrderYMD}
	f.Fuzz(func(t *testing.T, s string, pick uint8) {
		order := orders[int(pick)%len(orders)]
		d, err := ParsePlanDate(s, order)
		if err != nil || d.IsZero() {
			return
		}
		for _, form := range []string{d.String(), d.Time(time.UTC).Format("2 Jan 2006")} {
			back, err := ParsePlanDate(form, order)
			if err != nil || back != d {
				t.Fatalf("%q read as %v in %s order, but %q reads as %v (%v)", s, d, order, form, back, err)
			}
		}
	})
}
