package reports

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"releasedesk/data"
)

// cell is one value of a table; style, when set, replaces the column's.
type cell struct {
	value any // string, int, float64, data.Date, time.Time, *time.Time, time.Duration or nil
	style int
}

// column is one column of a table: its header and what it holds.
type column struct {
	header string
	kind   kind
}

// table is a sheet of rows under a bold, frozen, filtered header, with an
// optional totals row; a table without rows says empty instead.
type table struct {
	columns []column
	rows    [][]cell
	totals  []cell
	empty   string
}

// Width limits, in Excel's units (about one digit each).
const (
	// textFactor leaves room for readers whose stand-in for Calibri is
	// wider (Gnumeric, LibreOffice without Carlito).
	textFactor = 1.2
	minWidth   = 6.0
	maxWidth   = 42.0 // a text column longer than this wraps
	wrapWidth  = 50.0 // the width of a column that wraps
)

// sheetWriter puts tables and cells on the sheets of one workbook.
type sheetWriter struct {
	f   *excelize.File
	st  *styles
	loc *time.Location
}

// writeTable lays t out from A1 of sheet and returns the number of rows
// used and the widths given to the columns.
func (w *sheetWriter) writeTable(sheet string, t table) (int, []float64, error) {
	if len(t.rows) == 0 {
		if err := w.f.SetCellStr(sheet, "A1", t.empty); err != nil {
			return 0, nil, err
		}
		if err := w.f.SetCellStyle(sheet, "A1", "A1", w.st.message); err != nil {
			return 0, nil, err
		}
		return 1, nil, w.f.SetColWidth(sheet, "A", "A", textWidth(t.empty)*textFactor+2)
	}
	all := t.rows
	if t.totals != nil {
		all = append(all[:len(all):len(all)], t.totals)
	}
	cols := append([]column(nil), t.columns...)
	widths := fitWidths(cols, all)
	for i, c := range cols {
		if err := w.put(sheet, i+1, 1, cell{value: c.header, style: w.st.header}, kindText); err != nil {
			return 0, nil, err
		}
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := w.f.SetColWidth(sheet, name, name, widths[i]); err != nil {
			return 0, nil, err
		}
	}
	for r, row := range all {
		styles := w.st.body
		if r == len(t.rows) {
			styles = w.st.total
		}
		lines := 1
		for i, c := range row {
			k := cols[i].kind
			if c.style == 0 {
				c.style = styles[k]
			}
			if err := w.put(sheet, i+1, r+2, c, k); err != nil {
				return 0, nil, err
			}
			if s, ok := c.value.(string); ok && k == kindWrap {
				lines = max(lines, wrappedLines(s, widths[i]))
			}
		}
		// Not every reader works out the height of wrapped rows on opening.
		if lines > 1 {
			if err := w.f.SetRowHeight(sheet, r+2, 15*float64(lines)+2); err != nil {
				return 0, nil, err
			}
		}
	}
	lastData := len(t.rows) + 1
	last, _ := excelize.CoordinatesToCellName(len(t.columns), lastData)
	if err := w.f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return 0, nil, err
	}
	if err := w.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return 0, nil, err
	}
	return len(all) + 1, widths, w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: sheet + "!$1:$1", Scope: sheet})
}

// put writes one value at (col, row). Strings always go in as text, so a
// title such as "=1+1" stays the words people typed.
func (w *sheetWriter) put(sheet string, col, row int, c cell, k kind) error {
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	switch v := c.value.(type) {
	case nil:
	case string:
		err = w.f.SetCellStr(sheet, ref, v)
	case int:
		err = w.f.SetCellInt(sheet, ref, int64(v))
	case float64:
		err = w.setNumber(sheet, ref, v)
	case data.Date:
		if !v.IsZero() {
			err = w.setNumber(sheet, ref, dateSerial(v))
		}
	case time.Time:
		if !v.IsZero() {
			err = w.setNumber(sheet, ref, excelSerial(v.In(w.loc)))
		}
	case *time.Time:
		if v != nil {
			err = w.setNumber(sheet, ref, excelSerial(v.In(w.loc)))
		}
	case time.Duration:
		err = w.setNumber(sheet, ref, v.Round(time.Second).Seconds()/86400)
	default:
		return fmt.Errorf("reports: no cell for %T", c.value)
	}
	if err != nil || c.style == 0 {
		return err
	}
	return w.f.SetCellStyle(sheet, ref, ref, c.style)
}

