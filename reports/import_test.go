package reports

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"releasedesk/data"
)

// planErrorLines lists errors as the command line prints them.
func planErrorLines(errs []data.PlanError) string {
	var lines []string
	for _, e := range errs {
		lines = append(lines, e.Error())
	}
	return strings.Join(lines, "\n")
}

func TestParsePlanHeaders(t *testing.T) {
	tests := []struct {
		header string
		fields string // canonical fields, | separated; "" for ignored
		err    string
	}{
		{"Product,Version,Title,Type,Status,Owner,Code freeze,Release date", "Product|Version|Title|Type|Status|Owner|Code freeze|Release date", ""},
		{"APPLICATION;Fix Version/s;Summary;Release Type;State;Assignee;Freeze date;Go-live", "Product|Version|Title|Type|Status|Owner|Code freeze|Release date", ""},
		{"project,release,name,target date", "Product|Version|Title|Release date", ""},
		{"System,Version number,Planned release,Release owner", "Product|Version|Release date|Owner", ""},
		{"ID,Product,Version,Colour", "|Product|Version|", ""},
		{"Release plan 2026\n\nProduct,Version", "Product|Version", ""}, // a title above the header
		{"Product,Title\nnotes\nApplication,Version", "Product|Version", ""},
		{"Product,Title", "", `names no Version column (looked for headers such as "Version", "Fix Version", "Release", "Version number")`},
		{"Version,Title", "", "names no Product column"},
		{"Product,Version,Release,Title", "", `columns "Version" and "Release" both give the Version; keep one`},
	}
	for _, tt := range tests {
		p, err := ParsePlanCSV(strings.NewReader(tt.header+"\n"), PlanOptions{})
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: err = %v, want %q", tt.header, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.header, err)
			continue
		}
		var fields []string
		for _, c := range p.Columns {
			fields = append(fields, c.Field)
		}
		if got := strings.Join(fields, "|"); got != tt.fields {
			t.Errorf("%q understood as %q, want %q", tt.header, got, tt.fields)
		}
	}
}

func TestParsePlanCSVRows(t *testing.T) {
	in := "\ufeffApplication;Fix Version;Summary;Type;Status;Owner;Freeze date;Go-live\r\n" +
		"Payments;2.4.0;Checkout;Major;In progress;Dana;01/05/2026;8 May 2026\r\n" +
		"\r\n" + // a blank line is row 3 in a spreadsheet
		"Ledger;1.0.0;\"Two\nlines\";;;;;2026-07-01\r\n" +
		"Ledger;1.1.0;;hotfix;ROLLED_BACK;;;12/31/2026\r\n" +
		"Billing;0.1;=1+1;huge;gone;;32/01/2026;soon\r\n"
	p, err := ParsePlanCSV(strings.NewReader(in), PlanOptions{Locale: "en_GB.UTF-8"})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != 4 {
		t.Fatalf("%d rows, want 4", len(p.Rows))
	}
	tests := []struct {
		row                    int
		product, version, name string
		typ                    data.ReleaseType
		status                 data.ReleaseStatus
		freeze, release        data.Date
	}{
		// Go-live's 12/31/2026 proves the file writes the month first.
		{2, "Payments", "2.4.0", "Checkout", data.TypeMajor, data.StatusInProgress, data.NewDate(2026, 1, 5), data.NewDate(2026, 5, 8)},
		{4, "Ledger", "1.0.0", "Two\nlines", data.TypeMinor, data.StatusPlanned, data.Date{}, data.NewDate(2026, 7, 1)},
		{5, "Ledger", "1.1.0", "Ledger 1.1.0", data.TypeHotfix, data.StatusRolledBack, data.Date{}, data.NewDate(2026, 12, 31)},
		{6, "Billing", "0.1", "=1+1", data.TypeMinor, data.StatusPlanned, data.Date{}, data.Date{}},
	}
	for i, tt := range tests {
		r := p.Rows[i]
		got := fmt.Sprint(r.Row, r.Product, r.Release.Version, r.Release.Title, r.Release.Type, r.Release.Status, r.Release.CodeFreeze, r.Release.PlannedRelease)
		want := fmt.Sprint(tt.row, tt.product, tt.version, tt.name, tt.typ, tt.status, tt.freeze, tt.release)
		if got != want {
			t.Errorf("row %d = %s\nwant      %s", i, got, want)
		}
	}
	// The quoted title over two lines is one spreadsheet row.
	wantErrs := `row 6, Type: "huge" is not a release type (use one of: major, minor, patch, hotfix, emergency)
row 6, Status: "gone" is not a release status (use one of: draft, planned, in progress, released, rolled back, cancelled)
row 6, Freeze date: "32/01/2026" is not a date: no such day (write 2026-12-31 or 31 Dec 2026)
row 6, Go-live: "soon" is not a date (write 2026-12-31 or 31 Dec 2026)`
	if got := planErrorLines(p.Errors); got != wantErrs {
		t.Errorf("errors:\n%s\nwant:\n%s", got, wantErrs)
	}
	if p.Rows[0].Columns["PlannedRelease"] != "Go-live" || p.Rows[0].Columns["Risk"] != "Risk" {
		t.Errorf("columns = %v", p.Rows[0].Columns)
	}
}

