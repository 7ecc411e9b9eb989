package data

import (
	"context"
	"reflect"
	"testing"

	"releasedesk/data/pgtest"
)

// TestFramedReleaseListReadsAsRowByRow holds the framed read of the
// Releases list to the row-by-row one on the same plan: the same lines in
// the same order, for the whole list and for a search. Titles with the
// characters packed reads split on, quotes and colons are among them.
func TestFramedReleaseListReadsAsRowByRow(t *testing.T) {
	s := newStoreOn(t, pgtest.SQLite)
	ctx := context.Background()
	if _, err := GenerateDemo(ctx, s, DemoOptions{Releases: 300, Seed: 4, Today: DateOf(testClock)}); err != nil {
		t.Fatal(err)
	}
	odd := []string{"12:34 a: b", "tab\there", "unit\x1fsep\x1erecord", "quote ' and \" both", "ünïcödé 🚀 title"}
	for i, title := range odd {
		if err := s.db.Exec("UPDATE releases SET title = ?, planned_release = NULL WHERE id = ?", title, i+1).Error; err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []ReleaseFilter{{}, {Search: "pay"}, {Statuses: []ReleaseStatus{StatusPlanned}}} {
		framed, err := s.ListReleases(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		byRow, err := s.listReleasesByRow(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(framed) == 0 || !reflect.DeepEqual(framed, byRow) {
			t.Errorf("filter %+v: the framed read gives %d lines, row by row %d, and they differ", f, len(framed), len(byRow))
		}
	}
	all, _ := s.ListReleases(ctx, ReleaseFilter{})
	for i, title := range odd { // undated first, then by id
		if all[i].ID != uint(i+1) || all[i].Title != title {
			t.Errorf("line %d is #%d %q, want #%d %q", i, all[i].ID, all[i].Title, i+1, title)
		}
	}
}

// TestReleaseListWithANulCharacterFallsBack: SQLite's printf ends a text at
// a NUL, which breaks the framing; the list is then read row by row and
// still shows every release as stored.
func TestReleaseListWithANulCharacterFallsBack(t *testing.T) {
	s := newStoreOn(t, pgtest.SQLite)
	ctx := context.Background()
	if _, err := GenerateDemo(ctx, s, DemoOptions{Releases: 40, Seed: 4, Today: DateOf(testClock)}); err != nil {
		t.Fatal(err)
	}
	const title = "before\x00after: 3:abc"
	if err := s.db.Exec("UPDATE releases SET title = ? WHERE id = 7", title).Error; err != nil {
		t.Fatal(err)
	}
	if _, err := readFramed(ctx, s, s.releasesMatching(ctx, ReleaseFilter{}), releaseLineValues, releaseLineOrder, parseReleaseLine); err != errFramingBroken {
		t.Fatalf("the framed read of a NUL gave %v, want errFramingBroken (else this test no longer covers the fallback)", err)
	}
	lines, err := s.ListReleases(ctx, ReleaseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	byRow, _ := s.listReleasesByRow(ctx, ReleaseFilter{})
	if !reflect.DeepEqual(lines, byRow) {
		t.Error("the list with a NUL differs from the row-by-row read")
	}
	for _, l := range lines {
		if l.ID == 7 && l.Title != title {
			t.Errorf("release 7 reads %q, want %q", l.Title, title)
		}
	}
}
