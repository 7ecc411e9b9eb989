// Package kit holds what Release Desk's screens share: the Screen base every
// screen embeds (window, scheduler, a context that ends with the screen,
// dropping late answers, reading again when shown stale, the notice bar), the
// one undo stack, the form that shows each problem under its field, the day
// and time entries, badges and the colour palette, titled and tinted panels,
// the sortable column header and the sizing layouts.
package kit

import (
	"context"
	"fmt"
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
var AppScheduler = GatedScheduler(nil)

// GatedScheduler is AppScheduler whose background work waits until open
// is closed (not at all when open is nil). The window starts its screens'
// first reads with it, closed once the window's first frame is up: on two
// cores, reads started at once (a big plan's dashboard takes 0.1 s of both)
// held the window back.
func GatedScheduler(open <-chan struct{}) Scheduler {
	return Scheduler{
		Background: func(work func() func()) {
			go func() {
				if open != nil {
					<-open
				}
				fyne.Do(work())
			}()
		},
		Later: func(d time.Duration, f func()) func() {
			t := time.AfterFunc(d, func() { fyne.Do(f) })
			return func() { t.Stop() }
		},
	}
}

// InlineScheduler runs background work at once and never fires timed work
// (debounced searches, notices fading away), for tests that drive screens.
var InlineScheduler = Scheduler{
	Background: func(work func() func()) { work()() },
	Later:      func(time.Duration, func()) func() { return func() {} },
}

// staleAfter is how old a screen's figures may be before showing the screen
// again reads them anew; a shorter gap is the same visit.
const staleAfter = time.Second

// Screen is what every screen embeds: the window that hosts its dialogs, the
// scheduler its slow work runs on, a context that ends when the screen is
// closed, the notice bar under it, and when it last showed what it read.
// A screen reads through Load, which drops an answer made stale by a newer
// read or by closing the screen.
type Screen struct {
	// Win hosts the screen's dialogs.
	Win fyne.Window
	// Sched runs the screen's background and timed work.
	Sched Scheduler
	// Notice is the bar under the screen that says what just happened; nil on a screen without one.
	Notice *Notice

	ctx  context.Context
	stop context.CancelFunc
	// loadedAt is when the screen last showed what it read.
	loadedAt time.Time
}

// Start prepares the screen to run in win with its work run by sched.
func (s *Screen) Start(win fyne.Window, sched Scheduler) {
	s.Win, s.Sched = win, sched
	s.ctx, s.stop = context.WithCancel(context.Background())
}

// Context is the screen's context, cancelled when the screen is closed.
func (s *Screen) Context() context.Context { return s.ctx }

// Close stops the screen's reads still running and its notice's timer; call
// it before closing the store.
func (s *Screen) Close() {
	s.stop()
	if s.Notice != nil {
		s.Notice.Hide()
	}
}

// Loads counts the reads of one kind a screen started, so that only the
// answer to the newest is shown.
type Loads struct{ started int }

// Drop makes the reads of l still running be dropped when they answer.
func (l *Loads) Drop() { l.started++ }

// Started tells how many reads of l have started (dropped ones included).
func (l *Loads) Started() int { return l.started }

// Load runs read off the UI goroutine; the show it returns runs on the UI
// goroutine unless a newer read of l started or the screen was closed meanwhile.
func (s *Screen) Load(l *Loads, read func(ctx context.Context) (show func())) {
	l.started++
	n, ctx := l.started, s.ctx
	s.Sched.Background(func() func() {
		show := read(ctx)
		return func() {
			if n != l.started || ctx.Err() != nil {
				return // a newer read is on its way, or the screen was closed
			}
			show()
		}
	})
}

// Loaded records that the screen now shows what it just read.
func (s *Screen) Loaded() { s.loadedAt = time.Now() }

// Stale reports whether what the screen shows was read long enough ago that
// showing the screen again should read it anew. The shell refreshes a screen
// when it shows it again, so a screen's Refresh asks this to follow changes
// made on other screens.
func (s *Screen) Stale() bool { return !s.loadedAt.IsZero() && time.Since(s.loadedAt) > staleAfter }

// MarkStale makes the screen read again when next shown, as after a change
// someone else made while it was hidden.
func (s *Screen) MarkStale() { s.loadedAt = time.Unix(1, 0) }

// ShowError shows an error dialog saying what failed and why.
func (s *Screen) ShowError(what string, err error) {
	ShowError(s.Win, fmt.Errorf("%s: %w", what, err))
}

// Tell shows text in the notice bar, with a button named actionText running
// action when action is set.
func (s *Screen) Tell(text, actionText string, action func()) {
	s.Notice.Show(text, actionText, action, s.Sched.Later)
}
