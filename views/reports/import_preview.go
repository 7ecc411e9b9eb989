package reports

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	reportfiles "releasedesk/reports"
	"releasedesk/views/kit"
)

// planImport reads a file to import — a plan, a Jira issue export or a
// Jira versions list, told apart by its header — shows what importing it
// would do and every row with errors, and imports it all or nothing.
type planImport struct {
	s *Screen
	// path and file are the file shown and what was read from it.
	path string
	file importFile
	// preview is what a plan or a versions list would create; errs are the
	// problems shown, of whichever kind of file.
	preview data.PlanPreview
	errs    []data.PlanError

	content    fyne.CanvasObject
	heading    *widget.Label
	summary    *widget.Label
	columns    *widget.Label
	readyTable *previewTable
	ready      *widget.Table
	readyPanel *kit.TitledPanel
	errTable   *previewTable
	errPanel   *kit.TitledPanel
	jira       *jiraView
	importBtn  *widget.Button
	// order is the day/month order chosen for dates such as 03/04/27;
	// DateOrderAuto lets the file, then the locale, decide.
	order     reportfiles.DateOrder
	orderPick *widget.Select
	// lower holds what the file makes, under the errors: the releases to
	// create, or a Jira export's work items, with what else happens beside.
	lower *fyne.Container
	// site is the Jira site an issue export links its items to; siteRow holds it.
	site    *widget.Entry
	siteRow *fyne.Container
}

func newPlanImport(s *Screen) *planImport {
	p := &planImport{s: s}
	back := &widget.Button{Text: "Reports", Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance, OnTapped: func() { s.showPreview(false) }}
	back.ExtendBaseWidget(back)
	p.heading = &widget.Label{SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	p.heading.ExtendBaseWidget(p.heading)
	p.summary = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	p.summary.ExtendBaseWidget(p.summary)
	p.columns = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	p.columns.ExtendBaseWidget(p.columns)
	reopen := &widget.Button{Text: "Open again", Icon: theme.ViewRefreshIcon(), OnTapped: func() { p.read(p.path) }}
	reopen.ExtendBaseWidget(reopen)
	p.importBtn = &widget.Button{Text: "Import", Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: p.commit}
	p.importBtn.ExtendBaseWidget(p.importBtn)
	orders := []string{"Dates: from the file"} // then reportfiles.DateOrders, in order
	for _, o := range reportfiles.DateOrders {
		orders = append(orders, "Dates: "+o.Label())
	}
	p.orderPick = &widget.Select{Options: orders, Selected: orders[0], OnChanged: func(string) { p.onDateOrder() }}
	p.orderPick.ExtendBaseWidget(p.orderPick)
	p.site = &widget.Entry{PlaceHolder: "Jira site, to link items: https://acme.atlassian.net"}
	p.site.ExtendBaseWidget(p.site)
	p.site.OnSubmitted = func(string) { p.read(p.path) }

	widths := make([]float32, len(planColumns))
	titles := make([]string, len(planColumns))
	for i, c := range planColumns {
		widths[i], titles[i] = c.width, c.title
	}
	p.readyTable = newPreviewTable(titles, widths, func() int { return len(p.preview.Releases) }, newPlanCell, p.updateReady)
	p.ready = p.readyTable.table
	p.readyPanel = kit.NewTitledPanel(theme.ListIcon(), "Releases to create", nil, p.readyTable.content)
	p.errTable = newPreviewTable([]string{"Row", "Column", "Problem"}, []float32{rowWidth, 160, 0}, func() int { return len(p.errs) },
		newTextCell, p.updateProblem)
	p.errPanel = kit.NewTitledPanel(theme.ErrorIcon(), "Rows with errors", nil, p.errTable.content)
	p.jira = newJiraView(p)

	p.lower = container.NewStack(p.readyPanel)
	split := container.NewVSplit(p.errPanel, p.lower)
	split.Offset = 0.38
	tools := container.NewHBox(kit.FixedWidth(230, p.orderPick), reopen, p.importBtn)
	head := container.NewBorder(nil, nil, back, tools, kit.MiddleOf(p.heading))
	siteLabel := &widget.Label{Text: "Jira site", TextStyle: fyne.TextStyle{Bold: true}}
	siteLabel.ExtendBaseWidget(siteLabel)
	apply := &widget.Button{Text: "Link items", OnTapped: func() { p.read(p.path) }}
	apply.ExtendBaseWidget(apply)
	siteHint := &widget.Label{Text: "An export does not say where it came from: give the site to link each item to its issue.",
		SizeName: theme.SizeNameCaptionText, Truncation: fyne.TextTruncateEllipsis}
	siteHint.ExtendBaseWidget(siteHint)
	p.siteRow = container.NewBorder(nil, nil, container.NewHBox(siteLabel, kit.FixedWidth(330, p.site), apply), nil, kit.MiddleOf(siteHint))
	p.siteRow.Hide()
	top := container.NewVBox(head, p.summary, p.columns, p.siteRow)
	p.content = container.NewBorder(top, nil, nil, nil, split)
	return p
}

// choose asks for a file with Fyne's open dialog and reads it.
func (p *planImport) choose() {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, p.s.Win)
			return
		}
		if rc == nil {
			return // cancelled
		}
		path := rc.URI().Path()
		rc.Close() // the readers open it by path, choosing how to read it by its extension and header
		p.read(path)
	}, p.s.Win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".csv"}))
	d.SetConfirmText("Preview")
	d.SetTitleText("Open a plan or a Jira export to import (.xlsx or .csv)")
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// read reads the file at path and checks it against the database, off the
// UI goroutine, then shows the preview; nothing is written.
func (p *planImport) read(path string) {
	opts := importOptions{order: p.order, site: strings.TrimSpace(p.site.Text)}
	if path == p.path {
		opts.product = p.file.product // reading the same versions list again keeps its product
	}
	p.readWith(path, opts)
}

