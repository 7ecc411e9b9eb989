package data

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Readiness is where a release stands against the go/no-go rules, for the
// editor's Go/no-go tab and for the warnings kept with a decision.
type Readiness struct {
	// Findings has the Go/no-go tab's lines, one rule after the other
	// (approval, checklist, tests, then the deployment rules): a pass where
	// a rule holds, otherwise its problems and notes.
	Findings []Finding
	// Problems has the message of each problem among Findings; a go
	// decision keeps them as its warnings.
	Problems []string
}

// Ready reports whether every rule passes, so "go" needs no warning.
func (r Readiness) Ready() bool { return len(r.Problems) == 0 }

// Readiness checks release id against the go/no-go rules: exactly one
// Accountable stakeholder who approved, no rejected approval, no failing
// latest test run, no open readiness item and no deployment conflict.
func (s *Store) Readiness(ctx context.Context, id uint) (Readiness, error) {
	if err := s.read(ctx).Select("id").First(&Release{}, id).Error; err != nil {
		return Readiness{}, notFound(err, "release", id)
	}
	envs, err := s.Environments(ctx)
	if err != nil {
		return Readiness{}, err
	}
	all, err := s.loadReleaseFacts(ctx, []uint{id})
	if err != nil {
		return Readiness{}, err
	}
	facts := all[id]
	cs, err := s.releaseDeploymentConflicts(ctx, id)
	if err != nil {
		return Readiness{}, err
	}
	// Another release's deployment coming before this one is there is that
	// release's problem, not a reason to hold this one back.
	cs = slices.DeleteFunc(cs, func(c conflict) bool {
		return c.finding.Kind == FindingDependency && c.finding.ReleaseIDs[0] != id
	})
	var r Readiness
	for _, p := range facts.readinessProblems(id, envs) {
		r.Findings = append(r.Findings, p.finding(id, upperFirst(p.clause)))
	}
	r.Findings = facts.withNotesAndPasses(id, envs, r.Findings)
	r.Findings = append(r.Findings, deploymentRuleLines(id, findingsOf(cs))...)
	for _, f := range r.Findings {
		if f.Severity == SeverityProblem {
			r.Problems = append(r.Problems, f.Message)
		}
	}
	return r, nil
}

// AskedToSignOff reports whether a role is asked for an approval: every
// role but Informed, who are told, not asked.
func AskedToSignOff(role RACIRole) bool { return role != RoleInformed }

// readinessProblem is a go/no-go rule a release breaks, said as a clause
// that reads after "while" ("no Accountable stakeholder is named"), so the
// Go/no-go tab and the findings on a "go" word it alike.
type readinessProblem struct {
	kind    string
	clause  string
	subject Record
	records []Record
	envID   uint
	details []string
}

// finding turns p into a problem finding about release id with message.
func (p readinessProblem) finding(id uint, message string) Finding {
	return Finding{Kind: p.kind, Severity: SeverityProblem, Subject: p.subject, Message: message, Details: p.details,
		ReleaseIDs: []uint{id}, EnvironmentID: p.envID, Records: p.records}
}

