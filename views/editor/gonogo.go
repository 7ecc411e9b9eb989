package editor

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// GoNoGoStore is what the Go/no-go tab needs from the database.
type GoNoGoStore interface {
	Readiness(ctx context.Context, id uint) (data.Readiness, error)
	RegressionSummary(ctx context.Context, releaseID uint) ([]data.EnvTestSummary, error)
	Decisions(ctx context.Context, releaseID uint) ([]data.GoDecision, error)
	RecordDecision(ctx context.Context, d *data.GoDecision) error
	DeleteDecision(ctx context.Context, id uint) (data.GoDecision, error)
	RestoreDecision(ctx context.Context, d data.GoDecision) error
}

var _ GoNoGoStore = (*data.Store)(nil)

// decisionTones colour decisions like the rest of the palette: go is green, no-go red, deferred amber.
var decisionTones = map[data.Decision]kit.Tone{
	data.DecisionGo:       kit.ToneGreen,
	data.DecisionNoGo:     kit.ToneRed,
	data.DecisionDeferred: kit.ToneAmber,
}

// goNoGoTab gathers the release's readiness from the other tabs and keeps
// the record of its go/no-go decisions.
type goNoGoTab struct {
	ed   *Editor
	item *container.TabItem

	release   data.Release
	readiness data.Readiness
	testedOn  int // environments with test runs
	decisions []data.GoDecision
	loading   *tabLoading
	hooked    bool

	verdict   *kit.Badge
	record    *widget.Button
	checks    *fyne.Container
	history   *fyne.Container
	noHistory *widget.Label
}

func newGoNoGoTab(ed *Editor) editorTab {
	t := &goNoGoTab{ed: ed, verdict: kit.NewBadge()}
	heading := &widget.Label{Text: "Go/no-go", SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	heading.ExtendBaseWidget(heading)
	t.record = &widget.Button{Text: "Record decision", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: t.onRecord}
	t.record.ExtendBaseWidget(t.record)
	t.loading = newTabLoading(ed, "Could not check readiness", func() uint { return t.release.ID })
	top := container.NewBorder(nil, nil, container.NewHBox(heading, container.NewCenter(t.verdict)), container.NewCenter(t.record))

	t.checks = container.NewVBox()
	t.history = container.NewVBox()
	t.noHistory = kit.WrappedLabel("No decision recorded yet — hold the go/no-go meeting, then record its outcome with Record decision.")
	t.noHistory.Importance = widget.LowImportance
	left := container.NewBorder(sectionHeading("Readiness"), nil, nil, nil, container.NewVScroll(t.checks))
	right := container.NewBorder(sectionHeading("Decisions"), nil, nil, nil, container.NewVScroll(container.NewVBox(t.noHistory, t.history)))
	t.item = container.NewTabItemWithIcon("Go/no-go", theme.QuestionIcon(),
		container.NewPadded(container.NewBorder(container.NewVBox(top, t.loading.problem), nil, nil, nil, container.NewGridWithColumns(2, left, right))))
	return t
}

func sectionHeading(text string) fyne.CanvasObject {
	l := &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}}
	l.ExtendBaseWidget(l)
	return container.NewVBox(l, widget.NewSeparator())
}

func (t *goNoGoTab) tabItem() *container.TabItem { return t.item }

// dirty is always false: decisions are recorded from their own dialog.
func (t *goNoGoTab) dirty() bool { return false }

// show loads r's readiness; another release's summary goes at once so it is never mistaken for r's.
func (t *goNoGoTab) show(r data.Release) {
	t.hookSelection()
	t.loading.show(&t.release, r, func() { t.fill(goNoGoData{}, false) }, t.reload)
}

// hookSelection reloads the tab whenever it is selected, because its summary
// gathers what the other tabs change. It chains the editor's OnSelected so
// other tabs may hook it as well.
func (t *goNoGoTab) hookSelection() {
	if t.hooked || t.ed.appTabs == nil {
		return
	}
	t.hooked = true
	prev := t.ed.appTabs.OnSelected
	t.ed.appTabs.OnSelected = func(item *container.TabItem) {
		if prev != nil {
			prev(item)
		}
		if item == t.item && t.release.ID != 0 {
			t.reload()
		}
	}
}

// reload reads readiness and decisions again in the background.
func (t *goNoGoTab) reload() {
	t.loading.reload(func(ctx context.Context, store Store, id uint) (func(), error) {
		v, err := loadGoNoGo(ctx, store, id)
		return func() { t.fill(v, true) }, err
	})
}

// goNoGoData is everything the tab shows, read in one go off the UI goroutine.
type goNoGoData struct {
	readiness data.Readiness
	testedOn  int
	decisions []data.GoDecision
}

