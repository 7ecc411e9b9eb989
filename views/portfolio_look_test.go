package views

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"releasedesk/data"
)

// portfolioLookSize is the main window's content area at 1280x800, beside
// the sidebar and under the menu bar.
var portfolioLookSize = fyne.NewSize(1088, 760)

// TestPortfolioLook writes PNGs of the Dashboard, Environments, Stakeholders
// and Settings screens on the demo data, light and dark, into $VIEWS_PNG for
// a person to look at.
func TestPortfolioLook(t *testing.T) {
	dir := os.Getenv("VIEWS_PNG")
	if dir == "" {
		t.Skip("set VIEWS_PNG to a directory to write the portfolio screens' PNGs")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := data.GenerateDemo(ctx, s, data.DemoOptions{Releases: 200, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	screens := []struct {
		name  string
		build func(w fyne.Window) fyne.CanvasObject
	}{
		{"dashboard", func(fyne.Window) fyne.CanvasObject {
			d := NewDashboard(s, InlineScheduler)
			t.Logf("dashboard queries took %v", d.took)
			return d
		}},
		{"environments", func(w fyne.Window) fyne.CanvasObject { return NewEnvironments(s, w, InlineScheduler) }},
		{"stakeholders", func(w fyne.Window) fyne.CanvasObject { return NewStakeholders(s, w, InlineScheduler) }},
		{"raci", func(w fyne.Window) fyne.CanvasObject {
			st := NewStakeholders(s, w, InlineScheduler)
			st.tabs.SelectIndex(1)
			return st
		}},
		{"freeze_form", func(w fyne.Window) fyne.CanvasObject {
			e := NewEnvironments(s, w, InlineScheduler)
			w.SetContent(e)
			w.Resize(portfolioLookSize)
			e.freeze.showForm(data.FreezeWindow{})
			e.freeze.form.end.Clock.SetText("25:00")
			e.freeze.form.scope.SetSelected(freezeSomeEnvs)
			e.freeze.save(data.FreezeWindow{}, e.freeze.form)
			return e
		}},
		{"person_form", func(w fyne.Window) fyne.CanvasObject {
			st := NewStakeholders(s, w, InlineScheduler)
			w.SetContent(st)
			w.Resize(portfolioLookSize)
			st.showForm(data.Stakeholder{Name: "Dana Whitfield", Email: "dana at example"})
			st.save(data.Stakeholder{}, data.Stakeholder{Name: "Dana Whitfield", Email: "dana at example"}, st.form)
			return st
		}},
		{"settings", func(fyne.Window) fyne.CanvasObject { return NewSettings(a, s.Path()) }},
	}
	for _, sc := range screens {
		for _, variant := range []string{ThemeLight, ThemeDark} {
			a.Settings().SetTheme(ThemeFor(variant))
			w := test.NewTempWindow(t, nil)
			w.Resize(portfolioLookSize)
			w.SetContent(sc.build(w))
			portfolioSavePNG(t, w, filepath.Join(dir, sc.name+"_"+variant+".png"))
		}
	}
}

// portfolioSavePNG writes what w shows to path.
func portfolioSavePNG(t *testing.T, w fyne.Window, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}
