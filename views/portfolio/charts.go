package portfolio

import (
	"fmt"
	"image/color"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

var (
	_ fyne.Widget         = (*barChart)(nil)
	_ desktop.Hoverable   = (*barChart)(nil)
	_ fyne.Tappable       = (*barChart)(nil)
	_ fyne.WidgetRenderer = (*barChartRenderer)(nil)
)

// barChartMinSize keeps a chart readable in a small tile.
var barChartMinSize = fyne.NewSize(96, 30)

// barChart is a small column chart of a series, one bar per period, with a
// value axis (the largest value and zero, with a grid line at each) so bars
// can be read, not only compared. Values may be negative (bars go below the
// zero line); NaN marks a period without data, which gets no bar, while a
// zero gets a thin sliver so "none" and "nothing measured" look different.
// The latest bar is drawn strongest; the bar under the pointer (or tapped,
// on a touch screen) is outlined and OnPoint tells its period and value.
type barChart struct {
	widget.BaseWidget

	values []float64
	// from and to label the time axis under the first and the last bar.
	from, to string
	tone     kit.Tone
	// format writes a value for the axis and the details, e.g. "12.5 / week".
	format func(v float64) string
	// OnPoint is told the bar under the pointer, or -1 when it leaves.
	OnPoint func(i int)
	pointed int
}

// newBarChart returns an empty chart drawn in tone t, its values written by format.
func newBarChart(t kit.Tone, format func(float64) string) *barChart {
	c := &barChart{tone: t, format: format, pointed: -1}
	c.ExtendBaseWidget(c)
	return c
}

// setValues shows vs, oldest first, the time axis running from from to to.
func (c *barChart) setValues(vs []float64, from, to string) {
	c.values = append(c.values[:0], vs...)
	c.from, c.to = from, to
	c.pointed = -1
	c.Refresh()
}

// MouseIn points at the bar under the pointer.
func (c *barChart) MouseIn(e *desktop.MouseEvent) { c.point(e.Position) }

// MouseMoved follows the pointer from bar to bar.
func (c *barChart) MouseMoved(e *desktop.MouseEvent) { c.point(e.Position) }

// MouseOut lets go of the bar pointed at.
func (c *barChart) MouseOut() { c.pointAt(-1) }

// Tapped points at the tapped bar, for screens without a pointer that hovers.
func (c *barChart) Tapped(e *fyne.PointEvent) { c.point(e.Position) }

func (c *barChart) point(p fyne.Position) {
	_, plot := chartPlot(c.Size(), c.values)
	i := -1
	if n := len(c.values); n > 0 && p.X >= plot.x && p.X < plot.x+plot.w {
		i = min(int((p.X-plot.x)/(plot.w/float32(n))), n-1)
	}
	c.pointAt(i)
}

func (c *barChart) pointAt(i int) {
	if i == c.pointed {
		return
	}
	c.pointed = i
	c.Refresh()
	if c.OnPoint != nil {
		c.OnPoint(i)
	}
}

// CreateRenderer builds the axes; bars are added as values arrive.
func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	c.ExtendBaseWidget(c)
	text := func() *canvas.Text {
		return &canvas.Text{TextSize: theme.CaptionTextSize(), Alignment: fyne.TextAlignTrailing}
	}
	r := &barChartRenderer{chart: c, axis: &canvas.Line{StrokeWidth: 1}, grid: &canvas.Line{StrokeWidth: 1},
		top: text(), zero: text(), from: text(), to: text(), outline: &canvas.Rectangle{StrokeWidth: 1.5}}
	r.from.Alignment = fyne.TextAlignLeading
	r.Refresh()
	return r
}

type barChartRenderer struct {
	chart *barChart
	// axis is the zero line, grid the line of the largest value; top and
	// zero label them at the left, from and to the time axis under the bars.
	axis, grid          *canvas.Line
	top, zero, from, to *canvas.Text
	// outline rings the bar pointed at.
	outline *canvas.Rectangle
	// bars are reused between refreshes; only len(values) of them show.
	bars    []*canvas.Rectangle
	objects []fyne.CanvasObject
}

// chartScale returns the largest value above and the largest magnitude below
// zero, so the zero line can sit where both fit.
func chartScale(vs []float64) (up, down float64) {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		up, down = max(up, v), max(down, -v)
	}
	return up, down
}

// plotArea is where the bars go inside a chart: right of the value axis's labels.
type plotArea struct{ x, y, w, h float32 }

// chartGutter is the room the value labels take left of the bars.
const chartGutter = 34

