package releases

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"releasedesk/views/kit"
	"releasedesk/views/uitest"
)

// releasesFixture is the Releases screen in a test window on a real database file.
type releasesFixture struct {
	*uitest.UI
	screen *Screen
}

// newReleasesFixture opens a fresh database; call show to put the screen in its window.
func newReleasesFixture(t *testing.T) *releasesFixture {
	t.Helper()
	return &releasesFixture{UI: uitest.New(t)}
}

// show builds the screen over what the database holds now.
func (f *releasesFixture) show() *Screen {
	f.screen = New(f.Store, f.Win, f.Timers.Scheduler())
	f.Show(f.screen, 1060, 760)
	return f.screen
}

// header returns the column header of the table titled title.
func (f *releasesFixture) header(title string) *kit.ColumnHeader {
	f.T.Helper()
	var found *kit.ColumnHeader
	uitest.Visit(f.Win.Canvas().Content(), func(o fyne.CanvasObject) {
		if h, ok := o.(*kit.ColumnHeader); ok && h.Title == title {
			found = h
		}
	})
	if found == nil {
		f.T.Fatalf("no header %q", title)
	}
	return found
}

// entry is the entry of the editor's field labelled label.
func (f *releasesFixture) entry(label string) *widget.Entry {
	f.T.Helper()
	return uitest.In[*widget.Entry](f.UI, label)
}

// versions lists the table's rows as "Product version", in display order.
func (f *releasesFixture) versions() []string {
	out := make([]string, len(f.screen.table.rows))
	for i, r := range f.screen.table.rows {
		out[i] = r.Product.Name + " " + r.Version
	}
	return out
}
