package data

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func (w *rulesWorld) rulesDecide(r Release, d Decision, at time.Time) {
	w.rulesInsert(&GoDecision{ReleaseID: r.ID, Decision: d, DecidedAt: at})
}

func (w *rulesWorld) rulesRole(r Release, st Stakeholder, role RACIRole, a Approval) {
	w.rulesInsert(&ReleaseStakeholder{ReleaseID: r.ID, StakeholderID: st.ID, Role: role, Approval: a})
}

func (w *rulesWorld) rulesRun(r Release, e Environment, suite string, failed int, at time.Time) {
	w.rulesInsert(&TestRun{ReleaseID: r.ID, EnvironmentID: e.ID, Suite: suite, Passed: 40, Failed: failed, RunAt: at})
}

func (w *rulesWorld) rulesItem(r Release, c ChecklistCategory, title string, done bool) {
	w.rulesInsert(&ChecklistItem{ReleaseID: r.ID, Category: c, Title: title, Done: done})
}

// rulesReady gives a release everything a clean "go" needs.
func (w *rulesWorld) rulesReady(r Release) {
	w.rulesRole(r, w.ann, RoleAccountable, ApprovalApproved)
	w.rulesRun(r, w.qa, "regression", 0, rulesAt(5, 10, 0))
	w.rulesItem(r, CategoryReadiness, "Runbook reviewed", true)
	w.rulesDecide(r, DecisionGo, rulesAt(6, 15, 0))
}

