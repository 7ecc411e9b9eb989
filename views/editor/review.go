package editor

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// ReviewStore is what the Review tab needs from the database.
type ReviewStore interface {
	Review(ctx context.Context, releaseID uint) (data.Review, error)
	SaveReview(ctx context.Context, rv *data.Review) error
	SaveActionItem(ctx context.Context, a *data.ActionItem) error
	DeleteActionItem(ctx context.Context, id uint) (data.ActionItem, error)
	RestoreActionItem(ctx context.Context, a data.ActionItem) error
	DeleteReview(ctx context.Context, id uint) (data.Review, error)
	ReleaseStakeholders(ctx context.Context, releaseID uint) ([]data.ReleaseStakeholder, error)
}

var _ ReviewStore = (*data.Store)(nil)

// verdictTones colour a review's verdict like the rest of the palette.
var verdictTones = map[data.Verdict]kit.Tone{
	data.VerdictSuccessful:   kit.ToneGreen,
	data.VerdictWithIssues:   kit.ToneAmber,
	data.VerdictUnsuccessful: kit.ToneRed,
}

// reviewValues is the review form as text, compared to tell whether it changed.
type reviewValues [8]string

// reviewTab is the post-release review of a release: a form saved with its
// own Save button (so leaving with unsaved changes asks), and the action items agreed in it.
type reviewTab struct {
	ed   *Editor
	item *container.TabItem

	release data.Release
	review  data.Review // as stored; ID 0 while the release has none
	people  []string    // names offered as facilitator and owners
	loading *tabLoading

	left, right         *kit.FieldForm
	forms               map[string]*kit.FieldForm // the form showing each store field
	heldOn              *widget.DateEntry
	facilitator         *widget.SelectEntry
	verdict, objectives *widget.Select
	summary, wentWell   *widget.Entry
	wentBadly, lessons  *widget.Entry
	badge               *kit.Badge
	note                *fyne.Container
	noteText            *widget.Label
	state               *widget.Label
	save, revert        *widget.Button
	problem             *widget.Label // the loader's problem line, which also says what stopped a save
	actions             *actionList

	shown   reviewValues
	filling bool
}

