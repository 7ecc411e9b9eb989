package timeline

import (
	"fmt"
	"image"
	"image/color"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// plannedRows are the sample rows with code freezes, and 3.2.0 re-planned
// twice: committed for 14 March with the code freeze on 3 March.
func plannedRows() []Row {
	rows := sampleRows()
	rows[0].CodeFreeze = at(time.February, 26, 0, 0)
	rows[0].Baseline = Baseline{Freeze: rows[0].CodeFreeze, Release: rows[0].Planned} // never re-planned
	rows[1].CodeFreeze = at(time.March, 7, 0, 0)
	rows[1].Baseline = Baseline{Freeze: at(time.March, 3, 0, 0), Release: at(time.March, 14, 0, 0), Replans: 2}
	rows[3].CodeFreeze = at(time.March, 11, 0, 0)
	return rows
}

// Sample dependencies: Portal 7.0.1 needs Billing 3.1.0 on Prod first and
// gets it (forward); Billing 3.2.0's Staging deployment needs Portal 7.0.1
// on Prod, which comes four days later (violated); 3.2.0 needs 7.0.0 out,
// drawn between their release dates.
const (
	linkMet      = 1
	linkViolated = 2
	linkDates    = 3
)

func sampleLinks() []Link {
	return []Link{
		{ID: linkMet, From: 1, FromBar: 13, To: 4, ToBar: 42, Tooltip: "Portal 7.0.1 requires Billing 3.1.0 on Prod"},
		{ID: linkViolated, From: 4, FromBar: 42, To: 2, ToBar: 23, Violated: true, Tooltip: "Billing 3.2.0 requires Portal 7.0.1 on Prod · violated"},
		{ID: linkDates, From: 3, To: 2},
	}
}

// newLinkedTimeline shows the planned sample rows with their links, wide enough for every arrow.
func newLinkedTimeline(t *testing.T) (*Timeline, fyne.Window) {
	t.Helper()
	tl, w := newSampleTimeline(t)
	w.Resize(fyne.NewSize(1600, 400))
	tl.SetRows(plannedRows())
	tl.SetLinks(sampleLinks())
	tl.SetStart(at(time.February, 22, 0, 0))
	return tl, w
}

// arrowPath returns the corners of the arrow of link id in widget coordinates.
func arrowPath(t *testing.T, tl *Timeline, id uint) []point {
	t.Helper()
	pts := arrowPathOf(tl, id)
	if pts == nil {
		t.Fatalf("link %d has no arrow", id)
	}
	return pts
}

func TestArrowPathRoutesAlongTheGapBetweenLines(t *testing.T) {
	t.Parallel()
	day := func(d int) time.Time { return at(time.March, d, 0, 0) }
	x := func(tm time.Time) float32 { return float32(tm.Sub(day(1)).Hours()) } // a pixel an hour
	const lineH = 28
	src := anchor{line: 1, from: day(2), to: day(3), lanes: 1} // a lane's middle is 13.5 below its line's top
	tests := []struct {
		name string
		dst  anchor
		want []point
	}{
		{"target below, after the source", anchor{line: 4, from: day(6), to: day(7), lanes: 1},
			[]point{{48, 41.5}, {48 + arrowOut, 41.5}, {48 + arrowOut, 56}, {120 - arrowGap, 56}, {120 - arrowGap, 125.5}, {120, 125.5}}},
		{"target above, before the source: turns back along the source's top", anchor{line: 0, from: day(1), to: day(2), lanes: 1},
			[]point{{48, 41.5}, {48 + arrowOut, 41.5}, {48 + arrowOut, 28}, {0 - arrowGap, 28}, {0 - arrowGap, 13.5}, {0, 13.5}}},
		{"into a release diamond", anchor{line: 2, from: day(5), to: day(5), diamond: true},
			[]point{{48, 41.5}, {48 + arrowOut, 41.5}, {48 + arrowOut, 56}, {96 - milestoneSize/2 - arrowGap, 56}, {96 - milestoneSize/2 - arrowGap, 70}, {96 - milestoneSize/2, 70}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := arrow{src: src, dst: tc.dst}
			got := a.path(x, lineH)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("path %v, want %v", got, tc.want)
			}
		})
	}
}

