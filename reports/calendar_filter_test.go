package reports

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"releasedesk/data"
)

// calendarEvents parses a calendar into its events by UID.
func calendarEvents(t *testing.T, b []byte) map[string]*ics.VEvent {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("calendar does not parse: %v", err)
	}
	out := map[string]*ics.VEvent{}
	for _, e := range cal.Events() {
		out[e.Id()] = e
	}
	return out
}

func eventText(e *ics.VEvent, p ics.ComponentProperty) string {
	if v := e.GetProperty(p); v != nil {
		return ics.FromText(v.Value)
	}
	return ""
}

// Issue 11 #10 / issue 17 #6: a release shipped late stayed on its planned
// day; it sits on the day it shipped, the planned day in its description.
func TestCalendarReleaseSitsOnItsActualDay(t *testing.T) {
	src := calendarFixture()
	src.releases[0].Status = data.StatusReleased
	src.releases[0].ActualRelease = data.NewDate(2026, 5, 11)
	src.releases = append(src.releases, data.PortfolioRelease{ID: 45, Product: "Ledger", Version: "3.0.0", Title: "On time",
		Status: data.StatusReleased, PlannedRelease: data.NewDate(2026, 6, 2), ActualRelease: data.NewDate(2026, 6, 2)})
	events := calendarEvents(t, writeCalendar(t, src))
	late := events["release-42@releasedesk"]
	start, err := late.GetAllDayStartAt()
	if err != nil || !start.Equal(time.Date(2026, 5, 11, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("late release starts %v (%v), want 11 May", start, err)
	}
	if d := eventText(late, ics.ComponentPropertyDescription); !strings.Contains(d, "Released: 2026-05-11, planned for 2026-05-08 (3 days late)") {
		t.Errorf("late release description: %q", d)
	}
	if d := eventText(events["release-45@releasedesk"], ics.ComponentPropertyDescription); !strings.Contains(d, "Released: 2026-06-02") || strings.Contains(d, "planned for") {
		t.Errorf("on-time release description: %q", d)
	}
}

// Issue 17 #6: "No deployments to all environments." did not read as a sentence.
func TestCalendarFreezeText(t *testing.T) {
	envs := func(names ...string) []data.Environment {
		var out []data.Environment
		for _, n := range names {
			out = append(out, data.Environment{Name: n})
		}
		return out
	}
	tests := []struct {
		fw   data.FreezeWindow
		want string
	}{
		{data.FreezeWindow{AllEnvironments: true}, "No deployments to any environment."},
		{data.FreezeWindow{Environments: envs("Production")}, "No deployments to Production."},
		{data.FreezeWindow{Environments: envs("QA", "Staging", "Production")}, "No deployments to QA, Staging or Production."},
	}
	for _, tt := range tests {
		if got := frozenText(tt.fw); got != tt.want {
			t.Errorf("frozenText = %q, want %q", got, tt.want)
		}
	}
}

// Issue 11 #10: every database's calendar used release-N@releasedesk, so
// two subscribed calendars overwrote each other's events.
func TestCalendarUIDsCarryTheDatabaseIdentity(t *testing.T) {
	ctx := context.Background()
	uidsOf := func(s *data.Store) []string {
		var buf bytes.Buffer
		if err := WriteCalendar(ctx, &buf, s, reportOptions()); err != nil {
			t.Fatal(err)
		}
		var out []string
		for uid := range calendarEvents(t, buf.Bytes()) {
			out = append(out, uid)
		}
		sort.Strings(out)
		return out
	}
	a, b := reportStore(t), reportStore(t)
	for _, s := range []*data.Store{a, b} {
		p := data.Product{Name: "Ledger"}
		if err := s.SaveProduct(ctx, &p); err != nil {
			t.Fatal(err)
		}
		r := data.Release{ProductID: p.ID, Version: "1.2.0", Title: "Reconcile", Type: data.TypeMinor, Status: data.StatusPlanned, PlannedRelease: data.NewDate(2026, 7, 1)}
		if err := s.SaveRelease(ctx, &r); err != nil {
			t.Fatal(err)
		}
	}
	first, again, other := uidsOf(a), uidsOf(a), uidsOf(b)
	id, _ := a.DatabaseID(ctx)
	if len(first) != 1 || first[0] != "release-1@"+id+".releasedesk" {
		t.Fatalf("UIDs %v, want release-1@%s.releasedesk", first, id)
	}
	if strings.Join(first, ",") != strings.Join(again, ",") {
		t.Errorf("UIDs changed between two exports of one database: %v then %v", first, again)
	}
	if first[0] == other[0] {
		t.Errorf("two databases' calendars share the UID %s", first[0])
	}
}

// Issue 17 #6: the calendar can be limited to products, a range of days
// and kinds of events.
func TestCalendarFilter(t *testing.T) {
	src := calendarFixture()
	src.releases = append(src.releases, data.PortfolioRelease{ID: 46, Product: "Ledger", Version: "3.1.0", Title: "June",
		Status: data.StatusPlanned, PlannedRelease: data.NewDate(2026, 6, 2)})
	src.freezes = append(src.freezes, data.FreezeWindow{ID: 4, Name: "Audit", AllEnvironments: true,
		Start: time.Date(2026, 5, 8, 22, 30, 0, 0, time.UTC), End: time.Date(2026, 5, 9, 6, 0, 0, 0, time.UTC)})
	tests := []struct {
		name   string
		filter CalendarFilter
		want   string
	}{
		{"everything", CalendarFilter{}, "deployment-1234 freeze-3 freeze-4 release-42 release-44 release-46"},
		{"one product, any case", CalendarFilter{Products: []string{"payments"}}, "deployment-1234 freeze-3 freeze-4 release-42"},
		{"two products", CalendarFilter{Products: []string{"Ledger", "Ledger, core"}}, "freeze-3 freeze-4 release-44 release-46"},
		{"from a day", CalendarFilter{From: data.NewDate(2026, 6, 1)}, "freeze-3 release-44 release-46"},
		// The Audit freeze starts at 00:30 on 9 May in the reader's zone.
		{"up to a day", CalendarFilter{To: data.NewDate(2026, 5, 8)}, "deployment-1234 release-42"},
		// The deployment ends at 22:00 UTC, midnight in the reader's zone: it does not touch 9 May.
		{"one day", CalendarFilter{From: data.NewDate(2026, 5, 9), To: data.NewDate(2026, 5, 9)}, "freeze-4"},
		{"kinds", CalendarFilter{Kinds: []CalendarKind{KindFreezes, KindDeployments}}, "deployment-1234 freeze-3 freeze-4"},
		{"all at once", CalendarFilter{Products: []string{"Payments"}, To: data.NewDate(2026, 5, 31), Kinds: []CalendarKind{KindReleases}}, "release-42"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteCalendarFiltered(context.Background(), &buf, src, tt.filter, reportOptions()); err != nil {
				t.Fatal(err)
			}
			var got []string
			for uid := range calendarEvents(t, buf.Bytes()) {
				got = append(got, strings.TrimSuffix(uid, "@releasedesk"))
			}
			sort.Strings(got)
			if strings.Join(got, " ") != tt.want {
				t.Errorf("events %v, want %s", got, tt.want)
			}
		})
	}
}

func TestParseCalendarKinds(t *testing.T) {
	got, err := ParseCalendarKinds([]string{"Releases, freeze", "deployment", "releases"})
	if err != nil || len(got) != 3 || got[0] != KindReleases || got[1] != KindFreezes || got[2] != KindDeployments {
		t.Errorf("kinds %v (%v)", got, err)
	}
	if _, err := ParseCalendarKinds([]string{"releases,meetings"}); err == nil || !strings.Contains(err.Error(), `"meetings"`) {
		t.Errorf("unknown kind: %v", err)
	}
	if got, err := ParseCalendarKinds(nil); err != nil || got != nil {
		t.Errorf("no kinds: %v %v", got, err)
	}
}

func TestExportCalendarRefusesABackwardRange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.ics")
	err := ExportCalendarFiltered(context.Background(), calendarFixture(), path, CalendarFilter{From: data.NewDate(2026, 6, 1), To: data.NewDate(2026, 5, 1)}, Options{})
	if err == nil || !strings.Contains(err.Error(), "before it starts") {
		t.Errorf("err = %v", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("a file was written")
	}
}
