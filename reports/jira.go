package reports

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"releasedesk/data"
)

// ImportKind is what an import file holds, as its header shows.
type ImportKind int

// The kinds of file `releasedesk import` and the window's import accept.
const (
	PlanFile         ImportKind = iota // one release per row (ParsePlanFile)
	JiraIssuesFile                     // a Jira issue export (ParseJiraIssues)
	JiraVersionsFile                   // a Jira versions list (ParseJiraVersions)
)

// String names the kind for messages.
func (k ImportKind) String() string {
	switch k {
	case JiraIssuesFile:
		return "Jira issue export"
	case JiraVersionsFile:
		return "Jira versions list"
	}
	return "plan"
}

// DetectImport says what the file at path holds: a CSV whose header names
// "Issue key" and "Summary" is a Jira issue export; one naming a version
// ("Name" or "Version"), a "Release date" and a "Start date", "Released" or
// "Archived" column, and none of a plan's own columns (Product, Title,
// Type, Owner, Code freeze), is a Jira versions list; anything else,
// workbooks included, is a plan. It reads the file's first line only.
func DetectImport(path string) (ImportKind, error) {
	if !strings.EqualFold(filepath.Ext(path), ".csv") {
		return PlanFile, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return PlanFile, err
	}
	defer f.Close()
	head := make([]byte, 64<<10) // Jira's header of a few hundred columns fits
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return PlanFile, err
	}
	return detectHeader(head[:n]), nil
}

// detectHeader classifies a CSV by its first record.
func detectHeader(raw []byte) ImportKind {
	raw = csvText(raw)
	cr := csv.NewReader(bytes.NewReader(raw))
	cr.Comma, cr.FieldsPerRecord, cr.LazyQuotes = csvDelimiter(raw), -1, true
	rec, err := cr.Read()
	if err != nil {
		return PlanFile
	}
	has := map[string]bool{}
	for _, h := range rec {
		has[normalHeader(h)] = true
	}
	switch {
	case has["issuekey"] && has["summary"]:
		return JiraIssuesFile
	case (has["name"] || has["version"]) && has["releasedate"] && (has["startdate"] || has["released"] || has["archived"]) &&
		!has["product"] && !has["title"] && !has["type"] && !has["owner"] && !has["codefreeze"]:
		return JiraVersionsFile
	}
	return PlanFile
}

// csvText drops a byte-order mark and turns Windows-1252 into UTF-8.
func csvText(raw []byte) []byte {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(raw) {
		raw = fromWindows1252(raw)
	}
	return raw
}

// csvRecords calls fn with each record of a CSV file and the row a
// spreadsheet shows it on: a record whose quoted value spans lines is one
// row, and a blank line is a row of its own.
func csvRecords(raw []byte, what string, fn func(row int, rec []string) error) error {
	if len(raw) > maxPlanBytes {
		return fmt.Errorf("%s is larger than 64 MB", what)
	}
	raw = csvText(raw)
	cr := csv.NewReader(bytes.NewReader(raw))
	cr.Comma, cr.FieldsPerRecord, cr.LazyQuotes = csvDelimiter(raw), -1, true
	row, lastLine := 0, 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s cannot be read as CSV: %w", what, err)
		}
		first, _ := cr.FieldPos(0)
		row += max(1, first-lastLine) // lines skipped since the last record were blank rows
		end, _ := cr.FieldPos(len(rec) - 1)
		lastLine = end + strings.Count(rec[len(rec)-1], "\n")
		if err := fn(row, rec); err != nil {
			return err
		}
	}
}

// JiraExport is a Jira issue export read into issues, before anything is
// checked against the store.
type JiraExport struct {
	Issues []data.JiraIssue
	// Errors lists the values that could not be read, such as a due date
	// that is not a date; the store adds its own when previewing.
	Errors []data.PlanError
	// Columns says how each header was understood; Jira's many other
	// columns (Priority, Reporter, custom fields...) are listed as ignored.
	Columns []PlanColumn
}

// jiraField is a column of an issue export the import reads.
type jiraField struct {
	field    string // a data.JiraIssue field name
	synonyms []string
	repeated bool // Jira repeats the column once per value
}