func TestArrowsAreDrawnBetweenReleases(t *testing.T) {
	tl, w := newLinkedTimeline(t)
	if len(tl.arrows) != 3 {
		t.Fatalf("%d arrows routed, want 3", len(tl.arrows))
	}
	img := w.Canvas().Capture()
	c := readColors(tl.Theme())
	// The middle of each arrow's run along the gap between lines, and a
	// point on its head just before the tip.
	for _, tc := range []struct {
		id       uint
		violated bool
	}{{linkMet, false}, {linkViolated, true}, {linkDates, false}} {
		pts := arrowPath(t, tl, tc.id)
		want := color.Color(c.dependency)
		if tc.violated {
			want = conflictColor
		}
		run := fyne.NewPos((pts[2].x+pts[3].x)/2, pts[2].y)
		if got := pixelAt(img, run); !sameColor(got, want) {
			t.Errorf("link %d: its run at %v is %v, want %v", tc.id, run, got, want)
		}
		tip := pts[len(pts)-1]
		head := fyne.NewPos(tip.x-4, tip.y)
		if got := pixelAt(img, head); !sameColor(got, want) {
			t.Errorf("link %d: its head at %v is %v, want %v", tc.id, head, got, want)
		}
	}
}

func TestArrowsSkipReleasesNotShown(t *testing.T) {
	tl, _ := newLinkedTimeline(t)
	tl.SetLinks(append(sampleLinks(), Link{ID: 9, From: 1, To: 99}, Link{ID: 10, From: 1, FromBar: 999, To: 4}))
	// An unknown release has no arrow; an unknown bar falls back to the release diamond.
	if n := len(tl.arrows); n != 4 {
		t.Errorf("%d arrows, want 4 (the unknown release left out)", n)
	}
	tl.SetCollapsed("Portal", true)
	for _, a := range tl.arrows {
		if l := tl.links[a.link]; l.From == 3 || l.From == 4 || l.To == 4 {
			t.Errorf("link %d to a folded release is still drawn", l.ID)
		}
	}
	tl.SetCollapsed("Portal", false)
	if n := len(tl.arrows); n != 4 {
		t.Errorf("%d arrows after unfolding, want 4", n)
	}
}

func TestHoverOverAnArrowTellsTheDependency(t *testing.T) {
	tl, w := newLinkedTimeline(t)
	var text string
	tl.OnHover = func(s string) { text = s }
	pts := arrowPath(t, tl, linkViolated)
	test.MoveMouse(w.Canvas(), fyne.NewPos((pts[2].x+pts[3].x)/2, pts[2].y+1))
	if !strings.Contains(text, "requires Portal 7.0.1 on Prod") {
		t.Errorf("hover over the violated arrow says %q", text)
	}
	pts = arrowPath(t, tl, linkDates)
	test.MoveMouse(w.Canvas(), fyne.NewPos(pts[4].x, (pts[3].y+pts[4].y)/2))
	if text != "Billing 3.2.0 requires Portal 7.0.0" {
		t.Errorf("hover over an arrow without a tooltip says %q", text)
	}
}

func TestScrollingMovesArrowsWithoutRepainting(t *testing.T) {
	tl, _ := newLinkedTimeline(t)
	r := test.WidgetRenderer(tl).(*renderer)
	shown := len(r.links.visible())
	if shown == 0 {
		t.Fatal("no arrow strip shown")
	}
	before := r.links.repaint
	for _, dx := range []float32{-30, -30, 60} {
		tl.SetStart(tl.Start().Add(daysToDuration(float64(dx) / float64(tl.Zoom()))))
	}
	tl.SetScrollOffset(20)
	if n := r.links.repaint - before; n != 0 {
		t.Errorf("scrolling repainted %d arrow strips", n)
	}
	tl.SetLinks(sampleLinks()[:1])
	if r.links.repaint == before {
		t.Error("new links did not repaint the arrows")
	}
}

func TestArrowsCostWhatIsVisible(t *testing.T) {
	test.NewTempApp(t)
	tl, r := newSizedTimeline(t, 10000)
	// Each release requires the release two lines up in another product,
	// and every hundredth one a release far down the list.
	var links []Link
	for i := 2; i < 10000; i++ {
		links = append(links, Link{ID: uint(i), From: uint(i - 1), To: uint(i + 1)})
		if i%100 == 0 {
			links = append(links, Link{ID: uint(20000 + i), From: uint(i), To: uint((i + 5000) % 10000)})
		}
	}
	tl.SetLinks(links)
	rr := r.(*renderer)
	r.Layout(tl.Size())
	for y := float32(0); y < 20000; y += 700 {
		tl.SetScrollOffset(y)
	}
	visibleTiles := int((tl.Size().Height)/(linkTileLines*tl.geometry().rows.lineH)) + 2
	if n := len(rr.links.spans); n > 30*visibleTiles {
		t.Errorf("arrow extents were worked out for %d tiles; the views scrolled through hold about %d", n, 30*visibleTiles)
	}
	if n := len(rr.links.strips); n > maxSpareStrips+64 {
		t.Errorf("%d arrow strips pooled for a 1280x800 view", n)
	}
	if n := len(rr.links.visible()); n == 0 || n > 64 {
		t.Errorf("%d arrow strips shown, want a handful", n)
	}
}

