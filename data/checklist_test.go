package data

import (
	"errors"
	"strings"
	"testing"
)

func TestSaveChecklistItem(t *testing.T) {
	f := newFixture(t)
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	tests := []struct {
		name  string
		it    ChecklistItem
		field string
	}{
		{"missing title", ChecklistItem{ReleaseID: r.ID, Category: CategoryReadiness, Title: " "}, "Title"},
		{"bad category", ChecklistItem{ReleaseID: r.ID, Category: "misc", Title: "Tidy up"}, "Category"},
		{"missing release", ChecklistItem{Category: CategoryReadiness, Title: "Tidy up"}, "Release"},
		{"unknown release", ChecklistItem{ReleaseID: 999, Category: CategoryReadiness, Title: "Tidy up"}, "Release"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := crudDump(t, f.s)
			it := tt.it
			crudRefused(t, f.s, before, f.s.SaveChecklistItem(f.ctx, &it), tt.field)
			if it.ID != 0 {
				t.Fatalf("refused item kept id %d", it.ID)
			}
		})
	}
	add := func(c ChecklistCategory, title string, due Date) ChecklistItem {
		it := ChecklistItem{ReleaseID: r.ID, Category: c, Title: title, Due: due}
		if err := f.s.SaveChecklistItem(f.ctx, &it); err != nil {
			t.Fatal(err)
		}
		return it
	}
	backout := add(CategoryBackout, "Backout plan", NewDate(2026, 6, 20))
	undated := add(CategoryReadiness, "Undated readiness", Date{})
	late := add(CategoryReadiness, "Late readiness", NewDate(2026, 6, 30))
	early := add(CategoryReadiness, "Early readiness", NewDate(2026, 6, 10))
	comms := add(CategoryCommunication, "Announce", NewDate(2026, 6, 1))
	got, err := f.s.Checklist(f.ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []uint{early.ID, late.ID, undated.ID, comms.ID, backout.ID}
	for i, it := range got {
		if i >= len(want) || it.ID != want[i] {
			t.Fatalf("checklist order %v, want ids %v", titles(got), want)
		}
	}
	if !crudHistoryHas(t, f.s, EntityChecklistItem, early.ID, ActionCreate, "Title", r.ID) {
		t.Fatal("adding an item left no history")
	}

	before := crudDump(t, f.s)
	early.Title = ""
	crudRefused(t, f.s, before, f.s.SaveChecklistItem(f.ctx, &early), "Title")
	early.Title, early.Owner = "Early readiness, renamed", "Dana"
	if err := f.s.SaveChecklistItem(f.ctx, &early); err != nil {
		t.Fatal(err)
	}
	if !crudHistoryHas(t, f.s, EntityChecklistItem, early.ID, ActionUpdate, "Owner", r.ID) {
		t.Fatal("editing an item left no history")
	}

	if err := f.s.SetChecklistDone(f.ctx, late.ID, true); err != nil {
		t.Fatal(err)
	}
	if !crudHistoryHas(t, f.s, EntityChecklistItem, late.ID, ActionUpdate, "Done", r.ID) {
		t.Fatal("ticking an item off left no history")
	}
	n := crudHistoryCount(t, f.s)
	if err := f.s.SetChecklistDone(f.ctx, late.ID, true); err != nil || crudHistoryCount(t, f.s) != n {
		t.Fatalf("ticking twice: %v, history grew", err)
	}
	if err := f.s.SetChecklistDone(f.ctx, 4242, true); !errors.Is(err, ErrNotFound) {
		t.Fatalf("ticking a missing item: %v", err)
	}

	removed, err := f.s.DeleteChecklistItem(f.ctx, late.ID)
	if err != nil || !removed.Done {
		t.Fatalf("delete: %+v, %v", removed, err)
	}
	if !crudHistoryHas(t, f.s, EntityChecklistItem, late.ID, ActionDelete, "", r.ID) {
		t.Fatal("deleting left no history")
	}
	if err := f.s.RestoreChecklistItem(f.ctx, removed); err != nil {
		t.Fatal(err)
	}
	got, _ = f.s.Checklist(f.ctx, r.ID)
	if len(got) != 5 || got[1].ID != late.ID || !got[1].Done {
		t.Fatalf("after restore %v", titles(got))
	}
}

func titles(items []ChecklistItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Title)
	}
	return out
}

