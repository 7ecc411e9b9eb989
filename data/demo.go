package data

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gorm.io/gorm"
)

// DefaultDemoReleases is how many releases GenerateDemo makes when asked for
// none: enough for a first look at every screen.
const DefaultDemoReleases = 60

// MaxDemoReleases is the most releases GenerateDemo makes.
const MaxDemoReleases = 100000

// ErrNotEmpty means demo data was asked for a database that already holds a plan.
var ErrNotEmpty = errors.New("demo data goes only into an empty database")

// DemoOptions says how much sample data GenerateDemo makes and from which seed.
type DemoOptions struct {
	// Releases is how many releases to make (DefaultDemoReleases when 0).
	Releases int
	// Seed picks the data: the same seed and Today give the same database.
	Seed int64
	// Today anchors the plan: its history before it (a year, and up to ten
	// for a big plan), six months after (Today() when zero).
	Today Date
	// Progress, when set, is told how many rows of total have been written;
	// it is called on the caller's goroutine while the transaction is open.
	Progress func(done, total int)
	// perProduct is how many releases make one more product
	// (demoReleasesPerProduct when 0): tests grow a company from few releases.
	perProduct int
}

// DemoSummary counts what GenerateDemo wrote.
type DemoSummary struct {
	Products, Environments, Stakeholders, FreezeWindows int
	Releases, Deployments, Rollbacks                    int
	Assignments, ChecklistItems, TestRuns, Decisions    int
	Reviews, ActionItems, History                       int
	WorkItems, Dependencies, Replans                    int
}

// String lists the counts in one line, biggest things first.
func (s DemoSummary) String() string {
	return fmt.Sprintf("%d releases, %d deployments, %d rollbacks, %d products, %d environments, %d stakeholders, "+
		"%d freeze windows, %d RACI assignments, %d checklist items, %d test runs, %d go/no-go decisions, %d reviews, %d action items, "+
		"%d work items, %d dependencies, %d re-plans",
		s.Releases, s.Deployments, s.Rollbacks, s.Products, s.Environments, s.Stakeholders, s.FreezeWindows,
		s.Assignments, s.ChecklistItems, s.TestRuns, s.Decisions, s.Reviews, s.ActionItems, s.WorkItems, s.Dependencies, s.Replans)
}

// GenerateDemo fills an empty database with a realistic sample plan of a
// company that grows with it (see demo_catalog.go): products in business
// units, their promotion paths, people, freeze windows and opt.Releases
// releases, each with its deployments, rollbacks, RACI, checklist, tests,
// decisions and review. The releases spread over the six months after
// opt.Today and a history before it as long as the products need to ship
// about forty releases a year each: a year for a small plan, ten for the
// largest. A few conflicts are planted on purpose so that the conflict
// screens have something true to show. Everything is written in one
// transaction: on any error nothing is.
func GenerateDemo(ctx context.Context, s *Store, opt DemoOptions) (DemoSummary, error) {
	if opt.Releases == 0 {
		opt.Releases = DefaultDemoReleases
	}
	if opt.Releases < 1 || opt.Releases > MaxDemoReleases {
		return DemoSummary{}, fieldError("Releases", "must be between 1 and %d", MaxDemoReleases)
	}
	if opt.Today.IsZero() {
		opt.Today = Today()
	}
	var sum DemoSummary
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := demoRequireEmpty(tx); err != nil {
			return err
		}
		g := newDemoGen(opt)
		g.buildCatalog(opt.Releases, cmp.Or(opt.perProduct, demoReleasesPerProduct))
		g.from = g.today.AddDays(-demoHistoryDays(opt.Releases, len(g.catalog)))
		w := &demoWriter{tx: demoDirect(tx), ctx: ctx}
		if err := g.writeCatalog(w); err != nil {
			return err
		}
		g.plan(opt.Releases)
		w.progress, w.total = opt.Progress, g.rows.count()+g.scope.count()
		if err := g.rows.write(w); err != nil {
			return err
		}
		if err := g.scope.write(w, g.rows.releases, g.envs); err != nil {
			return err
		}
		sum = g.summary()
		return nil
	})
	if err != nil {
		return DemoSummary{}, err
	}
	return sum, nil
}

// demoRequireEmpty refuses a database that already holds any part of a plan.
func demoRequireEmpty(tx *gorm.DB) error {
	for _, t := range []struct {
		model     any
		one, many string
	}{{&Release{}, "release", "releases"}, {&Product{}, "product", "products"}, {&Environment{}, "environment", "environments"},
		{&Stakeholder{}, "stakeholder", "stakeholders"}, {&FreezeWindow{}, "freeze window", "freeze windows"}} {
		var n int64
		if err := tx.Model(t.model).Count(&n).Error; err != nil {
			return err
		}
		if n == 1 {
			return fmt.Errorf("the database already holds 1 %s: %w", t.one, ErrNotEmpty)
		}
		if n > 1 {
			return fmt.Errorf("the database already holds %d %s: %w", n, t.many, ErrNotEmpty)
		}
	}
	return nil
}

