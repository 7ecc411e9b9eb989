package views

import (
	"context"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
)

// What the release editor's tabs share: the store they read, their order in
// the editor, and what each does around a change of its own (ask before
// deleting, offer Undo, follow the release's status).

// EditorStore is what the release editor's tabs need from the database, one
// narrow interface per tab; *data.Store satisfies it.
type EditorStore interface {
	DeploymentsStore
	TestsStore
	GoNoGoStore
	StakeholdersTabStore
	ChecklistStore
	ReviewStore
}

var _ EditorStore = (*data.Store)(nil)

// Tab positions in the release editor, after Details.
const (
	tabDeployments = iota + 1
	tabStakeholders
	tabChecklist
	tabTests
	tabGoNoGo
	tabReview
)

type orderedTab struct {
	position int
	build    func(ed *releaseEditor) editorTab
}

var registeredTabs []orderedTab

// registerEditorTab adds a tab to every release editor at position (see the
// tab constants); each tab's file registers itself from init.
func registerEditorTab(position int, build func(ed *releaseEditor) editorTab) {
	registeredTabs = append(registeredTabs, orderedTab{position, build})
	sort.SliceStable(registeredTabs, func(i, j int) bool { return registeredTabs[i].position < registeredTabs[j].position })
	releaseEditorTabs = []func(ed *releaseEditor) editorTab{newDetailsTab}
	for _, t := range registeredTabs {
		releaseEditorTabs = append(releaseEditorTabs, t.build)
	}
}

// editorStore returns the store with every method the tabs use.
func (ed *releaseEditor) editorStore() EditorStore {
	return ed.screen.store.(EditorStore)
}

// afterEditorChange is what every editor tab does after a change of its own:
// push the undo step, read the release again (its status may have moved),
// reload the tab and the list, and announce the change with Undo.
func afterEditorChange(ed *releaseEditor, notice string, step undoStep, reload func()) {
	id := ed.release.ID
	step.releaseID = id
	run := step.run
	step.run = func(ctx context.Context) error {
		err := run(ctx)
		if ed.release.ID == id { // the editor may show the release again; make sure this tab and the header follow
			followReleaseStatus(ed)
			reload()
		}
		return err
	}
	ed.screen.pushUndo(step)
	followReleaseStatus(ed)
	reload()
	ed.screen.changed()
	if c := ed.screen.win.Canvas(); c != nil {
		c.Unfocus() // so Ctrl+Z reaches Undo, not a text field
	}
	ed.screen.notice.show(notice, "Undo", ed.screen.Undo, ed.screen.sched.Later)
}

// followReleaseStatus reads the edited release again after a change that may
// have moved its status, and shows it in the header without leaving the tab.
// The Details form follows too unless it holds the user's unsaved edits, and
// so do the tabs that show the status (statusFollower).
func followReleaseStatus(ed *releaseEditor) {
	if ed.release.ID == 0 {
		return
	}
	fresh, err := ed.screen.store.Release(ed.screen.ctx, ed.release.ID)
	if err != nil {
		return // the release went away; the list's reload says so
	}
	ed.release = fresh
	if !ed.details.dirty() {
		ed.details.show(fresh)
	}
	for _, t := range ed.tabs {
		if f, ok := t.(statusFollower); ok {
			f.followStatus(fresh)
		}
	}
	ed.updateHeader()
}

// confirmDelete asks before deleting what, naming it, then runs remove.
func confirmDelete(win fyne.Window, what, detail string, remove func()) {
	d := dialog.NewConfirm("Delete "+what+"?", detail+"\nYou can undo it with Edit > Undo (Ctrl+Z).", func(ok bool) {
		if ok {
			remove()
		}
	}, win)
	d.SetConfirmText("Delete")
	d.SetDismissText("Keep")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

// deleteWithUndo asks before deleting what (detail says what goes with it),
// then deletes it with remove and announces it with an Undo that hands what
// remove returned to restore. A refusal is shown and the tab read again.
func deleteWithUndo[T any](ed *releaseEditor, reload func(), what, detail string,
	remove func(ctx context.Context) (T, error), restore func(ctx context.Context, removed T) error) {
	confirmDelete(ed.screen.win, what, detail, func() {
		removed, err := remove(ed.screen.ctx)
		if err != nil {
			ed.screen.showError("Could not delete "+what, err)
			reload()
			return
		}
		afterEditorChange(ed, "Deleted "+what, undoStep{label: "delete of " + what,
			run: func(ctx context.Context) error { return restore(ctx, removed) }}, reload)
	})
}
