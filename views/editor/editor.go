// Package editor is the release editor: its header and its tabs, listed in
// order in editorTabs (Details, Deployments, Stakeholders, Checklist, Tests,
// Go/no-go, Review), with their dialogs. It opens over the Releases list
// (package releases), which lends it its Screen and keeps its undo here.
package editor

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/reports"
)

// editorTab is one tab of the release editor; editorTabs lists them all.
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

// The editor's tabs, in the order they show.
const (
	tabDetails = iota
	tabDeployments
	tabStakeholders
	tabChecklist
	tabTests
	tabGoNoGo
	tabReview
)

// editorTabs builds each tab of the editor, at its position.
var editorTabs = [...]func(ed *Editor) editorTab{
	tabDetails:      newDetailsTab,
	tabDeployments:  newDeploymentsTab,
	tabStakeholders: newStakeholdersTab,
	tabChecklist:    newChecklistTab,
	tabTests:        newTestsTab,
	tabGoNoGo:       newGoNoGoTab,
	tabReview:       newReviewTab,
}

// List is the screen the editor opens over and returns to: the
// Releases list. *releases.Screen is one.
type List interface {
	// ShowList hides the editor and shows the list again.
	ShowList()
	// Reload reads what the list shows again, after a change made in the editor.
	Reload()
	// Products are the products the list knows, offered in the Product field.
	Products() []data.Product
}

// Editor edits one release; it replaces the list while open, with a
// way back, so the form has the whole width of the window. Every change made
// on the Releases screen is made here, so the editor keeps the screen's undo.
type Editor struct {
	kit.UndoStack

	store Store
	// screen is the Releases screen's: window, scheduler, context and notice bar.
	screen *kit.Screen
	list   List

	release data.Release // as stored; ID 0 while a new release is unsaved
	tabs    []editorTab
	details *detailsTab
	appTabs *container.AppTabs

	heading  *widget.Label
	subtitle *widget.Label
	badge    *kit.Badge
	remove   *widget.Button
	export   *widget.Button
	// header holds the containers around the heading, innermost first, laid
	// out again when the heading's text changes its width.
	header  []fyne.CanvasObject
	content fyne.CanvasObject
}

// New builds the editor on store, shown on screen over list.
func New(store Store, screen *kit.Screen, list List) *Editor {
	ed := &Editor{store: store, screen: screen, list: list}
	items := make([]*container.TabItem, 0, len(editorTabs))
	for _, build := range editorTabs {
		t := build(ed)
		ed.tabs = append(ed.tabs, t)
		items = append(items, t.tabItem())
	}
	ed.details = ed.tabs[tabDetails].(*detailsTab)
	ed.appTabs = container.NewAppTabs(items...)

	back := &widget.Button{Text: "Releases", Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance,
		OnTapped: func() { ed.Leave(list.ShowList) }}
	back.ExtendBaseWidget(back)
	ed.heading = &widget.Label{SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	ed.heading.ExtendBaseWidget(ed.heading)
	ed.subtitle = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	ed.subtitle.ExtendBaseWidget(ed.subtitle)
	ed.badge = kit.NewBadge()
	ed.remove = &widget.Button{Text: "Delete", Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: ed.confirmDelete}
	ed.remove.ExtendBaseWidget(ed.remove)

	title := container.NewHBox(ed.heading, container.NewCenter(ed.badge))
	middle := container.NewBorder(nil, nil, title, nil, kit.MiddleOf(ed.subtitle))
	ed.export = &widget.Button{Text: "Export review…", Icon: theme.DocumentSaveIcon(), OnTapped: ed.ExportReview}
	ed.export.ExtendBaseWidget(ed.export)
	header := container.NewBorder(nil, nil, back, container.NewCenter(container.NewHBox(ed.export, ed.remove)), middle)
	ed.header = []fyne.CanvasObject{title, middle, header}
	ed.content = container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil, ed.appTabs)
	return ed
}

// Content is the editor's part of the screen: its header and tabs.
func (ed *Editor) Content() fyne.CanvasObject { return ed.content }

// Release is the release shown, as stored; ID 0 while a new one is unsaved.
func (ed *Editor) Release() data.Release { return ed.release }

// FocusProduct puts the cursor in the Details tab's Product field.
func (ed *Editor) FocusProduct() {
	if c := ed.screen.Win.Canvas(); c != nil {
		c.Focus(ed.details.product)
	}
}

// Show opens the editor on r (ID 0 for a new release).
func (ed *Editor) Show(r data.Release) {
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

func (ed *Editor) updateHeader() {
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

// Dirty reports whether a tab holds changes not saved yet.
func (ed *Editor) Dirty() bool {
	for _, t := range ed.tabs {
		if t.dirty() {
			return true
		}
	}
	return false
}

// Leave runs then, first asking whether to save, discard or stay when the release has unsaved changes.
func (ed *Editor) Leave(then func()) {
	if !ed.Dirty() {
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
		ed.Show(ed.release) // put the stored values back so nothing half-edited lingers
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
	d = dialog.NewCustomWithoutButtons("Unsaved changes", msg, ed.screen.Win)
	d.SetButtons([]fyne.CanvasObject{stay, discard, save})
	d.Show()
}

// cancel drops the changes and goes back to the list.
func (ed *Editor) cancel() {
	ed.Show(ed.release)
	ed.list.ShowList()
}

// save stores the Details form; it reports whether the release was saved.
func (ed *Editor) save() bool {
	saved, ok := ed.saveRelease(ed.release, ed.details)
	if !ok {
		return false
	}
	ed.Show(saved)
	return true
}

func (ed *Editor) confirmDelete() {
	r := ed.release
	if r.ID == 0 {
		return
	}
	d := dialog.NewConfirm("Delete "+r.Name()+"?",
		"This removes the release with its deployments, stakeholders, checklist, test runs and review.\nYou can undo it with Edit > Undo (Ctrl+Z).",
		func(ok bool) {
			if ok {
				ed.deleteRelease(r)
			}
		}, ed.screen.Win)
	d.SetConfirmText("Delete")
	d.SetDismissText("Keep")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

// ExportReview exports the review of the release being edited; the
// workbook shows what is stored, so unsaved edits are pointed out first.
func (ed *Editor) ExportReview() {
	r, scr := ed.release, ed.screen
	if r.ID == 0 {
		return
	}
	x := &reports.Exporter{Win: scr.Win, Sched: scr.Sched, Notify: scr.Tell}
	if !ed.Dirty() {
		x.Start(reports.ReviewJob(ed.store, r))
		return
	}
	d := dialog.NewConfirm("Export without your unsaved changes?",
		"The review workbook shows what is saved; your changes to "+r.Name()+" are not saved yet.\nSave them first to include them.",
		func(ok bool) {
			if ok {
				x.Start(reports.ReviewJob(ed.store, r))
			}
		}, scr.Win)
	d.SetConfirmText("Export saved version")
	d.SetDismissText("Cancel")
	d.Show()
}
