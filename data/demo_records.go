package data

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// chooseGoReleases picks the upcoming releases that hold a "go": three with
// one readiness rule broken each (a failed regression suite, a pending
// Accountable approval, an open readiness item) and, clean, those in progress
// that reach Production by tomorrow.
func (g *demoGen) chooseGoReleases() {
	near := g.upcoming(21)
	// After a long freeze nothing may have been tested lately: look further ahead.
	for _, dr := range append(near, g.upcoming(365)...) {
		if g.ranRegression(dr) && g.recovered(dr) {
			dr.flaw = demoFlawTests
			break
		}
	}
	for _, flaw := range []demoFlaw{demoFlawApproval, demoFlawChecklist} {
		for _, dr := range near {
			if dr.flaw == demoFlawNone && g.recovered(dr) {
				dr.flaw = flaw
				break
			}
		}
	}
	for _, dr := range g.rel {
		r := &g.rows.releases[dr.idx]
		dr.goClean = r.Status == StatusInProgress && dr.flaw == demoFlawNone && !r.PlannedRelease.After(g.today.AddDays(1)) && g.recovered(dr)
	}
}

// upcoming lists the planned and in-progress releases due within days after
// today, soonest first, except the one going to Production right now.
func (g *demoGen) upcoming(days int) []*demoRelease {
	var out []*demoRelease
	for _, dr := range g.rel {
		r := &g.rows.releases[dr.idx]
		open := r.Status == StatusPlanned || r.Status == StatusInProgress
		if open && dr.pin != demoPinProd && r.PlannedRelease.After(g.today) && !r.PlannedRelease.After(g.today.AddDays(days)) {
			out = append(out, dr)
		}
	}
	slices.SortStableFunc(out, func(a, b *demoRelease) int {
		return g.rows.releases[a.idx].PlannedRelease.t.Compare(g.rows.releases[b.idx].PlannedRelease.t)
	})
	return out
}

// ranRegression reports whether a release has finished a deployment whose
// environment runs the regression suite, early enough for the tests to be in.
func (g *demoGen) ranRegression(dr *demoRelease) bool {
	for _, i := range dr.deps {
		if g.tested(i) && demoSuites[g.envs[g.rows.depEnv[i]].Kind][0].name == "Regression" {
			return true
		}
	}
	return false
}

// recovered reports whether every failed or rolled-back deployment of a
// release was followed by a good one on its environment, tests included, so
// that a "go" on it breaks no rule it was not meant to.
func (g *demoGen) recovered(dr *demoRelease) bool {
	var broken [demoStages]bool // a release's environments are one per stage
	for _, i := range dr.deps {
		switch env := g.envStage[g.rows.depEnv[i]]; {
		case g.tested(i):
			broken[env] = false
		case g.rows.deps[i].Outcome == OutcomeFailed || g.rows.deps[i].Outcome == OutcomeRolledBack:
			broken[env] = true
		}
	}
	return !slices.Contains(broken[:], true)
}

// tested reports whether deployment i succeeded early enough for its tests to have run.
func (g *demoGen) tested(i int) bool {
	d := &g.rows.deps[i]
	return d.Outcome == OutcomeSucceeded && !d.ActualEnd.Add(10*time.Minute).After(g.now)
}

// records adds a release's people, checklist, tests, decisions and review.
func (g *demoGen) records(dr *demoRelease) {
	r := &g.rows.releases[dr.idx]
	switch {
	case r.Status == StatusReleased || r.Status == StatusRolledBack:
		var went time.Time
		for _, i := range dr.deps {
			if g.envStage[g.rows.depEnv[i]] == demoStageProd {
				went = *g.rows.deps[i].ActualStart
			}
		}
		dr.goAt = demoAt(demoAddWorkdays(DateOf(went), -1), 15*60+g.between(0, 60))
	case dr.goClean || dr.flaw != demoFlawNone:
		dr.goAt = demoAt(demoAddWorkdays(g.today, -1), 16*60+g.between(0, 30))
	}
	if !dr.goAt.IsZero() {
		dr.goAt = demoClamp(dr.goAt, r.CreatedAt.Add(time.Hour), g.now)
	}
	g.assign(dr)
	g.checklistFor(dr)
	g.testRunsFor(dr)
	g.decide(dr)
	g.review(dr)
}

