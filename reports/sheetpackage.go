package reports

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"fmt"
	"hash/crc32"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// bookProps are the document properties readers show in File > Properties.
type bookProps struct {
	Title, Subject, Creator, Keywords, Description, Category string
	Created                                                  time.Time
}

// writeBook writes f to w as a package every reader opens (see
// finishPackage), with rows streamed for the sheets named in rows and the
// texts they share in shared (nil for none).
func writeBook(w io.Writer, f *excelize.File, props bookProps, rows map[string]*sheetRows, shared *sharedTable) error {
	var pkg bytes.Buffer
	if err := f.Write(&pkg); err != nil {
		return err
	}
	return finishPackage(w, pkg.Bytes(), props, rows, shared)
}

// finishPackage copies the workbook package excelize wrote (pkg) to w and
// puts right what some readers refuse or misread in it:
//   - the core properties get the cp: and dc: prefixes every other writer
//     uses (exceljs reads no file without them);
//   - each sheet declares its real size in <dimension>, which readers in a
//     hurry (openpyxl's read-only mode) trust instead of reading the rows;
//   - the shared strings count every use, not only the distinct strings;
//   - parts declare only the namespaces they use (Gnumeric warns about a
//     namespace declared under two prefixes), and charts carry no 3-D
//     view, empty data labels or true/false flags Gnumeric cannot read;
//   - the sheets in rows get their streamed rows inside <sheetData>, and
//     the texts those rows share come first in the shared strings.
func finishPackage(w io.Writer, pkg []byte, props bookProps, rows map[string]*sheetRows, shared *sharedTable) error {
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		return err
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[f.Name] = f
	}
	streamed, err := streamedParts(parts, rows)
	if err != nil {
		return err
	}
	if shared == nil {
		shared = newSharedTable()
	}
	if len(shared.texts) > 0 && parts["xl/sharedStrings.xml"] == nil {
		return fmt.Errorf("reports: the workbook has no shared strings to add %d texts to", len(shared.texts))
	}
	sheets := map[string][]byte{}
	uses := shared.uses // cells that refer to a shared string
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/worksheets/sheet") && strings.HasSuffix(f.Name, ".xml") {
			b, err := readPart(f)
			if err != nil {
				return err
			}
			sheets[f.Name] = shiftSharedRefs(b, len(shared.texts))
			uses += bytes.Count(b, []byte(` t="s"`))
		}
	}
	zw := zip.NewWriter(w)
	for _, f := range zr.File {
		var out []byte
		switch name := f.Name; {
		case name == "docProps/core.xml":
			out = coreXML(props)
		case name == "xl/sharedStrings.xml":
			b, err := readPart(f)
			if err != nil {
				return err
			}
			b, err = prependShared(sstCount.ReplaceAll(b, []byte(`${1}count="`+strconv.Itoa(uses)+`"`)), shared.texts)
			if err != nil {
				return err
			}
			out = trimNamespaces(b)
		case name == "xl/styles.xml" || name == "xl/workbook.xml":
			b, err := readPart(f)
			if err != nil {
				return err
			}
			out = trimNamespaces(b)
		case sheets[name] != nil:
			b := trimNamespaces(sheets[name])
			if r := streamed[name]; r != nil {
				if err := writeStreamedSheet(zw, f, b, r, props.Created); err != nil {
					return err
				}
				continue
			}
			out = setDimension(b, usedRange(b))
		case strings.HasPrefix(name, "xl/charts/chart"):
			b, err := readPart(f)
			if err != nil {
				return err
			}
			out = cleanChart(b)
		default:
			if err := zw.Copy(f); err != nil {
				return err
			}
			continue
		}
		part, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: props.Created})
		if err != nil {
			return err
		}
		if _, err := part.Write(out); err != nil {
			return err
		}
	}
	return zw.Close()
}

// streamedParts finds the part of each sheet named in rows.
func streamedParts(parts map[string]*zip.File, rows map[string]*sheetRows) (map[string]*sheetRows, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	var book struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	for name, into := range map[string]any{"xl/workbook.xml": &book, "xl/_rels/workbook.xml.rels": &rels} {
		f := parts[name]
		if f == nil {
			return nil, fmt.Errorf("reports: the workbook has no %s", name)
		}
		b, err := readPart(f)
		if err != nil {
			return nil, err
		}
		if err := xml.Unmarshal(b, into); err != nil {
			return nil, fmt.Errorf("reports: %s: %w", name, err)
		}
	}
	target := map[string]string{}
	for _, r := range rels.Rels {
		target[r.ID] = path.Join("xl", r.Target)
		if strings.HasPrefix(r.Target, "/") {
			target[r.ID] = strings.TrimPrefix(r.Target, "/")
		}
	}
	out := map[string]*sheetRows{}
	for _, s := range book.Sheets {
		if r := rows[s.Name]; r != nil {
			out[target[s.ID]] = r
		}
	}
	if len(out) != len(rows) {
		return nil, fmt.Errorf("reports: %d streamed sheets, %d found in the workbook", len(rows), len(out))
	}
	return out, nil
}

