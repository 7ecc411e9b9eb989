package timeline

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// maxLanes caps how many overlapping bars share a row before they are drawn on top of each other.
const maxLanes = 3

type lineKind uint8

const (
	lineGroup lineKind = iota
	lineRelease
)

// line is one fixed-height band of the chart: a group header or a release.
type line struct {
	kind  lineKind
	group int32 // index into index.groups
	row   int32 // index into the rows; -1 for a group header
}

// span is a bar's drawn extent, kept sorted by start for range queries.
type span struct {
	from, to time.Time
	bar      int32 // index into Row.Bars
	lane     uint8
}

// rowIndex holds a release's bars sorted by start, packed into lanes.
type rowIndex struct {
	spans     []span
	lanes     uint8
	longest   time.Duration // longest span, to bound the search for visible bars
	milestone time.Time     // noon of the planned release day, zero when undated
	own       window        // the release's own bar: code freeze to release, zero when either is unknown
	baseline  window        // its baseline when re-planned, else zero
}

// groupIndex is one product with its releases sorted by planned date.
type groupIndex struct {
	name     string
	rows     []int32
	from, to time.Time // extent of the group's bars and milestones
}

// index is everything derived from the rows once per SetRows: sorting, grouping, lanes.
type index struct {
	groups []groupIndex
	rows   []rowIndex // parallel to the rows
}

// buildIndex groups rows by product, sorts each group by planned date and packs bars into lanes.
func buildIndex(rows []Row, now time.Time) index {
	ix := index{rows: make([]rowIndex, len(rows))}
	byName := map[string]int{}
	for i := range rows {
		r := &rows[i]
		g, ok := byName[r.Group]
		if !ok {
			g = len(ix.groups)
			byName[r.Group] = g
			ix.groups = append(ix.groups, groupIndex{name: r.Group})
		}
		grp := &ix.groups[g]
		grp.rows = append(grp.rows, int32(i))
		ix.rows[i] = packRow(r, now)
		for _, s := range ix.rows[i].spans {
			grp.from, grp.to = widen(grp.from, grp.to, s.from, s.to)
		}
		if d := ix.rows[i].milestone; !d.IsZero() {
			grp.from, grp.to = widen(grp.from, grp.to, d, d)
		}
		for _, w := range [...]window{ix.rows[i].own, ix.rows[i].baseline} {
			if !w.from.IsZero() {
				grp.from, grp.to = widen(grp.from, grp.to, w.from, w.to)
			}
		}
	}
	slices.SortFunc(ix.groups, func(a, b groupIndex) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.name), strings.ToLower(b.name)), cmp.Compare(a.name, b.name))
	})
	for g := range ix.groups {
		slices.SortFunc(ix.groups[g].rows, func(a, b int32) int { return compareRows(&rows[a], &rows[b]) })
	}
	return ix
}

// compareRows orders releases by planned date (undated last), then version, then ID.
func compareRows(a, b *Row) int {
	switch {
	case a.Planned.IsZero() && !b.Planned.IsZero():
		return 1
	case !a.Planned.IsZero() && b.Planned.IsZero():
		return -1
	}
	return cmp.Or(a.Planned.Compare(b.Planned), compareVersions(a.Label, b.Label), cmp.Compare(a.ID, b.ID))
}

// compareVersions compares dotted versions numerically where both parts are numbers.
func compareVersions(a, b string) int {
	pa, pb := strings.FieldsFunc(a, isVersionSep), strings.FieldsFunc(b, isVersionSep)
	for i := 0; i < len(pa) && i < len(pb); i++ {
		na, ea := strconv.Atoi(pa[i])
		nb, eb := strconv.Atoi(pb[i])
		c := cmp.Compare(pa[i], pb[i])
		if ea == nil && eb == nil {
			c = cmp.Compare(na, nb)
		}
		if c != 0 {
			return c
		}
	}
	return cmp.Compare(len(pa), len(pb))
}

func isVersionSep(r rune) bool { return r == '.' || r == '-' || r == '+' }

