package views

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/reports"
)

var _ fyne.Widget = (*Reports)(nil)

// ReportsStore is what the Reports screen needs: the releases to choose a
// review from, and what the exports and the plan import read and write.
type ReportsStore interface {
	ListReleases(ctx context.Context, f data.ReleaseFilter) ([]data.Release, error)
	ReportFreezeWindows(ctx context.Context) ([]data.FreezeWindow, error)
	reports.ReviewSource
	reports.PortfolioSource
	reports.PlanStore
}

var _ ReportsStore = (*data.Store)(nil)

// Reports is the Reports screen: the post-release review workbook of a
// release, the portfolio workbook, the calendar, and importing a plan.
type Reports struct {
	widget.BaseWidget

	// OnImported is called with the releases a plan import created, so other screens can show them.
	OnImported func(created []data.Release)
	// OnShowReleases, when set, offers to show the Releases screen after an import.
	OnShowReleases func()

	store ReportsStore
	win   fyne.Window
	sched Scheduler
	ctx   context.Context
	// stop cancels loads still running when the screen is closed.
	stop   context.CancelFunc
	export *exporter
	notice *notice

	review *reviewPicker
	// portfolioNote and calendarNote count what each file will hold.
	portfolioNote, calendarNote *widget.Label
	problem                     *widget.Label

	cards   fyne.CanvasObject
	plan    *planImport
	content fyne.CanvasObject
	loads   int
	shownAt time.Time
}

// NewReports builds the Reports screen on store and starts loading it; win
// hosts its dialogs and sched runs the slow work off the UI goroutine.
func NewReports(store ReportsStore, win fyne.Window, sched Scheduler) *Reports {
	s := &Reports{store: store, win: win, sched: sched}
	s.ctx, s.stop = context.WithCancel(context.Background())
	s.ExtendBaseWidget(s)
	s.notice = newNotice(func() { s.content.Refresh() })
	s.export = &exporter{win: win, sched: sched, notify: s.notify}
	s.plan = newPlanImport(s)
	s.cards = s.buildCards()
	s.plan.content.Hide()
	s.content = container.NewBorder(nil, s.notice.box, nil, nil, container.NewStack(s.cards, s.plan.content))
	s.Reload()
	return s
}

// Close stops loads still running; call it before closing the store.
func (s *Reports) Close() {
	s.stop()
	s.notice.hide()
}

// CreateRenderer shows the cards or the import preview, with the notice bar under them.
func (s *Reports) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(s.content) }

// Refresh redraws the screen; shown again after a while, it reads the
// releases and counts anew, so changes made on other screens show here.
func (s *Reports) Refresh() {
	s.BaseWidget.Refresh()
	if isStale(s.shownAt) {
		s.Reload()
	}
}

