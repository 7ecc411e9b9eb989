package data

import (
	"errors"
	"math"
	"testing"
	"time"
)

func TestSaveTestRun(t *testing.T) {
	f := newFixture(t)
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	qa := f.env("QA", KindTest)
	valid := func() TestRun {
		return TestRun{ReleaseID: r.ID, EnvironmentID: qa.ID, Suite: "Regression", Passed: 120, Failed: 2, Skipped: 3, RunAt: deployDay}
	}
	tests := []struct {
		name  string
		edit  func(tr *TestRun)
		field string
	}{
		{"missing suite", func(tr *TestRun) { tr.Suite = "\t" }, "Suite"},
		{"negative passed", func(tr *TestRun) { tr.Passed = -1 }, "Passed"},
		{"negative failed", func(tr *TestRun) { tr.Failed = -1 }, "Failed"},
		{"negative skipped", func(tr *TestRun) { tr.Skipped = -1 }, "Skipped"},
		{"nothing counted", func(tr *TestRun) { tr.Passed, tr.Failed, tr.Skipped = 0, 0, 0 }, "Passed"},
		{"missing time", func(tr *TestRun) { tr.RunAt = time.Time{} }, "RunAt"},
		{"missing release", func(tr *TestRun) { tr.ReleaseID = 0 }, "Release"},
		{"unknown release", func(tr *TestRun) { tr.ReleaseID = 999 }, "Release"},
		{"missing environment", func(tr *TestRun) { tr.EnvironmentID = 0 }, "Environment"},
		{"unknown environment", func(tr *TestRun) { tr.EnvironmentID = 999 }, "Environment"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := crudDump(t, f.s)
			tr := valid()
			tt.edit(&tr)
			crudRefused(t, f.s, before, f.s.SaveTestRun(f.ctx, &tr), tt.field)
			if tr.ID != 0 {
				t.Fatalf("refused run kept id %d", tr.ID)
			}
		})
	}
	older, newer := valid(), valid()
	newer.RunAt, newer.Suite, newer.Failed = deployDay.Add(time.Hour), "Smoke", 0
	for _, tr := range []*TestRun{&older, &newer} {
		if err := f.s.SaveTestRun(f.ctx, tr); err != nil {
			t.Fatal(err)
		}
	}
	runs, err := f.s.TestRuns(f.ctx, r.ID)
	if err != nil || len(runs) != 2 || runs[0].ID != newer.ID || runs[0].Environment.Name != "QA" {
		t.Fatalf("runs %+v, %v; want newest first with environment", runs, err)
	}
	if !crudHistoryHas(t, f.s, EntityTestRun, older.ID, ActionCreate, "Suite", r.ID) {
		t.Fatal("recording a run left no history")
	}
	older.Failed = 0
	if err := f.s.SaveTestRun(f.ctx, &older); err != nil {
		t.Fatal(err)
	}
	if !crudHistoryHas(t, f.s, EntityTestRun, older.ID, ActionUpdate, "Failed", r.ID) {
		t.Fatal("correcting a run left no history")
	}
	removed, err := f.s.DeleteTestRun(f.ctx, older.ID)
	if err != nil || removed.ID != older.ID {
		t.Fatalf("delete: %+v, %v", removed, err)
	}
	if !crudHistoryHas(t, f.s, EntityTestRun, older.ID, ActionDelete, "", r.ID) {
		t.Fatal("deleting a run left no history")
	}
	if err := f.s.RestoreTestRun(f.ctx, removed); err != nil {
		t.Fatal(err)
	}
	if runs, _ := f.s.TestRuns(f.ctx, r.ID); len(runs) != 2 || runs[1].ID != older.ID {
		t.Fatalf("after restore %+v", runs)
	}
	if _, err := f.s.DeleteTestRun(f.ctx, 4242); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleting a missing run: %v", err)
	}
}

func TestRegressionSummary(t *testing.T) {
	f := newFixture(t)
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	stage := f.env("Staging", KindStaging)
	qa := f.env("QA", KindTest)
	f.env("Production", KindProduction)
	if err := f.s.MoveEnvironment(f.ctx, qa.ID, 0); err != nil {
		t.Fatal(err)
	}
	at := func(h int) time.Time { return deployDay.Add(time.Duration(h) * time.Hour) }
	for _, tr := range []TestRun{
		{EnvironmentID: stage.ID, Suite: "Smoke", Passed: 10, RunAt: at(1)},
		{EnvironmentID: stage.ID, Suite: "Regression", Passed: 100, Failed: 5, Skipped: 2, RunAt: at(0)},
		{EnvironmentID: stage.ID, Suite: "Regression", Passed: 104, Skipped: 3, RunAt: at(2)},
		{EnvironmentID: qa.ID, Suite: "Regression", Passed: 50, Failed: 2, RunAt: at(0)},
		{EnvironmentID: qa.ID, Suite: "smoke", Passed: 5, RunAt: at(1)},
		{EnvironmentID: qa.ID, Suite: "Smoke", Passed: 4, Failed: 1, RunAt: at(2)},
	} {
		tr.ReleaseID = r.ID
		if err := f.s.SaveTestRun(f.ctx, &tr); err != nil {
			t.Fatal(err)
		}
	}
	got, err := f.s.RegressionSummary(f.ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		env                     string
		suites                  []string
		passed, failed, skipped int
		rate                    float64
		green                   bool
		last                    time.Time
	}{
		{"QA", []string{"Regression", "Smoke"}, 54, 3, 0, 54.0 / 57.0, false, at(2)},
		{"Staging", []string{"Regression", "Smoke"}, 114, 0, 3, 1, true, at(2)},
	}
	if len(got) != len(want) {
		t.Fatalf("%d environments, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Environment.Name != w.env || g.Passed != w.passed || g.Failed != w.failed || g.Skipped != w.skipped ||
			math.Abs(g.PassRate-w.rate) > 1e-9 || g.Green != w.green || !g.LastRunAt.Equal(w.last) {
			t.Fatalf("summary %d = %+v, want %+v", i, g, w)
		}
		if len(g.Latest) != len(w.suites) {
			t.Fatalf("%s: %d suites, want %v", w.env, len(g.Latest), w.suites)
		}
		for j, s := range w.suites {
			if g.Latest[j].Suite != s {
				t.Fatalf("%s suite %d = %s, want %s", w.env, j, g.Latest[j].Suite, s)
			}
		}
	}
	if none, err := f.s.RegressionSummary(f.ctx, 4242); err != nil || len(none) != 0 {
		t.Fatalf("summary of a release without runs: %+v, %v", none, err)
	}
}
