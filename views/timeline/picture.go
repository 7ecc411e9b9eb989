package timeline

import (
	"image"
	"image/draw"
	"strings"
	"time"

	"fyne.io/fyne/v2"
)

// DefaultPictureWidth is a picture's logical width when none is asked:
// the window's default width, so the text sits in the chart as on screen.
const DefaultPictureWidth = 1280

// pictureLabelWidth is the label column of a picture, as on the Timeline screen.
const pictureLabelWidth = 300

// PictureOptions says what a picture of the chart shows and how large it is.
type PictureOptions struct {
	Title, Subtitle string    // the heading above the chart (Picture only)
	From, To        time.Time // the calendar days shown, both included
	Width           float32   // logical width; DefaultPictureWidth when zero
	Scale           float32   // device pixels per logical unit; 1 when zero
	Caption         string    // under "Releases" in the header's corner
	Empty           string    // written across the chart when it has no lines
	MinHeight       float32   // Picture is at least this tall, e.g. for a 16:9 slide
}

func (o PictureOptions) width() float32 {
	if o.Width <= 0 {
		return DefaultPictureWidth
	}
	return o.Width
}

func (o PictureOptions) scale() float32 {
	if o.Scale <= 0 {
		return 1
	}
	return o.Scale
}

// DaysFit returns the most days a picture of the given logical width can
// show: the chart is at least MinZoom pixels a day.
func DaysFit(width float32) int {
	if width <= 0 {
		width = DefaultPictureWidth
	}
	return int((width - pictureLabelWidth) / float32(MinZoom))
}

// prepare sets t up to be drawn over o's days at height and returns a renderer for it.
func (t *Timeline) prepare(o PictureOptions, height float32) *renderer {
	usePictureTheme(t)
	t.LabelWidth = pictureLabelWidth
	t.pendingToday = false
	t.Resize(fyne.NewSize(o.width(), height))
	from := localMidnight(o.From)
	days := max(1, int(localMidnight(o.To).Sub(from).Hours()/24+0.5)+1)
	t.zoom = clampZoom(Zoom(t.chartWidth() / float32(days)))
	t.start = from
	t.scrollY = 0
	return newOffscreenRenderer(t, o.scale(), o.Caption)
}

// LineCount is how many lines (product headers and releases) the chart draws.
func (t *Timeline) LineCount() int { return len(t.lines) }

// chartHeight is the height the chart needs to show n lines below its header.
func (t *Timeline) chartHeight(n int) float32 {
	g := t.geometry()
	return g.headerH() + float32(max(n, emptyLines))*g.rows.lineH
}

// emptyLines is the room left for the Empty text when there are no lines.
const emptyLines = 3

// Picture draws the chart over o's days as one image: the title and
// subtitle, every line of the chart under its time axis, and the legend.
// chartTop is where the chart begins in the image, in logical units. It
// resizes and scrolls t, which should be a timeline made for it.
func (t *Timeline) Picture(o PictureOptions) (img *image.RGBA, chartTop float32) {
	return t.picture(o)
}

func (t *Timeline) picture(o PictureOptions) (*image.RGBA, float32) {
	r := t.prepare(o, 1)
	c := &r.colors
	pad := 2 * c.padding * 2
	titleSize := c.textSize * 1.6
	titleH := pad + r.measure("Ag", titleSize, true).Height + 4 + r.measure("Ag", c.textSize, false).Height + pad
	chartH := t.chartHeight(len(t.lines))
	legend := t.Legend(true)
	legendH := r.legendHeight(legend, o.width()-2*pad) + 2*pad
	if extra := o.MinHeight - (titleH + chartH + legendH); extra > 0 {
		chartH += extra // a short chart still fills the slide, its grid running down
	}
	t.Resize(fyne.NewSize(o.width(), chartH))
	r.draw()

	s := o.scale()
	img := image.NewRGBA(image.Rect(0, 0, int(o.width()*s+0.5), int((titleH+chartH+legendH)*s+0.5)))
	draw.Draw(img, img.Rect, image.NewUniform(c.background), image.Point{}, draw.Src)
	pm := &pixmap{img: img, scale: s}
	y := pad
	r.glyphs.draw(pm, o.Title, pad, y, titleSize, c.foreground, true)
	y += r.measure("Ag", titleSize, true).Height + 4
	r.glyphs.draw(pm, o.Subtitle, pad, y, c.textSize, c.muted, false)

	chart := &pixmap{img: img, scale: s, oy: -titleH}
	r.paintObjects(chart)
	if len(t.lines) == 0 {
		r.paintEmpty(chart, o.Empty, chartH)
	}
	r.paintLegend(pm, legend, pad, titleH+chartH+pad, o.width()-2*pad)
	return img, titleH
}

