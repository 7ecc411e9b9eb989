package views

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/timeline"
)

// DeploymentsStore is what the Deployments tab needs from the database.
type DeploymentsStore interface {
	Environments(ctx context.Context) ([]data.Environment, error)
	ReleaseDeployments(ctx context.Context, releaseID uint) ([]data.Deployment, error)
	ReleaseRollbacks(ctx context.Context, releaseID uint) ([]data.Rollback, error)
	DeploymentConflicts(ctx context.Context, from, to time.Time) (map[uint][]data.Finding, error)
	SaveDeployment(ctx context.Context, d *data.Deployment) error
	StartDeployment(ctx context.Context, id uint, at time.Time, by string) error
	RecordOutcome(ctx context.Context, id uint, outcome data.Outcome, start, end time.Time, by, notes string) error
	RollBack(ctx context.Context, deploymentID uint, rb *data.Rollback) error
	DeleteDeployment(ctx context.Context, id uint) (data.RemovedDeployment, error)
	RestoreDeployment(ctx context.Context, removed data.RemovedDeployment) error
}

var _ DeploymentsStore = (*data.Store)(nil)

func init() { registerEditorTab(tabDeployments, newDeploymentsTab) }

// Column widths of the deployments table, shared by its header and rows so they line up.
const (
	deployEnvWidth     = 170
	deployBuildWidth   = 150
	deployWindowWidth  = 215
	deployOutcomeWidth = 115
)

// deploymentsTab lists a release's deployments in promotion order, with
// their rollbacks and conflicts, and records what happened to each.
type deploymentsTab struct {
	ed   *releaseEditor
	item *container.TabItem

	release   data.Release
	envs      []data.Environment
	deps      []data.Deployment
	rollbacks map[uint]data.Rollback
	conflicts map[uint][]data.Finding
	// loads counts reloads, so the answer for an older request is dropped.
	loads int

	count   *widget.Label
	plan    *widget.Button
	table   *fyne.Container
	rows    *fyne.Container
	shown   []*deploymentRow
	empty   *fyne.Container
	problem *widget.Label
}

// deploymentsData is everything the tab shows, read in one go off the UI goroutine.
type deploymentsData struct {
	envs      []data.Environment
	deps      []data.Deployment
	rollbacks map[uint]data.Rollback
	conflicts map[uint][]data.Finding
}

