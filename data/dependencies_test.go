package data

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestSaveDependencyDefaultsToProductionAndRecordsHistory(t *testing.T) {
	f := newFixture(t)
	f.env("Staging", KindStaging)
	prod := f.env("Production", KindProduction)
	pay := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	ledger := f.release(f.product("Ledger"), "1.2.0", NewDate(2026, 6, 20))
	d := Dependency{ReleaseID: pay.ID, RequiresID: ledger.ID, Note: " needs the new ledger API "}
	if err := f.s.SaveDependency(f.ctx, &d); err != nil {
		t.Fatal(err)
	}
	if d.EnvironmentID != prod.ID || d.Note != "needs the new ledger API" {
		t.Fatalf("saved %+v, want Production and a tidy note", d)
	}
	if !crudHistoryHas(t, f.s, EntityDependency, d.ID, ActionCreate, "RequiresID", pay.ID) {
		t.Fatal("adding a dependency left no history")
	}
	requires, requiredBy, err := f.s.Dependencies(f.ctx, ledger.ID)
	if err != nil || len(requires) != 0 || len(requiredBy) != 1 || requiredBy[0].Release.Name() != "Payments 2.4.0" ||
		requiredBy[0].Environment.Name != "Production" {
		t.Fatalf("Dependencies(ledger) = %+v, %+v, %v", requires, requiredBy, err)
	}
	among, err := f.s.DependenciesAmong(f.ctx, []uint{ledger.ID})
	if err != nil || len(among) != 1 || among[0].ID != d.ID {
		t.Fatalf("DependenciesAmong = %+v, %v", among, err)
	}
	gone, err := f.s.DeleteDependency(f.ctx, d.ID)
	if err != nil || !crudHistoryHas(t, f.s, EntityDependency, d.ID, ActionDelete, "", pay.ID) {
		t.Fatalf("delete: %v", err)
	}
	if err := f.s.RestoreDependency(f.ctx, gone); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.DeleteDependency(f.ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleting a missing dependency: %v", err)
	}
}

func TestSaveDependencyRefusesBadOnes(t *testing.T) {
	f := newFixture(t)
	prod := f.env("Production", KindProduction)
	p := f.product("Payments")
	a := f.release(p, "1.0.0", NewDate(2026, 7, 1))
	b := f.release(p, "1.1.0", NewDate(2026, 7, 2))
	if err := f.s.SaveDependency(f.ctx, &Dependency{ReleaseID: a.ID, RequiresID: b.ID}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		d     Dependency
		field string
	}{
		{"itself", Dependency{ReleaseID: a.ID, RequiresID: a.ID}, "Requires"},
		{"nothing required", Dependency{ReleaseID: a.ID}, "Requires"},
		{"no release", Dependency{RequiresID: a.ID}, "Release"},
		{"unknown release", Dependency{ReleaseID: 999, RequiresID: a.ID}, "Release"},
		{"unknown requirement", Dependency{ReleaseID: a.ID, RequiresID: 999}, "Requires"},
		{"unknown environment", Dependency{ReleaseID: a.ID, RequiresID: b.ID, EnvironmentID: 999}, "Environment"},
		{"twice", Dependency{ReleaseID: a.ID, RequiresID: b.ID, EnvironmentID: prod.ID}, "Requires"},
		{"two-release cycle", Dependency{ReleaseID: b.ID, RequiresID: a.ID}, "Requires"},
		{"note too long", Dependency{ReleaseID: b.ID, RequiresID: a.ID, Note: strings.Repeat("n", MaxDependencyNote+1)}, "Note"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := crudDump(t, f.s)
			d := tt.d
			crudRefused(t, f.s, before, f.s.SaveDependency(f.ctx, &d), tt.field)
		})
	}
}

