//go:build shots

package roadmap

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"releasedesk/views/settings"
	"releasedesk/views/timeline"
	"releasedesk/views/uitest"
)

// TestTimelineLook saves the screen on 200 demo releases at each zoom, light
// and dark, and the question a drag into a freeze asks, for a person to look at.
func TestTimelineLook(t *testing.T) {
	u := uitest.Demo(t, 200)
	for _, variant := range []string{settings.ThemeLight, settings.ThemeDark} {
		fyne.CurrentApp().Settings().SetTheme(settings.ThemeFor(variant))
		s := New(u.Store, u.Win, u.Timers.Scheduler())
		u.Show(s, 1280, 800)
		for _, z := range []timeline.Zoom{timeline.ZoomWeek, timeline.ZoomMonth, timeline.ZoomQuarter} {
			s.Chart().SetZoom(z)
			s.Chart().ScrollToToday()
			uitest.SaveShot(t, u.Win, "timeline-"+strings.ToLower(z.String())+"-"+variant+".png")
		}
		s.Close()
	}

	f := newTimelineFixture(t)
	f.seed()
	f.show()
	f.drag(f.ids["p24stg"], 7) // to 21 July, inside Audit on Staging and onto Identity 1.0.0
	if !f.DialogOpen() {
		t.Fatalf("the drag into the freeze asks nothing; visible %q", f.Texts())
	}
	uitest.SaveShot(t, f.Win, "timeline-move-into-freeze.png")
}
