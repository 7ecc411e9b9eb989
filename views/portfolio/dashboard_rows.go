package portfolio

import (
	"fmt"
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
		data.FindingIntegrity:  {data.KindLabel(data.FindingIntegrity), theme.NewErrorThemedResource(theme.BrokenImageIcon()), kit.ToneRed},
		data.FindingOverlap:    {data.KindLabel(data.FindingOverlap), theme.NewErrorThemedResource(theme.ContentCopyIcon()), kit.ToneRed},
		data.FindingFreeze:     {data.KindLabel(data.FindingFreeze), theme.NewPrimaryThemedResource(theme.CalendarIcon()), kit.ToneBlue},
		data.FindingOrder:      {data.KindLabel(data.FindingOrder), theme.NewWarningThemedResource(theme.MoveUpIcon()), kit.ToneAmber},
		data.FindingDependency: {data.KindLabel(data.FindingDependency), theme.NewWarningThemedResource(theme.MoveDownIcon()), kit.ToneAmber},
		data.FindingApproval:   {data.KindLabel(data.FindingApproval), theme.NewWarningThemedResource(theme.AccountIcon()), kit.TonePurple},
		data.FindingTests:      {data.KindLabel(data.FindingTests), theme.NewErrorThemedResource(theme.ErrorIcon()), kit.ToneRed},
		data.FindingChecklist:  {data.KindLabel(data.FindingChecklist), theme.NewWarningThemedResource(theme.CheckButtonIcon()), kit.ToneAmber},
		"":                     {data.KindLabel(""), theme.NewWarningThemedResource(theme.WarningIcon()), kit.ToneGrey},
	}
})

// noteStyle is how a finding that blocks nothing (SeverityNote) looks, whatever its kind.
var noteStyle = sync.OnceValue(func() fyne.Resource { return theme.InfoIcon() })

// styleOf is the look of a finding: its kind's, with a plain icon for a note.
func styleOf(f data.Finding) findingStyle {
	s, ok := findingStyles()[f.Kind]
	if !ok {
		s = findingStyles()[""]
		s.label = data.KindLabel(f.Kind)
	}
	if f.Severity == data.SeverityNote {
		s.icon, s.tone = noteStyle(), kit.ToneGrey
	}
	return s
}

// twoLines holds o at the height of two lines of text, so wrapped rows of a list line up.
func twoLines(o fyne.CanvasObject) fyne.CanvasObject {
	probe := widget.NewLabel("1\n2")
	return container.New(&kit.SizedLayout{Height: probe.MinSize().Height - theme.Padding()}, o)
}

// upcomingRow is a release coming up, on two lines: its day and name with
// how much of its scope is done, its status and risk, and its title under
// the name, so neither the title nor the badges are ever squeezed out.
type upcomingRow struct {
	widget.BaseWidget
	day, name, title, scope *widget.Label
	status, risk            *kit.Badge
	badges, box             *fyne.Container
}

func newUpcomingRow() *upcomingRow {
	r := &upcomingRow{day: &widget.Label{}, name: kit.NewBoldLine(), title: kit.CaptionLabel(),
		scope: &widget.Label{SizeName: theme.SizeNameCaptionText, Importance: widget.LowImportance}, status: kit.NewBadge(), risk: kit.NewBadge()}
	r.day.ExtendBaseWidget(r.day)
	r.scope.ExtendBaseWidget(r.scope)
	r.badges = container.NewHBox(container.NewCenter(r.scope), r.status, r.risk)
	longest := kit.FormatDayShort(data.NewDate(2026, time.September, 30)) // a long weekday and month
	dayWidth := widget.NewLabel(longest).MinSize().Width
	r.box = container.NewBorder(nil, nil, kit.FixedWidth(dayWidth, kit.MiddleOf(r.day)), nil,
		container.New(kit.TightRows{}, r.name, container.NewBorder(nil, nil, nil, r.badges, r.title)))
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer shows the row's parts.
func (r *upcomingRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

// set shows rel as seen on today, with its scope counted by c; an overdue
// row shows its day in red.
func (r *upcomingRow) set(rel data.Release, today data.Date, overdue bool, c data.ScopeCount) {
	r.day.Importance = widget.MediumImportance
	if overdue {
		r.day.Importance = widget.DangerImportance
	}
	r.day.SetText(shortDay(rel.PlannedRelease, today))
	r.name.SetText(rel.Name())
	r.title.SetText(rel.Title)
	r.scope.SetText("")
	if n := c.Items - c.Dropped; n > 0 {
		r.scope.SetText(fmt.Sprintf("%d/%d done", c.Done, n))
	}
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
	return kit.FormatDayShort(d)
}

// runningRow is a deployment in progress on two lines: the release and the
// environment, then since when and by whom.
type runningRow struct {
	widget.BaseWidget
	name, env, when *widget.Label
	box             *fyne.Container
}

func newRunningRow() *runningRow {
	r := &runningRow{name: kit.NewBoldLine(), when: kit.CaptionLabel(),
		env: &widget.Label{Importance: widget.WarningImportance, TextStyle: fyne.TextStyle{Bold: true}}}
	r.env.ExtendBaseWidget(r.env)
	r.box = container.NewBorder(nil, nil, nil, kit.MiddleOf(r.env), container.New(kit.TightRows{}, r.name, r.when))
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
		at := *d.ActualStart
		when = "since " + kit.FormatClock(at)
		if !data.DateOf(at.In(time.Local)).Equal(today) {
			when = "since " + kit.FormatDayShort(data.DateOf(at.In(time.Local))) + ", " + kit.FormatClock(at)
		}
	}
	if d.PerformedBy != "" {
		when += " · " + d.PerformedBy
	}
	r.when.SetText(when)
	r.box.Refresh() // the name and environment are as wide as their new text
}

// conflictRow is one finding: an icon for its kind (or a plain one for a
// note), a coloured kind, what is wrong, and a chevron: tapping opens it.
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
	widest.Set(data.KindLabel(data.FindingDependency), kit.ToneGrey)
	kind := container.New(&kit.SizedLayout{Width: widest.MinSize().Width}, container.NewVBox(r.kind))
	opens := widget.NewIcon(theme.NavigateNextIcon())
	r.box = container.NewBorder(nil, nil, container.NewHBox(container.NewVBox(r.icon), kind), kit.MiddleOf(opens), twoLines(r.text))
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer shows the row's parts.
func (r *conflictRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

func (r *conflictRow) set(f data.Finding) {
	st := styleOf(f)
	r.icon.SetResource(st.icon)
	r.kind.Set(st.label, st.tone)
	r.text.SetText(f.Message)
}
