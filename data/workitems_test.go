package data

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// scopeItem adds a work item to release r or fails the test.
func (f *fixture) scopeItem(r Release, key string, kind WorkItemKind, status WorkItemStatus) WorkItem {
	f.t.Helper()
	it := WorkItem{ReleaseID: r.ID, Key: key, Summary: "Summary of " + key, Kind: kind, Status: status, CustomerFacing: kind != WorkTask}
	if err := f.s.SaveWorkItem(f.ctx, &it); err != nil {
		f.t.Fatalf("work item %s: %v", key, err)
	}
	return it
}

func itemKeys(items []WorkItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Key
	}
	return out
}

func TestSaveWorkItemRefusesBadValues(t *testing.T) {
	f := newFixture(t)
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	f.scopeItem(r, "PAY-101", WorkFeature, WorkOpen)
	good := WorkItem{ReleaseID: r.ID, Key: "PAY-102", Summary: "Refunds", Kind: WorkFix}
	tests := []struct {
		name  string
		edit  func(*WorkItem)
		field string
	}{
		{"missing key", func(w *WorkItem) { w.Key = "  " }, "Key"},
		{"key with a space", func(w *WorkItem) { w.Key = "PAY 102" }, "Key"},
		{"key too long", func(w *WorkItem) { w.Key = strings.Repeat("K", MaxWorkItemKey+1) }, "Key"},
		{"key taken, other case", func(w *WorkItem) { w.Key = "pay-101" }, "Key"},
		{"missing summary", func(w *WorkItem) { w.Summary = "\n\t" }, "Summary"},
		{"summary too long", func(w *WorkItem) { w.Summary = strings.Repeat("é", MaxWorkItemSummary+1) }, "Summary"},
		{"unknown kind", func(w *WorkItem) { w.Kind = "epic" }, "Kind"},
		{"unknown status", func(w *WorkItem) { w.Status = "blocked" }, "Status"},
		{"script link", func(w *WorkItem) { w.Link = "javascript:alert(1)" }, "Link"},
		{"relative link", func(w *WorkItem) { w.Link = "/browse/PAY-102" }, "Link"},
		{"component too long", func(w *WorkItem) { w.Component = strings.Repeat("c", MaxWorkItemComponent+1) }, "Component"},
		{"notes too long", func(w *WorkItem) { w.Notes = strings.Repeat("n", MaxWorkItemNotes+1) }, "Notes"},
		{"missing release", func(w *WorkItem) { w.ReleaseID = 0 }, "Release"},
		{"unknown release", func(w *WorkItem) { w.ReleaseID = 999 }, "Release"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := crudDump(t, f.s)
			it := good
			tt.edit(&it)
			crudRefused(t, f.s, before, f.s.SaveWorkItem(f.ctx, &it), tt.field)
			if it.ID != 0 {
				t.Fatalf("refused item kept id %d", it.ID)
			}
		})
	}
}

func TestSaveWorkItemTidiesAndRecordsHistory(t *testing.T) {
	f := newFixture(t)
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	it := WorkItem{ReleaseID: r.ID, Key: " PAY-7 ", Summary: "  Pay   by\nlink ", Kind: WorkFeature,
		Link: "https://jira.example.com/browse/PAY-7", CustomerFacing: true}
	if err := f.s.SaveWorkItem(f.ctx, &it); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.WorkItem(f.ctx, it.ID)
	if err != nil || got.Key != "PAY-7" || got.Summary != "Pay by link" || got.Status != WorkOpen {
		t.Fatalf("stored %+v (%v)", got, err)
	}
	if !crudHistoryHas(t, f.s, EntityWorkItem, it.ID, ActionCreate, "Key", r.ID) {
		t.Fatal("adding an item left no history")
	}
	got.Status = WorkDone
	if err := f.s.SaveWorkItem(f.ctx, &got); err != nil {
		t.Fatal(err)
	}
	if !crudHistoryHas(t, f.s, EntityWorkItem, it.ID, ActionUpdate, "Status", r.ID) {
		t.Fatal("finishing an item left no history")
	}
	other := f.release(f.product("Ledger"), "1.0.0", NewDate(2026, 7, 2))
	got.ReleaseID = other.ID
	before := crudDump(t, f.s)
	crudRefused(t, f.s, before, f.s.SaveWorkItem(f.ctx, &got), "Release")
}