func TestReleaseBarAndBaselineArePainted(t *testing.T) {
	tl, w := newLinkedTimeline(t)
	tl.SetLinks(nil)
	img := w.Canvas().Capture()
	g := tl.geometry()
	c := readColors(tl.Theme())
	bg := image.NewUniform(c.background).C
	// 3.2.0 (line 2): its own bar from 7 March to 21 March behind its
	// deployments, and the baseline from 3 to 14 March under the lanes.
	line := int(tl.lineOfRow[1])
	_, y0, _, y1 := boxOf(0, 0, g.rows.y(line), g.rows.lineH, 0, 1)
	ownAt := fyne.NewPos(g.xOf(at(time.March, 19, 12, 0)), y0+3) // between the Staging and Prod bars
	if got, want := pixelAt(img, ownAt), over(c.releaseBar, bg); !sameColor(got, want) {
		t.Errorf("own bar at %v is %v, want %v", ownAt, got, want)
	}
	hotfix := int(tl.lineOfRow[3]) // 7.0.1: nothing deploys on its code freeze day
	_, y0, _, _ = boxOf(0, 0, g.rows.y(hotfix), g.rows.lineH, 0, 1)
	freezeAt := fyne.NewPos(g.xOf(at(time.March, 11, 0, 0))+0.5, y0+3)
	if got, want := pixelAt(img, freezeAt), over(c.releaseEdge, bg); !sameColor(got, want) {
		t.Errorf("code freeze edge at %v is %v, want %v", freezeAt, got, want)
	}
	ghostAt := fyne.NewPos(g.xOf(at(time.March, 4, 12, 0)), y1+1+baselineHeight/2)
	if got, want := pixelAt(img, ghostAt), over(c.baseline, bg); !sameColor(got, want) {
		t.Errorf("baseline at %v is %v, want %v", ghostAt, got, want)
	}
	// 3.1.0 was never re-planned: no baseline under it.
	line = int(tl.lineOfRow[0])
	_, _, _, y1 = boxOf(0, 0, g.rows.y(line), g.rows.lineH, 0, 1)
	noGhost := fyne.NewPos(g.xOf(at(time.March, 4, 12, 0)), y1+1+baselineHeight/2) // a weekday, under its QA bar
	if got := pixelAt(img, noGhost); !sameColor(got, bg) {
		t.Errorf("a release never re-planned has something under its lanes at %v: %v", noGhost, got)
	}
}

func TestReleaseWindows(t *testing.T) {
	t.Parallel()
	day := func(d int) time.Time { return time.Date(2025, time.March, d, 0, 0, 0, 0, time.UTC) } // as a database hands them over
	tests := []struct {
		name          string
		row           Row
		own, baseline bool
		baseFrom      time.Time
	}{
		{"no dates", Row{}, false, false, time.Time{}},
		{"freeze and release", Row{CodeFreeze: day(3), Planned: day(10)}, true, false, time.Time{}},
		{"same baseline", Row{CodeFreeze: day(3), Planned: day(10), Baseline: Baseline{Freeze: day(3), Release: day(10)}}, true, false, time.Time{}},
		{"release moved", Row{CodeFreeze: day(3), Planned: day(12), Baseline: Baseline{Freeze: day(3), Release: day(10), Replans: 1}}, true, true, day(3)},
		{"freeze moved only", Row{CodeFreeze: day(5), Planned: day(10), Baseline: Baseline{Freeze: day(3), Release: day(10), Replans: 1}}, true, true, day(3)},
		{"baseline without a freeze", Row{Planned: day(12), Baseline: Baseline{Release: day(10)}}, false, true, day(10)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			own, base := releaseWindows(&tc.row)
			if !own.from.IsZero() != tc.own || !base.from.IsZero() != tc.baseline {
				t.Fatalf("own %v, baseline %v; want own %v, baseline %v", own, base, tc.own, tc.baseline)
			}
			if tc.own && (!own.from.Equal(localMidnight(calendarDay(tc.row.CodeFreeze))) || !own.to.Equal(calendarDay(tc.row.Planned))) {
				t.Errorf("own bar %v, want from the freeze day's start to the release day's noon", own)
			}
			if tc.baseline && !base.from.Equal(localMidnight(calendarDay(tc.baseFrom))) {
				t.Errorf("baseline starts %v, want %v", base.from, tc.baseFrom)
			}
		})
	}
}

