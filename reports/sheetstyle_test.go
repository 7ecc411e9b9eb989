package reports

import (
	"bytes"
	"context"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"releasedesk/data"
)

// shownSecond is the time of day a reader that cuts the day fraction down
// to whole seconds, as LibreOffice does, shows for the serial raw.
func shownSecond(t *testing.T, raw string) int {
	t.Helper()
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		t.Fatalf("cell value %q is not a number", raw)
	}
	return int((v - math.Floor(v)) * 86400)
}

// everyMinute is one instant per minute of a day, in UTC.
func everyMinute() []time.Time {
	out := make([]time.Time, 24*60)
	for i := range out {
		out[i] = time.Date(2026, 5, 8, 0, i, 0, 0, time.UTC)
	}
	return out
}

// wallSecond is the second of the day t shows in reportZone.
func wallSecond(t time.Time) int {
	w := t.In(reportZone)
	return w.Hour()*3600 + w.Minute()*60 + w.Second()
}

// Issue: date-time cells were written cut (not rounded) at fifteen digits,
// 46073.3854166666 for 09:15, and LibreOffice showed about 29 % of the
// times a minute early. Every instant of a review, at every minute of a
// day, must read back as its own second when the fraction is cut down.
func TestReviewDateTimesReadBackAsTheirSecond(t *testing.T) {
	d := reviewFixture()
	d.Deployments = nil
	for i, at := range everyMinute() {
		end := at.Add(time.Minute)
		d.Deployments = append(d.Deployments, data.Deployment{ID: uint(i + 1), ReleaseID: d.Release.ID,
			Environment: data.Environment{Name: "QA"}, Build: "b", PlannedStart: at, PlannedEnd: end,
			ActualStart: &at, ActualEnd: &end, Outcome: data.OutcomeSucceeded})
	}
	var buf bytes.Buffer
	if err := WriteReview(context.Background(), &buf, d, reportOptions()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	early := 0
	for i, dep := range d.Deployments {
		raw, _ := f.GetCellValue(SheetDeployments, "C"+strconv.Itoa(i+2), excelize.Options{RawCellValue: true})
		if got, want := shownSecond(t, raw), wallSecond(dep.PlannedStart); got != want {
			if early++; early <= 3 {
				t.Errorf("Deployments!C%d holds %s: shown as second %d of the day, want %d", i+2, raw, got, want)
			}
		}
	}
	if early > 0 {
		t.Errorf("%d of %d planned starts read back a second early", early, len(d.Deployments))
	}
}

// The portfolio streams its rows; they must be as exact.
func TestPortfolioDateTimesReadBackAsTheirSecond(t *testing.T) {
	m := memPortfolioOf(24 * 60) // 37-minute steps reach every minute of the day
	var buf bytes.Buffer
	if err := WritePortfolio(context.Background(), &buf, m, reportOptions()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(SheetDeployments, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	early := 0
	for i, dep := range m.deployments {
		if got, want := shownSecond(t, rows[i+1][6]), wallSecond(dep.PlannedStart); got != want {
			if early++; early <= 3 {
				t.Errorf("Deployments row %d holds %s: shown as second %d, want %d", i+2, rows[i+1][6], got, want)
			}
		}
	}
	if early > 0 {
		t.Errorf("%d of %d planned starts read back a second early", early, len(m.deployments))
	}
}

func TestExcelSerial(t *testing.T) {
	for _, tt := range []struct {
		at   time.Time
		want float64 // to the nearest representable number
	}{
		{time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC), 0},
		{time.Date(2026, 2, 20, 0, 0, 0, 0, time.UTC), 46073},
		{time.Date(2026, 2, 20, 9, 15, 0, 0, time.UTC), 46073 + 555.0/1440},
		{time.Date(2026, 2, 20, 9, 15, 0, 499_000_000, time.UTC), 46073 + 555.0/1440}, // rounded to the second
		{time.Date(2026, 2, 20, 23, 59, 59, 600_000_000, time.UTC), 46074},
		{time.Date(2026, 2, 20, 9, 15, 0, 0, time.FixedZone("", -5*3600)), 46073 + 555.0/1440}, // the wall clock where it is
	} {
		got := excelSerial(tt.at)
		if math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("excelSerial(%v) = %v, want %v", tt.at, got, tt.want)
		}
		if s, _ := strconv.ParseFloat(exactNumber(got), 64); s != got {
			t.Errorf("exactNumber(%v) = %s, which reads back as %v", got, exactNumber(got), s)
		}
	}
	// Every second of a day is shown as itself by a reader that cuts the fraction.
	day := time.Date(2026, 2, 20, 0, 0, 0, 0, time.UTC)
	for s := 0; s < 86400; s++ {
		v := excelSerial(day.Add(time.Duration(s) * time.Second))
		if got := int((v - math.Floor(v)) * 86400); got != s {
			t.Fatalf("second %d is written as %s, shown as second %d", s, exactNumber(v), got)
		}
		if math.Abs(v-(46073+float64(s)/86400)) > 1e-10 {
			t.Fatalf("second %d is written as %s, too far from the exact serial", s, exactNumber(v))
		}
	}
}