func TestReadiness(t *testing.T) {
	tests := []struct {
		name     string
		build    func(w *rulesWorld)
		problems []string // each line must start with the given text, in order
		check    func(t *testing.T, r Readiness)
	}{
		{"ready", func(w *rulesWorld) {
			w.rulesReady(w.payRel)
			w.rulesRole(w.payRel, w.dave, RoleInformed, ApprovalPending) // the Informed are not asked
		}, nil, func(t *testing.T, r Readiness) {
			pass := findingsOfKind(r, FindingApproval, SeverityPass)
			if !r.Ready() || len(pass) != 2 || pass[0].Message != "Accountable Ann Lee approved" ||
				len(findingsOfKind(r, FindingApproval, SeverityNote)) != 0 {
				t.Errorf("readiness %+v, want ready with Ann Lee's approval and no pending one", r.Findings)
			}
		}},
		{"nobody named", func(w *rulesWorld) {}, []string{"No Accountable stakeholder is named"}, nil},
		{"two Accountables", func(w *rulesWorld) {
			w.rulesRole(w.payRel, w.ann, RoleAccountable, ApprovalApproved)
			w.rulesRole(w.payRel, w.bob, RoleAccountable, ApprovalApproved)
		}, []string{"2 Accountable stakeholders are named (Ann Lee, Bob Stone); exactly one is needed"}, nil},
		{"Accountable has not approved", func(w *rulesWorld) {
			w.rulesRole(w.payRel, w.ann, RoleAccountable, ApprovalPending)
			w.rulesRole(w.payRel, w.bob, RoleResponsible, ApprovalPending)
		}, []string{"Accountable Ann Lee has not approved yet"}, func(t *testing.T, r Readiness) {
			notes := findingsOfKind(r, FindingApproval, SeverityNote)
			if len(notes) != 1 || !slices.Equal(notes[0].Details, []string{"Bob Stone (Responsible)"}) {
				t.Errorf("approval notes %+v, want Bob Stone's pending approval besides the Accountable's problem", notes)
			}
		}},
		{"rejections", func(w *rulesWorld) {
			w.rulesInsert(&ReleaseStakeholder{ReleaseID: w.payRel.ID, StakeholderID: w.ann.ID, Role: RoleAccountable,
				Approval: ApprovalRejected, ApprovalComment: "load test missing"})
			w.rulesRole(w.payRel, w.carol, RoleConsulted, ApprovalRejected)
		}, []string{"Accountable Ann Lee rejected the release: load test missing", "Rejected by Carol Diaz (Consulted)"},
			func(t *testing.T, r Readiness) {
				if n := len(findingsOfKind(r, FindingApproval, SeverityProblem)); n != 2 {
					t.Errorf("%d approval problems, want the 2 rejections", n)
				}
			}},
		{"failing suites", func(w *rulesWorld) {
			w.rulesRole(w.payRel, w.ann, RoleAccountable, ApprovalApproved)
			w.rulesRun(w.payRel, w.stage, "smoke", 1, rulesAt(5, 12, 0))
			w.rulesRun(w.payRel, w.qa, "regression", 2, rulesAt(5, 12, 0))
			w.rulesRun(w.payRel, w.qa, "api", 2, rulesAt(4, 12, 0))
			w.rulesRun(w.payRel, w.qa, "api", 0, rulesAt(5, 12, 0))
		}, []string{"Tests fail on QA: regression (2 failed)", "Tests fail on Staging: smoke (1 failed)"}, func(t *testing.T, r Readiness) {
			tests := findingsOfKind(r, FindingTests, SeverityProblem)
			if len(tests) != 2 || !slices.Equal(tests[0].Details, []string{"regression (2 failed)"}) ||
				!slices.Equal(tests[1].Details, []string{"smoke (1 failed)"}) {
				t.Errorf("test problems %+v, want regression on QA, then smoke on Staging", tests)
			}
		}},
		{"open items", func(w *rulesWorld) {
			w.rulesRole(w.payRel, w.ann, RoleAccountable, ApprovalApproved)
			w.rulesItem(w.payRel, CategoryReadiness, "Runbook reviewed", false)
			w.rulesItem(w.payRel, CategoryReadiness, "Monitoring ready", true)
			w.rulesItem(w.payRel, CategoryBackout, "Backout rehearsed", false)
		}, []string{"1 readiness item is open: Runbook reviewed"}, func(t *testing.T, r Readiness) {
			open, others := findingsOfKind(r, FindingChecklist, SeverityProblem), findingsOfKind(r, FindingChecklist, SeverityNote)
			if len(open) != 1 || !slices.Equal(open[0].Details, []string{"Runbook reviewed"}) ||
				len(others) != 1 || !slices.Equal(others[0].Details, []string{"Backout plan: Backout rehearsed"}) {
				t.Errorf("checklist findings %+v and %+v, want the open readiness item and a note of the backout item", open, others)
			}
		}},
		{"deployment conflicts", func(w *rulesWorld) {
			w.rulesRole(w.payRel, w.ann, RoleAccountable, ApprovalApproved)
			w.rulesDeploy(w.payRel, w.qa, OutcomePlanned, rulesAt(10, 10, 0), rulesAt(10, 12, 0))
			w.rulesDeploy(w.billRel, w.qa, OutcomePlanned, rulesAt(10, 11, 0), rulesAt(10, 13, 0))
		}, []string{"Payments 2.4.0 and Billing 1.2.0 overlap on QA"}, func(t *testing.T, r Readiness) {
			overlaps := findingsOfKind(r, FindingOverlap, SeverityProblem)
			if len(overlaps) != 1 || len(findingsOfKind(r, FindingFreeze, SeverityPass)) != 1 {
				t.Errorf("findings %+v, want the overlap and a pass for the freeze rule", r.Findings)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newRulesWorld(t)
			tt.build(w)
			r, err := w.s.Readiness(w.ctx, w.payRel.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Problems) != len(tt.problems) {
				t.Fatalf("problems %q, want %d", r.Problems, len(tt.problems))
			}
			for i, p := range r.Problems {
				if !strings.HasPrefix(p, tt.problems[i]) {
					t.Errorf("problem %d = %q, want it to start %q", i, p, tt.problems[i])
				}
			}
			if r.Ready() != (len(tt.problems) == 0) {
				t.Errorf("Ready() = %v with problems %q", r.Ready(), r.Problems)
			}
			if tt.check != nil {
				tt.check(t, r)
			}
		})
	}
}

// findingsOfKind keeps r's findings of one kind and severity, in order.
func findingsOfKind(r Readiness, kind string, sev Severity) []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Kind == kind && f.Severity == sev {
			out = append(out, f)
		}
	}
	return out
}

