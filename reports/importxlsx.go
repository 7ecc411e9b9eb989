package reports

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"releasedesk/data"
)

// maxPlanUnzipped bounds the XML of one part of a plan workbook that the
// cell scan reads.
const maxPlanUnzipped = 1 << 30

// importScratch is the folder, in the system's temporary folder, that holds
// excelize's temporary files of one import: recognisable by the next import,
// which removes it when the process that made it no longer runs.
func importScratch() (string, error) {
	tmp := os.TempDir()
	RemoveStaleTemporaries(tmp, "")
	return os.MkdirTemp(tmp, ".plan-import"+scratchMarker+strconv.Itoa(os.Getpid())+"-*.tmp")
}

// ParsePlanXLSX reads a plan from a workbook: the sheet named "Plan" or
// "Releases" when there is one (a portfolio workbook imports as it is),
// otherwise the first. Dates may be date cells or typed text. A formula
// whose result was never saved, or a version stored as a number (a
// spreadsheet turns 2.10 into 2.1), is an error naming its cell.
func ParsePlanXLSX(r io.Reader, opts PlanOptions) (Plan, error) {
	return readPlan(r, ".xlsx", opts)
}

// xlsxSource is the plan sheet of a workbook: excelize finds the sheet and
// the workbook's date system, the first pass reads the sheet's XML itself
// (sheetScan, streaming it instead of loading it whole) and later passes
// read the spill of its rows.
type xlsxSource struct {
	book     []byte
	f        *excelize.File
	sheet    string
	scratch  string // excelize's temporary files, and the spill of the rows
	date1904 bool
	spill    rowSpill
	scan     sheetScan
}

func newXLSXSource(book []byte) (*xlsxSource, error) {
	scratch, err := importScratch()
	if err != nil {
		return nil, fmt.Errorf("the workbook cannot be read: %w", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(book), excelize.Options{TmpDir: scratch})
	if err != nil {
		os.RemoveAll(scratch)
		return nil, fmt.Errorf("the workbook cannot be read: %w", err)
	}
	s := &xlsxSource{book: book, f: f, scratch: scratch, spill: rowSpill{path: filepath.Join(scratch, "rows")}}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		s.close()
		return nil, errors.New("the workbook has no sheets")
	}
	s.sheet = sheets[0]
	for _, name := range sheets {
		if n := normalHeader(name); n == "plan" || n == "releases" {
			s.sheet = name
			break
		}
	}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		s.date1904 = *props.Date1904
	}
	return s, nil
}

func (s *xlsxSource) place() string { return "sheet " + s.sheet }

func (s *xlsxSource) close() {
	s.f.Close()
	os.RemoveAll(s.scratch)
}

// found tells the first pass, still reading, which column holds the
// versions, whose number cells it notes from the next row on.
func (s *xlsxSource) found(p *planReader) error {
	s.scan.versionCol = p.versionColumn()
	return nil
}

// settle hands p what the first pass learnt of the cells that cannot be trusted.
func (s *xlsxSource) settle(p *planReader) error {
	p.facts = s.scan.facts
	return nil
}

// rows walks the sheet's cells as stored: text as written, and numbers
// as numbers, a date cell's day count among them (see cellValue). What a
// spreadsheet shows of a number is not asked for: excelize formats each
// date cell through its whole table of languages, a thousand times the
// cost of reading it, and a plan reads the day count anyway. The first
// whole pass is copied to the spill, which later passes read instead.
func (s *xlsxSource) rows(fn func(n int, cells []cellValue) error) (err error) {
	if s.spill.ready {
		return s.spill.rows(fn)
	}
	spill, err := s.spill.create()
	if err != nil {
		return fmt.Errorf("the rows cannot be copied: %w", err)
	}
	defer func() {
		if ferr := spill.finish(&s.spill, err == nil); err == nil && ferr != nil {
			err = fmt.Errorf("the rows cannot be copied: %w", ferr)
		}
	}()
	var copyFailed, fnFailed bool // fn's own error is handed back as it is
	err = s.scan.rows(s.book, s.sheet, func(n int, cells []cellValue) error {
		if err := spill.add(n, cells); err != nil {
			copyFailed = true
			return err
		}
		err := fn(n, cells)
		fnFailed = err != nil
		return err
	})
	switch {
	case err == nil || fnFailed:
	case copyFailed:
		err = fmt.Errorf("the rows cannot be copied: %w", err)
	default:
		err = fmt.Errorf("sheet %s cannot be read: %w", s.sheet, err)
	}
	return err
}

