package reports

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/uitest"
)

// jiraExportCSV is an issue export as Jira Server writes it: a byte-order
// mark, repeated Fix Version/s and Component/s columns, quoted commas and
// line breaks, Jira's dates and columns the import ignores.
const jiraExportCSV = "\ufeffSummary,Issue key,Issue id,Issue Type,Status,Project key,Project name,Priority,Resolution,Assignee," +
	"Created,Due Date,Fix Version/s,Fix Version/s,Component/s,Component/s,Description\n" +
	`"Card wallets, Apple and Google",PAY-201,10201,Story,Done,PAY,Payments,High,Done,dana,01/Nov/26 9:15 AM,,2.5.0,,Checkout,Wallets,"Two lines` + "\n" + `of text"` + "\n" +
	"Refund rounding,PAY-202,10202,Bug,In Progress,PAY,Payments,Medium,,ravi,02/Nov/26 10:00 AM,15/Dec/26,2.6.0,,API,,\n" +
	"Upgrade build agents,PAY-203,10203,Chore,To Do,PAY,Payments,Low,,,03/Nov/26 11:00 AM,,,,,,\n" +
	"Route replay,FLT-7,10207,New Feature,To Do,FLT,Fleet Tracker,Medium,,,04/Nov/26 8:00 AM,01/Feb/27,1.0.0,,,,\n" +
	"Groom the backlog,PAY-204,10204,Customer Wish,To Do,PAY,Payments,Low,,,05/Nov/26 8:00 AM,,2.5.0,2.6.0,,,\n"

// storedKeys lists the keys of the work items release holds, "" when it does not exist.
func (f *reportsFixture) storedKeys(release string) []string {
	f.T.Helper()
	r, err := f.Store.FindRelease(f.Ctx, release)
	if err != nil {
		return nil
	}
	items, err := f.Store.WorkItems(f.Ctx, r.ID, data.WorkItemFilter{})
	if err != nil {
		f.T.Fatal(err)
	}
	keys := make([]string, len(items))
	for i, it := range items {
		keys[i] = it.Key
	}
	slices.Sort(keys)
	return keys
}

func TestImportScreenPreviewsImportsAndUndoesAJiraExport(t *testing.T) {
	f := newReportsFixture(t)
	s := f.showReports()
	before := f.ReleaseCount()
	s.plan.read(f.writeFile("sprint.csv", jiraExportCSV))
	p := s.plan
	if !p.content.Visible() || !shown(s, p.jira.panel) || !shown(s, p.jira.sidePanel) || shown(s, p.readyPanel) {
		t.Fatalf("a Jira export does not show its own preview; visible %q", f.Texts())
	}
	f.WantTexts("preview", "Import sprint.csv (Jira issue export)",
		"5 work items ready: 5 new; 2 releases to create and 1 product.",
		"Payments 2.6.0, planned for "+kit.FormatDate(data.NewDate(2026, time.December, 15)),
		"Fleet Tracker 1.0.0, planned for "+kit.FormatDate(data.NewDate(2027, time.February, 1)),
		"Fleet Tracker", "Bug → Fix (1 issue)", "Story → Feature (1 issue)",
		"Customer Wish → Task (1 issue): a type Release Desk does not know, read as a task",
		"Row 4, PAY-203: it has no fix version, so no release to go to",
		"Ignored columns: Issue id, Priority, Assignee, Created, Description")
	var changes []string
	for _, it := range p.jira.items {
		changes = append(changes, it.Item.Key+" "+it.Release)
	}
	want := []string{"PAY-201 Payments 2.5.0", "PAY-202 Payments 2.6.0", "FLT-7 Fleet Tracker 1.0.0", "PAY-204 Payments 2.5.0", "PAY-204 Payments 2.6.0"}
	if !slices.Equal(changes, want) {
		t.Errorf("the preview lists %q, want %q", changes, want)
	}
	if p.orderPick.Visible() || !p.siteRow.Visible() {
		t.Error("a Jira export offers the plan's date order, or not the Jira site")
	}

	test.Type(p.site, "https://acme.atlassian.net")
	p.site.OnSubmitted(p.site.Text)
	test.Tap(p.importBtn)
	if got := f.storedKeys("Payments 2.5.0"); !slices.Equal(got, []string{"PAY-201", "PAY-204"}) {
		t.Fatalf("2.5.0 holds %v after the import; visible %q", got, f.Texts())
	}
	if got := f.ReleaseCount(); got != before+2 {
		t.Fatalf("the import made %d releases, want 2", got-before)
	}
	r, _ := f.Store.FindRelease(f.Ctx, "Payments 2.5.0")
	items, _ := f.Store.WorkItems(f.Ctx, r.ID, data.WorkItemFilter{})
	if items[0].Link != "https://acme.atlassian.net/browse/PAY-201" || items[0].Component != "Checkout, Wallets" {
		t.Errorf("imported %+v", items[0])
	}
	f.WantTexts("imported", "Imported 5 work items (5 new) with 2 new releases from sprint.csv and added 1 product.")

	f.Tap("Undo")
	if got := f.storedKeys("Payments 2.5.0"); len(got) != 0 {
		t.Fatalf("after Undo 2.5.0 holds %v", got)
	}
	if got := f.ReleaseCount(); got != before {
		t.Fatalf("after Undo the store holds %d releases, want %d", got, before)
	}
	if _, err := f.Store.ProductNamed(f.Ctx, "Fleet Tracker", false); err == nil {
		t.Error("the product the import created survived its undo")
	}
	f.WantTexts("undone", "Undid the import of sprint.csv")
	if s.CanUndo() {
		t.Error("the import can be undone twice")
	}
}

