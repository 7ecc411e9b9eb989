package views

// The dialogs that record what happened to a deployment: it started, it
// succeeded or failed, it was rolled back.

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
)

// detectedByChoices are the usual answers to "who noticed", offered while any text is accepted.
var detectedByChoices = []string{"Monitoring", "Alerting", "Customer report", "Support", "QA", "On-call engineer"}

// rollbackForm asks for what a rollback record holds, each field checked next to itself.
type rollbackForm struct {
	form              *fieldForm
	started, finished *timeEntry
	reason, restored  *widget.Entry
	downtime, users   *widget.Entry
	detectedBy        *widget.SelectEntry
}

func newRollbackForm() *rollbackForm {
	f := &rollbackForm{form: newFieldForm(), started: newTimeEntry(), finished: newTimeEntry()}
	f.reason = limitText(&widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord, PlaceHolder: "What went wrong, e.g. checkout errors rose to 4%"}, data.MaxNoteLength)
	f.reason.SetMinRowsVisible(3)
	f.restored = limitText(&widget.Entry{PlaceHolder: "Version running again, e.g. 2.3.1"}, data.MaxReferenceLength)
	f.downtime = &widget.Entry{PlaceHolder: "0", Validator: validateCount}
	f.users = &widget.Entry{PlaceHolder: "0", Validator: validateCount}
	for _, e := range []*widget.Entry{f.reason, f.restored, f.downtime, f.users} {
		e.ExtendBaseWidget(e)
	}
	f.detectedBy = widget.NewSelectEntry(detectedByChoices)
	f.detectedBy.PlaceHolder = "Who or what noticed"
	f.form.add("StartedAt", "Started at", f.started.object(), "")
	f.form.add("FinishedAt", "Finished at", f.finished.object(), "Leave empty while the rollback is still running")
	f.form.add("Reason", "Reason", f.reason, "")
	f.form.add("RestoredVersion", "Restored version", f.restored, "")
	f.form.add("DowntimeMinutes", "Downtime (minutes)", narrow(f.downtime), "")
	f.form.add("UsersAffected", "Users affected", narrow(f.users), "")
	f.form.add("DetectedBy", "Detected by", f.detectedBy, "")
	f.form.watch("StartedAt", f.started.clock)
	f.form.watch("FinishedAt", f.finished.clock)
	f.form.watch("DowntimeMinutes", f.downtime)
	f.form.watch("UsersAffected", f.users)
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
	f.started.set(start)
	f.finished.set(time.Time{})
	f.restored.SetText(restored)
	f.downtime.SetText("0")
	f.users.SetText("0")
}

