package app

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"releasedesk/data"
	"releasedesk/reports"
	"releasedesk/views/timeline"
)

// exportUsage is one line per kind of export, as --help lists them.
const exportUsage = "export review --db FILE --release REF --out FILE.xlsx|FILE.pdf\n" +
	"  releasedesk export portfolio --db FILE --out FILE.xlsx\n" +
	"  releasedesk export calendar --db FILE --out FILE.ics [--product P] [--from DATE] [--to DATE] [--kind releases|deployments|freezes]\n" +
	"  releasedesk export notes --db FILE --release REF --out NOTES.md|NOTES.html [--all]\n" +
	"  releasedesk export timeline --db FILE --out FILE.png|FILE.pdf [--from DATE] [--to DATE] [--product P]"

// exportKinds maps what can be exported to the extension its file must
// have; a review may also be a one-page PDF of its Summary.
var exportKinds = map[string]string{"review": ".xlsx", "portfolio": ".xlsx", "calendar": ".ics"}

// runExport writes the review workbook of one release, the portfolio
// workbook or the calendar of an existing database, and says what it wrote.
func runExport(ctx context.Context, args []string, stdout io.Writer) error {
	if exportsNotes(args) {
		return runExportNotes(ctx, args, stdout)
	}
	if exportsTimeline(args) {
		return runExportTimeline(ctx, args, stdout)
	}
	fs := newFlags("export")
	db := fs.String("db", "", "database file to read")
	ref := fs.String("release", "", `release to review: an id or "PRODUCT VERSION"`)
	out := fs.String("out", "", "file to write")
	var products, kinds repeated
	fs.Var(&products, "product", "calendar: only this product's releases and deployments (repeat for more)")
	fs.Var(&kinds, "kind", "calendar: only these kinds of events: releases, deployments, freezes (repeat or list with commas)")
	from := fs.String("from", "", "calendar: only events on or after this day (2027-03-01)")
	to := fs.String("to", "", "calendar: only events on or before this day")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return usagef("export: say what to export (review, portfolio, calendar, notes or timeline); releasedesk --help lists how")
	}
	kind := rest[0]
	ext, ok := exportKinds[kind]
	switch {
	case !ok:
		return usagef("export: unknown export %q (review, portfolio, calendar, notes or timeline)", kind)
	case len(rest) > 1:
		return usagef("export %s: unexpected argument %q", kind, rest[1])
	}
	if err := requireDB("export "+kind, *db); err != nil {
		return err
	}
	reviewPDF := kind == "review" && strings.EqualFold(filepath.Ext(*out), ".pdf")
	switch {
	case strings.TrimSpace(*out) == "" && kind == "review":
		return usagef("export review: --out FILE.xlsx (the workbook) or FILE.pdf (its Summary on one page) is required")
	case strings.TrimSpace(*out) == "":
		return usagef("export %s: --out FILE%s is required", kind, ext)
	case kind == "review" && !reviewPDF && !strings.EqualFold(filepath.Ext(*out), ext):
		return usagef("export review: --out must name a .xlsx or .pdf file, not %q", *out)
	case kind != "review" && !strings.EqualFold(filepath.Ext(*out), ext):
		return usagef("export %s: --out must name a %s file, not %q", kind, ext, *out)
	case kind == "review" && strings.TrimSpace(*ref) == "":
		return usagef(`export review: --release REF is required (a release id or "PRODUCT VERSION")`)
	case kind != "review" && *ref != "":
		return usagef("export %s: --release is only for export review", kind)
	case kind != "calendar" && (len(products) > 0 || len(kinds) > 0 || *from != "" || *to != ""):
		return usagef("export %s: --product, --kind, --from and --to are only for export calendar", kind)
	}
	filter, err := calendarFilter(products, kinds, *from, *to)
	if err != nil {
		return usagef("export calendar: %v", err)
	}
	// Refused before the database is even opened: nothing is written.
	if err := reports.CheckOutput(*out, *db); err != nil {
		return fmt.Errorf("export %s: %w", kind, err)
	}
	s, err := openForReading(ctx, *db, data.VerifyNow)
	if err != nil {
		return fmt.Errorf("export %s: %w", kind, err)
	}
	defer s.Close()
	if err := knownProducts(ctx, s, filter.Products); err != nil {
		return fmt.Errorf("export %s: %w", kind, err)
	}
	if err := export(ctx, s, kind, *ref, *out, filter, stdout); err != nil {
		return fmt.Errorf("export %s: %w", kind, err)
	}
	return nil
}

// export writes one kind of file from s to out.
func export(ctx context.Context, s *data.Store, kind, ref, out string, filter reports.CalendarFilter, stdout io.Writer) error {
	switch kind {
	case "review":
		r, err := s.FindRelease(ctx, ref)
		if err != nil {
			return err
		}
		if strings.EqualFold(filepath.Ext(out), ".pdf") {
			regular, bold := timeline.PictureFonts()
			if err := reports.ExportReviewPDF(ctx, s, r.ID, out, reports.PDFFonts{Regular: regular, Bold: bold}, reports.Options{}); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "wrote the review summary of %s to %s\n", r.Name(), out)
			return nil
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
		if err := reports.ExportCalendarFiltered(ctx, s, out, filter, reports.Options{}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote the calendar to %s\n", out)
	}
	return nil
}

// repeated is a flag that may be given more than once.
type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }

// calendarFilter reads the calendar's limits from the command line. Days
// are ISO (2027-03-01) or written with a month name (1 Mar 2027); numeric
// day/month dates follow the locale's order, as plan import does.
func calendarFilter(products, kinds []string, from, to string) (reports.CalendarFilter, error) {
	f := reports.CalendarFilter{Products: products}
	var err error
	if f.Kinds, err = reports.ParseCalendarKinds(kinds); err != nil {
		return f, fmt.Errorf("--kind: %w", err)
	}
	order, _ := reports.LocaleDateOrder()
	for _, d := range []struct {
		flag, text string
		day        *data.Date
	}{{"--from", from, &f.From}, {"--to", to, &f.To}} {
		if *d.day, err = reports.ParsePlanDate(d.text, order); err != nil {
			return f, fmt.Errorf("%s: %w", d.flag, err)
		}
	}
	for _, p := range products {
		if strings.TrimSpace(p) == "" {
			return f, fmt.Errorf("--product needs a product name")
		}
	}
	return f, f.Validate()
}

// knownProducts refuses a product name the database does not have: a typing
// mistake would otherwise give a calendar without its releases.
func knownProducts(ctx context.Context, s *data.Store, names []string) error {
	if len(names) == 0 {
		return nil
	}
	all, err := s.Products(ctx)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	var list []string
	for _, p := range all {
		have[strings.ToLower(p.Name)] = true
		list = append(list, p.Name)
	}
	for _, n := range names {
		if !have[strings.ToLower(strings.TrimSpace(n))] {
			return fmt.Errorf("--product: no product named %q (the products are: %s)", n, strings.Join(list, ", "))
		}
	}
	return nil
}
