// Package uitest is what the screens' tests share: a real database file in
// the test's temporary folder (fresh, or a copy of the demo data made once per
// test binary), a test window in a fresh test app, timers the test fires
// itself, helpers that find, type into and tap what a user sees, dialogs
// first, and where the screenshot tests (build tag shots) save their PNGs.
// Only tests import it, so it never ships.
package uitest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
)

// UI is a test window on a real database file.
type UI struct {
	T      testing.TB
	Ctx    context.Context
	Store  *data.Store
	Win    fyne.Window
	Timers *Timers
}

// New starts a test app and opens a fresh database in t.TempDir(); Show puts
// a screen in its window.
func New(t testing.TB) *UI {
	t.Helper()
	return open(t, filepath.Join(t.TempDir(), "views.db"))
}

func open(t testing.TB, path string) *UI {
	t.Helper()
	test.NewTempApp(t)
	ctx := context.Background()
	s, err := data.Open(ctx, path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	return &UI{T: t, Ctx: ctx, Store: s, Win: w, Timers: NewTimers()}
}

// For is u as seen by the subtest t, so a fixture built once serves the
// cases of a table test: its helpers then fail t, not the test around it.
func (u *UI) For(t testing.TB) *UI {
	c := *u
	c.T = t
	return &c
}

// Show puts o in the window at size w x h.
func (u *UI) Show(o fyne.CanvasObject, w, h float32) {
	u.Win.SetContent(o)
	u.Win.Resize(fyne.NewSize(w, h))
}

// Roots lists the canvas layers, topmost (the open dialog) first.
func (u *UI) Roots() []fyne.CanvasObject {
	c := u.Win.Canvas()
	var out []fyne.CanvasObject
	if o := c.Overlays().Top(); o != nil {
		out = append(out, o)
	}
	return append(out, c.Content())
}

// DialogOpen reports whether a dialog is showing.
func (u *UI) DialogOpen() bool { return u.Win.Canvas().Overlays().Top() != nil }

// Texts returns every visible label and text on the canvas, dialogs first.
func (u *UI) Texts() []string {
	var out []string
	for _, root := range u.Roots() {
		Visit(root, func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *widget.Label:
				out = append(out, x.Text)
			case *canvas.Text:
				out = append(out, x.Text)
			}
		})
	}
	return out
}

// Shows reports whether some visible text contains s.
func (u *UI) Shows(s string) bool {
	for _, t := range u.Texts() {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

// WantTexts fails for each of wants the window does not show.
func (u *UI) WantTexts(when string, wants ...string) {
	u.T.Helper()
	for _, w := range wants {
		if !u.Shows(w) {
			u.T.Errorf("%s: the window does not show %q; it shows %q", when, w, u.Texts())
		}
	}
}

// Button returns the visible, enabled button labelled text, looking in the
// open dialog first; nil when there is none.
func (u *UI) Button(text string) *widget.Button {
	var found *widget.Button
	for _, root := range u.Roots() {
		Visit(root, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && found == nil && b.Text == text && !b.Disabled() {
				found = b
			}
		})
		if found != nil {
			break
		}
	}
	return found
}

// Tap taps the visible button labelled text, looking in dialogs first.
func (u *UI) Tap(text string) {
	u.T.Helper()
	b := u.Button(text)
	if b == nil {
		u.T.Fatalf("no visible button %q; visible text: %q", text, u.Texts())
	}
	test.Tap(b)
}

// Press types the keyboard shortcut s on the window.
func (u *UI) Press(s fyne.Shortcut) {
	u.Win.Canvas().(fyne.Shortcutable).TypedShortcut(s)
}

// Find returns the first visible T on the canvas, dialogs first, that match accepts.
func Find[T fyne.CanvasObject](u *UI, match func(T) bool) T {
	u.T.Helper()
	var found T
	ok := false
	for _, root := range u.Roots() {
		Visit(root, func(o fyne.CanvasObject) {
			if x, is := o.(T); is && !ok && match(x) {
				found, ok = x, true
			}
		})
	}
	if !ok {
		u.T.Fatalf("no visible %T found; visible text %q", found, u.Texts())
	}
	return found
}

// Visit calls visit for o and every visible object inside it, widgets' parts included.
func Visit(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	visit(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			Visit(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			Visit(c, visit)
		}
	}
}

// Day returns a day of 2026, the year the tests' plans are set in.
func Day(m time.Month, d int) data.Date { return data.NewDate(2026, m, d) }

// Local returns an instant of 2026 in local time.
func Local(m time.Month, d, hour, minute int) time.Time {
	return time.Date(2026, m, d, hour, minute, 0, 0, time.Local)
}
