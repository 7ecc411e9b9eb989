package timeline

import (
	"slices"
	"testing"
	"time"
)

func TestBuildIndexGroupsAndSorts(t *testing.T) {
	t.Parallel()
	rows := []Row{
		{ID: 1, Group: "portal", Label: "2.0", Planned: at(time.May, 1, 0, 0)},
		{ID: 2, Group: "Billing", Label: "3.10.0", Planned: at(time.April, 1, 0, 0)},
		{ID: 3, Group: "Billing", Label: "3.9.0", Planned: at(time.April, 1, 0, 0)},
		{ID: 4, Group: "Billing", Label: "1.0"}, // undated goes last
		{ID: 5, Group: "Billing", Label: "3.0.0", Planned: at(time.March, 1, 0, 0)},
		{ID: 6, Group: "Archive", Label: "0.1", Planned: at(time.January, 1, 0, 0)},
	}
	ix := buildIndex(rows, sampleToday)
	var names []string
	for _, g := range ix.groups {
		names = append(names, g.name)
	}
	if want := []string{"Archive", "Billing", "portal"}; !slices.Equal(names, want) {
		t.Fatalf("groups %q, want %q", names, want)
	}
	var ids []uint
	for _, r := range ix.groups[1].rows {
		ids = append(ids, rows[r].ID)
	}
	if want := []uint{5, 3, 2, 4}; !slices.Equal(ids, want) {
		t.Errorf("Billing order %v, want %v (date, then version numerically, undated last)", ids, want)
	}
}

