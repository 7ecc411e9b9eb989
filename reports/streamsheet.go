package reports

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// streamColumn is one column of a streamed sheet. Its width is fixed up
// front, since a stream cannot go back to measure what it wrote.
type streamColumn struct {
	header string
	width  float64
	kind   kind
}

// outcomeRule colours the cells of a column whose text is label.
type outcomeRule struct {
	column string // header of the column the rule watches
	label  string
	sw     swatch
}

// The portfolio colours outcomes and statuses with conditional formats:
// one rule per colour for the whole column, instead of a style per cell.
var (
	outcomeRules = []outcomeRule{
		{"Outcome", "Succeeded", swatchGood}, {"Outcome", "Failed", swatchBad}, {"Outcome", "Rolled back", swatchWarn},
		{"Outcome", "In progress", swatchActive}, {"Outcome", "Planned", swatchIdle},
	}
	statusRules = []outcomeRule{
		{"Status", "Released", swatchGood}, {"Status", "Rolled back", swatchWarn}, {"Status", "In progress", swatchActive},
		{"Status", "Planned", swatchIdle}, {"Status", "Draft", swatchIdle}, {"Status", "Cancelled", swatchIdle},
	}
)

// streamSheet is one sheet being streamed: rows go straight to excelize's
// StreamWriter, which writes them out and cannot take them back.
type streamSheet struct {
	b    *portfolioBook
	name string
	sw   *excelize.StreamWriter
	cols []streamColumn
	n    int   // rows written, the header included
	row  []any // reused for every row, so writing allocates little
}

// begin creates sheet number i and sets up everything that must be in place
// before the first row: excelize writes the sheet properties when the
// stream opens and the panes and column widths with the first row, and
// drops any set later. Print setup and conditional formats are set here too,
// so nothing depends on excelize's order of writing.
func (b *portfolioBook) begin(i int, name string, cols []streamColumn, rules []outcomeRule) (*streamSheet, error) {
	var err error
	if i == 0 {
		err = b.f.SetSheetName("Sheet1", name)
	} else {
		_, err = b.f.NewSheet(name)
	}
	if err != nil {
		return nil, err
	}
	if err := b.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return nil, err
	}
	err = b.f.SetPageLayout(name, &excelize.PageLayoutOptions{Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0)})
	if err != nil {
		return nil, err
	}
	err = b.f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{
		OddHeader: "&L&BRelease portfolio&B&R&A", OddFooter: "&LRelease Desk&CPage &P of &N&R&D",
	})
	if err != nil {
		return nil, err
	}
	if err := b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: name + "!$1:$1", Scope: name}); err != nil {
		return nil, err
	}
	// One conditional format per column holding all its rules: some readers
	// keep only the last of several formats over the same cells.
	byColumn := map[string][]excelize.ConditionalFormatOptions{}
	var order []string
	for _, r := range rules {
		col := columnLetter(cols, r.column)
		if _, seen := byColumn[col]; !seen {
			order = append(order, col)
		}
		byColumn[col] = append(byColumn[col], excelize.ConditionalFormatOptions{
			Type: "cell", Criteria: "==", Value: `"` + r.label + `"`, Format: ptr(b.rules[r.label]),
		})
	}
	for _, col := range order {
		if err := b.f.SetConditionalFormat(name, fmt.Sprintf("%s2:%s%d", col, col, excelize.TotalRows), byColumn[col]); err != nil {
			return nil, err
		}
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	header := make([]any, len(cols))
	for j, c := range cols {
		if err := sw.SetColWidth(j+1, j+1, max(c.width, textWidth(c.header)*textFactor*1.1+3)); err != nil {
			return nil, err
		}
		header[j] = excelize.Cell{StyleID: b.header, Value: c.header}
	}
	s := &streamSheet{b: b, name: name, sw: sw, cols: cols, row: make([]any, 0, len(cols))}
	return s, s.add(header)
}

// add writes the next row; strings go in as text, never as formulas.
func (s *streamSheet) add(row []any) error {
	s.n++
	if s.n%256 == 0 {
		if err := s.b.ctx.Err(); err != nil {
			return err
		}
	}
	ref, err := excelize.CoordinatesToCellName(1, s.n)
	if err != nil {
		return err
	}
	if err := s.sw.SetRow(ref, row); err != nil {
		return err
	}
	if s.n > 1 {
		s.b.progress.step()
	}
	return nil
}

// end puts the filter over the rows written and closes the stream. The
// filter's range is only known now; excelize writes it when the stream is
// flushed, so setting it here, after the rows, is safe.
func (s *streamSheet) end() error {
	last, err := excelize.CoordinatesToCellName(len(s.cols), s.n)
	if err != nil {
		return err
	}
	if err := s.b.f.AutoFilter(s.name, "A1:"+last, nil); err != nil {
		return err
	}
	return s.sw.Flush()
}

// columnLetter is the letter of the column with header h.
func columnLetter(cols []streamColumn, h string) string {
	for i, c := range cols {
		if c.header == h {
			name, _ := excelize.ColumnNumberToName(i + 1)
			return name
		}
	}
	panic("reports: no column " + h) // a mistake in the column tables above
}
