package data

import (
	"context"
	"errors"
	"sync"
	"time"
)

// How far the dashboard looks, in days around today.
const (
	dashboardUpcomingDays = 30 // releases planned this far ahead
	// Conflicts this far back and this far ahead: what still needs follow-up
	// and what can still be planned around. Older findings stay in `check`,
	// the timeline and the reviews; the window also keeps the screen's
	// queries within budget (SPEC section 5).
	dashboardConflictsBack = 14
	dashboardConflictsNext = 60
	// DefaultMetricsPeriod is the period of the dashboard's headline metrics
	// when none is chosen.
	DefaultMetricsPeriod = 30 * 24 * time.Hour
)

// Dashboard is what the first screen shows.
type Dashboard struct {
	// Today is the day the dashboard was built for.
	Today Date
	// Upcoming lists releases planned from today to 30 days ahead that are
	// not finished (draft, planned or in progress), by planned date. Like
	// Overdue, it holds what a list shows: the release without its
	// description, risk notes and timestamps, and its product's name.
	Upcoming []Release
	// Overdue lists releases whose planned date has passed while they are
	// still planned or in progress, oldest first.
	Overdue []Release
	// InProgress lists running deployments with their release (and product)
	// and environment, oldest start first.
	InProgress []Deployment
	// Conflicts lists the conflicts and warnings of the days from
	// ConflictsFrom to ConflictsTo (two weeks back to 60 days ahead), as
	// ConflictsIn orders them.
	Conflicts                  []Finding
	ConflictsFrom, ConflictsTo Date
	// Metrics are the headline figures of the chosen period, ending with today.
	Metrics Metrics
}

// Dashboard gathers the first screen for today (a local calendar day); its
// metrics cover the period before the end of today (DefaultMetricsPeriod
// when period is not positive).
func (s *Store) Dashboard(ctx context.Context, today Date, period time.Duration) (Dashboard, error) {
	if today.IsZero() {
		return Dashboard{}, fieldError("Today", "is required")
	}
	if period <= 0 {
		period = DefaultMetricsPeriod
	}
	d := Dashboard{Today: today, ConflictsFrom: today.AddDays(-dashboardConflictsBack), ConflictsTo: today.AddDays(dashboardConflictsNext)}
	// The deployment rules, the largest part, run beside the rest on the
	// read-only pool: on two cores the screen waits for the larger half only.
	from, to := dashboardConflictWindow(today)
	rng := timeRange{from: from, to: to}
	var deployments []conflict
	var deploymentsErr error
	var wg sync.WaitGroup
	wg.Go(func() { deployments, deploymentsErr = s.reading().deploymentConflictsIn(ctx, rng) })
	gos, err := s.dashboardRest(ctx, &d, rng, period)
	wg.Wait()
	if err = errors.Join(err, deploymentsErr); err != nil {
		return Dashboard{}, err
	}
	d.Conflicts = findingsOf(append(deployments, gos...))
	return d, nil
}

// DashboardIntegrity lists the broken data (see CheckIntegrity) of the
// releases the dashboard of today is about: planned from two weeks back to
// 60 days ahead (its ConflictsFrom to ConflictsTo), or planned or in
// progress and due by then; with the products, environments, people and
// freeze windows. The checks of the file itself are left to check --all.
// It is apart from Dashboard, whose budget it would break, so the screen
// can show it as soon as it comes, beside the rest.
func (s *Store) DashboardIntegrity(ctx context.Context, today Date) ([]Finding, error) {
	if today.IsZero() {
		return nil, fieldError("Today", "is required")
	}
	var out []Finding
	scope := integrityScope{from: today.AddDays(-dashboardConflictsBack), to: today.AddDays(dashboardConflictsNext)}
	err := s.reading().eachIntegrityFinding(ctx, scope, func(f Finding) error {
		out = append(out, f)
		return nil
	})
	return out, err
}

// dashboardRest fills in the releases, the running deployments and the
// metrics, and returns the readiness conflicts of rng.
func (s *Store) dashboardRest(ctx context.Context, d *Dashboard, rng timeRange, period time.Duration) ([]conflict, error) {
	var err error
	if d.Upcoming, d.Overdue, err = s.dashboardReleases(ctx, d.Today); err != nil {
		return nil, err
	}
	if d.InProgress, err = s.runningDeployments(ctx); err != nil {
		return nil, err
	}
	from, to := dashboardMetricsPeriod(d.Today, period)
	if d.Metrics, err = s.Metrics(ctx, from, to, 0); err != nil {
		return nil, err
	}
	return s.goConflicts(ctx, rng, 0)
}

// dashboardReleases lists the releases coming up in the next 30 days and
// the overdue ones.
func (s *Store) dashboardReleases(ctx context.Context, today Date) (upcoming, overdue []Release, err error) {
	open := []ReleaseStatus{StatusDraft, StatusPlanned, StatusInProgress}
	if upcoming, err = s.ListReleases(ctx, ReleaseFilter{Statuses: open, From: today, To: today.AddDays(dashboardUpcomingDays)}); err != nil {
		return nil, nil, err
	}
	overdue, err = s.ListReleases(ctx, ReleaseFilter{Statuses: []ReleaseStatus{StatusPlanned, StatusInProgress}, To: today.AddDays(-1)})
	return upcoming, overdue, err
}

// runningDeployments lists the deployments in progress with their release
// (and product) and environment, oldest start first.
func (s *Store) runningDeployments(ctx context.Context) ([]Deployment, error) {
	var out []Deployment
	err := s.read(ctx).Joins("Environment").Joins("Release").Joins("Release.Product").
		Where("deployments.outcome = ?", OutcomeInProgress).
		Order("deployments.actual_start, deployments.id").Find(&out).Error
	return out, err
}

// dashboardConflictWindow is the span of the dashboard's conflicts: from
// two weeks back to the end of the 60th day ahead, in local time.
func dashboardConflictWindow(today Date) (from, to time.Time) {
	return today.AddDays(-dashboardConflictsBack).Time(time.Local), today.AddDays(dashboardConflictsNext + 1).Time(time.Local)
}

// dashboardMetricsPeriod is the period of the headline metrics: period
// long, ending with today.
func dashboardMetricsPeriod(today Date, period time.Duration) (from, to time.Time) {
	end := today.AddDays(1).Time(time.Local)
	return end.Add(-period), end
}
