package reports

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// A plan sheet's first pass reads the worksheet's XML itself, once: the
// cells of each row as they are stored, and, beside them, the cells that
// cannot be trusted (cellFacts). excelize's Rows gave the same values but
// decoded every cell through reflection, and the facts took a second
// decoding of the whole sheet: together three quarters of the CPU a
// workbook costs beyond a CSV file of the same rows. The values are what
// Rows.Columns returns with RawCellValue (xlsxscan_test.go compares the
// two): text as written, shared and inline strings with their _xHHHH_
// escapes undone, numbers and dates as stored.

// sheetScan is the state of one first pass over a sheet.
type sheetScan struct {
	strs []string // the workbook's shared strings
	// versionCol is the Version field's column (1-based), known once the
	// header has been read; its number cells are noted from then on.
	versionCol int
	facts      cellFacts
}

// scanCell is a cell as read: what the facts need (scannedCell) and its
// inline string, if any.
type scanCell struct {
	scannedCell
	inline  bool   // it has an <is> inline string
	isText  []byte // the inline string's own <t>
	runs    []byte // the <t> of its rich-text runs, joined
	runText []byte // the <t> of the run being read
	runHasT bool
}

// rows reads the worksheet part of book named sheet and hands fn each row,
// numbered as a spreadsheet shows it, rows without cells included, as
// excelize's Rows iterator does.
func (sc *sheetScan) rows(book []byte, sheet string, fn func(n int, cells []cellValue) error) error {
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		return err
	}
	if sc.strs, err = sharedStrings(zr); err != nil {
		return fmt.Errorf("shared strings: %w", err)
	}
	part, err := sheetPart(zr, sheet)
	if err != nil {
		return err
	}
	rc, err := part.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	sc.facts = cellFacts{unsaved: map[string]string{}, numbers: map[string]bool{}}
	dec := xml.NewDecoder(bufio.NewReaderSize(io.LimitReader(rc, maxPlanUnzipped), 64<<10))
	var (
		cells  []cellValue
		c      scanCell
		inData bool     // inside <sheetData>
		inRow  bool     // a row is being read
		inCell bool     // inside a <c>
		stack  []string // the elements open inside the cell, joined by "/"
		text   *[]byte  // where the character data being read goes
		n      int      // rows handed so far
		row    int      // the number of the row read, as the XML gives it
		prev   int      // the number of the <row> before
		col    int      // the column of the cell read
	)
	// A row ends where a row numbered after it starts, or the sheet data ends.
	handRow := func() error {
		if !inRow {
			return nil
		}
		inRow = false
		n++
		return fn(n, cells)
	}
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			return handRow()
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			switch {
			case inCell:
				path := name
				if len(stack) > 0 {
					path = stack[len(stack)-1] + "/" + name
				}
				stack = append(stack, path)
				text = c.open(path)
			case name == "sheetData":
				inData = true
			case !inData:
			case name == "row":
				row = prev + 1
				if r, ok := attrOf(t, "r"); ok {
					if row, err = strconv.Atoi(r); err != nil {
						return err
					}
					if row == 0 {
						row = prev + 1
					}
				}
				if row > excelize.TotalRows { // as excelize refuses it
					return excelize.ErrMaxRows
				}
				prev = row
				// A row numbered as the one read or before it (rows out of
				// order) goes on with it, as in excelize's Rows.
				if inRow && row <= n+1 {
					continue
				}
				if err := handRow(); err != nil {
					return err
				}
				// A row missing from the XML is a row without cells.
				for ; n+1 < row; n++ {
					if err := fn(n+1, nil); err != nil {
						return err
					}
				}
				inRow, cells, col = true, cells[:0], 0
			case name == "c" && inRow:
				c = scanCell{scannedCell: scannedCell{ref: attr(t, "r"), typ: attr(t, "t")}}
				inCell, stack, text = true, stack[:0], nil
				col++
				if c.ref != "" {
					if col, _, err = excelize.CellNameToCoordinates(c.ref); err != nil {
						return err
					}
				} else {
					c.ref, _ = excelize.CoordinatesToCellName(col, max(row, 1))
				}
			}
		case xml.CharData:
			if text != nil {
				*text = append(*text, t...)
			}
		case xml.EndElement:
			switch {
			case inCell && len(stack) > 0:
				c.close(stack[len(stack)-1])
				stack = stack[:len(stack)-1]
				text = nil
				if len(stack) > 0 {
					text = c.target(stack[len(stack)-1])
				}
			case inCell: // </c>
				inCell, text = false, nil
				c.note(&sc.facts, col == sc.versionCol)
				if v := c.text(sc.strs); v != "" || c.formula {
					for len(cells) < col-1 {
						cells = append(cells, cellValue{})
					}
					cells = append(cells, cellValue{text: v, raw: v})
				}
			case t.Name.Local == "sheetData":
				return handRow()
			}
		}
	}
}

