package reports

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"releasedesk/data"
)

// Plan is a plan file read into rows, before anything is checked against
// the store or written.
type Plan struct {
	// Rows holds every row with something in it, in file order, including
	// rows with Errors (the store checks them too, so each row's problems
	// are all reported at once).
	Rows []data.PlanRow
	// Errors lists the values that could not be read, such as a day that
	// is not a date or an unknown type.
	Errors []data.PlanError
	// Columns says how each header of the file was understood.
	Columns []PlanColumn
}

// PlanColumn says how one header of a plan file was understood.
type PlanColumn struct {
	Header string // as written in the file
	Field  string // the canonical header it stands for ("Release date"), or "" when ignored
	// Dates is the order the column's numeric dates were read in, and
	// DatesFrom what decided it ("your choice", "the column's own dates",
	// ...); both empty when the column has no date written as three numbers.
	Dates     DateOrder
	DatesFrom string
}

// PlanOptions says how to read a plan file; the zero value decides the
// day/month order from the file, else from the locale (LocaleDateOrder).
type PlanOptions struct {
	// DateOrder is the user's choice of day/month order; DateOrderAuto
	// lets the file decide, else the locale.
	DateOrder DateOrder
	// Locale, when set, stands for the user's locale (en_US.UTF-8) instead
	// of LC_ALL, LC_TIME and LANG.
	Locale string
}

// planField is a column plan import understands: its canonical header, the
// data field it fills and the headers that mean it.
type planField struct {
	header   string
	field    string // "Product" or a data.Release field name
	synonyms []string
	date     bool
}

// PlanHeaders lists the canonical headers of a plan file, in the order a
// template would have them.
var PlanHeaders = []string{"Product", "Version", "Title", "Type", "Status", "Owner", "Code freeze", "Release date"}

// planFields are matched after normalising headers: case, spaces and
// punctuation do not count, so "Fix Version/s" is "fixversions".
var planFields = []planField{
	{"Product", "Product", []string{"product", "productname", "application", "app", "project", "system", "component", "service"}, false},
	{"Version", "Version", []string{"version", "fixversion", "fixversions", "release", "versionnumber", "releaseversion", "releasenumber"}, false},
	{"Title", "Title", []string{"title", "name", "summary", "releasename", "releasetitle"}, false},
	{"Type", "Type", []string{"type", "releasetype", "kind"}, false},
	{"Status", "Status", []string{"status", "releasestatus", "state"}, false},
	{"Owner", "Owner", []string{"owner", "releaseowner", "assignee", "releasemanager", "manager"}, false},
	{"Code freeze", "CodeFreeze", []string{"codefreeze", "codefreezedate", "freezedate", "freeze"}, true},
	{"Release date", "PlannedRelease", []string{"releasedate", "plannedrelease", "plannedreleasedate", "targetdate", "target", "golive", "golivedate", "duedate"}, true},
	{"Risk", "Risk", []string{"risk", "risklevel"}, false},
	{"Actual release", "ActualRelease", []string{"actualrelease", "actualreleasedate", "releasedon"}, true},
	{"Change reference", "ChangeRef", []string{"changereference", "changeref", "change", "changerequest", "changeticket"}, false},
	{"Description", "Description", []string{"description", "details", "notes"}, false},
}

// normalHeader is a header with case, spaces and punctuation removed.
func normalHeader(h string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, h)
}

// ParsePlanFile reads a plan from a .xlsx or .csv file, by its extension:
// one release per row under a header row (found among the first ten rows,
// so a title above it is fine). Headers are matched without regard to case,
// spaces or punctuation, with synonyms ("Fix Version" or "Release" for
// Version, "Application" for Product, "Go-live" for Release date, ...);
// Product and Version columns are required, others are optional and
// unknown ones are ignored. An empty Type is minor, an empty Status is
// planned, an empty Risk is low and an empty Title is "PRODUCT VERSION".
// Dates follow ParsePlanDate, or are spreadsheet date cells; the order of
// day and month in numeric dates is opts.DateOrder, else what each column's
// dates prove, else what the file's other date columns prove, else the
// locale's, and a column whose dates prove both is an error. The error is
// for a file that cannot be used at all; problems of single rows are in
// Plan.Errors, and the store adds its own when the plan is previewed or
// imported (a release that already exists is an error, never an update).
func ParsePlanFile(path string, opts PlanOptions) (Plan, error) {
	f, err := os.Open(path)
	if err != nil {
		return Plan{}, err
	}
	defer f.Close()
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return ParsePlanCSV(f, opts)
	case ".xlsx":
		return ParsePlanXLSX(f, opts)
	}
	return Plan{}, fmt.Errorf("%s: a plan must be a .xlsx or .csv file", filepath.Base(path))
}

