package settings

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/uitest"
)

// settingsBackground is the background the app's theme draws when the system asks for variant v.
func settingsBackground(a fyne.App, v fyne.ThemeVariant) color.Color {
	return a.Settings().Theme().Color(theme.ColorNameBackground, v)
}

func TestSettingsThemeIsKeptAndApplied(t *testing.T) {
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	s := New(a, w, "/tmp/plan.db")
	w.SetContent(s)
	w.Resize(fyne.NewSize(900, 600))
	dark := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark)
	light := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight)

	tests := []struct {
		choice, pref string
		// want is the background drawn whatever the system asks for; nil follows the system.
		want color.Color
	}{
		{"Dark", ThemeDark, dark},
		{"Light", ThemeLight, light},
		{"System", ThemeSystem, nil},
	}
	for _, tt := range tests {
		s.theme.SetSelected(tt.choice)
		if got := a.Preferences().String(ThemePreference); got != tt.pref {
			t.Errorf("%s: preference %q, want %q", tt.choice, got, tt.pref)
		}
		for _, asked := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
			want := tt.want
			if want == nil {
				want = theme.DefaultTheme().Color(theme.ColorNameBackground, asked)
			}
			if got := settingsBackground(a, asked); got != want {
				t.Errorf("%s: system asks for variant %d, background %v, want %v", tt.choice, asked, got, want)
			}
		}
	}
}

func TestApplyThemeAtStart(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString(ThemePreference, ThemeDark)
	ApplyTheme(a)
	dark := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark)
	if got := settingsBackground(a, theme.VariantLight); got != dark {
		t.Errorf("a dark preference drew background %v on a light system", got)
	}
	s := New(a, test.NewTempWindow(t, nil), "/tmp/plan.db")
	if s.theme.Selected != "Dark" {
		t.Errorf("the screen shows %q chosen", s.theme.Selected)
	}
	a.Preferences().SetString(ThemePreference, "purple")
	ApplyTheme(a)
	if got := settingsBackground(a, theme.VariantLight); got != theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight) {
		t.Errorf("an unknown preference did not fall back to the system theme: %v", got)
	}
}

func TestSettingsDefaultsAndDatabase(t *testing.T) {
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	s := New(a, w, "/tmp/plan.db")
	w.SetContent(s)
	w.Resize(fyne.NewSize(900, 600))
	if DefaultReleaseType(a.Preferences()) != data.TypeMinor || DefaultRisk(a.Preferences()) != data.RiskLow {
		t.Error("defaults without a preference are not minor and low")
	}
	s.relType.SetSelected(data.TypeHotfix.Label())
	s.risk.SetSelected(data.RiskHigh.Label())
	if got := DefaultReleaseType(a.Preferences()); got != data.TypeHotfix {
		t.Errorf("default type %q", got)
	}
	if got := DefaultRisk(a.Preferences()); got != data.RiskHigh {
		t.Errorf("default risk %q", got)
	}
	if again := New(a, w, "/tmp/plan.db"); again.relType.Selected != "Hotfix" || again.risk.Selected != "High" {
		t.Errorf("a new screen shows %q and %q", again.relType.Selected, again.risk.Selected)
	}

	opened := 0
	s.OnOpenDatabase = func() { opened++ }
	tapButtonIn(t, w, "Open another database…")
	if opened != 1 {
		t.Errorf("Open another database called %d times", opened)
	}
	s.SetDatabasePath("/tmp/other.db")
	if s.path.Text != "/tmp/other.db" {
		t.Errorf("path shows %q", s.path.Text)
	}
}

// tapButtonIn taps the visible button labelled text in w.
func tapButtonIn(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	var found *widget.Button
	uitest.Visit(w.Canvas().Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && found == nil && b.Text == text {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	test.Tap(found)
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, b, _ := c.RGBA()
		var l float64
		for i, v := range []uint32{r, g, b} {
			x := float64(v) / 0xffff
			if x <= 0.03928 {
				x /= 12.92
			} else {
				x = math.Pow((x+0.055)/1.055, 2.4)
			}
			l += []float64{0.2126, 0.7152, 0.0722}[i] * x
		}
		return l
	}
	la, lb := lum(a), lum(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// In the light theme the import preview's green verdict, the orange
// "(NEW)" products and warning notes read at 1.5:1 to 2.2:1 on white.
func TestLightThemeStatusColoursRead(t *testing.T) {
	statuses := map[fyne.ThemeColorName]fyne.ThemeColorName{
		theme.ColorNameSuccess: theme.ColorNameForegroundOnSuccess,
		theme.ColorNameWarning: theme.ColorNameForegroundOnWarning,
		theme.ColorNameError:   theme.ColorNameForegroundOnError,
	}
	for _, choice := range []string{ThemeLight, ThemeSystem} {
		th := ThemeFor(choice)
		for status, onIt := range statuses {
			c := th.Color(status, theme.VariantLight)
			for _, under := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground, theme.ColorNameHeaderBackground} {
				if r := contrast(c, th.Color(under, theme.VariantLight)); r < 4.5 {
					t.Errorf("%s theme: %s text on %s reads at %.2f:1, under 4.5:1", choice, status, under, r)
				}
			}
			if r := contrast(c, th.Color(onIt, theme.VariantLight)); r < 4.5 {
				t.Errorf("%s theme: %s on a %s button reads at %.2f:1, under 4.5:1", choice, onIt, status, r)
			}
		}
	}
	// The dark variant keeps Fyne's bright shades, which read on dark.
	for _, choice := range []string{ThemeDark, ThemeSystem} {
		th := ThemeFor(choice)
		for status := range statuses {
			if got, want := th.Color(status, theme.VariantDark), theme.DefaultTheme().Color(status, theme.VariantDark); got != want {
				t.Errorf("%s theme: dark %s is %v, want Fyne's %v", choice, status, got, want)
			}
			if r := contrast(th.Color(status, theme.VariantDark), th.Color(theme.ColorNameBackground, theme.VariantDark)); r < 4.5 {
				t.Errorf("%s theme: dark %s reads at %.2f:1", choice, status, r)
			}
		}
	}
}