// paintEmpty writes text centred across the chart below its header.
func (r *renderer) paintEmpty(pm *pixmap, text string, height float32) {
	if text == "" {
		return
	}
	g, c := r.t.geometry(), &r.colors
	sz := r.measure(text, c.textSize, false)
	x := g.labelW + (g.chartW()-sz.Width)/2
	y := g.headerH() + (min(height, g.headerH()+emptyLines*g.rows.lineH)-g.headerH()-sz.Height)/2
	r.glyphs.draw(pm, text, max(x, g.labelW+c.padding), y, c.textSize, c.foreground, false)
}

// legendRow is the height of one row of the legend.
func (r *renderer) legendRow() float32 {
	return max(swatchH, r.measure("Ag", r.colors.textSize, false).Height) + r.colors.padding
}

// legendPlaces lays the legend out in rows within width and returns the
// left edge and row of each item and the number of rows.
func (r *renderer) legendPlaces(items []LegendItem, width float32) (xs []float32, rows []int, n int) {
	x, row := float32(0), 0
	for _, it := range items {
		w := swatchW + legendGap + r.measure(it.Label, r.colors.textSize, false).Width
		if x > 0 && x+w > width {
			x, row = 0, row+1
		}
		xs, rows = append(xs, x), append(rows, row)
		x += w + 4*legendGap
	}
	return xs, rows, row + 1
}

// legendHeight is the height the legend takes within width.
func (r *renderer) legendHeight(items []LegendItem, width float32) float32 {
	_, _, n := r.legendPlaces(items, width)
	return float32(n) * r.legendRow()
}

// paintLegend paints the legend's swatches and words from (x, y) within width.
func (r *renderer) paintLegend(pm *pixmap, items []LegendItem, x, y, width float32) {
	c := &r.colors
	xs, rows, _ := r.legendPlaces(items, width)
	rowH := r.legendRow()
	textH := r.measure("Ag", c.textSize, false).Height
	for i, it := range items {
		top := y + float32(rows[i])*rowH
		it.paint(pm, x+xs[i], top+(textH-swatchH)/2, c)
		r.glyphs.draw(pm, it.Label, x+xs[i]+swatchW+legendGap, top, c.textSize, c.foreground, false)
	}
}

// Page is one printed page of the chart: the image of its lines under the
// time axis, and the words of each line, for a document that wants them as text.
type Page struct {
	Image *image.RGBA
	Lines []PageLine
	// Continues names the product whose releases run on from the page before, "" when none.
	Continues string
	// Height is the page's logical height, the image's height over the scale.
	Height float32
}

// PageLine is one line on a page: its top and height in the page's
// logical coordinates and what its label column says.
type PageLine struct {
	Y, Height float32
	Text      string
}

// Pager draws the chart page by page, so that a long chart never has to be
// held as one image.
type Pager struct {
	t      *Timeline
	r      *renderer
	o      PictureOptions
	ranges [][2]int // the lines of each page, [first, last)
}

// Paginate prepares t to be drawn over o's days in pages no taller than
// pageHeight (logical units, the time axis included), breaking between
// products where that leaves a page at least half full.
func (t *Timeline) Paginate(o PictureOptions, pageHeight float32) *Pager {
	r := t.prepare(o, pageHeight)
	g := t.geometry()
	per := max(1, int((pageHeight-g.headerH())/g.rows.lineH))
	return &Pager{t: t, r: r, o: o, ranges: paginate(t.lines, per)}
}

// Len is the number of pages; an empty chart still has one.
func (p *Pager) Len() int { return len(p.ranges) }

