package reports

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Issue 11 #10: a formula whose result was never saved became an empty
// value, or an invented one (an empty Title became "PRODUCT VERSION"). The
// workbook is openpyxl's, which saves formulas without results.
func TestPlanFormulaWithoutSavedResult(t *testing.T) {
	p, err := ParsePlanFile(filepath.Join("testdata", "plan-openpyxl-formulas.xlsx"), PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := `row 3, Release date: cell D3 holds the formula =TODAY()+30 without a saved result; open the file in a spreadsheet program and save it, or type the value
row 4, Title: cell C4 holds the formula =CONCAT("Led","ger") without a saved result; open the file in a spreadsheet program and save it, or type the value`
	if got := planErrorLines(p.Errors); got != want {
		t.Errorf("errors:\n%s\nwant:\n%s", got, want)
	}
}

// Issue 17 #2: LibreOffice stores a typed 2.10 as the number 2.1, and the
// import took "2.1" for the version. The workbook is LibreOffice's own,
// converted from a CSV.
func TestPlanVersionStoredAsANumber(t *testing.T) {
	p, err := ParsePlanFile(filepath.Join("testdata", "plan-libreoffice-numeric-versions.xlsx"), PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := planErrorLines(p.Errors)
	for _, cell := range []string{"B2", "B4"} {
		if !strings.Contains(got, "cell "+cell+" holds a number, not a version (a spreadsheet turns 2.10 into 2.1); format the column as text") {
			t.Errorf("no error for %s in:\n%s", cell, got)
		}
	}
	if strings.Contains(got, "B3") || strings.Count(got, "\n") != 1 {
		t.Errorf("errors:\n%s\nwant B2 and B4 only (2.9.1 stays text)", got)
	}
}

// A formula with a saved result is read as that result, an empty text
// result included, and numbers outside the Version column are fine.
func TestPlanFormulasWithResults(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetRow("Sheet1", "A1", &[]any{"Product", "Version", "Title", "Release date", "Owner"}))
	must(f.SetSheetRow("Sheet1", "A2", &[]any{"Payments", "2.10", nil, 46510, nil}))
	must(f.SetCellFormula("Sheet1", "C2", `"Check"&"out"`))
	must(f.SetCellFormula("Sheet1", "E2", `""`))
	var buf bytes.Buffer
	must(f.Write(&buf))
	// Saved text results, written as LibreOffice writes them.
	book := rewriteSheet(t, buf.Bytes(), [][2]string{
		{`<c r="C2" t="str"><f>&#34;Check&#34;&amp;&#34;out&#34;</f></c>`, `<c r="C2" t="str"><f>"Check"&amp;"out"</f><v>Checkout</v></c>`},
		{`<c r="E2" t="str"><f>&#34;&#34;</f></c>`, `<c r="E2" t="str"><f>""</f><v></v></c>`},
	})
	path := filepath.Join(t.TempDir(), "plan.xlsx")
	must(os.WriteFile(path, book, 0o644))
	p, err := ParsePlanFile(path, PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Errors) > 0 || len(p.Rows) != 1 || p.Rows[0].Release.Title != "Checkout" || p.Rows[0].Release.Version != "2.10" {
		t.Errorf("rows %+v, errors %v", p.Rows, p.Errors)
	}
}

// rewriteSheet replaces text in the first worksheet of a workbook.
func rewriteSheet(t *testing.T, book []byte, replace [][2]string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "xl/worksheets/sheet1.xml" {
			for _, r := range replace {
				if !bytes.Contains(body, []byte(r[0])) {
					t.Fatalf("the sheet does not hold %s:\n%s", r[0], body)
				}
				body = bytes.Replace(body, []byte(r[0]), []byte(r[1]), 1)
			}
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// FuzzParsePlanXLSX: no workbook, however damaged, makes the reader panic
// or hang, and every problem it finds names a row and a column or the file.
func FuzzParsePlanXLSX(f *testing.F) {
	for _, name := range []string{"plan-openpyxl-formulas.xlsx", "plan-libreoffice-numeric-versions.xlsx"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, book []byte) {
		p, err := ParsePlanXLSX(bytes.NewReader(book), PlanOptions{Locale: "en_US.UTF-8"})
		if err != nil {
			return
		}
		for _, e := range p.Errors {
			if e.Message == "" || (e.Row == 0 && e.Column == "") {
				t.Fatalf("a problem that says nothing or points nowhere: %+v", e)
			}
		}
	})
}
