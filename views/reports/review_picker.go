package reports

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// reviewPicker chooses the release whose review to export: a search box
// over the releases, the most recent first, and the Export button.
type reviewPicker struct {
	search  *widget.Entry
	list    *widget.List
	empty   *widget.Label
	choice  *widget.Label
	export  *widget.Button
	content fyne.CanvasObject

	all      []pickEntry // most recent first
	shown    []int       // indexes into all that match the search
	selected uint        // release id; kept while the search hides it
	onExport func(data.Release)
}

// pickEntry is a release with the day it is sorted by and the text searched.
type pickEntry struct {
	rel   data.Release
	day   data.Date // actual release day, else planned
	words []string  // of the name, title, owner and status, in lower case
}

func newReviewPicker(onExport func(data.Release)) *reviewPicker {
	p := &reviewPicker{onExport: onExport}
	purpose := cardLine("The workbook for the review meeting of one release, from summary to metrics.")
	p.search = &widget.Entry{PlaceHolder: "Find a release by product, version, title or owner…"}
	p.search.ExtendBaseWidget(p.search)
	p.search.OnChanged = func(string) {
		p.filter()
		p.list.ScrollToTop() // new matches start at the top
	}
	p.list = widget.NewList(func() int { return len(p.shown) },
		func() fyne.CanvasObject { return newPickRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(p.shown) {
				o.(*pickRow).set(p.all[p.shown[id]])
			}
		})
	p.list.OnSelected = func(id widget.ListItemID) {
		if id < len(p.shown) {
			p.selected = p.all[p.shown[id]].rel.ID
			p.showChoice()
		}
	}
	p.empty = kit.EmptyNote("")
	p.choice = &widget.Label{Truncation: fyne.TextTruncateEllipsis, TextStyle: fyne.TextStyle{Bold: true}}
	p.choice.ExtendBaseWidget(p.choice)
	p.export = &widget.Button{Text: "Export review…", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: func() {
		if r, ok := p.chosen(); ok {
			p.onExport(r)
		}
	}}
	p.export.ExtendBaseWidget(p.export)
	p.export.Disable()
	foot := container.NewBorder(widget.NewSeparator(), nil, nil, p.export, kit.MiddleOf(p.choice))
	p.content = container.NewBorder(container.NewVBox(purpose, p.search), foot, nil, nil, container.NewStack(p.list, p.empty))
	return p
}

// setReleases lists rels, keeping the chosen release or, at first, choosing
// the most recent one released or rolled back.
func (p *reviewPicker) setReleases(rels []data.Release) {
	p.all = make([]pickEntry, len(rels))
	for i, r := range rels {
		day := r.ActualRelease
		if day.IsZero() {
			day = r.PlannedRelease
		}
		words := strings.Fields(strings.ToLower(strings.Join([]string{r.Name(), r.Title, r.Owner, r.Status.Label()}, " ")))
		p.all[i] = pickEntry{rel: r, day: day, words: words}
	}
	slices.SortStableFunc(p.all, func(a, b pickEntry) int {
		switch {
		case a.day.IsZero() != b.day.IsZero():
			if a.day.IsZero() {
				return 1 // undated releases last
			}
			return -1
		case a.day.Before(b.day):
			return 1
		case b.day.Before(a.day):
			return -1
		}
		return int(b.rel.ID) - int(a.rel.ID)
	})
	place := !slices.ContainsFunc(p.all, func(e pickEntry) bool { return e.rel.ID == p.selected })
	if place {
		p.selected = 0
		for _, e := range p.all {
			if e.rel.Status == data.StatusReleased || e.rel.Status == data.StatusRolledBack {
				p.selected = e.rel.ID
				break
			}
		}
	}
	p.filter()
	if i := p.shownIndex(p.selected); i >= 0 && place {
		// From the bottom, ScrollTo puts the row at the top, with older releases under it.
		p.list.ScrollToBottom()
		p.list.ScrollTo(i)
	}
}

// filter shows the releases matching every word of the search.
func (p *reviewPicker) filter() {
	words := strings.Fields(strings.ToLower(p.search.Text))
	p.shown = p.shown[:0]
	for i, e := range p.all {
		if matchesAll(e.words, words) {
			p.shown = append(p.shown, i)
		}
	}
	p.list.Refresh()
	if i := p.shownIndex(p.selected); i >= 0 {
		p.list.Select(i)
	} else {
		p.list.UnselectAll()
	}
	switch {
	case len(p.shown) > 0:
		p.empty.Hide()
	case len(p.all) == 0:
		p.empty.SetText("No releases yet — create one on the Releases screen or import a plan.")
		p.empty.Show()
	default:
		p.empty.SetText(fmt.Sprintf("No release matches “%s”.", strings.TrimSpace(p.search.Text)))
		p.empty.Show()
	}
	p.showChoice()
}

// matchesAll reports whether each searched word begins a word of the
// release, so "payments 2" finds Payments 2.x, not every title with a 2.
func matchesAll(words, searched []string) bool {
	for _, w := range searched {
		if !slices.ContainsFunc(words, func(have string) bool { return strings.HasPrefix(have, w) }) {
			return false
		}
	}
	return true
}

func (p *reviewPicker) shownIndex(id uint) int {
	return slices.IndexFunc(p.shown, func(i int) bool { return p.all[i].rel.ID == id })
}

// chosen is the release whose review Export writes.
func (p *reviewPicker) chosen() (data.Release, bool) {
	i := slices.IndexFunc(p.all, func(e pickEntry) bool { return e.rel.ID == p.selected })
	if i < 0 {
		return data.Release{}, false
	}
	return p.all[i].rel, true
}

func (p *reviewPicker) showChoice() {
	r, ok := p.chosen()
	if !ok {
		p.choice.SetText("Choose a release above")
		p.export.Disable()
		return
	}
	text := r.Name() + " · " + r.Status.Label()
	if !r.ActualRelease.IsZero() {
		text += " " + kit.FormatDate(r.ActualRelease)
	} else if !r.PlannedRelease.IsZero() {
		text += ", planned " + kit.FormatDate(r.PlannedRelease)
	}
	p.choice.SetText(text)
	p.export.Enable()
}

// pickRow is one release in the review picker: day, name, title and status.
type pickRow struct {
	widget.BaseWidget
	day, name, title *widget.Label
	status           *kit.Badge
	box              *fyne.Container
}

func newPickRow() *pickRow {
	r := &pickRow{day: &widget.Label{}, name: kit.NewBoldLine(), title: &widget.Label{Truncation: fyne.TextTruncateEllipsis}, status: kit.NewBadge()}
	r.day.ExtendBaseWidget(r.day)
	r.title.ExtendBaseWidget(r.title)
	r.name.Truncation = fyne.TextTruncateOff
	dayWidth := widget.NewLabel("30 Sep 2026").MinSize().Width // the longest day
	r.box = container.NewBorder(nil, nil, container.NewHBox(kit.FixedWidth(dayWidth, r.day), r.name), container.NewCenter(r.status), r.title)
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer shows the row's parts.
func (r *pickRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

func (r *pickRow) set(e pickEntry) {
	r.day.SetText(kit.FormatDate(e.day))
	r.name.SetText(e.rel.Name())
	r.title.SetText(e.rel.Title)
	r.status.SetStatus(e.rel.Status)
	r.box.Refresh() // a reused row must make room for a longer name
}
