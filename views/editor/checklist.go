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
	"releasedesk/views/kit"
)

// ChecklistStore is what the Checklist tab needs from the database.
type ChecklistStore interface {
	Checklist(ctx context.Context, releaseID uint) ([]data.ChecklistItem, error)
	SaveChecklistItem(ctx context.Context, it *data.ChecklistItem) error
	SetChecklistDone(ctx context.Context, id uint, done bool) error
	DeleteChecklistItem(ctx context.Context, id uint) (data.ChecklistItem, error)
	RestoreChecklistItem(ctx context.Context, it data.ChecklistItem) error
	ApplyChecklistTemplate(ctx context.Context, releaseID uint) (int, error)
	ReleaseStakeholders(ctx context.Context, releaseID uint) ([]data.ReleaseStakeholder, error)
}

var _ ChecklistStore = (*data.Store)(nil)

// Column widths of a checklist line, so the lines of a category line up.
const (
	checklistOwnerWidth = 190
	checklistDueWidth   = 190
)

// checklistTab is the release's checklist by category, ticked off as work
// gets done, started from the built-in checklist of the release's type.
type checklistTab struct {
	ed   *Editor
	item *container.TabItem

	release data.Release
	items   []data.ChecklistItem
	owners  []string // names offered as owners: the release's people and owners already used
	loading *tabLoading

	count       *widget.Label
	progress    *widget.ProgressBar
	addDefaults *widget.Button
	groups      *fyne.Container
	list        fyne.CanvasObject
	empty       *fyne.Container
	emptyText   *widget.Label
	useDefaults *widget.Button
}

func newChecklistTab(ed *Editor) editorTab {
	t := &checklistTab{ed: ed}
	heading := &widget.Label{Text: "Checklist", SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	heading.ExtendBaseWidget(heading)
	t.count = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	t.count.ExtendBaseWidget(t.count)
	t.progress = &widget.ProgressBar{Max: 1}
	t.progress.ExtendBaseWidget(t.progress)
	add := &widget.Button{Text: "Add item", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: t.onAdd}
	add.ExtendBaseWidget(add)
	t.addDefaults = &widget.Button{Icon: theme.ListIcon(), Importance: widget.LowImportance, OnTapped: t.onApplyDefaults}
	t.addDefaults.ExtendBaseWidget(t.addDefaults)
	t.loading = newTabLoading(ed, "Could not load the checklist", func() uint { return t.release.ID })
	progress := container.NewCenter(kit.FixedWidth(220, t.progress))
	top := container.NewBorder(nil, nil, container.NewHBox(heading, container.NewCenter(t.count), progress),
		container.NewHBox(container.NewCenter(t.addDefaults), container.NewCenter(add)))

	t.groups = container.NewVBox()
	t.list = container.NewVScroll(t.groups)
	t.emptyText = &widget.Label{Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord}
	t.emptyText.ExtendBaseWidget(t.emptyText)
	t.useDefaults = &widget.Button{Icon: theme.ListIcon(), Importance: widget.HighImportance, OnTapped: t.onApplyDefaults}
	t.useDefaults.ExtendBaseWidget(t.useDefaults)
	addOwn := &widget.Button{Text: "Add item", Icon: theme.ContentAddIcon(), OnTapped: t.onAdd}
	addOwn.ExtendBaseWidget(addOwn)
	t.empty = container.NewCenter(container.NewVBox(
		container.NewCenter(kit.FixedSize(fyne.NewSize(48, 48), widget.NewIcon(theme.ListIcon()))),
		kit.FixedWidth(520, t.emptyText), container.NewCenter(container.NewHBox(t.useDefaults, addOwn))))
	t.empty.Hide()
	t.item = container.NewTabItemWithIcon("Checklist", theme.ListIcon(), container.NewPadded(
		container.NewBorder(container.NewVBox(top, t.loading.problem), nil, nil, nil, container.NewStack(t.list, t.empty))))
	return t
}

func (t *checklistTab) tabItem() *container.TabItem { return t.item }

// dirty is always false: ticks save at once and items are saved from their own dialog.
func (t *checklistTab) dirty() bool { return false }

// show loads r's checklist; another release's items go at once so they are never mistaken for r's.
func (t *checklistTab) show(r data.Release) {
	t.loading.show(&t.release, r, func() { t.fill(nil, nil) }, t.reload)
}

// reload reads the checklist and the release's people again in the background.
func (t *checklistTab) reload() {
	t.loading.reload(func(ctx context.Context, store Store, id uint) (func(), error) {
		items, err := store.Checklist(ctx, id)
		var people []data.ReleaseStakeholder
		if err == nil {
			people, err = store.ReleaseStakeholders(ctx, id)
		}
		return func() { t.fill(items, people) }, err
	})
}

// fill shows the items by category with their progress, or the empty state.
func (t *checklistTab) fill(items []data.ChecklistItem, people []data.ReleaseStakeholder) {
	t.items = items
	t.owners = ownerChoices(t.release, items, people)
	today := data.Today()
	t.groups.Objects = nil
	for _, c := range data.ChecklistCategories {
		var in []data.ChecklistItem
		for _, it := range items {
			if it.Category == c {
				in = append(in, it)
			}
		}
		t.groups.Add(categoryHeading(c, in, today))
		if len(in) == 0 {
			l := &widget.Label{Text: "Nothing in this category yet — add an item with Add item.", TextStyle: fyne.TextStyle{Italic: true}}
			l.ExtendBaseWidget(l)
			t.groups.Add(l)
		}
		for _, it := range in {
			t.groups.Add(t.itemRow(it, today))
		}
	}
	t.groups.Refresh()
	done := doneCount(items)
	t.count.SetText(fmt.Sprintf("%d of %d done", done, len(items)))
	t.progress.SetValue(0)
	if len(items) > 0 {
		t.progress.SetValue(float64(done) / float64(len(items)))
	}
	missing := len(missingDefaults(t.release, items))
	typ := strings.ToLower(t.release.Type.Label())
	t.addDefaults.SetText(fmt.Sprintf("Add missing default items (%d)", missing))
	t.addDefaults.Hidden = missing == 0 || len(items) == 0
	t.addDefaults.Refresh()
	if len(items) > 0 || t.release.ID == 0 {
		t.empty.Hide()
		t.list.Show()
		t.count.Show()
		t.progress.Show()
		return
	}
	t.count.Hide()
	t.progress.Hide()
	t.list.Hide()
	if missing > 0 {
		t.emptyText.SetText(fmt.Sprintf("This release has no checklist yet. Start from the default checklist for a %s release "+
			"— %d items for readiness, regression tests, communication and the backout plan — or add your own with Add item.", typ, missing))
		t.useDefaults.SetText("Add the default checklist for a " + typ + " release")
		t.useDefaults.Show()
	} else {
		t.emptyText.SetText("This release has no checklist yet — add the items to get done before it goes out with Add item.")
		t.useDefaults.Hide()
	}
	t.empty.Show()
}

func doneCount(items []data.ChecklistItem) int {
	n := 0
	for _, it := range items {
		if it.Done {
			n++
		}
	}
	return n
}

// overdue reports whether it is not done and its due day has passed.
func overdue(it data.ChecklistItem, today data.Date) bool {
	return !it.Done && !it.Due.IsZero() && it.Due.Before(today)
}

// missingDefaults lists the items of r's built-in checklist that items lack, matched by title as the store does.
func missingDefaults(r data.Release, items []data.ChecklistItem) []data.ChecklistItem {
	have := map[string]bool{}
	for _, it := range items {
		have[strings.ToLower(strings.Join(strings.Fields(it.Title), " "))] = true
	}
	var out []data.ChecklistItem
	for _, it := range data.ChecklistTemplateFor(r) {
		if !have[strings.ToLower(strings.Join(strings.Fields(it.Title), " "))] {
			out = append(out, it)
		}
	}
	return out
}

// ownerChoices offers the release's people, its owner and the owners already used, without repeats.
func ownerChoices(r data.Release, items []data.ChecklistItem, people []data.ReleaseStakeholder) []string {
	var out []string
	add := func(name string) {
		if name = strings.TrimSpace(name); name != "" && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, name) }) {
			out = append(out, name)
		}
	}
	add(r.Owner)
	for _, p := range people {
		add(p.Stakeholder.Name)
	}
	for _, it := range items {
		add(it.Owner)
	}
	slices.SortFunc(out, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return out
}

