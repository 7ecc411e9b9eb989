package reports

import (
	"testing"

	"releasedesk/data"
)

// Issue 11 #3: the import preview offers the day/month order. A file that
// cannot tell follows the locale, says so, and the user's choice reads it
// again in the order chosen; the import stores what the preview showed.
func TestReportsImportDateOrderChoice(t *testing.T) {
	t.Setenv("LC_ALL", "en_GB.UTF-8")
	f := newReportsFixture(t)
	s := f.showReports()
	s.plan.read(f.writeFile("plan.csv", "Product,Version,Release date\nLedger,1.0.0,05/03/2027\nLedger,1.1.0,3/1/27\n"))
	p := s.plan
	dates := func() []data.Date {
		var out []data.Date
		for _, r := range p.preview.Releases {
			out = append(out, r.Release.PlannedRelease)
		}
		return out
	}
	if got := dates(); len(got) != 2 || got[0] != data.NewDate(2027, 3, 5) || got[1] != data.NewDate(2027, 1, 3) {
		t.Fatalf("under en_GB the preview reads %v", got)
	}
	if !f.Shows("Release date read day/month/year (from the locale en_GB.UTF-8)") {
		t.Errorf("the preview does not say how dates were read; visible %q", f.Texts())
	}
	p.orderPick.SetSelected("Dates: month/day/year")
	if got := dates(); len(got) != 2 || got[0] != data.NewDate(2027, 5, 3) || got[1] != data.NewDate(2027, 3, 1) {
		t.Fatalf("month first, the preview reads %v", got)
	}
	if !f.Shows("Release date read month/day/year (from your choice)") {
		t.Errorf("the preview does not say the choice was used; visible %q", f.Texts())
	}
	p.importBtn.OnTapped()
	r, err := f.Store.FindRelease(f.Ctx, "Ledger 1.1.0")
	if err != nil || r.PlannedRelease != data.NewDate(2027, 3, 1) {
		t.Errorf("imported Ledger 1.1.0 for %v (%v), want 1 March 2027", r.PlannedRelease, err)
	}
}
