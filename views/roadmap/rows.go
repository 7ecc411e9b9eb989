package roadmap

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/timeline"
)

// LoadStats says what one load of the Timeline screen read and how long it took.
type LoadStats struct {
	Releases, Deployments, Conflicts int
	// Query is the time spent in the database, Total until the rows were on screen.
	Query, Total time.Duration
}

// timelineHint is the status line when nothing is hovered or selected.
const timelineHint = "Drag a planned bar to reschedule it · double-click a release to open it · +/− zoom · T today"

// timelineFilter says which releases the Timeline screen shows.
type timelineFilter struct {
	productID uint // 0 shows every product
	finished  bool // also show released, rolled back and cancelled releases
}

// isFinished reports whether a release is at an end of its lifecycle. A
// rolled-back release counts until it is planned again.
func isFinished(s data.ReleaseStatus) bool {
	return s == data.StatusReleased || s == data.StatusRolledBack || s == data.StatusCancelled
}

// timelinePlan is the loaded timeline data indexed for lookups: what the rows,
// the status line and the move questions read.
type timelinePlan struct {
	data         data.TimelineData
	conflicts    map[uint][]data.Finding // deployment id -> findings
	dependencies []data.Dependency       // among every release, by id
	baselines    map[uint]data.Baseline  // release id -> its bar and baseline
	// from and to bound the stretch of time the data covers; elsewhere
	// counts the releases outside it when it holds none.
	from, to  time.Time
	elsewhere int

	releases    map[uint]int // release id -> index in data.Releases
	deployments map[uint]int // deployment id -> index in data.Deployments
	envAt       map[uint]int // environment id -> index in the promotion path
	stage       map[uint]int // environment id -> its kind's place in data.EnvironmentKinds
	byRelease   [][]int32    // per release index, its deployments' indices
	products    []data.Product
}

// newTimelinePlan indexes td; conflicts may be nil.
func newTimelinePlan(td data.TimelineData, conflicts map[uint][]data.Finding) *timelinePlan {
	p := &timelinePlan{data: td, conflicts: conflicts,
		releases:    make(map[uint]int, len(td.Releases)),
		deployments: make(map[uint]int, len(td.Deployments)),
		envAt:       make(map[uint]int, len(td.Environments)),
		stage:       make(map[uint]int, len(td.Environments)),
		byRelease:   make([][]int32, len(td.Releases)),
	}
	for i, e := range td.Environments {
		p.envAt[e.ID] = i
		p.stage[e.ID] = max(0, slices.Index(data.EnvironmentKinds, e.Kind))
	}
	seen := map[uint]bool{}
	for i, r := range td.Releases {
		p.releases[r.ID] = i
		if !seen[r.ProductID] {
			seen[r.ProductID] = true
			p.products = append(p.products, data.Product{ID: r.ProductID, Name: r.Product})
		}
	}
	slices.SortFunc(p.products, func(a, b data.Product) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.ID, b.ID))
	})
	for i, d := range td.Deployments {
		p.deployments[d.ID] = i
		if ri, ok := p.releases[d.ReleaseID]; ok {
			p.byRelease[ri] = append(p.byRelease[ri], int32(i))
		}
	}
	return p
}

// release returns the release with id, or nil.
func (p *timelinePlan) release(id uint) *data.TimelineRelease {
	if i, ok := p.releases[id]; ok {
		return &p.data.Releases[i]
	}
	return nil
}

// deployment returns the deployment with id, or nil; nil before the first load too.
func (p *timelinePlan) deployment(id uint) *data.TimelineDeployment {
	if p == nil {
		return nil
	}
	if i, ok := p.deployments[id]; ok {
		return &p.data.Deployments[i]
	}
	return nil
}

// environmentNames names the chart's colours: one per kind of environment,
// in promotion order. A company's paths hold hundreds of environments (each
// product's Dev and QA, each business unit's Staging), whose bars take the
// colour of their kind; the bar itself names its environment.
func (p *timelinePlan) environmentNames() []string {
	names := make([]string, len(data.EnvironmentKinds))
	for i, k := range data.EnvironmentKinds {
		names[i] = k.Label()
	}
	return names
}

