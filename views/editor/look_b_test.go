//go:build shots

package editor

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/settings"
	"releasedesk/views/uitest"
)

// lookBRelease picks the demo release a picture shows.
type lookBRelease func(ctx context.Context, s *data.Store, r data.Release) bool

// TestEditorLookB writes PNGs of the Stakeholders, Checklist and Review tabs
// on the demo data, light and dark, for a person to look at.
func TestEditorLookB(t *testing.T) {
	u := uitest.Demo(t, 200)
	s, ctx := u.Store, u.Ctx
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
			lookTab[*stakeholdersTab](ed).onAssign()
			lookDialogEntry[*widget.SelectEntry](ed, "Person").SetText("Priya Natarajan")
			lookDialogEntry[*widget.Entry](ed, "Email").SetText("priya@")
			lookPrimary(ed)
		}, nil},
		{"stakeholders-approval", "pending", tabStakeholders, func(ed *Editor) {
			st := lookTab[*stakeholdersTab](ed)
			st.onApproval(st.people[0])
		}, nil},
		{"checklist", "half done", tabChecklist, nil, nil},
		{"checklist-empty", "fresh", tabChecklist, nil, nil},
		{"checklist-add", "half done", tabChecklist, func(ed *Editor) {
			lookTab[*checklistTab](ed).onAdd()
			lookPrimary(ed)
		}, nil},
		{"review", "reviewed", tabReview, nil, nil},
		{"review-empty", "fresh", tabReview, nil, nil},
		{"review-action", "reviewed", tabReview, func(ed *Editor) { lookTab[*reviewTab](ed).actions.onAdd() }, nil},
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
			fyne.CurrentApp().Settings().SetTheme(settings.ThemeFor(v.name))
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

// lookBFirstReview fills the review form of a release that has none and saves it, as a user would.
func lookBFirstReview(ed *Editor) {
	rt := lookTab[*reviewTab](ed)
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

// lookBHalfDone is a release whose checklist is between a quarter and three quarters done.
func lookBHalfDone(ctx context.Context, s *data.Store, r data.Release) bool {
	items, err := s.Checklist(ctx, r.ID)
	if err != nil || len(items) < 5 {
		return false
	}
	done := doneCount(items)
	return 4*done >= len(items) && 4*done <= 3*len(items)
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