// cellValue is one cell of a plan: its text as shown and, for spreadsheet
// cells holding numbers, the raw number (a date cell holds a day count).
type cellValue struct {
	text, raw string
}

// planReader turns rows of cells into plan rows, in two passes over a
// file: the first learns what each date column's numeric dates prove about
// their order (evidenceOf), the second reads the rows with the orders
// decided (readRow).
type planReader struct {
	plan     Plan         // the columns as understood, and the file's own errors
	fields   []*planField // by column; nil for ignored columns
	columns  map[string]string
	order    []string // the headers, left to right
	date1904 bool
	opts     PlanOptions
	evidence map[string]*orderEvidence // by field, from the first pass
	orders   map[string]DateOrder      // by field, for the second
	facts    cellFacts                 // a workbook's cells that cannot be trusted
}

// headerSearch is how many rows from the top may hold the header, so a
// title or a note above the table does not stop an import.
const headerSearch = 10

// errNoHeader marks a row that names no Product or no Version column.
var errNoHeader = errors.New("no header")

// header reads a header row and refuses one without the columns an import
// cannot do without; the error wraps errNoHeader when the row may simply be
// a title above the real header. Nothing is kept from a refused row.
func (p *planReader) header(cells []cellValue) error {
	byName := map[string]*planField{}
	for i := range planFields {
		for _, s := range planFields[i].synonyms {
			byName[s] = &planFields[i]
		}
	}
	columns := map[string]string{}
	for _, f := range planFields {
		columns[f.field] = f.header // named in messages when the file lacks the column
	}
	var fields []*planField
	var understood []PlanColumn
	seen := map[string]string{}
	for _, c := range cells {
		h := strings.TrimSpace(c.text)
		f := byName[normalHeader(h)]
		if f != nil {
			if other, dup := seen[f.field]; dup {
				return fmt.Errorf("columns %q and %q both give the %s; keep one", other, h, f.header)
			}
			seen[f.field] = h
			columns[f.field] = h
			understood = append(understood, PlanColumn{Header: h, Field: f.header})
		} else if h != "" {
			understood = append(understood, PlanColumn{Header: h})
		}
		fields = append(fields, f)
	}
	for _, need := range planFields[:2] { // Product and Version
		if _, ok := seen[need.field]; !ok {
			return fmt.Errorf("%w: the header row names no %s column (looked for headers such as %s); it must name the columns: %s",
				errNoHeader, need.header, strings.Join(quoteAll(need.synonymsShown()), ", "), strings.Join(PlanHeaders, ", "))
		}
	}
	p.columns, p.fields, p.plan.Columns = columns, fields, understood
	p.order = make([]string, len(understood))
	for i, c := range understood {
		p.order[i] = c.Header
	}
	return nil
}

// headerFinder looks for the header among the first rows of a file.
type headerFinder struct {
	tried int
	first error // what was wrong with the first row, reported when no row is a header
}

// try reads cells as the header; done tells that the header is found (or
// that looking further is pointless, with err set).
func (h *headerFinder) try(p *planReader, cells []cellValue) (done bool, err error) {
	err = p.header(cells)
	if err == nil {
		return true, nil
	}
	if h.first == nil {
		h.first = err
	}
	if h.tried++; !errors.Is(err, errNoHeader) || h.tried >= headerSearch {
		return true, noHeaderMessage(h.first)
	}
	return false, nil
}

// noHeaderMessage drops the errNoHeader marker from the message people see.
func noHeaderMessage(err error) error {
	if errors.Is(err, errNoHeader) {
		return errors.New(strings.TrimPrefix(err.Error(), errNoHeader.Error()+": "))
	}
	return err
}

// synonymsShown is what the error for a missing column suggests.
func (f planField) synonymsShown() []string {
	switch f.field {
	case "Product":
		return []string{"Product", "Application", "Project", "System"}
	case "Version":
		return []string{"Version", "Fix Version", "Release", "Version number"}
	}
	return []string{f.header}
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = fmt.Sprintf("%q", v)
	}
	return out
}

// blank tells a row with nothing in it, which a plan skips.
func blank(cells []cellValue) bool {
	for _, c := range cells {
		if strings.TrimSpace(c.text) != "" {
			return false
		}
	}
	return true
}

// evidenceOf notes, in the first pass, what data row n's numeric dates
// prove about the order of their columns.
func (p *planReader) evidenceOf(n int, cells []cellValue) {
	for i, c := range cells {
		if i >= len(p.fields) || p.fields[i] == nil || !p.fields[i].date {
			continue
		}
		text := strings.TrimSpace(c.text)
		if day, ok := parseNumericDay(strings.ToLower(text)); ok && !p.dateCell(c) {
			p.noteOrder(n, p.fields[i].field, text, day)
		}
	}
}

