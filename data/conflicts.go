package data

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// conflict is a finding with what the rules know besides its text: when it
// happens (for ordering) and the deployments it involves (for marking them).
type conflict struct {
	at          time.Time
	finding     Finding
	deployments []uint
	// describe writes the finding's message once the names of the releases
	// it involves are known (see judge); nil when the message is written.
	describe func(names map[uint]string) string
}

// involves reports whether deployment id is part of the conflict.
func (c conflict) involves(id uint) bool { return slices.Contains(c.deployments, id) }

// sortConflicts orders conflicts by time, then kind, then text, so output is stable.
func sortConflicts(cs []conflict) {
	slices.SortStableFunc(cs, func(a, b conflict) int {
		return cmp.Or(a.at.Compare(b.at), cmp.Compare(kindRank(a.finding.Kind), kindRank(b.finding.Kind)),
			strings.Compare(a.finding.Message, b.finding.Message))
	})
}

func findingsOf(cs []conflict) []Finding {
	sortConflicts(cs)
	out := make([]Finding, len(cs))
	for i, c := range cs {
		out[i] = c.finding
	}
	return out
}

// ConflictsIn lists every conflict whose time meets [from, to): overlapping
// deployments, deployments inside a freeze, production before the earlier
// environments, and "go" decisions that break a readiness rule. A zero bound
// leaves that side open. Findings come ordered by time, then kind.
//
// A deployment's window is its actual one once it has started (a running
// deployment is expected to last as long as planned, and at least until its
// planned end), otherwise its planned one. Windows that only touch (one ends
// when the next starts) do not conflict. Deployments of a cancelled release
// that never started are ignored: they will not happen.
//
//   - overlap: two deployments on one environment whose windows overlap, even
//     of the same release (a retry that overlaps its failed attempt).
//   - freeze: a deployment, past ones included, whose window overlaps a freeze
//     window covering its environment; a breach stays worth seeing in reviews.
//   - order: a production deployment that starts before every earlier
//     environment the release uses was cleared (a success ending by then, or
//     a plan when production is only planned too), or after which the release
//     goes back to an earlier environment; a release with no earlier
//     deployment at all skips the path (emergency releases may).
//   - approval, tests, checklist: a release still to finish whose latest
//     decision is "go" while a go/no-go rule fails (see readinessProblems):
//     not exactly one Accountable, or not approved by them, or rejected by
//     anyone asked to sign off; the latest run of a suite failed; a
//     readiness item is open.
func (s *Store) ConflictsIn(ctx context.Context, from, to time.Time) ([]Finding, error) {
	cs, err := s.conflictsIn(ctx, timeRange{from: from, to: to})
	if err != nil {
		return nil, err
	}
	return findingsOf(cs), nil
}

// DeploymentConflicts returns, for every deployment involved in a conflict
// in [from, to), the findings it is part of: what the timeline marks.
func (s *Store) DeploymentConflicts(ctx context.Context, from, to time.Time) (map[uint][]Finding, error) {
	cs, err := s.conflictsIn(ctx, timeRange{from: from, to: to})
	if err != nil {
		return nil, err
	}
	sortConflicts(cs)
	out := map[uint][]Finding{}
	for _, c := range cs {
		for _, id := range c.deployments {
			out[id] = append(out[id], c.finding)
		}
	}
	return out, nil
}

func (s *Store) conflictsIn(ctx context.Context, rng timeRange) ([]conflict, error) {
	cs, err := s.deploymentConflictsIn(ctx, rng)
	if err != nil {
		return nil, err
	}
	gos, err := s.goConflicts(ctx, rng, 0)
	if err != nil {
		return nil, err
	}
	return append(cs, gos...), nil
}

// deploymentConflictsIn runs the deployment rules (overlap, freeze, order,
// dependency) over rng.
func (s *Store) deploymentConflictsIn(ctx context.Context, rng timeRange) ([]conflict, error) {
	in, err := s.loadConflictInput(ctx, rng, 0)
	if err != nil {
		return nil, err
	}
	cs, err := s.judge(ctx, in)
	if err != nil {
		return nil, err
	}
	deps, err := s.dependencyConflictsAmong(ctx, rng, 0, in.deps)
	return append(cs, deps...), err
}

