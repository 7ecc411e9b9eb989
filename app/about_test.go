package app

import (
	"testing"

	"fyne.io/fyne/v2"

	"releasedesk/views/uitest"
)

// TestAboutClosesOnEscapeAndEnter reproduces issue 13 #3 for Help > About:
// Escape and Enter did nothing. Both now close it, as its Close button does.
func TestAboutClosesOnEscapeAndEnter(t *testing.T) {
	f := newShellFixture(t, nil)
	for _, key := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyReturn} {
		f.shell.showAbout()
		if !f.Shows("About Release Desk") || !f.Shows(f.shell.store.Path()) {
			t.Fatalf("About does not show; the window shows %q", f.Texts())
		}
		uitest.Key(f.Win, key)
		if f.DialogOpen() {
			t.Errorf("%s left About open", key)
		}
	}
}
