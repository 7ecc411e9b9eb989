package data

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"time"

	"gorm.io/gorm"
)

// Summary describes a set of measurements. With Count 0 there is nothing to
// show and every figure is 0: check Count before showing them.
type Summary struct {
	Count  int
	Mean   float64
	Median float64
	Max    float64
}

func summarize(xs []float64) Summary {
	if len(xs) == 0 {
		return Summary{}
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	sum := 0.0
	for _, x := range s {
		sum += x
	}
	median := s[len(s)/2]
	if len(s)%2 == 0 {
		median = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return Summary{Count: len(s), Mean: sum / float64(len(s)), Median: median, Max: s[len(s)-1]}
}

// DeliveryMetrics are the DORA figures of one environment, or of several
// together, over a period. A deployment belongs to the period in which it
// finished (its actual end).
type DeliveryMetrics struct {
	// EnvironmentID is the environment measured; 0 for several together.
	EnvironmentID uint
	// Environment is its name, or "All environments".
	Environment                             string
	Finished, Succeeded, Failed, RolledBack int
	// DeploymentsPerWeek is the deployment frequency: finished deployments
	// per 7 days of the period.
	DeploymentsPerWeek float64
	// ChangeFailureRate is (failed + rolled back) / finished, from 0 to 1;
	// nil when nothing finished, since there is no rate to speak of.
	ChangeFailureRate *float64
	// RestoreHours is the time to restore, in hours, of each failure in the
	// period that was restored: to the rollback's finish for a rolled-back
	// deployment, otherwise to the next success of the same product on the
	// same environment. Its Mean is the mean time to restore.
	RestoreHours Summary
	// Unrestored counts the failures with no restore yet (no later success,
	// or a rollback still running); they are left out of RestoreHours.
	Unrestored int
}

// Metrics are the delivery figures of a period.
type Metrics struct {
	// From and To are the period measured, [From, To).
	From, To time.Time
	// EnvironmentID is the environment the figures are narrowed to; 0 for all.
	EnvironmentID uint
	// Total measures every environment in scope together.
	Total DeliveryMetrics
	// Environments measures each environment in scope, in promotion order.
	Environments []DeliveryMetrics
	// LeadTimeDays counts calendar days from code freeze to the first
	// production success, per release whose first production success falls
	// in the period. It is a release figure: EnvironmentID does not narrow it.
	LeadTimeDays Summary
	// SlipDays is the actual minus the planned release date, in days
	// (negative when early), per release released in the period. It is a
	// release figure: EnvironmentID does not narrow it.
	SlipDays Summary
}

// Period is the size of the buckets of a metrics series.
type Period string

// Bucket sizes for MetricsSeries.
const (
	PeriodWeek  Period = "week"
	PeriodMonth Period = "month"
)

// MetricsPoint is one bucket of a metrics series, for charts.
type MetricsPoint struct {
	// Start and End bound the bucket, clipped to the period asked for.
	Start, End time.Time
	// Label names the bucket: "2026-W23" for a week, "2026-06" for a month.
	Label string
	// DeliveryMetrics measures every environment in scope together.
	DeliveryMetrics
	// LeadTimeDays and SlipDays are as in Metrics, for the bucket.
	LeadTimeDays Summary
	SlipDays     Summary
}

// Metrics measures deployments that finished in [from, to) on environment
// envID, or on all environments when envID is 0. A zero from means since the
// first finished deployment; a zero to means now. Calendar days (code freeze,
// release dates) are read in from's time zone, so pass local times.
func (s *Store) Metrics(ctx context.Context, from, to time.Time, envID uint) (Metrics, error) {
	in, err := s.loadMetrics(ctx, from, to, envID)
	if err != nil {
		return Metrics{}, err
	}
	m := Metrics{From: in.from, To: in.to, EnvironmentID: envID}
	m.Total = in.delivery(in.from, in.to, 0)
	for _, e := range in.envs {
		m.Environments = append(m.Environments, in.delivery(in.from, in.to, e.ID))
	}
	m.LeadTimeDays, m.SlipDays = in.releaseFigures(in.from, in.to)
	return m, nil
}

// MetricsSeries splits [from, to) into weeks (from Monday) or calendar
// months in from's time zone and measures each, as Metrics does.
func (s *Store) MetricsSeries(ctx context.Context, from, to time.Time, bucket Period, envID uint) ([]MetricsPoint, error) {
	if bucket != PeriodWeek && bucket != PeriodMonth {
		return nil, fmt.Errorf("metrics: a series is by week or by month, not %q", bucket)
	}
	in, err := s.loadMetrics(ctx, from, to, envID)
	if err != nil {
		return nil, err
	}
	var out []MetricsPoint
	for start := bucketStart(in.from, in.loc, bucket); start.Before(in.to); {
		next := start.AddDate(0, 0, 7)
		label := fmt.Sprintf("%d-W%02d", isoYear(start), isoWeek(start))
		if bucket == PeriodMonth {
			next = start.AddDate(0, 1, 0)
			label = start.Format("2006-01")
		}
		p := MetricsPoint{Start: latestOf(start, in.from), End: earlierOf(next, in.to), Label: label}
		p.DeliveryMetrics = in.delivery(p.Start, p.End, 0)
		p.LeadTimeDays, p.SlipDays = in.releaseFigures(p.Start, p.End)
		out = append(out, p)
		start = next
	}
	return out, nil
}

func bucketStart(t time.Time, loc *time.Location, bucket Period) time.Time {
	t = t.In(loc)
	if bucket == PeriodMonth {
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc)
	}
	back := (int(t.Weekday()) + 6) % 7 // days since Monday
	return time.Date(t.Year(), t.Month(), t.Day()-back, 0, 0, 0, 0, loc)
}

func isoYear(t time.Time) int { y, _ := t.ISOWeek(); return y }
func isoWeek(t time.Time) int { _, w := t.ISOWeek(); return w }

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
		var freezes []Release
		if err := s.read(ctx).Select("id", "code_freeze").Where("id IN ?", chunk).Find(&freezes).Error; err != nil {
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
	released, err := readPacked(ctx, s, s.read(ctx).Table("releases").
		Where("releases.status = ? AND releases.actual_release >= ? AND releases.actual_release <= ?",
			StatusReleased, DateOf(in.from.In(in.loc)), DateOf(in.to.In(in.loc))),
		[]string{"releases.planned_release", "releases.actual_release"},
		func(f []string) (Release, error) {
			var r Release
			var err error
			if r.PlannedRelease, err = packedDate(f[0]); err != nil {
				return r, err
			}
			r.ActualRelease, err = packedDate(f[1])
			return r, err
		})
	for _, r := range released {
		if r.PlannedRelease.IsZero() {
			continue
		}
		in.slips = append(in.slips, dayFigure{at: r.ActualRelease.Time(in.loc), days: float64(r.PlannedRelease.DaysUntil(r.ActualRelease))})
	}
	return err
}

// delivery computes the DORA figures of [from, to) for environment envID,
// or for every environment in scope when envID is 0.
func (in *metricsInput) delivery(from, to time.Time, envID uint) DeliveryMetrics {
	m := DeliveryMetrics{EnvironmentID: envID, Environment: "All environments"}
	if envID != 0 {
		m.Environment = environmentName(in.envs, envID)
	} else if len(in.envs) == 1 {
		m.EnvironmentID, m.Environment = in.envs[0].ID, in.envs[0].Name
	}
	var restores []float64
	for _, f := range in.finished {
		if (envID != 0 && f.EnvironmentID != envID) || f.ActualEnd.Before(from) || !f.ActualEnd.Before(to) {
			continue
		}
		m.Finished++
		switch f.Outcome {
		case OutcomeSucceeded:
			m.Succeeded++
			continue
		case OutcomeFailed:
			m.Failed++
		case OutcomeRolledBack:
			m.RolledBack++
		}
		if back, ok := in.restoreTime(f); ok {
			restores = append(restores, back.Sub(f.ActualEnd).Hours())
		} else {
			m.Unrestored++
		}
	}
	if weeks := to.Sub(from).Hours() / (24 * 7); weeks > 0 {
		m.DeploymentsPerWeek = float64(m.Finished) / weeks
	}
	if m.Finished > 0 {
		rate := float64(m.Failed+m.RolledBack) / float64(m.Finished)
		m.ChangeFailureRate = &rate
	}
	m.RestoreHours = summarize(restores)
	return m
}

// restoreTime is when failure f was put right, if it has been.
func (in *metricsInput) restoreTime(f finishedRow) (time.Time, bool) {
	if f.Outcome == OutcomeRolledBack {
		if finished, ok := in.restored[f.ID]; ok {
			if finished == nil {
				return time.Time{}, false // the rollback is still running
			}
			return latestOf(*finished, f.ActualEnd), true
		}
	}
	later := in.successes[[2]uint{f.EnvironmentID, f.ProductID}]
	i := sort.Search(len(later), func(i int) bool { return later[i].After(f.ActualEnd) })
	if i == len(later) {
		return time.Time{}, false
	}
	return later[i], true
}

// releaseFigures summarises lead time and slip for [from, to).
func (in *metricsInput) releaseFigures(from, to time.Time) (lead, slip Summary) {
	pick := func(figs []dayFigure) []float64 {
		var out []float64
		for _, f := range figs {
			if !f.at.Before(from) && f.at.Before(to) {
				out = append(out, f.days)
			}
		}
		return out
	}
	return summarize(pick(in.leads)), summarize(pick(in.slips))
}
