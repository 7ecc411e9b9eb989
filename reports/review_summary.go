package reports

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"releasedesk/data"
)

// fact is one label and value of the Summary's key facts.
type fact struct {
	label  string
	value  any    // as for cell
	format string // number format for numbers and days; "" for text
	swatch *swatch
}

// The Summary's columns: label, value, gap, label, value.
var summaryWidths = []float64{26, 40, 3, 26, 40}

// summary writes the sheet that reads like the first slide of the review
// meeting: what was released, the verdict, the dates, the counts and what
// people said.
func (b *reviewBook) summary(sheet string) error {
	if err := b.pageSheet(sheet, summaryWidths); err != nil {
		return err
	}
	title, sub := b.heading()
	if err := b.banner(sheet, 1, title, b.st.title, 30); err != nil {
		return err
	}
	if err := b.banner(sheet, 2, sub, b.st.subtitle, 0); err != nil {
		return err
	}
	if err := b.verdict(sheet, 4); err != nil {
		return err
	}
	row, err := b.factBlocks(sheet, 6, "Release", b.releaseFacts(), "Schedule", b.scheduleFacts())
	if err != nil {
		return err
	}
	row, err = b.factBlocks(sheet, row+1, "Deployments", b.outcomeFacts(), "Quality and sign-off", b.qualityFacts())
	if err != nil {
		return err
	}
	if err := b.narrative(sheet, row+1); err != nil {
		return err
	}
	return b.findings(sheet, row+1+b.narrativeRows()+1)
}

// heading is the Summary's title (the release and its title) and the line
// under it (when and by whom the review was held), in the workbook and the PDF alike.
func (b *reviewBook) heading() (title, sub string) {
	r, rv := b.d.Release, b.d.Review
	title = b.name
	if r.Title != "" {
		title += " — " + r.Title
	}
	sub = "Post-release review: none has been recorded for this release yet."
	if rv != nil {
		sub = "Post-release review"
		if !rv.HeldOn.IsZero() {
			sub += " held on " + rv.HeldOn.Time(b.loc).Format("2 January 2006")
		}
		if rv.Facilitator != "" {
			sub += ", facilitated by " + rv.Facilitator
		}
		sub += "."
	}
	return title, sub
}

// banner writes text across the whole width of the Summary: the text runs
// on over the empty cells to its right. No merged cells: Gnumeric trips
// over every merged range when it prints.
func (b *reviewBook) banner(sheet string, row int, text string, style int, height float64) error {
	if err := b.put(sheet, 1, row, cell{value: text, style: style}, kindText); err != nil {
		return err
	}
	if height > 0 {
		return b.f.SetRowHeight(sheet, row, height)
	}
	return nil
}

// verdict writes the review's verdict as a coloured band.
func (b *reviewBook) verdict(sheet string, row int) error {
	text, sw := "No review recorded yet", swatchIdle
	if rv := b.d.Review; rv != nil {
		text = rv.Verdict.Label()
		sw = map[data.Verdict]swatch{data.VerdictSuccessful: swatchGood, data.VerdictWithIssues: swatchCaution, data.VerdictUnsuccessful: swatchBad}[rv.Verdict]
	}
	style, err := b.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Size: 14, Color: sw.font},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{sw.fill}},
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", Indent: 1},
	})
	if err != nil {
		return err
	}
	if err := b.put(sheet, 1, row, cell{value: "Verdict", style: b.st.bigValue}, kindText); err != nil {
		return err
	}
	// The band is B:E filled alike; the verdict runs on over the empty cells.
	if err := b.f.SetCellStyle(sheet, fmt.Sprintf("B%d", row), fmt.Sprintf("E%d", row), style); err != nil {
		return err
	}
	if err := b.put(sheet, 2, row, cell{value: text, style: style}, kindText); err != nil {
		return err
	}
	return b.f.SetRowHeight(sheet, row, 26)
}

