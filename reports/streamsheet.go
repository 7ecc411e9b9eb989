package reports

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// streamColumn is one column of a streamed sheet. Its width is fixed up
// front, since a stream cannot go back to measure what it wrote; a
// kindWrap column wraps its text within that width.
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

// streamSheet is one large sheet of the portfolio: its rows are written
// first, as they come from the database (sheetRows), and the sheet around
// them — header, widths, filter, print setup — once they are all written
// and its size is known (lay).
type streamSheet struct {
	b     *portfolioBook
	name  string
	cols  []streamColumn
	rules []outcomeRule
	rows  *sheetRows
	n     int // data rows written
	tall  bool
}

// stream starts a sheet whose header is row 1 and rows follow from row 2.
func (b *portfolioBook) stream(name string, cols []streamColumn, rules []outcomeRule) (*streamSheet, error) {
	rows, err := newSheetRows(b.scratch, len(cols), 2)
	if err != nil {
		return nil, err
	}
	b.open = append(b.open, rows)
	return &streamSheet{b: b, name: name, cols: cols, rules: rules, rows: rows}, nil
}

// next starts the next row; texts are the row's wrapped texts, in the
// order of the kindWrap columns, to size it.
func (s *streamSheet) next(texts ...string) error {
	if err := s.rows.endRow(); err != nil {
		return err
	}
	s.n++
	if s.n%256 == 0 {
		if err := s.b.ctx.Err(); err != nil {
			return err
		}
	}
	s.b.progress.step()
	lines, i := 1, 0
	for _, c := range s.cols {
		if c.kind == kindWrap && i < len(texts) {
			if texts[i] != "" {
				lines = max(lines, wrappedLines(texts[i], c.width))
			}
			i++
		}
	}
	s.tall = lines > 1
	height := 0.0
	if s.tall {
		height = 15*float64(lines) + 2
	}
	s.rows.startRow(height)
	return nil
}

// unsharedColumns hold a text of their own on each row: sharing them would
// only fill the table (see sharedTable).
var unsharedColumns = map[string]bool{"Change reference": true}

// text writes a text cell; in a tall row it sits at the top like the rest.
// Short texts are shared (see sharedTable); long ones that wrap, and the
// columns in unsharedColumns, seldom repeat and are not.
func (s *streamSheet) text(col int, v string) {
	c := s.cols[col]
	style := 0
	switch {
	case c.kind == kindWrap:
		s.rows.text(col, v, s.b.st.body[kindWrap])
		return
	case s.tall:
		style = s.b.st.body[kindText]
	}
	if unsharedColumns[c.header] {
		s.rows.text(col, v, style)
		return
	}
	s.rows.sharedText(col, v, style, s.b.shared)
}

// lay makes the sheet around the streamed rows: the header, the widths,
// the frozen header and filter, the colour rules and the print setup.
func (s *streamSheet) lay() error {
	if err := s.rows.endRow(); err != nil {
		return err
	}
	f, name := s.b.f, s.name
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	// Headers wrap at spaces, so a column is as wide as its values need
	// and its header's longest word (bold, beside the filter button).
	lines := 1
	for j, c := range s.cols {
		col, _ := excelize.ColumnNumberToName(j + 1)
		longest := 0.0
		for _, word := range strings.Fields(c.header) {
			longest = max(longest, textWidth(word))
		}
		width := max(c.width, longest*textFactor*1.1+2)
		if err := f.SetColWidth(name, col, col, width); err != nil {
			return err
		}
		if err := f.SetCellStr(name, col+"1", c.header); err != nil {
			return err
		}
		lines = max(lines, len(wrapWords(c.header, width-2)))
	}
	last, _ := excelize.ColumnNumberToName(len(s.cols))
	if err := f.SetCellStyle(name, "A1", last+"1", s.b.head); err != nil {
		return err
	}
	if err := f.SetRowHeight(name, 1, 15*float64(lines)+3); err != nil {
		return err
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	lastRow := max(s.rows.lastRow(), 1)
	if err := f.AutoFilter(name, fmt.Sprintf("A1:%s%d", last, lastRow), nil); err != nil {
		return err
	}
	if err := s.b.printSetup(name); err != nil {
		return err
	}
	// One conditional format per column holding all its rules: some readers
	// keep only the last of several formats over the same cells.
	byColumn := map[string][]excelize.ConditionalFormatOptions{}
	var order []string
	for _, r := range s.rules {
		col := columnLetter(s.cols, r.column)
		if _, seen := byColumn[col]; !seen {
			order = append(order, col)
		}
		byColumn[col] = append(byColumn[col], excelize.ConditionalFormatOptions{
			Type: "cell", Criteria: "==", Value: `"` + r.label + `"`, Format: ptr(s.b.rules[r.label]),
		})
	}
	for _, col := range order {
		if err := f.SetConditionalFormat(name, fmt.Sprintf("%s2:%s%d", col, col, max(lastRow, 2)), byColumn[col]); err != nil {
			return err
		}
	}
	return nil
}

// columnLetter is the letter of the column with header h.
func columnLetter(cols []streamColumn, h string) string {
	for i, c := range cols {
		if c.header == h {
			name, _ := excelize.ColumnNumberToName(i + 1)
			return name
		}
	}
	panic("reports: no column " + h) // a mistake in the column tables
}
