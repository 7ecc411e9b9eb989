package data

import "context"

// ReleaseFindings lists every finding of the rule book that concerns
// release id, over its whole history: its broken data (integrity), the
// conflicts of its deployments (overlap, freeze, order) and, while it is
// still to finish, the readiness problems of its "go". These are the lines
// "releasedesk check --all" prints about the release, in that order; the
// review workbook lists them, and the release's screens can show them.
func (s *Store) ReleaseFindings(ctx context.Context, id uint) ([]Finding, error) {
	if err := s.read(ctx).Select("id").First(&Release{}, id).Error; err != nil {
		return nil, notFound(err, "release", id)
	}
	var out []Finding
	err := s.eachIntegrityFinding(ctx, integrityScope{release: id}, func(f Finding) error {
		out = append(out, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	deployments, err := s.releaseDeploymentConflicts(ctx, id)
	if err != nil {
		return nil, err
	}
	gos, err := s.goConflicts(ctx, timeRange{}, id)
	if err != nil {
		return nil, err
	}
	out = append(out, findingsOf(deployments)...)
	return append(out, findingsOf(gos)...), nil
}
