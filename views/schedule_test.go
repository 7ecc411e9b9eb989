package views

import "time"

// testTimers runs background work at once and keeps timed work until fire is
// called, so tests decide when a debounced search or a notice's timeout happens.
type testTimers struct {
	pending map[int]func()
	next    int
}

func newTestTimers() *testTimers { return &testTimers{pending: map[int]func(){}} }

func (tt *testTimers) scheduler() Scheduler {
	return Scheduler{
		Background: func(work func() func()) { work()() },
		Later: func(_ time.Duration, f func()) func() {
			tt.next++
			id := tt.next
			tt.pending[id] = f
			return func() { delete(tt.pending, id) }
		},
	}
}

// fire runs every timer still pending, as if its time had come.
func (tt *testTimers) fire() {
	for len(tt.pending) > 0 {
		for id, f := range tt.pending {
			delete(tt.pending, id)
			f()
		}
	}
}
