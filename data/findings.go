package data

import "slices"

// The rule book: every rule of the plan reports what it finds as a Finding,
// and every screen, the check command and the review workbook read those
// same findings instead of deciding anything themselves.

// Kinds of Finding: the rule a finding is about, and the first word of each
// line "releasedesk check" prints.
const (
	FindingIntegrity  = "integrity"  // stored data breaks a rule of the model
	FindingOverlap    = "overlap"    // two deployments share an environment at the same time
	FindingFreeze     = "freeze"     // a deployment planned inside a freeze window
	FindingOrder      = "order"      // Production before the earlier environments succeeded
	FindingDependency = "dependency" // a release reaches an environment before a release it requires is there
	FindingApproval   = "approval"   // a "go" without exactly one approving Accountable, or with a rejection
	FindingTests      = "tests"      // a "go" with failed regression tests
	FindingChecklist  = "checklist"  // a "go" with open readiness items
)

// FindingKinds lists every kind in the order check counts them and SPEC
// lists them, integrity first.
var FindingKinds = []string{FindingIntegrity, FindingOverlap, FindingFreeze, FindingOrder, FindingDependency,
	FindingApproval, FindingTests, FindingChecklist}

// kindRank orders findings of one instant as FindingKinds lists the kinds.
func kindRank(kind string) int { return slices.Index(FindingKinds, kind) }

// KindLabel names a kind in words for a screen: "Overlap", "Tests".
func KindLabel(kind string) string {
	if kind == "" {
		return "Warning"
	}
	return upperFirst(kind)
}

// Severity says how much a finding matters.
type Severity int

// Severities, from a rule that holds to a rule that is broken.
const (
	// SeverityProblem is a broken rule: check reports it, a go needs a
	// second yes and keeps it as a warning.
	SeverityProblem Severity = iota
	// SeverityNote is worth a look but blocks nothing (an Informed
	// person's missing answer never is one: they are not asked).
	SeverityNote
	// SeverityPass is a rule that holds, said in words; only a release's
	// readiness (the Go/no-go tab's list) carries these.
	SeverityPass
)

// Record names one stored record: its entity (the Entity* names of history)
// and id.
type Record struct {
	Entity string
	ID     uint
}

// Finding is one result of a rule: broken data, a conflict, a readiness
// problem, or (in a release's readiness) a rule that holds.
type Finding struct {
	// Kind is the rule, one of the Finding* constants.
	Kind string
	// Severity is how much it matters; the zero value is a problem.
	Severity Severity
	// Subject is the record the finding is about, so a screen can open it
	// (a release on the tab that shows it, a deployment, an approval...);
	// the zero Record means the database or the plan as a whole.
	Subject Record
	// Message says what is wrong (or right), in sentence case, naming the
	// releases and environment involved.
	Message string
	// Details are lines that stand behind the message (open items, failing
	// suites), for a screen that lists them under it.
	Details []string
	// ReleaseIDs are the releases involved, if any, the subject's first, so
	// a screen opens the release that holds the subject.
	ReleaseIDs []uint
	// EnvironmentID is the environment involved, or 0.
	EnvironmentID uint
	// Records are the other records involved (deployments, the freeze
	// window, approvals, checklist items, test runs, the decision), so a
	// screen can highlight them.
	Records []Record
}

// String is the finding as one line: "kind: message".
func (f Finding) String() string { return f.Kind + ": " + f.Message }

// IDs returns the ids of the records of entity involved in f, the subject
// included, in the order they were found.
func (f Finding) IDs(entity string) []uint {
	var out []uint
	if f.Subject.Entity == entity && f.Subject.ID != 0 {
		out = append(out, f.Subject.ID)
	}
	for _, r := range f.Records {
		if r.Entity == entity && !slices.Contains(out, r.ID) {
			out = append(out, r.ID)
		}
	}
	return out
}

// Involves reports whether record entity id takes part in f.
func (f Finding) Involves(entity string, id uint) bool {
	if entity == EntityRelease {
		return slices.Contains(f.ReleaseIDs, id)
	}
	if entity == EntityEnvironment {
		return f.EnvironmentID == id
	}
	return slices.Contains(f.IDs(entity), id)
}

// Problems keeps the findings that are problems, in order.
func Problems(fs []Finding) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Severity == SeverityProblem {
			out = append(out, f)
		}
	}
	return out
}

// recordsOf names ids as records of entity.
func recordsOf(entity string, ids ...uint) []Record {
	out := make([]Record, 0, len(ids))
	for _, id := range ids {
		out = append(out, Record{Entity: entity, ID: id})
	}
	return out
}
