package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"releasedesk/data"
)

const demoUsage = "demo --db FILE [--releases N] [--seed S]"

// demoCLIReleases is how many releases "releasedesk demo" makes by default:
// more than a first start, to give the screens some weight.
const demoCLIReleases = 200

// runDemo fills a new or empty database with sample data and prints one
// summary line. A failure, or Ctrl+C, leaves the file as it was.
func runDemo(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("demo")
	db := fs.String("db", "", "database file to fill")
	releases := fs.Int("releases", demoCLIReleases, "number of releases")
	seed := fs.Int64("seed", 1, "seed of the sample data")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("demo: unexpected argument %q; usage: releasedesk %s", rest[0], demoUsage)
	}
	if err := requireDB("demo", *db); err != nil {
		return err
	}
	if *releases < 1 || *releases > data.MaxDemoReleases {
		return usagef("demo: --releases must be between 1 and %d, not %d", data.MaxDemoReleases, *releases)
	}
	started := time.Now()
	sum, err := demoInto(ctx, *db, data.DemoOptions{Releases: *releases, Seed: *seed})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	fmt.Fprintf(stdout, "%s: %s in %s\n", data.Redacted(*db), sum, time.Since(started).Round(time.Millisecond))
	return nil
}

// demoInto fills path: a missing or empty file is built beside it and moved
// into place when complete; an existing database is filled in one
// transaction, and only when it holds no plan yet.
func demoInto(ctx context.Context, path string, opt data.DemoOptions) (data.DemoSummary, error) {
	if data.IsServerLocation(path) {
		return demoIntoExisting(ctx, path, data.Open, opt) // one transaction on the server
	}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return demoIntoNewFile(ctx, path, 0o644, opt)
	case err != nil:
		return data.DemoSummary{}, err
	case info.IsDir():
		return data.DemoSummary{}, fmt.Errorf("%s is a directory, not a database file", path)
	case info.Size() == 0:
		return demoIntoNewFile(ctx, path, info.Mode().Perm(), opt)
	}
	return demoIntoExisting(ctx, path, data.OpenExisting, opt)
}

// demoIntoExisting fills the database at path, opened with open, in one
// transaction, when it holds no plan yet.
func demoIntoExisting(ctx context.Context, path string, open func(context.Context, string) (*data.Store, error), opt data.DemoOptions) (data.DemoSummary, error) {
	s, err := open(ctx, path)
	if err != nil {
		return data.DemoSummary{}, err
	}
	sum, err := data.GenerateDemo(ctx, s, opt)
	if cerr := s.Close(); err == nil && cerr != nil {
		return data.DemoSummary{}, cerr
	}
	if errors.Is(err, data.ErrNotEmpty) {
		return data.DemoSummary{}, fmt.Errorf("%s: %w", data.Redacted(path), err)
	}
	return sum, err
}

// demoIntoNewFile generates into a hidden scratch file in path's folder and
// renames it over path only once it is complete and closed. The scratch
// file goes whatever happens; one a killed run left is swept first.
func demoIntoNewFile(ctx context.Context, path string, mode fs.FileMode, opt data.DemoOptions) (sum data.DemoSummary, err error) {
	data.RemoveLeftovers(path)
	scratch, err := data.NewScratch(path, "demo")
	if err != nil {
		return sum, err
	}
	defer scratch.Remove()
	s, err := data.Open(ctx, scratch.Name)
	if err != nil {
		return sum, err
	}
	sum, err = data.GenerateDemo(ctx, s, opt)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return sum, err
	}
	// Closing folds the write-ahead log into the file; a log left behind would be lost by the rename.
	if info, statErr := os.Stat(scratch.Name + "-wal"); statErr == nil && info.Size() > 0 {
		return sum, fmt.Errorf("%s: the database log was not written back; nothing was changed", path)
	}
	if info, statErr := os.Stat(path); statErr == nil && info.Size() > 0 {
		return sum, fmt.Errorf("%s was written by someone else meanwhile; nothing was changed", path)
	}
	if err = os.Chmod(scratch.Name, mode); err != nil {
		return sum, err
	}
	return sum, os.Rename(scratch.Name, path)
}
