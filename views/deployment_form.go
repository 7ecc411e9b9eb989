package views

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
)

// fieldForm lays out labelled inputs, each with a message line under it, so a
// bad value is explained next to its field. Fields are keyed by the store's
// field names (data.FieldError.Field), which is how store problems find them.
type fieldForm struct {
	grid    *fyne.Container
	box     *fyne.Container
	general *widget.Label
	msgs    map[string]*widget.Label
	labels  map[string]string
	// relayout lays the form's holder out again when messages come or go.
	relayout func()
}

func newFieldForm() *fieldForm {
	f := &fieldForm{msgs: map[string]*widget.Label{}, labels: map[string]string{}}
	f.general = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	f.general.ExtendBaseWidget(f.general)
	f.general.Hide()
	f.grid = container.New(layout.NewFormLayout())
	f.box = container.NewVBox(f.general, f.grid)
	return f
}

// add appends a row for the store field named field, with an optional hint under the input.
func (f *fieldForm) add(field, label string, input fyne.CanvasObject, hint string) {
	msg := &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
	msg.ExtendBaseWidget(msg)
	msg.Hide()
	f.msgs[field], f.labels[field] = msg, label
	cell := container.NewVBox(input)
	if hint != "" {
		h := &widget.Label{Text: hint, Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText, TextStyle: fyne.TextStyle{Italic: true}}
		h.ExtendBaseWidget(h)
		cell.Add(h)
	}
	cell.Add(msg)
	f.grid.Add(widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	f.grid.Add(cell)
}

// watch shows the entry's own check under field as the user types.
func (f *fieldForm) watch(field string, e *widget.Entry) {
	e.SetOnValidationChanged(func(err error) {
		if err == nil || strings.TrimSpace(e.Text) == "" {
			f.set(field, "")
			return
		}
		f.set(field, problemText(f.labels[field], err.Error()))
	})
}

// set shows text under field, or clears the message when text is empty.
func (f *fieldForm) set(field, text string) {
	l := f.msgs[field]
	if l == nil {
		return
	}
	was := l.Visible()
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
	if was != l.Visible() {
		f.layout()
	}
}

// problem puts the store's message msg under field, as a sentence naming the field.
func (f *fieldForm) problem(field, msg string) {
	f.set(field, problemText(f.labels[field], msg))
}

// showProblems shows each of the store's problems under its field; one for a
// field the form does not show goes above the form.
func (f *fieldForm) showProblems(v *data.ValidationError) {
	f.clear()
	var other []string
	for _, fe := range v.Fields {
		if _, ok := f.msgs[fe.Field]; ok {
			f.problem(fe.Field, fe.Message)
			continue
		}
		other = append(other, problemText(fe.Field, fe.Message))
	}
	if len(other) > 0 {
		f.showGeneral(strings.Join(other, "\n"))
	}
}

// showError shows what went wrong with a save: next to the fields for a
// validation error, above the form for anything else.
func (f *fieldForm) showError(what string, err error) {
	if v, ok := data.AsValidation(err); ok {
		f.showProblems(v)
		return
	}
	f.clear()
	f.showGeneral(what + ": " + err.Error())
}

// showGeneral shows a message that belongs to no single field.
func (f *fieldForm) showGeneral(msg string) {
	f.general.SetText(msg)
	f.general.Show()
	f.layout()
}

// clear hides every message.
func (f *fieldForm) clear() {
	changed := f.general.Visible()
	f.general.Hide()
	for _, l := range f.msgs {
		if l.Visible() {
			l.SetText("")
			l.Hide()
			changed = true
		}
	}
	if changed {
		f.layout()
	}
}

// message returns what is shown under field, "" when nothing is.
func (f *fieldForm) message(field string) string {
	if l := f.msgs[field]; l != nil && l.Visible() {
		return l.Text
	}
	return ""
}

// hasProblems reports whether any message is shown.
func (f *fieldForm) hasProblems() bool {
	if f.general.Visible() {
		return true
	}
	for _, l := range f.msgs {
		if l.Visible() {
			return true
		}
	}
	return false
}

func (f *fieldForm) layout() {
	f.grid.Refresh()
	f.box.Refresh()
	if f.relayout != nil {
		f.relayout()
	}
}

// showFormDialog shows content (holding form) in a dialog with Cancel and a
// primary button named action. save runs on the primary button and returns
// whether the dialog may close, so a rejected value keeps what was typed.
func showFormDialog(win fyne.Window, title, action string, content fyne.CanvasObject, form *fieldForm, width float32, save func() bool) *dialog.CustomDialog {
	var d *dialog.CustomDialog
	cancel := &widget.Button{Text: "Cancel", OnTapped: func() { d.Hide() }}
	cancel.ExtendBaseWidget(cancel)
	ok := &widget.Button{Text: action, Importance: widget.HighImportance, OnTapped: func() {
		if save() {
			d.Hide()
		}
	}}
	ok.ExtendBaseWidget(ok)
	d = dialog.NewCustomWithoutButtons(title, content, win)
	d.SetButtons([]fyne.CanvasObject{cancel, ok})
	form.relayout = func() { d.Resize(fyne.NewSize(width, 1)) } // the dialog grows to its content
	d.Show()
	d.Resize(fyne.NewSize(width, 1))
	return d
}

// narrow keeps a short input, such as a count, at a width that suits its content.
func narrow(o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, fixedWidth(150, o), nil)
}

