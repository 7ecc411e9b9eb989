package app

import (
	"bufio"
	"context"
	"fmt"
	"io"

	"releasedesk/data"
)

const checkUsage = "check --db FILE [--all]"

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
		return usagef("check: unexpected argument %q; usage: releasedesk %s", rest[0], checkUsage)
	}
	if err := requireDB("check", *db); err != nil {
		return err
	}
	// A damaged file is named whatever the scope: by SQLite's full integrity
	// check among the findings with --all, else by the quick one, which reads
	// the file beside the rules; nothing is printed before it has passed.
	verify := data.VerifyLater
	if *all {
		verify = data.VerifySkip
	}
	s, err := openForReading(ctx, *db, verify)
	if err != nil {
		return fmt.Errorf("check: %w", err)
	}
	defer s.Close()
	// Hundreds of thousands of lines go out as found, through one buffer.
	out := bufio.NewWriterSize(stdout, 64<<10)
	verified := false
	res, err := data.Check(ctx, s, data.CheckScope{All: *all}, func(f data.Finding) error {
		if !verified {
			if err := s.Verified(ctx); err != nil {
				return err
			}
			verified = true
		}
		_, err := fmt.Fprintln(out, f)
		return err
	})
	if err == nil && !verified {
		err = s.Verified(ctx)
	}
	if err != nil {
		out.Flush()
		if damaged := s.Verified(ctx); damaged != nil && !*all {
			err = damaged // a rule that stumbled on the damage says less than the check of the file
		}
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