func TestWorkItemsFilterAndOrder(t *testing.T) {
	f := newFixture(t)
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	f.scopeItem(r, "PAY-10", WorkFix, WorkDone)
	f.scopeItem(r, "PAY-9", WorkFix, WorkOpen)
	f.scopeItem(r, "OPS-3", WorkTask, WorkInProgress)
	f.scopeItem(r, "PAY-100", WorkFeature, WorkDropped)
	f.scopeItem(r, "AUTH-2", WorkSecurity, WorkDone)
	f.scopeItem(f.release(f.product("Ledger"), "1.0.0", NewDate(2026, 7, 2)), "LED-1", WorkFix, WorkOpen)
	tests := []struct {
		filter WorkItemFilter
		want   []string
	}{
		{WorkItemFilter{}, []string{"PAY-100", "PAY-9", "PAY-10", "AUTH-2", "OPS-3"}},
		{WorkItemFilter{Kinds: []WorkItemKind{WorkFix}}, []string{"PAY-9", "PAY-10"}},
		{WorkItemFilter{Statuses: []WorkItemStatus{WorkOpen, WorkInProgress}}, []string{"PAY-9", "OPS-3"}},
		{WorkItemFilter{CustomerFacing: true, Statuses: []WorkItemStatus{WorkDone}}, []string{"PAY-10", "AUTH-2"}},
	}
	for _, tt := range tests {
		got, err := f.s.WorkItems(f.ctx, r.ID, tt.filter)
		if err != nil || !slices.Equal(itemKeys(got), tt.want) {
			t.Errorf("WorkItems(%+v) = %v (%v), want %v", tt.filter, itemKeys(got), err, tt.want)
		}
	}
}

func TestCompareKeysIsNaturalOrder(t *testing.T) {
	keys := []string{"PAY-10", "pay-2", "AUTH-1", "#12", "PAY-9", "#3", "PAY-9A"}
	slices.SortFunc(keys, CompareKeys)
	want := []string{"#3", "#12", "AUTH-1", "pay-2", "PAY-9", "PAY-10", "PAY-9A"}
	if !slices.Equal(keys, want) {
		t.Fatalf("sorted %v, want %v", keys, want)
	}
}

func TestDeleteAndRestoreWorkItems(t *testing.T) {
	f := newFixture(t)
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	a := f.scopeItem(r, "PAY-1", WorkFix, WorkOpen)
	b := f.scopeItem(r, "PAY-2", WorkFeature, WorkDone)
	keep := f.scopeItem(r, "PAY-3", WorkFeature, WorkDone)
	if _, err := f.s.DeleteWorkItems(f.ctx, []uint{a.ID, 4242}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleting a missing item with a real one: %v", err)
	}
	gone, err := f.s.DeleteWorkItems(f.ctx, []uint{a.ID, b.ID})
	if err != nil || len(gone) != 2 {
		t.Fatalf("delete: %v, %d items", err, len(gone))
	}
	left, _ := f.s.WorkItems(f.ctx, r.ID, WorkItemFilter{})
	if !slices.Equal(itemKeys(left), []string{keep.Key}) {
		t.Fatalf("after delete: %v", itemKeys(left))
	}
	if !crudHistoryHas(t, f.s, EntityWorkItem, a.ID, ActionDelete, "", r.ID) {
		t.Fatal("deleting left no history")
	}
	if err := f.s.RestoreWorkItems(f.ctx, gone); err != nil {
		t.Fatal(err)
	}
	back, _ := f.s.WorkItem(f.ctx, b.ID)
	if back.Key != b.Key || back.Status != WorkDone || back.Summary != b.Summary {
		t.Fatalf("restored %+v, want %+v", back, b)
	}
}

func TestMoveAndCarryOver(t *testing.T) {
	f := newFixture(t)
	p := f.product("Payments")
	cut := f.release(p, "2.4.0", NewDate(2026, 7, 1))
	next := f.release(p, "2.5.0", NewDate(2026, 8, 1))
	open := f.scopeItem(cut, "PAY-1", WorkFix, WorkOpen)
	running := f.scopeItem(cut, "PAY-2", WorkFeature, WorkInProgress)
	done := f.scopeItem(cut, "PAY-3", WorkFeature, WorkDone)
	f.scopeItem(cut, "PAY-4", WorkFeature, WorkDropped)
	clash := f.scopeItem(next, "pay-2", WorkFeature, WorkOpen)

	before := crudDump(t, f.s)
	_, err := f.s.CarryOver(f.ctx, cut.ID, next.ID)
	crudRefused(t, f.s, before, err, "Release")
	if v, _ := AsValidation(err); !strings.Contains(v.Message("Release"), "pay-2") {
		t.Fatalf("the refusal does not name the clashing key: %v", err)
	}
	if _, err := f.s.DeleteWorkItems(f.ctx, []uint{clash.ID}); err != nil {
		t.Fatal(err)
	}
	moved, err := f.s.CarryOver(f.ctx, cut.ID, next.ID)
	if err != nil || !slices.Equal(itemKeys(moved), []string{open.Key, running.Key}) {
		t.Fatalf("carried over %v (%v)", itemKeys(moved), err)
	}
	left, _ := f.s.WorkItems(f.ctx, cut.ID, WorkItemFilter{})
	arrived, _ := f.s.WorkItems(f.ctx, next.ID, WorkItemFilter{})
	if !slices.Equal(itemKeys(left), []string{"PAY-3", "PAY-4"}) || !slices.Equal(itemKeys(arrived), []string{"PAY-2", "PAY-1"}) {
		t.Fatalf("after carry-over: cut %v, next %v", itemKeys(left), itemKeys(arrived))
	}
	for _, rel := range []uint{cut.ID, next.ID} {
		if !crudHistoryHas(t, f.s, EntityWorkItem, open.ID, ActionUpdate, "ReleaseID", rel) {
			t.Errorf("the move is not in the history of release %d", rel)
		}
	}
	// Undo: each item goes back to the release it came from.
	if _, err := f.s.MoveWorkItems(f.ctx, []uint{moved[0].ID, moved[1].ID}, moved[0].ReleaseID); err != nil {
		t.Fatal(err)
	}
	left, _ = f.s.WorkItems(f.ctx, cut.ID, WorkItemFilter{})
	if len(left) != 4 {
		t.Fatalf("after moving back: %v", itemKeys(left))
	}
	if _, err := f.s.MoveWorkItems(f.ctx, []uint{done.ID, 999}, next.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("moving a missing item: %v", err)
	}
	if _, err := f.s.CarryOver(f.ctx, cut.ID, cut.ID); err == nil {
		t.Fatal("carried work over to the same release")
	}
	if err := f.s.SetReleaseStatus(f.ctx, next.ID, StatusCancelled); err != nil {
		t.Fatal(err)
	}
	before = crudDump(t, f.s)
	_, err = f.s.CarryOver(f.ctx, cut.ID, next.ID)
	crudRefused(t, f.s, before, err, "Release")
}

