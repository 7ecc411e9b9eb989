package data

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestCanonicalVersion(t *testing.T) {
	same := [][]string{
		{"2.4", "2.4.0", "v2.4.0", "02.4.0", "V2.4", "2.4.0.0", " 2.04.00 "},
		{"2", "2.0", "2.0.0", "v2"},
		{"2026.12", "2026.12.0", "v2026.12"},
		{"2.4.0-rc.1", "2.4-RC.1", "v2.4.0-rc.1", "2.4.0.rc.1", "2.4.0rc.1"},
		{"R42", "r42"},
		{"1.0.0+build.5", "1.0+BUILD.5"},
	}
	for _, group := range same {
		for _, v := range group[1:] {
			if !SameVersion(group[0], v) {
				t.Errorf("%q and %q are one version: %q vs %q", group[0], v, CanonicalVersion(group[0]), CanonicalVersion(v))
			}
		}
	}
	different := [][2]string{
		{"2.4.0", "2.4.1"}, {"2.4.0", "2.40"}, {"2.10", "2.1"}, {"2.4.0-rc.1", "2.4.0"}, {"2.4.0-rc.1", "2.4.0-rc.2"},
		{"1.0.0+build.5", "1.0.0"}, {"R42", "R042"}, {"2026.12", "2026.1.2"}, {"v", "0"}, {"2.4.0-1", "2.4.0+1"},
	}
	for _, p := range different {
		if SameVersion(p[0], p[1]) {
			t.Errorf("%q and %q are different versions, both %q", p[0], p[1], CanonicalVersion(p[0]))
		}
	}
}

func TestCheckVersion(t *testing.T) {
	for _, v := range []string{"2.4.0", "2026.12", "R42", "v2.4.0-rc.1+build_7", "2.4", "Ü1"} {
		if err := CheckVersion(v); err != nil {
			t.Errorf("CheckVersion(%q) = %v", v, err)
		}
	}
	for v, want := range map[string]string{"": "is required", "  ": "is required", "2.4 final": "one word", "-2": "one word",
		".4": "one word", "2/4": "one word", "2.4\x00": "one word"} {
		if err := CheckVersion(v); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckVersion(%q) = %v, want %q", v, err, want)
		}
	}
}

// Issue 11 #10: 2.4, 2.4.0, v2.4.0 and 02.4.0 became four releases of one
// version. The store refuses a second one, whoever saves it.
func TestSaveReleaseRefusesTheSameVersionSpeltOtherwise(t *testing.T) {
	f := newFixture(t)
	p := f.product("Payments")
	first := Release{ProductID: p.ID, Version: "2.4.0", Title: "Checkout", Type: TypeMinor, Status: StatusPlanned, Risk: RiskLow, PlannedRelease: NewDate(2026, 9, 1)}
	if err := f.s.SaveRelease(f.ctx, &first); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"2.4", "v2.4.0", "02.4.0", "2.4.0"} {
		r := first
		r.ID, r.Version = 0, v
		err := f.s.SaveRelease(f.ctx, &r)
		verr, ok := AsValidation(err)
		if !ok || len(verr.Fields) != 1 || verr.Fields[0].Field != "Version" || !strings.Contains(verr.Fields[0].Message, "already has a release 2.4.0") {
			t.Errorf("saving %s beside 2.4.0: %v", v, err)
		}
	}
	// Renaming the release itself to another spelling is no clash.
	first.Version = "v2.4"
	if err := f.s.SaveRelease(f.ctx, &first); err != nil {
		t.Errorf("respelling a release's own version: %v", err)
	}
	for _, v := range []string{"2.4.1", "2026.12", "R42"} {
		r := first
		r.ID, r.Version = 0, v
		if err := f.s.SaveRelease(f.ctx, &r); err != nil {
			t.Errorf("saving %s: %v", v, err)
		}
	}
}

// And an import refuses them, within the file and beside the database.
func TestImportPlanRefusesTheSameVersionSpeltOtherwise(t *testing.T) {
	f := newFixture(t)
	p := f.product("Payments")
	existing := Release{ProductID: p.ID, Version: "3.0.0", Title: "Three", Type: TypeMinor, Status: StatusPlanned, Risk: RiskLow, PlannedRelease: NewDate(2026, 9, 1)}
	if err := f.s.SaveRelease(f.ctx, &existing); err != nil {
		t.Fatal(err)
	}
	var rows []PlanRow
	for i, v := range []string{"2.4", "2.4.0", "v2.4.0", "02.4.0", "v3"} {
		rows = append(rows, PlanRow{Row: i + 2, Product: "payments", Release: Release{Version: v, Title: "T", Type: TypeMinor, Status: StatusPlanned, PlannedRelease: NewDate(2026, 10, 1)}})
	}
	_, err := f.s.ImportPlan(context.Background(), rows)
	pe, ok := AsPlanErrors(err)
	if !ok {
		t.Fatalf("err = %v, want plan errors", err)
	}
	var got []string
	for _, e := range pe.Errors {
		got = append(got, e.Error())
	}
	want := []string{
		"row 3, Version: payments 2.4.0 is already on row 2 as 2.4, the same version",
		"row 4, Version: payments v2.4.0 is already on row 2 as 2.4, the same version",
		"row 5, Version: payments 02.4.0 is already on row 2 as 2.4, the same version",
		"row 6, Version: Payments already has a release 3.0.0, the same version as v3 (an import only creates new releases)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// FuzzCanonicalVersion: the canonical form is stable, and a version a
// person may save is the same version with a "v" before it.
func FuzzCanonicalVersion(f *testing.F) {
	for _, s := range []string{"2.4.0", "v02.4", "2026.12", "R42", "2.4.0-rc.1+b.5", "0.0.0", "v", "1..2", "2.4.-1", "١٢.٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		c := CanonicalVersion(v)
		if again := CanonicalVersion(c); again != c {
			t.Fatalf("%q -> %q -> %q", v, c, again)
		}
		if CheckVersion(v) == nil && v[0] >= '0' && v[0] <= '9' && !SameVersion(v, "v"+v) {
			t.Fatalf("%q and v%q differ: %q vs %q", v, v, c, CanonicalVersion("v"+v))
		}
	})
}

// FuzzFindRelease: a reference typed by a person never breaks the lookup,
// and one that finds a release names that release.
func FuzzFindRelease(f *testing.F) {
	s := newTestStore(f)
	ctx := context.Background()
	p := Product{Name: "Customer Portal"}
	if err := s.SaveProduct(ctx, &p); err != nil {
		f.Fatal(err)
	}
	r := Release{ProductID: p.ID, Version: "2.4.0", Title: "T", Type: TypeMinor, Status: StatusPlanned, Risk: RiskLow, PlannedRelease: NewDate(2026, 9, 1)}
	if err := s.SaveRelease(ctx, &r); err != nil {
		f.Fatal(err)
	}
	for _, ref := range []string{"1", "Customer Portal 2.4.0", "customer portal 2.4.0", " 1 ", "Customer Portal", "2.4.0", "", "0", "18446744073709551616", "Customer Portal 2.4.0 x", "%_ 2"} {
		f.Add(ref)
	}
	f.Fuzz(func(t *testing.T, ref string) {
		got, err := s.FindRelease(ctx, ref)
		switch {
		case err == nil && got.ID != r.ID:
			t.Fatalf("%q found release %d", ref, got.ID)
		case err != nil && !errors.Is(err, ErrNotFound):
			t.Fatalf("%q: %v", ref, err)
		}
	})
}
