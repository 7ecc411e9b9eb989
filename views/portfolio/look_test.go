//go:build shots

package portfolio

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/settings"
	"releasedesk/views/uitest"
)

// portfolioLookSize is the main window's content area at 1280x800, beside
// the sidebar and under the menu bar.
var portfolioLookSize = fyne.NewSize(1088, 760)

// TestPortfolioLook writes PNGs of the Dashboard, Environments, Stakeholders
// and Settings screens on the demo data, light and dark, with forms showing
// their problems, for a person to look at.
func TestPortfolioLook(t *testing.T) {
	u := uitest.Demo(t, 200)
	s := u.Store
	screens := []struct {
		name  string
		build func(w fyne.Window) fyne.CanvasObject
	}{
		{"dashboard", func(fyne.Window) fyne.CanvasObject {
			d := NewDashboard(s, kit.InlineScheduler)
			t.Logf("dashboard queries took %v", d.took)
			return d
		}},
		{"environments", func(w fyne.Window) fyne.CanvasObject { return NewEnvironments(s, w, kit.InlineScheduler) }},
		{"stakeholders", func(w fyne.Window) fyne.CanvasObject { return NewStakeholders(s, w, kit.InlineScheduler) }},
		{"raci", func(w fyne.Window) fyne.CanvasObject {
			st := NewStakeholders(s, w, kit.InlineScheduler)
			st.tabs.SelectIndex(1)
			return st
		}},
		{"freeze_form", func(w fyne.Window) fyne.CanvasObject {
			e := NewEnvironments(s, w, kit.InlineScheduler)
			w.SetContent(e)
			w.Resize(portfolioLookSize)
			e.freeze.showForm(data.FreezeWindow{})
			e.freeze.form.end.Clock.SetText("25:00")
			e.freeze.form.scope.SetSelected(freezeSomeEnvs)
			e.freeze.save(data.FreezeWindow{}, e.freeze.form)
			return e
		}},
		{"person_form", func(w fyne.Window) fyne.CanvasObject {
			st := NewStakeholders(s, w, kit.InlineScheduler)
			w.SetContent(st)
			w.Resize(portfolioLookSize)
			st.showForm(data.Stakeholder{Name: "Dana Whitfield", Email: "dana at example"})
			st.save(data.Stakeholder{}, data.Stakeholder{Name: "Dana Whitfield", Email: "dana at example"}, st.form)
			return st
		}},
		{"settings", func(w fyne.Window) fyne.CanvasObject { return settings.New(fyne.CurrentApp(), w, s.Path()) }},
	}
	for _, sc := range screens {
		for _, variant := range []string{settings.ThemeLight, settings.ThemeDark} {
			fyne.CurrentApp().Settings().SetTheme(settings.ThemeFor(variant))
			w := test.NewTempWindow(t, nil)
			w.Resize(portfolioLookSize)
			w.SetContent(sc.build(w))
			uitest.SaveShot(t, w, sc.name+"_"+variant+".png")
		}
	}
}
