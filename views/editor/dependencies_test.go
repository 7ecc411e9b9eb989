package editor

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/uitest"
)

// storedRequirements lists "REQUIRED on ENV" for what release needs.
func (f *editorFixture) storedRequirements(releaseID uint) []string {
	f.T.Helper()
	requires, _, err := f.Store.Dependencies(f.Ctx, releaseID)
	if err != nil {
		f.T.Fatal(err)
	}
	var out []string
	for _, d := range requires {
		out = append(out, d.Requires.Name()+" on "+d.Environment.Name)
	}
	return out
}

// pickRelease chooses name in the Dependencies tab's picker, searching for it as a user would.
func (f *editorFixture) pickRelease(name string) {
	f.T.Helper()
	p := tabOf[*dependenciesTab](f).picker
	p.search.SetText(name)
	f.Timers.Fire() // the search waits for typing to pause
	i := slices.IndexFunc(p.rows, func(r data.Release) bool { return r.Name() == name })
	if i < 0 {
		f.T.Fatalf("the picker does not offer %s; it lists %d releases", name, len(p.rows))
	}
	p.list.Select(i)
}

func TestDependenciesTabAddsRefusesACycleAndUndoes(t *testing.T) {
	f := newPathFixture(t, tabDetails)
	billing := f.Release("Billing", "7.2.0", "Dunning", data.StatusPlanned, uitest.Day(time.April, 20))
	f.reopen(tabDependencies)
	f.WantTexts("empty", "Nothing yet: this release may go anywhere", "No release requires this one",
		"No deployment comes before a release it requires.")
	if got := uitest.In[*widget.Select](f.UI, "On").Selected; got != "Production" {
		t.Errorf("the environment proposed is %q, want Production", got)
	}
	if tab := tabOf[*dependenciesTab](f); slices.ContainsFunc(tab.picker.rows, func(r data.Release) bool { return r.ID == f.release.ID }) {
		t.Error("the picker offers the release itself")
	}

	f.pickRelease("Billing 7.2.0")
	f.TypeIn("Note", "needs the new dunning API")
	f.Tap("Add dependency")
	if got := f.storedRequirements(f.release.ID); !slices.Equal(got, []string{"Billing 7.2.0 on Production"}) {
		t.Fatalf("stored %v", got)
	}
	f.WantTexts("added", "Payments 2.4.0 now requires Billing 7.2.0 on Production", "Billing 7.2.0", "needs the new dunning API",
		"1 requirement · required by 0 releases")

	// Billing requiring Payments 2.4.0 in turn would close a cycle.
	f.open(billing)
	f.selectTab(tabDependencies)
	f.WantTexts("required by", "Payments 2.4.0", "required by 1 release")
	f.pickRelease("Payments 2.4.0")
	f.Tap("Add dependency")
	want := "Would make a cycle: Billing 7.2.0 → Payments 2.4.0 → Billing 7.2.0 (each requires the next)"
	if got := f.Message("Requires"); got != want {
		t.Fatalf("the cycle says %q under Requires, want %q", got, want)
	}
	if got := f.storedRequirements(billing.ID); len(got) != 0 {
		t.Fatalf("a cycle was stored: %v", got)
	}

	f.reopen(tabDependencies)
	f.Tap("Remove")
	f.Tap("Delete")
	if got := f.storedRequirements(f.release.ID); len(got) != 0 {
		t.Fatalf("after removing %v", got)
	}
	f.WantTexts("removed", "Removed the requirement of Billing 7.2.0")
	f.ed.Undo()
	if got := f.storedRequirements(f.release.ID); !slices.Equal(got, []string{"Billing 7.2.0 on Production"}) {
		t.Fatalf("after undoing the removal %v", got)
	}
	f.ed.Undo()
	if got := f.storedRequirements(f.release.ID); len(got) != 0 {
		t.Fatalf("after undoing the addition %v", got)
	}
}

func TestDependencyFindingsShowOnTheEditor(t *testing.T) {
	f := newPathFixture(t, tabDetails)
	billing := f.Release("Billing", "7.2.0", "Dunning", data.StatusPlanned, uitest.Day(time.June, 20))
	d := data.Dependency{ReleaseID: f.release.ID, RequiresID: billing.ID}
	if err := f.Store.SaveDependency(f.Ctx, &d); err != nil {
		t.Fatal(err)
	}
	f.deploy("Production", uitest.Local(time.May, 4, 9, 0))
	f.reopen(tabDependencies)
	f.WantTexts("dependencies", "Payments 2.4.0 on Production at", "comes before Billing 7.2.0 is there")
	if f.Shows("No deployment comes before a release it requires") {
		t.Error("the tab says all is well beside a finding")
	}
	f.selectTab(tabGoNoGo)
	found := false
	for _, line := range f.Texts() {
		found = found || (strings.HasPrefix(line, "Payments 2.4.0 on Production") && strings.Contains(line, "comes before Billing 7.2.0"))
	}
	if !found || !f.Shows("Dependency") {
		t.Errorf("the Go/no-go tab does not list the dependency finding; it shows %q", f.Texts())
	}
}
