package reports

import (
	"bytes"
	"compress/flate"
	"encoding/xml"
	"errors"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

// readCellText decodes a <t> element as readers do: XML first, then the
// _xHHHH_ escapes of Office Open XML.
func readCellText(t *testing.T, encoded []byte) string {
	t.Helper()
	var v struct {
		Text string `xml:",chardata"`
	}
	if err := xml.Unmarshal(append(append([]byte("<t>"), encoded...), "</t>"...), &v); err != nil {
		t.Fatalf("cell text %q is not XML: %v", encoded, err)
	}
	return ooxmlEscape.ReplaceAllStringFunc(v.Text, func(m string) string {
		n, _ := strconv.ParseUint(m[2:6], 16, 32)
		return string(rune(n))
	})
}

var ooxmlEscape = regexp.MustCompile(`_x[0-9A-Fa-f]{4}_`)

// cellTextWant is what a cell holding s reads back as: each byte that is
// not UTF-8 as U+FFFD, cut to the most a cell holds.
func cellTextWant(s string) string {
	var b strings.Builder
	units := 0
	for _, r := range s {
		if units += utf16.RuneLen(r); units > maxCellText {
			break
		}
		b.WriteRune(r)
	}
	return b.String()
}

func TestCellTextReadsBackAsWritten(t *testing.T) {
	for _, s := range []string{
		"plain", "=1+1", "a & b < c > d", "tab\there", "line\nbreak", "carriage\r\nreturn", "bell\a and \x00 null",
		"_x0041_ stays literal", "_x00zz_ is no escape", "ünïcödé ✓ 𝄞", "\uFFFE\uFFFF", "bad \xff byte",
		strings.Repeat("long ", 7000), strings.Repeat("𝄞", 20000),
	} {
		got := readCellText(t, appendCellText(nil, s))
		if want := cellTextWant(s); got != want {
			t.Errorf("%.40q read back as %.40q, want %.40q", s, got, want)
		}
	}
}

func FuzzCellText(f *testing.F) {
	for _, s := range []string{"", "a&b", "_x0041_", "\x01\x1f", "\xff", "x\r\ny", "𝄞"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := readCellText(t, appendCellText(nil, s))
		if want := cellTextWant(s); got != want {
			t.Errorf("%q read back as %q, want %q", s, got, want)
		}
	})
}

func TestSharedTableKeepsTextsUpToItsLimit(t *testing.T) {
	table := newSharedTable()
	for i := range sharedTableLimit + 10 {
		id, ok := table.id(strconv.Itoa(i))
		if ok != (i < sharedTableLimit) || (ok && id != i) {
			t.Fatalf("text %d: id %d, kept %v", i, id, ok)
		}
	}
	if id, ok := table.id("7"); !ok || id != 7 {
		t.Errorf("a text already kept: id %d, %v", id, ok)
	}
	r, err := newSheetRows(t.TempDir(), 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer r.close()
	r.startRow(0)
	r.sharedText(0, "new & full", 0, table) // no room: held in the cell
	seg, n, err := r.segment()
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := inflateSegment(&got, seg, n); err != nil {
		t.Fatal(err)
	}
	if want := `<row r="1"><c r="A1" t="inlineStr"><is><t>new &amp; full</t></is></c></row>`; got.String() != want {
		t.Errorf("rows = %s, want %s", got.String(), want)
	}
}

func TestCrc32Combine(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		b := make([]byte, rng.IntN(5000))
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		cut := 0
		if len(b) > 0 {
			cut = rng.IntN(len(b) + 1)
		}
		a, c := b[:cut], b[cut:]
		if got, want := crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(c), int64(len(c))), crc32.ChecksumIEEE(b); got != want {
			t.Fatalf("CRC of %d+%d bytes: %08x, want %08x", len(a), len(c), got, want)
		}
	}
}

func TestSheetRowsWriteExactNumbersAndSkipEmptyText(t *testing.T) {
	r, err := newSheetRows(t.TempDir(), 3, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer r.close()
	r.startRow(0)
	r.number(0, 46073+555.0/1440, 4)
	r.text(1, "", 0)
	r.text(2, " padded ", 0)
	r.startRow(32)
	r.integer(0, -12, 0)
	table := newSharedTable()
	r.sharedText(1, "Production", 0, table)
	r.sharedText(2, "QA", 7, table)
	r.sharedText(2, "", 0, table)
	seg, n, err := r.segment()
	if err != nil {
		t.Fatal(err)
	}
	var xmlText bytes.Buffer
	if err := inflateSegment(&xmlText, seg, n); err != nil {
		t.Fatal(err)
	}
	want := `<row r="2"><c r="A2" s="4"><v>46073.385416666664</v></c><c r="C2" t="inlineStr"><is><t xml:space="preserve"> padded </t></is></c></row>` +
		`<row r="3" ht="32" customHeight="1"><c r="A3"><v>-12</v></c><c r="B3" t="s"><v>0</v></c><c r="C3" s="7" t="s"><v>1</v></c></row>`
	if got := xmlText.String(); got != want {
		t.Errorf("rows:\n%s\nwant\n%s", got, want)
	}
	if r.lastRow() != 3 || r.lastCol != 3 || r.size != int64(len(want)) || r.crc != crc32.ChecksumIEEE([]byte(want)) {
		t.Errorf("last row %d, last column %d, size %d, CRC %08x", r.lastRow(), r.lastCol, r.size, r.crc)
	}
}

// inflateSegment decompresses a deflate segment that does not end the
// stream: the reader runs out of input where the stream would go on.
func inflateSegment(w io.Writer, seg io.Reader, n int64) error {
	_, err := io.Copy(w, flate.NewReader(io.LimitReader(seg, n)))
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return nil
	}
	return err
}
