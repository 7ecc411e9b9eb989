package data

import (
	"context"
	"testing"
	"time"
)

// nextNotice waits for the next notice on ch, failing t after a while.
func nextNotice(t *testing.T, ch <-chan ChangeNotice) ChangeNotice {
	t.Helper()
	select {
	case n, ok := <-ch:
		if !ok {
			t.Fatal("the watch ended")
		}
		return n
	case <-time.After(15 * time.Second):
		t.Fatal("no notice came")
	}
	return ChangeNotice{}
}

func quickWatch(t *testing.T) {
	saved := watchPoll
	watchPoll = 20 * time.Millisecond
	t.Cleanup(func() { watchPoll = saved })
}

// TestWatchSeesOthersChanges has Ana watch while Ben changes the plan: each
// of Ben's changes comes once, naming the record, its release and Ben;
// Ana's own changes never come back to her.
func TestWatchSeesOthersChanges(t *testing.T) {
	quickWatch(t)
	ana, ben := twoPeople(t)
	p := ana.product("Payments")
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	changes, err := ana.s.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r := ben.release(p, "2.4.0", NewDate(2026, 7, 1))
	n := nextNotice(t, changes)
	if n != (ChangeNotice{Entity: EntityRelease, ID: r.ID, ReleaseID: r.ID, Who: "Ben", Action: ActionCreate}) {
		t.Fatalf("notice %+v, want Ben's new release %d", n, r.ID)
	}
	// Ana's own edit, then Ben's: only Ben's comes.
	mine := ana.release(p, "2.5.0", NewDate(2026, 8, 1))
	mine.Title = "Ana's own"
	if err := ana.s.SaveRelease(ana.ctx, &mine); err != nil {
		t.Fatal(err)
	}
	env := ben.env("Staging", KindStaging)
	d := Deployment{ReleaseID: r.ID, EnvironmentID: env.ID, PlannedStart: testClock, PlannedEnd: testClock.Add(time.Hour)}
	if err := ben.s.SaveDeployment(ben.ctx, &d); err != nil {
		t.Fatal(err)
	}
	if n := nextNotice(t, changes); n.Entity != EntityEnvironment || n.Who != "Ben" {
		t.Fatalf("notice %+v, want Ben's environment (Ana's own release edit must not come)", n)
	}
	if n := nextNotice(t, changes); n != (ChangeNotice{Entity: EntityDeployment, ID: d.ID, ReleaseID: r.ID, Who: "Ben", Action: ActionCreate}) {
		t.Fatalf("notice %+v, want Ben's deployment %d", n, d.ID)
	}
	stop()
	for range changes {
	}
}

// TestWatchSeesChangesWithoutHistory checks that a change that leaves no
// history (another tool writing to the file) asks for everything again.
func TestWatchSeesChangesWithoutHistory(t *testing.T) {
	fileOnly(t)
	quickWatch(t)
	ana, ben := twoPeople(t)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	changes, err := ana.s.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := ben.s.db.Exec("INSERT INTO products (name, created_at, updated_at) VALUES ('Ledger', ?, ?)", testClock, testClock).Error; err != nil {
		t.Fatal(err)
	}
	if n := nextNotice(t, changes); !n.Everything() {
		t.Fatalf("notice %+v, want one asking for everything", n)
	}
}

func TestNoticeQueueMergesAndCoalesces(t *testing.T) {
	q := newNoticeQueue()
	q.push(ChangeNotice{Entity: EntityRelease, ID: 1, Who: "Ben"})
	q.push(ChangeNotice{Entity: EntityRelease, ID: 1, Who: "Ben"})
	q.push(ChangeNotice{Entity: EntityRelease, ID: 2, Who: "Ben"})
	if len(q.pending) != 2 {
		t.Fatalf("%d pending, want the two records once each", len(q.pending))
	}
	for i := range noticeBacklog + 1 {
		q.push(ChangeNotice{Entity: EntityDeployment, ID: uint(i + 10)})
	}
	if len(q.pending) != 1 || !q.pending[0].Everything() {
		t.Fatalf("an overflowing queue holds %d notices, want one for everything", len(q.pending))
	}
	q.push(ChangeNotice{Entity: EntityRelease, ID: 3})
	if len(q.pending) != 1 {
		t.Fatal("a notice was added after one for everything")
	}
}

func TestParseAnnouncement(t *testing.T) {
	n, ok := parseAnnouncement("release\n7\n7\nBen\nupdate\nRelease Desk b", "Release Desk a")
	if !ok || n != (ChangeNotice{Entity: "release", ID: 7, ReleaseID: 7, Who: "Ben", Action: "update"}) {
		t.Fatalf("%+v %v", n, ok)
	}
	if _, ok := parseAnnouncement("release\n7\n7\nBen\nupdate\nRelease Desk a", "Release Desk a"); ok {
		t.Fatal("the store's own announcement came through")
	}
	if n, ok := parseAnnouncement("garbled", "x"); !ok || !n.Everything() {
		t.Fatal("a payload that cannot be read must ask for everything")
	}
}
