package data

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"
)

// DependencySpan is one deployment as the dependency rule reads it.
type DependencySpan struct {
	DeploymentID  uint
	ReleaseID     uint
	EnvironmentID uint
	Outcome       Outcome
	// Start and End are its window: the actual one once it started (a
	// running deployment is expected to last as long as planned), else the
	// planned one. Started tells which.
	Start, End time.Time
	Started    bool
}

// DependencyInput is everything CheckDependencies looks at.
type DependencyInput struct {
	Dependencies []Dependency
	// Deployments must hold, for each dependency, the deployments of its
	// release on its environment that may meet [From, To), and every
	// deployment of its required release on that environment.
	Deployments []DependencySpan
	// Names and Statuses are per release id; Environments names environments.
	Names        map[uint]string
	Statuses     map[uint]ReleaseStatus
	Environments map[uint]string
	// From and To bound the findings ([From, To), a zero bound is open).
	From, To time.Time
}

// DependencyViolation is one finding of the dependency rule and what it involves.
type DependencyViolation struct {
	Finding Finding
	// At is when the deployment that comes too early starts.
	At time.Time
	// DeploymentID is that deployment; Dependency is the need it breaks.
	DeploymentID uint
	Dependency   Dependency
}

// CheckDependencies is the dependency rule: for a release R that requires
// release Q on environment E, each deployment of R to E whose window meets
// [From, To) must start after Q is there. Q is there once a deployment of Q
// to E succeeded and ended; while R's deployment is only planned, a planned
// or running deployment of Q to E expected to end by then counts too
// (planned to be there before). Deployments that will never happen (of a
// cancelled release, not started) count neither way, so a cancelled Q
// leaves every later deployment of R in breach. Violations come ordered by
// time, then message.
func CheckDependencies(in DependencyInput) []DependencyViolation {
	type pair struct{ release, env uint }
	byPair := map[pair][]DependencySpan{}
	for _, d := range in.Deployments {
		if in.Statuses[d.ReleaseID] == StatusCancelled && !d.Started {
			continue
		}
		k := pair{d.ReleaseID, d.EnvironmentID}
		byPair[k] = append(byPair[k], d)
	}
	rng := timeRange{from: in.From, to: in.To}
	var out []DependencyViolation
	for _, dep := range in.Dependencies {
		required := byPair[pair{dep.RequiresID, dep.EnvironmentID}]
		for _, d := range byPair[pair{dep.ReleaseID, dep.EnvironmentID}] {
			if !rng.meets(d.Start, d.End) || requirementThere(required, d) {
				continue
			}
			env := in.Environments[dep.EnvironmentID]
			msg := in.Names[dep.ReleaseID] + " on " + env + " at " + shownTime(d.Start) + " comes before " +
				in.Names[dep.RequiresID] + " is there, which it requires (" + requirementState(in, dep, required) + ")"
			out = append(out, DependencyViolation{At: d.Start, DeploymentID: d.DeploymentID, Dependency: dep, Finding: Finding{
				Kind: FindingDependency, Message: msg, ReleaseIDs: []uint{dep.ReleaseID, dep.RequiresID}, EnvironmentID: dep.EnvironmentID,
				Subject: Record{Entity: EntityDeployment, ID: d.DeploymentID},
				Records: []Record{{Entity: EntityDependency, ID: dep.ID}},
			}})
		}
	}
	slices.SortStableFunc(out, func(a, b DependencyViolation) int {
		return cmp.Or(a.At.Compare(b.At), strings.Compare(a.Finding.Message, b.Finding.Message))
	})
	return out
}

// requirementThere reports whether one of the required release's
// deployments puts it on the environment by the time d starts.
func requirementThere(required []DependencySpan, d DependencySpan) bool {
	for _, q := range required {
		switch {
		case q.Outcome == OutcomeSucceeded && q.Started && !q.End.After(d.Start):
			return true
		case !d.Started && (q.Outcome == OutcomePlanned || q.Outcome == OutcomeInProgress) && !q.End.After(d.Start):
			return true
		}
	}
	return false
}

// requirementState says where the required release stands on the environment.
func requirementState(in DependencyInput, dep Dependency, required []DependencySpan) string {
	name, env := in.Names[dep.RequiresID], in.Environments[dep.EnvironmentID]
	if in.Statuses[dep.RequiresID] == StatusCancelled {
		return name + " was cancelled"
	}
	var next *DependencySpan
	for i, q := range required {
		if q.Outcome == OutcomeFailed || q.Outcome == OutcomeRolledBack {
			continue
		}
		if next == nil || q.End.Before(next.End) {
			next = &required[i]
		}
	}
	switch {
	case next == nil:
		return name + " has no deployment planned on " + env
	case next.Outcome == OutcomeSucceeded:
		return name + " got there at " + shownTime(next.End)
	}
	return name + " is expected there at " + shownTime(next.End)
}

// DependencyConflicts runs CheckDependencies over the stored plan for
// [from, to) (a zero bound is open), loading only the dependencies'
// releases' deployments on their environments.
func (s *Store) DependencyConflicts(ctx context.Context, from, to time.Time) ([]DependencyViolation, error) {
	return s.dependencyViolations(ctx, timeRange{from: from, to: to}, 0, nil)
}

// dependencyConflicts is the dependency rule over rng as conflicts, merged
// by the rule book with the other deployment rules; with a release id, only
// the dependencies that release takes part in (either side) are judged.
func (s *Store) dependencyConflicts(ctx context.Context, rng timeRange, releaseID uint) ([]conflict, error) {
	return s.dependencyConflictsAmong(ctx, rng, releaseID, nil)
}

