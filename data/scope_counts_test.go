package data

import (
	"reflect"
	"testing"
)

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