// CheckMove says which conflicts (overlap, freeze, order) deployment id would
// take part in if it were re-planned to [newStart, newEnd], without saving
// anything. The move is a re-plan, so the deployment counts as planned and
// its recorded actual times are set aside. The timeline asks this while a
// deployment is dragged.
func (s *Store) CheckMove(ctx context.Context, id uint, newStart, newEnd time.Time) ([]Finding, error) {
	if newStart.IsZero() || newEnd.IsZero() {
		return nil, fieldError("PlannedStart", "a start and an end are both needed")
	}
	if newEnd.Before(newStart) {
		return nil, fieldError("PlannedEnd", "must be on or after the planned start")
	}
	found, err := s.spans(ctx, func(q *gorm.DB) *gorm.DB { return q.Where("deployments.id = ?", id) })
	if err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, notFound(gorm.ErrRecordNotFound, "deployment", id)
	}
	if err := s.attachReleases(ctx, found, map[uint]*releaseInfo{}); err != nil {
		return nil, err
	}
	moved := found[0]
	moved.start, moved.end = newStart.UTC(), newEnd.UTC()
	moved.started, moved.Outcome = false, OutcomePlanned

	rng := timeRange{from: moved.start, to: moved.end.Add(time.Second)}
	in, err := s.loadConflictInput(ctx, rng, moved.ReleaseID)
	if err != nil {
		return nil, err
	}
	// The moved deployment replaces its stored self everywhere the rules look.
	in.deps = slices.DeleteFunc(in.deps, func(d deploymentSpan) bool { return d.ID == id })
	in.deps = append(in.deps, moved)
	for rel, ds := range in.history {
		in.history[rel] = slices.DeleteFunc(ds, func(d deploymentSpan) bool { return d.ID == id })
	}
	in.history[moved.ReleaseID] = append(in.history[moved.ReleaseID], moved)
	// The release's production deployments are judged again, wherever they lie.
	for _, d := range in.history[moved.ReleaseID] {
		if in.isProduction(d.EnvironmentID) && !slices.ContainsFunc(in.deps, func(x deploymentSpan) bool { return x.ID == d.ID }) {
			in.deps = append(in.deps, d)
		}
	}
	cs, err := s.judge(ctx, in)
	if err != nil {
		return nil, err
	}
	return findingsOf(slices.DeleteFunc(cs, func(c conflict) bool { return !c.involves(id) })), nil
}

// conflictInput is everything the deployment rules look at.
type conflictInput struct {
	rng     timeRange
	envs    []Environment
	envAt   map[uint]int // environment id -> index in the promotion path
	deps    []deploymentSpan
	freezes []FreezeWindow
	// history holds, per release with a production deployment in deps, all
	// its deployments (every environment), for the order rule.
	history map[uint][]deploymentSpan
}

// loadConflictInput loads, in a handful of set-based queries, what the rules
// need for rng; with withRelease set, that release's whole history is loaded
// even when it has no production deployment in rng yet.
func (s *Store) loadConflictInput(ctx context.Context, rng timeRange, withRelease uint) (*conflictInput, error) {
	envs, err := s.Environments(ctx)
	if err != nil {
		return nil, err
	}
	in := &conflictInput{rng: rng, envs: envs, envAt: map[uint]int{}, history: map[uint][]deploymentSpan{}}
	for i, e := range envs {
		in.envAt[e.ID] = i
	}
	all, err := s.spans(ctx, rng.spanFilter)
	if err != nil {
		return nil, err
	}
	infos := map[uint]*releaseInfo{}
	if err := s.attachReleases(ctx, all, infos); err != nil {
		return nil, err
	}
	inRange := func(d deploymentSpan) bool {
		start, end := d.window()
		return rng.meets(start, end) && !d.ignored()
	}
	if in.freezes, err = s.FreezeWindows(ctx, rng.from, rng.to); err != nil {
		return nil, err
	}
	// The order rule needs the whole path of each release deployed to
	// production in range: what was loaded already, plus the rest.
	var releases []uint
	if withRelease != 0 {
		releases, in.history[withRelease] = append(releases, withRelease), nil
	}
	for _, d := range all {
		if _, ok := in.history[d.ReleaseID]; !ok && in.isProduction(d.EnvironmentID) && inRange(d) {
			releases, in.history[d.ReleaseID] = append(releases, d.ReleaseID), nil
		}
	}
	for _, d := range all {
		if _, ok := in.history[d.ReleaseID]; ok && !d.ignored() {
			in.history[d.ReleaseID] = append(in.history[d.ReleaseID], d)
		}
	}
	// The history holds copies, so what was loaded becomes the range's
	// deployments in place.
	in.deps = slices.DeleteFunc(all, func(d deploymentSpan) bool { return !inRange(d) })
	if rng.from.IsZero() && rng.to.IsZero() {
		return in, nil // everything is loaded already
	}
	for chunk := range slices.Chunk(releases, inChunk) {
		rest, err := s.spans(ctx, func(q *gorm.DB) *gorm.DB {
			return rng.outsideFilter(q.Where("deployments.release_id IN ?", chunk))
		})
		if err != nil {
			return nil, err
		}
		if err := s.attachReleases(ctx, rest, infos); err != nil {
			return nil, err
		}
		for _, d := range rest {
			if !d.ignored() {
				in.history[d.ReleaseID] = append(in.history[d.ReleaseID], d)
			}
		}
	}
	return in, nil
}

// envName names an environment of the path.
func (in *conflictInput) envName(envID uint) string {
	if i, ok := in.envAt[envID]; ok {
		return in.envs[i].Name
	}
	return environmentName(nil, envID)
}

func (in *conflictInput) isProduction(envID uint) bool {
	i, ok := in.envAt[envID]
	return ok && in.envs[i].Kind == KindProduction
}

