package data

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// JiraVersionState is where a version stands in Jira's Releases page.
type JiraVersionState string

// Jira's version states.
const (
	JiraUnreleased JiraVersionState = "unreleased"
	JiraReleased   JiraVersionState = "released"
	JiraArchived   JiraVersionState = "archived"
)

// JiraVersion is one row of a Jira versions list: a project's version with
// its dates and state.
type JiraVersion struct {
	Row int
	// Project names the product: a Jira project name or key from the file,
	// or the product the person importing chose.
	Project     string
	Name        string
	Description string
	// Start is when work on the version starts in Jira; Release Desk has
	// no such date (a code freeze is not it), so it is shown, not stored.
	Start   Date
	Release Date
	State   JiraVersionState
	// Columns maps JiraVersion field names to the file's headers, for messages.
	Columns map[string]string
}

var jiraVersionColumns = map[string]string{"Project": "Project", "Name": "Name", "Description": "Description",
	"Start": "Start date", "Release": "Release date", "State": "Status"}

func (v JiraVersion) column(field string) string {
	if c := v.Columns[field]; c != "" {
		return c
	}
	return jiraVersionColumns[field]
}

// JiraVersionsPreview is what importing a versions list would do.
type JiraVersionsPreview struct {
	Releases    []PlanRelease // the releases it creates, in file order
	NewProducts []string
	// Existing lists the versions whose release is there already; they are
	// left as they are, and Note says where Jira's dates differ.
	Existing []JiraExisting
	Errors   []PlanError
}

// JiraExisting is a version that already has its release.
type JiraExisting struct {
	Row     int
	Release string
	Note    string
}

// PreviewJiraVersions checks a versions list exactly as ImportJiraVersions
// would, without writing.
func (s *Store) PreviewJiraVersions(ctx context.Context, versions []JiraVersion) (JiraVersionsPreview, error) {
	return s.checkJiraVersions(s.read(ctx), versions)
}

// ImportJiraVersions creates a release for each version of a Jira versions
// list that its product does not have yet, in one transaction with history,
// or nothing when a row is bad (the error is a *PlanErrors). An unreleased
// version is planned for its release date (a draft without one); a
// released version is released on its release date; an archived one is
// released when it has a release date and cancelled when it has none.
// Versions that exist already are left alone, so importing the list again
// changes nothing; dates that differ are shown, for a person to re-plan.
func (s *Store) ImportJiraVersions(ctx context.Context, versions []JiraVersion) ([]Release, error) {
	var created []Release
	err := s.tx(ctx, func(tx *gorm.DB) error {
		plan, err := s.checkJiraVersions(tx, versions)
		if err != nil {
			return err
		}
		if len(plan.Errors) > 0 {
			return &PlanErrors{Errors: plan.Errors}
		}
		created = make([]Release, len(plan.Releases))
		for i, pr := range plan.Releases {
			created[i] = pr.Release
		}
		return s.createImported(tx, plan.NewProducts, created)
	})
	if err != nil {
		return nil, err
	}
	return created, nil
}

// checkJiraVersions validates each version and decides what it becomes.
func (s *Store) checkJiraVersions(db *gorm.DB, versions []JiraVersion) (JiraVersionsPreview, error) {
	c := &jiraCheck{db: db, products: map[string]*jiraProduct{}, releases: map[string]*jiraRelease{}, byID: map[uint]*jiraRelease{},
		loaded: map[uint]bool{}}
	var all []Product
	if err := db.Select("id, name").Find(&all).Error; err != nil {
		return JiraVersionsPreview{}, err
	}
	for _, p := range all {
		c.products[strings.ToLower(p.Name)] = &jiraProduct{id: p.ID, name: p.Name}
	}
	var plan JiraVersionsPreview
	planned := map[*jiraRelease]int{} // new releases this list creates -> their row
	for _, v := range versions {
		var errs []PlanError
		bad := func(field, format string, args ...any) {
			errs = append(errs, PlanError{Row: v.Row, Column: v.column(field), Message: fmt.Sprintf(format, args...)})
		}
		p := c.productOf(JiraIssue{ProjectName: v.Project})
		if p == nil {
			bad("Project", "is required: say which product the versions belong to")
			plan.Errors = append(plan.Errors, errs...)
			continue
		}
		version := jiraVersionName(v.Name, p.name)
		rel, err := c.releaseOf(p, version)
		if err != nil {
			return plan, err
		}
		if rel == nil {
			bad("Name", "%s", versionProblem(version))
		} else if first, dup := planned[rel]; dup {
			bad("Name", "%s %s is already on row %d", p.name, version, first)
		}
		r := Release{ProductID: p.id, Product: Product{ID: p.id, Name: p.name}, Version: version, Title: p.name + " " + version,
			Description: strings.TrimSpace(v.Description), Type: releaseTypeOf(version), Risk: RiskLow, PlannedRelease: v.Release}
		switch {
		case v.State == JiraReleased || (v.State == JiraArchived && !v.Release.IsZero()):
			r.Status, r.ActualRelease = StatusReleased, v.Release
			if v.Release.IsZero() {
				bad("Release", "is required for a released version: it is the day it shipped")
			}
		case v.State == JiraArchived:
			r.Status = StatusCancelled
		case v.Release.IsZero():
			r.Status = StatusDraft
		default:
			r.Status = StatusPlanned
		}
		if verr := r.validate(); verr != nil && rel != nil {
			v, _ := AsValidation(verr)
			for _, f := range v.Fields {
				switch f.Field {
				case "Product": // a new product has no id yet
				case "PlannedRelease", "ActualRelease":
					bad("Release", "%s", f.Message)
				default:
					bad("Name", "the release it makes: %s %s", f.Field, f.Message)
				}
			}
		}
		if len(errs) > 0 {
			plan.Errors = append(plan.Errors, errs...)
			continue
		}
		if !rel.isNew {
			plan.Existing = append(plan.Existing, JiraExisting{Row: v.Row, Release: rel.name(), Note: c.versionDrift(rel, v)})
			continue
		}
		planned[rel] = v.Row
		if p.isNew && !p.listed {
			p.listed = true
			plan.NewProducts = append(plan.NewProducts, p.name)
		}
		plan.Releases = append(plan.Releases, PlanRelease{Row: v.Row, Release: r, NewProduct: p.isNew})
	}
	plan.Errors = SortPlanErrors(plan.Errors)
	return plan, nil
}

// versionDrift says how Jira's release date differs from the stored plan, or "".
func (c *jiraCheck) versionDrift(rel *jiraRelease, v JiraVersion) string {
	if v.Release.IsZero() {
		return ""
	}
	var r Release
	if err := c.db.Select("id, planned_release, actual_release").Take(&r, rel.id).Error; err != nil {
		return ""
	}
	day := r.PlannedRelease
	what := "plans"
	if !r.ActualRelease.IsZero() {
		day, what = r.ActualRelease, "released it on"
	}
	if day.Equal(v.Release) {
		return ""
	}
	return fmt.Sprintf("Jira's release date is %s; Release Desk %s %s", v.Release, what, day)
}
