package data

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// TestRuns lists a release's test runs with their environment, newest first.
func (s *Store) TestRuns(ctx context.Context, releaseID uint) ([]TestRun, error) {
	var out []TestRun
	err := s.read(ctx).Joins("Environment").Where("test_runs.release_id = ?", releaseID).
		Order("test_runs.run_at DESC, test_runs.id DESC").Find(&out).Error
	return out, err
}

// validate checks a test run on its own; the release and environment need the store.
func (tr *TestRun) validate() error {
	var p problems
	tr.Suite = strings.TrimSpace(tr.Suite)
	tr.RunAt = tr.RunAt.UTC()
	if tr.ReleaseID == 0 {
		p.add("Release", "is required")
	}
	if tr.EnvironmentID == 0 {
		p.add("Environment", "is required")
	}
	p.required("Suite", tr.Suite)
	for _, c := range []struct {
		field string
		n     int
	}{{"Passed", tr.Passed}, {"Failed", tr.Failed}, {"Skipped", tr.Skipped}} {
		if c.n < 0 {
			p.add(c.field, "must not be negative")
		}
	}
	if tr.Passed >= 0 && tr.Failed >= 0 && tr.Skipped >= 0 && tr.Passed+tr.Failed+tr.Skipped == 0 {
		p.add("Passed", "count at least one test (passed, failed or skipped)")
	}
	if tr.RunAt.IsZero() {
		p.add("RunAt", "is required")
	}
	p.limits(tr)
	return p.err()
}

// SaveTestRun creates tr (ID 0) or updates it.
func (s *Store) SaveTestRun(ctx context.Context, tr *TestRun) error {
	if err := tr.validate(); err != nil {
		return err
	}
	created := tr.ID == 0
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := requireRow(tx, &Release{}, tr.ReleaseID, "Release"); err != nil {
			return err
		}
		if err := requireRow(tx, &Environment{}, tr.EnvironmentID, "Environment"); err != nil {
			return err
		}
		tr.Release, tr.Environment = Release{}, Environment{}
		if created {
			if err := tx.Omit(clause.Associations).Create(tr).Error; err != nil {
				return translate(err)
			}
			return s.journal(tx, EntityTestRun, tr.ID, tr.ReleaseID).created(tr)
		}
		if err := s.requireRevision(tx, EntityTestRun, tr.ID, tr.Revision); err != nil {
			return err
		}
		var old TestRun
		if err := tx.First(&old, tr.ID).Error; err != nil {
			return notFound(err, "test run", tr.ID)
		}
		if old.ReleaseID != tr.ReleaseID {
			return fieldError("Release", "cannot change; record the run on the other release instead")
		}
		tr.CreatedAt = old.CreatedAt
		if unchanged(&old, tr) {
			return nil // nothing to save: the revision stays, and nobody is told of a change
		}
		if err := tx.Omit(clause.Associations).Save(tr).Error; err != nil {
			return translate(err)
		}
		if err := s.journal(tx, EntityTestRun, tr.ID, tr.ReleaseID).updated(&old, tr); err != nil {
			return err
		}
		return s.readRevision(tx, EntityTestRun, tr.ID, &tr.Revision)
	})
	if err != nil && created {
		tr.ID = 0
	}
	return err
}

// DeleteTestRun removes a test run and returns it for RestoreTestRun.
func (s *Store) DeleteTestRun(ctx context.Context, id uint) (TestRun, error) {
	var tr TestRun
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.First(&tr, id).Error; err != nil {
			return notFound(err, "test run", id)
		}
		if err := tx.Delete(&TestRun{}, id).Error; err != nil {
			return translate(err)
		}
		return s.journal(tx, EntityTestRun, id, tr.ReleaseID).deleted(&tr)
	})
	if err != nil {
		return TestRun{}, err
	}
	return tr, nil
}

// RestoreTestRun puts back a run removed by DeleteTestRun, with the same id.
func (s *Store) RestoreTestRun(ctx context.Context, tr TestRun) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.First(&Release{}, tr.ReleaseID).Error; err != nil {
			return notFound(err, "release", tr.ReleaseID)
		}
		if err := tx.First(&Environment{}, tr.EnvironmentID).Error; err != nil {
			return notFound(err, "environment", tr.EnvironmentID)
		}
		tr.Release, tr.Environment = Release{}, Environment{}
		if err := tx.Omit(clause.Associations).Create(&tr).Error; err != nil {
			return translate(err)
		}
		return s.journal(tx, EntityTestRun, tr.ID, tr.ReleaseID).created(&tr)
	})
}

// EnvTestSummary is the regression picture of a release on one environment,
// taken from the latest run of each suite.
type EnvTestSummary struct {
	Environment Environment
	// Latest holds the latest run of each suite, by suite name.
	Latest                  []TestRun
	Passed, Failed, Skipped int
	// PassRate is passed / (passed + failed), from 0 to 1; 0 when nothing ran.
	PassRate float64
	// Green is true when the latest run of every suite had no failures.
	Green bool
	// LastRunAt is when the newest of those runs happened.
	LastRunAt time.Time
}

// RegressionSummary sums, per environment in promotion order, the latest run
// of each suite of a release. Environments without runs are left out.
func (s *Store) RegressionSummary(ctx context.Context, releaseID uint) ([]EnvTestSummary, error) {
	runs, err := s.TestRuns(ctx, releaseID)
	if err != nil {
		return nil, err
	}
	type suiteKey struct {
		env   uint
		suite string
	}
	seen := map[suiteKey]bool{}
	byEnv := map[uint]*EnvTestSummary{}
	var out []*EnvTestSummary
	for _, tr := range runs { // newest first, so the first run of a suite is its latest
		k := suiteKey{tr.EnvironmentID, strings.ToLower(tr.Suite)}
		if seen[k] {
			continue
		}
		seen[k] = true
		sum := byEnv[tr.EnvironmentID]
		if sum == nil {
			sum = &EnvTestSummary{Environment: tr.Environment, Green: true, LastRunAt: tr.RunAt}
			byEnv[tr.EnvironmentID] = sum
			out = append(out, sum)
		}
		sum.Latest = append(sum.Latest, tr)
		sum.Passed += tr.Passed
		sum.Failed += tr.Failed
		sum.Skipped += tr.Skipped
		if tr.Failed > 0 {
			sum.Green = false
		}
	}
	result := make([]EnvTestSummary, len(out))
	for i, sum := range out {
		if ran := sum.Passed + sum.Failed; ran > 0 {
			sum.PassRate = float64(sum.Passed) / float64(ran)
		}
		slices.SortFunc(sum.Latest, func(a, b TestRun) int {
			return strings.Compare(strings.ToLower(a.Suite), strings.ToLower(b.Suite))
		})
		result[i] = *sum
	}
	slices.SortFunc(result, func(a, b EnvTestSummary) int {
		if a.Environment.Position != b.Environment.Position {
			return a.Environment.Position - b.Environment.Position
		}
		return int(a.Environment.ID) - int(b.Environment.ID)
	})
	return result, nil
}
