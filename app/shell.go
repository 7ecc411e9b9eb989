package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/assets"
	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/releases"
)

// section is one entry of the sidebar: a screen of the app.
type section struct {
	title string
	icon  fyne.Resource
	build func() fyne.CanvasObject
}

// shell is the main window: sidebar, menus, shortcuts and the open database.
type shell struct {
	ctx   context.Context
	app   fyne.App
	win   fyne.Window
	store *data.Store
	// sched runs the screens' background and timed work.
	sched kit.Scheduler

	sections []section
	built    []fyne.CanvasObject
	current  int
	nav      *widget.List
	body     *fyne.Container
	dbLabel  *widget.Label

	releases *releases.Screen
	menu     *fyne.MainMenu
	undoItem *fyne.MenuItem
	viewMenu *fyne.Menu
}

// newShell builds the window's content, menus and shortcuts on store; sched
// runs the screens' slow work (kit.AppScheduler in the app).
func newShell(ctx context.Context, a fyne.App, w fyne.Window, store *data.Store, sched kit.Scheduler) *shell {
	s := &shell{ctx: ctx, app: a, win: w, store: store, sched: sched, current: -1}
	s.sections = []section{
		s.dashboardSection(),
		{title: releasesTitle, icon: theme.ListIcon(), build: s.buildReleases},
		s.timelineSection(),
		s.environmentsSection(),
		s.stakeholdersSection(),
		s.reportsSection(),
		s.settingsSection(),
	}
	s.built = make([]fyne.CanvasObject, len(s.sections))
	s.body = container.NewStack()
	w.SetContent(container.NewBorder(nil, nil, s.buildSidebar(), nil, container.NewPadded(s.body)))
	w.SetMainMenu(s.buildMenu())
	s.addShortcuts()
	w.SetCloseIntercept(s.quit)
	s.showSection(0)
	s.updateTitle()
	return s
}

func (s *shell) buildReleases() fyne.CanvasObject {
	s.releases = releases.New(s.store, s.win, s.sched)
	s.releases.OnUndoChanged = s.updateUndo
	return s.releases
}

// buildSidebar lists the sections under the app's name, with the open database at the foot.
func (s *shell) buildSidebar() fyne.CanvasObject {
	s.nav = widget.NewList(
		func() int { return len(s.sections) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.ListIcon()), widget.NewLabel("Environments"))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(s.sections[id].icon)
			row.Objects[1].(*widget.Label).SetText(s.sections[id].title)
		})
	s.nav.OnSelected = func(id widget.ListItemID) {
		if id != s.current {
			s.switchSection(id)
		}
	}
	logo := canvas.NewImageFromResource(assets.Logo)
	logo.FillMode = canvas.ImageFillContain
	logo.SetMinSize(fyne.NewSize(32, 32))
	brand := container.NewHBox(logo, widget.NewLabelWithStyle(appName, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	s.dbLabel = &widget.Label{Truncation: fyne.TextTruncateEllipsis, SizeName: theme.SizeNameCaptionText}
	s.dbLabel.ExtendBaseWidget(s.dbLabel)
	foot := container.NewBorder(nil, nil, widget.NewIcon(theme.StorageIcon()), nil, s.dbLabel)
	side := container.NewBorder(container.NewVBox(container.NewPadded(brand), widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), foot), nil, nil, s.nav)
	return container.NewHBox(fixedWidthBox(184, side), widget.NewSeparator())
}

// switchSection moves to section i once the current screen agrees to be left.
func (s *shell) switchSection(i int) {
	s.leaveScreen(func() { s.showSection(i) }, func() { s.nav.Select(s.current) })
}

// leaveScreen runs then when the current screen has no unsaved work or the
// user chose what to do with it; otherwise stay runs.
func (s *shell) leaveScreen(then, stay func()) {
	if s.releases == nil || !s.releases.HasUnsavedChanges() {
		then()
		return
	}
	done := false
	s.releases.ConfirmLeave(func() { done = true; then() })
	if !done && stay != nil {
		stay() // the question is still open; keep the sidebar on the screen being edited
	}
}

func (s *shell) showSection(i int) {
	if s.built[i] == nil {
		s.built[i] = s.sections[i].build()
	}
	s.current = i
	s.stackScreens()
	s.nav.Select(i)
	if s.viewMenu != nil {
		for j, item := range s.viewMenu.Items {
			item.Checked = j == i
		}
		s.menu.Refresh()
	}
}