// readWith reads path as opts say; see read.
func (p *planImport) readWith(path string, opts importOptions) {
	name := filepath.Base(path)
	ctx, cancel := context.WithCancel(p.s.Context())
	busy := newBusyDialog("Reading "+name, "Reading the rows…", cancel, p.s.Win)
	stopShow := p.s.Sched.Later(progressDelay, busy.show)
	store := p.s.store
	p.s.Sched.Background(func() func() {
		f, err := readImportFile(path, opts)
		if err == nil {
			err = ctx.Err()
		}
		if err == nil {
			fyne.Do(func() {
				busy.setText(fmt.Sprintf("Checking %s against the database…", counted(f.rows(), "row", "rows")))
			})
			err = f.check(ctx, store)
		}
		return func() {
			stopShow()
			busy.close()
			cancel()
			closed := p.s.Context().Err() != nil
			if err != nil || closed {
				f.plan.letGo() // never shown
			}
			switch {
			case closed: // the screen was closed meanwhile: nothing to show
			case errors.Is(err, context.Canceled):
				p.s.Tell("Stopped reading "+name+"; nothing was imported.", "", nil)
			case errors.Is(err, reportfiles.ErrVersionsNeedProduct):
				p.askProduct(path, opts)
			case err != nil:
				dialog.ShowError(fmt.Errorf("could not import %s: %w", name, err), p.s.Win)
			default:
				p.show(path, f)
			}
		}
	})
}

