package reports

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"releasedesk/data"
)

// The fixtures in testdata are written by Python's csv module in the shape
// Jira gives its exports: Jira Server's header (Fix Version/s and
// Component/s repeated, custom fields, comments; a byte-order mark and
// CRLF line ends) and Jira Cloud's (Fix versions, Components, Status
// Category; every value quoted), with commas, quotes and line breaks inside
// values.

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDetectImport(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		path string
		want ImportKind
	}{
		{filepath.Join("testdata", "jira_server_export.csv"), JiraIssuesFile},
		{filepath.Join("testdata", "jira_cloud_export.csv"), JiraIssuesFile},
		{filepath.Join("testdata", "jira_versions.csv"), JiraVersionsFile},
		{write("rest.csv", "name,description,startDate,releaseDate,released,archived\n2.4.0,,2026-11-02,2026-11-20,false,false\n"), JiraVersionsFile},
		{write("plan.csv", "Product,Version,Status,Release date\nPayments,2.4.0,Planned,2026-11-20\n"), PlanFile},
		{write("plan2.csv", "Product;Version;Start date;Release date\n"), PlanFile},
		{write("sprint.csv", "\ufeffIssue key;Summary;Fix Version/s\nPAY-1;x;1.0\n"), JiraIssuesFile},
		{write("plan.xlsx", "not really a workbook"), PlanFile},
		{write("empty.csv", ""), PlanFile},
	}
	for _, tt := range tests {
		got, err := DetectImport(tt.path)
		if err != nil || got != tt.want {
			t.Errorf("DetectImport(%s) = %v (%v), want %v", filepath.Base(tt.path), got, err, tt.want)
		}
	}
	if _, err := DetectImport(filepath.Join(dir, "missing.csv")); err == nil {
		t.Error("a missing file was detected")
	}
}

func TestParseJiraIssuesServerExport(t *testing.T) {
	exp, err := ParseJiraIssues(bytes.NewReader(readFixture(t, "jira_server_export.csv")))
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Errors) > 0 {
		t.Fatalf("errors %v", exp.Errors)
	}
	var keys []string
	var rows []int
	for _, is := range exp.Issues {
		keys, rows = append(keys, is.Key), append(rows, is.Row)
	}
	// PAY-101's description spans four lines of the file but one row of a sheet.
	if !slices.Equal(keys, []string{"PAY-101", "PAY-102", "PAY-103", "PAY-104", "PAY-105", "PAY-106"}) || !slices.Equal(rows, []int{2, 3, 4, 5, 6, 7}) {
		t.Fatalf("keys %v on rows %v", keys, rows)
	}
	first, second := exp.Issues[0], exp.Issues[1]
	if first.Summary != "Pay by bank transfer, including SEPA" || first.IssueType != "Story" || first.ProjectName != "Payments" ||
		first.ProjectKey != "PAY" || first.Resolution != "Done" || !slices.Equal(first.Components, []string{"Checkout", "API"}) ||
		!slices.Equal(first.FixVersions, []string{"2.4.0"}) || first.Due != data.NewDate(2026, 11, 20) {
		t.Fatalf("PAY-101 read as %+v", first)
	}
	if !slices.Equal(second.FixVersions, []string{"2.4.0", "2.3.5"}) || second.Status != "In Progress" || !second.Due.IsZero() {
		t.Fatalf("PAY-102 read as %+v (Affects Version/s is not a fix version)", second)
	}
	if first.Columns["FixVersions"] != "Fix Version/s" || first.Columns["Components"] != "Component/s" || first.Columns["Due"] != "Due Date" {
		t.Fatalf("columns %v", first.Columns)
	}
	ignored := 0
	for _, c := range exp.Columns {
		if c.Field == "" {
			ignored++
		}
	}
	if ignored < 30 {
		t.Errorf("only %d columns ignored: %+v", ignored, exp.Columns)
	}
}

func TestParseJiraIssuesCloudExport(t *testing.T) {
	exp, err := ParseJiraIssues(bytes.NewReader(readFixture(t, "jira_cloud_export.csv")))
	if err != nil || len(exp.Errors) > 0 {
		t.Fatalf("%v %v", err, exp.Errors)
	}
	if len(exp.Issues) != 3 {
		t.Fatalf("issues %+v", exp.Issues)
	}
	vuln := exp.Issues[1]
	if vuln.Key != "LED-8" || vuln.IssueType != "Vulnerability" || vuln.StatusCategory != "In Progress" ||
		!slices.Equal(vuln.FixVersions, []string{"1.2.0", "1.1.4"}) || vuln.Due != data.NewDate(2026, 11, 10) ||
		vuln.Summary != "Escape account names in exports" || vuln.Columns["FixVersions"] != "Fix versions" {
		t.Fatalf("LED-8 read as %+v", vuln)
	}
}

