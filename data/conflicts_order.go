package data

import (
	"slices"
	"strings"
	"time"
)

// orderConflicts checks each production deployment P in range against the
// promotion path (earlier production environments are peers, not steps):
//   - every earlier environment the release has a deployment on must be
//     cleared by one ending no later than P starts: a success (by its actual
//     end) or, while P itself has not started, a plan (by its expected end);
//   - when P is the release's last production deployment and did not fail,
//     the release must not deploy to an earlier environment after P starts:
//     that build would reach production before the stage meant to test it.
//     (After a failed P, going round the path again is the retry.)
//
// A release with no deployment on any earlier environment skipped the path
// and is reported too, unless it is an emergency release, which may go
// straight to production by definition.
func (in *conflictInput) orderConflicts() []conflict {
	var out []conflict
	for _, p := range in.deps {
		if in.isProduction(p.EnvironmentID) {
			if c, ok := in.orderConflict(p); ok {
				out = append(out, c)
			}
		}
	}
	return out
}

func (in *conflictInput) orderConflict(p deploymentSpan) (conflict, bool) {
	pStart, _ := p.window()
	pos := in.envAt[p.EnvironmentID]
	history := in.history[p.ReleaseID]
	// Earlier environments are the non-production ones before p's on the
	// path; they are walked in path order, each over the short history.
	isEarlier := func(d deploymentSpan) bool {
		i, ok := in.envAt[d.EnvironmentID]
		return ok && i < pos && in.envs[i].Kind != KindProduction
	}
	lastProduction, skipped := pStart, true
	var earlier []int // the earlier environments the release went to, as indices into in.envs
	for _, d := range history {
		if in.isProduction(d.EnvironmentID) {
			start, _ := d.window()
			lastProduction = latestOf(lastProduction, start)
		} else if isEarlier(d) {
			skipped = false
			earlier = append(earlier, in.envAt[d.EnvironmentID])
		}
	}
	// Walked in path order; only the release's own few, not the company's hundreds.
	slices.Sort(earlier)
	earlier = slices.Compact(earlier)
	env := in.envName(p.EnvironmentID)
	c := conflict{at: pStart, deployments: []uint{p.ID}, finding: Finding{
		Kind: FindingOrder, ReleaseIDs: []uint{p.ReleaseID}, EnvironmentID: p.EnvironmentID,
		Subject: Record{Entity: EntityDeployment, ID: p.ID},
	}}
	says := func(what string) func(map[uint]string) string {
		return func(names map[uint]string) string {
			return names[p.ReleaseID] + " on " + env + " at " + shownTime(pStart) + what
		}
	}
	if skipped {
		c.describe = says(" has no deployment on any earlier environment (it skips the promotion path)")
		return c, p.release.kind != TypeEmergency
	}
	final := !lastProduction.After(pStart) && p.Outcome != OutcomeFailed && p.Outcome != OutcomeRolledBack
	var missing, after []string
	for _, i := range earlier {
		e := in.envs[i]
		has, cleared := false, false
		for _, d := range history {
			if d.EnvironmentID == e.ID {
				has, cleared = true, cleared || clears(d, p, pStart)
			}
		}
		switch {
		case !has:
		case !cleared:
			missing = append(missing, e.Name)
			for _, d := range history {
				if d.EnvironmentID == e.ID {
					c.deployments = append(c.deployments, d.ID)
				}
			}
		case final:
			for _, d := range history {
				if start, _ := d.window(); d.EnvironmentID == e.ID && start.After(pStart) {
					after = append(after, e.Name+" at "+shownTime(start))
					c.deployments = append(c.deployments, d.ID)
				}
			}
		}
	}
	var parts []string
	if len(missing) > 0 {
		parts = append(parts, "a successful deployment on "+strings.Join(missing, ", "))
	}
	if len(after) > 0 {
		parts = append(parts, "its deployment on "+strings.Join(after, ", "))
	}
	c.describe = says(" comes before " + strings.Join(parts, ", and before "))
	return c, len(parts) > 0
}

// clears reports whether earlier deployment d lets production deployment p,
// starting at pStart, go ahead.
func clears(d, p deploymentSpan, pStart time.Time) bool {
	if d.Outcome == OutcomeSucceeded {
		return d.started && !d.end.After(pStart)
	}
	if p.started || (d.Outcome != OutcomePlanned && d.Outcome != OutcomeInProgress) {
		return false
	}
	_, end := d.window()
	return !end.After(pStart)
}
