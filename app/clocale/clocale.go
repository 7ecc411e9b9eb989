// Package clocale lets Fyne read the C locale with a character set, such as
// LANG=C.UTF-8, the default of many Linux systems and containers. Fyne's
// language lookup (through github.com/jeandeaual/go-locale) knows "C" and
// "POSIX" but takes "C.UTF-8" for a language named "C", fails to parse it and
// logs three "Fyne error: Error parsing user locale C" lines from its
// package init, before main runs: so this package must act in its own init.
// Importing it is enough; it depends on nothing that imports Fyne, and Go
// initialises it first because its import path sorts before text/template,
// which Fyne's lang package needs.
package clocale

import (
	"os"
	"strings"
)

// init runs before Fyne's lang package reads the locale.
func init() {
	normalize(osEnv{})
}

// env is the process environment, or a test's stand-in.
type env interface {
	Getenv(name string) string
	Setenv(name, value string) error
	Unsetenv(name string) error
}

type osEnv struct{}

func (osEnv) Getenv(name string) string       { return os.Getenv(name) }
func (osEnv) Setenv(name, value string) error { return os.Setenv(name, value) }
func (osEnv) Unsetenv(name string) error      { return os.Unsetenv(name) }

// messageVariables choose the language of messages, the strongest first.
var messageVariables = []string{"LC_ALL", "LC_MESSAGES", "LANG"}

// categoryVariables are the locale categories that LC_ALL overrides.
var categoryVariables = []string{"LC_CTYPE", "LC_NUMERIC", "LC_TIME", "LC_COLLATE", "LC_MONETARY", "LC_MESSAGES",
	"LC_PAPER", "LC_NAME", "LC_ADDRESS", "LC_TELEPHONE", "LC_MEASUREMENT", "LC_IDENTIFICATION"}

// normalize rewrites a C locale with a character set, wherever it decides
// the language of messages, as the plain "C" it means for messages. The
// character set and every other category stay as they were, for this
// program and the programs it starts.
func normalize(e env) {
	for _, name := range messageVariables {
		value := e.Getenv(name)
		switch {
		case value == "":
			continue
		case !isCLocale(value) || value == "C" || value == "POSIX":
			return // a language, or a C locale that is read correctly
		case name == "LC_ALL":
			// LC_ALL set every category; LANG now does, and messages alone say "C".
			for _, c := range categoryVariables {
				e.Unsetenv(c)
			}
			e.Unsetenv("LC_ALL")
			e.Setenv("LANG", value)
		}
		e.Setenv("LC_MESSAGES", "C")
		return
	}
}

// isCLocale reports whether value names the C (or POSIX) locale, with or
// without a character set or modifier: "C.UTF-8", "POSIX", "C.utf8@euro".
func isCLocale(value string) bool {
	base, _, _ := strings.Cut(value, ".")
	base, _, _ = strings.Cut(base, "@")
	return base == "C" || base == "POSIX"
}
