package data

import (
	"errors"
	"testing"
	"time"
)

func TestRecordDecision(t *testing.T) {
	f := newFixture(t)
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	valid := func() GoDecision {
		return GoDecision{ReleaseID: r.ID, Decision: DecisionGo, DecidedAt: testClock, Attendees: "Dana, Sam", Warnings: "approval: no Accountable approval"}
	}
	tests := []struct {
		name  string
		edit  func(d *GoDecision)
		field string
	}{
		{"bad decision", func(d *GoDecision) { d.Decision = "maybe" }, "Decision"},
		{"missing decision", func(d *GoDecision) { d.Decision = "" }, "Decision"},
		{"missing time", func(d *GoDecision) { d.DecidedAt = time.Time{} }, "DecidedAt"},
		{"missing release", func(d *GoDecision) { d.ReleaseID = 0 }, "Release"},
		{"unknown release", func(d *GoDecision) { d.ReleaseID = 999 }, "Release"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := crudDump(t, f.s)
			d := valid()
			tt.edit(&d)
			crudRefused(t, f.s, before, f.s.RecordDecision(f.ctx, &d), tt.field)
			if d.ID != 0 {
				t.Fatalf("refused decision kept id %d", d.ID)
			}
		})
	}
	deferred := valid()
	deferred.Decision, deferred.DecidedAt = DecisionDeferred, testClock.Add(-48*time.Hour)
	goDecision := valid()
	for _, d := range []*GoDecision{&deferred, &goDecision} {
		if err := f.s.RecordDecision(f.ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	got, err := f.s.Decisions(f.ctx, r.ID)
	if err != nil || len(got) != 2 || got[0].ID != goDecision.ID || got[0].Warnings != goDecision.Warnings {
		t.Fatalf("decisions %+v, %v; want newest first with warnings kept", got, err)
	}
	if rel, _ := f.s.Release(f.ctx, r.ID); rel.Status != StatusPlanned {
		t.Fatalf("a go decision moved the release to %s", rel.Status)
	}
	if !crudHistoryHas(t, f.s, EntityGoDecision, goDecision.ID, ActionCreate, "Decision", r.ID) {
		t.Fatal("the decision left no history")
	}
	goDecision.Conditions = "Only after the load test"
	if err := f.s.RecordDecision(f.ctx, &goDecision); err != nil {
		t.Fatal(err)
	}
	if !crudHistoryHas(t, f.s, EntityGoDecision, goDecision.ID, ActionUpdate, "Conditions", r.ID) {
		t.Fatal("the correction left no history")
	}
	removed, err := f.s.DeleteDecision(f.ctx, deferred.ID)
	if err != nil || !crudHistoryHas(t, f.s, EntityGoDecision, deferred.ID, ActionDelete, "", r.ID) {
		t.Fatalf("delete: %v, or no history", err)
	}
	if err := f.s.RestoreDecision(f.ctx, removed); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.s.Decisions(f.ctx, r.ID); len(got) != 2 || got[1].ID != deferred.ID {
		t.Fatalf("after restore %+v", got)
	}
	if _, err := f.s.DeleteDecision(f.ctx, 4242); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleting a missing decision: %v", err)
	}
}
