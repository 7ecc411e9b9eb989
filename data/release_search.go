package data

import (
	"slices"
	"strings"
	"unicode"
)

// ReleaseIndex answers a ReleaseFilter from list lines held in memory, as
// ListReleases would from the database: the same releases, in the same
// order. A screen loads the lines once and asks the index on every
// keystroke; on a ten-year plan of a hundred thousand releases that takes a
// few milliseconds, where the query reads and compares every release.
// Letters compare without regard to case in any alphabet (the database
// folds only A to Z).
type ReleaseIndex struct {
	lines []Release
	// text holds, per line, the lowered fields the search looks at, joined
	// by a control character, which a search never holds (see searchText):
	// product, version, title, owner, change reference, and "product
	// version" as people say it.
	text []string
}

// NewReleaseIndex indexes list lines (as ListReleases returns them, by
// planned date). It keeps the slice: do not change it afterwards.
func NewReleaseIndex(lines []Release) *ReleaseIndex {
	x := &ReleaseIndex{lines: lines, text: make([]string, len(lines))}
	for i := range lines {
		r := &lines[i]
		x.text[i] = strings.ToLower(strings.Join([]string{r.Product.Name, r.Version, r.Title, r.Owner, r.ChangeRef,
			r.Product.Name + " " + r.Version}, "\x00"))
	}
	return x
}

// Len is how many releases the index holds.
func (x *ReleaseIndex) Len() int { return len(x.lines) }

// Find returns the lines f selects, in the index's order; the lines are
// shared with the index, so they must not be changed.
func (x *ReleaseIndex) Find(f ReleaseFilter) []Release {
	needle := strings.ToLower(searchText(f.Search))
	out := make([]Release, 0, min(len(x.lines), 1024))
	for i := range x.lines {
		r := &x.lines[i]
		switch {
		case f.ProductID != 0 && r.ProductID != f.ProductID:
		case len(f.Statuses) > 0 && !slices.Contains(f.Statuses, r.Status):
		case !f.From.IsZero() && (r.PlannedRelease.IsZero() || r.PlannedRelease.Before(f.From)):
		case !f.To.IsZero() && (r.PlannedRelease.IsZero() || r.PlannedRelease.After(f.To)):
		case needle != "" && !strings.Contains(x.text[i], needle):
		default:
			out = append(out, *r)
		}
	}
	return out
}

// searchText is what a search looks for: the text typed, without spaces
// around it or control characters in it (which no field holds, and which
// the database would read as the end of the text).
func searchText(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s))
}
