package portfolio

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// Choices of which freeze windows to list.
const (
	freezeCurrent = "Current and upcoming"
	freezeAll     = "All, past included"
)

// Choices of the environments a freeze window covers.
const (
	freezeEveryEnv = "All environments"
	freezeSomeEnvs = "Only these:"
)

// freezeList is the Environments screen's list of freeze windows, with
// buttons to create, edit and delete them.
type freezeList struct {
	screen  *Environments
	panel   *kit.TitledPanel
	scope   *widget.Select
	list    *widget.List
	empty   *widget.Label
	windows []data.FreezeWindow
	envs    []data.Environment
	// form is the freeze window form last opened.
	form *freezeForm
	// now is when "current and upcoming" starts; tests fix it.
	now func() time.Time
}

func newFreezeList(e *Environments) *freezeList {
	f := &freezeList{screen: e, now: time.Now}
	f.scope = widget.NewSelect([]string{freezeCurrent, freezeAll}, func(string) { e.Reload() })
	f.scope.Selected = freezeCurrent
	add := &widget.Button{Text: "New freeze window", Icon: theme.ContentAddIcon(), OnTapped: func() { f.showForm(data.FreezeWindow{}) }}
	add.ExtendBaseWidget(add)
	f.list = widget.NewList(func() int { return len(f.windows) },
		func() fyne.CanvasObject { return newFreezeRow(f) },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*freezeRow).set(f.windows[id]) })
	f.empty = kit.EmptyNote("")
	tools := container.NewHBox(kit.FixedWidth(200, f.scope), add)
	f.panel = kit.NewTitledPanel(theme.CalendarIcon(), "Freeze windows", tools, container.NewStack(f.list, f.empty))
	return f
}

// from is the earliest end of the windows to list: now, or open for all.
func (f *freezeList) from() time.Time {
	if f.scope.Selected == freezeAll {
		return time.Time{}
	}
	return f.now()
}

// set shows windows, offering envs in the form.
func (f *freezeList) set(windows []data.FreezeWindow, envs []data.Environment) {
	f.windows, f.envs = windows, envs
	if f.scope.Selected == freezeAll {
		f.panel.SetNote(kit.Count(len(windows), "window"))
		f.empty.SetText("No freeze windows yet — add one with New freeze window to keep deployments out of a busy period.")
	} else {
		f.panel.SetNote(kit.Count(len(windows), "window") + " now or ahead")
		f.empty.SetText("No freeze window is on or ahead. Add one with New freeze window, or show past ones too.")
	}
	f.empty.Hidden = len(windows) > 0
	f.empty.Refresh()
	f.list.Refresh()
}

// freezeRow is one freeze window: name, period, environments and reason,
// with buttons to edit and delete it.
type freezeRow struct {
	widget.BaseWidget
	list       *freezeList
	fw         data.FreezeWindow
	name, when *widget.Label
	detail     *widget.Label
	box        *fyne.Container
}

