package editor

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// TestsStore is what the Tests tab needs from the database.
type TestsStore interface {
	Environments(ctx context.Context) ([]data.Environment, error)
	TestRuns(ctx context.Context, releaseID uint) ([]data.TestRun, error)
	RegressionSummary(ctx context.Context, releaseID uint) ([]data.EnvTestSummary, error)
	SaveTestRun(ctx context.Context, tr *data.TestRun) error
	DeleteTestRun(ctx context.Context, id uint) (data.TestRun, error)
	RestoreTestRun(ctx context.Context, tr data.TestRun) error
}

var _ TestsStore = (*data.Store)(nil)

// Column widths of the test runs table, shared by its header and rows.
const (
	runEnvWidth   = 150
	runSuiteWidth = 190
	runCountWidth = 76
	runAtWidth    = 150
)

// testsTab shows a release's regression picture per environment and every
// test run, and records new runs.
type testsTab struct {
	ed   *Editor
	item *container.TabItem

	release data.Release
	envs    []data.Environment
	runs    []data.TestRun
	summary []data.EnvTestSummary
	loading *tabLoading

	count *widget.Label
	add   *widget.Button
	cards *fyne.Container
	list  *widget.List
	table *fyne.Container
	empty *fyne.Container
}

// testsData is everything the tab shows, read in one go off the UI goroutine.
type testsData struct {
	envs    []data.Environment
	runs    []data.TestRun
	summary []data.EnvTestSummary
}

