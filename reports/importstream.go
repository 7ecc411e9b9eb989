package reports

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"releasedesk/data"
)

// PlanStream is a plan file read row by row, as often as needed: once when
// it is opened, to find the header and the order of its dates, then once
// for each pass of a preview or an import. Only the file itself is held
// (at most maxPlanBytes), never its rows, so checking and importing a
// hundred thousand rows takes little more memory than ten.
type PlanStream struct {
	// Columns says how each header of the file was understood.
	Columns []PlanColumn
	// Errors are the file's own problems, not of one row (a date column
	// whose dates prove both orders).
	Errors []data.PlanError
	// Rows counts the rows with something in them under the header.
	Rows   int
	src    planSource
	reader planReader
	header int // the header's row, as the spreadsheet numbers it
}

// planSource hands the cells of a plan file's rows, numbered as a
// spreadsheet shows them, in order, as often as asked.
type planSource interface {
	rows(fn func(n int, cells []cellValue) error) error
	// place names where the rows are, for messages: "the plan file", "sheet Plan".
	place() string
	// found is told the header, when the first pass has read it.
	found(p *planReader) error
	// settle ends the first pass: what found started is done.
	settle(p *planReader) error
	close()
}

// OpenPlanStream opens a plan from a .xlsx or .csv file, by its extension,
// and reads it once (see ParsePlanFile for what a plan holds and how it is
// read). The error is for a file that cannot be used at all; problems of
// rows come with the rows (Each). Close it when done.
func OpenPlanStream(path string, opts PlanOptions) (*PlanStream, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".csv" && ext != ".xlsx" {
		return nil, fmt.Errorf("%s: a plan must be a .xlsx or .csv file", filepath.Base(path))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	raw, err := readPlanBytes(f)
	if err != nil {
		return nil, err
	}
	return openPlan(raw, ext, opts)
}

// readPlanBytes reads a whole plan file, refusing one over maxPlanBytes.
func readPlanBytes(r io.Reader) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxPlanBytes+1))
	if err != nil {
		return nil, err
	}
	if len(raw) > maxPlanBytes {
		return nil, errors.New("the plan file is larger than 64 MB")
	}
	return raw, nil
}

// openPlan reads the file's bytes as ext says (".csv" or ".xlsx"): the
// first pass finds the header, counts the rows and decides the order of
// the numeric dates.
func openPlan(raw []byte, ext string, opts PlanOptions) (*PlanStream, error) {
	var src planSource
	var err error
	if ext == ".xlsx" {
		src, err = newXLSXSource(raw)
	} else {
		src, err = newCSVSource(raw)
	}
	if err != nil {
		return nil, err
	}
	pf := &PlanStream{src: src, reader: planReader{opts: opts}}
	if x, ok := src.(*xlsxSource); ok {
		pf.reader.date1904 = x.date1904
	}
	var find headerFinder
	err = src.rows(func(n int, cells []cellValue) error {
		switch {
		case pf.header == 0 && blank(cells):
		case pf.header == 0:
			done, err := find.try(&pf.reader, cells)
			if err != nil {
				return fmt.Errorf("%s: %w", src.place(), err)
			}
			if done {
				pf.header = n
				return src.found(&pf.reader)
			}
		case !blank(cells):
			pf.Rows++
			pf.reader.evidenceOf(n, cells)
		}
		return nil
	})
	if err == nil && pf.header == 0 {
		err = noPlanHeader(find, src.place())
	}
	if err == nil {
		err = src.settle(&pf.reader)
	}
	if err != nil {
		src.close()
		return nil, err
	}
	pf.reader.decideOrders()
	pf.Columns, pf.Errors = pf.reader.plan.Columns, pf.reader.plan.Errors
	return pf, nil
}

// Each reads the plan's rows again and hands each, with the problems of
// its cells, to fn, in file order; it stops at the first error fn returns.
// It is a data.PlanRows.
func (pf *PlanStream) Each(fn func(data.PlanRow) error) error {
	return pf.src.rows(func(n int, cells []cellValue) error {
		if n <= pf.header {
			return nil
		}
		if row, ok := pf.reader.readRow(n, cells); ok {
			return fn(row)
		}
		return nil
	})
}

// Close lets go of the file and what reading it needed.
func (pf *PlanStream) Close() { pf.src.close() }

// plan reads every row into a Plan, for a file small enough to hold.
func (pf *PlanStream) plan() (Plan, error) {
	p := Plan{Columns: pf.Columns, Errors: slices.Clone(pf.Errors)}
	err := pf.Each(func(row data.PlanRow) error {
		p.Errors = append(p.Errors, row.Errors...)
		p.Rows = append(p.Rows, row)
		return nil
	})
	p.Errors = p.sortErrors(p.Errors)
	return p, err
}

