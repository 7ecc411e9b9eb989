package data

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/Masterminds/semver/v3"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Entity names used in history.
const (
	EntityProduct            = "product"
	EntityEnvironment        = "environment"
	EntityRelease            = "release"
	EntityDeployment         = "deployment"
	EntityRollback           = "rollback"
	EntityStakeholder        = "stakeholder"
	EntityReleaseStakeholder = "release_stakeholder"
	EntityChecklistItem      = "checklist_item"
	EntityTestRun            = "test_run"
	EntityFreezeWindow       = "freeze_window"
	EntityGoDecision         = "go_decision"
	EntityReview             = "review"
	EntityActionItem         = "action_item"
)

// ReleaseFilter narrows ListReleases; zero fields match everything.
type ReleaseFilter struct {
	// Search matches product, version, title, owner or change reference.
	Search    string
	ProductID uint
	Statuses  []ReleaseStatus
	// From and To bound the planned release date (inclusive) when set.
	From, To Date
}

// ListReleases returns the releases matching f by planned date (then id),
// holding what a list line shows: id, product (id and name), version,
// title, type, status, risk, owner, change reference and the three dates.
// The description, risk notes, timestamps, revision and the product's description are
// left out, so a line must never be saved back: read the whole release with
// Release before editing it.
func (s *Store) ListReleases(ctx context.Context, f ReleaseFilter) ([]Release, error) {
	if s.server == nil {
		out, err := readFramed(ctx, s, s.releasesMatching(ctx, f), releaseLineValues, releaseLineOrder, parseReleaseLine)
		if !errors.Is(err, errFramingBroken) {
			return out, err
		}
	}
	return s.listReleasesByRow(ctx, f)
}

// releaseLineValues are the values of a list line, in the order
// parseReleaseLine and listReleasesByRow read them. Dates come as text so
// the driver does not try its timestamp layouts on each of them first.
var releaseLineValues = []string{"releases.id", "releases.product_id", "products.name", "releases.version", "releases.title",
	"releases.type", "releases.status", "releases.risk", "COALESCE(releases.owner, '')", "COALESCE(releases.change_ref, '')",
	"CAST(releases.code_freeze AS TEXT)", "CAST(releases.planned_release AS TEXT)", "CAST(releases.actual_release AS TEXT)"}

// releaseLineOrder is the order of the list: by planned date, undated first, then by id.
var releaseLineOrder = []framedOrder{{"releases.planned_release", "NULLS FIRST"}, {"releases.id", ""}}

// parseReleaseLine reads the framed values of one list line.
func parseReleaseLine(f []string) (Release, error) {
	var line Release
	var err error
	if line.ID, err = packedID(f[0]); err != nil {
		return line, err
	}
	if line.ProductID, err = packedID(f[1]); err != nil {
		return line, err
	}
	line.Product.ID, line.Product.Name, line.Version, line.Title = line.ProductID, f[2], f[3], f[4]
	line.Type, line.Status, line.Risk = ReleaseType(f[5]), ReleaseStatus(f[6]), Risk(f[7])
	line.Owner, line.ChangeRef = f[8], f[9]
	if line.CodeFreeze, err = packedDate(f[10]); err != nil {
		return line, err
	}
	if line.PlannedRelease, err = packedDate(f[11]); err != nil {
		return line, err
	}
	line.ActualRelease, err = packedDate(f[12])
	return line, err
}

// listReleasesByRow is ListReleases read a row at a time: on a server, and
// on SQLite for text the framed read cannot carry.
func (s *Store) listReleasesByRow(ctx context.Context, f ReleaseFilter) ([]Release, error) {
	// Read by hand: GORM's reflection over whole releases cost several times
	// the time and memory.
	rows, err := s.releasesMatching(ctx, f).Select(strings.Join(releaseLineValues, ", ")).
		Order("releases.planned_release NULLS FIRST, releases.id").Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var (
		out               []Release
		line              Release
		id, productID     int64
		typ, status, risk string
	)
	dest := []any{&id, &productID, &line.Product.Name, &line.Version, &line.Title, &typ, &status, &risk,
		&line.Owner, &line.ChangeRef, &line.CodeFreeze, &line.PlannedRelease, &line.ActualRelease}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		line.ID, line.ProductID, line.Product.ID = uint(id), uint(productID), uint(productID)
		line.Type, line.Status, line.Risk = ReleaseType(typ), ReleaseStatus(status), Risk(risk)
		out = append(out, line)
	}
	return out, rows.Err()
}

