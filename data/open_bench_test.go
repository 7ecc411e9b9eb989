package data

import (
	"context"
	"path/filepath"
	"testing"
)

// BenchmarkOpen times opening the 2,000-release demo: with SQLite's quick
// check before the open returns (commands), with it left to the background
// (the window), and the quick check alone.
func BenchmarkOpen(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "demo.db")
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := GenerateDemo(ctx, s, DemoOptions{Releases: 2000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	s.Close()
	b.Run("checked", func(b *testing.B) {
		for b.Loop() {
			s, err := OpenExisting(ctx, path)
			if err != nil {
				b.Fatal(err)
			}
			s.Close()
		}
	})
	b.Run("check-later", func(b *testing.B) {
		for b.Loop() {
			s, err := OpenWith(ctx, path, OpenOptions{Verify: VerifyLater})
			if err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			s.Verified(ctx) // the check runs beside the window, not before it
			s.Close()
			b.StartTimer()
		}
	})
	b.Run("quick-check-alone", func(b *testing.B) {
		s, err := OpenReadOnly(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		for b.Loop() {
			if err := s.quickCheck(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}
