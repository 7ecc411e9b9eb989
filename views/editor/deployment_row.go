package editor

// One deployment in the Deployments tab's table: its plan and record, the
// actions its outcome allows, its rollback and its conflicts.

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// Column widths of the deployments table, shared by its header and rows so they line up.
const (
	deployEnvWidth     = 170
	deployBuildWidth   = 150
	deployWindowWidth  = 215
	deployOutcomeWidth = 115
)

// deploymentsHeader names the columns of the deployments table.
func deploymentsHeader() fyne.CanvasObject {
	cell := func(text string, w float32) fyne.CanvasObject {
		l := &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}}
		l.ExtendBaseWidget(l)
		return kit.FixedWidth(w, l)
	}
	return container.NewVBox(container.NewHBox(
		cell("Environment", deployEnvWidth), cell("Build", deployBuildWidth), cell("Planned", deployWindowWidth),
		cell("Actual", deployWindowWidth), cell("Outcome", deployOutcomeWidth)),
		widget.NewSeparator())
}

// deploymentRow is one deployment in the table: its plan and record on the
// first line, notes and actions on the second, then its rollback and conflicts.
type deploymentRow struct {
	d   data.Deployment
	box fyne.CanvasObject
	// The actions offered for the deployment's outcome; nil when not offered.
	start, outcome, rollBack, edit, remove *widget.Button
	badge                                  *kit.Badge
}

func newDeploymentRow(t *deploymentsTab, d data.Deployment) *deploymentRow {
	row := &deploymentRow{d: d, badge: kit.NewBadge()}
	row.badge.SetOutcome(d.Outcome)
	label := func(text string, style fyne.TextStyle) *widget.Label {
		l := &widget.Label{Text: text, TextStyle: style, Truncation: fyne.TextTruncateEllipsis}
		l.ExtendBaseWidget(l)
		return l
	}
	env := container.NewBorder(nil, nil, envSwatch(t.envs, d.EnvironmentID), nil, label(d.Environment.Name, fyne.TextStyle{Bold: true}))
	build := d.Build
	if build == "" {
		build = "—"
	}
	line := container.NewHBox(
		kit.FixedWidth(deployEnvWidth, env),
		kit.FixedWidth(deployBuildWidth, label(build, fyne.TextStyle{})),
		kit.FixedWidth(deployWindowWidth, label(formatWindow(d.PlannedStart, &d.PlannedEnd), fyne.TextStyle{})),
		kit.FixedWidth(deployWindowWidth, label(actualWindow(d), fyne.TextStyle{})),
		kit.FixedWidth(deployOutcomeWidth, row.badge))

	button := func(text string, icon fyne.Resource, imp widget.Importance, tapped func()) *widget.Button {
		b := &widget.Button{Text: text, Icon: icon, Importance: imp, OnTapped: tapped}
		b.ExtendBaseWidget(b)
		return b
	}
	var actions []fyne.CanvasObject
	switch d.Outcome {
	case data.OutcomePlanned:
		row.start = button("Start", theme.MediaPlayIcon(), widget.HighImportance, func() { t.onStart(d) })
		row.outcome = button("Record outcome", theme.ConfirmIcon(), widget.LowImportance, func() { t.onOutcome(d) })
	case data.OutcomeInProgress:
		row.outcome = button("Record outcome", theme.ConfirmIcon(), widget.HighImportance, func() { t.onOutcome(d) })
	case data.OutcomeSucceeded, data.OutcomeFailed:
		row.outcome = button("Correct outcome", theme.ConfirmIcon(), widget.LowImportance, func() { t.onOutcome(d) })
	}
	if d.Outcome == data.OutcomeInProgress || d.Outcome == data.OutcomeSucceeded || d.Outcome == data.OutcomeFailed {
		row.rollBack = button("Roll back", theme.MediaReplayIcon(), widget.LowImportance, func() { t.onRollBack(d) })
	}
	row.edit = button("Edit plan", theme.DocumentCreateIcon(), widget.LowImportance, func() { t.onEdit(d) })
	row.remove = button("Delete", theme.DeleteIcon(), widget.LowImportance, func() { t.onDelete(d) })
	for _, b := range []*widget.Button{row.start, row.outcome, row.rollBack, row.edit, row.remove} {
		if b != nil {
			actions = append(actions, b)
		}
	}
	var about []string
	if d.PerformedBy != "" {
		about = append(about, "by "+d.PerformedBy)
	}
	if n := firstLine(d.Notes); n != "" {
		about = append(about, n)
	}
	notes := &widget.Label{Text: strings.Join(about, " — "), Truncation: fyne.TextTruncateEllipsis, TextStyle: fyne.TextStyle{Italic: true}}
	notes.ExtendBaseWidget(notes)
	second := container.NewBorder(nil, nil, nil, container.NewHBox(actions...), notes)

	parts := []fyne.CanvasObject{line, second}
	if rb, ok := t.rollbacks[d.ID]; ok {
		parts = append(parts, rollbackNote(rb))
	}
	for _, f := range t.conflicts[d.ID] {
		parts = append(parts, conflictNote(f))
	}
	row.box = container.NewVBox(parts...)
	return row
}

// actualWindow shows when a deployment really ran: "—" before it starts, open-ended while it runs.
func actualWindow(d data.Deployment) string {
	if d.ActualStart == nil {
		return "—"
	}
	return formatWindow(*d.ActualStart, d.ActualEnd)
}

// firstLine is the first line of s, for a one-line preview of notes.
func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

// conflictNote shows a conflict the deployment takes part in.
func conflictNote(f data.Finding) fyne.CanvasObject {
	return kit.TintedNote(theme.WarningIcon(), strings.ToUpper(f.Kind[:1])+f.Kind[1:]+": "+f.Message, kit.ToneAmber)
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
	return kit.TintedNote(theme.MediaReplayIcon(), text, kit.OutcomeTones[data.OutcomeRolledBack])
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
	return down + " · " + kit.FormatCount(users) + " users affected"
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
