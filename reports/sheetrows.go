package reports

import (
	"bufio"
	"compress/flate"
	"hash/crc32"
	"io"
	"os"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// sheetRows writes the rows of one large sheet as worksheet XML, compressed
// as it goes into a temporary file, so that memory stays flat however many
// rows there are. The rows become part of the workbook when the package is
// finished (finishPackage), once the sheet around them is known: its size,
// its filter, its print setup.
//
// It writes what excelize's StreamWriter would, with two differences that
// readers notice: numbers keep every digit (see exactNumber), and the
// sheet's <dimension> can be the real one, since it is written last.
//
// Compressing is most of the work, so a goroutine of its own does it
// (compress) while rows are read and written: on two cores the export
// waits for the larger of the two, not for both.
type sheetRows struct {
	letters []string // column letters, from A
	buf     []byte   // XML not yet handed to the compressor
	row     int      // the row being written, 1-based
	lastCol int      // the rightmost column holding a value
	open    bool     // inside a <row>

	work chan []byte // XML to compress, in order
	free chan []byte // buffers the compressor is done with
	done chan error  // the compressor's end: nil once it flushed everything
	busy bool        // the compressor is running

	// Owned by the compressor until it is done.
	file *os.File
	out  *bufio.Writer
	zw   *flate.Writer
	crc  uint32 // of the XML, uncompressed
	size int64  // bytes of XML written
}

// sheetCompression is the deflate level of large sheets: the last of Go's
// quick levels, several times faster than zip's default on sheet XML for a
// slightly larger file (BenchmarkPortfolioDemo10k reports both sizes).
const sheetCompression = 4

// flushAt is how much XML is gathered before it is compressed.
const flushAt = 64 << 10

// newSheetRows starts the rows of a sheet of cols columns, compressed into
// a temporary file in dir (the system's temporary folder when ""); the
// first row written is firstRow (the rows above come from the sheet itself).
func newSheetRows(dir string, cols, firstRow int) (*sheetRows, error) {
	f, err := os.CreateTemp(dir, "releasedesk-rows-*.deflate")
	if err != nil {
		return nil, err
	}
	out := bufio.NewWriterSize(f, 64<<10)
	zw, err := flate.NewWriter(out, sheetCompression)
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	s := &sheetRows{file: f, out: out, zw: zw, row: firstRow - 1, buf: make([]byte, 0, flushAt+4096),
		work: make(chan []byte, 1), free: make(chan []byte, 2), done: make(chan error, 1), busy: true}
	s.free <- make([]byte, 0, flushAt+4096)
	for i := 1; i <= cols; i++ {
		name, _ := excelize.ColumnNumberToName(i)
		s.letters = append(s.letters, name)
	}
	go s.compress()
	return s, nil
}

// compress deflates what arrives on work until it is closed, then ends
// the compressed data on a byte boundary and reports on done. After a
// failure it only hands buffers back, and reports the failure.
func (s *sheetRows) compress() {
	var err error
	for b := range s.work {
		if err == nil {
			s.crc = crc32.Update(s.crc, crc32.IEEETable, b)
			s.size += int64(len(b))
			_, err = s.zw.Write(b)
		}
		s.free <- b[:0]
	}
	if err == nil {
		err = s.zw.Flush() // a sync flush: byte-aligned, and the stream goes on
	}
	if err == nil {
		err = s.out.Flush()
	}
	s.done <- err
}

// startRow begins the next row; height, when above zero, is its height in
// points (rows of wrapped text: not every reader works it out on opening).
func (s *sheetRows) startRow(height float64) {
	if s.open {
		s.buf = append(s.buf, "</row>"...)
	}
	s.row++
	s.buf = append(s.buf, `<row r="`...)
	s.buf = strconv.AppendInt(s.buf, int64(s.row), 10)
	if height > 0 {
		s.buf = append(s.buf, `" ht="`...)
		s.buf = strconv.AppendFloat(s.buf, height, 'f', -1, 64)
		s.buf = append(s.buf, `" customHeight="1`...)
	}
	s.buf = append(s.buf, `">`...)
	s.open = true
}

// cellStart writes the start of the cell in column col (0-based) of the current row.
func (s *sheetRows) cellStart(col, style int) {
	s.buf = append(s.buf, `<c r="`...)
	s.buf = append(s.buf, s.letters[col]...)
	s.buf = strconv.AppendInt(s.buf, int64(s.row), 10)
	if style > 0 {
		s.buf = append(s.buf, `" s="`...)
		s.buf = strconv.AppendInt(s.buf, int64(style), 10)
	}
	s.buf = append(s.buf, '"')
	s.lastCol = max(s.lastCol, col+1)
}

// number writes a numeric cell with every digit of v.
func (s *sheetRows) number(col int, v float64, style int) {
	s.cellStart(col, style)
	s.buf = append(s.buf, "><v>"...)
	s.buf = strconv.AppendFloat(s.buf, v, 'f', -1, 64)
	s.buf = append(s.buf, "</v></c>"...)
}

// integer writes a whole-number cell.
func (s *sheetRows) integer(col int, v int64, style int) {
	s.cellStart(col, style)
	s.buf = append(s.buf, "><v>"...)
	s.buf = strconv.AppendInt(s.buf, v, 10)
	s.buf = append(s.buf, "</v></c>"...)
}

// text writes a text cell; an empty text writes nothing. Text is always a
// string, never a formula, whatever it starts with.
func (s *sheetRows) text(col int, v string, style int) {
	if v == "" {
		return
	}
	s.cellStart(col, style)
	s.buf = append(s.buf, ` t="inlineStr"><is>`...)
	s.buf = appendTextElement(s.buf, v)
	s.buf = append(s.buf, "</is></c>"...)
}

// sharedText writes a text cell that refers to table's copy of v, for the
// short texts many rows repeat (products, environments, outcomes, people);
// once table is full, the cell holds v itself.
func (s *sheetRows) sharedText(col int, v string, style int, table *sharedTable) {
	id, ok := table.id(v)
	if v == "" || !ok {
		s.text(col, v, style)
		return
	}
	s.cellStart(col, style)
	s.buf = append(s.buf, ` t="s"><v>`...)
	s.buf = strconv.AppendInt(s.buf, int64(id), 10)
	s.buf = append(s.buf, "</v></c>"...)
	table.uses++
}

// appendTextElement appends v as a <t> element, keeping its outer spaces.
func appendTextElement(buf []byte, v string) []byte {
	buf = append(buf, "<t"...)
	if v != "" && (v[0] == ' ' || v[len(v)-1] == ' ' || v[0] == '\n' || v[len(v)-1] == '\n' || v[0] == '\t') {
		buf = append(buf, ` xml:space="preserve"`...)
	}
	buf = append(buf, '>')
	buf = appendCellText(buf, v)
	return append(buf, "</t>"...)
}

// sharedTable holds the texts the streamed sheets share; the package's
// shared strings list them first (finishPackage). A cell that refers to a
// text is a third the size of one that holds it, so there is less to
// compress and to store.
type sharedTable struct {
	index map[string]int
	texts []string
	uses  int // cells referring to a text
}

// sharedTableLimit bounds the distinct texts kept, and so the memory a
// table takes however many rows there are.
const sharedTableLimit = 50_000

func newSharedTable() *sharedTable { return &sharedTable{index: map[string]int{}} }

// id is the number of v in the table, added if there is room.
func (t *sharedTable) id(v string) (int, bool) {
	if id, ok := t.index[v]; ok {
		return id, true
	}
	if len(t.texts) >= sharedTableLimit {
		return 0, false
	}
	t.index[v] = len(t.texts)
	t.texts = append(t.texts, v)
	return len(t.texts) - 1, true
}

// endRow closes the current row and compresses what has gathered.
func (s *sheetRows) endRow() error {
	if s.open {
		s.buf = append(s.buf, "</row>"...)
		s.open = false
	}
	if len(s.buf) >= flushAt {
		s.flush()
	}
	return nil
}

// flush hands the gathered XML to the compressor and takes a free buffer.
func (s *sheetRows) flush() {
	if len(s.buf) == 0 || !s.busy {
		return
	}
	s.work <- s.buf
	s.buf = <-s.free
}

// finish waits for the compressor to compress everything handed to it.
func (s *sheetRows) finish() error {
	if !s.busy {
		return nil
	}
	s.flush()
	close(s.work)
	s.busy = false
	return <-s.done
}

// lastRow is the number of the last row written.
func (s *sheetRows) lastRow() int { return s.row }

// segment ends the compressed rows on a byte boundary without ending the
// deflate stream, so that they can be followed by more compressed XML, and
// returns them to read. The rows must be closed afterwards.
func (s *sheetRows) segment() (io.Reader, int64, error) {
	if err := s.endRow(); err != nil {
		return nil, 0, err
	}
	if err := s.finish(); err != nil {
		return nil, 0, err
	}
	n, err := s.file.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, 0, err
	}
	return io.NewSectionReader(s.file, 0, n), n, nil
}

