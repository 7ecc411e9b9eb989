package data

import (
	"context"
	"slices"
	"sync"
	"testing"
	"unicode"
)

// searchFixture is a demo of a few hundred releases, with its list lines
// indexed; built once per test binary, since the tests only read it.
var searchFixture struct {
	once  sync.Once
	s     *Store
	index *ReleaseIndex
	err   error
}

func releaseSearchStore(t testing.TB) (*Store, *ReleaseIndex) {
	t.Helper()
	searchFixture.once.Do(func() {
		s, err := Open(context.Background(), t.TempDir()+"/search.db")
		if err == nil {
			_, err = GenerateDemo(context.Background(), s, DemoOptions{Releases: 600, Seed: 4, Today: demoTestDay, perProduct: 60})
		}
		var lines []Release
		if err == nil {
			lines, err = s.ListReleases(context.Background(), ReleaseFilter{})
		}
		searchFixture.s, searchFixture.err = s, err
		searchFixture.index = NewReleaseIndex(lines)
	})
	if searchFixture.err != nil {
		t.Fatal(searchFixture.err)
	}
	return searchFixture.s, searchFixture.index
}

func releaseIDsOf(rs []Release) []uint {
	out := make([]uint, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// TestReleaseIndexAgreesWithListReleases: the index finds what the query
// finds, in the same order, for searches, products, statuses and dates.
func TestReleaseIndexAgreesWithListReleases(t *testing.T) {
	s, x := releaseSearchStore(t)
	ctx := context.Background()
	all, err := s.ListReleases(ctx, ReleaseFilter{})
	if err != nil || x.Len() != len(all) {
		t.Fatalf("%d lines indexed of %d, %v", x.Len(), len(all), err)
	}
	some := all[len(all)/3]
	filters := []ReleaseFilter{
		{}, {Search: "pay"}, {Search: "  PAYMENTS "}, {Search: "payments " + some.Version}, {Search: some.ChangeRef},
		{Search: "fix"}, {Search: "nothing like this"}, {Search: "100%"}, {Search: "a_b"}, {Search: `\`},
		{ProductID: some.ProductID}, {ProductID: some.ProductID, Search: "faster"},
		{Statuses: []ReleaseStatus{StatusPlanned, StatusInProgress}},
		{Statuses: []ReleaseStatus{StatusDraft}, Search: "new"},
		{From: demoTestDay, To: demoTestDay.AddDays(30)},
		{To: demoTestDay.AddDays(-1), Statuses: []ReleaseStatus{StatusPlanned, StatusInProgress}},
		{From: demoTestDay, Search: some.Owner},
	}
	for _, f := range filters {
		want, err := s.ListReleases(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		got := x.Find(f)
		if !slices.Equal(releaseIDsOf(got), releaseIDsOf(want)) {
			t.Errorf("%+v: index found %d releases, the query %d", f, len(got), len(want))
		}
	}
}

// FuzzReleaseIndex types anything into the search box: for text the
// database folds as Go does (ASCII), the index finds exactly what the
// query does; for any text it finds at least that much.
func FuzzReleaseIndex(f *testing.F) {
	for _, seed := range []string{"pay", "Payments 3", "chg-", "%", "_", `\%`, "é", "İ", "\x00", " ", "checkout fixes"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, search string) {
		s, x := releaseSearchStore(t)
		filter := ReleaseFilter{Search: search}
		want, err := s.ListReleases(context.Background(), filter)
		if err != nil {
			t.Fatal(err)
		}
		got := releaseIDsOf(x.Find(filter))
		ascii := true
		for _, r := range search {
			ascii = ascii && r <= unicode.MaxASCII
		}
		if ascii && !slices.Equal(got, releaseIDsOf(want)) {
			t.Fatalf("%q: index found %d releases, the query %d", search, len(got), len(want))
		}
		for _, id := range releaseIDsOf(want) {
			if !slices.Contains(got, id) {
				t.Fatalf("%q: the query finds release %d, the index does not", search, id)
			}
		}
	})
}

// BenchmarkReleaseSearch measures what the Releases screen does on the
// benchmark database: read every list line and index them when it opens,
// then answer a search keystroke from the index; beside it, the same
// keystroke as a query of the database, for comparison.
func BenchmarkReleaseSearch(b *testing.B) {
	s := rulesBenchStore(b)
	ctx := context.Background()
	lines, err := s.ListReleases(ctx, ReleaseFilter{})
	if err != nil {
		b.Fatal(err)
	}
	x := NewReleaseIndex(lines)
	report := func(b *testing.B, rows int) {
		b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
		b.ReportMetric(float64(rows), "rows")
	}
	b.Run("open: read and index every release", func(b *testing.B) {
		n := 0
		for b.Loop() {
			all, err := s.ListReleases(ctx, ReleaseFilter{})
			if err != nil {
				b.Fatal(err)
			}
			n = NewReleaseIndex(all).Len()
		}
		report(b, n)
	})
	for _, search := range []string{"pay", "payments 2", "checkout"} {
		f := ReleaseFilter{Search: search}
		b.Run("keystroke "+search, func(b *testing.B) {
			n := 0
			for b.Loop() {
				n = len(x.Find(f))
			}
			report(b, n)
		})
		b.Run("query "+search, func(b *testing.B) {
			n := 0
			for b.Loop() {
				rs, err := s.ListReleases(ctx, f)
				if err != nil {
					b.Fatal(err)
				}
				n = len(rs)
			}
			report(b, n)
		})
	}
}
