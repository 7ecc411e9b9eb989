package data

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"gorm.io/gorm"
)

// This file loads what the delivery metrics are computed from (metrics.go).

// finishedRow is a deployment that finished, with its product.
type finishedRow struct {
	ID            uint
	ReleaseID     uint
	EnvironmentID uint
	ProductID     uint
	Outcome       Outcome
	ActualEnd     time.Time
}

// metricsInput holds what the figures of one period are computed from,
// loaded once so a series costs no more queries than a single figure.
type metricsInput struct {
	from, to time.Time
	loc      *time.Location
	envs     []Environment // in scope, promotion order
	finished []finishedRow // finished in [from, to) in scope, by actual end
	restored map[uint]*time.Time
	// successes lists, per (environment, product), the actual ends of the
	// successes in the period and the first one after it, oldest first.
	successes map[[2]uint][]time.Time
	leads     []dayFigure // lead time by the instant of the production success
	slips     []dayFigure // slip by the day released
	// baselineSlips is the slip against the baseline release date, by the day released.
	baselineSlips []dayFigure
}

type dayFigure struct {
	at   time.Time
	days float64
}

var finishedOutcomes = []Outcome{OutcomeSucceeded, OutcomeFailed, OutcomeRolledBack}

func (s *Store) loadMetrics(ctx context.Context, from, to time.Time, envID uint) (*metricsInput, error) {
	in := &metricsInput{from: from, to: to, loc: time.Local, restored: map[uint]*time.Time{}, successes: map[[2]uint][]time.Time{}}
	switch {
	case !from.IsZero():
		in.loc = from.Location()
	case !to.IsZero():
		in.loc = to.Location()
	}
	if in.to.IsZero() {
		in.to = s.Now().In(in.loc)
	}
	envs, err := s.Environments(ctx)
	if err != nil {
		return nil, err
	}
	production := map[uint]bool{}
	for _, e := range envs {
		production[e.ID] = e.Kind == KindProduction
		if envID == 0 || e.ID == envID {
			in.envs = append(in.envs, e)
		}
	}
	if envID != 0 && len(in.envs) == 0 {
		return nil, notFound(gorm.ErrRecordNotFound, "environment", envID)
	}
	if in.from.IsZero() {
		var first []time.Time
		if err := s.read(ctx).Model(&Deployment{}).Where("outcome IN ? AND actual_end IS NOT NULL", finishedOutcomes).
			Order("actual_end").Limit(1).Pluck("actual_end", &first).Error; err != nil {
			return nil, err
		}
		in.from = in.to
		if len(first) > 0 && first[0].Before(in.to) {
			in.from = first[0].In(in.loc)
		}
	}
	if in.to.Before(in.from) || (in.from.Equal(in.to) && !from.IsZero()) {
		return nil, fmt.Errorf("metrics: the period must end after it starts (%s to %s)", shownTime(in.from), shownTime(in.to))
	}
	// One pass over the period's finished deployments of every environment
	// serves the DORA figures (in scope) and lead time (production).
	rows, err := s.finishedIn(ctx, in.from, in.to)
	if err != nil {
		return nil, err
	}
	firstProd := map[uint]time.Time{}
	for _, r := range rows {
		if production[r.EnvironmentID] && r.Outcome == OutcomeSucceeded {
			if t, ok := firstProd[r.ReleaseID]; !ok || r.ActualEnd.Before(t) {
				firstProd[r.ReleaseID] = r.ActualEnd
			}
		}
		if envID != 0 && r.EnvironmentID != envID {
			continue
		}
		in.finished = append(in.finished, r)
		if r.Outcome == OutcomeSucceeded {
			k := [2]uint{r.EnvironmentID, r.ProductID}
			in.successes[k] = append(in.successes[k], r.ActualEnd)
		}
	}
	if err := s.loadRestores(ctx, in, envID); err != nil {
		return nil, err
	}
	if err := s.loadLeads(ctx, in, firstProd, production); err != nil {
		return nil, err
	}
	return in, s.loadSlips(ctx, in)
}

// finishedValues are the columns of a finishedRow, read packed (see
// readPacked) as a period may hold thousands.
var finishedValues = []string{
	"deployments.id", "deployments.release_id", "deployments.environment_id", "releases.product_id",
	"deployments.outcome", "deployments.actual_end",
}

// finishedIn loads the deployments that finished in [from, to), by actual end.
func (s *Store) finishedIn(ctx context.Context, from, to time.Time) ([]finishedRow, error) {
	q := s.read(ctx).Table("deployments").
		Joins("JOIN releases ON releases.id = deployments.release_id").
		// Only finished deployments have an actual end; outcome is checked in
		// Go, because its index would lead the query planner astray here.
		Where("deployments.actual_end >= ? AND deployments.actual_end < ?", from.UTC(), to.UTC())
	rows, err := readPacked(ctx, s, q, finishedValues, parseFinished)
	if err != nil {
		return nil, err
	}
	rows = slices.DeleteFunc(rows, func(r finishedRow) bool { return !r.Outcome.Finished() })
	slices.SortFunc(rows, func(a, b finishedRow) int {
		return cmp.Or(a.ActualEnd.Compare(b.ActualEnd), cmp.Compare(a.ID, b.ID))
	})
	return rows, nil
}

// parseFinished reads one row of finishedValues.
func parseFinished(f []string) (finishedRow, error) {
	var r finishedRow
	var err error
	for i, id := range []*uint{&r.ID, &r.ReleaseID, &r.EnvironmentID, &r.ProductID} {
		if *id, err = packedID(f[i]); err != nil {
			return r, err
		}
	}
	r.Outcome = Outcome(f[4])
	r.ActualEnd, err = packedInstant(f[5])
	return r, err
}

