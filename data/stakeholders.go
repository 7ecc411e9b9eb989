package data

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Stakeholders lists the people directory by name.
func (s *Store) Stakeholders(ctx context.Context) ([]Stakeholder, error) {
	var out []Stakeholder
	err := s.read(ctx).Order("name, id").Find(&out).Error
	return out, err
}

// validateEmail accepts a bare address such as dana@example.com; a display
// name or angle brackets are refused so the directory holds one form.
func validateEmail(email string) error {
	a, err := mail.ParseAddress(email)
	if err != nil || a.Name != "" || a.Address != email {
		return errors.New("must be an address like dana@example.com")
	}
	return nil
}

// SaveStakeholder creates p (ID 0) or updates it. The name is required; the
// email, when given, must be a valid address no one else in the directory has.
func (s *Store) SaveStakeholder(ctx context.Context, p *Stakeholder) error {
	var pr problems
	p.Name, p.Email = strings.TrimSpace(p.Name), strings.TrimSpace(p.Email)
	p.Team, p.Title = strings.TrimSpace(p.Team), strings.TrimSpace(p.Title)
	pr.required("Name", p.Name)
	pr.limits(p)
	if p.Email != "" {
		if err := validateEmail(p.Email); err != nil {
			pr.add("Email", "%v", err)
		}
	}
	if err := pr.err(); err != nil {
		return err
	}
	created := p.ID == 0
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if p.Email != "" {
			var clash Stakeholder
			err := tx.Where("LOWER(email) = ? AND id <> ?", strings.ToLower(p.Email), p.ID).Take(&clash).Error
			if err == nil {
				return fieldError("Email", "already belongs to %s", clash.Name)
			} else if !errors.Is(err, gorm.ErrRecordNotFound) {
				return err
			}
		}
		if created {
			if err := tx.Create(p).Error; err != nil {
				return translate(err)
			}
			return s.journal(tx, EntityStakeholder, p.ID, 0).created(p)
		}
		if err := s.requireRevision(tx, EntityStakeholder, p.ID, p.Revision); err != nil {
			return err
		}
		var old Stakeholder
		if err := tx.First(&old, p.ID).Error; err != nil {
			return notFound(err, "stakeholder", p.ID)
		}
		p.CreatedAt = old.CreatedAt
		if unchanged(&old, p) {
			return nil // nothing to save: the revision stays, and nobody is told of a change
		}
		if err := tx.Save(p).Error; err != nil {
			return translate(err)
		}
		if err := s.journal(tx, EntityStakeholder, p.ID, 0).updated(&old, p); err != nil {
			return err
		}
		return s.readRevision(tx, EntityStakeholder, p.ID, &p.Revision)
	})
	if err != nil && created {
		p.ID = 0
	}
	return err
}

// DeleteStakeholder removes a person from the directory; it is refused while
// the person is assigned to any release.
func (s *Store) DeleteStakeholder(ctx context.Context, id uint) (Stakeholder, error) {
	var p Stakeholder
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.First(&p, id).Error; err != nil {
			return notFound(err, "stakeholder", id)
		}
		var n int64
		if err := tx.Model(&ReleaseStakeholder{}).Where("stakeholder_id = ?", id).Distinct("release_id").Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return fieldError("Name", "%s is assigned to %s; remove those assignments first", p.Name, countOf(int(n), "release"))
		}
		if err := tx.Delete(&p).Error; err != nil {
			return translate(err)
		}
		return s.journal(tx, EntityStakeholder, id, 0).deleted(&p)
	})
	return p, err
}

// RestoreStakeholder puts back a person removed by DeleteStakeholder, with the same id.
func (s *Store) RestoreStakeholder(ctx context.Context, p Stakeholder) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&p).Error; err != nil {
			return translate(err)
		}
		return s.journal(tx, EntityStakeholder, p.ID, 0).created(&p)
	})
}

