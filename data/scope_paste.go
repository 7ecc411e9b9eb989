package data

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ScopeLine is one work item written as "KEY summary", and the line it is on.
type ScopeLine struct {
	Line    int // counting from 1
	Key     string
	Summary string
}

// ScopeLineError is one line of pasted scope that cannot be read.
type ScopeLineError struct {
	Line    int
	Message string
}

// Error says which line is wrong and why: "line 3: ...".
func (e ScopeLineError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Message) }

// What one paste may hold: a release has tens of items, a paste a few more.
const (
	maxPastedBytes = 1 << 20
	maxPastedLines = 5000
)

// ParseScopeLines reads work items typed or pasted one per line as
// "KEY summary". The key is a tracker key such as PAY-101 (upper-cased) or
// #123; the summary follows after spaces, a tab, a colon or a dash. Blank
// lines are skipped and list bullets ("-", "*", "•") are ignored, so a list
// copied from a document or a two-column spreadsheet selection reads as
// it is. A key given twice is an error on its second line. Every bad line is
// reported; the lines read are returned either way, for a preview.
func ParseScopeLines(text string) ([]ScopeLine, []ScopeLineError) {
	if len(text) > maxPastedBytes {
		return nil, []ScopeLineError{{Line: 1, Message: "the text is larger than 1 MB; paste fewer lines at a time"}}
	}
	var out []ScopeLine
	var errs []ScopeLineError
	first := map[string]int{}
	lines := strings.Split(text, "\n")
	if len(lines) > maxPastedLines {
		return nil, []ScopeLineError{{Line: maxPastedLines + 1, Message: fmt.Sprintf("more than %d lines; paste fewer at a time", maxPastedLines)}}
	}
	for i, raw := range lines {
		n := i + 1
		line := strings.TrimSpace(strings.ToValidUTF8(raw, "\uFFFD"))
		line = strings.TrimSpace(trimBullet(line))
		if line == "" {
			continue
		}
		key, summary, ok := cutScopeKey(line)
		if !ok {
			errs = append(errs, ScopeLineError{Line: n, Message: fmt.Sprintf("%q does not start with a key such as PAY-101", shorten(line, 40))})
			continue
		}
		summary = strings.Join(strings.Fields(summary), " ")
		switch {
		case summary == "":
			errs = append(errs, ScopeLineError{Line: n, Message: key + " has no summary after its key"})
			continue
		case utf8.RuneCountInString(summary) > MaxWorkItemSummary:
			errs = append(errs, ScopeLineError{Line: n, Message: fmt.Sprintf("the summary of %s is longer than %d characters", key, MaxWorkItemSummary)})
			continue
		}
		if at, dup := first[strings.ToLower(key)]; dup {
			errs = append(errs, ScopeLineError{Line: n, Message: fmt.Sprintf("%s is already on line %d", key, at)})
			continue
		}
		first[strings.ToLower(key)] = n
		out = append(out, ScopeLine{Line: n, Key: key, Summary: summary})
	}
	return out, errs
}

// trimBullet drops a list bullet at the start of a line.
func trimBullet(line string) string {
	for _, b := range []string{"- ", "* ", "• ", "•\t", "-\t", "*\t"} {
		if strings.HasPrefix(line, b) {
			return line[len(b):]
		}
	}
	return line
}

// cutScopeKey splits a line into its key and the rest; ok is false when the
// line does not start with a key.
func cutScopeKey(line string) (key, rest string, ok bool) {
	end := strings.IndexFunc(line, func(r rune) bool { return unicode.IsSpace(r) || r == ':' })
	if end < 0 {
		end = len(line)
	}
	key, rest = line[:end], line[end:]
	if !isTrackerKey(key) {
		return "", "", false
	}
	if key[0] != '#' {
		key = strings.ToUpper(key)
	}
	rest = strings.TrimLeftFunc(rest, func(r rune) bool {
		return unicode.IsSpace(r) || r == ':' || r == '-' || r == '–' || r == '—' || r == '|'
	})
	return key, rest, utf8.RuneCountInString(key) <= MaxWorkItemKey
}

// isTrackerKey reports whether s is a Jira-style key (PROJECT-123, the
// project starting with a letter) or an issue number such as #123.
func isTrackerKey(s string) bool {
	if len(s) > 1 && s[0] == '#' {
		return allDigits(s[1:])
	}
	project, number, found := strings.Cut(s, "-")
	if !found || project == "" || !allDigits(number) {
		return false
	}
	for i, r := range project {
		letter := r < utf8.RuneSelf && unicode.IsLetter(r)
		if !letter && (i == 0 || !(r == '_' || (r >= '0' && r <= '9'))) {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// shorten cuts s to at most n runes for a message.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// PasteResult is what PasteScope did: the items it added and the keys it
// left alone because the release has them already.
type PasteResult struct {
	Added    []WorkItem
	Existing []string
}

// PasteScope adds lines (from ParseScopeLines) to a release as work items
// that take kind, status, component and customer-facing from template, in
// one transaction with their history. Keys the release already has are left
// as they are and listed in Existing; a bad template or line adds nothing.
func (s *Store) PasteScope(ctx context.Context, releaseID uint, lines []ScopeLine, template WorkItem) (PasteResult, error) {
	var res PasteResult
	if template.Status == "" {
		template.Status = WorkOpen
	}
	items := make([]WorkItem, 0, len(lines))
	for _, l := range lines {
		it := template
		it.ID, it.ReleaseID, it.Key, it.Summary, it.Release = 0, releaseID, l.Key, l.Summary, Release{}
		if err := it.validate(); err != nil {
			return res, fmt.Errorf("line %d: %w", l.Line, err)
		}
		items = append(items, it)
	}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := requireRow(tx, &Release{}, releaseID, "Release"); err != nil {
			return err
		}
		var keys []string
		if err := tx.Model(&WorkItem{}).Where("release_id = ?", releaseID).Pluck("key", &keys).Error; err != nil {
			return err
		}
		have := map[string]bool{}
		for _, k := range keys {
			have[strings.ToLower(k)] = true
		}
		for _, it := range items {
			if have[strings.ToLower(it.Key)] {
				res.Existing = append(res.Existing, it.Key)
				continue
			}
			have[strings.ToLower(it.Key)] = true
			res.Added = append(res.Added, it)
		}
		return s.createItems(tx, res.Added)
	})
	if err != nil {
		return PasteResult{}, err
	}
	return res, nil
}

// createItems inserts new work items in batches, filling in their ids, and
// their history as SaveWorkItem would write it, in tx.
func (s *Store) createItems(tx *gorm.DB, items []WorkItem) error {
	if len(items) == 0 {
		return nil
	}
	if err := tx.Omit(clause.Associations).CreateInBatches(&items, 200).Error; err != nil {
		return translate(err)
	}
	at := s.Now().UTC()
	var rows []History
	for i := range items {
		release := items[i].ReleaseID
		for _, h := range values(&items[i]) {
			h.Entity, h.EntityID, h.ReleaseID, h.Action, h.At = EntityWorkItem, items[i].ID, &release, ActionCreate, at
			rows = append(rows, h)
		}
		noteChange(tx.Statement.Context, EntityWorkItem, items[i].ID, ActionCreate, nil)
	}
	if err := tx.CreateInBatches(&rows, 500).Error; err != nil {
		return err
	}
	noteHistory(tx.Statement.Context, rows)
	return nil
}