// readPlan reads a whole plan from raw bytes, as ext says.
func readPlan(r io.Reader, ext string, opts PlanOptions) (Plan, error) {
	raw, err := readPlanBytes(r)
	if err != nil {
		return Plan{}, err
	}
	pf, err := openPlan(raw, ext, opts)
	if err != nil {
		return Plan{}, err
	}
	defer pf.Close()
	return pf.plan()
}

// PlanStore checks and applies plans; *data.Store is one.
type PlanStore interface {
	PreviewPlan(ctx context.Context, rows []data.PlanRow) (data.PlanPreview, error)
	ImportPlan(ctx context.Context, rows []data.PlanRow) ([]data.Release, error)
	PreviewPlanRows(ctx context.Context, rows data.PlanRows, keep int) (data.PlanPreview, error)
	ImportPlanRows(ctx context.Context, rows data.PlanRows) (int, error)
}

// PreviewPlan says what importing p would do — the releases and products it
// would create and every problem, the file's own and the store's — without
// writing anything.
func PreviewPlan(ctx context.Context, st PlanStore, p Plan) (data.PlanPreview, error) {
	preview, err := st.PreviewPlan(ctx, p.Rows)
	if err != nil {
		return preview, err
	}
	// The rows carry the problems of their cells to the store; the file's
	// own problems, about no row, come first.
	var file []data.PlanError
	for _, e := range p.Errors {
		if e.Row == 0 {
			file = append(file, e)
		}
	}
	preview.Errors = p.sortErrors(append(file, preview.Errors...))
	return preview, nil
}

// ImportPlan creates the releases of p, all in one transaction, or nothing:
// when any row is bad the error is a *data.PlanErrors listing every problem.
func ImportPlan(ctx context.Context, st PlanStore, p Plan) ([]data.Release, error) {
	if len(p.Errors) > 0 {
		preview, err := PreviewPlan(ctx, st, p)
		if err != nil {
			return nil, err
		}
		return nil, &data.PlanErrors{Errors: preview.Errors}
	}
	created, err := st.ImportPlan(ctx, p.Rows)
	if pe, ok := data.AsPlanErrors(err); ok {
		return nil, &data.PlanErrors{Errors: p.sortErrors(pe.Errors)}
	}
	return created, err
}

// PreviewPlanStream says what importing the plan would do, reading it row by
// row: the releases and products it would create (the first keep
// releases, and how many in all) and every problem, the file's own and
// the store's, without writing anything.
func PreviewPlanStream(ctx context.Context, st PlanStore, pf *PlanStream, keep int) (data.PlanPreview, error) {
	preview, err := st.PreviewPlanRows(ctx, pipelined(pf.Each), keep)
	if err != nil {
		return preview, err
	}
	// The file's own problems come first: they are about no row.
	preview.Errors = append(slices.Clone(pf.Errors), preview.Errors...)
	return preview, nil
}

// ImportPlanStream creates the releases of the plan, reading it row by row,
// all in one transaction, or nothing: when any row is bad the error is a
// *data.PlanErrors listing every problem. It returns how many releases it
// created.
func ImportPlanStream(ctx context.Context, st PlanStore, pf *PlanStream) (int, error) {
	if len(pf.Errors) > 0 {
		preview, err := PreviewPlanStream(ctx, st, pf, 0)
		if err != nil {
			return 0, err
		}
		return 0, &data.PlanErrors{Errors: preview.Errors}
	}
	return st.ImportPlanRows(ctx, pipelined(pf.Each))
}

// errStopped ends a pipelined read whose consumer has given up.
var errStopped = errors.New("stopped")

// pipelined reads rows on a goroutine of its own while fn checks and
// writes the rows read before: on two cores a workbook's rows are decoded
// while the store writes, instead of in turn.
func pipelined(each data.PlanRows) data.PlanRows {
	return func(fn func(data.PlanRow) error) error {
		rows := make(chan data.PlanRow, 256)
		stop := make(chan struct{})
		var readErr error
		go func() {
			defer close(rows)
			readErr = each(func(r data.PlanRow) error {
				select {
				case rows <- r:
					return nil
				case <-stop:
					return errStopped
				}
			})
		}()
		var err error
		for r := range rows {
			if err != nil {
				continue // the reader stops at its next row
			}
			if err = fn(r); err != nil {
				close(stop)
			}
		}
		if err != nil {
			return err
		}
		return readErr
	}
}

// csvSource is a CSV plan as UTF-8 text.
type csvSource struct {
	text  []byte
	comma rune
}

func newCSVSource(raw []byte) (*csvSource, error) {
	text, err := planText(raw)
	if err != nil {
		return nil, err
	}
	return &csvSource{text: text, comma: csvDelimiter(text)}, nil
}

func (s *csvSource) place() string            { return "the plan file" }
func (s *csvSource) found(*planReader) error  { return nil }
func (s *csvSource) settle(*planReader) error { return nil }
func (s *csvSource) close()                   {}

func (s *csvSource) rows(fn func(n int, cells []cellValue) error) error {
	return eachCSVRow(bytes.NewReader(s.text), s.comma, fn)
}
