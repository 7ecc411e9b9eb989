package reports

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"releasedesk/data"
)

// NotesSource loads what release notes need; *data.Store is one.
type NotesSource interface {
	Release(ctx context.Context, id uint) (data.Release, error)
	WorkItems(ctx context.Context, releaseID uint, f data.WorkItemFilter) ([]data.WorkItem, error)
}

// NotesOptions says which work items release notes show.
type NotesOptions struct {
	// All shows every item, internal ones and tasks included; by default
	// the notes show what customers are told about.
	All bool
}

// ReleaseNotes is what a release's notes say, worked out once for every format.
type ReleaseNotes struct {
	Release    data.Release
	Title      string // "Payments 2.4.0: Bank transfers"
	Date       string // "Released on 20 November 2026", "Planned for ...", or ""
	Highlights string // the first paragraph of the release's description
	Groups     []NotesGroup
}

// NotesGroup is one kind of change and its items, in key order.
type NotesGroup struct {
	Kind    data.WorkItemKind
	Heading string // "Features", "Fixes", ...
	Items   []data.WorkItem
}

// Empty reports whether the notes list no change at all.
func (n ReleaseNotes) Empty() bool { return len(n.Groups) == 0 }

// BuildNotes lays out the notes of r from its work items: features, fixes,
// improvements and security changes, each under its heading (and tasks,
// with opt.All). Dropped items never appear, and once a release is released
// only what was done does; items not customer-facing appear only with
// opt.All.
func BuildNotes(r data.Release, items []data.WorkItem, opt NotesOptions) ReleaseNotes {
	n := ReleaseNotes{Release: r, Title: r.Name(), Highlights: firstParagraph(r.Description)}
	if t := strings.TrimSpace(r.Title); t != "" && t != r.Name() {
		n.Title += ": " + t
	}
	switch {
	case !r.ActualRelease.IsZero():
		n.Date = "Released on " + longDay(r.ActualRelease)
	case !r.PlannedRelease.IsZero() && r.Status != data.StatusCancelled:
		n.Date = "Planned for " + longDay(r.PlannedRelease)
	}
	for _, kind := range data.WorkItemKinds {
		if kind == data.WorkTask && !opt.All {
			continue
		}
		g := NotesGroup{Kind: kind, Heading: kind.Group()}
		for _, it := range items {
			shipped := it.Status == data.WorkDone || (r.Status != data.StatusReleased && it.Status != data.WorkDropped)
			if it.Kind == kind && shipped && (it.CustomerFacing || opt.All) {
				g.Items = append(g.Items, it)
			}
		}
		if len(g.Items) > 0 {
			slices.SortStableFunc(g.Items, func(a, b data.WorkItem) int { return data.CompareKeys(a.Key, b.Key) })
			n.Groups = append(n.Groups, g)
		}
	}
	return n
}

// firstParagraph is the text up to the first blank line, on one line.
func firstParagraph(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	if i := strings.Index(s, "\n\n"); i >= 0 {
		s = s[:i]
	}
	return strings.Join(strings.Fields(s), " ")
}

// safeLink returns a work item's link when it is a web address, else "":
// the store only keeps such links, and the notes check again.
func safeLink(link string) string {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// NotesFormat is a file format release notes are written in.
type NotesFormat int

// Release notes formats.
const (
	NotesMarkdown NotesFormat = iota
	NotesHTML
)

// NotesFormatOf picks the format a notes file's extension asks for:
// .md or .markdown for Markdown, .html or .htm for HTML.
func NotesFormatOf(path string) (NotesFormat, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		return NotesMarkdown, nil
	case ".html", ".htm":
		return NotesHTML, nil
	}
	return NotesMarkdown, fmt.Errorf("%s: release notes are a .md or .html file", filepath.Base(path))
}

// NotesFileName suggests a file name for r's notes, such as
// "Payments 2.4.0 release notes.md".
func NotesFileName(r data.Release, f NotesFormat) string {
	ext := ".md"
	if f == NotesHTML {
		ext = ".html"
	}
	return safeFileName(r.Name()+" release notes") + ext
}

// WriteNotes writes n to w in format f.
func WriteNotes(w io.Writer, n ReleaseNotes, f NotesFormat) error {
	if f == NotesHTML {
		return writeNotesHTML(w, n)
	}
	return writeNotesMarkdown(w, n)
}

// ExportNotes writes the notes of release id to path, in the format its
// extension asks for, replacing the file only once the new one is complete.
func ExportNotes(ctx context.Context, src NotesSource, releaseID uint, path string, opt NotesOptions) error {
	format, err := NotesFormatOf(path)
	if err != nil {
		return err
	}
	r, err := src.Release(ctx, releaseID)
	if err != nil {
		return err
	}
	items, err := src.WorkItems(ctx, releaseID, data.WorkItemFilter{})
	if err != nil {
		return err
	}
	n := BuildNotes(r, items, opt)
	return writeAtomically(ctx, src, path, func(w io.Writer) error { return WriteNotes(w, n, format) })
}
