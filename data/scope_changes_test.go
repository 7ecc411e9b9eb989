package data

import (
	"errors"
	"reflect"
	"slices"
	"testing"
)

// TestUndoScopeChanges takes back each change the Scope tab and the
// dependencies make through Store.Undo, and checks that the database is as
// it was and that the undo is in history.
func TestUndoScopeChanges(t *testing.T) {
	tests := []struct {
		name string
		// change makes the change on w and returns what Undo takes back.
		change func(t *testing.T, f *fixture, w scopeWorld) Change
	}{
		{"add an item", func(t *testing.T, f *fixture, w scopeWorld) Change {
			return Created(f.scopeItem(w.cut, "PAY-9", WorkFix, WorkOpen))
		}},
		{"edit an item", func(t *testing.T, f *fixture, w scopeWorld) Change {
			before := w.items[0]
			after := before
			after.Summary, after.Kind, after.CustomerFacing = "Refunds in yen", WorkSecurity, false
			if err := f.s.SaveWorkItem(f.ctx, &after); err != nil {
				t.Fatal(err)
			}
			c, err := EditOf(f.ctx, f.s, before)
			if err != nil {
				t.Fatal(err)
			}
			return c
		}},
		{"remove items", func(t *testing.T, f *fixture, w scopeWorld) Change {
			removed, err := f.s.DeleteWorkItems(f.ctx, []uint{w.items[0].ID, w.items[2].ID})
			if err != nil {
				t.Fatal(err)
			}
			return Deleted(removed)
		}},
		{"move items", func(t *testing.T, f *fixture, w scopeWorld) Change {
			before, err := f.s.MoveWorkItems(f.ctx, []uint{w.items[0].ID, w.items[1].ID}, w.next.ID)
			if err != nil {
				t.Fatal(err)
			}
			return MovedWorkItems(before, w.next.ID)
		}},
		{"carry over", func(t *testing.T, f *fixture, w scopeWorld) Change {
			before, err := f.s.CarryOver(f.ctx, w.cut.ID, w.next.ID)
			if err != nil || len(before) != 2 {
				t.Fatalf("carried %d, %v", len(before), err)
			}
			return MovedWorkItems(before, w.next.ID)
		}},
		{"paste", func(t *testing.T, f *fixture, w scopeWorld) Change {
			lines, errs := ParseScopeLines("PAY-20 Saved cards\nPAY-1 already there\nPAY-21: Payouts")
			res, err := f.s.PasteScope(f.ctx, w.cut.ID, lines, WorkItem{Kind: WorkFeature})
			if len(errs) > 0 || err != nil || len(res.Added) != 2 {
				t.Fatalf("paste %+v %v %v", res, errs, err)
			}
			return PastedWorkItems(res.Added)
		}},
		{"add a dependency", func(t *testing.T, f *fixture, w scopeWorld) Change {
			d := Dependency{ReleaseID: w.next.ID, RequiresID: w.cut.ID, Note: "needs the new API"}
			if err := f.s.SaveDependency(f.ctx, &d); err != nil {
				t.Fatal(err)
			}
			return Created(d)
		}},
		{"remove a dependency", func(t *testing.T, f *fixture, w scopeWorld) Change {
			removed, err := f.s.DeleteDependency(f.ctx, w.dep.ID)
			if err != nil {
				t.Fatal(err)
			}
			return Deleted(removed)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			w := newScopeWorld(f)
			before, mark := planState(t, f.s), lastHistoryID(t, f.s)
			c := tt.change(t, f, w)
			if planState(t, f.s) == before {
				t.Fatal("the change changed nothing")
			}
			if err := f.s.Undo(f.ctx, c); err != nil {
				t.Fatalf("undo: %v", err)
			}
			if after := planState(t, f.s); after != before {
				t.Fatalf("after the undo:\n%s\nwant:\n%s", after, before)
			}
			hist := historyAfter(t, f.s, mark)
			if !slices.ContainsFunc(hist, func(h History) bool { return h.Action == ActionUndo }) {
				t.Errorf("the undo left no history: %+v", hist)
			}
			if err := f.s.Undo(f.ctx, c); err == nil {
				t.Error("the same change was undone twice")
			}
		})
	}
}

