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

// lookBVariant forces the default theme into light or dark, whatever the settings say.
type lookBVariant struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (v lookBVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return v.Theme.Color(n, v.variant)
}

// lookBRelease picks the demo release a picture shows.
type lookBRelease func(ctx context.Context, s *data.Store, r data.Release) bool

// TestEditorLookB writes PNGs of the Stakeholders, Checklist and Review tabs
// on the demo data, light and dark, into $VIEWS_PNG for a person to look at.
func TestEditorLookB(t *testing.T) {
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
	fresh := releases[0]
	fresh.ID, fresh.Version, fresh.Title, fresh.Status, fresh.ActualRelease = 0, "9.9.0", "A release just drafted", data.StatusDraft, data.Date{}
	fresh.Product = data.Product{}
	if err := s.SaveRelease(ctx, &fresh); err != nil {
		t.Fatal(err)
	}
	picks := map[string]lookBRelease{"pending": lookBPending, "half done": lookBHalfDone, "reviewed": lookBReviewed,
		"fresh": func(_ context.Context, _ *data.Store, r data.Release) bool { return r.ID == fresh.ID }}
	releases = append(releases, fresh)
	chosen := map[string]data.Release{}
	for kind, pick := range picks {
		for _, r := range releases {
			if pick(ctx, s, r) {
				chosen[kind] = r
				break
			}
		}
		if chosen[kind].ID == 0 {
			t.Fatalf("no demo release is %s", kind)
		}
		t.Logf("%s: %s (%s)", kind, chosen[kind].Name(), chosen[kind].Status.Label())
	}
	lookBMakeOverdue(ctx, t, s, chosen["half done"])
	shots := []struct {
		name, kind string
		tab        int
		open       func(ed *Editor)
		// after, when set, takes back what open changed once the picture is taken.
		after func(ed *Editor)
	}{
		{"stakeholders", "pending", tabStakeholders, nil, nil},
		{"stakeholders-empty", "fresh", tabStakeholders, nil, nil},
		{"stakeholders-assign", "pending", tabStakeholders, func(ed *Editor) {
			lookBTab[*stakeholdersTab](ed).onAssign()
			lookBDialogEntry[*widget.SelectEntry](ed, "Person").SetText("Priya Natarajan")
			lookBDialogEntry[*widget.Entry](ed, "Email").SetText("priya@")
			lookBPrimary(ed)
		}, nil},
		{"stakeholders-approval", "pending", tabStakeholders, func(ed *Editor) {
			st := lookBTab[*stakeholdersTab](ed)
			st.onApproval(st.people[0])
		}, nil},
		{"checklist", "half done", tabChecklist, nil, nil},
		{"checklist-empty", "fresh", tabChecklist, nil, nil},
		{"checklist-add", "half done", tabChecklist, func(ed *Editor) {
			lookBTab[*checklistTab](ed).onAdd()
			lookBPrimary(ed)
		}, nil},
		{"review", "reviewed", tabReview, nil, nil},
		{"review-empty", "fresh", tabReview, nil, nil},
		{"review-action", "reviewed", tabReview, func(ed *Editor) { lookBTab[*reviewTab](ed).actions.onAdd() }, nil},
		{"review-first-save", "fresh", tabReview, lookBFirstReview, func(ed *Editor) { ed.Undo() }},
		{"review-first-save-undone", "fresh", tabReview, func(ed *Editor) {
			lookBFirstReview(ed)
			ed.Undo()
		}, nil},
	}
	for _, shot := range shots {
		for _, v := range []struct {
			name    string
			variant fyne.ThemeVariant
		}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
			a.Settings().SetTheme(lookBVariant{theme.DefaultTheme(), v.variant})
			w := test.NewTempWindow(t, nil)
			screen := NewReleasesWith(s, w, InlineScheduler)
			// The app gives the screen what its sidebar leaves of the window.
			w.SetContent(container.NewBorder(nil, nil, container.NewHBox(FixedWidth(190, widget.NewLabel("")), widget.NewSeparator()), nil,
				container.NewPadded(screen)))
			w.Resize(fyne.NewSize(1280, 800))
			screen.open(chosen[shot.kind])
			screen.editor.appTabs.SelectIndex(edBTabIndex(shot.tab))
			if shot.open != nil {
				shot.open(screen.editor)
			}
			lookBWrite(t, filepath.Join(dir, "editor-"+shot.name+"-"+v.name+".png"), w)
			if shot.after != nil {
				shot.after(screen.editor)
			}
			screen.Close()
		}
	}
}

// lookBTab returns the editor's tab of type T.
func lookBTab[T editorTab](ed *Editor) T {
	for _, t := range ed.tabs {
		if x, ok := t.(T); ok {
			return x
		}
	}
	panic("no such tab")
}

// lookBDialogEntry returns the first T in the open dialog's field labelled label.
func lookBDialogEntry[T fyne.CanvasObject](ed *Editor, label string) T {
	var found T
	done := false
	visitVisible(fieldIn(ed.screen.Win.Canvas().Overlays().Top(), label), func(o fyne.CanvasObject) {
		if x, ok := o.(T); ok && !done {
			found, done = x, true
		}
	})
	return found
}

// lookBPrimary presses the open dialog's primary button, so its messages show.
func lookBPrimary(ed *Editor) {
	visitVisible(ed.screen.Win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Importance == widget.HighImportance {
			test.Tap(b)
		}
	})
}

// lookBFirstReview fills the review form of a release that has none and saves it, as a user would.
func lookBFirstReview(ed *Editor) {
	rt := lookBTab[*reviewTab](ed)
	rt.facilitator.SetText("Dana Ruiz")
	rt.verdict.SetSelected(data.VerdictWithIssues.Label())
	rt.objectives.SetSelected(data.ObjectivesPartly.Label())
	rt.summary.SetText("Went out a day late: the schema migration needed a second window.")
	test.Tap(rt.save)
}

// lookBPending is a release still waiting for two or more sign-offs, with a crowd to show.
func lookBPending(ctx context.Context, s *data.Store, r data.Release) bool {
	if r.Status != data.StatusPlanned && r.Status != data.StatusInProgress {
		return false
	}
	people, err := s.ReleaseStakeholders(ctx, r.ID)
	if err != nil {
		return false
	}
	return len(people) >= 5 && len(waitingFor(people)) >= 2
}

// lookBHalfDone is a release whose checklist is between a third and two thirds done.
func lookBHalfDone(ctx context.Context, s *data.Store, r data.Release) bool {
	items, err := s.Checklist(ctx, r.ID)
	if err != nil || len(items) < 8 {
		return false
	}
	done := doneCount(items)
	return 3*done >= len(items) && 3*done <= 2*len(items)
}

// lookBReviewed is a rolled-back release with a review and three or more action items.
func lookBReviewed(ctx context.Context, s *data.Store, r data.Release) bool {
	if r.Status != data.StatusRolledBack {
		return false
	}
	rv, err := s.Review(ctx, r.ID)
	return err == nil && len(rv.Actions) >= 3
}

// lookBMakeOverdue moves the first open item of r's checklist three days into the past, so the picture shows how overdue looks.
func lookBMakeOverdue(ctx context.Context, t *testing.T, s *data.Store, r data.Release) {
	items, err := s.Checklist(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if !it.Done {
			it.Due = data.Today().AddDays(-3)
			if err := s.SaveChecklistItem(ctx, &it); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
}

func lookBWrite(t *testing.T, name string, w fyne.Window) {
	t.Helper()
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}
