package reports

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Chart sizes in pixels; two side by side fit a landscape page.
const (
	chartWidth  = 680
	chartHeight = 380
)

// chartText is the lettering of chart axes and legends: dark enough to
// read on paper and projectors in every reader (excelize's default is a
// grey that LibreOffice and Gnumeric draw nearly white).
var chartText = excelize.Font{Color: colourChartText, Size: 10}

// chartTitle is a chart's title in the workbook's heading colour.
func chartTitle(text string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: text, Font: &excelize.Font{Bold: true, Size: 13, Color: "1F2D3D"}}}}
}

// axisTitle names what an axis measures.
func axisTitle(text string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: text, Font: &excelize.Font{Bold: true, Size: 10, Color: colourChartText}}}}
}

// metrics writes per-environment figures for the release, with a totals
// line, and charts of outcomes and of planned against actual time.
func (b *reviewBook) metrics(sheet string) error {
	t := table{
		columns: []column{
			{"Environment", kindText}, {"Deployments", kindInt}, {"Succeeded", kindInt}, {"Failed", kindInt},
			{"Rolled back", kindInt}, {"Not finished", kindInt}, {"Change failure rate", kindPercent}, {"Rollbacks", kindInt},
			{"Downtime (min)", kindInt}, {"Users affected", kindInt}, {"Planned (h)", kindHours}, {"Actual (h)", kindHours},
			{"Overrun (h)", kindSignedHours}, {"Start slip (h)", kindSignedHours},
		},
		empty: "No deployments were recorded for " + b.name + ", so there is nothing to measure yet.",
	}
	for _, e := range append(b.d.ByEnvironment(), b.d.Totals()) {
		name := e.Environment.Name
		if name == "" {
			name = "All environments"
		}
		rate := cell{}
		if r, ok := e.FailureRate(); ok {
			rate.value = r
		}
		actual, overrun, slip := cell{}, cell{}, cell{}
		if e.PlannedOfActual > 0 || e.Actual > 0 {
			actual.value, overrun.value = hours(e.Actual), hours(e.Overrun())
		}
		if e.HasStarted {
			slip.value = hours(e.StartSlip)
		}
		t.rows = append(t.rows, []cell{
			{value: name}, {value: e.Deployments}, {value: e.Succeeded}, {value: e.Failed}, {value: e.RolledBack},
			{value: e.Unfinished}, rate, {value: e.Rollbacks}, {value: e.DowntimeMinutes}, {value: e.UsersAffected},
			{value: hours(e.Planned)}, actual, overrun, slip,
		})
	}
	if len(t.rows) == 1 { // only the totals: nothing was deployed
		t.rows = nil
	} else {
		t.totals, t.rows = t.rows[len(t.rows)-1], t.rows[:len(t.rows)-1]
	}
	used, widths, err := b.writeTable(sheet, t)
	if err != nil || len(t.rows) == 0 {
		return err
	}
	envs := len(t.rows)
	at := fmt.Sprintf("A%d", used+2)
	// The second chart starts at the first column clear of the first one.
	next, x := 0, 0.0
	for next < len(widths) && x < chartWidth+16 {
		x += widths[next]*7 + 5 // pixels of a column at the default font
		next++
	}
	beside, _ := excelize.CoordinatesToCellName(next+1, used+2)
	// Series names are references to the header cells, as charts expect.
	series := func(col, colour string) excelize.ChartSeries {
		return excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$1", sheet, col),
			Categories: fmt.Sprintf("%s!$A$2:$A$%d", sheet, envs+1),
			Values:     fmt.Sprintf("%s!$%s$2:$%s$%d", sheet, col, col, envs+1),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}},
		}
	}
	outcomes := &excelize.Chart{
		Type:       excelize.Col,
		VaryColors: ptr(false),
		Series: []excelize.ChartSeries{
			series("C", colourSucceeded), series("D", colourFailed), series("E", colourRolledBack),
		},
		Title:     chartTitle("Deployment outcomes per environment"),
		Legend:    excelize.ChartLegend{Position: "bottom", Font: &chartText},
		Dimension: excelize.ChartDimension{Width: chartWidth, Height: chartHeight},
		XAxis:     excelize.ChartAxis{Font: chartText},
		YAxis: excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}, Font: chartText,
			Title: axisTitle("Deployments")},
	}
	if err := b.f.AddChart(sheet, at, outcomes); err != nil {
		return err
	}
	times := &excelize.Chart{
		Type:       excelize.Bar,
		VaryColors: ptr(false),
		Series:     []excelize.ChartSeries{series("K", colourPlanned), series("L", colourActual)},
		Title:      chartTitle("Planned vs actual hours per environment"),
		Legend:     excelize.ChartLegend{Position: "bottom", Font: &chartText},
		Dimension:  excelize.ChartDimension{Width: chartWidth, Height: chartHeight},
		XAxis:      excelize.ChartAxis{ReverseOrder: true, Font: chartText},
		YAxis: excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0.0"}, Font: chartText,
			Title: axisTitle("Hours")},
	}
	if err := b.f.AddChart(sheet, beside, times); err != nil {
		return err
	}
	// The notes sit below the charts, which also keeps the charts inside
	// the printed area.
	notes := used + 2 + chartHeight/20 + 1
	for i, text := range []string{
		"Change failure rate: failed and rolled back deployments out of the finished ones.",
		"Overrun: actual time of the finished deployments against the time planned for them; start slip: how late the first deployment started.",
	} {
		if err := b.put(sheet, 1, notes+i, cell{value: text, style: b.st.subtitle}, kindText); err != nil {
			return err
		}
	}
	return nil
}
