package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"releasedesk/data"
)

// checkPlan writes a plan with two overlaps on Staging, one a year ago and
// one tomorrow, and a release whose code freeze comes after its release date.
func checkPlan(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "plan.db")
	s, err := data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	p := data.Product{Name: "Payments"}
	must(s.SaveProduct(ctx, &p))
	env := data.Environment{Name: "Staging", Kind: data.KindStaging}
	must(s.SaveEnvironment(ctx, &env))
	today := data.Today()
	var releases []data.Release
	for _, v := range []string{"2.4.0", "2.5.0"} {
		r := data.Release{ProductID: p.ID, Version: v, Title: "Release " + v, Type: data.TypeMinor, Status: data.StatusPlanned,
			Risk: data.RiskLow, PlannedRelease: today.AddDays(30)}
		must(s.SaveRelease(ctx, &r))
		releases = append(releases, r)
	}
	tomorrow := today.AddDays(1).Time(time.Local).Add(10 * time.Hour)
	for _, start := range []time.Time{tomorrow.AddDate(-1, 0, 0), tomorrow} {
		for i, r := range releases {
			begins := start.Add(time.Duration(i) * time.Hour)
			d := data.Deployment{ReleaseID: r.ID, EnvironmentID: env.ID, PlannedStart: begins, PlannedEnd: begins.Add(2 * time.Hour), Outcome: data.OutcomePlanned}
			must(s.SaveDeployment(ctx, &d))
		}
	}
	s.Close()
	cliExec(t, path, "UPDATE releases SET code_freeze = ? WHERE version = '2.5.0'", today.AddDays(40).String())
	return path
}

func TestCLICheckScope(t *testing.T) {
	db := checkPlan(t)
	since := data.Today().AddDays(-14).String()
	tests := []struct {
		args    []string
		kinds   []string
		closing string
	}{
		{nil, []string{"integrity", "overlap"}, "2 findings from " + since + " on: 1 integrity, 1 overlap"},
		{[]string{"--all"}, []string{"integrity", "overlap", "overlap"}, "3 findings in the whole history: 1 integrity, 2 overlap"},
	}
	for _, tt := range tests {
		code, stdout, stderr := cliRun(t, append([]string{"check", "--db", db}, tt.args...)...)
		lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
		if code != exitFailure || len(lines) != len(tt.kinds)+1 {
			t.Fatalf("check %v: exit %d, stdout %q, stderr %q", tt.args, code, stdout, stderr)
		}
		for i, kind := range tt.kinds {
			if !strings.HasPrefix(lines[i], kind+": ") {
				t.Errorf("check %v: line %d = %q, want kind %s", tt.args, i, lines[i], kind)
			}
		}
		if got := lines[len(lines)-1]; got != tt.closing {
			t.Errorf("check %v: closing line %q, want %q", tt.args, got, tt.closing)
		}
		cliOneLine(t, stderr, fmt.Sprintf("%d findings", len(tt.kinds)))
	}
	if !strings.Contains(stdoutOf(t, "check", "--db", db), "Payments 2.5.0 has its code freeze") {
		t.Error("the integrity finding does not name the release")
	}
}

// stdoutOf runs the command line and returns what it printed.
func stdoutOf(t *testing.T, args ...string) string {
	t.Helper()
	_, stdout, _ := cliRun(t, args...)
	return stdout
}

// TestCLICheckFailsCleanly: a rule that cannot run is one line on stderr
// and exit 1, after the findings found until then.
func TestCLICheckFailsCleanly(t *testing.T) {
	db := checkPlan(t)
	cliExec(t, db, "DROP TABLE test_runs")
	code, stdout, stderr := cliRun(t, "check", "--db", db, "--all")
	if code != exitFailure || strings.Contains(stdout, "findings") {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	cliOneLine(t, stderr, "check: check integrity:")
	if !strings.Contains(stderr, "test_runs") {
		t.Errorf("stderr %q does not say what failed", stderr)
	}
}

func TestCLICheckUsage(t *testing.T) {
	code, _, stderr := cliRun(t, "check", "--db", checkPlan(t), "--everything")
	if code != exitUsage {
		t.Fatalf("exit %d, %q", code, stderr)
	}
}
