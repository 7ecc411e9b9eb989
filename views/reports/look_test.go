//go:build shots

package reports

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	reportfiles "releasedesk/reports"
	"releasedesk/views/kit"
	"releasedesk/views/settings"
	"releasedesk/views/uitest"
)

// TestReportsLook writes PNGs of the Reports screen on the demo data, of an
// import preview with errors and of the export progress, light and dark,
// for a person to look at.
func TestReportsLook(t *testing.T) {
	f := &reportsFixture{UI: uitest.Demo(t, 200), dir: t.TempDir()}
	plan := f.writeFile("Q3 plan.csv", "Application,Fix Version,Summary,Type,State,Owner,Freeze,Go-live,Budget,Notes\n"+
		"Payments,9.0.0,Instant payouts for marketplace sellers,major,planned,Dana Whitfield,2026-08-03,2026-08-17,120k,\n"+
		"Fleet Tracker,1.0.0,First release to pilot customers,major,planned,Priya Natarajan,2026-07-20,2026-08-01,80k,new\n"+
		"Fleet Tracker,1.1.0,Route replay,minor,draft,Priya Natarajan,2026-08-20,31/08/2026,,\n"+
		"Billing,7.2.0,Dunning emails,minor,planned,Alex Kim,2026-09-01,2026-09-14,,\n"+
		"Billing,7.2.0,Dunning emails again,minor,planned,Alex Kim,2026-09-01,2026-09-14,,dup\n"+
		"Identity,5.0.0,Passkeys,major,soon,Sam Ortiz,2026-09-10,2026-09-28,,\n"+
		"Identity,5.0.1,Passkey fixes,hotfix,planned,Sam Ortiz,2026-10-02,2026-10-01,,\n")
	for _, variant := range []string{settings.ThemeLight, settings.ThemeDark} {
		fyne.CurrentApp().Settings().SetTheme(settings.ThemeFor(variant))
		for name, set := range map[string]func(s *Screen, w fyne.Window){
			"reports":         func(*Screen, fyne.Window) {},
			"reports_search":  func(s *Screen, _ fyne.Window) { s.review.search.SetText("payments 5") },
			"reports_preview": func(s *Screen, _ fyne.Window) { s.plan.read(plan) },
			"reports_progress": func(s *Screen, w fyne.Window) {
				p := newExportProgress("Exporting the portfolio", reportfiles.PortfolioFileName, "rows", func() {}, w)
				p.show()
				p.set(12000, 22525)
			},
		} {
			w := test.NewTempWindow(t, nil)
			w.Resize(fyne.NewSize(1088, 760)) // what the sidebar leaves of a 1280x800 window
			s := New(f.Store, w, kit.InlineScheduler)
			w.SetContent(s)
			set(s, w)
			uitest.SaveShot(t, w, name+"_"+variant+".png")
		}
	}
}
