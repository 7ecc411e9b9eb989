package portfolio

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

var _ fyne.Widget = (*Environments)(nil)

// EnvironmentStore is what the Environments screen needs from the database.
type EnvironmentStore interface {
	Environments(ctx context.Context) ([]data.Environment, error)
	SaveEnvironment(ctx context.Context, e *data.Environment) error
	MoveEnvironment(ctx context.Context, id uint, to int) error
	DeleteEnvironment(ctx context.Context, id uint) error
	EnvironmentUses(ctx context.Context) (map[uint]data.EnvironmentUse, error)
	WhatRunsWhere(ctx context.Context) (data.RunsWhere, error)
	FreezeWindows(ctx context.Context, from, to time.Time) ([]data.FreezeWindow, error)
	SaveFreezeWindow(ctx context.Context, fw *data.FreezeWindow) error
	DeleteFreezeWindow(ctx context.Context, id uint) (data.FreezeWindow, error)
	// Undo takes a change back as one recorded change (Store.Undo).
	kit.Undoer
}

var _ EnvironmentStore = (*data.Store)(nil)

// kindTones colours environment kinds, production the strongest.
var kindTones = map[data.EnvironmentKind]kit.Tone{
	data.KindDevelopment: kit.ToneGrey,
	data.KindTest:        kit.ToneBlue,
	data.KindUAT:         kit.TonePurple,
	data.KindStaging:     kit.ToneAmber,
	data.KindProduction:  kit.ToneRed,
}

// Environments is the Environments screen: the promotion path, what runs
// where, and the freeze windows.
type Environments struct {
	widget.BaseWidget
	kit.Screen
	kit.UndoStack

	// OnOpen is called when a cell of what runs where is tapped, with the
	// deployment it shows, to open its release there.
	OnOpen func(kit.Target)

	store EnvironmentStore

	envs    []data.Environment
	uses    map[uint]data.EnvironmentUse
	path    *fyne.Container
	pathBox *kit.TitledPanel
	runs    *runsWhereTable
	freeze  *freezeList
	content fyne.CanvasObject
	// form is the environment form last opened.
	form  *kit.FieldForm
	loads kit.Loads
}

// NewEnvironments builds the Environments screen on store; win hosts its
// dialogs and sched runs its queries.
func NewEnvironments(store EnvironmentStore, win fyne.Window, sched kit.Scheduler) *Environments {
	e := &Environments{store: store}
	e.Start(win, sched)
	e.ExtendBaseWidget(e)
	e.content = e.buildUI()
	e.Reload()
	return e
}

// Refresh redraws the screen, reading it anew when the shell shows it again
// after a while (see Dashboard.Refresh).
func (e *Environments) Refresh() {
	e.BaseWidget.Refresh()
	if e.Stale() {
		e.Reload()
	}
}

// CreateRenderer shows the screen's content.
func (e *Environments) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(e.content)
}

