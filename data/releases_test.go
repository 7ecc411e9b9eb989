package data

import (
	"context"
	"errors"
	"testing"
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
	for _, ref := range []string{"customer portal 3.1.0", "Customer Portal 3.1.0", " 1 "} {
		got, err := f.s.FindRelease(ctx, ref)
		if err != nil || got.ID != r.ID {
			t.Errorf("FindRelease(%q) = %d, %v; want %d", ref, got.ID, err, r.ID)
		}
	}
	for _, ref := range []string{"Customer Portal 9.9.9", "42", "nothing"} {
		if _, err := f.s.FindRelease(ctx, ref); !errors.Is(err, ErrNotFound) {
			t.Errorf("FindRelease(%q) = %v, want ErrNotFound", ref, err)
		}
	}
}
