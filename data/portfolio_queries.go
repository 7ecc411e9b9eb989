package data

import (
	"context"

	"gorm.io/gorm"
)

// StakeholderReleaseCounts returns, per stakeholder id, on how many releases
// the person holds a role; people with no role are absent (count 0).
func (s *Store) StakeholderReleaseCounts(ctx context.Context) (map[uint]int, error) {
	var rows []struct {
		StakeholderID uint
		Releases      int
	}
	err := s.read(ctx).Model(&ReleaseStakeholder{}).
		Select("stakeholder_id, COUNT(DISTINCT release_id) AS releases").
		Group("stakeholder_id").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make(map[uint]int, len(rows))
	for _, r := range rows {
		out[r.StakeholderID] = r.Releases
	}
	return out, nil
}

// approvalRank orders approvals from the least settled: a rejection needs
// attention first, then a pending sign-off, then an approval.
func approvalRank(a Approval) int {
	switch a {
	case ApprovalRejected:
		return 0
	case ApprovalPending:
		return 1
	}
	return 2
}

// RACIApprovals returns the approval of each cell of the RACI matrix of the
// releases planned between from and to (inclusive; a zero bound is open), in
// the same keys as RACIMatrix. A person holding several roles on a release
// gets the least settled of their approvals (rejected, then pending).
func (s *Store) RACIApprovals(ctx context.Context, from, to Date) (map[RACIKey]Approval, error) {
	q := s.read(ctx).Model(&ReleaseStakeholder{}).
		Select("release_stakeholders.release_id, release_stakeholders.stakeholder_id, release_stakeholders.approval").
		Joins("JOIN releases ON releases.id = release_stakeholders.release_id")
	if !from.IsZero() {
		q = q.Where("releases.planned_release >= ?", from)
	}
	if !to.IsZero() {
		q = q.Where("releases.planned_release <= ?", to)
	}
	var rows []struct {
		ReleaseID, StakeholderID uint
		Approval                 Approval
	}
	if err := q.Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make(map[RACIKey]Approval, len(rows))
	for _, r := range rows {
		k := RACIKey{r.ReleaseID, r.StakeholderID}
		if have, ok := out[k]; !ok || approvalRank(r.Approval) < approvalRank(have) {
			out[k] = r.Approval
		}
	}
	return out, nil
}

// EnvironmentUse counts what each environment is used by, to say before a
// delete whether the store will refuse it.
type EnvironmentUse struct {
	Deployments, TestRuns int
}

// EnvironmentUses returns, per environment id, how many deployments and test
// runs it has; unused environments are absent.
func (s *Store) EnvironmentUses(ctx context.Context) (map[uint]EnvironmentUse, error) {
	type count struct {
		EnvironmentID uint
		N             int
	}
	var deps, runs []count
	if err := s.read(ctx).Model(&Deployment{}).Select("environment_id, COUNT(*) AS n").
		Group("environment_id").Scan(&deps).Error; err != nil {
		return nil, err
	}
	if err := s.read(ctx).Model(&TestRun{}).Select("environment_id, COUNT(*) AS n").
		Group("environment_id").Scan(&runs).Error; err != nil {
		return nil, err
	}
	out := map[uint]EnvironmentUse{}
	for _, c := range deps {
		u := out[c.EnvironmentID]
		u.Deployments = c.N
		out[c.EnvironmentID] = u
	}
	for _, c := range runs {
		u := out[c.EnvironmentID]
		u.TestRuns = c.N
		out[c.EnvironmentID] = u
	}
	return out, nil
}

// RestoreEnvironment puts back an environment removed by DeleteEnvironment,
// with its id and its old position in the promotion path.
func (s *Store) RestoreEnvironment(ctx context.Context, e Environment) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&e).Error; err != nil {
			return translate(err)
		}
		return s.journal(tx, EntityEnvironment, e.ID, 0).created(&e)
	})
}
