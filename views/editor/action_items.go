package editor

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// taskForm edits a piece of follow-up work — a checklist item or a review's
// action item: what, who, by when, and its kind or state.
type taskForm struct {
	form   *kit.FieldForm
	title  *widget.Entry
	owner  *widget.SelectEntry
	due    *widget.DateEntry
	choice *widget.Select
	// choiceField is the store's name of the chosen value: Category or Status.
	choiceField string
}

// taskValues is what a task form holds.
type taskValues struct {
	choice, title, owner string
	due                  data.Date
}

func newTaskForm(choiceField, choiceLabel string, choices, owners []string) *taskForm {
	f := &taskForm{form: kit.NewFieldForm(), choiceField: choiceField, due: kit.NewDayEntry()}
	f.title = kit.LimitText(&widget.Entry{PlaceHolder: "What needs doing", Validator: kit.RequiredText}, data.MaxTitleLength)
	f.title.ExtendBaseWidget(f.title)
	f.owner = widget.NewSelectEntry(owners)
	f.owner.PlaceHolder = "Who sees it done"
	f.choice = widget.NewSelect(choices, nil)
	f.form.Add("Title", "Title", f.title, "")
	f.form.Add("Owner", "Owner", f.owner, "")
	f.form.Add("Due", "Due", kit.Leading(220, f.due), "")
	f.form.Add(choiceField, choiceLabel, kit.Leading(220, f.choice), "")
	f.form.Watch("Title", f.title)
	return f
}

func (f *taskForm) fill(v taskValues) {
	f.choice.SetSelected(v.choice)
	kit.SetLimitedText(f.title, v.title, data.MaxTitleLength)
	f.owner.SetText(v.owner)
	kit.SetDay(f.due, v.due)
	f.title.SetValidationError(nil) // a blank new form is not a mistake yet
	f.form.Clear()
}

// collect reads the form, showing each problem next to its field.
func (f *taskForm) collect() (taskValues, bool) {
	f.form.Clear()
	v := taskValues{choice: f.choice.Selected, title: strings.TrimSpace(f.title.Text), owner: strings.TrimSpace(f.owner.Text)}
	if v.title == "" {
		f.form.Problem("Title", "is required: say what needs doing")
	}
	day, ok := kit.DayOf(f.due)
	if !ok {
		f.form.Problem("Due", "is not a date like "+kit.DateExample())
	}
	v.due = day
	if v.choice == "" {
		f.form.Problem(f.choiceField, "is required")
	}
	return v, !f.form.HasProblems()
}

// taskCells are the parts of a task's line that the checklist and the
// review's action items share: title, owner, due day, Edit and Delete.
type taskCells struct {
	title, owner, due *widget.Label
	edit, remove      *widget.Button
}

// newTaskCells shows a task's title, its owner ("No owner" when none) and its
// due day, in bold red once late, with Edit and Delete running onEdit and onDelete.
func newTaskCells(title, owner string, due data.Date, late bool, onEdit, onDelete func()) taskCells {
	c := taskCells{
		title:  &widget.Label{Text: title, Truncation: fyne.TextTruncateEllipsis},
		owner:  &widget.Label{Text: owner, Truncation: fyne.TextTruncateEllipsis},
		due:    &widget.Label{Text: "Due " + kit.FormatDate(due)},
		edit:   &widget.Button{Text: "Edit", Icon: theme.DocumentCreateIcon(), Importance: widget.LowImportance, OnTapped: onEdit},
		remove: &widget.Button{Text: "Delete", Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: onDelete},
	}
	if owner == "" {
		c.owner.Text, c.owner.TextStyle = "No owner", fyne.TextStyle{Italic: true}
	}
	switch {
	case due.IsZero():
		c.due.Text, c.due.TextStyle = "No due day", fyne.TextStyle{Italic: true}
	case late:
		c.due.Text, c.due.Importance, c.due.TextStyle = "Overdue · "+kit.FormatDate(due), widget.DangerImportance, fyne.TextStyle{Bold: true}
	}
	for _, l := range []*widget.Label{c.title, c.owner, c.due} {
		l.ExtendBaseWidget(l)
	}
	c.edit.ExtendBaseWidget(c.edit)
	c.remove.ExtendBaseWidget(c.remove)
	return c
}

// actionList is the review's action items: what was agreed, who owns it, by
// when, and whether it is done. Changing a status saves at once.
type actionList struct {
	tab     *reviewTab
	box     *fyne.Container
	count   *widget.Label
	add     *widget.Button
	rows    *fyne.Container
	note    *widget.Label
	actions []data.ActionItem
}

// Column widths of an action item's line.
const (
	actionOwnerWidth  = 180
	actionDueWidth    = 190
	actionStatusWidth = 130
)