// readinessProblems applies the go/no-go rules to one release's facts:
//   - approval: exactly one Accountable is named and has approved, and
//     nobody asked to sign off (every role but Informed) has rejected it;
//   - tests: the latest run of each suite on each environment passes (one
//     problem per environment with failures);
//   - checklist: every readiness item is done.
func (f *releaseFacts) readinessProblems(id uint, envs []Environment) []readinessProblem {
	release := Record{Entity: EntityRelease, ID: id}
	var out []readinessProblem
	var accountable []ReleaseStakeholder
	for _, rs := range f.stakeholders {
		if rs.Role == RoleAccountable {
			accountable = append(accountable, rs)
		}
	}
	switch n := len(accountable); {
	case n == 0:
		out = append(out, readinessProblem{kind: FindingApproval, clause: "no Accountable stakeholder is named", subject: release})
	case n > 1:
		p := readinessProblem{kind: FindingApproval, subject: release,
			clause: fmt.Sprintf("%d Accountable stakeholders are named (%s); exactly one is needed", n, strings.Join(stakeholderNames(accountable), ", "))}
		for _, a := range accountable {
			p.records = append(p.records, Record{Entity: EntityReleaseStakeholder, ID: a.ID})
			p.details = append(p.details, a.Stakeholder.Name+" ("+strings.ToLower(a.Approval.Label())+")")
		}
		out = append(out, p)
	}
	for _, rs := range f.stakeholders {
		if !AskedToSignOff(rs.Role) {
			continue
		}
		signOff := Record{Entity: EntityReleaseStakeholder, ID: rs.ID}
		comment := strings.TrimSpace(rs.ApprovalComment)
		switch {
		case rs.Role == RoleAccountable && rs.Approval == ApprovalPending:
			out = append(out, readinessProblem{kind: FindingApproval, clause: "Accountable " + rs.Stakeholder.Name + " has not approved yet", subject: signOff})
		case rs.Role == RoleAccountable && rs.Approval == ApprovalRejected:
			out = append(out, readinessProblem{kind: FindingApproval, clause: "Accountable " + rs.Stakeholder.Name + " rejected the release" + colonThen(comment), subject: signOff})
		case rs.Approval == ApprovalRejected:
			out = append(out, readinessProblem{kind: FindingApproval,
				clause: "rejected by " + rs.Stakeholder.Name + " (" + rs.Role.Label() + ")" + colonThen(comment), subject: signOff})
		}
	}
	failing := f.failing(envs)
	for i := 0; i < len(failing); {
		envID := failing[i].EnvironmentID
		p := readinessProblem{kind: FindingTests, envID: envID, subject: Record{Entity: EntityTestRun, ID: failing[i].ID}}
		var suites []string
		for ; i < len(failing) && failing[i].EnvironmentID == envID; i++ {
			suites = append(suites, fmt.Sprintf("%s (%d failed)", failing[i].Suite, failing[i].Failed))
			p.records = append(p.records, Record{Entity: EntityTestRun, ID: failing[i].ID})
		}
		p.clause, p.details = "tests fail on "+environmentName(envs, envID)+": "+strings.Join(suites, ", "), suites
		out = append(out, p)
	}
	if open := f.openReadiness(); len(open) > 0 {
		p := readinessProblem{kind: FindingChecklist, clause: openItemsText(open), subject: Record{Entity: EntityChecklistItem, ID: open[0].ID}}
		for _, c := range open {
			p.records = append(p.records, Record{Entity: EntityChecklistItem, ID: c.ID})
			p.details = append(p.details, itemLine(c))
		}
		out = append(out, p)
	}
	return out
}

// withNotesAndPasses puts the notes and passes of the go/no-go rules among
// problems, rule by rule, in the order the Go/no-go tab lists them.
func (f *releaseFacts) withNotesAndPasses(id uint, envs []Environment, problems []Finding) []Finding {
	release := Record{Entity: EntityRelease, ID: id}
	of := func(kind string) []Finding {
		return slices.DeleteFunc(slices.Clone(problems), func(p Finding) bool { return p.Kind != kind })
	}
	line := func(kind string, sev Severity, subject Record, msg string, details ...string) Finding {
		return Finding{Kind: kind, Severity: sev, Subject: subject, Message: msg, Details: details, ReleaseIDs: []uint{id}}
	}
	var out []Finding

	approvals := of(FindingApproval)
	var accountable, waiting []ReleaseStakeholder
	for _, rs := range f.stakeholders {
		if rs.Role == RoleAccountable {
			accountable = append(accountable, rs)
		} else if AskedToSignOff(rs.Role) && rs.Approval == ApprovalPending {
			waiting = append(waiting, rs)
		}
	}
	if len(accountable) == 1 && accountable[0].Approval == ApprovalApproved {
		a := accountable[0]
		msg := "Accountable " + a.Stakeholder.Name + " approved"
		if a.ApprovedAt != nil {
			msg += " on " + shownTime(*a.ApprovedAt)
		}
		out = append(out, line(FindingApproval, SeverityPass, Record{Entity: EntityReleaseStakeholder, ID: a.ID}, msg))
	}
	out = append(out, approvals...)
	rejected := slices.ContainsFunc(f.stakeholders, func(rs ReleaseStakeholder) bool {
		return AskedToSignOff(rs.Role) && rs.Approval == ApprovalRejected
	})
	switch {
	case len(waiting) > 0:
		names := make([]string, len(waiting))
		for i, rs := range waiting {
			names[i] = rs.Stakeholder.Name + " (" + rs.Role.Label() + ")"
		}
		note := line(FindingApproval, SeverityNote, Record{Entity: EntityReleaseStakeholder, ID: waiting[0].ID},
			upperFirst(countNoun(len(waiting), "other approval", "other approvals"))+" still pending; not required for go", names...)
		note.Records = recordsOf(EntityReleaseStakeholder, stakeholderIDs(waiting)...)
		out = append(out, note)
	case !rejected:
		out = append(out, line(FindingApproval, SeverityPass, release, "No approval is pending or rejected"))
	}

	if checklist := of(FindingChecklist); len(checklist) > 0 {
		out = append(out, checklist...)
	} else {
		out = append(out, line(FindingChecklist, SeverityPass, release, "Every readiness item is done"))
	}
	var others []ChecklistItem
	for _, c := range f.open {
		if c.Category != CategoryReadiness {
			others = append(others, c)
		}
	}
	if len(others) > 0 {
		titles := make([]string, len(others))
		for i, c := range others {
			titles[i] = c.Category.Label() + ": " + itemLine(c)
		}
		note := line(FindingChecklist, SeverityNote, Record{Entity: EntityChecklistItem, ID: others[0].ID},
			upperFirst(countNoun(len(others), "other checklist item", "other checklist items"))+" open; only readiness items block go", titles...)
		for _, c := range others {
			note.Records = append(note.Records, Record{Entity: EntityChecklistItem, ID: c.ID})
		}
		out = append(out, note)
	}

	tested := map[uint]bool{}
	for _, r := range f.latestRuns {
		tested[r.EnvironmentID] = true
	}
	switch tests := of(FindingTests); {
	case len(tests) > 0:
		out = append(out, tests...)
	case len(tested) == 0:
		out = append(out, line(FindingTests, SeverityNote, release, "No test runs are recorded yet"))
	default:
		out = append(out, line(FindingTests, SeverityPass, release, "Latest test runs pass on "+countNoun(len(tested), "environment", "environments")))
	}
	return out
}

