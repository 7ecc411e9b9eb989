package data

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func freezeNames(ws []FreezeWindow) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Name)
	}
	return out
}

func envNames(envs []Environment) []string {
	var out []string
	for _, e := range envs {
		out = append(out, e.Name)
	}
	return out
}

func joinRows(t *testing.T, f *fixture) int64 {
	t.Helper()
	var n int64
	if err := f.s.db.Table("freeze_window_environments").Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSaveFreezeWindow(t *testing.T) {
	f := newFixture(t)
	qa, stage, prod := f.env("QA", KindTest), f.env("Staging", KindStaging), f.env("Production", KindProduction)
	start := time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC)
	valid := func() FreezeWindow {
		return FreezeWindow{Name: "Year end", Start: start, End: start.AddDate(0, 0, 14), Environments: []Environment{prod}, Reason: "Holidays"}
	}
	tests := []struct {
		name  string
		edit  func(w *FreezeWindow)
		field string
	}{
		{"missing name", func(w *FreezeWindow) { w.Name = "" }, "Name"},
		{"missing start", func(w *FreezeWindow) { w.Start = time.Time{} }, "Start"},
		{"missing end", func(w *FreezeWindow) { w.End = time.Time{} }, "End"},
		{"end equals start", func(w *FreezeWindow) { w.End = w.Start }, "End"},
		{"end before start", func(w *FreezeWindow) { w.End = w.Start.Add(-time.Hour) }, "End"},
		{"no environments", func(w *FreezeWindow) { w.Environments = nil }, "Environments"},
		{"unknown environment", func(w *FreezeWindow) { w.Environments = []Environment{prod, {ID: 999}} }, "Environments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := crudDump(t, f.s)
			w := valid()
			tt.edit(&w)
			crudRefused(t, f.s, before, f.s.SaveFreezeWindow(f.ctx, &w), tt.field)
			if w.ID != 0 {
				t.Fatalf("refused window kept id %d", w.ID)
			}
		})
	}
	w := valid()
	if err := f.s.SaveFreezeWindow(f.ctx, &w); err != nil {
		t.Fatal(err)
	}
	if !crudHistoryHas(t, f.s, EntityFreezeWindow, w.ID, ActionCreate, "Environments", 0) {
		t.Fatal("the window's environments were not recorded")
	}
	w.Environments = []Environment{{ID: stage.ID}, {ID: qa.ID}, {ID: qa.ID}}
	w.Name = "Year-end freeze"
	if err := f.s.SaveFreezeWindow(f.ctx, &w); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.FreezeWindow(f.ctx, w.ID)
	if err != nil || !slices.Equal(envNames(got.Environments), []string{"QA", "Staging"}) || got.Name != "Year-end freeze" {
		t.Fatalf("after replacing environments: %+v, %v", got, err)
	}
	if n := joinRows(t, f); n != 2 {
		t.Fatalf("%d environment links, want 2", n)
	}
	hist, _ := f.s.HistoryOf(f.ctx, EntityFreezeWindow, w.ID)
	if !slices.ContainsFunc(hist, func(h History) bool {
		return h.Action == ActionUpdate && h.Field == "Environments" && h.OldValue == "Production" && h.NewValue == "QA, Staging"
	}) {
		t.Fatalf("environment change not recorded: %+v", hist)
	}
	if got.Covers(prod.ID) || !got.Covers(qa.ID) {
		t.Fatal("Covers disagrees with the saved environments")
	}
	got.AllEnvironments = true
	if err := f.s.SaveFreezeWindow(f.ctx, &got); err != nil {
		t.Fatal(err)
	}
	if n := joinRows(t, f); n != 0 {
		t.Fatalf("a window over all environments kept %d links", n)
	}
	if err := f.s.SaveFreezeWindow(f.ctx, &FreezeWindow{ID: 4242, Name: "x", Start: start, End: start.Add(time.Hour), AllEnvironments: true}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("saving a missing window: %v", err)
	}
}

func TestFreezeWindowsInRange(t *testing.T) {
	f := newFixture(t)
	prod := f.env("Production", KindProduction)
	day := func(d int) time.Time { return time.Date(2026, 6, d, 0, 0, 0, 0, time.UTC) }
	for _, w := range []FreezeWindow{
		{Name: "B", Start: day(10), End: day(12), Environments: []Environment{prod}},
		{Name: "A", Start: day(1), End: day(3), AllEnvironments: true},
	} {
		if err := f.s.SaveFreezeWindow(f.ctx, &w); err != nil {
			t.Fatal(err)
		}
	}
	cest := time.FixedZone("CEST", 2*3600)
	tests := []struct {
		name     string
		from, to time.Time
		want     []string
	}{
		{"everything", time.Time{}, time.Time{}, []string{"A", "B"}},
		{"spanning both", day(2), day(11), []string{"A", "B"}},
		{"starting as A ends", day(3), day(5), nil},
		{"ending as B starts", time.Time{}, day(10), []string{"A"}},
		{"open end", day(11), time.Time{}, []string{"B"}},
		{"bounds in another zone", day(3).In(cest).Add(-time.Minute), day(10).In(cest).Add(time.Minute), []string{"A", "B"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.s.FreezeWindows(f.ctx, tt.from, tt.to)
			if err != nil || !slices.Equal(freezeNames(got), tt.want) {
				t.Fatalf("got %v (%v), want %v", freezeNames(got), err, tt.want)
			}
			for _, w := range got {
				if w.Name == "B" && !slices.Equal(envNames(w.Environments), []string{"Production"}) {
					t.Fatalf("B without its environments: %+v", w)
				}
			}
		})
	}
}

func TestDeleteAndRestoreFreezeWindow(t *testing.T) {
	f := newFixture(t)
	qa, prod := f.env("QA", KindTest), f.env("Production", KindProduction)
	start := time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC)
	w := FreezeWindow{Name: "Year end", Start: start, End: start.AddDate(0, 0, 14), Environments: []Environment{qa, prod}}
	if err := f.s.SaveFreezeWindow(f.ctx, &w); err != nil {
		t.Fatal(err)
	}
	removed, err := f.s.DeleteFreezeWindow(f.ctx, w.ID)
	if err != nil || len(removed.Environments) != 2 {
		t.Fatalf("delete: %+v, %v", removed, err)
	}
	if n := joinRows(t, f); n != 0 {
		t.Fatalf("%d environment links left after deletion", n)
	}
	if !crudHistoryHas(t, f.s, EntityFreezeWindow, w.ID, ActionDelete, "", 0) {
		t.Fatal("deletion left no history")
	}
	if _, err := f.s.FreezeWindow(f.ctx, w.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
	if err := f.s.RestoreFreezeWindow(f.ctx, removed); err != nil {
		t.Fatal(err)
	}
	back, err := f.s.FreezeWindow(f.ctx, w.ID)
	if err != nil || !slices.Equal(envNames(back.Environments), []string{"QA", "Production"}) {
		t.Fatalf("restored %+v, %v", back, err)
	}
	if _, err := f.s.DeleteFreezeWindow(f.ctx, 4242); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleting a missing window: %v", err)
	}
}
