package data

import (
	"cmp"
	"context"
	"slices"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"
)

// ReviewData is everything the post-release review workbook shows about one
// release, loaded in one go so the report is consistent with itself.
type ReviewData struct {
	Release      Release              // with Product
	Deployments  []Deployment         // with Environment, in promotion order, then planned start
	Rollbacks    []Rollback           // with Deployment and its Environment, by start
	TestRuns     []TestRun            // with Environment, by run time
	Stakeholders []ReleaseStakeholder // with Stakeholder, in RACI order, then name
	Checklist    []ChecklistItem      // by category, then due day
	Decisions    []GoDecision         // oldest first
	Review       *Review              // with Actions by due day; nil when no review was held
	History      []History            // oldest first
	LoadedAt     time.Time            // the store's clock when loaded: "now" for overdue actions
	Scope        []WorkItem           // by kind, then key
	Replans      []Replan             // oldest first
	Requires     []Dependency         // with Requires.Product and Environment
	Findings     []Finding            // the rule book's findings about the release (ReleaseFindings)
}

// ReviewData loads what the review workbook of release id needs.
func (s *Store) ReviewData(ctx context.Context, id uint) (ReviewData, error) {
	var d ReviewData
	rel, err := s.Release(ctx, id)
	if err != nil {
		return d, err
	}
	d.Release, d.LoadedAt = rel, s.Now()
	q := s.read(ctx)
	loads := []func() error{
		func() error {
			return q.Preload("Environment").Where("release_id = ?", id).Order("planned_start, id").Find(&d.Deployments).Error
		},
		func() error {
			return q.Preload("Deployment.Environment").
				Where("deployment_id IN (SELECT id FROM deployments WHERE release_id = ?)", id).
				Order("started_at, id").Find(&d.Rollbacks).Error
		},
		func() error {
			return q.Preload("Environment").Where("release_id = ?", id).Order("run_at, id").Find(&d.TestRuns).Error
		},
		func() error {
			return q.Preload("Stakeholder").Where("release_id = ?", id).Order("id").Find(&d.Stakeholders).Error
		},
		func() error { return q.Where("release_id = ?", id).Order("id").Find(&d.Checklist).Error },
		func() error { return q.Where("release_id = ?", id).Order("decided_at, id").Find(&d.Decisions).Error },
		func() error { return q.Where("release_id = ?", id).Order("at, id").Find(&d.History).Error },
		func() error { return s.loadReviewScope(ctx, id, &d) },
		func() error {
			var reviews []Review
			if err := q.Preload("Actions").Where("release_id = ?", id).Find(&reviews).Error; err != nil {
				return err
			}
			if len(reviews) > 0 {
				d.Review = &reviews[0]
			}
			return nil
		},
	}
	loads = append(loads, func() (err error) { d.Findings, err = s.ReleaseFindings(ctx, id); return err })
	for _, load := range loads {
		if err := load(); err != nil {
			return ReviewData{}, err
		}
	}
	d.sort()
	return d, nil
}

// sort puts every list in the order the workbook reads best; done in Go so
// the SQL stays portable and the order does not depend on collation.
func (d *ReviewData) sort() {
	slices.SortStableFunc(d.Deployments, func(a, b Deployment) int {
		return cmp.Or(cmp.Compare(a.Environment.Position, b.Environment.Position), a.PlannedStart.Compare(b.PlannedStart))
	})
	slices.SortStableFunc(d.Stakeholders, func(a, b ReleaseStakeholder) int {
		return cmp.Or(cmp.Compare(slices.Index(RACIRoles, a.Role), slices.Index(RACIRoles, b.Role)),
			strings.Compare(a.Stakeholder.Name, b.Stakeholder.Name))
	})
	slices.SortStableFunc(d.Checklist, func(a, b ChecklistItem) int {
		return cmp.Or(cmp.Compare(slices.Index(ChecklistCategories, a.Category), slices.Index(ChecklistCategories, b.Category)),
			dueOrder(a.Due, b.Due))
	})
	if d.Review != nil {
		slices.SortStableFunc(d.Review.Actions, func(a, b ActionItem) int {
			return cmp.Or(dueOrder(a.Due, b.Due), cmp.Compare(a.ID, b.ID))
		})
	}
}

// dueOrder orders due days, earliest first and days not set last.
func dueOrder(a, b Date) int {
	switch {
	case a.Equal(b):
		return 0
	case a.IsZero():
		return 1
	case b.IsZero(), a.Before(b):
		return -1
	}
	return 1
}

