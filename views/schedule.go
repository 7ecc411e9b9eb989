package views

import (
	"time"

	"fyne.io/fyne/v2"
)

// Scheduler decides where the screens' slow and timed work runs. The app uses
// AppScheduler; tests use InlineScheduler or their own, so that nothing runs
// on another goroutine while the test drives the UI.
type Scheduler struct {
	// Background runs work off the UI goroutine, then the function work returns on the UI goroutine.
	Background func(work func() (apply func()))
	// Later runs f on the UI goroutine after d and returns a function that cancels it.
	Later func(d time.Duration, f func()) (stop func())
}

// AppScheduler runs work on a goroutine and hands its result to the UI
// goroutine with fyne.Do; timed work uses timers.
var AppScheduler = Scheduler{
	Background: func(work func() func()) {
		go func() {
			apply := work()
			fyne.Do(apply)
		}()
	},
	Later: func(d time.Duration, f func()) func() {
		t := time.AfterFunc(d, func() { fyne.Do(f) })
		return func() { t.Stop() }
	},
}

// InlineScheduler runs background work at once and never fires timed work
// (debounced searches, notices fading away), for tests that drive screens.
var InlineScheduler = Scheduler{
	Background: func(work func() func()) { work()() },
	Later:      func(time.Duration, func()) func() { return func() {} },
}