// close stops the compressor and removes the temporary file.
func (s *sheetRows) close() error {
	if s.file == nil {
		return nil
	}
	_ = s.finish() // a failure to compress matters no more: the rows are dropped
	err := s.file.Close()
	if rmErr := os.Remove(s.file.Name()); err == nil {
		err = rmErr
	}
	s.file = nil
	return err
}

// maxCellText is the most characters (UTF-16 units) a cell may hold;
// Excel repairs a file with more.
const maxCellText = 32767

// appendCellText appends v escaped for a <t> element: XML's special
// characters escaped, characters XML cannot carry written as _xHHHH_ (and
// the underscore of a literal _xHHHH as _x005F_, so it reads back
// unchanged), cut to maxCellText.
func appendCellText(buf []byte, v string) []byte {
	units := 0
	for i := 0; i < len(v); {
		r, size := utf8.DecodeRuneInString(v[i:])
		units += utf16.RuneLen(r) // a byte that is not UTF-8 becomes U+FFFD, one unit
		if units > maxCellText {
			break
		}
		switch {
		case r == '&':
			buf = append(buf, "&amp;"...)
		case r == '<':
			buf = append(buf, "&lt;"...)
		case r == '>':
			buf = append(buf, "&gt;"...)
		case r == '_' && isEscapeLike(v[i:]):
			buf = append(buf, "_x005F_"...)
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0xFFFE, r == 0xFFFF:
			buf = append(buf, "_x"...)
			buf = append(buf, hex4(r)...)
			buf = append(buf, '_')
		case r == '\r':
			buf = append(buf, "&#13;"...) // kept, not folded into a line feed
		default:
			buf = utf8.AppendRune(buf, r)
		}
		i += size
	}
	return buf
}

// isEscapeLike says whether s starts with _xHHHH, which readers would take
// for an escaped character if an underscore followed, even one that starts
// the next escape written.
func isEscapeLike(s string) bool {
	if len(s) < 6 || s[1] != 'x' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

func hex4(r rune) string {
	const digits = "0123456789ABCDEF"
	return string([]byte{digits[r>>12&15], digits[r>>8&15], digits[r>>4&15], digits[r&15]})
}