// pageSheet sets up a sheet that reads like a page rather than a table:
// no gridlines, and columns of the given widths from A.
func (w *sheetWriter) pageSheet(sheet string, widths []float64) error {
	if err := w.f.SetSheetView(sheet, 0, &excelize.ViewOptions{ShowGridLines: ptr(false)}); err != nil {
		return err
	}
	for i, width := range widths {
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := w.f.SetColWidth(sheet, name, name, width); err != nil {
			return err
		}
	}
	return nil
}

// setNumber writes v with every digit it has (see exactNumber).
func (w *sheetWriter) setNumber(sheet, ref string, v float64) error {
	return w.f.SetCellFloat(sheet, ref, v, exactDecimals(v), 64)
}

// fitWidths works out each column's width from its header and widest
// value, capped; a text column that would be wider wraps instead (its kind
// becomes kindWrap).
func fitWidths(cols []column, rows [][]cell) []float64 {
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = textWidth(c.header)*textFactor*1.1 + 3 // bold, and room for the filter button
	}
	for _, row := range rows {
		for i, c := range row {
			widths[i] = max(widths[i], valueWidth(c.value, cols[i].kind))
		}
	}
	for i := range cols {
		widths[i] = math.Max(minWidth, widths[i]+2)
		if cols[i].kind == kindText && widths[i] > maxWidth {
			cols[i].kind = kindWrap
		}
		if cols[i].kind == kindWrap {
			widths[i] = math.Min(widths[i], wrapWidth)
		}
	}
	return widths
}

// wrappedLines estimates how many lines s takes in a column of width.
func wrappedLines(s string, width float64) int {
	per := max(int(width/1.1), 1) // wrapped text runs a little narrower than textFactor allows
	n := 0
	for _, para := range strings.Split(s, "\n") {
		n += max(1, (utf8.RuneCountInString(para)+per-1)/per)
	}
	return n
}

// wrapWords breaks s into lines that fit a width of columns, at spaces
// where it can, keeping the line breaks s has.
func wrapWords(s string, width float64) []string {
	per := max(int(width/textFactor), 1)
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line, n := "", 0
		for _, word := range strings.Fields(para) {
			w := utf8.RuneCountInString(word)
			for w > per { // a word longer than a line is cut
				if n > 0 {
					lines, line, n = append(lines, line), "", 0
				}
				cut := string([]rune(word)[:per])
				lines, word, w = append(lines, cut), word[len(cut):], w-per
			}
			switch {
			case n == 0:
				line, n = word, w
			case n+1+w <= per:
				line, n = line+" "+word, n+1+w
			default:
				lines, line, n = append(lines, line), word, w
			}
		}
		lines = append(lines, line)
	}
	return lines
}

// textWidth is the width the longest line of s needs.
func textWidth(s string) float64 {
	longest := 0
	for _, line := range strings.Split(s, "\n") {
		longest = max(longest, utf8.RuneCountInString(line))
	}
	return float64(longest)
}

// valueWidth is the width a value needs as its kind shows it.
func valueWidth(v any, k kind) float64 {
	switch x := v.(type) {
	case nil:
		return 0
	case string:
		return textWidth(x) * textFactor
	case int:
		return float64(len(fmt.Sprint(x))) * 1.35 // thousands separators
	case float64:
		if k == kindPercent {
			return 5
		}
		return float64(len(fmt.Sprintf("%+.1f", x))) + 1
	case time.Duration:
		return float64(len(fmt.Sprintf("%d:00", int(x.Hours())))) + 1
	}
	switch k {
	case kindDate:
		return 13
	case kindDateTime:
		return 20
	}
	return 10
}