// chartPlot places the plot in a chart of size: right of the value labels,
// with half a line of text above it so the top label sits on its line, and
// a line under it for the time axis.
func chartPlot(size fyne.Size, vs []float64) (gutter float32, plot plotArea) {
	half, line := theme.CaptionTextSize()*0.7, timeAxisHeight()
	gutter = chartGutter
	if len(vs) == 0 {
		gutter = 0
	}
	return gutter, plotArea{x: gutter + 4, y: half, w: max(size.Width-gutter-4, 1), h: max(size.Height-half-line-1, 1)}
}

// timeAxisHeight is the room of the time axis's labels under the bars.
func timeAxisHeight() float32 {
	return fyne.MeasureText("Nov 8", theme.CaptionTextSize(), fyne.TextStyle{}).Height + 2
}

// Layout places one bar per value across the plot, each as tall as its
// value relative to the largest, above or below the zero line.
func (r *barChartRenderer) Layout(size fyne.Size) {
	vs := r.chart.values
	up, down := chartScale(vs)
	gutter, plot := chartPlot(size, vs)
	zero := plot.y + plot.h // all positive: the zero line sits at the bottom
	if up+down > 0 {
		zero = plot.y + float32(up/(up+down))*plot.h
	}
	r.axis.Position1, r.axis.Position2 = fyne.NewPos(plot.x, zero), fyne.NewPos(plot.x+plot.w, zero)
	r.grid.Position1, r.grid.Position2 = fyne.NewPos(plot.x, plot.y), fyne.NewPos(plot.x+plot.w, plot.y)
	label := func(t *canvas.Text, y float32) {
		h := t.MinSize().Height
		t.Move(fyne.NewPos(0, y-h/2))
		t.Resize(fyne.NewSize(gutter, h))
	}
	label(r.top, plot.y)
	label(r.zero, zero)
	timeY := plot.y + plot.h + 2
	for _, t := range []*canvas.Text{r.from, r.to} {
		t.Move(fyne.NewPos(plot.x, timeY))
		t.Resize(fyne.NewSize(plot.w, t.MinSize().Height))
	}
	r.outline.Hide()
	if len(vs) == 0 {
		return
	}
	slot := plot.w / float32(len(vs))
	gap := min(slot*0.25, 4)
	scale := float32(0)
	if up+down > 0 {
		scale = plot.h / float32(up+down)
	}
	for i, v := range vs {
		bar := r.bars[i]
		x := plot.x + float32(i)*slot + gap/2
		w := max(slot-gap, 1)
		switch {
		case math.IsNaN(v) || math.IsInf(v, 0):
			bar.Hide()
			continue
		case v == 0:
			bar.Move(fyne.NewPos(x, zero-2))
			bar.Resize(fyne.NewSize(w, 2))
		case v > 0:
			h := max(float32(v)*scale, 2)
			bar.Move(fyne.NewPos(x, zero-h))
			bar.Resize(fyne.NewSize(w, h))
		default:
			h := max(float32(-v)*scale, 2)
			bar.Move(fyne.NewPos(x, zero+1))
			bar.Resize(fyne.NewSize(w, h))
		}
		bar.Show()
		if i == r.chart.pointed {
			r.outline.Move(bar.Position().SubtractXY(1, 1))
			r.outline.Resize(bar.Size().AddWidthHeight(2, 2))
			r.outline.Show()
		}
	}
}

func (r *barChartRenderer) MinSize() fyne.Size {
	return barChartMinSize.AddWidthHeight(chartGutter, timeAxisHeight())
}

