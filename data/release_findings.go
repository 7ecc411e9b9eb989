package data

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm"
)

// ReleaseFindings lists every finding of the rule book that concerns
// release id, over its whole history: its broken data (integrity), the
// conflicts of its deployments (overlap, freeze, order) and, while it is
// still to finish, the readiness problems of its "go". These are the lines
// "releasedesk check --all" prints about the release, in that order; the
// review workbook lists them, and the release's screens can show them.
func (s *Store) ReleaseFindings(ctx context.Context, id uint) ([]Finding, error) {
	if err := s.read(ctx).Select("id").First(&Release{}, id).Error; err != nil {
		return nil, notFound(err, "release", id)
	}
	var out []Finding
	err := s.eachIntegrityFinding(ctx, integrityScope{release: id}, func(f Finding) error {
		out = append(out, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	deployments, err := s.releaseDeploymentConflicts(ctx, id)
	if err != nil {
		return nil, err
	}
	gos, err := s.goConflicts(ctx, timeRange{}, id)
	if err != nil {
		return nil, err
	}
	out = append(out, findingsOf(deployments)...)
	return append(out, findingsOf(gos)...), nil
}

// ReleaseConflicts lists the conflicts release id takes part in: its
// deployments' overlaps, freezes and order, and its "go" if it breaks a
// readiness rule. It is what the go/no-go tab shows.
func (s *Store) ReleaseConflicts(ctx context.Context, id uint) ([]Finding, error) {
	cs, err := s.releaseDeploymentConflicts(ctx, id)
	if err != nil {
		return nil, err
	}
	gos, err := s.goConflicts(ctx, timeRange{}, id)
	if err != nil {
		return nil, err
	}
	return findingsOf(append(cs, gos...)), nil
}

// releaseDeploymentConflicts runs the deployment rules on the release's
// own deployments: overlaps with whatever else runs on their environments
// during their windows, freezes, the order of its path to production, and
// deployments that come before a release it requires.
// It reads only those deployments, so a review or a tab costs the same in
// a busy plan as in a quiet one.
func (s *Store) releaseDeploymentConflicts(ctx context.Context, id uint) ([]conflict, error) {
	if err := s.read(ctx).Select("id").First(&Release{}, id).Error; err != nil {
		return nil, notFound(err, "release", id)
	}
	own, err := s.spans(ctx, func(q *gorm.DB) *gorm.DB { return q.Where("deployments.release_id = ?", id) })
	if err != nil || len(own) == 0 {
		return nil, err
	}
	var rng timeRange
	var envIDs []uint
	for i, d := range own {
		start, end := d.window()
		if i == 0 || start.Before(rng.from) {
			rng.from = start
		}
		if i == 0 || end.After(rng.to) {
			rng.to = end
		}
		envIDs = append(envIDs, d.EnvironmentID)
	}
	// Widen by a moment so zero-length windows at the edges stay inside.
	rng.to = rng.to.Add(time.Second)
	others, err := s.spans(ctx, func(q *gorm.DB) *gorm.DB {
		return rng.spanFilter(q.Where("deployments.release_id <> ? AND deployments.environment_id IN ?", id, envIDs))
	})
	if err != nil {
		return nil, err
	}
	infos := map[uint]*releaseInfo{}
	if err := s.attachReleases(ctx, append(own, others...), infos); err != nil {
		return nil, err
	}
	envs, err := s.Environments(ctx)
	if err != nil {
		return nil, err
	}
	in := &conflictInput{rng: rng, envs: envs, envAt: map[uint]int{}, history: map[uint][]deploymentSpan{}}
	for i, e := range envs {
		in.envAt[e.ID] = i
	}
	if in.freezes, err = s.FreezeWindows(ctx, rng.from, rng.to); err != nil {
		return nil, err
	}
	mine := slices.DeleteFunc(slices.Clone(own), deploymentSpan.ignored)
	for _, d := range others {
		if !d.ignored() && slices.ContainsFunc(mine, func(m deploymentSpan) bool { return m.EnvironmentID == d.EnvironmentID && meet(m, d) }) {
			in.deps = append(in.deps, d)
		}
	}
	in.deps = append(in.deps, mine...)
	cs := slices.DeleteFunc(in.overlapConflicts(), func(c conflict) bool { return !slices.Contains(c.finding.ReleaseIDs, id) })
	// Freezes and order are about the release's own deployments only.
	in.deps, in.history[id] = mine, mine
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
	// Its deployments that come before what it requires (the messages are written).
	deps, err := s.dependencyConflicts(ctx, timeRange{}, id)
	return append(cs, deps...), err
}

// meet reports whether two deployments' windows share time (or an instant),
// so only those the overlap rule compares are kept.
func meet(a, b deploymentSpan) bool {
	as, ae := a.window()
	bs, be := b.window()
	return timeRange{from: as, to: ae.Add(time.Second)}.meets(bs, be)
}