func TestScopeCounts(t *testing.T) {
	f := newFixture(t)
	p := f.product("Payments")
	a := f.release(p, "2.4.0", NewDate(2026, 7, 1))
	b := f.release(p, "2.5.0", NewDate(2026, 8, 1))
	empty := f.release(p, "2.6.0", NewDate(2026, 9, 1))
	for i, st := range []WorkItemStatus{WorkOpen, WorkInProgress, WorkDone, WorkDone, WorkDropped} {
		f.scopeItem(a, "PAY-"+string(rune('1'+i)), WorkFix, st)
	}
	f.scopeItem(b, "PAY-9", WorkFeature, WorkDone)
	got, err := f.s.ScopeCounts(f.ctx, []uint{a.ID, b.ID, empty.ID})
	if err != nil {
		t.Fatal(err)
	}
	want := map[uint]ScopeCount{a.ID: {Items: 5, Done: 2, Unfinished: 2, Dropped: 1}, b.ID: {Items: 1, Done: 1}}
	if len(got) != len(want) || got[a.ID] != want[a.ID] || got[b.ID] != want[b.ID] {
		t.Fatalf("ScopeCounts = %+v, want %+v", got, want)
	}
}

func TestDeletingAReleaseTakesItsScopeAndUndoBringsItBack(t *testing.T) {
	f := newFixture(t)
	p := f.product("Payments")
	r := f.release(p, "2.4.0", NewDate(2026, 7, 1))
	other := f.release(f.product("Ledger"), "1.2.0", NewDate(2026, 6, 20))
	f.env("Production", KindProduction)
	f.scopeItem(r, "PAY-1", WorkFix, WorkDone)
	needs := Dependency{ReleaseID: r.ID, RequiresID: other.ID}
	neededBy := Dependency{ReleaseID: f.release(p, "2.5.0", NewDate(2026, 8, 1)).ID, RequiresID: r.ID}
	for _, d := range []*Dependency{&needs, &neededBy} {
		if err := f.s.SaveDependency(f.ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	r.CodeFreeze, r.ReplanReason = r.CodeFreeze.AddDays(3), "Vendor late"
	if err := f.s.SaveRelease(f.ctx, &r); err != nil {
		t.Fatal(err)
	}
	before := crudDump(t, f.s)
	snap, err := f.s.DeleteRelease(f.ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Scope.WorkItems) != 1 || len(snap.Scope.Dependencies) != 2 || len(snap.Scope.Replans) != 1 {
		t.Fatalf("snapshot scope %+v", snap.Scope)
	}
	if n, _ := f.s.ScopeCounts(f.ctx, []uint{r.ID}); len(n) != 0 {
		t.Fatal("work items outlived their release")
	}
	if err := f.s.RestoreRelease(f.ctx, snap); err != nil {
		t.Fatal(err)
	}
	after := crudDump(t, f.s)
	if historyless(after) != historyless(before) {
		t.Fatalf("restore did not bring everything back:\nbefore:\n%s\nafter:\n%s", historyless(before), historyless(after))
	}
}

// historyless drops the history rows from a crudDump: a delete and its undo
// add to the history, which is the point of it.
func historyless(dump string) string {
	var keep []string
	for _, line := range strings.Split(dump, "\n") {
		if !strings.HasPrefix(line, "history ") && !strings.HasPrefix(line, "sqlite_sequence [history ") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}