// envName names an environment by id.
func (p *timelinePlan) envName(id uint) string {
	if i, ok := p.envAt[id]; ok {
		return p.data.Environments[i].Name
	}
	return "unknown environment"
}

// rows builds the timeline rows of the releases f lets through. Each row's
// bars share one backing array, sliced without spare capacity.
func (p *timelinePlan) rows(f timelineFilter) []timeline.Row {
	rows := make([]timeline.Row, 0, len(p.data.Releases))
	nBars := 0
	keep := make([]bool, len(p.data.Releases))
	for i, r := range p.data.Releases {
		if (f.productID == 0 || r.ProductID == f.productID) && (f.finished || !isFinished(r.Status)) {
			keep[i] = true
			nBars += len(p.byRelease[i])
		}
	}
	bars := make([]timeline.Bar, 0, nBars)
	for i, r := range p.data.Releases {
		if !keep[i] {
			continue
		}
		from := len(bars)
		for _, di := range p.byRelease[i] {
			bars = append(bars, p.bar(&p.data.Deployments[di]))
		}
		row := timeline.Row{
			ID: r.ID, Group: r.Product, Label: r.Version, Title: r.Title, Status: r.Status.Label(),
			Planned: r.PlannedRelease.Time(time.Local), Bars: bars[from:len(bars):len(bars)],
		}
		if b, ok := p.baselines[r.ID]; ok {
			row.CodeFreeze = b.CodeFreeze.Time(time.Local)
			row.Baseline = timeline.Baseline{Freeze: b.BaselineFreeze.Time(time.Local), Release: b.BaselineDay.Time(time.Local), Replans: b.Replans}
		}
		rows = append(rows, row)
	}
	return rows
}

// bar turns a deployment into a bar coloured by the kind of its environment.
func (p *timelinePlan) bar(d *data.TimelineDeployment) timeline.Bar {
	b := timeline.Bar{
		ID: d.ID, Env: p.envName(d.EnvironmentID), EnvIndex: p.stage[d.EnvironmentID],
		PlannedStart: d.PlannedStart, PlannedEnd: d.PlannedEnd, ActualStart: d.ActualStart, ActualEnd: d.ActualEnd,
		Outcome: string(d.Outcome),
	}
	if fs := p.conflicts[d.ID]; len(fs) > 0 {
		b.Conflict = true
		b.Tooltip = findingsText(fs)
	}
	return b
}

// freezes returns the freeze windows shaded on the chart, each on the rows
// of its environments (all of them when Envs is empty).
func (p *timelinePlan) freezes() []timeline.Freeze {
	out := make([]timeline.Freeze, 0, len(p.data.Freezes))
	for _, fw := range p.data.Freezes {
		f := timeline.Freeze{Name: fw.Name, Start: fw.Start, End: fw.End}
		if !fw.AllEnvironments {
			for _, id := range fw.EnvironmentIDs {
				if i, ok := p.stage[id]; ok && !slices.Contains(f.Envs, i) {
					f.Envs = append(f.Envs, i)
				}
			}
			slices.Sort(f.Envs)
		}
		out = append(out, f)
	}
	return out
}

// freezesHit names the freezes a deployment on env in [start, end) would fall in.
func (p *timelinePlan) freezesHit(env uint, start, end time.Time) []string {
	var names []string
	for _, fw := range p.data.Freezes {
		if fw.Covers(env) && start.Before(fw.End) && fw.Start.Before(end) {
			names = append(names, fw.Name)
		}
	}
	return names
}

// conflictCount counts the shown deployments marked as in conflict.
func conflictCount(rows []timeline.Row) int {
	n := 0
	for _, r := range rows {
		for _, b := range r.Bars {
			if b.Conflict {
				n++
			}
		}
	}
	return n
}