// cellFacts is what a sheet's XML tells of its cells beside their values,
// by cell reference: formulas without a saved result, and the Version
// column's cells stored as numbers.
type cellFacts struct {
	unsaved map[string]string // reference -> the formula
	numbers map[string]bool
}

// versionColumn is the 1-based column of the Version field.
func (p *planReader) versionColumn() int {
	for i, f := range p.fields {
		if f != nil && f.field == "Version" {
			return i + 1
		}
	}
	return 0
}

// checkCells blames the cells of a row whose value cannot be trusted: a
// formula whose result no program ever saved, and a version kept as a number.
func (p *planReader) checkCells(row *data.PlanRow) {
	facts, n := p.facts, row.Row
	if len(facts.unsaved) == 0 && len(facts.numbers) == 0 {
		return
	}
	for col, f := range p.fields {
		if f == nil {
			continue
		}
		ref, err := excelize.CoordinatesToCellName(col+1, n)
		if err != nil {
			continue
		}
		bad := func(format string, args ...any) {
			row.Errors = append(row.Errors, data.PlanError{Row: n, Column: p.columns[f.field], Message: fmt.Sprintf(format, args...)})
		}
		if formula, ok := facts.unsaved[ref]; ok {
			bad("cell %s holds %s without a saved result; open the file in a spreadsheet program and save it, or type the value", ref, formula)
			continue
		}
		if f.field == "Version" && facts.numbers[ref] {
			bad("cell %s holds a number, not a version (a spreadsheet turns 2.10 into 2.1); format the column as text and type the versions again", ref)
		}
	}
}

// scannedCell is what the scan keeps of one cell.
type scannedCell struct {
	ref, typ               string
	formula, value         bool
	formulaText, valueText []byte
}

// note records what is wrong with the cell, if anything.
func (c scannedCell) note(facts *cellFacts, versionColumn bool) {
	value := strings.TrimSpace(string(c.valueText))
	number := c.typ == "" || c.typ == "n"
	switch {
	// An empty text result is a result; an empty number is none.
	case c.formula && (!c.value || value == "" && number):
		facts.unsaved[c.ref] = "a formula"
		if f := strings.TrimSpace(string(c.formulaText)); f != "" {
			facts.unsaved[c.ref] = "the formula =" + f
		}
	case versionColumn && number && value != "":
		facts.numbers[c.ref] = true
	}
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// sheetPart finds the file of the worksheet named sheet: the workbook lists
// sheets by relationship id, and its relationships name the files.
func sheetPart(zr *zip.Reader, sheet string) (*zip.File, error) {
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(files["xl/workbook.xml"], &wb); err != nil {
		return nil, fmt.Errorf("workbook list: %w", err)
	}
	if err := decodePart(files["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		return nil, fmt.Errorf("workbook relationships: %w", err)
	}
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range rels.Rel {
			if r.ID != s.ID {
				continue
			}
			name := path.Clean(path.Join("xl", r.Target))
			if strings.HasPrefix(r.Target, "/") {
				name = strings.TrimPrefix(r.Target, "/")
			}
			if f := files[name]; f != nil {
				return f, nil
			}
		}
	}
	return nil, fmt.Errorf("no worksheet file for sheet %s", sheet)
}

func decodePart(f *zip.File, v any) error {
	if f == nil {
		return errors.New("missing")
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(io.LimitReader(rc, maxPlanUnzipped)).Decode(v)
}
