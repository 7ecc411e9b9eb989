package data

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"
)

// Every free-text field has a limit, counted in characters (Unicode code
// points). The store refuses longer text, so the command line and imports
// are held to it too, and the window flags it next to the field. Long text
// is capped where Fyne's wrapped entries still lay it out without a pause
// (see BenchmarkEntryLayout in views); short text where the column's size is.
const (
	// MaxNameLength holds names of products, people, teams, suites, freeze windows and owners.
	MaxNameLength = 120
	// MaxEnvironmentNameLength holds an environment's name.
	MaxEnvironmentNameLength = 80
	// MaxVersionLength holds a release's version.
	MaxVersionLength = 40
	// MaxReferenceLength holds change references, builds and restored versions.
	MaxReferenceLength = 80
	// MaxTitleLength holds titles of releases, checklist items and action items, and job titles.
	MaxTitleLength = 200
	// MaxEmailLength holds an email address.
	MaxEmailLength = 200
	// MaxNoteLength holds descriptions, notes, reasons, comments and review texts.
	MaxNoteLength = 4000
	// MaxWarningsLength holds the readiness warnings kept with a go/no-go decision.
	MaxWarningsLength = 8000
)

// TextLimit is the limit of one free-text field.
type TextLimit struct {
	// Model and Field name the field as the store's errors do: "Release", "Description".
	Model, Field string
	// Max is the most characters the field may hold; 0 marks text the store
	// writes itself from other limited fields (history, a re-plan's reason).
	Max int
}

// TextLimits lists the limit of every free-text field of every model; the
// README's table of limits is this one.
var TextLimits = []TextLimit{
	{"Product", "Name", MaxNameLength},
	{"Product", "Description", MaxNoteLength},
	{"Environment", "Name", MaxEnvironmentNameLength},
	{"Environment", "Description", MaxNoteLength},
	{"Release", "Version", MaxVersionLength},
	{"Release", "Title", MaxTitleLength},
	{"Release", "Description", MaxNoteLength},
	{"Release", "RiskNotes", MaxNoteLength},
	{"Release", "Owner", MaxNameLength},
	{"Release", "ChangeRef", MaxReferenceLength},
	{"Deployment", "Build", MaxReferenceLength},
	{"Deployment", "PerformedBy", MaxNameLength},
	{"Deployment", "Notes", MaxNoteLength},
	{"Rollback", "Reason", MaxNoteLength},
	{"Rollback", "RestoredVersion", MaxReferenceLength},
	{"Rollback", "DetectedBy", MaxNameLength},
	{"Stakeholder", "Name", MaxNameLength},
	{"Stakeholder", "Email", MaxEmailLength},
	{"Stakeholder", "Team", MaxNameLength},
	{"Stakeholder", "Title", MaxTitleLength},
	{"ReleaseStakeholder", "ApprovalComment", MaxNoteLength},
	{"ChecklistItem", "Title", MaxTitleLength},
	{"ChecklistItem", "Owner", MaxNameLength},
	{"TestRun", "Suite", MaxNameLength},
	{"TestRun", "Notes", MaxNoteLength},
	{"FreezeWindow", "Name", MaxNameLength},
	{"FreezeWindow", "Reason", MaxNoteLength},
	{"GoDecision", "Attendees", MaxNoteLength},
	{"GoDecision", "Conditions", MaxNoteLength},
	{"GoDecision", "Notes", MaxNoteLength},
	{"GoDecision", "Warnings", MaxWarningsLength},
	{"Review", "Facilitator", MaxNameLength},
	{"Review", "Summary", MaxNoteLength},
	{"Review", "WentWell", MaxNoteLength},
	{"Review", "WentBadly", MaxNoteLength},
	{"Review", "Lessons", MaxNoteLength},
	{"ActionItem", "Title", MaxTitleLength},
	{"ActionItem", "Owner", MaxNameLength},
	{"WorkItem", "Key", MaxWorkItemKey},
	{"WorkItem", "Summary", MaxWorkItemSummary},
	{"WorkItem", "Component", MaxWorkItemComponent},
	{"WorkItem", "Link", MaxWorkItemLink},
	{"WorkItem", "Notes", MaxWorkItemNotes},
	{"Dependency", "Note", MaxDependencyNote},
	{"Release", "ReplanReason", MaxReplanReason},
	{"Replan", "Reason", 0},
	{"History", "Entity", 0},
	{"History", "Action", 0},
	{"History", "Field", 0},
	{"History", "OldValue", 0},
	{"History", "NewValue", 0},
	{"History", "Who", 0}, // Store.SetWho cuts it to a person's name
}

// textLimits indexes TextLimits by model and field.
var textLimits = func() map[[2]string]int {
	m := make(map[[2]string]int, len(TextLimits))
	for _, l := range TextLimits {
		m[[2]string{l.Model, l.Field}] = l.Max
	}
	return m
}()

// TextLimitOf is the limit of model's field, or 0 when it has none.
func TextLimitOf(model, field string) int { return textLimits[[2]string{model, field}] }

// limits adds a problem for each plain-text field of the model v points to
// that is longer than its limit.
func (p *problems) limits(v any) {
	for field, n := range overLimit(v) {
		p.add(field, "is longer than %d characters", n)
	}
}