func newActionList(t *reviewTab) *actionList {
	l := &actionList{tab: t, rows: container.NewVBox()}
	heading := &widget.Label{Text: "Action items", SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	heading.ExtendBaseWidget(heading)
	l.count = &widget.Label{}
	l.count.ExtendBaseWidget(l.count)
	l.add = &widget.Button{Text: "Add action item", Icon: theme.ContentAddIcon(), OnTapped: l.onAdd}
	l.add.ExtendBaseWidget(l.add)
	l.note = kit.WrappedLabel("")
	l.note.TextStyle = fyne.TextStyle{Italic: true}
	top := container.NewBorder(nil, nil, container.NewHBox(heading, container.NewCenter(l.count)), container.NewCenter(l.add))
	l.box = container.NewVBox(top, widget.NewSeparator(), l.note, l.rows)
	return l
}

// fill shows the actions of the stored review (ID 0 when there is none yet).
func (l *actionList) fill(reviewID uint, actions []data.ActionItem) {
	l.actions = actions
	today := data.Today()
	l.rows.Objects = nil
	open, late := 0, 0
	for _, a := range actions {
		l.rows.Add(l.actionRow(a, today))
		if a.Status == data.ActionOpen {
			open++
			if actionOverdue(a, today) {
				late++
			}
		}
	}
	l.rows.Refresh()
	switch {
	case reviewID == 0:
		l.note.SetText("Save the review first; the follow-ups agreed in it are listed here.")
		l.note.Show()
		l.add.Disable()
	case len(actions) == 0:
		l.note.SetText("No action items yet — add the follow-ups agreed in the review with Add action item.")
		l.note.Show()
		l.add.Enable()
	default:
		l.note.Hide()
		l.add.Enable()
	}
	var parts []string
	if len(actions) > 0 {
		parts = append(parts, kit.Count(len(actions), "item"))
	}
	if open > 0 {
		parts = append(parts, fmt.Sprintf("%d open", open))
	}
	if late > 0 {
		parts = append(parts, fmt.Sprintf("%d overdue", late))
	}
	l.count.SetText(strings.Join(parts, " · "))
}

// actionOverdue reports whether a is still open after its due day.
func actionOverdue(a data.ActionItem, today data.Date) bool {
	return a.Status == data.ActionOpen && !a.Due.IsZero() && a.Due.Before(today)
}

// actionRow is one action item: title, owner, due day, a status choice that saves at once, and actions.
func (l *actionList) actionRow(a data.ActionItem, today data.Date) fyne.CanvasObject {
	c := newTaskCells(a.Title, a.Owner, a.Due, actionOverdue(a, today), func() { l.onEdit(a) }, func() { l.onDelete(a) })
	status := widget.NewSelect(kit.LabelsOf(data.ActionStatuses, data.ActionStatus.Label), nil)
	status.Selected = a.Status.Label()
	status.OnChanged = func(s string) { l.onStatus(a, kit.ValueOf(data.ActionStatuses, data.ActionStatus.Label, s)) } // after Selected, so filling saves nothing
	return container.NewBorder(nil, nil, nil, container.NewHBox(kit.FixedWidth(actionOwnerWidth, c.owner), kit.FixedWidth(actionDueWidth, c.due),
		kit.FixedWidth(actionStatusWidth, status), c.edit, c.remove), c.title)
}

// onStatus saves a new status at once; Undo puts the old one back.
func (l *actionList) onStatus(a data.ActionItem, status data.ActionStatus) {
	if status == a.Status || status == "" {
		return
	}
	next := a
	next.Status = status
	store := l.tab.ed.store
	if err := store.SaveActionItem(l.tab.ed.screen.Context(), &next); err != nil {
		l.tab.ed.screen.ShowError("Could not update “"+a.Title+"”", err)
		l.tab.reload()
		return
	}
	l.changed(fmt.Sprintf("Marked “%s” %s", a.Title, strings.ToLower(status.Label())), "status of “"+a.Title+"”", a, store)
}

// changed announces a change to action a (as it was before) with an Undo that saves it back.
func (l *actionList) changed(notice, label string, before data.ActionItem, store ReviewStore) {
	l.tab.afterChange(notice, kit.Step{Label: label, Run: func(ctx context.Context) error {
		old := before
		return store.SaveActionItem(ctx, &old)
	}})
}

func (l *actionList) onAdd() {
	if l.tab.review.ID == 0 {
		return
	}
	blank := data.ActionItem{ReviewID: l.tab.review.ID, Status: data.ActionOpen}
	l.openForm("Add an action item", "Add", blank, func(saved data.ActionItem, store ReviewStore) {
		id := saved.ID
		l.tab.afterChange("Added “"+saved.Title+"”", kit.Step{Label: "new action “" + saved.Title + "”", Run: func(ctx context.Context) error {
			_, err := store.DeleteActionItem(ctx, id)
			return err
		}})
	})
}

func (l *actionList) onEdit(a data.ActionItem) {
	l.openForm("Edit action item", "Save", a, func(saved data.ActionItem, store ReviewStore) {
		l.changed("Saved “"+saved.Title+"”", "changes to “"+a.Title+"”", a, store)
	})
}

// openForm shows the action form filled with a; saved runs once the store took it.
func (l *actionList) openForm(title, action string, a data.ActionItem, saved func(data.ActionItem, ReviewStore)) {
	f := newTaskForm("Status", "Status", kit.LabelsOf(data.ActionStatuses, data.ActionStatus.Label), l.tab.people)
	f.fill(taskValues{choice: a.Status.Label(), title: a.Title, owner: a.Owner, due: a.Due})
	win := l.tab.ed.screen.Win
	kit.ShowFormDialog(win, title, action, f.form.Box, f.form, 560, func() bool {
		v, ok := f.collect()
		if !ok {
			return false
		}
		next := a
		next.Title, next.Owner, next.Due = v.title, v.owner, v.due
		next.Status = kit.ValueOf(data.ActionStatuses, data.ActionStatus.Label, v.choice)
		store := l.tab.ed.store
		if err := store.SaveActionItem(l.tab.ed.screen.Context(), &next); err != nil {
			f.form.ShowError("Could not save the action item", err)
			return false
		}
		saved(next, store)
		return true
	})
	win.Canvas().Focus(f.title)
}

// onDelete removes an action item after asking; Undo puts it back.
func (l *actionList) onDelete(a data.ActionItem) {
	store := l.tab.ed.store
	deleteWithUndo(l.tab.ed, l.tab.reload, "“"+a.Title+"”", "Action item of the review of "+l.tab.release.Name()+".",
		func(ctx context.Context) (data.ActionItem, error) { return store.DeleteActionItem(ctx, a.ID) }, store.RestoreActionItem)
}
