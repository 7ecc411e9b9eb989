package portfolio

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// raciPeriod is a choice of which releases the RACI matrix covers.
type raciPeriod struct {
	label  string
	bounds func(today data.Date) (from, to data.Date)
}

var raciPeriods = []raciPeriod{
	{"Next 30 days", func(t data.Date) (data.Date, data.Date) { return t, t.AddDays(30) }},
	{"This quarter", func(t data.Date) (data.Date, data.Date) { return quarterBounds(t, 0) }},
	{"Next quarter", func(t data.Date) (data.Date, data.Date) { return quarterBounds(t, 1) }},
}

// quarterBounds returns the first and last day of the calendar quarter
// ahead quarters after the one holding day.
func quarterBounds(day data.Date, ahead int) (from, to data.Date) {
	t := day.Time(time.UTC)
	first := time.Date(t.Year(), time.Month((int(t.Month())-1)/3*3+1+3*ahead), 1, 0, 0, 0, 0, time.UTC)
	return data.DateOf(first), data.DateOf(first.AddDate(0, 3, -1))
}

// Widths of the RACI matrix's columns.
const (
	raciReleaseWidth = 250
	raciPersonWidth  = 104
)

// raciMatrix is the Stakeholders screen's RACI tab: releases of a period as
// rows, people as columns, each cell the person's roles on the release.
type raciMatrix struct {
	screen    *Stakeholders
	period    *widget.Select
	note      *widget.Label
	table     *widget.Table
	empty     *widget.Label
	m         data.RACIMatrix
	approvals map[data.RACIKey]data.Approval
	content   fyne.CanvasObject
	// today is the day periods count from; tests fix it.
	today func() data.Date
	loads kit.Loads
}

func newRACIMatrix(s *Stakeholders) *raciMatrix {
	r := &raciMatrix{screen: s, today: data.Today}
	labels := make([]string, len(raciPeriods))
	for i, p := range raciPeriods {
		labels[i] = p.label
	}
	r.period = widget.NewSelect(labels, func(string) { r.reload() })
	r.period.Selected = labels[0]
	r.note = &widget.Label{}
	r.note.ExtendBaseWidget(r.note)
	r.table = &widget.Table{
		Length:       func() (int, int) { return len(r.m.Releases), len(r.m.People) + 1 },
		CreateCell:   func() fyne.CanvasObject { return newRACICell() },
		UpdateCell:   r.updateCell,
		CreateHeader: func() fyne.CanvasObject { return kit.NewBoldLine() },
		UpdateHeader: r.updateHeader,
	}
	r.table.ShowHeaderRow = true
	r.table.StickyColumnCount = 1
	r.table.ExtendBaseWidget(r.table)
	r.table.SetColumnWidth(0, raciReleaseWidth)
	r.table.OnSelected = func(id widget.TableCellID) {
		r.table.UnselectAll()
		if id.Row >= 0 && id.Row < len(r.m.Releases) && s.OnOpenRelease != nil {
			s.OnOpenRelease(r.m.Releases[id.Row].ID)
		}
	}
	r.empty = kit.EmptyNote("")
	bar := container.NewHBox(kit.FixedWidth(180, r.period), container.NewCenter(r.note))
	r.content = container.NewBorder(bar, raciLegend(), nil, nil, container.NewStack(r.table, r.empty))
	return r
}

// raciLegend explains the cells: roles, the Accountable highlight and the approval marks.
func raciLegend() fyne.CanvasObject {
	sample := func(text string, a data.Approval, accountable bool) fyne.CanvasObject {
		c := newRACICell()
		c.show(text, a, accountable)
		return kit.FixedSize(fyne.NewSize(36, 28), c)
	}
	caption := func(text string) fyne.CanvasObject {
		l := &widget.Label{Text: text, SizeName: theme.SizeNameCaptionText}
		l.ExtendBaseWidget(l)
		return l
	}
	return container.NewHBox(
		caption("R Responsible · C Consulted · I Informed"),
		sample("A", data.ApprovalApproved, true), caption("Accountable"),
		sample("R", data.ApprovalPending, false), caption("approval pending"),
		sample("C", data.ApprovalRejected, false), caption("rejected"),
	)
}

func (r *raciMatrix) chosen() raciPeriod {
	for _, p := range raciPeriods {
		if p.label == r.period.Selected {
			return p
		}
	}
	return raciPeriods[0]
}

// reload reads the matrix of the chosen period off the UI goroutine.
func (r *raciMatrix) reload() {
	from, to := r.chosen().bounds(r.today())
	r.screen.Load(&r.loads, func(ctx context.Context) func() {
		m, err := r.screen.store.RACIMatrix(ctx, from, to)
		var approvals map[data.RACIKey]data.Approval
		if err == nil {
			approvals, err = r.screen.store.RACIApprovals(ctx, from, to)
		}
		return func() {
			if err != nil {
				r.screen.ShowError("Could not load the RACI matrix", err)
				return
			}
			r.show(m, approvals, from, to)
		}
	})
}