// overLimit maps each plain-text field of the model v points to that is
// longer than its limit to that limit.
func overLimit(v any) map[string]int {
	rv := reflect.Indirect(reflect.ValueOf(v))
	rt := rv.Type()
	var over map[string]int
	for i := range rt.NumField() {
		f := rt.Field(i)
		if f.Type.Kind() != reflect.String || f.Type.PkgPath() != "" {
			continue // enums are their own named types, checked by Valid
		}
		limit := TextLimitOf(rt.Name(), f.Name)
		if limit > 0 && utf8.RuneCountInString(rv.Field(i).String()) > limit {
			if over == nil {
				over = map[string]int{}
			}
			over[f.Name] = limit
		}
	}
	return over
}

// limitTables are the tables of the models with limited text, and the
// column naming each row's release ("" when the model belongs to none).
var limitTables = []struct{ model, table, release string }{
	{"Product", "products", ""}, {"Environment", "environments", ""}, {"Release", "releases", "id"},
	{"Deployment", "deployments", "release_id"}, {"Rollback", "rollbacks", ""}, {"Stakeholder", "stakeholders", ""},
	{"ReleaseStakeholder", "release_stakeholders", "release_id"}, {"ChecklistItem", "checklist_items", "release_id"},
	{"TestRun", "test_runs", "release_id"}, {"FreezeWindow", "freeze_windows", ""},
	{"GoDecision", "go_decisions", "release_id"}, {"Review", "reviews", "release_id"}, {"ActionItem", "action_items", ""},
	{"WorkItem", "work_items", "release_id"}, {"Dependency", "dependencies", "release_id"},
}

// transientFields are limited fields the store reads but never keeps as
// they are (a re-plan's reason is kept in its own row).
var transientFields = map[[2]string]bool{{"Release", "ReplanReason"}: true}

// CheckTextLimits finds stored text longer than its field's limit, which an
// older Release Desk or a hand edit may have left, as integrity findings.
// The window shows such text cut to the limit, flagged; saving the record
// keeps what is shown, and its history keeps the whole old value.
func CheckTextLimits(ctx context.Context, s *Store) ([]Finding, error) {
	db := s.read(ctx)
	var out []Finding
	for _, t := range limitTables {
		var fields []TextLimit
		for _, l := range TextLimits {
			if l.Model == t.model && l.Max > 0 && !transientFields[[2]string{l.Model, l.Field}] {
				fields = append(fields, l)
			}
		}
		lengths, over := make([]string, len(fields)), make([]string, len(fields))
		args := make([]any, len(fields))
		for i, l := range fields {
			column := db.NamingStrategy.ColumnName("", l.Field)
			// length() counts the characters of text, as the limit does.
			lengths[i] = "length(" + column + ")"
			over[i] = lengths[i] + " > ?"
			args[i] = l.Max
		}
		release := "0"
		if t.release != "" {
			release = t.release
		}
		rows, err := db.Raw(fmt.Sprintf("SELECT id, %s, %s FROM %s WHERE %s ORDER BY id",
			release, strings.Join(lengths, ", "), t.table, strings.Join(over, " OR ")), args...).Rows()
		if err != nil {
			return nil, fmt.Errorf("look for oversize text in %s: %w", t.table, err)
		}
		found, err := oversizeRows(rows, t.model, fields)
		if err != nil {
			return nil, fmt.Errorf("look for oversize text in %s: %w", t.table, err)
		}
		out = append(out, found...)
	}
	return nameOversize(ctx, s, out)
}

// oversizeRows turns rows of (id, release id, lengths...) into findings
// whose messages still lack the record's name.
func oversizeRows(rows *sql.Rows, model string, fields []TextLimit) ([]Finding, error) {
	defer rows.Close()
	var out []Finding
	for rows.Next() {
		var id, releaseID uint
		lengths := make([]sql.NullInt64, len(fields))
		dest := []any{&id, &releaseID}
		for i := range lengths {
			dest = append(dest, &lengths[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		for i, l := range fields {
			if n := int(lengths[i].Int64); n > l.Max {
				f := Finding{Kind: FindingIntegrity, Message: fmt.Sprintf("%s #%d: %s is %d characters, over its limit of %d; the window shows only the first %d",
					model, id, l.Field, n, l.Max, l.Max)}
				if releaseID != 0 {
					f.ReleaseIDs = []uint{releaseID}
				}
				out = append(out, f)
			}
		}
	}
	return out, rows.Err()
}

// nameOversize puts the release a finding belongs to in front of its message.
func nameOversize(ctx context.Context, s *Store, findings []Finding) ([]Finding, error) {
	names := map[uint]string{}
	for i, f := range findings {
		if len(f.ReleaseIDs) == 0 {
			continue
		}
		id := f.ReleaseIDs[0]
		if _, ok := names[id]; !ok {
			r, err := s.Release(ctx, id)
			if err != nil {
				names[id] = fmt.Sprintf("release #%d", id)
			} else {
				names[id] = r.Name()
			}
		}
		// A release's own fields need no "Release #N" after its name.
		msg, _ := strings.CutPrefix(f.Message, fmt.Sprintf("Release #%d: ", id))
		findings[i].Message = names[id] + ": " + msg
	}
	return findings, nil
}
