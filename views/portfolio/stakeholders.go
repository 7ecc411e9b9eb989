package portfolio

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

var _ fyne.Widget = (*Stakeholders)(nil)

// StakeholderStore is what the Stakeholders screen needs from the database.
type StakeholderStore interface {
	Stakeholders(ctx context.Context) ([]data.Stakeholder, error)
	SaveStakeholder(ctx context.Context, p *data.Stakeholder) error
	DeleteStakeholder(ctx context.Context, id uint) (data.Stakeholder, error)
	RestoreStakeholder(ctx context.Context, p data.Stakeholder) error
	StakeholderAssignments(ctx context.Context, stakeholderID uint) ([]data.ReleaseStakeholder, error)
	StakeholderReleaseCounts(ctx context.Context) (map[uint]int, error)
	RACIMatrix(ctx context.Context, from, to data.Date) (data.RACIMatrix, error)
	RACIApprovals(ctx context.Context, from, to data.Date) (map[data.RACIKey]data.Approval, error)
}

var _ StakeholderStore = (*data.Store)(nil)

// directoryColumn is a column of the people directory.
type directoryColumn struct {
	title string
	width float32
	text  func(p data.Stakeholder, releases int) string
}

var directoryColumns = []directoryColumn{
	{"Name", 210, func(p data.Stakeholder, _ int) string { return p.Name }},
	{"Email", 260, func(p data.Stakeholder, _ int) string { return p.Email }},
	{"Team", 190, func(p data.Stakeholder, _ int) string { return p.Team }},
	{"Title", 210, func(p data.Stakeholder, _ int) string { return p.Title }},
	{"Releases", 80, func(_ data.Stakeholder, n int) string { return kit.FormatCount(n) }},
	{"", 84, nil}, // edit and delete buttons
}

// Stakeholders is the Stakeholders screen: the people directory and the
// RACI matrix of the releases of a period.
type Stakeholders struct {
	widget.BaseWidget
	kit.Screen
	kit.UndoStack

	// OnOpenRelease is called with a release's id when the user asks to see it.
	OnOpenRelease func(id uint)

	store StakeholderStore

	people []data.Stakeholder
	counts map[uint]int
	// shown are the people the search matches, in directory order.
	shown   []data.Stakeholder
	search  *widget.Entry
	count   *widget.Label
	table   *widget.Table
	empty   *widget.Label
	raci    *raciMatrix
	tabs    *container.AppTabs
	content fyne.CanvasObject
	// form is the person form last opened.
	form  *kit.FieldForm
	loads kit.Loads
}

// NewStakeholders builds the Stakeholders screen on store; win hosts its
// dialogs and sched runs its queries.
func NewStakeholders(store StakeholderStore, win fyne.Window, sched kit.Scheduler) *Stakeholders {
	s := &Stakeholders{store: store}
	s.Start(win, sched)
	s.ExtendBaseWidget(s)
	s.content = s.buildUI()
	s.Reload()
	return s
}

// Refresh redraws the screen, reading it anew when the shell shows it again
// after a while (see Dashboard.Refresh).
func (s *Stakeholders) Refresh() {
	s.BaseWidget.Refresh()
	if s.Stale() {
		s.Reload()
	}
}

// CreateRenderer shows the screen's content.
func (s *Stakeholders) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.content)
}

