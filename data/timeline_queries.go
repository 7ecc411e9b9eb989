package data

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
)

// TimelineData is everything the timeline draws, read in a few set-based
// queries: the promotion path, every release with its product, every
// deployment and every freeze window with the environments it covers.
// Conflicts are rules, not rows: ask DeploymentConflicts for them.
type TimelineData struct {
	// Environments is the promotion path in order (Dev first).
	Environments []Environment
	// Releases come ordered by planned release date (undated last), then id.
	Releases []TimelineRelease
	// Deployments come ordered by id.
	Deployments []TimelineDeployment
	// Freezes come ordered by start.
	Freezes []TimelineFreeze
}

// TimelineRelease is the part of a release the timeline shows.
type TimelineRelease struct {
	ID             uint
	ProductID      uint
	Product        string
	Version        string
	Title          string
	Status         ReleaseStatus
	PlannedRelease Date
}

// Name is the release as people say it: "Payments 2.4.0".
func (r TimelineRelease) Name() string {
	return Release{Version: r.Version, Product: Product{Name: r.Product}}.Name()
}

// TimelineDeployment is the part of a deployment the timeline draws. Instants
// are in UTC; ActualStart and ActualEnd are zero until recorded.
type TimelineDeployment struct {
	ID            uint
	ReleaseID     uint
	EnvironmentID uint
	PlannedStart  time.Time
	PlannedEnd    time.Time
	ActualStart   time.Time
	ActualEnd     time.Time
	Outcome       Outcome
}

// TimelineFreeze is a freeze window with the ids of the environments it
// covers; EnvironmentIDs is empty when it covers all of them.
type TimelineFreeze struct {
	ID              uint
	Name            string
	Start, End      time.Time
	AllEnvironments bool
	EnvironmentIDs  []uint
	Reason          string
}

// Covers reports whether the freeze applies to environment envID.
func (f TimelineFreeze) Covers(envID uint) bool {
	if f.AllEnvironments {
		return true
	}
	for _, id := range f.EnvironmentIDs {
		if id == envID {
			return true
		}
	}
	return false
}

// TimelineData loads what the timeline shows of the whole plan. The
// deployments, the bulk of it, are scanned by hand: on 20,000 rows GORM's
// reflection costs more than the query.
func (s *Store) TimelineData(ctx context.Context) (TimelineData, error) {
	return s.TimelineDataIn(ctx, time.Time{}, time.Time{})
}

// TimelineDataIn loads what the timeline shows of [from, to) (a zero bound
// is open): the releases with a deployment in it or planned within it
// (their calendar days in from's and to's zone), with every deployment of
// those releases, and the freeze windows that meet it. A ten-year plan is
// shown a stretch at a time this way: a year of it is a tenth of the rows.
func (s *Store) TimelineDataIn(ctx context.Context, from, to time.Time) (TimelineData, error) {
	var out TimelineData
	var err error
	rng := timeRange{from: from, to: to}
	if out.Environments, err = s.Environments(ctx); err != nil {
		return TimelineData{}, err
	}
	if out.Releases, err = s.timelineReleases(ctx, rng); err != nil {
		return TimelineData{}, err
	}
	if out.Deployments, err = s.timelineDeployments(ctx, rng); err != nil {
		return TimelineData{}, err
	}
	if out.Freezes, err = s.timelineFreezes(ctx, rng); err != nil {
		return TimelineData{}, err
	}
	return out, nil
}

// timelineShown narrows a query of a table with a release id column to the
// releases TimelineDataIn shows of rng.
func (s *Store) timelineShown(ctx context.Context, q *gorm.DB, column string, rng timeRange) *gorm.DB {
	if rng.from.IsZero() && rng.to.IsZero() {
		return q
	}
	deployed := rng.spanFilter(s.read(ctx).Table("deployments").Select("deployments.release_id"))
	planned := s.read(ctx).Table("releases").Select("releases.id")
	if !rng.from.IsZero() {
		planned = planned.Where("releases.planned_release >= ?", DateOf(rng.from))
	}
	if !rng.to.IsZero() {
		planned = planned.Where("releases.planned_release <= ?", DateOf(rng.to))
	}
	return q.Where(column+" IN (?) OR "+column+" IN (?)", deployed, planned)
}