// Legend lists what the pages' marks mean, environments included.
func (p *Pager) Legend() []LegendItem { return p.t.Legend(true) }

// SwatchImage paints a legend item's mark at the pages' scale.
func (p *Pager) SwatchImage(it LegendItem) *image.RGBA {
	return it.swatchImage(p.o.scale(), &p.r.colors)
}

// SwatchSize is the logical size of a legend item's mark, as SwatchImage paints it.
func SwatchSize() fyne.Size { return fyne.NewSize(swatchW, swatchH) }

// Page draws page i.
func (p *Pager) Page(i int) Page {
	t, r := p.t, p.r
	first, last := p.ranges[i][0], p.ranges[i][1]
	height := t.chartHeight(last - first)
	t.Resize(fyne.NewSize(p.o.width(), height))
	g := t.geometry()
	t.scrollY = float32(first) * g.rows.lineH
	r.draw()
	s := p.o.scale()
	img := image.NewRGBA(image.Rect(0, 0, int(p.o.width()*s+0.5), int(height*s+0.5)))
	draw.Draw(img, img.Rect, image.NewUniform(r.colors.background), image.Point{}, draw.Src)
	pm := &pixmap{img: img, scale: s}
	r.paintObjects(pm)
	page := Page{Image: img, Height: height}
	if first == last {
		r.paintEmpty(pm, p.o.Empty, height)
		page.Lines = append(page.Lines, PageLine{Y: g.headerH(), Height: g.rows.lineH, Text: p.o.Empty})
	}
	for k := first; k < last; k++ {
		page.Lines = append(page.Lines, PageLine{Y: g.headerH() + float32(k-first)*g.rows.lineH, Height: g.rows.lineH, Text: t.lineText(k)})
	}
	if first < last && t.lines[first].kind == lineRelease {
		page.Continues = t.index.groups[t.lines[first].group].name
	}
	return page
}

// lineText is what the label column of line i says, in one string.
func (t *Timeline) lineText(i int) string {
	ln := t.lines[i]
	if ln.kind == lineGroup {
		return t.index.groups[ln.group].name
	}
	r := &t.rows[ln.row]
	parts := []string{strings.TrimSpace(r.Group + " " + r.Label)}
	for _, s := range []string{r.Title, r.Status} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
}

// paginate splits lines into pages of at most per lines. A page never
// ends on a product's header, and a product that fits on the next page
// starts there when that leaves this page at least half full.
func paginate(lines []line, per int) [][2]int {
	if len(lines) == 0 {
		return [][2]int{{0, 0}}
	}
	var out [][2]int
	for start := 0; start < len(lines); {
		end := min(start+per, len(lines))
		if end < len(lines) {
			brk := end
			for k := end - 1; k > start; k-- {
				if lines[k].kind == lineGroup {
					if groupEnd(lines, k)-k <= per && k-start >= per/2 {
						brk = k
					}
					break
				}
			}
			if brk == end && lines[end-1].kind == lineGroup && end-1 > start {
				brk = end - 1 // the header goes with its first release
			}
			end = brk
		}
		out = append(out, [2]int{start, end})
		start = end
	}
	return out
}

// groupEnd returns the index after the last line of the group whose header is at k.
func groupEnd(lines []line, k int) int {
	for i := k + 1; i < len(lines); i++ {
		if lines[i].kind == lineGroup {
			return i
		}
	}
	return len(lines)
}

// BarBounds returns where the bar of deployment barID is drawn now, in
// the widget's coordinates; ok is false when it is not laid out (not
// among the rows, unscheduled, or in a folded product).
func (t *Timeline) BarBounds(barID uint) (pos fyne.Position, size fyne.Size, ok bool) {
	g := t.geometry()
	for i, ln := range t.lines {
		if ln.kind != lineRelease {
			continue
		}
		ri := &t.index.rows[ln.row]
		for _, s := range ri.spans {
			if t.rows[ln.row].Bars[s.bar].ID == barID {
				x0, y0, x1, y1 := g.spanBox(i, s.from, s.to, s.lane, ri.lanes)
				return fyne.NewPos(x0, y0), fyne.NewSize(x1-x0, y1-y0), true
			}
		}
	}
	return fyne.Position{}, fyne.Size{}, false
}
