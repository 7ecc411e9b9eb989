package data

import (
	"fmt"
	"slices"
	"strings"
)

// integrityEnum is a column whose values come from a fixed list.
type integrityEnum struct {
	table, column, what string
	valid               []string
	perRelease          string // how a row of a release is named ("deployment"), "" when the table has no release
}

func integrityValues[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// enumRules: every status, kind, role and outcome is one the program knows.
func (ic *integrityRun) enumRules() error {
	enums := integrityEnums()
	// One query a table: the enums of a table come together in the list.
	for len(enums) > 0 {
		n := 1
		for n < len(enums) && enums[n].table == enums[0].table {
			n++
		}
		if err := ic.enumTable(enums[:n]); err != nil {
			return err
		}
		enums = enums[n:]
	}
	return nil
}

// integrityEnums lists the columns whose values come from a fixed list.
func integrityEnums() []integrityEnum {
	return []integrityEnum{
		{"releases", "status", "status", integrityValues(ReleaseStatuses), ""},
		{"releases", "type", "type", integrityValues(ReleaseTypes), ""},
		{"releases", "risk", "risk", integrityValues(Risks), ""},
		{"environments", "kind", "kind", integrityValues(EnvironmentKinds), ""},
		{"deployments", "outcome", "outcome", integrityValues(Outcomes), "deployment"},
		{"release_stakeholders", "role", "RACI role", integrityValues(RACIRoles), "stakeholder assignment"},
		{"release_stakeholders", "approval", "approval", integrityValues(Approvals), "stakeholder assignment"},
		{"checklist_items", "category", "category", integrityValues(ChecklistCategories), "checklist item"},
		{"go_decisions", "decision", "decision", integrityValues(Decisions), "go/no-go decision"},
		{"reviews", "verdict", "verdict", integrityValues(Verdicts), "review"},
		{"reviews", "objectives_met", "answer to objectives met", integrityValues(ObjectivesOptions), "review"},
		{"action_items", "status", "status", integrityValues(ActionStatuses), ""},
	}
}

// enumTable checks the enums of one table (at most three) in one pass.
func (ic *integrityRun) enumTable(enums []integrityEnum) error {
	e := enums[0]
	var rows []struct {
		ID         uint
		ReleaseID  uint
		V0, V1, V2 string
	}
	release, owner := "0", ""
	switch {
	case e.table == "releases":
		release, owner = "id", "id"
	case e.perRelease != "":
		release, owner = "release_id", "release_id"
	}
	q := ic.db.Table(e.table)
	switch {
	case owner != "":
		q = ic.scope.rows(q, owner)
	case e.table == "action_items":
		if ic.scope.narrowed() {
			q = q.Where("review_id IN (?)", ic.scope.rows(ic.db.Table("reviews").Select("id"), "release_id"))
		}
	case ic.scope.release != 0:
		return nil // environments belong to no release
	}
	cols := []string{"id", release + " AS release_id"}
	var conds []string
	var args []any
	for i, en := range enums {
		cols = append(cols, fmt.Sprintf("%s AS v%d", en.column, i))
		conds = append(conds, en.column+" NOT IN ?")
		args = append(args, en.valid)
	}
	if err := q.Select(strings.Join(cols, ", ")).Where(strings.Join(conds, " OR "), args...).Order("id").Scan(&rows).Error; err != nil {
		return err
	}
	for i, en := range enums {
		for _, r := range rows {
			value := [...]string{r.V0, r.V1, r.V2}[i]
			if slices.Contains(en.valid, value) {
				continue
			}
			var subject string
			var ids []uint
			switch {
			case en.table == "releases":
				subject, ids = ic.release(r.ID), []uint{r.ID}
			case en.perRelease != "":
				subject, ids = fmt.Sprintf("%s %s #%d", ic.release(r.ReleaseID), en.perRelease, r.ID), []uint{r.ReleaseID}
			case en.table == "environments":
				subject = "environment " + ic.env(r.ID)
			default:
				subject = fmt.Sprintf("%s #%d", strings.TrimSuffix(strings.ReplaceAll(en.table, "_", " "), "s"), r.ID)
			}
			ic.add(Record{Entity: entityOfTable(en.table), ID: r.ID}, 0, ids, "%s has an unknown %s %q", subject, en.what, value)
		}
	}
	return nil
}