// dependencyConflictsAmong is dependencyConflicts told which releases have
// a deployment in rng (ranged holds a deployment of each, maybe more than
// once), as the other deployment rules have loaded them already.
func (s *Store) dependencyConflictsAmong(ctx context.Context, rng timeRange, releaseID uint, ranged []deploymentSpan) ([]conflict, error) {
	var among []uint
	if ranged != nil {
		among = make([]uint, 0, len(ranged))
		for _, d := range ranged {
			among = append(among, d.ReleaseID)
		}
		slices.Sort(among)
		among = slices.Compact(among)
	}
	vs, err := s.dependencyViolations(ctx, rng, releaseID, among)
	if err != nil {
		return nil, err
	}
	out := make([]conflict, len(vs))
	for i, v := range vs {
		out[i] = conflict{at: v.At, finding: v.Finding, deployments: []uint{v.DeploymentID}}
		out[i].finish(nil)
	}
	return out, nil
}

// dependencyViolations loads what the dependency rule reads over rng (only
// the dependencies release releaseID takes part in, when it is not 0; only
// those of the releases among, when it is not nil) and runs it.
func (s *Store) dependencyViolations(ctx context.Context, rng timeRange, releaseID uint, among []uint) ([]DependencyViolation, error) {
	in := DependencyInput{From: rng.from, To: rng.to, Statuses: map[uint]ReleaseStatus{}, Environments: map[uint]string{}}
	q := s.read(ctx).Order("id")
	// Only a release with a deployment in range can break a need in range:
	// a ten-year plan holds thousands of needs, a few weeks a hundred.
	switch {
	case releaseID != 0:
		q = q.Where("release_id = ? OR requires_id = ?", releaseID, releaseID)
	case among != nil:
		var found []Dependency
		for chunk := range slices.Chunk(among, inChunk) {
			var part []Dependency
			if err := s.read(ctx).Where("release_id IN ?", chunk).Find(&part).Error; err != nil {
				return nil, err
			}
			found = append(found, part...)
		}
		slices.SortFunc(found, func(a, b Dependency) int { return cmp.Compare(a.ID, b.ID) })
		in.Dependencies = found
	case !rng.from.IsZero() || !rng.to.IsZero():
		q = q.Where("release_id IN (?)", rng.spanFilter(s.read(ctx).Table("deployments").Select("deployments.release_id")))
	}
	if among == nil || releaseID != 0 {
		if err := q.Find(&in.Dependencies).Error; err != nil {
			return nil, err
		}
	}
	if len(in.Dependencies) == 0 {
		return nil, nil
	}
	var envIDs []uint
	for _, d := range in.Dependencies {
		envIDs = append(envIDs, d.EnvironmentID)
	}
	slices.Sort(envIDs)
	envIDs = slices.Compact(envIDs)
	var envs []Environment
	if err := s.read(ctx).Select("id", "name").Where("id IN ?", envIDs).Find(&envs).Error; err != nil {
		return nil, err
	}
	for _, e := range envs {
		in.Environments[e.ID] = e.Name
	}
	wanted := map[[2]uint]bool{} // (release, environment) pairs the rule reads
	var ids []uint
	for _, d := range in.Dependencies {
		wanted[[2]uint{d.ReleaseID, d.EnvironmentID}], wanted[[2]uint{d.RequiresID, d.EnvironmentID}] = true, true
		ids = append(ids, d.ReleaseID, d.RequiresID)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for chunk := range slices.Chunk(ids, inChunk) {
		var rows []struct {
			ID, ReleaseID, EnvironmentID uint
			Outcome                      Outcome
			PlannedStart, PlannedEnd     time.Time
			ActualStart, ActualEnd       *time.Time
		}
		err := s.read(ctx).Table("deployments").
			Select("id, release_id, environment_id, outcome, planned_start, planned_end, actual_start, actual_end").
			// The unary plus keeps SQLite on the release index: by environment
			// it would read every deployment to Production.
			Where("release_id IN ? AND +environment_id IN ?", chunk, envIDs).Scan(&rows).Error
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if !wanted[[2]uint{r.ReleaseID, r.EnvironmentID}] {
				continue
			}
			in.Deployments = append(in.Deployments, dependencySpan(r.ID, r.ReleaseID, r.EnvironmentID, r.Outcome,
				r.PlannedStart, r.PlannedEnd, r.ActualStart, r.ActualEnd))
		}
		var statuses []struct {
			ID     uint
			Status ReleaseStatus
		}
		if err := s.read(ctx).Table("releases").Select("id, status").Where("id IN ?", chunk).Scan(&statuses).Error; err != nil {
			return nil, err
		}
		for _, r := range statuses {
			in.Statuses[r.ID] = r.Status
		}
	}
	var err error
	if in.Names, err = s.releaseNames(ctx, ids); err != nil {
		return nil, err
	}
	return CheckDependencies(in), nil
}

// dependencySpan works out a deployment's window as the rules define it.
func dependencySpan(id, release, env uint, outcome Outcome, plannedStart, plannedEnd time.Time, actualStart, actualEnd *time.Time) DependencySpan {
	d := DependencySpan{DeploymentID: id, ReleaseID: release, EnvironmentID: env, Outcome: outcome,
		Start: plannedStart.UTC(), End: plannedEnd.UTC()}
	if actualStart == nil {
		return d
	}
	d.Started, d.Start = true, actualStart.UTC()
	switch {
	case actualEnd != nil:
		d.End = actualEnd.UTC()
	default: // running: expected to take as long as planned, and at least until its planned end
		d.End = latestOf(d.Start.Add(plannedEnd.Sub(plannedStart)), plannedEnd.UTC())
	}
	if d.End.Before(d.Start) {
		d.End = d.Start
	}
	return d
}