func (r *raciMatrix) show(m data.RACIMatrix, approvals map[data.RACIKey]data.Approval, from, to data.Date) {
	r.m, r.approvals = m, approvals
	for i, p := range m.People {
		r.table.SetColumnWidth(i+1, min(max(raciPersonWidth, headerWidth(p.Name)), 1.6*raciPersonWidth))
	}
	r.note.SetText(kit.FormatDate(from) + " – " + kit.FormatDate(to) + " · " + kit.Count(len(m.Releases), "release") +
		", " + kit.PeopleCount(len(m.People)))
	switch {
	case len(m.Releases) == 0:
		r.empty.SetText("No releases are planned in this period.")
	case len(m.People) == 0:
		r.empty.SetText("No one holds a role on the releases of this period yet — assign people in each release's Stakeholders tab.")
	}
	r.empty.Hidden = len(m.Releases) > 0 && len(m.People) > 0
	r.empty.Refresh()
	r.table.Refresh()
}

func (r *raciMatrix) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	switch {
	case id.Col == 0:
		l.SetText("Release")
	case id.Col-1 < len(r.m.People):
		l.SetText(r.m.People[id.Col-1].Name)
	default:
		l.SetText("")
	}
}

func (r *raciMatrix) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*raciCell)
	if id.Row >= len(r.m.Releases) || id.Col > len(r.m.People) {
		return
	}
	rel := r.m.Releases[id.Row]
	if id.Col == 0 {
		c.showRelease(shortDate(rel.PlannedRelease) + "  " + rel.Name())
		return
	}
	person := r.m.People[id.Col-1].ID
	roles := r.m.Roles(rel.ID, person)
	text := make([]string, len(roles))
	accountable := false
	for i, role := range roles {
		text[i] = string(role)
		accountable = accountable || role == data.RoleAccountable
	}
	c.show(strings.Join(text, "/"), r.approvals[data.RACIKey{ReleaseID: rel.ID, StakeholderID: person}], accountable)
}

// shortDate shows a day as "1 Dec".
func shortDate(d data.Date) string {
	if d.IsZero() {
		return "—"
	}
	return d.Time(time.UTC).Format("2 Jan")
}

var _ fyne.Widget = (*raciCell)(nil)

// raciCell is a cell of the RACI matrix: the roles, highlighted when they
// include Accountable, with a dot for an approval still pending (amber) or
// rejected (red). The first column shows the release instead.
type raciCell struct {
	widget.BaseWidget
	text        string
	approval    data.Approval
	accountable bool
	release     bool
}

func newRACICell() *raciCell {
	c := &raciCell{}
	c.ExtendBaseWidget(c)
	return c
}

// show sets the roles text, the approval and whether they include Accountable.
func (c *raciCell) show(text string, a data.Approval, accountable bool) {
	c.text, c.approval, c.accountable, c.release = text, a, accountable, false
	c.Refresh()
}

// showRelease sets the cell to name a release.
func (c *raciCell) showRelease(text string) {
	c.text, c.approval, c.accountable, c.release = text, "", false, true
	c.Refresh()
}

// CreateRenderer builds the cell's background, text and dot.
func (c *raciCell) CreateRenderer() fyne.WidgetRenderer {
	r := &raciCellRenderer{c: c, bg: &canvas.Rectangle{}, text: &canvas.Text{}, dot: &canvas.Circle{}}
	r.Refresh()
	return r
}

type raciCellRenderer struct {
	c    *raciCell
	bg   *canvas.Rectangle
	text *canvas.Text
	dot  *canvas.Circle
}

func (r *raciCellRenderer) Layout(size fyne.Size) {
	inset := theme.Padding() / 2
	r.bg.Move(fyne.NewPos(inset, inset))
	r.bg.Resize(fyne.NewSize(size.Width-2*inset, size.Height-2*inset))
	ts := r.text.MinSize()
	x := (size.Width - ts.Width) / 2
	if r.c.release {
		x = theme.InnerPadding()
	}
	r.text.Move(fyne.NewPos(x, (size.Height-ts.Height)/2))
	r.text.Resize(ts)
	d := float32(7)
	r.dot.Move(fyne.NewPos(min(x+ts.Width+3, size.Width-d-2), (size.Height-ts.Height)/2+2))
	r.dot.Resize(fyne.NewSize(d, d))
}

func (r *raciCellRenderer) MinSize() fyne.Size {
	ts := r.text.MinSize()
	return fyne.NewSize(ts.Width+2*theme.InnerPadding(), ts.Height+2*theme.InnerPadding())
}

// Refresh re-reads the theme so the cell follows a light/dark switch.
func (r *raciCellRenderer) Refresh() {
	th, v := r.c.Theme(), fyne.CurrentApp().Settings().ThemeVariant()
	r.text.Text = r.c.text
	r.text.TextSize = th.Size(theme.SizeNameText)
	r.text.TextStyle = fyne.TextStyle{Bold: r.c.accountable}
	r.text.Color = th.Color(theme.ColorNameForeground, v)
	r.bg.FillColor = nil
	r.bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
	if r.c.accountable {
		r.text.Color = kit.ToneBlue.On(v)
		r.bg.FillColor = kit.WithAlpha(kit.ToneBlue.On(v), 0x2a)
	}
	r.dot.FillColor = nil
	r.dot.Hidden = true
	if !r.c.release && r.c.text != "" {
		switch r.c.approval {
		case data.ApprovalPending:
			r.dot.FillColor, r.dot.Hidden = kit.ToneAmber.On(v), false
		case data.ApprovalRejected:
			r.dot.FillColor, r.dot.Hidden = kit.ToneRed.On(v), false
		}
	}
	r.Layout(r.c.Size())
	r.bg.Refresh()
	r.text.Refresh()
	r.dot.Refresh()
}

func (r *raciCellRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.text, r.dot}
}

func (r *raciCellRenderer) Destroy() {}
