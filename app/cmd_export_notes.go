package app

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"releasedesk/data"
	"releasedesk/reports"
)

const notesUsage = "export notes --db FILE --release REF --out NOTES.md|NOTES.html [--all]"

// notesFlags are the flags of `export notes`.
type notesFlags struct {
	fs  *flag.FlagSet
	db  *string
	ref *string
	out *string
	all *bool
}

func newNotesFlags() notesFlags {
	fs := newFlags("export")
	return notesFlags{fs: fs,
		db:  fs.String("db", "", "database file to read"),
		ref: fs.String("release", "", `release whose notes to write: an id or "PRODUCT VERSION"`),
		out: fs.String("out", "", "file to write: .md or .html"),
		all: fs.Bool("all", false, "every work item, not only the customer-facing ones"),
	}
}

// exportsNotes tells whether args ask `export` for release notes.
func exportsNotes(args []string) bool {
	f := newNotesFlags()
	rest, err := parseFlags(f.fs, args)
	return err == nil && len(rest) > 0 && rest[0] == "notes"
}

// runExportNotes writes the release notes of one release as Markdown or
// HTML, by the extension of --out, and says what it wrote.
func runExportNotes(ctx context.Context, args []string, stdout io.Writer) error {
	f := newNotesFlags()
	rest, err := parseFlags(f.fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 1 {
		return usagef("export notes: unexpected argument %q", rest[1])
	}
	if err := requireDB("export notes", *f.db); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(*f.ref) == "":
		return usagef(`export notes: --release REF is required (a release id or "PRODUCT VERSION"); usage: releasedesk %s`, notesUsage)
	case strings.TrimSpace(*f.out) == "":
		return usagef("export notes: --out NOTES.md or NOTES.html is required")
	}
	if _, err := reports.NotesFormatOf(*f.out); err != nil {
		return usagef("export notes: --out must name a .md or .html file, not %q", *f.out)
	}
	// Refused before the database is even opened: nothing is written.
	if err := reports.CheckOutput(*f.out, *f.db); err != nil {
		return fmt.Errorf("export notes: %w", err)
	}
	s, err := openForReading(ctx, *f.db, data.VerifyNow)
	if err != nil {
		return fmt.Errorf("export notes: %w", err)
	}
	defer s.Close()
	r, err := s.FindRelease(ctx, *f.ref)
	if err != nil {
		return fmt.Errorf("export notes: %w", err)
	}
	if err := reports.ExportNotes(ctx, s, r.ID, *f.out, reports.NotesOptions{All: *f.all}); err != nil {
		return fmt.Errorf("export notes: %w", err)
	}
	which := "customer-facing"
	if *f.all {
		which = "all"
	}
	fmt.Fprintf(stdout, "wrote the release notes of %s (%s items) to %s\n", r.Name(), which, *f.out)
	return nil
}
