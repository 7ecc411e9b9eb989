package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"releasedesk/data"
	"releasedesk/reports"
)

// jiraImportFlags are the flags of `import` when it reads a Jira export.
type jiraImportFlags struct {
	fs      *flag.FlagSet
	db      *string
	product *string
	site    *string
}

func newJiraImportFlags() jiraImportFlags {
	fs := newFlags("import")
	return jiraImportFlags{fs: fs,
		db:      fs.String("db", "", "database file to import into"),
		product: fs.String("product", "", "product of a versions list that names no project"),
		site:    fs.String("jira-site", "", "Jira site the export came from, to link each item to its issue"),
	}
}

// jiraImportOf tells whether args ask `import` for a Jira export, by the
// header of the one file they name, and which kind of export it is.
func jiraImportOf(args []string) (reports.ImportKind, bool) {
	f := newJiraImportFlags()
	rest, err := parseFlags(f.fs, args)
	if err != nil || len(rest) != 1 {
		return reports.PlanFile, false // the plan import explains what is wrong
	}
	kind, err := reports.DetectImport(rest[0])
	return kind, err == nil && kind != reports.PlanFile
}

// runImportJira imports a Jira issue export (work items, and the releases
// and products they need) or a Jira versions list (releases) into an
// existing database, all or nothing, as runImport does for plans: problems
// one per line on stdout, one line on stderr, nothing written.
func runImportJira(ctx context.Context, args []string, kind reports.ImportKind, stdout io.Writer) error {
	f := newJiraImportFlags()
	rest, err := parseFlags(f.fs, args)
	if err != nil {
		return err
	}
	path := rest[0]
	if err := requireDB("import", *f.db); err != nil {
		return err
	}
	if kind == reports.JiraVersionsFile && *f.site != "" {
		return usagef("import: --jira-site is for issue exports, and %s is a versions list", path)
	}
	if kind == reports.JiraIssuesFile && *f.product != "" {
		return usagef("import: --product is for versions lists; an issue export names each issue's project")
	}
	// The file is read before the database is opened: a bad file changes nothing.
	raw, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer raw.Close()
	var exp reports.JiraExport
	var versions reports.JiraVersionsList
	if kind == reports.JiraIssuesFile {
		exp, err = reports.ParseJiraIssues(raw)
	} else {
		versions, err = reports.ParseJiraVersions(raw, *f.product)
	}
	if errors.Is(err, reports.ErrVersionsNeedProduct) {
		return usagef("import: %s has no Project column: give --product NAME", path)
	}
	if err != nil {
		return fmt.Errorf("import: %s: %w", path, err)
	}
	s, err := data.OpenExisting(ctx, *f.db)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer s.Close()
	if kind == reports.JiraIssuesFile {
		err = importJiraIssues(ctx, s, exp, data.JiraOptions{SiteURL: *f.site}, path, stdout)
	} else {
		err = importJiraVersions(ctx, s, versions, path, stdout)
	}
	if pe, ok := data.AsPlanErrors(err); ok {
		for _, e := range pe.Errors {
			fmt.Fprintln(stdout, e.Error())
		}
		return fmt.Errorf("import failed: %s", pe.Error())
	}
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	return nil
}

// importJiraIssues imports an issue export and says what it did: the
// issue types read as a kind Release Desk does not know, the issues left
// out, and the counts.
func importJiraIssues(ctx context.Context, s *data.Store, exp reports.JiraExport, opt data.JiraOptions, path string, stdout io.Writer) error {
	preview, err := reports.PreviewJira(ctx, s, exp, opt)
	if err != nil {
		return err
	}
	res, err := reports.ImportJira(ctx, s, exp, opt)
	if err != nil {
		return err
	}
	for _, t := range preview.Types {
		if !t.Known {
			fmt.Fprintf(stdout, "issue type %q is not one Release Desk knows: %s imported as %s\n", t.IssueType, plural(t.Issues, "issue"), t.Kind.Label())
		}
	}
	for _, sk := range preview.Skipped {
		fmt.Fprintf(stdout, "row %d: skipped %s: %s\n", sk.Row, sk.Key, sk.Reason)
	}
	var made []string
	for _, r := range res.NewReleases {
		made = append(made, r.Name()+" ("+strings.ToLower(r.Status.Label())+")")
	}
	fmt.Fprintf(stdout, "imported %s from %s: %d new, %d updated, %d moved, %d unchanged",
		plural(res.Created+res.Updated+res.Moved+res.Unchanged, "work item"), path, res.Created, res.Updated, res.Moved, res.Unchanged)
	if len(made) > 0 {
		fmt.Fprintf(stdout, "; created %s: %s", plural(len(made), "release"), strings.Join(made, ", "))
	}
	if len(res.NewProducts) > 0 {
		fmt.Fprintf(stdout, "; new %s: %s", plural(len(res.NewProducts), "product"), strings.Join(res.NewProducts, ", "))
	}
	fmt.Fprintln(stdout)
	return nil
}

// importJiraVersions imports a versions list and says what it did.
func importJiraVersions(ctx context.Context, s *data.Store, l reports.JiraVersionsList, path string, stdout io.Writer) error {
	preview, err := reports.PreviewJiraVersions(ctx, s, l)
	if err != nil {
		return err
	}
	created, err := reports.ImportJiraVersions(ctx, s, l)
	if err != nil {
		return err
	}
	for _, e := range preview.Existing {
		line := fmt.Sprintf("row %d: %s is there already, left as it is", e.Row, e.Release)
		if e.Note != "" {
			line += " (" + e.Note + ")"
		}
		fmt.Fprintln(stdout, line)
	}
	fmt.Fprintf(stdout, "imported %s from %s\n", releasesCount(len(created)), path)
	return nil
}

// plural says "1 issue" or "3 issues".
func plural(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %ss", n, one)
}
