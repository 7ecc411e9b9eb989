package app

import (
	"math"
	"runtime/debug"
	"testing"
)

// gcSettings reads the collector's percent and memory limit without changing them.
func gcSettings() (percent int, limit int64) {
	percent = debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

// keepGCSettings puts the collector back as it was when the test ends.
func keepGCSettings(t *testing.T) {
	percent, limit := gcSettings()
	t.Cleanup(func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	})
}

func TestHoldHeapKeepsTheCollectorOffUntilReleased(t *testing.T) {
	keepGCSettings(t)
	t.Setenv("GOGC", "")
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)

	release := holdHeap()
	if percent, limit := gcSettings(); percent != -1 || limit != startupMemoryLimit {
		t.Errorf("held: GC percent %d and memory limit %d, want off (-1) and %d", percent, limit, startupMemoryLimit)
	}
	release()
	if percent, limit := gcSettings(); percent != windowGCPercent || limit != math.MaxInt64 {
		t.Errorf("released: GC percent %d and memory limit %d, want %d and no limit", percent, limit, windowGCPercent)
	}
	debug.SetGCPercent(60) // as if set since; a second release must not undo it
	release()
	if percent, _ := gcSettings(); percent != 60 {
		t.Errorf("a second release set the GC percent to %d", percent)
	}
}

func TestHoldHeapKeepsALowerMemoryLimit(t *testing.T) {
	keepGCSettings(t)
	t.Setenv("GOGC", "")
	const lower = 64 << 20 // as from GOMEMLIMIT
	debug.SetMemoryLimit(lower)

	release := holdHeap()
	if _, limit := gcSettings(); limit != lower {
		t.Errorf("held: memory limit %d, want the lower %d kept", limit, lower)
	}
	release()
	if percent, limit := gcSettings(); percent != windowGCPercent || limit != lower {
		t.Errorf("released: GC percent %d and memory limit %d, want %d and %d", percent, limit, windowGCPercent, lower)
	}
}

func TestHoldHeapLeavesAGOGCFromTheEnvironment(t *testing.T) {
	keepGCSettings(t)
	t.Setenv("GOGC", "200")
	debug.SetGCPercent(200) // as the runtime read it at start
	debug.SetMemoryLimit(math.MaxInt64)

	release := holdHeap()
	release()
	if percent, limit := gcSettings(); percent != 200 || limit != math.MaxInt64 {
		t.Errorf("with GOGC=200: GC percent %d and memory limit %d", percent, limit)
	}
}