// show puts the preview of f, read from path, on screen.
func (p *planImport) show(path string, f importFile) {
	if p.file.plan != f.plan {
		p.file.plan.letGo() // the file shown before, when another is opened or this one read again
	}
	p.path, p.file = path, f
	p.heading.SetText("Import " + filepath.Base(path) + " (" + f.kind.String() + ")")
	var v verdict
	switch f.kind {
	case reportfiles.JiraIssuesFile:
		p.preview, p.errs = data.PlanPreview{}, f.jiraPreview.Errors
		v = p.jira.show(f)
		p.columns.SetText(columnsText(f.jira.Columns))
	case reportfiles.JiraVersionsFile:
		vp := f.versionsPreview
		p.preview = data.PlanPreview{Releases: vp.Releases, NewProducts: vp.NewProducts, Errors: vp.Errors,
			Rows: len(f.versions.Versions), Good: len(vp.Releases)}
		p.errs = vp.Errors
		v = p.releasesVerdict("versions", "add one version per row under the header row")
		p.jira.showExisting(vp.Existing)
		p.columns.SetText(columnsText(f.versions.Columns))
	default:
		p.preview, p.errs = f.planPreview, f.planPreview.Errors
		v = p.releasesVerdict("releases", "add one release per row under the header row")
		p.columns.SetText(columnsText(f.plan.stream.Columns))
	}
	jira := f.kind == reportfiles.JiraIssuesFile
	p.orderPick.Hidden, p.siteRow.Hidden = f.kind != reportfiles.PlanFile, !jira
	p.showLower(f)
	p.summary.Importance, p.summary.Text = v.importance, v.text
	p.summary.Refresh()
	p.importBtn.SetText(v.action)
	if v.canImport {
		p.importBtn.Enable()
	} else {
		p.importBtn.Disable()
	}
	bad := data.BadPlanRows(p.errs)
	p.errPanel.SetNote(counted(len(p.errs), "problem", "problems") + " in " + counted(bad, "row", "rows"))
	p.errPanel.Hidden = len(p.errs) == 0
	// Row numbers far down a large file get the room they need, and
	// small ones leave it to the other columns.
	lastErr, lastReady := 0, 0
	for _, e := range p.errs {
		lastErr = max(lastErr, e.Row)
	}
	for _, r := range p.preview.Releases {
		lastReady = max(lastReady, r.Row)
	}
	p.errTable.setWidth(0, rowColumnWidth(lastErr))
	p.readyTable.setWidth(0, rowColumnWidth(lastReady))
	for i, c := range planColumns {
		if c.date { // the day order may have changed in Settings
			p.readyTable.setWidth(i, dateColumnWidth(c.title))
		}
	}
	p.errTable.show("")
	p.readyPanel.SetNote(readyNote(p.preview))
	note := ""
	if len(p.preview.Releases) == 0 {
		note = "No row can be imported yet."
	}
	p.readyTable.show(note)
	p.s.showPreview(true)
}

// readyNote titles the releases to create: how many, and when the preview
// keeps only the first of a large plan, that the list shows those only
// ("Showing the first 1,000 of 100,000 releases").
func readyNote(pv data.PlanPreview) string {
	if shown := len(pv.Releases); shown < pv.Good {
		return fmt.Sprintf("Showing the first %s of %s", kit.FormatCount(shown), counted(pv.Good, "release", "releases"))
	}
	return counted(pv.Good, "release", "releases")
}

// showLower puts under the errors what f makes: a plan's releases; a Jira
// export's work items beside what else happens; a versions list's releases
// beside the versions that are there already, when there are any.
func (p *planImport) showLower(f importFile) {
	main, side := fyne.CanvasObject(p.readyPanel), false
	switch f.kind {
	case reportfiles.JiraIssuesFile:
		main, side = p.jira.panel, true
	case reportfiles.JiraVersionsFile:
		side = len(f.versionsPreview.Existing) > 0
	}
	p.lower.Objects = []fyne.CanvasObject{main}
	if side {
		split := container.NewHSplit(main, p.jira.sidePanel)
		split.Offset = 0.7
		p.lower.Objects = []fyne.CanvasObject{split}
	}
	p.lower.Refresh()
}

// verdict is what the preview says about the file and whether it can be imported.
type verdict struct {
	text       string
	importance widget.Importance
	action     string
	canImport  bool
}

// releasesVerdict judges a plan or a versions list: the releases it makes,
// or why it cannot be imported; what names its rows in the empty case.
func (p *planImport) releasesVerdict(what, howToFill string) verdict {
	// Good counts every good row; Releases may hold only the first of them.
	n, bad := p.preview.Good, data.BadPlanRows(p.errs)
	v := verdict{importance: widget.SuccessImportance, action: "Import " + counted(n, "release", "releases")}
	switch {
	case bad > 0:
		rows := counted(bad, "row has errors", "rows have errors")
		v.text, v.importance = fmt.Sprintf("%s ready, %s — fix them in the file and open it again.", counted(n, "release", "releases"), rows), widget.DangerImportance
	case n == 0:
		v.text, v.importance = "The file has no "+what+" to import — "+howToFill+".", widget.WarningImportance
		if k := len(p.file.versionsPreview.Existing); k > 0 {
			v.text = "Every version of the list has its release already (" + counted(k, "version", "versions") + "); there is nothing to import."
		}
	default:
		v.text, v.canImport = counted(n, "release", "releases")+" ready to import", true
		if k := len(p.preview.NewProducts); k > 0 {
			v.text += fmt.Sprintf(", with %s: %s", counted(k, "new product", "new products"), someNames(p.preview.NewProducts, namedProducts))
		}
		v.text += "."
	}
	return v
}

