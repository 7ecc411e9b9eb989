package reports

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"releasedesk/data"
)

// SheetScope is the review workbook's sheet of what the release delivered:
// its work items, its schedule against the baseline and what it required.
const SheetScope = "Scope"

// workStatusSwatch colours a work item's status as outcomes are coloured.
var workStatusSwatch = map[data.WorkItemStatus]swatch{
	data.WorkDone: swatchGood, data.WorkInProgress: swatchActive, data.WorkOpen: swatchCaution, data.WorkDropped: swatchIdle,
}

// scope writes the Scope sheet: the work items as a table (keys linked to
// the tracker), then the schedule against the baseline with each re-plan
// and its reason, then the releases this one required.
func (b *reviewBook) scope(sheet string) error {
	t := table{
		columns: []column{
			{"Key", kindText}, {"Summary", kindWrap}, {"Kind", kindText}, {"Status", kindText}, {"Component", kindText},
			{"Customer-facing", kindText}, {"Notes", kindWrap},
		},
		empty: "No work items were recorded for " + b.name + ".",
	}
	counts := map[data.WorkItemStatus]int{}
	for _, it := range b.d.Scope {
		counts[it.Status]++
		facing := "No"
		if it.CustomerFacing {
			facing = "Yes"
		}
		t.rows = append(t.rows, []cell{
			{value: it.Key}, {value: it.Summary}, {value: it.Kind.Label()},
			{value: it.Status.Label(), style: b.st.swatch[workStatusSwatch[it.Status]]}, {value: it.Component},
			{value: facing}, {value: it.Notes},
		})
	}
	var tally []string
	for _, st := range data.WorkItemStatuses {
		if counts[st] > 0 {
			tally = append(tally, fmt.Sprintf("%d %s", counts[st], strings.ToLower(st.Label())))
		}
	}
	t.totals = []cell{{value: plural(len(t.rows), "item")}, {value: strings.Join(tally, ", ")}, {}, {}, {}, {}, {}}
	used, _, err := b.writeTable(sheet, t)
	if err != nil {
		return err
	}
	for i, it := range b.d.Scope {
		if link := safeLink(it.Link); link != "" {
			ref, _ := excelize.CoordinatesToCellName(1, i+2)
			if err := b.f.SetCellHyperLink(sheet, ref, link, "External", excelize.HyperlinkOpts{Tooltip: ptr("Open " + it.Key)}); err != nil {
				return err
			}
		}
	}
	// The blocks below the table need room the items may not have made.
	for col, least := range map[string]float64{"A": 26, "B": 30, "C": 15, "D": 15, "E": 15, "F": 15} {
		if w, err := b.f.GetColWidth(sheet, col); err != nil {
			return err
		} else if w < least {
			if err := b.f.SetColWidth(sheet, col, col, least); err != nil {
				return err
			}
		}
	}
	row, err := b.baselineBlock(sheet, used+2)
	if err != nil {
		return err
	}
	return b.requiresBlock(sheet, row+1)
}

// baselineBlock writes the schedule against the baseline from row on and
// returns the row after it.
func (b *reviewBook) baselineBlock(sheet string, row int) (int, error) {
	r := b.d.Release
	freeze, base := r.Baseline()
	days, hasSlip := r.BaselineSlipDays()
	signed, err := b.st.withFormat(b.st.value, fmtSignedDays)
	if err != nil {
		return 0, err
	}
	dateStyle, err := b.st.withFormat(b.st.value, fmtDate)
	if err != nil {
		return 0, err
	}
	lines := []struct {
		label string
		value any
		style int
	}{
		{"Baseline freeze", dateOr(freeze, "no baseline: the release was never committed"), dateStyle},
		{"Baseline release", dateOr(base, "no baseline: the release was never committed"), dateStyle},
		{"Planned release", dateOr(r.PlannedRelease, "not set"), dateStyle},
		{"Actual release", dateOr(r.ActualRelease, "not released yet"), dateStyle},
		{"Slip vs baseline", "no baseline to measure against", b.st.value},
		{"Re-plans", len(b.d.Replans), b.st.value},
	}
	if hasSlip {
		lines[4].value, lines[4].style = days, signed
	}
	if err := b.put(sheet, 1, row, cell{value: "Schedule against baseline", style: b.st.section}, kindText); err != nil {
		return 0, err
	}
	row++
	for _, l := range lines {
		if err := b.put(sheet, 1, row, cell{value: l.label, style: b.st.label}, kindText); err != nil {
			return 0, err
		}
		if err := b.put(sheet, 2, row, cell{value: l.value, style: l.style}, kindText); err != nil {
			return 0, err
		}
		row++
	}
	if len(b.d.Replans) == 0 {
		return row, nil
	}
	row++
	for i, h := range []string{"Re-planned at", "Reason", "New release", "Was", "New freeze", "Was"} {
		if err := b.put(sheet, i+1, row, cell{value: h, style: b.st.header}, kindText); err != nil {
			return 0, err
		}
	}
	row++
	for _, rp := range b.d.Replans {
		cells := []cell{{value: rp.At, style: b.st.body[kindDateTime]}, {value: rp.Reason, style: b.st.body[kindWrap]},
			{value: rp.NewRelease, style: b.st.body[kindDate]}, {value: rp.OldRelease, style: b.st.body[kindDate]},
			{value: rp.NewCodeFreeze, style: b.st.body[kindDate]}, {value: rp.OldCodeFreeze, style: b.st.body[kindDate]}}
		for i, c := range cells {
			if err := b.put(sheet, i+1, row, c, kindText); err != nil {
				return 0, err
			}
		}
		width, err := b.f.GetColWidth(sheet, "B")
		if err != nil {
			return 0, err
		}
		if lines := wrappedLines(rp.Reason, width); lines > 1 {
			if err := b.f.SetRowHeight(sheet, row, 15*float64(lines)+2); err != nil {
				return 0, err
			}
		}
		row++
	}
	return row, nil
}

// requiresBlock lists the releases this one required, from row on.
func (b *reviewBook) requiresBlock(sheet string, row int) error {
	if len(b.d.Requires) == 0 {
		return nil
	}
	if err := b.put(sheet, 1, row, cell{value: "Requires", style: b.st.section}, kindText); err != nil {
		return err
	}
	for _, d := range b.d.Requires {
		row++
		text := d.Requires.Name() + " on " + d.Environment.Name
		if d.Note != "" {
			text += ": " + d.Note
		}
		if err := b.put(sheet, 1, row, cell{value: text, style: b.st.value}, kindText); err != nil {
			return err
		}
	}
	return nil
}

// dateOr is d as a date cell, or the words why there is none.
func dateOr(d data.Date, none string) any {
	if d.IsZero() {
		return none
	}
	return d
}
