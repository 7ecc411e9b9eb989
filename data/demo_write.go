package data

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
)

// How GenerateDemo reaches the database: the catalog first, then every other
// row in batches, parents before children.

// writeCatalog inserts products, environments and people (the releases need
// their ids) and lays out the freeze calendar.
func (g *demoGen) writeCatalog(w *demoWriter) error {
	epoch := demoAt(g.from.AddDays(-35), 9*60)
	for _, p := range g.catalog {
		g.products = append(g.products, Product{Name: p.name, Description: p.description, CreatedAt: epoch, UpdatedAt: epoch})
	}
	g.buildEnvironments()
	for i := range g.envs {
		g.envs[i].Position, g.envs[i].CreatedAt, g.envs[i].UpdatedAt = i+1, epoch, epoch
	}
	g.buildPeople()
	for i := range g.people {
		g.people[i].CreatedAt, g.people[i].UpdatedAt = epoch, epoch
	}
	if err := errors.Join(demoInsert(w, g.products), demoInsert(w, g.envs), demoInsert(w, g.people)); err != nil {
		return err
	}
	var kept []EnvironmentProduct
	for e, products := range g.envProducts {
		for _, p := range products {
			kept = append(kept, EnvironmentProduct{EnvironmentID: g.envs[e].ID, ProductID: g.products[p].ID})
		}
	}
	if err := demoInsert(w, kept); err != nil {
		return err
	}
	for _, p := range g.products {
		g.rows.history = append(g.rows.history, History{Entity: EntityProduct, EntityID: p.ID, Action: ActionCreate, At: epoch})
	}
	for _, e := range g.envs {
		g.rows.history = append(g.rows.history, History{Entity: EntityEnvironment, EntityID: e.ID, Action: ActionCreate, At: epoch})
	}
	for _, p := range g.people {
		g.rows.history = append(g.rows.history, History{Entity: EntityStakeholder, EntityID: p.ID, Action: ActionCreate, At: epoch})
	}
	g.freezeCalendar()
	return nil
}

// demoRows is everything GenerateDemo writes, with each child's parent as an
// index into the parent's slice until the parent has its id.
type demoRows struct {
	releases  []Release
	deps      []demoDeployment
	depRel    []int
	depEnv    []int
	rollbacks []Rollback
	rbDep     []int
	assigns   []demoAssignment
	asRel     []int
	checklist []demoChecklistItem
	clRel     []int
	tests     []demoTestRun
	trRel     []int
	decisions []GoDecision
	decRel    []int
	reviews   []Review
	rvRel     []int
	actions   []ActionItem
	acRev     []int
	freezes   []FreezeWindow
	history   []History
}

func (rw *demoRows) count() int {
	return 2*len(rw.releases) + len(rw.deps) + len(rw.rollbacks) + len(rw.assigns) + len(rw.checklist) +
		len(rw.tests) + len(rw.decisions) + len(rw.reviews) + len(rw.actions) + len(rw.freezes)
}

// write inserts the rows parents first, filling in each child's parent id.
func (rw *demoRows) write(w *demoWriter) error {
	if err := demoInsert(w, rw.releases); err != nil {
		return err
	}
	for i := range rw.releases {
		r := &rw.releases[i]
		id := r.ID
		rw.history = append(rw.history, History{Entity: EntityRelease, EntityID: id, ReleaseID: &id, Action: ActionCreate, At: r.CreatedAt})
	}
	rel := func(i int) uint { return rw.releases[i].ID }
	for i := range rw.deps {
		rw.deps[i].ReleaseID = rel(rw.depRel[i])
	}
	if err := demoInsertLean[Deployment](w, rw.deps); err != nil {
		return err
	}
	for i := range rw.rollbacks {
		rw.rollbacks[i].DeploymentID = rw.deps[rw.rbDep[i]].ID
	}
	for i := range rw.assigns {
		rw.assigns[i].ReleaseID = rel(rw.asRel[i])
	}
	for i := range rw.checklist {
		rw.checklist[i].ReleaseID = rel(rw.clRel[i])
	}
	for i := range rw.tests {
		rw.tests[i].ReleaseID = rel(rw.trRel[i])
	}
	for i := range rw.decisions {
		rw.decisions[i].ReleaseID = rel(rw.decRel[i])
	}
	for i := range rw.reviews {
		rw.reviews[i].ReleaseID = rel(rw.rvRel[i])
	}
	if err := errors.Join(demoInsert(w, rw.rollbacks), demoInsertLean[ReleaseStakeholder](w, rw.assigns), demoInsertLean[ChecklistItem](w, rw.checklist),
		demoInsertLean[TestRun](w, rw.tests), demoInsert(w, rw.decisions), demoInsert(w, rw.reviews)); err != nil {
		return err
	}
	for i := range rw.actions {
		rw.actions[i].ReviewID = rw.reviews[rw.acRev[i]].ID
	}
	if err := demoInsert(w, rw.actions); err != nil {
		return err
	}
	if len(rw.freezes) > 0 {
		// Omitting "Environments.*" writes the join rows but leaves the environments alone.
		if err := w.tx.Omit("Environments.*").Create(&rw.freezes).Error; err != nil {
			return translate(err)
		}
		for _, fw := range rw.freezes {
			rw.history = append(rw.history, History{Entity: EntityFreezeWindow, EntityID: fw.ID, Action: ActionCreate, At: fw.CreatedAt})
		}
		if err := w.advance(len(rw.freezes)); err != nil {
			return err
		}
	}
	return demoInsert(w, rw.history)
}

