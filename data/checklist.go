package data

import (
	"context"
	"slices"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Checklist lists a release's checklist by category (readiness, regression
// test, communication, backout plan), then due day (undated last), then id.
func (s *Store) Checklist(ctx context.Context, releaseID uint) ([]ChecklistItem, error) {
	var out []ChecklistItem
	if err := s.read(ctx).Where("release_id = ?", releaseID).Find(&out).Error; err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b ChecklistItem) int {
		if c := categoryRank(a.Category) - categoryRank(b.Category); c != 0 {
			return c
		}
		if c := compareDatesLast(a.Due, b.Due); c != 0 {
			return c
		}
		return int(a.ID) - int(b.ID)
	})
	return out, nil
}

func categoryRank(c ChecklistCategory) int {
	if i := slices.Index(ChecklistCategories, c); i >= 0 {
		return i
	}
	return len(ChecklistCategories)
}

// SaveChecklistItem creates it (ID 0) or updates it; a title and a known
// category are required.
func (s *Store) SaveChecklistItem(ctx context.Context, it *ChecklistItem) error {
	var p problems
	it.Title, it.Owner = strings.TrimSpace(it.Title), strings.TrimSpace(it.Owner)
	if it.ReleaseID == 0 {
		p.add("Release", "is required")
	}
	p.required("Title", it.Title)
	if !it.Category.Valid() {
		p.add("Category", "must be readiness, regression test, communication or backout plan")
	}
	p.limits(it)
	if err := p.err(); err != nil {
		return err
	}
	created := it.ID == 0
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := requireRow(tx, &Release{}, it.ReleaseID, "Release"); err != nil {
			return err
		}
		it.Release = Release{}
		if created {
			if err := tx.Omit(clause.Associations).Create(it).Error; err != nil {
				return translate(err)
			}
			return s.journal(tx, EntityChecklistItem, it.ID, it.ReleaseID).created(it)
		}
		if err := s.requireRevision(tx, EntityChecklistItem, it.ID, it.Revision); err != nil {
			return err
		}
		var old ChecklistItem
		if err := tx.First(&old, it.ID).Error; err != nil {
			return notFound(err, "checklist item", it.ID)
		}
		if old.ReleaseID != it.ReleaseID {
			return fieldError("Release", "cannot change; add the item to the other release instead")
		}
		it.CreatedAt = old.CreatedAt
		if unchanged(&old, it) {
			return nil // nothing to save: the revision stays, and nobody is told of a change
		}
		if err := tx.Omit(clause.Associations).Save(it).Error; err != nil {
			return translate(err)
		}
		if err := s.journal(tx, EntityChecklistItem, it.ID, it.ReleaseID).updated(&old, it); err != nil {
			return err
		}
		return s.readRevision(tx, EntityChecklistItem, it.ID, &it.Revision)
	})
	if err != nil && created {
		it.ID = 0
	}
	return err
}

// SetChecklistDone ticks a checklist item off, or back on.
func (s *Store) SetChecklistDone(ctx context.Context, id uint, done bool) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var old ChecklistItem
		if err := tx.First(&old, id).Error; err != nil {
			return notFound(err, "checklist item", id)
		}
		if old.Done == done {
			return nil
		}
		next := old
		next.Done = done
		if err := tx.Model(&ChecklistItem{ID: id}).Update("done", done).Error; err != nil {
			return err
		}
		return s.journal(tx, EntityChecklistItem, id, old.ReleaseID).updated(&old, &next)
	})
}

// DeleteChecklistItem removes an item and returns it for RestoreChecklistItem.
func (s *Store) DeleteChecklistItem(ctx context.Context, id uint) (ChecklistItem, error) {
	var it ChecklistItem
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.First(&it, id).Error; err != nil {
			return notFound(err, "checklist item", id)
		}
		if err := tx.Delete(&ChecklistItem{}, id).Error; err != nil {
			return translate(err)
		}
		return s.journal(tx, EntityChecklistItem, id, it.ReleaseID).deleted(&it)
	})
	if err != nil {
		return ChecklistItem{}, err
	}
	return it, nil
}

// RestoreChecklistItem puts back an item removed by DeleteChecklistItem, with the same id.
func (s *Store) RestoreChecklistItem(ctx context.Context, it ChecklistItem) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.First(&Release{}, it.ReleaseID).Error; err != nil {
			return notFound(err, "release", it.ReleaseID)
		}
		it.Release = Release{}
		if err := tx.Omit(clause.Associations).Create(&it).Error; err != nil {
			return translate(err)
		}
		return s.journal(tx, EntityChecklistItem, it.ID, it.ReleaseID).created(&it)
	})
}

// ChecklistTemplate returns the built-in checklist for a release type, with
// no due days (they depend on a release: see ChecklistTemplateFor); nil for
// an unknown type.
func ChecklistTemplate(t ReleaseType) []ChecklistItem {
	return ChecklistTemplateFor(Release{Type: t})
}

