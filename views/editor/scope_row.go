package editor

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// kindTones colour work item kinds: features blue, fixes amber, improvements
// green, security red, tasks grey, the same wherever scope is shown.
var kindTones = map[data.WorkItemKind]kit.Tone{
	data.WorkFeature: kit.ToneBlue, data.WorkFix: kit.ToneAmber, data.WorkImprovement: kit.ToneGreen,
	data.WorkSecurity: kit.ToneRed, data.WorkTask: kit.ToneGrey,
}

// workStatusTones colour work item statuses: done green, in progress blue, the rest grey.
var workStatusTones = map[data.WorkItemStatus]kit.Tone{
	data.WorkOpen: kit.ToneGrey, data.WorkInProgress: kit.ToneBlue, data.WorkDone: kit.ToneGreen, data.WorkDropped: kit.TonePurple,
}

// Widths of a scope line's columns, so the lines line up.
const (
	scopeKeyWidth   = 112
	scopeBadgeWidth = 104
)

// scopeRow is one work item of the Scope tab: a tick to select it, its key
// (a link to the tracker when it has one), summary and component, kind,
// status, whether customers are told, and Edit and Remove.
type scopeRow struct {
	widget.BaseWidget
	pick      *widget.Check
	key       *widget.Label
	link      *widget.Hyperlink
	summary   *widget.Label
	component *widget.Label
	kind      *kit.Badge
	status    *kit.Badge
	audience  *kit.Badge
	edit      *widget.Button
	remove    *widget.Button
	box       *fyne.Container

	item data.WorkItem
	// onPick, onEdit and onRemove are the tab's handlers for the item shown.
	onPick           func(it data.WorkItem, picked bool)
	onEdit, onRemove func(it data.WorkItem)
}

func newScopeRow() *scopeRow {
	r := &scopeRow{key: kit.NewBoldLine(), link: &widget.Hyperlink{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis},
		summary: &widget.Label{Truncation: fyne.TextTruncateEllipsis}, component: kit.CaptionLabel(),
		kind: kit.NewBadge(), status: kit.NewBadge(), audience: kit.NewBadge()}
	r.link.ExtendBaseWidget(r.link)
	r.summary.ExtendBaseWidget(r.summary)
	r.pick = &widget.Check{}
	r.pick.ExtendBaseWidget(r.pick)
	r.edit = &widget.Button{Icon: theme.DocumentCreateIcon(), Importance: widget.LowImportance, OnTapped: func() { r.onEdit(r.item) }}
	r.edit.ExtendBaseWidget(r.edit)
	r.remove = &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { r.onRemove(r.item) }}
	r.remove.ExtendBaseWidget(r.remove)
	key := kit.FixedWidth(scopeKeyWidth, container.NewStack(r.key, r.link))
	badge := func(b *kit.Badge) fyne.CanvasObject { return kit.FixedWidth(scopeBadgeWidth, container.NewCenter(b)) }
	right := container.NewHBox(badge(r.kind), badge(r.status), badge(r.audience), r.edit, r.remove)
	text := container.New(kit.TightRows{}, r.summary, r.component)
	r.box = container.NewBorder(nil, nil, container.NewHBox(r.pick, key), right, text)
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer shows the row's parts.
func (r *scopeRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

// set shows it, ticked when picked.
func (r *scopeRow) set(it data.WorkItem, picked bool) {
	r.item = it
	r.pick.OnChanged = nil // showing the tick is not picking
	r.pick.SetChecked(picked)
	r.pick.OnChanged = func(on bool) { r.onPick(r.item, on) }
	if u, err := url.Parse(it.Link); err == nil && it.Link != "" {
		r.link.SetText(it.Key)
		r.link.SetURL(u) // tapping opens the tracker's page in the browser
		r.key.Hide()
		r.link.Show()
	} else {
		r.key.SetText(it.Key)
		r.link.Hide()
		r.key.Show()
	}
	r.summary.SetText(it.Summary)
	component := it.Component
	if component == "" {
		component = "No component"
	}
	r.component.SetText(component)
	r.kind.Set(it.Kind.Label(), kit.ToneOr(kindTones, it.Kind))
	r.status.Set(it.Status.Label(), kit.ToneOr(workStatusTones, it.Status))
	if it.CustomerFacing {
		r.audience.Set("Customers", kit.ToneBlue)
	} else {
		r.audience.Set("Internal", kit.ToneGrey)
	}
}
