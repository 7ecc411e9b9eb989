package releases

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"releasedesk/data"
	"releasedesk/views/uitest"
)

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
