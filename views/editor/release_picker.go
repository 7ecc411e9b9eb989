package editor

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// The release picker (a search over the releases with the nearest matches
// under it), which the Dependencies tab and moving scope share; and moving
// work to another release with it: the ticked items, or, when a release is
// cut, everything it has not finished (carry-over), to a release of the
// same product that is still to ship.

// stillToShip are the statuses of a release that can still take work.
var stillToShip = []data.ReleaseStatus{data.StatusDraft, data.StatusPlanned, data.StatusInProgress, data.StatusRolledBack}

// targetPicker offers the releases of the tab's product still to ship,
// the next one after this release chosen first.
func (t *scopeTab) targetPicker(form *kit.FieldForm) *releasePicker {
	p := newReleasePicker(t.ed, data.ReleaseFilter{ProductID: t.release.ProductID, Statuses: stillToShip}, t.release.ID, 6)
	from := t.release.PlannedRelease
	p.around = from // the releases after this one come first
	p.prefer = func(rows []data.Release) int {
		best := -1
		for i, r := range rows {
			later := from.IsZero() || (!r.PlannedRelease.IsZero() && r.PlannedRelease.After(from))
			if later && (best < 0 || (!r.PlannedRelease.IsZero() && r.PlannedRelease.Before(rows[best].PlannedRelease))) {
				best = i
			}
		}
		return best
	}
	p.onChosen = func(data.Release) { form.Problem("Release", "") }
	p.load()
	return p
}

