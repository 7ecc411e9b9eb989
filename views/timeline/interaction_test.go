package timeline

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// dragBy presses at from and drags by dx in steps, the way the desktop driver reports it.
func dragBy(tl *Timeline, from fyne.Position, dx float32, steps int) {
	tl.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	pos := from
	for range steps {
		d := fyne.Delta{DX: dx / float32(steps)}
		pos = pos.AddXY(d.DX, 0)
		tl.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos}, Dragged: d})
	}
	tl.DragEnd()
	tl.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}, Button: desktop.MouseButtonPrimary})
}

func TestDragPlannedBarReportsSnappedDays(t *testing.T) {
	for _, tc := range []struct {
		name      string
		dx        float32
		wantStart time.Time
		wantEnd   time.Time
		wantCalls int
	}{
		// Bar 41 is planned 12 March 09:00 to 13 March 17:00; the week zoom is 48 px a day.
		{"two days later", 2*48 + 10, at(time.March, 14, 9, 0), at(time.March, 15, 17, 0), 1},
		{"back over the DST change keeps 09:00", -5*48 + 20, at(time.March, 7, 9, 0), at(time.March, 8, 17, 0), 1},
		{"less than half a day is no move", 20, time.Time{}, time.Time{}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tl, _ := newSampleTimeline(t)
			var calls int
			var id uint
			var start, end time.Time
			tl.OnMoved = func(barID uint, s, e time.Time) { calls, id, start, end = calls+1, barID, s, e }
			origin := tl.Start()
			dragBy(tl, barCenter(t, tl, 41), tc.dx, 4)
			if calls != tc.wantCalls {
				t.Fatalf("OnMoved called %d times, want %d", calls, tc.wantCalls)
			}
			if !tl.Start().Equal(origin) {
				t.Errorf("dragging a bar panned the view from %v to %v", origin, tl.Start())
			}
			if calls == 0 {
				return
			}
			if id != 41 || !start.Equal(tc.wantStart) || !end.Equal(tc.wantEnd) {
				t.Errorf("OnMoved(%d, %v, %v), want (41, %v, %v)", id, start, end, tc.wantStart, tc.wantEnd)
			}
			if start.Hour() != 9 || end.Hour() != 17 {
				t.Errorf("wall clock changed: %v – %v", start, end)
			}
		})
	}
}

func TestDragShowsCallersTruth(t *testing.T) {
	tl, _ := newSampleTimeline(t)
	rows := sampleRows()
	tl.OnMoved = func(barID uint, s, e time.Time) {
		// The caller accepts the move: it saves and feeds the new rows back.
		for i := range rows {
			for j := range rows[i].Bars {
				if rows[i].Bars[j].ID == barID {
					rows[i].Bars[j].PlannedStart, rows[i].Bars[j].PlannedEnd = s, e
				}
			}
		}
		tl.SetRows(rows)
	}
	before := barCenter(t, tl, 41)
	dragBy(tl, before, 48, 2)
	if tl.drag.active {
		t.Fatal("drag state survived DragEnd")
	}
	if after := barCenter(t, tl, 41); after.X-before.X != 48 {
		t.Errorf("bar moved by %v px, want one day (48)", after.X-before.X)
	}

	// A caller that rejects the move leaves the bar where it was.
	tl.OnMoved = func(uint, time.Time, time.Time) {}
	before = barCenter(t, tl, 41)
	dragBy(tl, before, 96, 2)
	if after := barCenter(t, tl, 41); after != before {
		t.Errorf("rejected move still moved the bar from %v to %v", before, after)
	}
}

func TestDragEmptyAreaOrStartedBarPans(t *testing.T) {
	tl, w := newSampleTimeline(t)
	tl.OnMoved = func(uint, time.Time, time.Time) { t.Error("OnMoved called for a pan") }
	origin := tl.Start()
	dragBy(tl, barCenter(t, tl, 12), 96, 3) // bar 12 succeeded: it cannot move
	if want := origin.Add(-2 * day); !tl.Start().Equal(want) {
		t.Errorf("start after pan %v, want two days earlier %v", tl.Start(), want)
	}
	test.Drag(w.Canvas(), fyne.NewPos(900, 300), -48, 0)
	if want := origin.Add(-day); !tl.Start().Equal(want) {
		t.Errorf("start after test.Drag %v, want %v", tl.Start(), want)
	}
}