func TestReadinessOfMissingRelease(t *testing.T) {
	w := newRulesWorld(t)
	if _, err := w.s.Readiness(w.ctx, 4242); !errors.Is(err, ErrNotFound) {
		t.Errorf("Readiness: got %v, want ErrNotFound", err)
	}
	if _, err := w.s.ReleaseConflicts(w.ctx, 4242); !errors.Is(err, ErrNotFound) {
		t.Errorf("ReleaseConflicts: got %v, want ErrNotFound", err)
	}
}

func TestReleaseConflictsKeepsTheReleasesOwn(t *testing.T) {
	w := newRulesWorld(t)
	other := w.release(w.pay, "2.5.0", NewDate(2026, 7, 1))
	// Payments 2.4.0 overlaps Billing on QA and has a careless go; Billing
	// also overlaps 2.5.0 later, which is none of 2.4.0's business.
	w.rulesDeploy(w.payRel, w.qa, OutcomeSucceeded, rulesAt(10, 10, 0), rulesAt(10, 12, 0))
	w.rulesDeploy(w.billRel, w.qa, OutcomeSucceeded, rulesAt(10, 11, 0), rulesAt(10, 13, 0))
	w.rulesDeploy(w.billRel, w.stage, OutcomePlanned, rulesAt(11, 10, 0), rulesAt(11, 12, 0))
	w.rulesDeploy(other, w.stage, OutcomePlanned, rulesAt(11, 11, 0), rulesAt(11, 13, 0))
	w.rulesDecide(w.payRel, DecisionGo, rulesAt(9, 9, 0))
	w.rulesDecide(w.billRel, DecisionGo, rulesAt(9, 9, 0))

	tests := []struct {
		release Release
		want    []string
	}{
		{w.payRel, []string{FindingApproval, FindingOverlap}},
		{w.billRel, []string{FindingApproval, FindingOverlap, FindingOverlap}},
		{other, []string{FindingOverlap}},
	}
	for _, tt := range tests {
		got, err := w.s.ReleaseConflicts(w.ctx, tt.release.ID)
		if err != nil {
			t.Fatal(err)
		}
		if k := rulesKinds(got); !slices.Equal(k, tt.want) {
			t.Errorf("%s: kinds %v, want %v: %v", tt.release.Version, k, tt.want, got)
		}
		for _, f := range got {
			if !slices.Contains(f.ReleaseIDs, tt.release.ID) {
				t.Errorf("%s: finding %q is about other releases", tt.release.Version, f)
			}
		}
	}
	none, err := w.s.ReleaseConflicts(w.ctx, w.release(w.bill, "1.3.0", NewDate(2026, 8, 1)).ID)
	if err != nil || len(none) != 0 {
		t.Errorf("release without deployments: %v, %v", none, err)
	}
}

