package editor

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// DependenciesStore is what the Dependencies tab needs from the database.
type DependenciesStore interface {
	Dependencies(ctx context.Context, releaseID uint) (requires, requiredBy []data.Dependency, err error)
	SaveDependency(ctx context.Context, d *data.Dependency) error
	DeleteDependency(ctx context.Context, id uint) (data.Dependency, error)
	Environments(ctx context.Context) ([]data.Environment, error)
	ReleaseConflicts(ctx context.Context, id uint) ([]data.Finding, error)
	ListReleases(ctx context.Context, f data.ReleaseFilter) ([]data.Release, error)
	Undo(ctx context.Context, c data.Change) error
}

var _ DependenciesStore = (*data.Store)(nil)

// dependenciesTab is what the release needs on an environment before it
// may go there (Production unless chosen), what needs it, and the
// deployments that come too early for either.
type dependenciesTab struct {
	ed   *Editor
	item *container.TabItem

	release data.Release
	envs    []data.Environment
	loading *tabLoading
	// pickerFor is the release the picker listed the others for; it lists
	// them only once the tab is seen, since that reads every release.
	pickerFor uint
	hooked    bool

	count                       *widget.Label
	requires, requiredBy, found *fyne.Container
	form                        *kit.FieldForm
	picker                      *releasePicker
	env                         *kit.Select
	note                        *widget.Entry
	add                         *widget.Button
}

