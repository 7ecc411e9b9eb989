package app

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"releasedesk/data"
	"releasedesk/reports"
)

const exportUsage = "export review|portfolio|calendar|notes --db FILE [--release REF] [--all] --out FILE"

// exportKinds maps what can be exported to the extension its file must have.
var exportKinds = map[string]string{"review": ".xlsx", "portfolio": ".xlsx", "calendar": ".ics"}

func init() {
	register(command{name: "export", usage: exportUsage, run: runExport})
}

// runExport writes the review workbook of one release, the portfolio
// workbook or the calendar of an existing database, and says what it wrote.
func runExport(ctx context.Context, args []string, stdout io.Writer) error {
	if exportsNotes(args) {
		return runExportNotes(ctx, args, stdout)
	}
	fs := newFlags("export")
	db := fs.String("db", "", "database file to read")
	ref := fs.String("release", "", `release to review: an id or "PRODUCT VERSION"`)
	out := fs.String("out", "", "file to write")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return usagef("export: say what to export (review, portfolio or calendar); usage: releasedesk %s", exportUsage)
	}
	kind := rest[0]
	ext, ok := exportKinds[kind]
	switch {
	case !ok:
		return usagef("export: unknown export %q (review, portfolio or calendar)", kind)
	case len(rest) > 1:
		return usagef("export %s: unexpected argument %q", kind, rest[1])
	}
	if err := requireDB("export "+kind, *db); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(*out) == "":
		return usagef("export %s: --out FILE%s is required", kind, ext)
	case !strings.EqualFold(filepath.Ext(*out), ext):
		return usagef("export %s: --out must name a %s file, not %q", kind, ext, *out)
	case kind == "review" && strings.TrimSpace(*ref) == "":
		return usagef(`export review: --release REF is required (a release id or "PRODUCT VERSION")`)
	case kind != "review" && *ref != "":
		return usagef("export %s: --release is only for export review", kind)
	}
	s, err := openExistingStore(ctx, *db)
	if err != nil {
		return fmt.Errorf("export %s: %w", kind, err)
	}
	defer s.Close()
	if err := export(ctx, s, kind, *ref, *out, stdout); err != nil {
		return fmt.Errorf("export %s: %w", kind, err)
	}
	return nil
}

// export writes one kind of file from s to out.
func export(ctx context.Context, s *data.Store, kind, ref, out string, stdout io.Writer) error {
	switch kind {
	case "review":
		r, err := s.FindRelease(ctx, ref)
		if err != nil {
			return err
		}
		if err := reports.ExportReview(ctx, s, r.ID, out, reports.Options{}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote the review of %s to %s\n", r.Name(), out)
	case "portfolio":
		counts, err := s.PortfolioCounts(ctx)
		if err != nil {
			return err
		}
		if err := reports.ExportPortfolio(ctx, s, out, reports.Options{}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %d releases, %d deployments and %d rollbacks to %s\n", counts.Releases, counts.Deployments, counts.Rollbacks, out)
	case "calendar":
		if err := reports.ExportCalendar(ctx, s, out, reports.Options{}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote the calendar to %s\n", out)
	}
	return nil
}

// openExistingStore opens a database that must already exist: data.Open
// would quietly create a new one where a name was mistyped.
func openExistingStore(ctx context.Context, path string) (*data.Store, error) {
	if err := checkableFile(path); err != nil {
		return nil, err
	}
	return data.Open(ctx, path)
}