// judge runs the deployment rules over in and writes the findings' messages,
// loading the names of only the releases found in conflict: on a busy
// range that is a few dozen releases instead of thousands.
func (s *Store) judge(ctx context.Context, in *conflictInput) ([]conflict, error) {
	cs := in.overlapConflicts()
	cs = append(cs, in.freezeConflicts()...)
	cs = append(cs, in.orderConflicts()...)
	var ids []uint
	for _, c := range cs {
		ids = append(ids, c.finding.ReleaseIDs...)
	}
	names, err := s.releaseNames(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range cs {
		cs[i].finish(names)
	}
	return cs, nil
}

// finish writes the finding's message and lists the deployments involved
// ahead of the other records the rule named.
func (c *conflict) finish(names map[uint]string) {
	if c.describe != nil {
		c.finding.Message, c.describe = c.describe(names), nil
	}
	// Deployments come first among the records; finishing twice adds none twice.
	var missing []uint
	for _, id := range c.deployments {
		if !slices.Contains(c.finding.Records, Record{Entity: EntityDeployment, ID: id}) {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		c.finding.Records = append(recordsOf(EntityDeployment, missing...), c.finding.Records...)
	}
}

// overlapConflicts lists every overlap eachOverlap finds.
func (in *conflictInput) overlapConflicts() []conflict {
	var out []conflict
	_ = in.eachOverlap(func(c conflict) error {
		out = append(out, c)
		return nil
	})
	return out
}

// eachOverlap sweeps the deployments by start time, keeping those still
// running on each environment, so only real overlaps are compared, and
// hands each overlap to emit as it is found: in the order they begin.
func (in *conflictInput) eachOverlap(emit func(conflict) error) error {
	order := make([]int, len(in.deps))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		x, y := &in.deps[a], &in.deps[b]
		// At one start, windows with length go first, so an instant there
		// finds them running.
		return cmp.Or(x.start.Compare(y.start), cmp.Compare(boolRank(x.end.Equal(x.start)), boolRank(y.end.Equal(y.start))),
			cmp.Compare(x.EnvironmentID, y.EnvironmentID), cmp.Compare(x.ID, y.ID))
	})
	running := map[uint][]int{} // per environment: started and not yet ended
	for _, i := range order {
		d := &in.deps[i]
		on := slices.DeleteFunc(running[d.EnvironmentID], func(r int) bool { return !in.deps[r].end.After(d.start) })
		// Whatever still runs started no later than d and ends after d
		// starts, so it overlaps d (or holds d's instant, when d has no length).
		for _, r := range on {
			if from, to := d.start, earlierOf(d.end, in.deps[r].end); in.rng.meets(from, to) {
				if err := emit(in.overlap(d.EnvironmentID, in.deps[r], *d, from)); err != nil {
					return err
				}
			}
		}
		if d.end.After(d.start) {
			on = append(on, i)
		}
		running[d.EnvironmentID] = on
	}
	return nil
}

func (in *conflictInput) overlap(envID uint, a, b deploymentSpan, at time.Time) conflict {
	env := in.envName(envID)
	return conflict{at: at, deployments: []uint{a.ID, b.ID}, finding: Finding{
		Kind: FindingOverlap, ReleaseIDs: releaseIDs(b.ReleaseID, a.ReleaseID), EnvironmentID: envID,
		Subject: Record{Entity: EntityDeployment, ID: b.ID}, // the one that starts into the other
	}, describe: func(names map[uint]string) string {
		windows := a.windowText() + " and " + b.windowText()
		if a.ReleaseID == b.ReleaseID {
			return names[a.ReleaseID] + " has two deployments overlapping on " + env + ": " + windows
		}
		return names[a.ReleaseID] + " and " + names[b.ReleaseID] + " overlap on " + env + ": " + windows
	}}
}

func (in *conflictInput) freezeConflicts() []conflict {
	var out []conflict
	for _, fw := range in.freezes {
		for _, d := range in.deps {
			start, end := d.window()
			// Times first: most deployments are nowhere near a freeze.
			if !start.Before(fw.End) || !fw.Start.Before(end) || !fw.Covers(d.EnvironmentID) {
				continue
			}
			from, to := latestOf(start, fw.Start), earlierOf(end, fw.End)
			if !in.rng.meets(from, to) {
				continue
			}
			env := in.envName(d.EnvironmentID)
			out = append(out, conflict{at: from, deployments: []uint{d.ID}, finding: Finding{
				Kind: FindingFreeze, ReleaseIDs: []uint{d.ReleaseID}, EnvironmentID: d.EnvironmentID,
				Subject: Record{Entity: EntityDeployment, ID: d.ID}, Records: []Record{{Entity: EntityFreezeWindow, ID: fw.ID}},
			}, describe: func(names map[uint]string) string {
				return names[d.ReleaseID] + " on " + env + " (" + d.windowText() + ") falls in freeze " +
					strconv.Quote(fw.Name) + " (" + shownSpan(fw.Start, fw.End) + ")"
			}})
		}
	}
	return out
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

func releaseIDs(a, b uint) []uint {
	if a == b {
		return []uint{a}
	}
	return []uint{a, b}
}
