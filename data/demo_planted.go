package data

import (
	"fmt"
	"slices"
	"sort"
	"time"
)

// The conflicts below are planted on purpose, on upcoming work, so that the
// dashboard, the timeline and "releasedesk check" have something true to show.

// plantOverlaps moves one deployment of each of want planned releases so that
// it overlaps another release's booking of the same environment, keeping the
// release's own promotion order.
func (g *demoGen) plantOverlaps(want int) {
	byEnv := make([][]int, len(g.envs))
	for i, d := range g.rows.deps {
		if d.Outcome == OutcomePlanned {
			byEnv[g.rows.depEnv[i]] = append(byEnv[g.rows.depEnv[i]], i)
		}
	}
	for _, list := range byEnv {
		slices.SortStableFunc(list, func(a, b int) int { return g.rows.deps[a].PlannedStart.Compare(g.rows.deps[b].PlannedStart) })
	}
	used := make([]bool, len(g.rows.releases))
	for _, dr := range g.rel {
		if want == 0 {
			return
		}
		if g.rows.releases[dr.idx].Status == StatusPlanned && !used[dr.idx] && dr.flaw == demoFlawNone && dr.pin == 0 && g.plantOverlap(dr, byEnv, used) {
			want--
		}
	}
}

func (g *demoGen) plantOverlap(dr *demoRelease, byEnv [][]int, used []bool) bool {
	deps := g.rows.deps
	for k, di := range dr.deps {
		env := g.rows.depEnv[di]
		if g.envStage[env] == demoStageProd || k+1 >= len(dr.deps) {
			continue // Production keeps its day: it is the release date
		}
		lo := g.now
		if k > 0 {
			lo = deps[dr.deps[k-1]].PlannedEnd
		}
		lo, hi := lo.Add(demoGap), deps[dr.deps[k+1]].PlannedStart.Add(-demoGap)
		d := &deps[di]
		dur := d.PlannedEnd.Sub(d.PlannedStart)
		list := byEnv[env]
		from := sort.Search(len(list), func(i int) bool { return !deps[list[i]].PlannedStart.Before(lo.Add(-30 * time.Minute)) })
		for _, ai := range list[from:] {
			a := &deps[ai]
			if a.PlannedStart.After(hi) {
				break
			}
			other := g.rows.depRel[ai]
			start := a.PlannedStart.Add(min(30*time.Minute, a.PlannedEnd.Sub(a.PlannedStart)/2))
			if other == dr.idx || used[other] || start.Before(lo) || start.Add(dur).After(hi) {
				continue
			}
			d.PlannedStart, d.PlannedEnd = start, start.Add(dur)
			d.Notes = fmt.Sprintf("Brought forward at the product owner's request although %s was already booked.", g.envs[env].Name)
			used[dr.idx], used[other] = true, true
			return true
		}
	}
	return false
}

// plantOrderConflict moves the Staging deployment of one planned release to
// after its Production deployment.
func (g *demoGen) plantOrderConflict() {
	for _, dr := range g.rel {
		r := &g.rows.releases[dr.idx]
		n := len(dr.deps)
		if r.Status != StatusPlanned || dr.flaw != demoFlawNone || dr.pin != 0 || r.PlannedRelease.Before(g.today.AddDays(7)) || n < 2 {
			continue
		}
		p, s := &g.rows.deps[dr.deps[n-1]], &g.rows.deps[dr.deps[n-2]]
		if g.envStage[g.rows.depEnv[dr.deps[n-1]]] != demoStageProd || g.envStage[g.rows.depEnv[dr.deps[n-2]]] != demoStageStaging ||
			p.Notes != "" || s.Notes != "" {
			continue
		}
		staging := g.rows.depEnv[dr.deps[n-2]]
		dur := s.PlannedEnd.Sub(s.PlannedStart)
		start := g.slot(staging, demoAt(demoAddWorkdays(DateOf(p.PlannedStart), 1), demoOpen), dur)
		g.book(staging, start, start.Add(dur))
		s.PlannedStart, s.PlannedEnd = start, start.Add(dur)
		s.Notes = "Staging is taken by the load-balancer upgrade until after the release day; Production goes first."
		return
	}
}

// plantEventFreeze declares an event freeze on one business unit's Staging
// and Production over two upcoming deployments of different releases, as
// when an event is announced after the plan was made.
func (g *demoGen) plantEventFreeze() {
	var cands []int
	for i, d := range g.rows.deps {
		stage := g.envStage[g.rows.depEnv[i]]
		if d.Outcome == OutcomePlanned && (stage == demoStageStaging || stage == demoStageProd) && d.PlannedStart.After(g.now.AddDate(0, 0, 7)) {
			cands = append(cands, i)
		}
	}
	slices.SortStableFunc(cands, func(a, b int) int { return g.rows.deps[a].PlannedStart.Compare(g.rows.deps[b].PlannedStart) })
	first, second := g.closePair(cands, 4*24*time.Hour)
	if second < 0 {
		first, second = g.closePair(cands, 1<<62)
	}
	if second < 0 {
		return // too few upcoming deployments to plant one
	}
	a, b := &g.rows.deps[first], &g.rows.deps[second]
	unit := g.units[g.productUnit[g.rel[g.rows.depRel[first]].product]]
	start, end := demoAt(DateOf(a.PlannedStart), 0), demoAt(DateOf(b.PlannedEnd).AddDays(1), 0)
	created := g.now.Add(-time.Duration(g.between(2, 72)) * time.Hour)
	name := fmt.Sprintf("%s %d", demoPick(g, demoEventFreezes), start.Year())
	if len(g.units) > 1 {
		name = unit.name + ": " + name // the other units' plans go on
	}
	g.rows.freezes = append(g.rows.freezes, FreezeWindow{Name: name,
		Start: start, End: end, Environments: []Environment{g.envs[unit.shared[demoStageStaging]], g.envs[unit.shared[demoStageProd]]}, CreatedAt: created, UpdatedAt: created,
		Reason: "Announced after the release plan was made: no changes to customer-facing systems during the event."})
}

// closePair returns the first two deployments in sorted cands of different
// releases of one business unit starting at most within of each other, or -1, -1.
func (g *demoGen) closePair(cands []int, within time.Duration) (int, int) {
	for i, a := range cands {
		for _, b := range cands[i+1:] {
			if g.rows.deps[b].PlannedStart.Sub(g.rows.deps[a].PlannedStart) > within {
				break
			}
			if g.rows.depRel[a] != g.rows.depRel[b] && g.unitOfEnv(g.rows.depEnv[a]) == g.unitOfEnv(g.rows.depEnv[b]) {
				return a, b
			}
		}
	}
	return -1, -1
}
