package views

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
)

// editorTab is one tab of the release editor. Details comes first; later tabs
// (Deployments, Stakeholders, Checklist, Tests, Go/no-go, Review) add
// themselves to releaseEditorTabs.
type editorTab interface {
	tabItem() *container.TabItem
	// show fills the tab from the stored release r (ID 0 for a new one).
	show(r data.Release)
	// dirty reports unsaved changes, so leaving the editor can ask first.
	dirty() bool
}

// statusFollower is a tab that shows something of the release besides what
// it loads itself (the Review's note on the release's status): it hears of
// the release read again after a change made on another tab.
type statusFollower interface {
	followStatus(r data.Release)
}

// tabEdits is a tab besides Details with a form of its own (the Review):
// leaving the editor saves or drops its edits along with the Details form's.
type tabEdits interface {
	saveEdits() bool
	discardEdits()
}

// releaseEditorTabs builds the editor's tabs, in order; the first must be the Details tab.
var releaseEditorTabs = []func(ed *releaseEditor) editorTab{newDetailsTab}

// releaseEditor edits one release; it replaces the list while open, with a
// way back, so the form has the whole width of the window.
type releaseEditor struct {
	screen  *Releases
	release data.Release // as stored; ID 0 while a new release is unsaved
	tabs    []editorTab
	details *detailsTab
	appTabs *container.AppTabs

	heading  *widget.Label
	subtitle *widget.Label
	badge    *Badge
	remove   *widget.Button
	export   *widget.Button // Export review…, from export_action.go
	// header holds the containers around the heading, innermost first, laid
	// out again when the heading's text changes its width.
	header  []fyne.CanvasObject
	content fyne.CanvasObject
}

func newReleaseEditor(screen *Releases) *releaseEditor {
	ed := &releaseEditor{screen: screen}
	items := make([]*container.TabItem, 0, len(releaseEditorTabs))
	for _, build := range releaseEditorTabs {
		t := build(ed)
		ed.tabs = append(ed.tabs, t)
		items = append(items, t.tabItem())
	}
	ed.details = ed.tabs[0].(*detailsTab)
	ed.appTabs = container.NewAppTabs(items...)

	back := &widget.Button{Text: "Releases", Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance,
		OnTapped: func() { ed.leave(func() { screen.showList() }) }}
	back.ExtendBaseWidget(back)
	ed.heading = &widget.Label{SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	ed.heading.ExtendBaseWidget(ed.heading)
	ed.subtitle = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	ed.subtitle.ExtendBaseWidget(ed.subtitle)
	ed.badge = NewBadge()
	ed.remove = &widget.Button{Text: "Delete", Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: ed.confirmDelete}
	ed.remove.ExtendBaseWidget(ed.remove)

	title := container.NewHBox(ed.heading, container.NewCenter(ed.badge))
	middle := container.NewBorder(nil, nil, title, nil, middleOf(ed.subtitle))
	ed.export = newExportReviewButton(ed)
	header := container.NewBorder(nil, nil, back, container.NewCenter(container.NewHBox(ed.export, ed.remove)), middle)
	ed.header = []fyne.CanvasObject{title, middle, header}
	ed.content = container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil, ed.appTabs)
	return ed
}

// show opens the editor on r (ID 0 for a new release).
func (ed *releaseEditor) show(r data.Release) {
	same := r.ID != 0 && r.ID == ed.release.ID
	ed.release = r
	for _, t := range ed.tabs {
		t.show(r)
	}
	if !same { // showing the same release again (after an undo, say) keeps the user's tab
		ed.appTabs.SelectIndex(0)
	}
	for i := 1; i < len(ed.tabs); i++ {
		if r.ID == 0 {
			ed.appTabs.DisableIndex(i) // a release must exist before it has deployments or people
		} else {
			ed.appTabs.EnableIndex(i)
		}
	}
	ed.updateHeader()
}

func (ed *releaseEditor) updateHeader() {
	r := ed.release
	if r.ID == 0 {
		ed.heading.SetText("New release")
		ed.subtitle.SetText("Fill in the details and save")
		ed.badge.Hide()
		ed.remove.Hide()
		ed.export.Hide()
		for _, c := range ed.header {
			c.Refresh()
		}
		return
	}
	ed.heading.SetText(r.Name())
	ed.subtitle.SetText("— " + r.Title)
	ed.badge.SetStatus(r.Status)
	ed.badge.Show()
	ed.remove.Show()
	ed.export.Show()
	for _, c := range ed.header {
		c.Refresh()
	}
}

func (ed *releaseEditor) dirty() bool {
	for _, t := range ed.tabs {
		if t.dirty() {
			return true
		}
	}
	return false
}

// leave runs then, first asking whether to save, discard or stay when the release has unsaved changes.
func (ed *releaseEditor) leave(then func()) {
	if !ed.dirty() {
		then()
		return
	}
	name := "this new release"
	if ed.release.ID != 0 {
		name = ed.release.Name()
	}
	msg := widget.NewLabel(fmt.Sprintf("You changed %s. Save the changes before leaving?", name))
	var d *dialog.CustomDialog
	stay := &widget.Button{Text: "Cancel", OnTapped: func() { d.Hide() }}
	discard := &widget.Button{Text: "Discard", Importance: widget.DangerImportance, OnTapped: func() {
		d.Hide()
		for _, t := range ed.tabs {
			if e, ok := t.(tabEdits); ok {
				e.discardEdits()
			}
		}
		ed.show(ed.release) // put the stored values back so nothing half-edited lingers
		then()
	}}
	save := &widget.Button{Text: "Save", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: func() {
		d.Hide()
		for _, t := range ed.tabs {
			if e, ok := t.(tabEdits); ok && t.dirty() && !e.saveEdits() {
				ed.appTabs.Select(t.tabItem()) // show what stopped the save
				return
			}
		}
		if !ed.details.dirty() || ed.save() {
			then()
		}
	}}
	d = dialog.NewCustomWithoutButtons("Unsaved changes", msg, ed.screen.win)
	d.SetButtons([]fyne.CanvasObject{stay, discard, save})
	d.Show()
}

// cancel drops the changes and goes back to the list.
func (ed *releaseEditor) cancel() {
	ed.show(ed.release)
	ed.screen.showList()
}

// save stores the Details form; it reports whether the release was saved.
func (ed *releaseEditor) save() bool {
	saved, ok := ed.screen.saveRelease(ed.release, ed.details)
	if !ok {
		return false
	}
	ed.show(saved)
	return true
}

func (ed *releaseEditor) confirmDelete() {
	r := ed.release
	if r.ID == 0 {
		return
	}
	d := dialog.NewConfirm("Delete "+r.Name()+"?",
		"This removes the release with its deployments, stakeholders, checklist, test runs and review.\nYou can undo it with Edit > Undo (Ctrl+Z).",
		func(ok bool) {
			if ok {
				ed.screen.deleteRelease(r)
			}
		}, ed.screen.win)
	d.SetConfirmText("Delete")
	d.SetDismissText("Keep")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}