// parseCount reads a whole number of 0 or more, such as a test count or minutes of downtime.
func parseCount(s string) (int, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", ""))
	if s == "" {
		return 0, fmt.Errorf("is required (0 or more)")
	}
	n, err := strconv.Atoi(s)
	if err != nil || strings.HasPrefix(s, "+") {
		if _, ferr := strconv.ParseFloat(s, 64); ferr == nil {
			return 0, fmt.Errorf("must be a whole number")
		}
		return 0, fmt.Errorf("must be a number like 12")
	}
	if n < 0 {
		return 0, fmt.Errorf("must not be negative")
	}
	return n, nil
}

func validateCount(s string) error {
	_, err := parseCount(s)
	return err
}

// deploymentForm edits a deployment's plan: where, which build and when.
type deploymentForm struct {
	form       *fieldForm
	env        *widget.Select
	build      *widget.Entry
	start, end *timeEntry
	notes      *widget.Entry
	envs       []data.Environment

	// lastStart is the start the end was last kept in step with.
	lastStart time.Time
	syncing   bool
}

func newDeploymentForm(envs []data.Environment) *deploymentForm {
	f := &deploymentForm{form: newFieldForm(), envs: envs}
	names := make([]string, len(envs))
	for i, e := range envs {
		names[i] = e.Name
	}
	f.env = widget.NewSelect(names, nil)
	f.env.PlaceHolder = "Choose an environment"
	f.build = limitText(&widget.Entry{PlaceHolder: "Version or build, e.g. 2.4.0+512"}, data.MaxReferenceLength)
	f.build.ExtendBaseWidget(f.build)
	f.start, f.end = newTimeEntry(), newTimeEntry()
	f.notes = limitText(&widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord, PlaceHolder: "Runbook, change window, contacts"}, data.MaxNoteLength)
	f.notes.ExtendBaseWidget(f.notes)
	f.notes.SetMinRowsVisible(3)
	f.start.OnChanged = f.startChanged
	f.form.add("Environment", "Environment", f.env, "")
	f.form.add("Build", "Build", f.build, "")
	f.form.add("PlannedStart", "Planned start", f.start.object(), "")
	f.form.add("PlannedEnd", "Planned end", f.end.object(), "Moves with the start, keeping the length of the window")
	f.form.add("Notes", "Notes", f.notes, "")
	f.form.watch("PlannedStart", f.start.clock)
	f.form.watch("PlannedEnd", f.end.clock)
	return f
}

// fill shows d in the form.
func (f *deploymentForm) fill(d data.Deployment) {
	f.syncing = true
	defer func() { f.syncing = false }()
	f.env.ClearSelected()
	for _, e := range f.envs {
		if e.ID == d.EnvironmentID {
			f.env.SetSelected(e.Name)
		}
	}
	f.build.SetText(d.Build)
	f.start.set(d.PlannedStart)
	f.end.set(d.PlannedEnd)
	setLimitedText(f.notes, d.Notes, data.MaxNoteLength)
	f.lastStart = d.PlannedStart
	f.form.clear()
}

// startChanged moves the end with the start, as calendars do, so that
// rescheduling a window is one change rather than two.
func (f *deploymentForm) startChanged() {
	if f.syncing {
		return
	}
	start, err := f.start.value()
	if err != nil || start.IsZero() {
		return
	}
	end, err := f.end.value()
	if err == nil && !end.IsZero() && !f.lastStart.IsZero() {
		f.syncing = true
		f.end.set(end.Add(start.Sub(f.lastStart)))
		f.syncing = false
	}
	f.lastStart = start
}

// collect builds the deployment the form describes on top of base; it shows
// each quick-check problem next to its field and reports whether there were none.
func (f *deploymentForm) collect(base data.Deployment) (data.Deployment, bool) {
	f.form.clear()
	d := base
	ok := true
	d.EnvironmentID = 0
	for _, e := range f.envs {
		if e.Name == f.env.Selected {
			d.EnvironmentID = e.ID
		}
	}
	if d.EnvironmentID == 0 {
		f.form.problem("Environment", "is required")
		ok = false
	}
	d.Build = strings.TrimSpace(f.build.Text)
	d.Notes = strings.TrimSpace(f.notes.Text)
	for _, c := range []struct {
		field string
		in    *timeEntry
		dst   *time.Time
	}{{"PlannedStart", f.start, &d.PlannedStart}, {"PlannedEnd", f.end, &d.PlannedEnd}} {
		t, err := c.in.value()
		switch {
		case err != nil:
			f.form.problem(c.field, err.Error())
			ok = false
		case t.IsZero():
			f.form.problem(c.field, "is required")
			ok = false
		}
		*c.dst = t
	}
	if ok && d.PlannedEnd.Before(d.PlannedStart) {
		f.form.problem("PlannedEnd", "must not be before the planned start")
		ok = false
	}
	return d, ok
}

