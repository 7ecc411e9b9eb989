package editor

import (
	"slices"

	"fyne.io/fyne/v2/container"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// Moving work to another release: the ticked items, or, when a release is
// cut, everything it has not finished (carry-over), to a release of the
// same product that is still to ship.

// stillToShip are the statuses of a release that can still take work.
var stillToShip = []data.ReleaseStatus{data.StatusDraft, data.StatusPlanned, data.StatusInProgress, data.StatusRolledBack}

// targetPicker offers the releases of the tab's product still to ship,
// the next one after this release chosen first.
func (t *scopeTab) targetPicker(form *kit.FieldForm) *releasePicker {
	p := newReleasePicker(t.ed, data.ReleaseFilter{ProductID: t.release.ProductID, Statuses: stillToShip}, t.release.ID, 6)
	from := t.release.PlannedRelease
	p.around = from // the releases after this one come first
	p.prefer = func(rows []data.Release) int {
		best := -1
		for i, r := range rows {
			later := from.IsZero() || (!r.PlannedRelease.IsZero() && r.PlannedRelease.After(from))
			if later && (best < 0 || (!r.PlannedRelease.IsZero() && r.PlannedRelease.Before(rows[best].PlannedRelease))) {
				best = i
			}
		}
		return best
	}
	p.onChosen = func(data.Release) { form.Set("Release", "") }
	p.load()
	return p
}

// onMovePicked moves the ticked items to a release chosen in a dialog; Undo moves them back.
func (t *scopeTab) onMovePicked() {
	items := t.pickedItems()
	if len(items) == 0 {
		return
	}
	what := keysOf(items)
	ids := make([]uint, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	t.moveDialog("Move "+what, "Move", "Move "+what+" from "+t.release.Name()+" to:", func(to data.Release) (string, []data.WorkItem, error) {
		before, err := t.ed.store.MoveWorkItems(t.ed.screen.Context(), ids, to.ID)
		return "Moved " + what + " to " + to.Name(), before, err
	})
}

// onCarryOver moves the release's unfinished items to a release chosen in a
// dialog, as when a release is cut; Undo brings them back.
func (t *scopeTab) onCarryOver() {
	n := len(slices.DeleteFunc(slices.Clone(t.items), func(it data.WorkItem) bool { return !it.Status.Unfinished() }))
	if n == 0 {
		return
	}
	what := kit.Count(n, "unfinished item")
	from := t.release
	t.moveDialog("Carry over unfinished work", "Carry over",
		"Move the "+what+" of "+from.Name()+" (open or in progress) to the release that will ship them. Done and dropped items stay.",
		func(to data.Release) (string, []data.WorkItem, error) {
			before, err := t.ed.store.CarryOver(t.ed.screen.Context(), from.ID, to.ID)
			return "Carried " + kit.Count(len(before), "unfinished item") + " over to " + to.Name(), before, err
		})
}

// moveDialog asks for the release to move to, then runs move, which says
// what it did and returns the items as they were for the undo.
func (t *scopeTab) moveDialog(title, action, intro string, move func(to data.Release) (notice string, before []data.WorkItem, err error)) {
	form := kit.NewFieldForm()
	picker := t.targetPicker(form)
	form.Add("Release", "To release", picker.content, "")
	kit.ShowFormDialog(t.ed.screen.Win, title, action, container.NewVBox(kit.WrappedLabel(intro), form.Box), form, 640, func() bool {
		to := picker.chosen
		if to.ID == 0 {
			form.Problem("Release", "is required: choose the release the items go to")
			return false
		}
		notice, before, err := move(to)
		if err != nil {
			form.ShowError("Could not move the items", err)
			return false
		}
		for _, it := range before {
			delete(t.picked, it.ID)
		}
		t.afterChange(notice, t.undoStep("move to "+to.Name(), data.MovedWorkItems(before, to.ID)))
		return true
	})
}
