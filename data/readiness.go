package data

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Readiness is where a release stands against the go/no-go rules, for the
// editor's Go/no-go tab and for the warnings kept with a decision.
type Readiness struct {
	// Accountable lists the release's Accountable stakeholders (Stakeholder
	// filled in) with their approval.
	Accountable []ReleaseStakeholder
	// PendingApprovals and RejectedApprovals count the approvals of everyone
	// asked to sign off: every role but Informed, who are told, not asked.
	PendingApprovals  int
	RejectedApprovals int
	// OpenReadiness lists the readiness checklist items not done yet.
	OpenReadiness []ChecklistItem
	// OpenChecklist counts the open checklist items of every category.
	OpenChecklist int
	// FailedSuites names each suite whose latest run on an environment had
	// failures, as "QA: regression", in promotion order.
	FailedSuites []string
	// Conflicts lists the release's deployment conflicts (overlap, freeze, order).
	Conflicts []Finding
	// Problems has one line per failing rule; a go decision keeps them as its warnings.
	Problems []string
}

// Ready reports whether every rule passes, so "go" needs no warning.
func (r Readiness) Ready() bool { return len(r.Problems) == 0 }

// Readiness checks release id against the go/no-go rules: exactly one
// Accountable stakeholder who approved, no rejected approval, no failing
// latest test run, no open readiness item and no deployment conflict.
func (s *Store) Readiness(ctx context.Context, id uint) (Readiness, error) {
	if err := s.read(ctx).Select("id").First(&Release{}, id).Error; err != nil {
		return Readiness{}, notFound(err, "release", id)
	}
	envs, err := s.Environments(ctx)
	if err != nil {
		return Readiness{}, err
	}
	all, err := s.loadReleaseFacts(ctx, []uint{id})
	if err != nil {
		return Readiness{}, err
	}
	facts := all[id]
	var r Readiness
	var rejected []string
	for _, rs := range facts.stakeholders {
		if rs.Role == RoleAccountable {
			r.Accountable = append(r.Accountable, rs)
		}
		if rs.Role == RoleInformed {
			continue
		}
		switch rs.Approval {
		case ApprovalPending:
			r.PendingApprovals++
		case ApprovalRejected:
			r.RejectedApprovals++
			if rs.Role != RoleAccountable {
				rejected = append(rejected, rs.Stakeholder.Name+" ("+rs.Role.Label()+")")
			}
		}
	}
	for _, c := range facts.open {
		if c.Category == CategoryReadiness {
			r.OpenReadiness = append(r.OpenReadiness, c)
		}
	}
	r.OpenChecklist = len(facts.open)
	for _, run := range facts.failing(envs) {
		r.FailedSuites = append(r.FailedSuites, environmentName(envs, run.EnvironmentID)+": "+run.Suite)
	}
	cs, err := s.releaseDeploymentConflicts(ctx, id)
	if err != nil {
		return Readiness{}, err
	}
	r.Conflicts = findingsOf(cs)

	switch n := len(r.Accountable); {
	case n == 0:
		r.Problems = append(r.Problems, "No Accountable stakeholder is named")
	case n > 1:
		r.Problems = append(r.Problems, fmt.Sprintf("%d Accountable stakeholders are named (%s); exactly one is needed",
			n, strings.Join(stakeholderNames(r.Accountable), ", ")))
	}
	for _, a := range r.Accountable {
		switch a.Approval {
		case ApprovalPending:
			r.Problems = append(r.Problems, "Accountable "+a.Stakeholder.Name+" has not approved yet")
		case ApprovalRejected:
			line := "Accountable " + a.Stakeholder.Name + " rejected the release"
			if c := strings.TrimSpace(a.ApprovalComment); c != "" {
				line += ": " + c
			}
			r.Problems = append(r.Problems, line)
		}
	}
	if len(rejected) > 0 {
		r.Problems = append(r.Problems, "Rejected by "+strings.Join(rejected, ", "))
	}
	if len(r.FailedSuites) > 0 {
		r.Problems = append(r.Problems, "Failing tests: "+strings.Join(r.FailedSuites, ", "))
	}
	if len(r.OpenReadiness) > 0 {
		r.Problems = append(r.Problems, openItemsText(r.OpenReadiness))
	}
	if len(r.Conflicts) > 0 {
		lines := make([]string, len(r.Conflicts))
		for i, f := range r.Conflicts {
			lines[i] = f.String()
		}
		r.Problems = append(r.Problems, "Deployment conflicts: "+strings.Join(lines, "; "))
	}
	return r, nil
}

