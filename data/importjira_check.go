package data

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"
)

// jiraProduct is the product an issue's project maps to.
type jiraProduct struct {
	id     uint
	name   string
	isNew  bool
	listed bool // a new product an issue without errors needs
}

// jiraRelease is a release an issue's fix version maps to.
type jiraRelease struct {
	id      uint
	product *jiraProduct
	version string
	status  ReleaseStatus
	due     Date
	isNew   bool
	listed  bool // a new release an issue without errors needs
	index   int  // in JiraPreview.NewReleases once listed
}

func (r *jiraRelease) name() string { return r.product.name + " " + r.version }

// jiraRow is an issue that passed its own checks, before its items are decided.
type jiraRow struct {
	issue   JiraIssue
	item    WorkItem // fields from Jira; no release yet
	product *jiraProduct
	targets []*jiraRelease
}

// jiraCheck holds what checkJira learns on its way through an export.
type jiraCheck struct {
	db       *gorm.DB
	plan     JiraPreview
	products map[string]*jiraProduct // by lower-case name
	releases map[string]*jiraRelease // by product and version match key
	byID     map[uint]*jiraRelease
	types    map[string]*JiraTypeUse
	loaded   map[uint]bool // products whose releases are loaded
}

// checkJira validates issues against the rules of a work item, each other
// and the store, and decides what importing them would write.
func (s *Store) checkJira(db *gorm.DB, issues []JiraIssue, opt JiraOptions) (JiraPreview, error) {
	c := &jiraCheck{db: db, products: map[string]*jiraProduct{}, releases: map[string]*jiraRelease{},
		byID: map[uint]*jiraRelease{}, types: map[string]*JiraTypeUse{}, loaded: map[uint]bool{}}
	site := strings.TrimRight(strings.TrimSpace(opt.SiteURL), "/")
	if msg := linkProblem(site); msg != "" {
		c.plan.Errors = append(c.plan.Errors, PlanError{Message: "the Jira site " + msg})
		return c.plan, nil
	}
	var all []Product
	if err := db.Select("id, name").Find(&all).Error; err != nil {
		return c.plan, err
	}
	for _, p := range all {
		c.products[strings.ToLower(p.Name)] = &jiraProduct{id: p.ID, name: p.Name}
	}
	var rows []jiraRow
	firstRow := map[string]int{}
	for _, is := range issues {
		row, ok, err := c.readIssue(is, site, firstRow)
		if err != nil {
			return c.plan, err
		}
		if ok {
			rows = append(rows, row)
		}
	}
	if err := c.decide(rows); err != nil {
		return c.plan, err
	}
	for _, t := range c.types {
		c.plan.Types = append(c.plan.Types, *t)
	}
	slices.SortFunc(c.plan.Types, func(a, b JiraTypeUse) int {
		return cmp.Or(cmp.Compare(b.Issues, a.Issues), strings.Compare(a.IssueType, b.IssueType))
	})
	c.plan.Errors = SortPlanErrors(c.plan.Errors)
	return c.plan, nil
}