// StakeholderAssignments lists a person's roles on releases (release and
// product loaded), latest planned release first, then in RACI order.
func (s *Store) StakeholderAssignments(ctx context.Context, stakeholderID uint) ([]ReleaseStakeholder, error) {
	var out []ReleaseStakeholder
	err := s.read(ctx).Preload("Release.Product").Where("stakeholder_id = ?", stakeholderID).Find(&out).Error
	slices.SortStableFunc(out, func(a, b ReleaseStakeholder) int {
		ad, bd := a.Release.PlannedRelease, b.Release.PlannedRelease
		if ad.IsZero() != bd.IsZero() {
			return compareDatesLast(ad, bd) // undated releases last
		}
		if c := compareDatesLast(bd, ad); c != 0 {
			return c
		}
		if a.ReleaseID != b.ReleaseID {
			return int(a.ReleaseID) - int(b.ReleaseID)
		}
		return roleRank(a.Role) - roleRank(b.Role)
	})
	return out, err
}

// ReleaseStakeholders lists the people on a release (Stakeholder loaded), in
// RACI order and then by name.
func (s *Store) ReleaseStakeholders(ctx context.Context, releaseID uint) ([]ReleaseStakeholder, error) {
	var out []ReleaseStakeholder
	err := s.read(ctx).Joins("Stakeholder").Where("release_stakeholders.release_id = ?", releaseID).Find(&out).Error
	slices.SortStableFunc(out, func(a, b ReleaseStakeholder) int {
		if c := roleRank(a.Role) - roleRank(b.Role); c != 0 {
			return c
		}
		if c := strings.Compare(strings.ToLower(a.Stakeholder.Name), strings.ToLower(b.Stakeholder.Name)); c != 0 {
			return c
		}
		return int(a.ID) - int(b.ID)
	})
	return out, err
}

// checkApproval checks an approval and its time: approved and rejected need a
// time, pending has none.
func checkApproval(p *problems, a Approval, at **time.Time) {
	*at = utcPtr(*at)
	switch a {
	case ApprovalPending:
		*at = nil
	case ApprovalApproved, ApprovalRejected:
		if *at == nil {
			p.add("ApprovedAt", "is required once the release is %s", strings.ToLower(a.Label()))
		}
	default:
		p.add("Approval", "must be pending, approved or rejected")
	}
}

// AssignStakeholder gives a person a RACI role on a release (ID 0) or updates
// the assignment. A person may hold several roles on one release, each once;
// the approval starts pending.
func (s *Store) AssignStakeholder(ctx context.Context, rs *ReleaseStakeholder) error {
	var p problems
	if rs.Approval == "" {
		rs.Approval = ApprovalPending
	}
	rs.ApprovalComment = strings.TrimSpace(rs.ApprovalComment)
	if rs.ReleaseID == 0 {
		p.add("Release", "is required")
	}
	if rs.StakeholderID == 0 {
		p.add("Stakeholder", "is required")
	}
	if !rs.Role.Valid() {
		p.add("Role", "must be Responsible, Accountable, Consulted or Informed")
	}
	checkApproval(&p, rs.Approval, &rs.ApprovedAt)
	p.limits(rs)
	if err := p.err(); err != nil {
		return err
	}
	created := rs.ID == 0
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := requireRow(tx, &Release{}, rs.ReleaseID, "Release"); err != nil {
			return err
		}
		var person Stakeholder
		if err := tx.First(&person, rs.StakeholderID).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return fieldError("Stakeholder", "does not exist")
			}
			return err
		}
		var n int64
		if err := tx.Model(&ReleaseStakeholder{}).Where("release_id = ? AND stakeholder_id = ? AND role = ? AND id <> ?",
			rs.ReleaseID, rs.StakeholderID, rs.Role, rs.ID).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return fieldError("Role", "%s is already %s on this release", person.Name, rs.Role.Label())
		}
		rs.Release, rs.Stakeholder = Release{}, Stakeholder{}
		if created {
			if err := tx.Omit(clause.Associations).Create(rs).Error; err != nil {
				return translate(err)
			}
			return s.journal(tx, EntityReleaseStakeholder, rs.ID, rs.ReleaseID).created(rs)
		}
		if err := s.requireRevision(tx, EntityReleaseStakeholder, rs.ID, rs.Revision); err != nil {
			return err
		}
		var old ReleaseStakeholder
		if err := tx.First(&old, rs.ID).Error; err != nil {
			return notFound(err, "assignment", rs.ID)
		}
		if old.ReleaseID != rs.ReleaseID {
			return fieldError("Release", "cannot change; assign the person on the other release instead")
		}
		rs.CreatedAt = old.CreatedAt
		if unchanged(&old, rs) {
			return nil // nothing to save: the revision stays, and nobody is told of a change
		}
		if err := tx.Omit(clause.Associations).Save(rs).Error; err != nil {
			return translate(err)
		}
		if err := s.journal(tx, EntityReleaseStakeholder, rs.ID, rs.ReleaseID).updated(&old, rs); err != nil {
			return err
		}
		return s.readRevision(tx, EntityReleaseStakeholder, rs.ID, &rs.Revision)
	})
	if err != nil && created {
		rs.ID = 0
	}
	return err
}