// scopeWorld is two releases of a product, the first with three items (two
// unfinished) and required by nothing, the second requiring it.
type scopeWorld struct {
	cut, next Release
	items     []WorkItem
	dep       Dependency
}

func newScopeWorld(f *fixture) scopeWorld {
	f.env("Production", KindProduction)
	p := f.product("Payments")
	w := scopeWorld{cut: f.release(p, "2.4.0", NewDate(2026, 7, 1)), next: f.release(p, "2.5.0", NewDate(2026, 8, 1))}
	w.items = []WorkItem{f.scopeItem(w.cut, "PAY-1", WorkFix, WorkOpen), f.scopeItem(w.cut, "PAY-2", WorkFeature, WorkInProgress),
		f.scopeItem(w.cut, "PAY-3", WorkFeature, WorkDone)}
	third := f.release(p, "2.6.0", NewDate(2026, 9, 1))
	w.dep = Dependency{ReleaseID: third.ID, RequiresID: w.next.ID}
	if err := f.s.SaveDependency(f.ctx, &w.dep); err != nil {
		f.t.Fatal(err)
	}
	return w
}

func TestUndoOfAMovedItemRefusesWhenChangedAgain(t *testing.T) {
	f := newFixture(t)
	w := newScopeWorld(f)
	before, err := f.s.MoveWorkItems(f.ctx, []uint{w.items[0].ID}, w.next.ID)
	if err != nil {
		t.Fatal(err)
	}
	it, _ := f.s.WorkItem(f.ctx, w.items[0].ID)
	it.Status = WorkDone
	if err := f.s.SaveWorkItem(f.ctx, &it); err != nil {
		t.Fatal(err)
	}
	if err := f.s.Undo(f.ctx, MovedWorkItems(before, w.next.ID)); !errors.Is(err, ErrChangedSince) {
		t.Fatalf("undo of a move after an edit: %v, want ErrChangedSince", err)
	}
}

// TestScopeCountsOfALongListMatchTheChunkedQueries counts a long list of
// ids (the unfiltered Releases table) with one pass over the items, and a
// short one a chunk at a time: both give the same counts, and a release not
// asked for is never counted.
func TestScopeCountsOfALongListMatchTheChunkedQueries(t *testing.T) {
	f := newFixture(t)
	p := f.product("Payments")
	a, b, c := f.release(p, "2.4.0", NewDate(2026, 7, 1)), f.release(p, "2.5.0", NewDate(2026, 8, 1)), f.release(p, "2.6.0", NewDate(2026, 9, 1))
	f.scopeItem(a, "PAY-1", WorkFeature, WorkDone)
	f.scopeItem(a, "PAY-2", WorkFix, WorkOpen)
	f.scopeItem(a, "PAY-3", WorkFix, WorkDropped)
	f.scopeItem(b, "PAY-4", WorkTask, WorkInProgress)
	f.scopeItem(c, "PAY-5", WorkTask, WorkDone) // not asked for
	short, err := f.s.ScopeCounts(f.ctx, []uint{a.ID, b.ID})
	if err != nil {
		t.Fatal(err)
	}
	long := []uint{a.ID, b.ID}
	for id := uint(1_000_000); len(long) < scopeScanFrom; id++ {
		long = append(long, id) // releases that do not exist count nothing
	}
	scanned, err := f.s.ScopeCounts(f.ctx, long)
	if err != nil {
		t.Fatal(err)
	}
	want := map[uint]ScopeCount{a.ID: {Items: 3, Done: 1, Unfinished: 1, Dropped: 1}, b.ID: {Items: 1, Unfinished: 1}}
	if !reflect.DeepEqual(short, want) || !reflect.DeepEqual(scanned, want) {
		t.Errorf("chunked %+v, scanned %+v, want %+v", short, scanned, want)
	}
}
