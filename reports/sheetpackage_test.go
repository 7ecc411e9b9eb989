package reports

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"releasedesk/data"
)

// packageCases writes the workbooks whose packages are checked: the
// review of a full and of a blank release, and a portfolio.
func packageCases(t *testing.T) map[string]string {
	t.Helper()
	dir := t.TempDir()
	out := map[string]string{}
	blank := data.ReviewData{Release: data.Release{ID: 1, Version: "1.0.0", Title: "First", Product: data.Product{Name: "Ledger"},
		Type: data.TypeMinor, Status: data.StatusPlanned, Risk: data.RiskLow}, LoadedAt: reportNow}
	for name, d := range map[string]data.ReviewData{"review": reviewFixture(), "blank review": blank} {
		var buf bytes.Buffer
		if err := WriteReview(context.Background(), &buf, d, reportOptions()); err != nil {
			t.Fatal(err)
		}
		out[name] = filepath.Join(dir, name+".xlsx")
		if err := os.WriteFile(out[name], buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	out["portfolio"] = filepath.Join(dir, "portfolio.xlsx")
	if err := ExportPortfolio(context.Background(), memPortfolioOf(600), out["portfolio"], reportOptions()); err != nil {
		t.Fatal(err)
	}
	return out
}

// Issue: exceljs could not open any workbook, readers that trust
// <dimension> saw one row, shared-string counts did not match and
// Gnumeric warned about the charts and merged cells. Checked here on the
// package itself; readers_test.go opens the same files in those readers.
func TestWorkbookPackagesHoldWhatReadersExpect(t *testing.T) {
	for name, path := range packageCases(t) {
		t.Run(name, func(t *testing.T) {
			parts := zipParts(t, path, "")
			for part, text := range parts {
				if strings.HasSuffix(part, ".xml") || strings.HasSuffix(part, ".rels") {
					if err := wellFormed(text); err != nil {
						t.Errorf("%s is not well-formed XML: %v", part, err)
					}
				}
			}
			core := parts["docProps/core.xml"]
			for _, tag := range []string{"<cp:coreProperties ", "<dc:title>", "<dc:creator>", "<cp:lastModifiedBy>", "<dcterms:created "} {
				if !strings.Contains(core, tag) {
					t.Errorf("core properties lack %s: %s", tag, core)
				}
			}
			f := openBook(t, path)
			uses := 0
			for _, sheet := range f.GetSheetList() {
				text := parts[sheetPartOf(t, path, sheet)]
				uses += strings.Count(text, ` t="s"`)
				rows, err := f.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				cols := 0
				for _, r := range rows {
					cols = max(cols, len(r))
				}
				got := dimensionOf(text)
				lastCol, lastRow, err := excelize.CellNameToCoordinates(got[strings.LastIndexByte(got, ':')+1:])
				if err != nil || lastRow != lastRowOf(text) || lastRow < len(rows) || lastCol < cols {
					t.Errorf("%s declares its size as %s; it has rows to %d and values in %d rows and %d columns",
						sheet, got, lastRowOf(text), len(rows), cols)
				}
				last := 0
				for _, m := range colMin.FindAllStringSubmatch(text, -1) {
					if n, _ := strconv.Atoi(m[1]); n <= last {
						t.Errorf("%s lists its column widths out of order", sheet)
					} else {
						last = n
					}
				}
				if strings.Contains(text, "<mergeCell") {
					t.Errorf("%s merges cells (Gnumeric trips over each merged range when it prints)", sheet)
				}
				if strings.Contains(text, "xmlns:x14=") && !strings.Contains(text, "<x14:") {
					t.Errorf("%s declares namespaces it does not use", sheet)
				}
			}
			if sst := parts["xl/sharedStrings.xml"]; sst != "" {
				if m := sstCountAttr.FindStringSubmatch(sst); m == nil || m[1] != strconv.Itoa(uses) {
					t.Errorf("shared strings count %v uses; the sheets make %d", m, uses)
				}
				if m := sstUniqueAttr.FindStringSubmatch(sst); m == nil || m[1] != strconv.Itoa(strings.Count(sst, "<si>")) {
					t.Errorf("shared strings say they are %v; they are %d", m, strings.Count(sst, "<si>"))
				}
			}
			for part, text := range parts {
				if !strings.HasPrefix(part, "xl/charts/") {
					continue
				}
				for _, bad := range []string{`="false"`, `="true"`, "<view3D>", "showLegendKey", "endParaRPr", ` wrap="`} {
					if strings.Contains(text, bad) {
						t.Errorf("%s holds %s, which Gnumeric complains about", part, bad)
					}
				}
				if !strings.Contains(text, `<a:srgbClr val="`+colourChartText+`">`) {
					t.Errorf("%s does not letter its axes in %s", part, colourChartText)
				}
			}
		})
	}
}

var (
	colMin        = regexp.MustCompile(`<col [^>]*min="(\d+)"`)
	sstCountAttr  = regexp.MustCompile(`<sst[^>]* count="(\d+)"`)
	sstUniqueAttr = regexp.MustCompile(`<sst[^>]* uniqueCount="(\d+)"`)
	dimensionRef  = regexp.MustCompile(`<dimension ref="([^"]*)"`)
	rowNumber     = regexp.MustCompile(`<row r="(\d+)"`)
)

// dimensionOf is the size a sheet part declares.
func dimensionOf(sheet string) string {
	if m := dimensionRef.FindStringSubmatch(sheet); m != nil {
		return m[1]
	}
	return ""
}

// lastRowOf is the number of the last <row> of a sheet part.
func lastRowOf(sheet string) int {
	last := 1
	for _, m := range rowNumber.FindAllStringSubmatch(sheet, -1) {
		n, _ := strconv.Atoi(m[1])
		last = max(last, n)
	}
	return last
}

// wellFormed reads every token of an XML document.
func wellFormed(text string) error {
	d := xml.NewDecoder(strings.NewReader(text))
	for {
		if _, err := d.Token(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}