// demoGen builds the sample plan in memory.
type demoGen struct {
	rng   *rand.Rand
	today Date
	now   time.Time // noon of Today: what is before it has happened
	// from is the first day of the plan's history.
	from Date
	// The company (see demo_catalog.go): products and their business units,
	// environments with the stage and products of each, people by role.
	catalog     []demoProduct
	units       []demoUnit
	productUnit []int
	path        [][demoStages]int // per product, its environment at each stage
	envStage    []int
	envProducts [][]int // per environment, the products it is kept for (nil: all)
	leads       []int
	engineers   [][]int
	unitStaff   [][demoInformed + 1][]int
	company     [demoInformed + 1][]int
	products    []Product
	envs        []Environment
	people      []Stakeholder
	freezes     []demoFreeze
	// envFreezes are the windows covering each environment while the plan is scheduled.
	envFreezes [][]*FreezeWindow
	busy       []map[int64]*demoDayBook // per environment and UTC day number, the booked deployment windows
	rel        []*demoRelease
	rows       demoRows
	scope      demoScope
	changes    int // last change reference number
}

type demoSpan struct{ start, end time.Time }

// demoFreeze lists the environments a recurring freeze covers (nil: all).
type demoFreeze struct {
	envs []int
}

func newDemoGen(opt DemoOptions) *demoGen {
	// The second PCG word is fixed so that the seed alone picks the data.
	g := &demoGen{rng: rand.New(rand.NewPCG(uint64(opt.Seed), 0x52656c6561736544)), today: opt.Today}
	g.now = demoAt(opt.Today, 12*60)
	g.changes = 24000 + g.rng.IntN(5000)
	return g
}

func (g *demoGen) summary() DemoSummary {
	rw := &g.rows
	return DemoSummary{Products: len(g.products), Environments: len(g.envs), Stakeholders: len(g.people),
		FreezeWindows: len(rw.freezes), Releases: len(rw.releases), Deployments: len(rw.deps), Rollbacks: len(rw.rollbacks),
		Assignments: len(rw.assigns), ChecklistItems: len(rw.checklist), TestRuns: len(rw.tests), Decisions: len(rw.decisions),
		Reviews: len(rw.reviews), ActionItems: len(rw.actions), History: len(rw.history),
		WorkItems: len(g.scope.items), Dependencies: len(g.scope.depends), Replans: len(g.scope.replans)}
}

// plan makes the releases and everything that hangs off them.
func (g *demoGen) plan(n int) {
	g.envFreezes = make([][]*FreezeWindow, len(g.envs))
	for i, f := range g.freezes {
		for env := range g.envs {
			if f.envs == nil || slices.Contains(f.envs, env) {
				g.envFreezes[env] = append(g.envFreezes[env], &g.rows.freezes[i]) // the slice no longer grows before the event freeze
			}
		}
	}
	g.planReleases(n)
	order := slices.Clone(g.rel)
	slices.SortStableFunc(order, func(a, b *demoRelease) int { return b.pin - a.pin }) // pinned ones book first
	for _, dr := range order {
		g.schedule(dr)
	}
	g.chooseGoReleases()
	for _, dr := range g.rel {
		g.records(dr)
	}
	g.plantOverlaps(3)
	g.plantOrderConflict()
	g.plantEventFreeze()
	g.planScope()
}

// planReleases draws the releases: days, products, types, versions and titles.
func (g *demoGen) planReleases(n int) {
	type slot struct {
		day Date
		pin int
	}
	lo, span := g.from, g.from.DaysUntil(g.today)+demoFutureDays
	days := make([]slot, n)
	for i := range days {
		days[i].day = g.releasable(lo.AddDays(g.rng.IntN(span + 1)))
	}
	for i := range min(len(demoNear), n/8) {
		days[i] = slot{g.releasable(g.today.AddDays(demoNear[i].days)), demoNear[i].pin}
		if demoNear[i].pin != 0 && !demoWorkday(g.today) {
			days[i].pin = 0 // nothing deploys at the weekend
		}
	}
	slices.SortStableFunc(days, func(a, b slot) int { return a.day.t.Compare(b.day.t) })
	weights := make([]int, len(g.catalog))
	type version struct{ major, minor, patch int }
	versions := make([]version, len(g.catalog))
	previous := make([]string, len(g.catalog))
	for i, p := range g.catalog {
		weights[i], versions[i] = p.weight, version{p.major, p.minor, 0}
		previous[i] = fmt.Sprintf("%d.%d.0", p.major, p.minor)
	}
	g.rows.releases = make([]Release, 0, n)
	for _, d := range days {
		pi := demoWeighted(g, weights)
		p := g.catalog[pi]
		typ := ReleaseTypes[demoWeighted(g, demoTypeWeights)]
		v := &versions[pi]
		switch typ {
		case TypeMajor:
			*v = version{v.major + 1, 0, 0}
		case TypeMinor:
			*v = version{v.major, v.minor + 1, 0}
		default:
			v.patch++
		}
		dr := &demoRelease{idx: len(g.rows.releases), product: pi, p0: d.day, pin: d.pin, previous: previous[pi]}
		dr.cancel = d.pin == 0 && g.chance(0.03)
		dr.draft = !dr.cancel && d.pin == 0 && d.day.After(g.today.AddDays(60)) && g.chance(0.4)
		if d.day.Before(g.today.AddDays(-10)) {
			if r := g.rng.Float64(); r < 0.15 {
				dr.slip = g.between(1, 4)
			} else if r < 0.18 {
				dr.slip = -1
			}
		}
		dr.owner = demoPick(g, g.staff(demoEngineer, pi))
		r := Release{ProductID: g.products[pi].ID, Version: fmt.Sprintf("%d.%d.%d", v.major, v.minor, v.patch), Type: typ,
			Owner: g.people[dr.owner].Name, PlannedRelease: d.day}
		if !dr.cancel {
			previous[pi] = r.Version
		}
		g.describe(&r, p)
		freezeDays := g.between(5, 14)
		if typ == TypeHotfix || typ == TypeEmergency {
			freezeDays = g.between(5, 7)
		}
		r.CodeFreeze = demoAddWorkdays(d.day.AddDays(-freezeDays), 0)
		if r.CodeFreeze.After(d.day.AddDays(-5)) {
			r.CodeFreeze = demoAddWorkdays(d.day.AddDays(-freezeDays), -1) // a weekend freeze moves back to Friday
		}
		g.changes += g.between(1, 40)
		r.ChangeRef = fmt.Sprintf("CHG-%d", g.changes)
		created := demoAt(r.CodeFreeze.AddDays(-g.between(14, 45)), 9*60+g.between(0, 480))
		if !created.Before(g.now) {
			created = g.now.Add(-time.Duration(g.between(2, 30*24)) * time.Hour)
		}
		r.CreatedAt, r.UpdatedAt = created, created
		g.rows.releases = append(g.rows.releases, r)
		g.rel = append(g.rel, dr)
	}
}

