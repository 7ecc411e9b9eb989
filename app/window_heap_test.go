package app

import (
	"runtime/debug"
	"testing"
)

func TestLeanHeapSetsTheWindowGCPercentUnlessGOGCIsSet(t *testing.T) {
	restore := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(restore) })

	t.Setenv("GOGC", "")
	leanHeap()
	if got := debug.SetGCPercent(100); got != windowGCPercent {
		t.Errorf("GC percent %d, want %d", got, windowGCPercent)
	}

	t.Setenv("GOGC", "200")
	debug.SetGCPercent(200) // as the runtime read it at start
	leanHeap()
	if got := debug.SetGCPercent(100); got != 200 {
		t.Errorf("with GOGC=200 the GC percent became %d", got)
	}
}
