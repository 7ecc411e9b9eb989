package editor

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	reportfiles "releasedesk/reports"
	"releasedesk/views/kit"
)

// ScopeStore is what the Scope tab needs from the database: the release's
// work items and their changes, the releases work can move to, the store's
// undo, and what release notes read.
type ScopeStore interface {
	WorkItems(ctx context.Context, releaseID uint, f data.WorkItemFilter) ([]data.WorkItem, error)
	SaveWorkItem(ctx context.Context, it *data.WorkItem) error
	DeleteWorkItems(ctx context.Context, ids []uint) ([]data.WorkItem, error)
	MoveWorkItems(ctx context.Context, ids []uint, to uint) ([]data.WorkItem, error)
	CarryOver(ctx context.Context, from, to uint) ([]data.WorkItem, error)
	PasteScope(ctx context.Context, releaseID uint, lines []data.ScopeLine, template data.WorkItem) (data.PasteResult, error)
	ListReleases(ctx context.Context, f data.ReleaseFilter) ([]data.Release, error)
	Undo(ctx context.Context, c data.Change) error
	reportfiles.NotesSource
}

var _ ScopeStore = (*data.Store)(nil)

// Choices of the Scope tab's filters that let everything through.
const (
	allKinds         = "All kinds"
	allWorkStatuses  = "All statuses"
	unfinishedStatus = "Unfinished"
)

// scopeTab is what the release delivers: its work items, filtered by kind
// and status, added one by one or pasted as a list, edited, removed, moved
// to another release (or carried over when the release is cut), and the
// release notes made from them.
type scopeTab struct {
	ed   *Editor
	item *container.TabItem

	release data.Release
	items   []data.WorkItem // every item of the release, in the store's order
	shown   []data.WorkItem // those the filters let through
	picked  map[uint]bool
	loading *tabLoading

	count                      *widget.Label
	kindFilter, statusFilter   *widget.Select
	list                       *widget.List
	noMatch                    *widget.Label
	pickedNote                 *widget.Label
	move, remove, carry, notes *widget.Button
}