// ChecklistTemplateFor returns the built-in checklist for r's type, each item
// due relative to r's code freeze or planned release date.
func ChecklistTemplateFor(r Release) []ChecklistItem {
	steps := checklistSteps[r.Type]
	if steps == nil {
		return nil
	}
	out := make([]ChecklistItem, len(steps))
	for i, st := range steps {
		out[i] = ChecklistItem{ReleaseID: r.ID, Category: st.category, Title: st.title, Due: st.due(r)}
	}
	return out
}

// ApplyChecklistTemplate adds to a release the items of its type's checklist
// that it does not have yet (matched by title) and returns how many it added.
func (s *Store) ApplyChecklistTemplate(ctx context.Context, releaseID uint) (int, error) {
	added := 0
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var r Release
		if err := tx.First(&r, releaseID).Error; err != nil {
			return notFound(err, "release", releaseID)
		}
		var titles []string
		if err := tx.Model(&ChecklistItem{}).Where("release_id = ?", releaseID).Pluck("title", &titles).Error; err != nil {
			return err
		}
		have := map[string]bool{}
		for _, t := range titles {
			have[titleKey(t)] = true
		}
		for _, it := range ChecklistTemplateFor(r) {
			if have[titleKey(it.Title)] {
				continue
			}
			if err := tx.Omit(clause.Associations).Create(&it).Error; err != nil {
				return translate(err)
			}
			if err := s.journal(tx, EntityChecklistItem, it.ID, releaseID).created(&it); err != nil {
				return err
			}
			added++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return added, nil
}

func titleKey(t string) string { return strings.ToLower(strings.Join(strings.Fields(t), " ")) }

// checklistStep is one item of a built-in checklist, due days after (or,
// when negative, before) the code freeze or the planned release date.
type checklistStep struct {
	category   ChecklistCategory
	title      string
	fromFreeze bool
	days       int
}

// due places the step on r's calendar; without a code freeze it counts from
// the release date, and nothing counted from the freeze falls after release day.
func (st checklistStep) due(r Release) Date {
	anchor := r.PlannedRelease
	if st.fromFreeze && !r.CodeFreeze.IsZero() {
		anchor = r.CodeFreeze
	}
	d := anchor.AddDays(st.days)
	if st.fromFreeze && !r.PlannedRelease.IsZero() && d.After(r.PlannedRelease) {
		d = r.PlannedRelease
	}
	return d
}

var (
	readinessCore = []checklistStep{
		{CategoryReadiness, "Release notes written", true, 1},
		{CategoryReadiness, "Deployment runbook reviewed", false, -3},
	}
	regressionCore = []checklistStep{
		{CategoryRegression, "Regression suite passed on test", true, 2},
		{CategoryRegression, "Regression suite passed on staging", false, -2},
	}
	backoutCore = []checklistStep{
		{CategoryBackout, "Backout plan written and reviewed", false, -3},
		{CategoryBackout, "Backups verified before deployment", false, 0},
	}
	// checklistSteps is the built-in checklist per release type: the bigger
	// the change, the more preparation and communication it needs.
	checklistSteps = map[ReleaseType][]checklistStep{
		TypeMajor: slices.Concat(readinessCore, []checklistStep{
			{CategoryReadiness, "Security review completed", true, 0},
			{CategoryReadiness, "Capacity and performance tests signed off", false, -5},
			{CategoryReadiness, "Database migrations rehearsed on staging", false, -4},
			{CategoryReadiness, "Support team trained on the changes", false, -3},
			{CategoryReadiness, "Monitoring and alerts updated", false, -2},
		}, regressionCore, []checklistStep{
			{CategoryRegression, "User acceptance sign-off", false, -2},
		}, []checklistStep{
			{CategoryCommunication, "Release date confirmed with stakeholders", true, 0},
			{CategoryCommunication, "Customer announcement drafted", false, -5},
			{CategoryCommunication, "Maintenance window announced", false, -3},
			{CategoryCommunication, "Release announced to users", false, 0},
			{CategoryCommunication, "Post-release status sent to stakeholders", false, 1},
		}, backoutCore, []checklistStep{
			{CategoryBackout, "Rollback rehearsed on staging", false, -2},
		}),
		TypeMinor: slices.Concat(readinessCore, []checklistStep{
			{CategoryReadiness, "Support team briefed", false, -2},
			{CategoryReadiness, "Monitoring and alerts checked", false, -1},
		}, regressionCore, []checklistStep{
			{CategoryCommunication, "Release date confirmed with stakeholders", true, 0},
			{CategoryCommunication, "Release announced to users", false, 0},
		}, backoutCore),
		TypePatch: slices.Concat(readinessCore, regressionCore, []checklistStep{
			{CategoryCommunication, "Stakeholders told of the patch", false, -1},
		}, backoutCore),
		TypeHotfix: {
			{CategoryReadiness, "Fix verified on test", false, -1},
			{CategoryRegression, "Targeted regression passed", false, 0},
			{CategoryCommunication, "Support and stakeholders informed", false, 0},
			{CategoryBackout, "Backout plan written and reviewed", false, 0},
		},
		TypeEmergency: {
			{CategoryReadiness, "Fix verified on staging", false, 0},
			{CategoryCommunication, "Incident channel informed", false, 0},
			{CategoryBackout, "Backout plan written and reviewed", false, 0},
		},
	}
)
