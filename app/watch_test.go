package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"releasedesk/data"
	"releasedesk/data/pgtest"
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

// TestWindowCopiesThePlan: File > Save a copy… writes the plan to a file,
// and File > Copy to server… puts it on a server, whose plan the window
// then opens, named by plan and host in its title.
func TestWindowCopiesThePlan(t *testing.T) {
	f := newShellFixture(t, func(s *data.Store) { shellRelease(t, s, "Payments", "2.4.0", "Faster refunds") })
	file := filepath.Join(t.TempDir(), "offline.db")
	copied := false
	f.shell.copyPlan(file, func() { copied = true })
	if !copied {
		t.Fatal("the copy to a file did not finish")
	}
	offline, err := data.OpenReadOnly(context.Background(), file)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := offline.CountReleases(context.Background(), data.ReleaseFilter{}); n != 1 {
		t.Errorf("the saved copy holds %d releases, want 1", n)
	}
	offline.Close()

	server := pgtest.EmptyDatabase(t)
	copied = false
	f.shell.copyPlan(server, func() { copied = true })
	if !copied {
		t.Fatal("the copy to the server did not finish")
	}
	f.shell.openServer(server)
	if !f.shell.store.IsServer() || !strings.Contains(f.Win.Title(), "on this computer") || strings.Contains(f.Win.Title(), "?") {
		t.Fatalf("after opening the server copy the title is %q", f.Win.Title())
	}
	if !f.Shows("Faster refunds") {
		t.Errorf("the server's plan does not show; visible %q", f.Texts())
	}
}
