package reports

import (
	"context"
	"reflect"
	"testing"
	"time"

	"releasedesk/data"
)

// summaryRowsAfter returns the Summary's rows from the one whose first cell is heading on.
func summaryRowsAfter(t *testing.T, path, heading string) [][]string {
	t.Helper()
	rows, err := openBook(t, path).GetRows(SheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		if len(row) > 0 && row[0] == heading {
			return rows[i+1:]
		}
	}
	t.Fatalf("the Summary has no %q", heading)
	return nil
}

// TestReviewListsWhatTheRulesFound: the workbook lists the release's
// findings as check prints them, from the store's own rules.
func TestReviewListsWhatTheRulesFound(t *testing.T) {
	s := reportStore(t)
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	p := data.Product{Name: "Ledger"}
	must(s.SaveProduct(ctx, &p))
	env := data.Environment{Name: "Staging", Kind: data.KindStaging}
	must(s.SaveEnvironment(ctx, &env))
	var rels []data.Release
	for _, v := range []string{"1.2.0", "1.3.0"} {
		r := data.Release{ProductID: p.ID, Version: v, Title: "Reconcile", Type: data.TypeMinor, Status: data.StatusPlanned, PlannedRelease: data.NewDate(2026, 7, 1)}
		must(s.SaveRelease(ctx, &r))
		rels = append(rels, r)
	}
	for i, r := range rels {
		start := time.Date(2026, 6, 2, 10+i, 0, 0, 0, time.UTC)
		d := data.Deployment{ReleaseID: r.ID, EnvironmentID: env.ID, PlannedStart: start, PlannedEnd: start.Add(2 * time.Hour), Outcome: data.OutcomePlanned}
		must(s.SaveDeployment(ctx, &d))
	}
	d, err := s.ReviewData(ctx, rels[0].ID)
	must(err)
	want, err := s.ReleaseFindings(ctx, rels[0].ID)
	must(err)
	if len(want) != 1 || want[0].Kind != data.FindingOverlap || !reflect.DeepEqual(d.Findings, want) {
		t.Fatalf("review data findings %v, rules say %v", d.Findings, want)
	}
	rows := summaryRowsAfter(t, writeReviewFile(t, d), "What the rules found")
	if len(rows) != 1 || rows[0][0] != "Overlap" || rows[0][1] != want[0].Message {
		t.Errorf("findings rows %q, want Overlap: %q", rows, want[0].Message)
	}

	d.Findings = nil
	rows = summaryRowsAfter(t, writeReviewFile(t, d), "What the rules found")
	if len(rows) != 1 || rows[0][0] != "Nothing found for Ledger 1.2.0: no conflict, no broken data, no go taken against the readiness rules." {
		t.Errorf("without findings: %q", rows)
	}
}