// shown is the screen on show, nil before the first is built.
func (s *shell) shown() fyne.CanvasObject {
	if s.current < 0 || s.current >= len(s.built) {
		return nil
	}
	return s.built[s.current]
}

// stackScreens keeps every screen built so far in the body, the current one
// shown and the others hidden: hidden, they are not drawn, yet a change of
// theme still reaches them (Fyne applies it to the whole content tree). Only
// the screen coming forward is refreshed (Show does it), so hidden screens do
// not reload behind it.
func (s *shell) stackScreens() {
	s.body.Objects = slices.DeleteFunc(s.body.Objects, func(o fyne.CanvasObject) bool { return !slices.Contains(s.built, o) })
	for i, scr := range s.built {
		if scr == nil {
			continue
		}
		if !slices.Contains(s.body.Objects, scr) {
			s.body.Add(scr)
		}
		if i == s.current {
			scr.Show()
		} else {
			scr.Hide()
		}
	}
	canvas.Refresh(s.body)
}

// closeScreens closes every screen built so far (they stop their background
// work and let go of the database) and forgets them.
func (s *shell) closeScreens() {
	type closer interface{ Close() }
	for _, scr := range s.built {
		if c, ok := scr.(closer); ok {
			c.Close()
		}
	}
	s.releases = nil
	s.built = make([]fyne.CanvasObject, len(s.sections))
}

// showReleases brings the Releases screen forward and runs do on it.
func (s *shell) showReleases(do func(r *releases.Screen)) {
	i := s.sectionIndex(releasesTitle)
	if i < 0 {
		return
	}
	if s.current != i {
		s.switchSection(i)
		if s.current != i {
			return // the user chose to stay on a screen with unsaved work
		}
	}
	do(s.releases)
}

// sectionIndex is the position of the section titled title in the sidebar, or -1.
func (s *shell) sectionIndex(title string) int {
	for i, sec := range s.sections {
		if sec.title == title {
			return i
		}
	}
	return -1
}

func (s *shell) updateTitle() {
	appDir := ""
	if root := s.app.Storage().RootURI(); root != nil {
		appDir = root.Path()
	}
	s.win.SetTitle(windowTitle(s.store.Path(), appDir))
	s.dbLabel.SetText(filepath.Base(s.store.Path()))
}

// windowTitle names the app and the open file: "Release Desk — plan.db (~/work)".
// The folder is left out for a file in the app's own folder appDir, and
// shortened to its last two parts when long.
func windowTitle(path, appDir string) string {
	dir := filepath.Dir(path)
	if appDir != "" && filepath.Clean(appDir) == dir {
		return fmt.Sprintf("%s — %s", appName, filepath.Base(path))
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" && (dir == home || strings.HasPrefix(dir, home+string(filepath.Separator))) {
		dir = "~" + dir[len(home):]
	}
	if len([]rune(dir)) > 32 {
		parts := strings.Split(dir, string(filepath.Separator))
		if len(parts) > 2 {
			dir = "…" + string(filepath.Separator) + filepath.Join(parts[len(parts)-2:]...)
		}
	}
	return fmt.Sprintf("%s — %s (%s)", appName, filepath.Base(path), dir)
}

// openDatabase opens path in place of the current database. On failure it
// shows why and keeps the current one open.
func (s *shell) openDatabase(path string) {
	store, err := data.OpenExisting(s.ctx, path)
	if err != nil {
		dialog.ShowError(fmt.Errorf("could not open %s: %w", filepath.Base(path), err), s.win)
		return
	}
	old := s.store
	s.store = store
	s.rebuildScreens(0)
	if err := old.Close(); err != nil {
		fyne.LogError("closing "+old.Path(), err)
	}
	s.updateTitle()
	s.updateUndo()
}

// rebuildScreens drops every screen built so far and shows section i afresh,
// for when the database under them was replaced or filled.
func (s *shell) rebuildScreens(i int) {
	s.closeScreens()
	s.showSection(i)
}

// quit closes the window once unsaved work is saved or given up.
func (s *shell) quit() {
	s.leaveScreen(func() { s.win.Close() }, nil)
}

// close releases the database after the window has gone.
func (s *shell) close() error {
	s.closeScreens()
	return s.store.Close()
}

// fixedWidthBox gives o a fixed width and its full height.
func fixedWidthBox(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&widthLayout{w}, o)
}

type widthLayout struct{ width float32 }

func (l *widthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
	}
}

func (l *widthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(l.width, 0)
	for _, o := range objs {
		s.Height = max(s.Height, o.MinSize().Height)
	}
	return s
}
