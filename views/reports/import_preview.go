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

// planColumn is one column of the table of releases an import would create.
type planColumn struct {
	title string
	width float32 // 0 for the column that takes the width left
	text  func(r *data.PlanRelease) string
	// badge, when set, fills the cell with a coloured pill instead of text.
	badge func(b *kit.Badge, r *data.PlanRelease)
}

var planColumns = []planColumn{
	{"Row", 48, func(r *data.PlanRelease) string { return fmt.Sprint(r.Row) }, nil},
	{"Product", 168, func(r *data.PlanRelease) string { return r.Release.Product.Name }, nil},
	{"Version", 80, func(r *data.PlanRelease) string { return r.Release.Version }, nil},
	{"Title", 0, func(r *data.PlanRelease) string { return r.Release.Title }, nil},
	{"Type", 76, func(r *data.PlanRelease) string { return r.Release.Type.Label() }, nil},
	{"Status", 108, nil, func(b *kit.Badge, r *data.PlanRelease) { b.SetStatus(r.Release.Status) }},
	{"Owner", 128, func(r *data.PlanRelease) string { return r.Release.Owner }, nil},
	{"Code freeze", 100, func(r *data.PlanRelease) string { return kit.FormatDate(r.Release.CodeFreeze) }, nil},
	{"Release date", 112, func(r *data.PlanRelease) string { return kit.FormatDate(r.Release.PlannedRelease) }, nil},
}

// planImport reads a plan file, shows the releases importing it would
// create and the rows with errors, and imports it all or nothing.
type planImport struct {
	s    *Screen
	path string
	// stream is the file being previewed, read again row by row to import
	// it; the preview holds its first previewRows releases and every problem.
	stream  *reportfiles.PlanStream
	preview data.PlanPreview

	content    fyne.CanvasObject
	heading    *widget.Label
	summary    *widget.Label
	columns    *widget.Label
	ready      *widget.Table
	readyEmpty *widget.Label
	readyPanel *kit.TitledPanel
	problems   *widget.Table
	errPanel   *kit.TitledPanel
	importBtn  *widget.Button
	// order is the day/month order chosen for dates such as 03/04/27;
	// DateOrderAuto lets the file, then the locale, decide.
	order     reportfiles.DateOrder
	orderPick *widget.Select
}

func newPlanImport(s *Screen) *planImport {
	p := &planImport{s: s}
	back := &widget.Button{Text: "Reports", Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance, OnTapped: func() { p.closeStream(); s.showPreview(false) }}
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

	p.ready = &widget.Table{
		Length:        func() (int, int) { return len(p.preview.Releases), len(planColumns) },
		CreateCell:    newPlanCell,
		UpdateCell:    p.updateReady,
		ShowHeaderRow: true,
		CreateHeader:  newPlanHeader,
		UpdateHeader: func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Col >= 0 && id.Col < len(planColumns) {
				o.(*widget.Label).SetText(planColumns[id.Col].title)
			}
		},
	}
	p.ready.ExtendBaseWidget(p.ready)
	p.readyEmpty = kit.EmptyNote("")
	widths := make([]float32, len(planColumns))
	for i, c := range planColumns {
		widths[i] = c.width
	}
	p.readyPanel = kit.NewTitledPanel(theme.ListIcon(), "Releases to create", nil,
		container.NewStack(container.New(&fillColumnLayout{table: p.ready, widths: widths}, p.ready), p.readyEmpty))

	problemTitles := []string{"Row", "Column", "Problem"}
	p.problems = &widget.Table{
		Length: func() (int, int) { return len(p.preview.Errors), len(problemTitles) },
		CreateCell: func() fyne.CanvasObject {
			l := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
			l.ExtendBaseWidget(l)
			return l
		},
		UpdateCell:    p.updateProblem,
		ShowHeaderRow: true,
		CreateHeader:  newPlanHeader,
		UpdateHeader: func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Col >= 0 && id.Col < len(problemTitles) {
				o.(*widget.Label).SetText(problemTitles[id.Col])
			}
		},
	}
	p.problems.ExtendBaseWidget(p.problems)
	p.errPanel = kit.NewTitledPanel(theme.ErrorIcon(), "Rows with errors", nil,
		container.New(&fillColumnLayout{table: p.problems, widths: []float32{56, 160, 0}}, p.problems))

	split := container.NewVSplit(p.errPanel, p.readyPanel)
	split.Offset = 0.38
	head := container.NewBorder(nil, nil, back, container.NewHBox(kit.FixedWidth(230, p.orderPick), reopen, p.importBtn), kit.MiddleOf(p.heading))
	top := container.NewVBox(head, p.summary, p.columns)
	p.content = container.NewBorder(top, nil, nil, nil, split)
	return p
}

