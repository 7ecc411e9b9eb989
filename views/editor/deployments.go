package editor

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/timeline"
)

// DeploymentsStore is what the Deployments tab needs from the database.
type DeploymentsStore interface {
	ListReleases(ctx context.Context, f data.ReleaseFilter) ([]data.Release, error)
	Environments(ctx context.Context) ([]data.Environment, error)
	ReleaseDeployments(ctx context.Context, releaseID uint) ([]data.Deployment, error)
	ReleaseRollbacks(ctx context.Context, releaseID uint) ([]data.Rollback, error)
	DeploymentConflicts(ctx context.Context, from, to time.Time) (map[uint][]data.Finding, error)
	SaveDeployment(ctx context.Context, d *data.Deployment) error
	StartDeploymentUndoable(ctx context.Context, id uint, at time.Time, by string) (data.DeploymentChange, error)
	RecordOutcomeUndoable(ctx context.Context, id uint, outcome data.Outcome, start, end time.Time, by, notes string) (data.DeploymentChange, error)
	RollBackUndoable(ctx context.Context, deploymentID uint, rb *data.Rollback) (data.DeploymentChange, error)
	UndoDeploymentChange(ctx context.Context, c data.DeploymentChange) error
	DeleteDeployment(ctx context.Context, id uint) (data.RemovedDeployment, error)
	RestoreDeployment(ctx context.Context, removed data.RemovedDeployment) error
}

var _ DeploymentsStore = (*data.Store)(nil)

// deploymentsTab lists a release's deployments in promotion order, with
// their rollbacks and conflicts, and records what happened to each.
type deploymentsTab struct {
	ed   *Editor
	item *container.TabItem

	release   data.Release
	envs      []data.Environment
	deps      []data.Deployment
	rollbacks map[uint]data.Rollback
	conflicts map[uint][]data.Finding
	loading   *tabLoading

	count *widget.Label
	plan  *widget.Button
	table *fyne.Container
	rows  *fyne.Container
	shown []*deploymentRow
	empty *fyne.Container
}

// deploymentsData is everything the tab shows, read in one go off the UI goroutine.
type deploymentsData struct {
	envs      []data.Environment
	deps      []data.Deployment
	rollbacks map[uint]data.Rollback
	conflicts map[uint][]data.Finding
}

func newDeploymentsTab(ed *Editor) editorTab {
	t := &deploymentsTab{ed: ed}
	heading := &widget.Label{Text: "Deployments", SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	heading.ExtendBaseWidget(heading)
	t.count = &widget.Label{}
	t.count.ExtendBaseWidget(t.count)
	t.plan = &widget.Button{Text: "Plan deployment", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: t.onPlan}
	t.plan.ExtendBaseWidget(t.plan)
	top := container.NewBorder(nil, nil, container.NewHBox(heading, container.NewCenter(t.count)), container.NewCenter(t.plan))

	t.rows = container.NewVBox()
	t.table = container.NewBorder(deploymentsHeader(), nil, nil, nil, container.NewVScroll(t.rows))
	t.empty = emptyState(theme.UploadIcon(), "No deployments planned yet — plan one with Plan deployment, starting with the first environment of the promotion path.",
		"Plan deployment", t.onPlan)
	t.loading = newTabLoading(ed, "Could not load the deployments", func() uint { return t.release.ID }).withList(t.count, t.table, t.empty)
	body := container.NewStack(t.table, t.empty)
	t.item = container.NewTabItemWithIcon("Deployments", theme.UploadIcon(),
		container.NewPadded(container.NewBorder(container.NewVBox(top, t.loading.problem), nil, nil, nil, body)))
	return t
}

func (t *deploymentsTab) tabItem() *container.TabItem { return t.item }

// dirty is always false: every change is saved from its own dialog.
func (t *deploymentsTab) dirty() bool { return false }

// show loads r's deployments; another release's rows go at once so they are never mistaken for r's.
func (t *deploymentsTab) show(r data.Release) {
	t.loading.show(&t.release, r, func() { t.fill(deploymentsData{}, false) }, t.reload)
}

// reload reads the release's deployments again in the background.
func (t *deploymentsTab) reload() {
	t.loading.reload(func(ctx context.Context, store Store, id uint) (func(), error) {
		v, err := loadDeployments(ctx, store, id)
		return func() { t.fill(v, true) }, err
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
	t.loading.showList(deploymentsCount(v.deps), loaded, len(v.deps))
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
	return container.NewCenter(kit.FixedSize(fyne.NewSize(12, 12), r))
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

// afterChange records a change made on the tab: it offers Undo, follows the
// release's status into the header and refreshes the tab and the list.
func (t *deploymentsTab) afterChange(notice string, step kit.Step) {
	afterEditorChange(t.ed, notice, step, t.reload)
}