// onMovePicked moves the ticked items to a release chosen in a dialog; Undo moves them back.
func (t *scopeTab) onMovePicked() {
	items := t.pickedItems()
	if len(items) == 0 {
		return
	}
	what := keysOf(items)
	ids := make([]uint, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	t.moveDialog("Move "+what, "Move", "Move "+what+" from "+t.release.Name()+" to:", func(to data.Release) (string, []data.WorkItem, error) {
		before, err := t.ed.store.MoveWorkItems(t.ed.screen.Context(), ids, to.ID)
		return "Moved " + what + " to " + to.Name(), before, err
	})
}

// onCarryOver moves the release's unfinished items to a release chosen in a
// dialog, as when a release is cut; Undo brings them back.
func (t *scopeTab) onCarryOver() {
	n := len(slices.DeleteFunc(slices.Clone(t.items), func(it data.WorkItem) bool { return !it.Status.Unfinished() }))
	if n == 0 {
		return
	}
	what := kit.Count(n, "unfinished item")
	from := t.release
	t.moveDialog("Carry over unfinished work", "Carry over",
		"Move the "+what+" of "+from.Name()+" (open or in progress) to the release that will ship them. Done and dropped items stay.",
		func(to data.Release) (string, []data.WorkItem, error) {
			before, err := t.ed.store.CarryOver(t.ed.screen.Context(), from.ID, to.ID)
			return "Carried " + kit.Count(len(before), "unfinished item") + " over to " + to.Name(), before, err
		})
}

// moveDialog asks for the release to move to, then runs move, which says
// what it did and returns the items as they were for the undo.
func (t *scopeTab) moveDialog(title, action, intro string, move func(to data.Release) (notice string, before []data.WorkItem, err error)) {
	form := kit.NewFieldForm()
	picker := t.targetPicker(form)
	form.Add("Release", "To release", picker.content, "")
	kit.ShowFormDialog(t.ed.screen.Win, title, action, container.NewVBox(kit.WrappedLabel(intro), form.Box), form, 640, func() bool {
		to := picker.chosen
		if to.ID == 0 {
			form.Problem("Release", "is required: choose the release the items go to")
			return false
		}
		notice, before, err := move(to)
		if err != nil {
			form.ShowError("Could not move the items", err)
			return false
		}
		for _, it := range before {
			delete(t.picked, it.ID)
		}
		t.afterChange(notice, t.undoStep("move to "+to.Name(), data.MovedWorkItems(before, to.ID)))
		return true
	})
}

// pickerRows is how many releases a picker lists: the nearest matches,
// since a plan may hold a hundred thousand.
const pickerRows = 40

// pickerDelay lets a typist finish a word before the picker asks again.
const pickerDelay = 200 * time.Millisecond

// releaseLister is what a release picker reads.
type releaseLister interface {
	ListReleases(ctx context.Context, f data.ReleaseFilter) ([]data.Release, error)
}

// releasePicker chooses a release: a search box over the releases base
// lets through (all but except), and the nearest matches under it, those
// still to ship first and the soonest first among them.
type releasePicker struct {
	ed     *Editor
	store  releaseLister
	base   data.ReleaseFilter
	except uint

	search  *widget.Entry
	list    *widget.List
	note    *widget.Label
	content fyne.CanvasObject

	rows   []data.Release
	chosen data.Release
	// around is the day the releases are listed from, soonest after it
	// first; today when not set.
	around data.Date
	loads  kit.Loads
	stop   func()
	// prefer, when set, picks the release chosen when the first answer comes.
	prefer func(rows []data.Release) int
	// onChosen hears of each choice.
	onChosen func(r data.Release)
}

func newReleasePicker(ed *Editor, base data.ReleaseFilter, except uint, listed int) *releasePicker {
	p := &releasePicker{ed: ed, store: ed.store, base: base, except: except}
	p.search = &widget.Entry{PlaceHolder: "Find a release by product, version or title…"}
	p.search.ExtendBaseWidget(p.search)
	p.search.OnChanged = func(string) {
		if p.stop != nil {
			p.stop()
		}
		p.stop = ed.screen.Sched.Later(pickerDelay, p.load)
	}
	p.list = widget.NewList(func() int { return len(p.rows) },
		func() fyne.CanvasObject { return newPickedRelease() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(p.rows) {
				o.(*pickedRelease).set(p.rows[id])
			}
		})
	p.list.OnSelected = func(id widget.ListItemID) {
		if id < len(p.rows) {
			p.choose(p.rows[id])
		}
	}
	p.note = kit.EmptyNote("")
	height := newPickedRelease().MinSize().Height*float32(listed) + 4
	p.content = container.NewBorder(p.search, nil, nil, nil,
		kit.FixedSize(fyne.NewSize(0, height), container.NewStack(p.list, p.note)))
	return p // the caller sets prefer and onChosen, then calls load
}

// load asks for the releases matching the search, in the background.
func (p *releasePicker) load() {
	f := p.base
	f.Search = strings.TrimSpace(p.search.Text)
	p.ed.screen.Load(&p.loads, func(ctx context.Context) func() {
		rows, err := p.store.ListReleases(ctx, f)
		rows = slices.DeleteFunc(rows, func(r data.Release) bool { return r.ID == p.except })
		around := p.around
		if around.IsZero() {
			around = data.Today()
		}
		slices.SortStableFunc(rows, func(a, b data.Release) int {
			return cmp.Or(cmp.Compare(shipped(a), shipped(b)), comparePlanned(a, b, around))
		})
		if len(rows) > pickerRows {
			rows = rows[:pickerRows]
		}
		return func() { p.show(rows, f.Search, err) }
	})
}

// shipped is 1 for a release that will not ship again, which sorts it last.
func shipped(r data.Release) int {
	if r.Status == data.StatusReleased || r.Status == data.StatusCancelled {
		return 1
	}
	return 0
}

// comparePlanned puts the releases planned from day on first, soonest
// first, then the earlier ones, latest first, then the undated.
func comparePlanned(a, b data.Release, day data.Date) int {
	key := func(r data.Release) (int, int) {
		switch {
		case r.PlannedRelease.IsZero():
			return 2, 0
		case r.PlannedRelease.Before(day):
			return 1, -day.DaysUntil(r.PlannedRelease)
		}
		return 0, day.DaysUntil(r.PlannedRelease)
	}
	ag, ad := key(a)
	bg, bd := key(b)
	return cmp.Or(cmp.Compare(ag, bg), cmp.Compare(ad, bd), cmp.Compare(a.ID, b.ID))
}

func (p *releasePicker) show(rows []data.Release, search string, err error) {
	p.rows = rows
	p.list.UnselectAll()
	p.list.Refresh()
	switch {
	case err != nil:
		p.note.SetText("Could not list the releases: " + err.Error())
	case len(rows) == 0 && search != "":
		p.note.SetText("No release matches “" + search + "”.")
	default:
		p.note.SetText("There is no other release to choose.")
	}
	p.note.Hidden = len(rows) > 0
	p.note.Refresh()
	if i := slices.IndexFunc(rows, func(r data.Release) bool { return r.ID == p.chosen.ID }); i >= 0 {
		p.list.Select(i)
	} else if p.prefer != nil && p.chosen.ID == 0 {
		if i := p.prefer(rows); i >= 0 {
			p.list.Select(i)
		}
	}
}

func (p *releasePicker) choose(r data.Release) {
	p.chosen = r
	if p.onChosen != nil {
		p.onChosen(r)
	}
}

// pickedRelease is one release of a picker: name, status and planned day, and title.
type pickedRelease struct {
	widget.BaseWidget
	name, when *widget.Label
	status     *kit.Badge
	box        *fyne.Container
}

func newPickedRelease() *pickedRelease {
	r := &pickedRelease{name: kit.NewBoldLine(), when: &widget.Label{Truncation: fyne.TextTruncateEllipsis}, status: kit.NewBadge()}
	r.when.ExtendBaseWidget(r.when)
	r.name.Truncation = fyne.TextTruncateOff
	r.status.SetStatus(data.StatusInProgress) // the widest status sizes the template
	r.box = container.NewBorder(nil, nil, r.name, container.NewCenter(r.status), r.when)
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer shows the row's parts.
func (r *pickedRelease) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

func (r *pickedRelease) set(rel data.Release) {
	r.name.SetText(rel.Name())
	when := rel.Title
	if !rel.PlannedRelease.IsZero() {
		when = kit.FormatDate(rel.PlannedRelease) + " · " + rel.Title
	}
	r.when.SetText(when)
	r.status.SetStatus(rel.Status)
	r.box.Refresh() // a reused row must make room for a longer name
}