func TestReleaseHoverNamesTheFreezeAndBaseline(t *testing.T) {
	t.Parallel()
	r := plannedRows()[1]
	text := rowText(&r)
	for _, want := range []string{"code freeze Fri 7 Mar 2025", "baseline 3 Mar → 14 Mar 2025 (+7 d)", "re-planned 2 times"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q lacks %q", text, want)
		}
	}
	r = plannedRows()[0]
	if text := rowText(&r); strings.Contains(text, "baseline") {
		t.Errorf("a release never re-planned talks of a baseline: %q", text)
	}
}

func TestLegendFollowsWhatIsDrawn(t *testing.T) {
	tl, _ := newSampleTimeline(t)
	labels := func() string {
		var s []string
		for _, it := range tl.Legend(false) {
			s = append(s, it.Label)
		}
		return strings.Join(s, ", ")
	}
	plain := labels()
	for _, absent := range []string{"Baseline", "Depends on", "Dependency not met"} {
		if strings.Contains(plain, absent) {
			t.Errorf("legend of a plan without baselines or links names %q: %s", absent, plain)
		}
	}
	tl.SetRows(plannedRows())
	tl.SetLinks(sampleLinks())
	full := labels()
	for _, want := range []string{"Code freeze to release", "Baseline before re-plan", "Depends on", "Dependency not met", "Release date", "Conflict"} {
		if !strings.Contains(full, want) {
			t.Errorf("legend lacks %q: %s", want, full)
		}
	}
	if envs := tl.Legend(true); envs[0].Label != "Dev" || envs[0].mark != markEnv {
		t.Errorf("legend with environments starts with %+v", envs[0])
	}
}

// linkedRows is syntheticRows with what this file adds: every release
// with its own bar, one in five re-planned, and one in seven requiring a
// release of another product (lines apart by the product groups).
func linkedRows(n int) ([]Row, []Link) {
	rows := syntheticRows(n, at(time.January, 1, 0, 0))
	var links []Link
	for i := range rows {
		r := &rows[i]
		r.CodeFreeze = r.Planned.AddDate(0, 0, -14)
		if i%5 == 0 {
			r.Baseline = Baseline{Freeze: r.CodeFreeze.AddDate(0, 0, -10), Release: r.Planned.AddDate(0, 0, -10), Replans: 1}
		}
		if i%7 == 0 && i+3 < n {
			links = append(links, Link{ID: uint(i + 1), From: rows[i+3].ID, FromBar: rows[i+3].Bars[9].ID, To: r.ID, ToBar: r.Bars[4].ID, Violated: i%14 == 0})
		}
	}
	return rows, links
}

// BenchmarkTimelineRefreshLinked is BenchmarkTimelineRefresh with release
// bars, baselines and dependency arrows: drawing still costs what is in view.
func BenchmarkTimelineRefreshLinked(b *testing.B) {
	for _, n := range []int{100, 10000} {
		b.Run(fmt.Sprintf("releases=%d", n), func(b *testing.B) {
			rows, links := linkedRows(n)
			r := benchmarkRefresh(b, rows, links)
			b.ReportMetric(float64(len(r.links.visible())), "arrow-strips")
		})
	}
}

// BenchmarkTimelineScrollLinked is a wheel step through 10,000 linked releases.
func BenchmarkTimelineScrollLinked(b *testing.B) {
	test.NewTempApp(b)
	tl := NewTimeline()
	tl.Today = sampleToday
	rows, links := linkedRows(10000)
	tl.SetRows(rows)
	tl.SetLinks(links)
	tl.Resize(fyne.NewSize(1280, 800))
	tl.SetStart(benchStart)
	r := test.WidgetRenderer(tl).(*renderer)
	ev := &fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -25}}
	b.ReportAllocs()
	for b.Loop() {
		tl.Scrolled(ev)
		if tl.ScrollOffset() > 200000 {
			tl.SetScrollOffset(0)
		}
	}
	b.ReportMetric(float64(r.links.repaint)/float64(b.N), "arrow-repaints/op")
}