// writeStreamedSheet writes the sheet part whose XML around the rows is
// sheet: its own rows (the header), then the streamed ones. The streamed
// rows are already compressed; the XML before and after them is compressed
// into deflate segments of its own, so the three join into one stream.
func writeStreamedSheet(zw *zip.Writer, f *zip.File, sheet []byte, r *sheetRows, modified time.Time) error {
	sheet = bytes.Replace(sheet, []byte("<sheetData/>"), []byte("<sheetData></sheetData>"), 1)
	ref, _ := excelize.CoordinatesToCellName(max(r.lastCol, 1), max(r.lastRow(), 1))
	sheet = setDimension(sheet, "A1:"+ref)
	at := bytes.Index(sheet, []byte("</sheetData>"))
	if at < 0 {
		return fmt.Errorf("reports: %s has no sheetData", f.Name)
	}
	head, tail := sheet[:at], sheet[at:]
	rowsData, rowsSize, err := r.segment()
	if err != nil {
		return err
	}
	var headZ, tailZ bytes.Buffer
	if err := deflateSegment(&headZ, head, false); err != nil {
		return err
	}
	if err := deflateSegment(&tailZ, tail, true); err != nil {
		return err
	}
	crc := crc32.ChecksumIEEE(head)
	crc = crc32Combine(crc, r.crc, r.size)
	crc = crc32Combine(crc, crc32.ChecksumIEEE(tail), int64(len(tail)))
	part, err := zw.CreateRaw(&zip.FileHeader{
		Name: f.Name, Method: zip.Deflate, Modified: modified, CRC32: crc,
		CompressedSize64:   uint64(int64(headZ.Len()) + rowsSize + int64(tailZ.Len())),
		UncompressedSize64: uint64(int64(len(head)) + r.size + int64(len(tail))),
	})
	if err != nil {
		return err
	}
	if _, err := part.Write(headZ.Bytes()); err != nil {
		return err
	}
	if _, err := io.Copy(part, rowsData); err != nil {
		return err
	}
	_, err = part.Write(tailZ.Bytes())
	return err
}

// deflateSegment compresses b as part of a longer deflate stream: the last
// segment ends the stream, the others end on a byte boundary.
func deflateSegment(w io.Writer, b []byte, last bool) error {
	zw, err := flate.NewWriter(w, sheetCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(b); err != nil {
		return err
	}
	if last {
		return zw.Close()
	}
	return zw.Flush()
}

func readPart(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

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

// crc32Combine is the CRC-32 of A followed by B, from the CRC of A, the
// CRC of B and B's length: appending a byte is a linear map on the CRC, so
// appending len2 zero bytes is a matrix power, found by repeated squaring.
func crc32Combine(crc1, crc2 uint32, len2 int64) uint32 {
	if len2 <= 0 {
		return crc1
	}
	var even, odd [32]uint32
	odd[0] = crc32.IEEE // the operator for one zero bit
	row := uint32(1)
	for n := 1; n < 32; n++ {
		odd[n] = row
		row <<= 1
	}
	gf2Square(&even, &odd) // two zero bits
	gf2Square(&odd, &even) // four zero bits
	for {
		gf2Square(&even, &odd)
		if len2&1 != 0 {
			crc1 = gf2Times(&even, crc1)
		}
		if len2 >>= 1; len2 == 0 {
			break
		}
		gf2Square(&odd, &even)
		if len2&1 != 0 {
			crc1 = gf2Times(&odd, crc1)
		}
		if len2 >>= 1; len2 == 0 {
			break
		}
	}
	return crc1 ^ crc2
}

func gf2Times(mat *[32]uint32, vec uint32) uint32 {
	var sum uint32
	for i := 0; vec != 0; i, vec = i+1, vec>>1 {
		if vec&1 != 0 {
			sum ^= mat[i]
		}
	}
	return sum
}

func gf2Square(square, mat *[32]uint32) {
	for n := range square {
		square[n] = gf2Times(mat, mat[n])
	}
}
