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
)

var themeChoices = []struct{ key, label string }{
	{ThemeSystem, "System"}, {ThemeLight, "Light"}, {ThemeDark, "Dark"},
}

// ThemeFor returns the theme for a choice kept under ThemePreference: the
// default theme, which follows the system, or one held light or dark.
func ThemeFor(choice string) fyne.Theme {
	switch choice {
	case ThemeLight:
		return fixedVariant{Theme: theme.DefaultTheme(), variant: theme.VariantLight}
	case ThemeDark:
		return fixedVariant{Theme: theme.DefaultTheme(), variant: theme.VariantDark}
	}
	return theme.DefaultTheme()
}

// ApplyTheme sets a's theme from its preferences, as the user last chose it.
func ApplyTheme(a fyne.App) {
	a.Settings().SetTheme(ThemeFor(a.Preferences().StringWithFallback(ThemePreference, ThemeSystem)))
}

// fixedVariant is a theme that draws every colour in one variant, whatever
// the system asks for.
type fixedVariant struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

// Color returns the colour n of the fixed variant.
func (f fixedVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return f.Theme.Color(n, f.variant)
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

// Screen is the Settings screen: the theme, the database in use and the
// defaults of new releases, all kept in the app's preferences.
type Screen struct {
	widget.BaseWidget
	kit.Screen

	// OnOpenDatabase is called when the user asks to open another database.
	OnOpenDatabase func()

	app     fyne.App
	theme   *widget.RadioGroup
	path    *widget.Label
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
	database := settingsGroup("Database",
		settingsRow("In use", s.path, "Everything is kept in this one file; copy it to back it up."),
		settingsRow("", container.NewHBox(open), ""))

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

// SetDatabasePath shows the database now in use.
func (s *Screen) SetDatabasePath(path string) { s.path.SetText(path) }

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
