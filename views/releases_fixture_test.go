package views

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

// releasesFixture is the Releases screen in a test window on a real database file.
type releasesFixture struct {
	t      *testing.T
	ctx    context.Context
	store  *data.Store
	win    fyne.Window
	timers *testTimers
	screen *Releases
}

// newReleasesFixture opens a fresh database; call show to put the screen in its window.
func newReleasesFixture(t *testing.T) *releasesFixture {
	t.Helper()
	test.NewTempApp(t)
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(t.TempDir(), "views.db"))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	return &releasesFixture{t: t, ctx: ctx, store: s, win: w, timers: newTestTimers()}
}

// show builds the screen over what the database holds now, at 1280x800.
func (f *releasesFixture) show() *Releases {
	f.screen = NewReleasesWith(f.store, f.win, f.timers.scheduler())
	f.win.SetContent(f.screen)
	f.win.Resize(fyne.NewSize(1060, 760))
	return f.screen
}

// release stores a release of product (created when new) and returns it.
func (f *releasesFixture) release(product, version, title string, status data.ReleaseStatus, planned data.Date) data.Release {
	f.t.Helper()
	p, err := f.store.ProductNamed(f.ctx, product, true)
	if err != nil {
		f.t.Fatalf("product %s: %v", product, err)
	}
	r := data.Release{ProductID: p.ID, Version: version, Title: title, Type: data.TypeMinor, Status: status,
		Risk: data.RiskLow, Owner: "Dana", PlannedRelease: planned}
	if !planned.IsZero() {
		r.CodeFreeze = planned.AddDays(-7)
	}
	if status == data.StatusReleased {
		r.ActualRelease = planned
	}
	if err := f.store.SaveRelease(f.ctx, &r); err != nil {
		f.t.Fatalf("release %s %s: %v", product, version, err)
	}
	return r
}

func (f *releasesFixture) count() int {
	f.t.Helper()
	rs, err := f.store.ListReleases(f.ctx, data.ReleaseFilter{})
	if err != nil {
		f.t.Fatal(err)
	}
	return len(rs)
}

// tapButton taps the visible button labelled text, looking in dialogs first.
func (f *releasesFixture) tapButton(text string) {
	f.t.Helper()
	b := f.findButton(text)
	if b == nil {
		f.t.Fatalf("no visible button %q; visible text: %q", text, f.texts())
	}
	test.Tap(b)
}

func (f *releasesFixture) findButton(text string) *widget.Button {
	var found *widget.Button
	for _, root := range f.roots() {
		visitVisible(root, func(o fyne.CanvasObject) {
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

// roots lists the canvas layers, topmost (the open dialog) first.
func (f *releasesFixture) roots() []fyne.CanvasObject {
	c := f.win.Canvas()
	var out []fyne.CanvasObject
	if o := c.Overlays().Top(); o != nil {
		out = append(out, o)
	}
	return append(out, c.Content())
}

// texts returns every visible label and text on the canvas, dialogs included.
func (f *releasesFixture) texts() []string {
	var out []string
	for _, root := range f.roots() {
		visitVisible(root, func(o fyne.CanvasObject) {
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

// showsText reports whether some visible text contains s.
func (f *releasesFixture) showsText(s string) bool {
	for _, t := range f.texts() {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

// header returns the column header of the table titled title.
func (f *releasesFixture) header(title string) *ColumnHeader {
	f.t.Helper()
	var found *ColumnHeader
	visitVisible(f.win.Canvas().Content(), func(o fyne.CanvasObject) {
		if h, ok := o.(*ColumnHeader); ok && h.Title == title {
			found = h
		}
	})
	if found == nil {
		f.t.Fatalf("no header %q", title)
	}
	return found
}

// versions lists the table's rows as "Product version", in display order.
func (f *releasesFixture) versions() []string {
	out := make([]string, len(f.screen.table.rows))
	for i, r := range f.screen.table.rows {
		out[i] = r.Product.Name + " " + r.Version
	}
	return out
}

// visitVisible calls visit for o and every visible object inside it, widgets' parts included.
func visitVisible(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	visit(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			visitVisible(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			visitVisible(c, visit)
		}
	}
}

// day returns 2026-m-d.
func day(m time.Month, d int) data.Date { return data.NewDate(2026, m, d) }

// typeDay types d into a date field the way the current locale writes dates.
func typeDay(e *widget.DateEntry, d data.Date) {
	e.SetText("")
	test.Type(e, d.Time(time.UTC).Format(DateLayout()))
}
