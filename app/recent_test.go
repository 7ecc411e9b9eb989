package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"releasedesk/data"
)

// recentItems are the labels of File > Open Recent.
func (f *shellFixture) recentItems() []string {
	var out []string
	for _, it := range f.shell.recentItem.ChildMenu.Items {
		out = append(out, it.Label)
	}
	return out
}

// chooseRecent runs the Open Recent item whose label starts with name.
func (f *shellFixture) chooseRecent(t *testing.T, name string) {
	t.Helper()
	for _, it := range f.shell.recentItem.ChildMenu.Items {
		if strings.HasPrefix(it.Label, name) {
			it.Action()
			return
		}
	}
	t.Fatalf("no %q in Open Recent: %q", name, f.recentItems())
}

func TestOpenRecentListsTheDatabasesOpenedLately(t *testing.T) {
	f := newShellFixture(t, nil)
	plan := f.shell.store.Path()
	other := filepath.Join(f.dir, "other.db")
	gone := filepath.Join(f.dir, "gone.db")
	for _, p := range []string{other, gone} {
		s, err := data.Open(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	if got := f.recentItems(); len(got) != 1 || !strings.HasPrefix(got[0], "No other database") {
		t.Fatalf("with one database ever opened, Open Recent offers %q", got)
	}
	f.shell.openDatabase(gone)
	f.shell.openDatabase(other)
	if got := f.recentItems(); len(got) != 2 || !strings.HasPrefix(got[0], "gone.db (") || !strings.HasPrefix(got[1], "plan.db (") {
		t.Fatalf("Open Recent offers %q, want gone.db then plan.db (the open one left out)", got)
	}
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}
	f.shell.updateRecentMenu()
	if got := f.recentItems(); !strings.HasSuffix(got[0], "— missing") || strings.HasSuffix(got[1], "— missing") {
		t.Fatalf("a deleted file is not shown as missing: %q", got)
	}
	f.chooseRecent(t, "gone.db")
	if !f.Shows("gone.db") || !f.Shows("no longer there") {
		t.Errorf("choosing a missing file does not say so; visible %q", f.Texts())
	}
	if got := recentDatabases(f.shell.app.Preferences()); len(got) != 2 || got[0] != absPath(other) || got[1] != absPath(plan) {
		t.Errorf("after choosing the missing file the list is %q, want it dropped", got)
	}
	f.chooseRecent(t, "plan.db")
	if f.shell.store.Path() != plan || !strings.Contains(f.Win.Title(), "plan.db") {
		t.Errorf("choosing plan.db opened %s (title %q)", f.shell.store.Path(), f.Win.Title())
	}
}

func TestSidebarShowsTheFullPathOnHover(t *testing.T) {
	f := newShellFixture(t, nil)
	l := f.shell.dbLabel
	if l.Text != "plan.db" {
		t.Fatalf("the sidebar names the database %q", l.Text)
	}
	test.MoveMouse(f.Win.Canvas(), fyne.CurrentApp().Driver().AbsolutePositionForObject(l).AddXY(4, 4))
	if l.Text != f.shell.store.Path() || l.Wrapping != fyne.TextWrapBreak {
		t.Errorf("pointing at the database's name shows %q (wrapping %v), want its full path, whole", l.Text, l.Wrapping)
	}
	test.MoveMouse(f.Win.Canvas(), fyne.NewPos(600, 300))
	if l.Text != "plan.db" {
		t.Errorf("the full path stays after the pointer left; label %q", l.Text)
	}
}
