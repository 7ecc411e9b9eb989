package reports

import (
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"releasedesk/data"
	"releasedesk/data/pgtest"
)

// reportZone is the time zone tests show instants in: not UTC, so a test
// notices an instant written without conversion.
var reportZone = time.FixedZone("CEST", 2*60*60)

// reportNow is the fixed clock of report tests.
var reportNow = time.Date(2026, 5, 20, 9, 0, 0, 0, time.UTC)

func reportOptions() Options {
	return Options{Location: reportZone, Now: func() time.Time { return reportNow }}
}

func at(day, hour, min int) time.Time { return time.Date(2026, 5, day, hour, min, 0, 0, time.UTC) }

func atPtr(day, hour, min int) *time.Time { t := at(day, hour, min); return &t }

// reviewFixture is a release that went to production, was rolled back and
// went again: every sheet of the review has something to show.
func reviewFixture() data.ReviewData {
	dev := data.Environment{ID: 1, Name: "Development", Kind: data.KindDevelopment, Position: 1}
	qa := data.Environment{ID: 2, Name: "QA", Kind: data.KindTest, Position: 2}
	stage := data.Environment{ID: 3, Name: "Staging", Kind: data.KindStaging, Position: 3}
	prod := data.Environment{ID: 4, Name: "Production", Kind: data.KindProduction, Position: 4}
	rel := data.Release{ID: 42, ProductID: 7, Product: data.Product{ID: 7, Name: "Payments"}, Version: "2.4.0",
		Title: "=HYPERLINK(\"http://evil\") checkout redesign", Type: data.TypeMajor, Status: data.StatusRolledBack,
		Risk: data.RiskHigh, Owner: "Dana Whitfield", ChangeRef: "CHG-20931",
		CodeFreeze: data.NewDate(2026, 5, 1), PlannedRelease: data.NewDate(2026, 5, 8), ActualRelease: data.NewDate(2026, 5, 11),
		BaselineFreeze: data.NewDate(2026, 4, 28), BaselineRelease: data.NewDate(2026, 5, 5)}
	deps := []data.Deployment{
		{ID: 1, ReleaseID: 42, EnvironmentID: 1, Environment: dev, Build: "2.4.0-rc1", PlannedStart: at(4, 8, 0), PlannedEnd: at(4, 9, 0),
			ActualStart: atPtr(4, 8, 5), ActualEnd: atPtr(4, 8, 40), Outcome: data.OutcomeSucceeded, PerformedBy: "ci-bot"},
		{ID: 2, ReleaseID: 42, EnvironmentID: 2, Environment: qa, Build: "2.4.0-rc1", PlannedStart: at(5, 8, 0), PlannedEnd: at(5, 10, 0),
			ActualStart: atPtr(5, 8, 0), ActualEnd: atPtr(5, 9, 10), Outcome: data.OutcomeFailed, PerformedBy: "Sam Ortiz",
			Notes: "Migration 0042 timed out on the QA database; index build needs CONCURRENTLY."},
		{ID: 3, ReleaseID: 42, EnvironmentID: 2, Environment: qa, Build: "2.4.0-rc2", PlannedStart: at(6, 8, 0), PlannedEnd: at(6, 10, 0),
			ActualStart: atPtr(6, 8, 30), ActualEnd: atPtr(6, 9, 45), Outcome: data.OutcomeSucceeded, PerformedBy: "Sam Ortiz"},
		{ID: 4, ReleaseID: 42, EnvironmentID: 3, Environment: stage, Build: "2.4.0-rc2", PlannedStart: at(7, 13, 0), PlannedEnd: at(7, 15, 0),
			ActualStart: atPtr(7, 13, 0), ActualEnd: atPtr(7, 14, 20), Outcome: data.OutcomeSucceeded, PerformedBy: "Sam Ortiz"},
		{ID: 5, ReleaseID: 42, EnvironmentID: 4, Environment: prod, Build: "2.4.0", PlannedStart: at(8, 20, 0), PlannedEnd: at(8, 22, 0),
			ActualStart: atPtr(8, 20, 45), ActualEnd: atPtr(8, 23, 30), Outcome: data.OutcomeRolledBack, PerformedBy: "Priya Raman",
			Notes: "Card payments failed for about 4% of users after the switch; rolled back at 23:30."},
		{ID: 6, ReleaseID: 42, EnvironmentID: 4, Environment: prod, Build: "2.4.0-hf1", PlannedStart: at(11, 20, 0), PlannedEnd: at(11, 22, 0),
			ActualStart: atPtr(11, 20, 0), ActualEnd: atPtr(11, 21, 15), Outcome: data.OutcomeSucceeded, PerformedBy: "Priya Raman"},
	}
	rollbacks := []data.Rollback{{ID: 1, DeploymentID: 5, Deployment: deps[4], StartedAt: at(8, 23, 0), FinishedAt: atPtr(8, 23, 30),
		Reason:          "+card declines rose from 0.3% to 4.1% after the switch to the new payment gateway client",
		RestoredVersion: "2.3.7", DowntimeMinutes: 30, UsersAffected: 1850, DetectedBy: "Alerting (Grafana)"}}
	people := []data.Stakeholder{
		{ID: 1, Name: "Dana Whitfield", Email: "dana@example.com", Team: "Payments", Title: "Engineering manager"},
		{ID: 2, Name: "Omar Haddad", Email: "omar@example.com", Team: "Risk", Title: "Head of risk"},
		{ID: 3, Name: "Lena Vogel", Team: "Support", Title: "Support lead"},
	}
	return data.ReviewData{
		Release: rel, Deployments: deps, Rollbacks: rollbacks,
		TestRuns: []data.TestRun{
			{ID: 1, EnvironmentID: 2, Environment: qa, Suite: "Regression", Passed: 412, Failed: 3, Skipped: 5, RunAt: at(6, 11, 0), Notes: "3 flaky UI tests"},
			{ID: 2, EnvironmentID: 3, Environment: stage, Suite: "Smoke", Passed: 48, RunAt: at(7, 15, 0)},
		},
		Stakeholders: []data.ReleaseStakeholder{
			{ID: 1, Stakeholder: people[0], Role: data.RoleResponsible, Approval: data.ApprovalApproved, ApprovedAt: atPtr(7, 16, 0)},
			{ID: 2, Stakeholder: people[1], Role: data.RoleAccountable, Approval: data.ApprovalApproved, ApprovedAt: atPtr(8, 10, 0), ApprovalComment: "@risk: approved with conditions"},
			{ID: 3, Stakeholder: people[2], Role: data.RoleInformed, Approval: data.ApprovalPending},
		},
		Checklist: []data.ChecklistItem{
			{ID: 1, Category: data.CategoryReadiness, Title: "Runbook reviewed", Done: true},
			{ID: 2, Category: data.CategoryBackout, Title: "Backout rehearsed", Done: true},
			{ID: 3, Category: data.CategoryCommunication, Title: "Customer notice", Done: false},
		},
		Decisions: []data.GoDecision{{ID: 1, Decision: data.DecisionGo, DecidedAt: at(8, 12, 0), Attendees: "Dana, Omar, Priya", Conditions: "Rollback ready within 30 minutes"}},
		Review: &data.Review{ID: 1, ReleaseID: 42, HeldOn: data.NewDate(2026, 5, 14), Facilitator: "Omar Haddad",
			Verdict: data.VerdictWithIssues, ObjectivesMet: data.ObjectivesPartly,
			Summary:   "The checkout redesign reached production three days late after one rollback. Customers now see the new checkout; conversion is up 2.1%.",
			WentWell:  "Staging caught the migration problem early.\nThe rollback took 30 minutes, as rehearsed.",
			WentBadly: "-The gateway client change was not load-tested.\nAlerting fired 15 minutes after declines began.",
			Lessons:   "Load-test third-party client upgrades in staging.\nLower the decline-rate alert threshold.",
			Actions: []data.ActionItem{
				{ID: 1, Title: "Add gateway client to the staging load test", Owner: "Sam Ortiz", Due: data.NewDate(2026, 5, 18), Status: data.ActionOpen},
				{ID: 2, Title: "Lower decline alert threshold to 1%", Owner: "Priya Raman", Due: data.NewDate(2026, 5, 15), Status: data.ActionDone},
				{ID: 3, Title: "=SUM(A1:A9) write up for the newsletter", Owner: "Lena Vogel", Status: data.ActionDropped},
			}},
		History: []data.History{
			{Entity: data.EntityRelease, EntityID: 42, Action: data.ActionUpdate, Field: "Status", OldValue: "planned", NewValue: "in_progress", At: at(4, 8, 0)},
			{Entity: data.EntityRelease, EntityID: 42, Action: data.ActionUpdate, Field: "Status", OldValue: "in_progress", NewValue: "rolled_back", At: at(8, 23, 35)},
		},
		LoadedAt: reportNow,
		Scope: []data.WorkItem{
			{ID: 1, ReleaseID: 42, Key: "PAY-101", Summary: "New checkout page", Kind: data.WorkFeature, Status: data.WorkDone,
				Component: "Checkout", Link: "https://jira.example.com/browse/PAY-101", CustomerFacing: true},
			{ID: 2, ReleaseID: 42, Key: "PAY-117", Summary: "=1+1 card declines shown as text", Kind: data.WorkFix, Status: data.WorkDone,
				CustomerFacing: true, Notes: "Found in the rollback review."},
			{ID: 3, ReleaseID: 42, Key: "PAY-120", Summary: "Saved cards", Kind: data.WorkFeature, Status: data.WorkOpen, CustomerFacing: true},
			{ID: 4, ReleaseID: 42, Key: "OPS-9", Summary: "Gateway client upgrade", Kind: data.WorkTask, Status: data.WorkDropped},
		},
		Replans: []data.Replan{{ID: 1, ReleaseID: 42, At: at(2, 9, 0), OldCodeFreeze: data.NewDate(2026, 4, 28), OldRelease: data.NewDate(2026, 5, 5),
			NewCodeFreeze: data.NewDate(2026, 5, 1), NewRelease: data.NewDate(2026, 5, 8), Reason: "Card scheme certification took three more days"}},
		Requires: []data.Dependency{{ID: 1, ReleaseID: 42, RequiresID: 9, EnvironmentID: 4, Environment: prod,
			Requires: data.Release{ID: 9, Version: "1.2.0", Product: data.Product{Name: "Ledger"}}, Note: "refund API"}},
	}
}

// fileOnly skips a test about the database file (which an export must
// never replace) on the PostgreSQL run, where there is no such file.
func fileOnly(t testing.TB) {
	t.Helper()
	if onServer() {
		t.Skip("about database files")
	}
}

// fileSum is the checksum of a file, or of nothing when it is missing.
func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// assertNoScratch fails when an export left a scratch file or folder in dir.
func assertNoScratch(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), scratchMarker) || strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("left behind in %s: %s", dir, e.Name())
		}
	}
}

// onServer reports whether the suite runs on the PostgreSQL server, where
// there is no database file for an export to be guarded from.
func onServer() bool { return pgtest.Engine() == pgtest.Postgres }

// reportStore opens a fresh database on the engine of the suite's run: a
// file in t.TempDir, or a database on the test server.
func reportStore(t testing.TB) *data.Store {
	t.Helper()
	pgtest.NoteEngine(t)
	location := filepath.Join(t.TempDir(), "reports.db")
	if pgtest.Engine() == pgtest.Postgres {
		location = pgtest.Database(t)
	}
	s, err := data.Open(context.Background(), location)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	s.Now = func() time.Time { return reportNow }
	t.Cleanup(func() { s.Close() })
	return s
}
