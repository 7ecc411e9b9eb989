package editor

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/uitest"
)

// tapArea is the Go/no-go line that says text, to tap as a user does.
func (f *editorFixture) tapArea(text string) *kit.TapArea {
	f.T.Helper()
	var found *kit.TapArea
	uitest.Visit(f.Win.Canvas().Content(), func(o fyne.CanvasObject) {
		a, ok := o.(*kit.TapArea)
		if !ok || found != nil {
			return
		}
		uitest.Visit(a, func(in fyne.CanvasObject) {
			if l, ok := in.(*widget.Label); ok && l.Text == text {
				found = a
			}
		})
	})
	if found == nil {
		f.T.Fatalf("no line %q to tap on the Go/no-go tab; visible %q", text, f.Texts())
	}
	return found
}

func TestGoNoGoLinesLeadToTheirTab(t *testing.T) {
	f := newPathFixture(t, tabGoNoGo)
	dana := f.assign(f.Person("Dana Smith", "dana@example.com", "", ""), data.RoleAccountable)
	f.reopen(tabGoNoGo)
	test.Tap(f.tapArea("Accountable Dana Smith has not approved yet"))
	if f.ed.Tab() != TabStakeholders {
		t.Fatalf("the pending approval led to tab %d, want Stakeholders", f.ed.Tab())
	}
	marked := tabOf[*stakeholdersTab](f).marks[dana.ID]
	if marked == nil || !marked.Marked() {
		t.Errorf("Dana's role is not marked on the Stakeholders tab")
	}
	f.selectTab(tabGoNoGo)
	test.Tap(f.tapArea("No test runs recorded yet"))
	if f.ed.Tab() != TabTests {
		t.Errorf("the missing test runs led to tab %d, want Tests", f.ed.Tab())
	}
}
