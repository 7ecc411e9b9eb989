package app

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"releasedesk/data"
)

func init() {
	register(command{name: "check", usage: "check --db FILE", run: runCheck})
}

// runCheck prints every finding of the rule book about an existing
// database, one a line as data.Check finds them, then a closing line that
// counts them by kind; it fails when there is any. By default it keeps to
// what can still be acted on; --all looks at the whole history. It never
// creates a database.
func runCheck(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("check")
	db := fs.String("db", "", "database file to check")
	all := fs.Bool("all", false, "check the whole history, not just the last two weeks and the future")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("check: unexpected argument %q; usage: releasedesk check --db FILE [--all]", rest[0])
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
	// Hundreds of thousands of lines go out as found, through one buffer.
	out := bufio.NewWriterSize(stdout, 64<<10)
	res, err := data.Check(ctx, s, data.CheckScope{All: *all}, func(f data.Finding) error {
		_, err := fmt.Fprintln(out, f)
		return err
	})
	if err != nil {
		out.Flush()
		return fmt.Errorf("check: %w", err)
	}
	fmt.Fprintln(out, res.Summary())
	if err := out.Flush(); err != nil {
		return fmt.Errorf("check: %w", err)
	}
	if res.Total > 0 {
		return findingsError{res.Total}
	}
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