// namedProducts is how many new products the verdict names: a plan of
// hundreds would push the tables off the screen.
const namedProducts = 12

// someNames joins the first max of names, saying how many more there are.
func someNames(names []string, max int) string {
	if len(names) <= max {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:max], ", ") + " and " + kit.FormatCount(len(names)-max) + " more"
}

// onDateOrder reads the file again in the day/month order chosen.
func (p *planImport) onDateOrder() {
	p.order = reportfiles.DateOrderAuto
	if i := p.orderPick.SelectedIndex(); i > 0 {
		p.order = reportfiles.DateOrders[i-1]
	}
	if p.path != "" {
		p.read(p.path)
	}
}

// columnsText says how the file's headers were understood, the ignored
// ones first: "Ignored columns: Budget · Read: Product, Fix Version as Version, …".
func columnsText(cols []reportfiles.PlanColumn) string {
	var read, ignored, dates []string
	for _, c := range cols {
		if c.Dates != reportfiles.DateOrderAuto {
			// First, so a truncated line still says which day/month order was used and why.
			dates = append(dates, fmt.Sprintf("%s read %s (from %s)", c.Header, c.Dates.Label(), c.DatesFrom))
		}
		switch {
		case c.Field == "":
			ignored = append(ignored, c.Header)
		case strings.EqualFold(c.Header, c.Field):
			read = append(read, c.Field)
		default:
			read = append(read, fmt.Sprintf("%s as %s", c.Header, c.Field))
		}
	}
	text := "Columns read: " + strings.Join(read, ", ")
	if len(ignored) > 0 {
		text = "Ignored columns: " + strings.Join(ignored, ", ") + "  ·  Read: " + strings.Join(read, ", ")
	}
	return strings.Join(append(dates, text), "  ·  ")
}

// commit imports the previewed file in one transaction, off the UI
// goroutine, noting what it writes so that it can be undone.
func (p *planImport) commit() {
	name, f := filepath.Base(p.path), p.file
	if f.plan != nil {
		f.plan.use() // not closed under the import, whatever the screen does meanwhile
	}
	ctx, cancel := context.WithCancel(p.s.Context())
	busy := newBusyDialog("Importing "+name, "Writing "+counted(f.rows(), "row", "rows")+"…", cancel, p.s.Win)
	p.importBtn.Disable()
	stopShow := p.s.Sched.Later(progressDelay, busy.show)
	store := p.s.store
	p.s.Sched.Background(func() func() {
		recorded, rec := data.RecordImport(ctx)
		done, err := f.apply(recorded, store)
		_, refused := data.AsPlanErrors(err)
		perr := err
		if refused {
			perr = f.check(ctx, store)
		}
		return func() {
			stopShow()
			busy.close()
			cancel()
			if f.plan != nil {
				f.plan.unuse()
			}
			switch {
			case err == nil:
				p.imported(name, done, rec)
			case refused && perr == nil:
				// The database changed since the preview: show what now stands in the way.
				p.show(p.path, f)
				dialog.ShowInformation("Nothing was imported",
					fmt.Sprintf("%s.\nThe database changed since the preview; the list shows what stands in the way now.", err), p.s.Win)
			case errors.Is(err, context.Canceled):
				p.importBtn.Enable()
				p.s.Tell("Import of "+name+" cancelled; nothing was imported.", "", nil)
			default:
				p.importBtn.Enable()
				dialog.ShowError(fmt.Errorf("%s was not imported, nothing was saved: %w", name, err), p.s.Win)
			}
		}
	})
}
