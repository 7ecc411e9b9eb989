package app

import (
	"context"
	"fmt"
	"io"
	"strings"

	"releasedesk/data"
)

const copyUsage = "copy --from DB --to DB"

// runCopy copies a whole plan between a file and a PostgreSQL server, either
// way (or file to file): into a new or empty target only, all or nothing,
// with the rows of every table counted on both sides. It prints one line
// saying what was copied.
func runCopy(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("copy")
	from := fs.String("from", "", "the database to copy: a file or a postgres:// URL")
	to := fs.String("to", "", "where the copy goes: a new file, or an empty database on a server")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(rest) > 0:
		return usagef("copy: unexpected argument %q; usage: releasedesk %s", rest[0], copyUsage)
	case strings.TrimSpace(*from) == "" || strings.TrimSpace(*to) == "":
		return usagef("copy: --from and --to are both required; usage: releasedesk %s", copyUsage)
	}
	report, err := data.Copy(ctx, *from, *to, nil)
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("copy: interrupted; nothing was kept at %s", data.Redacted(*to))
		}
		return fmt.Errorf("copy: %w", err)
	}
	byTable := make([]string, 0, len(report.Tables))
	for _, t := range report.Tables {
		if t.Rows > 0 && t.Table != "database_identity" {
			byTable = append(byTable, fmt.Sprintf("%d %s", t.Rows, strings.ReplaceAll(t.Table, "_", " ")))
		}
	}
	fmt.Fprintf(stdout, "copied %s to %s: %s (counted on both sides)\n", report.From, report.To, strings.Join(byTable, ", "))
	return nil
}
