package releases

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/uitest"
)

// scaleReleases is the ten-year enterprise plan of SPEC section 5.
const scaleReleases = 100_000

// scaleFile is a database of scaleReleases releases, a third of them with
// scope, made once per test binary through the store's imports.
var scaleFile = struct {
	sync.Once
	dir, path string
	err       error
}{}

func scaleStore(b *testing.B) *data.Store {
	b.Helper()
	scaleFile.Do(func() {
		scaleFile.dir, scaleFile.err = os.MkdirTemp("", "releasedesk-scale-")
		if scaleFile.err == nil {
			scaleFile.path = filepath.Join(scaleFile.dir, "scale.db")
			scaleFile.err = fillScale(scaleFile.path)
		}
	})
	if scaleFile.err != nil {
		b.Fatal(scaleFile.err)
	}
	s, err := data.Open(context.Background(), scaleFile.path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// fillScale writes the releases with a plan import and their work items
// with a Jira import: every third release gets four items.
func fillScale(path string) error {
	ctx := context.Background()
	s, err := data.Open(ctx, path)
	if err != nil {
		return err
	}
	defer s.Close()
	start := data.NewDate(2020, time.January, 6)
	rows := make([]data.PlanRow, scaleReleases)
	var issues []data.JiraIssue
	for i := range rows {
		product, version := fmt.Sprintf("Product %02d", i%20), fmt.Sprintf("%d.%d.0", i/2000+1, (i/20)%100)
		day := start.AddDays(i * 3650 / scaleReleases)
		rows[i] = data.PlanRow{Row: i + 2, Product: product, Release: data.Release{Version: version, Title: "Release " + version,
			Type: data.TypeMinor, Status: data.StatusPlanned, CodeFreeze: day.AddDays(-7), PlannedRelease: day}}
		if i%3 == 0 {
			for k := range 4 {
				issues = append(issues, data.JiraIssue{Row: len(issues) + 2, Key: fmt.Sprintf("P%02d-%d", i%20, i*4+k), Summary: "Work",
					IssueType: []string{"Story", "Bug", "Task", "Improvement"}[k], Status: []string{"Done", "To Do", "In Progress", "Done"}[k],
					ProjectName: product, FixVersions: []string{version}})
			}
		}
	}
	if _, err := s.ImportPlan(ctx, rows); err != nil {
		return err
	}
	_, err = s.ImportJira(ctx, issues, data.JiraOptions{})
	return err
}

// BenchmarkReleasesLoad100k measures one load of the Releases table at
// 100,000 releases: the list alone (as before the Scope column), the scope
// counts it now asks once per load, and the whole screen's reload.
func BenchmarkReleasesLoad100k(b *testing.B) {
	s := scaleStore(b)
	ctx := context.Background()
	rows, err := s.ListReleases(ctx, data.ReleaseFilter{})
	if err != nil || len(rows) != scaleReleases {
		b.Fatalf("%d releases, %v", len(rows), err)
	}
	ids := releaseIDs(rows)
	b.Run("list", func(b *testing.B) {
		defer reportCPU(b)()
		for b.Loop() {
			rs, err := s.ListReleases(ctx, data.ReleaseFilter{})
			if err != nil {
				b.Fatal(err)
			}
			sortReleases(rs, colPlanned, false, nil)
		}
	})
	b.Run("scope counts", func(b *testing.B) {
		defer reportCPU(b)()
		for b.Loop() {
			counts, err := s.ScopeCounts(ctx, ids)
			if err != nil || len(counts) == 0 {
				b.Fatalf("%d counts, %v", len(counts), err)
			}
		}
	})
	// What the counts cost a chunk of ids at a time, as ScopeCounts asked
	// for every list before it learned to read a long one in one pass.
	b.Run("scope counts by chunks", func(b *testing.B) {
		defer reportCPU(b)()
		for b.Loop() {
			for part := range slices.Chunk(ids, 9_500) {
				if _, err := s.ScopeCounts(ctx, part); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("screen reload", func(b *testing.B) {
		test.NewTempApp(b)
		w := test.NewWindow(nil)
		defer w.Close()
		scr := New(s, w, kit.InlineScheduler)
		w.SetContent(scr)
		defer reportCPU(b)()
		for b.Loop() {
			scr.reload()
		}
	})
}

// reportCPU starts counting the process's CPU time and returns what reports
// it per operation (cpu-ms/op), which other load on the machine inflates
// less than the wall time.
func reportCPU(b *testing.B) func() {
	start := processCPU(b)
	return func() {
		b.ReportMetric(float64((processCPU(b)-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}

// TestMain removes the scale database the benchmarks made.
func TestMain(m *testing.M) {
	code := m.Run()
	if scaleFile.dir != "" {
		os.RemoveAll(scaleFile.dir)
	}
	os.Exit(code)
}

// scopeCell is the Scope cell the table shows for release name.
func (f *releasesFixture) scopeCell(name string) string {
	f.T.Helper()
	for _, r := range f.screen.table.rows {
		if r.Name() == name {
			return scopeText(f.screen.table.scope[r.ID])
		}
	}
	f.T.Fatalf("no row %s", name)
	return ""
}

func TestReleasesTableShowsAndSortsByScope(t *testing.T) {
	f := releasesSortFixture(t)
	add := func(release string, statuses ...data.WorkItemStatus) {
		r, err := f.Store.FindRelease(f.Ctx, release)
		if err != nil {
			t.Fatal(err)
		}
		var lines []data.ScopeLine
		for i := range statuses {
			lines = append(lines, data.ScopeLine{Line: i + 1, Key: "PAY-" + string(rune('1'+i)), Summary: "Item"})
		}
		res, err := f.Store.PasteScope(f.Ctx, r.ID, lines, data.WorkItem{Kind: data.WorkFeature})
		if err != nil {
			t.Fatal(err)
		}
		for i, it := range res.Added {
			it.Status = statuses[i]
			if err := f.Store.SaveWorkItem(f.Ctx, &it); err != nil {
				t.Fatal(err)
			}
		}
	}
	add("Payments 2.10.0", data.WorkDone, data.WorkOpen, data.WorkInProgress, data.WorkDropped)
	add("Ledger 9.1.0", data.WorkDone)
	add("Identity 1.0.0", data.WorkDropped)
	f.show()
	for name, want := range map[string]string{"Payments 2.10.0": "1/3 done", "Ledger 9.1.0": "1/1 done",
		"Identity 1.0.0": "all dropped", "Payments 2.9.0": "—"} {
		if got := f.scopeCell(name); got != want {
			t.Errorf("%s: Scope shows %q, want %q", name, got, want)
		}
	}
	test.Tap(f.header("Scope"))
	if got, want := f.versions(), []string{"Identity 1.0.0", "Ledger 9.1.0", "Payments 2.10.0", "Ledger 10.0.0", "Payments 2.9.0"}; !slices.Equal(got, want) {
		t.Errorf("by scope %q, want %q", got, want)
	}
	// A change in the editor is counted at the next load.
	f.Release("Payments", "3.0.0", "Later", data.StatusDraft, uitest.Day(time.July, 1))
	add("Payments 3.0.0", data.WorkOpen, data.WorkOpen)
	f.screen.Reload()
	if got := f.scopeCell("Payments 3.0.0"); got != "0/2 done" {
		t.Errorf("after a reload the new release shows %q", got)
	}
}