func newDeploymentsTab(ed *releaseEditor) editorTab {
	t := &deploymentsTab{ed: ed}
	heading := &widget.Label{Text: "Deployments", SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	heading.ExtendBaseWidget(heading)
	t.count = &widget.Label{}
	t.count.ExtendBaseWidget(t.count)
	t.plan = &widget.Button{Text: "Plan deployment", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: t.onPlan}
	t.plan.ExtendBaseWidget(t.plan)
	t.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	t.problem.ExtendBaseWidget(t.problem)
	t.problem.Hide()
	top := container.NewBorder(nil, nil, container.NewHBox(heading, container.NewCenter(t.count)), container.NewCenter(t.plan))

	t.rows = container.NewVBox()
	t.table = container.NewBorder(deploymentsHeader(), nil, nil, nil, container.NewVScroll(t.rows))
	t.empty = emptyState(theme.UploadIcon(), "No deployments planned yet — plan one with Plan deployment, starting with the first environment of the promotion path.",
		"Plan deployment", t.onPlan)
	body := container.NewStack(t.table, t.empty)
	t.item = container.NewTabItemWithIcon("Deployments", theme.UploadIcon(),
		container.NewPadded(container.NewBorder(container.NewVBox(top, t.problem), nil, nil, nil, body)))
	return t
}

func (t *deploymentsTab) tabItem() *container.TabItem { return t.item }

// dirty is always false: every change is saved from its own dialog.
func (t *deploymentsTab) dirty() bool { return false }

// show loads r's deployments; another release's rows go at once so they are never mistaken for r's.
func (t *deploymentsTab) show(r data.Release) {
	if r.ID != t.release.ID {
		t.release = r
		t.fill(deploymentsData{}, false)
	}
	t.release = r
	if r.ID != 0 {
		t.reload()
	}
}

// reload reads the release's deployments again in the background.
func (t *deploymentsTab) reload() {
	id := t.release.ID
	t.loads++
	load := t.loads
	ctx := t.ed.screen.ctx
	store := t.ed.editorStore()
	t.ed.screen.sched.Background(func() func() {
		v, err := loadDeployments(ctx, store, id)
		return func() {
			if load != t.loads || ctx.Err() != nil || id != t.release.ID {
				return
			}
			if err != nil {
				t.problem.SetText("Could not load the deployments: " + err.Error())
				t.problem.Show()
				return
			}
			t.problem.Hide()
			t.fill(v, true)
		}
	})
}

func loadDeployments(ctx context.Context, store DeploymentsStore, releaseID uint) (deploymentsData, error) {
	var v deploymentsData
	var err error
	if v.envs, err = store.Environments(ctx); err != nil {
		return v, err
	}
	if v.deps, err = store.ReleaseDeployments(ctx, releaseID); err != nil {
		return v, err
	}
	rbs, err := store.ReleaseRollbacks(ctx, releaseID)
	if err != nil {
		return v, err
	}
	v.rollbacks = make(map[uint]data.Rollback, len(rbs))
	for _, rb := range rbs {
		v.rollbacks[rb.DeploymentID] = rb
	}
	if len(v.deps) == 0 {
		return v, nil
	}
	from, to := deploymentsSpan(v.deps)
	v.conflicts, err = store.DeploymentConflicts(ctx, from, to)
	return v, err
}

// deploymentsSpan is the time the deployments cover, planned and actual, widened a little at the end.
func deploymentsSpan(deps []data.Deployment) (from, to time.Time) {
	for _, d := range deps {
		for _, at := range []*time.Time{&d.PlannedStart, &d.PlannedEnd, d.ActualStart, d.ActualEnd} {
			if at == nil || at.IsZero() {
				continue
			}
			if from.IsZero() || at.Before(from) {
				from = *at
			}
			if at.After(to) {
				to = *at
			}
		}
	}
	return from, to.Add(time.Minute)
}

// fill shows v: one row per deployment, or the empty state once loaded says v is what is stored.
func (t *deploymentsTab) fill(v deploymentsData, loaded bool) {
	t.envs, t.deps, t.rollbacks, t.conflicts = v.envs, v.deps, v.rollbacks, v.conflicts
	t.shown = t.shown[:0]
	objs := make([]fyne.CanvasObject, 0, 2*len(v.deps))
	for _, d := range v.deps {
		row := newDeploymentRow(t, d)
		t.shown = append(t.shown, row)
		objs = append(objs, row.box, widget.NewSeparator())
	}
	t.rows.Objects = objs
	t.rows.Refresh()
	t.count.SetText(deploymentsCount(v.deps))
	if !loaded {
		t.count.SetText("Loading…")
	}
	if loaded && len(v.deps) == 0 && t.release.ID != 0 {
		t.table.Hide()
		t.empty.Show()
	} else {
		t.empty.Hide()
		t.table.Show()
	}
}

// deploymentsCount sums up the deployments: "4 deployments · 2 succeeded · 1 rolled back".
func deploymentsCount(deps []data.Deployment) string {
	switch len(deps) {
	case 0:
		return ""
	case 1:
		return "1 deployment · " + strings.ToLower(deps[0].Outcome.Label())
	}
	parts := []string{fmt.Sprintf("%d deployments", len(deps))}
	for _, o := range data.Outcomes {
		n := 0
		for _, d := range deps {
			if d.Outcome == o {
				n++
			}
		}
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, strings.ToLower(o.Label())))
		}
	}
	return strings.Join(parts, " · ")
}

// envIndex is an environment's place in the promotion path, which picks its colour as on the Timeline.
func envIndex(envs []data.Environment, id uint) int {
	for i, e := range envs {
		if e.ID == id {
			return i
		}
	}
	return len(envs)
}

// envColorOf is the Timeline colour of environment id.
func envColorOf(envs []data.Environment, id uint) color.Color {
	return timeline.EnvColor(envIndex(envs, id))
}

// envSwatch is a small square in the environment's Timeline colour.
func envSwatch(envs []data.Environment, id uint) fyne.CanvasObject {
	r := &canvas.Rectangle{FillColor: envColorOf(envs, id), CornerRadius: 3}
	return container.NewCenter(fixedSize(fyne.NewSize(12, 12), r))
}

// deploymentsHeader names the columns of the deployments table.
func deploymentsHeader() fyne.CanvasObject {
	cell := func(text string, w float32) fyne.CanvasObject {
		l := &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}}
		l.ExtendBaseWidget(l)
		return fixedWidth(w, l)
	}
	return container.NewVBox(container.NewHBox(
		cell("Environment", deployEnvWidth), cell("Build", deployBuildWidth), cell("Planned", deployWindowWidth),
		cell("Actual", deployWindowWidth), cell("Outcome", deployOutcomeWidth)),
		widget.NewSeparator())
}

// formatWindow shows an instant range in local time: "2026-03-02 10:00 – 11:00",
// with the end's day when it differs; an open end shows as "…".
func formatWindow(start time.Time, end *time.Time) string {
	if start.IsZero() {
		return "—"
	}
	s := start.In(time.Local)
	out := s.Format("2006-01-02 15:04") + " – "
	switch {
	case end == nil || end.IsZero():
		return out + "…"
	case sameLocalDay(s, *end):
		return out + end.In(time.Local).Format("15:04")
	}
	return out + end.In(time.Local).Format("2006-01-02 15:04")
}