func (s *Store) timelineReleases(ctx context.Context, rng timeRange) ([]TimelineRelease, error) {
	q := s.timelineShown(ctx, s.read(ctx).Table("releases"), "releases.id", rng)
	rows, err := q.Select("releases.id, releases.product_id, products.name, releases.version, releases.title, releases.status, releases.planned_release").
		Joins("JOIN products ON products.id = releases.product_id").
		// Undated releases last on every dialect, without NULLS LAST.
		Order("CASE WHEN releases.planned_release IS NULL THEN 1 ELSE 0 END, releases.planned_release, releases.id").
		Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TimelineRelease
	for rows.Next() {
		var r TimelineRelease
		if err := rows.Scan(&r.ID, &r.ProductID, &r.Product, &r.Version, &r.Title, &r.Status, &r.PlannedRelease); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (s *Store) timelineDeployments(ctx context.Context, rng timeRange) ([]TimelineDeployment, error) {
	var n int64
	if err := s.timelineShown(ctx, s.read(ctx).Table("deployments"), "deployments.release_id", rng).Count(&n).Error; err != nil {
		return nil, err
	}
	rows, err := s.timelineShown(ctx, s.read(ctx).Table("deployments"), "deployments.release_id", rng).
		// COALESCE(x, NULL) hands instants over as the stored text on SQLite, which
		// parseInstant reads several times faster than the driver's own parsing.
		Select("id, release_id, environment_id, COALESCE(planned_start, NULL), COALESCE(planned_end, NULL), " +
			"COALESCE(actual_start, NULL), COALESCE(actual_end, NULL), outcome").
		Order("id").Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]TimelineDeployment, 0, n)
	var ps, pe, as, ae any
	for rows.Next() {
		var d TimelineDeployment
		if err := rows.Scan(&d.ID, &d.ReleaseID, &d.EnvironmentID, &ps, &pe, &as, &ae, &d.Outcome); err != nil {
			return nil, err
		}
		if err := errors.Join(readInstant(ps, &d.PlannedStart), readInstant(pe, &d.PlannedEnd),
			readInstant(as, &d.ActualStart), readInstant(ae, &d.ActualEnd)); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// readInstant stores the instant in v into dst in UTC; NULL leaves dst zero.
func readInstant(v any, dst *time.Time) error {
	if v == nil {
		return nil
	}
	t, err := parseInstant(v)
	*dst = t.UTC()
	return err
}

// timelineFreezes reads the windows meeting rng and their environment links in two queries.
func (s *Store) timelineFreezes(ctx context.Context, rng timeRange) ([]TimelineFreeze, error) {
	var windows []FreezeWindow
	q := s.read(ctx).Select("id", "name", "start", "end", "all_environments", "reason")
	if !rng.from.IsZero() {
		q = q.Where(`"end" > ?`, rng.from.UTC())
	}
	if !rng.to.IsZero() {
		q = q.Where(`start < ?`, rng.to.UTC())
	}
	err := q.Order("start, id").Find(&windows).Error
	if err != nil {
		return nil, err
	}
	out := make([]TimelineFreeze, len(windows))
	at := make(map[uint]int, len(windows))
	for i, w := range windows {
		out[i] = TimelineFreeze{ID: w.ID, Name: w.Name, Start: w.Start.UTC(), End: w.End.UTC(), AllEnvironments: w.AllEnvironments, Reason: w.Reason}
		at[w.ID] = i
	}
	if len(windows) == 0 {
		return out, nil
	}
	rows, err := s.read(ctx).Table("freeze_window_environments").
		Select("freeze_window_environments.freeze_window_id, freeze_window_environments.environment_id").
		Joins("JOIN environments ON environments.id = freeze_window_environments.environment_id").
		Order("environments.position, environments.id").Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var fid, eid uint
		if err := rows.Scan(&fid, &eid); err != nil {
			return nil, err
		}
		if i, ok := at[fid]; ok && !out[i].AllEnvironments {
			out[i].EnvironmentIDs = append(out[i].EnvironmentIDs, eid)
		}
	}
	return out, rows.Err()
}
