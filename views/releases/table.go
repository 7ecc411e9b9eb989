package releases

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/Masterminds/semver/v3"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// releaseColumn is one column of the Releases table.
type releaseColumn struct {
	title string
	// width is fixed; 0 marks the column that takes the remaining width.
	width float32
	// text fills a plain cell; badge fills a coloured one. Exactly one is set.
	text  func(r *data.Release) string
	badge func(b *kit.Badge, r *data.Release)
	// compare orders two rows by this column, on keys worked out once per sort.
	compare func(a, b *rowKey) int
	// blank, when set, tells rows with nothing in this column; they sort last either way.
	blank func(k *rowKey) bool
}

// Column indexes, in display order.
const (
	colProduct = iota
	colVersion
	colTitle
	colStatus
	colPlanned
	colOwner
	colRisk
	colType
)

// minTitleWidth keeps the title readable when the window is narrow.
const minTitleWidth = 180

var releaseColumns = []releaseColumn{
	colProduct: {title: "Product", width: 136,
		text:    func(r *data.Release) string { return r.Product.Name },
		compare: func(a, b *rowKey) int { return strings.Compare(a.product, b.product) }},
	colVersion: {title: "Version", width: 76,
		text:    func(r *data.Release) string { return r.Version },
		compare: func(a, b *rowKey) int { return compareVersionKeys(a, b) }},
	colTitle: {title: "Title",
		text:    func(r *data.Release) string { return r.Title },
		compare: func(a, b *rowKey) int { return strings.Compare(a.title, b.title) }},
	colStatus: {title: "Status", width: 112,
		badge:   func(b *kit.Badge, r *data.Release) { b.SetStatus(r.Status) },
		compare: func(a, b *rowKey) int { return cmp.Compare(a.status, b.status) }},
	colPlanned: {title: "Planned release", width: 146,
		text:    func(r *data.Release) string { return kit.FormatDate(r.PlannedRelease) },
		compare: func(a, b *rowKey) int { return cmp.Compare(a.planned, b.planned) },
		blank:   func(k *rowKey) bool { return k.planned == math.MaxInt64 }},
	colOwner: {title: "Owner", width: 124,
		text:    func(r *data.Release) string { return r.Owner },
		compare: func(a, b *rowKey) int { return strings.Compare(a.owner, b.owner) },
		blank:   func(k *rowKey) bool { return k.owner == "" }},
	colRisk: {title: "Risk", width: 80,
		badge:   func(b *kit.Badge, r *data.Release) { b.SetRisk(r.Risk) },
		compare: func(a, b *rowKey) int { return cmp.Compare(a.risk, b.risk) }},
	colType: {title: "Type", width: 100,
		text:    func(r *data.Release) string { return r.Type.Label() },
		compare: func(a, b *rowKey) int { return cmp.Compare(a.typ, b.typ) }},
}

// rowKey is a release reduced to what sorting compares, worked out once per
// row so that sorting 2,000 rows takes about a millisecond, not a hundred.
type rowKey struct {
	product, title, owner string // lower case
	version               *semver.Version
	versionText           string
	planned               int64 // days since 1970; unset days sort last
	status, risk, typ     int
	id                    uint
}

func keyOf(r *data.Release) rowKey {
	k := rowKey{
		product: strings.ToLower(r.Product.Name), title: strings.ToLower(r.Title), owner: strings.ToLower(r.Owner),
		versionText: r.Version, planned: math.MaxInt64, id: r.ID,
		status: slices.Index(data.ReleaseStatuses, r.Status), risk: slices.Index(data.Risks, r.Risk),
		typ: slices.Index(data.ReleaseTypes, r.Type),
	}
	if v, err := semver.NewVersion(r.Version); err == nil {
		k.version = v
	}
	if !r.PlannedRelease.IsZero() {
		k.planned = r.PlannedRelease.Time(time.UTC).Unix() / 86400
	}
	return k
}

// compareVersionKeys orders as data.CompareVersions does (2.10.0 after
// 2.9.0, text order for anything else) without parsing at every comparison.
func compareVersionKeys(a, b *rowKey) int {
	if a.version != nil && b.version != nil {
		return a.version.Compare(b.version)
	}
	return strings.Compare(a.versionText, b.versionText)
}

