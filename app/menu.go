package app

import (
	"errors"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/BurntSushi/toml"

	"releasedesk/assets"
	"releasedesk/views/releases"
)

// Keyboard shortcuts; Ctrl on Linux and Windows, Cmd on macOS.
var (
	shortcutNew  = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutOpen = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutFind = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutQuit = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	// shortcutUndo is the system undo (Ctrl+Z), so text fields keep their own undo.
	shortcutUndo = &fyne.ShortcutUndo{}
)

// databaseExtensions are the files File > Open database offers.
var databaseExtensions = []string{".db", ".sqlite", ".sqlite3"}

// buildMenu makes the main menu: File, Edit, View, Help.
func (s *shell) buildMenu() *fyne.MainMenu {
	newRelease := &fyne.MenuItem{Label: "New release", Icon: theme.ContentAddIcon(), Shortcut: shortcutNew, Action: s.newRelease}
	open := &fyne.MenuItem{Label: "Open database…", Icon: theme.FolderOpenIcon(), Shortcut: shortcutOpen, Action: s.chooseDatabase}
	quit := &fyne.MenuItem{Label: "Quit", Shortcut: shortcutQuit, IsQuit: true, Action: s.quit}
	s.undoItem = &fyne.MenuItem{Label: "Undo", Icon: theme.ContentUndoIcon(), Shortcut: shortcutUndo, Action: s.undo, Disabled: true}
	find := &fyne.MenuItem{Label: "Find releases", Icon: theme.SearchIcon(), Shortcut: shortcutFind, Action: s.find}
	s.viewMenu = fyne.NewMenu("View")
	for i, sec := range s.sections {
		s.viewMenu.Items = append(s.viewMenu.Items, &fyne.MenuItem{Label: sec.title, Icon: sec.icon, Action: func() { s.switchSection(i) }})
	}
	about := &fyne.MenuItem{Label: "About " + appName, Icon: theme.InfoIcon(), Action: s.showAbout}
	s.menu = fyne.NewMainMenu(
		fyne.NewMenu("File", newRelease, open, fyne.NewMenuItemSeparator(), s.exportMenuItem(), fyne.NewMenuItemSeparator(), quit),
		fyne.NewMenu("Edit", s.undoItem, fyne.NewMenuItemSeparator(), find),
		s.viewMenu,
		fyne.NewMenu("Help", about),
	)
	return s.menu
}

// addShortcuts registers the shortcuts on the canvas too, for when no menu
// bar handles them (tests, and platforms that draw menus elsewhere).
func (s *shell) addShortcuts() {
	c := s.win.Canvas()
	c.AddShortcut(shortcutNew, func(fyne.Shortcut) { s.newRelease() })
	c.AddShortcut(shortcutOpen, func(fyne.Shortcut) { s.chooseDatabase() })
	c.AddShortcut(shortcutFind, func(fyne.Shortcut) { s.find() })
	c.AddShortcut(shortcutExport, func(fyne.Shortcut) { s.exportReview() })
	c.AddShortcut(shortcutQuit, func(fyne.Shortcut) { s.quit() })
	c.AddShortcut(shortcutUndo, func(fyne.Shortcut) { s.undo() })
}

func (s *shell) newRelease() { s.showReleases((*releases.Screen).NewRelease) }

func (s *shell) find() { s.showReleases((*releases.Screen).FocusSearch) }

// undo gives Ctrl+Z to the text field being typed in, if any; otherwise it
// takes back the last change to a release.
func (s *shell) undo() {
	if f, ok := s.win.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(shortcutUndo)
		return
	}
	if s.undoOnTimeline() || s.undoOnPortfolio() {
		return
	}
	if s.releases != nil {
		s.releases.Undo()
	}
}

// updateUndo names the change Edit > Undo would take back.
func (s *shell) updateUndo() {
	if s.undoItem == nil {
		return
	}
	s.undoItem.Label, s.undoItem.Disabled = "Undo", true
	if s.releases != nil && s.releases.CanUndo() {
		s.undoItem.Label, s.undoItem.Disabled = s.releases.UndoLabel(), false
	}
	s.timelineUndoItem()
	s.portfolioUndoItem()
	s.menu.Refresh()
}

// chooseDatabase asks for a database file and opens it, once unsaved work is dealt with.
func (s *shell) chooseDatabase() {
	s.leaveScreen(func() { chooseDatabaseFile(s.win, filepath.Dir(s.store.Path()), s.openDatabase) }, nil)
}

// showAbout tells the app's name, version and which database is open.
func (s *shell) showAbout() {
	logo := canvas.NewImageFromResource(assets.Icon)
	logo.FillMode = canvas.ImageFillContain
	logo.SetMinSize(fyne.NewSize(96, 96))
	name := widget.NewLabelWithStyle(appName, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameHeadingText
	path := widget.NewLabel(s.store.Path())
	path.Wrapping = fyne.TextWrapBreak
	content := container.NewVBox(
		container.NewCenter(logo),
		name,
		widget.NewLabelWithStyle("Version "+s.app.Metadata().Version, fyne.TextAlignCenter, fyne.TextStyle{}), // from FyneApp.toml, see SetMetadata
		widget.NewLabelWithStyle("Plan releases, track deployments and review how they went.", fyne.TextAlignCenter, fyne.TextStyle{Italic: true}),
		widget.NewSeparator(),
		widget.NewLabelWithStyle("Open database", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		path,
	)
	d := dialog.NewCustom("About "+appName, "Close", content, s.win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

// fyneAppFile is the part of FyneApp.toml that Release Desk reads; `fyne
// package` reads the same file, so the name, id and version live there alone.
type fyneAppFile struct {
	Details struct {
		Icon, Name, ID, Version string
		Build                   int
	}
	Migrations map[string]bool
}

// SetMetadata makes what FyneApp.toml (its text, as main embeds it) says of
// the app its metadata: name, id, version and build, which Help > About shows.
func SetMetadata(fyneAppToml []byte) error {
	m, err := parseMetadata(fyneAppToml)
	if err != nil {
		return err
	}
	fyneapp.SetMetadata(m)
	return nil
}

// parseMetadata reads the metadata out of FyneApp.toml's text; a file
// without a name, id or version is refused.
func parseMetadata(text []byte) (fyne.AppMetadata, error) {
	var f fyneAppFile
	if _, err := toml.Decode(string(text), &f); err != nil {
		return fyne.AppMetadata{}, fmt.Errorf("FyneApp.toml: %w", err)
	}
	d := f.Details
	var missing []error
	for _, field := range []struct{ name, value string }{{"Name", d.Name}, {"ID", d.ID}, {"Version", d.Version}} {
		if field.value == "" {
			missing = append(missing, fmt.Errorf("FyneApp.toml: [Details] has no %s", field.name))
		}
	}
	if err := errors.Join(missing...); err != nil {
		return fyne.AppMetadata{}, err
	}
	return fyne.AppMetadata{ID: d.ID, Name: d.Name, Version: d.Version, Build: d.Build, Migrations: f.Migrations}, nil
}
