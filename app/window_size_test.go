package app

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/uitest"
)

// smallScreen is a 13" laptop's screen, the smallest the window serves.
var smallScreen = fyne.NewSize(1024, 700)

// menuBarAllowance is the height Fyne's menu bar takes inside the window on
// Linux and Windows (the test driver draws no menu bar).
const menuBarAllowance = 36

func TestWindowSizeFitsTheScreen(t *testing.T) {
	tests := []struct {
		name          string
		saved, screen fyne.Size
		want          fyne.Size
	}{
		{"first start on a large screen", fyne.Size{}, fyne.NewSize(1920, 1040), defaultWindowSize},
		{"first start on a small screen", fyne.Size{}, smallScreen, fyne.NewSize(1024, 660)},
		{"first start, screen unknown", fyne.Size{}, fyne.Size{}, defaultWindowSize},
		{"the size it was left at", fyne.NewSize(1500, 900), fyne.NewSize(2560, 1400), fyne.NewSize(1500, 900)},
		{"left larger than this screen", fyne.NewSize(2400, 1300), smallScreen, fyne.NewSize(1024, 660)},
		{"left small, kept small", fyne.NewSize(1100, 640), fyne.NewSize(2560, 1400), fyne.NewSize(1100, 640)},
	}
	for _, tt := range tests {
		if got := windowSize(tt.saved, tt.screen); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestWindowRemembersItsSize(t *testing.T) {
	f := newShellFixture(t, nil)
	p := f.shell.app.Preferences()
	if got := savedWindowSize(p); got != (fyne.Size{}) {
		t.Fatalf("a first start finds a saved size %v", got)
	}
	f.Win.Resize(fyne.NewSize(1111, 690))
	f.shell.quit()
	f.closed = true
	if got := savedWindowSize(p); got != fyne.NewSize(1111, 690) {
		t.Errorf("the next start opens at %v, want the 1111x690 the window was left at", got)
	}
	if got := windowSize(savedWindowSize(p), fyne.NewSize(1024, 600)); got != fyne.NewSize(1024, 560) {
		t.Errorf("on a smaller screen the next start opens at %v, want it fitted", got)
	}
}

// screenButtons are buttons each screen must keep inside a small window,
// as the user needs them; the editor's tabs are checked one by one.
var screenButtons = map[string][]string{
	dashboardTitle:    {"Refresh"},
	releasesTitle:     {"New release"},
	timelineTitle:     {"Today"},
	environmentsTitle: {"Add environment", "New freeze window"},
	stakeholdersTitle: {"Add person"},
	reportsTitle:      {"Export review…", "Export portfolio…", "Export calendar…", "Open file…"},
	settingsTitle:     {},
}

// editorButtons are the buttons of the release editor, in its header and on each tab.
var editorButtons = map[string][]string{
	"Details":      {"Save", "Delete", "Export review…"},
	"Deployments":  {"Plan deployment", "Delete", "Export review…"},
	"Stakeholders": {"Assign person"},
	"Checklist":    {"Add item"},
	"Tests":        {"Add run"},
	"Go/no-go":     {"Record decision"},
	"Review":       {"Add action item"},
}

func TestEveryScreenFitsASmallWindow(t *testing.T) {
	demo := uitest.Demo(t, 300)
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	s := newShell(context.Background(), a, w, demo.Store, demo.Timers.Scheduler())
	t.Cleanup(func() { w.Close(); s.close() })
	room := fyne.NewSize(smallScreen.Width, smallScreen.Height-menuBarAllowance)
	w.Resize(room)
	ui := shellUI(t, demo.Ctx, w, demo.Store)
	// As on a first start: the note that the plan is sample data takes its room too.
	s.samples.text.SetText("The 300 releases here are sample data, to show what every screen does. " +
		"Remove them when you start your own plan; what you add yourself stays.")
	s.samples.box.Show()
	for i, sec := range s.sections {
		s.switchSection(i)
		fits(t, ui, sec.title, room, screenButtons[sec.title])
	}
	// The largest release of the demo, on each tab of the editor.
	rels, err := demo.Store.ListReleases(demo.Ctx, releasesFilterAll)
	if err != nil || len(rels) == 0 {
		t.Fatalf("demo releases: %v", err)
	}
	s.openRelease(busiestRelease(t, demo, rels))
	tabs := uitest.Find(ui, func(*container.AppTabs) bool { return true })
	for i, item := range tabs.Items {
		tabs.SelectIndex(i)
		fits(t, ui, "editor "+item.Text, room, editorButtons[item.Text])
	}
}

// fits checks that the window's content asks for no more than room, so
// the window never grows past a small screen, and that each of buttons is
// on the canvas, whole.
func fits(t *testing.T, ui *uitest.UI, screen string, room fyne.Size, buttons []string) {
	t.Helper()
	if min := ui.Win.Content().MinSize(); min.Width > room.Width || min.Height > room.Height {
		t.Errorf("%s asks for %v, more than the %v a 1024x700 screen leaves; what asks most:\n%s",
			screen, min, room, minSizeTree(ui.Win.Content(), room, 0))
	}
	canvas := ui.Win.Canvas().Size()
	for _, label := range buttons {
		b := ui.Button(label)
		if b == nil {
			t.Errorf("%s: no %q button on show; visible %q", screen, label, ui.Texts())
			continue
		}
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
		if end := pos.Add(b.Size()); pos.X < 0 || pos.Y < 0 || end.X > canvas.Width || end.Y > canvas.Height {
			t.Errorf("%s: %q lies at %v–%v, outside the %v window", screen, label, pos, end, canvas)
		}
	}
}

// minSizeTree prints the objects under o that ask for more than room,
// with their minimum sizes: the cause of a window that grows.
func minSizeTree(o fyne.CanvasObject, room fyne.Size, depth int) string {
	if o == nil || !o.Visible() || depth > 12 {
		return ""
	}
	min := o.MinSize()
	if min.Width <= room.Width && min.Height <= room.Height {
		return ""
	}
	name := reflect.TypeOf(o).String()
	if l, ok := o.(*widget.Label); ok {
		name += fmt.Sprintf(" %q", l.Text)
	}
	out := fmt.Sprintf("%s%s %.0fx%.0f\n", strings.Repeat("  ", depth), name, min.Width, min.Height)
	var kids []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		kids = x.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(x).Objects()
	}
	for _, k := range kids {
		out += minSizeTree(k, fyne.NewSize(room.Width*0.6, room.Height*0.6), depth+1)
	}
	return out
}

// releasesFilterAll lists every release.
var releasesFilterAll = data.ReleaseFilter{}

// busiestRelease is the release of rels with the most deployments, whose
// editor has the most to lay out.
func busiestRelease(t *testing.T, demo *uitest.UI, rels []data.Release) uint {
	t.Helper()
	best, most := rels[0].ID, -1
	for _, r := range rels {
		deps, err := demo.Store.ReleaseDeployments(demo.Ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(deps) > most {
			best, most = r.ID, len(deps)
		}
	}
	return best
}
