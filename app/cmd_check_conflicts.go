package app

import (
	"context"
	"time"

	"releasedesk/data"
)

// The conflict rules join "releasedesk check": over all time, since a
// conflict in the past (a deployment made during a freeze) is still a finding.
func init() {
	extraChecks = append(extraChecks, func(ctx context.Context, s *data.Store) ([]data.Finding, error) {
		return s.ConflictsIn(ctx, time.Time{}, time.Time{})
	})
}