func (s *Stakeholders) buildUI() fyne.CanvasObject {
	heading := &widget.Label{Text: "Stakeholders", SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	heading.ExtendBaseWidget(heading)
	add := &widget.Button{Text: "Add person", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance,
		OnTapped: func() { s.showForm(data.Stakeholder{}) }}
	add.ExtendBaseWidget(add)
	top := container.NewBorder(nil, nil, heading, container.NewCenter(add))

	s.search = &widget.Entry{PlaceHolder: "Search name, email, team, title…"}
	s.search.ExtendBaseWidget(s.search)
	s.search.OnChanged = func(string) { s.filter() }
	s.count = &widget.Label{}
	s.count.ExtendBaseWidget(s.count)
	s.table = &widget.Table{
		Length:       func() (int, int) { return len(s.shown), len(directoryColumns) },
		CreateCell:   func() fyne.CanvasObject { return newDirectoryCell(s) },
		UpdateCell:   func(id widget.TableCellID, o fyne.CanvasObject) { o.(*directoryCell).set(id) },
		CreateHeader: func() fyne.CanvasObject { return kit.NewBoldLine() },
		UpdateHeader: func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Col >= 0 && id.Col < len(directoryColumns) {
				o.(*widget.Label).SetText(directoryColumns[id.Col].title)
			}
		},
		ShowHeaderRow: true,
	}
	s.table.ExtendBaseWidget(s.table)
	for i, c := range directoryColumns {
		s.table.SetColumnWidth(i, c.width)
	}
	s.table.OnSelected = func(id widget.TableCellID) {
		s.table.UnselectAll()
		if id.Row >= 0 && id.Row < len(s.shown) && id.Col < len(directoryColumns)-1 {
			s.showForm(s.shown[id.Row])
		}
	}
	s.empty = kit.EmptyNote("")
	bar := container.NewBorder(nil, nil, nil, container.NewCenter(s.count), kit.FixedWidth(420, s.search))
	directory := container.NewBorder(bar, nil, nil, nil, container.NewStack(s.table, s.empty))

	s.raci = newRACIMatrix(s)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Directory", theme.AccountIcon(), directory),
		container.NewTabItemWithIcon("RACI matrix", theme.GridIcon(), s.raci.content),
	)
	s.Notice = kit.NewNotice(func() { s.content.Refresh() })
	return container.NewBorder(top, s.Notice.Box, nil, nil, s.tabs)
}

// Reload reads the directory and the RACI matrix again off the UI goroutine.
func (s *Stakeholders) Reload() {
	s.Load(&s.loads, func(ctx context.Context) func() {
		people, err := s.store.Stakeholders(ctx)
		var counts map[uint]int
		if err == nil {
			counts, err = s.store.StakeholderReleaseCounts(ctx)
		}
		return func() {
			if err != nil {
				s.ShowError("Could not load the directory", err)
				return
			}
			s.people, s.counts = people, counts
			s.Loaded()
			s.filter()
		}
	})
	s.raci.reload()
}

// filter shows the people the search matches.
func (s *Stakeholders) filter() {
	q := strings.ToLower(strings.TrimSpace(s.search.Text))
	s.shown = s.shown[:0]
	for _, p := range s.people {
		if q == "" || strings.Contains(strings.ToLower(p.Name+"\n"+p.Email+"\n"+p.Team+"\n"+p.Title), q) {
			s.shown = append(s.shown, p)
		}
	}
	count := kit.PeopleCount(len(s.people))
	if q != "" {
		count = kit.FormatCount(len(s.shown)) + " of " + count
	}
	s.count.SetText(count)
	switch {
	case len(s.people) == 0:
		s.empty.SetText("No one in the directory yet — add the people involved in your releases with Add person.")
	case len(s.shown) == 0:
		s.empty.SetText(fmt.Sprintf("No one matches “%s”.", strings.TrimSpace(s.search.Text)))
	}
	s.empty.Hidden = len(s.shown) > 0
	s.empty.Refresh()
	s.table.Refresh()
}

// directoryCell is a cell of the directory: text, or the row's buttons.
type directoryCell struct {
	widget.BaseWidget
	screen    *Stakeholders
	row       int
	text      *widget.Label
	edit, del *widget.Button
	buttons   *fyne.Container
	box       fyne.CanvasObject
}

func newDirectoryCell(s *Stakeholders) *directoryCell {
	c := &directoryCell{screen: s, text: &widget.Label{Truncation: fyne.TextTruncateEllipsis}}
	c.text.ExtendBaseWidget(c.text)
	c.edit = &widget.Button{Icon: theme.DocumentCreateIcon(), Importance: widget.LowImportance, OnTapped: func() { s.showForm(s.shown[c.row]) }}
	c.edit.ExtendBaseWidget(c.edit)
	c.del = &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { s.askDelete(s.shown[c.row]) }}
	c.del.ExtendBaseWidget(c.del)
	c.buttons = container.NewHBox(c.edit, c.del)
	c.box = container.NewStack(c.text, c.buttons)
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer shows the text or the buttons.
func (c *directoryCell) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.box) }