// findingsText writes findings for the status line: "freeze: …; overlap: …".
func findingsText(fs []data.Finding) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.String()
	}
	return strings.Join(parts, "; ")
}

// describe is the status line of a selected deployment, or of a release when
// barID is 0.
func (p *timelinePlan) describe(releaseID, barID uint) string {
	r := p.release(releaseID)
	if r == nil {
		return ""
	}
	if d := p.deployment(barID); d != nil {
		text := fmt.Sprintf("%s · %s · planned %s", r.Name(), p.envName(d.EnvironmentID), windowText(d.PlannedStart, d.PlannedEnd))
		if !d.ActualStart.IsZero() {
			text += " · actual " + windowText(d.ActualStart, d.ActualEnd)
		}
		text += " · " + d.Outcome.Label()
		if fs := p.conflicts[d.ID]; len(fs) > 0 {
			text += " · " + findingsText(fs)
		}
		return text
	}
	text := r.Name()
	if r.Title != "" {
		text += " · " + r.Title
	}
	text += " · " + r.Status.Label()
	if !r.PlannedRelease.IsZero() {
		text += " · release " + kit.FormatDate(r.PlannedRelease)
	}
	text += " · " + kit.Count(len(p.byRelease[p.releases[r.ID]]), "deployment")
	if deps := p.dependencyText(r.ID); deps != "" {
		text += " · " + deps
	}
	return text + " · double-click to open"
}

// windowText shows a window as every screen does (kit.FormatSpan); a
// running one says so.
func windowText(start, end time.Time) string {
	if end.IsZero() {
		return kit.FormatTime(start) + " – still running"
	}
	return kit.FormatSpan(start, &end)
}

// deploymentName names a deployment loaded with its environment and release:
// "Staging deployment of Payments 2.4.0".
func deploymentName(d data.Deployment) string {
	return d.Environment.Name + " deployment of " + d.Release.Name()
}

// moveQuestion asks whether to move a deployment despite what the rules
// found: "Move the Staging deployment of Payments 2.4.0 into the freeze “Year end”?"
func moveQuestion(d data.Deployment, findings []data.Finding, freezes []string) string {
	found := map[string]bool{}
	for _, f := range findings {
		found[f.Kind] = true
	}
	var into []string
	if found[data.FindingFreeze] {
		switch len(freezes) {
		case 0:
			into = append(into, "into a freeze window")
		case 1:
			into = append(into, "into the freeze “"+freezes[0]+"”")
		default:
			into = append(into, "into the freezes “"+strings.Join(freezes, "”, “")+"”")
		}
	}
	if found[data.FindingOverlap] {
		into = append(into, "on top of another deployment on "+d.Environment.Name)
	}
	if found[data.FindingOrder] {
		into = append(into, "out of promotion order")
	}
	if len(into) == 0 {
		into = append(into, "into a conflict")
	}
	return "Move the " + deploymentName(d) + " " + strings.Join(into, " and ") + "?"
}

// findingLabel writes a finding with its kind in words: "Freeze: …".
func findingLabel(f data.Finding) string {
	kind := map[string]string{data.FindingFreeze: "Freeze", data.FindingOverlap: "Overlap", data.FindingOrder: "Order"}[f.Kind]
	if kind == "" {
		kind = f.Kind
	}
	return kind + ": " + f.Message
}

// moveErrorText turns a store error into words, validation problems by field.
func moveErrorText(err error) string {
	v, ok := data.AsValidation(err)
	if !ok {
		return err.Error()
	}
	labels := map[string]string{"PlannedStart": "Planned start", "PlannedEnd": "Planned end", "Outcome": "Outcome"}
	parts := make([]string, len(v.Fields))
	for i, f := range v.Fields {
		label := labels[f.Field]
		if label == "" {
			label = f.Field
		}
		parts[i] = kit.ProblemText(label, f.Message)
	}
	return strings.Join(parts, "; ")
}
