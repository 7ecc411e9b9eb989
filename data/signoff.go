package data

import (
	"context"
	"fmt"
	"strings"
)

// SignOffState is where one person's sign-off of a release stands.
type SignOffState string

// Sign-off states. The Informed are told, not asked: unless they answered
// anyway, theirs is "not asked", never "pending".
const (
	SignOffApproved SignOffState = "approved"
	SignOffRejected SignOffState = "rejected"
	SignOffPending  SignOffState = "pending"
	SignOffNotAsked SignOffState = "not_asked"
)

var signOffLabels = map[SignOffState]string{
	SignOffApproved: "Approved", SignOffRejected: "Rejected", SignOffPending: "Pending", SignOffNotAsked: "Not asked",
}

// Label is the state as a screen or a workbook shows it: "Not asked".
func (s SignOffState) Label() string { return labelOr(signOffLabels, s) }

// SignOffOf says where rs's sign-off stands: an answer given is shown as
// given, whatever the role; an Informed person who gave none was not asked.
func SignOffOf(rs ReleaseStakeholder) SignOffState {
	switch {
	case rs.Approval == ApprovalApproved:
		return SignOffApproved
	case rs.Approval == ApprovalRejected:
		return SignOffRejected
	case !AskedToSignOff(rs.Role):
		return SignOffNotAsked
	}
	return SignOffPending
}

// SignOffs sums up the sign-off of one release: who is asked (every role
// but Informed) and how each of them answered. The review workbook, the
// Stakeholders tab and the go rules count the same people.
type SignOffs struct {
	// Asked lists the people asked to sign off, in the order given.
	Asked []ReleaseStakeholder
	// Approved, Pending and Rejected split Asked by their answer.
	Approved, Pending, Rejected []ReleaseStakeholder
	// Informed lists the people who are told, not asked; they count in
	// none of the above, even when they answered.
	Informed []ReleaseStakeholder
	// Accountable lists the Accountable people (exactly one is expected).
	Accountable []ReleaseStakeholder
}

// SignOffsOf sums up the sign-offs of one release's people.
func SignOffsOf(people []ReleaseStakeholder) SignOffs {
	var s SignOffs
	for _, p := range people {
		if p.Role == RoleAccountable {
			s.Accountable = append(s.Accountable, p)
		}
		if !AskedToSignOff(p.Role) {
			s.Informed = append(s.Informed, p)
			continue
		}
		s.Asked = append(s.Asked, p)
		switch p.Approval {
		case ApprovalApproved:
			s.Approved = append(s.Approved, p)
		case ApprovalRejected:
			s.Rejected = append(s.Rejected, p)
		default:
			s.Pending = append(s.Pending, p)
		}
	}
	return s
}

// Count says how many of those asked approved: "2 of 3 approved, 1
// rejected", or "nobody is asked to sign off".
func (s SignOffs) Count() string {
	if len(s.Asked) == 0 {
		return "nobody is asked to sign off"
	}
	out := fmt.Sprintf("%d of %d approved", len(s.Approved), len(s.Asked))
	if n := len(s.Rejected); n > 0 {
		out += fmt.Sprintf(", %d rejected", n)
	}
	return out
}

// Who names people with their role: "Dana Ruiz (Accountable), Lee Park (Consulted)".
func Who(people []ReleaseStakeholder) string {
	names := make([]string, len(people))
	for i, p := range people {
		names[i] = p.Stakeholder.Name + " (" + p.Role.Label() + ")"
	}
	return strings.Join(names, ", ")
}

// SignOffs reads the people of release id (Stakeholder filled in, in the
// order they were assigned) and sums up their sign-offs.
func (s *Store) SignOffs(ctx context.Context, releaseID uint) (SignOffs, error) {
	if err := s.read(ctx).Select("id").First(&Release{}, releaseID).Error; err != nil {
		return SignOffs{}, notFound(err, "release", releaseID)
	}
	var people []ReleaseStakeholder
	err := s.read(ctx).Joins("Stakeholder").Where("release_stakeholders.release_id = ?", releaseID).
		Order("release_stakeholders.id").Find(&people).Error
	return SignOffsOf(people), err
}