// categoryHeading names a category with badges for its progress: "Readiness [3 of 5 done] [1 overdue]".
func categoryHeading(c data.ChecklistCategory, items []data.ChecklistItem, today data.Date) fyne.CanvasObject {
	name := &widget.Label{Text: c.Label(), TextStyle: fyne.TextStyle{Bold: true}}
	name.ExtendBaseWidget(name)
	progress := kit.NewBadge()
	switch done := doneCount(items); {
	case len(items) == 0:
		progress.Set("No items", kit.ToneGrey)
	case done == len(items):
		progress.Set(fmt.Sprintf("All %d done", done), kit.ToneGreen)
	default:
		progress.Set(fmt.Sprintf("%d of %d done", done, len(items)), kit.ToneBlue)
	}
	row := container.NewHBox(name, container.NewCenter(progress))
	late := 0
	for _, it := range items {
		if overdue(it, today) {
			late++
		}
	}
	if late > 0 {
		b := kit.NewBadge()
		b.Set(fmt.Sprintf("%d overdue", late), kit.ToneRed)
		row.Add(container.NewCenter(b))
	}
	return container.NewVBox(row, widget.NewSeparator())
}

// itemRow is one checklist line: the done tick, title, owner, due day and actions.
func (t *checklistTab) itemRow(it data.ChecklistItem, today data.Date) fyne.CanvasObject {
	check := &widget.Check{Checked: it.Done}
	check.ExtendBaseWidget(check)
	check.OnChanged = func(done bool) { t.onDone(it, done) } // set after Checked, so filling the row saves nothing
	c := newTaskCells(it.Title, it.Owner, it.Due, overdue(it, today), func() { t.onEdit(it) }, func() { t.onDelete(it) })
	return container.NewBorder(nil, nil, check,
		container.NewHBox(kit.FixedWidth(checklistOwnerWidth, c.owner), kit.FixedWidth(checklistDueWidth, c.due), c.edit, c.remove), c.title)
}

