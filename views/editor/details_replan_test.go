package editor

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/uitest"
)

// TestDetailsAsksWhyAPlannedReleaseIsRedated reproduces what the store's
// re-plan rule did to the window: a planned release could not be re-dated,
// since the form never asked the reason the store requires. The form asks
// for it as soon as a committed date changes, shows the store's refusal
// under it, saves with it, and then shows the baseline beside the dates.
func TestDetailsAsksWhyAPlannedReleaseIsRedated(t *testing.T) {
	f := newReleaseFixture(t, tabDetails, data.StatusPlanned)
	d := f.ed.details
	reasonShown := func() bool { return uitest.FieldIn(f.Win.Canvas().Content(), "Why the dates change") != nil }
	if reasonShown() || f.Shows("Baseline") {
		t.Fatal("the reason or a baseline shows before any date changed")
	}
	uitest.TypeDay(d.planned, uitest.Day(time.May, 18))
	if !reasonShown() {
		t.Fatalf("changing a planned release's date does not ask why; the window shows %q", f.Texts())
	}
	reason := uitest.In[*kit.Entry](f.UI, "Why the dates change")

	f.Tap("Save")
	if msg := d.form.Message("ReplanReason"); !strings.HasPrefix(msg, "Say why the dates change") {
		t.Fatalf("saving without a reason says %q under the reason (visible: %q)", msg, f.Texts())
	}
	if got := f.storedRelease().PlannedRelease; !got.Equal(uitest.Day(time.May, 4)) {
		t.Fatalf("a re-plan without a reason was saved: %s", got)
	}
	if f.Win.Canvas().Focused() != reason {
		t.Error("the cursor is not put in the reason")
	}

	test.Type(reason, "The bank moved its certification window")
	f.Tap("Save")
	stored := f.storedRelease()
	if !stored.PlannedRelease.Equal(uitest.Day(time.May, 18)) {
		t.Fatalf("the re-plan was not saved: %s (visible: %q)", stored.PlannedRelease, f.Texts())
	}
	replans, err := f.Store.Replans(f.Ctx, stored.ID)
	if err != nil || len(replans) != 1 || replans[0].Reason != "The bank moved its certification window" {
		t.Fatalf("replans %+v (%v)", replans, err)
	}
	base := kit.FormatDate(uitest.Day(time.May, 4))
	f.WantTexts("re-planned", "Saved Payments 2.4.0; re-planned 14 days later than its baseline of "+base,
		"Baseline "+base+" · 14 days later")
	if reasonShown() {
		t.Error("the reason still shows once the dates are saved")
	}

	// Back on the baseline: no note, and moving a date of a draft asks nothing.
	uitest.TypeDay(d.planned, uitest.Day(time.May, 4))
	f.TypeIn("Why the dates change", "Certification came back")
	f.Tap("Save")
	if f.Shows("Baseline") {
		t.Errorf("a baseline note shows on the baseline day: %q", f.Texts())
	}
	f.ed.Undo()
	if got := f.storedRelease().PlannedRelease; !got.Equal(uitest.Day(time.May, 18)) {
		t.Errorf("undo of the re-plan left %s", got)
	}
}

func TestDetailsDoesNotAskWhyADraftIsRedated(t *testing.T) {
	f := newReleaseFixture(t, tabDetails, data.StatusDraft)
	d := f.ed.details
	uitest.TypeDay(d.planned, uitest.Day(time.May, 18))
	if uitest.FieldIn(f.Win.Canvas().Content(), "Why the dates change") != nil {
		t.Fatal("moving a draft's date asks why")
	}
	f.Tap("Save")
	if got := f.storedRelease().PlannedRelease; !got.Equal(uitest.Day(time.May, 18)) {
		t.Fatalf("the draft was not re-dated: %s (visible %q)", got, f.Texts())
	}
}