func (s *Reports) buildCards() fyne.CanvasObject {
	heading := &widget.Label{Text: "Reports", SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	heading.ExtendBaseWidget(heading)
	intro := cardLine("Files for stakeholder meetings, spreadsheets and calendars, and plans brought in from spreadsheets.")
	s.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	s.problem.ExtendBaseWidget(s.problem)
	s.problem.Hide()
	top := container.NewVBox(container.NewBorder(nil, nil, heading, nil, middleOf(intro)), s.problem)

	s.review = newReviewPicker(s.exportReview)
	reviewCard := newTitledPanel(theme.DocumentIcon(), "Post-release review", nil, s.review.content)
	reviewCard.setNote("Excel workbook, 8 sheets")

	s.portfolioNote = cardNote("Counting…")
	portfolio := s.exportCard(theme.GridIcon(), "Portfolio", "Excel workbook",
		"Every release, deployment and rollback in one workbook, to filter or chart.",
		s.portfolioNote, &widget.Button{Text: "Export portfolio…", Icon: theme.DocumentSaveIcon(), OnTapped: s.ExportPortfolio})
	s.calendarNote = cardNote("Counting…")
	calendar := s.exportCard(theme.CalendarIcon(), "Calendar", "iCalendar (.ics)",
		"Releases, deployments and freeze windows for Outlook, Google or Apple.",
		s.calendarNote, &widget.Button{Text: "Export calendar…", Icon: theme.DocumentSaveIcon(), OnTapped: s.ExportCalendar})
	importNote := cardNote("Columns: " + strings.Join(reports.PlanHeaders, ", ") + ".")
	importCard := s.exportCard(theme.UploadIcon(), "Import a plan", ".xlsx or .csv",
		"Creates a release per row of a planning sheet; you see them all first.",
		importNote, &widget.Button{Text: "Open plan…", Icon: theme.FolderOpenIcon(), OnTapped: s.plan.choose})

	right := container.NewGridWithRows(3, portfolio, calendar, importCard)
	body := container.New(&columnsLayout{shares: []float32{0.52, 0.48}}, reviewCard, right)
	return container.NewBorder(top, nil, nil, nil, body)
}

// exportCard is a titled card: what the file is for, a count and an action.
func (s *Reports) exportCard(icon fyne.Resource, title, format, purpose string, note *widget.Label, action *widget.Button) *titledPanel {
	action.ExtendBaseWidget(action)
	action.Importance = widget.HighImportance
	body := container.NewBorder(cardLine(purpose), container.NewBorder(nil, nil, nil, action), nil, nil, container.NewVBox(note))
	p := newTitledPanel(icon, title, nil, body)
	p.setNote(format)
	return p
}

// cardLine is the one line that says what a card's file is for.
func cardLine(text string) *widget.Label {
	l := &widget.Label{Text: text, Truncation: fyne.TextTruncateEllipsis}
	l.ExtendBaseWidget(l)
	return l
}

// cardNote is a line on a card telling what the file will hold.
func cardNote(text string) *widget.Label {
	l := &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	l.ExtendBaseWidget(l)
	return l
}

// Reload reads the releases and what the files will hold, in the background.
func (s *Reports) Reload() {
	s.loads++
	load, ctx := s.loads, s.ctx
	s.sched.Background(func() func() {
		rels, err := s.store.ListReleases(ctx, data.ReleaseFilter{})
		var counts data.PortfolioCounts
		var freezes []data.FreezeWindow
		if err == nil {
			counts, err = s.store.PortfolioCounts(ctx)
		}
		if err == nil {
			freezes, err = s.store.ReportFreezeWindows(ctx)
		}
		return func() {
			if load != s.loads || ctx.Err() != nil {
				return // a newer load is on its way, or the screen was closed
			}
			s.shownAt = time.Now()
			if err != nil {
				s.problem.SetText("Could not read the database: " + err.Error())
				s.problem.Show()
				return
			}
			s.problem.Hide()
			s.review.setReleases(rels)
			s.showCounts(counts, len(freezes))
		}
	})
}

func (s *Reports) showCounts(c data.PortfolioCounts, freezes int) {
	if c.Releases == 0 {
		s.portfolioNote.SetText("No releases yet: the workbook would hold only its headers.")
		s.calendarNote.SetText(fmt.Sprintf("No releases yet; %s.", counted(freezes, "freeze window", "freeze windows")))
		return
	}
	s.portfolioNote.SetText(fmt.Sprintf("%s, %s and %s.", counted(c.Releases, "release", "releases"),
		counted(c.Deployments, "deployment", "deployments"), counted(c.Rollbacks, "rollback", "rollbacks")))
	s.calendarNote.SetText(fmt.Sprintf("%s, %s and %s; importing the file again updates these events.", counted(c.Releases, "release", "releases"),
		counted(c.Deployments, "deployment window", "deployment windows"), counted(freezes, "freeze window", "freeze windows")))
}

// counted writes n with the noun that fits it: "1 release", "2,000 releases".
func counted(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return FormatCount(n) + " " + many
}

// notify shows a short message under the screen, with an optional action.
func (s *Reports) notify(text, actionText string, action func()) {
	s.notice.show(text, actionText, action, s.sched.Later)
}

// ExportReview offers to export the review of the release chosen on the
// screen (Ctrl+E while the Reports screen is shown).
func (s *Reports) ExportReview() {
	if r, ok := s.review.chosen(); ok {
		s.exportReview(r)
		return
	}
	dialog.ShowInformation("Choose a release", "Choose the release whose review to export in the Post-release review card.", s.win)
}

func (s *Reports) exportReview(r data.Release) { s.export.start(reviewJob(s.store, r)) }

// ExportPortfolio asks where to save the portfolio workbook and writes it.
func (s *Reports) ExportPortfolio() { s.export.start(portfolioJob(s.store)) }

// ExportCalendar asks where to save the calendar and writes it.
func (s *Reports) ExportCalendar() { s.export.start(calendarJob(s.store)) }

// exportReviewTo writes the review of the chosen release to path, as the
// save dialog does once a file is chosen.
func (s *Reports) exportReviewTo(path string) {
	if r, ok := s.review.chosen(); ok {
		s.export.exportTo(reviewJob(s.store, r), saveTarget{path: path})
	}
}

// showPreview puts the import preview in place of the cards, or the cards back.
func (s *Reports) showPreview(on bool) {
	if on {
		s.cards.Hide()
		s.plan.content.Show()
	} else {
		s.plan.content.Hide()
		s.cards.Show()
	}
	s.content.Refresh()
}

// reviewPicker chooses the release whose review to export: a search box
// over the releases, the most recent first, and the Export button.
type reviewPicker struct {
	search  *widget.Entry
	list    *widget.List
	empty   *widget.Label
	choice  *widget.Label
	export  *widget.Button
	content fyne.CanvasObject

	all      []pickEntry // most recent first
	shown    []int       // indexes into all that match the search
	selected uint        // release id; kept while the search hides it
	onExport func(data.Release)
}

// pickEntry is a release with the day it is sorted by and the text searched.
type pickEntry struct {
	rel   data.Release
	day   data.Date // actual release day, else planned
	words []string  // of the name, title, owner and status, in lower case
}

func newReviewPicker(onExport func(data.Release)) *reviewPicker {
	p := &reviewPicker{onExport: onExport}
	purpose := cardLine("The workbook for the review meeting of one release, from summary to metrics.")
	p.search = &widget.Entry{PlaceHolder: "Find a release by product, version, title or owner…"}
	p.search.ExtendBaseWidget(p.search)
	p.search.OnChanged = func(string) {
		p.filter()
		p.list.ScrollToTop() // new matches start at the top
	}
	p.list = widget.NewList(func() int { return len(p.shown) },
		func() fyne.CanvasObject { return newPickRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(p.shown) {
				o.(*pickRow).set(p.all[p.shown[id]])
			}
		})
	p.list.OnSelected = func(id widget.ListItemID) {
		if id < len(p.shown) {
			p.selected = p.all[p.shown[id]].rel.ID
			p.showChoice()
		}
	}
	p.empty = emptyNote("")
	p.choice = &widget.Label{Truncation: fyne.TextTruncateEllipsis, TextStyle: fyne.TextStyle{Bold: true}}
	p.choice.ExtendBaseWidget(p.choice)
	p.export = &widget.Button{Text: "Export review…", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: func() {
		if r, ok := p.chosen(); ok {
			p.onExport(r)
		}
	}}
	p.export.ExtendBaseWidget(p.export)
	p.export.Disable()
	foot := container.NewBorder(widget.NewSeparator(), nil, nil, p.export, middleOf(p.choice))
	p.content = container.NewBorder(container.NewVBox(purpose, p.search), foot, nil, nil, container.NewStack(p.list, p.empty))
	return p
}

// setReleases lists rels, keeping the chosen release or, at first, choosing
// the most recent one released or rolled back.
func (p *reviewPicker) setReleases(rels []data.Release) {
	p.all = make([]pickEntry, len(rels))
	for i, r := range rels {
		day := r.ActualRelease
		if day.IsZero() {
			day = r.PlannedRelease
		}
		words := strings.Fields(strings.ToLower(strings.Join([]string{r.Name(), r.Title, r.Owner, r.Status.Label()}, " ")))
		p.all[i] = pickEntry{rel: r, day: day, words: words}
	}
	slices.SortStableFunc(p.all, func(a, b pickEntry) int {
		switch {
		case a.day.IsZero() != b.day.IsZero():
			if a.day.IsZero() {
				return 1 // undated releases last
			}
			return -1
		case a.day.Before(b.day):
			return 1
		case b.day.Before(a.day):
			return -1
		}
		return int(b.rel.ID) - int(a.rel.ID)
	})
	place := !slices.ContainsFunc(p.all, func(e pickEntry) bool { return e.rel.ID == p.selected })
	if place {
		p.selected = 0
		for _, e := range p.all {
			if e.rel.Status == data.StatusReleased || e.rel.Status == data.StatusRolledBack {
				p.selected = e.rel.ID
				break
			}
		}
	}
	p.filter()
	if i := p.shownIndex(p.selected); i >= 0 && place {
		// From the bottom, ScrollTo puts the row at the top, with older releases under it.
		p.list.ScrollToBottom()
		p.list.ScrollTo(i)
	}
}

// filter shows the releases matching every word of the search.
func (p *reviewPicker) filter() {
	words := strings.Fields(strings.ToLower(p.search.Text))
	p.shown = p.shown[:0]
	for i, e := range p.all {
		if matchesAll(e.words, words) {
			p.shown = append(p.shown, i)
		}
	}
	p.list.Refresh()
	if i := p.shownIndex(p.selected); i >= 0 {
		p.list.Select(i)
	} else {
		p.list.UnselectAll()
	}
	switch {
	case len(p.shown) > 0:
		p.empty.Hide()
	case len(p.all) == 0:
		p.empty.SetText("No releases yet — create one on the Releases screen or import a plan.")
		p.empty.Show()
	default:
		p.empty.SetText(fmt.Sprintf("No release matches “%s”.", strings.TrimSpace(p.search.Text)))
		p.empty.Show()
	}
	p.showChoice()
}

// matchesAll reports whether each searched word begins a word of the
// release, so "payments 2" finds Payments 2.x, not every title with a 2.
func matchesAll(words, searched []string) bool {
	for _, w := range searched {
		if !slices.ContainsFunc(words, func(have string) bool { return strings.HasPrefix(have, w) }) {
			return false
		}
	}
	return true
}

func (p *reviewPicker) shownIndex(id uint) int {
	return slices.IndexFunc(p.shown, func(i int) bool { return p.all[i].rel.ID == id })
}

// chosen is the release whose review Export writes.
func (p *reviewPicker) chosen() (data.Release, bool) {
	i := slices.IndexFunc(p.all, func(e pickEntry) bool { return e.rel.ID == p.selected })
	if i < 0 {
		return data.Release{}, false
	}
	return p.all[i].rel, true
}

func (p *reviewPicker) showChoice() {
	r, ok := p.chosen()
	if !ok {
		p.choice.SetText("Choose a release above")
		p.export.Disable()
		return
	}
	text := r.Name() + " · " + r.Status.Label()
	if !r.ActualRelease.IsZero() {
		text += " " + FormatDate(r.ActualRelease)
	} else if !r.PlannedRelease.IsZero() {
		text += ", planned " + FormatDate(r.PlannedRelease)
	}
	p.choice.SetText(text)
	p.export.Enable()
}

// pickRow is one release in the review picker: day, name, title and status.
type pickRow struct {
	widget.BaseWidget
	day, name, title *widget.Label
	status           *Badge
	box              *fyne.Container
}

func newPickRow() *pickRow {
	r := &pickRow{day: &widget.Label{}, name: newBoldLine(), title: &widget.Label{Truncation: fyne.TextTruncateEllipsis}, status: NewBadge()}
	r.day.ExtendBaseWidget(r.day)
	r.title.ExtendBaseWidget(r.title)
	r.name.Truncation = fyne.TextTruncateOff
	dayWidth := widget.NewLabel("30 Sep 2026").MinSize().Width // the longest day
	r.box = container.NewBorder(nil, nil, container.NewHBox(fixedWidth(dayWidth, r.day), r.name), container.NewCenter(r.status), r.title)
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer shows the row's parts.
func (r *pickRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

func (r *pickRow) set(e pickEntry) {
	r.day.SetText(FormatDate(e.day))
	r.name.SetText(e.rel.Name())
	r.title.SetText(e.rel.Title)
	r.status.SetStatus(e.rel.Status)
	r.box.Refresh() // a reused row must make room for a longer name
}