// onDone saves a tick at once; Undo takes it back.
func (t *checklistTab) onDone(it data.ChecklistItem, done bool) {
	store := t.ed.store
	if err := store.SetChecklistDone(t.ed.screen.Context(), it.ID, done); err != nil {
		t.ed.screen.ShowError("Could not update “"+it.Title+"”", err)
		t.reload()
		return
	}
	notice, label := "Ticked off “"+it.Title+"”", "tick of “"+it.Title+"”"
	if !done {
		notice, label = "Reopened “"+it.Title+"”", "reopening of “"+it.Title+"”"
	}
	t.afterChange(notice, kit.Step{Label: label, Run: func(ctx context.Context) error {
		return store.SetChecklistDone(ctx, it.ID, !done)
	}})
}

// onApplyDefaults adds the items of the built-in checklist the release lacks; Undo removes them again.
func (t *checklistTab) onApplyDefaults() {
	ctx, store := t.ed.screen.Context(), t.ed.store
	had := map[uint]bool{}
	for _, it := range t.items {
		had[it.ID] = true
	}
	n, err := store.ApplyChecklistTemplate(ctx, t.release.ID)
	if err != nil {
		t.ed.screen.ShowError("Could not add the default checklist", err)
		return
	}
	if n == 0 {
		t.reload()
		t.ed.screen.Tell("The checklist already has every default item", "", nil)
		return
	}
	now, err := store.Checklist(ctx, t.release.ID)
	if err != nil {
		t.ed.screen.ShowError("Added the default items, but could not read them back", err)
		t.reload()
		return
	}
	var added []uint
	for _, it := range now {
		if !had[it.ID] {
			added = append(added, it.ID)
		}
	}
	what := kit.Count(n, "default item")
	t.afterChange("Added "+what+" for a "+strings.ToLower(t.release.Type.Label())+" release", kit.Step{Label: "adding " + what,
		Run: func(ctx context.Context) error {
			for _, id := range added {
				if _, err := store.DeleteChecklistItem(ctx, id); err != nil {
					return err
				}
			}
			return nil
		}})
}

// onAdd opens the form for a new item, in the readiness category unless chosen otherwise.
func (t *checklistTab) onAdd() {
	blank := data.ChecklistItem{ReleaseID: t.release.ID, Category: data.CategoryReadiness}
	t.openForm("Add a checklist item to "+t.release.Name(), "Add", blank, func(saved data.ChecklistItem, store ChecklistStore) {
		id := saved.ID
		t.afterChange("Added “"+saved.Title+"”", kit.Step{Label: "new item “" + saved.Title + "”", Run: func(ctx context.Context) error {
			_, err := store.DeleteChecklistItem(ctx, id)
			return err
		}})
	})
}

func (t *checklistTab) onEdit(it data.ChecklistItem) {
	t.openForm("Edit checklist item", "Save", it, func(saved data.ChecklistItem, store ChecklistStore) {
		before := it
		t.afterChange("Saved “"+saved.Title+"”", kit.Step{Label: "changes to “" + before.Title + "”", Run: func(ctx context.Context) error {
			old := before
			return store.SaveChecklistItem(ctx, &old)
		}})
	})
}

// openForm shows the item form filled with it; saved runs once the store took the item.
func (t *checklistTab) openForm(title, action string, it data.ChecklistItem, saved func(data.ChecklistItem, ChecklistStore)) {
	f := newTaskForm("Category", "Category", kit.LabelsOf(data.ChecklistCategories, data.ChecklistCategory.Label), t.owners)
	f.fill(taskValues{choice: it.Category.Label(), title: it.Title, owner: it.Owner, due: it.Due})
	kit.ShowFormDialog(t.ed.screen.Win, title, action, f.form.Box, f.form, 560, func() bool {
		v, ok := f.collect()
		if !ok {
			return false
		}
		next := it
		next.Title, next.Owner, next.Due = v.title, v.owner, v.due
		next.Category = kit.ValueOf(data.ChecklistCategories, data.ChecklistCategory.Label, v.choice)
		store := t.ed.store
		if err := store.SaveChecklistItem(t.ed.screen.Context(), &next); err != nil {
			f.form.ShowError("Could not save the item", err)
			return false
		}
		saved(next, store)
		return true
	})
	t.ed.screen.Win.Canvas().Focus(f.title)
}

// onDelete removes an item after asking; Undo puts it back, tick and all.
func (t *checklistTab) onDelete(it data.ChecklistItem) {
	what := "“" + it.Title + "”"
	detail := it.Category.Label() + " item of " + t.release.Name() + "."
	store := t.ed.store
	deleteWithUndo(t.ed, t.reload, what, detail,
		func(ctx context.Context) (data.ChecklistItem, error) { return store.DeleteChecklistItem(ctx, it.ID) }, store.RestoreChecklistItem)
}

func (t *checklistTab) afterChange(notice string, step kit.Step) {
	afterEditorChange(t.ed, notice, step, t.reload)
}