func TestParsePlanCSVEncodingsAndSeparators(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
	}{
		{"comma", []byte("Product,Version,Title,Release date\nCafé,1.0.0,\"Crème, brûlée\",2026-07-01\n")},
		{"tab", []byte("Product\tVersion\tTitle\tRelease date\nCafé\t1.0.0\tCrème, brûlée\t2026-07-01\n")},
		{"windows-1252", []byte("Product;Version;Title;Release date\nCaf\xe9;1.0.0;Cr\xe8me, br\xfbl\xe9e;2026-07-01\n")},
	}
	for _, tt := range tests {
		p, err := ParsePlanCSV(strings.NewReader(string(tt.in)), PlanOptions{})
		if err != nil || len(p.Rows) != 1 || len(p.Errors) != 0 {
			t.Errorf("%s: %+v %v", tt.name, p, err)
			continue
		}
		if r := p.Rows[0]; r.Product != "Café" || r.Release.Title != "Crème, brûlée" {
			t.Errorf("%s: read %q %q", tt.name, r.Product, r.Release.Title)
		}
	}
	for _, in := range []string{"", "\n\n , \n"} {
		if _, err := ParsePlanCSV(strings.NewReader(in), PlanOptions{}); err == nil || !strings.Contains(err.Error(), "empty") {
			t.Errorf("%q: err = %v, want empty", in, err)
		}
	}
}

// planWorkbook writes a plan sheet with date cells, typed dates and numbers.
func planWorkbook(t *testing.T, sheet string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if sheet != "Sheet1" {
		if _, err := f.NewSheet("Notes"); err != nil {
			t.Fatal(err)
		}
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			t.Fatal(err)
		}
	}
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetRow(sheet, "A1", &[]any{"Product", "Version", "Title", "Code freeze", "Release date", "Risk"}))
	must(f.SetSheetRow(sheet, "A2", &[]any{"Payments", "2.5.0", "Wallets", time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 8, 10, 0, 0, 0, 0, time.UTC), "High"}))
	must(f.SetCellStyle(sheet, "D2", "E2", dateStyle))
	must(f.SetSheetRow(sheet, "A4", &[]any{"Ledger", "2.0", "Split ledger", "1 Sep 2026", 46300, "medium"}))
	must(f.SetSheetRow(sheet, "A5", &[]any{"Ledger", "2.1.0", "Bad number", "", 12, ""}))
	path := filepath.Join(t.TempDir(), "plan.xlsx")
	must(f.SaveAs(path))
	return path
}

func TestParsePlanXLSX(t *testing.T) {
	for _, sheet := range []string{"Sheet1", "Plan"} {
		p, err := ParsePlanFile(planWorkbook(t, sheet), PlanOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Rows) != 3 {
			t.Fatalf("%s: %d rows", sheet, len(p.Rows))
		}
		a, b := p.Rows[0], p.Rows[1]
		if a.Row != 2 || a.Release.CodeFreeze != data.NewDate(2026, 8, 1) || a.Release.PlannedRelease != data.NewDate(2026, 8, 10) || a.Release.Risk != data.RiskHigh {
			t.Errorf("%s: first row %+v", sheet, a)
		}
		if b.Row != 4 || b.Release.Version != "2.0" || b.Release.CodeFreeze != data.NewDate(2026, 9, 1) ||
			b.Release.PlannedRelease != data.DateOf(excelEpoch.AddDate(0, 0, 46300)) || b.Release.Risk != data.RiskMedium {
			t.Errorf("%s: second row %+v", sheet, b)
		}
		if got, want := planErrorLines(p.Errors), "row 5, Release date: 12 is a number, not a date (write 2026-12-31 or 31 Dec 2026)"; got != want {
			t.Errorf("%s: errors %q, want %q", sheet, got, want)
		}
	}
}

func TestParsePlanFileRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{"plan.ods": "x", "plan.xlsx": "not a zip"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := ParsePlanFile(path, PlanOptions{}); err == nil {
			t.Errorf("%s was accepted", name)
		}
	}
	if _, err := ParsePlanFile(filepath.Join(dir, "missing.csv"), PlanOptions{}); !os.IsNotExist(err) {
		t.Errorf("missing file: %v", err)
	}
}