// TestReadinessLines: the Go/no-go tab's list comes from data, rule by
// rule: a pass where the rule holds, else its problems, and notes for what
// is worth a look but blocks nothing.
func TestReadinessLines(t *testing.T) {
	type line struct {
		kind string
		sev  Severity
		msg  string // the start of the message
	}
	tests := []struct {
		name  string
		build func(w *rulesWorld)
		want  []line
	}{
		{"ready", func(w *rulesWorld) {
			w.rulesReady(w.payRel)
			w.rulesRole(w.payRel, w.dave, RoleInformed, ApprovalPending)
		}, []line{
			{FindingApproval, SeverityPass, "Accountable Ann Lee approved"},
			{FindingApproval, SeverityPass, "No approval is pending or rejected"},
			{FindingChecklist, SeverityPass, "Every readiness item is done"},
			{FindingTests, SeverityPass, "Latest test runs pass on 1 environment"},
			{FindingOverlap, SeverityPass, "No deployment overlaps"},
			{FindingFreeze, SeverityPass, "No deployment falls in a freeze window"},
			{FindingOrder, SeverityPass, "Production comes after the earlier environments"},
			{FindingDependency, SeverityPass, "No deployment comes before a release it requires"},
		}},
		{"nothing yet", func(w *rulesWorld) {
			w.rulesRole(w.payRel, w.bob, RoleResponsible, ApprovalPending)
			w.rulesItem(w.payRel, CategoryCommunication, "Tell support", false)
		}, []line{
			{FindingApproval, SeverityProblem, "No Accountable stakeholder is named"},
			{FindingApproval, SeverityNote, "1 other approval still pending"},
			{FindingChecklist, SeverityPass, "Every readiness item is done"},
			{FindingChecklist, SeverityNote, "1 other checklist item open"},
			{FindingTests, SeverityNote, "No test runs are recorded yet"},
			{FindingOverlap, SeverityPass, ""}, {FindingFreeze, SeverityPass, ""}, {FindingOrder, SeverityPass, ""},
			{FindingDependency, SeverityPass, ""},
		}},
		{"rejected and failing", func(w *rulesWorld) {
			w.rulesInsert(&ReleaseStakeholder{ReleaseID: w.payRel.ID, StakeholderID: w.ann.ID, Role: RoleAccountable,
				Approval: ApprovalRejected, ApprovalComment: "load test missing"})
			w.rulesRole(w.payRel, w.carol, RoleConsulted, ApprovalRejected)
			w.rulesRun(w.payRel, w.qa, "regression", 2, rulesAt(5, 12, 0))
			w.rulesItem(w.payRel, CategoryReadiness, "Runbook reviewed", false)
			w.rulesDeploy(w.payRel, w.qa, OutcomePlanned, rulesAt(10, 10, 0), rulesAt(10, 12, 0))
			w.rulesDeploy(w.billRel, w.qa, OutcomePlanned, rulesAt(10, 11, 0), rulesAt(10, 13, 0))
		}, []line{
			{FindingApproval, SeverityProblem, "Accountable Ann Lee rejected the release: load test missing"},
			{FindingApproval, SeverityProblem, "Rejected by Carol Diaz (Consulted)"},
			{FindingChecklist, SeverityProblem, "1 readiness item is open: Runbook reviewed"},
			{FindingTests, SeverityProblem, "Tests fail on QA: regression (2 failed)"},
			{FindingOverlap, SeverityProblem, "Payments 2.4.0 and Billing 1.2.0 overlap on QA"},
			{FindingFreeze, SeverityPass, ""}, {FindingOrder, SeverityPass, ""}, {FindingDependency, SeverityPass, ""},
		}},
		{"ahead of what it requires", func(w *rulesWorld) {
			w.rulesReady(w.payRel)
			// Payments 2.4.0 needs Billing 1.2.0 in Production, which comes a day later.
			w.rulesInsert(&Dependency{ReleaseID: w.payRel.ID, RequiresID: w.billRel.ID, EnvironmentID: w.prod.ID})
			w.rulesDeploy(w.payRel, w.qa, OutcomeSucceeded, rulesAt(15, 10, 0), rulesAt(15, 11, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(18, 10, 0), rulesAt(18, 11, 0))
			w.rulesDeploy(w.billRel, w.prod, OutcomePlanned, rulesAt(19, 10, 0), rulesAt(19, 11, 0))
		}, []line{
			{FindingApproval, SeverityPass, "Accountable Ann Lee approved"},
			{FindingApproval, SeverityPass, ""},
			{FindingChecklist, SeverityPass, ""},
			{FindingTests, SeverityPass, ""},
			{FindingOverlap, SeverityPass, ""}, {FindingFreeze, SeverityPass, ""}, {FindingOrder, SeverityPass, ""},
			{FindingDependency, SeverityProblem, "Payments 2.4.0 on Production at 2026-06-18"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newRulesWorld(t)
			tt.build(w)
			r, err := w.s.Readiness(w.ctx, w.payRel.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Findings) != len(tt.want) {
				t.Fatalf("lines %v, want %d", r.Findings, len(tt.want))
			}
			for i, f := range r.Findings {
				w := tt.want[i]
				if f.Kind != w.kind || f.Severity != w.sev || !strings.HasPrefix(f.Message, w.msg) || !slices.Contains(f.ReleaseIDs, 1) {
					t.Errorf("line %d = %s %d %q, want %s %d %q", i, f.Kind, f.Severity, f.Message, w.kind, w.sev, w.msg)
				}
				if f.Subject.Entity == "" {
					t.Errorf("line %q names no record to open", f.Message)
				}
			}
			if len(Problems(r.Findings)) != len(r.Problems) {
				t.Errorf("%d problem lines, %d problems kept for a go", len(Problems(r.Findings)), len(r.Problems))
			}
		})
	}
}
