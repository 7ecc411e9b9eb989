package kit

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"releasedesk/data"
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

// recordingUndoer stands in for the store: it notes which records' changes
// it took back, and refuses those listed in refuse.
type recordingUndoer struct {
	undone []uint
	refuse map[uint]bool
}

func (r *recordingUndoer) Undo(_ context.Context, c data.Change) error {
	if r.refuse[c.ID()] {
		return data.ErrChangedSince
	}
	r.undone = append(r.undone, c.ID())
	return nil
}

func TestUndoTakesBackTheNewestFirst(t *testing.T) {
	t.Parallel()
	var u UndoStack
	changes := 0
	u.OnUndoChanged = func() { changes++ }
	if u.CanUndo() || u.UndoLabel() != "Undo" {
		t.Fatalf("an empty stack offers %q", u.UndoLabel())
	}
	store := &recordingUndoer{refuse: map[uint]bool{3: true}}
	u.PushUndo(Step{Label: "edit of Stage", Change: data.Created(data.Environment{ID: 3, Name: "Stage"})})
	for i, l := range []string{"delete of QA", "move of Dev"} {
		u.PushUndo(Step{Label: l, Change: data.Deleted(data.Environment{ID: uint(i + 1), Name: l})})
	}
	if u.UndoLabel() != "Undo move of Dev" || changes != 3 {
		t.Errorf("label %q after %d changes, want the newest step after 3", u.UndoLabel(), changes)
	}
	for range 2 {
		if _, err := u.TakeBack(context.Background(), store); err != nil {
			t.Fatal(err)
		}
	}
	if len(store.undone) != 2 || store.undone[0] != 2 || store.undone[1] != 1 {
		t.Errorf("took back %v, want the newest first", store.undone)
	}
	s, err := u.TakeBack(context.Background(), store)
	if !errors.Is(err, data.ErrChangedSince) || s.Label != "edit of Stage" {
		t.Errorf("a refused undo: %q, %v", s.Label, err)
	}
	if _, err := u.TakeBack(context.Background(), store); err == nil || u.CanUndo() || changes != 6 {
		t.Errorf("after every step: %v, can undo %v, %d changes", err, u.CanUndo(), changes)
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

// TestGatedSchedulerWaitsForItsGate: the window's first reads wait for its
// first frame, then run and hand their result to the UI goroutine.
func TestGatedSchedulerWaitsForItsGate(t *testing.T) {
	test.NewTempApp(t)
	gate := make(chan struct{})
	ran, applied := make(chan struct{}), make(chan struct{})
	GatedScheduler(gate).Background(func() func() {
		close(ran)
		return func() { close(applied) }
	})
	select {
	case <-ran:
		t.Fatal("the work ran before its gate opened")
	case <-time.After(100 * time.Millisecond):
	}
	close(gate)
	select {
	case <-applied:
	case <-time.After(5 * time.Second):
		t.Fatal("the work was not done and applied after its gate opened")
	}
}