func TestPreviewAndImportPlan(t *testing.T) {
	s := reportStore(t)
	ctx := context.Background()
	existing := data.Product{Name: "Payments"}
	if err := s.SaveProduct(ctx, &existing); err != nil {
		t.Fatal(err)
	}
	r := data.Release{ProductID: existing.ID, Version: "2.4.0", Title: "Checkout", Type: data.TypeMajor, Status: data.StatusPlanned, PlannedRelease: data.NewDate(2026, 5, 8)}
	if err := s.SaveRelease(ctx, &r); err != nil {
		t.Fatal(err)
	}
	bad := "Product,Version,Title,Type,Release date,Code freeze\n" +
		"payments,2.4.0,Again,,2026-06-01,\n" + // exists already
		"Ledger,1.0.0,First,huge,2026-07-01,\n" + // bad type
		"Ledger,1.1.0,Second,,2026-08-01,2026-08-05\n" + // freeze after release
		"Wallet,0.9.0,Good,,2026-09-01,\n"
	p, err := ParsePlanCSV(strings.NewReader(bad), PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	preview, err := PreviewPlan(ctx, s, p)
	if err != nil {
		t.Fatal(err)
	}
	wantErrs := `row 2, Version: Payments already has a release 2.4.0 (an import only creates new releases)
row 3, Type: "huge" is not a release type (use one of: major, minor, patch, hotfix, emergency)
row 4, Code freeze: must be on or before the planned release date`
	if got := planErrorLines(preview.Errors); got != wantErrs {
		t.Errorf("preview errors:\n%s\nwant:\n%s", got, wantErrs)
	}
	if len(preview.Releases) != 1 || preview.Releases[0].Row != 5 || fmt.Sprint(preview.NewProducts) != "[Wallet]" {
		t.Errorf("preview would create %+v, new products %v", preview.Releases, preview.NewProducts)
	}
	_, err = ImportPlan(ctx, s, p)
	pe, ok := data.AsPlanErrors(err)
	if !ok || planErrorLines(pe.Errors) != wantErrs || pe.Error() != "3 rows have errors; nothing was imported" {
		t.Fatalf("import err = %v", err)
	}
	if all, _ := s.ListReleases(ctx, data.ReleaseFilter{}); len(all) != 1 {
		t.Fatalf("a refused import wrote: %d releases", len(all))
	}
	if products, _ := s.Products(ctx); len(products) != 1 {
		t.Fatalf("a refused import wrote products: %v", products)
	}

	good, err := ParsePlanCSV(strings.NewReader("Product,Version,Title,Release date\nLedger,1.0.0,First,1 Jul 2026\nWallet,0.9.0,Good,2026-09-01\n"), PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	created, err := ImportPlan(ctx, s, good)
	if err != nil || len(created) != 2 {
		t.Fatalf("import: %v, %v", created, err)
	}
	got, err := s.FindRelease(ctx, "Ledger 1.0.0")
	if err != nil || got.PlannedRelease != data.NewDate(2026, 7, 1) || got.Type != data.TypeMinor || got.Status != data.StatusPlanned {
		t.Errorf("imported %+v, %v", got, err)
	}
}

// FuzzParsePlanCSV checks that no file makes the parser panic, that rows
// come out in order below the header, and that every error points at a row
// that was read.
func FuzzParsePlanCSV(f *testing.F) {
	for _, s := range []string{
		"Product,Version,Title,Release date\nPayments,2.4.0,Checkout,2026-05-08\n",
		"Application;Fix Version;Go-live;Type\nA;1;31/12/2026;hotfix\n\nB;2;x;y\n",
		"\ufeffproduct\tversion\n\"a\nb\"\t1\n",
		"Product,Version\n\"unterminated,1\n",
		"Product,Version,Code freeze\nP,1,\xff\xfe\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		p, err := ParsePlanCSV(strings.NewReader(string(in)), PlanOptions{})
		if err != nil {
			return
		}
		rows := map[int]bool{}
		last := 1
		for _, r := range p.Rows {
			if r.Row <= last {
				t.Fatalf("row %d after row %d", r.Row, last)
			}
			last = r.Row
			rows[r.Row] = true
			if r.Columns["Product"] == "" || r.Columns["Version"] == "" {
				t.Fatalf("row %d has no column names: %v", r.Row, r.Columns)
			}
		}
		for _, e := range p.Errors {
			if !rows[e.Row] || e.Column == "" || e.Message == "" {
				t.Fatalf("error %+v points at no row that was read", e)
			}
		}
	})
}
