package reports

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"releasedesk/data"
)

func TestReviewScopeSheet(t *testing.T) {
	d := reviewFixture()
	path := writeReviewFile(t, d)
	f := openBook(t, path)
	if got := f.GetSheetList(); len(got) < 2 || got[1] != SheetScope {
		t.Fatalf("sheets %v: Scope should follow the Summary", got)
	}
	rows, err := f.GetRows(SheetScope)
	if err != nil {
		t.Fatal(err)
	}
	cellAt := func(ref string) string {
		v, err := f.GetCellValue(SheetScope, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for ref, want := range map[string]string{
		"A1": "Key", "A2": "PAY-101", "B3": "=1+1 card declines shown as text", "D2": "Done", "D4": "Open",
		"F5": "No", "A6": "4 items", "B6": "1 open, 2 done, 1 dropped",
	} {
		if got := cellAt(ref); got != want {
			t.Errorf("Scope!%s = %q, want %q", ref, got, want)
		}
	}
	if ok, link, err := f.GetCellHyperLink(SheetScope, "A2"); err != nil || !ok || link != "https://jira.example.com/browse/PAY-101" {
		t.Errorf("PAY-101 links to %q (%v %v)", link, ok, err)
	}
	if ok, _, _ := f.GetCellHyperLink(SheetScope, "A3"); ok {
		t.Error("an item without a link got one")
	}
	find := func(label string) int {
		for i, r := range rows {
			if len(r) > 0 && r[0] == label {
				return i + 1
			}
		}
		t.Fatalf("no row %q on the Scope sheet: %q", label, rows)
		return 0
	}
	slip := find("Slip vs baseline")
	raw, _ := f.GetCellValue(SheetScope, "B"+strconv.Itoa(slip), excelize.Options{RawCellValue: true})
	if raw != "6" {
		t.Errorf("slip against baseline %q, want 6 days (5 May to 11 May)", raw)
	}
	if got := cellAt("B" + strconv.Itoa(find("Baseline release"))); got != "5 May 2026" {
		t.Errorf("baseline release date shows %q", got)
	}
	reason := find("Re-planned at") + 1
	if got := cellAt("B" + strconv.Itoa(reason)); got != d.Replans[0].Reason {
		t.Errorf("re-plan reason %q", got)
	}
	if got := cellAt("A" + strconv.Itoa(find("Requires")+1)); got != "Ledger 1.2.0 on Production: refund API" {
		t.Errorf("requires %q", got)
	}

	book := readWithOpenpyxl(t, path)
	sc := book.sheet(t, SheetScope)
	if sc.Freeze == nil || *sc.Freeze != "A2" || sc.Filter == nil || len(sc.Formulas) > 0 {
		t.Errorf("Scope as openpyxl sees it: %+v", sc)
	}
	if !slices.Contains(sc.DateCells, "B"+strconv.Itoa(find("Baseline release"))) {
		t.Errorf("the baseline is not a date to openpyxl: %v", sc.DateCells)
	}
	if sc.TextCells["B3"] != "=1+1 card declines shown as text" {
		t.Errorf("openpyxl reads B3 as %q", sc.TextCells["B3"])
	}
}

func TestReviewScopeSheetOfAReleaseWithoutScope(t *testing.T) {
	d := data.ReviewData{Release: data.Release{ID: 1, Version: "1.0.0", Title: "First", Product: data.Product{Name: "Ledger"},
		Type: data.TypeMinor, Status: data.StatusDraft, Risk: data.RiskLow}, LoadedAt: reportNow}
	f := openBook(t, writeReviewFile(t, d))
	rows, _ := f.GetRows(SheetScope)
	text := strings.Join(slices.Concat(rows...), "|")
	for _, want := range []string{"No work items were recorded for Ledger 1.0.0.", "no baseline: the release was never committed",
		"no baseline to measure against"} {
		if !strings.Contains(text, want) {
			t.Errorf("Scope sheet lacks %q: %q", want, text)
		}
	}
}

func TestReviewDataCarriesScope(t *testing.T) {
	ctx := context.Background()
	s := reportStore(t)
	prod := data.Environment{Name: "Production", Kind: data.KindProduction}
	if err := s.SaveEnvironment(ctx, &prod); err != nil {
		t.Fatal(err)
	}
	var rels []data.Release
	for _, name := range []string{"Payments", "Ledger"} {
		p := data.Product{Name: name}
		if err := s.SaveProduct(ctx, &p); err != nil {
			t.Fatal(err)
		}
		r := data.Release{ProductID: p.ID, Version: "1.0.0", Title: name, Type: data.TypeMinor, Status: data.StatusPlanned,
			PlannedRelease: data.NewDate(2026, 7, 1)}
		if err := s.SaveRelease(ctx, &r); err != nil {
			t.Fatal(err)
		}
		rels = append(rels, r)
	}
	pay := rels[0]
	if err := s.SaveWorkItem(ctx, &data.WorkItem{ReleaseID: pay.ID, Key: "PAY-1", Summary: "Refunds", Kind: data.WorkFeature}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveDependency(ctx, &data.Dependency{ReleaseID: pay.ID, RequiresID: rels[1].ID}); err != nil {
		t.Fatal(err)
	}
	pay.PlannedRelease, pay.ReplanReason = data.NewDate(2026, 7, 8), "Ledger first"
	if err := s.SaveRelease(ctx, &pay); err != nil {
		t.Fatal(err)
	}
	d, err := s.ReviewData(ctx, pay.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Scope) != 1 || len(d.Replans) != 1 || len(d.Requires) != 1 || d.Requires[0].Requires.Name() != "Ledger 1.0.0" ||
		d.Requires[0].Environment.Name != "Production" || !d.Release.BaselineRelease.Equal(data.NewDate(2026, 7, 1)) {
		t.Fatalf("review data scope %+v replans %+v requires %+v baseline %s", d.Scope, d.Replans, d.Requires, d.Release.BaselineRelease)
	}
}
