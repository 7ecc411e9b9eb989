package editor

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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

	form                *kit.FieldForm
	heldOn              *kit.DayEntry
	facilitator         *kit.SelectEntry
	verdict, objectives *kit.Select
	summary, wentWell   *kit.Entry
	wentBadly, lessons  *kit.Entry
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
	t := &reviewTab{ed: ed, form: kit.NewFieldForm(), badge: kit.NewBadge()}
	t.heldOn = kit.NewDayEntry()
	t.facilitator = kit.NewSelectEntry(nil, "Who ran the review").Limit(data.MaxNameLength)
	t.verdict = kit.NewSelect(kit.LabelsOf(data.Verdicts, data.Verdict.Label), "")
	t.objectives = kit.NewSelect(kit.LabelsOf(data.ObjectivesOptions, data.ObjectivesMet.Label), "")
	t.summary = kit.NewNotes("What happened, in a few sentences", 5).Limit(data.MaxNoteLength)
	t.wentWell = kit.NewNotes("What to keep doing", 4).Limit(data.MaxNoteLength)
	t.wentBadly = kit.NewNotes("What hurt: incidents, delays, surprises", 4).Limit(data.MaxNoteLength)
	t.lessons = kit.NewNotes("What to do differently next time", 4).Limit(data.MaxNoteLength)
	changed := func() { t.updateState() }
	t.verdict.OnChanged = func(string) { changed() }
	t.objectives.OnChanged = func(string) { changed() }
	for _, e := range []*widget.Entry{&t.facilitator.Entry, &t.summary.Entry, &t.wentWell.Entry, &t.wentBadly.Entry, &t.lessons.Entry} {
		e.OnChanged = chainText(e.OnChanged, changed)
	}
	f := t.form
	left := f.Grid
	f.Add("HeldOn", "Held on", kit.Leading(220, t.heldOn), "")
	f.Add("Facilitator", "Facilitator", t.facilitator, "")
	f.Add("Verdict", "Verdict", kit.Leading(260, t.verdict), "")
	f.Add("ObjectivesMet", "Objectives met", kit.Leading(260, t.objectives), "")
	f.Add("Summary", "Summary", t.summary, "")
	right := f.NewGrid()
	f.Add("WentWell", "Went well", t.wentWell, "")
	f.Add("WentBadly", "Went badly", t.wentBadly, "")
	f.Add("Lessons", "Lessons", t.lessons, "")
	f.Check(func() *data.ValidationError { _, v := t.collect(); return v })
	t.heldOn.OnChanged = func(*time.Time) { changed() }

	heading := &widget.Label{Text: "Post-release review", SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	heading.ExtendBaseWidget(heading)
	t.loading = newTabLoading(ed, "Could not load the review", func() uint { return t.release.ID })
	t.problem = t.loading.problem
	t.noteText = kit.WrappedLabel("")
	t.note = container.NewPadded(kit.NewTintedPanel(kit.ToneBlue, 0x1f, container.NewBorder(nil, nil,
		container.NewPadded(widget.NewIcon(theme.InfoIcon())), nil, t.noteText)))
	t.note.Hide()
	t.actions = newActionList(t)
	columns := container.NewGridWithColumns(2, container.NewVBox(sectionHeading("Review"), left), container.NewVBox(sectionHeading("Retrospective"), right))
	gap := kit.FixedSize(fyne.NewSize(0, theme.Padding()*4), layout.NewSpacer())
	body := container.NewVBox(t.note, columns, gap, t.actions.box)

	t.state = &widget.Label{TextStyle: fyne.TextStyle{Italic: true}}
	t.state.ExtendBaseWidget(t.state)
	t.revert = &widget.Button{Text: "Revert", Icon: theme.ContentUndoIcon(), OnTapped: t.onRevert}
	t.revert.ExtendBaseWidget(t.revert)
	t.save = &widget.Button{Text: "Save review", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: func() { t.saveReview() }}
	t.save.ExtendBaseWidget(t.save)
	footer := container.NewBorder(nil, nil, container.NewCenter(t.state), container.NewHBox(t.revert, t.save), f.GeneralLine())
	top := container.NewVBox(container.NewHBox(heading, container.NewCenter(t.badge)), t.problem)
	t.item = container.NewTabItemWithIcon("Review", theme.DocumentIcon(), container.NewPadded(
		container.NewBorder(top, container.NewVBox(widget.NewSeparator(), footer), nil, nil, container.NewVScroll(body))))
	t.fillForm(data.Review{})
	return t
}

