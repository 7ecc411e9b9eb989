package editor

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"releasedesk/data"
)

// otherPerson opens the fixture's database a second time, as another
// person's Release Desk would, and names that person Ben.
func (f *editorFixture) otherPerson() *data.Store {
	f.T.Helper()
	other, err := data.Open(context.Background(), f.Store.Path())
	if err != nil {
		f.T.Fatal(err)
	}
	f.T.Cleanup(func() { other.Close() })
	other.SetWho("Ben")
	return other
}

// benRenames has Ben change the title of release id behind the editor's back.
func benRenames(t *testing.T, ben *data.Store, id uint, title string) {
	t.Helper()
	r, err := ben.Release(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	r.Title = title
	if err := ben.SaveRelease(context.Background(), &r); err != nil {
		t.Fatal(err)
	}
}

// TestSaveAfterSomeoneElseChangedTheRelease: Ana's save, based on the
// release as she opened it, is refused because Ben changed it since; the
// editor names Ben and offers Reload (Ben's change shows, hers is dropped)
// or Overwrite (hers is saved over his).
func TestSaveAfterSomeoneElseChangedTheRelease(t *testing.T) {
	f := newEditorFixture(t)
	rel := f.Release("Payments", "2.4.0", "Faster refunds", data.StatusPlanned, data.NewDate(2026, 7, 1))
	f.show()
	ben := f.otherPerson()

	f.openRelease(rel.ID)
	benRenames(t, ben, rel.ID, "Ben's title")
	d := f.ed.details
	d.title.SetText("")
	test.Type(d.title, "Ana's title")
	f.Tap("Save")
	if !f.Shows("Changed by Ben") {
		t.Fatalf("no conflict shown; visible %q", f.Texts())
	}
	if got, _ := f.Store.Release(f.Ctx, rel.ID); got.Title != "Ben's title" {
		t.Fatalf("the refused save stored %q", got.Title)
	}
	f.Tap("Reload")
	if d.title.Text != "Ben's title" || f.ed.Dirty() {
		t.Fatalf("after Reload the form shows %q (dirty %v), want Ben's title", d.title.Text, f.ed.Dirty())
	}

	benRenames(t, ben, rel.ID, "Ben's second title")
	d.title.SetText("")
	test.Type(d.title, "Ana's title")
	f.Tap("Save")
	f.Tap("Overwrite")
	if got, _ := f.Store.Release(f.Ctx, rel.ID); got.Title != "Ana's title" {
		t.Fatalf("after Overwrite the title is %q", got.Title)
	}
	if f.ed.Dirty() || f.ed.Release().Title != "Ana's title" {
		t.Errorf("after Overwrite the editor shows %q (dirty %v)", f.ed.Release().Title, f.ed.Dirty())
	}
}
