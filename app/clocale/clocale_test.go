package clocale

import (
	"maps"
	"testing"

	"github.com/jeandeaual/go-locale"
)

// mapEnv is an environment in a map.
type mapEnv map[string]string

func (m mapEnv) Getenv(name string) string { return m[name] }
func (m mapEnv) Setenv(name, value string) error {
	m[name] = value
	return nil
}
func (m mapEnv) Unsetenv(name string) error {
	delete(m, name)
	return nil
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		name      string
		env, want mapEnv
	}{
		{"C with a character set in LANG", mapEnv{"LANG": "C.UTF-8"}, mapEnv{"LANG": "C.UTF-8", "LC_MESSAGES": "C"}},
		{"POSIX with a character set", mapEnv{"LANG": "POSIX.utf8"}, mapEnv{"LANG": "POSIX.utf8", "LC_MESSAGES": "C"}},
		{"C in LC_MESSAGES", mapEnv{"LC_MESSAGES": "C.UTF-8", "LANG": "de_DE.UTF-8"}, mapEnv{"LC_MESSAGES": "C", "LANG": "de_DE.UTF-8"}},
		{"C in LC_ALL", mapEnv{"LC_ALL": "C.UTF-8", "LANG": "de_DE.UTF-8", "LC_TIME": "fr_FR.UTF-8"},
			mapEnv{"LANG": "C.UTF-8", "LC_MESSAGES": "C"}},
		{"a language", mapEnv{"LANG": "en_US.UTF-8"}, mapEnv{"LANG": "en_US.UTF-8"}},
		{"plain C", mapEnv{"LANG": "C"}, mapEnv{"LANG": "C"}},
		{"a language in LC_ALL wins", mapEnv{"LC_ALL": "fr_FR.UTF-8", "LANG": "C.UTF-8"}, mapEnv{"LC_ALL": "fr_FR.UTF-8", "LANG": "C.UTF-8"}},
		{"nothing set", mapEnv{}, mapEnv{}},
		{"the language list is not for C", mapEnv{"LANG": "C.UTF-8", "LANGUAGE": "fr:de"}, mapEnv{"LANG": "C.UTF-8", "LANGUAGE": "fr:de", "LC_MESSAGES": "C"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := maps.Clone(tt.env)
			normalize(got)
			if !maps.Equal(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestFyneReadsTheResult checks the library Fyne asks: after normalize, a C
// locale gives no language to parse, so Fyne falls back to English quietly.
func TestFyneReadsTheResult(t *testing.T) {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
		t.Setenv(name, "")
	}
	t.Setenv("LANG", "C.UTF-8")
	before, err := locale.GetLocales()
	if err != nil || len(before) != 1 || before[0] != "C" {
		t.Fatalf("before: %v, %v; the library may read C.UTF-8 correctly now, and this package may go", before, err)
	}
	normalize(osEnv{})
	after, err := locale.GetLocales()
	if err != nil || len(after) != 0 {
		t.Fatalf("after: %v, %v; want no locale (English)", after, err)
	}
}

// FuzzNormalize feeds any values to the locale variables: a value that is
// not a C locale is never touched, and one that is leaves messages in C.
func FuzzNormalize(f *testing.F) {
	for _, seed := range [][3]string{{"", "", "C.UTF-8"}, {"C.utf8", "", "de_DE.UTF-8"}, {"", "POSIX.UTF-8@x", ""}, {"fr_FR", "", "C.UTF-8"}, {"", "", ""}} {
		f.Add(seed[0], seed[1], seed[2])
	}
	f.Fuzz(func(t *testing.T, all, messages, lang string) {
		env := mapEnv{}
		for name, v := range map[string]string{"LC_ALL": all, "LC_MESSAGES": messages, "LANG": lang} {
			if v != "" {
				env[name] = v
			}
		}
		before := maps.Clone(env)
		normalize(env)
		decisive := ""
		for _, name := range messageVariables {
			if before[name] != "" {
				decisive = before[name]
				break
			}
		}
		switch {
		case decisive == "" || !isCLocale(decisive) || decisive == "C" || decisive == "POSIX":
			if !maps.Equal(env, before) {
				t.Fatalf("%v became %v", before, env)
			}
		default:
			if env["LC_ALL"] != "" || env["LC_MESSAGES"] != "C" {
				t.Fatalf("%v became %v: messages are not C", before, env)
			}
			if before["LC_ALL"] == "" && env["LANG"] != before["LANG"] {
				t.Fatalf("%v became %v: LANG changed", before, env)
			}
		}
	})
}