// assign puts 3 to 6 people on a release, exactly one of them Accountable,
// with approvals that match how far the release has come.
func (g *demoGen) assign(dr *demoRelease) {
	r := &g.rows.releases[dr.idx]
	type member struct {
		person int
		role   RACIRole
	}
	// The consulted and informed lists are in demoPeople order: security,
	// compliance, product; support, marketing, executive.
	cons, info := g.staff(demoConsulted, dr.product), g.staff(demoInformed, dr.product)
	team := []member{{g.leads[dr.product], RoleAccountable}, {dr.owner, RoleResponsible}}
	pool := []member{{demoPick(g, g.staff(demoReleaser, dr.product)), RoleResponsible}, {demoPick(g, g.staff(demoQA, dr.product)), RoleConsulted},
		{demoPick(g, g.staff(demoSRE, dr.product)), RoleConsulted}, {info[0], RoleInformed}}
	if r.Risk == RiskHigh || r.Type == TypeMajor {
		pool = append(pool, member{cons[0], RoleConsulted})
	}
	if g.catalog[dr.product].name == "Payments" {
		pool = append(pool, member{cons[1], RoleConsulted})
	}
	if r.Type == TypeMajor || r.Type == TypeMinor {
		pool = append(pool, member{cons[2], RoleConsulted}, member{info[1], RoleInformed})
	}
	if r.Type == TypeMajor {
		pool = append(pool, member{info[2], RoleInformed})
	}
	g.rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	team = append(team, pool[:min(len(pool), g.between(1, 4))]...)
	for _, m := range team {
		rs := demoAssignment{StakeholderID: g.people[m.person].ID, Role: m.role, Approval: ApprovalPending,
			CreatedAt: r.CreatedAt, UpdatedAt: r.CreatedAt}
		g.approve(dr, &rs)
		if m.role == RoleAccountable && dr.flaw == demoFlawApproval {
			dr.warning = fmt.Sprintf("Accountable approval from %s is still pending.", g.people[m.person].Name)
		}
		g.rows.assigns = append(g.rows.assigns, rs)
		g.rows.asRel = append(g.rows.asRel, dr.idx)
		dr.people = append(dr.people, m.person)
	}
}

func (g *demoGen) approve(dr *demoRelease, rs *demoAssignment) {
	r := &g.rows.releases[dr.idx]
	recent := g.officeTime(demoAddWorkdays(g.today, -g.between(0, 3)))
	var at time.Time
	switch {
	case !dr.goAt.IsZero():
		if rs.Role == RoleAccountable && dr.flaw == demoFlawApproval {
			return
		}
		if rs.Role == RoleAccountable || !r.ActualRelease.IsZero() || g.chance(0.7) {
			rs.Approval, at = ApprovalApproved, demoEarlier(g.officeTime(demoAddWorkdays(DateOf(dr.goAt), -g.between(0, 2))), dr.goAt.Add(-30*time.Minute))
		}
	case r.Status == StatusCancelled:
		if rs.Role == RoleAccountable && g.chance(0.5) {
			rs.Approval, rs.ApprovalComment, at = ApprovalRejected, demoPick(g, demoRejections), g.cancelledAt(dr)
		}
	case r.Status == StatusPlanned || r.Status == StatusInProgress:
		if !r.PlannedRelease.After(g.today.AddDays(14)) && g.chance(0.6) {
			rs.Approval, at = ApprovalApproved, recent
		} else if rs.Role == RoleConsulted && g.chance(0.05) {
			rs.Approval, rs.ApprovalComment, at = ApprovalRejected, demoPick(g, demoRejections), recent
		}
	}
	if !at.IsZero() {
		rs.ApprovedAt = demoPtr(demoClamp(at, r.CreatedAt.Add(time.Hour), g.now))
		rs.UpdatedAt = *rs.ApprovedAt
	}
}

// officeTime is a moment during the working day d.
func (g *demoGen) officeTime(d Date) time.Time { return demoAt(d, demoOpen+5*g.rng.IntN(109)) }

