package app

import (
	"context"
	"fmt"
	"io"

	"releasedesk/data"
)

const upgradeUsage = "upgrade --db FILE"

// runUpgrade brings a database written by an older Release Desk to this
// version's layout, after a numbered copy of it, so that the read-only
// commands (check, export) can read it. An up-to-date file is left alone.
func runUpgrade(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("upgrade")
	db := fs.String("db", "", "database file to upgrade")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("upgrade: unexpected argument %q; usage: releasedesk %s", rest[0], upgradeUsage)
	}
	if err := requireDB("upgrade", *db); err != nil {
		return err
	}
	s, err := data.OpenExisting(ctx, *db)
	if err != nil {
		return fmt.Errorf("upgrade: %w", err)
	}
	defer s.Close()
	shown := data.Redacted(*db)
	if from, backup, ok := s.Upgraded(); ok {
		if s.IsServer() {
			fmt.Fprintf(stdout, "%s: upgraded from schema %d to %d (a server keeps no file copy; back it up with pg_dump first)\n", shown, from, data.SchemaVersion())
			return nil
		}
		fmt.Fprintf(stdout, "%s: upgraded from schema %d to %d; the file as it was is kept as %s\n", shown, from, data.SchemaVersion(), backup)
		return nil
	}
	fmt.Fprintf(stdout, "%s: already up to date (schema %d)\n", shown, data.SchemaVersion())
	return nil
}