// RecordApproval records a person's sign-off on a release: approved and
// rejected need the time it was given, which cannot be in the future;
// pending clears it. It applies to the sign-off as it is now;
// ChangeApproval refuses when it changed since read.
func (s *Store) RecordApproval(ctx context.Context, id uint, approval Approval, at time.Time, comment string) error {
	return s.recordApproval(ctx, id, nil, approval, at, comment)
}

// ChangeApproval is RecordApproval based on the sign-off seen as it was
// read: when someone changed it since, nothing is saved and the error is a
// *ConflictError. On success seen's revision is the saved one.
func (s *Store) ChangeApproval(ctx context.Context, seen *ReleaseStakeholder, approval Approval, at time.Time, comment string) error {
	return s.recordApproval(ctx, seen.ID, &seen.Revision, approval, at, comment)
}

func (s *Store) recordApproval(ctx context.Context, id uint, seen *int, approval Approval, at time.Time, comment string) error {
	var p problems
	when := &at
	checkApproval(&p, approval, &when)
	if when != nil {
		if err := CheckRecordedTime(*when, s.Now()); err != nil {
			p.add("ApprovedAt", "%s", err)
		}
	}
	p.limits(&ReleaseStakeholder{ApprovalComment: strings.TrimSpace(comment)})
	if err := p.err(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		if seen != nil {
			if err := s.requireRevision(tx, EntityReleaseStakeholder, id, *seen); err != nil {
				return err
			}
		}
		var old ReleaseStakeholder
		if err := tx.First(&old, id).Error; err != nil {
			return notFound(err, "assignment", id)
		}
		next := old
		next.Approval, next.ApprovedAt, next.ApprovalComment = approval, when, strings.TrimSpace(comment)
		if err := tx.Omit(clause.Associations).Save(&next).Error; err != nil {
			return translate(err)
		}
		if err := s.journal(tx, EntityReleaseStakeholder, id, old.ReleaseID).updated(&old, &next); err != nil {
			return err
		}
		if seen == nil {
			return nil
		}
		return s.readRevision(tx, EntityReleaseStakeholder, id, seen)
	})
}

// UnassignStakeholder removes a role from a release and returns it for RestoreAssignment.
func (s *Store) UnassignStakeholder(ctx context.Context, id uint) (ReleaseStakeholder, error) {
	var rs ReleaseStakeholder
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.First(&rs, id).Error; err != nil {
			return notFound(err, "assignment", id)
		}
		if err := tx.Delete(&ReleaseStakeholder{}, id).Error; err != nil {
			return translate(err)
		}
		return s.journal(tx, EntityReleaseStakeholder, id, rs.ReleaseID).deleted(&rs)
	})
	if err != nil {
		return ReleaseStakeholder{}, err
	}
	return rs, nil
}