func TestImportScreenSaysAReimportChangesNothing(t *testing.T) {
	f := newReportsFixture(t)
	s := f.showReports()
	path := f.writeFile("sprint.csv", jiraExportCSV)
	s.plan.read(path)
	test.Tap(s.plan.importBtn)
	s.plan.read(path)
	f.WantTexts("again", "Every issue is in Release Desk as Jira has it already: there is nothing to import.")
	if !s.plan.importBtn.Disabled() || s.plan.importBtn.Text != "Nothing to import" {
		t.Errorf("a re-import that changes nothing offers %q (enabled %v)", s.plan.importBtn.Text, !s.plan.importBtn.Disabled())
	}
	if s.UndoLabel() != "Undo import of sprint.csv" {
		t.Errorf("Edit > Undo would say %q", s.UndoLabel())
	}
	s.Undo()
	if got := f.storedKeys("Payments 2.5.0"); len(got) != 0 {
		t.Errorf("Ctrl+Z left %v", got)
	}
}

func TestImportScreenShowsJiraErrorsByRowAndColumn(t *testing.T) {
	f := newReportsFixture(t)
	s := f.showReports()
	before := f.ReleaseCount()
	s.plan.read(f.writeFile("sprint.csv", "Issue key,Summary,Issue Type,Project name,Fix Version/s,Due Date\n"+
		"PAY-1,Good one,Bug,Payments,2.5.0,\n"+
		"not a key,Bad key,Bug,Payments,2.5.0,\n"+
		"PAY-3,Bad due date,Bug,Payments,2.5.0,someday\n"))
	var problems []string
	for _, e := range s.plan.errs {
		problems = append(problems, e.Error())
	}
	if len(problems) != 2 || !strings.HasPrefix(problems[0], "row 3, Issue key:") || !strings.HasPrefix(problems[1], "row 4, Due Date:") {
		t.Fatalf("problems %q", problems)
	}
	f.WantTexts("errors", "1 work item ready, 2 rows have errors — fix them in the file and open it again.", "Rows with errors")
	if !s.plan.importBtn.Disabled() {
		t.Error("an export with errors can be imported")
	}
	test.Tap(s.plan.importBtn)
	if f.ReleaseCount() != before || len(f.storedKeys("Payments 2.5.0")) != 0 {
		t.Error("an export with errors wrote something")
	}
}

func TestImportScreenAsksTheProductOfAVersionsList(t *testing.T) {
	f := newReportsFixture(t)
	s := f.showReports()
	before := f.ReleaseCount()
	s.plan.read(f.writeFile("versions.csv", "Name,Description,Start date,Release date,Status\n"+
		"2.5.0,Card wallets,,01/Jun/26,Unreleased\n"+
		"2.7.0,Payouts,,01/Sep/26,Unreleased\n"+
		"2.2.0,Old one,,01/Jan/26,Released\n"))
	f.WantTexts("question", "This versions list has no Project column")
	uitest.In[*widget.SelectEntry](f.UI, "Product").SetText("Payments")
	f.Tap("Preview")
	f.WantTexts("preview", "Import versions.csv (Jira versions list)", "2 releases ready to import.", "Row 2, Payments 2.5.0: left as it is")
	if !shown(s, s.plan.readyPanel) || !shown(s, s.plan.jira.sidePanel) || shown(s, s.plan.jira.panel) {
		t.Error("a versions list does not show its releases beside the versions already there, alone")
	}
	test.Tap(s.plan.importBtn)
	if got := f.ReleaseCount(); got != before+2 {
		t.Fatalf("the versions list made %d releases, want 2", got-before)
	}
	f.Tap("Undo")
	if got := f.ReleaseCount(); got != before {
		t.Fatalf("after Undo %d releases, want %d", got, before)
	}
}

// shown reports whether o is on the screen: inside s and visible.
func shown(s *Screen, o fyne.CanvasObject) bool {
	found := false
	uitest.Visit(s, func(x fyne.CanvasObject) { found = found || x == o })
	return found
}