func newTestsTab(ed *Editor) editorTab {
	t := &testsTab{ed: ed}
	heading := &widget.Label{Text: "Tests", SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	heading.ExtendBaseWidget(heading)
	t.count = &widget.Label{}
	t.count.ExtendBaseWidget(t.count)
	t.add = &widget.Button{Text: "Add run", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: t.onAdd}
	t.add.ExtendBaseWidget(t.add)
	top := container.NewBorder(nil, nil, container.NewHBox(heading, container.NewCenter(t.count)), container.NewCenter(t.add))

	t.cards = container.NewGridWithColumns(4)
	t.list = widget.NewList(func() int { return len(t.runs) }, newTestRunRow, func(id widget.ListItemID, o fyne.CanvasObject) {
		if id < len(t.runs) {
			t.updateRow(o, t.runs[id])
		}
	})
	t.list.HideSeparators = false
	header := container.NewVBox(testRunsHeader(), widget.NewSeparator())
	t.table = container.NewBorder(container.NewVBox(t.cards, header), nil, nil, nil, t.list)
	t.empty = emptyState(theme.ConfirmIcon(), "No test runs recorded yet — add one with Add run after each suite runs on an environment.",
		"Add run", t.onAdd)
	t.loading = newTabLoading(ed, "Could not load the test runs", func() uint { return t.release.ID }).withList(t.count, t.table, t.empty)
	t.item = container.NewTabItemWithIcon("Tests", theme.ConfirmIcon(),
		container.NewPadded(container.NewBorder(container.NewVBox(top, t.loading.problem), nil, nil, nil, container.NewStack(t.table, t.empty))))
	return t
}

func (t *testsTab) tabItem() *container.TabItem { return t.item }

// dirty is always false: runs are saved from their own dialog.
func (t *testsTab) dirty() bool { return false }

// show loads r's runs; another release's runs go at once so they are never mistaken for r's.
func (t *testsTab) show(r data.Release) {
	t.loading.show(&t.release, r, func() { t.fill(testsData{}, false) }, t.reload)
}

// reload reads the release's runs and summary again in the background.
func (t *testsTab) reload() {
	t.loading.reload(func(ctx context.Context, store Store, id uint) (func(), error) {
		v, err := loadTests(ctx, store, id)
		return func() { t.fill(v, true) }, err
	})
}

func loadTests(ctx context.Context, store TestsStore, releaseID uint) (testsData, error) {
	var v testsData
	var err error
	if v.envs, err = store.Environments(ctx); err != nil {
		return v, err
	}
	if v.runs, err = store.TestRuns(ctx, releaseID); err != nil {
		return v, err
	}
	v.summary, err = store.RegressionSummary(ctx, releaseID)
	return v, err
}

// fill shows v, or the empty state once loaded says v is what is stored.
func (t *testsTab) fill(v testsData, loaded bool) {
	t.envs, t.runs, t.summary = v.envs, v.runs, v.summary
	cards := make([]fyne.CanvasObject, len(v.summary))
	for i, s := range v.summary {
		cards[i] = summaryCard(v.envs, s)
	}
	t.cards.Layout = layout.NewGridLayoutWithColumns(max(4, len(cards))) // four or more to a row, so a card never sprawls
	t.cards.Objects = cards
	t.cards.Refresh()
	t.list.UnselectAll()
	t.list.Refresh()
	t.loading.showList(runsCount(v.runs, v.summary), loaded, len(v.runs))
}

// runsCount sums up the runs: "12 runs · 2 environments red".
func runsCount(runs []data.TestRun, summary []data.EnvTestSummary) string {
	if len(runs) == 0 {
		return ""
	}
	red := 0
	for _, s := range summary {
		if !s.Green {
			red++
		}
	}
	out := kit.Count(len(runs), "run")
	switch {
	case red == 0:
		return out + " · all green"
	case red == len(summary) && red > 1:
		return out + " · every environment red"
	}
	return out + " · " + kit.Count(red, "environment") + " red"
}

// summaryCard is one environment's regression picture: a green or red
// marker, the counts of its suites' latest runs, the pass rate and when it last ran.
func summaryCard(envs []data.Environment, s data.EnvTestSummary) fyne.CanvasObject {
	tn, verdict := kit.ToneGreen, "Green"
	if !s.Green {
		tn, verdict = kit.ToneRed, "Red"
	}
	name := &widget.Label{Text: s.Environment.Name, TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	name.ExtendBaseWidget(name)
	marker := kit.NewBadge()
	marker.Set(verdict, tn)
	title := container.NewBorder(nil, nil, envSwatch(envs, s.Environment.ID), container.NewCenter(marker), name)
	rate := &widget.Label{Text: "Pass rate " + passRate(s), TextStyle: fyne.TextStyle{Bold: true}}
	rate.ExtendBaseWidget(rate)
	body := container.New(layout.NewCustomPaddedVBoxLayout(0), title, rate,
		detailLabel(fmt.Sprintf("%s passed · %s failed · %s skipped", kit.FormatCount(s.Passed), kit.FormatCount(s.Failed), kit.FormatCount(s.Skipped)), widget.MediumImportance),
		detailLabel("Last run "+s.LastRunAt.In(time.Local).Format("2006-01-02 15:04"), widget.MediumImportance))
	var failing []string
	for _, r := range s.Latest {
		if r.Failed > 0 {
			failing = append(failing, fmt.Sprintf("%s (%d)", r.Suite, r.Failed))
		}
	}
	if len(failing) > 0 {
		body.Add(detailLabel("Failing: "+strings.Join(failing, ", "), widget.DangerImportance))
	}
	return kit.NewTintedPanel(tn, 0x18, container.NewPadded(body))
}

// passRate shows passed / (passed + failed) as "97.9%", "—" when nothing ran.
func passRate(s data.EnvTestSummary) string {
	if s.Passed+s.Failed == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", 100*s.PassRate)
}

// detailLabel is a line of detail in caption size, wrapping when narrow.
func detailLabel(text string, imp widget.Importance) *widget.Label {
	l := &widget.Label{Text: text, Importance: imp, Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
	l.ExtendBaseWidget(l)
	return l
}

// testRunsHeader names the columns of the runs table.
func testRunsHeader() fyne.CanvasObject {
	cell := func(text string, w float32, align fyne.TextAlign) fyne.CanvasObject {
		l := &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}, Alignment: align}
		l.ExtendBaseWidget(l)
		return kit.FixedWidth(w, l)
	}
	notes := &widget.Label{Text: "Notes", TextStyle: fyne.TextStyle{Bold: true}}
	notes.ExtendBaseWidget(notes)
	return container.NewBorder(nil, nil, container.NewHBox(
		cell("Environment", runEnvWidth, fyne.TextAlignLeading), cell("Suite", runSuiteWidth, fyne.TextAlignLeading),
		cell("Passed", runCountWidth, fyne.TextAlignTrailing), cell("Failed", runCountWidth, fyne.TextAlignTrailing),
		cell("Skipped", runCountWidth, fyne.TextAlignTrailing), cell("Run at", runAtWidth, fyne.TextAlignLeading)), nil, notes)
}

// testRunRow holds the widgets of one row of the runs list, reused as the list scrolls.
type testRunRow struct {
	widget.BaseWidget
	swatch                     *canvas.Rectangle
	env, suite, passed, failed *widget.Label
	skipped, at, notes         *widget.Label
	edit, remove               *widget.Button
	content                    fyne.CanvasObject
}

func newTestRunRow() fyne.CanvasObject {
	r := &testRunRow{swatch: &canvas.Rectangle{CornerRadius: 3}}
	mk := func(align fyne.TextAlign) *widget.Label {
		l := &widget.Label{Alignment: align, Truncation: fyne.TextTruncateEllipsis}
		l.ExtendBaseWidget(l)
		return l
	}
	r.env, r.suite, r.at, r.notes = mk(fyne.TextAlignLeading), mk(fyne.TextAlignLeading), mk(fyne.TextAlignLeading), mk(fyne.TextAlignLeading)
	r.passed, r.failed, r.skipped = mk(fyne.TextAlignTrailing), mk(fyne.TextAlignTrailing), mk(fyne.TextAlignTrailing)
	r.notes.TextStyle = fyne.TextStyle{Italic: true}
	r.edit = &widget.Button{Text: "Edit", Icon: theme.DocumentCreateIcon(), Importance: widget.LowImportance}
	r.remove = &widget.Button{Text: "Delete", Icon: theme.DeleteIcon(), Importance: widget.LowImportance}
	r.edit.ExtendBaseWidget(r.edit)
	r.remove.ExtendBaseWidget(r.remove)
	env := container.NewBorder(nil, nil, container.NewCenter(kit.FixedSize(fyne.NewSize(12, 12), r.swatch)), nil, r.env)
	r.content = container.NewBorder(nil, nil, container.NewHBox(
		kit.FixedWidth(runEnvWidth, env), kit.FixedWidth(runSuiteWidth, r.suite), kit.FixedWidth(runCountWidth, r.passed),
		kit.FixedWidth(runCountWidth, r.failed), kit.FixedWidth(runCountWidth, r.skipped), kit.FixedWidth(runAtWidth, r.at)),
		container.NewHBox(r.edit, r.remove), r.notes)
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer shows the row's cells.
func (r *testRunRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.content) }

// updateRow shows run in the list row o and points its buttons at run.
func (t *testsTab) updateRow(o fyne.CanvasObject, run data.TestRun) {
	r := o.(*testRunRow)
	r.swatch.FillColor = envColorOf(t.envs, run.EnvironmentID)
	r.swatch.Refresh()
	r.env.SetText(run.Environment.Name)
	r.suite.SetText(run.Suite)
	r.passed.SetText(kit.FormatCount(run.Passed))
	r.failed.SetText(kit.FormatCount(run.Failed))
	r.failed.Importance = widget.MediumImportance
	r.failed.TextStyle = fyne.TextStyle{}
	if run.Failed > 0 {
		r.failed.Importance = widget.DangerImportance
		r.failed.TextStyle = fyne.TextStyle{Bold: true}
	}
	r.failed.Refresh()
	r.skipped.SetText(kit.FormatCount(run.Skipped))
	r.at.SetText(run.RunAt.In(time.Local).Format("2006-01-02 15:04"))
	r.notes.SetText(firstLine(run.Notes))
	r.edit.OnTapped = func() { t.onEdit(run) }
	r.remove.OnTapped = func() { t.onDelete(run) }
}

// onAdd opens the form for a new run, on the environment of the latest run.
func (t *testsTab) onAdd() {
	if len(t.envs) == 0 {
		t.loading.problem.SetText("Add the environments of the promotion path first; a test run belongs to one.")
		t.loading.problem.Show()
		return
	}
	blank := data.TestRun{ReleaseID: t.release.ID, EnvironmentID: t.envs[0].ID, RunAt: time.Now().Truncate(time.Minute)}
	if len(t.runs) > 0 {
		blank.EnvironmentID = t.runs[0].EnvironmentID
	}
	t.openForm("Add a test run to "+t.release.Name(), "Add run", blank, func(saved data.TestRun, store TestsStore) {
		id := saved.ID
		t.afterChange("Added the "+saved.Suite+" run", kit.Step{Label: "new " + saved.Suite + " run",
			Run: func(ctx context.Context) error {
				_, err := store.DeleteTestRun(ctx, id)
				return err
			}})
	})
}

func (t *testsTab) onEdit(run data.TestRun) {
	t.openForm("Edit the "+run.Suite+" run", "Save", run, func(saved data.TestRun, store TestsStore) {
		before := run
		t.afterChange("Saved the "+saved.Suite+" run", kit.Step{Label: "changes to the " + run.Suite + " run",
			Run: func(ctx context.Context) error {
				old := before
				return store.SaveTestRun(ctx, &old)
			}})
	})
}

// openForm shows the run form filled with run; saved runs once the store took it.
func (t *testsTab) openForm(title, action string, run data.TestRun, saved func(data.TestRun, TestsStore)) {
	f := newTestRunForm(t.envs, suiteNames(t.runs))
	f.fill(run)
	if run.ID == 0 {
		f.passed.SetText("") // the one count that must be typed; none failed or skipped until said
	}
	kit.ShowFormDialog(t.ed.screen.Win, title, action, f.form.Box, f.form, 560, func() bool {
		next, ok := f.collect(run)
		if !ok {
			return false
		}
		store := t.ed.store
		if err := store.SaveTestRun(t.ed.screen.Context(), &next); err != nil {
			f.form.ShowError("Could not save the run", err)
			return false
		}
		saved(next, store)
		return true
	})
}

func (t *testsTab) onDelete(run data.TestRun) {
	what := "the " + run.Suite + " run on " + run.Environment.Name
	detail := fmt.Sprintf("%s passed, %s failed, %s skipped at %s.", kit.FormatCount(run.Passed), kit.FormatCount(run.Failed),
		kit.FormatCount(run.Skipped), run.RunAt.In(time.Local).Format("2006-01-02 15:04"))
	store := t.ed.store
	deleteWithUndo(t.ed, t.reload, what, detail,
		func(ctx context.Context) (data.TestRun, error) { return store.DeleteTestRun(ctx, run.ID) }, store.RestoreTestRun)
}

func (t *testsTab) afterChange(notice string, step kit.Step) {
	afterEditorChange(t.ed, notice, step, t.reload)
}
