package releases

import (
	"cmp"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// The Releases table's Scope column: how much of each release's scope is
// done, from data.ScopeCounts, asked once per load for every row.

// scopeColumn shows "8/12 done" and sorts by the number of items, releases
// without scope last.
var scopeColumn = releaseColumn{title: "Scope", width: 88,
	compare: func(a, b *rowKey) int { return cmp.Compare(a.scope, b.scope) },
	blank:   func(k *rowKey) bool { return k.scope < 0 }}

// scopeText says how much of a release's scope is done: "8/12 done", or "—"
// without items. Dropped items are not work to do, so they count neither way.
func scopeText(c data.ScopeCount) string {
	switch {
	case c.Items == 0:
		return "—"
	case c.Items == c.Dropped:
		return "all dropped"
	}
	return kit.FormatCount(c.Done) + "/" + kit.FormatCount(c.Items-c.Dropped) + " done"
}

// scopeItems is how many items release id has, -1 for none, for sorting.
func scopeItems(scope map[uint]data.ScopeCount, id uint) int {
	if c, ok := scope[id]; ok && c.Items > 0 {
		return c.Items
	}
	return -1
}

// releaseIDs lists the ids of rows, for one query of their scope.
func releaseIDs(rows []data.Release) []uint {
	ids := make([]uint, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	return ids
}
