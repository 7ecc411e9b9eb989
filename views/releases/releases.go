// Package releases is the Releases screen: the searchable, filterable,
// sortable table of every release, over which the release editor (package
// editor) opens.
package releases

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/editor"
	"releasedesk/views/kit"
)

var _ fyne.Widget = (*Screen)(nil)

// Choices of the status filter that are not a single status.
const (
	allStatuses    = "All statuses"
	activeStatuses = "Active"
)

// activeSet is what "Active" means: neither released nor cancelled.
var activeSet = []data.ReleaseStatus{data.StatusDraft, data.StatusPlanned, data.StatusInProgress, data.StatusRolledBack}

// searchDelay lets a typist finish a word before the table reloads.
const searchDelay = 200 * time.Millisecond

// Screen is the Releases screen: a searchable, filterable, sortable table
// of releases and, once one is opened, its editor.
type Screen struct {
	widget.BaseWidget
	kit.Screen

	// OnUndoChanged is called whenever what Undo would do changes, so menus can follow.
	OnUndoChanged func()
	// OnMove is called when the screen moves between its list and a release
	// in the editor, or between releases, with where it was before.
	OnMove func(from Where)

	store Store

	search        *widget.Entry
	statusFilter  *widget.Select
	productFilter *widget.Select
	count         *widget.Label
	table         *releaseTable
	empty         *fyne.Container
	emptyText     *widget.Label
	emptyIcon     *widget.Icon
	emptyAction   *widget.Button
	list          fyne.CanvasObject
	editor        *editor.Editor
	// pages stacks the list and, once first opened, the editor.
	pages   *fyne.Container
	content fyne.CanvasObject

	products []data.Product
	// index holds every release's list line, read once and searched on
	// each keystroke; nil until read, and after Reload until read again.
	index *data.ReleaseIndex
	// scope counts the work items of every release in the index, read with it.
	scope      map[uint]data.ScopeCount
	stopSearch func()
	loads      kit.Loads
	// today is the day the first load scrolls to.
	today data.Date
	// shownFilter is the filter of the rows on screen, to tell a new search from a refresh.
	shownFilter string
}

// New builds the Releases screen with its work run by sched.
func New(store Store, win fyne.Window, sched kit.Scheduler) *Screen {
	r := &Screen{store: store, today: data.Today()}
	r.Start(win, sched)
	r.ExtendBaseWidget(r)
	r.table = newReleaseTable(r.open)
	r.Notice = kit.NewNotice(func() { r.content.Refresh() })
	r.editor = editor.New(store, &r.Screen, r)
	r.editor.OnUndoChanged = func() {
		if r.OnUndoChanged != nil {
			r.OnUndoChanged()
		}
	}
	r.list = r.buildList()
	r.editor.Content().Hide()
	r.pages = container.NewStack(r.list)
	r.content = container.NewBorder(nil, r.Notice.Box, nil, nil, r.pages)
	r.reloadProducts()
	r.reload()
	return r
}

// Close stops the screen's queries and timers still running; call it before closing the store.
func (r *Screen) Close() {
	r.Screen.Close()
	if r.stopSearch != nil {
		r.stopSearch()
	}
}