// CountReleases counts the releases matching f, as ListReleases would list them.
func (s *Store) CountReleases(ctx context.Context, f ReleaseFilter) (int, error) {
	var n int64
	err := s.releasesMatching(ctx, f).Count(&n).Error
	return int(n), err
}

// likeEscaper makes a search text match itself in a LIKE pattern with
// ESCAPE '\': a % or _ typed in the search box is that character, not a
// wildcard.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// releasesMatching is the query of the releases f selects, joined to their
// product (which the search looks at).
func (s *Store) releasesMatching(ctx context.Context, f ReleaseFilter) *gorm.DB {
	q := s.read(ctx).Table("releases").Joins("JOIN products ON products.id = releases.product_id")
	if t := searchText(f.Search); t != "" {
		like := "%" + likeEscaper.Replace(strings.ToLower(t)) + "%"
		q = q.Where(`(LOWER(products.name) LIKE ? ESCAPE '\' OR LOWER(releases.version) LIKE ? ESCAPE '\' `+
			`OR LOWER(releases.title) LIKE ? ESCAPE '\' OR LOWER(releases.owner) LIKE ? ESCAPE '\' `+
			`OR LOWER(releases.change_ref) LIKE ? ESCAPE '\' OR LOWER(products.name || ' ' || releases.version) LIKE ? ESCAPE '\')`,
			like, like, like, like, like, like)
	}
	if f.ProductID != 0 {
		q = q.Where("releases.product_id = ?", f.ProductID)
	}
	if len(f.Statuses) > 0 {
		q = q.Where("releases.status IN ?", f.Statuses)
	}
	if !f.From.IsZero() {
		q = q.Where("releases.planned_release >= ?", f.From)
	}
	if !f.To.IsZero() {
		q = q.Where("releases.planned_release <= ?", f.To)
	}
	return q
}

// Release returns one release with its product.
func (s *Store) Release(ctx context.Context, id uint) (Release, error) {
	var r Release
	err := s.read(ctx).Joins("Product").First(&r, "releases.id = ?", id).Error
	return r, notFound(err, "release", id)
}

// FindRelease resolves a reference typed by a person: a release id, or
// "PRODUCT VERSION" (product matched without regard to case, the version as
// the same version however spelt: v2.4.0 finds 2.4.0).
func (s *Store) FindRelease(ctx context.Context, ref string) (Release, error) {
	ref = strings.TrimSpace(ref)
	if id, err := strconv.ParseUint(ref, 10, 64); err == nil {
		return s.Release(ctx, uint(id))
	}
	i := strings.LastIndexByte(ref, ' ')
	if i <= 0 {
		return Release{}, fmt.Errorf("release %q: give an id or \"PRODUCT VERSION\": %w", ref, ErrNotFound)
	}
	product, version := strings.TrimSpace(ref[:i]), strings.TrimSpace(ref[i+1:])
	var r Release
	err := s.read(ctx).Joins("Product").
		Where(`LOWER("Product"."name") = ? AND releases.version = ?`, strings.ToLower(product), version).
		First(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		// Another spelling of the version (v2.4.0 for 2.4.0) names the same release.
		var p Product
		if perr := s.read(ctx).Where("LOWER(name) = ?", strings.ToLower(product)).First(&p).Error; perr == nil {
			if stored, same, verr := versionClash(s.read(ctx), p.ID, 0, version); verr != nil {
				return Release{}, verr
			} else if same {
				err = s.read(ctx).Joins("Product").Where("releases.product_id = ? AND releases.version = ?", p.ID, stored).First(&r).Error
			}
		}
	}
	return r, notFound(err, "release", strconv.Quote(ref))
}

