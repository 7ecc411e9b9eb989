package reports

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// This file rewrites the parts of a package excelize wrote that some
// readers refuse or misread; finishPackage (sheetpackage.go) decides which.

var (
	sstCount     = regexp.MustCompile(`(<sst\b[^>]*?\s)count="\d*"`)
	sstStart     = regexp.MustCompile(`<sst\b[^>]*?\suniqueCount="(\d*)"[^>]*>`)
	sharedRef    = regexp.MustCompile(`(<c [^>]*t="s"[^>]*><v>)(\d+)</v>`)
	dimensionTag = regexp.MustCompile(`<dimension ref="[^"]*"\s*(/>|></dimension>)`)
	rootTag      = regexp.MustCompile(`<[A-Za-z][\w:]*\s[^>]*>`)
	nsDecl       = regexp.MustCompile(`\sxmlns:(\w+)="[^"]*"`)
	ignorable    = regexp.MustCompile(`\smc:Ignorable="([^"]*)"`)
	cellRef      = regexp.MustCompile(`<c r="([A-Z]+)(\d+)"`)
)

// shiftSharedRefs renumbers a sheet's references to shared strings by n,
// the texts put before the ones excelize wrote.
func shiftSharedRefs(sheet []byte, n int) []byte {
	if n == 0 {
		return sheet
	}
	return sharedRef.ReplaceAllFunc(sheet, func(m []byte) []byte {
		sub := sharedRef.FindSubmatch(m)
		id, _ := strconv.Atoi(string(sub[2]))
		return append(append(append([]byte(nil), sub[1]...), strconv.Itoa(id+n)...), "</v>"...)
	})
}

// prependShared puts texts first in the shared strings part sst.
func prependShared(sst []byte, texts []string) ([]byte, error) {
	if len(texts) == 0 {
		return sst, nil
	}
	m := sstStart.FindSubmatchIndex(sst)
	if m == nil {
		return nil, fmt.Errorf("reports: the shared strings do not say how many they are")
	}
	unique, _ := strconv.Atoi(string(sst[m[2]:m[3]]))
	var out []byte
	out = append(out, sst[:m[2]]...)
	out = strconv.AppendInt(out, int64(unique+len(texts)), 10)
	out = append(out, sst[m[3]:m[1]]...)
	for _, t := range texts {
		out = append(out, "<si>"...)
		out = appendTextElement(out, t)
		out = append(out, "</si>"...)
	}
	return append(out, sst[m[1]:]...), nil
}

// setDimension writes ref as the sheet's declared size.
func setDimension(sheet []byte, ref string) []byte {
	return dimensionTag.ReplaceAll(sheet, []byte(`<dimension ref="`+ref+`"/>`))
}

// usedRange is the range from A1 to the last row and column holding a cell.
func usedRange(sheet []byte) string {
	maxCol, maxRow := 1, 1
	for _, m := range cellRef.FindAllSubmatch(sheet, -1) {
		col, _ := excelize.ColumnNameToNumber(string(m[1]))
		row, _ := strconv.Atoi(string(m[2]))
		maxCol, maxRow = max(maxCol, col), max(maxRow, row)
	}
	last, _ := excelize.CoordinatesToCellName(maxCol, maxRow)
	if last == "A1" {
		return "A1"
	}
	return "A1:" + last
}

// trimNamespaces drops from the part's root element the namespace
// declarations nothing in the part uses, and the ignorable prefixes that
// are no longer declared.
func trimNamespaces(part []byte) []byte {
	start := 0
	if i := bytes.Index(part, []byte("?>")); i >= 0 {
		start = i + 2
	}
	loc := rootTag.FindIndex(part[start:])
	if loc == nil {
		return part
	}
	root := part[start+loc[0] : start+loc[1]]
	body := part[start+loc[1]:]
	attrs := nsDecl.ReplaceAll(ignorable.ReplaceAll(root, nil), nil) // the root's own attributes may use a prefix
	used := func(prefix string) bool {
		p := []byte(prefix + ":")
		return bytes.Contains(body, append([]byte("<"), p...)) || bytes.Contains(body, append([]byte(" "), p...)) ||
			bytes.Contains(attrs, append([]byte(" "), p...))
	}
	var kept []string
	if m := ignorable.FindSubmatch(root); m != nil {
		for _, p := range strings.Fields(string(m[1])) {
			if used(p) {
				kept = append(kept, p)
			}
		}
	}
	newRoot := nsDecl.ReplaceAllFunc(root, func(decl []byte) []byte {
		prefix := string(nsDecl.FindSubmatch(decl)[1])
		if used(prefix) || (prefix == "mc" && len(kept) > 0) {
			return decl
		}
		return nil
	})
	newRoot = ignorable.ReplaceAllFunc(newRoot, func([]byte) []byte {
		if len(kept) == 0 {
			return nil
		}
		return []byte(` mc:Ignorable="` + strings.Join(kept, " ") + `"`)
	})
	out := make([]byte, 0, len(part)-len(root)+len(newRoot))
	out = append(out, part[:start+loc[0]]...)
	out = append(out, newRoot...)
	return append(out, body...)
}

var (
	chartBoolean  = regexp.MustCompile(`="(true|false)"`)
	chart3D       = regexp.MustCompile(`<(view3D|floor|sideWall|backWall)>.*?</(view3D|floor|sideWall|backWall)>`)
	chartLabels   = regexp.MustCompile(`<dLbls>.*?</dLbls>`)
	chartParaEnd  = regexp.MustCompile(`<a:endParaRPr[^>]*?(/>|></a:endParaRPr>)`)
	chartWrapAttr = regexp.MustCompile(` wrap="square"`)
)

// cleanChart rewrites a chart part in the form every reader takes: flags
// as 0 and 1, no 3-D view on a flat chart, no data labels that show
// nothing, no empty end-of-paragraph runs and no wrap mode on axis labels
// (square is what readers assume anyway).
func cleanChart(b []byte) []byte {
	b = chartBoolean.ReplaceAllFunc(b, func(m []byte) []byte {
		if bytes.Contains(m, []byte("true")) {
			return []byte(`="1"`)
		}
		return []byte(`="0"`)
	})
	if !bytes.Contains(b, []byte("3DChart>")) {
		b = chart3D.ReplaceAll(b, nil)
	}
	b = chartLabels.ReplaceAllFunc(b, func(m []byte) []byte {
		if bytes.Contains(m, []byte(`val="1"`)) {
			return m
		}
		return nil
	})
	b = chartParaEnd.ReplaceAll(b, nil)
	return chartWrapAttr.ReplaceAll(b, nil)
}

// coreXML is the core properties part, written as Office writes it.
func coreXML(p bookProps) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"` +
		` xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	element := func(tag, value string) {
		if value == "" {
			return
		}
		b.WriteString("<" + tag + ">")
		_ = xml.EscapeText(&b, []byte(value))
		b.WriteString("</" + tag + ">")
	}
	element("dc:title", p.Title)
	element("dc:subject", p.Subject)
	element("dc:creator", p.Creator)
	element("cp:keywords", p.Keywords)
	element("dc:description", p.Description)
	element("cp:lastModifiedBy", p.Creator)
	stamp := p.Created.UTC().Format(time.RFC3339)
	b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:created>`)
	b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:modified>`)
	element("cp:category", p.Category)
	b.WriteString(`</cp:coreProperties>`)
	return b.Bytes()
}
