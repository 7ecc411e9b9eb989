package portfolio

import (
	"testing"

	"releasedesk/data"
)

func TestDashboardCountsTheScopeOfUpcomingReleases(t *testing.T) {
	w := newDashWorld(t)
	lines := []data.ScopeLine{{Line: 1, Key: "PAY-1", Summary: "Wallets"}, {Line: 2, Key: "PAY-2", Summary: "Refunds"}, {Line: 3, Key: "PAY-3", Summary: "Old form"}}
	res, err := w.Store.PasteScope(w.Ctx, w.soon.ID, lines, data.WorkItem{Kind: data.WorkFeature})
	if err != nil {
		t.Fatal(err)
	}
	for i, st := range []data.WorkItemStatus{data.WorkDone, data.WorkOpen, data.WorkDropped} {
		it := res.Added[i]
		it.Status = st
		if err := w.Store.SaveWorkItem(w.Ctx, &it); err != nil {
			t.Fatal(err)
		}
	}
	w.dashShow()
	w.WantTexts("upcoming", "1/2 done")
	if w.Shows("0/0 done") {
		t.Error("a release without scope shows a count")
	}
}
