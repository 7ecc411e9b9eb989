package data

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"releasedesk/data/pgtest"
)

// twoPeople opens one database twice, as two people on two machines would:
// Ana's store and Ben's, each with its own connections.
func twoPeople(t *testing.T) (ana, ben *fixture) {
	t.Helper()
	pgtest.NoteEngine(t)
	location := testLocation(t, pgtest.Engine())
	a := openTestStore(t, location)
	b := openTestStore(t, location)
	a.SetWho("Ana")
	b.SetWho("Ben")
	ana, ben = &fixture{t: t, s: a, ctx: t.Context()}, &fixture{t: t, s: b, ctx: t.Context()}
	return ana, ben
}

// wantConflict checks that err is a refused save naming who changed the
// record and when, based on revision seen while the record is at current.
func wantConflict(t *testing.T, err error, entity, who string, seen, current int) *ConflictError {
	t.Helper()
	c, ok := AsConflict(err)
	if !ok {
		t.Fatalf("got %v, want a conflict", err)
	}
	if c.Entity != entity || c.Who != who || !c.At.Equal(testClock) || c.Seen != seen || c.Current != current {
		t.Errorf("conflict %+v, want %s changed by %s at %s, seen %d, current %d", *c, entity, who, testClock, seen, current)
	}
	if !strings.Contains(err.Error(), who) || !errors.Is(err, ErrConflict) {
		t.Errorf("message %q does not name %s, or is not ErrConflict", err, who)
	}
	return c
}

