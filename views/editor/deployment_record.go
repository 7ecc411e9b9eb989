package editor

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2/container"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// previousVersion is the highest released version of the product below this
// release, the usual version a rollback restores; "" when there is none.
func (t *deploymentsTab) previousVersion() string {
	r := t.release
	rs, err := t.ed.store.ListReleases(t.ed.screen.Context(), data.ReleaseFilter{ProductID: r.ProductID, Statuses: []data.ReleaseStatus{data.StatusReleased}})
	if err != nil {
		return ""
	}
	best := ""
	for _, x := range rs {
		if x.ID != r.ID && data.CompareVersions(x.Version, r.Version) < 0 && (best == "" || data.CompareVersions(x.Version, best) > 0) {
			best = x.Version
		}
	}
	return best
}

// onStart asks when d started and who performs it.
func (t *deploymentsTab) onStart(d data.Deployment) {
	form := kit.NewFieldForm()
	at := kit.NewTimeEntry()
	at.Set(time.Now().Truncate(time.Minute))
	by := kit.NewEntry("Who runs it").Limit(data.MaxNameLength)
	by.SetText(d.PerformedBy)
	form.Add("ActualStart", "Started at", at.Object(), "Local time; not later than now")
	form.Add("PerformedBy", "Performed by", by, "")
	form.Check(func() *data.ValidationError {
		if err := recordedTime(at, true, time.Now()); err != nil {
			return kit.Fields(nil, "ActualStart", err.Error())
		}
		return nil
	})
	intro := "Record that the " + d.Environment.Name + " deployment has begun."
	if t.ed.release.Status == data.StatusPlanned {
		intro += " " + t.release.Name() + " moves to In progress."
	}
	content := container.NewVBox(kit.WrappedLabel(intro), form.Box)
	kit.ShowFormDialog(t.ed.screen.Win, "Start the "+d.Environment.Name+" deployment", "Start", content, form, 520, func() bool {
		start, _ := at.Value()
		c, err := t.ed.store.StartDeploymentUndoable(t.ed.screen.Context(), d.ID, start, by.Text)
		if err != nil {
			form.ShowError("Could not start the deployment", err)
			return false
		}
		t.afterRecord("Started the "+d.Environment.Name+" deployment", "start", c)
		return true
	})
}

// recordedTime is the problem with a time something happened, typed in at:
// not understood, missing when required, or later than now.
func recordedTime(at *kit.TimeEntry, required bool, now time.Time) error {
	v, err := at.Value()
	switch {
	case err != nil:
		return err
	case v.IsZero() && required:
		return errors.New("is required")
	}
	return data.CheckRecordedTime(v, now)
}

// onOutcome records that d succeeded or failed, with when it ran, or corrects a recorded outcome.
func (t *deploymentsTab) onOutcome(d data.Deployment) {
	form := kit.NewFieldForm()
	outcomes := []data.Outcome{data.OutcomeSucceeded, data.OutcomeFailed}
	choice := kit.NewRadio(kit.LabelsOf(outcomes, data.Outcome.Label)...)
	choice.SetSelected(data.OutcomeSucceeded.Label())
	if d.Outcome == data.OutcomeFailed {
		choice.SetSelected(data.OutcomeFailed.Label())
	}
	start, end := kit.NewTimeEntry(), kit.NewTimeEntry()
	start.Set(d.PlannedStart)
	end.Set(d.PlannedEnd)
	if d.ActualStart != nil {
		start.Set(*d.ActualStart)
		end.Set(time.Time{})
		if now := time.Now().Truncate(time.Minute); d.ActualEnd == nil && !now.Before(*d.ActualStart) {
			end.Set(now)
		}
	}
	if d.ActualEnd != nil {
		end.Set(*d.ActualEnd)
	}
	by := kit.NewEntry("Who ran it").Limit(data.MaxNameLength)
	notes := kit.NewNotes("What happened, links to logs", 3).Limit(data.MaxNoteLength)
	by.SetText(d.PerformedBy)
	kit.SetLimitedText(&notes.Entry, d.Notes, data.MaxNoteLength)
	form.Add("Outcome", "Outcome", choice, "")
	form.Add("ActualStart", "Started at", start.Object(), "")
	form.Add("ActualEnd", "Finished at", end.Object(), "Local time; not later than now")
	form.Add("PerformedBy", "Performed by", by, "")
	form.Add("Notes", "Notes", notes, "")
	read := func(now time.Time) (data.Outcome, [2]time.Time, *data.ValidationError) {
		var bad *data.ValidationError
		outcome := kit.ValueOf(outcomes, data.Outcome.Label, choice.Selected())
		if outcome == "" {
			bad = kit.Fields(bad, "Outcome", "is required: choose Succeeded or Failed")
		}
		var times [2]time.Time
		for i, c := range []struct {
			field string
			in    *kit.TimeEntry
		}{{"ActualStart", start}, {"ActualEnd", end}} {
			if err := recordedTime(c.in, true, now); err != nil {
				bad = kit.Fields(bad, c.field, err.Error())
			}
			times[i], _ = c.in.Value()
		}
		if !times[0].IsZero() && !times[1].IsZero() && times[1].Before(times[0]) {
			bad = kit.Fields(bad, "ActualEnd", "must not be before the actual start")
		}
		return outcome, times, bad
	}
	form.Check(func() *data.ValidationError { _, _, v := read(time.Now()); return v })
	intro := "Record how the " + d.Environment.Name + " deployment went."
	if status := t.ed.release.Status; d.Environment.Kind == data.KindProduction && (status == data.StatusPlanned || status == data.StatusInProgress) {
		intro += " A success on production marks " + t.release.Name() + " Released."
	}
	content := container.NewVBox(kit.WrappedLabel(intro), form.Box)
	kit.ShowFormDialog(t.ed.screen.Win, "Outcome of the "+d.Environment.Name+" deployment", "Record", content, form, 580, func() bool {
		outcome, times, _ := read(time.Now())
		c, err := t.ed.store.RecordOutcomeUndoable(t.ed.screen.Context(), d.ID, outcome, times[0], times[1], by.Text, notes.Text)
		if err != nil {
			form.ShowError("Could not record the outcome", err)
			return false
		}
		t.afterRecord(fmt.Sprintf("Recorded the %s deployment as %s", d.Environment.Name, strings.ToLower(outcome.Label())), "outcome", c)
		return true
	})
}

// afterRecord announces a start, outcome or rollback (what) recorded as c,
// saying when the release moved with it, and offers an Undo that takes back
// the deployment's change and the release's move together.
func (t *deploymentsTab) afterRecord(notice, what string, c data.DeploymentChange) {
	env := c.Before.Environment.Name
	label := what + " of the " + env + " deployment"
	if m := c.Release; m != nil {
		notice += " — " + t.release.Name() + " is now " + m.To.Label()
		label += " (release back to " + m.From.Label() + ")"
	}
	t.afterChange(notice, kit.Step{Label: label, Change: data.DeploymentStep(c)})
}
