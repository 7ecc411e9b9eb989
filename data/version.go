package data

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"gorm.io/gorm"
)

// errVersionForm is what CheckVersion says of a version it cannot accept.
var errVersionForm = errors.New("must be one word such as 2.4.0, 2026.12 or R42 (letters, digits and . - + _)")

// CheckVersion says what is wrong with a release's version, or nil. A
// version is one word that starts with a letter or a digit and holds only
// letters, digits and . - + _: semantic versions (2.4.0, v2.4.0-rc.1),
// calendar versions (2026.12) and names (R42) are all fine.
func CheckVersion(v string) error {
	v = strings.TrimSpace(v)
	if v == "" {
		return errors.New("is required")
	}
	for i, r := range v {
		letterOrDigit := unicode.IsLetter(r) || unicode.IsDigit(r)
		if (i == 0 && !letterOrDigit) || !(letterOrDigit || strings.ContainsRune(".-+_", r)) {
			return errVersionForm
		}
	}
	return nil
}

// CanonicalVersion is the form in which two spellings of one version are
// equal, so that 2.4, 2.4.0, v2.4.0 and 02.4.0 are one release: case does
// not count, a "v" before the first digit is dropped, the numbers of the
// leading dotted part lose their leading zeros and trailing zero parts
// (2.4.0 is 2.4), and a separator between those numbers and a label does
// not count (2.4.0-RC1 is 2.4rc1). What follows the numbers is otherwise
// kept: 2.4.0-rc.1 and 2.4.0+build.5 are other versions. A version without
// leading numbers (R42) is only compared without regard to case.
func CanonicalVersion(v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	if len(v) > 1 && v[0] == 'v' && v[1] >= '0' && v[1] <= '9' {
		v = v[1:]
	}
	end := 0
	for end < len(v) && (v[end] >= '0' && v[end] <= '9' || v[end] == '.' && end+1 < len(v) && v[end+1] >= '0' && v[end+1] <= '9') {
		end++
	}
	if end == 0 {
		return v
	}
	parts := strings.Split(v[:end], ".")
	for i, p := range parts {
		if n := strings.TrimLeft(p, "0"); n != "" {
			parts[i] = n
		} else {
			parts[i] = "0"
		}
	}
	for len(parts) > 1 && parts[len(parts)-1] == "0" {
		parts = parts[:len(parts)-1]
	}
	rest := v[end:]
	if len(rest) > 1 && strings.ContainsRune("-._", rune(rest[0])) && unicode.IsLetter(rune(rest[1])) {
		rest = rest[1:]
	}
	return strings.Join(parts, ".") + rest
}

// SameVersion tells whether a and b are spellings of one version.
func SameVersion(a, b string) bool { return CanonicalVersion(a) == CanonicalVersion(b) }

// versionClash finds a release of product, other than release id, whose
// version is the same version as v, and returns its version as written.
func versionClash(tx *gorm.DB, product, id uint, v string) (string, bool, error) {
	var versions []string
	err := tx.Model(&Release{}).Where("product_id = ? AND id <> ?", product, id).Pluck("version", &versions).Error
	if err != nil {
		return "", false, err
	}
	want := CanonicalVersion(v)
	for _, other := range versions {
		if CanonicalVersion(other) == want {
			return other, true, nil
		}
	}
	return "", false, nil
}

// versionClashMessage says why a version is refused beside an existing one.
func versionClashMessage(product, v, existing string) string {
	if existing == v {
		return fmt.Sprintf("%s already has a release %s", product, v)
	}
	return fmt.Sprintf("%s already has a release %s, the same version as %s", product, existing, v)
}
