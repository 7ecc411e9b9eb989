package reports

import (
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// maxPlanBytes bounds a plan file; a release plan is a few thousand rows.
const maxPlanBytes = 64 << 20

// ParsePlanCSV reads a plan from CSV text: comma, semicolon or tab
// separated (whichever the header line uses most), UTF-8 or UTF-16 (as
// LibreOffice saves "Unicode" text) with or without a byte-order mark, or
// Windows-1252 as older spreadsheet programs save it.
// Row numbers count lines as a spreadsheet shows them: the header is row 1
// and a blank line is a row.
func ParsePlanCSV(r io.Reader, opts PlanOptions) (Plan, error) {
	return readPlan(r, ".csv", opts)
}

// eachCSVRow hands fn the cells of every record of text, numbered as a
// spreadsheet shows the rows.
func eachCSVRow(text io.Reader, comma rune, fn func(n int, cells []cellValue) error) error {
	cr := csv.NewReader(text)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	var cells []cellValue
	row, prevEnd := 0, 0 // spreadsheet row of the last record; input line where it ended
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("the CSV cannot be read: %w", err)
		}
		// csv skips blank lines; a spreadsheet shows each as a row.
		start, _ := cr.FieldPos(0)
		last := len(rec) - 1
		endLine, _ := cr.FieldPos(last)
		row += 1 + max(0, start-prevEnd-1)
		prevEnd = endLine + strings.Count(rec[last], "\n")
		cells = cells[:0]
		for _, v := range rec {
			cells = append(cells, cellValue{text: v})
		}
		if err := fn(row, cells); err != nil {
			return err
		}
	}
}

// csvDelimiter picks the separator the first line uses most, outside quotes.
func csvDelimiter(raw []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, b := range raw {
		if b == '"' {
			quoted = !quoted
		}
		if quoted {
			continue
		}
		if b == '\n' {
			break
		}
		if b == ',' || b == ';' || b == '\t' {
			counts[rune(b)]++
		}
	}
	best := ','
	for _, d := range []rune{';', '\t'} {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return best
}

// planText turns the bytes of a CSV file into UTF-8 text: UTF-8 as it is
// (less a byte-order mark), UTF-16 by its byte-order mark or, without one,
// by the zero bytes plain text in UTF-16 has in every other place, and
// anything else as Windows-1252.
func planText(raw []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")):
		raw = raw[3:]
	case bytes.HasPrefix(raw, []byte("\xff\xfe")):
		return fromUTF16(raw[2:], binary.LittleEndian)
	case bytes.HasPrefix(raw, []byte("\xfe\xff")):
		return fromUTF16(raw[2:], binary.BigEndian)
	default:
		if order, ok := utf16WithoutMark(raw); ok {
			return fromUTF16(raw, order)
		}
	}
	if utf8.Valid(raw) {
		return raw, nil
	}
	return fromWindows1252(raw), nil
}

// utf16WithoutMark tells UTF-16 text without a byte-order mark by its
// first line: mostly ASCII, so one byte of each pair is zero.
func utf16WithoutMark(raw []byte) (binary.ByteOrder, bool) {
	head := raw[:min(len(raw), 512)&^1]
	if len(head) < 4 {
		return nil, false
	}
	var evenZero, oddZero int
	for i := 0; i < len(head); i += 2 {
		if head[i] == 0 {
			evenZero++
		}
		if head[i+1] == 0 {
			oddZero++
		}
	}
	pairs := len(head) / 2
	switch {
	case oddZero*10 >= pairs*7 && evenZero*10 < pairs:
		return binary.LittleEndian, true
	case evenZero*10 >= pairs*7 && oddZero*10 < pairs:
		return binary.BigEndian, true
	}
	return nil, false
}

// fromUTF16 converts UTF-16 text to UTF-8; an odd length or a lone
// surrogate half means the file is damaged or not UTF-16 at all.
func fromUTF16(b []byte, order binary.ByteOrder) ([]byte, error) {
	if len(b)%2 != 0 {
		return nil, errors.New("the plan file looks like UTF-16 text but ends in half a character; save it again as UTF-8 or UTF-16")
	}
	units := make([]uint16, len(b)/2)
	for i := range units {
		units[i] = order.Uint16(b[2*i:])
	}
	var out bytes.Buffer
	out.Grow(len(units))
	for i := 0; i < len(units); i++ {
		u := units[i]
		switch {
		case utf16.IsSurrogate(rune(u)):
			if i+1 < len(units) {
				if r := utf16.DecodeRune(rune(u), rune(units[i+1])); r != utf8.RuneError {
					out.WriteRune(r)
					i++
					continue
				}
			}
			return nil, fmt.Errorf("the plan file looks like UTF-16 text but holds a broken character at byte %d; save it again as UTF-8 or UTF-16", 2*i)
		default:
			out.WriteRune(rune(u))
		}
	}
	return out.Bytes(), nil
}

// The characters Windows-1252 puts at 0x80-0x9F, where Latin-1 has controls.
var cp1252 = [32]rune{
	'€', '\u0081', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u008d', 'Ž', '\u008f',
	'\u0090', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u009d', 'ž', 'Ÿ',
}

// fromWindows1252 converts text saved as Windows-1252 to UTF-8.
func fromWindows1252(b []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(b) + len(b)/8)
	for _, c := range b {
		switch {
		case c < 0x80:
			out.WriteByte(c)
		case c < 0xA0:
			out.WriteRune(cp1252[c-0x80])
		default:
			out.WriteRune(rune(c))
		}
	}
	return out.Bytes()
}

// noPlanHeader explains a file that ended before a header was found.
func noPlanHeader(find headerFinder, what string) error {
	if find.first != nil {
		return fmt.Errorf("%s: %w", what, noHeaderMessage(find.first))
	}
	return fmt.Errorf("%s is empty", what)
}