// cancelledAt is when a cancelled release was called off.
func (g *demoGen) cancelledAt(dr *demoRelease) time.Time {
	r := &g.rows.releases[dr.idx]
	at := demoAt(demoAddWorkdays(r.PlannedRelease, -5), 15*60)
	if n := len(dr.deps); n > 0 && g.rows.deps[dr.deps[n-1]].ActualEnd != nil {
		at = g.rows.deps[dr.deps[n-1]].ActualEnd.Add(24 * time.Hour)
	}
	return demoClamp(at, r.CreatedAt.Add(time.Hour), g.now)
}

// checklistFor gives a release its type's built-in checklist (hotfixes and
// emergencies padded to six items), ticked off as far as the release has come.
func (g *demoGen) checklistFor(dr *demoRelease) {
	r := &g.rows.releases[dr.idx]
	items := ChecklistTemplateFor(*r)
	for _, x := range demoExtraChecklist {
		if len(items) >= 6 {
			break
		}
		x.Due = r.PlannedRelease
		items = append(items, x)
	}
	owners := map[ChecklistCategory]string{
		CategoryReadiness:     r.Owner,
		CategoryRegression:    g.people[g.staff(demoQA, dr.product)[0]].Name,
		CategoryCommunication: g.people[g.staff(demoReleaser, dr.product)[0]].Name,
		CategoryBackout:       g.people[g.staff(demoSRE, dr.product)[0]].Name,
	}
	open := -1 // the readiness item a flawed "go" left open
	if dr.flaw == demoFlawChecklist {
		for i, it := range items {
			if it.Category == CategoryReadiness {
				open = i
			}
		}
	}
	for i, it := range items {
		it.ReleaseID, it.Owner = 0, owners[it.Category]
		it.Done = g.checklistDone(dr, it.Due)
		if !dr.goAt.IsZero() && it.Category == CategoryReadiness {
			it.Done = i != open
		}
		if i == open {
			dr.warning = fmt.Sprintf("Readiness item still open: %s.", it.Title)
		}
		it.CreatedAt, it.UpdatedAt = r.CreatedAt, r.CreatedAt
		if it.Done {
			it.UpdatedAt = demoClamp(demoAt(it.Due, 17*60), r.CreatedAt, g.now)
		}
		g.rows.checklist = append(g.rows.checklist, demoChecklistItem{Category: it.Category, Title: it.Title, Owner: it.Owner,
			Due: it.Due, Done: it.Done, CreatedAt: it.CreatedAt, UpdatedAt: it.UpdatedAt})
		g.rows.clRel = append(g.rows.clRel, dr.idx)
	}
}

func (g *demoGen) checklistDone(dr *demoRelease, due Date) bool {
	r := &g.rows.releases[dr.idx]
	switch r.Status {
	case StatusReleased, StatusRolledBack:
		return true
	case StatusDraft:
		return false
	case StatusCancelled:
		return due.Before(DateOf(g.cancelledAt(dr))) && g.chance(0.7)
	}
	switch {
	case !due.After(g.today):
		return g.chance(0.85)
	case !due.After(g.today.AddDays(7)):
		return g.chance(0.25)
	}
	return false
}