// RestoreAssignment puts back an assignment removed by UnassignStakeholder, with the same id.
func (s *Store) RestoreAssignment(ctx context.Context, rs ReleaseStakeholder) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.First(&Release{}, rs.ReleaseID).Error; err != nil {
			return notFound(err, "release", rs.ReleaseID)
		}
		if err := tx.First(&Stakeholder{}, rs.StakeholderID).Error; err != nil {
			return notFound(err, "stakeholder", rs.StakeholderID)
		}
		rs.Release, rs.Stakeholder = Release{}, Stakeholder{}
		if err := tx.Omit(clause.Associations).Create(&rs).Error; err != nil {
			return translate(err)
		}
		return s.journal(tx, EntityReleaseStakeholder, rs.ID, rs.ReleaseID).created(&rs)
	})
}

// RACIKey addresses one cell of a RACI matrix.
type RACIKey struct {
	ReleaseID, StakeholderID uint
}

// RACIMatrix is who holds which roles on each release of a period.
type RACIMatrix struct {
	// Releases are the releases planned in the period (product loaded), by planned date.
	Releases []Release
	// People are the stakeholders with a role on any of those releases, by name.
	People []Stakeholder
	// Cells holds each person's roles on each release, in RACI order.
	Cells map[RACIKey][]RACIRole
}

// Roles returns the roles stakeholderID holds on releaseID, in RACI order.
func (m RACIMatrix) Roles(releaseID, stakeholderID uint) []RACIRole {
	return m.Cells[RACIKey{releaseID, stakeholderID}]
}

// RACIMatrix builds the matrix of the releases planned between from and to
// (inclusive; a zero bound is open) against the people assigned to them.
func (s *Store) RACIMatrix(ctx context.Context, from, to Date) (RACIMatrix, error) {
	m := RACIMatrix{Cells: map[RACIKey][]RACIRole{}}
	var err error
	if m.Releases, err = s.ListReleases(ctx, ReleaseFilter{From: from, To: to}); err != nil {
		return RACIMatrix{}, err
	}
	q := s.read(ctx).Joins("Stakeholder").Joins("JOIN releases ON releases.id = release_stakeholders.release_id")
	if !from.IsZero() {
		q = q.Where("releases.planned_release >= ?", from)
	}
	if !to.IsZero() {
		q = q.Where("releases.planned_release <= ?", to)
	}
	var rows []ReleaseStakeholder
	if err := q.Find(&rows).Error; err != nil {
		return RACIMatrix{}, err
	}
	seen := map[uint]bool{}
	for _, r := range rows {
		k := RACIKey{r.ReleaseID, r.StakeholderID}
		m.Cells[k] = append(m.Cells[k], r.Role)
		if !seen[r.StakeholderID] {
			seen[r.StakeholderID] = true
			m.People = append(m.People, r.Stakeholder)
		}
	}
	for _, roles := range m.Cells {
		slices.SortFunc(roles, func(a, b RACIRole) int { return roleRank(a) - roleRank(b) })
	}
	slices.SortFunc(m.People, func(a, b Stakeholder) int {
		if c := strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)); c != 0 {
			return c
		}
		return int(a.ID) - int(b.ID)
	})
	return m, nil
}

// roleRank orders roles R, A, C, I; unknown roles go last.
func roleRank(r RACIRole) int {
	if i := slices.Index(RACIRoles, r); i >= 0 {
		return i
	}
	return len(RACIRoles)
}

// compareDatesLast orders two days with unset days after every set one.
func compareDatesLast(a, b Date) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	case a.Before(b):
		return -1
	case a.After(b):
		return 1
	}
	return 0
}

// countOf says "1 release" or "3 releases".
func countOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