// defaultPlan proposes a new deployment of r: the first environment of the
// path r has not been deployed to (else the last one used), tomorrow 10:00 to
// 11:00, the release's version.
func defaultPlan(r data.Release, envs []data.Environment, existing []data.Deployment, now time.Time) data.Deployment {
	d := data.Deployment{ReleaseID: r.ID, Build: r.Version, Outcome: data.OutcomePlanned}
	used := map[uint]bool{}
	for _, x := range existing {
		used[x.EnvironmentID] = true
	}
	for _, e := range envs {
		if !used[e.ID] {
			d.EnvironmentID = e.ID
			break
		}
	}
	if d.EnvironmentID == 0 && len(existing) > 0 {
		d.EnvironmentID = existing[len(existing)-1].EnvironmentID // every stage has one: most likely a retry of the last
	}
	tomorrow := now.In(time.Local).AddDate(0, 0, 1)
	d.PlannedStart = localAt(tomorrow, 10, 0)
	d.PlannedEnd = localAt(tomorrow, 11, 0)
	return d
}

// onPlan opens the form for a new deployment of the release, proposing the next environment.
func (t *deploymentsTab) onPlan() {
	if len(t.envs) == 0 {
		dialog.ShowInformation("No environments", "Add the environments of the promotion path first, then plan deployments onto them.", t.ed.screen.win)
		return
	}
	f := newDeploymentForm(t.envs)
	f.fill(defaultPlan(t.release, t.envs, t.deps, time.Now()))
	showFormDialog(t.ed.screen.win, "Plan a deployment of "+t.release.Name(), "Plan", f.form.box, f.form, 560, func() bool {
		d, ok := f.collect(data.Deployment{ReleaseID: t.release.ID, Outcome: data.OutcomePlanned})
		if !ok {
			return false
		}
		store := t.ed.editorStore()
		if err := store.SaveDeployment(t.ed.screen.ctx, &d); err != nil {
			f.form.showError("Could not plan the deployment", err)
			return false
		}
		id, env := d.ID, f.env.Selected
		t.afterChange("Planned the "+env+" deployment of "+t.release.Name(), undoStep{
			label: "plan of the " + env + " deployment",
			run: func(ctx context.Context) error {
				_, err := store.DeleteDeployment(ctx, id)
				return err
			}})
		return true
	})
}

// onEdit opens the form on d's plan: environment, build, window and notes.
func (t *deploymentsTab) onEdit(d data.Deployment) {
	f := newDeploymentForm(t.envs)
	f.fill(d)
	showFormDialog(t.ed.screen.win, "Edit the "+d.Environment.Name+" deployment", "Save", f.form.box, f.form, 560, func() bool {
		next, ok := f.collect(d)
		if !ok {
			return false
		}
		store := t.ed.editorStore()
		if err := store.SaveDeployment(t.ed.screen.ctx, &next); err != nil {
			f.form.showError("Could not save the deployment", err)
			return false
		}
		before := d
		t.afterChange("Saved the "+f.env.Selected+" deployment", undoStep{
			label: "changes to the " + d.Environment.Name + " deployment",
			run: func(ctx context.Context) error {
				old := before
				return store.SaveDeployment(ctx, &old)
			}})
		return true
	})
}

// onDelete asks, then deletes d with its rollback, keeping what Undo needs to put them back.
func (t *deploymentsTab) onDelete(d data.Deployment) {
	detail := "The " + d.Environment.Name + " deployment (" + formatWindow(d.PlannedStart, &d.PlannedEnd) + ") goes"
	if _, ok := t.rollbacks[d.ID]; ok {
		detail += " with its rollback record"
	}
	detail += ". The release keeps its status."
	confirmDelete(t.ed.screen.win, "the "+d.Environment.Name+" deployment of "+t.release.Name(), detail, func() {
		store := t.ed.editorStore()
		removed, err := store.DeleteDeployment(t.ed.screen.ctx, d.ID)
		if err != nil {
			t.ed.screen.showError("Could not delete the "+d.Environment.Name+" deployment", err)
			t.reload()
			return
		}
		t.afterChange("Deleted the "+d.Environment.Name+" deployment", undoStep{
			label: "delete of the " + d.Environment.Name + " deployment",
			run: func(ctx context.Context) error {
				return store.RestoreDeployment(ctx, removed)
			}})
	})
}
