package data

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"releasedesk/data/pgtest"
)

// benchStore is one engine's copy of a benchmark plan.
type benchStore struct {
	engine string
	store  *Store
}

// serverBench holds the server copy of the rules' benchmark plan, made once
// per benchmark binary.
var serverBench struct {
	once     sync.Once
	location string
	err      error
}

// rulesBenchEngines is the rules' benchmark plan (2,000 demo releases) on a
// file and, when the binary has a test server, the same plan copied there,
// so that the engines are measured side by side on the same rows.
func rulesBenchEngines(b *testing.B) []benchStore {
	b.Helper()
	file := rulesBenchStore(b)
	out := []benchStore{{pgtest.SQLite, file}}
	srv := pgtest.Shared()
	if srv == nil {
		b.Log("no PostgreSQL server: SQLite only")
		return out
	}
	serverBench.once.Do(func() {
		location, _, err := srv.NewEmptyDatabase(context.Background())
		if err == nil {
			_, err = CopyFrom(context.Background(), file, location, nil)
		}
		if err == nil {
			// Fresh statistics, as autovacuum would gather them on a server in use.
			var s *Store
			if s, err = Open(context.Background(), location); err == nil {
				err = errors.Join(s.db.Exec("ANALYZE").Error, s.Close())
			}
		}
		serverBench.location, serverBench.err = location, err
	})
	if serverBench.err != nil {
		b.Fatalf("copy the benchmark plan to the server: %v", serverBench.err)
	}
	s, err := Open(context.Background(), serverBench.location)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return append(out, benchStore{pgtest.Postgres, s})
}

// writersFor is how long BenchmarkConcurrentWriters keeps its writers at
// work; RELEASEDESK_WRITERS_FOR (a Go duration) changes it.
func writersFor(b *testing.B) time.Duration {
	if v := os.Getenv("RELEASEDESK_WRITERS_FOR"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			b.Fatalf("RELEASEDESK_WRITERS_FOR: %v", err)
		}
		return d
	}
	return time.Minute
}

// BenchmarkConcurrentWriters has ten people, each with a store of their own
// on one database, edit the same few records as fast as they can for a
// minute: each reads a test run, adds one to its passed count and saves,
// reading again when someone else saved first. At the end every count must
// equal the saves that went through (no lost update), and no save may have
// failed with anything but a conflict (no error a person would see). It
// reports saves per second, conflicts and the slowest saves.
func BenchmarkConcurrentWriters(b *testing.B) {
	for _, engine := range []string{pgtest.SQLite, pgtest.Postgres} {
		b.Run(engine, func(b *testing.B) {
			if engine == pgtest.Postgres && pgtest.Shared() == nil {
				b.Skip("no PostgreSQL server")
			}
			for b.Loop() {
				runWriters(b, engine, 10, writersFor(b))
			}
		})
	}
}

func runWriters(b *testing.B, engine string, writers int, span time.Duration) {
	location := testLocation(b, engine)
	f := &fixture{t: b, s: openTestStore(b, location), ctx: context.Background()}
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	env := f.env("Staging", KindStaging)
	var runs []uint
	for i := range 4 {
		tr := TestRun{ReleaseID: r.ID, EnvironmentID: env.ID, Suite: fmt.Sprintf("Suite %d", i), Skipped: 1, RunAt: testClock}
		if err := f.s.SaveTestRun(f.ctx, &tr); err != nil {
			b.Fatal(err)
		}
		runs = append(runs, tr.ID)
	}
	type tally struct {
		saved     map[uint]int
		conflicts int
		latencies []time.Duration
		err       error
	}
	results := make([]tally, writers)
	deadline := time.Now().Add(span)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := &results[w]
			t.saved = map[uint]int{}
			s, err := Open(context.Background(), location)
			if err != nil {
				t.err = err
				return
			}
			defer s.Close()
			s.SetWho(fmt.Sprintf("writer %d", w))
			for n := 0; time.Now().Before(deadline); n++ {
				id := runs[(w+n)%len(runs)]
				var tr TestRun
				if err := s.read(context.Background()).First(&tr, id).Error; err != nil {
					t.err = err
					return
				}
				tr.Passed++
				start := time.Now()
				err = s.SaveTestRun(context.Background(), &tr)
				t.latencies = append(t.latencies, time.Since(start))
				switch _, stale := AsConflict(err); {
				case stale:
					t.conflicts++
				case err != nil:
					t.err = fmt.Errorf("writer %d: %w", w, err)
					return
				default:
					t.saved[id]++
				}
			}
		}()
	}
	wg.Wait()
	want := map[uint]int{}
	var all []time.Duration
	conflicts := 0
	for _, t := range results {
		if t.err != nil {
			b.Fatalf("a writer met an error a person would see: %v", t.err)
		}
		for id, n := range t.saved {
			want[id] += n
		}
		conflicts += t.conflicts
		all = append(all, t.latencies...)
	}
	saves := 0
	for _, id := range runs {
		var tr TestRun
		if err := f.s.read(f.ctx).First(&tr, id).Error; err != nil {
			b.Fatal(err)
		}
		if tr.Passed != want[id] {
			b.Fatalf("test run %d counts %d, but %d saves went through: updates were lost", id, tr.Passed, want[id])
		}
		saves += want[id]
	}
	slices.Sort(all)
	pct := func(p float64) float64 { return float64(all[int(float64(len(all)-1)*p)].Microseconds()) / 1000 }
	b.ReportMetric(float64(saves)/span.Seconds(), "saves/s")
	b.ReportMetric(float64(conflicts), "conflicts")
	b.ReportMetric(pct(0.5), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(0, "ns/op")
}