// validate checks a release on its own; uniqueness and the lifecycle need the store.
func (r *Release) validate() error {
	var p problems
	r.Version = strings.TrimSpace(r.Version)
	r.Title = strings.TrimSpace(r.Title)
	if r.ProductID == 0 {
		p.add("Product", "is required")
	}
	if err := CheckVersion(r.Version); err != nil {
		p.add("Version", "%s", err)
	}
	p.required("Title", r.Title)
	if !r.Type.Valid() {
		p.add("Type", "must be one of major, minor, patch, hotfix, emergency")
	}
	if !r.Status.Valid() {
		p.add("Status", "is not a release status")
	}
	if !r.Risk.Valid() {
		p.add("Risk", "must be low, medium or high")
	}
	if r.PlannedRelease.IsZero() && r.Status != StatusDraft && r.Status != StatusCancelled {
		p.add("PlannedRelease", "is required once a release is planned")
	}
	if !r.CodeFreeze.IsZero() && !r.PlannedRelease.IsZero() && r.CodeFreeze.After(r.PlannedRelease) {
		p.add("CodeFreeze", "must be on or before the planned release date")
	}
	if r.Status == StatusReleased && r.ActualRelease.IsZero() {
		p.add("ActualRelease", "is required once a release is released")
	}
	p.limits(r)
	return p.err()
}

// CompareVersions orders two version strings as versions (2.10.0 after 2.9.0),
// falling back to text order for anything that is not a version.
func CompareVersions(a, b string) int {
	va, errA := semver.NewVersion(a)
	vb, errB := semver.NewVersion(b)
	if errA == nil && errB == nil {
		return va.Compare(vb)
	}
	return strings.Compare(a, b)
}

// SaveRelease creates r (ID 0) or updates it. The release must be valid, its
// version unique within its product and, for an update, its status change
// allowed by the lifecycle. The change and its history land together.
func (s *Store) SaveRelease(ctx context.Context, r *Release) error {
	if r.Risk == "" {
		r.Risk = RiskLow
	}
	if err := r.validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.First(&Product{}, r.ProductID).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return fieldError("Product", "does not exist")
			}
			return err
		}
		if existing, clash, err := versionClash(tx, r.ProductID, r.ID, r.Version); err != nil {
			return err
		} else if clash {
			return fieldError("Version", "%s", versionClashMessage("this product", r.Version, existing))
		}
		if err := s.keepBaseline(tx, r); err != nil {
			return err
		}
		r.Product = Product{} // never write the association back
		if r.ID == 0 {
			if err := tx.Omit("Product").Create(r).Error; err != nil {
				return translate(err)
			}
			return s.journal(tx, EntityRelease, r.ID, r.ID).created(r)
		}
		if err := s.requireRevision(tx, EntityRelease, r.ID, r.Revision); err != nil {
			return err
		}
		var old Release
		if err := tx.First(&old, r.ID).Error; err != nil {
			return notFound(err, "release", r.ID)
		}
		if !old.Status.CanMoveTo(r.Status) {
			return fieldError("Status", "cannot move from %s to %s", old.Status.Label(), r.Status.Label())
		}
		r.CreatedAt = old.CreatedAt
		if unchanged(&old, r) {
			return nil // nothing to save: the revision stays, and nobody is told of a change
		}
		if err := tx.Omit("Product").Save(r).Error; err != nil {
			return translate(err)
		}
		if err := s.journal(tx, EntityRelease, r.ID, r.ID).updated(&old, r); err != nil {
			return err
		}
		return s.readRevision(tx, EntityRelease, r.ID, &r.Revision)
	})
}

// SetReleaseStatus moves a release along its lifecycle.
func (s *Store) SetReleaseStatus(ctx context.Context, id uint, status ReleaseStatus) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		return s.moveRelease(tx, id, status, Date{})
	})
}

// moveRelease changes a release's status inside tx, checking the lifecycle;
// actual, when set, becomes the actual release date.
func (s *Store) moveRelease(tx *gorm.DB, id uint, status ReleaseStatus, actual Date) error {
	var old Release
	if err := tx.First(&old, id).Error; err != nil {
		return notFound(err, "release", id)
	}
	if !old.Status.CanMoveTo(status) {
		return fieldError("Status", "cannot move from %s to %s", old.Status.Label(), status.Label())
	}
	next := old
	next.Status = status
	if !actual.IsZero() {
		next.ActualRelease = actual
	}
	if status == StatusReleased && next.ActualRelease.IsZero() {
		next.ActualRelease = DateOf(s.Now())
	}
	if err := next.validate(); err != nil {
		return err
	}
	if err := tx.Model(&Release{ID: id}).Updates(map[string]any{"status": next.Status, "actual_release": next.ActualRelease}).Error; err != nil {
		return err
	}
	return s.journal(tx, EntityRelease, id, id).updated(&old, &next)
}