func sameLocalDay(a, b time.Time) bool {
	a, b = a.In(time.Local), b.In(time.Local)
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

// emptyState is the centred message shown where a list has nothing yet, with the action that fills it.
func emptyState(icon fyne.Resource, text, action string, onAction func()) *fyne.Container {
	l := &widget.Label{Text: text, Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord}
	l.ExtendBaseWidget(l)
	b := &widget.Button{Text: action, Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: onAction}
	b.ExtendBaseWidget(b)
	box := container.NewCenter(container.NewVBox(
		container.NewCenter(fixedSize(fyne.NewSize(48, 48), widget.NewIcon(icon))),
		fixedWidth(460, l), container.NewCenter(b)))
	box.Hide()
	return box
}

// afterChange records a change made on the tab: it offers Undo, follows the
// release's status into the header and refreshes the tab and the list.
func (t *deploymentsTab) afterChange(notice string, step undoStep) {
	afterEditorChange(t.ed, notice, step, t.reload)
}

// afterEditorChange is what every editor tab does after a change of its own:
// push the undo step, read the release again (its status may have moved),
// reload the tab and the list, and announce the change with Undo.
func afterEditorChange(ed *releaseEditor, notice string, step undoStep, reload func()) {
	id := ed.release.ID
	step.releaseID = id
	run := step.run
	step.run = func(ctx context.Context) error {
		err := run(ctx)
		if ed.release.ID == id { // the editor may show the release again; make sure this tab and the header follow
			followReleaseStatus(ed)
			reload()
		}
		return err
	}
	ed.screen.pushUndo(step)
	followReleaseStatus(ed)
	reload()
	ed.screen.changed()
	if c := ed.screen.win.Canvas(); c != nil {
		c.Unfocus() // so Ctrl+Z reaches Undo, not a text field
	}
	ed.screen.notice.show(notice, "Undo", ed.screen.Undo, ed.screen.sched.Later)
}

// followReleaseStatus reads the edited release again after a change that may
// have moved its status, and shows it in the header without leaving the tab.
// The Details form follows too unless it holds the user's unsaved edits.
func followReleaseStatus(ed *releaseEditor) {
	if ed.release.ID == 0 {
		return
	}
	fresh, err := ed.screen.store.Release(ed.screen.ctx, ed.release.ID)
	if err != nil {
		return // the release went away; the list's reload says so
	}
	ed.release = fresh
	if !ed.details.dirty() {
		ed.details.show(fresh)
	}
	ed.updateHeader()
}

// confirmDelete asks before deleting what, naming it, then runs remove.
func confirmDelete(win fyne.Window, what, detail string, remove func()) {
	d := dialog.NewConfirm("Delete "+what+"?", detail+"\nYou can undo it with Edit > Undo (Ctrl+Z).", func(ok bool) {
		if ok {
			remove()
		}
	}, win)
	d.SetConfirmText("Delete")
	d.SetDismissText("Keep")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

// deploymentRow is one deployment in the table: its plan and record on the
// first line, notes and actions on the second, then its rollback and conflicts.
type deploymentRow struct {
	d   data.Deployment
	box fyne.CanvasObject
	// The actions offered for the deployment's outcome; nil when not offered.
	start, outcome, rollBack, edit, remove *widget.Button
	badge                                  *Badge
}

func newDeploymentRow(t *deploymentsTab, d data.Deployment) *deploymentRow {
	row := &deploymentRow{d: d, badge: NewBadge()}
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
		fixedWidth(deployEnvWidth, env),
		fixedWidth(deployBuildWidth, label(build, fyne.TextStyle{})),
		fixedWidth(deployWindowWidth, label(formatWindow(d.PlannedStart, &d.PlannedEnd), fyne.TextStyle{})),
		fixedWidth(deployWindowWidth, label(actualWindow(d), fyne.TextStyle{})),
		fixedWidth(deployOutcomeWidth, row.badge))

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
	return tintedNote(theme.WarningIcon(), strings.ToUpper(f.Kind[:1])+f.Kind[1:]+": "+f.Message, toneAmber)
}

// tintedNote is an icon and wrapped text on a panel tinted with tone.
func tintedNote(icon fyne.Resource, text string, tn tone) fyne.CanvasObject {
	l := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}
	l.ExtendBaseWidget(l)
	return container.NewPadded(newTintedPanel(tn, 0x1f, container.NewBorder(nil, nil, container.NewPadded(widget.NewIcon(icon)), nil, l)))
}