// testRunsFor records the suites run after each environment's last good
// deployment whose tests are in, and a failed smoke test after each failed or rolled-back one.
func (g *demoGen) testRunsFor(dr *demoRelease) {
	// A release's environments are one per stage: these are by stage.
	lastOK := [demoStages]int{-1, -1, -1, -1, -1}
	for _, i := range dr.deps {
		if g.tested(i) {
			lastOK[g.envStage[g.rows.depEnv[i]]] = i
		}
	}
	regression := -1
	var smokeFailed [demoStages]bool // a failed smoke test is run again after the retry
	for _, i := range dr.deps {
		d, env := &g.rows.deps[i], g.rows.depEnv[i]
		stage := g.envStage[env]
		if d.ActualEnd == nil {
			continue
		}
		at := demoEarlier(d.ActualEnd.Add(g.minutes(10, 40)), g.now)
		suites := demoSuites[g.envs[env].Kind]
		switch {
		case d.Outcome == OutcomeFailed || d.Outcome == OutcomeRolledBack:
			smoke := suites[slices.IndexFunc(suites, func(s demoSuite) bool { return s.name == "Smoke" })]
			if g.testRun(dr, env, smoke, at, g.between(3, 12), "Failed after the deployment went wrong; see the deployment notes.") >= 0 {
				smokeFailed[stage] = true
			}
		case i == lastOK[stage]:
			chosen := []demoSuite{suites[0]}
			for _, k := range g.rng.Perm(len(suites) - 1)[:g.between(1, len(suites)-1)] {
				chosen = append(chosen, suites[k+1])
			}
			if smoke := slices.IndexFunc(chosen, func(s demoSuite) bool { return s.name == "Smoke" }); smokeFailed[stage] && smoke < 0 {
				chosen = append(chosen, suites[slices.IndexFunc(suites, func(s demoSuite) bool { return s.name == "Smoke" })])
			}
			for k, s := range chosen {
				if n := g.testRun(dr, env, s, demoEarlier(at.Add(time.Duration(k)*20*time.Minute), g.now), 0, ""); n >= 0 && s.name == "Regression" {
					regression = n
				}
			}
		}
	}
	if dr.flaw == demoFlawTests && regression >= 0 {
		tr := &g.rows.tests[regression]
		tr.Failed = g.between(3, 12)
		tr.Passed -= tr.Failed
		tr.Notes = "Failures in an area the change does not touch; the team judged them flaky and asked for a go."
		dr.warning = fmt.Sprintf("Regression suite has %d failed tests.", tr.Failed)
	}
}

// testRun adds one run of suite unless it would lie after now; it returns the run's index or -1.
func (g *demoGen) testRun(dr *demoRelease, env int, s demoSuite, at time.Time, failed int, note string) int {
	if at.After(g.now) {
		return -1
	}
	total := g.between(s.min, s.max)
	skipped := g.rng.IntN(total/40 + 1)
	failed = min(failed, total-skipped-1)
	g.rows.tests = append(g.rows.tests, demoTestRun{EnvironmentID: g.envs[env].ID, Suite: s.name, Passed: total - failed - skipped,
		Failed: failed, Skipped: skipped, RunAt: at, Notes: note, CreatedAt: at, UpdatedAt: at})
	g.rows.trRel = append(g.rows.trRel, dr.idx)
	return len(g.rows.tests) - 1
}

// decide records the go/no-go meetings: a go before every release that went
// out (after a deferral when it slipped), the planted and clean upcoming ones,
// and a no-go for some cancelled releases.
func (g *demoGen) decide(dr *demoRelease) {
	r := &g.rows.releases[dr.idx]
	add := func(d Decision, at time.Time, conditions, notes, warnings string) {
		g.rows.decisions = append(g.rows.decisions, GoDecision{Decision: d, DecidedAt: at, Attendees: demoNames(g.people, dr.people),
			Conditions: conditions, Notes: notes, Warnings: warnings, CreatedAt: at, UpdatedAt: at})
		g.rows.decRel = append(g.rows.decRel, dr.idx)
	}
	switch {
	case !dr.goAt.IsZero():
		if r.ActualRelease.After(r.PlannedRelease) {
			at := demoAt(demoAddWorkdays(r.PlannedRelease, -1), 15*60)
			if at.Before(dr.goAt) && at.After(r.CreatedAt) {
				add(DecisionDeferred, at, "", demoPick(g, demoDeferNotes), "")
			}
		}
		add(DecisionGo, dr.goAt, demoPick(g, demoGoConditions), "", dr.warning)
	case r.Status == StatusCancelled && len(dr.deps) > 0 && g.chance(0.5):
		add(DecisionNoGo, g.cancelledAt(dr), "", demoPick(g, demoNoGoNotes), "")
	}
}

