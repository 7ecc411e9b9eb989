package reports

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"releasedesk/data"
)

// demoStore fills a fresh database with the demo data set.
func demoStore(t testing.TB, releases int) (*data.Store, data.DemoSummary) {
	t.Helper()
	s := reportStore(t)
	sum, err := data.GenerateDemo(context.Background(), s, data.DemoOptions{Releases: releases, Seed: 6, Today: data.DateOf(reportNow)})
	if err != nil {
		t.Fatalf("demo: %v", err)
	}
	return s, sum
}

// rolledBackRelease finds a release of s whose status is rolled back and
// that has a rollback recorded, or failing that any release with a rollback.
func rolledBackRelease(t testing.TB, s *data.Store) uint {
	t.Helper()
	ctx := context.Background()
	withRollback := map[uint]bool{}
	var first uint
	err := s.EachPortfolioRollback(ctx, func(r data.PortfolioRollback) error {
		if first == 0 {
			first = r.ReleaseID
		}
		withRollback[r.ReleaseID] = true
		return nil
	})
	if err != nil || first == 0 {
		t.Fatalf("the demo data has no rollback (%v)", err)
	}
	rolledBack, err := s.ListReleases(ctx, data.ReleaseFilter{Statuses: []data.ReleaseStatus{data.StatusRolledBack}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rolledBack {
		if withRollback[r.ID] {
			return r.ID
		}
	}
	return first
}

func TestReviewOfARolledBackDemoRelease(t *testing.T) {
	s, _ := demoStore(t, 150)
	ctx := context.Background()
	id := rolledBackRelease(t, s)
	d, err := s.ReviewData(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("reviewing %s (%s, %d rollbacks)", d.Release.Name(), d.Release.Status.Label(), len(d.Rollbacks))
	path := filepath.Join(t.TempDir(), ReviewFileName(d.Release))
	if err := ExportReview(ctx, s, id, path, reportOptions()); err != nil {
		t.Fatal(err)
	}
	book := readWithOpenpyxl(t, path)
	if rb := book.sheet(t, SheetRollbacks); rb.MaxRow != len(d.Rollbacks)+2 || len(d.Rollbacks) == 0 {
		t.Errorf("Rollbacks: %d rows for %d rollbacks", rb.MaxRow, len(d.Rollbacks))
	}
	if dep := book.sheet(t, SheetDeployments); dep.MaxRow != len(d.Deployments)+2 || len(dep.DateCells) < len(d.Deployments) {
		t.Errorf("Deployments: %d rows, %d date cells for %d deployments", dep.MaxRow, len(dep.DateCells), len(d.Deployments))
	}
	if m := book.sheet(t, SheetMetrics); m.Charts < 1 {
		t.Error("no chart on Metrics")
	}
	// Gnumeric is the independent reader `sheet-look` uses; it must open the file without complaint.
	ssconvert := needTool(t, "ssconvert", "Debian's gnumeric")
	out, err := exec.Command(ssconvert, "--export-type=Gnumeric_stf:stf_csv", path, filepath.Join(t.TempDir(), "summary.csv")).CombinedOutput()
	if err != nil {
		t.Fatalf("ssconvert cannot read the review: %v\n%s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if l := strings.ToLower(line); strings.Contains(l, "corrupt") || strings.Contains(l, "repair") || strings.Contains(l, "error") {
			t.Errorf("ssconvert: %s", line)
		}
	}
}

func TestPortfolioRoundTripsThroughPlanImport(t *testing.T) {
	s, sum := demoStore(t, 80)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), PortfolioFileName)
	if err := ExportPortfolio(ctx, s, path, reportOptions()); err != nil {
		t.Fatal(err)
	}
	f := openBook(t, path)
	for sheet, want := range map[string]int{SheetReleases: sum.Releases, SheetDeployments: sum.Deployments, SheetRollbacks: sum.Rollbacks} {
		if rows, _ := f.GetRows(sheet); len(rows) != want+1 {
			t.Errorf("%s: %d rows, want %d and the header", sheet, len(rows), want)
		}
	}
	plan, err := ParsePlanFile(path, PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	empty := reportStore(t)
	created, err := ImportPlan(ctx, empty, plan)
	if pe, ok := data.AsPlanErrors(err); ok {
		t.Fatalf("import refused: %v\n%s", err, planErrorLines(pe.Errors))
	}
	if err != nil || len(created) != sum.Releases {
		t.Fatalf("imported %d of %d releases: %v", len(created), sum.Releases, err)
	}
	before, err := s.ListReleases(ctx, data.ReleaseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	after, err := empty.ListReleases(ctx, data.ReleaseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	key := func(r data.Release) string {
		return strings.Join([]string{r.Product.Name, r.Version, r.Title, string(r.Type), string(r.Status), string(r.Risk),
			r.Owner, r.ChangeRef, r.CodeFreeze.String(), r.PlannedRelease.String(), r.ActualRelease.String()}, "|")
	}
	want := map[string]bool{}
	for _, r := range before {
		want[key(r)] = true
	}
	for _, r := range after {
		if !want[key(r)] {
			t.Errorf("imported release differs from every exported one: %s", key(r))
		}
	}
	if len(before) != len(after) {
		t.Errorf("%d releases before, %d after", len(before), len(after))
	}
	// Importing the same portfolio again creates nothing: every release exists.
	if _, err := ImportPlan(ctx, empty, plan); err == nil {
		t.Error("importing the portfolio twice was accepted")
	}
	if again, _ := empty.ListReleases(ctx, data.ReleaseFilter{}); len(again) != len(after) {
		t.Errorf("a refused second import changed the count from %d to %d", len(after), len(again))
	}
	_ = os.Remove(path)
}
