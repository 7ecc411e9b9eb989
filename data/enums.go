package data

// ReleaseStatus is a step of the release lifecycle.
type ReleaseStatus string

// The release lifecycle: Draft -> Planned -> In progress -> Released |
// Rolled back | Cancelled; Rolled back -> Planned re-plans; any -> Cancelled.
const (
	StatusDraft      ReleaseStatus = "draft"
	StatusPlanned    ReleaseStatus = "planned"
	StatusInProgress ReleaseStatus = "in_progress"
	StatusReleased   ReleaseStatus = "released"
	StatusRolledBack ReleaseStatus = "rolled_back"
	StatusCancelled  ReleaseStatus = "cancelled"
)

// ReleaseStatuses lists every status in lifecycle order.
var ReleaseStatuses = []ReleaseStatus{StatusDraft, StatusPlanned, StatusInProgress, StatusReleased, StatusRolledBack, StatusCancelled}

var releaseStatusLabels = map[ReleaseStatus]string{
	StatusDraft: "Draft", StatusPlanned: "Planned", StatusInProgress: "In progress",
	StatusReleased: "Released", StatusRolledBack: "Rolled back", StatusCancelled: "Cancelled",
}

// Label is the status as a person reads it.
func (s ReleaseStatus) Label() string { return labelOr(releaseStatusLabels, s) }

// Valid reports whether s is a known status.
func (s ReleaseStatus) Valid() bool { _, ok := releaseStatusLabels[s]; return ok }

// CanMoveTo reports whether the lifecycle allows going from s to next.
func (s ReleaseStatus) CanMoveTo(next ReleaseStatus) bool {
	if s == next {
		return true
	}
	if next == StatusCancelled {
		return s != StatusCancelled
	}
	switch s {
	case StatusDraft:
		return next == StatusPlanned
	case StatusPlanned:
		return next == StatusInProgress
	case StatusInProgress:
		return next == StatusReleased || next == StatusRolledBack
	case StatusRolledBack:
		return next == StatusPlanned
	}
	return false
}

// NextStatuses lists the statuses s may move to, in lifecycle order, s itself first.
func (s ReleaseStatus) NextStatuses() []ReleaseStatus {
	out := []ReleaseStatus{s}
	for _, n := range ReleaseStatuses {
		if n != s && s.CanMoveTo(n) {
			out = append(out, n)
		}
	}
	return out
}

// ReleaseType classifies a release by the size of its change.
type ReleaseType string

// Release types.
const (
	TypeMajor     ReleaseType = "major"
	TypeMinor     ReleaseType = "minor"
	TypePatch     ReleaseType = "patch"
	TypeHotfix    ReleaseType = "hotfix"
	TypeEmergency ReleaseType = "emergency"
)

// ReleaseTypes lists every release type.
var ReleaseTypes = []ReleaseType{TypeMajor, TypeMinor, TypePatch, TypeHotfix, TypeEmergency}

var releaseTypeLabels = map[ReleaseType]string{
	TypeMajor: "Major", TypeMinor: "Minor", TypePatch: "Patch", TypeHotfix: "Hotfix", TypeEmergency: "Emergency",
}

// Label is the type as a person reads it.
func (t ReleaseType) Label() string { return labelOr(releaseTypeLabels, t) }

// Valid reports whether t is a known type.
func (t ReleaseType) Valid() bool { _, ok := releaseTypeLabels[t]; return ok }

// Risk is a release's assessed risk.
type Risk string

// Risk levels.
const (
	RiskLow    Risk = "low"
	RiskMedium Risk = "medium"
	RiskHigh   Risk = "high"
)

// Risks lists every risk level, lowest first.
var Risks = []Risk{RiskLow, RiskMedium, RiskHigh}

var riskLabels = map[Risk]string{RiskLow: "Low", RiskMedium: "Medium", RiskHigh: "High"}

// Label is the risk as a person reads it.
func (r Risk) Label() string { return labelOr(riskLabels, r) }

// Valid reports whether r is a known risk level.
func (r Risk) Valid() bool { _, ok := riskLabels[r]; return ok }

// EnvironmentKind says what an environment is for.
type EnvironmentKind string

// Environment kinds.
const (
	KindDevelopment EnvironmentKind = "development"
	KindTest        EnvironmentKind = "test"
	KindUAT         EnvironmentKind = "uat"
	KindStaging     EnvironmentKind = "staging"
	KindProduction  EnvironmentKind = "production"
)

// EnvironmentKinds lists every kind in the usual promotion order.
var EnvironmentKinds = []EnvironmentKind{KindDevelopment, KindTest, KindUAT, KindStaging, KindProduction}

var envKindLabels = map[EnvironmentKind]string{
	KindDevelopment: "Development", KindTest: "Test", KindUAT: "UAT", KindStaging: "Staging", KindProduction: "Production",
}

// Label is the kind as a person reads it.
func (k EnvironmentKind) Label() string { return labelOr(envKindLabels, k) }

// Valid reports whether k is a known kind.
func (k EnvironmentKind) Valid() bool { _, ok := envKindLabels[k]; return ok }

// Outcome is how a deployment went.
type Outcome string

// Deployment outcomes.
const (
	OutcomePlanned    Outcome = "planned"
	OutcomeInProgress Outcome = "in_progress"
	OutcomeSucceeded  Outcome = "succeeded"
	OutcomeFailed     Outcome = "failed"
	OutcomeRolledBack Outcome = "rolled_back"
)

// Outcomes lists every outcome.
var Outcomes = []Outcome{OutcomePlanned, OutcomeInProgress, OutcomeSucceeded, OutcomeFailed, OutcomeRolledBack}