// sortReleases orders rows by column col, reversed when desc; ties fall back
// to product, version and id so the order never jumps between reloads.
func sortReleases(rows []data.Release, col int, desc bool) {
	by, blank := releaseColumns[col].compare, releaseColumns[col].blank
	keys := make([]rowKey, len(rows))
	order := make([]int, len(rows))
	for i := range rows {
		keys[i] = keyOf(&rows[i])
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := &keys[i], &keys[j]
		if blank != nil {
			if ba, bb := blank(a), blank(b); ba != bb {
				if ba {
					return 1
				}
				return -1
			}
		}
		c := by(a, b)
		if desc {
			c = -c
		}
		if c != 0 {
			return c
		}
		if c = strings.Compare(a.product, b.product); c != 0 {
			return c
		}
		if c = compareVersionKeys(a, b); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	permute(rows, order)
}

// permute puts rows[order[i]] at i for every i, in place: following each
// cycle of the permutation with one spare row costs no copy of all the rows.
// It uses up order.
func permute(rows []data.Release, order []int) {
	for start := range order {
		if order[start] < 0 || order[start] == start {
			continue
		}
		spare, at := rows[start], start
		for {
			from := order[at]
			order[at] = -1
			if from == start {
				rows[at] = spare
				break
			}
			rows[at] = rows[from]
			at = from
		}
	}
}

// releaseTable is the sortable table of the Releases screen.
type releaseTable struct {
	table   *widget.Table
	rows    []data.Release
	sortCol int
	desc    bool
	// onOpen is called with the release of a selected row.
	onOpen func(r data.Release)
	// onSorted is called after a header tap changed the order.
	onSorted  func()
	lastTitle float32
	// scrollPending is the day to scroll to once the table has a size.
	scrollPending data.Date
}

func newReleaseTable(onOpen func(r data.Release)) *releaseTable {
	t := &releaseTable{sortCol: colPlanned, onOpen: onOpen}
	t.table = &widget.Table{
		Length:        func() (int, int) { return len(t.rows), len(releaseColumns) },
		CreateCell:    newReleaseCell,
		UpdateCell:    t.updateCell,
		ShowHeaderRow: true,
		CreateHeader:  func() fyne.CanvasObject { return kit.NewColumnHeader() },
		UpdateHeader:  t.updateHeader,
		OnSelected:    t.selected,
	}
	t.table.ExtendBaseWidget(t.table)
	for i, c := range releaseColumns {
		if c.width > 0 {
			t.table.SetColumnWidth(i, c.width)
		}
	}
	t.fitColumns(1040)
	return t
}

// setRows shows rows, which are already sorted by column col (reversed when desc).
func (t *releaseTable) setRows(rows []data.Release, col int, desc bool) {
	if col != t.sortCol || desc != t.desc {
		sortReleases(rows, t.sortCol, t.desc)
	}
	t.rows = rows
	t.table.Refresh()
}

// sortBy sorts by col, reversing the order when col is already the sort column.
func (t *releaseTable) sortBy(col int) {
	if col == t.sortCol {
		t.desc = !t.desc
	} else {
		t.sortCol, t.desc = col, false
	}
	sortReleases(t.rows, t.sortCol, t.desc)
	t.table.Refresh()
	if t.onSorted != nil {
		t.onSorted()
	}
}

func (t *releaseTable) selected(id widget.TableCellID) {
	t.table.UnselectAll() // a second tap on the same row opens it again
	if id.Row >= 0 && id.Row < len(t.rows) && t.onOpen != nil {
		t.onOpen(t.rows[id.Row])
	}
}

// newReleaseCell holds both kinds of cell content, a label and a badge; updateCell shows one.
func newReleaseCell() fyne.CanvasObject {
	l := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	l.ExtendBaseWidget(l)
	b := kit.NewBadge()
	b.SetStatus(data.StatusInProgress) // the widest status sizes the template
	return container.NewStack(l, container.NewPadded(b))
}

func (t *releaseTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row >= len(t.rows) || id.Col >= len(releaseColumns) {
		return
	}
	c := o.(*fyne.Container)
	label := c.Objects[0].(*widget.Label)
	pad := c.Objects[1].(*fyne.Container)
	col, r := releaseColumns[id.Col], &t.rows[id.Row]
	if col.badge != nil {
		label.Hide()
		col.badge(pad.Objects[0].(*kit.Badge), r)
		pad.Show()
		return
	}
	pad.Hide()
	label.SetText(col.text(r))
	label.Show()
}

func (t *releaseTable) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	h := o.(*kit.ColumnHeader)
	if id.Col < 0 || id.Col >= len(releaseColumns) {
		h.Set("", 0, nil)
		return
	}
	dir := 0
	if id.Col == t.sortCol {
		dir = 1
		if t.desc {
			dir = -1
		}
	}
	col := id.Col
	h.Set(releaseColumns[col].title, dir, func() { t.sortBy(col) })
}

// scrollToDay scrolls so that the first row planned on or after d is at the
// top, when the table is in planned-date order; the past stays a scroll away.
func (t *releaseTable) scrollToDay(d data.Date) {
	if t.sortCol != colPlanned || t.desc {
		return
	}
	if t.table.Size().Height == 0 {
		t.scrollPending = d // not laid out yet; Layout scrolls once it is
		return
	}
	i := slices.IndexFunc(t.rows, func(r data.Release) bool {
		return !r.PlannedRelease.IsZero() && !r.PlannedRelease.Before(d)
	})
	if i <= 0 {
		return
	}
	pad := t.table.Theme().Size(theme.SizeNamePadding)
	row := newReleaseCell().MinSize().Max(kit.NewColumnHeader().MinSize()).Height
	to := fyne.NewPos(0, float32(i)*(row+pad))
	// The first call makes the scroller take in the new number of rows (it
	// clamps to the old height); the second then scrolls the whole way.
	t.table.ScrollToOffset(to)
	t.table.ScrollToOffset(to)
}

// fitColumns gives the title column whatever width the fixed columns leave.
func (t *releaseTable) fitColumns(width float32) {
	pad := theme.Padding()
	used := float32(0)
	for _, c := range releaseColumns {
		used += c.width + pad
	}
	title := width - used - theme.ScrollBarSize() - pad
	if title < minTitleWidth {
		title = minTitleWidth
	}
	if title != t.lastTitle {
		t.lastTitle = title
		t.table.SetColumnWidth(colTitle, title)
	}
}

// fillTitleLayout resizes the table to its space and stretches the title column to fit.
type fillTitleLayout struct{ t *releaseTable }

func (l fillTitleLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.t.fitColumns(size.Width)
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	if d := l.t.scrollPending; !d.IsZero() && size.Height > 0 {
		l.t.scrollPending = data.Date{}
		l.t.scrollToDay(d)
	}
}

func (l fillTitleLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}