func loadGoNoGo(ctx context.Context, store GoNoGoStore, releaseID uint) (goNoGoData, error) {
	var v goNoGoData
	var err error
	if v.readiness, err = store.Readiness(ctx, releaseID); err != nil {
		return v, err
	}
	sum, err := store.RegressionSummary(ctx, releaseID)
	if err != nil {
		return v, err
	}
	v.testedOn = len(sum)
	v.decisions, err = store.Decisions(ctx, releaseID)
	return v, err
}

// fill shows v; until loaded, the summary and history stay empty rather than claim anything.
func (t *goNoGoTab) fill(v goNoGoData, loaded bool) {
	rd, ds := v.readiness, v.decisions
	t.readiness, t.testedOn, t.decisions = rd, v.testedOn, ds
	switch n := len(rd.Problems); {
	case t.release.ID == 0 || !loaded:
		t.verdict.Hide()
	case n == 0:
		t.verdict.Set("Ready for go", kit.ToneGreen)
		t.verdict.Show()
	default:
		t.verdict.Set(kit.Count(n, "readiness problem"), kit.ToneRed)
		t.verdict.Show()
	}
	t.checks.Objects = t.checks.Objects[:0]
	if t.release.ID != 0 && loaded {
		for _, c := range readinessChecks(rd, v.testedOn) {
			t.checks.Add(c.object())
		}
	}
	t.checks.Refresh()
	t.history.Objects = t.history.Objects[:0]
	for _, d := range ds {
		t.history.Add(t.decisionCard(d))
	}
	t.history.Refresh()
	t.noHistory.Hidden = len(ds) > 0 || t.release.ID == 0 || !loaded
	t.noHistory.Refresh()
}

// decisionCard shows one recorded decision: what, when, who, on what
// conditions, and the readiness problems it was taken despite.
func (t *goNoGoTab) decisionCard(d data.GoDecision) fyne.CanvasObject {
	b := kit.NewBadge()
	b.Set(d.Decision.Label(), kit.ToneOr(decisionTones, d.Decision))
	when := &widget.Label{Text: d.DecidedAt.In(time.Local).Format("2006-01-02 15:04"), TextStyle: fyne.TextStyle{Bold: true}}
	when.ExtendBaseWidget(when)
	del := &widget.Button{Text: "Delete", Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { t.onDelete(d) }}
	del.ExtendBaseWidget(del)
	body := container.NewVBox(container.NewBorder(nil, nil, container.NewHBox(container.NewCenter(b), when), del))
	for _, part := range []struct{ name, text string }{
		{"Attendees", strings.Join(nonEmptyLines(d.Attendees), ", ")},
		{"Conditions", strings.TrimSpace(d.Conditions)},
		{"Notes", strings.TrimSpace(d.Notes)},
	} {
		if part.text != "" {
			body.Add(kit.WrappedLabel(part.name + ": " + part.text))
		}
	}
	if w := nonEmptyLines(d.Warnings); len(w) > 0 {
		body.Add(kit.TintedNote(theme.WarningIcon(), "Recorded despite:\n• "+strings.Join(w, "\n• "), kit.ToneRed))
	}
	body.Add(widget.NewSeparator())
	return body
}

// nonEmptyLines splits s into its trimmed, non-empty lines.
func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// decisionForm asks for what a go/no-go meeting decided.
type decisionForm struct {
	form                         *kit.FieldForm
	choice                       *widget.RadioGroup
	at                           *kit.TimeEntry
	attendees, conditions, notes *widget.Entry
}

func newDecisionForm(now time.Time) *decisionForm {
	f := &decisionForm{form: kit.NewFieldForm(), at: kit.NewTimeEntry()}
	f.choice = widget.NewRadioGroup(kit.LabelsOf(data.Decisions, data.Decision.Label), nil)
	f.choice.Horizontal = true
	f.choice.Required = true
	f.at.Set(now.Truncate(time.Minute))
	entry := func(rows int, hint string) *widget.Entry {
		e := kit.LimitText(&widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord, PlaceHolder: hint}, data.MaxNoteLength)
		e.ExtendBaseWidget(e)
		e.SetMinRowsVisible(rows)
		return e
	}
	f.attendees = entry(3, "One person a line, e.g. Dana Ruiz (release manager)")
	f.conditions = entry(2, "What must hold for go, e.g. rollback rehearsed by Friday")
	f.notes = entry(2, "Discussion, risks accepted, follow-ups")
	f.form.Add("Decision", "Decision", f.choice, "")
	f.form.Add("DecidedAt", "Decided at", f.at.Object(), "")
	f.form.Add("Attendees", "Attendees", f.attendees, "")
	f.form.Add("Conditions", "Conditions", f.conditions, "")
	f.form.Add("Notes", "Notes", f.notes, "")
	f.form.Watch("DecidedAt", f.at.Clock)
	return f
}