func TestSaveDependencyNamesTheCycle(t *testing.T) {
	f := newFixture(t)
	f.env("Production", KindProduction)
	test := f.env("Test", KindTest)
	pay := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	ledger := f.release(f.product("Ledger"), "1.2.0", NewDate(2026, 7, 1))
	auth := f.release(f.product("Identity"), "3.0.0", NewDate(2026, 7, 1))
	for _, d := range []Dependency{{ReleaseID: pay.ID, RequiresID: ledger.ID}, {ReleaseID: ledger.ID, RequiresID: auth.ID, EnvironmentID: test.ID}} {
		if err := f.s.SaveDependency(f.ctx, &d); err != nil {
			t.Fatal(err)
		}
	}
	before := crudDump(t, f.s)
	err := f.s.SaveDependency(f.ctx, &Dependency{ReleaseID: auth.ID, RequiresID: pay.ID})
	crudRefused(t, f.s, before, err, "Requires")
	want := "would make a cycle: Identity 3.0.0 → Payments 2.4.0 → Ledger 1.2.0 → Identity 3.0.0"
	if v, _ := AsValidation(err); !strings.HasPrefix(v.Message("Requires"), want) {
		t.Fatalf("message %q, want it to start %q", v.Message("Requires"), want)
	}
	// Without a production environment a dependency must name one.
	g := newFixture(t)
	x := g.release(g.product("A"), "1.0.0", NewDate(2026, 7, 1))
	y := g.release(g.product("B"), "1.0.0", NewDate(2026, 7, 1))
	before = crudDump(t, g.s)
	crudRefused(t, g.s, before, g.s.SaveDependency(g.ctx, &Dependency{ReleaseID: x.ID, RequiresID: y.ID}), "Environment")
}

// depAt records a deployment of r on e planned at start for an hour with
// outcome o; one that started did so as planned.
func (f *fixture) depAt(r Release, e Environment, start time.Time, o Outcome) Deployment {
	f.t.Helper()
	d := Deployment{ReleaseID: r.ID, EnvironmentID: e.ID, PlannedStart: start, PlannedEnd: start.Add(time.Hour), Outcome: o}
	if o != OutcomePlanned {
		end := start.Add(time.Hour)
		d.ActualStart = &start
		if o != OutcomeInProgress {
			d.ActualEnd = &end
		}
	}
	if err := f.s.SaveDeployment(f.ctx, &d); err != nil {
		f.t.Fatalf("deployment: %v", err)
	}
	return d
}