// factBlocks writes two labelled blocks side by side from row and returns
// the first row below both.
func (b *reviewBook) factBlocks(sheet string, row int, leftTitle string, left []fact, rightTitle string, right []fact) (int, error) {
	for _, block := range []struct {
		col   int
		title string
		facts []fact
	}{{1, leftTitle, left}, {4, rightTitle, right}} {
		if err := b.sectionRule(sheet, row, block.col, block.col+1); err != nil {
			return 0, err
		}
		if err := b.put(sheet, block.col, row, cell{value: block.title, style: b.st.section}, kindText); err != nil {
			return 0, err
		}
		for i, f := range block.facts {
			if err := b.put(sheet, block.col, row+1+i, cell{value: f.label, style: b.st.label}, kindText); err != nil {
				return 0, err
			}
			style := b.st.value
			var err error
			switch {
			case f.swatch != nil:
				style = b.st.swatch[*f.swatch]
			case f.format != "":
				style, err = b.st.withFormat(b.st.value, f.format)
			}
			if err != nil {
				return 0, err
			}
			if err := b.put(sheet, block.col+1, row+1+i, cell{value: f.value, style: style}, kindText); err != nil {
				return 0, err
			}
		}
	}
	return row + 1 + max(len(left), len(right)), nil
}

func (b *reviewBook) releaseFacts() []fact {
	r := b.d.Release
	statusSwatch := map[data.ReleaseStatus]swatch{
		data.StatusReleased: swatchGood, data.StatusRolledBack: swatchWarn, data.StatusInProgress: swatchActive,
	}[r.Status]
	if statusSwatch == (swatch{}) {
		statusSwatch = swatchIdle
	}
	riskSwatch := map[data.Risk]swatch{data.RiskHigh: swatchBad, data.RiskMedium: swatchCaution, data.RiskLow: swatchGood}[r.Risk]
	return []fact{
		{label: "Product", value: r.Product.Name},
		{label: "Version", value: r.Version},
		{label: "Type", value: r.Type.Label()},
		{label: "Status", value: r.Status.Label(), swatch: &statusSwatch},
		{label: "Risk", value: r.Risk.Label(), swatch: &riskSwatch},
		{label: "Owner", value: orDash(r.Owner)},
		{label: "Change reference", value: orDash(r.ChangeRef)},
	}
}

func (b *reviewBook) scheduleFacts() []fact {
	r := b.d.Release
	facts := []fact{
		dateFact("Code freeze", r.CodeFreeze),
		dateFact("Planned release", r.PlannedRelease),
		dateFact("Actual release", r.ActualRelease),
	}
	if days, ok := b.d.SlipDays(); ok {
		facts = append(facts, fact{label: "Slip", value: days, format: fmtSignedDays})
	} else {
		facts = append(facts, fact{label: "Slip", value: "not released yet"})
	}
	var first, last *data.Deployment
	for i, dep := range b.d.Deployments {
		if dep.ActualStart != nil && (first == nil || dep.ActualStart.Before(*first.ActualStart)) {
			first = &b.d.Deployments[i]
		}
		if dep.ActualEnd != nil && (last == nil || dep.ActualEnd.After(*last.ActualEnd)) {
			last = &b.d.Deployments[i]
		}
	}
	if first != nil {
		facts = append(facts, fact{label: "Deployments began", value: *first.ActualStart, format: fmtDateTime})
	}
	if last != nil {
		facts = append(facts, fact{label: "Deployments ended", value: *last.ActualEnd, format: fmtDateTime})
	}
	if n := len(b.d.Decisions); n > 0 {
		dec := b.d.Decisions[n-1]
		facts = append(facts, fact{label: "Go/no-go", value: dec.Decision.Label() + " on " + dec.DecidedAt.In(b.loc).Format("2 Jan 2006 15:04")})
	}
	return facts
}

func (b *reviewBook) outcomeFacts() []fact {
	t := b.d.Totals()
	facts := []fact{
		{label: "Deployments", value: t.Deployments, format: fmtInt},
		{label: "Succeeded", value: t.Succeeded, format: fmtInt},
		{label: "Failed", value: t.Failed, format: fmtInt},
		{label: "Rolled back", value: t.RolledBack, format: fmtInt},
		{label: "Not finished", value: t.Unfinished, format: fmtInt},
	}
	if rate, ok := t.FailureRate(); ok {
		facts = append(facts, fact{label: "Change failure rate", value: rate, format: fmtPercent})
	}
	return append(facts,
		fact{label: "Downtime", value: downtime(t)},
		fact{label: "Users affected", value: t.UsersAffected, format: fmtInt},
	)
}

