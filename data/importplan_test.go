package data

import (
	"fmt"
	"strings"
	"testing"
)

// planRow builds a good plan row for product and version on row n.
func planRow(n int, product, version string) PlanRow {
	return PlanRow{
		Row: n, Product: product,
		Release: Release{Version: version, Title: "Plan " + version, Type: TypeMinor, Status: StatusPlanned,
			CodeFreeze: NewDate(2026, 9, 1), PlannedRelease: NewDate(2026, 9, 10)},
		Columns: map[string]string{"Product": "Application", "Version": "Fix Version", "Title": "Summary",
			"PlannedRelease": "Go-live", "CodeFreeze": "Freeze date", "Status": "Status", "Type": "Type",
			"ActualRelease": "Actual release"},
	}
}

func TestImportPlanCreatesReleasesProductsAndHistory(t *testing.T) {
	f := newFixture(t)
	existing := f.product("Payments")
	rows := []PlanRow{planRow(2, "payments", "3.0.0"), planRow(3, "Ledger", "1.0.0"), planRow(5, "LEDGER", "1.1.0")}
	rows[1].Release.Owner, rows[1].Release.Risk = "Dana", RiskHigh

	preview, err := f.s.PreviewPlan(f.ctx, rows)
	if err != nil {
		t.Fatal(err)
	}
	if len(preview.Errors) != 0 || len(preview.Releases) != 3 || fmt.Sprint(preview.NewProducts) != "[Ledger]" {
		t.Fatalf("preview = %+v", preview)
	}
	if first := preview.Releases[0]; first.Release.ProductID != existing.ID || first.Release.Product.Name != "Payments" || first.NewProduct || first.Row != 2 {
		t.Errorf("known product not matched: %+v", first)
	}
	if second := preview.Releases[1]; !second.NewProduct || second.Row != 3 || second.Release.Product.Name != "Ledger" {
		t.Errorf("new product not marked: %+v", second)
	}
	if n := f.count(&Release{}); n != 0 {
		t.Fatalf("preview wrote %d releases", n)
	}

	created, err := f.s.ImportPlan(f.ctx, rows)
	if err != nil {
		t.Fatal(err)
	}
	if len(created) != 3 || created[1].ID == 0 || created[1].Product.Name != "Ledger" || created[1].Risk != RiskHigh {
		t.Fatalf("created = %+v", created)
	}
	if created[0].Risk != RiskLow {
		t.Errorf("missing risk became %q, want low", created[0].Risk)
	}
	got, err := f.s.FindRelease(f.ctx, "Ledger 1.1.0")
	if err != nil || got.Title != "Plan 1.1.0" || got.PlannedRelease != NewDate(2026, 9, 10) {
		t.Fatalf("find = %+v, %v", got, err)
	}
	hist, err := f.s.HistoryOf(f.ctx, EntityRelease, got.ID)
	if err != nil || len(hist) == 0 || hist[0].Action != ActionCreate {
		t.Errorf("history = %+v, %v", hist, err)
	}
	if n := f.count(&Product{}); n != 2 {
		t.Errorf("%d products, want 2", n)
	}
}

func (f *fixture) count(model any) int64 {
	f.t.Helper()
	var n int64
	if err := f.s.db.Model(model).Count(&n).Error; err != nil {
		f.t.Fatal(err)
	}
	return n
}