func newReviewTab(ed *Editor) editorTab {
	t := &reviewTab{ed: ed, left: kit.NewFieldForm(), right: kit.NewFieldForm(), forms: map[string]*kit.FieldForm{}, badge: kit.NewBadge()}
	t.heldOn = kit.NewDayEntry()
	t.facilitator = widget.NewSelectEntry(nil)
	t.facilitator.PlaceHolder = "Who ran the review"
	t.verdict = widget.NewSelect(kit.LabelsOf(data.Verdicts, data.Verdict.Label), nil)
	t.objectives = widget.NewSelect(kit.LabelsOf(data.ObjectivesOptions, data.ObjectivesMet.Label), nil)
	text := func(rows int, hint string) *widget.Entry {
		e := &widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord, PlaceHolder: hint}
		e.ExtendBaseWidget(e)
		e.SetMinRowsVisible(rows)
		return e
	}
	t.summary = text(5, "What happened, in a few sentences")
	t.wentWell, t.wentBadly = text(4, "What to keep doing"), text(4, "What hurt: incidents, delays, surprises")
	t.lessons = text(4, "What to do differently next time")
	t.addField(t.left, "HeldOn", "Held on", kit.Leading(220, t.heldOn))
	t.addField(t.left, "Facilitator", "Facilitator", t.facilitator)
	t.addField(t.left, "Verdict", "Verdict", kit.Leading(260, t.verdict))
	t.addField(t.left, "ObjectivesMet", "Objectives met", kit.Leading(260, t.objectives))
	t.addField(t.left, "Summary", "Summary", t.summary)
	t.addField(t.right, "WentWell", "Went well", t.wentWell)
	t.addField(t.right, "WentBadly", "Went badly", t.wentBadly)
	t.addField(t.right, "Lessons", "Lessons", t.lessons)
	changed := func() { t.updateState() }
	t.heldOn.OnChanged = func(*time.Time) { changed() }
	t.verdict.OnChanged = func(string) { changed() }
	t.objectives.OnChanged = func(string) { changed() }
	for e, max := range map[*widget.Entry]int{&t.facilitator.Entry: data.MaxNameLength, t.summary: data.MaxNoteLength,
		t.wentWell: data.MaxNoteLength, t.wentBadly: data.MaxNoteLength, t.lessons: data.MaxNoteLength} {
		e.OnChanged = func(string) { changed() }
		kit.LimitText(e, max)
	}

	heading := &widget.Label{Text: "Post-release review", SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	heading.ExtendBaseWidget(heading)
	t.loading = newTabLoading(ed, "Could not load the review", func() uint { return t.release.ID })
	t.problem = t.loading.problem
	t.noteText = kit.WrappedLabel("")
	t.note = container.NewPadded(kit.NewTintedPanel(kit.ToneBlue, 0x1f, container.NewBorder(nil, nil,
		container.NewPadded(widget.NewIcon(theme.InfoIcon())), nil, t.noteText)))
	t.note.Hide()
	t.actions = newActionList(t)
	columns := container.NewGridWithColumns(2, t.column("Review", t.left), t.column("Retrospective", t.right))
	gap := kit.FixedSize(fyne.NewSize(0, theme.Padding()*4), layout.NewSpacer())
	body := container.NewVBox(t.note, columns, gap, t.actions.box)

	t.state = &widget.Label{TextStyle: fyne.TextStyle{Italic: true}}
	t.state.ExtendBaseWidget(t.state)
	t.revert = &widget.Button{Text: "Revert", Icon: theme.ContentUndoIcon(), OnTapped: t.onRevert}
	t.revert.ExtendBaseWidget(t.revert)
	t.save = &widget.Button{Text: "Save review", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: func() { t.saveReview() }}
	t.save.ExtendBaseWidget(t.save)
	footer := container.NewBorder(nil, nil, container.NewCenter(t.state), container.NewHBox(t.revert, t.save))
	top := container.NewVBox(container.NewHBox(heading, container.NewCenter(t.badge)), t.problem)
	t.item = container.NewTabItemWithIcon("Review", theme.DocumentIcon(), container.NewPadded(
		container.NewBorder(top, container.NewVBox(widget.NewSeparator(), footer), nil, nil, container.NewVScroll(body))))
	t.fillForm(data.Review{})
	return t
}

func (t *reviewTab) addField(f *kit.FieldForm, field, label string, input fyne.CanvasObject) {
	f.Add(field, label, input, "")
	t.forms[field] = f
}

// column puts a form under a heading.
func (t *reviewTab) column(heading string, f *kit.FieldForm) fyne.CanvasObject {
	return container.NewVBox(sectionHeading(heading), f.Box)
}

func (t *reviewTab) tabItem() *container.TabItem { return t.item }

// dirty reports whether the review form holds changes not saved yet.
func (t *reviewTab) dirty() bool { return t.values() != t.shown }

func (t *reviewTab) values() reviewValues {
	return reviewValues{t.heldOn.Text, t.facilitator.Text, t.verdict.Selected, t.objectives.Selected,
		t.summary.Text, t.wentWell.Text, t.wentBadly.Text, t.lessons.Text}
}

// show loads r's review. Showing the same release again (after a save on
// another tab, say) keeps the user's unsaved edits; discard drops them.
func (t *reviewTab) show(r data.Release) {
	if r.ID != t.release.ID {
		t.release = r
		t.fillForm(data.Review{})
		t.actions.fill(0, nil)
	}
	t.release = r
	t.showNote()
	if r.ID != 0 {
		t.reload()
	}
}

// followStatus updates the note on the release's status after a change made
// on another tab; the form and its edits stay as they are.
func (t *reviewTab) followStatus(r data.Release) {
	if r.ID == t.release.ID {
		t.release = r
		t.showNote()
	}
}

// discardEdits puts the stored review back in the form.
func (t *reviewTab) discardEdits() { t.fillForm(t.review) }

// saveEdits saves the form when the editor is left with Save.
func (t *reviewTab) saveEdits() bool { return t.saveReview() }

