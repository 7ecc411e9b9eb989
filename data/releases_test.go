package data

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"
)

func TestSaveReleaseValidation(t *testing.T) {
	f := newFixture(t)
	p := f.product("Payments")
	f.release(p, "2.4.0", NewDate(2026, 7, 1))
	valid := func() Release {
		return Release{ProductID: p.ID, Version: "2.5.0", Title: "Faster checkout", Type: TypeMinor,
			Status: StatusPlanned, Risk: RiskLow, CodeFreeze: NewDate(2026, 7, 20), PlannedRelease: NewDate(2026, 8, 1)}
	}
	tests := []struct {
		name  string
		edit  func(r *Release)
		field string
	}{
		{"missing product", func(r *Release) { r.ProductID = 0 }, "Product"},
		{"unknown product", func(r *Release) { r.ProductID = 999 }, "Product"},
		{"missing version", func(r *Release) { r.Version = " " }, "Version"},
		{"bad version", func(r *Release) { r.Version = "next one" }, "Version"},
		{"duplicate version", func(r *Release) { r.Version = "2.4.0" }, "Version"},
		{"missing title", func(r *Release) { r.Title = "" }, "Title"},
		{"bad type", func(r *Release) { r.Type = "huge" }, "Type"},
		{"bad status", func(r *Release) { r.Status = "shipped" }, "Status"},
		{"bad risk", func(r *Release) { r.Risk = "extreme" }, "Risk"},
		{"freeze after release", func(r *Release) { r.CodeFreeze = NewDate(2026, 8, 2) }, "CodeFreeze"},
		{"planned without date", func(r *Release) { r.PlannedRelease = Date{} }, "PlannedRelease"},
		{"released without actual date", func(r *Release) { r.Status = StatusReleased }, "ActualRelease"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := valid()
			tt.edit(&r)
			err := f.s.SaveRelease(context.Background(), &r)
			v, ok := AsValidation(err)
			if !ok {
				t.Fatalf("got %v, want a validation error on %s", err, tt.field)
			}
			if v.Message(tt.field) == "" {
				t.Fatalf("got %v, want a message on %s", err, tt.field)
			}
			if r.ID != 0 {
				t.Fatalf("release was saved with id %d", r.ID)
			}
		})
	}
	all, err := f.s.ListReleases(context.Background(), ReleaseFilter{})
	if err != nil || len(all) != 1 {
		t.Fatalf("after rejected saves: %d releases, %v; want 1", len(all), err)
	}
	r := valid()
	if err := f.s.SaveRelease(context.Background(), &r); err != nil {
		t.Fatalf("valid release refused: %v", err)
	}
}

