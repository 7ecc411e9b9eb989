package data

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// WorkItemFilter narrows WorkItems; zero fields match everything.
type WorkItemFilter struct {
	Kinds    []WorkItemKind
	Statuses []WorkItemStatus
	// CustomerFacing keeps only the items customers are told about.
	CustomerFacing bool
}

// WorkItems lists a release's scope matching f, by kind (features first, as
// release notes group them), then key in natural order (PAY-9 before PAY-10).
func (s *Store) WorkItems(ctx context.Context, releaseID uint, f WorkItemFilter) ([]WorkItem, error) {
	q := s.read(ctx).Where("release_id = ?", releaseID)
	if len(f.Kinds) > 0 {
		q = q.Where("kind IN ?", f.Kinds)
	}
	if len(f.Statuses) > 0 {
		q = q.Where("status IN ?", f.Statuses)
	}
	if f.CustomerFacing {
		q = q.Where("customer_facing = ?", true)
	}
	var out []WorkItem
	if err := q.Find(&out).Error; err != nil {
		return nil, err
	}
	sortWorkItems(out)
	return out, nil
}

// WorkItem returns one work item.
func (s *Store) WorkItem(ctx context.Context, id uint) (WorkItem, error) {
	var it WorkItem
	err := s.read(ctx).First(&it, id).Error
	return it, notFound(err, "work item", id)
}

func sortWorkItems(items []WorkItem) {
	slices.SortStableFunc(items, func(a, b WorkItem) int {
		return cmp.Or(cmp.Compare(workKindRank(a.Kind), workKindRank(b.Kind)), CompareKeys(a.Key, b.Key), cmp.Compare(a.ID, b.ID))
	})
}

func workKindRank(k WorkItemKind) int {
	if i := slices.Index(WorkItemKinds, k); i >= 0 {
		return i
	}
	return len(WorkItemKinds)
}

// CompareKeys orders tracker keys as people read them: by project, then by
// number (PAY-9 before PAY-10), then as text.
func CompareKeys(a, b string) int {
	pa, na := splitKey(a)
	pb, nb := splitKey(b)
	return cmp.Or(strings.Compare(strings.ToLower(pa), strings.ToLower(pb)), cmp.Compare(na, nb), strings.Compare(a, b))
}

// splitKey cuts a key into the text before its trailing number and the number.
func splitKey(k string) (string, uint64) {
	i := len(k)
	for i > 0 && k[i-1] >= '0' && k[i-1] <= '9' {
		i--
	}
	n, err := strconv.ParseUint(k[i:], 10, 64)
	if err != nil {
		return k, 0
	}
	return k[:i], n
}

// validate checks a work item on its own and tidies its text; the release
// and the key's uniqueness need the store.
func (w *WorkItem) validate() error {
	var p problems
	w.Key = strings.TrimSpace(w.Key)
	w.Summary = strings.Join(strings.Fields(w.Summary), " ")
	w.Component = strings.TrimSpace(w.Component)
	w.Link = strings.TrimSpace(w.Link)
	w.Notes = strings.TrimSpace(w.Notes)
	if w.ReleaseID == 0 {
		p.add("Release", "is required")
	}
	if msg := keyProblem(w.Key); msg != "" {
		p.add("Key", "%s", msg)
	}
	p.required("Summary", w.Summary)
	if !w.Kind.Valid() {
		p.add("Kind", "must be feature, fix, improvement, security or task")
	}
	if !w.Status.Valid() {
		p.add("Status", "must be open, in progress, done or dropped")
	}
	if msg := linkProblem(w.Link); msg != "" {
		p.add("Link", "%s", msg)
	}
	p.limits(w)
	return p.err()
}

// keyProblem says what is wrong with a work item key, or "" when it is fine:
// one word of at most MaxWorkItemKey characters, no spaces or controls.
func keyProblem(key string) string {
	switch {
	case key == "":
		return "is required"
	case utf8.RuneCountInString(key) > MaxWorkItemKey:
		return fmt.Sprintf("is longer than %d characters", MaxWorkItemKey)
	case !utf8.ValidString(key):
		return "is not valid text"
	case strings.IndexFunc(key, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0:
		return "must be one word, such as PAY-101"
	}
	return ""
}

// linkProblem says what is wrong with a link, or "" when it is fine: empty,
// or an absolute http or https address (nothing else may reach a notes page).
func linkProblem(link string) string {
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "must be a web address starting with http:// or https://"
	}
	return ""
}

