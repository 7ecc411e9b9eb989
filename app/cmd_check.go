package app

import (
	"context"
	"fmt"
	"io"

	"releasedesk/data"
)

const checkUsage = "check --db FILE"

// extraChecks are the checks "releasedesk check" runs after data.CheckIntegrity;
// other files append to it from their init (the conflict rules, for one).
var extraChecks []func(ctx context.Context, s *data.Store) ([]data.Finding, error)

// runCheck prints every finding about an existing database, one a line, and
// fails when there is any. It only reads: it never creates, migrates or
// changes a database.
func runCheck(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("check")
	db := fs.String("db", "", "database file to check")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("check: unexpected argument %q; usage: releasedesk %s", rest[0], checkUsage)
	}
	if err := requireDB("check", *db); err != nil {
		return err
	}
	// SQLite's full integrity check is the first of the findings, so the quick one is skipped.
	s, err := openForReading(ctx, *db, data.VerifySkip)
	if err != nil {
		return fmt.Errorf("check: %w", err)
	}
	defer s.Close()
	findings, err := data.CheckIntegrity(ctx, s)
	if err != nil {
		return fmt.Errorf("check: %w", err)
	}
	for _, check := range append([]func(context.Context, *data.Store) ([]data.Finding, error){data.CheckTextLimits}, extraChecks...) {
		more, err := check(ctx, s)
		if err != nil {
			return fmt.Errorf("check: %w", err)
		}
		findings = append(findings, more...)
	}
	for _, f := range findings {
		fmt.Fprintln(stdout, f)
	}
	if len(findings) > 0 {
		return findingsError{len(findings)}
	}
	fmt.Fprintln(stdout, "no findings")
	return nil
}
