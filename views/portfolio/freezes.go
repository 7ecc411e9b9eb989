package portfolio

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
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

// freezeSpan shows a window's period in local time: "Mon 30 Nov 2026 00:00 → Tue 1 Dec 2026 00:00".
func freezeSpan(start, end time.Time) string {
	const layout = "Mon 2 Jan 2006 15:04"
	return start.In(time.Local).Format(layout) + " → " + end.In(time.Local).Format(layout)
}

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
	name       *widget.Entry
	start, end *kit.TimeEntry
	scope      *widget.RadioGroup
	envs       *widget.CheckGroup
	reason     *widget.Entry
}

func newFreezeForm(fw data.FreezeWindow, envs []data.Environment) *freezeForm {
	f := &freezeForm{form: kit.NewFieldForm(), start: kit.NewTimeEntry(), end: kit.NewTimeEntry()}
	f.name = kit.LimitText(&widget.Entry{Text: fw.Name, PlaceHolder: "e.g. Year-end change freeze"}, data.MaxNameLength)
	f.name.ExtendBaseWidget(f.name)
	f.reason = kit.LimitText(&widget.Entry{Text: fw.Reason, MultiLine: true, Wrapping: fyne.TextWrapWord, PlaceHolder: "Why nothing may be deployed"}, data.MaxNoteLength)
	f.reason.ExtendBaseWidget(f.reason)
	f.reason.SetMinRowsVisible(2)
	f.start.Set(fw.Start)
	f.end.Set(fw.End)
	names := make([]string, len(envs))
	for i, e := range envs {
		names[i] = e.Name
	}
	f.envs = widget.NewCheckGroup(names, nil)
	f.envs.Horizontal = true
	chosen := make([]string, len(fw.Environments))
	for i, e := range fw.Environments {
		chosen[i] = e.Name
	}
	f.envs.SetSelected(chosen)
	f.scope = widget.NewRadioGroup([]string{freezeEveryEnv, freezeSomeEnvs}, func(s string) {
		if s == freezeEveryEnv {
			f.envs.Disable()
		} else {
			f.envs.Enable()
		}
	})
	f.scope.Horizontal, f.scope.Required = true, true
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
	return f
}

// collect reads the form over base; quick holds problems found before the
// store is asked (a day or time it cannot read).
func (f *freezeForm) collect(base data.FreezeWindow, envs []data.Environment) (fw data.FreezeWindow, quick *data.ValidationError) {
	fw = base
	fw.Name, fw.Reason = f.name.Text, f.reason.Text
	quick = &data.ValidationError{}
	var err error
	if fw.Start, err = f.start.Value(); err != nil {
		quick.Fields = append(quick.Fields, data.FieldError{Field: "Start", Message: err.Error()})
	}
	if fw.End, err = f.end.Value(); err != nil {
		quick.Fields = append(quick.Fields, data.FieldError{Field: "End", Message: err.Error()})
	}
	fw.AllEnvironments = f.scope.Selected == freezeEveryEnv
	fw.Environments = nil
	if !fw.AllEnvironments {
		for _, e := range envs {
			if slices.Contains(f.envs.Selected, e.Name) {
				fw.Environments = append(fw.Environments, e)
			}
		}
	}
	if len(quick.Fields) == 0 {
		quick = nil
	}
	return fw, quick
}

// showForm opens the form of fw: a new window when its ID is 0.
func (l *freezeList) showForm(fw data.FreezeWindow) {
	if len(l.envs) == 0 {
		dialog.ShowInformation("No environments", "Add the environments of the promotion path first, then freeze them.", l.screen.Win)
		return
	}
	f := newFreezeForm(fw, l.envs)
	l.form = f
	title, action := "New freeze window", "Create"
	if fw.ID != 0 {
		title, action = "Edit "+fw.Name, "Save"
	}
	kit.ShowFormDialog(l.screen.Win, title, action, f.form.Box, f.form, 620, func() bool { return l.save(fw, f) })
	l.screen.Win.Canvas().Focus(f.name)
}

// save stores the form over before; a bad value is shown next to its field
// and nothing is saved. It reports whether the form may close.
func (l *freezeList) save(before data.FreezeWindow, f *freezeForm) bool {
	e := l.screen
	fw, quick := f.collect(before, l.envs)
	if quick != nil {
		// Ask the store too, so every problem shows at once. The time not
		// understood is left zero, so the store refuses the probe and saves nothing.
		probe := fw
		if v, ok := data.AsValidation(e.store.SaveFreezeWindow(e.Context(), &probe)); ok {
			quick = kit.MergeProblems(quick, v)
		}
		f.form.ShowProblems(quick)
		return false
	}
	if err := e.store.SaveFreezeWindow(e.Context(), &fw); err != nil {
		f.form.ShowError("Could not save the freeze window", err)
		return false
	}
	if before.ID == 0 {
		id := fw.ID
		e.PushUndo(kit.Step{Label: "new freeze window " + fw.Name, Run: func(ctx context.Context) error {
			_, err := e.store.DeleteFreezeWindow(ctx, id)
			return err
		}})
		e.done("Created freeze window "+fw.Name, true)
		return true
	}
	old := before
	e.PushUndo(kit.Step{Label: "changes to " + fw.Name, Run: func(ctx context.Context) error {
		restore := old
		return e.store.SaveFreezeWindow(ctx, &restore)
	}})
	e.done("Saved freeze window "+fw.Name, true)
	return true
}

// confirmDelete asks before removing fw, then offers to undo.
func (l *freezeList) confirmDelete(fw data.FreezeWindow) {
	e := l.screen
	msg := fmt.Sprintf("Delete the freeze window %q (%s)?\nDeployments in that period will no longer be flagged.",
		fw.Name, freezeSpan(fw.Start, fw.End))
	dialog.ShowConfirm("Delete freeze window", msg, func(ok bool) {
		if !ok {
			return
		}
		gone, err := e.store.DeleteFreezeWindow(e.Context(), fw.ID)
		if err != nil {
			e.ShowError("Could not delete "+fw.Name, err)
			return
		}
		e.PushUndo(kit.Step{Label: "delete of freeze window " + fw.Name, Run: func(ctx context.Context) error {
			return e.store.RestoreFreezeWindow(ctx, gone)
		}})
		e.done("Deleted freeze window "+fw.Name, true)
	}, e.Win)
}
