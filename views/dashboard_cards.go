package views

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
)

var _ fyne.Widget = (*titledPanel)(nil)

// titledPanel is a titled area of a screen on a softly tinted, rounded background:
// an icon, a title, a note such as a count, optional tools on the right, and
// the body under them.
type titledPanel struct {
	widget.BaseWidget
	icon    *widget.Icon
	note    *widget.Label
	content fyne.CanvasObject
}

// newTitledPanel returns a panel titled title around body; tools may be nil.
func newTitledPanel(icon fyne.Resource, title string, tools, body fyne.CanvasObject) *titledPanel {
	p := &titledPanel{}
	p.ExtendBaseWidget(p)
	heading := &widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}}
	heading.ExtendBaseWidget(heading)
	p.note = &widget.Label{SizeName: theme.SizeNameCaptionText, Truncation: fyne.TextTruncateEllipsis}
	p.note.ExtendBaseWidget(p.note)
	p.icon = widget.NewIcon(icon)
	left := container.NewHBox(p.icon, heading)
	head := container.NewBorder(nil, nil, left, tools, p.note)
	p.content = container.NewBorder(container.NewVBox(head, widget.NewSeparator()), nil, nil, nil, body)
	return p
}

// setNote shows s after the title, e.g. "12 in the next 30 days".
func (p *titledPanel) setNote(s string) { p.note.SetText(s) }

// CreateRenderer draws the tinted background behind the padded content.
func (p *titledPanel) CreateRenderer() fyne.WidgetRenderer {
	r := &titledPanelRenderer{p: p, bg: &canvas.Rectangle{}, inner: container.NewPadded(p.content)}
	r.Refresh()
	return r
}

type titledPanelRenderer struct {
	p     *titledPanel
	bg    *canvas.Rectangle
	inner *fyne.Container
}

func (r *titledPanelRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.inner.Resize(size)
}

func (r *titledPanelRenderer) MinSize() fyne.Size { return r.inner.MinSize() }

// Refresh re-reads the theme so the panel follows a light/dark switch.
func (r *titledPanelRenderer) Refresh() {
	th, v := r.p.Theme(), fyne.CurrentApp().Settings().ThemeVariant()
	r.bg.FillColor = th.Color(theme.ColorNameHeaderBackground, v)
	r.bg.StrokeColor = th.Color(theme.ColorNameSeparator, v)
	r.bg.StrokeWidth = 1
	r.bg.CornerRadius = th.Size(theme.SizeNameInputRadius) * 2
	r.bg.Refresh()
	r.inner.Refresh()
}

func (r *titledPanelRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.inner}
}

func (r *titledPanelRenderer) Destroy() {}

// findingStyle is how one kind of conflict looks: its name, icon and colour.
type findingStyle struct {
	label string
	icon  fyne.Resource
	tone  tone
}

// findingStyles gives every conflict kind its own look, so a list of them can
// be scanned. Built once, on first use, since theme icons need the running
// app; the themed icons take the current theme's colours whenever drawn, so
// one set serves every theme, and a row shown again keeps its drawn icon.
var findingStyles = sync.OnceValue(func() map[string]findingStyle {
	return map[string]findingStyle{
		data.FindingOverlap:   {"Overlap", theme.NewErrorThemedResource(theme.ContentCopyIcon()), toneRed},
		data.FindingFreeze:    {"Freeze", theme.NewPrimaryThemedResource(theme.CalendarIcon()), toneBlue},
		data.FindingOrder:     {"Order", theme.NewWarningThemedResource(theme.MoveUpIcon()), toneAmber},
		data.FindingApproval:  {"Approval", theme.NewWarningThemedResource(theme.AccountIcon()), tonePurple},
		data.FindingTests:     {"Tests", theme.NewErrorThemedResource(theme.ErrorIcon()), toneRed},
		data.FindingChecklist: {"Checklist", theme.NewWarningThemedResource(theme.CheckButtonIcon()), toneAmber},
		"":                    {"Warning", theme.NewWarningThemedResource(theme.WarningIcon()), toneGrey},
	}
})

func styleOf(kind string) findingStyle {
	if s, ok := findingStyles()[kind]; ok {
		return s
	}
	return findingStyles()[""]
}

// twoLines holds o at the height of two lines of text, so wrapped rows of a list line up.
func twoLines(o fyne.CanvasObject) fyne.CanvasObject {
	probe := widget.NewLabel("1\n2")
	return container.New(&sizedLayout{height: probe.MinSize().Height - theme.Padding()}, o)
}

// captionLabel returns a small label for the second line of a row.
func captionLabel() *widget.Label {
	l := &widget.Label{SizeName: theme.SizeNameCaptionText, Truncation: fyne.TextTruncateEllipsis}
	l.ExtendBaseWidget(l)
	return l
}

func newBoldLine() *widget.Label {
	l := &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	l.ExtendBaseWidget(l)
	return l
}

// upcomingRow is a line of the upcoming releases: day, release, status and risk.
type upcomingRow struct {
	widget.BaseWidget
	day, name, title *widget.Label
	status, risk     *Badge
	badges, box      *fyne.Container
}

