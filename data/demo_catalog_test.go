package data

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestDemoCompanySize(t *testing.T) {
	tests := []struct {
		releases, products, historyDays int
	}{
		{1, 4, 365},
		{60, 4, 365},
		{200, 4, 456},
		{2000, 5, 3650},
		{10000, 25, 3650},
		{100000, 250, 3650},
	}
	for _, tt := range tests {
		products := demoProductCount(tt.releases, demoReleasesPerProduct)
		days := demoHistoryDays(tt.releases, products)
		if products != tt.products || days != tt.historyDays {
			t.Errorf("%d releases: %d products over %d days, want %d over %d", tt.releases, products, days, tt.products, tt.historyDays)
		}
		if per := float64(tt.releases) / float64(products) / (float64(days+demoFutureDays) / 365); tt.releases >= 2000 && (per < 30 || per > 45) {
			t.Errorf("%d releases: %.0f releases a year per product", tt.releases, per)
		}
	}
}

// TestDemoGrowsACompany grows a company of two business units from a few
// hundred releases (one product per 50 instead of 400) and checks that it
// is laid out as one: each product with its own Dev and QA, each unit's
// products sharing a UAT, Staging and Production kept for them alone,
// dependencies within a unit, and still only the planted findings.
func TestDemoGrowsACompany(t *testing.T) {
	ctx := context.Background()
	opt := DemoOptions{Releases: 600, Seed: 3, Today: demoTestDay, perProduct: 50}
	s, sum := demoGenerate(t, opt)
	const products, units = 12, 2
	if sum.Products != products || sum.Environments != 2*products+3*units || sum.Stakeholders != 25+3*(products-4)+7 {
		t.Fatalf("summary %v", sum)
	}
	a := demoAuditOf(t, s, opt.Today)
	a.checkCounts(t, sum)
	a.checkReleases(t)
	a.checkDeployments(t, true)
	a.checkPlanted(t)
	if findings, err := CheckIntegrity(ctx, s); err != nil || len(findings) > 0 {
		t.Fatalf("integrity: %v %v", findings, err)
	}

	kept, err := s.EnvironmentProducts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var all []Product
	if err := s.db.Order("id").Find(&all).Error; err != nil {
		t.Fatal(err)
	}
	unitOf := map[uint]string{} // product id -> the unit its Production names
	for _, p := range all {
		path, err := s.EnvironmentsFor(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		for stage, e := range path {
			switch {
			case stage < demoStageUAT && !slices.Equal(kept[e.ID], []uint{p.ID}):
				t.Errorf("%s is kept for %v, want %s alone", e.Name, kept[e.ID], p.Name)
			case stage >= demoStageUAT && (len(kept[e.ID]) != products/units || !slices.Contains(kept[e.ID], p.ID)):
				t.Errorf("%s is kept for %v: want the %d products of %s's unit", e.Name, kept[e.ID], products/units, p.Name)
			}
		}
		unit, ok := strings.CutSuffix(path[demoStageProd].Name, " Production")
		if !ok || !slices.Contains(demoUnitNames, unit) {
			t.Errorf("%s goes to production on %s", p.Name, path[demoStageProd].Name)
		}
		unitOf[p.ID] = unit
	}
	if unitOf[all[0].ID] == unitOf[all[len(all)-1].ID] {
		t.Errorf("the first and the last product are both in %s", unitOf[all[0].ID])
	}

	var deps []Dependency
	if err := s.db.Preload("Release").Preload("Requires").Preload("Environment").Find(&deps).Error; err != nil || len(deps) < 2 {
		t.Fatalf("%d dependencies, %v", len(deps), err)
	}
	for _, d := range deps {
		if u := unitOf[d.Release.ProductID]; u != unitOf[d.Requires.ProductID] || d.Environment.Name != u+" Production" {
			t.Errorf("release %d needs release %d on %s across units", d.ReleaseID, d.RequiresID, d.Environment.Name)
		}
	}

	res, err := Check(ctx, s, CheckScope{Today: opt.Today}, func(Finding) error { return nil })
	if err != nil || res.Total < 5 || res.Total > 30 {
		t.Fatalf("check's default scope: %s, %v; want the planted findings and few others", res.Summary(), err)
	}
}

func TestEnvironmentKeptForProducts(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	var ps [2]Product
	for i, name := range []string{"Payments", "Billing"} {
		ps[i] = Product{Name: name}
		if err := s.SaveProduct(ctx, &ps[i]); err != nil {
			t.Fatal(err)
		}
	}
	dev := Environment{Name: "Payments Dev", Kind: KindDevelopment}
	prod := Environment{Name: "Production", Kind: KindProduction}
	for _, e := range []*Environment{&dev, &prod} {
		if err := s.SaveEnvironment(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetEnvironmentProducts(ctx, dev.ID, []uint{ps[0].ID}); err != nil {
		t.Fatal(err)
	}
	day := NewDate(2026, 6, 1)
	rel := func(p Product) Release {
		r := Release{ProductID: p.ID, Version: "1.0.0", Title: "First", Type: TypeMinor, Status: StatusPlanned, PlannedRelease: day}
		if err := s.SaveRelease(ctx, &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	pay, bill := rel(ps[0]), rel(ps[1])
	at := demoAt(day, 9*60)
	deploy := func(r Release, e Environment) error {
		return s.SaveDeployment(ctx, &Deployment{ReleaseID: r.ID, EnvironmentID: e.ID, PlannedStart: at, PlannedEnd: at.Add(time.Hour)})
	}
	if err := deploy(pay, dev); err != nil {
		t.Fatalf("Payments to its own Dev: %v", err)
	}
	if err := deploy(bill, prod); err != nil {
		t.Fatalf("Billing to the open Production: %v", err)
	}
	err := deploy(bill, dev)
	if v, ok := AsValidation(err); !ok || !strings.Contains(v.Message("Environment"), "Payments Dev is kept for other products than Billing") {
		t.Fatalf("Billing to Payments Dev: %v", err)
	}
	path, err := s.EnvironmentsFor(ctx, ps[1].ID)
	if err != nil || len(path) != 1 || path[0].ID != prod.ID {
		t.Fatalf("Billing's path %v, %v", path, err)
	}
	// Closing Production to Billing would strand its deployment there.
	err = s.SetEnvironmentProducts(ctx, prod.ID, []uint{ps[0].ID})
	if v, ok := AsValidation(err); !ok || !strings.Contains(v.Message("Products"), "deployments of Billing") {
		t.Fatalf("closing Production to Billing: %v", err)
	}
	// A link written behind the store's back is an integrity finding.
	if err := s.db.Create(&EnvironmentProduct{EnvironmentID: prod.ID, ProductID: ps[0].ID}).Error; err != nil {
		t.Fatal(err)
	}
	findings, err := CheckIntegrity(ctx, s)
	if err != nil || len(findings) != 1 || !strings.Contains(findings[0].Message, "Billing 1.0.0 deployment") ||
		!strings.Contains(findings[0].Message, "kept for other products") {
		t.Fatalf("integrity: %v, %v", findings, err)
	}
	var history []History
	s.db.Where("entity = ? AND entity_id = ? AND field = ?", EntityEnvironment, dev.ID, "Products").Find(&history)
	if len(history) != 1 || history[0].NewValue != "Payments" || history[0].OldValue != "" {
		t.Fatalf("history of Payments Dev's products: %+v", history)
	}
	if err := s.SetEnvironmentProducts(ctx, dev.ID, nil); err != nil {
		t.Fatal(err)
	}
	if err := deploy(bill, dev); err != nil {
		t.Fatalf("Billing to Payments Dev once open to all: %v", err)
	}
}

// TestDependencyPointsAtItsOwnProduction: a dependency given no
// environment points at the Production its release can reach, not at the
// first of the company's.
func TestDependencyPointsAtItsOwnProduction(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	var releases []Release
	for i, name := range []string{"Payments", "Billing"} {
		p := Product{Name: name}
		if err := s.SaveProduct(ctx, &p); err != nil {
			t.Fatal(err)
		}
		e := Environment{Name: name + " Production", Kind: KindProduction}
		if err := s.SaveEnvironment(ctx, &e); err != nil {
			t.Fatal(err)
		}
		if err := s.SetEnvironmentProducts(ctx, e.ID, []uint{p.ID}); err != nil {
			t.Fatal(err)
		}
		for _, v := range []string{"1.0.0", "1.1.0"} {
			r := Release{ProductID: p.ID, Version: v, Title: "Next", Type: TypeMinor, Status: StatusPlanned, PlannedRelease: NewDate(2026, 6, 1+i)}
			if err := s.SaveRelease(ctx, &r); err != nil {
				t.Fatal(err)
			}
			releases = append(releases, r)
		}
	}
	d := Dependency{ReleaseID: releases[3].ID, RequiresID: releases[2].ID}
	if err := s.SaveDependency(ctx, &d); err != nil {
		t.Fatal(err)
	}
	var env Environment
	if err := s.db.First(&env, d.EnvironmentID).Error; err != nil || env.Name != "Billing Production" {
		t.Fatalf("Billing 1.1.0 needs Billing 1.0.0 on %q (%v), want Billing Production", env.Name, err)
	}
}
