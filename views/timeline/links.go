package timeline

import (
	"cmp"
	"image/color"
	"math"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
)

// Dependencies are drawn as arrows from the deployment that puts the
// required release on an environment to the deployment of the release that
// needs it there. Arrows cross lines, so they cannot live in a release
// line's strips: they are painted into strips of their own, a few lines
// tall (linkTileLines) and only as wide as the arrows in them, which
// scrolling moves like the others. Only the tiles in view are placed, and a
// tile is painted when it comes into view or the data or zoom change.

// Link is a dependency between two releases, drawn as an arrow.
type Link struct {
	ID       uint   // the dependency, for callers that look it up
	From, To uint   // release IDs: To requires From
	FromBar  uint   // deployment of From the arrow leaves at its end; 0 leaves From's release date
	ToBar    uint   // deployment of To the arrow enters at its start; 0 enters To's release date
	Violated bool   // To comes before From is there: drawn in the conflict colour
	Tooltip  string // what hovering over the arrow says
}

// linkTileLines is how many lines one strip of arrows spans.
const linkTileLines = 8

// Arrow shape: the run out of a bar and into the next, and the head.
const (
	arrowOut   = 3 // out of the bar's end before turning, clear of a label after it
	arrowGap   = 8
	arrowHead  = 6
	arrowWidth = 1.5
	// violatedWidth is the stroke of a dependency drawn as a conflict.
	violatedWidth = 2.5
)

// anchor is one end of an arrow: a bar in its lane, or a release diamond.
type anchor struct {
	line        int32
	from, to    time.Time // the bar's drawn window; both the diamond's instant for a diamond
	lane, lanes uint8
	diamond     bool
}

// arrow is a link whose ends are both on lines shown.
type arrow struct {
	link        int32 // index into Timeline.links
	src, dst    anchor
	first, last int32 // the lines it crosses, both included
	violated    bool
}

// point is a corner of an arrow's path: plane or widget x, content or widget y.
type point struct{ x, y float32 }

// SetLinks replaces the dependency arrows. Links whose releases or bars are
// not among the rows, or are folded away, are not drawn.
func (t *Timeline) SetLinks(links []Link) {
	t.links = links
	t.routeLinks()
	t.dataGen++
	t.Refresh()
}

// Links returns the links last passed to SetLinks.
func (t *Timeline) Links() []Link { return t.links }

// routeLinks resolves the links against the rows and lines shown; it runs
// whenever they change (relayout) and costs nothing without links.
func (t *Timeline) routeLinks() {
	t.arrows = t.arrows[:0]
	if len(t.links) == 0 {
		t.arrowIx = arrowIndex{}
		return
	}
	rowOf := make(map[uint]int32, len(t.rows))
	for i := range t.rows {
		rowOf[t.rows[i].ID] = int32(i)
	}
	for k, l := range t.links {
		src, ok1 := t.anchorOf(rowOf, l.From, l.FromBar)
		dst, ok2 := t.anchorOf(rowOf, l.To, l.ToBar)
		if !ok1 || !ok2 || src.line == dst.line {
			continue
		}
		t.arrows = append(t.arrows, arrow{link: int32(k), src: src, dst: dst, violated: l.Violated,
			first: min(src.line, dst.line), last: max(src.line, dst.line)})
	}
	t.arrowIx = newArrowIndex(t.arrows)
}

// anchorOf finds where an arrow meets release id: its bar barID, or its
// release diamond when barID is 0 or not drawn.
func (t *Timeline) anchorOf(rowOf map[uint]int32, id, barID uint) (anchor, bool) {
	row, ok := rowOf[id]
	if !ok || t.lineOfRow[row] < 0 {
		return anchor{}, false
	}
	ri := &t.index.rows[row]
	a := anchor{line: t.lineOfRow[row], lanes: ri.lanes}
	if barID != 0 {
		for _, s := range ri.spans {
			if t.rows[row].Bars[s.bar].ID == barID {
				a.from, a.to, a.lane = s.from, s.to, s.lane
				return a, true
			}
		}
	}
	if ri.milestone.IsZero() {
		return anchor{}, false
	}
	a.from, a.to, a.diamond = ri.milestone, ri.milestone, true
	return a, true
}

// exit is where an arrow leaves its source: the right end of the bar, or of the diamond.
func (a anchor) exit(x func(time.Time) float32, lineH float32) point {
	top := float32(a.line) * lineH
	if a.diamond {
		return point{x(a.from) + milestoneSize/2, top + lineH/2}
	}
	_, y0, x1, y1 := boxOf(x(a.from), x(a.to), top, lineH, a.lane, a.lanes)
	return point{x1, (y0 + y1) / 2}
}

// entry is where an arrow enters its target: the left end of the bar, or of the diamond.
func (a anchor) entry(x func(time.Time) float32, lineH float32) point {
	top := float32(a.line) * lineH
	if a.diamond {
		return point{x(a.from) - milestoneSize/2, top + lineH/2}
	}
	x0, y0, _, y1 := boxOf(x(a.from), x(a.to), top, lineH, a.lane, a.lanes)
	return point{x0, (y0 + y1) / 2}
}

