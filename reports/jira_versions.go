package reports

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"releasedesk/data"
)

// JiraVersionsList is a Jira versions list read into versions.
type JiraVersionsList struct {
	Versions []data.JiraVersion
	// Errors lists the values that could not be read (a date, a state).
	Errors  []data.PlanError
	Columns []PlanColumn
	// HasProject tells whether the file names each version's project; when
	// it does not, the versions belong to the product the reader was given.
	HasProject bool
}

var jiraVersionFields = map[string]string{
	"project": "Project", "projectname": "Project", "projectkey": "Project", "product": "Project",
	"name": "Name", "version": "Name", "versionname": "Name",
	"description": "Description",
	"startdate":   "Start", "start": "Start",
	"releasedate": "Release", "release": "Release",
	"status": "State", "state": "State",
	"released": "Released", "archived": "Archived",
}

// ParseJiraVersions reads a list of a Jira project's versions, as its
// Releases page shows them or its API lists them: Name (or Version),
// Description, Start date, Release date and the state, either as a Status
// column (Released, Unreleased, Archived; Overdue is unreleased) or as
// Released and Archived columns holding true or false. A Project column,
// when there is one, names each version's product; otherwise every
// version belongs to product, which must then be given.
func ParseJiraVersions(r io.Reader, product string) (JiraVersionsList, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxPlanBytes+1))
	if err != nil {
		return JiraVersionsList{}, err
	}
	var out JiraVersionsList
	var byColumn []string
	columns := map[string]string{}
	err = csvRecords(raw, "the versions list", func(row int, rec []string) error {
		if byColumn == nil {
			byColumn = make([]string, len(rec))
			for i, h := range rec {
				h = strings.TrimSpace(h)
				f := jiraVersionFields[normalHeader(h)]
				if f != "" && columns[f] == "" {
					byColumn[i], columns[f] = f, h
				} else {
					f = ""
				}
				out.Columns = append(out.Columns, PlanColumn{Header: h, Field: f})
			}
			if columns["Name"] == "" || columns["Release"] == "" {
				return errors.New(`the first row is not a versions list's header: it must name the columns "Name" and "Release date"`)
			}
			out.HasProject = columns["Project"] != ""
			if !out.HasProject && strings.TrimSpace(product) == "" {
				return ErrVersionsNeedProduct
			}
			return nil
		}
		if allBlankText(rec) {
			return nil
		}
		out.Versions = append(out.Versions, out.readVersion(row, rec, byColumn, columns, product))
		return nil
	})
	if err != nil {
		return JiraVersionsList{}, err
	}
	if byColumn == nil {
		return JiraVersionsList{}, errors.New("the versions list is empty")
	}
	return out, nil
}

// ErrVersionsNeedProduct means a versions list names no project and no
// product was given for it.
var ErrVersionsNeedProduct = errors.New("the versions list has no Project column: say which product its versions belong to")

// readVersion reads one row of a versions list.
func (l *JiraVersionsList) readVersion(row int, rec, byColumn []string, columns map[string]string, product string) data.JiraVersion {
	v := data.JiraVersion{Row: row, Project: strings.TrimSpace(product), State: data.JiraUnreleased, Columns: map[string]string{}}
	for field, header := range columns {
		switch field {
		case "Released", "Archived":
			v.Columns["State"] = header
		default:
			v.Columns[field] = header
		}
	}
	bad := func(field string, err error) {
		l.Errors = append(l.Errors, data.PlanError{Row: row, Column: columns[field], Message: err.Error()})
	}
	var released, archived bool
	for i, text := range rec {
		if i >= len(byColumn) || byColumn[i] == "" {
			continue
		}
		text = strings.TrimSpace(text)
		var err error
		switch f := byColumn[i]; f {
		case "Project":
			v.Project = text
		case "Name":
			v.Name = text
		case "Description":
			v.Description = text
		case "Start":
			v.Start, err = ParseJiraDate(text)
		case "Release":
			v.Release, err = ParseJiraDate(text)
		case "State":
			v.State, err = jiraVersionState(text)
		case "Released":
			released, err = yesNo(text)
		case "Archived":
			archived, err = yesNo(text)
		}
		if err != nil {
			bad(byColumn[i], err)
		}
	}
	switch {
	case archived:
		v.State = data.JiraArchived
	case released:
		v.State = data.JiraReleased
	}
	return v
}

// jiraVersionState reads a version's state as Jira's Releases page shows it.
func jiraVersionState(text string) (data.JiraVersionState, error) {
	switch normalHeader(text) {
	case "", "unreleased", "overdue", "open", "planned":
		return data.JiraUnreleased, nil
	case "released", "shipped":
		return data.JiraReleased, nil
	case "archived":
		return data.JiraArchived, nil
	}
	return data.JiraUnreleased, fmt.Errorf("%q is not a version state (use Released, Unreleased or Archived)", shortText(text, 40))
}

// yesNo reads a true/false column.
func yesNo(text string) (bool, error) {
	switch strings.ToLower(text) {
	case "", "false", "no", "n", "0":
		return false, nil
	case "true", "yes", "y", "1":
		return true, nil
	}
	return false, fmt.Errorf("%q is not true or false", shortText(text, 40))
}
