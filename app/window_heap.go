package app

import (
	"os"
	"runtime/debug"
	"sync"
)

// windowGCPercent is the garbage collector's target for the window: the heap
// may grow 25 % past what is live before a collection, not 100 %. The window
// mostly waits for the user, and its live heap is about 21 MB, two thirds of
// it Fyne's font faces; the default would let it idle near 42 MB. Measured
// on the 2,000-release demo: idle peak RSS 13-16 MB lower, scrolling frame
// rate unchanged, a review workbook 19 -> 28 ms and a 100,000-row portfolio
// 5 % slower (both far inside their budgets). The command-line commands
// keep Go's default, for throughput.
const windowGCPercent = 25

// startupMemoryLimit bounds the heap while holdHeap keeps the collector off:
// should start-up ever allocate this much, the collector runs after all.
const startupMemoryLimit = 256 << 20

// holdHeap turns the garbage collector off until the window's first frame
// and returns what turns it back on, at windowGCPercent; calling that again
// does nothing. Run at windowGCPercent from the start, the heap's growth from
// nothing to the first frame (fonts, widgets, the first screen) took about
// fifteen collections, a fifth of start-up's CPU time. A GOGC in the
// environment wins: the collector is then left as it says.
func holdHeap() (release func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	limit := debug.SetMemoryLimit(-1)
	debug.SetMemoryLimit(min(limit, startupMemoryLimit))
	debug.SetGCPercent(-1)
	var once sync.Once
	return func() {
		once.Do(func() {
			debug.SetGCPercent(windowGCPercent)
			debug.SetMemoryLimit(limit)
		})
	}
}
