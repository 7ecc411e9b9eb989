package data

import (
	"fmt"
	"math"
	"strings"
)

// The company a demo plan belongs to grows with the plan, as real ones do:
// about one product per demoReleasesPerProduct releases, each with its own
// team and its own Dev and QA, grouped into business units whose products
// share a UAT, a Staging and a Production. Only a unit's releases compete
// for its shared environments, so a bigger plan is a bigger company, not a
// denser calendar.

const (
	demoReleasesPerProduct = 400
	demoProductsPerUnit    = 8
	// demoReleasesPerYear is about how many releases a product ships in a
	// year: the plan goes back as far as its products need at that pace.
	demoReleasesPerYear = 40
	demoMinHistoryDays  = 365
	demoMaxHistoryDays  = 3652 // ten years
	demoFutureDays      = 182
)

// The stages of every product's promotion path, first to last.
const (
	demoStageDev = iota
	demoStageQA
	demoStageUAT
	demoStageStaging
	demoStageProd
	demoStages
)

var demoStageKinds = [demoStages]EnvironmentKind{KindDevelopment, KindTest, KindUAT, KindStaging, KindProduction}

// demoUnit is a business unit: products that share their later stages.
type demoUnit struct {
	name     string
	products []int
	shared   [demoStages]int // its UAT, Staging and Production, as indices into g.envs
}

// demoProductCount is how many products a plan of n releases has, one
// more for every perProduct releases.
func demoProductCount(n, perProduct int) int {
	return max(len(demoNamedProducts), int(math.Round(float64(n)/float64(perProduct))))
}

// demoHistoryDays is how far before today a plan of n releases over
// products products begins.
func demoHistoryDays(n, products int) int {
	days := n * 365 / (products * demoReleasesPerYear)
	return min(max(days, demoMinHistoryDays), demoMaxHistoryDays)
}

// buildCatalog draws the products of a plan of n releases and groups them
// into business units; the named products come first, in the first unit.
func (g *demoGen) buildCatalog(n, perProduct int) {
	count := demoProductCount(n, perProduct)
	g.catalog = append(g.catalog, demoNamedProducts...)
	taken := map[string]bool{}
	keys := map[string]bool{}
	for _, p := range demoNamedProducts {
		taken[p.name], keys[p.key] = true, true
	}
	order := g.rng.Perm(len(demoDomains) * len(demoProductKinds))
	for _, k := range order {
		if len(g.catalog) == count {
			break
		}
		domain, kind := demoDomains[k/len(demoProductKinds)], demoProductKinds[k%len(demoProductKinds)]
		name := domain + " " + kind.noun
		if taken[name] {
			continue
		}
		taken[name] = true
		g.catalog = append(g.catalog, g.inventProduct(domain, kind, keys))
	}
	units := max(1, int(math.Round(float64(count)/demoProductsPerUnit)))
	g.productUnit = make([]int, count)
	for u := range units {
		unit := demoUnit{name: demoUnitNames[u%len(demoUnitNames)]}
		if u >= len(demoUnitNames) {
			unit.name = fmt.Sprintf("%s %d", unit.name, u/len(demoUnitNames)+1)
		}
		for p := u * count / units; p < (u+1)*count/units; p++ {
			unit.products = append(unit.products, p)
			g.productUnit[p] = u
		}
		g.units = append(g.units, unit)
	}
	// A unit's later products build on its earlier ones (never the other
	// way round, so no dependency can close a cycle).
	for _, unit := range g.units {
		for j, p := range unit.products {
			if p < len(demoNamedProducts) || j == 0 {
				continue
			}
			for _, k := range g.rng.Perm(j)[:min(j, g.between(1, 2))] {
				g.catalog[p].providers = append(g.catalog[p].providers, unit.products[k])
			}
		}
	}
}

// inventProduct makes up a product of a business domain.
func (g *demoGen) inventProduct(domain string, kind demoProductKind, keys map[string]bool) demoProduct {
	subject := strings.ToLower(domain)
	p := demoProduct{name: domain + " " + kind.noun, description: fmt.Sprintf(kind.description, subject),
		major: g.between(1, 6), minor: g.between(0, 9), weight: g.between(10, 30)}
	for _, a := range demoAreaTemplates {
		p.areas = append(p.areas, fmt.Sprintf(a, subject))
	}
	for _, a := range demoProblemTemplates {
		p.problems = append(p.problems, fmt.Sprintf(a, subject))
	}
	letters := strings.ToUpper(strings.ReplaceAll(domain, " ", ""))
	base := letters[:min(4, len(letters))] + kind.noun[:1]
	p.key = base
	for i := 2; keys[p.key]; i++ {
		p.key = fmt.Sprintf("%s%d", base, i)
	}
	keys[p.key] = true
	return p
}