// showNote explains, for a release not out yet, that a review usually comes after release.
func (t *reviewTab) showNote() {
	switch t.release.Status {
	case data.StatusReleased, data.StatusRolledBack, "":
		t.note.Hide()
		return
	case data.StatusCancelled:
		t.noteText.SetText("This release was cancelled. A review is optional, but can still capture what was learned.")
	default:
		t.noteText.SetText("Reviews are usually held after the release goes out — this one is still " +
			strings.ToLower(t.release.Status.Label()) + ". You can record one now all the same.")
	}
	t.note.Show()
}

// reload reads the review and the release's people again in the background;
// the form follows only while it holds no unsaved edits.
func (t *reviewTab) reload() {
	t.loading.reload(func(ctx context.Context, store Store, id uint) (func(), error) {
		rv, err := store.Review(ctx, id)
		if errors.Is(err, data.ErrNotFound) {
			rv, err = data.Review{}, nil
		}
		var people []data.ReleaseStakeholder
		if err == nil {
			people, err = store.ReleaseStakeholders(ctx, id)
		}
		return func() { t.showLoaded(rv, people) }, err
	})
}

// showLoaded shows the stored review rv and offers people as facilitator and owners.
func (t *reviewTab) showLoaded(rv data.Review, people []data.ReleaseStakeholder) {
	t.people = ownerChoices(t.release, nil, people)
	t.facilitator.SetOptions(t.people)
	if t.dirty() {
		t.review = rv
		t.updateState()
	} else {
		t.fillForm(rv)
	}
	t.actions.fill(rv.ID, rv.Actions)
}

// fillForm shows rv in the form; a release without a review starts one held today.
func (t *reviewTab) fillForm(rv data.Review) {
	t.filling = true
	defer func() { t.filling = false }()
	t.review = rv
	held := rv.HeldOn
	if rv.ID == 0 {
		held = data.Today()
	}
	kit.SetDay(t.heldOn, held)
	kit.SetLimitedText(&t.facilitator.Entry, rv.Facilitator, data.MaxNameLength)
	if rv.ID == 0 {
		t.verdict.ClearSelected()
		t.objectives.ClearSelected()
	} else {
		t.verdict.SetSelected(rv.Verdict.Label())
		t.objectives.SetSelected(rv.ObjectivesMet.Label())
	}
	kit.SetLimitedText(t.summary, rv.Summary, data.MaxNoteLength)
	kit.SetLimitedText(t.wentWell, rv.WentWell, data.MaxNoteLength)
	kit.SetLimitedText(t.wentBadly, rv.WentBadly, data.MaxNoteLength)
	kit.SetLimitedText(t.lessons, rv.Lessons, data.MaxNoteLength)
	t.shown = t.values()
	t.clearProblems()
	t.filling = false
	t.updateState()
}

// updateState says whether the form is saved and offers Save and Revert only when it is not.
func (t *reviewTab) updateState() {
	if t.filling {
		return
	}
	if rv := t.review; rv.ID != 0 {
		t.badge.Set(rv.Verdict.Label(), kit.ToneOr(verdictTones, rv.Verdict))
		t.badge.Show()
	} else {
		t.badge.Hide()
	}
	switch {
	case t.dirty():
		t.state.SetText("Unsaved changes")
		t.state.Importance = widget.WarningImportance
		t.save.Enable()
		t.revert.Enable()
	case t.review.ID == 0:
		t.state.SetText("No review recorded yet — fill in the form and save it.")
		t.state.Importance = widget.MediumImportance
		t.save.Enable() // saving the blank form explains what is missing
		t.revert.Disable()
	default:
		t.state.SetText("Saved " + t.review.UpdatedAt.Local().Format("2006-01-02 15:04"))
		t.state.Importance = widget.MediumImportance
		t.save.Disable()
		t.revert.Disable()
	}
	t.state.Refresh()
}

func (t *reviewTab) clearProblems() {
	t.left.Clear()
	t.right.Clear()
	t.problem.Hide()
}