func TestTapSelectsDoubleTapOpens(t *testing.T) {
	tl, _ := newSampleTimeline(t)
	var selRelease, selBar, opened uint
	tl.OnSelected = func(r, b uint) { selRelease, selBar = r, b }
	tl.OnOpened = func(r uint) { opened = r }

	test.TapAt(tl, barCenter(t, tl, 22))
	if selRelease != 2 || selBar != 22 {
		t.Errorf("tap on a bar selected (%d, %d), want (2, 22)", selRelease, selBar)
	}
	g := tl.geometry()
	test.TapAt(tl, fyne.NewPos(30, g.rows.y(4)+5))
	if r, b := tl.Selected(); r != 3 || b != 0 || selRelease != 3 || selBar != 0 {
		t.Errorf("tap on a label selected (%d, %d), want (3, 0)", r, b)
	}
	tl.DoubleTapped(&fyne.PointEvent{Position: barCenter(t, tl, 41)})
	if opened != 4 {
		t.Errorf("double tap opened %d, want 4", opened)
	}
	test.TapAt(tl, fyne.NewPos(500, 380))
	if r, _ := tl.Selected(); r != 0 || selRelease != 0 {
		t.Errorf("tap below the rows kept release %d selected", r)
	}
}

func TestTapGroupHeaderCollapses(t *testing.T) {
	tl, _ := newSampleTimeline(t)
	g := tl.geometry()
	header := fyne.NewPos(20, g.rows.y(0)+5)
	test.TapAt(tl, header)
	if !tl.Collapsed("Billing") || len(tl.lines) != 4 {
		t.Fatalf("Billing collapsed=%v with %d lines, want folded to 4", tl.Collapsed("Billing"), len(tl.lines))
	}
	tl.Select(2, 22) // selecting inside a folded group unfolds it
	if tl.Collapsed("Billing") || len(tl.lines) != 6 {
		t.Fatalf("Select did not unfold Billing")
	}
	test.TapAt(tl, header)
	test.TapAt(tl, header)
	if tl.Collapsed("Billing") {
		t.Error("second tap did not unfold")
	}
}

func TestKeyboard(t *testing.T) {
	tl, w := newSampleTimeline(t)
	w.Canvas().Focus(tl)
	var opened uint
	tl.OnOpened = func(r uint) { opened = r }

	var selected []uint
	tl.OnSelected = func(r, _ uint) { selected = append(selected, r) }
	for range 3 {
		tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	}
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if want := []uint{1, 2, 3, 2}; !slices.Equal(selected, want) {
		t.Errorf("Down, Down, Down, Up selected %v, want %v (group headers skipped)", selected, want)
	}
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if opened != 2 {
		t.Errorf("Enter opened %d, want 2", opened)
	}

	var zoomed []Zoom
	tl.OnZoomed = func(z Zoom) { zoomed = append(zoomed, z) }
	z := tl.Zoom()
	test.Type(tl, "+")
	if tl.Zoom() <= z {
		t.Errorf("+ did not zoom in: %v", tl.Zoom())
	}
	test.Type(tl, "--")
	if tl.Zoom() >= z {
		t.Errorf("- did not zoom out: %v", tl.Zoom())
	}
	test.Type(tl, "q")
	if tl.Zoom() != ZoomQuarter {
		t.Errorf("q set zoom %v, want quarter", tl.Zoom())
	}
	if len(zoomed) != 4 || zoomed[3] != ZoomQuarter {
		t.Errorf("OnZoomed saw %v, want four changes ending at quarter", zoomed)
	}
	test.Type(tl, "q")
	if len(zoomed) != 4 {
		t.Errorf("OnZoomed called without a change: %v", zoomed)
	}
	start := tl.Start()
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if !tl.Start().After(start) {
		t.Error("Right did not scroll to later dates")
	}
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	g := tl.geometry()
	if x := g.xOf(sampleToday); x < g.labelW || x > g.width {
		t.Errorf("Home left today at x %v, outside the chart", x)
	}
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if r, _ := tl.Selected(); r != 0 {
		t.Error("Escape kept the selection")
	}
}

