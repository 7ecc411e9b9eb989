package data

import (
	"fmt"
	"slices"
	"time"
)

// The demo's scope: each release's work items, the dependencies between
// products' releases (two of them broken on purpose, as planted findings)
// and re-planned releases with their baselines.

var demoWorkTitles = map[WorkItemKind][]string{
	WorkFeature: {"New %s screen", "%s: export to CSV", "Support %s in the public API", "%s for business accounts",
		"Bulk actions in %s", "Filter and sort in %s", "%s in twelve more languages"},
	WorkImprovement: {"Faster %s", "Clearer error messages in %s", "Better keyboard and screen-reader support in %s",
		"Retry %s calls after a timeout", "Lower memory use in %s", "Simpler %s settings"},
	WorkSecurity: {"Tighten access checks in %s", "Rotate the %s signing keys", "Escape user input in %s exports",
		"Rate-limit failed logins to %s", "Upgrade the TLS library behind %s"},
	WorkTask: {"Remove the old %s feature flag", "Add dashboards for %s", "Update the %s runbook", "Upgrade the %s build agents",
		"Load-test %s before the release"},
}

var demoReplanReasons = []string{
	"Card scheme certification took longer than planned",
	"Waiting for the vendor's fixed SDK",
	"Load tests found a regression that needs a fix first",
	"The team was pulled into a production incident",
	"Legal review of the new terms is not finished",
	"Moved out of the quarter-close freeze",
	"Design changes after the customer preview",
	"Staging was booked for the database upgrade",
}

// demoScope is the scope the demo writes after the releases, kept lean.
type demoScope struct {
	items   []demoWorkItem
	depends []demoDependency
	replans []demoReplan
}

type demoWorkItem struct {
	release              int // into rows.releases
	ReleaseID            uint
	Key, Summary         string
	Kind                 WorkItemKind
	Status               WorkItemStatus
	Component, Link      string
	CustomerFacing       bool
	CreatedAt, UpdatedAt time.Time
}

func (w *demoWorkItem) model() WorkItem {
	return WorkItem{ReleaseID: w.ReleaseID, Key: w.Key, Summary: w.Summary, Kind: w.Kind, Status: w.Status, Component: w.Component,
		Link: w.Link, CustomerFacing: w.CustomerFacing, CreatedAt: w.CreatedAt, UpdatedAt: w.UpdatedAt}
}

func (w *demoWorkItem) took(uint) {}

type demoDependency struct {
	release, requires int // into rows.releases
	env               int // into g.envs: the Production both go to
	note              string
	at                time.Time
}

type demoReplan struct {
	release int
	rp      Replan
}

func (sc *demoScope) count() int { return len(sc.items) + len(sc.depends) + len(sc.replans) }

// planScope draws the scope once the schedule and the planted conflicts are
// settled: work items for every release, re-plans, then dependencies.
func (g *demoGen) planScope() {
	next := make([]int, len(g.catalog))
	for i := range next {
		next[i] = 100 + g.rng.IntN(300)
	}
	for _, dr := range g.rel {
		g.workItems(dr, next)
	}
	for _, dr := range g.rel {
		g.replan(dr)
	}
	g.dependencies()
}

// workItems gives a release the features and fixes its type suggests.
func (g *demoGen) workItems(dr *demoRelease, next []int) {
	r := &g.rows.releases[dr.idx]
	p := g.catalog[dr.product]
	var n int
	var weights []int
	switch r.Type { // weights of feature, fix, improvement, security, task
	case TypeMajor:
		n, weights = g.between(7, 12), []int{45, 15, 20, 8, 12}
	case TypeMinor:
		n, weights = g.between(3, 7), []int{35, 25, 22, 6, 12}
	case TypePatch:
		n, weights = g.between(1, 4), []int{5, 60, 15, 10, 10}
	default: // hotfix, emergency: the problem they repair
		n, weights = 1, []int{0, 1, 0, 0, 0}
	}
	seen := map[string]bool{}
	for k := range n {
		var kind WorkItemKind
		var area, summary string
		for try := 0; try == 0 || (seen[summary] && try < 4); try++ { // a release does not do one thing twice
			kind, area = WorkItemKinds[demoWeighted(g, weights)], demoPick(g, p.areas)
			summary = "Fix " + demoPick(g, p.problems)
			if r.Type == TypeHotfix || r.Type == TypeEmergency {
				summary = r.Title // the one problem it repairs
			} else if kind != WorkFix {
				summary = fmt.Sprintf(demoPick(g, demoWorkTitles[kind]), area)
			}
		}
		if seen[summary] {
			continue
		}
		seen[summary] = true
		next[dr.product] += 1 + g.rng.IntN(6)
		key := fmt.Sprintf("%s-%d", p.key, next[dr.product])
		created := r.CreatedAt.Add(time.Duration(k) * time.Hour)
		it := demoWorkItem{release: dr.idx, Key: key, Summary: demoCapitalize(summary), Kind: kind, Component: demoCapitalize(area),
			Link: "https://jira.example.com/browse/" + key, CustomerFacing: kind != WorkTask && g.chance(0.9),
			Status: g.workStatus(r), CreatedAt: created, UpdatedAt: demoLater(created, r.UpdatedAt)}
		g.scope.items = append(g.scope.items, it)
	}
}

