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
