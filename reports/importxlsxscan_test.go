package reports

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// The first pass over a workbook reads the sheet's XML itself; these tests
// hold it to what excelize's Rows iterator gives with RawCellValue, which
// the import read before, on workbooks of several writers and on XML
// written by hand for the corners.

// excelizeRows is every row of sheet as excelize's Rows iterator reads it raw.
func excelizeRows(t *testing.T, book []byte, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	it, err := f.Rows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	var rows [][]string
	for it.Next() {
		cells, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("excelize: %v", err)
		}
		rows = append(rows, cells)
	}
	if err := it.Error(); err != nil {
		t.Fatalf("excelize: %v", err)
	}
	return rows
}

// scannedRows is every row of sheet as the first pass reads it.
func scannedRows(t *testing.T, book []byte, sheet string) ([][]string, sheetScan) {
	t.Helper()
	var sc sheetScan
	var rows [][]string
	err := sc.rows(book, sheet, func(n int, cells []cellValue) error {
		if n != len(rows)+1 {
			t.Errorf("row %d handed after %d rows", n, len(rows))
		}
		var texts []string
		for _, c := range cells {
			if c.text != c.raw {
				t.Errorf("row %d: text %q and raw %q differ", n, c.text, c.raw)
			}
			texts = append(texts, c.text)
		}
		rows = append(rows, texts)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows, sc
}

func sameRows(t *testing.T, name string, book []byte, sheet string) sheetScan {
	t.Helper()
	want := excelizeRows(t, book, sheet)
	got, sc := scannedRows(t, book, sheet)
	if len(got) != len(want) {
		t.Errorf("%s: %d rows read, excelize reads %d", name, len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("%s row %d: %q, excelize reads %q", name, i+1, got[i], want[i])
		}
	}
	return sc
}

func TestSheetScanReadsAsExcelize(t *testing.T) {
	for _, name := range []string{"plan-libreoffice-numeric-versions.xlsx", "plan-openpyxl-formulas.xlsx"} {
		book, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(book))
		if err != nil {
			t.Fatal(err)
		}
		sheets := f.GetSheetList()
		f.Close()
		for _, sheet := range sheets {
			sameRows(t, name+" "+sheet, book, sheet)
		}
	}

	// A workbook excelize writes: shared strings, rich text, numbers, dates,
	// booleans, formulas, characters XML cannot hold, gaps between cells
	// and rows.
	f := excelize.NewFile()
	set := func(cell string, v any) {
		if err := f.SetCellValue("Sheet1", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "Product")
	set("B1", "Version")
	set("D1", "Release date")
	set("A2", "Payments")
	set("B2", 2.1)
	set("D2", time.Date(2026, 4, 15, 0, 0, 0, 0, time.UTC))
	set("A3", "  spaced  ")
	set("C3", true)
	set("A5", "tab\there, bell\a, _x0041_ literal")
	set("F5", 42)
	if err := f.SetCellFormula("Sheet1", "B3", "A2&\"x\""); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellRichText("Sheet1", "B5", []excelize.RichTextRun{{Text: "Rich "}, {Text: "text", Font: &excelize.Font{Bold: true}}}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f.Close()
	sameRows(t, "excelize workbook", buf.Bytes(), "Sheet1")

	// A workbook excelize streams, as large ones are written: inline
	// strings and styled date cells.
	f = excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for r, cells := range [][]any{
		{"Product", "Version", "Release date"},
		{"Payments", "2.10", excelize.Cell{StyleID: dateStyle, Value: time.Date(2026, 4, 15, 0, 0, 0, 0, time.UTC)}},
		{nil, 3.5, excelize.Cell{Formula: "B2*2"}},
	} {
		if err := sw.SetRow(fmt.Sprintf("A%d", r+1), cells); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f.Close()
	sameRows(t, "excelize stream", buf.Bytes(), "Sheet1")

	// XML by hand: rows and cells without references, a row out of order,
	// inline strings with runs and a phonetic run, escapes, errors, an
	// empty formula, a shared string index out of range, cells after the
	// sheet data.
	sheet := `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>` +
		`<row><c t="inlineStr"><is><t>in</t><r><t>line</t></r><rPh><t>ignored</t></rPh><r><rPr/><t xml:space="preserve"> runs </t></r></is></c><c/><c t="e"><v>#N/A</v></c></row>` +
		`<row r="5"><c r="B5" t="b"><v>1</v></c><c r="D5" t="str"><f>A1</f><v>Product</v></c><c r="E5"><f>1+</f></c><c r="F5" t="s"><v>7</v></c><c r="G5" t="s"><v>x</v></c></row>` +
		`<row r="4"><c r="A4" t="inlineStr"><is><t>_x005F_x0041_ and _x0041_ and _xD800_.</t></is></c></row>` +
		`<row r="7"></row>` +
		`<row r="8"><c r="A8" t="inlineStr"/><c r="B8" s="3"><v>46127</v></c><c r="C8" t="n"><v> 2.10 </v></c></row>`
	strs := `<si><t>Product</t></si><si><r><t>Ver</t></r><r><rPr><b/></rPr><t>sion</t></r></si>`
	book := handWorkbook(t, sheet, strs)
	sc := sameRows(t, "hand-written XML", book, "Plan")
	if got := sc.facts.unsaved["E5"]; got != "the formula =1+" {
		t.Errorf("the formula without a saved result in E5 is noted as %q", got)
	}
}

// TestSheetScanNotesVersionNumbers notes number cells in the Version column
// from the row after the header only, as the header is found then.
func TestSheetScanNotesVersionNumbers(t *testing.T) {
	sheet := `<row r="1"><c r="A1" t="inlineStr"><is><t>Product</t></is></c><c r="B1"><v>3</v></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c><c r="B2"><v>2.1</v></c><c r="C2"><v>7</v></c></row>` +
		`<row r="3"><c r="B3" t="inlineStr"><is><t>2.10</t></is></c></row>`
	book := handWorkbook(t, sheet, "")
	sc := sheetScan{}
	err := sc.rows(book, "Plan", func(n int, _ []cellValue) error {
		if n == 1 {
			sc.versionCol = 2 // as found does when the header is row 1
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var numbers []string
	for ref := range sc.facts.numbers {
		numbers = append(numbers, ref)
	}
	if !slices.Equal(numbers, []string{"B2"}) {
		t.Errorf("the version numbers noted are %q, want B2 alone", numbers)
	}
}

// TestSheetScanRefusesWhatExcelizeRefuses: a row past the last a sheet can
// have, and a cell reference that is not one.
func TestSheetScanRefusesWhatExcelizeRefuses(t *testing.T) {
	for _, sheet := range []string{
		`<row r="1048577"><c r="A1048577"><v>1</v></c></row>`,
		`<row r="1"><c r="1A"><v>1</v></c></row>`,
	} {
		var sc sheetScan
		if err := sc.rows(handWorkbook(t, sheet, ""), "Plan", func(int, []cellValue) error { return nil }); err == nil {
			t.Errorf("%s: read without an error", sheet)
		}
	}
}

// handWorkbook is a workbook of one sheet, Plan, whose sheet data and
// shared strings are the XML given.
func handWorkbook(t *testing.T, sheetData, sharedStrings string) []byte {
	t.Helper()
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	parts := []struct{ name, text string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
			`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + rel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook ` + ns + ` xmlns:r="` + rel + `"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + rel + `/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="` + rel + `/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet ` + ns + `><sheetData>` + sheetData +
			`</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`},
		{"xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8"?><sst ` + ns + ` count="2">` + sharedStrings + `</sst>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := strings.NewReader(p.text).WriteTo(w); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestUnescapeBSTR(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                 "plain",
		"_x0041_B":              "AB",
		"_x005F_x0041_":         "_x0041_",
		"a_xD800_b":             "ab",
		"_x00e9_t_x00C9_":       "étÉ",
		"no _x12 escape":        "no _x12 escape",
		"two_x000A__x0009_tabs": "two\n\ttabs",
	} {
		if got := unescapeBSTR(in); got != want {
			t.Errorf("unescapeBSTR(%q) = %q, want %q", in, got, want)
		}
	}
}