func (c *directoryCell) set(id widget.TableCellID) {
	s := c.screen
	if id.Row >= len(s.shown) {
		return
	}
	c.row = id.Row
	col := directoryColumns[id.Col]
	if col.text == nil {
		c.text.Hide()
		c.buttons.Show()
		return
	}
	c.buttons.Hide()
	c.text.Show()
	p := s.shown[id.Row]
	c.text.Alignment = fyne.TextAlignLeading
	if col.title == "Releases" {
		c.text.Alignment = fyne.TextAlignTrailing
	}
	c.text.TextStyle.Bold = id.Col == 0
	c.text.SetText(col.text(p, s.counts[p.ID]))
}

// showForm opens the form of p: a new person when its ID is 0.
func (s *Stakeholders) showForm(p data.Stakeholder) {
	form := kit.NewFieldForm()
	s.form = form
	entry := func(text, hint string) *widget.Entry {
		e := &widget.Entry{Text: text, PlaceHolder: hint}
		e.ExtendBaseWidget(e)
		return e
	}
	name, email := kit.LimitText(entry(p.Name, "e.g. Dana Whitfield"), data.MaxNameLength), kit.LimitText(entry(p.Email, "dana@example.com"), data.MaxEmailLength)
	team, title := kit.LimitText(entry(p.Team, "e.g. Payments Engineering"), data.MaxNameLength), kit.LimitText(entry(p.Title, "e.g. Engineering Manager"), data.MaxTitleLength)
	form.Add("Name", "Name", name, "")
	form.Add("Email", "Email", email, "")
	form.Add("Team", "Team", team, "")
	form.Add("Title", "Title", title, "")
	heading, action := "Add person", "Add"
	if p.ID != 0 {
		heading, action = "Edit "+p.Name, "Save"
	}
	kit.ShowFormDialog(s.Win, heading, action, form.Box, form, 480, func() bool {
		next := p
		next.Name, next.Email, next.Team, next.Title = name.Text, email.Text, team.Text, title.Text
		return s.save(p, next, form)
	})
	s.Win.Canvas().Focus(name)
}

// save stores next over before (new when its ID is 0), showing any problem
// next to its field; it reports whether the form may close.
func (s *Stakeholders) save(before, next data.Stakeholder, form *kit.FieldForm) bool {
	if err := s.store.SaveStakeholder(s.Context(), &next); err != nil {
		form.ShowError("Could not save "+strings.TrimSpace(next.Name), err)
		return false
	}
	if before.ID == 0 {
		id := next.ID
		s.PushUndo(kit.Step{Label: "new person " + next.Name, Run: func(ctx context.Context) error {
			_, err := s.store.DeleteStakeholder(ctx, id)
			return err
		}})
		s.done("Added " + next.Name)
		return true
	}
	old := before
	s.PushUndo(kit.Step{Label: "changes to " + next.Name, Run: func(ctx context.Context) error {
		restore := old
		return s.store.SaveStakeholder(ctx, &restore)
	}})
	s.done("Saved " + next.Name)
	return true
}

// askDelete removes p after asking. A person still assigned to releases is
// not removed: the refusal says on how many and offers to list them.
func (s *Stakeholders) askDelete(p data.Stakeholder) {
	roles, err := s.store.StakeholderAssignments(s.Context(), p.ID)
	if err != nil {
		s.ShowError("Could not check "+p.Name+"'s releases", err)
		return
	}
	if len(roles) > 0 {
		s.refuseDelete(p, roles)
		return
	}
	dialog.ShowConfirm("Delete "+p.Name, fmt.Sprintf("Remove %s from the directory? They hold no role on any release.", p.Name),
		func(ok bool) {
			if ok {
				s.deletePerson(p)
			}
		}, s.Win)
}