// collect reads the rollback the form describes; it shows each problem next
// to its field and reports whether there were none.
func (f *rollbackForm) collect() (data.Rollback, bool) {
	f.form.clear()
	ok := true
	bad := func(field, msg string) {
		f.form.problem(field, msg)
		ok = false
	}
	var rb data.Rollback
	started, err := f.started.value()
	switch {
	case err != nil:
		bad("StartedAt", err.Error())
	case started.IsZero():
		bad("StartedAt", "is required")
	}
	rb.StartedAt = started
	finished, err := f.finished.value()
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
	if rb.DowntimeMinutes, err = parseCount(f.downtime.Text); err != nil {
		bad("DowntimeMinutes", err.Error())
	}
	if rb.UsersAffected, err = parseCount(f.users.Text); err != nil {
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
	content := container.NewVBox(wrappedLabel(intro), f.form.box)
	showFormDialog(t.ed.screen.win, "Roll back the "+d.Environment.Name+" deployment", "Roll back", content, f.form, 600, func() bool {
		rb, ok := f.collect()
		if !ok {
			return false
		}
		c, err := t.ed.editorStore().RollBackUndoable(t.ed.screen.ctx, d.ID, &rb)
		if err != nil {
			f.form.showError("Could not record the rollback", err)
			return false
		}
		t.afterRecord("Rolled back the "+d.Environment.Name+" deployment", "rollback", c)
		return true
	})
}

// previousVersion is the highest released version of the product below this
// release, the usual version a rollback restores; "" when there is none.
func (t *deploymentsTab) previousVersion() string {
	r := t.release
	rs, err := t.ed.screen.store.ListReleases(t.ed.screen.ctx, data.ReleaseFilter{ProductID: r.ProductID, Statuses: []data.ReleaseStatus{data.StatusReleased}})
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
	form := newFieldForm()
	at := newTimeEntry()
	at.set(time.Now().Truncate(time.Minute))
	by := limitText(&widget.Entry{PlaceHolder: "Who runs it"}, data.MaxNameLength)
	by.ExtendBaseWidget(by)
	by.SetText(d.PerformedBy)
	form.add("ActualStart", "Started at", at.object(), "")
	form.add("PerformedBy", "Performed by", by, "")
	form.watch("ActualStart", at.clock)
	intro := "Record that the " + d.Environment.Name + " deployment has begun."
	if t.ed.release.Status == data.StatusPlanned {
		intro += " " + t.release.Name() + " moves to In progress."
	}
	content := container.NewVBox(wrappedLabel(intro), form.box)
	showFormDialog(t.ed.screen.win, "Start the "+d.Environment.Name+" deployment", "Start", content, form, 520, func() bool {
		form.clear()
		start, err := at.value()
		if err == nil && start.IsZero() {
			err = fmt.Errorf("is required")
		}
		if err != nil {
			form.problem("ActualStart", err.Error())
			return false
		}
		c, err := t.ed.editorStore().StartDeploymentUndoable(t.ed.screen.ctx, d.ID, start, by.Text)
		if err != nil {
			form.showError("Could not start the deployment", err)
			return false
		}
		t.afterRecord("Started the "+d.Environment.Name+" deployment", "start", c)
		return true
	})
}

// onOutcome records that d succeeded or failed, with when it ran, or corrects a recorded outcome.
func (t *deploymentsTab) onOutcome(d data.Deployment) {
	form := newFieldForm()
	choice := widget.NewRadioGroup([]string{data.OutcomeSucceeded.Label(), data.OutcomeFailed.Label()}, nil)
	choice.Horizontal = true
	choice.Required = true
	choice.SetSelected(data.OutcomeSucceeded.Label())
	if d.Outcome == data.OutcomeFailed {
		choice.SetSelected(data.OutcomeFailed.Label())
	}
	start, end := newTimeEntry(), newTimeEntry()
	start.set(d.PlannedStart)
	end.set(d.PlannedEnd)
	if d.ActualStart != nil {
		start.set(*d.ActualStart)
		end.set(time.Time{})
		if now := time.Now().Truncate(time.Minute); d.ActualEnd == nil && !now.Before(*d.ActualStart) {
			end.set(now)
		}
	}
	if d.ActualEnd != nil {
		end.set(*d.ActualEnd)
	}
	by := limitText(&widget.Entry{PlaceHolder: "Who ran it"}, data.MaxNameLength)
	notes := limitText(&widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord, PlaceHolder: "What happened, links to logs"}, data.MaxNoteLength)
	for _, e := range []*widget.Entry{by, notes} {
		e.ExtendBaseWidget(e)
	}
	notes.SetMinRowsVisible(3)
	by.SetText(d.PerformedBy)
	setLimitedText(notes, d.Notes, data.MaxNoteLength)
	form.add("Outcome", "Outcome", choice, "")
	form.add("ActualStart", "Started at", start.object(), "")
	form.add("ActualEnd", "Finished at", end.object(), "")
	form.add("PerformedBy", "Performed by", by, "")
	form.add("Notes", "Notes", notes, "")
	form.watch("ActualStart", start.clock)
	form.watch("ActualEnd", end.clock)
	intro := "Record how the " + d.Environment.Name + " deployment went."
	if status := t.ed.release.Status; d.Environment.Kind == data.KindProduction && (status == data.StatusPlanned || status == data.StatusInProgress) {
		intro += " A success on production marks " + t.release.Name() + " Released."
	}
	content := container.NewVBox(wrappedLabel(intro), form.box)
	showFormDialog(t.ed.screen.win, "Outcome of the "+d.Environment.Name+" deployment", "Record", content, form, 580, func() bool {
		form.clear()
		outcome := valueOf([]data.Outcome{data.OutcomeSucceeded, data.OutcomeFailed}, data.Outcome.Label, choice.Selected)
		ok := true
		if outcome == "" {
			form.problem("Outcome", "is required: choose Succeeded or Failed")
			ok = false
		}
		var times [2]time.Time
		for i, c := range []struct {
			field string
			in    *timeEntry
		}{{"ActualStart", start}, {"ActualEnd", end}} {
			v, err := c.in.value()
			if err == nil && v.IsZero() {
				err = fmt.Errorf("is required")
			}
			if err != nil {
				form.problem(c.field, err.Error())
				ok = false
			}
			times[i] = v
		}
		if ok && times[1].Before(times[0]) {
			form.problem("ActualEnd", "must not be before the actual start")
			ok = false
		}
		if !ok {
			return false
		}
		c, err := t.ed.editorStore().RecordOutcomeUndoable(t.ed.screen.ctx, d.ID, outcome, times[0], times[1], by.Text, notes.Text)
		if err != nil {
			form.showError("Could not record the outcome", err)
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
	store := t.ed.editorStore()
	t.afterChange(notice, undoStep{label: label, run: func(ctx context.Context) error {
		return store.UndoDeploymentChange(ctx, c)
	}})
}

// rollbackNote shows a rollback under its deployment, tinted like the rolled-back outcome.
func rollbackNote(rb data.Rollback) fyne.CanvasObject {
	head := "Rolled back " + formatWindow(rb.StartedAt, rb.FinishedAt)
	if rb.FinishedAt == nil {
		head += " (still running)"
	}
	if rb.RestoredVersion != "" {
		head += " to " + rb.RestoredVersion
	}
	if rb.DetectedBy != "" {
		head += " · detected by " + rb.DetectedBy
	}
	text := head + "\nReason: " + rb.Reason + "\n" + impactText(rb.DowntimeMinutes, rb.UsersAffected)
	return tintedNote(theme.MediaReplayIcon(), text, outcomeTones[data.OutcomeRolledBack])
}

// impactText says what a rollback cost: "Downtime 30 min · 1,200 users affected".
func impactText(minutes, users int) string {
	down := "No downtime"
	if minutes > 0 {
		down = "Downtime " + durationText(minutes)
	}
	switch users {
	case 0:
		return down + " · no users affected"
	case 1:
		return down + " · 1 user affected"
	}
	return down + " · " + FormatCount(users) + " users affected"
}

// durationText shows minutes as "45 min" or "2 h 5 min".
func durationText(minutes int) string {
	if minutes < 60 {
		return fmt.Sprintf("%d min", minutes)
	}
	if minutes%60 == 0 {
		return fmt.Sprintf("%d h", minutes/60)
	}
	return fmt.Sprintf("%d h %d min", minutes/60, minutes%60)
}

// tintedPanel is a rounded panel tinted with a palette tone behind its
// content; it re-reads the theme when refreshed, so it follows a light/dark switch.
type tintedPanel struct {
	widget.BaseWidget
	tone    tone
	alpha   uint8
	content fyne.CanvasObject
}

func newTintedPanel(tn tone, alpha uint8, content fyne.CanvasObject) *tintedPanel {
	p := &tintedPanel{tone: tn, alpha: alpha, content: content}
	p.ExtendBaseWidget(p)
	return p
}

// CreateRenderer stacks the content on the tinted background.
func (p *tintedPanel) CreateRenderer() fyne.WidgetRenderer {
	bg := &canvas.Rectangle{StrokeWidth: 1, CornerRadius: theme.InputRadiusSize()}
	r := &tintedPanelRenderer{p: p, bg: bg, objects: []fyne.CanvasObject{bg, p.content}}
	r.Refresh()
	return r
}

type tintedPanelRenderer struct {
	p       *tintedPanel
	bg      *canvas.Rectangle
	objects []fyne.CanvasObject
}

func (r *tintedPanelRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.p.content.Resize(size)
}

func (r *tintedPanelRenderer) MinSize() fyne.Size { return r.p.content.MinSize() }

func (r *tintedPanelRenderer) Refresh() {
	c := r.p.tone.on(fyne.CurrentApp().Settings().ThemeVariant())
	r.bg.FillColor, r.bg.StrokeColor = withAlpha(c, r.p.alpha), withAlpha(c, 0x55)
	r.bg.Refresh()
	r.p.content.Refresh()
}

func (r *tintedPanelRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *tintedPanelRenderer) Destroy() {}

// wrappedLabel is a paragraph of explanation at the top of a dialog.
func wrappedLabel(text string) *widget.Label {
	l := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}
	l.ExtendBaseWidget(l)
	return l
}