func newFreezeRow(l *freezeList) *freezeRow {
	r := &freezeRow{list: l, name: kit.NewBoldLine(), when: &widget.Label{}, detail: kit.CaptionLabel()}
	r.name.Truncation = fyne.TextTruncateOff
	r.when.ExtendBaseWidget(r.when)
	edit := &widget.Button{Icon: theme.DocumentCreateIcon(), Importance: widget.LowImportance, OnTapped: func() { l.showForm(r.fw) }}
	edit.ExtendBaseWidget(edit)
	del := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { l.confirmDelete(r.fw) }}
	del.ExtendBaseWidget(del)
	head := container.NewBorder(nil, nil, r.name, nil, r.when)
	r.box = container.NewBorder(nil, nil, nil, container.NewHBox(edit, del), container.New(kit.TightRows{}, head, r.detail))
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer shows the row's parts.
func (r *freezeRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

func (r *freezeRow) set(fw data.FreezeWindow) {
	r.fw = fw
	r.name.SetText(fw.Name)
	r.when.SetText(freezeSpan(fw.Start, fw.End))
	detail := freezeScope(fw)
	if fw.Reason != "" {
		detail += " · " + fw.Reason
	}
	r.detail.SetText(detail)
	r.box.Refresh() // the name is as wide as its new text
}

// freezeSpan shows a window's period as every screen does: "Mon 30 Nov 2026, 00:00 – Tue 1 Dec, 00:00 CET".
func freezeSpan(start, end time.Time) string { return kit.FormatSpan(start, &end) }

// freezeScope names the environments a window covers.
func freezeScope(fw data.FreezeWindow) string {
	if fw.AllEnvironments {
		return freezeEveryEnv
	}
	names := make([]string, len(fw.Environments))
	for i, e := range fw.Environments {
		names[i] = e.Name
	}
	return strings.Join(names, ", ")
}

// freezeForm is the form of one freeze window.
type freezeForm struct {
	form       *kit.FieldForm
	name       *kit.Entry
	start, end *kit.TimeEntry
	scope      *kit.Options
	envs       *kit.Options
	reason     *kit.Entry
	base       data.FreezeWindow
	all        []data.Environment
}

func newFreezeForm(fw data.FreezeWindow, envs []data.Environment) *freezeForm {
	f := &freezeForm{form: kit.NewFieldForm(), start: kit.NewTimeEntry(), end: kit.NewTimeEntry(), base: fw, all: envs,
		name:   kit.NewEntry("e.g. Year-end change freeze").Limit(data.MaxNameLength),
		reason: kit.NewNotes("Why nothing may be deployed", 2).Limit(data.MaxNoteLength),
		scope:  kit.NewRadio(freezeEveryEnv, freezeSomeEnvs)}
	kit.SetLimitedText(&f.name.Entry, fw.Name, data.MaxNameLength)
	kit.SetLimitedText(&f.reason.Entry, fw.Reason, data.MaxNoteLength)
	f.start.Set(fw.Start)
	f.end.Set(fw.End)
	names := make([]string, len(envs))
	for i, e := range envs {
		names[i] = e.Name
	}
	f.envs = kit.NewChecks(names...)
	chosen := make([]string, len(fw.Environments))
	for i, e := range fw.Environments {
		chosen[i] = e.Name
	}
	f.envs.SetSelected(chosen...)
	f.scope.OnChanged = func() {
		if f.scope.Selected() == freezeEveryEnv {
			f.envs.Disable()
		} else {
			f.envs.Enable()
		}
	}
	if fw.ID == 0 || fw.AllEnvironments {
		f.scope.SetSelected(freezeEveryEnv)
	} else {
		f.scope.SetSelected(freezeSomeEnvs)
	}
	f.form.Add("Name", "Name", f.name, "")
	f.form.Add("Start", "Start", f.start.Object(), "Day and time, e.g. "+kit.DateExample()+" and 00:00")
	f.form.Add("End", "End", f.end.Object(), "")
	f.form.Add("Environments", "Applies to", container.NewVBox(f.scope, f.envs), "")
	f.form.Add("Reason", "Reason", f.reason, "")
	f.form.Check(func() *data.ValidationError { _, v := f.collect(); return v })
	return f
}

// collect reads the window the form describes, with what is wrong with it:
// a day or time not understood, then the store's own rules
// (data.ValidateFreezeWindow) for the rest.
func (f *freezeForm) collect() (data.FreezeWindow, *data.ValidationError) {
	fw := f.base
	fw.Name, fw.Reason = f.name.Text, f.reason.Text
	var quick *data.ValidationError
	var err error
	if fw.Start, err = f.start.Value(); err != nil {
		quick = kit.Fields(quick, "Start", err.Error())
	}
	if fw.End, err = f.end.Value(); err != nil {
		quick = kit.Fields(quick, "End", err.Error())
	}
	fw.AllEnvironments = f.scope.Selected() == freezeEveryEnv
	fw.Environments = nil
	if !fw.AllEnvironments {
		for _, e := range f.all {
			if slices.Contains(f.envs.Chosen(), e.Name) {
				fw.Environments = append(fw.Environments, e)
			}
		}
	}
	v, _ := data.AsValidation(data.ValidateFreezeWindow(fw))
	switch {
	case v == nil:
		return fw, quick
	case quick == nil:
		return fw, v
	}
	return fw, kit.MergeProblems(quick, v)
}

// showForm opens the form of fw: a new window when its ID is 0.
func (l *freezeList) showForm(fw data.FreezeWindow) {
	if len(l.envs) == 0 {
		kit.Inform(l.screen.Win, "No environments", "Add the environments of the promotion path first, then freeze them.")
		return
	}
	f := newFreezeForm(fw, l.envs)
	l.form = f
	title, action := "New freeze window", "Create"
	if fw.ID != 0 {
		title, action = "Edit "+fw.Name, "Save"
	}
	kit.ShowFormDialog(l.screen.Win, title, action, f.form.Box, f.form, 620, func() bool { return l.save(fw, f) })
}

// save stores the form over before; a bad value is shown next to its field
// and nothing is saved. It reports whether the form may close.
func (l *freezeList) save(before data.FreezeWindow, f *freezeForm) bool {
	e := l.screen
	fw, _ := f.collect()
	if err := e.store.SaveFreezeWindow(e.Context(), &fw); err != nil {
		f.form.ShowError("Could not save the freeze window", err)
		return false
	}
	if before.ID == 0 {
		e.PushUndo(kit.Step{Label: "new freeze window " + fw.Name, Change: data.Created(fw)})
		e.done("Created freeze window "+fw.Name, true)
		return true
	}
	e.PushUndo(kit.Step{Label: "changes to " + fw.Name, Change: data.Edited(before, fw)})
	e.done("Saved freeze window "+fw.Name, true)
	return true
}

// confirmDelete asks before removing fw, then offers to undo.
func (l *freezeList) confirmDelete(fw data.FreezeWindow) {
	e := l.screen
	msg := fmt.Sprintf("Delete the freeze window %q (%s)?\nDeployments in that period will no longer be flagged.",
		fw.Name, freezeSpan(fw.Start, fw.End))
	kit.Confirm(e.Win, "Delete freeze window", msg, "Delete", "Keep", widget.DangerImportance, func() {
		gone, err := e.store.DeleteFreezeWindow(e.Context(), fw.ID)
		if err != nil {
			e.ShowError("Could not delete "+fw.Name, err)
			return
		}
		e.PushUndo(kit.Step{Label: "delete of freeze window " + fw.Name, Change: data.Deleted(gone)})
		e.done("Deleted freeze window "+fw.Name, true)
	})
}
