package app

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"releasedesk/data"
)

// newSampleFixture is a first start: an empty database that the window fills with n sample releases.
func newSampleFixture(t *testing.T, n int) *shellFixture {
	t.Helper()
	f := newShellFixture(t, nil)
	f.shell.fillDemo(n)
	if got := f.ReleaseCount(); got != n {
		t.Fatalf("the first start made %d sample releases, want %d", got, n)
	}
	return f
}

func TestSampleNoteSaysTheDataAreSamples(t *testing.T) {
	f := newSampleFixture(t, 8)
	if !f.shell.samples.box.Visible() || !f.Shows("The 8 releases here are sample data") {
		t.Fatalf("a first start does not say the plan is sample data; visible %q", f.Texts())
	}
	f.Tap("Dismiss")
	if f.shell.samples.box.Visible() {
		t.Fatal("Dismiss left the note on show")
	}
	// The next start on the same database keeps it dismissed.
	w := test.NewWindow(nil)
	again := newShell(context.Background(), f.shell.app, w, f.Store, f.Timers.Scheduler())
	defer w.Close()
	if again.samples.box.Visible() {
		t.Error("the dismissed note came back on the next start")
	}
}

func TestRemoveSampleDataAsksThenRemovesThem(t *testing.T) {
	f := newSampleFixture(t, 8)
	mine := shellRelease(t, f.Store, "My product", "1.0.0", "My first release")
	f.Tap("Remove sample data")
	if !f.DialogOpen() || !f.Shows("This removes the sample data: 8 releases") {
		t.Fatalf("removing the samples does not ask first, naming what goes; visible %q", f.Texts())
	}
	f.Tap("Keep them")
	if n := f.ReleaseCount(); n != 9 {
		t.Fatalf("keeping them left %d releases, want all 9", n)
	}
	f.Tap("Remove sample data")
	f.Tap("Remove sample data") // the dialog's own button, found first
	rels, err := f.Store.ListReleases(f.Ctx, data.ReleaseFilter{})
	if err != nil || len(rels) != 1 || rels[0].ID != mine.ID {
		t.Fatalf("after removing the samples the plan holds %v (%v), want only the user's release", rels, err)
	}
	if f.shell.samples.box.Visible() {
		t.Error("the note stays after the samples went")
	}
	if !f.Shows("Sample data removed") {
		t.Errorf("the window does not say the samples went; visible %q", f.Texts())
	}
	f.shell.switchSection(f.shell.sectionIndex(releasesTitle))
	if !f.Shows("My first release") || f.Shows("sample data") {
		t.Errorf("the Releases screen does not show the plan as it is now; visible %q", f.Texts())
	}
}