func TestReleaseLifecycle(t *testing.T) {
	moves := []struct {
		from, to ReleaseStatus
		ok       bool
	}{
		{StatusDraft, StatusPlanned, true},
		{StatusDraft, StatusInProgress, false},
		{StatusDraft, StatusReleased, false},
		{StatusPlanned, StatusInProgress, true},
		{StatusPlanned, StatusDraft, false},
		{StatusInProgress, StatusReleased, true},
		{StatusInProgress, StatusRolledBack, true},
		{StatusInProgress, StatusPlanned, false},
		{StatusRolledBack, StatusPlanned, true},
		{StatusRolledBack, StatusReleased, false},
		{StatusReleased, StatusCancelled, true},
		{StatusReleased, StatusInProgress, false},
		{StatusPlanned, StatusCancelled, true},
		{StatusCancelled, StatusPlanned, false},
		{StatusCancelled, StatusCancelled, true},
	}
	for _, m := range moves {
		if got := m.from.CanMoveTo(m.to); got != m.ok {
			t.Errorf("%s -> %s: got %v, want %v", m.from, m.to, got, m.ok)
		}
	}

	f := newFixture(t)
	r := f.release(f.product("Payments"), "1.0.0", NewDate(2026, 7, 1))
	ctx := context.Background()
	if err := f.s.SetReleaseStatus(ctx, r.ID, StatusReleased); err == nil {
		t.Fatal("planned -> released was allowed")
	}
	for _, st := range []ReleaseStatus{StatusInProgress, StatusRolledBack, StatusPlanned, StatusInProgress, StatusReleased} {
		if err := f.s.SetReleaseStatus(ctx, r.ID, st); err != nil {
			t.Fatalf("move to %s: %v", st, err)
		}
	}
	got, err := f.s.Release(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != StatusReleased || !got.ActualRelease.Equal(DateOf(testClock)) {
		t.Fatalf("got %s actual %s, want released on %s", got.Status, got.ActualRelease, DateOf(testClock))
	}
	got.Status = StatusDraft
	if _, ok := AsValidation(f.s.SaveRelease(ctx, &got)); !ok {
		t.Fatal("SaveRelease allowed released -> draft")
	}
}

func TestReleaseHistoryAndUndo(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.release(f.product("Payments"), "1.0.0", NewDate(2026, 7, 1))
	r.Title = "Renamed"
	r.Owner = "Sam"
	if err := f.s.SaveRelease(ctx, &r); err != nil {
		t.Fatal(err)
	}
	hist, err := f.s.HistoryOf(ctx, EntityRelease, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var titleChange *History
	for i, h := range hist {
		if h.Action == ActionUpdate && h.Field == "Title" {
			titleChange = &hist[i]
		}
		if h.Action == ActionUpdate && (h.Field == "UpdatedAt" || h.Field == "Version") {
			t.Errorf("history recorded an unchanged field: %+v", h)
		}
	}
	if titleChange == nil || titleChange.OldValue != "Release 1.0.0" || titleChange.NewValue != "Renamed" {
		t.Fatalf("title change not recorded: %+v", hist)
	}

	snap, err := f.s.DeleteRelease(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Release(ctx, r.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after delete: %v, want ErrNotFound", err)
	}
	if err := f.s.RestoreRelease(ctx, snap); err != nil {
		t.Fatal(err)
	}
	back, err := f.s.Release(ctx, r.ID)
	if err != nil || back.Title != "Renamed" || back.Product.Name != "Payments" {
		t.Fatalf("restored %+v, %v", back, err)
	}
}

func TestFindRelease(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.release(f.product("Customer Portal"), "3.1.0", NewDate(2026, 7, 1))
	for _, ref := range []string{"customer portal 3.1.0", "Customer Portal 3.1.0", " 1 ", "Customer Portal v3.1.0", "Customer Portal 3.1"} {
		got, err := f.s.FindRelease(ctx, ref)
		if err != nil || got.ID != r.ID {
			t.Errorf("FindRelease(%q) = %d, %v; want %d", ref, got.ID, err, r.ID)
		}
	}
	for _, ref := range []string{"Customer Portal 9.9.9", "Customer Portal 3.10", "Billing 3.1.0", "42", "nothing"} {
		if _, err := f.s.FindRelease(ctx, ref); !errors.Is(err, ErrNotFound) {
			t.Errorf("FindRelease(%q) = %v, want ErrNotFound", ref, err)
		}
	}
}

// listFixture stores five releases with distinct products, owners, change
// references, statuses and dates for the ListReleases tests.
func listFixture(t *testing.T) (*fixture, map[string]Release) {
	f := newFixture(t)
	pay, ledger := f.product("Payments"), f.product("Ledger")
	stored := map[string]Release{}
	for _, r := range []Release{
		{ProductID: pay.ID, Version: "2.9.0", Title: "Checkout", Status: StatusReleased, Owner: "Dana Ortiz", ChangeRef: "CHG-1001",
			PlannedRelease: NewDate(2026, 3, 2), ActualRelease: NewDate(2026, 3, 3), Description: "Long notes on checkout"},
		{ProductID: pay.ID, Version: "2.10.0", Title: "Refunds", Status: StatusPlanned, Owner: "Sam Lee", ChangeRef: "CHG-1002",
			CodeFreeze: NewDate(2026, 4, 27), PlannedRelease: NewDate(2026, 5, 4), RiskNotes: "Refund totals"},
		{ProductID: ledger.ID, Version: "9.1.0", Title: "Audit trail", Status: StatusInProgress, Owner: "Dana Ortiz",
			PlannedRelease: NewDate(2026, 4, 20)},
		{ProductID: ledger.ID, Version: "10.0.0", Title: "New ledger", Status: StatusDraft},
		{ProductID: ledger.ID, Version: "8.0.0", Title: "Old ledger", Status: StatusCancelled, PlannedRelease: NewDate(2026, 1, 15)},
	} {
		r.Type, r.Risk = TypeMinor, RiskHigh
		if err := f.s.SaveRelease(f.ctx, &r); err != nil {
			t.Fatalf("release %s: %v", r.Version, err)
		}
		stored[r.Version] = r
	}
	return f, stored
}

func TestListReleasesFilters(t *testing.T) {
	f, stored := listFixture(t)
	tests := []struct {
		name string
		f    ReleaseFilter
		want []string // versions, in the order listed
	}{
		{"everything by planned date, undated first (as SQLite orders NULL)", ReleaseFilter{}, []string{"10.0.0", "8.0.0", "2.9.0", "9.1.0", "2.10.0"}},
		{"product name", ReleaseFilter{Search: "ledg"}, []string{"10.0.0", "8.0.0", "9.1.0"}},
		{"version", ReleaseFilter{Search: "2.10"}, []string{"2.10.0"}},
		{"title, any case", ReleaseFilter{Search: "  AUDIT "}, []string{"9.1.0"}},
		{"owner", ReleaseFilter{Search: "sam"}, []string{"2.10.0"}},
		{"change reference", ReleaseFilter{Search: "chg-1001"}, []string{"2.9.0"}},
		{"product and version", ReleaseFilter{Search: "payments 2.9"}, []string{"2.9.0"}},
		{"description is not searched", ReleaseFilter{Search: "long notes"}, nil},
		{"an underscore is itself, not any one character", ReleaseFilter{Search: "chg_1001"}, nil},
		{"a percent sign is itself, not any text", ReleaseFilter{Search: "2%0"}, nil},
		{"a backslash is itself", ReleaseFilter{Search: `chg\`}, nil},
		{"wildcard-free text still matches inside", ReleaseFilter{Search: "g-10"}, []string{"2.9.0", "2.10.0"}},
		{"product", ReleaseFilter{ProductID: stored["2.9.0"].ProductID}, []string{"2.9.0", "2.10.0"}},
		{"statuses", ReleaseFilter{Statuses: []ReleaseStatus{StatusDraft, StatusInProgress}}, []string{"10.0.0", "9.1.0"}},
		{"planned from", ReleaseFilter{From: NewDate(2026, 4, 20)}, []string{"9.1.0", "2.10.0"}},
		{"planned up to", ReleaseFilter{To: NewDate(2026, 3, 2)}, []string{"8.0.0", "2.9.0"}},
		{"everything at once", ReleaseFilter{Search: "dana", ProductID: stored["9.1.0"].ProductID,
			Statuses: []ReleaseStatus{StatusInProgress}, From: NewDate(2026, 4, 1), To: NewDate(2026, 4, 30)}, []string{"9.1.0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := f.s.ListReleases(f.ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rs {
				got = append(got, r.Version)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("listed %q, want %q", got, tt.want)
			}
			n, err := f.s.CountReleases(f.ctx, tt.f)
			if err != nil || n != len(tt.want) {
				t.Errorf("CountReleases = %d, %v; want %d", n, err, len(tt.want))
			}
		})
	}
}

func TestListReleasesHoldsWhatAListShows(t *testing.T) {
	f, stored := listFixture(t)
	// A row written by another tool may leave the optional text NULL.
	if err := f.s.db.Exec("UPDATE releases SET owner = NULL, change_ref = NULL WHERE id = ?", stored["9.1.0"].ID).Error; err != nil {
		t.Fatal(err)
	}
	rs, err := f.s.ListReleases(f.ctx, ReleaseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, got := range rs {
		full, err := f.s.Release(f.ctx, got.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The line is the stored release without its long text and timestamps.
		want := full
		want.Description, want.RiskNotes = "", ""
		want.CreatedAt, want.UpdatedAt = time.Time{}, time.Time{}
		want.Product = Product{ID: full.ProductID, Name: full.Product.Name}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s listed as\n%+v\nwant\n%+v", full.Name(), got, want)
		}
	}
	// The editor reads the whole release by id, long text included.
	for version, check := range map[string]func(Release) bool{
		"2.9.0":  func(r Release) bool { return r.Description == "Long notes on checkout" },
		"2.10.0": func(r Release) bool { return r.RiskNotes == "Refund totals" },
	} {
		if full, err := f.s.Release(f.ctx, stored[version].ID); err != nil || !check(full) || full.CreatedAt.IsZero() {
			t.Errorf("Release(%s) = %+v, %v; want the whole release", version, full, err)
		}
	}
}

// BenchmarkListReleases measures the Releases screen's list query on the
// 2,000-release demo database: everything, a search keystroke, and a
// status filter.
func BenchmarkListReleases(b *testing.B) {
	s := rulesBenchStore(b)
	ctx := context.Background()
	for _, bb := range []struct {
		name string
		f    ReleaseFilter
		min  int
	}{
		{"all", ReleaseFilter{}, 2000},
		{"search", ReleaseFilter{Search: "pay"}, 1},
		{"active", ReleaseFilter{Statuses: []ReleaseStatus{StatusDraft, StatusPlanned, StatusInProgress, StatusRolledBack}}, 1},
	} {
		b.Run(bb.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				rs, err := s.ListReleases(ctx, bb.f)
				if err != nil || len(rs) < bb.min {
					b.Fatalf("got %d releases, %v; want at least %d", len(rs), err, bb.min)
				}
				n = len(rs)
			}
			b.ReportMetric(float64(n), "rows")
		})
	}
}