// review holds a post-release review for most released and every rolled-back
// release, with a verdict that matches what happened and 1 to 4 actions.
func (g *demoGen) review(dr *demoRelease) {
	r := &g.rows.releases[dr.idx]
	if !(r.Status == StatusRolledBack || (r.Status == StatusReleased && g.chance(0.75))) || r.ActualRelease.After(g.today.AddDays(-2)) {
		return
	}
	held := demoAddWorkdays(r.ActualRelease, g.between(2, 6))
	if held.After(g.today) {
		held = g.today
	}
	name, day := g.products[dr.product].Name+" "+r.Version, r.ActualRelease.String()
	troubled := 0
	for _, i := range dr.deps {
		if o := g.rows.deps[i].Outcome; o == OutcomeFailed || o == OutcomeRolledBack {
			troubled++
		}
	}
	slip := r.PlannedRelease.DaysUntil(r.ActualRelease)
	rv := Review{HeldOn: held, Facilitator: g.people[demoPick(g, g.staff(demoReleaser, dr.product))].Name,
		WentWell: g.sentences(demoWentWell, 2), WentBadly: g.sentences(demoWentBadly, 2), Lessons: g.sentences(demoLessons, g.between(1, 2))}
	actions := 0
	switch {
	case dr.undone > 0:
		rb := &g.rows.rollbacks[dr.undone-1]
		rv.Verdict, rv.ObjectivesMet, actions = VerdictUnsuccessful, demoPick(g, []ObjectivesMet{ObjectivesNo, ObjectivesPartly}), g.between(3, 4)
		rv.Summary = fmt.Sprintf("%s went to Production on %s and was rolled back. %s Version %s was restored after %d minutes of downtime; about %d users were affected.",
			name, day, rb.Reason, rb.RestoredVersion, rb.DowntimeMinutes, rb.UsersAffected)
	case troubled > 0 || slip > 0:
		var parts []string
		if troubled > 0 {
			parts = append(parts, fmt.Sprintf("%d of %d deployments failed or were rolled back before a retry succeeded", troubled, len(dr.deps)))
		}
		if slip > 0 {
			parts = append(parts, fmt.Sprintf("it went out %d days after the planned %s", slip, r.PlannedRelease))
		}
		rv.Verdict, rv.ObjectivesMet, actions = VerdictWithIssues, demoPick(g, []ObjectivesMet{ObjectivesYes, ObjectivesPartly}), g.between(2, 3)
		rv.Summary = fmt.Sprintf("%s reached Production on %s with issues: %s.", name, day, strings.Join(parts, "; "))
	default:
		rv.Verdict, rv.ObjectivesMet, actions = VerdictSuccessful, ObjectivesYes, g.between(1, 2)
		rv.Summary = fmt.Sprintf("%s went to Production on %s as planned; all %d deployments succeeded.", name, day, len(dr.deps))
		rv.WentBadly = "Nothing worth noting."
	}
	at := demoClamp(demoAt(held, 15*60), r.CreatedAt, g.now)
	rv.CreatedAt, rv.UpdatedAt = at, at
	g.rows.reviews = append(g.rows.reviews, rv)
	g.rows.rvRel = append(g.rows.rvRel, dr.idx)
	for _, k := range g.rng.Perm(len(demoActionTitles))[:actions] {
		a := ActionItem{Title: demoActionTitles[k], Owner: g.people[demoPick(g, dr.people)].Name, Due: held.AddDays(g.between(7, 35)),
			Status: ActionOpen, CreatedAt: at, UpdatedAt: at}
		if a.Due.Before(g.today) {
			a.Status = []ActionStatus{ActionDone, ActionDropped, ActionOpen}[demoWeighted(g, []int{75, 10, 15})]
		} else if g.chance(0.3) {
			a.Status = ActionDone
		}
		if a.Status != ActionOpen {
			a.UpdatedAt = demoClamp(demoAt(a.Due, 11*60), at, g.now)
		}
		g.rows.actions = append(g.rows.actions, a)
		g.rows.acRev = append(g.rows.acRev, len(g.rows.reviews)-1)
	}
}

// sentences joins n different sentences from list.
func (g *demoGen) sentences(list []string, n int) string {
	out := make([]string, 0, n)
	for _, k := range g.rng.Perm(len(list))[:n] {
		out = append(out, list[k])
	}
	return strings.Join(out, " ")
}
