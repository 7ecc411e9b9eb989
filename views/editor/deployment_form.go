package editor

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// deploymentForm edits a deployment's plan: where, which build and when.
type deploymentForm struct {
	form       *kit.FieldForm
	env        *widget.Select
	build      *widget.Entry
	start, end *kit.TimeEntry
	notes      *widget.Entry
	envs       []data.Environment

	// lastStart is the start the end was last kept in step with.
	lastStart time.Time
	syncing   bool
}

func newDeploymentForm(envs []data.Environment) *deploymentForm {
	f := &deploymentForm{form: kit.NewFieldForm(), envs: envs}
	names := make([]string, len(envs))
	for i, e := range envs {
		names[i] = e.Name
	}
	f.env = widget.NewSelect(names, nil)
	f.env.PlaceHolder = "Choose an environment"
	f.build = kit.LimitText(&widget.Entry{PlaceHolder: "Version or build, e.g. 2.4.0+512"}, data.MaxReferenceLength)
	f.build.ExtendBaseWidget(f.build)
	f.start, f.end = kit.NewTimeEntry(), kit.NewTimeEntry()
	f.notes = kit.LimitText(&widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord, PlaceHolder: "Runbook, change window, contacts"}, data.MaxNoteLength)
	f.notes.ExtendBaseWidget(f.notes)
	f.notes.SetMinRowsVisible(3)
	f.start.OnChanged = f.startChanged
	f.form.Add("Environment", "Environment", f.env, "")
	f.form.Add("Build", "Build", f.build, "")
	f.form.Add("PlannedStart", "Planned start", f.start.Object(), "")
	f.form.Add("PlannedEnd", "Planned end", f.end.Object(), "Moves with the start, keeping the length of the window")
	f.form.Add("Notes", "Notes", f.notes, "")
	f.form.Watch("PlannedStart", f.start.Clock)
	f.form.Watch("PlannedEnd", f.end.Clock)
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
	f.start.Set(d.PlannedStart)
	f.end.Set(d.PlannedEnd)
	kit.SetLimitedText(f.notes, d.Notes, data.MaxNoteLength)
	f.lastStart = d.PlannedStart
	f.form.Clear()
}

// startChanged moves the end with the start, as calendars do, so that
// rescheduling a window is one change rather than two.
func (f *deploymentForm) startChanged() {
	if f.syncing {
		return
	}
	start, err := f.start.Value()
	if err != nil || start.IsZero() {
		return
	}
	end, err := f.end.Value()
	if err == nil && !end.IsZero() && !f.lastStart.IsZero() {
		f.syncing = true
		f.end.Set(end.Add(start.Sub(f.lastStart)))
		f.syncing = false
	}
	f.lastStart = start
}

// collect builds the deployment the form describes on top of base; it shows
// each quick-check problem next to its field and reports whether there were none.
func (f *deploymentForm) collect(base data.Deployment) (data.Deployment, bool) {
	f.form.Clear()
	d := base
	ok := true
	d.EnvironmentID = 0
	for _, e := range f.envs {
		if e.Name == f.env.Selected {
			d.EnvironmentID = e.ID
		}
	}
	if d.EnvironmentID == 0 {
		f.form.Problem("Environment", "is required")
		ok = false
	}
	d.Build = strings.TrimSpace(f.build.Text)
	d.Notes = strings.TrimSpace(f.notes.Text)
	for _, c := range []struct {
		field string
		in    *kit.TimeEntry
		dst   *time.Time
	}{{"PlannedStart", f.start, &d.PlannedStart}, {"PlannedEnd", f.end, &d.PlannedEnd}} {
		t, err := c.in.Value()
		switch {
		case err != nil:
			f.form.Problem(c.field, err.Error())
			ok = false
		case t.IsZero():
			f.form.Problem(c.field, "is required")
			ok = false
		}
		*c.dst = t
	}
	if ok && d.PlannedEnd.Before(d.PlannedStart) {
		f.form.Problem("PlannedEnd", "must not be before the planned start")
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
	d.PlannedStart = kit.LocalAt(tomorrow, 10, 0)
	d.PlannedEnd = kit.LocalAt(tomorrow, 11, 0)
	return d
}

// onPlan opens the form for a new deployment of the release, proposing the next environment.
func (t *deploymentsTab) onPlan() {
	if len(t.envs) == 0 {
		dialog.ShowInformation("No environments", "Add the environments of the promotion path first, then plan deployments onto them.", t.ed.screen.Win)
		return
	}
	f := newDeploymentForm(t.envs)
	f.fill(defaultPlan(t.release, t.envs, t.deps, time.Now()))
	kit.ShowFormDialog(t.ed.screen.Win, "Plan a deployment of "+t.release.Name(), "Plan", f.form.Box, f.form, 560, func() bool {
		d, ok := f.collect(data.Deployment{ReleaseID: t.release.ID, Outcome: data.OutcomePlanned})
		if !ok {
			return false
		}
		store := t.ed.store
		if err := store.SaveDeployment(t.ed.screen.Context(), &d); err != nil {
			f.form.ShowError("Could not plan the deployment", err)
			return false
		}
		id, env := d.ID, f.env.Selected
		t.afterChange("Planned the "+env+" deployment of "+t.release.Name(), kit.Step{
			Label: "plan of the " + env + " deployment",
			Run: func(ctx context.Context) error {
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
	kit.ShowFormDialog(t.ed.screen.Win, "Edit the "+d.Environment.Name+" deployment", "Save", f.form.Box, f.form, 560, func() bool {
		next, ok := f.collect(d)
		if !ok {
			return false
		}
		store := t.ed.store
		if err := store.SaveDeployment(t.ed.screen.Context(), &next); err != nil {
			f.form.ShowError("Could not save the deployment", err)
			return false
		}
		before := d
		t.afterChange("Saved the "+f.env.Selected+" deployment", kit.Step{
			Label: "changes to the " + d.Environment.Name + " deployment",
			Run: func(ctx context.Context) error {
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
	confirmDelete(t.ed.screen.Win, "the "+d.Environment.Name+" deployment of "+t.release.Name(), detail, func() {
		store := t.ed.store
		removed, err := store.DeleteDeployment(t.ed.screen.Context(), d.ID)
		if err != nil {
			t.ed.screen.ShowError("Could not delete the "+d.Environment.Name+" deployment", err)
			t.reload()
			return
		}
		t.afterChange("Deleted the "+d.Environment.Name+" deployment", kit.Step{
			Label: "delete of the " + d.Environment.Name + " deployment",
			Run: func(ctx context.Context) error {
				return store.RestoreDeployment(ctx, removed)
			}})
	})
}