// readRow reads data row n (as the spreadsheet numbers it) in the second
// pass, with the problems of its cells; ok is false for a blank row.
func (p *planReader) readRow(n int, cells []cellValue) (row data.PlanRow, ok bool) {
	if blank(cells) {
		return row, false
	}
	row = data.PlanRow{Row: n, Columns: p.columns, Order: p.order}
	r := &row.Release
	r.Type, r.Status = data.TypeMinor, data.StatusPlanned
	for i, c := range cells {
		if i >= len(p.fields) || p.fields[i] == nil {
			continue
		}
		f := p.fields[i]
		text := strings.TrimSpace(c.text)
		bad := func(err error) {
			row.Errors = append(row.Errors, data.PlanError{Row: n, Column: p.columns[f.field], Message: err.Error()})
		}
		if f.date {
			if day, ok := parseNumericDay(strings.ToLower(text)); ok && !p.dateCell(c) {
				if d, err := p.numericDate(f.field, text, day); err != nil {
					bad(err)
				} else {
					setPlanDate(r, f.field, d)
				}
				continue
			}
			if d, err := p.date(c); err != nil {
				bad(err)
			} else {
				setPlanDate(r, f.field, d)
			}
			continue
		}
		if err := setPlanText(&row, f.field, text); err != nil {
			bad(err)
		}
	}
	p.checkCells(&row)
	if r.Title == "" && row.Product != "" && r.Version != "" {
		r.Title = strings.TrimSpace(row.Product) + " " + r.Version // a plan without titles still imports
	}
	row.Errors = p.plan.sortErrors(row.Errors)
	return row, true
}

// date reads a date cell: a spreadsheet's day count, or a typed date. A
// number that is no plausible day count may still be a typed date (20261231).
func (p *planReader) date(c cellValue) (data.Date, error) {
	if c.raw != "" {
		d, isNumber, err := excelDay(c.raw, p.date1904)
		if isNumber && err == nil {
			return d, nil
		}
		if isNumber {
			if typed, terr := ParsePlanDate(c.text, p.opts.DateOrder); terr == nil {
				return typed, nil
			}
			return d, err
		}
	}
	return ParsePlanDate(c.text, p.opts.DateOrder)
}

// dateCell tells that c is a spreadsheet date cell: a plausible day count
// shown formatted.
func (p *planReader) dateCell(c cellValue) bool {
	if c.raw == "" {
		return false
	}
	_, isNumber, err := excelDay(c.raw, p.date1904)
	return isNumber && err == nil
}

func setPlanDate(r *data.Release, field string, d data.Date) {
	switch field {
	case "CodeFreeze":
		r.CodeFreeze = d
	case "PlannedRelease":
		r.PlannedRelease = d
	case "ActualRelease":
		r.ActualRelease = d
	}
}

// setPlanText sets a text field; types, statuses and risks are matched by
// label or stored value, without regard to case, spaces or punctuation.
func setPlanText(row *data.PlanRow, field, text string) error {
	r := &row.Release
	var err error
	switch field {
	case "Product":
		row.Product = text
	case "Version":
		r.Version = text
	case "Title":
		r.Title = text
	case "Owner":
		r.Owner = text
	case "ChangeRef":
		r.ChangeRef = text
	case "Description":
		r.Description = text
	case "Type":
		r.Type, err = matchChoice(text, data.ReleaseTypes, data.TypeMinor, "a release type")
	case "Status":
		r.Status, err = matchChoice(text, data.ReleaseStatuses, data.StatusPlanned, "a release status")
	case "Risk":
		r.Risk, err = matchChoice(text, data.Risks, "", "a risk level")
	}
	return err
}

// matchChoice finds text among choices by label or value; empty text is def.
func matchChoice[T interface {
	~string
	Label() string
}](text string, choices []T, def T, what string) (T, error) {
	if text == "" {
		return def, nil
	}
	n := normalHeader(text)
	labels := make([]string, len(choices))
	for i, c := range choices {
		if n == normalHeader(string(c)) || n == normalHeader(c.Label()) {
			return c, nil
		}
		labels[i] = strings.ToLower(c.Label())
	}
	return def, fmt.Errorf("%q is not %s (use one of: %s)", text, what, strings.Join(labels, ", "))
}

// sortErrors orders errs by row, and within a row by the file's columns,
// blaming each cell once.
func (p Plan) sortErrors(errs []data.PlanError) []data.PlanError {
	order := map[string]int{}
	for i, c := range p.Columns {
		order[c.Header] = i + 1
	}
	rank := func(e data.PlanError) int {
		if i, ok := order[e.Column]; ok {
			return i
		}
		return len(order) + 1 // a column the file does not have
	}
	sort.SliceStable(errs, func(i, j int) bool {
		if errs[i].Row != errs[j].Row {
			return errs[i].Row < errs[j].Row
		}
		return rank(errs[i]) < rank(errs[j])
	})
	return data.SortPlanErrors(errs)
}