// chainText runs first (when set) and then then, after each change of a text.
func chainText(first func(string), then func()) func(string) {
	return func(s string) {
		if first != nil {
			first(s)
		}
		then()
	}
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
	t.heldOn.SetDay(held)
	kit.SetLimitedText(&t.facilitator.Entry, rv.Facilitator, data.MaxNameLength)
	if rv.ID == 0 {
		t.verdict.ClearSelected()
		t.objectives.ClearSelected()
	} else {
		t.verdict.SetSelected(rv.Verdict.Label())
		t.objectives.SetSelected(rv.ObjectivesMet.Label())
	}
	kit.SetLimitedText(&t.summary.Entry, rv.Summary, data.MaxNoteLength)
	kit.SetLimitedText(&t.wentWell.Entry, rv.WentWell, data.MaxNoteLength)
	kit.SetLimitedText(&t.wentBadly.Entry, rv.WentBadly, data.MaxNoteLength)
	kit.SetLimitedText(&t.lessons.Entry, rv.Lessons, data.MaxNoteLength)
	t.shown = t.values()
	t.form.Reset()
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
		t.state.SetText("Saved " + kit.FormatTime(t.review.UpdatedAt))
		t.state.Importance = widget.MediumImportance
		t.save.Disable()
		t.revert.Disable()
	}
	t.state.Refresh()
}

// collect reads the review the form describes on top of the stored one,
// with what is wrong with it.
func (t *reviewTab) collect() (data.Review, *data.ValidationError) {
	rv := t.review
	rv.Actions, rv.ReleaseID = nil, t.release.ID
	var bad *data.ValidationError
	if err := t.heldOn.Check(true); err != nil {
		bad = kit.Fields(bad, "HeldOn", err.Error())
	}
	rv.HeldOn, _ = t.heldOn.Value()
	rv.Facilitator = strings.TrimSpace(t.facilitator.Text)
	if rv.Verdict = kit.ValueOf(data.Verdicts, data.Verdict.Label, t.verdict.Selected); rv.Verdict == "" {
		bad = kit.Fields(bad, "Verdict", "is required: successful, successful with issues or unsuccessful")
	}
	if rv.ObjectivesMet = kit.ValueOf(data.ObjectivesOptions, data.ObjectivesMet.Label, t.objectives.Selected); rv.ObjectivesMet == "" {
		bad = kit.Fields(bad, "ObjectivesMet", "is required: yes, partly or no")
	}
	rv.Summary, rv.WentWell = strings.TrimSpace(t.summary.Text), strings.TrimSpace(t.wentWell.Text)
	rv.WentBadly, rv.Lessons = strings.TrimSpace(t.wentBadly.Text), strings.TrimSpace(t.lessons.Text)
	return rv, bad
}

// saveReview stores the form; it reports whether the review was saved.
func (t *reviewTab) saveReview() bool {
	if !t.form.Submit() {
		return false
	}
	rv, _ := t.collect()
	if err := t.ed.store.SaveReview(t.ed.screen.Context(), &rv); err != nil {
		t.form.ShowError("Could not save the review", err)
		return false
	}
	before := t.review
	rv.Actions = before.Actions
	t.fillForm(rv)
	if before.ID == 0 {
		t.actions.fill(rv.ID, nil) // the action items can be added at once, before the reload answers
		t.afterChange("Saved the review of "+t.release.Name()+" — add the action items agreed in it below", kit.Step{
			Label: "new review of " + t.release.Name(), Change: data.Created(rv)})
		return true
	}
	t.afterChange("Saved the review of "+t.release.Name(), kit.Step{Label: "changes to the review of " + t.release.Name(),
		Change: data.Edited(before, rv)})
	return true
}

// onRevert drops the unsaved edits after asking.
func (t *reviewTab) onRevert() {
	if !t.dirty() {
		return
	}
	kit.Confirm(t.ed.screen.Win, "Revert the review?", "Your unsaved changes to the review of "+t.release.Name()+" are dropped.",
		"Revert", "Keep editing", widget.DangerImportance, t.discardEdits)
}

func (t *reviewTab) afterChange(notice string, step kit.Step) {
	afterEditorChange(t.ed, notice, step, t.reload)
}
