package editor

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

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
	by := kit.LimitText(&widget.Entry{PlaceHolder: "Who runs it"}, data.MaxNameLength)
	by.ExtendBaseWidget(by)
	by.SetText(d.PerformedBy)
	form.Add("ActualStart", "Started at", at.Object(), "")
	form.Add("PerformedBy", "Performed by", by, "")
	form.Watch("ActualStart", at.Clock)
	intro := "Record that the " + d.Environment.Name + " deployment has begun."
	if t.ed.release.Status == data.StatusPlanned {
		intro += " " + t.release.Name() + " moves to In progress."
	}
	content := container.NewVBox(kit.WrappedLabel(intro), form.Box)
	kit.ShowFormDialog(t.ed.screen.Win, "Start the "+d.Environment.Name+" deployment", "Start", content, form, 520, func() bool {
		form.Clear()
		start, err := at.Value()
		if err == nil && start.IsZero() {
			err = fmt.Errorf("is required")
		}
		if err != nil {
			form.Problem("ActualStart", err.Error())
			return false
		}
		c, err := t.ed.store.StartDeploymentUndoable(t.ed.screen.Context(), d.ID, start, by.Text)
		if err != nil {
			form.ShowError("Could not start the deployment", err)
			return false
		}
		t.afterRecord("Started the "+d.Environment.Name+" deployment", "start", c)
		return true
	})
}

// onOutcome records that d succeeded or failed, with when it ran, or corrects a recorded outcome.
func (t *deploymentsTab) onOutcome(d data.Deployment) {
	form := kit.NewFieldForm()
	choice := widget.NewRadioGroup([]string{data.OutcomeSucceeded.Label(), data.OutcomeFailed.Label()}, nil)
	choice.Horizontal = true
	choice.Required = true
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
	by := kit.LimitText(&widget.Entry{PlaceHolder: "Who ran it"}, data.MaxNameLength)
	notes := kit.LimitText(&widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord, PlaceHolder: "What happened, links to logs"}, data.MaxNoteLength)
	for _, e := range []*widget.Entry{by, notes} {
		e.ExtendBaseWidget(e)
	}
	notes.SetMinRowsVisible(3)
	by.SetText(d.PerformedBy)
	kit.SetLimitedText(notes, d.Notes, data.MaxNoteLength)
	form.Add("Outcome", "Outcome", choice, "")
	form.Add("ActualStart", "Started at", start.Object(), "")
	form.Add("ActualEnd", "Finished at", end.Object(), "")
	form.Add("PerformedBy", "Performed by", by, "")
	form.Add("Notes", "Notes", notes, "")
	form.Watch("ActualStart", start.Clock)
	form.Watch("ActualEnd", end.Clock)
	intro := "Record how the " + d.Environment.Name + " deployment went."
	if status := t.ed.release.Status; d.Environment.Kind == data.KindProduction && (status == data.StatusPlanned || status == data.StatusInProgress) {
		intro += " A success on production marks " + t.release.Name() + " Released."
	}
	content := container.NewVBox(kit.WrappedLabel(intro), form.Box)
	kit.ShowFormDialog(t.ed.screen.Win, "Outcome of the "+d.Environment.Name+" deployment", "Record", content, form, 580, func() bool {
		form.Clear()
		outcome := kit.ValueOf([]data.Outcome{data.OutcomeSucceeded, data.OutcomeFailed}, data.Outcome.Label, choice.Selected)
		ok := true
		if outcome == "" {
			form.Problem("Outcome", "is required: choose Succeeded or Failed")
			ok = false
		}
		var times [2]time.Time
		for i, c := range []struct {
			field string
			in    *kit.TimeEntry
		}{{"ActualStart", start}, {"ActualEnd", end}} {
			v, err := c.in.Value()
			if err == nil && v.IsZero() {
				err = fmt.Errorf("is required")
			}
			if err != nil {
				form.Problem(c.field, err.Error())
				ok = false
			}
			times[i] = v
		}
		if ok && times[1].Before(times[0]) {
			form.Problem("ActualEnd", "must not be before the actual start")
			ok = false
		}
		if !ok {
			return false
		}
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
	store := t.ed.store
	t.afterChange(notice, kit.Step{Label: label, Run: func(ctx context.Context) error {
		return store.UndoDeploymentChange(ctx, c)
	}})
}
