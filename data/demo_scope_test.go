package data

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestDemoScope checks the demo's scope, dependencies and baselines: every
// release has work items that the store would accept, the dependencies
// follow the products' order, only the planted ones are broken, and each
// re-plan explains a baseline.
func TestDemoScope(t *testing.T) {
	for _, opt := range []DemoOptions{{Seed: 1, Today: demoTestDay}, {Releases: 300, Seed: 11, Today: demoTestDay}} {
		s, sum := demoGenerate(t, opt)
		ctx := context.Background()
		var items []WorkItem
		if err := s.db.Order("id").Find(&items).Error; err != nil {
			t.Fatal(err)
		}
		if len(items) != sum.WorkItems || len(items) < sum.Releases*2 {
			t.Fatalf("%d work items for %d releases (summary says %d)", len(items), sum.Releases, sum.WorkItems)
		}
		rels, err := s.ListReleases(ctx, ReleaseFilter{})
		if err != nil {
			t.Fatal(err)
		}
		status := map[uint]ReleaseStatus{}
		for _, r := range rels {
			status[r.ID] = r.Status
		}
		keys, kinds, facing := map[string]bool{}, map[WorkItemKind]int{}, 0
		for _, it := range items {
			check := it
			if err := check.validate(); err != nil || check != it {
				t.Fatalf("demo item %+v: %v", it, err)
			}
			k := fmt.Sprint(it.ReleaseID) + "/" + strings.ToLower(it.Key)
			if keys[k] {
				t.Fatalf("key %s twice in release %d", it.Key, it.ReleaseID)
			}
			keys[k] = true
			kinds[it.Kind]++
			if it.CustomerFacing {
				facing++
			}
			if it.Kind == WorkTask && it.CustomerFacing {
				t.Fatalf("task %s is customer-facing", it.Key)
			}
			if st := status[it.ReleaseID]; st == StatusReleased && it.Status.Unfinished() {
				t.Fatalf("%s is %s in a released release", it.Key, it.Status)
			}
		}
		if facing*3 < len(items)*2 || kinds[WorkFeature] == 0 || kinds[WorkFix] == 0 || kinds[WorkImprovement] == 0 ||
			kinds[WorkSecurity] == 0 || kinds[WorkTask] == 0 {
			t.Fatalf("kinds %v, %d of %d customer-facing", kinds, facing, len(items))
		}

		var deps []Dependency
		if err := s.db.Preload("Release").Preload("Requires").Find(&deps).Error; err != nil {
			t.Fatal(err)
		}
		if len(deps) != sum.Dependencies || len(deps) < 3 {
			t.Fatalf("%d dependencies, summary %d", len(deps), sum.Dependencies)
		}
		violations, err := s.DependencyConflicts(ctx, time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if len(violations) != 2 {
			t.Fatalf("%d dependency findings, want the 2 planted: %v", len(violations), violations)
		}
		for _, v := range violations {
			if !strings.Contains(v.Dependency.Note, "moved after this release") {
				t.Fatalf("an unplanted dependency is broken: %s (%q)", v.Finding, v.Dependency.Note)
			}
			if !v.At.After(demoAt(opt.Today, 12*60)) {
				t.Fatalf("a planted dependency finding is in the past: %s", v.Finding)
			}
		}
		// Re-saving each dependency runs the store's own checks, cycles included.
		for _, d := range deps {
			d.Release, d.Requires = Release{}, Release{}
			if err := s.SaveDependency(ctx, &d); err != nil {
				t.Fatalf("the store refuses demo dependency %+v: %v", d, err)
			}
		}

		var replans []Replan
		if err := s.db.Order("release_id, at, id").Find(&replans).Error; err != nil {
			t.Fatal(err)
		}
		if len(replans) != sum.Replans || len(replans) == 0 {
			t.Fatalf("%d re-plans, summary %d", len(replans), sum.Replans)
		}
		first := map[uint]Replan{}
		for _, rp := range replans {
			if _, ok := first[rp.ReleaseID]; !ok {
				first[rp.ReleaseID] = rp
			}
			if rp.Reason == "" || rp.At.After(demoAt(opt.Today, 12*60)) || !rp.OldRelease.Before(rp.NewRelease) {
				t.Fatalf("re-plan %+v", rp)
			}
		}
		for id, rp := range first {
			r, err := s.Release(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if !r.BaselineRelease.Equal(rp.OldRelease) || r.BaselineFreeze.After(r.BaselineRelease) || !r.Status.Committed() {
				t.Fatalf("%s: baseline %s/%s, first re-plan from %s", r.Name(), r.BaselineFreeze, r.BaselineRelease, rp.OldRelease)
			}
			if days, ok := r.BaselineSlipDays(); !ok || days <= 0 {
				t.Fatalf("%s re-planned later but slips %d days against its baseline", r.Name(), days)
			}
		}
	}
}
