package data

import (
	"strings"

	"github.com/Masterminds/semver/v3"
)

// The validators a form runs while the user types: the very rules the
// store's saves apply, so a form never keeps a copy of them and never
// saves to find out.

// ValidateRelease checks every rule of a release that needs no database:
// product given, version, title, type, status, risk, the dates the status
// needs and their order. It returns a *ValidationError naming each bad
// field, or nil; SaveRelease applies the same rules before it adds the ones
// that need the database (the product exists, the version is unique, the
// status may move). A form that will create the release's product first
// may set aside the "Product" field's "is required". r itself is not
// changed (the store trims the version and title of what it saves).
func ValidateRelease(r Release) error {
	if r.Risk == "" {
		r.Risk = RiskLow // as SaveRelease does
	}
	return r.validate()
}

// ValidateFreezeWindow checks a freeze window as SaveFreezeWindow does
// before it saves: a name, a start, an end after the start, and the
// environments it covers (all, or at least one). It returns a
// *ValidationError naming each bad field, or nil; fw itself is not changed.
func ValidateFreezeWindow(fw FreezeWindow) error { return fw.validate() }

// ValidateEmail checks an email address as typed: empty is fine (an email
// is optional), otherwise it must be a bare address such as
// dana@example.com. Surrounding spaces do not count, as the store trims
// them. SaveStakeholder applies the same rule.
func ValidateEmail(email string) error {
	email = strings.TrimSpace(email)
	if email == "" {
		return nil
	}
	return validateEmail(email)
}

// VersionKey is a version made ready for ordering, so a list can sort
// thousands of versions without parsing each at every comparison. Keys
// order as CompareVersions orders their versions.
type VersionKey struct {
	parsed *semver.Version // nil when the text is not a version
	text   string
}

// NewVersionKey prepares v for ordering.
func NewVersionKey(v string) VersionKey {
	k := VersionKey{text: v}
	if p, err := semver.NewVersion(v); err == nil {
		k.parsed = p
	}
	return k
}

// Compare orders k before (-1), with (0) or after (+1) o: as versions
// (2.10.0 after 2.9.0) when both are versions, as text otherwise.
func (k VersionKey) Compare(o VersionKey) int {
	if k.parsed != nil && o.parsed != nil {
		return k.parsed.Compare(o.parsed)
	}
	return strings.Compare(k.text, o.text)
}
