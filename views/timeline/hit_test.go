package timeline

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// newSampleTimeline shows the sample rows at week zoom from 1 March in a 1000x400 window.
func newSampleTimeline(t *testing.T) (*Timeline, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	tl := NewTimeline()
	tl.Today = sampleToday
	tl.SetRows(sampleRows())
	tl.SetFreezes(sampleFreezes())
	w := test.NewTempWindow(t, tl)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1000, 400))
	tl.SetZoom(ZoomWeek)
	tl.SetStart(at(time.March, 1, 0, 0))
	return tl, w
}

// barBox finds where a bar is drawn, by deployment ID.
func barBox(t *testing.T, tl *Timeline, id uint) (x0, y0, x1, y1 float32) {
	t.Helper()
	pos, size, ok := tl.BarBounds(id)
	if !ok {
		t.Fatalf("bar %d is not laid out", id)
	}
	return pos.X, pos.Y, pos.X + size.Width, pos.Y + size.Height
}

// barCenter is the middle of a bar's visible part.
func barCenter(t *testing.T, tl *Timeline, id uint) fyne.Position {
	x0, y0, x1, y1 := barBox(t, tl, id)
	return fyne.NewPos((x0+x1)/2, (y0+y1)/2)
}

func TestHitTest(t *testing.T) {
	tl, _ := newSampleTimeline(t)
	g := tl.geometry()
	rowY := func(i int) float32 { return g.rows.y(i) + g.rows.lineH/2 }
	x0, y0, x1, _ := barBox(t, tl, 12)
	for _, tc := range []struct {
		name string
		at   fyne.Position
		kind hitKind
		row  uint // release ID, 0 for none
		bar  uint // deployment ID, 0 for none
	}{
		{"header", fyne.NewPos(500, 10), hitHeader, 0, 0},
		{"corner", fyne.NewPos(10, 10), hitHeader, 0, 0},
		{"group header", fyne.NewPos(500, rowY(0)), hitGroup, 0, 0},
		{"group label", fyne.NewPos(20, rowY(3)), hitGroup, 0, 0},
		{"release label", fyne.NewPos(20, rowY(1)), hitRow, 1, 0},
		{"bar middle", barCenter(t, tl, 12), hitBar, 1, 12},
		{"bar left edge slack", fyne.NewPos(x0-1, y0+1), hitBar, 1, 12},
		{"bar right edge slack", fyne.NewPos(x1+1, y0+1), hitBar, 1, 12},
		{"empty row area", fyne.NewPos(x1+30, y0+1), hitRow, 1, 0},
		{"lower lane of a packed row", barCenter(t, tl, 23), hitBar, 2, 23},
		{"below the last row", fyne.NewPos(500, rowY(6)), hitNone, 0, 0},
		{"outside", fyne.NewPos(-1, 100), hitNone, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := hitTest(g, tc.at, tl.lines, &tl.index)
			if h.kind != tc.kind {
				t.Fatalf("kind %v at %v, want %v", h.kind, tc.at, tc.kind)
			}
			var row, bar uint
			if h.row >= 0 {
				row = tl.rows[h.row].ID
			}
			if h.bar >= 0 {
				bar = tl.rows[h.row].Bars[h.bar].ID
			}
			if row != tc.row || bar != tc.bar {
				t.Fatalf("hit release %d bar %d, want %d and %d", row, bar, tc.row, tc.bar)
			}
		})
	}
}

func TestHitTestScrolled(t *testing.T) {
	tl, w := newSampleTimeline(t)
	w.Resize(fyne.NewSize(1000, 200)) // shorter than the six lines, so it can scroll
	before := barCenter(t, tl, 22)
	tl.SetScrollOffset(28)
	g := tl.geometry()
	if g.rows.scrollY != tl.ScrollOffset() || tl.ScrollOffset() == 0 {
		t.Fatalf("scroll offset %v not applied", tl.ScrollOffset())
	}
	after := barCenter(t, tl, 22)
	if after.Y != before.Y-tl.ScrollOffset() {
		t.Errorf("bar moved from y %v to %v, want up by %v", before.Y, after.Y, tl.ScrollOffset())
	}
	if h := hitTest(g, after, tl.lines, &tl.index); h.kind != hitBar || tl.rows[h.row].Bars[h.bar].ID != 22 {
		t.Errorf("scrolled hit %+v, want bar 22", h)
	}
}