func newScopeTab(ed *Editor) editorTab {
	t := &scopeTab{ed: ed, picked: map[uint]bool{}}
	heading := &widget.Label{Text: "Scope", SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	heading.ExtendBaseWidget(heading)
	t.count = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	t.count.ExtendBaseWidget(t.count)
	add := t.button("Add item", theme.ContentAddIcon(), widget.HighImportance, t.onAdd)
	paste := t.button("Paste list…", theme.ContentPasteIcon(), widget.MediumImportance, t.onPaste)
	t.notes = t.button("Release notes…", theme.DocumentIcon(), widget.MediumImportance, t.onNotes)
	t.carry = t.button("Carry over unfinished…", theme.MailForwardIcon(), widget.MediumImportance, t.onCarryOver)
	t.loading = newTabLoading(ed, "Could not load the scope", func() uint { return t.release.ID })
	top := container.NewBorder(nil, nil, container.NewHBox(heading, container.NewCenter(t.count)),
		container.NewHBox(t.notes, paste, add), nil)

	t.kindFilter = widget.NewSelect(append([]string{allKinds}, kit.LabelsOf(data.WorkItemKinds, data.WorkItemKind.Label)...), func(string) { t.applyFilter() })
	t.kindFilter.Selected = allKinds
	statuses := append([]string{allWorkStatuses, unfinishedStatus}, kit.LabelsOf(data.WorkItemStatuses, data.WorkItemStatus.Label)...)
	t.statusFilter = widget.NewSelect(statuses, func(string) { t.applyFilter() })
	t.statusFilter.Selected = allWorkStatuses
	t.pickedNote = &widget.Label{}
	t.pickedNote.ExtendBaseWidget(t.pickedNote)
	t.move = t.button("Move to…", theme.MailForwardIcon(), widget.MediumImportance, t.onMovePicked)
	t.remove = t.button("Remove", theme.DeleteIcon(), widget.DangerImportance, t.onRemovePicked)
	filters := container.NewBorder(nil, nil,
		container.NewHBox(kit.FixedWidth(170, t.kindFilter), kit.FixedWidth(170, t.statusFilter), t.carry),
		container.NewHBox(container.NewCenter(t.pickedNote), t.move, t.remove), nil)

	t.list = widget.NewList(func() int { return len(t.shown) },
		func() fyne.CanvasObject {
			r := newScopeRow()
			r.onPick, r.onEdit, r.onRemove = t.onPick, t.onEdit, t.onRemove
			return r
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(t.shown) {
				o.(*scopeRow).set(t.shown[id], t.picked[t.shown[id].ID])
			}
		})
	t.noMatch = kit.EmptyNote("No work item matches these filters.")
	empty := emptyState(theme.ListIcon(), "This release has no scope yet. Add the features, fixes and changes it delivers "+
		"one by one, or paste a list of “KEY summary” lines from your tracker.", "Add item", t.onAdd)
	empty.Add(container.NewCenter(t.button("Paste list…", theme.ContentPasteIcon(), widget.MediumImportance, t.onPaste)))
	t.loading.withList(t.count, container.NewStack(t.list, t.noMatch), empty)
	t.item = container.NewTabItemWithIcon("Scope", theme.ListIcon(), container.NewPadded(container.NewBorder(
		container.NewVBox(top, t.loading.problem, filters, widget.NewSeparator()), nil, nil, nil,
		container.NewStack(t.loading.list, empty))))
	return t
}

// button makes a button of the tab.
func (t *scopeTab) button(text string, icon fyne.Resource, imp widget.Importance, tapped func()) *widget.Button {
	b := &widget.Button{Text: text, Icon: icon, Importance: imp, OnTapped: tapped}
	b.ExtendBaseWidget(b)
	return b
}

func (t *scopeTab) tabItem() *container.TabItem { return t.item }

// dirty is always false: every change is saved from its own dialog.
func (t *scopeTab) dirty() bool { return false }

// show loads r's scope; another release's items go at once so they are never mistaken for r's.
func (t *scopeTab) show(r data.Release) {
	t.loading.show(&t.release, r, func() {
		clear(t.picked)
		t.fill(nil, false)
	}, t.reload)
}

// followStatus keeps the release's name and status, which the notes and
// carry-over use, as they are stored.
func (t *scopeTab) followStatus(r data.Release) {
	if r.ID == t.release.ID {
		t.release = r
	}
}

// reload reads the release's work items again in the background.
func (t *scopeTab) reload() {
	t.loading.reload(func(ctx context.Context, store Store, id uint) (func(), error) {
		items, err := store.WorkItems(ctx, id, data.WorkItemFilter{})
		return func() { t.fill(items, true) }, err
	})
}

// fill shows items through the filters, with the counts of the whole scope.
func (t *scopeTab) fill(items []data.WorkItem, loaded bool) {
	t.items = items
	for id := range t.picked {
		if !slices.ContainsFunc(items, func(it data.WorkItem) bool { return it.ID == id }) {
			delete(t.picked, id) // gone, or moved away
		}
	}
	t.loading.showList(scopeCountText(items), loaded, len(items))
	t.carry.Disable()
	if slices.ContainsFunc(items, func(it data.WorkItem) bool { return it.Status.Unfinished() }) {
		t.carry.Enable()
	}
	t.applyFilter()
}

// scopeCountText sums a scope up: "12 items · 8 done · 3 to do · 1 dropped".
func scopeCountText(items []data.WorkItem) string {
	var done, todo, dropped int
	for _, it := range items {
		switch {
		case it.Status == data.WorkDone:
			done++
		case it.Status == data.WorkDropped:
			dropped++
		default:
			todo++
		}
	}
	parts := []string{kit.Count(len(items), "item")}
	for _, p := range []struct {
		n    int
		text string
	}{{done, "done"}, {todo, "to do"}, {dropped, "dropped"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%s %s", kit.FormatCount(p.n), p.text))
		}
	}
	return strings.Join(parts, " · ")
}

// applyFilter shows the items of the kind and status chosen.
func (t *scopeTab) applyFilter() {
	kind := kit.ValueOf(data.WorkItemKinds, data.WorkItemKind.Label, t.kindFilter.Selected)
	status := kit.ValueOf(data.WorkItemStatuses, data.WorkItemStatus.Label, t.statusFilter.Selected)
	unfinished := t.statusFilter.Selected == unfinishedStatus
	t.shown = t.shown[:0]
	for _, it := range t.items {
		if (kind == "" || it.Kind == kind) && (status == "" || it.Status == status) && (!unfinished || it.Status.Unfinished()) {
			t.shown = append(t.shown, it)
		}
	}
	t.list.Refresh()
	t.noMatch.Hidden = len(t.shown) > 0 || len(t.items) == 0
	t.noMatch.Refresh()
	t.showPicked()
}

// onPick adds it to the items Move and Remove act on, or takes it out.
func (t *scopeTab) onPick(it data.WorkItem, picked bool) {
	if picked {
		t.picked[it.ID] = true
	} else {
		delete(t.picked, it.ID)
	}
	t.showPicked()
}

// showPicked says how many items are ticked and offers what can be done with them.
func (t *scopeTab) showPicked() {
	n := len(t.pickedItems())
	t.pickedNote.SetText(kit.Count(n, "item") + " ticked")
	t.pickedNote.Hidden = n == 0
	t.pickedNote.Refresh()
	for _, b := range []*widget.Button{t.move, t.remove} {
		if n == 0 {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// pickedItems are the ticked items, in the list's order.
func (t *scopeTab) pickedItems() []data.WorkItem {
	var out []data.WorkItem
	for _, it := range t.items {
		if t.picked[it.ID] {
			out = append(out, it)
		}
	}
	return out
}

// keysOf names items for a message: "PAY-1, PAY-2 and PAY-3", or a count past a few.
func keysOf(items []data.WorkItem) string {
	if len(items) > 4 {
		return kit.Count(len(items), "item")
	}
	keys := make([]string, len(items))
	for i, it := range items {
		keys[i] = it.Key
	}
	if len(keys) < 2 {
		return strings.Join(keys, "")
	}
	return strings.Join(keys[:len(keys)-1], ", ") + " and " + keys[len(keys)-1]
}

// undoStep is change as a step of the editor's undo.
func (t *scopeTab) undoStep(label string, change data.Change) kit.Step {
	return kit.Step{Label: label, Release: t.ed.release.ID, Change: change}
}

func (t *scopeTab) afterChange(notice string, step kit.Step) {
	afterEditorChange(t.ed, notice, step, t.reload)
}

// onRemove removes one item after asking; Undo puts it back.
func (t *scopeTab) onRemove(it data.WorkItem) { t.removeItems([]data.WorkItem{it}) }

// onRemovePicked removes the ticked items after asking; Undo puts them back.
func (t *scopeTab) onRemovePicked() {
	if items := t.pickedItems(); len(items) > 0 {
		t.removeItems(items)
	}
}

func (t *scopeTab) removeItems(items []data.WorkItem) {
	what := keysOf(items)
	ids := make([]uint, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	confirmDelete(t.ed.screen.Win, what, "From the scope of "+t.release.Name()+".", func() {
		removed, err := t.ed.store.DeleteWorkItems(t.ed.screen.Context(), ids)
		if err != nil {
			t.ed.screen.ShowError("Could not remove "+what, err)
			t.reload()
			return
		}
		for _, id := range ids {
			delete(t.picked, id)
		}
		t.afterChange("Removed "+what+" from "+t.release.Name(), t.undoStep("removal of "+what, data.Deleted(removed)))
	})
}
