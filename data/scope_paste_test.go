package data

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseScopeLines(t *testing.T) {
	text := "PAY-101 Pay by bank transfer\r\n" +
		"\n" +
		"- pay-102: Refund to card\n" +
		"PAY-103\tExport statements as CSV\n" +
		"  * #57 – Fix rounding of yen amounts  \n" +
		"Fix the login page\n" +
		"PAY-104\n" +
		"PAY-101 Again\n" +
		"AB_2-7 | Keep   inner   spaces tidy\n"
	got, errs := ParseScopeLines(text)
	want := []ScopeLine{
		{1, "PAY-101", "Pay by bank transfer"},
		{3, "PAY-102", "Refund to card"},
		{4, "PAY-103", "Export statements as CSV"},
		{5, "#57", "Fix rounding of yen amounts"},
		{9, "AB_2-7", "Keep inner spaces tidy"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("lines\n got %+v\nwant %+v", got, want)
	}
	wantErrs := []string{
		`line 6: "Fix the login page" does not start with a key such as PAY-101`,
		"line 7: PAY-104 has no summary after its key",
		"line 8: PAY-101 is already on line 1",
	}
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	if !slices.Equal(msgs, wantErrs) {
		t.Errorf("errors\n got %q\nwant %q", msgs, wantErrs)
	}
}

func TestParseScopeLinesRefusesTooMuch(t *testing.T) {
	if _, errs := ParseScopeLines(strings.Repeat("PAY-1 x\n", maxPastedLines+1)); len(errs) != 1 {
		t.Fatalf("too many lines: %v", errs)
	}
	if _, errs := ParseScopeLines(strings.Repeat("x", maxPastedBytes+1)); len(errs) != 1 {
		t.Fatalf("too many bytes: %v", errs)
	}
	long := "PAY-1 " + strings.Repeat("s", MaxWorkItemSummary+1)
	if got, errs := ParseScopeLines(long); len(got) != 0 || len(errs) != 1 || !strings.Contains(errs[0].Message, "longer than") {
		t.Fatalf("long summary: %v %v", got, errs)
	}
}

func TestPasteScope(t *testing.T) {
	f := newFixture(t)
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	f.scopeItem(r, "PAY-102", WorkFix, WorkDone)
	lines, errs := ParseScopeLines("PAY-101 Pay by bank transfer\npay-102 Already there\nPAY-103 Export statements")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	before := crudDump(t, f.s)
	_, err := f.s.PasteScope(f.ctx, r.ID, lines, WorkItem{Kind: "story"})
	crudRefused(t, f.s, before, err, "Kind")
	res, err := f.s.PasteScope(f.ctx, r.ID, lines, WorkItem{Kind: WorkFeature, CustomerFacing: true, Component: "Checkout"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(itemKeys(res.Added), []string{"PAY-101", "PAY-103"}) || !slices.Equal(res.Existing, []string{"PAY-102"}) {
		t.Fatalf("added %v, existing %v", itemKeys(res.Added), res.Existing)
	}
	all, _ := f.s.WorkItems(f.ctx, r.ID, WorkItemFilter{Kinds: []WorkItemKind{WorkFeature}})
	if len(all) != 2 || all[0].Component != "Checkout" || !all[0].CustomerFacing || all[0].Status != WorkOpen {
		t.Fatalf("pasted items %+v", all)
	}
	if !crudHistoryHas(t, f.s, EntityWorkItem, res.Added[0].ID, ActionCreate, "Summary", r.ID) {
		t.Fatal("pasting left no history")
	}
	// Undo of a paste removes what it added.
	if _, err := f.s.DeleteWorkItems(f.ctx, []uint{res.Added[0].ID, res.Added[1].ID}); err != nil {
		t.Fatal(err)
	}
}

// FuzzParseScopeLines checks that any text reads without panicking into
// lines that each store as a work item, with every line accounted for.
func FuzzParseScopeLines(f *testing.F) {
	for _, seed := range []string{
		"PAY-101 Pay by bank transfer\nPAY-102: Refund",
		"- #12 – Fix\r\n\n* AB_1-2 | x",
		"PAY-1\nPAY-1 dup\nPAY-1 dup",
		"\xff\xfe bad utf8 \x00",
		"ÄÖ-1 non-ascii project",
		"P-0000000000000000000000000000000000000000001 long",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		lines, errs := ParseScopeLines(text)
		seen := map[int]bool{}
		keys := map[string]bool{}
		for _, l := range lines {
			it := WorkItem{ReleaseID: 1, Key: l.Key, Summary: l.Summary, Kind: WorkFix, Status: WorkOpen}
			if err := it.validate(); err != nil {
				t.Fatalf("line %d %+v reads but does not store: %v", l.Line, l, err)
			}
			if it.Key != l.Key || it.Summary != l.Summary {
				t.Fatalf("line %d is not tidy: %+v", l.Line, l)
			}
			if keys[strings.ToLower(l.Key)] {
				t.Fatalf("key %s read twice", l.Key)
			}
			keys[strings.ToLower(l.Key)], seen[l.Line] = true, true
		}
		for _, e := range errs {
			if seen[e.Line] || e.Line < 1 || !utf8.ValidString(e.Message) {
				t.Fatalf("error %+v on a line that read, or out of range", e)
			}
		}
	})
}