// path returns the corners of an arrow, x by x and y in content
// coordinates (line i's top at i×lineH): out of the source to the right,
// to the edge of its line on the target's side, along that edge (the gap
// between two lines, clear of bars and labels) to just before the target,
// then to the target's lane and into it from the left, turning back when
// the target starts before the source ends (a violation most often).
func (a *arrow) path(x func(time.Time) float32, lineH float32) []point {
	s, d := a.src.exit(x, lineH), a.dst.entry(x, lineH)
	edge := float32(a.src.line+1) * lineH // the source's bottom, when the target is below
	if a.dst.line < a.src.line {
		edge -= lineH
	}
	out, in := s.x+arrowOut, d.x-arrowGap
	return []point{s, {out, s.y}, {out, edge}, {in, edge}, {in, d.y}, d}
}

// arrowStroke is the width an arrow is drawn with.
func (a *arrow) stroke() float32 {
	if a.violated {
		return violatedWidth
	}
	return arrowWidth
}

// tileRuns returns the horizontal extents, in plane coordinates, of what
// the arrows crossing tile draw there, merged and cut like bar strips.
func (r *renderer) tileRuns(tile int32) []stripSpan {
	if spans, ok := r.links.spans[tile]; ok {
		return spans
	}
	t, p := r.t, &r.plane
	tileH := linkTileLines * p.lineH
	y0, y1 := float32(tile)*tileH, float32(tile+1)*tileH
	var runs []stripSpan
	for _, ai := range t.arrowIx.crossing(tile*linkTileLines, tile*linkTileLines+linkTileLines-1, nil) {
		a := &t.arrows[ai]
		pts := a.path(p.x, p.lineH)
		pad := a.stroke()/2 + 1
		for i := 1; i < len(pts); i++ {
			lo, hi := min(pts[i-1].y, pts[i].y)-arrowHead, max(pts[i-1].y, pts[i].y)+arrowHead
			if hi < y0 || lo >= y1 {
				continue
			}
			runs = append(runs, stripSpan{min(pts[i-1].x, pts[i].x) - pad - arrowHead, max(pts[i-1].x, pts[i].x) + pad})
		}
	}
	spans := mergeRuns(runs, p.pix)
	r.links.spans[tile] = spans
	return spans
}

// mergeRuns makes strips of runs, for bars and arrows alike: sorted, those
// closer than stripGap merged, snapped outwards to whole device pixels and
// cut at maxStripWidth.
func mergeRuns(runs []stripSpan, pixScale float32) []stripSpan {
	slices.SortFunc(runs, func(a, b stripSpan) int { return cmp.Compare(a.x0, b.x0) })
	var out []stripSpan
	for _, r := range runs {
		if n := len(out); n > 0 && r.x0-out[n-1].x1 < stripGap {
			out[n-1].x1 = max(out[n-1].x1, r.x1)
			continue
		}
		out = append(out, r)
	}
	pix := float64(max(pixScale, 1))
	cut := out[:0:0]
	for _, r := range out {
		x0 := float32(math.Floor(float64(r.x0)*pix) / pix)
		x1 := float32(math.Ceil(float64(r.x1)*pix) / pix)
		for ; x1-x0 > maxStripWidth; x0 += maxStripWidth {
			cut = append(cut, stripSpan{x0, x0 + maxStripWidth})
		}
		cut = append(cut, stripSpan{x0, x1})
	}
	return cut
}

// placeLinks shows the arrow strips of the tiles that hold visible lines;
// ox and oy are the plane coordinates of the chart's top-left.
func (r *renderer) placeLinks(g geometry, first, last int, ox, oy float32) {
	if len(r.t.arrows) == 0 || first >= last {
		return
	}
	tileH := linkTileLines * g.rows.lineH
	t0, t1 := int32(first/linkTileLines), int32((last-1)/linkTileLines)
	w := g.chartW()
	for pass := range 2 {
		for tile := t0; tile <= t1; tile++ {
			for k, sp := range r.tileRuns(tile) {
				if sp.x1 <= ox || sp.x0 >= ox+w {
					continue
				}
				key := stripKey{tile, int32(k)}
				if pass == 0 {
					r.links.claim(key)
				} else {
					r.links.place(key, sp, sp.x0-ox, float32(tile)*tileH-oy, tileH)
				}
			}
		}
	}
}

// paintLinkTile paints the arrows crossing one tile into its strip, whose
// top is the tile's top.
func (r *renderer) paintLinkTile(pm *pixmap, st *strip) {
	t, p := r.t, &r.plane
	tile := st.key.row
	top := float32(tile) * linkTileLines * p.lineH
	r.crossing = t.arrowIx.crossing(tile*linkTileLines, tile*linkTileLines+linkTileLines-1, r.crossing[:0])
	for _, ai := range r.crossing {
		a := &t.arrows[ai]
		c := color.Color(r.colors.dependency)
		if a.violated {
			c = conflictColor
		}
		pts := a.path(p.x, p.lineH)
		for i := range pts {
			pts[i].y -= top
		}
		drawArrow(pm, pts, a.stroke(), c)
	}
}