func TestTwoPeopleEditOneRelease(t *testing.T) {
	ana, ben := twoPeople(t)
	r := ana.release(ana.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	anaCopy, err := ana.s.Release(ana.ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	benCopy, err := ben.s.Release(ben.ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	anaCopy.Title = "Checkout redesign"
	if err := ana.s.SaveRelease(ana.ctx, &anaCopy); err != nil {
		t.Fatal(err)
	}
	before := crudDump(t, ben.s)
	benCopy.Owner = "Ben"
	c := wantConflict(t, ben.s.SaveRelease(ben.ctx, &benCopy), EntityRelease, "Ana", r.Revision, anaCopy.Revision)
	if after := crudDump(t, ben.s); after != before {
		t.Fatal("a refused save changed the database")
	}
	// Reload: Ben sees Ana's title and saves his owner on top of it.
	reloaded, err := ben.s.Release(ben.ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	reloaded.Owner = "Ben"
	if err := ben.s.SaveRelease(ben.ctx, &reloaded); err != nil {
		t.Fatalf("save after reload: %v", err)
	}
	got, err := ana.s.Release(ana.ctx, r.ID)
	if err != nil || got.Title != "Checkout redesign" || got.Owner != "Ben" || got.Revision != reloaded.Revision {
		t.Fatalf("after reload and save: %+v, %v", got, err)
	}
	// Overwrite: based on the revision the conflict named, a stale copy wins.
	stale := benCopy
	stale.Revision = c.Current
	if _, again := AsConflict(ben.s.SaveRelease(ben.ctx, &stale)); !again {
		t.Fatal("an overwrite based on a revision that has moved on again was not refused")
	}
	stale.Revision = reloaded.Revision
	if err := ben.s.SaveRelease(ben.ctx, &stale); err != nil {
		t.Fatalf("overwrite: %v", err)
	}
	if got, _ := ana.s.Release(ana.ctx, r.ID); got.Title != r.Title {
		t.Errorf("after overwrite the title is %q, want Ben's %q", got.Title, r.Title)
	}
}

func TestTwoPeopleEditOneDeployment(t *testing.T) {
	ana, ben := twoPeople(t)
	r := ana.release(ana.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	env := ana.env("Staging", KindStaging)
	d := Deployment{ReleaseID: r.ID, EnvironmentID: env.ID, PlannedStart: testClock.Add(48 * time.Hour), PlannedEnd: testClock.Add(50 * time.Hour)}
	if err := ana.s.SaveDeployment(ana.ctx, &d); err != nil {
		t.Fatal(err)
	}
	seen := d.Revision
	benCopy := d
	d.Build = "build 118"
	if err := ana.s.SaveDeployment(ana.ctx, &d); err != nil {
		t.Fatal(err)
	}
	benCopy.Notes = "Needs the feature flag"
	wantConflict(t, ben.s.SaveDeployment(ben.ctx, &benCopy), EntityDeployment, "Ana", seen, d.Revision)
	// Recording an outcome is a change too: an edit based on the revision
	// before it is refused.
	if err := ana.s.StartDeployment(ana.ctx, d.ID, testClock, "Ana"); err != nil {
		t.Fatal(err)
	}
	d.Notes = "late edit"
	wantConflict(t, ana.s.SaveDeployment(ana.ctx, &d), EntityDeployment, "Ana", d.Revision, d.Revision+1)
}

func TestTwoPeopleSignOffOneApproval(t *testing.T) {
	ana, ben := twoPeople(t)
	r := ana.release(ana.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	cab := Stakeholder{Name: "Chris"}
	if err := ana.s.SaveStakeholder(ana.ctx, &cab); err != nil {
		t.Fatal(err)
	}
	rs := ReleaseStakeholder{ReleaseID: r.ID, StakeholderID: cab.ID, Role: RoleAccountable}
	if err := ana.s.AssignStakeholder(ana.ctx, &rs); err != nil {
		t.Fatal(err)
	}
	anaCopy, benCopy := rs, rs
	if err := ana.s.ChangeApproval(ana.ctx, &anaCopy, ApprovalApproved, testClock, "fine by me"); err != nil {
		t.Fatal(err)
	}
	if anaCopy.Revision != rs.Revision+1 {
		t.Errorf("revision after the approval %d, want %d", anaCopy.Revision, rs.Revision+1)
	}
	wantConflict(t, ben.s.ChangeApproval(ben.ctx, &benCopy, ApprovalRejected, testClock, "not yet"), EntityReleaseStakeholder, "Ana", rs.Revision, anaCopy.Revision)
	// The whole assignment, saved from a stale copy, is refused the same way.
	benCopy.ApprovalComment = "edited"
	wantConflict(t, ben.s.AssignStakeholder(ben.ctx, &benCopy), EntityReleaseStakeholder, "Ana", rs.Revision, anaCopy.Revision)
	got, err := ben.s.ReleaseStakeholders(ben.ctx, r.ID)
	if err != nil || len(got) != 1 || got[0].Approval != ApprovalApproved || got[0].ApprovalComment != "fine by me" {
		t.Fatalf("sign-off after the refused changes: %+v, %v", got, err)
	}
}

// TestHistorySaysWho checks that every row of a change names who made it:
// the name set with SetWho, else the user signed in.
func TestHistorySaysWho(t *testing.T) {
	ana, ben := twoPeople(t)
	p := ana.product("Payments")
	ben.s.SetWho("")
	r := ben.release(p, "2.4.0", NewDate(2026, 7, 1))
	for _, tt := range []struct {
		entity string
		id     uint
		who    string
	}{{EntityProduct, p.ID, "Ana"}, {EntityRelease, r.ID, defaultWho}} {
		rows, err := ana.s.HistoryOf(ana.ctx, tt.entity, tt.id)
		if err != nil || len(rows) == 0 {
			t.Fatalf("history of %s: %v, %v", tt.entity, rows, err)
		}
		for _, h := range rows {
			if h.Who != tt.who {
				t.Errorf("%s %s row says %q, want %q", tt.entity, h.Field, h.Who, tt.who)
			}
		}
	}
	if defaultWho == "" {
		t.Error("no name for the signed-in user")
	}
}

// TestConcurrentEditorsLoseNothing has two people add to one deployment's
// notes as fast as they can, each reloading on a conflict: every addition
// must be there at the end, on both engines.
func TestConcurrentEditorsLoseNothing(t *testing.T) {
	ana, ben := twoPeople(t)
	r := ana.release(ana.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	env := ana.env("Staging", KindStaging)
	d := Deployment{ReleaseID: r.ID, EnvironmentID: env.ID, PlannedStart: testClock, PlannedEnd: testClock.Add(time.Hour)}
	if err := ana.s.SaveDeployment(ana.ctx, &d); err != nil {
		t.Fatal(err)
	}
	const each = 15
	var wg sync.WaitGroup
	var conflicts [2]int
	errs := make(chan error, 2)
	for i, person := range []*fixture{ana, ben} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < each; {
				cur, err := person.s.Deployment(person.ctx, d.ID)
				if err != nil {
					errs <- err
					return
				}
				cur.Notes = strings.TrimSpace(cur.Notes + " " + person.s.Who() + strconv.Itoa(n))
				err = person.s.SaveDeployment(person.ctx, &cur)
				switch _, stale := AsConflict(err); {
				case stale:
					conflicts[i]++
				case err != nil:
					errs <- fmt.Errorf("%s: %w", person.s.Who(), err)
					return
				default:
					n++
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	got, err := ana.s.Deployment(ana.ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields(got.Notes)
	if len(words) != 2*each {
		t.Fatalf("%d additions kept, want %d: %q", len(words), 2*each, got.Notes)
	}
	if got.Revision != d.Revision+2*each {
		t.Errorf("revision %d, want %d", got.Revision, d.Revision+2*each)
	}
	t.Logf("conflicts met and reloaded: Ana %d, Ben %d", conflicts[0], conflicts[1])
}

// TestSavingNothingChangesNothing: a save that changes no field writes
// nothing, so someone else's copy of the record stays current.
func TestSavingNothingChangesNothing(t *testing.T) {
	ana, ben := twoPeople(t)
	r := ana.release(ana.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	benCopy := r
	same := r
	if err := ana.s.SaveRelease(ana.ctx, &same); err != nil {
		t.Fatal(err)
	}
	if same.Revision != r.Revision {
		t.Errorf("saving nothing moved the revision from %d to %d", r.Revision, same.Revision)
	}
	benCopy.Owner = "Ben"
	if err := ben.s.SaveRelease(ben.ctx, &benCopy); err != nil {
		t.Fatalf("Ben's save after Ana saved nothing: %v", err)
	}
}
