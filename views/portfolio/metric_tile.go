package portfolio

import (
	"math"
	"releasedesk/views/kit"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// metricTile is one delivery figure: its name, value, a line of detail and
// a small chart of the figure per week or month. Pointing at a bar puts its
// period and value in the line of detail.
type metricTile struct {
	title, figure, detail *widget.Label
	chart                 *barChart
	box                   fyne.CanvasObject

	// shown is the line of detail when no bar is pointed at.
	shown string
	// labels name the bars' periods; point writes a bar's value in full.
	labels []string
	point  func(v float64) string
}

// newMetricTile returns a tile titled title, its chart in tone t; axis
// writes the chart's axis values, point a bar's value in full.
func newMetricTile(title string, t kit.Tone, axis, point func(float64) string) *metricTile {
	m := &metricTile{detail: kit.CaptionLabel(), chart: newBarChart(t, axis), point: point}
	m.title = &widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	m.title.ExtendBaseWidget(m.title)
	m.figure = &widget.Label{Text: "—", SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	m.figure.ExtendBaseWidget(m.figure)
	m.chart.OnPoint = m.showPoint
	m.box = container.New(tileLayout{}, container.New(kit.TightRows{}, m.title, m.figure, m.detail), m.chart)
	return m
}

// tileLayout stacks a tile's figures and its chart; on a short window the
// chart gives way, so the figures stay and the lists above keep their room.
type tileLayout struct{}

// Layout places the figures at their height, then the chart under them when it fits.
func (tileLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	figures, chart := objs[0], objs[1]
	top := figures.MinSize().Height
	figures.Move(fyne.NewPos(0, 0))
	figures.Resize(fyne.NewSize(size.Width, top))
	room := size.Height - top - theme.Padding()
	if room < chart.MinSize().Height {
		chart.Hide()
		return
	}
	chart.Show()
	chart.Move(fyne.NewPos(0, top+theme.Padding()))
	chart.Resize(fyne.NewSize(size.Width, room))
}

// MinSize is the figures' room: the chart is shown only where there is more.
func (tileLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := objs[0].MinSize()
	for _, o := range objs[1:] {
		s.Width = max(s.Width, o.MinSize().Width)
	}
	return s
}

// set shows figure and detail, and the series values with their periods'
// labels: in full for the details of a bar, short for the time axis.
func (m *metricTile) set(figure, detail string, values []float64, labels, short []string) {
	m.figure.SetText(figure)
	m.shown, m.labels = detail, labels
	m.detail.SetText(detail)
	first, last := "", ""
	if n := len(short); n > 0 {
		first, last = short[0], short[n-1]
	}
	m.chart.setValues(values, first, last)
}

// showPoint puts bar i's period and value in the line of detail; -1 puts the detail back.
func (m *metricTile) showPoint(i int) {
	if i < 0 || i >= len(m.chart.values) || i >= len(m.labels) {
		m.detail.SetText(m.shown)
		return
	}
	v := m.chart.values[i]
	text := "no data"
	if !math.IsNaN(v) {
		text = m.point(v)
	}
	m.detail.SetText(m.labels[i] + ": " + text)
}

// Axis values, short enough for the chart's narrow value axis.
func axisCount(v float64) string   { return axisNumber(v) }
func axisPercent(v float64) string { return axisNumber(v) + "%" }
func axisDays(v float64) string    { return axisNumber(v) + "d" }
func axisHours(v float64) string {
	if v >= 48 {
		return axisNumber(v/24) + "d"
	}
	return axisNumber(v) + "h"
}

// axisNumber writes v whole from 10 up, else with one decimal when it has one: 47, 2.5, 0.4, 3.
func axisNumber(v float64) string {
	if math.Abs(v) >= 10 {
		return strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	}
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}