func (s *Stakeholders) deletePerson(p data.Stakeholder) {
	gone, err := s.store.DeleteStakeholder(s.Context(), p.ID)
	if err != nil {
		// Someone was assigned since the question was asked: say so the same way.
		if roles, rerr := s.store.StakeholderAssignments(s.Context(), p.ID); rerr == nil && len(roles) > 0 {
			s.refuseDelete(p, roles)
			return
		}
		s.ShowError("Could not delete "+p.Name, err)
		return
	}
	s.PushUndo(kit.Step{Label: "delete of " + p.Name, Run: func(ctx context.Context) error {
		return s.store.RestoreStakeholder(ctx, gone)
	}})
	s.done("Deleted " + p.Name)
}

// refuseDelete explains why p stays in the directory and offers to show the
// releases p is assigned to.
func (s *Stakeholders) refuseDelete(p data.Stakeholder, roles []data.ReleaseStakeholder) {
	releases := map[uint]bool{}
	for _, r := range roles {
		releases[r.ReleaseID] = true
	}
	why := fmt.Sprintf("%s is assigned to %s", p.Name, kit.Count(len(releases), "release"))
	msg := kit.WrappedLabel(why + ". Remove " + p.Name + " from those releases (Stakeholders tab of each release) before deleting, " +
		"so no release loses a person silently.")
	var d dialog.Dialog
	show := &widget.Button{Text: "Show the releases", Icon: theme.ListIcon(), Importance: widget.HighImportance, OnTapped: func() {
		d.Hide()
		s.showAssignments(p, roles)
	}}
	show.ExtendBaseWidget(show)
	closeBtn := &widget.Button{Text: "Close", OnTapped: func() { d.Hide() }}
	closeBtn.ExtendBaseWidget(closeBtn)
	cd := dialog.NewCustomWithoutButtons("Cannot delete "+p.Name, msg, s.Win)
	cd.SetButtons([]fyne.CanvasObject{closeBtn, show})
	d = cd
	cd.Resize(fyne.NewSize(460, 1))
	cd.Show()
}

// showAssignments lists p's roles on releases; tapping one opens the release.
func (s *Stakeholders) showAssignments(p data.Stakeholder, roles []data.ReleaseStakeholder) {
	var d dialog.Dialog
	list := widget.NewList(func() int { return len(roles) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, &widget.Label{}, &widget.Label{Truncation: fyne.TextTruncateEllipsis})
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			r := roles[id]
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Label).SetText(r.Release.Name() + " — " + r.Release.Title)
			row.Objects[1].(*widget.Label).SetText(r.Role.Label() + " · " + kit.FormatDate(r.Release.PlannedRelease))
			row.Refresh()
		})
	list.OnSelected = func(id widget.ListItemID) {
		d.Hide()
		if s.OnOpenRelease != nil {
			s.OnOpenRelease(roles[id].ReleaseID)
		}
	}
	d = dialog.NewCustom(p.Name+"'s releases", "Close",
		container.NewBorder(kit.WrappedLabel("Open a release to change or remove "+p.Name+"'s role on it."), nil, nil, nil, list), s.Win)
	d.Resize(fyne.NewSize(620, 420))
	d.Show()
}

// done reloads after a change and tells what happened, offering Undo.
func (s *Stakeholders) done(text string) {
	s.Reload()
	if c := s.Win.Canvas(); c != nil {
		c.Unfocus() // so Ctrl+Z reaches Undo, not a text field
	}
	s.Tell(text, "Undo", s.Undo)
}

// Undo takes back the last change made in the directory.
func (s *Stakeholders) Undo() {
	step, ok := s.PopUndo()
	if !ok {
		return
	}
	err := step.Run(s.Context())
	s.Reload()
	if err != nil {
		s.Notice.Hide()
		s.ShowError("Could not undo the "+step.Label, err)
		return
	}
	s.Tell("Undid the "+step.Label, "", nil)
}
