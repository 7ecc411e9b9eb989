//go:build shots

package editor

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/settings"
	"releasedesk/views/uitest"
)

// lookAPick finds the demo release a tab's picture should show.
type lookAPick func(t *testing.T, s *data.Store, r data.Release) bool

// TestEditorLookA writes PNGs of the Deployments, Tests and Go/no-go tabs on
// the demo data, light and dark, for a person to look at.
func TestEditorLookA(t *testing.T) {
	u := uitest.Demo(t, 200)
	s, ctx := u.Store, u.Ctx
	releases, err := s.ListReleases(ctx, data.ReleaseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	shots := []struct {
		name string
		tab  int
		kind string // which demo release: see picks
		// open, when set, opens a dialog over the tab for the picture.
		open func(ed *Editor)
		// after, when set, takes back what open changed once the picture is taken.
		after func(ed *Editor)
	}{
		{"deployments", tabDeployments, "rolled back", nil, nil},
		{"deployments-plan", tabDeployments, "rolled back", func(ed *Editor) { lookTab[*deploymentsTab](ed).onPlan() }, nil},
		{"deployments-rollback", tabDeployments, "rolled back", func(ed *Editor) {
			t := lookTab[*deploymentsTab](ed)
			t.onRollBack(t.deps[0])
			lookATap(ed, "Reason", "")
		}, nil},
		{"deployments-outcome", tabDeployments, "rolled back", func(ed *Editor) {
			t := lookTab[*deploymentsTab](ed)
			t.onOutcome(t.deps[0])
		}, nil},
		{"deployments-started", tabDeployments, "about to start", lookAStartFirst, func(ed *Editor) { ed.Undo() }},
		{"deployments-start-undone", tabDeployments, "about to start", func(ed *Editor) {
			lookAStartFirst(ed)
			ed.Undo()
		}, nil},
		{"tests", tabTests, "test failures", nil, nil},
		{"tests-add", tabTests, "test failures", func(ed *Editor) {
			lookTab[*testsTab](ed).onAdd()
			lookATap(ed, "Failed", "-2")
		}, nil},
		{"gonogo", tabGoNoGo, "not ready", nil, nil},
		{"gonogo-record", tabGoNoGo, "not ready", func(ed *Editor) { lookTab[*goNoGoTab](ed).onRecord() }, nil},
		{"gonogo-confirm", tabGoNoGo, "not ready", func(ed *Editor) {
			t := lookTab[*goNoGoTab](ed)
			t.confirmGo(t.readiness.Problems, func() {})
		}, nil},
	}
	picks := map[string]lookAPick{"rolled back": lookARolledBack, "test failures": lookATestFailures, "not ready": lookANotReady,
		"about to start": lookAAboutToStart}
	chosen := map[string]data.Release{}
	for kind, pick := range picks {
		for _, r := range releases {
			if pick(t, s, r) {
				chosen[kind] = r
				break
			}
		}
		if chosen[kind].ID == 0 {
			t.Fatalf("no demo release is %s", kind)
		}
		t.Logf("%s: %s (%s)", kind, chosen[kind].Name(), chosen[kind].Status.Label())
	}
	for _, v := range []struct {
		name    string
		variant fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		fyne.CurrentApp().Settings().SetTheme(settings.ThemeFor(v.name))
		for _, shot := range shots {
			f := lookEditor(t, u)
			f.open(chosen[shot.kind])
			f.selectTab(shot.tab)
			if shot.open != nil {
				shot.open(f.ed)
			}
			uitest.SaveShot(t, f.Win, "editor-"+shot.name+"-"+v.name+".png")
			if shot.after != nil {
				shot.after(f.ed)
			}
			f.screen.Close()
		}
	}
}

// lookATap sets the entry labelled label in the open dialog to text and
// presses the dialog's primary button, so its messages show.
func lookATap(ed *Editor, label, text string) {
	top := ed.screen.Win.Canvas().Overlays().Top()
	var entry *widget.Entry
	var primary *widget.Button
	uitest.Visit(top, func(o fyne.CanvasObject) {
		if c, ok := o.(*fyne.Container); ok {
			for i := 0; i+1 < len(c.Objects); i += 2 {
				if l, ok := c.Objects[i].(*widget.Label); ok && l.Text == label && entry == nil {
					uitest.Visit(c.Objects[i+1], func(o fyne.CanvasObject) {
						if e, ok := o.(*widget.Entry); ok && entry == nil {
							entry = e
						}
					})
				}
			}
		}
		if b, ok := o.(*widget.Button); ok && b.Importance == widget.HighImportance {
			primary = b
		}
	})
	entry.SetText(text)
	test.Tap(primary)
}

func lookATestFailures(t *testing.T, s *data.Store, r data.Release) bool {
	sum, err := s.RegressionSummary(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	red := false
	for _, e := range sum {
		red = red || !e.Green
	}
	return red && len(sum) >= 2
}

func lookANotReady(t *testing.T, s *data.Store, r data.Release) bool {
	if r.Status != data.StatusPlanned && r.Status != data.StatusInProgress {
		return false
	}
	rd, err := s.Readiness(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := s.Decisions(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	return len(rd.Problems) >= 1 && len(ds) >= 1
}

// lookAAboutToStart is a planned release whose first deployment is still planned, so starting it moves the release.
func lookAAboutToStart(t *testing.T, s *data.Store, r data.Release) bool {
	if r.Status != data.StatusPlanned {
		return false
	}
	ds, err := s.ReleaseDeployments(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	return len(ds) >= 2 && ds[0].Outcome == data.OutcomePlanned
}

// lookAStartFirst starts the release's first deployment through its dialog, as a user would.
func lookAStartFirst(ed *Editor) {
	t := lookTab[*deploymentsTab](ed)
	t.onStart(t.deps[0])
	lookATap(ed, "Performed by", "Ravi Patel")
}

// lookARolledBack is a rolled-back release with three or more deployments.
func lookARolledBack(t *testing.T, s *data.Store, r data.Release) bool {
	if r.Status != data.StatusRolledBack {
		return false
	}
	ds, err := s.ReleaseDeployments(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	return len(ds) >= 3
}

// lookEditor builds the editor on u's database in a new 1280x800 window,
// beside a blank strip as wide as the app's sidebar, as the app lays it out.
func lookEditor(t *testing.T, u *uitest.UI) *editorFixture {
	w := test.NewWindow(nil)
	t.Cleanup(w.Close) // a window left open is refreshed again at every theme change
	f := &editorFixture{UI: &uitest.UI{T: t, Ctx: u.Ctx, Store: u.Store, Win: w, Timers: uitest.NewTimers()}}
	f.show()
	w.SetContent(container.NewBorder(nil, nil, container.NewHBox(kit.FixedWidth(190, widget.NewLabel("")), widget.NewSeparator()), nil,
		container.NewPadded(w.Content())))
	w.Resize(fyne.NewSize(1280, 800))
	return f
}

// lookTab returns the editor's tab of type T.
func lookTab[T editorTab](ed *Editor) T {
	for _, t := range ed.tabs {
		if x, ok := t.(T); ok {
			return x
		}
	}
	panic("no such tab")
}

// lookPrimary presses the open dialog's primary button, so its messages show.
func lookPrimary(ed *Editor) {
	uitest.Visit(ed.screen.Win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Importance == widget.HighImportance {
			test.Tap(b)
		}
	})
}

// lookDialogEntry returns the first T in the open dialog's field labelled label.
func lookDialogEntry[T fyne.CanvasObject](ed *Editor, label string) T {
	var found T
	done := false
	uitest.Visit(uitest.FieldIn(ed.screen.Win.Canvas().Overlays().Top(), label), func(o fyne.CanvasObject) {
		if x, ok := o.(T); ok && !done {
			found, done = x, true
		}
	})
	return found
}
