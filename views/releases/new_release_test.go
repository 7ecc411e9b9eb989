package releases

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/settings"
	"releasedesk/views/uitest"
)

func TestNewReleaseStartsWithTheChosenDefaults(t *testing.T) {
	f := newReleasesFixture(t)
	fyne.CurrentApp().Preferences().SetString(settings.DefaultTypePreference, string(data.TypeHotfix))
	fyne.CurrentApp().Preferences().SetString(settings.DefaultRiskPreference, string(data.RiskHigh))
	r := f.show()
	r.NewRelease()
	typ, risk := uitest.In[*widget.Select](f.UI, "Type").Selected, uitest.In[*widget.Select](f.UI, "Risk").Selected
	if typ != data.TypeHotfix.Label() || risk != data.RiskHigh.Label() {
		t.Errorf("a new release starts as %q with %q risk", typ, risk)
	}
}

// TestReleasesExportOpenReview checks what Ctrl+E does on the Releases
// screen: nothing for a release not saved yet, the export for a saved one.
func TestReleasesExportOpenReview(t *testing.T) {
	f := releasesSortFixture(t)
	r := f.show()
	if r.ExportOpenReview() {
		t.Error("with the list shown, Ctrl+E claims to export a review")
	}
	r.NewRelease()
	if r.ExportOpenReview() {
		t.Error("a new, unsaved release offers a review to export")
	}
	rel, err := f.Store.FindRelease(f.Ctx, "Payments 2.10.0")
	if err != nil {
		t.Fatal(err)
	}
	f.Tap("Cancel")
	r.OpenRelease(rel.ID)
	if !r.ExportOpenReview() || !f.Shows("Export the review of Payments 2.10.0") {
		t.Errorf("Ctrl+E on a saved release does not offer its review; visible %q", f.Texts())
	}
}
