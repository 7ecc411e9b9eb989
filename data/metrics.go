package data

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"time"
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
	// BaselineSlipDays is the actual release date minus the baseline (first
	// committed) release date, per release released in the period.
	BaselineSlipDays Summary
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
	LeadTimeDays     Summary
	SlipDays         Summary
	BaselineSlipDays Summary
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
	m.Total = in.delivery(in.finished, in.from, in.to, 0)
	// One pass sorts the deployments by environment: a big company has hundreds.
	byEnv := map[uint][]finishedRow{}
	for _, f := range in.finished {
		byEnv[f.EnvironmentID] = append(byEnv[f.EnvironmentID], f)
	}
	for _, e := range in.envs {
		m.Environments = append(m.Environments, in.delivery(byEnv[e.ID], in.from, in.to, e.ID))
	}
	m.LeadTimeDays, m.SlipDays = in.releaseFigures(in.from, in.to)
	m.BaselineSlipDays = in.baselineSlipFigure(in.from, in.to)
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
		p.DeliveryMetrics = in.delivery(in.finished, p.Start, p.End, 0)
		p.LeadTimeDays, p.SlipDays = in.releaseFigures(p.Start, p.End)
		p.BaselineSlipDays = in.baselineSlipFigure(p.Start, p.End)
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

// delivery computes the DORA figures of [from, to) for environment envID,
// or for every environment in scope when envID is 0, from the finished
// deployments rows (in.finished or a part of it).
func (in *metricsInput) delivery(rows []finishedRow, from, to time.Time, envID uint) DeliveryMetrics {
	m := DeliveryMetrics{EnvironmentID: envID, Environment: "All environments"}
	if envID != 0 {
		m.Environment = environmentName(in.envs, envID)
	} else if len(in.envs) == 1 {
		m.EnvironmentID, m.Environment = in.envs[0].ID, in.envs[0].Name
	}
	var restores []float64
	for _, f := range rows {
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
