package views

import (
	"context"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
)

// lookAVariant forces the default theme into light or dark, whatever the settings say.
type lookAVariant struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (v lookAVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return v.Theme.Color(n, v.variant)
}

// lookAPick finds the demo release a tab's picture should show.
type lookAPick func(t *testing.T, s *data.Store, r data.Release) bool

// TestEditorLookA writes PNGs of the Deployments, Tests and Go/no-go tabs on
// the demo data, light and dark, into $VIEWS_PNG for a person to look at.
func TestEditorLookA(t *testing.T) {
	dir := os.Getenv("VIEWS_PNG")
	if dir == "" {
		t.Skip("set VIEWS_PNG to a directory to write the editor tabs' PNGs")
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
		{"deployments-plan", tabDeployments, "rolled back", func(ed *Editor) { lookATab[*deploymentsTab](ed).onPlan() }, nil},
		{"deployments-rollback", tabDeployments, "rolled back", func(ed *Editor) {
			t := lookATab[*deploymentsTab](ed)
			t.onRollBack(t.deps[0])
			lookATap(ed, "Reason", "")
		}, nil},
		{"deployments-outcome", tabDeployments, "rolled back", func(ed *Editor) {
			t := lookATab[*deploymentsTab](ed)
			t.onOutcome(t.deps[0])
		}, nil},
		{"deployments-started", tabDeployments, "about to start", lookAStartFirst, func(ed *Editor) { ed.Undo() }},
		{"deployments-start-undone", tabDeployments, "about to start", func(ed *Editor) {
			lookAStartFirst(ed)
			ed.Undo()
		}, nil},
		{"tests", tabTests, "test failures", nil, nil},
		{"tests-add", tabTests, "test failures", func(ed *Editor) {
			lookATab[*testsTab](ed).onAdd()
			lookATap(ed, "Failed", "-2")
		}, nil},
		{"gonogo", tabGoNoGo, "not ready", nil, nil},
		{"gonogo-record", tabGoNoGo, "not ready", func(ed *Editor) { lookATab[*goNoGoTab](ed).onRecord() }, nil},
		{"gonogo-confirm", tabGoNoGo, "not ready", func(ed *Editor) {
			t := lookATab[*goNoGoTab](ed)
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
		a.Settings().SetTheme(lookAVariant{theme.DefaultTheme(), v.variant})
		for _, shot := range shots {
			w := test.NewWindow(nil)
			screen := NewReleasesWith(s, w, InlineScheduler)
			// The app gives the screen what its sidebar leaves of the window.
			w.SetContent(container.NewBorder(nil, nil, container.NewHBox(FixedWidth(190, widget.NewLabel("")), widget.NewSeparator()), nil,
				container.NewPadded(screen)))
			w.Resize(fyne.NewSize(1280, 800))
			screen.open(chosen[shot.kind])
			screen.editor.appTabs.SelectIndex(lookATabIndex(shot.tab))
			if shot.open != nil {
				shot.open(screen.editor)
			}
			lookAWrite(t, filepath.Join(dir, "editor-"+shot.name+"-"+v.name+".png"), w)
			if shot.after != nil {
				shot.after(screen.editor)
			}
			screen.Close()
			w.Close() // a window left open is refreshed again at every theme change
		}
	}
}

// lookATab returns the editor's tab of type T.
func lookATab[T editorTab](ed *Editor) T {
	for _, t := range ed.tabs {
		if x, ok := t.(T); ok {
			return x
		}
	}
	panic("no such tab")
}

// lookATap sets the entry labelled label in the open dialog to text and
// presses the dialog's primary button, so its messages show.
func lookATap(ed *Editor, label, text string) {
	top := ed.screen.Win.Canvas().Overlays().Top()
	var entry *widget.Entry
	var primary *widget.Button
	visitVisible(top, func(o fyne.CanvasObject) {
		if c, ok := o.(*fyne.Container); ok {
			for i := 0; i+1 < len(c.Objects); i += 2 {
				if l, ok := c.Objects[i].(*widget.Label); ok && l.Text == label && entry == nil {
					visitVisible(c.Objects[i+1], func(o fyne.CanvasObject) {
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

// lookATabIndex is where the tab at position sits in the editor: the positions are the indexes.
func lookATabIndex(position int) int { return position }

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
	t := lookATab[*deploymentsTab](ed)
	t.onStart(t.deps[0])
	lookATap(ed, "Performed by", "Ravi Patel")
}

func lookAWrite(t *testing.T, name string, w fyne.Window) {
	t.Helper()
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
	t.Log("wrote", name)
}