// deploymentRuleLines are the deployment rules' part of a release's
// readiness: each conflict, or a pass for a rule with none.
func deploymentRuleLines(id uint, conflicts []Finding) []Finding {
	passes := []struct{ kind, text string }{
		{FindingOverlap, "No deployment overlaps another on its environment"},
		{FindingFreeze, "No deployment falls in a freeze window"},
		{FindingOrder, "Production comes after the earlier environments"},
		{FindingDependency, "No deployment comes before a release it requires"},
	}
	var out []Finding
	for _, p := range passes {
		n := len(out)
		for _, c := range conflicts {
			if c.Kind == p.kind {
				out = append(out, c)
			}
		}
		if len(out) == n {
			out = append(out, Finding{Kind: p.kind, Severity: SeverityPass, Subject: Record{Entity: EntityRelease, ID: id},
				Message: p.text, ReleaseIDs: []uint{id}})
		}
	}
	return out
}

// openReadiness returns the open items of the readiness category.
func (f *releaseFacts) openReadiness() []ChecklistItem {
	var out []ChecklistItem
	for _, c := range f.open {
		if c.Category == CategoryReadiness {
			out = append(out, c)
		}
	}
	return out
}

// itemLine names an open item with its due day: "Runbook reviewed (due 2026-06-18)".
func itemLine(c ChecklistItem) string {
	if c.Due.IsZero() {
		return c.Title
	}
	return c.Title + " (due " + c.Due.String() + ")"
}

// openItemsText says how many readiness items are open and names the first few.
func openItemsText(items []ChecklistItem) string {
	const shown = 3
	titles := make([]string, 0, shown)
	for i, c := range items {
		if i == shown {
			titles = append(titles, fmt.Sprintf("and %d more", len(items)-shown))
			break
		}
		titles = append(titles, c.Title)
	}
	verb := " are open: "
	if len(items) == 1 {
		verb = " is open: "
	}
	return countNoun(len(items), "readiness item", "readiness items") + verb + strings.Join(titles, ", ")
}

// countNoun writes n with its noun: "1 readiness item", "3 readiness items".
func countNoun(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// colonThen is ": text", or "" when text is empty.
func colonThen(text string) string {
	if text == "" {
		return ""
	}
	return ": " + text
}

// upperFirst starts s with a capital letter: the sentence case of a clause.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func stakeholderNames(rs []ReleaseStakeholder) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Stakeholder.Name
	}
	return out
}

func stakeholderIDs(rs []ReleaseStakeholder) []uint {
	out := make([]uint, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func environmentName(envs []Environment, id uint) string {
	for _, e := range envs {
		if e.ID == id {
			return e.Name
		}
	}
	return fmt.Sprintf("environment %d", id)
}
