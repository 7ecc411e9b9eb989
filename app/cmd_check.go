package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"releasedesk/data"
)

// extraChecks are the checks "releasedesk check" runs after data.CheckIntegrity;
// other files append to it from their init (the conflict rules, for one).
var extraChecks []func(ctx context.Context, s *data.Store) ([]data.Finding, error)

func init() {
	register(command{name: "check", usage: "check --db FILE", run: runCheck})
}

// runCheck prints every finding about an existing database, one a line, and
// fails when there is any. It never creates a database.
func runCheck(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("check")
	db := fs.String("db", "", "database file to check")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("check: unexpected argument %q; usage: releasedesk check --db FILE", rest[0])
	}
	if err := requireDB("check", *db); err != nil {
		return err
	}
	if err := checkableFile(*db); err != nil {
		return fmt.Errorf("check: %w", err)
	}
	s, err := data.Open(ctx, *db)
	if err != nil {
		return fmt.Errorf("check: %w", err)
	}
	defer s.Close()
	findings, err := data.CheckIntegrity(ctx, s)
	if err != nil {
		return fmt.Errorf("check: %w", err)
	}
	for _, check := range extraChecks {
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

// checkableFile refuses what data.Open would quietly turn into a new database.
func checkableFile(path string) error {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("no such database: %s", path)
	case err != nil:
		return err
	case info.IsDir():
		return fmt.Errorf("%s is a directory, not a database file", path)
	case info.Size() == 0:
		return fmt.Errorf("%s is empty: %w", path, data.ErrNotReleaseDesk)
	}
	return nil
}