func (b *reviewBook) qualityFacts() []fact {
	var passed, failed, skipped int
	for _, tr := range b.d.TestRuns {
		passed, failed, skipped = passed+tr.Passed, failed+tr.Failed, skipped+tr.Skipped
	}
	var done int
	for _, c := range b.d.Checklist {
		if c.Done {
			done++
		}
	}
	tests := "none recorded"
	if len(b.d.TestRuns) > 0 {
		tests = fmt.Sprintf("%s passed, %s failed, %s skipped (%s)", thousands(passed), thousands(failed), thousands(skipped), plural(len(b.d.TestRuns), "run"))
	}
	facts := []fact{{label: "Tests", value: tests}}
	if passed+failed > 0 {
		facts = append(facts, fact{label: "Pass rate", value: float64(passed) / float64(passed+failed), format: fmtPercent})
	}
	facts = append(facts,
		fact{label: "Approvals", value: data.SignOffsOf(b.d.Stakeholders).Count()},
		fact{label: "Checklist", value: fmt.Sprintf("%d of %d done", done, len(b.d.Checklist))},
	)
	if rv := b.d.Review; rv != nil {
		open := 0
		for _, a := range rv.Actions {
			if a.Status == data.ActionOpen {
				open++
			}
		}
		sw := map[data.ObjectivesMet]swatch{data.ObjectivesYes: swatchGood, data.ObjectivesPartly: swatchCaution, data.ObjectivesNo: swatchBad}[rv.ObjectivesMet]
		facts = append(facts,
			fact{label: "Objectives met", value: rv.ObjectivesMet.Label(), swatch: &sw},
			fact{label: "Follow-up actions", value: fmt.Sprintf("%d open of %d", open, len(rv.Actions))})
	}
	return facts
}

// narrative writes what the review said, each text from column B over the
// width of B:E, broken into lines a row each (see banner for why not a
// merged, wrapped cell); it returns nothing but errors.
func (b *reviewBook) narrative(sheet string, row int) error {
	if err := b.sectionRule(sheet, row, 1, 5); err != nil {
		return err
	}
	if err := b.put(sheet, 1, row, cell{value: "What the review found", style: b.st.section}, kindText); err != nil {
		return err
	}
	rv := b.d.Review
	if rv == nil {
		return b.put(sheet, 1, row+1, cell{value: "No post-release review has been recorded for this release yet.", style: b.st.message}, kindText)
	}
	width := summaryWidths[1] + summaryWidths[2] + summaryWidths[3] + summaryWidths[4]
	r := row + 1
	for _, part := range []struct{ label, text string }{
		{"Summary", rv.Summary}, {"What went well", rv.WentWell}, {"What went badly", rv.WentBadly}, {"Lessons learned", rv.Lessons},
	} {
		text := strings.TrimSpace(strings.ReplaceAll(part.text, "\r\n", "\n"))
		if text == "" {
			text = "—"
		}
		if err := b.put(sheet, 1, r, cell{value: part.label, style: b.st.label}, kindText); err != nil {
			return err
		}
		for _, line := range wrapWords(text, width) {
			if err := b.put(sheet, 2, r, cell{value: line, style: b.st.value}, kindText); err != nil {
				return err
			}
			r++
		}
		r++ // a blank line between parts
	}
	return nil
}

// sectionRule underlines a section's title across columns from..to.
func (b *reviewBook) sectionRule(sheet string, row, from, to int) error {
	a, _ := excelize.CoordinatesToCellName(from, row)
	z, _ := excelize.CoordinatesToCellName(to, row)
	return b.f.SetCellStyle(sheet, a, z, b.st.section)
}

func dateFact(label string, d data.Date) fact {
	if d.IsZero() {
		return fact{label: label, value: "not set"}
	}
	return fact{label: label, value: d, format: fmtDate}
}

// downtime says how long the release's rollbacks kept users out.
func downtime(t data.ReviewEnvironment) string {
	if t.Rollbacks == 0 {
		return "none: nothing was rolled back"
	}
	return fmt.Sprintf("%d minutes in %s", t.DowntimeMinutes, plural(t.Rollbacks, "rollback"))
}

// thousands writes n with thousands separators: 6,446.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}
