// Package settings is the Settings screen and the preferences it keeps: the
// theme, and the type and risk a new release starts with.
package settings

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

var _ fyne.Widget = (*Screen)(nil)

// Preference keys and the theme choices kept under ThemePreference.
const (
	ThemePreference       = "theme"
	ThemeSystem           = "system"
	ThemeLight            = "light"
	ThemeDark             = "dark"
	DefaultTypePreference = "defaults.type"
	DefaultRiskPreference = "defaults.risk"
	// WhoPreference is the name history records for the window's changes.
	WhoPreference = "history.who"
)

var themeChoices = []struct{ key, label string }{
	{ThemeSystem, "System"}, {ThemeLight, "Light"}, {ThemeDark, "Dark"},
}

// ThemeFor returns the theme for a choice kept under ThemePreference:
// Fyne's default theme, following the system or held light or dark, with
// status colours that read on a light background (readableTheme).
func ThemeFor(choice string) fyne.Theme {
	switch choice {
	case ThemeLight:
		return readableTheme{Theme: theme.DefaultTheme(), fixed: theme.VariantLight, held: true}
	case ThemeDark:
		return readableTheme{Theme: theme.DefaultTheme(), fixed: theme.VariantDark, held: true}
	}
	return readableTheme{Theme: theme.DefaultTheme()}
}

// ApplyTheme sets a's theme from its preferences, as the user last chose it.
func ApplyTheme(a fyne.App) {
	a.Settings().SetTheme(ThemeFor(a.Preferences().StringWithFallback(ThemePreference, ThemeSystem)))
}

// Fyne's light variant draws success, warning and error in the colours of
// its dark one: green text on white reads at 1.5:1, orange at 2.2:1. These
// deeper shades read at 4.5:1 or better on the light background, on the
// panels and under white text on a button (WCAG's level for body text).
var lightStatusColours = map[fyne.ThemeColorName]color.Color{
	theme.ColorNameSuccess: color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff},
	theme.ColorNameWarning: color.NRGBA{R: 0xa8, G: 0x54, B: 0x00, A: 0xff},
	theme.ColorNameError:   color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff},
}

// readableTheme is Fyne's default theme in the variant the system asks
// for, or in one variant whatever it asks for (held), with
// lightStatusColours in the light variant; fonts, icons and sizes are the
// default theme's.
type readableTheme struct {
	fyne.Theme
	fixed fyne.ThemeVariant
	held  bool
}

// Color returns the colour n of the variant drawn.
func (r readableTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if r.held {
		v = r.fixed
	}
	if c, ok := lightStatusColours[n]; ok && v == theme.VariantLight {
		return c
	}
	return r.Theme.Color(n, v)
}

// DefaultReleaseType is the type a new release starts with, as chosen in Settings.
func DefaultReleaseType(p fyne.Preferences) data.ReleaseType {
	if t := data.ReleaseType(p.String(DefaultTypePreference)); t.Valid() {
		return t
	}
	return data.TypeMinor
}

// DefaultRisk is the risk a new release starts with, as chosen in Settings.
func DefaultRisk(p fyne.Preferences) data.Risk {
	if r := data.Risk(p.String(DefaultRiskPreference)); r.Valid() {
		return r
	}
	return data.RiskLow
}

// Who is the name history records for the changes made in the window, as
// set in Settings; "" means the name the user signed in with.
func Who(p fyne.Preferences) string { return p.String(WhoPreference) }

// Screen is the Settings screen: the theme, the database in use and the
// defaults of new releases, all kept in the app's preferences.
type Screen struct {
	widget.BaseWidget
	kit.Screen

	// OnOpenDatabase is called when the user asks to open another database.
	OnOpenDatabase func()
	// OnOpenServer is called when the user asks to open a plan on a team server.
	OnOpenServer func()
	// OnWhoChanged is called with the name history is to record from now on.
	OnWhoChanged func(name string)

	app     fyne.App
	theme   *widget.RadioGroup
	path    *widget.Label
	where   *widget.Label
	who     *widget.Entry
	relType *widget.Select
	risk    *widget.Select
	content fyne.CanvasObject
}

// New builds the Settings screen of a in win, showing the database at dbPath.
func New(a fyne.App, win fyne.Window, dbPath string) *Screen {
	s := &Screen{app: a}
	s.Start(win, kit.InlineScheduler) // every change here is a preference, saved at once
	s.ExtendBaseWidget(s)
	s.content = s.buildUI(dbPath)
	return s
}

// CreateRenderer shows the screen's content.
func (s *Screen) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(s.content) }