func (e *Environments) buildUI() fyne.CanvasObject {
	heading := &widget.Label{Text: "Environments", SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	heading.ExtendBaseWidget(heading)
	add := &widget.Button{Text: "Add environment", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: e.onAdd}
	add.ExtendBaseWidget(add)
	top := container.NewBorder(nil, nil, heading, container.NewCenter(add))

	e.path = container.NewVBox()
	e.pathBox = kit.NewTitledPanel(theme.NavigateNextIcon(), "Promotion path", nil, container.NewVScroll(e.path))
	e.runs = newRunsWhereTable(func(t kit.Target) {
		if e.OnOpen != nil {
			e.OnOpen(t)
		}
	})
	e.freeze = newFreezeList(e)
	e.Notice = kit.NewNotice(func() { e.content.Refresh() })
	upper := container.New(&kit.ColumnsLayout{Shares: []float32{0.38, 0.62}}, e.pathBox, e.runs.panel)
	body := container.New(&kit.StackedLayout{Share: 0.38}, upper, e.freeze.panel)
	return container.NewBorder(top, e.Notice.Box, nil, nil, body)
}

// envLoad is what one reload read from the store.
type envLoad struct {
	envs    []data.Environment
	uses    map[uint]data.EnvironmentUse
	runs    data.RunsWhere
	windows []data.FreezeWindow
	err     error
}

// Reload reads the environments, what runs where and the freeze windows
// again off the UI goroutine and shows them.
func (e *Environments) Reload() {
	from := e.freeze.from()
	e.Load(&e.loads, func(ctx context.Context) func() {
		var res envLoad
		res.envs, res.err = e.store.Environments(ctx)
		if res.err == nil {
			res.uses, res.err = e.store.EnvironmentUses(ctx)
		}
		if res.err == nil {
			res.runs, res.err = e.store.WhatRunsWhere(ctx)
		}
		if res.err == nil {
			res.windows, res.err = e.store.FreezeWindows(ctx, from, time.Time{})
		}
		return func() {
			if res.err != nil {
				e.ShowError("Could not load the environments", res.err)
				return
			}
			e.envs, e.uses = res.envs, res.uses
			e.Loaded()
			e.showPath()
			e.runs.set(res.runs)
			e.freeze.set(res.windows, res.envs)
		}
	})
}

// showPath lists the environments in promotion order with their actions.
func (e *Environments) showPath() {
	e.path.Objects = e.path.Objects[:0]
	for i, env := range e.envs {
		e.path.Add(e.pathRow(i, env))
		if i < len(e.envs)-1 {
			e.path.Add(widget.NewSeparator())
		}
	}
	if len(e.envs) == 0 {
		e.path.Add(kit.EmptyText("No environments yet — add the first stage of your promotion path (e.g. Dev) with Add environment."))
	}
	e.pathBox.SetNote(kit.Count(len(e.envs), "stage") + ", first to last")
	e.path.Refresh()
}

// pathRow is one stage: its place, name, kind, description and use, with
// buttons to move, edit and delete it.
func (e *Environments) pathRow(i int, env data.Environment) fyne.CanvasObject {
	place := &widget.Label{Text: fmt.Sprintf("%d.", i+1), TextStyle: fyne.TextStyle{Bold: true}}
	place.ExtendBaseWidget(place)
	// A long name shortens rather than push the row's buttons out of the panel.
	name := &widget.Label{Text: env.Name, TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	name.ExtendBaseWidget(name)
	kind := kit.NewBadge()
	kind.Set(env.Kind.Label(), kit.ToneOr(kindTones, env.Kind))
	detail := env.Description
	if u := e.uses[env.ID]; u.Deployments+u.TestRuns > 0 {
		used := kit.Count(u.Deployments, "deployment") + ", " + kit.Count(u.TestRuns, "test run")
		if detail == "" {
			detail = used
		} else {
			detail = used + " · " + detail
		}
	}
	desc := &widget.Label{Text: detail, SizeName: theme.SizeNameCaptionText, Truncation: fyne.TextTruncateEllipsis}
	desc.ExtendBaseWidget(desc)
	up := e.iconButton(theme.MoveUpIcon(), func() { e.move(env, i, i-1) })
	down := e.iconButton(theme.MoveDownIcon(), func() { e.move(env, i, i+1) })
	if i == 0 {
		up.Disable()
	}
	if i == len(e.envs)-1 {
		down.Disable()
	}
	edit := e.iconButton(theme.DocumentCreateIcon(), func() { e.showForm(env) })
	del := e.iconButton(theme.DeleteIcon(), func() { e.confirmDelete(env) })
	head := container.NewBorder(nil, nil, nil, container.NewCenter(kind), name)
	lines := container.New(kit.TightRows{}, head, desc)
	return container.NewBorder(nil, nil, container.NewCenter(place), container.NewHBox(up, down, edit, del), lines)
}

func (e *Environments) iconButton(icon fyne.Resource, tapped func()) *widget.Button {
	b := &widget.Button{Icon: icon, Importance: widget.LowImportance, OnTapped: tapped}
	b.ExtendBaseWidget(b)
	return b
}

func (e *Environments) onAdd() { e.showForm(data.Environment{Kind: data.KindTest}) }

// showForm opens the form for env: a new stage when its ID is 0.
func (e *Environments) showForm(env data.Environment) {
	form := kit.NewFieldForm()
	e.form = form
	name := kit.NewEntry("e.g. QA").Limit(data.MaxEnvironmentNameLength)
	kit.SetLimitedText(&name.Entry, env.Name, data.MaxEnvironmentNameLength)
	kind := kit.NewSelect(kit.LabelsOf(data.EnvironmentKinds, data.EnvironmentKind.Label), "")
	kind.SetSelected(env.Kind.Label())
	desc := kit.NewNotes("What this environment is for", 3).Limit(data.MaxNoteLength)
	kit.SetLimitedText(&desc.Entry, env.Description, data.MaxNoteLength)
	form.Add("Name", "Name", name, "")
	form.Add("Kind", "Kind", kind, "")
	form.Add("Description", "Description", desc, "")
	form.Check(func() *data.ValidationError {
		if strings.TrimSpace(name.Text) == "" {
			return kit.Fields(nil, "Name", "is required")
		}
		return nil
	})
	title, action := "Add environment", "Add"
	if env.ID != 0 {
		title, action = "Edit "+env.Name, "Save"
	}
	kit.ShowFormDialog(e.Win, title, action, form.Box, form, 480, func() bool {
		next := env
		next.Name, next.Description = name.Text, desc.Text
		next.Kind = kit.ValueOf(data.EnvironmentKinds, data.EnvironmentKind.Label, kind.Selected)
		return e.saveEnvironment(env, next, form)
	})
}

// saveEnvironment stores next over before (new when its ID is 0), showing
// any problem in form; it reports whether the form may close.
func (e *Environments) saveEnvironment(before, next data.Environment, form *kit.FieldForm) bool {
	if err := e.store.SaveEnvironment(e.Context(), &next); err != nil {
		form.ShowError("Could not save the environment", err)
		return false
	}
	if before.ID == 0 {
		e.PushUndo(kit.Step{Label: "new environment " + next.Name, Change: data.Created(next)})
		e.done("Added "+next.Name, true)
		return true
	}
	e.PushUndo(kit.Step{Label: "changes to " + next.Name, Change: data.Edited(before, next)})
	e.done("Saved "+next.Name, true)
	return true
}

// move puts env from index from to index to of the promotion path.
func (e *Environments) move(env data.Environment, from, to int) {
	if err := e.store.MoveEnvironment(e.Context(), env.ID, to); err != nil {
		e.ShowError("Could not move "+env.Name, err)
		return
	}
	envs, err := e.store.Environments(e.Context())
	i := slices.IndexFunc(envs, func(x data.Environment) bool { return x.ID == env.ID })
	if err != nil || i < 0 {
		e.done(fmt.Sprintf("Moved %s to place %d", env.Name, to+1), false)
		return
	}
	e.PushUndo(kit.Step{Label: "move of " + env.Name, Change: data.Edited(env, envs[i])})
	e.done(fmt.Sprintf("Moved %s to place %d", env.Name, to+1), true)
}

// confirmDelete asks before removing env; the store refuses one in use and
// says why.
func (e *Environments) confirmDelete(env data.Environment) {
	msg := fmt.Sprintf("Remove %s from the promotion path?", env.Name)
	if u := e.uses[env.ID]; u.Deployments+u.TestRuns > 0 {
		msg += fmt.Sprintf("\n\nIt has %s and %s.", kit.Count(u.Deployments, "deployment"), kit.Count(u.TestRuns, "test run"))
	}
	kit.Confirm(e.Win, "Delete environment "+env.Name, msg, "Delete", "Keep", widget.DangerImportance, func() { e.deleteEnvironment(env) })
}

func (e *Environments) deleteEnvironment(env data.Environment) {
	if err := e.store.DeleteEnvironment(e.Context(), env.ID); err != nil {
		if v, ok := data.AsValidation(err); ok && len(v.Fields) > 0 {
			kit.Inform(e.Win, "Cannot delete "+env.Name, kit.ProblemText(env.Name, v.Fields[0].Message))
			return
		}
		e.ShowError("Could not delete "+env.Name, err)
		return
	}
	e.PushUndo(kit.Step{Label: "delete of " + env.Name, Change: data.Deleted(env)})
	e.done("Deleted "+env.Name, true)
}

// done reloads after a change and tells what happened, offering Undo.
func (e *Environments) done(text string, undoable bool) {
	e.Reload()
	if c := e.Win.Canvas(); c != nil {
		c.Unfocus() // so Ctrl+Z reaches Undo, not a text field
	}
	if undoable {
		e.Tell(text, "Undo", e.Undo)
	} else {
		e.Tell(text, "", nil)
	}
}

// Undo takes back the last change made on this screen through the store.
func (e *Environments) Undo() {
	if !e.CanUndo() {
		return
	}
	step, err := e.TakeBack(e.Context(), e.store)
	if err != nil {
		e.Reload()
		e.Notice.Hide()
		e.ShowError("Could not undo the "+step.Label, err)
		return
	}
	e.done("Undid the "+step.Label, false)
}