// drawArrow strokes an orthogonal path and puts a head on its last point,
// which a horizontal run enters from the left.
func drawArrow(pm *pixmap, pts []point, w float32, c color.Color) {
	half := w / 2
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		if i == len(pts)-1 {
			b.x -= arrowHead / 2 // under the head, not past its tip
		}
		// Each run reaches half a stroke past its corners, so corners close.
		pm.fill(min(a.x, b.x)-half, min(a.y, b.y)-half, max(a.x, b.x)+half, max(a.y, b.y)+half, c)
	}
	tip := pts[len(pts)-1]
	spread := float32(arrowHead) * 0.6
	pm.polygon([]point{{tip.x - arrowHead, tip.y - spread}, tip, {tip.x - arrowHead, tip.y + spread}}, c)
}

// linkAt returns the index of the link whose arrow passes within a few
// pixels of p, -1 when none does. Only the arrows of p's tile are tried.
func (t *Timeline) linkAt(g geometry, p fyne.Position) int {
	if len(t.arrows) == 0 || p.X < g.labelW || p.Y < g.headerH() || p.X >= g.width || p.Y >= g.height {
		return -1
	}
	line := g.rows.lineAt(p.Y)
	if line < 0 {
		return -1
	}
	const reach = 3
	shift := g.rows.top - g.rows.scrollY // content y to widget y
	for _, ai := range t.arrowIx.crossing(int32(line), int32(line), nil) {
		a := &t.arrows[ai]
		pts := a.path(g.xOf, g.rows.lineH)
		for i := 1; i < len(pts); i++ {
			x0, x1 := min(pts[i-1].x, pts[i].x), max(pts[i-1].x, pts[i].x)
			y0, y1 := min(pts[i-1].y, pts[i].y)+shift, max(pts[i-1].y, pts[i].y)+shift
			if p.X >= x0-reach && p.X <= x1+reach && p.Y >= y0-reach && p.Y <= y1+reach {
				return int(a.link)
			}
		}
	}
	return -1
}

// linkText is what hovering over link k says.
func (t *Timeline) linkText(k int) string {
	l := &t.links[k]
	if l.Tooltip != "" {
		return l.Tooltip
	}
	name := func(id uint) string {
		for i := range t.rows {
			if t.rows[i].ID == id {
				return strings.TrimSpace(t.rows[i].Group + " " + t.rows[i].Label)
			}
		}
		return "another release"
	}
	text := name(l.To) + " requires " + name(l.From)
	if l.Violated {
		text += " · comes before it is there"
	}
	return text
}

// arrowIndex finds the arrows that cross a range of lines without looking
// at the others: the arrows sorted by their first line, under a binary
// tree that holds the furthest last line of each subtree. An arrow
// between two products can cross thousands of lines, so arrows are not
// listed per tile.
type arrowIndex struct {
	order   []int32 // arrow indices by first line
	first   []int32 // their first lines, ascending
	maxLast []int32 // per tree node (root 1, children 2i and 2i+1), the furthest last line below it
	arrows  []arrow
}

func newArrowIndex(arrows []arrow) arrowIndex {
	ix := arrowIndex{order: make([]int32, len(arrows)), first: make([]int32, len(arrows)), arrows: arrows}
	for i := range ix.order {
		ix.order[i] = int32(i)
	}
	slices.SortFunc(ix.order, func(a, b int32) int { return int(arrows[a].first - arrows[b].first) })
	for i, a := range ix.order {
		ix.first[i] = arrows[a].first
	}
	ix.maxLast = make([]int32, 4*max(len(arrows), 1))
	ix.build(1, 0, len(arrows))
	return ix
}

func (ix *arrowIndex) build(node, lo, hi int) int32 {
	if hi-lo == 1 {
		ix.maxLast[node] = ix.arrows[ix.order[lo]].last
	} else if hi > lo {
		mid := (lo + hi) / 2
		ix.maxLast[node] = max(ix.build(2*node, lo, mid), ix.build(2*node+1, mid, hi))
	}
	return ix.maxLast[node]
}

// crossing appends to out the arrows that cross any line in [from, to].
func (ix *arrowIndex) crossing(from, to int32, out []int32) []int32 {
	if len(ix.order) == 0 {
		return out
	}
	return ix.visit(1, 0, len(ix.order), from, to, out)
}

func (ix *arrowIndex) visit(node, lo, hi int, from, to int32, out []int32) []int32 {
	if lo >= hi || ix.first[lo] > to || ix.maxLast[node] < from {
		return out
	}
	if hi-lo == 1 {
		return append(out, ix.order[lo])
	}
	mid := (lo + hi) / 2
	out = ix.visit(2*node, lo, mid, from, to, out)
	return ix.visit(2*node+1, mid, hi, from, to, out)
}
