package data

import (
	"fmt"
	"time"
)

// demoRelease is one release being generated, with what only the generator needs.
type demoRelease struct {
	idx      int  // into rows.releases
	product  int  // into demoProducts
	p0       Date // the release day as first planned
	pin      int  // demoPinProd, demoPinStaging: deploying right now; 0 otherwise
	slip     int  // working days the release went out late (past releases only)
	owner    int  // person responsible
	previous string
	draft    bool
	cancel   bool
	deps     []int // into rows.deps, in time order
	people   []int // into g.people: who is on the release
	flaw     demoFlaw
	goClean  bool      // holds a "go" with nothing missing
	goAt     time.Time // when the go decision was taken
	warning  string    // what the flawed "go" overlooked
	undone   int       // 1 + index into rows.rollbacks of the production rollback; 0 for none
}

// Releases pinned to today so that some deployments are in progress right now.
const (
	demoPinStaging = 1 // Staging deploying now, Production tomorrow
	demoPinProd    = 2 // Production deploying now
)

// demoFlaw is the readiness rule a planted "go" breaks.
type demoFlaw int

const (
	demoFlawNone demoFlaw = iota
	demoFlawTests
	demoFlawApproval
	demoFlawChecklist
)

var (
	demoTypeWeights = []int{3, 34, 44, 16, 3} // in the order of ReleaseTypes
	// demoNear are days after today that a few releases are forced onto so the
	// next weeks always have work in progress, decisions and conflicts to show.
	demoNear = []struct{ days, pin int }{{0, demoPinProd}, {1, demoPinStaging}, {3, 0}, {5, 0}, {8, 0}, {10, 0}, {13, 0}}
	// demoDurations is the usual length in minutes of a deployment per position in the path.
	demoDurations = [][2]int{{30, 40}, {30, 45}, {30, 90}, {45, 120}, {60, 150}}
)

const (
	demoOpen     = 8 * 60  // working day starts, minutes after midnight UTC
	demoClose    = 18 * 60 // and ends
	demoGap      = 10 * time.Minute
	demoFailRate = 0.07
	demoUndoRate = 0.04 // rollbacks on UAT, Staging and Production
)

// demoStep is one build going onto one environment: the release's
// environment (an index into g.envs) at a stage of the path.
type demoStep struct {
	stage, env int
	build      string
	running    bool // pinned to be deploying right now
}

// steps lists a release's deployments in order: release candidates go up the
// path, each one further than the last, and the final one reaches Production.
func (g *demoGen) steps(dr *demoRelease, r *Release) []demoStep {
	k := []int{2, 3, 4}[demoWeighted(g, []int{10, 40, 50})]
	reach := []int{k, k, 0, 0, 1}
	if r.Type == TypeHotfix || r.Type == TypeEmergency {
		k = 1 + g.rng.IntN(2)
		reach = []int{k, k, 1, 1, 1}
	} else {
		if g.chance(0.2) {
			reach[1]--
		}
		reach[2] = min(reach[1], g.between(2, 3))
		reach[3] = min(reach[2], g.between(1, 2))
	}
	var out []demoStep
	for b := 1; b <= k; b++ {
		for e, n := range reach {
			if b <= k-n {
				continue
			}
			build := fmt.Sprintf("%s-rc.%d", r.Version, b)
			if e == len(reach)-1 {
				build = r.Version
			}
			out = append(out, demoStep{stage: e, env: g.path[dr.product][e], build: build})
		}
	}
	return out
}