var jiraFields = []jiraField{
	{"Key", []string{"issuekey"}, false},
	{"Summary", []string{"summary"}, false},
	{"IssueType", []string{"issuetype"}, false},
	{"Status", []string{"status"}, false},
	{"StatusCategory", []string{"statuscategory"}, false},
	{"Resolution", []string{"resolution"}, false},
	{"ProjectKey", []string{"projectkey"}, false},
	{"ProjectName", []string{"projectname", "project"}, false},
	{"FixVersions", []string{"fixversions", "fixversion", "fixfor", "fixforversions"}, true},
	{"Components", []string{"components", "component"}, true},
	{"Due", []string{"duedate"}, false},
}

// ParseJiraIssues reads a Jira issue export: the CSV Jira writes from an
// issue search (Export > CSV, all or current fields), in UTF-8 with or
// without a byte-order mark. Its header row comes first and names "Issue
// key" and "Summary"; multi-valued fields (Fix Version/s, Component/s)
// repeat their column once per value; values may be quoted with commas and
// line breaks in them. Jira Server and Data Center headers ("Fix
// Version/s", "Component/s") and Jira Cloud ones ("Fix versions",
// "Components") both read. Rows are numbered as a spreadsheet shows them.
func ParseJiraIssues(r io.Reader) (JiraExport, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxPlanBytes+1))
	if err != nil {
		return JiraExport{}, err
	}
	var out JiraExport
	var byColumn []*jiraField
	columns := map[string]string{}
	err = csvRecords(raw, "the Jira export", func(row int, rec []string) error {
		if byColumn == nil {
			byColumn, out.Columns = jiraHeader(rec, columns)
			if columns["Key"] == "" || columns["Summary"] == "" {
				return errors.New(`the first row is not a Jira export's header: it must name the columns "Issue key" and "Summary"`)
			}
			return nil
		}
		if allBlankText(rec) {
			return nil
		}
		is := data.JiraIssue{Row: row, Columns: columns}
		for i, v := range rec {
			if i >= len(byColumn) || byColumn[i] == nil {
				continue
			}
			v = strings.TrimSpace(v)
			switch byColumn[i].field {
			case "Key":
				is.Key = v
			case "Summary":
				is.Summary = v
			case "IssueType":
				is.IssueType = v
			case "Status":
				is.Status = v
			case "StatusCategory":
				is.StatusCategory = v
			case "Resolution":
				is.Resolution = v
			case "ProjectKey":
				is.ProjectKey = v
			case "ProjectName":
				is.ProjectName = v
			case "FixVersions":
				is.FixVersions = appendValue(is.FixVersions, v)
			case "Components":
				is.Components = appendValue(is.Components, v)
			case "Due":
				d, err := ParseJiraDate(v)
				if err != nil {
					out.Errors = append(out.Errors, data.PlanError{Row: row, Column: columns["Due"], Message: err.Error()})
				}
				is.Due = d
			}
		}
		out.Issues = append(out.Issues, is)
		return nil
	})
	if err != nil {
		return JiraExport{}, err
	}
	if byColumn == nil {
		return JiraExport{}, errors.New("the Jira export is empty")
	}
	if columns["FixVersions"] == "" {
		return JiraExport{}, errors.New(`the Jira export has no "Fix Version/s" column, so no issue says which release it goes in ` +
			`(Jira leaves the column out when no issue has a fix version): set fix versions in Jira and export again`)
	}
	return out, nil
}

// jiraHeader maps each column to the field it fills (nil when ignored) and
// fills columns with the header each field was found under. A repeated
// header fills a multi-valued field; a single-valued field takes its first.
func jiraHeader(rec []string, columns map[string]string) ([]*jiraField, []PlanColumn) {
	byName := map[string]*jiraField{}
	for i := range jiraFields {
		for _, s := range jiraFields[i].synonyms {
			byName[s] = &jiraFields[i]
		}
	}
	fields := make([]*jiraField, len(rec))
	var understood []PlanColumn
	for i, h := range rec {
		h = strings.TrimSpace(h)
		f := byName[normalHeader(h)]
		if f != nil && columns[f.field] != "" && !f.repeated {
			f = nil // Jira never repeats these; a second one is not read
		}
		if f == nil {
			understood = append(understood, PlanColumn{Header: h})
			continue
		}
		fields[i] = f
		if columns[f.field] == "" {
			columns[f.field] = h
			understood = append(understood, PlanColumn{Header: h, Field: f.field})
		}
	}
	return fields, understood
}

func appendValue(list []string, v string) []string {
	if v == "" {
		return list
	}
	return append(list, v)
}

func allBlankText(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}
