package editor

// The dialog of a deployment's rollback: recorded when the deployment is
// rolled back (the finish may still be unknown), then finished and
// corrected later from the rollback's own button.

import (
	"strings"
	"time"

	"fyne.io/fyne/v2/container"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// detectedByChoices are the usual answers to "who noticed", offered while any text is accepted.
var detectedByChoices = []string{"Monitoring", "Alerting", "Customer report", "Support", "QA", "On-call engineer"}

// rollbackForm asks for what a rollback record holds, each field judged next to itself.
type rollbackForm struct {
	form              *kit.FieldForm
	started, finished *kit.TimeEntry
	reason, restored  *kit.Entry
	downtime, users   *kit.Entry
	detectedBy        *kit.SelectEntry
}

func newRollbackForm() *rollbackForm {
	f := &rollbackForm{form: kit.NewFieldForm(), started: kit.NewTimeEntry(), finished: kit.NewTimeEntry(),
		reason:     kit.NewNotes("What went wrong, e.g. checkout errors rose to 4%", 3).Limit(data.MaxNoteLength),
		restored:   kit.NewEntry("Version running again, e.g. 2.3.1").Limit(data.MaxReferenceLength),
		downtime:   kit.NewEntry("0"),
		users:      kit.NewEntry("0"),
		detectedBy: kit.NewSelectEntry(detectedByChoices, "Who or what noticed").Limit(data.MaxNameLength)}
	f.form.Add("StartedAt", "Started at", f.started.Object(), "")
	f.form.Add("FinishedAt", "Finished at", f.finished.Object(), "Leave empty while it runs; finish it later from the deployment")
	f.form.Add("Reason", "Reason", f.reason, "")
	f.form.Add("RestoredVersion", "Restored version", f.restored, "")
	f.form.Add("DowntimeMinutes", "Downtime (minutes)", kit.Narrow(f.downtime), "")
	f.form.Add("UsersAffected", "Users affected", kit.Narrow(f.users), "")
	f.form.Add("DetectedBy", "Detected by", f.detectedBy, "")
	f.form.Check(func() *data.ValidationError { _, v := f.collect(time.Now()); return v })
	return f
}

// fill proposes a rollback of d starting now (or when d ended, if that is
// later), restoring version restored.
func (f *rollbackForm) fill(d data.Deployment, restored string, now time.Time) {
	start := now.Truncate(time.Minute)
	for _, at := range []*time.Time{d.ActualStart, d.ActualEnd} {
		if at != nil && at.After(start) {
			start = *at
		}
	}
	f.started.Set(start)
	f.finished.Set(time.Time{})
	f.restored.SetText(restored)
	f.downtime.SetText("0")
	f.users.SetText("0")
}

// show fills the form with a recorded rollback, to finish or correct it; a
// rollback still running is proposed to have finished now.
func (f *rollbackForm) show(rb data.Rollback, now time.Time) {
	f.started.Set(rb.StartedAt)
	if rb.FinishedAt != nil {
		f.finished.Set(*rb.FinishedAt)
	} else if at := now.Truncate(time.Minute); !at.Before(rb.StartedAt) {
		f.finished.Set(at)
	}
	kit.SetLimitedText(&f.reason.Entry, rb.Reason, data.MaxNoteLength)
	f.restored.SetText(rb.RestoredVersion)
	f.downtime.SetText(kit.FormatCount(rb.DowntimeMinutes))
	f.users.SetText(kit.FormatCount(rb.UsersAffected))
	f.detectedBy.SetText(rb.DetectedBy)
}

// collect reads the rollback the form describes, with what is wrong with it by now.
func (f *rollbackForm) collect(now time.Time) (data.Rollback, *data.ValidationError) {
	var bad *data.ValidationError
	var rb data.Rollback
	if err := recordedTime(f.started, true, now); err != nil {
		bad = kit.Fields(bad, "StartedAt", err.Error())
	}
	rb.StartedAt, _ = f.started.Value()
	if err := recordedTime(f.finished, false, now); err != nil {
		bad = kit.Fields(bad, "FinishedAt", err.Error())
	}
	if finished, err := f.finished.Value(); err == nil && !finished.IsZero() {
		rb.FinishedAt = &finished
		if !rb.StartedAt.IsZero() && finished.Before(rb.StartedAt) {
			bad = kit.Fields(bad, "FinishedAt", "must not be before the rollback started")
		}
	}
	if rb.Reason = strings.TrimSpace(f.reason.Text); rb.Reason == "" {
		bad = kit.Fields(bad, "Reason", "is required: say what went wrong")
	}
	rb.RestoredVersion = strings.TrimSpace(f.restored.Text)
	var err error
	if rb.DowntimeMinutes, err = kit.ParseCount(f.downtime.Text); err != nil {
		bad = kit.Fields(bad, "DowntimeMinutes", err.Error())
	}
	if rb.UsersAffected, err = kit.ParseCount(f.users.Text); err != nil {
		bad = kit.Fields(bad, "UsersAffected", err.Error())
	}
	rb.DetectedBy = strings.TrimSpace(f.detectedBy.Text)
	return rb, bad
}

// onRollBack opens the rollback dialog for d; saving records the rollback,
// marks d rolled back and lets the store move the release.
func (t *deploymentsTab) onRollBack(d data.Deployment) {
	f := newRollbackForm()
	f.fill(d, t.previousVersion(), time.Now())
	intro := "This records a rollback of the " + d.Environment.Name + " deployment"
	if d.Build != "" {
		intro += " of build " + d.Build
	}
	intro += " and marks it rolled back."
	if d.Environment.Kind == data.KindProduction && t.ed.release.Status == data.StatusInProgress { // the editor's copy follows every change
		intro += " " + t.release.Name() + " moves to Rolled back."
	}
	content := container.NewVBox(kit.WrappedLabel(intro), f.form.Box)
	kit.ShowFormDialog(t.ed.screen.Win, "Roll back the "+d.Environment.Name+" deployment", "Roll back", content, f.form, 600, func() bool {
		rb, _ := f.collect(time.Now())
		c, err := t.ed.store.RollBackUndoable(t.ed.screen.Context(), d.ID, &rb)
		if err != nil {
			f.form.ShowError("Could not record the rollback", err)
			return false
		}
		t.afterRecord("Rolled back the "+d.Environment.Name+" deployment", "rollback", c)
		return true
	})
}

// onFinishRollBack opens the recorded rollback of d, to record when it
// finished and what it cost, or to correct it; Undo puts it back as it was.
func (t *deploymentsTab) onFinishRollBack(d data.Deployment, rb data.Rollback) {
	f := newRollbackForm()
	f.show(rb, time.Now())
	title, action, intro := "Edit the rollback of the "+d.Environment.Name+" deployment", "Save",
		"Correct what the rollback record says; the deployment's end follows its finish."
	if rb.FinishedAt == nil {
		title, action, intro = "Finish the rollback of the "+d.Environment.Name+" deployment", "Finish",
			"Record when the rollback finished, the downtime and who was affected. Time to restore counts it from then on."
	}
	content := container.NewVBox(kit.WrappedLabel(intro), f.form.Box)
	kit.ShowFormDialog(t.ed.screen.Win, title, action, content, f.form, 600, func() bool {
		next, _ := f.collect(time.Now())
		next.ID, next.DeploymentID = rb.ID, rb.DeploymentID
		change, err := t.ed.store.SaveRollbackUndoable(t.ed.screen.Context(), &next)
		if err != nil {
			f.form.ShowError("Could not save the rollback", err)
			return false
		}
		notice, label := "Saved the rollback of the "+d.Environment.Name+" deployment", "changes to the "+d.Environment.Name+" rollback"
		if rb.FinishedAt == nil && next.FinishedAt != nil {
			notice, label = "Finished the rollback of the "+d.Environment.Name+" deployment", "finish of the "+d.Environment.Name+" rollback"
		}
		t.afterChange(notice, kit.Step{Label: label, Change: change})
		return true
	})
}