// newPlanCell holds a label and a badge; updateReady shows the one its column needs.
func newPlanCell() fyne.CanvasObject {
	l := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	l.ExtendBaseWidget(l)
	b := kit.NewBadge()
	b.SetStatus(data.StatusInProgress) // the widest status sizes the template
	return container.NewStack(l, container.NewPadded(b))
}

func newPlanHeader() fyne.CanvasObject {
	l := &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Text: "Release date", Truncation: fyne.TextTruncateEllipsis}
	l.ExtendBaseWidget(l)
	return l
}

func (p *planImport) updateReady(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row >= len(p.preview.Releases) || id.Col >= len(planColumns) {
		return
	}
	c := o.(*fyne.Container)
	label, pad := c.Objects[0].(*widget.Label), c.Objects[1].(*fyne.Container)
	col, r := planColumns[id.Col], &p.preview.Releases[id.Row]
	badge := pad.Objects[0].(*kit.Badge)
	switch {
	case col.badge != nil:
		label.Hide()
		col.badge(badge, r)
		pad.Show()
		return
	case id.Col == 1 && r.NewProduct:
		// A product the import creates is marked, so a misspelt name stands out.
		label.SetText(r.Release.Product.Name + "  (NEW)")
		label.Importance = widget.WarningImportance
	default:
		label.SetText(col.text(r))
		label.Importance = widget.MediumImportance
	}
	pad.Hide()
	label.Show()
	label.Refresh()
}

func (p *planImport) updateProblem(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row >= len(p.preview.Errors) {
		return
	}
	e, l := p.preview.Errors[id.Row], o.(*widget.Label)
	switch id.Col {
	case 0:
		l.SetText(fmt.Sprint(e.Row))
		if e.Row == 0 {
			l.SetText("—") // a problem of the file as a whole
		}
	case 1:
		l.SetText(e.Column)
	default:
		l.SetText(e.Message)
	}
}

// choose asks for a plan file with Fyne's open dialog and reads it.
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
		rc.Close() // OpenPlanStream opens it by path, choosing the reader by extension
		p.read(path)
	}, p.s.Win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".csv"}))
	d.SetConfirmText("Preview")
	d.SetTitleText("Open a plan to import (.xlsx or .csv)")
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// read parses the plan at path and checks it against the database, off the
// UI goroutine, then shows the preview; nothing is written.
func (p *planImport) read(path string) {
	name, order := filepath.Base(path), p.order
	ctx, cancel := context.WithCancel(p.s.Context())
	busy := newBusyDialog("Reading "+name, "Reading the rows…", cancel, p.s.Win)
	stopShow := p.s.Sched.Later(progressDelay, busy.show)
	p.s.Sched.Background(func() func() {
		stream, err := reportfiles.OpenPlanStream(path, reportfiles.PlanOptions{DateOrder: order})
		var preview data.PlanPreview
		if err == nil {
			err = ctx.Err()
		}
		if err == nil {
			fyne.Do(func() {
				busy.setText(fmt.Sprintf("Checking %s against the database…", counted(stream.Rows, "row", "rows")))
			})
			preview, err = reportfiles.PreviewPlanStream(ctx, p.s.store, stream, previewRows)
		}
		if err != nil && stream != nil {
			stream.Close()
		}
		return func() {
			stopShow()
			busy.close()
			cancel()
			switch {
			case errors.Is(err, context.Canceled):
				p.s.Tell("Stopped reading "+name+"; nothing was imported.", "", nil)
			case err != nil:
				dialog.ShowError(fmt.Errorf("could not import %s: %w", name, err), p.s.Win)
			default:
				p.show(path, stream, preview)
			}
		}
	})
}

// previewRows is how many releases of a plan the preview lists: a file of
// a hundred thousand rows is shown by its first ones and all its problems.
const previewRows = 1000

// closeStream lets go of the file previewed, if any.
func (p *planImport) closeStream() {
	if p.stream != nil {
		p.stream.Close()
		p.stream = nil
	}
}