func TestImportPlanRefusesEverythingWhenARowIsBad(t *testing.T) {
	long := strings.Repeat("x", 201)
	tests := []struct {
		name   string
		change func(r *PlanRow)
		want   string
	}{
		{"missing product", func(r *PlanRow) { r.Product = " " }, "row 3, Application: is required"},
		{"bad version", func(r *PlanRow) { r.Release.Version = "2.4 final" }, "row 3, Fix Version: must be one word such as 2.4.0, 2026.12 or R42 (letters, digits and . - + _)"},
		{"missing title", func(r *PlanRow) { r.Release.Title = "" }, "row 3, Summary: is required"},
		{"long title", func(r *PlanRow) { r.Release.Title = long }, "row 3, Summary: is longer than 200 characters"},
		{"freeze after release", func(r *PlanRow) { r.Release.CodeFreeze = NewDate(2026, 9, 11) }, "row 3, Freeze date: must be on or before the planned release date"},
		{"no release date", func(r *PlanRow) { r.Release.PlannedRelease = Date{} }, "row 3, Go-live: is required once a release is planned"},
		{"released without date", func(r *PlanRow) { r.Release.Status = StatusReleased }, "row 3, Actual release: is required once a release is released"},
		{"same as row 2", func(r *PlanRow) { r.Product, r.Release.Version = "ledger", "1.0.0" }, "row 3, Fix Version: ledger 1.0.0 is already on row 2"},
		{"exists already", func(r *PlanRow) { r.Release.Version = "2.4.0" }, "row 3, Fix Version: Payments already has a release 2.4.0 (an import only creates new releases)"},
		{"column not in file", func(r *PlanRow) { r.Release.Title = ""; delete(r.Columns, "Title") }, "row 3, Title: is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.release(f.product("Payments"), "2.4.0", NewDate(2026, 8, 1))
			rows := []PlanRow{planRow(2, "Ledger", "1.0.0"), planRow(3, "Payments", "3.0.0"), planRow(4, "Billing", "0.1.0")}
			tt.change(&rows[1])
			releases, products := f.count(&Release{}), f.count(&Product{})

			preview, err := f.s.PreviewPlan(f.ctx, rows)
			if err != nil {
				t.Fatal(err)
			}
			if len(preview.Errors) != 1 || preview.Errors[0].Error() != tt.want {
				t.Fatalf("preview errors = %v, want [%s]", preview.Errors, tt.want)
			}
			if len(preview.Releases) != 2 {
				t.Errorf("preview would create %d releases, want the 2 good ones", len(preview.Releases))
			}
			_, err = f.s.ImportPlan(f.ctx, rows)
			pe, ok := AsPlanErrors(err)
			if !ok || len(pe.Errors) != 1 || pe.Errors[0].Error() != tt.want {
				t.Fatalf("import err = %v, want plan errors [%s]", err, tt.want)
			}
			if pe.Error() != "1 row has errors; nothing was imported" {
				t.Errorf("message %q", pe.Error())
			}
			if r, p := f.count(&Release{}), f.count(&Product{}); r != releases || p != products {
				t.Errorf("after a refused import: %d releases, %d products; want %d, %d", r, p, releases, products)
			}
		})
	}
}

func TestSortPlanErrorsBlamesEachCellOnce(t *testing.T) {
	errs := []PlanError{
		{Row: 7, Column: "Go-live", Message: "\"32/1/2026\" is not a date"},
		{Row: 2, Column: "Version", Message: "is required"},
		{Row: 7, Column: "Go-live", Message: "is required once a release is planned"},
		{Row: 0, Message: "the file has no Title column"},
		{Row: 7, Column: "Type", Message: "is not a release type"},
	}
	got := SortPlanErrors(errs)
	var lines []string
	for _, e := range got {
		lines = append(lines, e.Error())
	}
	want := `[the file has no Title column row 2, Version: is required row 7, Go-live: "32/1/2026" is not a date row 7, Type: is not a release type]`
	if fmt.Sprint(lines) != want {
		t.Errorf("got %v\nwant %s", lines, want)
	}
	if n := BadPlanRows(got); n != 3 {
		t.Errorf("bad rows = %d, want 3", n)
	}
}

func TestImportPlanOfNothing(t *testing.T) {
	f := newFixture(t)
	created, err := f.s.ImportPlan(f.ctx, nil)
	if err != nil || len(created) != 0 {
		t.Fatalf("created %v, err %v", created, err)
	}
}
