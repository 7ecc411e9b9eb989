package app

import (
	"encoding/json"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// The note over the screens that says the plan on show is sample data, with
// a way to remove it. It shows in a database the window filled with sample
// data itself, until the user removes them or dismisses the note. The
// extent of the sample data is kept in the preferences, by the database's
// identity, so the note finds them again after a restart or a move.
const (
	prefSampleExtent    = "samples.extent."
	prefSampleDismissed = "samples.dismissed."
)

// sampleNote is the note's bar and what it knows of the sample data.
type sampleNote struct {
	box    *fyne.Container
	text   *widget.Label
	extent data.DemoExtent
	// dbID names the open database in the preferences.
	dbID string
}

// buildSampleNote makes the note's bar, hidden until showSampleNote finds sample data.
func (s *shell) buildSampleNote() fyne.CanvasObject {
	n := &s.samples
	n.text = kit.WrappedLabel("")
	remove := &widget.Button{Text: "Remove sample data", Icon: theme.DeleteIcon(), OnTapped: s.askRemoveSamples}
	remove.ExtendBaseWidget(remove)
	dismiss := &widget.Button{Text: "Dismiss", Icon: theme.CancelIcon(), Importance: widget.LowImportance, OnTapped: s.dismissSampleNote}
	dismiss.ExtendBaseWidget(dismiss)
	bar := container.NewBorder(nil, nil, container.NewPadded(widget.NewIcon(theme.InfoIcon())),
		container.NewCenter(container.NewHBox(remove, dismiss)), n.text)
	n.box = container.NewPadded(kit.NewTintedPanel(kit.ToneBlue, 0x1f, bar))
	n.box.Hide()
	return n.box
}

// rememberSamples keeps the extent of the sample data just written to store.
func (s *shell) rememberSamples(store *data.Store) {
	id, err := store.DatabaseID(s.ctx)
	if err != nil {
		fyne.LogError("sample data", err)
		return
	}
	extent, err := store.DemoExtentNow(s.ctx)
	if err != nil {
		fyne.LogError("sample data", err)
		return
	}
	b, _ := json.Marshal(extent)
	s.app.Preferences().SetString(prefSampleExtent+id, string(b))
}

// showSampleNote shows the note when the open database holds sample data
// the window put there and the user has not dismissed it; it reads off the
// UI goroutine.
func (s *shell) showSampleNote() {
	store, prefs := s.store, s.app.Preferences()
	s.sched.Background(func() func() {
		hide := func() { s.samples.box.Hide() }
		id, err := store.DatabaseID(s.ctx)
		if err != nil || prefs.Bool(prefSampleDismissed+id) {
			return hide
		}
		var extent data.DemoExtent
		if json.Unmarshal([]byte(prefs.String(prefSampleExtent+id)), &extent) != nil || extent.Releases == 0 {
			return hide
		}
		left, err := store.SampleDataLeft(s.ctx, extent)
		if err != nil || left.Releases == 0 {
			return hide
		}
		return func() {
			if s.store != store {
				return
			}
			s.samples.extent, s.samples.dbID = extent, id
			s.samples.text.SetText(fmt.Sprintf("The %s here are sample data, to show what every screen does. "+
				"Remove them when you start your own plan; what you add yourself stays.", kit.Count(left.Releases, "release")))
			s.samples.box.Show()
		}
	})
}

// dismissSampleNote hides the note for good for this database.
func (s *shell) dismissSampleNote() {
	if s.samples.dbID != "" {
		s.app.Preferences().SetBool(prefSampleDismissed+s.samples.dbID, true)
	}
	s.samples.box.Hide()
}

// askRemoveSamples says what removing the sample data takes away and, once
// the user agrees, removes them and shows the screens afresh.
func (s *shell) askRemoveSamples() {
	store, extent := s.store, s.samples.extent
	left, err := store.SampleDataLeft(s.ctx, extent)
	if err != nil {
		dialog.ShowError(fmt.Errorf("could not count the sample data: %w", err), s.win)
		return
	}
	msg := kit.WrappedLabel("This removes the sample data: " + left.String() + ", with their deployments, checklists, " +
		"tests, decisions and reviews. What you added yourself stays, and so do the sample products, environments " +
		"and people your own releases use.\nThis cannot be undone.")
	d := dialog.NewCustomConfirm("Remove the sample data?", "Remove sample data", "Keep them", msg, func(ok bool) {
		if ok {
			s.leaveScreen(func() { s.removeSamples(store, extent) }, nil)
		}
	}, s.win)
	d.SetConfirmImportance(widget.DangerImportance)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

// removeSamples removes the sample data of extent from store off the UI
// goroutine, then shows every screen afresh and says what went.
func (s *shell) removeSamples(store *data.Store, extent data.DemoExtent) {
	s.sched.Background(func() func() {
		removed, err := store.RemoveSampleData(s.ctx, extent)
		return func() {
			if err != nil {
				dialog.ShowError(fmt.Errorf("could not remove the sample data: %w", err), s.win)
				return
			}
			s.app.Preferences().RemoveValue(prefSampleExtent + s.samples.dbID)
			s.samples.box.Hide()
			if s.store == store {
				s.rebuildScreens(s.current)
				s.updateUndo()
			}
			dialog.ShowInformation("Sample data removed", "Removed "+removed.String()+".", s.win)
		}
	})
}