var outcomeLabels = map[Outcome]string{
	OutcomePlanned: "Planned", OutcomeInProgress: "In progress", OutcomeSucceeded: "Succeeded",
	OutcomeFailed: "Failed", OutcomeRolledBack: "Rolled back",
}

// Label is the outcome as a person reads it.
func (o Outcome) Label() string { return labelOr(outcomeLabels, o) }

// Valid reports whether o is a known outcome.
func (o Outcome) Valid() bool { _, ok := outcomeLabels[o]; return ok }

// Finished reports whether the deployment has ended, well or badly.
func (o Outcome) Finished() bool {
	return o == OutcomeSucceeded || o == OutcomeFailed || o == OutcomeRolledBack
}

// RACIRole is a stakeholder's part in a release.
type RACIRole string

// RACI roles.
const (
	RoleResponsible RACIRole = "R"
	RoleAccountable RACIRole = "A"
	RoleConsulted   RACIRole = "C"
	RoleInformed    RACIRole = "I"
)

// RACIRoles lists the roles in RACI order.
var RACIRoles = []RACIRole{RoleResponsible, RoleAccountable, RoleConsulted, RoleInformed}

var raciLabels = map[RACIRole]string{
	RoleResponsible: "Responsible", RoleAccountable: "Accountable", RoleConsulted: "Consulted", RoleInformed: "Informed",
}

// Label is the role as a person reads it.
func (r RACIRole) Label() string { return labelOr(raciLabels, r) }

// Valid reports whether r is a known role.
func (r RACIRole) Valid() bool { _, ok := raciLabels[r]; return ok }

// Approval is a stakeholder's sign-off on a release.
type Approval string

// Approval states.
const (
	ApprovalPending  Approval = "pending"
	ApprovalApproved Approval = "approved"
	ApprovalRejected Approval = "rejected"
)

// Approvals lists every approval state.
var Approvals = []Approval{ApprovalPending, ApprovalApproved, ApprovalRejected}

var approvalLabels = map[Approval]string{ApprovalPending: "Pending", ApprovalApproved: "Approved", ApprovalRejected: "Rejected"}

// Label is the approval as a person reads it.
func (a Approval) Label() string { return labelOr(approvalLabels, a) }

// Valid reports whether a is a known approval state.
func (a Approval) Valid() bool { _, ok := approvalLabels[a]; return ok }

// ChecklistCategory groups checklist items.
type ChecklistCategory string

// Checklist categories.
const (
	CategoryReadiness     ChecklistCategory = "readiness"
	CategoryRegression    ChecklistCategory = "regression_test"
	CategoryCommunication ChecklistCategory = "communication"
	CategoryBackout       ChecklistCategory = "backout_plan"
)

// ChecklistCategories lists every category.
var ChecklistCategories = []ChecklistCategory{CategoryReadiness, CategoryRegression, CategoryCommunication, CategoryBackout}

var categoryLabels = map[ChecklistCategory]string{
	CategoryReadiness: "Readiness", CategoryRegression: "Regression test",
	CategoryCommunication: "Communication", CategoryBackout: "Backout plan",
}

// Label is the category as a person reads it.
func (c ChecklistCategory) Label() string { return labelOr(categoryLabels, c) }

// Valid reports whether c is a known category.
func (c ChecklistCategory) Valid() bool { _, ok := categoryLabels[c]; return ok }

// Decision is the outcome of a go/no-go meeting.
type Decision string

// Go/no-go decisions.
const (
	DecisionGo       Decision = "go"
	DecisionNoGo     Decision = "no_go"
	DecisionDeferred Decision = "deferred"
)

// Decisions lists every decision.
var Decisions = []Decision{DecisionGo, DecisionNoGo, DecisionDeferred}

var decisionLabels = map[Decision]string{DecisionGo: "Go", DecisionNoGo: "No-go", DecisionDeferred: "Deferred"}

// Label is the decision as a person reads it.
func (d Decision) Label() string { return labelOr(decisionLabels, d) }

// Valid reports whether d is a known decision.
func (d Decision) Valid() bool { _, ok := decisionLabels[d]; return ok }

// Verdict is a post-release review's judgement.
type Verdict string

// Review verdicts.
const (
	VerdictSuccessful   Verdict = "successful"
	VerdictWithIssues   Verdict = "successful_with_issues"
	VerdictUnsuccessful Verdict = "unsuccessful"
)

// Verdicts lists every verdict.
var Verdicts = []Verdict{VerdictSuccessful, VerdictWithIssues, VerdictUnsuccessful}

var verdictLabels = map[Verdict]string{
	VerdictSuccessful: "Successful", VerdictWithIssues: "Successful with issues", VerdictUnsuccessful: "Unsuccessful",
}

// Label is the verdict as a person reads it.
func (v Verdict) Label() string { return labelOr(verdictLabels, v) }

// Valid reports whether v is a known verdict.
func (v Verdict) Valid() bool { _, ok := verdictLabels[v]; return ok }

// ActionStatus is the state of a review's action item.
type ActionStatus string

// Action item states.
const (
	ActionOpen    ActionStatus = "open"
	ActionDone    ActionStatus = "done"
	ActionDropped ActionStatus = "dropped"
)

// ActionStatuses lists every action state.
var ActionStatuses = []ActionStatus{ActionOpen, ActionDone, ActionDropped}

var actionLabels = map[ActionStatus]string{ActionOpen: "Open", ActionDone: "Done", ActionDropped: "Dropped"}

// Label is the action state as a person reads it.
func (a ActionStatus) Label() string { return labelOr(actionLabels, a) }

// Valid reports whether a is a known action state.
func (a ActionStatus) Valid() bool { _, ok := actionLabels[a]; return ok }

func labelOr[K ~string](labels map[K]string, k K) string {
	if l, ok := labels[k]; ok {
		return l
	}
	return string(k)
}
