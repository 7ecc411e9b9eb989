package roadmap

import (
	"context"
	"slices"
	"strings"
	"time"

	"releasedesk/data"
	"releasedesk/views/timeline"
)

// loadPlan reads everything the chart shows of the stretch from..to (all
// of it when both are zero): the plan, the conflicts of its deployments,
// the dependencies between its releases and each release's bar and
// baseline. The screen and the pictures read it alike.
func loadPlan(ctx context.Context, store Store, from, to time.Time) (*timelinePlan, error) {
	td, err := store.TimelineDataIn(ctx, from, to)
	if err != nil {
		return nil, err
	}
	conflicts, err := store.DeploymentConflicts(ctx, from, to)
	if err != nil {
		return nil, err
	}
	elsewhere := 0 // releases outside the stretch, counted only when it holds none
	if len(td.Releases) == 0 {
		if elsewhere, err = store.CountReleases(ctx, data.ReleaseFilter{}); err != nil {
			return nil, err
		}
	}
	ids := make([]uint, len(td.Releases))
	for i, r := range td.Releases {
		ids[i] = r.ID
	}
	deps, err := store.DependenciesAmong(ctx, ids)
	if err != nil {
		return nil, err
	}
	baselines, err := store.Baselines(ctx, ids)
	if err != nil {
		return nil, err
	}
	p := newTimelinePlan(td, conflicts)
	p.dependencies, p.baselines = deps, baselines
	p.from, p.to, p.elsewhere = from, to, elsewhere
	return p, nil
}

// links draws each dependency between two of the rows shown as arrows:
// from the deployment that puts the required release on the environment
// to each deployment of the release that needs it there (to the release
// dates when either has none). An arrow whose deployment the dependency
// rule flagged is a conflict and says why.
func (p *timelinePlan) links(rows []timeline.Row) []timeline.Link {
	if len(p.dependencies) == 0 {
		return nil
	}
	shown := make(map[uint]bool, len(rows))
	for _, r := range rows {
		shown[r.ID] = true
	}
	var out []timeline.Link
	for _, dep := range p.dependencies {
		if !shown[dep.ReleaseID] || !shown[dep.RequiresID] {
			continue
		}
		base := timeline.Link{ID: dep.ID, From: dep.RequiresID, To: dep.ReleaseID, FromBar: p.arrival(dep.RequiresID, dep.EnvironmentID)}
		text := p.dependencyName(dep)
		if note := strings.TrimSpace(dep.Note); note != "" {
			text += " · " + note
		}
		needing := p.deploymentsOn(dep.ReleaseID, dep.EnvironmentID)
		if len(needing) == 0 {
			base.Tooltip = text + " · not planned there yet"
			out = append(out, base)
			continue
		}
		for _, d := range needing {
			l := base
			l.ToBar, l.Tooltip = d.ID, text
			if f, ok := p.violation(d.ID, dep.ID); ok {
				l.Violated, l.Tooltip = true, text+" · not met: "+f.Message
			}
			out = append(out, l)
		}
	}
	return out
}

// deploymentsOn lists the deployments of release id to environment env.
func (p *timelinePlan) deploymentsOn(id, env uint) []*data.TimelineDeployment {
	ri, ok := p.releases[id]
	if !ok {
		return nil
	}
	var out []*data.TimelineDeployment
	for _, di := range p.byRelease[ri] {
		if d := &p.data.Deployments[di]; d.EnvironmentID == env {
			out = append(out, d)
		}
	}
	return out
}

// arrival is the deployment that puts release id on environment env: the
// first that succeeded, else the next planned or running one, else the
// last that failed; 0 when it has none there.
func (p *timelinePlan) arrival(id, env uint) uint {
	deps := p.deploymentsOn(id, env)
	end := func(d *data.TimelineDeployment) time.Time {
		if !d.ActualEnd.IsZero() {
			return d.ActualEnd
		}
		return d.PlannedEnd
	}
	rank := func(d *data.TimelineDeployment) int {
		switch d.Outcome {
		case data.OutcomeSucceeded:
			return 0
		case data.OutcomePlanned, data.OutcomeInProgress:
			return 1
		}
		return 2
	}
	better := func(a, b *data.TimelineDeployment) bool {
		switch {
		case rank(a) != rank(b):
			return rank(a) < rank(b)
		case rank(a) == 2: // of the failed ones, the latest
			return end(a).After(end(b))
		}
		return end(a).Before(end(b))
	}
	var best *data.TimelineDeployment
	for _, d := range deps {
		if best == nil || better(d, best) {
			best = d
		}
	}
	if best == nil {
		return 0
	}
	return best.ID
}

// violation returns the dependency finding of deployment id that dependency depID breaks.
func (p *timelinePlan) violation(id, depID uint) (data.Finding, bool) {
	for _, f := range p.conflicts[id] {
		if f.Kind == data.FindingDependency && slices.Contains(f.Records, data.Record{Entity: data.EntityDependency, ID: depID}) {
			return f, true
		}
	}
	return data.Finding{}, false
}

// dependencyName says what a dependency asks: "Payments 2.5.0 requires Identity 1.3.0 on Production".
func (p *timelinePlan) dependencyName(dep data.Dependency) string {
	name := func(id uint) string {
		if r := p.release(id); r != nil {
			return r.Name()
		}
		return "another release"
	}
	return name(dep.ReleaseID) + " requires " + name(dep.RequiresID) + " on " + p.envName(dep.EnvironmentID)
}

// dependencyText lists, for the status line, what release id requires and
// what requires it, marking those not met.
func (p *timelinePlan) dependencyText(id uint) string {
	var parts []string
	for _, dep := range p.dependencies {
		var other uint
		verb := "requires "
		switch id {
		case dep.ReleaseID:
			other = dep.RequiresID
		case dep.RequiresID:
			other, verb = dep.ReleaseID, "needed by "
		default:
			continue
		}
		r := p.release(other)
		if r == nil {
			continue
		}
		part := verb + r.Name() + " (" + p.envName(dep.EnvironmentID) + ")"
		for _, d := range p.deploymentsOn(dep.ReleaseID, dep.EnvironmentID) {
			if _, ok := p.violation(d.ID, dep.ID); ok {
				part += ", not met"
				break
			}
		}
		parts = append(parts, part)
	}
	return strings.Join(parts, "; ")
}
