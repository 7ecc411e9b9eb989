package reports

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"releasedesk/data"
)

// calendarFixture has a planned release, a draft without a day, a
// cancelled release, deployments and freeze windows.
func calendarFixture() *memPortfolio {
	edited := time.Date(2026, 4, 2, 7, 15, 0, 0, time.UTC)
	start := time.Date(2026, 5, 8, 20, 0, 0, 0, time.UTC)
	actual := start.Add(45 * time.Minute)
	return &memPortfolio{
		releases: []data.PortfolioRelease{
			{ID: 42, Product: "Payments", Version: "2.4.0", Title: "Checkout; wallets, and more\r\nsecond line", Type: data.TypeMajor,
				Status: data.StatusPlanned, Risk: data.RiskHigh, Owner: "Dana", PlannedRelease: data.NewDate(2026, 5, 8),
				CodeFreeze: data.NewDate(2026, 5, 1), UpdatedAt: edited},
			{ID: 43, Product: "Payments", Version: "2.5.0", Title: "Someday", Status: data.StatusDraft, UpdatedAt: edited},
			{ID: 44, Product: "Ledger, core", Version: "1.0.0", Title: "Dropped", Status: data.StatusCancelled,
				PlannedRelease: data.NewDate(2026, 12, 31), UpdatedAt: edited},
		},
		deployments: []data.PortfolioDeployment{
			{ID: 1234, ReleaseID: 42, Product: "Payments", Version: "2.4.0", Environment: "Production", Build: "2.4.0",
				PlannedStart: start, PlannedEnd: start.Add(2 * time.Hour), ActualStart: &actual, Outcome: data.OutcomeInProgress,
				Notes: "Watch \x07the gateway", UpdatedAt: edited},
		},
		freezes: []data.FreezeWindow{
			{ID: 3, Name: "Year end", Start: time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC), End: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC),
				Environments: []data.Environment{{Name: "Staging"}, {Name: "Production"}}, Reason: "Trading peak", UpdatedAt: edited},
		},
	}
}

func writeCalendar(t *testing.T, src CalendarSource) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteCalendar(context.Background(), &buf, src, reportOptions()); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCalendarEvents(t *testing.T) {
	out := writeCalendar(t, calendarFixture())
	for i, line := range strings.Split(strings.TrimSuffix(string(out), "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line %d is %d octets long: %q", i+1, len(line), line)
		}
		if strings.ContainsAny(line, "\r\n\x07") {
			t.Errorf("line %d holds a raw control character: %q", i+1, line)
		}
	}
	text := string(out)
	for _, want := range []string{
		"PRODID:-//Release Desk//Release Desk//EN\r\n",
		"DTSTART;VALUE=DATE:20260508\r\n", "DTEND;VALUE=DATE:20260509\r\n",
		"DTSTART:20260508T200000Z\r\n", "DTEND:20260508T220000Z\r\n",
		"DTSTAMP:20260402T071500Z\r\n", "LAST-MODIFIED:20260402T071500Z\r\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("calendar lacks %q", want)
		}
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	events := map[string]*ics.VEvent{}
	for _, e := range cal.Events() {
		events[e.Id()] = e
	}
	if len(events) != 4 {
		t.Fatalf("%d events (%v), want 4: two releases with days, a deployment, a freeze", len(events), keys(events))
	}
	prop := func(uid string, p ics.ComponentProperty) string {
		e := events[uid]
		if e == nil {
			t.Fatalf("no event %s", uid)
		}
		if v := e.GetProperty(p); v != nil {
			return ics.FromText(v.Value)
		}
		return ""
	}
	tests := []struct {
		uid  string
		prop ics.ComponentProperty
		want string
	}{
		{"release-42@releasedesk", ics.ComponentPropertySummary, "Release Payments 2.4.0 — Checkout; wallets, and more\nsecond line"},
		{"release-42@releasedesk", ics.ComponentPropertyStatus, "CONFIRMED"},
		{"release-44@releasedesk", ics.ComponentPropertyStatus, "CANCELLED"},
		{"deployment-1234@releasedesk", ics.ComponentPropertySummary, "Deploy Payments 2.4.0 to Production"},
		{"deployment-1234@releasedesk", ics.ComponentPropertyDescription,
			"Environment: Production\nBuild: 2.4.0\nOutcome: In progress\nStarted: 8 May 2026 22:45 CEST\nNotes: Watch the gateway"},
		{"freeze-3@releasedesk", ics.ComponentPropertySummary, "Freeze: Year end"},
		{"freeze-3@releasedesk", ics.ComponentPropertyDescription, "No deployments to Staging or Production.\nReason: Trading peak"},
	}
	for _, tt := range tests {
		if got := prop(tt.uid, tt.prop); got != tt.want {
			t.Errorf("%s %s = %q, want %q", tt.uid, tt.prop, got, tt.want)
		}
	}
	start, err := events["release-42@releasedesk"].GetAllDayStartAt()
	if err != nil || !start.Equal(time.Date(2026, 5, 8, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("release start %v, %v", start, err)
	}
	dstart, err := events["deployment-1234@releasedesk"].GetStartAt()
	if err != nil || !dstart.Equal(time.Date(2026, 5, 8, 20, 0, 0, 0, time.UTC)) {
		t.Errorf("deployment start %v, %v", dstart, err)
	}
	var cats []string
	for _, p := range events["release-44@releasedesk"].GetProperties(ics.ComponentPropertyCategories) {
		cats = append(cats, ics.FromText(p.Value))
	}
	if strings.Join(cats, "|") != "Release|Ledger, core" {
		t.Errorf("categories = %q", cats)
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestCalendarIsStableAcrossExports(t *testing.T) {
	src := calendarFixture()
	first := writeCalendar(t, src)
	src.deployments[0].Outcome = data.OutcomeSucceeded
	src.deployments[0].UpdatedAt = src.deployments[0].UpdatedAt.Add(time.Hour)
	second := writeCalendar(t, src)
	uids := func(b []byte) []string {
		cal, err := ics.ParseCalendar(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range cal.Events() {
			out = append(out, e.Id())
		}
		return out
	}
	if a, b := uids(first), uids(second); strings.Join(a, ",") != strings.Join(b, ",") {
		t.Errorf("UIDs changed between exports: %v then %v", a, b)
	}
	if !bytes.Contains(second, []byte("LAST-MODIFIED:20260402T081500Z")) {
		t.Error("an edited deployment keeps its old LAST-MODIFIED")
	}
	if again := writeCalendar(t, src); !bytes.Equal(again, second) {
		t.Error("exporting twice without changes gives different files")
	}
}

func TestExportCalendarFromTheStore(t *testing.T) {
	s := reportStore(t)
	ctx := context.Background()
	p := data.Product{Name: "Ledger"}
	if err := s.SaveProduct(ctx, &p); err != nil {
		t.Fatal(err)
	}
	r := data.Release{ProductID: p.ID, Version: "1.2.0", Title: "Reconcile", Type: data.TypeMinor, Status: data.StatusPlanned, PlannedRelease: data.NewDate(2026, 7, 1)}
	if err := s.SaveRelease(ctx, &r); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), CalendarFileName)
	if err := ExportCalendar(ctx, s, path, reportOptions()); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(b))
	id, _ := s.DatabaseID(ctx)
	if err != nil || len(cal.Events()) != 1 || cal.Events()[0].Id() != "release-1@"+id+".releasedesk" {
		t.Fatalf("calendar %v: %s", err, b)
	}
}