// show puts the preview of stream, read from path, on screen.
func (p *planImport) show(path string, stream *reportfiles.PlanStream, preview data.PlanPreview) {
	if stream != p.stream {
		p.closeStream()
	}
	p.path, p.stream, p.preview = path, stream, preview
	n, bad := preview.Good, data.BadPlanRows(preview.Errors)
	p.heading.SetText("Import " + filepath.Base(path))
	p.summary.Importance = widget.SuccessImportance
	switch {
	case bad > 0:
		p.summary.Importance = widget.DangerImportance
		rows := counted(bad, "row has errors", "rows have errors")
		p.summary.SetText(fmt.Sprintf("%s ready, %s — fix them in the file and open it again.", counted(n, "release", "releases"), rows))
	case n == 0:
		p.summary.Importance = widget.WarningImportance
		p.summary.SetText("The file has no releases to import — add one release per row under the header row.")
	default:
		text := counted(n, "release", "releases") + " ready to import"
		if k := len(preview.NewProducts); k > 0 {
			text += fmt.Sprintf(", with %s: %s", counted(k, "new product", "new products"), strings.Join(preview.NewProducts, ", "))
		}
		p.summary.SetText(text + ".")
	}
	p.columns.SetText(columnsText(stream.Columns))
	p.importBtn.SetText("Import " + counted(n, "release", "releases"))
	if bad > 0 || n == 0 {
		p.importBtn.Disable()
	} else {
		p.importBtn.Enable()
	}
	p.errPanel.SetNote(counted(len(preview.Errors), "problem", "problems") + " in " + counted(bad, "row", "rows"))
	p.errPanel.Hidden = len(preview.Errors) == 0
	note := counted(n, "release", "releases")
	if shown := len(preview.Releases); shown < n {
		note = fmt.Sprintf("the first %s of %s", kit.FormatCount(shown), counted(n, "release", "releases"))
	}
	p.readyPanel.SetNote(note)
	p.readyEmpty.Hidden = n > 0
	p.readyEmpty.SetText("No row can be imported yet.")
	p.ready.ScrollToTop()
	p.problems.ScrollToTop()
	p.s.showPreview(true)
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

// commit imports the previewed plan in one transaction, off the UI goroutine.
func (p *planImport) commit() {
	name, stream := filepath.Base(p.path), p.stream
	ctx, cancel := context.WithCancel(p.s.Context())
	busy := newBusyDialog("Importing "+name, "Creating "+counted(p.preview.Good, "release", "releases")+"…", cancel, p.s.Win)
	p.importBtn.Disable()
	stopShow := p.s.Sched.Later(progressDelay, busy.show)
	p.s.Sched.Background(func() func() {
		created, err := reportfiles.ImportPlanStream(ctx, p.s.store, stream)
		var preview data.PlanPreview
		_, refused := data.AsPlanErrors(err)
		perr := err
		if refused {
			preview, perr = reportfiles.PreviewPlanStream(ctx, p.s.store, stream, previewRows)
		}
		return func() {
			stopShow()
			busy.close()
			cancel()
			switch {
			case err == nil:
				p.imported(name, created)
			case refused && perr == nil:
				// The database changed since the preview: show what now stands in the way.
				p.show(p.path, stream, preview)
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

// imported goes back to the cards and says what the import created.
func (p *planImport) imported(name string, created int) {
	p.closeStream()
	p.s.showPreview(false)
	text := fmt.Sprintf("Imported %s from %s", counted(created, "release", "releases"), name)
	if k := len(p.preview.NewProducts); k > 0 {
		text += fmt.Sprintf(" and added %s", counted(k, "product", "products"))
	}
	if p.s.OnShowReleases != nil {
		p.s.Tell(text+".", "Show releases", p.s.OnShowReleases)
	} else {
		p.s.Tell(text+".", "", nil)
	}
	p.s.Reload()
	if p.s.OnImported != nil {
		p.s.OnImported(created)
	}
}

// busyDialog shows that work of unknown length runs, with a way to stop it.
type busyDialog struct {
	d      *dialog.CustomDialog
	bar    *widget.ProgressBarInfinite
	text   *widget.Label
	closed bool
}

func newBusyDialog(title, text string, cancel func(), win fyne.Window) *busyDialog {
	b := &busyDialog{bar: widget.NewProgressBarInfinite(), text: &widget.Label{Text: text}}
	b.bar.Stop()
	b.text.ExtendBaseWidget(b.text)
	stop := &widget.Button{Text: "Cancel", Icon: theme.CancelIcon()}
	stop.OnTapped = func() {
		stop.Disable()
		b.text.SetText("Cancelling…")
		cancel()
	}
	stop.ExtendBaseWidget(stop)
	b.d = dialog.NewCustomWithoutButtons(title, kit.FixedWidth(420, container.NewVBox(b.bar, b.text)), win)
	b.d.SetButtons([]fyne.CanvasObject{stop})
	return b
}

func (b *busyDialog) show() {
	if !b.closed {
		b.bar.Start()
		b.d.Show()
	}
}

func (b *busyDialog) setText(s string) {
	if !b.closed {
		b.text.SetText(s)
	}
}

func (b *busyDialog) close() {
	b.closed = true
	b.bar.Stop()
	b.d.Hide()
}

// fillColumnLayout sizes a table to its space, giving its column of width 0
// whatever the fixed columns leave.
type fillColumnLayout struct {
	table  *widget.Table
	widths []float32
	last   float32
}

func (l *fillColumnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	fill, used := -1, float32(0)
	for i, w := range l.widths {
		if w == 0 {
			fill = i
		}
		used += w + pad
	}
	if fill >= 0 {
		if w := max(160, size.Width-used-theme.ScrollBarSize()-pad); w != l.last {
			l.last = w
			for i, cw := range l.widths {
				if i != fill {
					l.table.SetColumnWidth(i, cw)
				}
			}
			l.table.SetColumnWidth(fill, w)
		}
	}
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *fillColumnLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}