// buildEnvironments lays out the promotion path: every product's Dev, then
// every product's QA, then each unit's UAT, Staging and Production, so the
// path's order holds for each product. One unit's shared environments
// have the plain names and are open to every product, as in a small
// company; several units' are named after the unit and kept for its products.
func (g *demoGen) buildEnvironments() {
	add := func(stage int, name, description string, products []int) int {
		g.envs = append(g.envs, Environment{Name: name, Kind: demoStageKinds[stage], Description: description})
		g.envStage = append(g.envStage, stage)
		g.envProducts = append(g.envProducts, products)
		g.busy = append(g.busy, map[int64]*demoDayBook{})
		return len(g.envs) - 1
	}
	g.path = make([][demoStages]int, len(g.catalog))
	for p, prod := range g.catalog {
		g.path[p][demoStageDev] = add(demoStageDev, prod.name+" Dev",
			"The "+prod.name+" team's development environment; every merged build lands here.", []int{p})
	}
	for p, prod := range g.catalog {
		g.path[p][demoStageQA] = add(demoStageQA, prod.name+" QA",
			"Test environment for "+prod.name+": the QA team's functional and regression suites.", []int{p})
	}
	for stage := demoStageUAT; stage < demoStages; stage++ {
		for u := range g.units {
			unit := &g.units[u]
			name, scope, shared := demoSharedNames[stage-demoStageUAT], unit.products, ""
			if len(g.units) == 1 {
				scope = nil
			} else {
				name, shared = unit.name+" "+name, " Shared by the "+unit.name+" products."
			}
			unit.shared[stage] = add(stage, name, demoSharedDescriptions[stage-demoStageUAT]+shared, scope)
			for _, p := range unit.products {
				g.path[p][stage] = unit.shared[stage]
			}
		}
	}
}

// unitOfEnv is the business unit an environment serves.
func (g *demoGen) unitOfEnv(env int) int {
	if kept := g.envProducts[env]; len(kept) > 0 {
		return g.productUnit[kept[0]]
	}
	return 0 // open to every product: the company has one unit
}

// envsOfStage lists the environments of one stage, in path order.
func (g *demoGen) envsOfStage(stage int) []int {
	var out []int
	for e, s := range g.envStage {
		if s == stage {
			out = append(out, e)
		}
	}
	return out
}

// buildPeople staffs the company: a lead and two engineers per product,
// release managers, testers and site reliability engineers per unit, and
// a few people who work across the company. The named people come first.
func (g *demoGen) buildPeople() {
	g.leads = make([]int, len(g.catalog))
	g.engineers = make([][]int, len(g.catalog))
	g.unitStaff = make([][demoInformed + 1][]int, len(g.units))
	used := map[string]bool{}
	add := func(name, team, title string, role demoRole, product, unit int) {
		used[name] = true
		email := strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@example.com"
		g.people = append(g.people, Stakeholder{Name: name, Email: email, Team: team, Title: title})
		i := len(g.people) - 1
		switch {
		case role == demoLead:
			g.leads[product] = i
		case role == demoEngineer:
			g.engineers[product] = append(g.engineers[product], i)
		case unit >= 0:
			g.unitStaff[unit][role] = append(g.unitStaff[unit][role], i)
		default:
			g.company[role] = append(g.company[role], i)
		}
	}
	for _, p := range demoPeople {
		unit := -1
		if p.role == demoReleaser || p.role == demoQA || p.role == demoSRE {
			unit = 0
		}
		add(p.name, p.team, p.title, p.role, max(p.product, 0), unit)
	}
	names := g.rng.Perm(len(demoFirstNames) * len(demoLastNames))
	fresh := func() string {
		for len(names) > 0 {
			k := names[0]
			names = names[1:]
			if name := demoFirstNames[k/len(demoLastNames)] + " " + demoLastNames[k%len(demoLastNames)]; !used[name] {
				return name
			}
		}
		panic("data: the demo ran out of people's names") // the lists hold far more names than MaxDemoReleases needs
	}
	for p := len(demoNamedProducts); p < len(g.catalog); p++ {
		team := g.catalog[p].name + " Engineering"
		add(fresh(), team, "Engineering Manager", demoLead, p, -1)
		for range 2 {
			add(fresh(), team, demoPick(g, demoEngineerTitles), demoEngineer, p, -1)
		}
	}
	for u := 1; u < len(g.units); u++ {
		prefix := g.units[u].name + " "
		for _, s := range demoUnitRoles {
			add(fresh(), prefix+s.team, s.title, s.role, 0, u)
		}
	}
	if len(g.units) > 1 { // the first unit's people are the named ones: their teams get its name too
		for _, role := range []demoRole{demoReleaser, demoQA, demoSRE} {
			for _, i := range g.unitStaff[0][role] {
				g.people[i].Team = g.units[0].name + " " + g.people[i].Team
			}
		}
	}
}

// staff lists the people of a role who serve product p: its own lead or
// engineers, its unit's release managers, testers and SREs, or the
// company's consulted and informed people (in demoPeople order).
func (g *demoGen) staff(role demoRole, p int) []int {
	switch role {
	case demoLead:
		return g.leads[p : p+1]
	case demoEngineer:
		return g.engineers[p]
	case demoReleaser, demoQA, demoSRE:
		return g.unitStaff[g.productUnit[p]][role]
	}
	return g.company[role]
}