func newDependenciesTab(ed *Editor) editorTab {
	t := &dependenciesTab{ed: ed}
	heading := &widget.Label{Text: "Dependencies", SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	heading.ExtendBaseWidget(heading)
	t.count = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	t.count.ExtendBaseWidget(t.count)
	t.loading = newTabLoading(ed, "Could not load the dependencies", func() uint { return t.release.ID })
	t.requires, t.requiredBy, t.found = container.NewVBox(), container.NewVBox(), container.NewVBox()

	t.form = kit.NewFieldForm()
	t.picker = newReleasePicker(ed, data.ReleaseFilter{}, 0, 4)
	t.picker.onChosen = func(data.Release) { t.form.Problem("Requires", "") }
	t.env = kit.NewSelect(nil, "")
	t.note = kit.LimitText(&widget.Entry{PlaceHolder: "Why, e.g. needs the new ledger API"}, data.MaxDependencyNote)
	t.note.ExtendBaseWidget(t.note)
	t.add = &widget.Button{Text: "Add dependency", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: t.onAdd}
	t.add.ExtendBaseWidget(t.add)
	t.form.Add("Requires", "Requires", t.picker.content, "")
	t.form.Add("Environment", "On", kit.Leading(220, t.env), "It must be there before this release goes there too.")
	t.form.Add("Note", "Note", t.note, "")

	left := container.NewVBox(sectionHeading("This release requires"), t.requires,
		sectionHeading("Add a requirement"), t.form.Box, container.NewHBox(t.add))
	right := container.NewVBox(sectionHeading("Required by"), t.requiredBy, sectionHeading("Deployments that come too early"), t.found)
	body := container.NewGridWithColumns(2, container.NewVScroll(left), container.NewVScroll(right))
	t.item = container.NewTabItemWithIcon("Dependencies", theme.MailForwardIcon(), container.NewPadded(container.NewBorder(
		container.NewVBox(container.NewHBox(heading, container.NewCenter(t.count)), t.loading.problem), nil, nil, nil, body)))
	return t
}

func (t *dependenciesTab) tabItem() *container.TabItem { return t.item }

// dirty is always false: a requirement is saved by Add dependency.
func (t *dependenciesTab) dirty() bool { return false }

// show loads r's dependencies; another release's go at once so they are never mistaken for r's.
func (t *dependenciesTab) show(r data.Release) {
	t.hookSelection()
	t.loading.show(&t.release, r, func() {
		t.fill(dependenciesData{}, false)
		t.resetForm()
		t.picker.except, t.pickerFor = r.ID, 0
	}, t.reload)
	if t.ed.appTabs != nil && t.ed.appTabs.Selected() == t.item {
		t.listReleases()
	}
}

// hookSelection lists the releases to choose from when the tab is first
// selected for a release, chaining the editor's OnSelected as other tabs do.
func (t *dependenciesTab) hookSelection() {
	if t.hooked || t.ed.appTabs == nil {
		return
	}
	t.hooked = true
	prev := t.ed.appTabs.OnSelected
	t.ed.appTabs.OnSelected = func(item *container.TabItem) {
		if prev != nil {
			prev(item)
		}
		if item == t.item {
			t.listReleases()
		}
	}
}

// listReleases fills the picker for the release shown, once.
func (t *dependenciesTab) listReleases() {
	if t.release.ID != 0 && t.pickerFor != t.release.ID {
		t.pickerFor = t.release.ID
		t.picker.load()
	}
}

// dependenciesData is everything the tab shows, read in one go off the UI goroutine.
type dependenciesData struct {
	requires, requiredBy []data.Dependency
	envs                 []data.Environment
	findings             []data.Finding
}

// reload reads the dependencies, the environments and the release's
// dependency findings again in the background.
func (t *dependenciesTab) reload() {
	t.loading.reload(func(ctx context.Context, store Store, id uint) (func(), error) {
		var v dependenciesData
		var err error
		if v.requires, v.requiredBy, err = store.Dependencies(ctx, id); err != nil {
			return nil, err
		}
		if v.envs, err = store.Environments(ctx); err != nil {
			return nil, err
		}
		all, err := store.ReleaseConflicts(ctx, id)
		v.findings = slices.DeleteFunc(all, func(f data.Finding) bool { return f.Kind != data.FindingDependency })
		return func() { t.fill(v, true) }, err
	})
}

// fill shows v; until loaded, the lists stay empty rather than claim anything.
func (t *dependenciesTab) fill(v dependenciesData, loaded bool) {
	t.envs = v.envs
	t.fillEnvironments()
	t.requires.Objects = t.requires.Objects[:0]
	for _, d := range v.requires {
		t.requires.Add(t.dependencyRow(d.Requires.Name(), d, true))
	}
	t.requiredBy.Objects = t.requiredBy.Objects[:0]
	for _, d := range v.requiredBy {
		t.requiredBy.Add(t.dependencyRow(d.Release.Name(), d, false))
	}
	t.found.Objects = t.found.Objects[:0]
	for _, f := range v.findings {
		t.found.Add(findingLine(f, tabDependencies, t.ed.focus))
	}
	if loaded {
		if len(v.requires) == 0 {
			t.requires.Add(mutedLine("Nothing yet: this release may go anywhere without waiting for another."))
		}
		if len(v.requiredBy) == 0 {
			t.requiredBy.Add(mutedLine("No release requires this one."))
		}
		if len(v.findings) == 0 {
			t.found.Add(findingLine(data.Finding{Kind: data.FindingDependency, Severity: data.SeverityPass,
				Message: "No deployment comes before a release it requires."}, tabDependencies, nil))
		}
		t.count.SetText(kit.Count(len(v.requires), "requirement") + " · required by " + kit.Count(len(v.requiredBy), "release"))
	} else {
		t.count.SetText("Loading…")
	}
	for _, c := range []*fyne.Container{t.requires, t.requiredBy, t.found} {
		c.Refresh()
	}
}

// fillEnvironments offers the promotion path, keeping the choice, else Production.
func (t *dependenciesTab) fillEnvironments() {
	names := kit.LabelsOf(t.envs, func(e data.Environment) string { return e.Name })
	t.env.SetOptions(names)
	if slices.Contains(names, t.env.Selected) {
		return
	}
	t.env.ClearSelected()
	if i := slices.IndexFunc(t.envs, func(e data.Environment) bool { return e.Kind == data.KindProduction }); i >= 0 {
		t.env.SetSelected(t.envs[i].Name)
	}
}

// mutedLine is a quiet line saying a list is empty.
func mutedLine(text string) *widget.Label {
	l := kit.WrappedLabel(text)
	l.Importance = widget.LowImportance
	return l
}

// dependencyRow shows one dependency: the other release, the environment
// and the note, with Remove on the side this release owns.
func (t *dependenciesTab) dependencyRow(other string, d data.Dependency, owned bool) fyne.CanvasObject {
	name := &widget.Label{Text: other, TextStyle: fyne.TextStyle{Bold: true}}
	name.ExtendBaseWidget(name)
	env := kit.NewBadge()
	env.Set("on "+d.Environment.Name, kit.ToneBlue)
	line := container.NewHBox(name, container.NewCenter(env))
	rows := container.New(kit.TightRows{}, line)
	if d.Note != "" {
		note := kit.CaptionLabel()
		note.SetText(d.Note)
		rows.Add(note)
	}
	if !owned {
		return container.NewVBox(rows, widget.NewSeparator())
	}
	remove := &widget.Button{Text: "Remove", Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { t.onRemove(other, d) }}
	remove.ExtendBaseWidget(remove)
	return container.NewVBox(container.NewBorder(nil, nil, nil, container.NewCenter(remove), rows), widget.NewSeparator())
}

// onAdd stores the requirement the form describes; a cycle or a repeat is
// refused with the store's message under its field. Undo removes it again.
func (t *dependenciesTab) onAdd() {
	t.form.Reset()
	d := data.Dependency{ReleaseID: t.release.ID, RequiresID: t.picker.chosen.ID, Note: strings.TrimSpace(t.note.Text)}
	if i := slices.IndexFunc(t.envs, func(e data.Environment) bool { return e.Name == t.env.Selected }); i >= 0 {
		d.EnvironmentID = t.envs[i].ID
	}
	if d.RequiresID == 0 {
		t.form.Problem("Requires", "is required: choose the release this one needs")
		return
	}
	if err := t.ed.store.SaveDependency(t.ed.screen.Context(), &d); err != nil {
		t.form.ShowError("Could not add the dependency", err)
		return
	}
	envName := t.env.Selected
	if envName == "" {
		envName = "Production"
	}
	what := t.picker.chosen.Name()
	t.resetForm()
	afterEditorChange(t.ed, t.release.Name()+" now requires "+what+" on "+envName, kit.Step{Label: "new requirement of " + what,
		Release: t.release.ID, Change: data.Created(d)}, t.reload)
}

// resetForm empties the form for the next requirement.
func (t *dependenciesTab) resetForm() {
	t.form.Reset()
	t.note.SetText("")
	t.picker.chosen = data.Release{}
	t.picker.list.UnselectAll()
}

// onRemove removes a requirement after asking; Undo puts it back.
func (t *dependenciesTab) onRemove(other string, d data.Dependency) {
	what := "the requirement of " + other
	store := t.ed.store
	confirmDelete(t.ed.screen.Win, what, t.release.Name()+" will no longer wait for "+other+" on "+d.Environment.Name+".", func() {
		removed, err := store.DeleteDependency(t.ed.screen.Context(), d.ID)
		if err != nil {
			t.ed.screen.ShowError("Could not remove "+what, err)
			t.reload()
			return
		}
		afterEditorChange(t.ed, "Removed "+what, kit.Step{Label: "removal of " + what, Release: t.release.ID, Change: data.Deleted(removed)}, t.reload)
	})
}
