// Package reports is the Reports screen: the review, portfolio and calendar
// exports with their progress (the export runner, which the editor's Export
// review and release notes use too), and the preview, import and undo of a
// plan or a Jira export. Package
// releasedesk/reports writes the files; it is imported here as reportfiles.
package reports

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	reportfiles "releasedesk/reports"
	"releasedesk/views/kit"
)

var _ fyne.Widget = (*Screen)(nil)

// Store is what the Reports screen needs: the releases to choose a
// review from, and what the exports and the plan import read and write.
type Store interface {
	ListReleases(ctx context.Context, f data.ReleaseFilter) ([]data.Release, error)
	ReportFreezeWindows(ctx context.Context) ([]data.FreezeWindow, error)
	reportfiles.ReviewSource
	reportfiles.PortfolioSource
	ImportStore
	// Undo takes an import back as one recorded change (Store.Undo).
	kit.Undoer
}

var _ Store = (*data.Store)(nil)

// Screen is the Reports screen: the post-release review workbook of a
// release, the portfolio workbook, the calendar, and importing a plan.
type Screen struct {
	widget.BaseWidget
	kit.Screen
	// UndoStack holds the imports made here, which Undo takes back.
	kit.UndoStack

	// OnImported is called after an import, or its undo, with the releases
	// it created when the import names them (a Jira import does; a plan,
	// written as it is read, and an undo do not), so other screens can show
	// what changed.
	OnImported func(created []data.Release)

	store  Store
	export *Exporter

	review *reviewPicker
	// portfolioNote and calendarNote count what each file will hold.
	portfolioNote, calendarNote *widget.Label
	problem                     *widget.Label

	cards   fyne.CanvasObject
	plan    *planImport
	content fyne.CanvasObject
	loads   kit.Loads
}

// New builds the Reports screen on store and starts loading it; win
// hosts its dialogs and sched runs the slow work off the UI goroutine.
func New(store Store, win fyne.Window, sched kit.Scheduler) *Screen {
	s := &Screen{store: store}
	s.Start(win, sched)
	s.ExtendBaseWidget(s)
	s.Notice = kit.NewNotice(func() { s.content.Refresh() })
	s.export = &Exporter{Win: win, Sched: sched, Notify: s.Tell}
	s.plan = newPlanImport(s)
	s.cards = s.buildCards()
	s.plan.content.Hide()
	s.content = container.NewBorder(nil, s.Notice.Box, nil, nil, container.NewStack(s.cards, s.plan.content))
	s.Reload()
	return s
}

// Close lets go of a plan file still previewed and stops the screen's
// work; call it before closing the store.
func (s *Screen) Close() {
	s.plan.file.plan.letGo()
	s.Screen.Close()
}

// CreateRenderer shows the cards or the import preview, with the notice bar under them.
func (s *Screen) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(s.content) }

// Refresh redraws the screen; shown again after a while, it reads the
// releases and counts anew, so changes made on other screens show here.
func (s *Screen) Refresh() {
	s.BaseWidget.Refresh()
	if s.Stale() {
		s.Reload()
	}
}

func (s *Screen) buildCards() fyne.CanvasObject {
	heading := &widget.Label{Text: "Reports", SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	heading.ExtendBaseWidget(heading)
	intro := cardLine("Files for stakeholder meetings, spreadsheets and calendars, and plans brought in from spreadsheets.")
	s.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	s.problem.ExtendBaseWidget(s.problem)
	s.problem.Hide()
	top := container.NewVBox(container.NewBorder(nil, nil, heading, nil, kit.MiddleOf(intro)), s.problem)

	s.review = newReviewPicker(s.exportReview)
	reviewCard := kit.NewTitledPanel(theme.DocumentIcon(), "Post-release review", nil, s.review.content)
	reviewCard.SetNote("Excel workbook, 8 sheets")

	s.portfolioNote = cardNote("Counting…")
	portfolio := s.exportCard(theme.GridIcon(), "Portfolio", "Excel workbook",
		"Every release, deployment and rollback in one workbook, to filter or chart.",
		s.portfolioNote, &widget.Button{Text: "Export portfolio…", Icon: theme.DocumentSaveIcon(), OnTapped: s.ExportPortfolio})
	s.calendarNote = cardNote("Counting…")
	calendar := s.exportCard(theme.CalendarIcon(), "Calendar", "iCalendar (.ics)",
		"Releases, deployments and freeze windows for Outlook, Google or Apple.",
		s.calendarNote, &widget.Button{Text: "Export calendar…", Icon: theme.DocumentSaveIcon(), OnTapped: s.ExportCalendar})
	importNote := cardNote("Plan columns: " + strings.Join(reportfiles.PlanHeaders, ", ") + ". Or a Jira issue export or versions list (CSV).")
	importCard := s.exportCard(theme.UploadIcon(), "Import a plan or a Jira export", ".xlsx or .csv",
		"Creates releases from a planning sheet, or work items from Jira; you see it all first.",
		importNote, &widget.Button{Text: "Open file…", Icon: theme.FolderOpenIcon(), OnTapped: s.plan.choose})

	// The cards share the height when there is room and scroll on a short window.
	right := container.NewVScroll(container.New(kit.FillRows{}, portfolio, calendar, importCard))
	body := container.New(&kit.ColumnsLayout{Shares: []float32{0.52, 0.48}}, reviewCard, right)
	return container.NewBorder(top, nil, nil, nil, body)
}

// exportCard is a titled card: what the file is for, a count and an action.
func (s *Screen) exportCard(icon fyne.Resource, title, format, purpose string, note *widget.Label, action *widget.Button) *kit.TitledPanel {
	action.ExtendBaseWidget(action)
	action.Importance = widget.HighImportance
	body := container.NewBorder(cardLine(purpose), container.NewBorder(nil, nil, nil, action), nil, nil, container.NewVBox(note))
	p := kit.NewTitledPanel(icon, title, nil, body)
	p.SetNote(format)
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
func (s *Screen) Reload() {
	s.Load(&s.loads, func(ctx context.Context) func() {
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
			s.Loaded()
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

func (s *Screen) showCounts(c data.PortfolioCounts, freezes int) {
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
	return kit.FormatCount(n) + " " + many
}

// ExportReview offers to export the review of the release chosen on the
// screen (Ctrl+E while the Reports screen is shown).
func (s *Screen) ExportReview() {
	if r, ok := s.review.chosen(); ok {
		s.exportReview(r)
		return
	}
	kit.Inform(s.Win, "Choose a release", "Choose the release whose review to export in the Post-release review card.")
}

func (s *Screen) exportReview(r data.Release) { s.export.Start(ReviewJob(s.store, r)) }

// ExportPortfolio asks where to save the portfolio workbook and writes it.
func (s *Screen) ExportPortfolio() { s.export.Start(portfolioJob(s.store)) }

// ExportCalendar asks where to save the calendar and writes it.
func (s *Screen) ExportCalendar() { s.export.Start(calendarJob(s.store)) }

// exportReviewTo writes the review of the chosen release to path, as the
// save dialog does once a file is chosen.
func (s *Screen) exportReviewTo(path string) {
	if r, ok := s.review.chosen(); ok {
		s.export.exportTo(ReviewJob(s.store, r), saveTarget{path: path})
	}
}

// showPreview puts the import preview in place of the cards, or the cards
// back, letting go of the plan file the preview read.
func (s *Screen) showPreview(on bool) {
	if on {
		s.cards.Hide()
		s.plan.content.Show()
	} else {
		s.plan.file.plan.letGo()
		s.plan.content.Hide()
		s.cards.Show()
	}
	s.content.Refresh()
}