func TestCompareVersions(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"3.9.0", "3.10.0", -1},
		{"3.10.0", "3.10.0", 0},
		{"3.10", "3.10.1", -1},
		{"2.0.0-rc1", "2.0.0-rc2", -1},
		{"b", "a", 1},
	} {
		if got := compareVersions(tc.a, tc.b); got != tc.want {
			t.Errorf("compareVersions(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestFlattenWithCollapsedGroups(t *testing.T) {
	t.Parallel()
	ix := buildIndex(sampleRows(), sampleToday)
	lines := flatten(&ix, nil)
	kinds := func(ls []line) (k []lineKind) {
		for _, l := range ls {
			k = append(k, l.kind)
		}
		return k
	}
	want := []lineKind{lineGroup, lineRelease, lineRelease, lineGroup, lineRelease, lineRelease}
	if got := kinds(lines); !slices.Equal(got, want) {
		t.Fatalf("lines %v, want %v", got, want)
	}
	lines = flatten(&ix, map[string]bool{"Billing": true})
	want = []lineKind{lineGroup, lineGroup, lineRelease, lineRelease}
	if got := kinds(lines); !slices.Equal(got, want) {
		t.Fatalf("collapsed lines %v, want %v", got, want)
	}
}

func TestRowGeometry(t *testing.T) {
	t.Parallel()
	g := rowGeometry{top: 60, lineH: 28, scrollY: 0}
	for _, tc := range []struct {
		scroll float32
		y      float32
		line   int
	}{
		{0, 60, 0},
		{0, 87.9, 0},
		{0, 88, 1},
		{0, 59, -1}, // under the header
		{14, 60, 0},
		{14, 74, 1},
		{280, 60, 10},
	} {
		g.scrollY = tc.scroll
		if got := g.lineAt(tc.y); got != tc.line {
			t.Errorf("scroll %v: lineAt(%v) = %d, want %d", tc.scroll, tc.y, got, tc.line)
		}
		if tc.line >= 0 {
			if y := g.y(tc.line); y > tc.y || y+g.lineH <= tc.y {
				t.Errorf("scroll %v: line %d spans [%v, %v) which misses %v", tc.scroll, tc.line, y, y+g.lineH, tc.y)
			}
		}
	}
	g.scrollY = 14
	if first, last := g.visible(10000, 800); first != 0 || last != 27 {
		t.Errorf("visible = [%d, %d), want [0, 27)", first, last)
	}
	g.scrollY = 28 * 5000
	if first, last := g.visible(10000, 800); first != 5000 || last != 5027 {
		t.Errorf("visible deep down = [%d, %d), want [5000, 5027)", first, last)
	}
	g.scrollY = 0
	if first, last := g.visible(3, 800); first != 0 || last != 3 {
		t.Errorf("visible of few lines = [%d, %d), want [0, 3)", first, last)
	}
	if m := g.maxScroll(100, 800); m != 60+2800-800 {
		t.Errorf("maxScroll = %v, want %v", m, 60+2800-800)
	}
	if m := g.maxScroll(3, 800); m != 0 {
		t.Errorf("maxScroll of short content = %v, want 0", m)
	}
}

func TestPackRowLanes(t *testing.T) {
	t.Parallel()
	d := func(day, hour int) time.Time { return at(time.March, day, hour, 0) }
	row := Row{Bars: []Bar{
		bar(1, 0, d(1, 9), d(3, 17), OutcomePlanned),
		bar(2, 1, d(2, 9), d(4, 17), OutcomePlanned), // overlaps 1
		bar(3, 2, d(3, 17), d(5, 9), OutcomePlanned), // starts when 1 ends: shares its lane
		bar(4, 3, d(2, 10), d(2, 11), OutcomePlanned),
		bar(5, 3, d(2, 10), d(2, 11), OutcomePlanned), // a fifth overlap wraps around
		{ID: 6, Env: "Dev"},                           // unscheduled: not drawn
	}}
	ri := packRow(&row, sampleToday)
	lanes := map[uint]uint8{}
	for _, s := range ri.spans {
		lanes[row.Bars[s.bar].ID] = s.lane
	}
	want := map[uint]uint8{1: 0, 2: 1, 3: 0, 4: 2, 5: 0}
	for id, l := range want {
		if lanes[id] != l {
			t.Errorf("bar %d in lane %d, want %d (all %v)", id, lanes[id], l, lanes)
		}
	}
	if ri.lanes != maxLanes || len(ri.spans) != 5 {
		t.Errorf("lanes %d spans %d, want %d and 5", ri.lanes, len(ri.spans), maxLanes)
	}
}

func TestVisibleSpans(t *testing.T) {
	t.Parallel()
	d := func(day int) time.Time { return at(time.March, day, 0, 0) }
	row := Row{Bars: []Bar{
		bar(1, 0, d(1), d(30), OutcomePlanned), // long, starts well before the window
		bar(2, 0, d(2), d(3), OutcomePlanned),  // ends before the window
		bar(3, 0, d(10), d(11), OutcomePlanned),
		bar(4, 0, d(20), d(21), OutcomePlanned), // starts after the window
	}}
	ri := packRow(&row, sampleToday)
	var ids []uint
	for _, s := range ri.visibleSpans(d(9), d(15)) {
		ids = append(ids, row.Bars[s.bar].ID)
	}
	// Bar 2 may be returned (it is within the longest span's reach) but 4 must not.
	if !slices.Contains(ids, 1) || !slices.Contains(ids, 3) || slices.Contains(ids, 4) {
		t.Errorf("visible bars %v, want 1 and 3 and never 4", ids)
	}
}

func TestBarSpanAndWindows(t *testing.T) {
	t.Parallel()
	b := bar(1, 0, at(time.March, 10, 9, 0), at(time.March, 10, 17, 0), OutcomeInProgress)
	b.ActualStart = at(time.March, 11, 8, 0)
	from, to := b.span(sampleToday)
	if !from.Equal(b.PlannedStart) || !to.Equal(sampleToday) {
		t.Errorf("running bar spans %v – %v, want planned start to now", from, to)
	}
	if b.draggable() {
		t.Error("a started bar must not be draggable")
	}
	p := Bar{ID: 2, PlannedStart: at(time.March, 10, 9, 0), PlannedEnd: at(time.March, 10, 17, 0)}
	if !p.draggable() || outcomeOf(&p) != OutcomePlanned {
		t.Error("a bar without outcome is planned and draggable")
	}
}
