package data

import (
	"slices"
	"strings"
	"testing"
)

func TestJiraKindAndStatus(t *testing.T) {
	kinds := map[string]WorkItemKind{
		"Bug": WorkFix, "Story": WorkFeature, "New Feature": WorkFeature, "Improvement": WorkImprovement,
		"Security": WorkSecurity, "Vulnerability": WorkSecurity, "Task": WorkTask, "Sub-task": WorkTask, "Subtask": WorkTask,
		"Epic": WorkFeature, "Technical task": WorkTask,
	}
	for typ, want := range kinds {
		if got, known := JiraKind(typ); got != want || !known {
			t.Errorf("JiraKind(%q) = %s %v, want %s", typ, got, known, want)
		}
	}
	if got, known := JiraKind("Customer Wish"); got != WorkTask || known {
		t.Errorf("an unknown type maps to %s %v, want an unknown task", got, known)
	}
	statuses := []struct {
		status, category, resolution string
		want                         WorkItemStatus
	}{
		{"To Do", "To Do", "", WorkOpen},
		{"Backlog", "", "", WorkOpen},
		{"In Review", "", "", WorkInProgress},
		{"Waiting for deploy", "In Progress", "", WorkInProgress},
		{"Done", "Done", "Done", WorkDone},
		{"Closed", "", "Fixed", WorkDone},
		{"Closed", "Done", "Won't Do", WorkDropped},
		{"Resolved", "", "Duplicate", WorkDropped},
		{"Rejected", "Done", "", WorkDropped},
	}
	for _, tt := range statuses {
		if got := JiraStatus(tt.status, tt.category, tt.resolution); got != tt.want {
			t.Errorf("JiraStatus(%q, %q, %q) = %s, want %s", tt.status, tt.category, tt.resolution, got, tt.want)
		}
	}
}

// jiraSprint is last sprint's export of two projects, as the reader gives it.
func jiraSprint() []JiraIssue {
	return []JiraIssue{
		{Row: 2, Key: "PAY-101", Summary: "Pay by bank transfer", IssueType: "Story", Status: "Done", StatusCategory: "Done",
			ProjectKey: "PAY", ProjectName: "Payments", FixVersions: []string{"2.4.0"}, Components: []string{"Checkout", "API"}},
		{Row: 3, Key: "PAY-102", Summary: "Refund rounding, yen", IssueType: "Bug", Status: "In Progress",
			ProjectKey: "PAY", ProjectName: "Payments", FixVersions: []string{"v2.4.0", "2.3.5"}},
		{Row: 4, Key: "PAY-103", Summary: "Rotate signing keys", IssueType: "Vulnerability", Status: "To Do",
			ProjectKey: "PAY", ProjectName: "payments", FixVersions: []string{"Payments 2.5.0"}, Due: NewDate(2026, 9, 1)},
		{Row: 5, Key: "PAY-104", Summary: "Groom the backlog", IssueType: "Task", Status: "To Do",
			ProjectKey: "PAY", ProjectName: "Payments"},
		{Row: 6, Key: "LED-7", Summary: "Ledger export API", IssueType: "Customer Wish", Status: "Done",
			ProjectKey: "LED", ProjectName: "General Ledger", FixVersions: []string{"1.2.0"}},
	}
}

