package reports

import (
	"fmt"
	"math"
	"slices"
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

// The tables of the import preview: the releases a plan or a versions list
// creates, the rows with errors, and the parts they share.

// planColumn is one column of the table of releases an import would create.
type planColumn struct {
	title string
	width float32 // 0 for the column that takes the width left
	text  func(r *data.PlanRelease) string
	// badge, when set, fills the cell with a coloured pill instead of text.
	badge func(b *kit.Badge, r *data.PlanRelease)
	// date columns are fitted to the longest date of the day order in use
	// (dateColumnWidth); width is only their size before that.
	date bool
}

// rowWidth is the Row column's width until the rows shown are known;
// rowColumnWidth then widens it for row numbers far down a large file.
const rowWidth = 48

// rowColumnWidth fits the Row column to its header and to row numbers up
// to last.
func rowColumnWidth(last int) float32 {
	widest := "Row"
	if s := fmt.Sprint(last); len(s) > len(widest) {
		widest = s
	}
	text := fyne.MeasureText(widest, theme.TextSize(), fyne.TextStyle{Bold: true})
	return max(rowWidth, cellWidth(text.Width))
}

// cellWidth is the width of a column whose widest text is w wide.
func cellWidth(w float32) float32 {
	return float32(math.Ceil(float64(w + 2*theme.InnerPadding() + theme.Padding())))
}

// dateColumnWidth fits a date column to its header and to the longest
// date of the day order in use (month names differ in width).
func dateColumnWidth(title string) float32 {
	widest := fyne.MeasureText(title, theme.TextSize(), fyne.TextStyle{Bold: true}).Width
	for m := time.January; m <= time.December; m++ {
		day := kit.FormatDate(data.NewDate(2026, m, 28))
		widest = max(widest, fyne.MeasureText(day, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	return cellWidth(widest)
}

var planColumns = []planColumn{
	{"Row", rowWidth, func(r *data.PlanRelease) string { return fmt.Sprint(r.Row) }, nil, false},
	{"Product", 168, func(r *data.PlanRelease) string { return r.Release.Product.Name }, nil, false},
	{"Version", 80, func(r *data.PlanRelease) string { return r.Release.Version }, nil, false},
	{"Title", 0, func(r *data.PlanRelease) string { return r.Release.Title }, nil, false},
	{"Type", 76, func(r *data.PlanRelease) string { return r.Release.Type.Label() }, nil, false},
	{"Status", 108, nil, func(b *kit.Badge, r *data.PlanRelease) { b.SetStatus(r.Release.Status) }, false},
	{"Owner", 128, func(r *data.PlanRelease) string { return r.Release.Owner }, nil, false},
	{"Code freeze", 112, func(r *data.PlanRelease) string { return kit.FormatDate(r.Release.CodeFreeze) }, nil, true},
	{"Release date", 112, func(r *data.PlanRelease) string { return kit.FormatDate(r.Release.PlannedRelease) }, nil, true},
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
	if id.Row >= len(p.errs) {
		return
	}
	e, l := p.errs[id.Row], o.(*widget.Label)
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

// previewTable is a table of the preview with a header row, each column
// titled, sized by widths (the one of width 0 takes what is left), and a
// note shown under the header row when it has no rows.
type previewTable struct {
	table  *widget.Table
	empty  *widget.Label
	layout *fillColumnLayout
	box    *fyne.Container // the table, laid out by layout
	// content is the table with its note, to place in a panel.
	content fyne.CanvasObject
}

func newPreviewTable(titles []string, widths []float32, rows func() int, create func() fyne.CanvasObject,
	update func(id widget.TableCellID, o fyne.CanvasObject)) *previewTable {
	t := &previewTable{empty: kit.EmptyNote(""), layout: &fillColumnLayout{widths: slices.Clone(widths)}}
	t.empty.Wrapping = fyne.TextWrapOff // centred, it would get the width of one letter
	t.table = &widget.Table{
		Length:        func() (int, int) { return rows(), len(titles) },
		CreateCell:    create,
		UpdateCell:    update,
		ShowHeaderRow: true,
		CreateHeader:  newPlanHeader,
		UpdateHeader: func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Col >= 0 && id.Col < len(titles) {
				o.(*widget.Label).SetText(titles[id.Col])
			}
		},
	}
	t.table.ExtendBaseWidget(t.table)
	// The note sits under the header row, never over it.
	below := kit.FixedSize(fyne.NewSize(0, newPlanHeader().MinSize().Height+theme.Padding()), layout.NewSpacer())
	t.layout.table = t.table
	t.box = container.New(t.layout, t.table)
	t.content = container.NewStack(t.box,
		container.NewBorder(below, nil, nil, nil, container.NewCenter(t.empty)))
	return t
}

// setWidth sets the width of a column of fixed width.
func (t *previewTable) setWidth(col int, w float32) {
	if t.layout.widths[col] != w {
		t.layout.widths[col] = w
		t.layout.last = 0 // the column that fills takes what is left now
		t.box.Refresh()
	}
}

// show lays the table out again for its rows, from the top, with note
// saying why there are none (none when "").
func (t *previewTable) show(note string) {
	t.table.Refresh() // the number of rows may have changed: Open again reads the file anew
	t.table.ScrollToTop()
	t.empty.SetText(note)
	t.empty.Hidden = note == ""
	t.empty.Refresh()
}

// newTextCell is a cell of plain text, cut short when too long.
func newTextCell() fyne.CanvasObject {
	l := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	l.ExtendBaseWidget(l)
	return l
}