// ReviewEnvironment is how one environment went for a release (or, as a
// total, how all of them went): deployments by outcome, rollbacks, downtime
// and time planned against time taken.
type ReviewEnvironment struct {
	Environment Environment // zero for the total
	Deployments int
	Succeeded   int
	Failed      int
	RolledBack  int
	Unfinished  int // planned or in progress
	Rollbacks   int
	// DowntimeMinutes and UsersAffected add up the rollbacks.
	DowntimeMinutes int
	UsersAffected   int
	// Planned adds up the planned windows of every deployment.
	Planned time.Duration
	// Actual adds up the actual durations of deployments that have ended;
	// PlannedOfActual is the planned time of those same deployments, so the
	// two compare like with like.
	Actual          time.Duration
	PlannedOfActual time.Duration
	// StartSlip is how much later than planned the first deployment that
	// started did so (negative when early); HasStarted tells whether any did.
	StartSlip  time.Duration
	HasStarted bool
	firstStart time.Time
}

// FailureRate is the change failure rate: failed and rolled back deployments
// as a share (0-1) of the finished ones; ok is false when none finished.
func (e ReviewEnvironment) FailureRate() (rate float64, ok bool) {
	finished := e.Succeeded + e.Failed + e.RolledBack
	if finished == 0 {
		return 0, false
	}
	return float64(e.Failed+e.RolledBack) / float64(finished), true
}

// Overrun is how much longer the finished deployments took than planned
// (negative when they were quicker).
func (e ReviewEnvironment) Overrun() time.Duration { return e.Actual - e.PlannedOfActual }

// ByEnvironment sums the release's deployments and rollbacks per
// environment, in promotion order; environments without deployments are left out.
func (d ReviewData) ByEnvironment() []ReviewEnvironment {
	var out []ReviewEnvironment
	index := map[uint]int{}
	for _, dep := range d.Deployments {
		i, ok := index[dep.EnvironmentID]
		if !ok {
			i = len(out)
			index[dep.EnvironmentID] = i
			out = append(out, ReviewEnvironment{Environment: dep.Environment})
		}
		out[i].add(dep)
	}
	for _, rb := range d.Rollbacks {
		if i, ok := index[rb.Deployment.EnvironmentID]; ok {
			out[i].addRollback(rb)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Environment.Position < out[j].Environment.Position })
	return out
}

// Totals sums every environment of the release into one line.
func (d ReviewData) Totals() ReviewEnvironment {
	var t ReviewEnvironment
	for _, dep := range d.Deployments {
		t.add(dep)
	}
	for _, rb := range d.Rollbacks {
		t.addRollback(rb)
	}
	return t
}

// SlipDays is how many days after its planned date the release went out
// (negative when early); ok is false until both dates are known.
func (d ReviewData) SlipDays() (days int, ok bool) {
	r := d.Release
	if r.PlannedRelease.IsZero() || r.ActualRelease.IsZero() {
		return 0, false
	}
	return r.PlannedRelease.DaysUntil(r.ActualRelease), true
}

func (e *ReviewEnvironment) add(dep Deployment) {
	e.Deployments++
	switch dep.Outcome {
	case OutcomeSucceeded:
		e.Succeeded++
	case OutcomeFailed:
		e.Failed++
	case OutcomeRolledBack:
		e.RolledBack++
	default:
		e.Unfinished++
	}
	e.Planned += dep.PlannedEnd.Sub(dep.PlannedStart)
	if dep.ActualStart != nil && dep.ActualEnd != nil {
		e.Actual += dep.ActualEnd.Sub(*dep.ActualStart)
		e.PlannedOfActual += dep.PlannedEnd.Sub(dep.PlannedStart)
	}
	if dep.ActualStart != nil && (!e.HasStarted || dep.ActualStart.Before(e.firstStart)) {
		e.firstStart, e.StartSlip, e.HasStarted = *dep.ActualStart, dep.ActualStart.Sub(dep.PlannedStart), true
	}
}

func (e *ReviewEnvironment) addRollback(rb Rollback) {
	e.Rollbacks++
	e.DowntimeMinutes += rb.DowntimeMinutes
	e.UsersAffected += rb.UsersAffected
}

