package reports

import (
	"fmt"
	"sort"
	"time"

	"github.com/xuri/excelize/v2"

	"releasedesk/data"
)

// The Timeline's day grid shows days up to this many, weeks beyond, and
// nothing when even weeks would not fit on a page.
const (
	gridMaxDays  = 45
	gridMaxWeeks = 60
	gridWidth    = 3.4
)

// timeline writes the release's deployments as a Gantt-like table: the
// planned and actual windows, then a grid of days shaded where each
// deployment was planned (grey) and where it ran (its outcome's colour),
// then the release's milestones in order.
func (b *reviewBook) timeline(sheet string) error {
	t := table{
		columns: []column{
			{"Environment", kindText}, {"Build", kindText}, {"Planned start", kindDateTime}, {"Planned end", kindDateTime},
			{"Actual start", kindDateTime}, {"Actual end", kindDateTime}, {"Planned", kindDuration}, {"Actual", kindDuration},
			{"Start slip (h)", kindSignedHours}, {"Outcome", kindText},
		},
		empty: "Nothing to show on a timeline: no deployments were recorded for " + b.name + ".",
	}
	for _, d := range b.d.Deployments {
		slip := cell{}
		if d.ActualStart != nil {
			slip.value = hours(d.ActualStart.Sub(d.PlannedStart))
		}
		t.rows = append(t.rows, []cell{
			{value: d.Environment.Name}, {value: d.Build}, {value: d.PlannedStart}, {value: d.PlannedEnd},
			{value: d.ActualStart}, {value: d.ActualEnd}, {value: d.PlannedEnd.Sub(d.PlannedStart)},
			{value: duration(d.ActualStart, d.ActualEnd)}, slip, {value: d.Outcome.Label(), style: b.st.outcome[d.Outcome]},
		})
	}
	rows, widths, err := b.writeTable(sheet, t)
	if err != nil || len(t.rows) == 0 {
		return err
	}
	if err := b.dayGrid(sheet, len(t.columns)+1); err != nil {
		return err
	}
	if err := b.gridKey(sheet, rows+2); err != nil {
		return err
	}
	return b.milestones(sheet, rows+4, widths)
}

// window is a span of time a deployment was planned for or ran in.
type window struct{ start, end time.Time }

// touches reports whether w overlaps [from, to); an instant counts where it falls.
func (w window) touches(from, to time.Time) bool {
	if w.end.Equal(w.start) {
		return !w.start.Before(from) && w.start.Before(to)
	}
	return w.start.Before(to) && w.end.After(from)
}

