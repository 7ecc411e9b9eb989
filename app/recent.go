package app

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// File > Open Recent: the databases opened lately, newest first, kept in the
// preferences. A file that is gone is shown as missing and dropped from the
// list when chosen.
const (
	prefRecent = "databases.recent"
	// recentMax is how many databases the list keeps.
	recentMax = 8
)

// recentDatabases lists the databases opened lately, newest first.
func recentDatabases(p fyne.Preferences) []string { return p.StringList(prefRecent) }

// rememberRecent puts path first in the list of recent databases.
func rememberRecent(p fyne.Preferences, path string) {
	path = absPath(path)
	list := slices.DeleteFunc(slices.Clone(recentDatabases(p)), func(s string) bool { return s == path })
	list = append([]string{path}, list...)
	p.SetStringList(prefRecent, list[:min(len(list), recentMax)])
}

// forgetRecent takes path off the list of recent databases.
func forgetRecent(p fyne.Preferences, path string) {
	p.SetStringList(prefRecent, slices.DeleteFunc(slices.Clone(recentDatabases(p)), func(s string) bool { return s == path }))
}

// absPath is path made absolute, as the list keeps paths; path itself when that fails.
func absPath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// recentLabel names a recent database in the menu: its file name and
// shortened folder, "— missing" when it is gone.
func recentLabel(path string) string {
	label := filepath.Base(path) + " (" + shortFolder(filepath.Dir(path)) + ")"
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		label += " — missing"
	}
	return label
}

// recentMenu is File > Open Recent, filled each time the list changes.
func (s *shell) recentMenu() *fyne.MenuItem {
	s.recentItem = &fyne.MenuItem{Label: "Open Recent", ChildMenu: fyne.NewMenu("")}
	s.updateRecentMenu()
	return s.recentItem
}

// updateRecentMenu lists the recent databases but the open one.
func (s *shell) updateRecentMenu() {
	if s.recentItem == nil {
		return
	}
	var items []*fyne.MenuItem
	for _, path := range recentDatabases(s.app.Preferences()) {
		if path == absPath(s.store.Path()) {
			continue
		}
		items = append(items, &fyne.MenuItem{Label: recentLabel(path), Action: func() { s.openRecent(path) }})
	}
	if len(items) == 0 {
		items = []*fyne.MenuItem{{Label: "No other database opened lately", Disabled: true}}
	}
	s.recentItem.ChildMenu.Items = items
	if s.menu != nil {
		s.menu.Refresh()
	}
}

// openRecent opens a database from the list once unsaved work is dealt
// with; a file that is gone is said so and dropped from the list.
func (s *shell) openRecent(path string) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		forgetRecent(s.app.Preferences(), path)
		s.updateRecentMenu()
		dialog.ShowInformation("Database missing", path+" is no longer there (moved, renamed or deleted), "+
			"so it has been taken off File > Open Recent.", s.win)
		return
	}
	s.leaveScreen(func() { s.openDatabase(path) }, nil)
}
