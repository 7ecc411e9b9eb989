package releases

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// benchReleaseStore fills a database with n releases spread over products and dates.
func benchReleaseStore(b *testing.B, n int) *data.Store {
	b.Helper()
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	products := make([]data.Product, 20)
	for i := range products {
		products[i], err = s.ProductNamed(ctx, fmt.Sprintf("Product %02d", i), true)
		if err != nil {
			b.Fatal(err)
		}
	}
	start := data.NewDate(2025, time.January, 6)
	for i := 0; i < n; i++ {
		day := start.AddDays(i % 700)
		r := data.Release{ProductID: products[i%len(products)].ID, Version: fmt.Sprintf("%d.%d.0", i/100+1, i%100),
			Title: fmt.Sprintf("Release number %d with a longer title", i), Type: data.TypeMinor,
			Status: data.ReleaseStatuses[i%len(data.ReleaseStatuses)], Risk: data.RiskMedium, Owner: "Owner " + fmt.Sprint(i%37),
			CodeFreeze: day.AddDays(-7), PlannedRelease: day, ActualRelease: day}
		if err := s.SaveRelease(ctx, &r); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// BenchmarkListReleases2000 measures the query behind the Releases table on 2,000 releases.
func BenchmarkListReleases2000(b *testing.B) {
	s := benchReleaseStore(b, 2000)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		rs, err := s.ListReleases(ctx, data.ReleaseFilter{})
		if err != nil || len(rs) != 2000 {
			b.Fatalf("got %d releases, %v", len(rs), err)
		}
	}
}

// BenchmarkSearchReleases2000 measures one search keystroke on 2,000
// releases as the screen answers it: from the index of list lines, sorted
// for the table (data's BenchmarkReleaseSearch measures the index at scale).
func BenchmarkSearchReleases2000(b *testing.B) {
	s := benchReleaseStore(b, 2000)
	lines, err := s.ListReleases(context.Background(), data.ReleaseFilter{})
	if err != nil {
		b.Fatal(err)
	}
	index := data.NewReleaseIndex(lines)
	b.ResetTimer()
	for b.Loop() {
		rows := index.Find(data.ReleaseFilter{Search: "number 1"})
		sortReleases(rows, colPlanned, false, nil)
	}
}

// BenchmarkReleasesScreenReload measures a full reload of the screen: query, sort and table refresh.
func BenchmarkReleasesScreenReload(b *testing.B) {
	test.NewTempApp(b)
	s := benchReleaseStore(b, 2000)
	w := test.NewWindow(nil)
	defer w.Close()
	scr := New(s, w, kit.InlineScheduler)
	w.SetContent(scr)
	b.ResetTimer()
	for b.Loop() {
		scr.reload()
	}
}

// BenchmarkSortReleases2000 measures a header tap's sort of 2,000 rows, per column.
func BenchmarkSortReleases2000(b *testing.B) {
	s := benchReleaseStore(b, 2000)
	rows, err := s.ListReleases(context.Background(), data.ReleaseFilter{})
	if err != nil {
		b.Fatal(err)
	}
	for _, col := range []int{colVersion, colPlanned, colTitle} {
		b.Run(releaseColumns[col].title, func(b *testing.B) {
			desc := false
			for b.Loop() {
				desc = !desc
				sortReleases(rows, col, desc, nil)
			}
		})
	}
}