func (s *Screen) buildUI(dbPath string) fyne.CanvasObject {
	prefs := s.app.Preferences()
	heading := &widget.Label{Text: "Settings", SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	heading.ExtendBaseWidget(heading)

	labels := make([]string, len(themeChoices))
	current := prefs.StringWithFallback(ThemePreference, ThemeSystem)
	for i, c := range themeChoices {
		labels[i] = c.label
	}
	s.theme = &widget.RadioGroup{Options: labels, Horizontal: true, Required: true}
	s.theme.ExtendBaseWidget(s.theme)
	for _, c := range themeChoices {
		if c.key == current {
			s.theme.Selected = c.label
		}
	}
	if s.theme.Selected == "" {
		s.theme.Selected = themeChoices[0].label
	}
	s.theme.OnChanged = s.onTheme
	appearance := settingsGroup("Appearance",
		settingsRow("Theme", s.theme, "System follows the light or dark mode of your desktop."))

	s.path = &widget.Label{Text: dbPath, Wrapping: fyne.TextWrapBreak, TextStyle: fyne.TextStyle{Monospace: true}}
	s.path.ExtendBaseWidget(s.path)
	open := &widget.Button{Text: "Open another database…", Icon: theme.FolderOpenIcon(), OnTapped: func() {
		if s.OnOpenDatabase != nil {
			s.OnOpenDatabase()
		}
	}}
	open.ExtendBaseWidget(open)
	server := &widget.Button{Text: "Open team server…", Icon: theme.StorageIcon(), OnTapped: func() {
		if s.OnOpenServer != nil {
			s.OnOpenServer()
		}
	}}
	server.ExtendBaseWidget(server)
	s.where = &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
	s.where.ExtendBaseWidget(s.where)
	s.SetDatabasePath(dbPath)
	s.who = kit.LimitText(&widget.Entry{PlaceHolder: "Your sign-in name"}, data.MaxNameLength)
	s.who.SetText(Who(prefs))
	s.who.OnChanged = func(name string) {
		prefs.SetString(WhoPreference, name)
		if s.OnWhoChanged != nil {
			s.OnWhoChanged(name)
		}
	}
	database := settingsGroup("Database",
		settingsRow("In use", container.NewVBox(s.path, s.where), ""),
		settingsRow("", container.NewHBox(open, server), ""),
		settingsRow("Your name", container.NewHBox(kit.FixedWidth(300, s.who)),
			"History records this name with each change you make; left empty, the name you signed in with."))

	s.relType = widget.NewSelect(kit.LabelsOf(data.ReleaseTypes, data.ReleaseType.Label), func(label string) {
		prefs.SetString(DefaultTypePreference, string(kit.ValueOf(data.ReleaseTypes, data.ReleaseType.Label, label)))
	})
	s.relType.Selected = DefaultReleaseType(prefs).Label()
	s.risk = widget.NewSelect(kit.LabelsOf(data.Risks, data.Risk.Label), func(label string) {
		prefs.SetString(DefaultRiskPreference, string(kit.ValueOf(data.Risks, data.Risk.Label, label)))
	})
	s.risk.Selected = DefaultRisk(prefs).Label()
	defaults := settingsGroup("New releases",
		settingsRow("Type", container.NewHBox(kit.FixedWidth(200, s.relType)), ""),
		settingsRow("Risk", container.NewHBox(kit.FixedWidth(200, s.risk)), "A new release starts with this type and risk; change them in its form."))

	body := container.NewVBox(appearance, widget.NewSeparator(), database, widget.NewSeparator(), defaults)
	return container.NewBorder(heading, nil, nil, nil, container.NewVScroll(container.New(cappedWidth{720}, body)))
}

func (s *Screen) onTheme(label string) {
	for _, c := range themeChoices {
		if c.label == label {
			s.app.Preferences().SetString(ThemePreference, c.key)
			ApplyTheme(s.app)
			return
		}
	}
}

// SetDatabasePath shows the database now in use: a file, or a plan on a
// server (path is then its URL without the password).
func (s *Screen) SetDatabasePath(path string) {
	s.path.SetText(path)
	if data.IsServerLocation(path) {
		s.where.SetText("A plan shared on a PostgreSQL server: everyone's changes show here as they are made. Back it up with pg_dump.")
	} else {
		s.where.SetText("Everything is kept in this one file; copy it to back it up.")
	}
}

// settingsGroup is a titled group of settings rows.
func settingsGroup(title string, rows ...fyne.CanvasObject) fyne.CanvasObject {
	head := &widget.Label{Text: title, SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	head.ExtendBaseWidget(head)
	return container.NewVBox(append([]fyne.CanvasObject{head}, rows...)...)
}

// settingsRow is a label on the left and the control, with an optional hint under it.
func settingsRow(label string, control fyne.CanvasObject, hint string) fyne.CanvasObject {
	name := &widget.Label{Text: label, TextStyle: fyne.TextStyle{Bold: true}}
	name.ExtendBaseWidget(name)
	right := container.NewVBox(control)
	if hint != "" {
		h := &widget.Label{Text: hint, Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
		h.ExtendBaseWidget(h)
		right.Add(h)
	}
	return container.NewBorder(nil, nil, kit.FixedWidth(140, name), nil, right)
}

// cappedWidth lays its objects out at most width wide, on the leading edge,
// so a settings page does not stretch across a wide window.
type cappedWidth struct{ width float32 }

func (c cappedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(min(size.Width, c.width), size.Height))
	}
}

func (c cappedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}