// workStatus is how far an item has got, by how far its release has.
func (g *demoGen) workStatus(r *Release) WorkItemStatus {
	pick := func(done, running, open, dropped int) WorkItemStatus {
		return WorkItemStatuses[demoWeighted(g, []int{open, running, done, dropped})]
	}
	switch {
	case r.Status == StatusReleased || r.Status == StatusRolledBack:
		return pick(97, 0, 0, 3)
	case r.Status == StatusCancelled:
		return pick(0, 0, 1, 1)
	case r.Status == StatusInProgress:
		return pick(85, 15, 0, 0)
	case r.Status == StatusDraft:
		return WorkOpen
	case r.PlannedRelease.Before(g.today.AddDays(15)):
		return pick(65, 25, 8, 2)
	}
	return pick(15, 30, 55, 0)
}

// replan gives a committed release a baseline earlier than its current
// plan: those whose production booking moved their date, and about one in
// ten more. One in five of them was re-planned twice.
func (g *demoGen) replan(dr *demoRelease) {
	r := &g.rows.releases[dr.idx]
	if !r.Status.Committed() {
		return
	}
	moved := r.ActualRelease.IsZero() && !r.PlannedRelease.Equal(dr.p0) && dr.p0.Before(r.PlannedRelease)
	if !moved && !g.chance(0.1) {
		return
	}
	base := dr.p0
	if !moved || !base.Before(r.PlannedRelease) {
		base = demoAddWorkdays(r.PlannedRelease, -g.between(2, 8))
	}
	shift := base.DaysUntil(r.PlannedRelease)
	r.BaselineRelease, r.BaselineFreeze = base, r.CodeFreeze.AddDays(-shift)
	steps := []Date{base, r.PlannedRelease}
	if shift > 3 && g.chance(0.2) {
		steps = []Date{base, base.AddDays(shift / 2), r.PlannedRelease}
	}
	at := demoAt(r.BaselineFreeze.AddDays(-g.between(1, 4)), demoOpen+g.between(0, 480))
	for i := 1; i < len(steps); i++ {
		at = demoClamp(at, r.CreatedAt.Add(time.Hour), g.now.Add(-time.Hour))
		from, to := steps[i-1], steps[i]
		rp := Replan{At: at, OldRelease: from, NewRelease: to, OldCodeFreeze: r.CodeFreeze.AddDays(-from.DaysUntil(r.PlannedRelease)),
			NewCodeFreeze: r.CodeFreeze.AddDays(-to.DaysUntil(r.PlannedRelease)), Reason: demoPick(g, demoReplanReasons), CreatedAt: at}
		g.scope.replans = append(g.scope.replans, demoReplan{release: dr.idx, rp: rp})
		at = at.Add(time.Duration(g.between(24, 96)) * time.Hour)
	}
}

