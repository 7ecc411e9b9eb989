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
	"sort"
	"strings"
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

// commands holds every verb; each lives in its own cmd_*.go file and adds itself here.
var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

// usageError is a mistake in how the program was called (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// Main runs Release Desk with the given arguments and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	ctx := context.Background()
	var err error
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		c, ok := commands[args[0]]
		if !ok {
			if args[0] == "help" {
				fmt.Fprint(stdout, usageText())
				return exitOK
			}
			err = usagef("unknown command %q (try: %s)", args[0], strings.Join(commandNames(), ", "))
		} else {
			err = c.run(ctx, args[1:], stdout)
		}
	} else {
		err = runWindow(ctx, args)
	}
	return report(err, stderr)
}

// report prints err as one line on stderr and picks the exit status.
func report(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	fmt.Fprintln(stderr, "releasedesk: "+msg)
	var u usageError
	if errors.As(err, &u) {
		return exitUsage
	}
	var f findingsError
	if errors.As(err, &f) {
		return exitFailure
	}
	return exitFailure
}

// findingsError means a check found problems; they were already printed.
type findingsError struct{ n int }

func (e findingsError) Error() string { return fmt.Sprintf("%d findings", e.n) }

func commandNames() []string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func usageText() string {
	var b strings.Builder
	b.WriteString("usage:\n  releasedesk [--db FILE]\n")
	for _, n := range commandNames() {
		b.WriteString("  releasedesk " + commands[n].usage + "\n")
	}
	return b.String()
}

// newFlags returns a flag set for a command whose errors come back as usage errors.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseFlags parses args into fs, allowing flags after positional arguments,
// and returns the positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
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
		return usagef("%s: --db FILE is required", cmd)
	}
	return nil
}
