package editor

import (
	"testing"

	"releasedesk/data"
)

func TestGoNoGoLinesLeadToTheirTab(t *testing.T) {
	f := newPathFixture(t, tabGoNoGo)
	dana := f.assign(f.Person("Dana Smith", "dana@example.com", "", ""), data.RoleAccountable)
	f.reopen(tabGoNoGo)
	f.WantTexts("go/no-go", "Accountable Dana Smith has not approved yet")
	f.Tap("Open Stakeholders")
	if f.ed.Tab() != TabStakeholders {
		t.Fatalf("the pending approval led to tab %d, want Stakeholders", f.ed.Tab())
	}
	marked := tabOf[*stakeholdersTab](f).marks[dana.ID]
	if marked == nil || !marked.Marked() {
		t.Errorf("Dana's role is not marked on the Stakeholders tab")
	}
	f.selectTab(tabGoNoGo)
	f.Tap("Open Tests")
	if f.ed.Tab() != TabTests {
		t.Errorf("the missing test runs led to tab %d, want Tests", f.ed.Tab())
	}
}