// dependencies makes about one in seven major and minor releases need a
// recent release of a product it builds on, on Production, always one that
// is there in time; then plants two that are not: upcoming releases that
// need a release booked onto Production after them.
func (g *demoGen) dependencies() {
	spans := make([][]DependencySpan, len(g.rows.releases))
	for i, d := range g.rows.deps {
		if g.envStage[g.rows.depEnv[i]] == demoStageProd {
			rel := g.rows.depRel[i]
			spans[rel] = append(spans[rel], dependencySpan(uint(i), uint(rel), 0, d.Outcome, d.PlannedStart, d.PlannedEnd, d.ActualStart, d.ActualEnd))
		}
	}
	usable := func(idx int) bool {
		st := g.rows.releases[idx].Status
		return st != StatusCancelled && st != StatusDraft && len(spans[idx]) > 0
	}
	byProduct := make([][]int, len(g.catalog))
	for _, dr := range g.rel {
		if usable(dr.idx) {
			byProduct[dr.product] = append(byProduct[dr.product], dr.idx)
		}
	}
	inTime := func(r, q int) bool {
		for _, d := range spans[r] {
			if !requirementThere(spans[q], d) {
				return false
			}
		}
		return true
	}
	needs := map[int]bool{}
	for _, dr := range g.rel {
		r := &g.rows.releases[dr.idx]
		if !usable(dr.idx) || (r.Type != TypeMajor && r.Type != TypeMinor) || len(g.catalog[dr.product].providers) == 0 || !g.chance(0.15) {
			continue
		}
		provider := demoPick(g, g.catalog[dr.product].providers)
		best := -1
		for _, q := range byProduct[provider] {
			qr := g.rows.releases[q]
			if qr.PlannedRelease.After(r.PlannedRelease) || qr.PlannedRelease.Before(r.PlannedRelease.AddDays(-45)) {
				continue
			}
			if inTime(dr.idx, q) && (best < 0 || g.rows.releases[best].PlannedRelease.Before(qr.PlannedRelease)) {
				best = q
			}
		}
		if best >= 0 {
			needs[dr.idx] = true
			g.scope.depends = append(g.scope.depends, demoDependency{release: dr.idx, requires: best, at: r.CreatedAt,
				env:  g.path[dr.product][demoStageProd],
				note: "Needs the " + g.catalog[provider].name + " changes of " + g.rows.releases[best].Version + " in production first."})
		}
	}
	g.plantDependencies(2, spans, byProduct, needs)
}

// plantDependencies adds want dependencies of upcoming planned releases on
// a provider's release whose production deployment is booked after theirs.
func (g *demoGen) plantDependencies(want int, spans [][]DependencySpan, byProduct [][]int, needs map[int]bool) {
	for _, dr := range g.rel {
		r := g.rows.releases[dr.idx]
		if want == 0 {
			return
		}
		if needs[dr.idx] || r.Status != StatusPlanned || len(spans[dr.idx]) == 0 || !r.PlannedRelease.After(g.today.AddDays(3)) {
			continue
		}
		start := spans[dr.idx][0].Start
		for _, provider := range g.catalog[dr.product].providers {
			i := slices.IndexFunc(byProduct[provider], func(q int) bool {
				qs := spans[q][0]
				st := g.rows.releases[q].Status
				return st == StatusPlanned && qs.Start.After(start) && qs.Start.Before(start.AddDate(0, 0, 20))
			})
			if i < 0 {
				continue
			}
			q := byProduct[provider][i]
			needs[dr.idx] = true
			g.scope.depends = append(g.scope.depends, demoDependency{release: dr.idx, requires: q, at: g.now.Add(-48 * time.Hour),
				env:  g.path[dr.product][demoStageProd],
				note: "Needs the new " + g.catalog[provider].name + " API; " + g.rows.releases[q].Version + " moved after this release."})
			want--
			break
		}
	}
}

// write inserts the scope once the releases have their ids.
func (sc *demoScope) write(w *demoWriter, releases []Release, envs []Environment) error {
	for i := range sc.items {
		sc.items[i].ReleaseID = releases[sc.items[i].release].ID
	}
	if err := demoInsertLean[WorkItem](w, sc.items); err != nil {
		return err
	}
	deps := make([]Dependency, len(sc.depends))
	for i, d := range sc.depends {
		deps[i] = Dependency{ReleaseID: releases[d.release].ID, RequiresID: releases[d.requires].ID, EnvironmentID: envs[d.env].ID, Note: d.note,
			CreatedAt: d.at, UpdatedAt: d.at}
	}
	replans := make([]Replan, len(sc.replans))
	for i, rp := range sc.replans {
		replans[i] = rp.rp
		replans[i].ReleaseID = releases[rp.release].ID
	}
	if err := demoInsert(w, deps); err != nil {
		return err
	}
	if err := demoInsert(w, replans); err != nil {
		return err
	}
	// The history the store would have written: each dependency and re-plan,
	// and the release date each re-plan moved.
	var history []History
	for _, d := range deps {
		id := d.ReleaseID
		history = append(history, History{Entity: EntityDependency, EntityID: d.ID, ReleaseID: &id, Action: ActionCreate,
			Field: "RequiresID", NewValue: fmt.Sprint(d.RequiresID), At: d.CreatedAt})
	}
	for _, rp := range replans {
		id := rp.ReleaseID
		history = append(history,
			History{Entity: EntityReplan, EntityID: rp.ID, ReleaseID: &id, Action: ActionCreate, Field: "Reason", NewValue: rp.Reason, At: rp.At},
			History{Entity: EntityRelease, EntityID: id, ReleaseID: &id, Action: ActionUpdate, Field: "PlannedRelease",
				OldValue: rp.OldRelease.String(), NewValue: rp.NewRelease.String(), At: rp.At})
	}
	return demoInsert(w, history)
}
