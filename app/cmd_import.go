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

// importUsage is one line per kind of file, as --help lists them.
const importUsage = "import --db FILE [--date-order dmy|mdy|ymd] PLAN.xlsx|PLAN.csv\n" +
	"  releasedesk import --db FILE [--product P] [--jira-site URL] JIRA.csv"

// runImport creates one release per row of a plan file in an existing
// database, all or nothing. When rows are bad it prints one line per
// problem on stdout, imports nothing and fails with one line on stderr.
func runImport(ctx context.Context, args []string, stdout io.Writer) error {
	if kind, ok := jiraImportOf(args); ok {
		return runImportJira(ctx, args, kind, stdout)
	}
	fs := newFlags("import")
	db := fs.String("db", "", "database file to import into")
	order := fs.String("date-order", "", "order of day, month and year in dates such as 03/04/27: dmy, mdy or ymd (default: the file's own dates, else the locale)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("import: give one file: a plan (.xlsx or .csv) or a Jira export (.csv); releasedesk --help lists how")
	}
	plan := rest[0]
	if ext := strings.ToLower(filepath.Ext(plan)); ext != ".xlsx" && ext != ".csv" {
		return usagef("import: a plan must be a .xlsx or .csv file, not %q", plan)
	}
	dateOrder, err := reports.ParseDateOrder(*order)
	if err != nil {
		return usagef("import: --date-order: %v", err)
	}
	if err := requireDB("import", *db); err != nil {
		return err
	}
	// The plan is read before the database is opened: a bad file changes
	// nothing. It is read row by row, again for the import itself.
	p, err := reports.OpenPlanStream(plan, reports.PlanOptions{DateOrder: dateOrder})
	if err != nil {
		return fmt.Errorf("import: %s: %w", plan, err)
	}
	defer p.Close()
	s, err := data.OpenExisting(ctx, *db)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer s.Close()
	created, err := reports.ImportPlanStream(ctx, s, p)
	if pe, ok := data.AsPlanErrors(err); ok {
		printPlanErrors(stdout, pe.Errors)
		return fmt.Errorf("import failed: %s", pe.Error())
	}
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	fmt.Fprintf(stdout, "imported %s from %s\n", releasesCount(created), plan)
	return nil
}

// maxPrintedPlanErrors is how many problems of a plan are printed: a
// file bad throughout has as many as rows, which nobody reads to the end.
const maxPrintedPlanErrors = 200

// printPlanErrors prints a plan's problems one a line, the first
// maxPrintedPlanErrors of them, then how many more there are.
func printPlanErrors(w io.Writer, errs []data.PlanError) {
	for _, e := range errs[:min(len(errs), maxPrintedPlanErrors)] {
		fmt.Fprintln(w, e.Error())
	}
	if more := len(errs) - maxPrintedPlanErrors; more > 0 {
		rows := data.BadPlanRows(errs)
		verb := "rows have"
		if rows == 1 {
			verb = "row has"
		}
		fmt.Fprintf(w, "… and %d more; %d %s problems in all (fix these and import again to see the rest)\n",
			more, rows, verb)
	}
}

// releasesCount says "1 release" or "3 releases".
func releasesCount(n int) string {
	if n == 1 {
		return "1 release"
	}
	return fmt.Sprintf("%d releases", n)
}