// SaveWorkItem creates it (ID 0) or updates it, with its history. Its key
// must be unique within the release, whatever the case of its letters.
func (s *Store) SaveWorkItem(ctx context.Context, it *WorkItem) error {
	if it.Status == "" {
		it.Status = WorkOpen
	}
	if err := it.validate(); err != nil {
		return err
	}
	created := it.ID == 0
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := requireRow(tx, &Release{}, it.ReleaseID, "Release"); err != nil {
			return err
		}
		if err := keyFree(tx, it.ReleaseID, it.Key, it.ID); err != nil {
			return err
		}
		it.Release = Release{}
		if created {
			if err := tx.Omit(clause.Associations).Create(it).Error; err != nil {
				return translate(err)
			}
			return s.journal(tx, EntityWorkItem, it.ID, it.ReleaseID).created(it)
		}
		if err := s.requireRevision(tx, EntityWorkItem, it.ID, it.Revision); err != nil {
			return err
		}
		var old WorkItem
		if err := tx.First(&old, it.ID).Error; err != nil {
			return notFound(err, "work item", it.ID)
		}
		if old.ReleaseID != it.ReleaseID {
			return fieldError("Release", "cannot change here; move the item to the other release instead")
		}
		it.CreatedAt = old.CreatedAt
		if unchanged(&old, it) {
			return nil // nothing to save: the revision stays, and nobody is told of a change
		}
		if err := tx.Omit(clause.Associations).Save(it).Error; err != nil {
			return translate(err)
		}
		if err := s.journal(tx, EntityWorkItem, it.ID, it.ReleaseID).updated(&old, it); err != nil {
			return err
		}
		return s.readRevision(tx, EntityWorkItem, it.ID, &it.Revision)
	})
	if err != nil && created {
		it.ID = 0
	}
	return err
}

// keyFree refuses key when another item of the release (not except) has
// it; keys are compared in Go, since SQL's LOWER folds only ASCII letters.
func keyFree(tx *gorm.DB, releaseID uint, key string, except uint) error {
	var there []WorkItem
	if err := tx.Select("id, key").Where("release_id = ? AND id <> ?", releaseID, except).Find(&there).Error; err != nil {
		return err
	}
	for _, t := range there {
		if strings.EqualFold(t.Key, key) {
			return fieldError("Key", "this release already has %s", t.Key)
		}
	}
	return nil
}

// DeleteWorkItems removes the items with the given ids, together, and
// returns them for RestoreWorkItems.
func (s *Store) DeleteWorkItems(ctx context.Context, ids []uint) ([]WorkItem, error) {
	var items []WorkItem
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("id IN ?", ids).Order("id").Find(&items).Error; err != nil {
			return err
		}
		if len(items) != len(slices.Compact(slices.Sorted(slices.Values(ids)))) {
			return fmt.Errorf("work items %v: %w", ids, ErrNotFound)
		}
		if err := tx.Where("id IN ?", ids).Delete(&WorkItem{}).Error; err != nil {
			return translate(err)
		}
		for i := range items {
			if err := s.journal(tx, EntityWorkItem, items[i].ID, items[i].ReleaseID).deleted(&items[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return items, nil
}

// RestoreWorkItems puts back items removed by DeleteWorkItems, with the same ids.
func (s *Store) RestoreWorkItems(ctx context.Context, items []WorkItem) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		for _, it := range items {
			if err := requireRow(tx, &Release{}, it.ReleaseID, "Release"); err != nil {
				return err
			}
			if err := keyFree(tx, it.ReleaseID, it.Key, it.ID); err != nil {
				return err
			}
			it.Release = Release{}
			if err := tx.Omit(clause.Associations).Create(&it).Error; err != nil {
				return translate(err)
			}
			if err := s.journal(tx, EntityWorkItem, it.ID, it.ReleaseID).created(&it); err != nil {
				return err
			}
		}
		return nil
	})
}

// MoveWorkItems moves the items with the given ids to release to in one
// transaction, with history on both sides, and returns them as they were
// (so moving each back to its ReleaseID undoes it). Nothing moves when to
// already has one of their keys.
func (s *Store) MoveWorkItems(ctx context.Context, ids []uint, to uint) ([]WorkItem, error) {
	var before []WorkItem
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var err error
		before, err = s.moveItems(tx, func(q *gorm.DB) *gorm.DB { return q.Where("id IN ?", ids) }, to)
		if err == nil && len(before) != len(slices.Compact(slices.Sorted(slices.Values(ids)))) {
			err = fmt.Errorf("work items %v: %w", ids, ErrNotFound)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return before, nil
}

// CarryOver moves the unfinished work (open or in progress) of release from
// to release to, as when a release is cut and what did not make it goes to
// the next one: one transaction, with history. It returns the items as they
// were. The receiving release must still be able to ship them.
func (s *Store) CarryOver(ctx context.Context, from, to uint) ([]WorkItem, error) {
	if from == to {
		return nil, fieldError("Release", "choose another release to carry the work over to")
	}
	var before []WorkItem
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var target Release
		if err := tx.Select("id, status").First(&target, to).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return fieldError("Release", "does not exist")
			}
			return err
		}
		if target.Status == StatusReleased || target.Status == StatusCancelled {
			return fieldError("Release", "is %s: choose a release still to ship", strings.ToLower(target.Status.Label()))
		}
		if err := requireRow(tx, &Release{}, from, "Release"); err != nil {
			return err
		}
		var err error
		before, err = s.moveItems(tx, func(q *gorm.DB) *gorm.DB {
			return q.Where("release_id = ? AND status IN ?", from, []WorkItemStatus{WorkOpen, WorkInProgress})
		}, to)
		return err
	})
	if err != nil {
		return nil, err
	}
	return before, nil
}