// readIssue checks one issue on its own and finds its product and releases;
// ok is false when it has errors or no fix version.
func (c *jiraCheck) readIssue(is JiraIssue, site string, firstRow map[string]int) (jiraRow, bool, error) {
	var errs []PlanError
	bad := func(field, format string, args ...any) {
		errs = append(errs, PlanError{Row: is.Row, Column: is.column(field), Message: fmt.Sprintf(format, args...)})
	}
	kind, known := JiraKind(is.IssueType)
	item := WorkItem{Key: strings.TrimSpace(is.Key), Summary: strings.Join(strings.Fields(is.Summary), " "), Kind: kind,
		Status: JiraStatus(is.Status, is.StatusCategory, is.Resolution), CustomerFacing: kind != WorkTask}
	var components []string
	for _, comp := range is.Components {
		if comp = strings.TrimSpace(comp); comp != "" && !slices.Contains(components, comp) {
			components = append(components, comp)
		}
	}
	item.Component = strings.Join(components, ", ")
	if msg := keyProblem(item.Key); msg != "" {
		bad("Key", "%s", msg)
	} else if !isTrackerKey(item.Key) || item.Key[0] == '#' {
		bad("Key", "%q is not a Jira issue key such as PAY-101", item.Key)
	} else if first, dup := firstRow[strings.ToLower(item.Key)]; dup {
		bad("Key", "%s is already on row %d", item.Key, first)
	} else {
		firstRow[strings.ToLower(item.Key)] = is.Row
	}
	if site != "" && item.Key != "" {
		item.Link = site + "/browse/" + item.Key
	}
	switch {
	case item.Summary == "":
		bad("Summary", "is required")
	case utf8.RuneCountInString(item.Summary) > MaxWorkItemSummary:
		bad("Summary", "is longer than %d characters", MaxWorkItemSummary)
	}
	if utf8.RuneCountInString(item.Component) > MaxWorkItemComponent {
		bad("Components", "are longer than %d characters together", MaxWorkItemComponent)
	}
	if utf8.RuneCountInString(item.Link) > MaxWorkItemLink {
		bad("Key", "makes a link longer than %d characters", MaxWorkItemLink)
	}
	typeName := strings.TrimSpace(is.IssueType)
	if t := c.types[strings.ToLower(typeName)]; t != nil {
		t.Issues++
	} else {
		c.types[strings.ToLower(typeName)] = &JiraTypeUse{IssueType: typeName, Kind: kind, Known: known, Issues: 1}
	}
	product := c.productOf(is)
	if product == nil {
		bad("ProjectName", "is required (or a Project key): it says which product the issue belongs to")
	}
	row := jiraRow{issue: is, item: item, product: product}
	if product != nil {
		for _, fv := range is.FixVersions {
			if strings.TrimSpace(fv) == "" {
				continue
			}
			rel, err := c.releaseOf(product, fv)
			if err != nil {
				return row, false, err
			}
			if rel == nil {
				bad("FixVersions", "%s, and %s has no release by that name", versionProblem(jiraVersionName(fv, product.name)), product.name)
			} else if !slices.Contains(row.targets, rel) {
				row.targets = append(row.targets, rel)
			}
		}
	}
	if len(errs) > 0 {
		c.plan.Errors = append(c.plan.Errors, errs...)
		return row, false, nil
	}
	if len(row.targets) == 0 {
		c.plan.Skipped = append(c.plan.Skipped, JiraSkip{Row: is.Row, Key: item.Key, Reason: "it has no fix version, so no release to go to"})
		return row, false, nil
	}
	return row, true, nil
}

// productOf finds the product of an issue's project: by project name, then
// by project key; a project matching neither is a new product.
func (c *jiraCheck) productOf(is JiraIssue) *jiraProduct {
	name, key := strings.TrimSpace(is.ProjectName), strings.TrimSpace(is.ProjectKey)
	if p := c.products[strings.ToLower(name)]; p != nil && name != "" {
		return p
	}
	if p := c.products[strings.ToLower(key)]; p != nil && key != "" {
		return p
	}
	if name == "" {
		name = key
	}
	if name == "" || utf8.RuneCountInString(name) > 120 {
		return nil
	}
	p := &jiraProduct{name: name, isNew: true}
	c.products[strings.ToLower(name)] = p
	return p
}

// releaseOf finds the release a fix version names in product p, or plans
// a new one; nil when the version cannot name a new release.
func (c *jiraCheck) releaseOf(p *jiraProduct, fixVersion string) (*jiraRelease, error) {
	if !p.isNew && !c.loaded[p.id] {
		c.loaded[p.id] = true
		var rels []Release
		if err := c.db.Select("id, product_id, version, status").Where("product_id = ?", p.id).Find(&rels).Error; err != nil {
			return nil, err
		}
		for _, r := range rels {
			jr := &jiraRelease{id: r.ID, product: p, version: r.Version, status: r.Status}
			c.releases[releaseMatchKey(p, r.Version)], c.byID[r.ID] = jr, jr
		}
	}
	version := jiraVersionName(fixVersion, p.name)
	if r := c.releases[releaseMatchKey(p, version)]; r != nil {
		return r, nil
	}
	if versionProblem(version) != "" {
		return nil, nil
	}
	r := &jiraRelease{product: p, version: version, isNew: true}
	c.releases[releaseMatchKey(p, version)] = r
	return r, nil
}

func releaseMatchKey(p *jiraProduct, version string) string {
	return strings.ToLower(p.name) + "\x00" + versionMatchKey(version)
}