// Refresh matches the bars to the values, labels the axis and re-reads the
// theme colours, so the chart follows a light/dark switch.
func (r *barChartRenderer) Refresh() {
	c := r.chart
	vs := c.values
	for len(r.bars) < len(vs) {
		r.bars = append(r.bars, &canvas.Rectangle{CornerRadius: 1})
	}
	th, v := c.Theme(), fyne.CurrentApp().Settings().ThemeVariant()
	strong := c.tone.On(v)
	weak := kit.WithAlpha(strong, 0x8c)
	r.objects = append(r.objects[:0], r.grid, r.axis)
	for i, bar := range r.bars {
		if i >= len(vs) {
			bar.Hide()
			continue
		}
		bar.FillColor = weak
		if i == len(vs)-1 {
			bar.FillColor = strong // the current period
		}
		r.objects = append(r.objects, bar)
	}
	up, down := chartScale(vs)
	r.top.Text, r.zero.Text = c.format(up), c.format(0)
	if up == 0 && down > 0 {
		r.top.Text = c.format(0)
		r.zero.Text = ""
	}
	if len(vs) == 0 {
		r.top.Text, r.zero.Text = "", ""
	}
	r.from.Text, r.to.Text = c.from, c.to
	muted := th.Color(theme.ColorNamePlaceHolder, v)
	for _, t := range []*canvas.Text{r.top, r.zero, r.from, r.to} {
		t.Color, t.TextSize = muted, th.Size(theme.SizeNameCaptionText)
	}
	r.axis.StrokeColor = th.Color(theme.ColorNameForeground, v)
	r.grid.StrokeColor = th.Color(theme.ColorNameSeparator, v)
	r.outline.StrokeColor, r.outline.FillColor = th.Color(theme.ColorNameForeground, v), color.Transparent
	r.objects = append(r.objects, r.top, r.zero, r.from, r.to, r.outline)
	r.Layout(c.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}

func (r *barChartRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *barChartRenderer) Destroy() {}

// metricFigures turns m into each tile's figure and its line of detail.
func metricFigures(m data.Metrics) [5][2]string {
	t := m.Total
	var out [5][2]string
	out[tileFrequency] = [2]string{fmt.Sprintf("%.1f / week", t.DeploymentsPerWeek),
		kit.FormatCount(t.Finished) + " finished, " + kit.FormatCount(t.Succeeded) + " succeeded"}
	out[tileFailureRate] = [2]string{"—", "nothing finished"}
	if t.ChangeFailureRate != nil {
		out[tileFailureRate] = [2]string{fmt.Sprintf("%.1f%%", *t.ChangeFailureRate*100),
			fmt.Sprintf("%d failed, %d rolled back", t.Failed, t.RolledBack)}
	}
	out[tileRestore] = [2]string{"—", "no failure restored"}
	if r := t.RestoreHours; r.Count > 0 {
		out[tileRestore] = [2]string{formatHours(r.Mean), "median " + formatHours(r.Median) + " · " + kit.Count(r.Count, "restore")}
	}
	if t.Unrestored > 0 {
		out[tileRestore][1] += fmt.Sprintf(" · %d open", t.Unrestored)
	}
	releaseScope := ""
	if m.EnvironmentID != 0 {
		releaseScope = " · all environments"
	}
	out[tileLeadTime] = [2]string{"—", "no release reached production" + releaseScope}
	if l := m.LeadTimeDays; l.Count > 0 {
		out[tileLeadTime] = [2]string{formatDays(l.Mean, false),
			"median " + formatDays(l.Median, false) + " · " + kit.Count(l.Count, "release") + releaseScope}
	}
	out[tileSlip] = [2]string{"—", "no release released" + releaseScope}
	if s := m.SlipDays; s.Count > 0 {
		out[tileSlip] = [2]string{formatDays(s.Mean, true),
			"median " + formatDays(s.Median, true) + " · " + kit.Count(s.Count, "release") + releaseScope}
	}
	return out
}

// formatHours shows a duration given in hours: "45 min", "5.2 h" or "3.1 days".
func formatHours(h float64) string {
	switch {
	case h < 1:
		return fmt.Sprintf("%.0f min", h*60)
	case h < 48:
		return fmt.Sprintf("%.1f h", h)
	}
	return fmt.Sprintf("%.1f days", h/24)
}

// formatDays shows a number of days; signed shows "+2.0 days" late and
// "−1.5 days" early, and "on time" for zero.
func formatDays(d float64, signed bool) string {
	unit := " days"
	if math.Abs(d) == 1 {
		unit = " day"
	}
	switch {
	case !signed:
		return fmt.Sprintf("%.1f", d) + unit
	case math.Abs(d) < 0.05:
		return "on time"
	case d > 0:
		return fmt.Sprintf("+%.1f", d) + unit
	}
	return fmt.Sprintf("−%.1f", -d) + unit
}

func meanOrNaN(s data.Summary) float64 {
	if s.Count == 0 {
		return math.NaN()
	}
	return s.Mean
}

// bucketLabel names a chart bar as a manager thinks of it: the week's first
// day ("week of 26 Oct") or the month ("Nov 2026"); short leaves out "week of".
func bucketLabel(p data.MetricsPoint, bucket data.Period, short bool) string {
	if bucket == data.PeriodMonth {
		return kit.FormatMonth(p.Start.In(time.Local))
	}
	day := kit.FormatDayMonth(data.DateOf(p.Start.In(time.Local)))
	if short {
		return day
	}
	return "week of " + day
}