// ReleaseConflicts lists the conflicts release id takes part in: its
// deployments' overlaps, freezes and order, and its "go" if it breaks a
// readiness rule. It is what the go/no-go tab shows.
func (s *Store) ReleaseConflicts(ctx context.Context, id uint) ([]Finding, error) {
	cs, err := s.releaseDeploymentConflicts(ctx, id)
	if err != nil {
		return nil, err
	}
	gos, err := s.goConflicts(ctx, timeRange{}, id)
	if err != nil {
		return nil, err
	}
	return findingsOf(append(cs, gos...)), nil
}

// releaseDeploymentConflicts runs the deployment rules over the time the
// release's deployments span and keeps the conflicts naming the release.
func (s *Store) releaseDeploymentConflicts(ctx context.Context, id uint) ([]conflict, error) {
	if err := s.read(ctx).Select("id").First(&Release{}, id).Error; err != nil {
		return nil, notFound(err, "release", id)
	}
	own, err := s.spans(ctx, func(q *gorm.DB) *gorm.DB { return q.Where("deployments.release_id = ?", id) })
	if err != nil || len(own) == 0 {
		return nil, err
	}
	var rng timeRange
	for i, d := range own {
		start, end := d.window()
		if i == 0 || start.Before(rng.from) {
			rng.from = start
		}
		if i == 0 || end.After(rng.to) {
			rng.to = end
		}
	}
	// Widen by a moment so zero-length windows at the edges stay inside.
	rng.to = rng.to.Add(time.Second)
	in, err := s.loadConflictInput(ctx, rng, id)
	if err != nil {
		return nil, err
	}
	cs, err := s.judge(ctx, in)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(cs, func(c conflict) bool { return !slices.Contains(c.finding.ReleaseIDs, id) }), nil
}

// goConflicts reports the releases still to finish (planned or in progress)
// whose latest decision is "go" while a readiness rule fails:
//   - approval: no Accountable stakeholder has approved;
//   - tests: the latest run of a suite on an environment has failures (one
//     finding per environment);
//   - checklist: a readiness checklist item is not done.
//
// Such a finding is about the present, so it is kept whatever the start of
// rng; only a release planned after rng ends is left out. With releaseID set,
// only that release is checked.
func (s *Store) goConflicts(ctx context.Context, rng timeRange, releaseID uint) ([]conflict, error) {
	type decisionRow struct {
		ID             uint
		ReleaseID      uint
		Decision       Decision
		DecidedAt      time.Time
		Version        string
		ProductName    string
		PlannedRelease Date
	}
	q := s.read(ctx).Table("go_decisions").
		Select("go_decisions.id, go_decisions.release_id, go_decisions.decision, go_decisions.decided_at, "+
			"releases.version, releases.planned_release, products.name AS product_name").
		Joins("JOIN releases ON releases.id = go_decisions.release_id").
		Joins("JOIN products ON products.id = releases.product_id").
		Where("releases.status IN ?", []ReleaseStatus{StatusPlanned, StatusInProgress})
	if releaseID != 0 {
		q = q.Where("go_decisions.release_id = ?", releaseID)
	}
	var rows []decisionRow
	if err := q.Scan(&rows).Error; err != nil {
		return nil, err
	}
	latest := map[uint]decisionRow{}
	for _, d := range rows {
		l, ok := latest[d.ReleaseID]
		if !ok || d.DecidedAt.After(l.DecidedAt) || (d.DecidedAt.Equal(l.DecidedAt) && d.ID > l.ID) {
			latest[d.ReleaseID] = d
		}
	}
	var goes []uint
	for id, d := range latest {
		if d.Decision != DecisionGo {
			continue
		}
		if !rng.to.IsZero() && !d.PlannedRelease.IsZero() && !d.PlannedRelease.Time(time.Local).Before(rng.to) {
			continue
		}
		goes = append(goes, id)
	}
	if len(goes) == 0 {
		return nil, nil
	}
	slices.Sort(goes)
	envs, err := s.Environments(ctx)
	if err != nil {
		return nil, err
	}
	facts, err := s.loadReleaseFacts(ctx, goes)
	if err != nil {
		return nil, err
	}
	var out []conflict
	for _, id := range goes {
		d := latest[id]
		add := func(kind, msg string, envID uint) {
			name := Release{Version: d.Version, Product: Product{Name: d.ProductName}}.Name()
			out = append(out, conflict{at: d.DecidedAt, finding: Finding{Kind: kind, ReleaseIDs: []uint{id}, EnvironmentID: envID,
				Message: "go for " + name + " (decided " + shownTime(d.DecidedAt) + ") " + msg}})
		}
		rf := facts[id]
		var accountable []ReleaseStakeholder
		for _, rs := range rf.stakeholders {
			if rs.Role == RoleAccountable {
				accountable = append(accountable, rs)
			}
		}
		if len(accountable) == 0 {
			add(FindingApproval, "but no Accountable stakeholder is named", 0)
		} else if !slices.ContainsFunc(accountable, func(rs ReleaseStakeholder) bool { return rs.Approval == ApprovalApproved }) {
			states := make([]string, len(accountable))
			for i, a := range accountable {
				states[i] = a.Stakeholder.Name + " " + strings.ToLower(a.Approval.Label())
			}
			add(FindingApproval, "without the Accountable's approval: "+strings.Join(states, ", "), 0)
		}
		failing := rf.failing(envs)
		for i := 0; i < len(failing); {
			envID := failing[i].EnvironmentID
			var suites []string
			for ; i < len(failing) && failing[i].EnvironmentID == envID; i++ {
				suites = append(suites, fmt.Sprintf("%s (%d failed)", failing[i].Suite, failing[i].Failed))
			}
			add(FindingTests, "with failing tests on "+environmentName(envs, envID)+": "+strings.Join(suites, ", "), envID)
		}
		var open []ChecklistItem
		for _, c := range rf.open {
			if c.Category == CategoryReadiness {
				open = append(open, c)
			}
		}
		if len(open) > 0 {
			add(FindingChecklist, "with "+openItemsText(open), 0)
		}
	}
	return out, nil
}