// decide turns the rows into items: an update where the release has the
// key, a move where the key sits in another release of the product that
// Jira no longer names (and that has not shipped), else a new item.
func (c *jiraCheck) decide(rows []jiraRow) error {
	existing, err := c.existingItems(rows)
	if err != nil {
		return err
	}
	for _, row := range rows {
		if p := row.product; p.isNew && !p.listed {
			p.listed = true
			c.plan.NewProducts = append(c.plan.NewProducts, p.name)
		}
		for _, rel := range row.targets {
			if rel.isNew && !rel.listed {
				rel.listed, rel.index = true, len(c.plan.NewReleases)
				c.plan.NewReleases = append(c.plan.NewReleases, Release{})
			}
			if rel.isNew && row.issue.Due.After(rel.due) {
				rel.due = row.issue.Due
			}
		}
		have := existing[[2]string{row.product.name, strings.ToLower(row.item.Key)}]
		used := map[uint]bool{}
		var pending []*jiraRelease
		for _, rel := range row.targets {
			i := slices.IndexFunc(have, func(w WorkItem) bool { return !rel.isNew && w.ReleaseID == rel.id })
			if i < 0 {
				pending = append(pending, rel)
				continue
			}
			used[have[i].ID] = true
			c.addItem(row, rel, &have[i])
		}
		for _, rel := range pending {
			i := slices.IndexFunc(have, func(w WorkItem) bool {
				from := c.byID[w.ReleaseID]
				return !used[w.ID] && from != nil && !slices.Contains(row.targets, from) &&
					from.status != StatusReleased && from.status != StatusCancelled
			})
			if i < 0 {
				c.addItem(row, rel, nil)
				continue
			}
			used[have[i].ID] = true
			c.addItem(row, rel, &have[i])
		}
	}
	for _, rel := range c.releases {
		if rel.listed {
			c.plan.NewReleases[rel.index] = newJiraRelease(rel)
		}
	}
	return nil
}

// newJiraRelease is the release an import creates for a fix version.
func newJiraRelease(rel *jiraRelease) Release {
	r := Release{ProductID: rel.product.id, Product: Product{ID: rel.product.id, Name: rel.product.name}, Version: rel.version,
		Title: rel.product.name + " " + rel.version, Type: releaseTypeOf(rel.version), Status: StatusDraft, Risk: RiskLow}
	if !rel.due.IsZero() {
		r.Status, r.PlannedRelease = StatusPlanned, rel.due
	}
	return r
}

// addItem adds the item row makes in rel, on top of old when it has one.
func (c *jiraCheck) addItem(row jiraRow, rel *jiraRelease, old *WorkItem) {
	it := JiraItem{Row: row.issue.Row, Release: rel.name(), IssueType: strings.TrimSpace(row.issue.IssueType), release: rel}
	w := row.item
	w.ReleaseID = rel.id
	switch {
	case old == nil:
		it.Action = JiraCreate
	default:
		keep := *old
		keep.Summary, keep.Kind, keep.Status, keep.Component = w.Summary, w.Kind, w.Status, w.Component
		if w.Link != "" {
			keep.Link = w.Link
		}
		keep.ReleaseID = w.ReleaseID
		it.Action = JiraUpdate
		if old.ReleaseID != rel.id {
			it.Action, it.From = JiraMove, c.byID[old.ReleaseID].name()
		} else if keep == *old {
			it.Action = JiraUnchanged
		}
		w = keep
	}
	it.Item = w
	c.plan.Items = append(c.plan.Items, it)
}

// existingItems loads the stored items whose keys the rows carry, in the
// rows' products, by product name and lower-case key.
func (c *jiraCheck) existingItems(rows []jiraRow) (map[[2]string][]WorkItem, error) {
	out := map[[2]string][]WorkItem{}
	byProduct := map[uint][]string{}
	names := map[uint]string{}
	for _, r := range rows {
		if !r.product.isNew {
			byProduct[r.product.id] = append(byProduct[r.product.id], strings.ToLower(r.item.Key))
			names[r.product.id] = r.product.name
		}
	}
	for pid, keys := range byProduct {
		for chunk := range slices.Chunk(keys, inChunk) {
			var items []WorkItem
			err := c.db.Model(&WorkItem{}).Joins("JOIN releases ON releases.id = work_items.release_id").
				Where("releases.product_id = ? AND LOWER(work_items.key) IN ?", pid, chunk).Order("work_items.id").Find(&items).Error
			if err != nil {
				return nil, err
			}
			for _, it := range items {
				k := [2]string{names[pid], strings.ToLower(it.Key)}
				out[k] = append(out[k], it)
			}
		}
	}
	return out, nil
}