// moveItems moves the items pick selects to release to inside tx.
func (s *Store) moveItems(tx *gorm.DB, pick func(*gorm.DB) *gorm.DB, to uint) ([]WorkItem, error) {
	if err := requireRow(tx, &Release{}, to, "Release"); err != nil {
		return nil, err
	}
	var items []WorkItem
	if err := pick(tx.Model(&WorkItem{})).Order("id").Find(&items).Error; err != nil {
		return nil, err
	}
	var keys []string
	moving := map[string]bool{}
	for _, it := range items {
		moving[strings.ToLower(it.Key)] = true
	}
	var there []WorkItem
	if err := tx.Select("id, key").Where("release_id = ?", to).Find(&there).Error; err != nil {
		return nil, err
	}
	for _, t := range there {
		if moving[strings.ToLower(t.Key)] && !slices.ContainsFunc(items, func(it WorkItem) bool { return it.ID == t.ID }) {
			keys = append(keys, t.Key)
		}
	}
	if len(keys) > 0 {
		slices.SortFunc(keys, CompareKeys)
		return nil, fieldError("Release", "already has %s; nothing was moved", strings.Join(keys, ", "))
	}
	for _, old := range items {
		if old.ReleaseID == to {
			continue
		}
		next := old
		next.ReleaseID = to
		if err := tx.Model(&WorkItem{ID: old.ID}).Update("release_id", to).Error; err != nil {
			return nil, translate(err)
		}
		// Each release's history tells that the item left or arrived.
		for _, rel := range []uint{old.ReleaseID, to} {
			if err := s.journal(tx, EntityWorkItem, old.ID, rel).updated(&old, &next); err != nil {
				return nil, err
			}
		}
	}
	return items, nil
}

// ScopeCount sums up a release's scope for lists: how many items, and how
// many are done, still to do and dropped.
type ScopeCount struct {
	Items, Done, Unfinished, Dropped int
}

// scopeScanFrom is how many releases ScopeCounts counts with one pass over
// every work item rather than a query per chunk of ids: a long list (the
// unfiltered Releases table) costs a few hundred chunked queries otherwise.
const scopeScanFrom = 20 * inChunk

// ScopeCounts counts the scope of each release in ids, in one grouped query
// per chunk of ids, or in one grouped pass over every item for a long list;
// a release without items is absent from the map.
func (s *Store) ScopeCounts(ctx context.Context, ids []uint) (map[uint]ScopeCount, error) {
	out := make(map[uint]ScopeCount, min(len(ids), 4096))
	var wanted map[uint]bool
	chunks := slices.Collect(slices.Chunk(ids, inChunk))
	if len(ids) >= scopeScanFrom {
		wanted = make(map[uint]bool, len(ids))
		for _, id := range ids {
			wanted[id] = true
		}
		chunks = [][]uint{nil}
	}
	// One row per release, its statuses summed in SQL and read packed: the
	// long list has a hundred thousand of them.
	sum := func(statuses ...WorkItemStatus) string {
		return "SUM(CASE WHEN status IN ('" + strings.Join(statusStrings(statuses), "','") + "') THEN 1 ELSE 0 END)"
	}
	values := []string{"release_id", "COUNT(*)", sum(WorkDone), sum(WorkDropped), sum(WorkOpen, WorkInProgress)}
	type counted struct {
		id uint
		c  ScopeCount
	}
	parse := func(f []string) (counted, error) {
		var r counted
		var err error
		r.id, err = packedID(f[0])
		for i, n := range []*int{&r.c.Items, &r.c.Done, &r.c.Dropped, &r.c.Unfinished} {
			if err == nil {
				var v uint
				v, err = packedID(f[i+1])
				*n = int(v)
			}
		}
		return r, err
	}
	for _, chunk := range chunks {
		q := s.read(ctx).Table("work_items")
		if wanted == nil {
			q = q.Where("release_id IN ?", chunk)
		}
		rows, err := readPacked(ctx, s, q.Group("release_id"), values, parse)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if wanted == nil || wanted[r.id] {
				out[r.id] = r.c
			}
		}
	}
	return out, nil
}

// statusStrings turns statuses into the strings SQL compares them with.
func statusStrings(statuses []WorkItemStatus) []string {
	out := make([]string, len(statuses))
	for i, st := range statuses {
		out[i] = string(st)
	}
	return out
}
