package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"releasedesk/views/releases"
	"releasedesk/views/reports"
)

// reportsTitle names the Reports section in the sidebar and the View menu.
const reportsTitle = "Reports"

// shortcutExport is File > Export review… (Ctrl+E; Cmd+E on macOS).
var shortcutExport = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}

// reportsSection is the sidebar entry of the Reports screen: exports and plan import.
func (s *shell) reportsSection() section {
	return section{title: reportsTitle, icon: theme.DocumentIcon(), build: func() fyne.CanvasObject {
		r := reports.New(s.store, s.win, s.sched)
		r.OnImported = func(int) { s.reloadAfterImport() }
		r.OnShowReleases = func() { s.showReleases(func(*releases.Screen) {}) }
		return r
	}}
}

// exportMenuItem is File > Export review….
func (s *shell) exportMenuItem() *fyne.MenuItem {
	return &fyne.MenuItem{Label: "Export review…", Icon: theme.DocumentSaveIcon(), Shortcut: shortcutExport, Action: s.exportReview}
}

// exportReview exports the review of the release open in the editor, or of
// the release chosen on the Reports screen; anywhere else it opens Reports,
// where a release can be chosen.
func (s *shell) exportReview() {
	if s.current >= 0 && s.current < len(s.built) {
		switch scr := s.built[s.current].(type) {
		case *releases.Screen:
			if scr.ExportOpenReview() {
				return
			}
		case *reports.Screen:
			scr.ExportReview()
			return
		}
	}
	if i := s.sectionIndex(reportsTitle); i >= 0 {
		s.switchSection(i)
	}
}

// reloadAfterImport shows the imported releases on the screens built so far:
// a screen that can reload does; one that cannot is built afresh when next
// shown, unless it holds changes to undo.
func (s *shell) reloadAfterImport() {
	type reloader interface{ Reload() }
	type undoable interface{ CanUndo() bool }
	type closer interface{ Close() }
	for i, built := range s.built {
		switch scr := built.(type) {
		case nil, *reports.Screen:
		case reloader:
			scr.Reload()
		case undoable:
			if i != s.current && !scr.CanUndo() {
				if c, ok := scr.(closer); ok {
					c.Close()
				}
				s.built[i] = nil
			}
		}
	}
	s.stackScreens()
}