// demoWriter inserts rows in batches inside the demo's transaction and
// reports progress. Its statements run without the caller's context: with
// one that can be cancelled, the SQLite driver starts a goroutine to watch
// it for every row a statement returns, which cost more than the inserts.
// The caller's context is checked between batches instead.
type demoWriter struct {
	tx          *gorm.DB
	ctx         context.Context
	done, total int
	progress    func(done, total int)
}

// advance counts n more rows written and tells whether to go on.
func (w *demoWriter) advance(n int) error {
	w.done += n
	if w.progress != nil {
		w.progress(min(w.done, w.total), w.total)
	}
	return w.ctx.Err()
}

// demoDirect runs the demo's inserts on the transaction itself: through the
// prepared-statement cache every batch would prepare a statement that stays
// open until the commit, hundreds of megabytes for a big plan.
func demoDirect(tx *gorm.DB) *gorm.DB {
	direct := tx.Session(&gorm.Session{Context: context.WithoutCancel(tx.Statement.Context)}) // a Context makes the session copy the statement
	if p, ok := tx.Statement.ConnPool.(*gorm.PreparedStmtTX); ok {
		direct.Statement.ConnPool = p.Tx
	}
	return direct
}

type demoDeployment struct {
	ID, ReleaseID, EnvironmentID uint
	Build                        string
	PlannedStart, PlannedEnd     time.Time
	ActualStart, ActualEnd       *time.Time
	Outcome                      Outcome
	PerformedBy, Notes           string
	CreatedAt, UpdatedAt         time.Time
}

func (d *demoDeployment) model() Deployment {
	return Deployment{ReleaseID: d.ReleaseID, EnvironmentID: d.EnvironmentID, Build: d.Build, PlannedStart: d.PlannedStart,
		PlannedEnd: d.PlannedEnd, ActualStart: d.ActualStart, ActualEnd: d.ActualEnd, Outcome: d.Outcome, PerformedBy: d.PerformedBy,
		Notes: d.Notes, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt}
}

func (d *demoDeployment) took(id uint) { d.ID = id }

type demoAssignment struct {
	ReleaseID, StakeholderID uint
	Role                     RACIRole
	Approval                 Approval
	ApprovedAt               *time.Time
	ApprovalComment          string
	CreatedAt, UpdatedAt     time.Time
}

func (a *demoAssignment) model() ReleaseStakeholder {
	return ReleaseStakeholder{ReleaseID: a.ReleaseID, StakeholderID: a.StakeholderID, Role: a.Role, Approval: a.Approval,
		ApprovedAt: a.ApprovedAt, ApprovalComment: a.ApprovalComment, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt}
}

func (a *demoAssignment) took(uint) {}

type demoChecklistItem struct {
	ReleaseID            uint
	Category             ChecklistCategory
	Title, Owner         string
	Due                  Date
	Done                 bool
	CreatedAt, UpdatedAt time.Time
}

func (c *demoChecklistItem) model() ChecklistItem {
	return ChecklistItem{ReleaseID: c.ReleaseID, Category: c.Category, Title: c.Title, Owner: c.Owner, Due: c.Due, Done: c.Done,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
}

func (c *demoChecklistItem) took(uint) {}

type demoTestRun struct {
	ReleaseID, EnvironmentID uint
	Suite                    string
	Passed, Failed, Skipped  int
	RunAt                    time.Time
	Notes                    string
	CreatedAt, UpdatedAt     time.Time
}

func (t *demoTestRun) model() TestRun {
	return TestRun{ReleaseID: t.ReleaseID, EnvironmentID: t.EnvironmentID, Suite: t.Suite, Passed: t.Passed, Failed: t.Failed,
		Skipped: t.Skipped, RunAt: t.RunAt, Notes: t.Notes, CreatedAt: t.CreatedAt, UpdatedAt: t.UpdatedAt}
}

func (t *demoTestRun) took(uint) {}
