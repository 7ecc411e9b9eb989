package data

import (
	"context"
	"time"
)

// How far the dashboard looks, in days around today.
const (
	dashboardUpcomingDays  = 30 // releases planned this far ahead
	dashboardConflictsBack = 30 // conflicts this far back ...
	dashboardConflictsNext = 90 // ... and this far ahead
	// DefaultMetricsPeriod is the period of the dashboard's headline metrics
	// when none is chosen.
	DefaultMetricsPeriod = 30 * 24 * time.Hour
)

// Dashboard is what the first screen shows.
type Dashboard struct {
	// Today is the day the dashboard was built for.
	Today Date
	// Upcoming lists releases planned from today to 30 days ahead that are
	// not finished (draft, planned or in progress), by planned date.
	Upcoming []Release
	// Overdue lists releases whose planned date has passed while they are
	// still planned or in progress, oldest first.
	Overdue []Release
	// InProgress lists running deployments with their release (and product)
	// and environment, oldest start first.
	InProgress []Deployment
	// Conflicts lists the conflicts and warnings from 30 days back to 90
	// days ahead, as ConflictsIn orders them.
	Conflicts []Finding
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
	d := Dashboard{Today: today}
	var err error
	open := []ReleaseStatus{StatusDraft, StatusPlanned, StatusInProgress}
	d.Upcoming, err = s.ListReleases(ctx, ReleaseFilter{Statuses: open, From: today, To: today.AddDays(dashboardUpcomingDays)})
	if err != nil {
		return Dashboard{}, err
	}
	d.Overdue, err = s.ListReleases(ctx, ReleaseFilter{Statuses: []ReleaseStatus{StatusPlanned, StatusInProgress}, To: today.AddDays(-1)})
	if err != nil {
		return Dashboard{}, err
	}
	err = s.read(ctx).Joins("Environment").Joins("Release").Joins("Release.Product").
		Where("deployments.outcome = ?", OutcomeInProgress).
		Order("deployments.actual_start, deployments.id").Find(&d.InProgress).Error
	if err != nil {
		return Dashboard{}, err
	}
	d.Conflicts, err = s.ConflictsIn(ctx, today.AddDays(-dashboardConflictsBack).Time(time.Local),
		today.AddDays(dashboardConflictsNext+1).Time(time.Local))
	if err != nil {
		return Dashboard{}, err
	}
	end := today.AddDays(1).Time(time.Local)
	d.Metrics, err = s.Metrics(ctx, end.Add(-period), end, 0)
	if err != nil {
		return Dashboard{}, err
	}
	return d, nil
}
