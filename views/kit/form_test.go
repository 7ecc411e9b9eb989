package kit

import (
	"strings"
	"testing"
	"time"
)

func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"9:05", "09:05", "0905", "23:59", "24:00", "9.30", "", "ab:cd", "-1:00", "+1:00", "1:5", "123456"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, m, err := ParseClock(s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "is not a time") {
				t.Errorf("message %q does not read after a field name", err)
			}
			return
		}
		if h < 0 || h > 23 || m < 0 || m > 59 {
			t.Fatalf("%q gave %d:%d", s, h, m)
		}
		h2, m2, err := ParseClock(time.Date(2026, 1, 1, h, m, 0, 0, time.UTC).Format("15:04"))
		if err != nil || h2 != h || m2 != m {
			t.Fatalf("%q: %d:%d does not read back (%d:%d, %v)", s, h, m, h2, m2, err)
		}
	})
}

func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"0", "12", "1,200", "-1", "1.5", "", " 7 ", "+3", "abc", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseCount(s)
		if err != nil {
			if ProblemText("Passed", err.Error()) == err.Error() {
				t.Errorf("message %q does not read after a field name", err)
			}
			return
		}
		if n < 0 {
			t.Fatalf("%q gave %d", s, n)
		}
	})
}

func TestProblemText(t *testing.T) {
	t.Parallel()
	cases := []struct{ label, msg, want string }{
		{"Title", "is required", "Title is required"},
		{"Code freeze", "must be on or before the planned release date", "Code freeze must be on or before the planned release date"},
		{"Version", "this product already has a release 2.4.0", "This product already has a release 2.4.0"},
		{"Status", "cannot move from Draft to Released", "Status cannot move from Draft to Released"},
		{"Risk", "", "Risk is not valid"},
	}
	for _, c := range cases {
		if got := ProblemText(c.label, c.msg); got != c.want {
			t.Errorf("problemText(%q, %q) = %q, want %q", c.label, c.msg, got, c.want)
		}
	}
}