// packRow sorts a row's bars by start and assigns each the first lane that is free.
func packRow(r *Row, now time.Time) rowIndex {
	ri := rowIndex{spans: make([]span, 0, len(r.Bars)), lanes: 1}
	if !r.Planned.IsZero() {
		ri.milestone = calendarDay(r.Planned)
	}
	ri.own, ri.baseline = releaseWindows(r)
	for i := range r.Bars {
		from, to := r.Bars[i].span(now)
		if from.IsZero() {
			continue // unscheduled deployments have nothing to draw
		}
		ri.spans = append(ri.spans, span{from: from, to: to, bar: int32(i)})
		ri.longest = max(ri.longest, to.Sub(from))
	}
	slices.SortStableFunc(ri.spans, func(a, b span) int { return a.from.Compare(b.from) })
	var laneEnd [maxLanes]time.Time
	for i := range ri.spans {
		s := &ri.spans[i]
		lane := -1
		for l := range int(ri.lanes) {
			if !s.from.Before(laneEnd[l]) {
				lane = l
				break
			}
		}
		if lane < 0 {
			lane = int(ri.lanes) % maxLanes
			if ri.lanes < maxLanes {
				ri.lanes++
			}
		}
		s.lane = uint8(lane)
		if s.to.After(laneEnd[lane]) {
			laneEnd[lane] = s.to
		}
	}
	return ri
}

// visibleSpans returns the spans that may intersect [from, to), found by binary search.
func (ri *rowIndex) visibleSpans(from, to time.Time) []span {
	i, j := ri.visibleRange(from, to)
	return ri.spans[i:j]
}

// visibleRange returns the indexes [i, j) of the spans visibleSpans returns.
func (ri *rowIndex) visibleRange(from, to time.Time) (int, int) {
	lo := from.Add(-ri.longest)
	i, _ := slices.BinarySearchFunc(ri.spans, lo, func(s span, t time.Time) int { return s.from.Compare(t) })
	j, _ := slices.BinarySearchFunc(ri.spans[i:], to, func(s span, t time.Time) int {
		if s.from.After(t) {
			return 1
		}
		return -1
	})
	return i, i + j
}

// flatten lists the lines to draw: each group header followed by its releases unless collapsed.
func flatten(ix *index, collapsed map[string]bool) []line {
	n := len(ix.groups)
	for _, g := range ix.groups {
		if !collapsed[g.name] {
			n += len(g.rows)
		}
	}
	lines := make([]line, 0, n)
	for gi, g := range ix.groups {
		lines = append(lines, line{kind: lineGroup, group: int32(gi), row: -1})
		if collapsed[g.name] {
			continue
		}
		for _, r := range g.rows {
			lines = append(lines, line{kind: lineRelease, group: int32(gi), row: r})
		}
	}
	return lines
}

// rowGeometry maps line indices to vertical positions; every line has the same height.
type rowGeometry struct {
	top     float32 // y of the first line when not scrolled (the header height)
	lineH   float32
	scrollY float32
}

// y returns the top of line i.
func (g rowGeometry) y(i int) float32 {
	return g.top + float32(i)*g.lineH - g.scrollY
}

// lineAt returns the index of the line under y; it may be out of range.
func (g rowGeometry) lineAt(y float32) int {
	return int(math.Floor(float64((y - g.top + g.scrollY) / g.lineH)))
}

// visible returns the half-open range of the n lines that show in a view of the given height.
func (g rowGeometry) visible(n int, height float32) (int, int) {
	first := max(g.lineAt(g.top), 0)
	last := min(g.lineAt(height-0.001)+1, n)
	return first, max(first, last)
}

// maxScroll is the largest vertical offset that still fills the view.
func (g rowGeometry) maxScroll(n int, height float32) float32 {
	return max(0, g.top+float32(n)*g.lineH-height)
}

// widen grows [from, to] to include [a, b]; zero bounds are unset.
func widen(from, to, a, b time.Time) (time.Time, time.Time) {
	if from.IsZero() || a.Before(from) {
		from = a
	}
	if to.IsZero() || b.After(to) {
		to = b
	}
	return from, to
}