// releaseFacts is what the readiness rules read about one release.
type releaseFacts struct {
	stakeholders []ReleaseStakeholder // Stakeholder filled in
	latestRuns   []TestRun            // the latest run of each suite on each environment
	open         []ChecklistItem      // not done, every category
}

// failing returns the latest runs with failures, in promotion order, then by suite.
func (f *releaseFacts) failing(envs []Environment) []TestRun {
	var out []TestRun
	for _, r := range f.latestRuns {
		if r.Failed > 0 {
			out = append(out, r)
		}
	}
	at := map[uint]int{}
	for i, e := range envs {
		at[e.ID] = i
	}
	slices.SortFunc(out, func(a, b TestRun) int {
		return cmp.Or(cmp.Compare(at[a.EnvironmentID], at[b.EnvironmentID]), strings.Compare(a.Suite, b.Suite))
	})
	return out
}

// loadReleaseFacts loads stakeholders, latest test runs and open checklist
// items of the given releases, three queries per chunk of ids.
func (s *Store) loadReleaseFacts(ctx context.Context, ids []uint) (map[uint]*releaseFacts, error) {
	out := make(map[uint]*releaseFacts, len(ids))
	for _, id := range ids {
		out[id] = &releaseFacts{}
	}
	for chunk := range slices.Chunk(ids, inChunk) {
		var people []ReleaseStakeholder
		if err := s.read(ctx).Joins("Stakeholder").Where("release_stakeholders.release_id IN ?", chunk).
			Order("release_stakeholders.id").Find(&people).Error; err != nil {
			return nil, err
		}
		for _, p := range people {
			out[p.ReleaseID].stakeholders = append(out[p.ReleaseID].stakeholders, p)
		}
		var runs []TestRun
		if err := s.read(ctx).Select("id", "release_id", "environment_id", "suite", "passed", "failed", "skipped", "run_at").
			Where("release_id IN ?", chunk).Order("run_at, id").Find(&runs).Error; err != nil {
			return nil, err
		}
		type suiteKey struct {
			release, env uint
			suite        string
		}
		latest := map[suiteKey]int{}
		for _, r := range runs {
			k := suiteKey{r.ReleaseID, r.EnvironmentID, r.Suite}
			f := out[r.ReleaseID]
			if i, ok := latest[k]; ok {
				f.latestRuns[i] = r // runs come oldest first, so the last one wins
				continue
			}
			latest[k] = len(f.latestRuns)
			f.latestRuns = append(f.latestRuns, r)
		}
		var items []ChecklistItem
		if err := s.read(ctx).Where("release_id IN ? AND done = ?", chunk, false).Order("id").Find(&items).Error; err != nil {
			return nil, err
		}
		for _, c := range items {
			out[c.ReleaseID].open = append(out[c.ReleaseID].open, c)
		}
	}
	return out, nil
}

// openItemsText says how many items are open and names the first few.
func openItemsText(items []ChecklistItem) string {
	const shown = 3
	titles := make([]string, 0, shown)
	for i, c := range items {
		if i == shown {
			titles = append(titles, fmt.Sprintf("and %d more", len(items)-shown))
			break
		}
		titles = append(titles, c.Title)
	}
	noun := "readiness items"
	if len(items) == 1 {
		noun = "readiness item"
	}
	return fmt.Sprintf("%d %s open: %s", len(items), noun, strings.Join(titles, ", "))
}

func stakeholderNames(rs []ReleaseStakeholder) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Stakeholder.Name
	}
	return out
}

func environmentName(envs []Environment, id uint) string {
	for _, e := range envs {
		if e.ID == id {
			return e.Name
		}
	}
	return fmt.Sprintf("environment %d", id)
}
