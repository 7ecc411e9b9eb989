package app

import (
	"context"
	"testing"
	"time"

	"releasedesk/data"
	"releasedesk/views/roadmap"
)

// timelineShellSeed stores Payments 2.4.0 with a planned Staging deployment
// on 14 July 2026, 09:00–11:00 UTC, and returns both.
func timelineShellSeed(t *testing.T, s *data.Store) (data.Release, data.Deployment) {
	t.Helper()
	ctx := context.Background()
	rel := shellRelease(t, s, "Payments", "2.4.0", "Faster checkout")
	env := data.Environment{Name: "Staging", Kind: data.KindStaging}
	if err := s.SaveEnvironment(ctx, &env); err != nil {
		t.Fatal(err)
	}
	d := data.Deployment{ReleaseID: rel.ID, EnvironmentID: env.ID,
		PlannedStart: time.Date(2026, 7, 14, 9, 0, 0, 0, time.UTC), PlannedEnd: time.Date(2026, 7, 14, 11, 0, 0, 0, time.UTC)}
	if err := s.SaveDeployment(ctx, &d); err != nil {
		t.Fatal(err)
	}
	return rel, d
}

// showTimeline switches the shell to the Timeline section and returns its
// screen, scrolled to July 2026, where timelineShellSeed plans: the screen
// loads the stretch of the plan around what it shows.
func showTimeline(t *testing.T, f *shellFixture) *roadmap.Screen {
	t.Helper()
	f.shell.switchSection(f.shell.sectionIndex(timelineTitle))
	tl := f.shell.shownTimeline()
	if tl == nil {
		t.Fatalf("the Timeline section shows %T", f.shell.shown())
	}
	tl.Chart().SetStart(time.Date(2026, 7, 1, 0, 0, 0, 0, time.Local))
	return tl
}

func TestTimelineSectionOpensReleases(t *testing.T) {
	var rel data.Release
	f := newShellFixture(t, func(s *data.Store) { rel, _ = timelineShellSeed(t, s) })
	tl := showTimeline(t, f)
	if len(tl.Chart().Rows()) != 1 {
		t.Fatalf("timeline shows %d releases, want Payments 2.4.0", len(tl.Chart().Rows()))
	}
	tl.Chart().OnOpened(rel.ID) // what a double-click on its row does
	if got := f.shell.sections[f.shell.current].title; got != releasesTitle {
		t.Fatalf("double-click left the shell on %q, want Releases", got)
	}
	if !f.Shows("Faster checkout") {
		t.Errorf("the release editor does not show Payments 2.4.0; visible %q", f.Texts())
	}
}

func TestTimelineSectionUndoesMovesWithCtrlZ(t *testing.T) {
	var dep data.Deployment
	var other data.Release
	f := newShellFixture(t, func(s *data.Store) {
		_, dep = timelineShellSeed(t, s)
		other = shellRelease(t, s, "Identity", "1.0.0", "Single sign-on")
	})
	// A change on the Releases screen waits in its own undo list.
	f.shell.releases.OpenRelease(other.ID)
	f.Tap("Delete")
	f.Tap("Delete")

	tl := showTimeline(t, f)
	later := dep.PlannedStart.AddDate(0, 0, 2)
	tl.Chart().OnMoved(dep.ID, later, later.Add(2*time.Hour)) // what dragging the bar two days does
	moved, err := f.shell.store.Deployment(f.Ctx, dep.ID)
	if err != nil || !moved.PlannedStart.Equal(later) {
		t.Fatalf("after the move the store holds %v (%v), want %v", moved.PlannedStart, err, later)
	}
	if f.shell.undoItem.Disabled || f.shell.undoItem.Label != "Undo move of the Staging deployment of Payments 2.4.0" {
		t.Errorf("Edit menu says %q (disabled %v)", f.shell.undoItem.Label, f.shell.undoItem.Disabled)
	}
	f.Press(shortcutUndo)
	back, err := f.shell.store.Deployment(f.Ctx, dep.ID)
	if err != nil || !back.PlannedStart.Equal(dep.PlannedStart) || !back.PlannedEnd.Equal(dep.PlannedEnd) {
		t.Errorf("Ctrl+Z left %v – %v (%v), want %v – %v", back.PlannedStart, back.PlannedEnd, err, dep.PlannedStart, dep.PlannedEnd)
	}
	if !f.shell.undoItem.Disabled || f.shell.undoItem.Label != "Undo" {
		t.Errorf("after undo the Edit menu says %q (disabled %v)", f.shell.undoItem.Label, f.shell.undoItem.Disabled)
	}
	f.Press(shortcutUndo) // nothing left on the timeline: the deleted release stays deleted
	if _, err := f.shell.store.Release(f.Ctx, other.ID); err == nil {
		t.Fatal("Ctrl+Z on the timeline restored a release deleted on another screen")
	}
	f.shell.switchSection(f.shell.sectionIndex(releasesTitle))
	f.Press(shortcutUndo)
	if _, err := f.shell.store.Release(f.Ctx, other.ID); err != nil {
		t.Errorf("back on Releases, Ctrl+Z did not restore Identity 1.0.0: %v", err)
	}
}
