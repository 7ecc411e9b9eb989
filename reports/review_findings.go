package reports

import (
	"fmt"

	"releasedesk/data"
)

// narrativeRows is how many rows narrative writes: its heading, then the
// review's four texts or the line saying there is no review.
func (b *reviewBook) narrativeRows() int {
	if b.d.Review == nil {
		return 2
	}
	return 5
}

// findings writes, from row on, the rule book's findings about the
// release: the lines "releasedesk check --all" prints about it, each with
// its kind in words, so the meeting sees what the window and check see.
func (b *reviewBook) findings(sheet string, row int) error {
	if err := b.sectionRule(sheet, row, 1, 5); err != nil {
		return err
	}
	if err := b.put(sheet, 1, row, cell{value: "What the rules found", style: b.st.section}, kindText); err != nil {
		return err
	}
	if len(b.d.Findings) == 0 {
		return b.put(sheet, 1, row+1, cell{value: "Nothing found for " + b.name + ": no conflict, no broken data, no go taken against the readiness rules.", style: b.st.message}, kindText)
	}
	width := summaryWidths[1] + summaryWidths[2] + summaryWidths[3] + summaryWidths[4]
	for i, f := range b.d.Findings {
		r := row + 1 + i
		if err := b.put(sheet, 1, r, cell{value: data.KindLabel(f.Kind), style: b.st.label}, kindText); err != nil {
			return err
		}
		if err := b.f.MergeCell(sheet, fmt.Sprintf("B%d", r), fmt.Sprintf("E%d", r)); err != nil {
			return err
		}
		if err := b.put(sheet, 2, r, cell{value: f.Message, style: b.st.valueWrap}, kindText); err != nil {
			return err
		}
		if err := b.f.SetRowHeight(sheet, r, 15*float64(wrappedLines(f.Message, width))+6); err != nil {
			return err
		}
	}
	return nil
}