// collect reads the decision the form describes; it shows each problem next
// to its field and reports whether there were none.
func (f *decisionForm) collect(releaseID uint) (data.GoDecision, bool) {
	f.form.Clear()
	ok := true
	d := data.GoDecision{ReleaseID: releaseID, Attendees: strings.Join(nonEmptyLines(f.attendees.Text), "\n"),
		Conditions: strings.TrimSpace(f.conditions.Text), Notes: strings.TrimSpace(f.notes.Text)}
	if d.Decision = kit.ValueOf(data.Decisions, data.Decision.Label, f.choice.Selected); d.Decision == "" {
		f.form.Problem("Decision", "is required: choose Go, No-go or Deferred")
		ok = false
	}
	at, err := f.at.Value()
	if err == nil && at.IsZero() {
		err = fmt.Errorf("is required")
	}
	if err != nil {
		f.form.Problem("DecidedAt", err.Error())
		ok = false
	}
	d.DecidedAt = at
	return d, ok
}

// onRecord opens the decision form. A go while readiness rules fail needs a
// second, explicit yes, and the failing rules are kept with the decision.
func (t *goNoGoTab) onRecord() {
	f := newDecisionForm(time.Now())
	intro := "Every readiness rule passes."
	if n := len(t.readiness.Problems); n > 0 {
		intro = fmt.Sprintf("%s fail. Recording Go asks you to confirm and keeps them with the decision.", kit.Count(n, "readiness rule"))
	}
	content := container.NewVBox(kit.WrappedLabel(intro), f.form.Box)
	var fd *dialog.CustomDialog
	fd = kit.ShowFormDialog(t.ed.screen.Win, "Record the go/no-go decision for "+t.release.Name(), "Record", content, f.form, 620, func() bool {
		d, ok := f.collect(t.release.ID)
		if !ok {
			return false
		}
		if d.Decision == data.DecisionGo {
			rd, err := t.ed.store.Readiness(t.ed.screen.Context(), t.release.ID)
			if err != nil {
				f.form.ShowError("Could not check readiness", err)
				return false
			}
			if !rd.Ready() {
				t.confirmGo(rd.Problems, func() {
					d.Warnings = strings.Join(rd.Problems, "\n")
					if t.save(f.form, &d) {
						fd.Hide()
					}
				})
				return false
			}
		}
		return t.save(f.form, &d)
	})
}

// confirmGo asks whether to record go although problems fail, listing them.
func (t *goNoGoTab) confirmGo(problems []string, yes func()) {
	lines := container.NewVBox(kit.WrappedLabel("These readiness rules fail. They will be kept with the decision as its warnings:"))
	for _, p := range problems {
		lines.Add(container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.NewErrorThemedResource(theme.CancelIcon()))), nil, kit.WrappedLabel(p)))
	}
	d := dialog.NewCustomConfirm(fmt.Sprintf("Record GO despite %s?", kit.Count(len(problems), "readiness problem")),
		"Record GO", "Go back", kit.FixedWidth(520, lines), func(ok bool) {
			if ok {
				yes()
			}
		}, t.ed.screen.Win)
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
	d.Resize(fyne.NewSize(600, 1)) // lay out again now the wrapped lines know their width
}

// save stores d, showing a rejection in form; it reports whether d was stored.
func (t *goNoGoTab) save(form *kit.FieldForm, d *data.GoDecision) bool {
	store := t.ed.store
	if err := store.RecordDecision(t.ed.screen.Context(), d); err != nil {
		form.ShowError("Could not record the decision", err)
		return false
	}
	id, label := d.ID, d.Decision.Label()
	t.afterChange("Recorded "+label+" for "+t.release.Name(), kit.Step{Label: label + " decision",
		Run: func(ctx context.Context) error {
			_, err := store.DeleteDecision(ctx, id)
			return err
		}})
	return true
}

func (t *goNoGoTab) onDelete(d data.GoDecision) {
	what := "the " + d.Decision.Label() + " decision of " + d.DecidedAt.In(time.Local).Format("2006-01-02 15:04")
	store := t.ed.store
	deleteWithUndo(t.ed, t.reload, what, "Only a decision recorded by mistake should go; the history keeps the deletion.",
		func(ctx context.Context) (data.GoDecision, error) { return store.DeleteDecision(ctx, d.ID) }, store.RestoreDecision)
}

func (t *goNoGoTab) afterChange(notice string, step kit.Step) {
	afterEditorChange(t.ed, notice, step, t.reload)
}
