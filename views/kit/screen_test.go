package kit

import (
	"context"
	"errors"
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
	var u Undo
	changes := 0
	u.OnChanged = func() { changes++ }
	if u.CanUndo() || u.Label() != "Undo" {
		t.Fatalf("an empty stack offers %q", u.Label())
	}
	var ran []string
	for _, l := range []string{"delete of QA", "move of Dev"} {
		u.Push(Step{Label: l, Run: func(context.Context) error { ran = append(ran, l); return nil }})
	}
	if u.Label() != "Undo move of Dev" || changes != 2 {
		t.Errorf("label %q after %d changes, want the newest step after 2", u.Label(), changes)
	}
	for range 2 {
		s, ok := u.Pop()
		if !ok {
			t.Fatal("a step went missing")
		}
		if err := s.Run(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := u.Pop(); ok || u.CanUndo() || changes != 4 {
		t.Errorf("after two undos: more to pop %v, %d changes", ok, changes)
	}
	if len(ran) != 2 || ran[0] != "move of Dev" || ran[1] != "delete of QA" {
		t.Errorf("ran %q, want the newest first", ran)
	}
}