// ReportFreezeWindows lists every freeze window with its environments, by start.
func (s *Store) ReportFreezeWindows(ctx context.Context) ([]FreezeWindow, error) {
	var out []FreezeWindow
	err := s.read(ctx).Preload("Environments", func(db *gorm.DB) *gorm.DB { return db.Order("position, id") }).
		Order("start, id").Find(&out).Error
	return out, err
}

// portfolioChunk is how many rows the portfolio iterators read at a time:
// large enough to be quick, small enough that memory stays flat.
const portfolioChunk = 1000

// PortfolioRelease is one release as the portfolio lists it, with how its
// deployments went.
type PortfolioRelease struct {
	ID                                         uint
	Product, Version, Title                    string
	Type                                       ReleaseType
	Status                                     ReleaseStatus
	Risk                                       Risk
	Owner, ChangeRef                           string
	CodeFreeze, PlannedRelease, ActualRelease  Date
	Deployments, Succeeded, Failed, RolledBack int
	UpdatedAt                                  time.Time
}

// PortfolioDeployment is one deployment as the portfolio lists it.
type PortfolioDeployment struct {
	ID, ReleaseID                        uint
	Product, Version, Environment, Build string
	PlannedStart, PlannedEnd             time.Time
	ActualStart, ActualEnd               *time.Time
	Outcome                              Outcome
	PerformedBy, Notes                   string
	UpdatedAt                            time.Time
}

// PortfolioRollback is one rollback as the portfolio lists it.
type PortfolioRollback struct {
	ID, DeploymentID, ReleaseID    uint
	Product, Version, Environment  string
	StartedAt                      time.Time
	FinishedAt                     *time.Time
	Reason, RestoredVersion        string
	DowntimeMinutes, UsersAffected int
	DetectedBy                     string
}

// PortfolioCounts says how many rows each portfolio sheet will have, for progress.
type PortfolioCounts struct {
	Releases, Deployments, Rollbacks int
}

// PortfolioCounts counts releases, deployments and rollbacks.
func (s *Store) PortfolioCounts(ctx context.Context) (PortfolioCounts, error) {
	var c PortfolioCounts
	for _, n := range []struct {
		model any
		dest  *int
	}{{&Release{}, &c.Releases}, {&Deployment{}, &c.Deployments}, {&Rollback{}, &c.Rollbacks}} {
		var v int64
		if err := s.read(ctx).Model(n.model).Count(&v).Error; err != nil {
			return c, err
		}
		*n.dest = int(v)
	}
	return c, nil
}

// EachPortfolioRelease calls fn for every release in id order, reading them
// in chunks so memory stays flat however many there are; an error from fn
// stops the walk and is returned.
func (s *Store) EachPortfolioRelease(ctx context.Context, fn func(PortfolioRelease) error) error {
	return eachChunk(ctx, s, func(db *gorm.DB, after uint) ([]PortfolioRelease, error) {
		var rows []PortfolioRelease
		err := scanRows(db.Table("releases").
			Select(`releases.id, products.name AS product, releases.version, releases.title, releases.type,
				releases.status, releases.risk, releases.owner, releases.change_ref, releases.code_freeze,
				releases.planned_release, releases.actual_release, releases.updated_at`).
			Joins("JOIN products ON products.id = releases.product_id").
			Where("releases.id > ?", after).Order("releases.id").Limit(portfolioChunk), func(sc scanner) error {
			var r PortfolioRelease
			err := sc.Scan(&r.ID, &r.Product, &r.Version, &r.Title, &r.Type, &r.Status, &r.Risk, &r.Owner, &r.ChangeRef,
				&r.CodeFreeze, &r.PlannedRelease, &r.ActualRelease, &r.UpdatedAt)
			rows = append(rows, r)
			return err
		})
		if err != nil || len(rows) == 0 {
			return rows, err
		}
		return rows, countOutcomes(db, rows)
	}, func(r PortfolioRelease) uint { return r.ID }, fn)
}

// countOutcomes fills the deployment counts of a chunk of releases with one grouped query.
func countOutcomes(db *gorm.DB, rows []PortfolioRelease) error {
	ids := make([]uint, len(rows))
	at := make(map[uint]int, len(rows))
	for i, r := range rows {
		ids[i], at[r.ID] = r.ID, i
	}
	var counts []struct {
		ReleaseID uint
		Outcome   Outcome
		N         int
	}
	err := db.Model(&Deployment{}).Select("release_id, outcome, COUNT(*) AS n").
		Where("release_id IN ?", ids).Group("release_id, outcome").Scan(&counts).Error
	if err != nil {
		return err
	}
	for _, c := range counts {
		r := &rows[at[c.ReleaseID]]
		r.Deployments += c.N
		switch c.Outcome {
		case OutcomeSucceeded:
			r.Succeeded += c.N
		case OutcomeFailed:
			r.Failed += c.N
		case OutcomeRolledBack:
			r.RolledBack += c.N
		}
	}
	return nil
}

