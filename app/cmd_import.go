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

const importUsage = "import --db FILE PLAN.xlsx|PLAN.csv|JIRA.csv [--product P] [--jira-site URL]"

func init() {
	register(command{name: "import", usage: importUsage, run: runImport})
}

// runImport creates one release per row of a plan file in an existing
// database, all or nothing. When rows are bad it prints one line per
// problem on stdout, imports nothing and fails with one line on stderr.
func runImport(ctx context.Context, args []string, stdout io.Writer) error {
	if kind, ok := jiraImportOf(args); ok {
		return runImportJira(ctx, args, kind, stdout)
	}
	fs := newFlags("import")
	db := fs.String("db", "", "database file to import into")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("import: give one plan file; usage: releasedesk %s", importUsage)
	}
	plan := rest[0]
	if ext := strings.ToLower(filepath.Ext(plan)); ext != ".xlsx" && ext != ".csv" {
		return usagef("import: a plan must be a .xlsx or .csv file, not %q", plan)
	}
	if err := requireDB("import", *db); err != nil {
		return err
	}
	// The plan is read before the database is opened: a bad file changes nothing.
	p, err := reports.ParsePlanFile(plan)
	if err != nil {
		return fmt.Errorf("import: %s: %w", plan, err)
	}
	s, err := openExistingStore(ctx, *db)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer s.Close()
	created, err := reports.ImportPlan(ctx, s, p)
	if pe, ok := data.AsPlanErrors(err); ok {
		for _, e := range pe.Errors {
			fmt.Fprintln(stdout, e.Error())
		}
		return fmt.Errorf("import failed: %s", pe.Error())
	}
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	fmt.Fprintf(stdout, "imported %s from %s\n", releasesCount(len(created)), plan)
	return nil
}

// releasesCount says "1 release" or "3 releases".
func releasesCount(n int) string {
	if n == 1 {
		return "1 release"
	}
	return fmt.Sprintf("%d releases", n)
}