func TestDependencyRule(t *testing.T) {
	day := func(d, h int) time.Time { return time.Date(2026, 6, d, h, 0, 0, 0, time.UTC) }
	tests := []struct {
		name string
		// required is what the required release has on Production (nil: nothing).
		required func(f *fixture, q Release, prod Environment)
		// early is when the dependent release goes to Production, and how.
		start   time.Time
		outcome Outcome
		want    string // "" for no finding
	}{
		{"required succeeded before", func(f *fixture, q Release, e Environment) { f.depAt(q, e, day(10, 9), OutcomeSucceeded) },
			day(12, 9), OutcomePlanned, ""},
		{"required planned before a planned one", func(f *fixture, q Release, e Environment) { f.depAt(q, e, day(20, 9), OutcomePlanned) },
			day(22, 9), OutcomePlanned, ""},
		{"required planned after", func(f *fixture, q Release, e Environment) { f.depAt(q, e, day(24, 9), OutcomePlanned) },
			day(22, 9), OutcomePlanned, "Ledger 1.2.0 is expected there at"},
		{"required never planned", nil, day(22, 9), OutcomePlanned, "Ledger 1.2.0 has no deployment planned on Production"},
		{"required failed", func(f *fixture, q Release, e Environment) { f.depAt(q, e, day(10, 9), OutcomeFailed) },
			day(12, 9), OutcomeSucceeded, "Ledger 1.2.0 has no deployment planned on Production"},
		{"required only planned while dependent already ran", func(f *fixture, q Release, e Environment) { f.depAt(q, e, day(10, 9), OutcomePlanned) },
			day(12, 9), OutcomeSucceeded, "Ledger 1.2.0 is expected there at"},
		{"required cancelled", func(f *fixture, q Release, e Environment) {
			f.depAt(q, e, day(20, 9), OutcomePlanned)
			if err := f.s.SetReleaseStatus(f.ctx, q.ID, StatusCancelled); err != nil {
				f.t.Fatal(err)
			}
		}, day(22, 9), OutcomePlanned, "Ledger 1.2.0 was cancelled"},
		{"touching windows", func(f *fixture, q Release, e Environment) { f.depAt(q, e, day(20, 9), OutcomeSucceeded) },
			day(20, 10), OutcomePlanned, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			staging := f.env("Staging", KindStaging)
			prod := f.env("Production", KindProduction)
			pay := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
			ledger := f.release(f.product("Ledger"), "1.2.0", NewDate(2026, 7, 1))
			if err := f.s.SaveDependency(f.ctx, &Dependency{ReleaseID: pay.ID, RequiresID: ledger.ID}); err != nil {
				t.Fatal(err)
			}
			if tt.required != nil {
				tt.required(f, ledger, prod)
			}
			f.depAt(pay, staging, day(1, 9), OutcomeSucceeded) // other environments are not constrained
			early := f.depAt(pay, prod, tt.start, tt.outcome)
			got, err := f.s.DependencyConflicts(f.ctx, time.Time{}, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == "" {
				if len(got) != 0 {
					t.Fatalf("findings %+v, want none", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("findings %+v, want one", got)
			}
			v := got[0]
			prefix := "dependency: Payments 2.4.0 on Production at " + shownTime(tt.start) + " comes before Ledger 1.2.0 is there"
			if !strings.HasPrefix(v.Finding.String(), prefix) || !strings.Contains(v.Finding.Message, tt.want) {
				t.Fatalf("finding %q, want %q … %q", v.Finding.String(), prefix, tt.want)
			}
			if v.DeploymentID != early.ID || v.Finding.EnvironmentID != prod.ID || len(v.Finding.ReleaseIDs) != 2 || !v.At.Equal(tt.start) {
				t.Fatalf("violation %+v", v)
			}
			// The range narrows by the early deployment's window.
			if got, _ := f.s.DependencyConflicts(f.ctx, tt.start.Add(2*time.Hour), time.Time{}); len(got) != 0 {
				t.Fatalf("a range after the deployment still finds %+v", got)
			}
			if got, _ := f.s.DependencyConflicts(f.ctx, tt.start.Add(-time.Hour), tt.start.Add(time.Minute)); len(got) != 1 {
				t.Fatalf("a range around the deployment finds %+v", got)
			}
		})
	}
}

func TestCheckDependenciesIgnoresDeploymentsThatWillNotHappen(t *testing.T) {
	at := time.Date(2026, 6, 22, 9, 0, 0, 0, time.UTC)
	in := DependencyInput{
		Dependencies: []Dependency{{ID: 1, ReleaseID: 1, RequiresID: 2, EnvironmentID: 9}},
		Deployments:  []DependencySpan{{DeploymentID: 5, ReleaseID: 1, EnvironmentID: 9, Outcome: OutcomePlanned, Start: at, End: at.Add(time.Hour)}},
		Names:        map[uint]string{1: "Payments 2.4.0", 2: "Ledger 1.2.0"},
		Statuses:     map[uint]ReleaseStatus{1: StatusCancelled, 2: StatusPlanned},
		Environments: map[uint]string{9: "Production"},
	}
	if got := CheckDependencies(in); len(got) != 0 {
		t.Fatalf("a cancelled release's plan breaks a dependency: %+v", got)
	}
	in.Statuses[1] = StatusPlanned
	if got := CheckDependencies(in); len(got) != 1 || got[0].Finding.Kind != FindingDependency {
		t.Fatalf("got %+v, want one dependency finding", got)
	}
}