// schedule books a release's deployments from its code freeze to its release
// day, plays out the ones before now (failures, retries, rollbacks) and sets
// the release's status from what happened.
func (g *demoGen) schedule(dr *demoRelease) {
	r := &g.rows.releases[dr.idx]
	if dr.draft {
		r.Status = StatusDraft
		return
	}
	steps := g.steps(dr, r)
	pinStep, pinAt := -1, time.Time{}
	switch dr.pin {
	case demoPinProd:
		pinStep, pinAt = len(steps)-1, demoAt(g.today, 10*60+5*g.rng.IntN(6))
	case demoPinStaging:
		pinStep, pinAt = len(steps)-2, demoAt(g.today, 10*60+30)
	}
	last := demoAddWorkdays(dr.p0, -1)
	if pinStep >= 0 {
		last = demoAddWorkdays(g.today, -1)
	}
	var days []Date
	for d := r.CodeFreeze; !d.After(last); d = d.AddDays(1) {
		if demoWorkday(d) {
			days = append(days, d)
		}
	}
	if len(days) == 0 {
		days = []Date{r.CodeFreeze}
	}
	cursor := demoAt(r.CodeFreeze, demoOpen)
	for j, st := range steps {
		dur := g.duration(st.stage, r.Type)
		var target time.Time
		switch {
		case j == pinStep:
			target = pinAt
		case st.stage == demoStageProd:
			target = demoAt(demoAddWorkdays(dr.p0, dr.slip), demoOpen+15*g.rng.IntN(17))
		default:
			target = demoAt(days[j*len(days)/(len(steps)-1)], demoOpen+15*g.rng.IntN(13))
		}
		var start time.Time
		long := g.minutes(36, 40) * 5 // a pinned deployment is long enough to be running at noon
		if j == pinStep && !target.Before(cursor) && g.frozenUntil(st.env, target, target.Add(long)).IsZero() &&
			g.busyUntil(st.env, target, target.Add(long)).IsZero() {
			dur, start, st.running = long, target, true
		} else {
			if j == pinStep {
				dr.pin = 0 // the earlier steps ran late: this release is not deploying right now after all
			}
			start = g.slot(st.env, demoLater(cursor, target), dur)
		}
		// A cancelled release stopped after QA, or before it began when that is still to come.
		if dr.cancel && (st.stage >= demoStageUAT || start.After(g.now.Add(-24*time.Hour))) {
			break
		}
		end, outcome := g.deploy(dr, st, start, dur, "", 0)
		for try := 1; outcome == OutcomeFailed || (outcome == OutcomeRolledBack && st.stage != demoStageProd); try++ {
			start = g.slot(st.env, end.Add(g.minutes(30, 120)), dur)
			end, outcome = g.deploy(dr, st, start, dur, "Retry after the failed attempt.", try)
		}
		cursor = end.Add(demoGap + g.minutes(0, 60))
		if outcome == OutcomeRolledBack {
			break
		}
	}
	g.settle(dr)
}

func (g *demoGen) duration(stage int, t ReleaseType) time.Duration {
	d := demoDurations[stage]
	if stage == demoStageProd && t == TypeMajor {
		d = [2]int{120, 240}
	}
	return time.Duration(d[0]+5*g.rng.IntN((d[1]-d[0])/5+1)) * time.Minute
}