// releasable moves d to the first working day on or after it on which
// Production is not frozen: nobody plans a release into a freeze.
func (g *demoGen) releasable(d Date) Date {
	d = demoAddWorkdays(d, 0)
	for {
		until := g.frozenUntil(g.path[0][demoStageProd], demoAt(d, demoOpen), demoAt(d, demoClose))
		if until.IsZero() {
			return d
		}
		d = demoAddWorkdays(DateOf(until), 0)
	}
}

// describe gives a release its title, description and risk.
func (g *demoGen) describe(r *Release, p demoProduct) {
	subject := demoPick(g, p.areas)
	if r.Type == TypeHotfix || r.Type == TypeEmergency {
		subject = demoPick(g, p.problems)
	}
	r.Title = demoCapitalize(fmt.Sprintf(demoPick(g, demoTitleTemplates[r.Type]), subject))
	r.Description = demoCapitalize(fmt.Sprintf(demoPick(g, demoDescriptions[r.Type]), subject))
	risks := map[ReleaseType][]int{ // weights of low, medium, high
		TypeMajor: {0, 1, 1}, TypeMinor: {7, 6, 2}, TypePatch: {7, 3, 0}, TypeHotfix: {0, 3, 2}, TypeEmergency: {0, 1, 3},
	}[r.Type]
	r.Risk = Risks[demoWeighted(g, risks)]
	if notes := demoRiskNotes[r.Risk]; notes != nil {
		r.RiskNotes = demoPick(g, notes)
	}
}

// Small helpers over the random source and the calendar.

func (g *demoGen) chance(p float64) bool { return g.rng.Float64() < p }

// between returns a whole number in [lo, hi].
func (g *demoGen) between(lo, hi int) int { return lo + g.rng.IntN(hi-lo+1) }

func (g *demoGen) minutes(lo, hi int) time.Duration {
	return time.Duration(g.between(lo, hi)) * time.Minute
}

func demoPick[T any](g *demoGen, xs []T) T { return xs[g.rng.IntN(len(xs))] }

// demoWeighted picks an index with probability proportional to its weight.
func demoWeighted(g *demoGen, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := g.rng.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// demoAt is the instant minutes after midnight UTC of day d.
func demoAt(d Date, minutes int) time.Time { return d.t.Add(time.Duration(minutes) * time.Minute) }

func demoWorkday(d Date) bool {
	wd := d.t.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// demoAddWorkdays moves n working days from d (backwards when n < 0); n = 0
// moves a weekend day forward to Monday.
func demoAddWorkdays(d Date, n int) Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for !demoWorkday(d) {
		d = d.AddDays(step)
	}
	for ; n > 0; n-- {
		d = d.AddDays(step)
		for !demoWorkday(d) {
			d = d.AddDays(step)
		}
	}
	return d
}

func demoLater(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func demoEarlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// demoClamp keeps t within [lo, hi] (hi wins when they cross).
func demoClamp(t, lo, hi time.Time) time.Time { return demoEarlier(demoLater(t, lo), hi) }

func demoCapitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func demoPtr(t time.Time) *time.Time { return &t }

// demoNames joins people's names for an attendee list.
func demoNames(people []Stakeholder, idx []int) string {
	names := make([]string, len(idx))
	for i, p := range idx {
		names[i] = people[p].Name
	}
	return strings.Join(names, ", ")
}
