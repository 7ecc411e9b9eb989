package reports

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// A workbook's rows are costly to read (its XML decoded cell by cell), and
// a plan is read more than once: to find its header and the order of its
// dates, then for each preview and import. The first complete pass copies
// the cells into a spill file in the import's scratch folder, as plain
// length-prefixed text, and later passes read that: the rows stay on disk,
// not in memory, and the XML is decoded once.

// rowSpill is the spill file of a workbook's rows, written by one pass and
// read by the next ones.
type rowSpill struct {
	path  string
	ready bool // a whole pass was written
}

// spillWriter writes rows to a spill file.
type spillWriter struct {
	f   *os.File
	w   *bufio.Writer
	buf []byte
}

func (s *rowSpill) create() (*spillWriter, error) {
	f, err := os.Create(s.path)
	if err != nil {
		return nil, err
	}
	return &spillWriter{f: f, w: bufio.NewWriterSize(f, 64<<10)}, nil
}

// add writes row n's cells: the row number, how many cells, then each
// cell's length and text.
func (w *spillWriter) add(n int, cells []cellValue) error {
	w.buf = binary.AppendUvarint(w.buf[:0], uint64(n))
	w.buf = binary.AppendUvarint(w.buf, uint64(len(cells)))
	for _, c := range cells {
		w.buf = binary.AppendUvarint(w.buf, uint64(len(c.text)))
		w.buf = append(w.buf, c.text...)
	}
	_, err := w.w.Write(w.buf)
	return err
}

// finish ends a pass; complete says whether every row was written, only
// then may later passes read the spill instead of the workbook.
func (w *spillWriter) finish(s *rowSpill, complete bool) error {
	err := w.w.Flush()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	s.ready = complete && err == nil
	return err
}

// rows reads the spilled rows back, in order, as a workbook's cells (text
// as stored, which is also the raw value).
func (s *rowSpill) rows(fn func(n int, cells []cellValue) error) error {
	f, err := os.Open(s.path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 64<<10)
	var cells []cellValue
	var text []byte
	for {
		n, err := binary.ReadUvarint(r)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("the copy of the rows cannot be read: %w", err)
		}
		count, err := binary.ReadUvarint(r)
		if err != nil {
			return fmt.Errorf("the copy of the rows cannot be read: %w", err)
		}
		cells = cells[:0]
		for range count {
			size, err := binary.ReadUvarint(r)
			if err != nil {
				return fmt.Errorf("the copy of the rows cannot be read: %w", err)
			}
			if uint64(cap(text)) < size {
				text = make([]byte, size)
			}
			text = text[:size]
			if _, err := io.ReadFull(r, text); err != nil {
				return fmt.Errorf("the copy of the rows cannot be read: %w", err)
			}
			v := string(text)
			cells = append(cells, cellValue{text: v, raw: v})
		}
		if err := fn(int(n), cells); err != nil {
			return err
		}
	}
}
