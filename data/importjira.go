package data

import (
	"context"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// JiraIssue is one issue of a Jira issue export, as read from its row.
type JiraIssue struct {
	// Row is the row as a spreadsheet shows it (the header is row 1).
	Row            int
	Key            string
	Summary        string
	IssueType      string
	Status         string
	StatusCategory string
	Resolution     string
	ProjectKey     string
	ProjectName    string
	// FixVersions and Components hold one value per repeated column.
	FixVersions []string
	Components  []string
	// Due is the issue's due date, which dates a release the import creates.
	Due Date
	// Columns maps JiraIssue field names to the headers as the file writes
	// them ("FixVersions" to "Fix Version/s"), for messages.
	Columns map[string]string
}

// jiraColumns are the headers named in messages when a file has no Columns.
var jiraColumns = map[string]string{
	"Key": "Issue key", "Summary": "Summary", "IssueType": "Issue Type", "Status": "Status",
	"ProjectName": "Project name", "ProjectKey": "Project key", "FixVersions": "Fix Version/s",
	"Components": "Component/s", "Due": "Due Date",
}

func (i JiraIssue) column(field string) string {
	if c := i.Columns[field]; c != "" {
		return c
	}
	return jiraColumns[field]
}

// JiraOptions tunes a Jira import.
type JiraOptions struct {
	// SiteURL is the Jira site, such as https://acme.atlassian.net; when
	// set, each item links to its issue there (SITE/browse/KEY). An export
	// does not say where it came from, so without it items get no link.
	SiteURL string
}

// JiraAction is what an import does to one work item.
type JiraAction string

// What an import does to a work item.
const (
	JiraCreate    JiraAction = "create"    // a new item
	JiraUpdate    JiraAction = "update"    // the release has the key: its fields follow Jira
	JiraMove      JiraAction = "move"      // the key moved to another fix version: the item follows
	JiraUnchanged JiraAction = "unchanged" // the release has the key, as Jira has it
)

// JiraItem is a work item an import writes, and where it comes from.
type JiraItem struct {
	Row int
	// Item is the item as it will be stored; ReleaseID is 0 when its
	// release is one the import creates, and ID is 0 for a new item.
	Item    WorkItem
	Release string // the release's name, "Payments 2.4.0"
	Action  JiraAction
	From    string // for a move: the release the item leaves
	// IssueType is Jira's type, which Item.Kind was mapped from.
	IssueType string

	release *jiraRelease
}

// JiraTypeUse says how one Jira issue type maps onto a kind, for the preview.
type JiraTypeUse struct {
	IssueType string
	Kind      WorkItemKind
	Known     bool // false when the type is not one Release Desk knows (it became a task)
	Issues    int
}

// JiraSkip is an issue the import leaves out, and why.
type JiraSkip struct {
	Row    int
	Key    string
	Reason string
}

// JiraPreview is what importing a Jira export would do.
type JiraPreview struct {
	Items       []JiraItem    // by row, then release
	NewProducts []string      // in file order
	NewReleases []Release     // with Product.Name; planned when an issue has a due date, else draft
	Types       []JiraTypeUse // most used first
	Skipped     []JiraSkip    // issues without a fix version: no release to go to
	Errors      []PlanError   // by row
}

// JiraResult counts what ImportJira wrote.
type JiraResult struct {
	Created, Updated, Moved, Unchanged int
	NewProducts                        []string
	NewReleases                        []Release
}

// PreviewJira checks issues exactly as ImportJira would, without writing.
func (s *Store) PreviewJira(ctx context.Context, issues []JiraIssue, opt JiraOptions) (JiraPreview, error) {
	return s.checkJira(s.read(ctx), issues, opt)
}

// ImportJira writes the work items of a Jira issue export, in one
// transaction with their history, or nothing: when any issue is bad the
// error is a *PlanErrors naming each row and column.
//
// Each issue becomes a work item of each release named by its fix versions.
// The release is found in the issue's product: the product named like the
// Jira project (without regard to case), or else the product named like
// the project key (a team that calls its product "PAY"); a project that
// matches neither becomes a new product. Fix versions are matched to
// release versions without regard to case or a leading "v", and a fix
// version that repeats the product's name ("Payments 2.4.0") is read
// without it. Releases that do not exist yet are created: planned for the
// latest due date of their issues, or drafts when none has one.
//
// Importing again updates items by key instead of adding them twice: the
// summary, kind, status, component (and link, with a site) follow Jira; the
// customer-facing flag and notes stay as people set them. When an issue's
// fix version changed, its item moves from a release that is not released
// to the new one. Issues without a fix version are skipped and listed.
func (s *Store) ImportJira(ctx context.Context, issues []JiraIssue, opt JiraOptions) (JiraResult, error) {
	var res JiraResult
	err := s.tx(ctx, func(tx *gorm.DB) error {
		plan, err := s.checkJira(tx, issues, opt)
		if err != nil {
			return err
		}
		if len(plan.Errors) > 0 {
			return &PlanErrors{Errors: plan.Errors}
		}
		res = JiraResult{NewProducts: plan.NewProducts}
		if err := s.writeJiraReleases(tx, &plan); err != nil {
			return err
		}
		res.NewReleases = plan.NewReleases
		var created []WorkItem
		for _, it := range plan.Items {
			if it.Action == JiraCreate {
				created = append(created, it.Item)
				continue
			}
			if err := s.writeJiraItem(tx, it, &res); err != nil {
				return err
			}
		}
		res.Created = len(created)
		return s.createItems(tx, created)
	})
	if err != nil {
		return JiraResult{}, err
	}
	return res, nil
}

// writeJiraReleases creates the products and releases plan needs, and
// points each item at its release's id.
func (s *Store) writeJiraReleases(tx *gorm.DB, plan *JiraPreview) error {
	if err := s.createImported(tx, plan.NewProducts, plan.NewReleases); err != nil {
		return err
	}
	for i := range plan.Items {
		it := &plan.Items[i]
		if it.release.isNew {
			it.Item.ReleaseID = plan.NewReleases[it.release.index].ID
		}
	}
	return nil
}

// createImported creates the products named and then the releases, in
// place, with their history; a release whose ProductID is 0 belongs to the
// new product of its Product.Name.
func (s *Store) createImported(tx *gorm.DB, newProducts []string, releases []Release) error {
	products := map[string]uint{}
	for _, name := range newProducts {
		p := Product{Name: name}
		if err := s.saveProduct(tx, &p); err != nil {
			return err
		}
		products[strings.ToLower(name)] = p.ID
	}
	for i := range releases {
		r := &releases[i]
		if r.ProductID == 0 {
			r.ProductID = products[strings.ToLower(r.Product.Name)]
		}
		name := r.Product.Name
		r.Product = Product{}
		if err := tx.Omit(clause.Associations).Create(r).Error; err != nil {
			return translate(err)
		}
		if err := s.journal(tx, EntityRelease, r.ID, r.ID).created(r); err != nil {
			return err
		}
		r.Product = Product{ID: r.ProductID, Name: name}
	}
	return nil
}

// writeJiraItem stores one update or move of a checked import with its history.
func (s *Store) writeJiraItem(tx *gorm.DB, it JiraItem, res *JiraResult) error {
	w := it.Item
	if it.Action == JiraUnchanged {
		res.Unchanged++
		return nil
	}
	var old WorkItem
	if err := tx.First(&old, w.ID).Error; err != nil {
		return notFound(err, "work item", w.ID)
	}
	w.CreatedAt = old.CreatedAt
	if err := tx.Omit(clause.Associations).Save(&w).Error; err != nil {
		return translate(err)
	}
	if it.Action == JiraMove {
		res.Moved++
		if err := s.journal(tx, EntityWorkItem, w.ID, old.ReleaseID).updated(&old, &w); err != nil {
			return err
		}
	} else {
		res.Updated++
	}
	return s.journal(tx, EntityWorkItem, w.ID, w.ReleaseID).updated(&old, &w)
}
