package editor

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// Once a release is planned its dates are a commitment: changing its code
// freeze or release date is a re-plan, which the store records with a
// reason and, the first time, keeps the dates it replaces as the release's
// baseline. The Details tab asks for the reason as soon as a committed
// date changes, and shows the baseline beside the dates once they differ.

// replanFields are the Details tab's parts for re-planning: the reason,
// shown only while a committed date changes, and the baseline under each date.
type replanFields struct {
	label, cell fyne.CanvasObject
	// grid is the form grid the reason's row is in.
	grid   *fyne.Container
	reason *kit.Entry
	// freezeBase and releaseBase say the baseline under the code freeze and planned release fields.
	freezeBase, releaseBase *widget.Label
	// stored is the release as stored, whose dates a change is measured against.
	stored data.Release
}

// newReplanFields builds the re-plan parts and hooks them to the date fields.
func (d *detailsTab) newReplanFields() *replanFields {
	p := &replanFields{freezeBase: baselineLabel(), releaseBase: baselineLabel()}
	p.reason = kit.NewNotes("e.g. the bank's certification moved to March", 2).Limit(data.MaxReplanReason)
	for _, e := range []*kit.DayEntry{d.codeFreeze, d.planned} {
		e.OnChanged = func(*time.Time) { d.updateReplan() }
	}
	return p
}

func baselineLabel() *widget.Label {
	l := &widget.Label{SizeName: theme.SizeNameCaptionText, Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}
	l.ExtendBaseWidget(l)
	l.Hide()
	return l
}

// addReasonRow adds the form row of the reason, hidden until a committed date changes.
func (d *detailsTab) addReasonRow() {
	grid := d.form.Grid
	d.form.Add("ReplanReason", "Why the dates change", d.replan.reason,
		"The dates were committed when the release was planned; the first ones stay as its baseline.")
	n := len(grid.Objects)
	d.replan.label, d.replan.cell, d.replan.grid = grid.Objects[n-2], grid.Objects[n-1], grid
	d.replan.label.Hide()
	d.replan.cell.Hide()
}

// withBaseline puts the baseline note under a date field.
func withBaseline(e *kit.DayEntry, note *widget.Label) fyne.CanvasObject {
	return container.NewVBox(e, note)
}

// showBaseline remembers the stored release r and shows its baseline where it
// differs from its dates: "Baseline 12 Mar 2027 · 9 days later now".
func (d *detailsTab) showBaseline(r data.Release) {
	p := d.replan
	p.stored = r
	p.reason.SetText("")
	p.label.Hide()
	p.cell.Hide()
	freeze, release := r.Baseline()
	setBaseline(p.freezeBase, freeze, r.CodeFreeze)
	setBaseline(p.releaseBase, release, r.PlannedRelease)
	d.updateReplan()
}

func setBaseline(l *widget.Label, base, now data.Date) {
	if base.IsZero() || now.IsZero() || base.Equal(now) {
		l.Hide()
		return
	}
	l.SetText("Baseline " + kit.FormatDate(base) + " · " + slipText(base.DaysUntil(now)))
	l.Show()
}

// slipText says how far a date moved from its baseline: "9 days later", "1 day earlier".
func slipText(days int) string {
	if days < 0 {
		return kit.Count(-days, "day") + " earlier"
	}
	return kit.Count(days, "day") + " later"
}

// replanning reports whether the form changes a committed release's code
// freeze or planned release date, which needs a reason.
func (d *detailsTab) replanning() bool {
	freeze, ok1 := d.codeFreeze.Value()
	planned, ok2 := d.planned.Value()
	r := d.replan.stored
	r.CodeFreeze, r.PlannedRelease = freeze, planned
	return ok1 && ok2 && data.Replanning(d.replan.stored, r)
}

// updateReplan shows the reason while the dates are being re-planned, and hides it otherwise.
func (d *detailsTab) updateReplan() {
	p := d.replan
	if p == nil || p.cell == nil {
		return
	}
	want := d.replanning()
	if want == p.cell.Visible() {
		return
	}
	for _, o := range []fyne.CanvasObject{p.label, p.cell} {
		if want {
			o.Show()
		} else {
			o.Hide()
		}
	}
	p.grid.Refresh()
	if want {
		return
	}
	if c := d.ed.screen.Win.Canvas(); c != nil && c.Focused() == p.reason {
		c.Unfocus()
	}
}

// replanReason is the reason typed for a re-plan, "" when the dates stay.
func (d *detailsTab) replanReason() string {
	if !d.replanning() {
		return ""
	}
	return d.replan.reason.Text
}

// askReason takes the user to the reason when it is what stops a save.
func (d *detailsTab) askReason() {
	if d.form.Message("ReplanReason") == "" {
		return
	}
	d.updateReplan()
	if c := d.ed.screen.Win.Canvas(); c != nil {
		c.Focus(d.replan.reason)
	}
}

// replanNotice is what saving says when it re-planned the release.
func replanNotice(before, saved data.Release) string {
	if !before.Status.Committed() || (before.CodeFreeze.Equal(saved.CodeFreeze) && before.PlannedRelease.Equal(saved.PlannedRelease)) {
		return ""
	}
	_, base := saved.Baseline()
	if base.IsZero() || base.Equal(saved.PlannedRelease) {
		return "; re-planned, back on its baseline"
	}
	return fmt.Sprintf("; re-planned %s than its baseline of %s", slipText(base.DaysUntil(saved.PlannedRelease)), kit.FormatDate(base))
}