// ReleaseSnapshot is everything a release owned when it was deleted, so the
// deletion can be undone exactly.
type ReleaseSnapshot struct {
	Release      Release
	Deployments  []Deployment
	Rollbacks    []Rollback
	Stakeholders []ReleaseStakeholder
	Checklist    []ChecklistItem
	TestRuns     []TestRun
	Decisions    []GoDecision
	Review       *Review
	Scope        ScopeSnapshot
}

// DeleteRelease removes a release and everything that belongs to it, and
// returns what was removed so RestoreRelease can bring it back.
func (s *Store) DeleteRelease(ctx context.Context, id uint) (ReleaseSnapshot, error) {
	var snap ReleaseSnapshot
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.First(&snap.Release, id).Error; err != nil {
			return notFound(err, "release", id)
		}
		loads := []struct {
			dest  any
			query string
		}{
			{&snap.Deployments, "release_id = ?"},
			{&snap.Rollbacks, "deployment_id IN (SELECT id FROM deployments WHERE release_id = ?)"},
			{&snap.Stakeholders, "release_id = ?"},
			{&snap.Checklist, "release_id = ?"},
			{&snap.TestRuns, "release_id = ?"},
			{&snap.Decisions, "release_id = ?"},
		}
		for _, l := range loads {
			if err := tx.Where(l.query, id).Order("id").Find(l.dest).Error; err != nil {
				return err
			}
		}
		var reviews []Review
		if err := tx.Preload("Actions").Where("release_id = ?", id).Find(&reviews).Error; err != nil {
			return err
		}
		if len(reviews) > 0 {
			snap.Review = &reviews[0]
		}
		if err := snapshotScope(tx, id, &snap.Scope); err != nil {
			return err
		}
		// Children go with the release through ON DELETE CASCADE.
		if err := tx.Delete(&Release{}, id).Error; err != nil {
			return err
		}
		return s.journal(tx, EntityRelease, id, id).deleted(&snap.Release)
	})
	return snap, err
}

// RestoreRelease puts back a release removed by DeleteRelease, with the same ids.
func (s *Store) RestoreRelease(ctx context.Context, snap ReleaseSnapshot) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		r := snap.Release
		r.Product = Product{}
		if err := tx.Omit("Product").Create(&r).Error; err != nil {
			return translate(err)
		}
		for i := range snap.Deployments {
			snap.Deployments[i].Release, snap.Deployments[i].Environment = Release{}, Environment{}
		}
		for i := range snap.Rollbacks {
			snap.Rollbacks[i].Deployment = Deployment{}
		}
		for i := range snap.Stakeholders {
			snap.Stakeholders[i].Release, snap.Stakeholders[i].Stakeholder = Release{}, Stakeholder{}
		}
		for i := range snap.Checklist {
			snap.Checklist[i].Release = Release{}
		}
		for i := range snap.TestRuns {
			snap.TestRuns[i].Release, snap.TestRuns[i].Environment = Release{}, Environment{}
		}
		for i := range snap.Decisions {
			snap.Decisions[i].Release = Release{}
		}
		for _, rows := range []any{snap.Deployments, snap.Rollbacks, snap.Stakeholders, snap.Checklist, snap.TestRuns, snap.Decisions} {
			if reflect.ValueOf(rows).Len() == 0 {
				continue
			}
			if err := tx.Omit(clause.Associations).Create(rows).Error; err != nil {
				return translate(err)
			}
		}
		if snap.Review != nil {
			rv := *snap.Review
			rv.Release = Release{}
			if err := tx.Omit("Release").Create(&rv).Error; err != nil {
				return translate(err)
			}
		}
		if err := restoreScope(tx, snap.Scope); err != nil {
			return err
		}
		return s.journal(tx, EntityRelease, r.ID, r.ID).created(&r)
	})
}
