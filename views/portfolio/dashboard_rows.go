package portfolio

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

var _ fyne.Widget = (*kit.TitledPanel)(nil)

// findingStyle is how one kind of conflict looks: its name, icon and colour.
type findingStyle struct {
	label string
	icon  fyne.Resource
	tone  kit.Tone
}

// findingStyles gives every conflict kind its own look, so a list of them can
// be scanned. Built once, on first use, since theme icons need the running
// app; the themed icons take the current theme's colours whenever drawn, so
// one set serves every theme, and a row shown again keeps its drawn icon.
var findingStyles = sync.OnceValue(func() map[string]findingStyle {
	return map[string]findingStyle{
		data.FindingOverlap:   {"Overlap", theme.NewErrorThemedResource(theme.ContentCopyIcon()), kit.ToneRed},
		data.FindingFreeze:    {"Freeze", theme.NewPrimaryThemedResource(theme.CalendarIcon()), kit.ToneBlue},
		data.FindingOrder:     {"Order", theme.NewWarningThemedResource(theme.MoveUpIcon()), kit.ToneAmber},
		data.FindingApproval:  {"Approval", theme.NewWarningThemedResource(theme.AccountIcon()), kit.TonePurple},
		data.FindingTests:     {"Tests", theme.NewErrorThemedResource(theme.ErrorIcon()), kit.ToneRed},
		data.FindingChecklist: {"Checklist", theme.NewWarningThemedResource(theme.CheckButtonIcon()), kit.ToneAmber},
		"":                    {"Warning", theme.NewWarningThemedResource(theme.WarningIcon()), kit.ToneGrey},
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
	return container.New(&kit.SizedLayout{Height: probe.MinSize().Height - theme.Padding()}, o)
}

// upcomingRow is a line of the upcoming releases: day, release, status and risk.
type upcomingRow struct {
	widget.BaseWidget
	day, name, title *widget.Label
	status, risk     *kit.Badge
	badges, box      *fyne.Container
}

func newUpcomingRow() *upcomingRow {
	r := &upcomingRow{day: &widget.Label{}, name: kit.NewBoldLine(), title: &widget.Label{Truncation: fyne.TextTruncateEllipsis},
		status: kit.NewBadge(), risk: kit.NewBadge()}
	r.day.ExtendBaseWidget(r.day)
	r.title.ExtendBaseWidget(r.title)
	r.name.Truncation = fyne.TextTruncateOff
	r.badges = container.NewHBox(r.status, r.risk)
	dayWidth := widget.NewLabel("Wed 30 Sep").MinSize().Width // the longest day
	r.box = container.NewBorder(nil, nil, container.NewHBox(kit.FixedWidth(dayWidth, r.day), r.name), r.badges, r.title)
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
	r := &runningRow{name: kit.NewBoldLine(), when: &widget.Label{Truncation: fyne.TextTruncateEllipsis},
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
	kind *kit.Badge
	text *widget.Label
	box  fyne.CanvasObject
}

func newConflictRow() *conflictRow {
	r := &conflictRow{icon: widget.NewIcon(theme.WarningIcon()), kind: kit.NewBadge(),
		text: &widget.Label{Wrapping: fyne.TextWrapWord, Truncation: fyne.TextTruncateEllipsis, SizeName: theme.SizeNameCaptionText}}
	r.text.ExtendBaseWidget(r.text)
	// The kind column is as wide as the widest kind, so messages start in line.
	widest := kit.NewBadge()
	widest.Set("Checklist", kit.ToneGrey)
	kind := container.New(&kit.SizedLayout{Width: widest.MinSize().Width}, container.NewVBox(r.kind))
	r.box = container.NewBorder(nil, nil, container.NewHBox(container.NewVBox(r.icon), kind), nil, twoLines(r.text))
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer shows the row's parts.
func (r *conflictRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

func (r *conflictRow) set(f data.Finding) {
	st := styleOf(f.Kind)
	r.icon.SetResource(st.icon)
	r.kind.Set(st.label, st.tone)
	r.text.SetText(f.Message)
}