// deploy records one attempt at a step: planned, in progress, or finished
// with an outcome when it lies before now. It returns when the environment is
// free again and the outcome.
func (g *demoGen) deploy(dr *demoRelease, st demoStep, start time.Time, dur time.Duration, note string, try int) (time.Time, Outcome) {
	r := &g.rows.releases[dr.idx]
	end := start.Add(dur)
	g.book(st.env, start, end)
	performer := demoPick(g, g.staff(demoSRE, dr.product))
	if st.stage < demoStageUAT {
		performer = dr.owner
	}
	d := demoDeployment{EnvironmentID: g.envs[st.env].ID, Build: st.build, PlannedStart: start, PlannedEnd: end, Outcome: OutcomePlanned,
		PerformedBy: g.people[performer].Name, Notes: note, CreatedAt: demoEarlier(r.CreatedAt.Add(2*time.Hour), start.Add(-time.Hour))}
	if try > 0 {
		d.CreatedAt = demoEarlier(start.Add(-30*time.Minute), g.now) // booked when the attempt before it failed
	}
	free := end
	var rb *Rollback
	actStart := start.Add(g.minutes(0, 5))
	if !start.After(g.now) {
		actStart = demoEarlier(actStart, g.now) // what was due to start by now has started
		d.ActualStart = &actStart
		actEnd := actStart.Add(dur * time.Duration(g.between(60, 100)) / 100)
		if st.running {
			actEnd = demoLater(actEnd, g.now.Add(g.minutes(15, 45)))
		}
		roll := g.rng.Float64()
		if try > 0 {
			roll = 0.5 + roll/2 // a retry comes after a fix: it fails half as often
		}
		undo := 0.0
		if st.stage >= demoStageUAT {
			undo = demoUndoRate
		}
		switch {
		case actEnd.After(g.now):
			d.Outcome = OutcomeInProgress
		case dr.cancel || try >= 3 || roll >= demoFailRate+undo:
			d.Outcome = OutcomeSucceeded
		case roll < demoFailRate:
			d.Outcome, d.Notes = OutcomeFailed, demoPick(g, demoFailureNotes)
			actEnd = actStart.Add(dur * time.Duration(g.between(20, 70)) / 100)
		default:
			rb = g.rollback(dr, st.stage, actStart, end)
			if rb.FinishedAt.After(g.now) {
				d.Outcome, rb = OutcomeSucceeded, nil
			} else {
				d.Outcome, actEnd = OutcomeRolledBack, *rb.FinishedAt
			}
		}
		if d.Outcome != OutcomeInProgress {
			d.ActualEnd = &actEnd
			free = demoLater(end, actEnd)
		}
	}
	d.UpdatedAt = d.CreatedAt
	if d.ActualStart != nil {
		d.UpdatedAt = *d.ActualStart
	}
	if d.ActualEnd != nil {
		d.UpdatedAt = *d.ActualEnd
	}
	g.rows.deps = append(g.rows.deps, d)
	g.rows.depRel = append(g.rows.depRel, dr.idx)
	g.rows.depEnv = append(g.rows.depEnv, st.env)
	dr.deps = append(dr.deps, len(g.rows.deps)-1)
	if rb != nil {
		g.rows.rollbacks = append(g.rows.rollbacks, *rb)
		g.rows.rbDep = append(g.rows.rbDep, len(g.rows.deps)-1)
		if st.stage == demoStageProd {
			dr.undone = len(g.rows.rollbacks)
		}
	}
	return free, d.Outcome
}

// rollback describes undoing a deployment that began at began; it is over
// by end, the close of the booked window, so the environment's next booking
// is not disturbed.
func (g *demoGen) rollback(dr *demoRelease, stage int, began, end time.Time) *Rollback {
	broke := began.Add(end.Sub(began) * 2 / 5) // the new version went live and trouble started
	started := broke.Add(5 * time.Minute)
	finished := started.Add(min(end.Sub(started), g.minutes(10, 40)))
	rb := &Rollback{StartedAt: started, FinishedAt: &finished, Reason: demoPick(g, demoRollbackReasons),
		RestoredVersion: dr.previous, DetectedBy: demoPick(g, demoDetectedBy), CreatedAt: started, UpdatedAt: finished}
	if stage == demoStageProd {
		rb.DowntimeMinutes, rb.UsersAffected = int(finished.Sub(broke).Minutes()), g.between(50, 20000)
	} else {
		rb.UsersAffected = g.between(0, 25) // testers
	}
	return rb
}

// settle sets a release's status, dates and last change from its deployments.
func (g *demoGen) settle(dr *demoRelease) {
	r := &g.rows.releases[dr.idx]
	var prod *demoDeployment
	started := false
	for _, i := range dr.deps {
		d := &g.rows.deps[i]
		started = started || d.ActualStart != nil
		if g.envStage[g.rows.depEnv[i]] == demoStageProd {
			prod = d
		}
		r.UpdatedAt = demoLater(r.UpdatedAt, d.UpdatedAt)
	}
	switch {
	case dr.cancel:
		r.Status = StatusCancelled
	case prod != nil && (prod.Outcome == OutcomeSucceeded || prod.Outcome == OutcomeRolledBack):
		r.Status, r.ActualRelease = StatusReleased, DateOf(*prod.ActualStart)
		if prod.Outcome == OutcomeRolledBack {
			r.Status = StatusRolledBack
		}
	case started:
		r.Status = StatusInProgress
	default:
		r.Status = StatusPlanned
	}
	if r.ActualRelease.IsZero() && prod != nil && !dr.cancel {
		r.PlannedRelease = DateOf(prod.PlannedStart) // the plan follows the production booking
	}
}
