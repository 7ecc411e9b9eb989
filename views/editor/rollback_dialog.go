package editor

// The dialogs that record what happened to a deployment: it started, it
// succeeded or failed, it was rolled back.

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// detectedByChoices are the usual answers to "who noticed", offered while any text is accepted.
var detectedByChoices = []string{"Monitoring", "Alerting", "Customer report", "Support", "QA", "On-call engineer"}

// rollbackForm asks for what a rollback record holds, each field checked next to itself.
type rollbackForm struct {
	form              *kit.FieldForm
	started, finished *kit.TimeEntry
	reason, restored  *widget.Entry
	downtime, users   *widget.Entry
	detectedBy        *widget.SelectEntry
}

func newRollbackForm() *rollbackForm {
	f := &rollbackForm{form: kit.NewFieldForm(), started: kit.NewTimeEntry(), finished: kit.NewTimeEntry()}
	f.reason = kit.LimitText(&widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord, PlaceHolder: "What went wrong, e.g. checkout errors rose to 4%"}, data.MaxNoteLength)
	f.reason.SetMinRowsVisible(3)
	f.restored = kit.LimitText(&widget.Entry{PlaceHolder: "Version running again, e.g. 2.3.1"}, data.MaxReferenceLength)
	f.downtime = &widget.Entry{PlaceHolder: "0", Validator: kit.ValidateCount}
	f.users = &widget.Entry{PlaceHolder: "0", Validator: kit.ValidateCount}
	for _, e := range []*widget.Entry{f.reason, f.restored, f.downtime, f.users} {
		e.ExtendBaseWidget(e)
	}
	f.detectedBy = widget.NewSelectEntry(detectedByChoices)
	f.detectedBy.PlaceHolder = "Who or what noticed"
	f.form.Add("StartedAt", "Started at", f.started.Object(), "")
	f.form.Add("FinishedAt", "Finished at", f.finished.Object(), "Leave empty while the rollback is still running")
	f.form.Add("Reason", "Reason", f.reason, "")
	f.form.Add("RestoredVersion", "Restored version", f.restored, "")
	f.form.Add("DowntimeMinutes", "Downtime (minutes)", kit.Narrow(f.downtime), "")
	f.form.Add("UsersAffected", "Users affected", kit.Narrow(f.users), "")
	f.form.Add("DetectedBy", "Detected by", f.detectedBy, "")
	f.form.Watch("StartedAt", f.started.Clock)
	f.form.Watch("FinishedAt", f.finished.Clock)
	f.form.Watch("DowntimeMinutes", f.downtime)
	f.form.Watch("UsersAffected", f.users)
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

// collect reads the rollback the form describes; it shows each problem next
// to its field and reports whether there were none.
func (f *rollbackForm) collect() (data.Rollback, bool) {
	f.form.Clear()
	ok := true
	bad := func(field, msg string) {
		f.form.Problem(field, msg)
		ok = false
	}
	var rb data.Rollback
	started, err := f.started.Value()
	switch {
	case err != nil:
		bad("StartedAt", err.Error())
	case started.IsZero():
		bad("StartedAt", "is required")
	}
	rb.StartedAt = started
	finished, err := f.finished.Value()
	switch {
	case err != nil:
		bad("FinishedAt", err.Error())
	case !finished.IsZero():
		rb.FinishedAt = &finished
		if !started.IsZero() && finished.Before(started) {
			bad("FinishedAt", "must not be before the rollback started")
		}
	}
	if rb.Reason = strings.TrimSpace(f.reason.Text); rb.Reason == "" {
		bad("Reason", "is required: say what went wrong")
	}
	rb.RestoredVersion = strings.TrimSpace(f.restored.Text)
	if rb.DowntimeMinutes, err = kit.ParseCount(f.downtime.Text); err != nil {
		bad("DowntimeMinutes", err.Error())
	}
	if rb.UsersAffected, err = kit.ParseCount(f.users.Text); err != nil {
		bad("UsersAffected", err.Error())
	}
	rb.DetectedBy = strings.TrimSpace(f.detectedBy.Text)
	return rb, ok
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
		rb, ok := f.collect()
		if !ok {
			return false
		}
		c, err := t.ed.store.RollBackUndoable(t.ed.screen.Context(), d.ID, &rb)
		if err != nil {
			f.form.ShowError("Could not record the rollback", err)
			return false
		}
		t.afterRecord("Rolled back the "+d.Environment.Name+" deployment", "rollback", c)
		return true
	})
}
