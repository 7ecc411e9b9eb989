package data

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"
)

// goConflicts reports the releases still to finish (planned or in progress)
// whose latest decision is "go" while a go/no-go rule fails: one finding
// per problem readinessProblems finds (approval, tests, checklist).
//
// Such a finding is about the present, so it is kept whatever the start of
// rng; only a release planned after rng ends is left out. With releaseID set,
// only that release is checked.
func (s *Store) goConflicts(ctx context.Context, rng timeRange, releaseID uint) ([]conflict, error) {
	var out []conflict
	err := s.eachGoConflict(ctx, rng, releaseID, func(c conflict) error {
		out = append(out, c)
		return nil
	})
	return out, err
}

// goDecisionRow is the latest decision of a release with what its findings name.
type goDecisionRow struct {
	ID             uint
	ReleaseID      uint
	Decision       Decision
	DecidedAt      time.Time
	Version        string
	ProductName    string
	PlannedRelease Date
}

// eachGoConflict hands the findings of goConflicts to emit, oldest decision
// first, reading the releases' facts a chunk at a time so memory stays
// bounded however many releases went ahead.
func (s *Store) eachGoConflict(ctx context.Context, rng timeRange, releaseID uint, emit func(conflict) error) error {
	q := s.read(ctx).Table("go_decisions").
		Select("go_decisions.id, go_decisions.release_id, go_decisions.decision, go_decisions.decided_at, "+
			"releases.version, releases.planned_release, products.name AS product_name").
		Joins("JOIN releases ON releases.id = go_decisions.release_id").
		Joins("JOIN products ON products.id = releases.product_id").
		Where("releases.status IN ?", []ReleaseStatus{StatusPlanned, StatusInProgress})
	if releaseID != 0 {
		q = q.Where("go_decisions.release_id = ?", releaseID)
	}
	var rows []goDecisionRow
	if err := q.Scan(&rows).Error; err != nil {
		return err
	}
	latest := map[uint]goDecisionRow{}
	for _, d := range rows {
		l, ok := latest[d.ReleaseID]
		if !ok || d.DecidedAt.After(l.DecidedAt) || (d.DecidedAt.Equal(l.DecidedAt) && d.ID > l.ID) {
			latest[d.ReleaseID] = d
		}
	}
	var goes []goDecisionRow
	for _, d := range latest {
		if d.Decision != DecisionGo {
			continue
		}
		if !rng.to.IsZero() && !d.PlannedRelease.IsZero() && !d.PlannedRelease.Time(time.Local).Before(rng.to) {
			continue
		}
		goes = append(goes, d)
	}
	if len(goes) == 0 {
		return nil
	}
	slices.SortFunc(goes, func(a, b goDecisionRow) int {
		return cmp.Or(a.DecidedAt.Compare(b.DecidedAt), cmp.Compare(a.ReleaseID, b.ReleaseID))
	})
	envs, err := s.Environments(ctx)
	if err != nil {
		return err
	}
	for chunk := range slices.Chunk(goes, inChunk) {
		ids := make([]uint, len(chunk))
		for i, d := range chunk {
			ids[i] = d.ReleaseID
		}
		facts, err := s.loadReleaseFacts(ctx, ids)
		if err != nil {
			return err
		}
		for _, d := range chunk {
			name := Release{Version: d.Version, Product: Product{Name: d.ProductName}}.Name()
			opening := "Go for " + name + " (decided " + shownTime(d.DecidedAt) + ") while "
			for _, p := range facts[d.ReleaseID].readinessProblems(d.ReleaseID, envs) {
				f := p.finding(d.ReleaseID, opening+p.clause)
				f.Records = append(f.Records, Record{Entity: EntityGoDecision, ID: d.ID})
				if err := emit(conflict{at: d.DecidedAt, finding: f}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// releaseFacts is what the readiness rules read about one release.
type releaseFacts struct {
	stakeholders []ReleaseStakeholder // Stakeholder filled in
	latestRuns   []TestRun            // the latest run of each suite on each environment
	open         []ChecklistItem      // not done, every category
}

// failing returns the latest runs with failures, in promotion order, then by suite.
func (f *releaseFacts) failing(envs []Environment) []TestRun {
	var out []TestRun
	for _, r := range f.latestRuns {
		if r.Failed > 0 {
			out = append(out, r)
		}
	}
	at := map[uint]int{}
	for i, e := range envs {
		at[e.ID] = i
	}
	slices.SortFunc(out, func(a, b TestRun) int {
		return cmp.Or(cmp.Compare(at[a.EnvironmentID], at[b.EnvironmentID]), strings.Compare(a.Suite, b.Suite))
	})
	return out
}

// loadReleaseFacts loads stakeholders, latest test runs and open checklist
// items of the given releases, three queries per chunk of ids.
func (s *Store) loadReleaseFacts(ctx context.Context, ids []uint) (map[uint]*releaseFacts, error) {
	out := make(map[uint]*releaseFacts, len(ids))
	for _, id := range ids {
		out[id] = &releaseFacts{}
	}
	for chunk := range slices.Chunk(ids, inChunk) {
		var people []ReleaseStakeholder
		if err := s.read(ctx).Joins("Stakeholder").Where("release_stakeholders.release_id IN ?", chunk).
			Order("release_stakeholders.id").Find(&people).Error; err != nil {
			return nil, err
		}
		for _, p := range people {
			out[p.ReleaseID].stakeholders = append(out[p.ReleaseID].stakeholders, p)
		}
		var runs []TestRun
		if err := s.read(ctx).Select("id", "release_id", "environment_id", "suite", "passed", "failed", "skipped", "run_at").
			Where("release_id IN ?", chunk).Order("run_at, id").Find(&runs).Error; err != nil {
			return nil, err
		}
		type suiteKey struct {
			release, env uint
			suite        string
		}
		latest := map[suiteKey]int{}
		for _, r := range runs {
			k := suiteKey{r.ReleaseID, r.EnvironmentID, r.Suite}
			f := out[r.ReleaseID]
			if i, ok := latest[k]; ok {
				f.latestRuns[i] = r // runs come oldest first, so the last one wins
				continue
			}
			latest[k] = len(f.latestRuns)
			f.latestRuns = append(f.latestRuns, r)
		}
		var items []ChecklistItem
		if err := s.read(ctx).Where("release_id IN ? AND done = ?", chunk, false).Order("id").Find(&items).Error; err != nil {
			return nil, err
		}
		for _, c := range items {
			out[c.ReleaseID].open = append(out[c.ReleaseID].open, c)
		}
	}
	return out, nil
}