func newUpcomingRow() *upcomingRow {
	r := &upcomingRow{day: &widget.Label{}, name: newBoldLine(), title: &widget.Label{Truncation: fyne.TextTruncateEllipsis},
		status: NewBadge(), risk: NewBadge()}
	r.day.ExtendBaseWidget(r.day)
	r.title.ExtendBaseWidget(r.title)
	r.name.Truncation = fyne.TextTruncateOff
	r.badges = container.NewHBox(r.status, r.risk)
	dayWidth := widget.NewLabel("Wed 30 Sep").MinSize().Width // the longest day
	r.box = container.NewBorder(nil, nil, container.NewHBox(fixedWidth(dayWidth, r.day), r.name), r.badges, r.title)
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer shows the row's parts.
func (r *upcomingRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

// set shows rel as seen on today; an overdue row shows its day in red.
func (r *upcomingRow) set(rel data.Release, today data.Date, overdue bool) {
	r.day.Importance = widget.MediumImportance
	if overdue {
		r.day.Importance = widget.DangerImportance
	}
	r.day.SetText(shortDay(rel.PlannedRelease, today))
	r.name.SetText(rel.Name())
	r.title.SetText(rel.Title)
	r.status.SetStatus(rel.Status)
	r.risk.SetRisk(rel.Risk)
	// A reused row must make room for a name and badges wider than the last ones it showed.
	r.badges.Refresh()
	r.box.Refresh()
}

// shortDay shows a day near today: "Today", "Tomorrow" or "Tue 1 Dec".
func shortDay(d, today data.Date) string {
	switch today.DaysUntil(d) {
	case 0:
		return "Today"
	case 1:
		return "Tomorrow"
	}
	return d.Time(time.UTC).Format("Mon 2 Jan")
}

// runningRow is a deployment in progress on one line: release, since when
// and by whom, and the environment.
type runningRow struct {
	widget.BaseWidget
	name, env, when *widget.Label
	box             *fyne.Container
}

func newRunningRow() *runningRow {
	r := &runningRow{name: newBoldLine(), when: &widget.Label{Truncation: fyne.TextTruncateEllipsis},
		env: &widget.Label{Importance: widget.WarningImportance, TextStyle: fyne.TextStyle{Bold: true}}}
	r.name.Truncation = fyne.TextTruncateOff
	r.env.ExtendBaseWidget(r.env)
	r.when.ExtendBaseWidget(r.when)
	r.box = container.NewBorder(nil, nil, r.name, r.env, r.when)
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer shows the row's parts.
func (r *runningRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

// set shows deployment d as seen on today.
func (r *runningRow) set(d data.Deployment, today data.Date) {
	r.name.SetText(d.Release.Name())
	r.env.SetText(d.Environment.Name)
	when := "not started"
	if d.ActualStart != nil {
		at := d.ActualStart.In(time.Local)
		when = "since " + at.Format("15:04")
		if !data.DateOf(at).Equal(today) {
			when = "since " + at.Format("Mon 2 Jan 15:04")
		}
	}
	if d.PerformedBy != "" {
		when += " · " + d.PerformedBy
	}
	r.when.SetText(when)
	r.box.Refresh() // the name and environment are as wide as their new text
}

// conflictRow is one conflict or warning: a coloured kind and what is wrong.
type conflictRow struct {
	widget.BaseWidget
	icon *widget.Icon
	kind *Badge
	text *widget.Label
	box  fyne.CanvasObject
}

func newConflictRow() *conflictRow {
	r := &conflictRow{icon: widget.NewIcon(theme.WarningIcon()), kind: NewBadge(),
		text: &widget.Label{Wrapping: fyne.TextWrapWord, Truncation: fyne.TextTruncateEllipsis, SizeName: theme.SizeNameCaptionText}}
	r.text.ExtendBaseWidget(r.text)
	// The kind column is as wide as the widest kind, so messages start in line.
	widest := NewBadge()
	widest.set("Checklist", toneGrey)
	kind := container.New(&sizedLayout{width: widest.MinSize().Width}, container.NewVBox(r.kind))
	r.box = container.NewBorder(nil, nil, container.NewHBox(container.NewVBox(r.icon), kind), nil, twoLines(r.text))
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer shows the row's parts.
func (r *conflictRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

func (r *conflictRow) set(f data.Finding) {
	st := styleOf(f.Kind)
	r.icon.SetResource(st.icon)
	r.kind.set(st.label, st.tone)
	r.text.SetText(f.Message)
}

// tightRows stacks objects at their minimum heights with no gap, so a bold
// line and its caption read as one row.
type tightRows struct{}

func (tightRows) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y, pad := float32(0), theme.Padding()
	for i, o := range objs {
		if i > 0 {
			y -= pad // the labels' own padding already separates them
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h
	}
}

func (tightRows) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
		if i > 0 {
			s.Height -= theme.Padding()
		}
	}
	return s
}

// nounCount says "1 release" or "3 releases".
func nounCount(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return FormatCount(n) + " " + noun + "s"
}

// columnsLayout puts objects side by side, each taking its share of the width.
type columnsLayout struct{ shares []float32 }

func (l *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	free := size.Width - pad*float32(len(objs)-1)
	x := float32(0)
	for i, o := range objs {
		w := free * l.shares[i]
		if i == len(objs)-1 {
			w = size.Width - x
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

func (l *columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width += m.Width + theme.Padding()
		s.Height = max(s.Height, m.Height)
	}
	return s
}

// stackedLayout puts two objects one above the other; the lower one gets
// share of the height, or its minimum height when that is more.
type stackedLayout struct{ share float32 }

func (l *stackedLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	lower := max(objs[1].MinSize().Height, (size.Height-pad)*l.share)
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(size.Width, size.Height-lower-pad))
	objs[1].Move(fyne.NewPos(0, size.Height-lower))
	objs[1].Resize(fyne.NewSize(size.Width, lower))
}

func (l *stackedLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, b := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(a.Width, b.Width), a.Height+b.Height+theme.Padding())
}
