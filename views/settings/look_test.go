//go:build shots

package settings

import (
	"testing"

	"fyne.io/fyne/v2"

	"releasedesk/views/uitest"
)

// TestSettingsLook writes PNGs of the Settings screen, light and dark, for a person to look at.
func TestSettingsLook(t *testing.T) {
	u := uitest.New(t)
	for _, variant := range []string{ThemeLight, ThemeDark} {
		fyne.CurrentApp().Settings().SetTheme(ThemeFor(variant))
		u.Show(New(fyne.CurrentApp(), u.Store.Path()), 1088, 760) // what the sidebar leaves of a 1280x800 window
		uitest.SaveShot(t, u.Win, "settings_"+variant+".png")
	}
}