func TestImportJiraCreatesThenUpdatesByKey(t *testing.T) {
	f := newFixture(t)
	pay := f.product("Payments")
	led := f.product("LED") // a team that names its product by the project key
	r240 := f.release(pay, "2.4.0", NewDate(2026, 7, 1))
	led120 := f.release(led, "1.2.0", NewDate(2026, 7, 2))
	opt := JiraOptions{SiteURL: "https://acme.atlassian.net/"}

	preview, err := f.s.PreviewJira(f.ctx, jiraSprint(), opt)
	if err != nil || len(preview.Errors) > 0 {
		t.Fatalf("preview: %v %v", err, preview.Errors)
	}
	var newNames []string
	for _, r := range preview.NewReleases {
		newNames = append(newNames, r.Product.Name+" "+r.Version+" "+string(r.Status))
	}
	if want := []string{"Payments 2.3.5 draft", "Payments 2.5.0 planned"}; !slices.Equal(newNames, want) {
		t.Errorf("new releases %v, want %v", newNames, want)
	}
	if len(preview.NewProducts) != 0 {
		t.Errorf("new products %v, want none (LED matched by key)", preview.NewProducts)
	}
	if len(preview.Skipped) != 1 || preview.Skipped[0].Key != "PAY-104" || preview.Skipped[0].Row != 5 {
		t.Errorf("skipped %+v", preview.Skipped)
	}
	unknown := slices.IndexFunc(preview.Types, func(u JiraTypeUse) bool { return u.IssueType == "Customer Wish" })
	if unknown < 0 || preview.Types[unknown].Known || preview.Types[unknown].Kind != WorkTask {
		t.Errorf("types %+v", preview.Types)
	}
	if len(preview.Items) != 5 {
		t.Fatalf("items %+v", preview.Items)
	}
	before := crudDump(t, f.s)
	if before != crudDump(t, f.s) {
		t.Fatal("dump is not stable")
	}

	res, err := f.s.ImportJira(f.ctx, jiraSprint(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 5 || len(res.NewReleases) != 2 {
		t.Fatalf("result %+v", res)
	}
	items, _ := f.s.WorkItems(f.ctx, r240.ID, WorkItemFilter{})
	if got := itemKeys(items); !slices.Equal(got, []string{"PAY-101", "PAY-102"}) {
		t.Fatalf("2.4.0 holds %v", got)
	}
	story := items[0]
	if story.Kind != WorkFeature || story.Status != WorkDone || story.Component != "Checkout, API" ||
		story.Link != "https://acme.atlassian.net/browse/PAY-101" || !story.CustomerFacing {
		t.Fatalf("imported story %+v", story)
	}
	if !crudHistoryHas(t, f.s, EntityWorkItem, story.ID, ActionCreate, "Key", r240.ID) {
		t.Fatal("the import left no history")
	}
	ledItems, _ := f.s.WorkItems(f.ctx, led120.ID, WorkItemFilter{})
	if len(ledItems) != 1 || ledItems[0].Kind != WorkTask || ledItems[0].CustomerFacing {
		t.Fatalf("LED items %+v", ledItems)
	}
	r250, err := f.s.FindRelease(f.ctx, "Payments 2.5.0")
	if err != nil || r250.Status != StatusPlanned || !r250.PlannedRelease.Equal(NewDate(2026, 9, 1)) || r250.Type != TypeMinor {
		t.Fatalf("created release %+v (%v)", r250, err)
	}

	// People edit an item; the next sprint's export changes another.
	story.CustomerFacing, story.Notes = false, "Announce with the bank"
	if err := f.s.SaveWorkItem(f.ctx, &story); err != nil {
		t.Fatal(err)
	}
	again := jiraSprint()
	again[0].Summary = "Pay by instant bank transfer"
	again[1].Status, again[1].Resolution = "Closed", "Fixed"
	res, err = f.s.ImportJira(f.ctx, again, JiraOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 0 || res.Updated != 3 || res.Unchanged != 2 || len(res.NewReleases) != 0 {
		t.Fatalf("re-import %+v, want 3 updates and 2 unchanged", res)
	}
	got, _ := f.s.WorkItem(f.ctx, story.ID)
	if got.Summary != "Pay by instant bank transfer" || got.CustomerFacing || got.Notes != "Announce with the bank" ||
		got.Link != "https://acme.atlassian.net/browse/PAY-101" {
		t.Fatalf("re-imported story %+v", got)
	}
	if n, _ := f.s.ScopeCounts(f.ctx, []uint{r240.ID}); n[r240.ID].Items != 2 || n[r240.ID].Done != 2 {
		t.Fatalf("2.4.0 counts %+v after re-import", n[r240.ID])
	}
}

func TestImportJiraMovesAnItemWhoseFixVersionChanged(t *testing.T) {
	f := newFixture(t)
	pay := f.product("Payments")
	r240 := f.release(pay, "2.4.0", NewDate(2026, 7, 1))
	r250 := f.release(pay, "2.5.0", NewDate(2026, 8, 1))
	issue := JiraIssue{Row: 2, Key: "PAY-9", Summary: "Saved cards", IssueType: "Story", Status: "In Progress",
		ProjectName: "Payments", FixVersions: []string{"2.4.0"}}
	if _, err := f.s.ImportJira(f.ctx, []JiraIssue{issue}, JiraOptions{}); err != nil {
		t.Fatal(err)
	}
	issue.FixVersions = []string{"2.5.0"}
	preview, err := f.s.PreviewJira(f.ctx, []JiraIssue{issue}, JiraOptions{})
	if err != nil || len(preview.Items) != 1 || preview.Items[0].Action != JiraMove || preview.Items[0].From != "Payments 2.4.0" {
		t.Fatalf("preview %+v (%v)", preview.Items, err)
	}
	res, err := f.s.ImportJira(f.ctx, []JiraIssue{issue}, JiraOptions{})
	if err != nil || res.Moved != 1 {
		t.Fatalf("import %+v (%v)", res, err)
	}
	if n, _ := f.s.ScopeCounts(f.ctx, []uint{r240.ID, r250.ID}); n[r240.ID].Items != 0 || n[r250.ID].Items != 1 {
		t.Fatalf("counts after the move %+v", n)
	}
}

func TestImportJiraIsAllOrNothingNamingRowAndColumn(t *testing.T) {
	f := newFixture(t)
	f.product("Payments")
	issues := jiraSprint()
	issues[0].Summary = "  "
	issues[1].FixVersions = []string{"Sprint 12"}
	issues[2].Key = "PAY 103"
	issues = append(issues, JiraIssue{Row: 7, Key: "PAY-101", Summary: "Again", ProjectName: "Payments", FixVersions: []string{"2.4.0"},
		Columns: map[string]string{"Key": "Key"}})
	before := crudDump(t, f.s)
	_, err := f.s.ImportJira(f.ctx, issues, JiraOptions{})
	pe, ok := AsPlanErrors(err)
	if !ok {
		t.Fatalf("got %v, want PlanErrors", err)
	}
	var msgs []string
	for _, e := range pe.Errors {
		msgs = append(msgs, e.Error())
	}
	want := []string{
		"row 2, Summary: is required",
		`row 3, Fix Version/s: "Sprint 12" is not a version such as 2.4.0, and Payments has no release by that name`,
		"row 4, Issue key: must be one word, such as PAY-101",
		"row 7, Key: PAY-101 is already on row 2",
	}
	if !slices.Equal(msgs, want) {
		t.Fatalf("errors\n got %q\nwant %q", msgs, want)
	}
	if after := crudDump(t, f.s); after != before {
		t.Fatal("a refused import changed the database")
	}
	if _, err := f.s.ImportJira(f.ctx, jiraSprint(), JiraOptions{SiteURL: "ftp://jira"}); err == nil ||
		!strings.Contains(err.Error(), "nothing was imported") {
		t.Fatalf("a bad site: %v", err)
	}
}

func TestImportJiraCreatesProductsForUnknownProjects(t *testing.T) {
	f := newFixture(t)
	res, err := f.s.ImportJira(f.ctx, jiraSprint(), JiraOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.NewProducts, []string{"Payments", "General Ledger"}) || len(res.NewReleases) != 4 {
		t.Fatalf("result %+v", res)
	}
	if _, err := f.s.FindRelease(f.ctx, "General Ledger 1.2.0"); err != nil {
		t.Fatal(err)
	}
}

func TestImportJiraVersions(t *testing.T) {
	f := newFixture(t)
	pay := f.product("Payments")
	f.release(pay, "2.4.0", NewDate(2026, 7, 1))
	versions := []JiraVersion{
		{Row: 2, Project: "Payments", Name: "2.4.0", Release: NewDate(2026, 7, 3), State: JiraUnreleased},
		{Row: 3, Project: "Payments", Name: "v2.5.0", Description: "Saved cards", Start: NewDate(2026, 7, 6), Release: NewDate(2026, 8, 3), State: JiraUnreleased},
		{Row: 4, Project: "Payments", Name: "2.3.0", Release: NewDate(2026, 5, 4), State: JiraReleased},
		{Row: 5, Project: "Payments", Name: "2.2.0", State: JiraArchived},
		{Row: 6, Project: "Payments", Name: "3.0.0", State: JiraUnreleased},
	}
	preview, err := f.s.PreviewJiraVersions(f.ctx, versions)
	if err != nil || len(preview.Errors) > 0 {
		t.Fatalf("preview %v %v", err, preview.Errors)
	}
	if len(preview.Existing) != 1 || preview.Existing[0].Note != "Jira's release date is 2026-07-03; Release Desk plans 2026-07-01" {
		t.Fatalf("existing %+v", preview.Existing)
	}
	created, err := f.s.ImportJiraVersions(f.ctx, versions)
	if err != nil || len(created) != 4 {
		t.Fatalf("created %+v (%v)", created, err)
	}
	states := map[string]ReleaseStatus{"v2.5.0": StatusPlanned, "2.3.0": StatusReleased, "2.2.0": StatusCancelled, "3.0.0": StatusDraft}
	for _, r := range created {
		if states[r.Version] != r.Status {
			t.Errorf("%s is %s, want %s", r.Version, r.Status, states[r.Version])
		}
	}
	again, err := f.s.ImportJiraVersions(f.ctx, versions)
	if err != nil || len(again) != 0 {
		t.Fatalf("importing the list again created %+v (%v)", again, err)
	}
	bad := []JiraVersion{{Row: 2, Project: "Payments", Name: "Memphis"}, {Row: 3, Name: "9.0.0"},
		{Row: 4, Project: "Payments", Name: "4.0.0", State: JiraReleased}}
	before := crudDump(t, f.s)
	_, err = f.s.ImportJiraVersions(f.ctx, bad)
	pe, ok := AsPlanErrors(err)
	if !ok || len(pe.Errors) != 3 || pe.Errors[0].Column != "Name" || pe.Errors[1].Column != "Project" || pe.Errors[2].Column != "Release date" {
		t.Fatalf("errors %+v (%v)", pe, err)
	}
	if crudDump(t, f.s) != before {
		t.Fatal("a refused versions list changed the database")
	}
}
