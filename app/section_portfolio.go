package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"releasedesk/views/portfolio"
	"releasedesk/views/releases"
	"releasedesk/views/settings"
)

// Titles of the portfolio sections in the sidebar and the View menu.
const (
	dashboardTitle    = "Dashboard"
	releasesTitle     = "Releases"
	environmentsTitle = "Environments"
	stakeholdersTitle = "Stakeholders"
	settingsTitle     = "Settings"
)

// dashboardSection is the sidebar entry of the Dashboard, the first screen.
func (s *shell) dashboardSection() section {
	return section{title: dashboardTitle, icon: theme.HomeIcon(), build: func() fyne.CanvasObject {
		d := portfolio.NewDashboard(s.store, s.sched)
		d.OnOpenRelease = s.openRelease
		return d
	}}
}

// environmentsSection is the sidebar entry of the Environments screen.
func (s *shell) environmentsSection() section {
	return section{title: environmentsTitle, icon: theme.ComputerIcon(), build: func() fyne.CanvasObject {
		e := portfolio.NewEnvironments(s.store, s.win, s.sched)
		e.OnOpenRelease = s.openRelease
		e.OnUndoChanged = s.updateUndo
		return e
	}}
}

// stakeholdersSection is the sidebar entry of the Stakeholders screen.
func (s *shell) stakeholdersSection() section {
	return section{title: stakeholdersTitle, icon: theme.AccountIcon(), build: func() fyne.CanvasObject {
		st := portfolio.NewStakeholders(s.store, s.win, s.sched)
		st.OnOpenRelease = s.openRelease
		st.OnUndoChanged = s.updateUndo
		return st
	}}
}

// settingsSection is the sidebar entry of the Settings screen. The shell
// asks for it while building the window, so the theme the user chose last
// time is applied here, before anything is drawn.
func (s *shell) settingsSection() section {
	settings.ApplyTheme(s.app)
	return section{title: settingsTitle, icon: theme.SettingsIcon(), build: func() fyne.CanvasObject {
		st := settings.New(s.app, s.win, s.store.Path())
		st.OnOpenDatabase = s.chooseDatabase
		return st
	}}
}

// openRelease shows release id in the Releases screen's editor.
func (s *shell) openRelease(id uint) {
	s.showReleases(func(r *releases.Screen) { r.OpenRelease(id) })
}

// undoableScreen is a portfolio screen with its own changes to take back.
type undoableScreen interface {
	Undo()
	CanUndo() bool
	UndoLabel() string
}

// shownUndoable returns the screen on show when it keeps its own undo steps
// (Environments, Stakeholders).
func (s *shell) shownUndoable() undoableScreen {
	if s.current < 0 || s.current >= len(s.built) {
		return nil
	}
	switch u := s.built[s.current].(type) {
	case *portfolio.Environments, *portfolio.Stakeholders:
		return u.(undoableScreen)
	}
	return nil
}

// undoOnPortfolio gives Ctrl+Z to the Environments or Stakeholders screen
// while it is shown, and reports whether it took it. Edit > Undo calls it
// before falling back to the Releases screen.
func (s *shell) undoOnPortfolio() bool {
	u := s.shownUndoable()
	if u == nil {
		return false
	}
	u.Undo()
	s.updateUndo()
	return true
}

// portfolioUndoItem makes Edit > Undo name the shown portfolio screen's last change.
func (s *shell) portfolioUndoItem() {
	if u := s.shownUndoable(); u != nil {
		s.undoItem.Label, s.undoItem.Disabled = u.UndoLabel(), !u.CanUndo()
	}
}
