package data

import (
	"testing"
	"time"
)

func TestRemoveSampleDataKeepsWhatTheUserAdded(t *testing.T) {
	f := newFixture(t)
	sum, err := GenerateDemo(f.ctx, f.s, DemoOptions{Releases: 24, Seed: 3, Today: NewDate(2026, time.June, 15)})
	if err != nil {
		t.Fatal(err)
	}
	extent, err := f.s.DemoExtentNow(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	left, err := f.s.SampleDataLeft(f.ctx, extent)
	if err != nil || left.Releases != sum.Releases || left.Products != sum.Products || left.Environments != sum.Environments ||
		left.Stakeholders != sum.Stakeholders || left.FreezeWindows != sum.FreezeWindows {
		t.Fatalf("the sample data count as %+v (%v), want what the demo wrote: %s", left, err, sum)
	}

	// The user's own plan: a release of a sample product deployed to a
	// sample environment with a sample person, and a product of their own.
	var demoProducts []Product
	var demoPeople []Stakeholder
	f.s.db.Order("id").Find(&demoProducts)
	f.s.db.Order("id").Find(&demoPeople)
	mine := Release{ProductID: demoProducts[0].ID, Version: "99.0.0", Title: "Mine", Type: TypeMinor, Status: StatusPlanned, Risk: RiskLow,
		PlannedRelease: NewDate(2026, time.September, 1)}
	if err := f.s.SaveRelease(f.ctx, &mine); err != nil {
		t.Fatal(err)
	}
	own := f.product("Own product")
	ownRelease := Release{ProductID: own.ID, Version: "1.0.0", Title: "Own", Type: TypeMinor, Status: StatusDraft, Risk: RiskLow}
	if err := f.s.SaveRelease(f.ctx, &ownRelease); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, time.August, 20, 9, 0, 0, 0, time.UTC)
	// A sample environment the product's releases may use (the demo keeps most for some products).
	open, err := f.s.EnvironmentsFor(f.ctx, demoProducts[0].ID)
	if err != nil || len(open) < 2 {
		t.Fatalf("environments of %s: %v (%v)", demoProducts[0].Name, open, err)
	}
	dep := Deployment{ReleaseID: mine.ID, EnvironmentID: open[1].ID, PlannedStart: at, PlannedEnd: at.Add(time.Hour)}
	if err := f.s.SaveDeployment(f.ctx, &dep); err != nil {
		t.Fatal(err)
	}
	role := ReleaseStakeholder{ReleaseID: mine.ID, StakeholderID: demoPeople[2].ID, Role: RoleAccountable}
	if err := f.s.AssignStakeholder(f.ctx, &role); err != nil {
		t.Fatal(err)
	}

	removed, err := f.s.RemoveSampleData(f.ctx, extent)
	if err != nil {
		t.Fatal(err)
	}
	want := SampleData{Releases: sum.Releases, Products: sum.Products - 1, Environments: sum.Environments - 1,
		Stakeholders: sum.Stakeholders - 1, FreezeWindows: sum.FreezeWindows}
	if removed != want {
		t.Errorf("removed %+v, want %+v: every sample record but the product, environment and person the user's release uses", removed, want)
	}
	var releases []Release
	f.s.db.Order("id").Find(&releases)
	if len(releases) != 2 || releases[0].ID != mine.ID || releases[1].ID != ownRelease.ID {
		t.Errorf("releases left %+v, want only the user's two", releases)
	}
	var deps []Deployment
	f.s.db.Find(&deps)
	if len(deps) != 1 || deps[0].ID != dep.ID {
		t.Errorf("deployments left %+v, want only the user's", deps)
	}
	for _, check := range []struct {
		what  string
		model any
		want  int64
	}{{"products", &Product{}, 2}, {"environments", &Environment{}, 1}, {"people", &Stakeholder{}, 1},
		{"freeze windows", &FreezeWindow{}, 0}, {"test runs", &TestRun{}, 0}, {"work items", &WorkItem{}, 0}} {
		var n int64
		f.s.db.Model(check.model).Count(&n)
		if n != check.want {
			t.Errorf("%d %s left, want %d", n, check.what, check.want)
		}
	}
	if h, err := f.s.HistoryOf(f.ctx, EntityRelease, 1); err != nil || len(h) == 0 || h[0].Action != ActionDelete {
		t.Errorf("the first sample release's history ends with %+v (%v), want its deletion", h, err)
	}
	left, err = f.s.SampleDataLeft(f.ctx, extent)
	if err != nil || left != (SampleData{Products: 1, Environments: 1, Stakeholders: 1}) {
		t.Errorf("left after removal %+v (%v), want only the three the user's release uses", left, err)
	}
	again, err := f.s.RemoveSampleData(f.ctx, extent)
	if err != nil || again.Releases != 0 || again.Products != 0 {
		t.Errorf("removing again removed %+v (%v), want nothing", again, err)
	}
}

func TestSampleDataOfAnEmptyDatabase(t *testing.T) {
	f := newFixture(t)
	extent, err := f.s.DemoExtentNow(f.ctx)
	if err != nil || extent != (DemoExtent{}) {
		t.Fatalf("an empty database's extent %+v (%v), want zero", extent, err)
	}
	left, err := f.s.SampleDataLeft(f.ctx, extent)
	if err != nil || !left.Empty() {
		t.Errorf("an empty database holds sample data %+v (%v)", left, err)
	}
	if got := (SampleData{Releases: 60, Products: 4, Environments: 5, Stakeholders: 1, FreezeWindows: 9}).String(); got != "60 releases, 4 products, 5 environments, 1 person and 9 freeze windows" {
		t.Errorf("sample data said %q", got)
	}
}
