package kit

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// heldScheduler keeps background work until release is called, so a test can
// start a newer read before an older one answers.
type heldScheduler struct{ held []func() func() }

func (h *heldScheduler) scheduler() Scheduler {
	return Scheduler{
		Background: func(work func() func()) { h.held = append(h.held, work) },
		Later:      func(time.Duration, func()) func() { return func() {} },
	}
}

// release runs the held work at index i and applies its answer.
func (h *heldScheduler) release(i int) { h.held[i]()() }

func TestScreenShowsOnlyTheNewestAnswer(t *testing.T) {
	t.Parallel()
	var h heldScheduler
	var s Screen
	s.Start(nil, h.scheduler())
	var loads Loads
	var shown []string
	read := func(answer string) func(context.Context) func() {
		return func(context.Context) func() { return func() { shown = append(shown, answer) } }
	}
	s.Load(&loads, read("first"))
	s.Load(&loads, read("second"))
	s.Load(&loads, read("third"))
	h.release(1)
	h.release(2)
	h.release(0)
	if len(shown) != 1 || shown[0] != "third" {
		t.Errorf("shown %q, want only the answer to the newest read", shown)
	}
	if loads.Started() != 3 {
		t.Errorf("started %d reads, want 3", loads.Started())
	}

	s.Load(&loads, read("dropped"))
	loads.Drop()
	h.release(3)
	if len(shown) != 1 {
		t.Errorf("an answer dropped with Drop was shown: %q", shown)
	}

	s.Load(&loads, func(ctx context.Context) func() {
		return func() { shown = append(shown, "after close") }
	})
	s.Close()
	if !errors.Is(s.Context().Err(), context.Canceled) {
		t.Errorf("closing left the context %v", s.Context().Err())
	}
	h.release(4)
	if len(shown) != 1 {
		t.Errorf("an answer arriving after Close was shown: %q", shown)
	}
}

func TestScreenIsStaleOnlyAfterAWhile(t *testing.T) {
	t.Parallel()
	var s Screen
	s.Start(nil, InlineScheduler)
	if s.Stale() {
		t.Error("a screen that has shown nothing yet is stale; it would read twice at start")
	}
	s.Loaded()
	if s.Stale() {
		t.Error("a screen that just loaded is stale")
	}
	s.loadedAt = time.Now().Add(-2 * staleAfter)
	if !s.Stale() {
		t.Error("a screen shown long ago is not stale")
	}
}

func TestUndoTakesBackTheNewestFirst(t *testing.T) {
	t.Parallel()
	var u UndoStack
	changes := 0
	u.OnUndoChanged = func() { changes++ }
	if u.CanUndo() || u.UndoLabel() != "Undo" {
		t.Fatalf("an empty stack offers %q", u.UndoLabel())
	}
	var ran []string
	for _, l := range []string{"delete of QA", "move of Dev"} {
		u.PushUndo(Step{Label: l, Run: func(context.Context) error { ran = append(ran, l); return nil }})
	}
	if u.UndoLabel() != "Undo move of Dev" || changes != 2 {
		t.Errorf("label %q after %d changes, want the newest step after 2", u.UndoLabel(), changes)
	}
	for range 2 {
		s, ok := u.PopUndo()
		if !ok {
			t.Fatal("a step went missing")
		}
		if err := s.Run(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := u.PopUndo(); ok || u.CanUndo() || changes != 4 {
		t.Errorf("after two undos: more to pop %v, %d changes", ok, changes)
	}
	if len(ran) != 2 || ran[0] != "move of Dev" || ran[1] != "delete of QA" {
		t.Errorf("ran %q, want the newest first", ran)
	}
}

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