func TestScrollWheel(t *testing.T) {
	tl, w := newSampleTimeline(t)
	w.Resize(fyne.NewSize(1000, 200))
	tl.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(500, 150)}, Scrolled: fyne.Delta{DY: -25}})
	if tl.ScrollOffset() != 25 {
		t.Errorf("wheel down scrolled to %v, want 25", tl.ScrollOffset())
	}
	tl.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -1000}})
	if max := tl.geometry().rows.maxScroll(len(tl.lines), 200); tl.ScrollOffset() != max {
		t.Errorf("scroll not clamped: %v, want %v", tl.ScrollOffset(), max)
	}

	start := tl.Start()
	tl.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	tl.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -48}})
	tl.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if want := start.Add(day); !tl.Start().Equal(want) {
		t.Errorf("shift+wheel moved start to %v, want %v", tl.Start(), want)
	}

	// Ctrl+wheel zooms around the pointer: the time under it stays put.
	p := fyne.NewPos(700, 150)
	pinned := tl.geometry().timeAt(p.X)
	tl.KeyDown(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	tl.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: p}, Scrolled: fyne.Delta{DY: 25}})
	if tl.Zoom() <= ZoomWeek {
		t.Errorf("ctrl+wheel up did not zoom in: %v", tl.Zoom())
	}
	if d := tl.geometry().timeAt(p.X).Sub(pinned); d < -time.Second || d > time.Second {
		t.Errorf("time under the pointer moved by %v", d)
	}
	for range 100 {
		tl.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: p}, Scrolled: fyne.Delta{DY: -25}})
	}
	if tl.Zoom() != MinZoom {
		t.Errorf("zooming out far stopped at %v, want %v", tl.Zoom(), MinZoom)
	}
	tl.KeyUp(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	z := tl.Zoom()
	tl.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: 25}})
	if tl.Zoom() != z {
		t.Error("plain wheel zoomed after ctrl was released")
	}
}

func TestHoverText(t *testing.T) {
	tl, w := newSampleTimeline(t)
	var text string
	tl.OnHover = func(s string) { text = s }
	test.MoveMouse(w.Canvas(), barCenter(t, tl, 13))
	for _, want := range []string{"Billing 3.1.0", "Prod", "planned " + formatWindow(at(time.March, 10, 9, 0), at(time.March, 10, 17, 0)), "actual " + formatWindow(at(time.March, 11, 8, 0), at(time.March, 11, 20, 0)), "failed"} {
		if !strings.Contains(text, want) {
			t.Errorf("hover text %q lacks %q", text, want)
		}
	}
	if tl.Cursor() != desktop.PointerCursor {
		t.Errorf("cursor over a finished bar %v, want pointer", tl.Cursor())
	}
	tl.OnMoved = func(uint, time.Time, time.Time) {}
	test.MoveMouse(w.Canvas(), barCenter(t, tl, 41))
	if tl.Cursor() != desktop.HResizeCursor {
		t.Errorf("cursor over a planned bar %v, want horizontal resize", tl.Cursor())
	}
	test.MoveMouse(w.Canvas(), fyne.NewPos(1200, 1200))
	if text != "" {
		t.Errorf("leaving gave hover text %q, want empty", text)
	}
}

func TestSetRowsKeepsSelectionByID(t *testing.T) {
	tl, _ := newSampleTimeline(t)
	tl.Select(2, 23)
	rows := sampleRows()
	rows = append([]Row{{ID: 9, Group: "Aardvark", Label: "1.0"}}, rows...)
	tl.SetRows(rows)
	if r, b := tl.Selected(); r != 2 || b != 23 {
		t.Errorf("selection after SetRows (%d, %d), want (2, 23)", r, b)
	}
	tl.SetRows(rows[:2])
	if r, _ := tl.Selected(); r != 0 {
		t.Errorf("selection of a removed release survived: %d", r)
	}
}

// TestSpanChangedFollowsTheView: panning sideways, zooming and scrolling to
// a time tell OnSpanChanged what the chart now shows; scrolling up and down
// does not.
func TestSpanChangedFollowsTheView(t *testing.T) {
	tl, _ := newSampleTimeline(t)
	var spans [][2]time.Time
	tl.OnSpanChanged = func(start, end time.Time) { spans = append(spans, [2]time.Time{start, end}) }
	check := func(what string, calls int) {
		t.Helper()
		if len(spans) != calls {
			t.Fatalf("%s: OnSpanChanged called %d times in all, want %d", what, len(spans), calls)
		}
		start, end := tl.Span()
		if last := spans[len(spans)-1]; !last[0].Equal(start) || !last[1].Equal(end) {
			t.Fatalf("%s: told %v, the chart shows %v – %v", what, last, start, end)
		}
		days := end.Sub(start).Hours() / 24
		if want := float64(tl.chartWidth()) / float64(tl.Zoom()); days < want-0.01 || days > want+0.01 {
			t.Fatalf("%s: a span of %.2f days, want the chart's %.2f", what, days, want)
		}
	}
	tl.SetStart(at(time.April, 1, 0, 0))
	check("a new start", 1)
	tl.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DX: -120}})
	check("a sideways scroll", 2)
	tl.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -120}})
	if len(spans) != 2 {
		t.Fatalf("scrolling down told OnSpanChanged %v", spans[2:])
	}
	tl.ZoomOut()
	check("zooming out", 3)
}