func TestParseJiraIssuesRefusesWhatIsNotAnExport(t *testing.T) {
	tests := []struct{ text, want string }{
		{"", "is empty"},
		{"Summary,Key\nx,PAY-1\n", `must name the columns "Issue key" and "Summary"`},
		{"Summary,Issue key,Status\nx,PAY-1,Done\n", `has no "Fix Version/s" column`},
		{"Summary,Issue key,Fix Version/s\n\"unclosed,PAY-1,1.0\n", ""},
	}
	for _, tt := range tests {
		_, err := ParseJiraIssues(strings.NewReader(tt.text))
		if tt.want == "" {
			continue // LazyQuotes reads it; the point is no panic
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseJiraIssues(%q) = %v, want %q", tt.text, err, tt.want)
		}
	}
	exp, err := ParseJiraIssues(strings.NewReader("Issue key,Summary,Fix Version/s,Due Date\nPAY-1,x,1.0,31/Foo/26\n\nPAY-2,y,1.0,\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Errors) != 1 || exp.Errors[0].Row != 2 || exp.Errors[0].Column != "Due Date" || exp.Issues[1].Row != 4 {
		t.Fatalf("errors %+v, issues %+v", exp.Errors, exp.Issues)
	}
}

func TestParseJiraDate(t *testing.T) {
	tests := []struct {
		in   string
		want data.Date
	}{
		{"01/Nov/26 9:15 AM", data.NewDate(2026, 11, 1)},
		{"11/May/24 03:26 PM", data.NewDate(2024, 5, 11)},
		{"1/nov/26", data.NewDate(2026, 11, 1)},
		{"14/JUL/2025 15:42", data.NewDate(2025, 7, 14)},
		{"2026-11-01", data.NewDate(2026, 11, 1)},
		{"2026-11-01 23:59", data.NewDate(2026, 11, 1)},
		{"2026-11-01T23:30:00+09:00", data.NewDate(2026, 11, 1)},
		{"  ", data.Date{}},
	}
	for _, tt := range tests {
		if got, err := ParseJiraDate(tt.in); err != nil || got != tt.want {
			t.Errorf("ParseJiraDate(%q) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"31/Foo/26", "11/05/24", "32/Jan/26", "yesterday", "01/Nov/0001"} {
		if _, err := ParseJiraDate(bad); err == nil {
			t.Errorf("ParseJiraDate(%q) took it", bad)
		}
	}
}

func TestImportJiraServerExportTwiceNeverDuplicates(t *testing.T) {
	ctx := context.Background()
	s := reportStore(t)
	p := data.Product{Name: "Payments"}
	if err := s.SaveProduct(ctx, &p); err != nil {
		t.Fatal(err)
	}
	r := data.Release{ProductID: p.ID, Version: "2.4.0", Title: "Bank transfers", Type: data.TypeMinor, Status: data.StatusPlanned,
		PlannedRelease: data.NewDate(2026, 11, 20)}
	if err := s.SaveRelease(ctx, &r); err != nil {
		t.Fatal(err)
	}
	exp, err := ParseJiraIssues(bytes.NewReader(readFixture(t, "jira_server_export.csv")))
	if err != nil {
		t.Fatal(err)
	}
	preview, err := PreviewJira(ctx, s, exp, data.JiraOptions{SiteURL: "https://jira.example.com"})
	if err != nil || len(preview.Errors) > 0 {
		t.Fatalf("preview %v %v", err, preview.Errors)
	}
	if len(preview.Skipped) != 1 || preview.Skipped[0].Key != "PAY-105" || len(preview.NewReleases) != 2 {
		t.Fatalf("preview skipped %+v, new releases %+v", preview.Skipped, preview.NewReleases)
	}
	res, err := ImportJira(ctx, s, exp, data.JiraOptions{SiteURL: "https://jira.example.com"})
	if err != nil || res.Created != 6 {
		t.Fatalf("import %+v (%v)", res, err)
	}
	items, err := s.WorkItems(ctx, r.ID, data.WorkItemFilter{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]data.WorkItem{}
	for _, it := range items {
		got[it.Key] = it
	}
	if len(got) != 4 || got["PAY-101"].Kind != data.WorkFeature || got["PAY-102"].Status != data.WorkInProgress ||
		got["PAY-104"].Kind != data.WorkTask || got["PAY-104"].CustomerFacing || got["PAY-106"].Status != data.WorkDropped ||
		got["PAY-101"].Link != "https://jira.example.com/browse/PAY-101" {
		t.Fatalf("2.4.0 scope %+v", got)
	}
	again, err := ImportJira(ctx, s, exp, data.JiraOptions{SiteURL: "https://jira.example.com"})
	if err != nil || again.Created != 0 || again.Unchanged != 6 {
		t.Fatalf("second import %+v (%v)", again, err)
	}
	counts, _ := s.ScopeCounts(ctx, []uint{r.ID})
	if counts[r.ID].Items != 4 {
		t.Fatalf("2.4.0 has %d items after importing twice", counts[r.ID].Items)
	}
}

func TestImportJiraRefusesABadFileAndChangesNothing(t *testing.T) {
	ctx := context.Background()
	s := reportStore(t)
	text := "Issue key,Summary,Project name,Fix Version/s,Due Date\n" +
		"PAY-1,Good,Payments,1.0.0,\n" +
		"PAY-2,,Payments,1.0.0,31/Foo/26\n"
	exp, err := ParseJiraIssues(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	_, err = ImportJira(ctx, s, exp, data.JiraOptions{})
	pe, ok := data.AsPlanErrors(err)
	if !ok {
		t.Fatalf("got %v, want PlanErrors", err)
	}
	var msgs []string
	for _, e := range pe.Errors {
		msgs = append(msgs, e.Error())
	}
	want := []string{"row 3, Summary: is required", `row 3, Due Date: "31/Foo/26" is not a date as Jira writes them, such as 01/Nov/26 9:15 AM or 2026-11-01`}
	if !slices.Equal(msgs, want) {
		t.Fatalf("errors\n got %q\nwant %q", msgs, want)
	}
	if rels, _ := s.ListReleases(ctx, data.ReleaseFilter{}); len(rels) != 0 {
		t.Fatalf("a refused import created %d releases", len(rels))
	}
}

func TestParseAndImportJiraVersions(t *testing.T) {
	ctx := context.Background()
	s := reportStore(t)
	l, err := ParseJiraVersions(bytes.NewReader(readFixture(t, "jira_versions.csv")), "")
	if err != nil || len(l.Errors) > 0 || !l.HasProject || len(l.Versions) != 4 {
		t.Fatalf("%+v %v", l, err)
	}
	if v := l.Versions[1]; v.Name != "2.3.0" || v.State != data.JiraReleased || v.Release != data.NewDate(2026, 10, 26) || v.Start != data.NewDate(2026, 10, 5) {
		t.Fatalf("2.3.0 read as %+v", v)
	}
	created, err := ImportJiraVersions(ctx, s, l)
	if err != nil || len(created) != 4 {
		t.Fatalf("created %+v (%v)", created, err)
	}
	if _, err := ParseJiraVersions(strings.NewReader("Name,Start date,Release date\n2.4.0,,\n"), ""); err != ErrVersionsNeedProduct {
		t.Fatalf("a list without projects and no product: %v", err)
	}
	l, err = ParseJiraVersions(strings.NewReader("name,startDate,releaseDate,released,archived\n3.0.0,2026-11-02,2026-12-01,maybe,false\n"), "Payments")
	if err != nil || len(l.Errors) != 1 || l.Errors[0].Column != "released" || l.Versions[0].Project != "Payments" {
		t.Fatalf("%+v %v", l, err)
	}
}

// FuzzParseJiraIssues feeds the reader arbitrary bytes: it must never
// panic, and what it reads must hold together.
func FuzzParseJiraIssues(f *testing.F) {
	for _, name := range []string{"jira_server_export.csv", "jira_cloud_export.csv"} {
		f.Add(readFixture(f, name))
	}
	f.Add([]byte("Issue key,Summary,Fix Version/s,Fix Version/s,Due Date\nPAY-1,\"a, b\",1.0,,01/Nov/26\n\n\"PAY-2\",\"x\ny\",2.0,3.0,\n"))
	f.Add([]byte("\xef\xbb\xbfIssue key;Summary;Fix versions\r\nA-1;\x93quoted\x94;1\r\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		exp, err := ParseJiraIssues(bytes.NewReader(raw))
		if err != nil {
			return
		}
		last := 1
		for _, is := range exp.Issues {
			if is.Row <= last {
				t.Fatalf("row %d after row %d", is.Row, last)
			}
			last = is.Row
			for _, v := range append(slices.Clone(is.FixVersions), is.Components...) {
				if v == "" || v != strings.TrimSpace(v) {
					t.Fatalf("value %q is empty or untrimmed", v)
				}
			}
		}
		for _, e := range exp.Errors {
			if e.Row < 2 || e.Column == "" {
				t.Fatalf("error %+v names no cell", e)
			}
		}
	})
}

// FuzzParseJiraVersions feeds the versions reader arbitrary bytes.
func FuzzParseJiraVersions(f *testing.F) {
	f.Add(readFixture(f, "jira_versions.csv"))
	f.Add([]byte("name,startDate,releaseDate,released,archived\n3.0.0,2026-11-02,2026-12-01,true,false\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		l, err := ParseJiraVersions(bytes.NewReader(raw), "Payments")
		if err != nil {
			return
		}
		for _, v := range l.Versions {
			if v.Project == "" && !l.HasProject {
				t.Fatalf("version %+v has no product", v)
			}
			if v.State != data.JiraUnreleased && v.State != data.JiraReleased && v.State != data.JiraArchived {
				t.Fatalf("state %q", v.State)
			}
		}
	})
}