// showProblems puts each problem next to its field; one for a field the form does not show goes on top.
func (t *reviewTab) showProblems(v *data.ValidationError) {
	t.clearProblems()
	var other []string
	for _, fe := range v.Fields {
		if f := t.forms[fe.Field]; f != nil {
			f.Problem(fe.Field, fe.Message)
		} else {
			other = append(other, kit.ProblemText(fe.Field, fe.Message))
		}
	}
	if len(other) > 0 {
		t.problem.SetText(strings.Join(other, "\n"))
		t.problem.Show()
	}
}

// collect reads the review the form describes on top of the stored one, with the problems quick checks find.
func (t *reviewTab) collect() (data.Review, *data.ValidationError) {
	rv := t.review
	rv.Actions, rv.ReleaseID = nil, t.release.ID
	var bad data.ValidationError
	add := func(field, msg string) { bad.Fields = append(bad.Fields, data.FieldError{Field: field, Message: msg}) }
	day, ok := kit.DayOf(t.heldOn)
	switch {
	case !ok:
		add("HeldOn", "is not a date like "+kit.DateExample())
	case day.IsZero():
		add("HeldOn", "is required")
	}
	rv.HeldOn = day
	rv.Facilitator = strings.TrimSpace(t.facilitator.Text)
	if rv.Verdict = kit.ValueOf(data.Verdicts, data.Verdict.Label, t.verdict.Selected); rv.Verdict == "" {
		add("Verdict", "is required: successful, successful with issues or unsuccessful")
	}
	if rv.ObjectivesMet = kit.ValueOf(data.ObjectivesOptions, data.ObjectivesMet.Label, t.objectives.Selected); rv.ObjectivesMet == "" {
		add("ObjectivesMet", "is required: yes, partly or no")
	}
	rv.Summary, rv.WentWell = strings.TrimSpace(t.summary.Text), strings.TrimSpace(t.wentWell.Text)
	rv.WentBadly, rv.Lessons = strings.TrimSpace(t.wentBadly.Text), strings.TrimSpace(t.lessons.Text)
	if len(bad.Fields) > 0 {
		return rv, &bad
	}
	return rv, nil
}

// saveReview stores the form; it reports whether the review was saved.
func (t *reviewTab) saveReview() bool {
	rv, bad := t.collect()
	if bad != nil {
		t.showProblems(bad)
		return false
	}
	store := t.ed.store
	if err := store.SaveReview(t.ed.screen.Context(), &rv); err != nil {
		if v, ok := data.AsValidation(err); ok {
			t.showProblems(v)
		} else {
			t.clearProblems()
			t.problem.SetText("Could not save the review: " + err.Error())
			t.problem.Show()
		}
		return false
	}
	before := t.review
	rv.Actions = before.Actions
	t.fillForm(rv)
	if before.ID == 0 {
		id := rv.ID
		t.actions.fill(id, nil) // the action items can be added at once, before the reload answers
		t.afterChange("Saved the review of "+t.release.Name()+" — add the action items agreed in it below", kit.Step{
			Label: "new review of " + t.release.Name(),
			Run: func(ctx context.Context) error {
				_, err := store.DeleteReview(ctx, id)
				return err
			}})
		return true
	}
	t.afterChange("Saved the review of "+t.release.Name(), kit.Step{Label: "changes to the review of " + t.release.Name(),
		Run: func(ctx context.Context) error {
			old := before
			old.Actions = nil
			return store.SaveReview(ctx, &old)
		}})
	return true
}

// onRevert drops the unsaved edits after asking.
func (t *reviewTab) onRevert() {
	if !t.dirty() {
		return
	}
	d := dialog.NewConfirm("Revert the review?", "Your unsaved changes to the review of "+t.release.Name()+" are dropped.", func(ok bool) {
		if ok {
			t.discardEdits()
		}
	}, t.ed.screen.Win)
	d.SetConfirmText("Revert")
	d.SetDismissText("Keep editing")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

func (t *reviewTab) afterChange(notice string, step kit.Step) {
	afterEditorChange(t.ed, notice, step, t.reload)
}
