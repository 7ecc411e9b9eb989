package roadmap

import (
	"testing"

	"fyne.io/fyne/v2"

	"releasedesk/views/uitest"
)

// TestMoveQuestionAnswersToKeys reproduces issue 13 #3 for "Move into a
// conflict?": Escape and Enter did nothing. Escape keeps the deployment
// where it was; Enter moves it anyway, the question's default.
func TestMoveQuestionAnswersToKeys(t *testing.T) {
	f := newTimelineFixture(t)
	f.seed()
	f.show()
	id := f.ids["p24stg"]
	f.drag(id, 7) // into the freeze "Audit" on Staging
	if !f.Shows("Move into a conflict?") {
		t.Fatalf("no question; visible %q", f.Texts())
	}
	uitest.Key(f.Win, fyne.KeyEscape)
	if start, _ := f.planned(id); f.DialogOpen() || !start.Equal(timelineAt(14, 9)) {
		t.Fatalf("Escape: dialog open %v, deployment at %v", f.DialogOpen(), start)
	}
	f.drag(id, 7)
	uitest.Key(f.Win, fyne.KeyReturn)
	if start, _ := f.planned(id); f.DialogOpen() || !start.Equal(timelineAt(21, 9)) {
		t.Fatalf("Enter: dialog open %v, deployment at %v", f.DialogOpen(), start)
	}
}
