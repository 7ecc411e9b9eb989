package portfolio

import (
	"fmt"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

var _ fyne.Widget = (*barChart)(nil)

// barChartMinSize keeps a chart readable in a small tile.
var barChartMinSize = fyne.NewSize(96, 56)

// barChart is a small column chart of a series, one bar per period, drawn
// with canvas rectangles so a trend is seen at a glance. Values may be
// negative (bars go below the zero line); NaN marks a period without data,
// which gets no bar, while a zero gets a thin sliver so "none" and "nothing
// measured" look different. The latest bar is drawn strongest.
type barChart struct {
	widget.BaseWidget

	values []float64
	tone   kit.Tone
}

// newBarChart returns an empty chart drawn in tone t.
func newBarChart(t kit.Tone) *barChart {
	c := &barChart{tone: t}
	c.ExtendBaseWidget(c)
	return c
}

// setValues shows vs, oldest first.
func (c *barChart) setValues(vs []float64) {
	c.values = append(c.values[:0], vs...)
	c.Refresh()
}

// CreateRenderer builds the zero line; bars are added as values arrive.
func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	c.ExtendBaseWidget(c)
	r := &barChartRenderer{chart: c, axis: &canvas.Line{StrokeWidth: 1}}
	r.Refresh()
	return r
}

type barChartRenderer struct {
	chart *barChart
	axis  *canvas.Line
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

// Layout places one bar per value across the width, each as tall as its
// value relative to the largest, above or below the zero line.
func (r *barChartRenderer) Layout(size fyne.Size) {
	vs := r.chart.values
	up, down := chartScale(vs)
	zero := size.Height - 1 // all positive: the zero line sits at the bottom
	if up+down > 0 {
		zero = float32(up/(up+down)) * (size.Height - 1)
	}
	r.axis.Position1 = fyne.NewPos(0, zero)
	r.axis.Position2 = fyne.NewPos(size.Width, zero)
	if len(vs) == 0 {
		return
	}
	slot := size.Width / float32(len(vs))
	gap := min(slot*0.25, 4)
	for i, v := range vs {
		bar := r.bars[i]
		x := float32(i)*slot + gap/2
		w := max(slot-gap, 1)
		switch {
		case math.IsNaN(v) || math.IsInf(v, 0):
			bar.Hide()
			continue
		case v == 0:
			bar.Move(fyne.NewPos(x, zero-2))
			bar.Resize(fyne.NewSize(w, 2))
		case v > 0:
			h := max(float32(v/(up+down))*(size.Height-1), 2)
			bar.Move(fyne.NewPos(x, zero-h))
			bar.Resize(fyne.NewSize(w, h))
		default:
			h := max(float32(-v/(up+down))*(size.Height-1), 2)
			bar.Move(fyne.NewPos(x, zero+1))
			bar.Resize(fyne.NewSize(w, h))
		}
		bar.Show()
	}
}

func (r *barChartRenderer) MinSize() fyne.Size { return barChartMinSize }

// Refresh matches the bars to the values and re-reads the theme colours, so
// the chart follows a light/dark switch.
func (r *barChartRenderer) Refresh() {
	vs := r.chart.values
	for len(r.bars) < len(vs) {
		r.bars = append(r.bars, &canvas.Rectangle{CornerRadius: 1})
	}
	v := fyne.CurrentApp().Settings().ThemeVariant()
	strong := r.chart.tone.On(v)
	weak := kit.WithAlpha(strong, 0x8c)
	r.objects = r.objects[:0]
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
	r.axis.StrokeColor = r.chart.Theme().Color(theme.ColorNameSeparator, v)
	r.objects = append(r.objects, r.axis)
	r.Layout(r.chart.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}

func (r *barChartRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *barChartRenderer) Destroy() {}

// metricTile is one delivery figure: its name, value, a line of detail and
// a small chart of the figure per week or month.
type metricTile struct {
	title, figure, detail *widget.Label
	first, last           *widget.Label
	chart                 *barChart
	box                   fyne.CanvasObject
}

func newMetricTile(title string, t kit.Tone) *metricTile {
	m := &metricTile{detail: kit.CaptionLabel(), first: kit.CaptionLabel(), last: kit.CaptionLabel(), chart: newBarChart(t)}
	m.title = &widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	m.title.ExtendBaseWidget(m.title)
	m.figure = &widget.Label{Text: "—", SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	m.figure.ExtendBaseWidget(m.figure)
	m.last.Alignment = fyne.TextAlignTrailing
	axis := container.NewGridWithColumns(2, m.first, m.last)
	m.box = container.NewBorder(container.New(kit.TightRows{}, m.title, m.figure, m.detail), axis, nil, nil,
		container.NewPadded(m.chart))
	return m
}

// set shows figure and detail, and the series values labelled from first to last.
func (m *metricTile) set(figure, detail string, values []float64, first, last string) {
	m.figure.SetText(figure)
	m.detail.SetText(detail)
	m.chart.setValues(values)
	m.first.SetText(first)
	m.last.SetText(last)
}

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
// day ("26 Oct") or the month ("Nov 2026").
func bucketLabel(p data.MetricsPoint, bucket data.Period) string {
	if bucket == data.PeriodMonth {
		return p.Start.In(time.Local).Format("Jan 2006")
	}
	return "week of " + p.Start.In(time.Local).Format("2 Jan")
}
