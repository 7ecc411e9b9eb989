// Package app is Release Desk's shell: it parses the command line, opens the
// store, builds the main window with its sidebar, menus and shortcuts, and
// wires the views to data and reports. It is the only package that imports
// fyne.io/fyne/v2/app.
package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	// Before Fyne's lang package reads the locale in its init, LANG=C.UTF-8 is made readable.
	_ "releasedesk/app/clocale"

	"releasedesk/data"
)

// Exit statuses of the command line.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// command is one verb of the command line, such as "demo" or "check".
type command struct {
	name  string
	usage string // the synopsis after "releasedesk "
	// run does the work; a usageError means the words were wrong.
	run func(ctx context.Context, args []string, stdout io.Writer) error
}

// commands lists every verb of the command line, in the order the usage
// shows them; each runs from its own cmd_*.go file.
func commands() []command {
	return []command{
		{name: "demo", usage: demoUsage, run: runDemo},
		{name: "export", usage: exportUsage, run: runExport},
		{name: "import", usage: importUsage, run: runImport},
		{name: "check", usage: checkUsage, run: runCheck},
		{name: "upgrade", usage: upgradeUsage, run: runUpgrade},
		{name: "copy", usage: copyUsage, run: runCopy},
	}
}

// windowUsage is the synopsis of the window, the program with no command.
const windowUsage = "[--db FILE]"

// helpWords ask for the usage instead of a command or the window.
var helpWords = []string{"help", "-h", "-help", "--help"}

// findCommand returns the command called name.
func findCommand(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// usageError is a mistake in how the program was called (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// Main runs Release Desk with the given arguments and returns the exit
// status. Ctrl+C or SIGTERM cancels the command's context, so that what it
// was writing is removed before it stops.
func Main(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var err error
	switch {
	case len(args) > 0 && isHelp(args[0]):
		fmt.Fprint(stdout, usageText())
		return exitOK
	case len(args) > 0 && !strings.HasPrefix(args[0], "-"):
		c, ok := findCommand(args[0])
		if !ok {
			err = usagef("unknown command %q (releasedesk --help lists them)", args[0])
			break
		}
		if len(args) > 1 && isHelp(args[1]) {
			fmt.Fprintln(stdout, "usage: releasedesk "+c.usage)
			return exitOK
		}
		err = c.run(ctx, args[1:], stdout)
	default:
		err = runWindow(ctx, args, stderr)
	}
	if err != nil && ctx.Err() != nil {
		err = errInterrupted
	}
	return report(err, stdout, stderr)
}

// errInterrupted replaces a command's error when a signal stopped it.
var errInterrupted = errors.New("interrupted; what was being written was removed")

func isHelp(arg string) bool {
	for _, w := range helpWords {
		if arg == w {
			return true
		}
	}
	return false
}

// report prints err as one line on stderr and picks the exit status; a
// request for help prints the usage instead.
func report(err error, stdout, stderr io.Writer) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, usageText())
		return exitOK
	}
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	fmt.Fprintln(stderr, "releasedesk: "+msg)
	var u usageError
	if errors.As(err, &u) {
		return exitUsage
	}
	return exitFailure
}

// findingsError means a check found problems; they were already printed.
type findingsError struct{ n int }

func (e findingsError) Error() string { return fmt.Sprintf("%d findings", e.n) }

// usageText is what --help prints: the window, then every command.
func usageText() string {
	var b strings.Builder
	b.WriteString("usage:\n")
	fmt.Fprintf(&b, "  releasedesk %s\n", windowUsage)
	for _, c := range commands() {
		fmt.Fprintf(&b, "  releasedesk %s\n", c.usage)
	}
	b.WriteString("With no command, releasedesk opens the window on FILE, or on the database in its data folder.\n")
	b.WriteString("FILE may also be a PostgreSQL URL (postgres://user@host:5432/plan) of a team's shared plan.\n")
	b.WriteString("Errors go to stderr as one line; the exit status is 2 for a wrong call and 1 for a failure.\n")
	return b.String()
}

// newFlags returns a flag set for a command whose errors come back as usage errors.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseFlags parses args into fs, allowing flags after positional arguments,
// and returns the positional arguments. A flag set without a name (the
// window's) gives messages without a prefix, since report adds "releasedesk: ".
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			switch {
			case errors.Is(err, flag.ErrHelp):
				return nil, err
			case fs.Name() == "":
				return nil, usagef("%v; usage: releasedesk %s", err, windowUsage)
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// requireDB returns the --db value or a usage error naming the command.
func requireDB(cmd, db string) error {
	if strings.TrimSpace(db) == "" {
		return usagef("%s: --db FILE is required (a file, or a postgres:// URL)", cmd)
	}
	return nil
}

// openForReading opens an existing database for a command that only reads
// it, saying how to upgrade one with an older layout.
func openForReading(ctx context.Context, path string, verify data.Verify) (*data.Store, error) {
	s, err := data.OpenWith(ctx, path, data.OpenOptions{ReadOnly: true, Verify: verify})
	if errors.Is(err, data.ErrUpgradeNeeded) {
		return nil, fmt.Errorf("%w; run: releasedesk upgrade --db %s (a copy is kept first), or open it in the window", err, data.Redacted(path))
	}
	return s, err
}