// loadRestores loads the rollbacks of rolled-back deployments and, for the
// failures of the period, the first success after the period on each of
// their environments and products.
func (s *Store) loadRestores(ctx context.Context, in *metricsInput, envID uint) error {
	var rolledBack []uint
	failed := false
	for _, f := range in.finished {
		failed = failed || f.Outcome != OutcomeSucceeded
		if f.Outcome == OutcomeRolledBack {
			rolledBack = append(rolledBack, f.ID)
		}
	}
	if !failed {
		return nil
	}
	for chunk := range slices.Chunk(rolledBack, inChunk) {
		var rbs []Rollback
		if err := s.read(ctx).Select("deployment_id", "finished_at").Where("deployment_id IN ?", chunk).Find(&rbs).Error; err != nil {
			return err
		}
		for _, rb := range rbs {
			in.restored[rb.DeploymentID] = rb.FinishedAt
		}
	}
	// Grouped, so a period long past costs one row per environment and
	// product. The minimum may come back as text (SQLite drops the column
	// type of an aggregate), which parseInstant reads.
	q := s.read(ctx).Table("deployments").
		Select("deployments.environment_id, releases.product_id, "+
			"MIN(CASE WHEN deployments.outcome = ? THEN deployments.actual_end END)", OutcomeSucceeded).
		Joins("JOIN releases ON releases.id = deployments.release_id").
		Where("deployments.actual_end >= ?", in.to.UTC()).
		// Product first: grouping by environment first would lure the planner
		// into walking the environment index, many times slower than a scan.
		Group("releases.product_id, deployments.environment_id")
	if envID != 0 {
		q = q.Where("deployments.environment_id = ?", envID)
	}
	rows, err := q.Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k [2]uint
		var first any
		if err := rows.Scan(&k[0], &k[1], &first); err != nil {
			return err
		}
		if first == nil {
			continue // no success there since the period
		}
		t, err := parseInstant(first)
		if err != nil {
			return err
		}
		in.successes[k] = append(in.successes[k], t)
	}
	return rows.Err()
}

// loadLeads turns each release's first production success in the period
// into a lead time, unless it had succeeded in production before.
func (s *Store) loadLeads(ctx context.Context, in *metricsInput, firstProd map[uint]time.Time, production map[uint]bool) error {
	ids := slices.Sorted(maps.Keys(firstProd))
	for chunk := range slices.Chunk(ids, inChunk) {
		// Outcome and environment are checked in Go: left to SQL, their
		// indexes would draw the planner away from the release index.
		before, err := readPacked(ctx, s, s.read(ctx).Table("deployments").
			Where("deployments.release_id IN ? AND deployments.actual_end < ?", chunk, in.from.UTC()),
			[]string{"deployments.release_id", "deployments.environment_id", "deployments.outcome"},
			func(f []string) (Deployment, error) {
				rel, err := packedID(f[0])
				if err != nil {
					return Deployment{}, err
				}
				env, err := packedID(f[1])
				return Deployment{ReleaseID: rel, EnvironmentID: env, Outcome: Outcome(f[2])}, err
			})
		if err != nil {
			return err
		}
		earlier := map[uint]bool{}
		for _, d := range before {
			earlier[d.ReleaseID] = earlier[d.ReleaseID] || (production[d.EnvironmentID] && d.Outcome == OutcomeSucceeded)
		}
		freezes, err := readPacked(ctx, s, s.read(ctx).Table("releases").Where("releases.id IN ?", chunk),
			[]string{"releases.id", "releases.code_freeze"},
			func(f []string) (Release, error) {
				id, err := packedID(f[0])
				if err != nil {
					return Release{}, err
				}
				day, err := packedDate(f[1])
				return Release{ID: id, CodeFreeze: day}, err
			})
		if err != nil {
			return err
		}
		for _, r := range freezes {
			if r.CodeFreeze.IsZero() || earlier[r.ID] {
				continue
			}
			at := firstProd[r.ID]
			in.leads = append(in.leads, dayFigure{at: at, days: float64(r.CodeFreeze.DaysUntil(DateOf(at.In(in.loc))))})
		}
	}
	return nil
}

// loadSlips loads the releases released in the period and their slip.
func (s *Store) loadSlips(ctx context.Context, in *metricsInput) error {
	// By the period alone, so the query walks the index of actual release
	// days; the status is checked here, where it costs nothing.
	released, err := readPacked(ctx, s, s.read(ctx).Table("releases").
		Where("releases.actual_release >= ? AND releases.actual_release <= ?", DateOf(in.from.In(in.loc)), DateOf(in.to.In(in.loc))),
		[]string{"releases.planned_release", "releases.actual_release", "releases.baseline_freeze", "releases.baseline_release", "releases.status"},
		func(f []string) (Release, error) {
			r := Release{Status: ReleaseStatus(f[4])}
			var err error
			if r.PlannedRelease, err = packedDate(f[0]); err != nil {
				return r, err
			}
			if r.ActualRelease, err = packedDate(f[1]); err != nil {
				return r, err
			}
			if r.BaselineFreeze, err = packedDate(f[2]); err != nil {
				return r, err
			}
			r.BaselineRelease, err = packedDate(f[3])
			return r, err
		})
	for _, r := range released {
		if r.PlannedRelease.IsZero() || r.Status != StatusReleased {
			continue
		}
		in.slips = append(in.slips, dayFigure{at: r.ActualRelease.Time(in.loc), days: float64(r.PlannedRelease.DaysUntil(r.ActualRelease))})
		if days, ok := r.BaselineSlipDays(); ok {
			in.baselineSlips = append(in.baselineSlips, dayFigure{at: r.ActualRelease.Time(in.loc), days: float64(days)})
		}
	}
	return err
}
