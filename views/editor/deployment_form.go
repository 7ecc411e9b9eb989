package editor

import (
	"context"
	"errors"
	"strings"
	"time"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// deploymentForm edits a deployment's plan: where, which build and when.
type deploymentForm struct {
	form       *kit.FieldForm
	env        *kit.Select
	build      *kit.Entry
	start, end *kit.TimeEntry
	notes      *kit.Entry
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
	f.env = kit.NewSelect(names, "Choose an environment")
	f.build = kit.NewEntry("Version or build, e.g. 2.4.0+512").Limit(data.MaxReferenceLength)
	f.start, f.end = kit.NewTimeEntry(), kit.NewTimeEntry()
	f.notes = kit.NewNotes("Runbook, change window, contacts", 3).Limit(data.MaxNoteLength)
	f.start.OnChanged = f.startChanged
	f.form.Add("Environment", "Environment", f.env, "")
	f.form.Add("Build", "Build", f.build, "")
	f.form.Add("PlannedStart", "Planned start", f.start.Object(), "")
	f.form.Add("PlannedEnd", "Planned end", f.end.Object(), "Moves with the start, keeping the length of the window")
	f.form.Add("Notes", "Notes", f.notes, "")
	f.form.Check(func() *data.ValidationError { _, v := f.collect(data.Deployment{}); return v })
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
	kit.SetLimitedText(&f.notes.Entry, d.Notes, data.MaxNoteLength)
	f.lastStart = d.PlannedStart
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

// collect builds the deployment the form describes on top of base, with
// what is wrong with it.
func (f *deploymentForm) collect(base data.Deployment) (data.Deployment, *data.ValidationError) {
	d := base
	var bad *data.ValidationError
	d.EnvironmentID = 0
	for _, e := range f.envs {
		if e.Name == f.env.Selected {
			d.EnvironmentID = e.ID
		}
	}
	if d.EnvironmentID == 0 {
		bad = kit.Fields(bad, "Environment", "is required")
	}
	d.Build = strings.TrimSpace(f.build.Text)
	d.Notes = strings.TrimSpace(f.notes.Text)
	ok := true
	for _, c := range []struct {
		field string
		in    *kit.TimeEntry
		dst   *time.Time
	}{{"PlannedStart", f.start, &d.PlannedStart}, {"PlannedEnd", f.end, &d.PlannedEnd}} {
		t, err := c.in.Value()
		if err == nil && t.IsZero() {
			err = errors.New("is required")
		}
		if err != nil {
			bad = kit.Fields(bad, c.field, err.Error())
			ok = false
		}
		*c.dst = t
	}
	if ok && d.PlannedEnd.Before(d.PlannedStart) {
		bad = kit.Fields(bad, "PlannedEnd", "must not be before the planned start")
	}
	return d, bad
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
		kit.Inform(t.ed.screen.Win, "No environments", "Add the environments of the promotion path first, then plan deployments onto them.")
		return
	}
	f := newDeploymentForm(t.envs)
	f.fill(defaultPlan(t.release, t.envs, t.deps, time.Now()))
	kit.ShowFormDialog(t.ed.screen.Win, "Plan a deployment of "+t.release.Name(), "Plan", f.form.Box, f.form, 560, func() bool {
		d, _ := f.collect(data.Deployment{ReleaseID: t.release.ID, Outcome: data.OutcomePlanned})
		if err := t.ed.store.SaveDeployment(t.ed.screen.Context(), &d); err != nil {
			f.form.ShowError("Could not plan the deployment", err)
			return false
		}
		env := f.env.Selected
		t.afterChange("Planned the "+env+" deployment of "+t.release.Name(), kit.Step{
			Label: "plan of the " + env + " deployment", Change: data.Created(d)})
		return true
	})
}

// onEdit opens the form on d's plan: environment, build, window and notes.
func (t *deploymentsTab) onEdit(d data.Deployment) {
	f := newDeploymentForm(t.envs)
	f.fill(d)
	kit.ShowFormDialog(t.ed.screen.Win, "Edit the "+d.Environment.Name+" deployment", "Save", f.form.Box, f.form, 560, func() bool {
		next, _ := f.collect(d)
		if err := t.ed.store.SaveDeployment(t.ed.screen.Context(), &next); err != nil {
			f.form.ShowError("Could not save the deployment", err)
			return false
		}
		t.afterChange("Saved the "+f.env.Selected+" deployment", kit.Step{
			Label: "changes to the " + d.Environment.Name + " deployment", Change: data.Edited(d, next)})
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
	store := t.ed.store
	deleteWithUndo(t.ed, t.reload, "the "+d.Environment.Name+" deployment of "+t.release.Name(), detail,
		func(ctx context.Context) (data.RemovedDeployment, error) { return store.DeleteDeployment(ctx, d.ID) })
}
