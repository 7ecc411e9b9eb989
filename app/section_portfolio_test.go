package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/portfolio"
	"releasedesk/views/settings"
	"releasedesk/views/uitest"
)

func TestPortfolioSectionsInOrder(t *testing.T) {
	f := newShellFixture(t, nil)
	var titles []string
	for _, sec := range f.shell.sections {
		titles = append(titles, sec.title)
	}
	want := "Dashboard,Releases,Timeline,Environments,Stakeholders,Reports,Settings"
	if got := strings.Join(titles, ","); got != want {
		t.Errorf("sidebar %s, want %s", got, want)
	}
	if _, ok := f.shell.built[0].(*portfolio.Dashboard); !ok {
		t.Errorf("the window opened on %T, want the Dashboard", f.shell.built[0])
	}
}

func TestPortfolioThemePreferenceAppliedAtStart(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString(settings.ThemePreference, settings.ThemeDark)
	store := shellOpen(t, filepath.Join(t.TempDir(), "plan.db"), nil)
	w := test.NewWindow(nil)
	s := newShell(context.Background(), a, w, store, kit.InlineScheduler)
	t.Cleanup(func() { w.Close(); s.close() })
	dark := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark)
	if got := a.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantLight); got != dark {
		t.Errorf("with the dark preference the background is %v on a light system, want %v", got, dark)
	}
}

func TestPortfolioDashboardOpensReleases(t *testing.T) {
	var rel data.Release
	f := newShellFixture(t, func(s *data.Store) {
		rel = shellRelease(t, s, "Payments", "2.4.0", "Faster checkout")
		rel.PlannedRelease, rel.ReplanReason = data.Today().AddDays(3), "Brought into the dashboard's window"
		if err := s.SaveRelease(context.Background(), &rel); err != nil {
			t.Fatal(err)
		}
	})
	f.shell.switchSection(f.shell.sectionIndex(dashboardTitle))
	d, ok := f.shell.shown().(*portfolio.Dashboard)
	if !ok {
		t.Fatalf("the Dashboard section shows %T", f.shell.shown())
	}
	if !f.Shows("Payments 2.4.0") {
		t.Fatalf("the dashboard does not list the release; visible %q", f.Texts())
	}
	d.OnOpenRelease(rel.ID)
	if f.shell.sections[f.shell.current].title != releasesTitle {
		t.Fatalf("opening a release shows %q", f.shell.sections[f.shell.current].title)
	}
	if !f.Shows("Faster checkout") || !f.Shows("Delete") {
		t.Errorf("the release's editor is not open; visible %q", f.Texts())
	}
}

func TestPortfolioUndoFollowsTheShownScreen(t *testing.T) {
	f := newShellFixture(t, nil)
	s := f.shell
	s.switchSection(s.sectionIndex(environmentsTitle))
	f.Tap("Add environment")
	var name *widget.Entry
	for _, root := range f.Roots() {
		uitest.Visit(root, func(o fyne.CanvasObject) {
			if e, ok := o.(*widget.Entry); ok && e.PlaceHolder == "e.g. QA" {
				name = e
			}
		})
	}
	if name == nil {
		t.Fatalf("no environment form; visible %q", f.Texts())
	}
	test.Type(name, "QA")
	f.Tap("Add")
	envs, _ := s.store.Environments(f.Ctx)
	if len(envs) != 1 {
		t.Fatalf("%d environments after adding one", len(envs))
	}
	s.updateUndo()
	s.portfolioUndoItem()
	if s.undoItem.Disabled || s.undoItem.Label != "Undo new environment QA" {
		t.Errorf("Edit menu says %q (disabled %v)", s.undoItem.Label, s.undoItem.Disabled)
	}
	if !s.undoOnPortfolio() {
		t.Fatal("the Environments screen did not take the undo")
	}
	if envs, _ := s.store.Environments(f.Ctx); len(envs) != 0 {
		t.Errorf("undo left %d environments", len(envs))
	}
	s.switchSection(s.sectionIndex(dashboardTitle))
	if s.undoOnPortfolio() {
		t.Error("the Dashboard took an undo")
	}
}