func TestChecklistTemplates(t *testing.T) {
	count := func(items []ChecklistItem, c ChecklistCategory) int {
		n := 0
		for _, it := range items {
			if it.Category == c {
				n++
			}
		}
		return n
	}
	for _, typ := range ReleaseTypes {
		items := ChecklistTemplate(typ)
		if count(items, CategoryBackout) == 0 {
			t.Errorf("%s template has no backout plan", typ)
		}
		seen := map[string]bool{}
		for _, it := range items {
			if !it.Category.Valid() || strings.TrimSpace(it.Title) == "" || !it.Due.IsZero() || seen[titleKey(it.Title)] {
				t.Errorf("%s template item %+v is not a valid, undated, unique item", typ, it)
			}
			seen[titleKey(it.Title)] = true
		}
	}
	major, hotfix, emergency := ChecklistTemplate(TypeMajor), ChecklistTemplate(TypeHotfix), ChecklistTemplate(TypeEmergency)
	for _, c := range []ChecklistCategory{CategoryReadiness, CategoryCommunication} {
		if count(major, c) <= count(hotfix, c) {
			t.Errorf("major has %d %s items, hotfix %d: want more for major", count(major, c), c, count(hotfix, c))
		}
	}
	for _, typ := range ReleaseTypes {
		if typ != TypeEmergency && len(ChecklistTemplate(typ)) <= len(emergency) {
			t.Errorf("%s template (%d items) is not larger than the emergency one (%d)", typ, len(ChecklistTemplate(typ)), len(emergency))
		}
	}
	if ChecklistTemplate("unknown") != nil {
		t.Error("an unknown type has a template")
	}

	tests := []struct {
		name   string
		freeze Date
		title  string
		want   Date
	}{
		{"from the freeze", NewDate(2026, 6, 20), "Release notes written", NewDate(2026, 6, 21)},
		{"before release", NewDate(2026, 6, 20), "Deployment runbook reviewed", NewDate(2026, 6, 28)},
		{"freeze counted steps never after release", NewDate(2026, 6, 30), "Regression suite passed on test", NewDate(2026, 7, 1)},
		{"no freeze", Date{}, "Release notes written", NewDate(2026, 7, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Release{ID: 7, Type: TypeMinor, CodeFreeze: tt.freeze, PlannedRelease: NewDate(2026, 7, 1)}
			for _, it := range ChecklistTemplateFor(r) {
				if it.Title == tt.title {
					if !it.Due.Equal(tt.want) || it.ReleaseID != 7 {
						t.Fatalf("%s due %s for release %d, want %s for 7", it.Title, it.Due, it.ReleaseID, tt.want)
					}
					return
				}
			}
			t.Fatalf("no %q in the minor template", tt.title)
		})
	}
}

func TestApplyChecklistTemplate(t *testing.T) {
	f := newFixture(t)
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	mine := ChecklistItem{ReleaseID: r.ID, Category: CategoryReadiness, Title: "  release NOTES   written "}
	if err := f.s.SaveChecklistItem(f.ctx, &mine); err != nil {
		t.Fatal(err)
	}
	template := ChecklistTemplateFor(r)
	added, err := f.s.ApplyChecklistTemplate(f.ctx, r.ID)
	if err != nil || added != len(template)-1 {
		t.Fatalf("added %d (%v), want %d", added, err, len(template)-1)
	}
	items, _ := f.s.Checklist(f.ctx, r.ID)
	if len(items) != len(template) {
		t.Fatalf("%d items after applying, want %d", len(items), len(template))
	}
	for _, it := range items {
		if it.ID != mine.ID && !crudHistoryHas(t, f.s, EntityChecklistItem, it.ID, ActionCreate, "Title", r.ID) {
			t.Fatalf("template item %q has no history", it.Title)
		}
		if it.ID != mine.ID && it.Due.IsZero() {
			t.Fatalf("template item %q has no due day", it.Title)
		}
	}
	before := crudDump(t, f.s)
	if again, err := f.s.ApplyChecklistTemplate(f.ctx, r.ID); err != nil || again != 0 || crudDump(t, f.s) != before {
		t.Fatalf("applying twice added %d (%v)", again, err)
	}
	if _, err := f.s.ApplyChecklistTemplate(f.ctx, 4242); !errors.Is(err, ErrNotFound) {
		t.Fatalf("template on a missing release: %v", err)
	}
}
