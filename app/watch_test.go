package app

import (
	"context"
	"testing"
	"time"

	"releasedesk/data"
)

// uiQueue stands in for fyne.Do: work the watcher hands to the UI waits
// here until the test, on its own goroutine, runs it.
type uiQueue chan func()

func (q uiQueue) do(f func()) { q <- f }

// next runs the next piece of work handed to the UI, failing after a while.
func (q uiQueue) next(t *testing.T) {
	t.Helper()
	select {
	case f := <-q:
		f()
	case <-time.After(15 * time.Second):
		t.Fatal("the window heard of no change")
	}
}

// TestWindowShowsOthersChanges: Ben, on another Release Desk on the same
// file, adds a release and renames the one Ana has open in the editor; her
// window shows both without a restart, on the tab she was on.
func TestWindowShowsOthersChanges(t *testing.T) {
	var open data.Release
	f := newShellFixture(t, func(s *data.Store) { open = shellRelease(t, s, "Payments", "2.4.0", "Faster refunds") })
	ui := make(uiQueue, 4)
	f.shell.follow(ui.do)
	ben, err := data.Open(context.Background(), f.Store.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer ben.Close()
	ben.SetWho("Ben")

	shellRelease(t, ben, "Ledger", "1.0.0", "General ledger")
	ui.next(t)
	if !f.Shows("General ledger") {
		t.Fatalf("Ben's new release does not show; visible %q", f.Texts())
	}

	f.shell.releases.OpenRelease(open.ID)
	f.shell.releases.Editor().SelectTab("Deployments")
	r, err := ben.Release(context.Background(), open.ID)
	if err != nil {
		t.Fatal(err)
	}
	r.Title = "Refunds in a day"
	if err := ben.SaveRelease(context.Background(), &r); err != nil {
		t.Fatal(err)
	}
	ui.next(t)
	if !f.Shows("— Refunds in a day") || !f.Shows("Ben changed Payments 2.4.0") {
		t.Fatalf("the open editor does not show Ben's change; visible %q", f.Texts())
	}
	if got := f.shell.releases.Editor().TabTitle(); got != "Deployments" {
		t.Errorf("the editor went to tab %q, want the one Ana was on", got)
	}
}
