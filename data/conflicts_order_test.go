package data

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestConflictsOrder(t *testing.T) {
	tests := []struct {
		name    string
		build   func(w *rulesWorld)
		missing string // what the message says P comes before, or "skips" for a skipped path; "" for no finding
	}{
		{"plan after plan", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.stage, OutcomePlanned, rulesAt(10, 10, 0), rulesAt(10, 12, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
		}, ""},
		{"production planned before staging", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.stage, OutcomePlanned, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(11, 10, 0), rulesAt(11, 12, 0))
		}, "a successful deployment on Staging"},
		{"staging plan ends as production starts", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.stage, OutcomePlanned, rulesAt(10, 10, 0), rulesAt(12, 10, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
		}, ""},
		{"production started while staging only planned", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.stage, OutcomePlanned, rulesAt(10, 10, 0), rulesAt(10, 12, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomeInProgress, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
		}, "a successful deployment on Staging"},
		{"succeeded in order", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.qa, OutcomeSucceeded, rulesAt(8, 10, 0), rulesAt(8, 12, 0))
			w.rulesDeploy(w.payRel, w.stage, OutcomeSucceeded, rulesAt(10, 10, 0), rulesAt(10, 12, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomeSucceeded, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
		}, ""},
		{"staging success ends after production start", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.stage, OutcomeSucceeded, rulesAt(12, 9, 0), rulesAt(12, 10, 30))
			w.rulesDeploy(w.payRel, w.prod, OutcomeSucceeded, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
		}, "a successful deployment on Staging"},
		{"staging failed and was never retried", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.stage, OutcomeFailed, rulesAt(10, 10, 0), rulesAt(10, 12, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
		}, "a successful deployment on Staging"},
		{"staging failed, then a retry succeeded", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.stage, OutcomeFailed, rulesAt(10, 10, 0), rulesAt(10, 12, 0))
			w.rulesDeploy(w.payRel, w.stage, OutcomeSucceeded, rulesAt(11, 10, 0), rulesAt(11, 12, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomeSucceeded, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
		}, ""},
		{"only the environments the release uses", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.qa, OutcomeSucceeded, rulesAt(10, 10, 0), rulesAt(10, 12, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomeSucceeded, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
		}, ""},
		{"two environments missing", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.qa, OutcomeRolledBack, rulesAt(10, 10, 0), rulesAt(10, 12, 0))
			w.rulesDeploy(w.payRel, w.stage, OutcomePlanned, rulesAt(11, 10, 0), rulesAt(11, 12, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomeSucceeded, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
		}, "a successful deployment on QA, Staging"},
		{"no earlier environment at all", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
		}, "skips"},
		{"hotfix still takes the path", func(w *rulesWorld) {
			w.rulesSetRelease(&w.payRel, map[string]any{"type": TypeHotfix})
			w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
		}, "skips"},
		{"emergency may go straight to production", func(w *rulesWorld) {
			w.rulesSetRelease(&w.payRel, map[string]any{"type": TypeEmergency})
			w.rulesDeploy(w.payRel, w.prod, OutcomeSucceeded, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
		}, ""},
		{"emergency that used staging waits for it", func(w *rulesWorld) {
			w.rulesSetRelease(&w.payRel, map[string]any{"type": TypeEmergency})
			w.rulesDeploy(w.payRel, w.stage, OutcomeFailed, rulesAt(12, 8, 0), rulesAt(12, 9, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomeSucceeded, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
		}, "a successful deployment on Staging"},
		{"staging again after production", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.stage, OutcomeSucceeded, rulesAt(10, 10, 0), rulesAt(10, 12, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
			w.rulesDeploy(w.payRel, w.stage, OutcomePlanned, rulesAt(13, 10, 0), rulesAt(13, 12, 0))
		}, "its deployment on Staging at " + rulesShown(rulesAt(13, 10, 0))},
		{"missing and again after", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.qa, OutcomeFailed, rulesAt(10, 10, 0), rulesAt(10, 12, 0))
			w.rulesDeploy(w.payRel, w.stage, OutcomeSucceeded, rulesAt(11, 10, 0), rulesAt(11, 12, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomeSucceeded, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
			w.rulesDeploy(w.payRel, w.stage, OutcomeSucceeded, rulesAt(13, 10, 0), rulesAt(13, 12, 0))
		}, "a successful deployment on QA, and before its deployment on Staging at " + rulesShown(rulesAt(13, 10, 0))},
		{"round the path again after a failed production", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.stage, OutcomeSucceeded, rulesAt(10, 10, 0), rulesAt(10, 12, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomeFailed, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
			w.rulesDeploy(w.payRel, w.stage, OutcomePlanned, rulesAt(13, 10, 0), rulesAt(13, 12, 0))
		}, ""},
		{"round the path again, then production again", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.stage, OutcomeSucceeded, rulesAt(10, 10, 0), rulesAt(10, 12, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomeSucceeded, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
			w.rulesDeploy(w.payRel, w.stage, OutcomeSucceeded, rulesAt(13, 10, 0), rulesAt(13, 12, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(14, 10, 0), rulesAt(14, 12, 0))
		}, ""},
		{"another release's staging does not count", func(w *rulesWorld) {
			w.rulesDeploy(w.billRel, w.stage, OutcomeSucceeded, rulesAt(10, 10, 0), rulesAt(10, 12, 0))
			w.rulesDeploy(w.payRel, w.stage, OutcomePlanned, rulesAt(13, 10, 0), rulesAt(13, 12, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomePlanned, rulesAt(12, 10, 0), rulesAt(12, 12, 0))
		}, "a successful deployment on Staging"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newRulesWorld(t)
			tt.build(w)
			var order []Finding
			for _, f := range w.rulesConflicts(time.Time{}, time.Time{}) {
				if f.Kind == FindingOrder {
					order = append(order, f)
				}
			}
			if tt.missing == "" {
				if len(order) != 0 {
					t.Fatalf("got %v, want no order finding", order)
				}
				return
			}
			if len(order) != 1 {
				t.Fatalf("got %v, want one order finding", order)
			}
			f := order[0]
			want := "comes before " + tt.missing
			if tt.missing == "skips" {
				want = "(it skips the promotion path)"
			}
			if !strings.HasSuffix(f.Message, want) || !strings.HasPrefix(f.Message, "Payments 2.4.0 on Production at ") {
				t.Errorf("message %q, want it to contain %q", f.Message, want)
			}
			if f.EnvironmentID != w.prod.ID || !slices.Equal(f.ReleaseIDs, []uint{w.payRel.ID}) {
				t.Errorf("finding %+v does not name the production environment and release", f)
			}
		})
	}
}

func TestConflictsOrderLooksOutsideTheRange(t *testing.T) {
	w := newRulesWorld(t)
	w.rulesDeploy(w.payRel, w.qa, OutcomeSucceeded, rulesAt(1, 10, 0), rulesAt(1, 11, 0))
	w.rulesDeploy(w.payRel, w.prod, OutcomeSucceeded, rulesAt(12, 10, 0), rulesAt(12, 11, 0))
	w.rulesDeploy(w.billRel, w.prod, OutcomePlanned, rulesAt(13, 10, 0), rulesAt(13, 11, 0))
	w.rulesDeploy(w.billRel, w.stage, OutcomePlanned, rulesAt(25, 10, 0), rulesAt(25, 11, 0))
	got := w.rulesConflicts(rulesAt(10, 0, 0), rulesAt(14, 0, 0))
	if len(got) != 1 || got[0].Kind != FindingOrder || !strings.Contains(got[0].Message, "Billing 1.2.0 on Production") ||
		!strings.Contains(got[0].Message, "before a successful deployment on Staging") {
		t.Errorf("got %v, want only Billing's production before its later staging", got)
	}
}
