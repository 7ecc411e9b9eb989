package editor

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// HistoryStore is what the History tab needs from the database.
type HistoryStore interface {
	ReleaseHistory(ctx context.Context, releaseID uint) ([]data.History, error)
}

var _ HistoryStore = (*data.Store)(nil)

// Column widths of the history list, shared by its header and rows.
const (
	historyWhenWidth  = 140
	historyWhoWidth   = 120
	historyWhatWidth  = 190
	historyFieldWidth = 150
)

// historyTab lists every recorded change of a release and what belongs to
// it, newest first: when, who, what, which field, and old -> new.
type historyTab struct {
	ed   *Editor
	item *container.TabItem

	release data.Release
	rows    []data.History
	loading *tabLoading

	count *widget.Label
	list  *widget.List
	table *fyne.Container
	empty *fyne.Container
}

func newHistoryTab(ed *Editor) editorTab {
	t := &historyTab{ed: ed}
	heading := &widget.Label{Text: "History", SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	heading.ExtendBaseWidget(heading)
	t.count = &widget.Label{}
	t.count.ExtendBaseWidget(t.count)
	top := container.NewHBox(heading, container.NewCenter(t.count))
	t.list = widget.NewList(func() int { return len(t.rows) }, newHistoryRow, func(id widget.ListItemID, o fyne.CanvasObject) {
		if id < len(t.rows) {
			o.(*historyRow).set(t.rows[id])
		}
	})
	t.table = container.NewBorder(container.NewVBox(historyHeader(), widget.NewSeparator()), nil, nil, nil, t.list)
	t.empty = container.NewCenter(widget.NewLabel("Nothing recorded yet."))
	t.empty.Hide()
	t.loading = newTabLoading(ed, "Could not load the history", func() uint { return t.release.ID }).withList(t.count, t.table, t.empty)
	t.item = container.NewTabItemWithIcon("History", theme.HistoryIcon(),
		container.NewPadded(container.NewBorder(container.NewVBox(top, t.loading.problem), nil, nil, nil, container.NewStack(t.table, t.empty))))
	return t
}

func (t *historyTab) tabItem() *container.TabItem { return t.item }

// dirty is always false: history is only read.
func (t *historyTab) dirty() bool { return false }

// show loads r's history; another release's rows go at once.
func (t *historyTab) show(r data.Release) {
	t.loading.show(&t.release, r, func() { t.fill(nil, false) }, t.reload)
}

// followStatus reads the history again after a change made on another tab.
func (t *historyTab) followStatus(r data.Release) {
	if r.ID == t.release.ID && r.ID != 0 {
		t.reload()
	}
}

func (t *historyTab) reload() {
	t.loading.reload(func(ctx context.Context, store Store, id uint) (func(), error) {
		rows, err := store.ReleaseHistory(ctx, id)
		return func() { t.fill(rows, true) }, err
	})
}

func (t *historyTab) fill(rows []data.History, loaded bool) {
	t.rows = rows
	t.list.Refresh()
	t.loading.showList(kit.Count(len(rows), "change"), loaded, len(rows))
}

func historyHeader() fyne.CanvasObject {
	cell := func(text string, w float32) fyne.CanvasObject {
		l := &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}}
		l.ExtendBaseWidget(l)
		return kit.FixedWidth(w, l)
	}
	change := &widget.Label{Text: "Old → new", TextStyle: fyne.TextStyle{Bold: true}}
	change.ExtendBaseWidget(change)
	return container.NewBorder(nil, nil, container.NewHBox(cell("When", historyWhenWidth), cell("Who", historyWhoWidth),
		cell("What", historyWhatWidth), cell("Field", historyFieldWidth)), nil, change)
}

// historyRow holds the labels of one row of the history, reused as the list scrolls.
type historyRow struct {
	widget.BaseWidget
	when, who, what, field, change *widget.Label
	box                            fyne.CanvasObject
}

func newHistoryRow() fyne.CanvasObject {
	r := &historyRow{}
	label := func() *widget.Label {
		l := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
		l.ExtendBaseWidget(l)
		return l
	}
	r.when, r.who, r.what, r.field, r.change = label(), label(), label(), label(), label()
	r.box = container.NewBorder(nil, nil, container.NewHBox(kit.FixedWidth(historyWhenWidth, r.when),
		kit.FixedWidth(historyWhoWidth, r.who), kit.FixedWidth(historyWhatWidth, r.what),
		kit.FixedWidth(historyFieldWidth, r.field)), nil, r.change)
	r.ExtendBaseWidget(r)
	return r
}

func (r *historyRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

// set shows h.
func (r *historyRow) set(h data.History) {
	r.when.SetText(h.At.Local().Format("2006-01-02 15:04"))
	who := h.Who
	if who == "" {
		who = "—" // recorded before history said who
	}
	r.who.SetText(who)
	r.what.SetText(historyWhat(h))
	r.field.SetText(fieldLabel(h.Field))
	r.change.SetText(historyChange(h))
}

// historyWhat names the record and what happened to it: "deployment #12 updated".
func historyWhat(h data.History) string {
	what := strings.ReplaceAll(h.Entity, "_", " ")
	if h.Entity != data.EntityRelease {
		what = fmt.Sprintf("%s #%d", what, h.EntityID)
	}
	switch h.Action {
	case data.ActionCreate:
		return what + " added"
	case data.ActionUpdate:
		return what + " changed"
	case data.ActionDelete:
		return what + " deleted"
	case data.ActionUndo:
		return what + " (undo)"
	}
	return what + " " + h.Action
}

// fieldLabel spells a field's name as words: PlannedRelease as "Planned
// release", ProductID as "Product".
func fieldLabel(field string) string {
	field = strings.TrimSuffix(field, "ID")
	var b strings.Builder
	for i, r := range field {
		if i > 0 && unicode.IsUpper(r) {
			b.WriteByte(' ')
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// historyChange is "old → new", instants shown in local time.
func historyChange(h data.History) string {
	if h.Field == "" {
		return ""
	}
	show := func(v string) string {
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			return t.Local().Format("2006-01-02 15:04")
		}
		if v == "" {
			return "(empty)"
		}
		return strings.Join(strings.Fields(v), " ")
	}
	switch h.Action {
	case data.ActionCreate:
		return show(h.NewValue)
	case data.ActionDelete:
		return show(h.OldValue) + " → (deleted)"
	}
	return show(h.OldValue) + " → " + show(h.NewValue)
}