// dayGrid shades one narrow column per day (or week) from column col on.
func (b *reviewBook) dayGrid(sheet string, col int) error {
	var span window
	planned := make([]window, len(b.d.Deployments))
	actual := make([]*window, len(b.d.Deployments))
	for i, d := range b.d.Deployments {
		planned[i] = window{d.PlannedStart.In(b.loc), d.PlannedEnd.In(b.loc)}
		if d.ActualStart != nil {
			a := window{d.ActualStart.In(b.loc), d.ActualStart.In(b.loc)}
			if d.ActualEnd != nil && d.ActualEnd.After(*d.ActualStart) {
				a.end = d.ActualEnd.In(b.loc)
			}
			actual[i] = &a
		}
		for _, w := range []*window{&planned[i], actual[i]} {
			if w == nil {
				continue
			}
			if span.start.IsZero() || w.start.Before(span.start) {
				span.start = w.start
			}
			if w.end.After(span.end) {
				span.end = w.end
			}
		}
	}
	first := data.DateOf(span.start).Time(b.loc)
	step, buckets := 1, int(data.DateOf(span.start).DaysUntil(data.DateOf(span.end)))+1
	if buckets > gridMaxDays {
		// Weeks start on Monday.
		first = first.AddDate(0, 0, -((int(first.Weekday()) + 6) % 7))
		step, buckets = 7, (data.DateOf(first).DaysUntil(data.DateOf(span.end)))/7+1
	}
	if buckets > gridMaxWeeks {
		return nil
	}
	for i := 0; i < buckets; i++ {
		from := first.AddDate(0, 0, i*step)
		to := from.AddDate(0, 0, step)
		if err := b.put(sheet, col+i, 1, cell{value: from, style: b.st.dayHead}, kindDate); err != nil {
			return err
		}
		name, _ := excelize.ColumnNumberToName(col + i)
		if err := b.f.SetColWidth(sheet, name, name, gridWidth); err != nil {
			return err
		}
		for r, d := range b.d.Deployments {
			style := 0
			switch {
			case actual[r] != nil && actual[r].touches(from, to):
				style = b.st.bar[outcomeSwatch[d.Outcome]]
			case planned[r].touches(from, to):
				style = b.st.bar[swatchIdle]
			}
			if style == 0 {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(col+i, r+2)
			if err := b.f.SetCellStyle(sheet, ref, ref, style); err != nil {
				return err
			}
		}
	}
	return b.f.SetRowHeight(sheet, 1, 48)
}

// gridKey explains the day grid's colours under the table, one colour per
// cell from column A; the first label runs on over B, filled alike, since B
// is narrow.
func (b *reviewBook) gridKey(sheet string, row int) error {
	keys := []struct {
		label string
		sw    swatch
	}{{"Planned window", swatchIdle}, {"Succeeded", swatchGood}, {"Failed", swatchBad}, {"Rolled back", swatchWarn}, {"In progress", swatchActive}}
	if err := b.f.SetCellStyle(sheet, fmt.Sprintf("B%d", row), fmt.Sprintf("B%d", row), b.st.swatch[keys[0].sw]); err != nil {
		return err
	}
	for i, k := range keys {
		col := 1
		if i > 0 {
			col = 2 + i
		}
		if err := b.put(sheet, col, row, cell{value: k.label, style: b.st.swatch[k.sw]}, kindText); err != nil {
			return err
		}
	}
	return nil
}

// milestone is one dated event of the release.
type milestone struct {
	at     time.Time
	day    bool // a calendar day rather than an instant
	what   string
	detail string
}

// milestones lists the release's dated events in order from row; widths
// are the table's column widths, to size the wrapped details.
func (b *reviewBook) milestones(sheet string, row int, widths []float64) error {
	r := b.d.Release
	var ms []milestone
	addDay := func(d data.Date, what string) {
		if !d.IsZero() {
			ms = append(ms, milestone{at: d.Time(b.loc), day: true, what: what})
		}
	}
	addDay(r.CodeFreeze, "Code freeze")
	addDay(r.PlannedRelease, "Planned release")
	addDay(r.ActualRelease, "Released")
	for _, d := range b.d.Decisions {
		ms = append(ms, milestone{at: d.DecidedAt.In(b.loc), what: "Go/no-go: " + d.Decision.Label(), detail: joinNonEmpty("; ", d.Conditions, d.Notes)})
	}
	for _, h := range b.d.History {
		if h.Entity == data.EntityRelease && h.Field == "Status" && h.Action == data.ActionUpdate {
			what := "Status: " + data.ReleaseStatus(h.OldValue).Label() + " → " + data.ReleaseStatus(h.NewValue).Label()
			ms = append(ms, milestone{at: h.At.In(b.loc), what: what})
		}
	}
	for _, rb := range b.d.Rollbacks {
		ms = append(ms, milestone{at: rb.StartedAt.In(b.loc), what: "Rollback on " + rb.Deployment.Environment.Name, detail: rb.Reason})
	}
	if rv := b.d.Review; rv != nil {
		addDay(rv.HeldOn, "Post-release review")
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].at.Before(ms[j].at) })
	if err := b.put(sheet, 1, row, cell{value: "Milestones", style: b.st.section}, kindText); err != nil {
		return err
	}
	// Each part starts in a column and runs on over the empty cells to its
	// right: When in A (widened to hold a date and time), Milestone from B
	// over C:D, Detail from E over E:J, broken into lines of that width.
	// No merged cells (see banner).
	cols := []int{1, 2, 5}
	if need := valueWidth(time.Time{}, kindDateTime) + 2; len(widths) > 0 && widths[0] < need {
		if err := b.f.SetColWidth(sheet, "A", "A", need); err != nil {
			return err
		}
	}
	detailWidth := 0.0
	for _, w := range widths[4:10] {
		detailWidth += w
	}
	head := b.st.header
	if err := b.f.SetCellStyle(sheet, fmt.Sprintf("A%d", row+1), fmt.Sprintf("J%d", row+1), head); err != nil {
		return err
	}
	for j, label := range []string{"When", "Milestone", "Detail"} {
		if err := b.put(sheet, cols[j], row+1, cell{value: label, style: head}, kindText); err != nil {
			return err
		}
	}
	line := row + 2
	for _, m := range ms {
		when := cell{value: m.at, style: b.st.body[kindDateTime]}
		if m.day {
			when = cell{value: data.DateOf(m.at), style: b.st.body[kindDate]}
		}
		if err := b.put(sheet, cols[0], line, when, kindDateTime); err != nil {
			return err
		}
		if err := b.put(sheet, cols[1], line, cell{value: m.what, style: b.st.body[kindText]}, kindText); err != nil {
			return err
		}
		if m.detail == "" {
			line++
			continue
		}
		for _, text := range wrapWords(m.detail, detailWidth) {
			if err := b.put(sheet, cols[2], line, cell{value: text, style: b.st.body[kindText]}, kindText); err != nil {
				return err
			}
			line++
		}
	}
	return nil
}

// joinNonEmpty joins the parts that are not empty.
func joinNonEmpty(sep string, parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += sep
		}
		out += p
	}
	return out
}