// EachPortfolioDeployment calls fn for every deployment in id order, in chunks.
func (s *Store) EachPortfolioDeployment(ctx context.Context, fn func(PortfolioDeployment) error) error {
	return eachChunk(ctx, s, func(db *gorm.DB, after uint) ([]PortfolioDeployment, error) {
		var rows []PortfolioDeployment
		err := scanRows(db.Table("deployments").
			Select(`deployments.id, deployments.release_id, products.name AS product, releases.version,
				environments.name AS environment, deployments.build, deployments.planned_start,
				deployments.planned_end, deployments.actual_start, deployments.actual_end, deployments.outcome,
				deployments.performed_by, deployments.notes, deployments.updated_at`).
			Joins("JOIN releases ON releases.id = deployments.release_id").
			Joins("JOIN products ON products.id = releases.product_id").
			Joins("JOIN environments ON environments.id = deployments.environment_id").
			Where("deployments.id > ?", after).Order("deployments.id").Limit(portfolioChunk), func(sc scanner) error {
			var d PortfolioDeployment
			err := sc.Scan(&d.ID, &d.ReleaseID, &d.Product, &d.Version, &d.Environment, &d.Build, &d.PlannedStart,
				&d.PlannedEnd, &d.ActualStart, &d.ActualEnd, &d.Outcome, &d.PerformedBy, &d.Notes, &d.UpdatedAt)
			rows = append(rows, d)
			return err
		})
		return rows, err
	}, func(d PortfolioDeployment) uint { return d.ID }, fn)
}

// EachPortfolioRollback calls fn for every rollback in id order, in chunks.
func (s *Store) EachPortfolioRollback(ctx context.Context, fn func(PortfolioRollback) error) error {
	return eachChunk(ctx, s, func(db *gorm.DB, after uint) ([]PortfolioRollback, error) {
		var rows []PortfolioRollback
		err := scanRows(db.Table("rollbacks").
			Select(`rollbacks.id, rollbacks.deployment_id, deployments.release_id, products.name AS product,
				releases.version, environments.name AS environment, rollbacks.started_at, rollbacks.finished_at,
				rollbacks.reason, rollbacks.restored_version, rollbacks.downtime_minutes,
				rollbacks.users_affected, rollbacks.detected_by`).
			Joins("JOIN deployments ON deployments.id = rollbacks.deployment_id").
			Joins("JOIN releases ON releases.id = deployments.release_id").
			Joins("JOIN products ON products.id = releases.product_id").
			Joins("JOIN environments ON environments.id = deployments.environment_id").
			Where("rollbacks.id > ?", after).Order("rollbacks.id").Limit(portfolioChunk), func(sc scanner) error {
			var r PortfolioRollback
			err := sc.Scan(&r.ID, &r.DeploymentID, &r.ReleaseID, &r.Product, &r.Version, &r.Environment, &r.StartedAt,
				&r.FinishedAt, &r.Reason, &r.RestoredVersion, &r.DowntimeMinutes, &r.UsersAffected, &r.DetectedBy)
			rows = append(rows, r)
			return err
		})
		return rows, err
	}, func(r PortfolioRollback) uint { return r.ID }, fn)
}

// scanner reads the columns of one result row.
type scanner interface{ Scan(dest ...any) error }

// scanRows runs q and hands each row to scan: scanning columns straight into
// fields is several times quicker than GORM's reflection for wide reads.
func scanRows(q *gorm.DB, scan func(scanner) error) error {
	rows, err := q.Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// eachChunk pages through a table by id (keyset paging, portable and as fast
// on the last page as on the first) and hands each row to fn. No query is
// open while fn runs, so fn may take its time.
func eachChunk[T any](ctx context.Context, s *Store, page func(db *gorm.DB, after uint) ([]T, error), id func(T) uint, fn func(T) error) error {
	var after uint
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rows, err := page(s.read(ctx), after)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := fn(r); err != nil {
				return err
			}
		}
		if len(rows) < portfolioChunk {
			return nil
		}
		after = id(rows[len(rows)-1])
	}
}
