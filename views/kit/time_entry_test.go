package kit

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/reports"
)

// TestDateExampleFollowsTheLocale: the form a date field expects is worked
// out once for each locale, and a change of locale is still followed.
func TestDateExampleFollowsTheLocale(t *testing.T) {
	test.NewTempApp(t)
	tests := []struct {
		locale, example, layout string
		order                   reports.DateOrder
	}{
		{"en_US.UTF-8", "03/31/2026", "01/02/2006", reports.DateOrderMDY},
		{"en_GB.UTF-8", "31/03/2026", "02/01/2006", reports.DateOrderDMY},
		{"sv_SE.UTF-8", "2026-03-31", "2006-01-02", reports.DateOrderYMD},
		{"en_US.UTF-8", "03/31/2026", "01/02/2006", reports.DateOrderMDY}, // from what was kept
	}
	for _, tt := range tests {
		t.Setenv("LC_ALL", tt.locale)
		e := widget.NewDateEntry()
		e.SetDate(&exampleDay)
		if e.Text != tt.example {
			t.Fatalf("under %s Fyne's date field shows %q, want %q", tt.locale, e.Text, tt.example)
		}
		if got := DateExample(); got != tt.example {
			t.Errorf("under %s DateExample() = %q, want %q", tt.locale, got, tt.example)
		}
		if got := DateLayout(); got != tt.layout {
			t.Errorf("under %s DateLayout() = %q, want %q", tt.locale, got, tt.layout)
		}
		if got := DayOrder(); got != tt.order {
			t.Errorf("under %s DayOrder() = %v, want %v", tt.locale, got, tt.order)
		}
	}
}

// TestDayOrderBuildsNoDateField: every day the window writes asks for the
// locale's order, so once it is known no date field is built again (a field
// and its renderer, each time, were a good part of the Dashboard's cost
// before the window's first frame).
func TestDayOrderBuildsNoDateField(t *testing.T) {
	test.NewTempApp(t)
	t.Setenv("LC_ALL", "en_GB.UTF-8")
	DayOrder()
	field := testing.AllocsPerRun(20, func() {
		e := widget.NewDateEntry()
		e.SetDate(&exampleDay)
	})
	known := testing.AllocsPerRun(100, func() { DayOrder() })
	if known*10 > field {
		t.Errorf("DayOrder makes %.0f allocations once the locale's order is known; a date field makes %.0f", known, field)
	}
}