// open starts the element at path inside the cell and returns where its
// character data goes. An element met again replaces what the one before
// held, as decoding the cell into excelize's structures does.
func (c *scanCell) open(path string) *[]byte {
	switch path {
	case "v":
		c.value, c.valueText = true, c.valueText[:0]
	case "f":
		c.formula, c.formulaText = true, c.formulaText[:0]
	case "is":
		c.inline, c.isText, c.runs = true, c.isText[:0], c.runs[:0]
	case "is/r":
		c.runText, c.runHasT = c.runText[:0], false
	case "is/t":
		c.isText = c.isText[:0]
	case "is/r/t":
		c.runText, c.runHasT = c.runText[:0], true
	}
	return c.target(path)
}

// target is where the character data of the element at path goes: a
// value, a formula, an inline string's text or a run's; nil for any other
// element (a phonetic run's text is not part of the value).
func (c *scanCell) target(path string) *[]byte {
	switch path {
	case "v":
		return &c.valueText
	case "f":
		return &c.formulaText
	case "is/t":
		return &c.isText
	case "is/r/t":
		return &c.runText
	}
	return nil
}

// close ends the element at path: a run adds its text to the string.
func (c *scanCell) close(path string) {
	if path == "is/r" && c.runHasT {
		c.runs = append(c.runs, c.runText...)
	}
}

// text is the cell's value as stored: a shared or inline string's text,
// anything else as written (excelize's value with RawCellValue).
func (c *scanCell) text(strs []string) string {
	switch c.typ {
	case "s":
		if len(c.valueText) == 0 {
			return ""
		}
		// excelize reads an index it cannot parse as 0, and one out of
		// range as no value.
		i, _ := strconv.Atoi(strings.TrimSpace(string(c.valueText)))
		if i < 0 || i >= len(strs) {
			return ""
		}
		return strs[i]
	case "inlineStr":
		if c.inline {
			return unescapeBSTR(string(c.isText) + string(c.runs))
		}
	}
	return string(c.valueText)
}

// sharedStrings reads the workbook's table of shared strings, where
// excelize looks for it; a workbook without one has none.
func sharedStrings(zr *zip.Reader) ([]string, error) {
	var part *zip.File
	for _, f := range zr.File {
		if strings.TrimPrefix(f.Name, "/") == "xl/sharedStrings.xml" {
			part = f
		}
	}
	if part == nil {
		return nil, nil
	}
	type text struct {
		Val string `xml:",chardata"`
	}
	var sst struct {
		SI []struct {
			T *text `xml:"t"`
			R []struct {
				T *text `xml:"t"`
			} `xml:"r"`
		} `xml:"si"`
	}
	if err := decodePart(part, &sst); err != nil && err != io.EOF {
		return nil, err
	}
	strs := make([]string, len(sst.SI))
	var b strings.Builder
	for i, si := range sst.SI {
		b.Reset()
		if si.T != nil {
			b.WriteString(si.T.Val)
		}
		for _, r := range si.R {
			if r.T != nil {
				b.WriteString(r.T.Val)
			}
		}
		strs[i] = unescapeBSTR(b.String())
	}
	return strs, nil
}

// bstrEscape is a character written as _xHHHH_, as a workbook stores those
// XML cannot hold.
var bstrEscape = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)

// unescapeBSTR undoes the _xHHHH_ escapes of a workbook's text as excelize
// does: _x005F_ is an underscore, and an escape of no valid character
// (half of a surrogate pair) is dropped.
func unescapeBSTR(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	cursor := 0
	for _, m := range bstrEscape.FindAllStringIndex(s, -1) {
		b.WriteString(s[cursor:m[0]])
		cursor = m[1]
		if s[m[0]:m[1]] == "_x005F_" {
			b.WriteByte('_')
			continue
		}
		v, _ := strconv.Unquote(`"\u` + s[m[0]+2:m[1]-1] + `"`)
		b.WriteString(v)
	}
	b.WriteString(s[cursor:])
	return b.String()
}

// attrOf is the value of e's attribute name, and whether it has one.
func attrOf(e xml.StartElement, name string) (string, bool) {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}