func (r *Screen) buildList() fyne.CanvasObject {
	heading := &widget.Label{Text: "Releases", SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	heading.ExtendBaseWidget(heading)
	r.count = &widget.Label{Text: "Loading…"}
	r.count.ExtendBaseWidget(r.count)
	newRelease := &widget.Button{Text: "New release", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: r.NewRelease}
	newRelease.ExtendBaseWidget(newRelease)

	r.search = &widget.Entry{PlaceHolder: "Search product, version, title, owner…"}
	r.search.ExtendBaseWidget(r.search)
	clearSearch := &widget.Button{Icon: theme.ContentClearIcon(), Importance: widget.LowImportance, OnTapped: func() { r.search.SetText("") }}
	clearSearch.ExtendBaseWidget(clearSearch)
	r.search.ActionItem = clearSearch
	r.search.OnChanged = func(string) { r.searchSoon() }
	r.statusFilter = widget.NewSelect(append([]string{allStatuses, activeStatuses}, kit.LabelsOf(data.ReleaseStatuses, data.ReleaseStatus.Label)...),
		func(string) { r.reload() })
	r.statusFilter.Selected = allStatuses
	r.productFilter = widget.NewSelect([]string{kit.AllProducts}, func(string) { r.reload() })
	r.productFilter.Selected = kit.AllProducts

	title := container.NewHBox(heading, container.NewCenter(r.count))
	top := container.NewBorder(nil, nil, title, container.NewCenter(newRelease))
	filters := container.NewHBox(kit.FixedWidth(360, r.search), kit.FixedWidth(170, r.statusFilter), kit.FixedWidth(220, r.productFilter))

	r.emptyText = &widget.Label{Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord}
	r.emptyText.ExtendBaseWidget(r.emptyText)
	r.emptyAction = &widget.Button{}
	r.emptyAction.ExtendBaseWidget(r.emptyAction)
	r.emptyIcon = widget.NewIcon(theme.DocumentCreateIcon())
	r.empty = container.NewCenter(container.NewVBox(
		container.NewCenter(kit.FixedSize(fyne.NewSize(48, 48), r.emptyIcon)),
		kit.FixedWidth(460, r.emptyText),
		container.NewCenter(r.emptyAction)))
	r.empty.Hide()
	table := container.New(fillTitleLayout{r.table}, r.table.table)
	return container.NewBorder(container.NewVBox(top, filters), nil, nil, nil, container.NewStack(table, r.empty))
}

// CreateRenderer shows the list or the editor, with the notice bar under them.
func (r *Screen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

// filter is what the search box and the filters ask for.
func (r *Screen) filter() data.ReleaseFilter {
	f := data.ReleaseFilter{Search: strings.TrimSpace(r.search.Text)}
	switch s := r.statusFilter.Selected; s {
	case allStatuses, "":
	case activeStatuses:
		f.Statuses = activeSet
	default:
		f.Statuses = []data.ReleaseStatus{kit.ValueOf(data.ReleaseStatuses, data.ReleaseStatus.Label, s)}
	}
	if p := r.productNamed(r.productFilter.Selected); p != nil {
		f.ProductID = p.ID
	}
	return f
}

func isFiltered(f data.ReleaseFilter) bool {
	return f.Search != "" || len(f.Statuses) > 0 || f.ProductID != 0
}

// searchSoon reloads once typing pauses, so each keystroke does not query.
func (r *Screen) searchSoon() {
	if r.stopSearch != nil {
		r.stopSearch()
	}
	r.stopSearch = r.Sched.Later(searchDelay, r.reload)
}

// reload shows the releases the filters ask for. The first load reads
// every release's list line (see data.ListReleases) and indexes them; then
// each search or filter is answered from the index (see data.ReleaseIndex:
// milliseconds on a ten-year plan, where a query reads every release). Both
// run in the background; the rows stay until the answer arrives, and an
// answer to an older load is dropped. Open loads the whole release before
// the editor shows it.
func (r *Screen) reload() {
	f := r.filter()
	col, desc := r.table.sortCol, r.table.desc
	first := r.loads.Started() == 0
	index, scope := r.index, r.scope
	r.Load(&r.loads, func(ctx context.Context) func() {
		var err error
		if index == nil {
			var lines []data.Release
			if lines, err = r.store.ListReleases(ctx, data.ReleaseFilter{}); err == nil {
				index = data.NewReleaseIndex(lines)
				// Read with the index, once for every row, so a keystroke reads nothing.
				scope, err = r.store.ScopeCounts(ctx, releaseIDs(lines))
			}
		}
		var rows []data.Release
		if err == nil {
			rows = index.Find(f)
			sortReleases(rows, col, desc, scope)
		}
		return func() {
			if err != nil {
				r.ShowError("Could not load the releases", err)
				return
			}
			r.index, r.scope = index, scope
			r.table.setRows(rows, col, desc, scope)
			key := fmt.Sprint(f)
			switch {
			case first:
				r.table.scrollToDay(r.today) // open on what is coming up, not on last year
			case key != r.shownFilter:
				r.table.table.ScrollToTop() // new matches start at the top; a refresh stays put
			}
			r.shownFilter = key
			r.count.SetText(countText(len(rows), index.Len(), isFiltered(f)))
			r.showEmpty(len(rows) == 0, f)
		}
	})
}

func (r *Screen) showEmpty(empty bool, f data.ReleaseFilter) {
	if !empty {
		r.empty.Hide()
		return
	}
	if isFiltered(f) {
		what := "the filters"
		if f.Search != "" {
			what = fmt.Sprintf("“%s”", f.Search)
			if len(f.Statuses) > 0 || f.ProductID != 0 {
				what += " with these filters"
			}
		}
		r.emptyIcon.SetResource(theme.SearchIcon())
		r.emptyText.SetText("No releases match " + what + ".")
		r.emptyAction.SetText("Clear search and filters")
		r.emptyAction.SetIcon(theme.ContentClearIcon())
		r.emptyAction.Importance = widget.MediumImportance
		r.emptyAction.OnTapped = r.clearFilters
	} else {
		r.emptyIcon.SetResource(theme.DocumentCreateIcon())
		r.emptyText.SetText("No releases yet — create one with New release.")
		r.emptyAction.SetText("New release")
		r.emptyAction.SetIcon(theme.ContentAddIcon())
		r.emptyAction.Importance = widget.HighImportance
		r.emptyAction.OnTapped = r.NewRelease
	}
	r.emptyAction.Refresh()
	r.empty.Show()
}

func (r *Screen) clearFilters() {
	r.search.SetText("")
	r.statusFilter.SetSelected(allStatuses)
	r.productFilter.SetSelected(kit.AllProducts)
	r.reload()
}

// reloadProducts refreshes the product choices, keeping the chosen one when it still exists.
func (r *Screen) reloadProducts() {
	ps, err := r.store.Products(r.Context())
	if err != nil {
		r.ShowError("Could not load the products", err)
		return
	}
	r.products = ps
	r.productFilter.SetOptions(append([]string{kit.AllProducts}, kit.ProductNames(ps)...))
	if r.productNamed(r.productFilter.Selected) == nil && r.productFilter.Selected != kit.AllProducts {
		r.productFilter.Selected = kit.AllProducts
		r.productFilter.Refresh()
	}
}

func (r *Screen) productNamed(name string) *data.Product {
	i := slices.IndexFunc(r.products, func(p data.Product) bool { return strings.EqualFold(p.Name, strings.TrimSpace(name)) })
	if i < 0 {
		return nil
	}
	return &r.products[i]
}

// Reload reads the releases and products again, after a change made in the
// editor or elsewhere (sample data added, a plan imported).
func (r *Screen) Reload() {
	r.index, r.scope = nil, nil
	r.reloadProducts()
	r.reload()
}

// OthersChanged reads the list again after changes someone else made (the
// table keeps its sort, filter and scroll) and brings an open editor up to
// date when its release is among them.
func (r *Screen) OthersChanged(batch []data.ChangeNotice) {
	r.Reload()
	if !r.editing() {
		return
	}
	open := r.editor.Release().ID
	for _, n := range batch {
		if n.Everything() || (open != 0 && n.ReleaseID == open) {
			r.editor.OthersChanged(n.Who)
			return
		}
	}
}

// Editor is the screen's release editor.
func (r *Screen) Editor() *editor.Editor { return r.editor }

// Products are the products the list knows, in the order the store gives them.
func (r *Screen) Products() []data.Product { return r.products }

// countText says how many releases are shown: "2,000 releases" or "12 of 2,000".
func countText(shown, total int, filtered bool) string {
	if filtered {
		return kit.FormatCount(shown) + " of " + kit.FormatCount(total)
	}
	switch total {
	case 0:
		return "No releases"
	case 1:
		return "1 release"
	}
	return kit.FormatCount(total) + " releases"
}

// Store is what the Releases screen needs from the database: the
// list's queries, and everything the editor it opens uses.
// *data.Store satisfies it; tests use the real store on a temporary file.
type Store interface {
	ListReleases(ctx context.Context, f data.ReleaseFilter) ([]data.Release, error)
	Products(ctx context.Context) ([]data.Product, error)
	ScopeCounts(ctx context.Context, ids []uint) (map[uint]data.ScopeCount, error)
	editor.Store
}

var _ Store = (*data.Store)(nil)

// ExportOpenReview offers to export the review of the release open in the
// editor; it reports false, doing nothing, when no saved release is open.
func (r *Screen) ExportOpenReview() bool {
	if !r.editing() || r.editor.Release().ID == 0 {
		return false
	}
	r.editor.ExportReview()
	return true
}

// CanUndo reports whether there is a change to take back.
func (r *Screen) CanUndo() bool { return r.editor.CanUndo() }

// UndoLabel names what Undo would take back, e.g. "Undo delete of Payments 2.4.0".
func (r *Screen) UndoLabel() string { return r.editor.UndoLabel() }

// Undo takes back the last create, edit or delete made on this screen, all of
// them made in its editor.
func (r *Screen) Undo() { r.editor.Undo() }
