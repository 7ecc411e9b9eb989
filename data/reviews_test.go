package data

import (
	"errors"
	"testing"
)

func TestSaveReview(t *testing.T) {
	f := newFixture(t)
	p := f.product("Payments")
	r, other := f.release(p, "2.4.0", NewDate(2026, 7, 1)), f.release(p, "2.5.0", NewDate(2026, 8, 1))
	if _, err := f.s.Review(f.ctx, r.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("review before one exists: %v", err)
	}
	valid := func() Review {
		return Review{ReleaseID: r.ID, HeldOn: NewDate(2026, 7, 8), Facilitator: "Dana", Verdict: VerdictWithIssues,
			ObjectivesMet: ObjectivesPartly, WentBadly: "Slow rollback"}
	}
	tests := []struct {
		name  string
		edit  func(rv *Review)
		field string
	}{
		{"missing day", func(rv *Review) { rv.HeldOn = Date{} }, "HeldOn"},
		{"bad verdict", func(rv *Review) { rv.Verdict = "meh" }, "Verdict"},
		{"bad objectives", func(rv *Review) { rv.ObjectivesMet = "mostly" }, "ObjectivesMet"},
		{"missing release", func(rv *Review) { rv.ReleaseID = 0 }, "Release"},
		{"unknown release", func(rv *Review) { rv.ReleaseID = 999 }, "Release"},
	}
	run := func(tests []struct {
		name  string
		edit  func(rv *Review)
		field string
	}) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := crudDump(t, f.s)
				rv := valid()
				tt.edit(&rv)
				crudRefused(t, f.s, before, f.s.SaveReview(f.ctx, &rv), tt.field)
				if rv.ID != 0 {
					t.Fatalf("refused review kept id %d", rv.ID)
				}
			})
		}
	}
	run(tests)
	rv := valid()
	if err := f.s.SaveReview(f.ctx, &rv); err != nil {
		t.Fatal(err)
	}
	if !crudHistoryHas(t, f.s, EntityReview, rv.ID, ActionCreate, "Verdict", r.ID) {
		t.Fatal("the review left no history")
	}
	run([]struct {
		name  string
		edit  func(rv *Review)
		field string
	}{{"second review", func(*Review) {}, "Release"}})

	before := crudDump(t, f.s)
	moved := rv
	moved.ReleaseID = other.ID
	crudRefused(t, f.s, before, f.s.SaveReview(f.ctx, &moved), "Release")
	rv.Verdict, rv.Lessons = VerdictSuccessful, "Rehearse rollbacks"
	if err := f.s.SaveReview(f.ctx, &rv); err != nil {
		t.Fatal(err)
	}
	if !crudHistoryHas(t, f.s, EntityReview, rv.ID, ActionUpdate, "Lessons", r.ID) {
		t.Fatal("editing the review left no history")
	}
}

func TestActionItems(t *testing.T) {
	f := newFixture(t)
	p := f.product("Payments")
	r1, r2 := f.release(p, "2.4.0", NewDate(2026, 7, 1)), f.release(p, "2.5.0", NewDate(2026, 8, 1))
	rv1 := Review{ReleaseID: r1.ID, HeldOn: NewDate(2026, 7, 8), Verdict: VerdictSuccessful, ObjectivesMet: ObjectivesYes}
	rv2 := Review{ReleaseID: r2.ID, HeldOn: NewDate(2026, 8, 8), Verdict: VerdictUnsuccessful, ObjectivesMet: ObjectivesNo}
	for _, rv := range []*Review{&rv1, &rv2} {
		if err := f.s.SaveReview(f.ctx, rv); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name  string
		a     ActionItem
		field string
	}{
		{"missing title", ActionItem{ReviewID: rv1.ID, Title: ""}, "Title"},
		{"bad status", ActionItem{ReviewID: rv1.ID, Title: "Fix alerts", Status: "later"}, "Status"},
		{"missing review", ActionItem{Title: "Fix alerts"}, "Review"},
		{"unknown review", ActionItem{ReviewID: 999, Title: "Fix alerts"}, "Review"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := crudDump(t, f.s)
			a := tt.a
			crudRefused(t, f.s, before, f.s.SaveActionItem(f.ctx, &a), tt.field)
			if a.ID != 0 {
				t.Fatalf("refused action kept id %d", a.ID)
			}
		})
	}
	add := func(rv Review, title string, due Date, status ActionStatus) ActionItem {
		a := ActionItem{ReviewID: rv.ID, Title: title, Due: due, Status: status}
		if err := f.s.SaveActionItem(f.ctx, &a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	undated := add(rv1, "Write it down", Date{}, "")
	late := add(rv1, "Fix alerts", NewDate(2026, 7, 30), ActionOpen)
	early := add(rv1, "Rehearse rollback", NewDate(2026, 7, 15), ActionOpen)
	add(rv1, "Old idea", NewDate(2026, 7, 10), ActionDropped)
	other := add(rv2, "Retrain support", NewDate(2026, 7, 20), ActionOpen)
	if undated.Status != ActionOpen {
		t.Fatalf("new action is %s, want open", undated.Status)
	}
	if !crudHistoryHas(t, f.s, EntityActionItem, other.ID, ActionCreate, "Title", r2.ID) {
		t.Fatal("the action's history is not filed under its review's release")
	}
	got, err := f.s.Review(f.ctx, r1.ID)
	if err != nil || len(got.Actions) != 4 || got.Actions[1].ID != early.ID || got.Actions[3].ID != undated.ID {
		t.Fatalf("review actions %+v, %v; want by due, undated last", got.Actions, err)
	}
	open, err := f.s.OpenActionItems(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []uint
	for _, a := range open {
		ids = append(ids, a.ID)
	}
	if want := []uint{early.ID, other.ID, late.ID, undated.ID}; len(ids) != len(want) || ids[0] != want[0] || ids[1] != want[1] || ids[2] != want[2] || ids[3] != want[3] {
		t.Fatalf("open actions %v, want %v", ids, want)
	}

	late.Status = ActionDone
	if err := f.s.SaveActionItem(f.ctx, &late); err != nil {
		t.Fatal(err)
	}
	if !crudHistoryHas(t, f.s, EntityActionItem, late.ID, ActionUpdate, "Status", r1.ID) {
		t.Fatal("closing an action left no history")
	}
	before := crudDump(t, f.s)
	late.Title = " "
	crudRefused(t, f.s, before, f.s.SaveActionItem(f.ctx, &late), "Title")

	removed, err := f.s.DeleteActionItem(f.ctx, early.ID)
	if err != nil || !crudHistoryHas(t, f.s, EntityActionItem, early.ID, ActionDelete, "", r1.ID) {
		t.Fatalf("delete: %v, or no history", err)
	}
	if err := f.s.RestoreActionItem(f.ctx, removed); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.s.Review(f.ctx, r1.ID); len(got.Actions) != 4 {
		t.Fatalf("after restore %d actions", len(got.Actions))
	}
	if _, err := f.s.DeleteActionItem(f.ctx, 4242); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleting a missing action: %v", err)
	}
}

func TestDeleteAndRestoreReview(t *testing.T) {
	f := newFixture(t)
	p := f.product("Payments")
	r := f.release(p, "2.4.0", NewDate(2026, 7, 1))
	rv := Review{ReleaseID: r.ID, HeldOn: NewDate(2026, 7, 8), Facilitator: "Dana", Verdict: VerdictWithIssues,
		ObjectivesMet: ObjectivesPartly, Summary: "Shipped a day late", Lessons: "Rehearse rollbacks"}
	if err := f.s.SaveReview(f.ctx, &rv); err != nil {
		t.Fatal(err)
	}
	var items []ActionItem
	for _, a := range []ActionItem{
		{ReviewID: rv.ID, Title: "Fix alerts", Owner: "Lee", Due: NewDate(2026, 7, 20)},
		{ReviewID: rv.ID, Title: "Write the runbook", Status: ActionDone},
	} {
		if err := f.s.SaveActionItem(f.ctx, &a); err != nil {
			t.Fatal(err)
		}
		items = append(items, a)
	}
	stored, err := f.s.Review(f.ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	before := stripHistory(crudDump(t, f.s))

	removed, err := f.s.DeleteReview(f.ctx, rv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if removed.ID != rv.ID || len(removed.Actions) != len(items) || changedFields(&stored, &removed) != "" {
		t.Fatalf("DeleteReview returned %+v, want the stored review with its %d items", removed, len(items))
	}
	if _, err := f.s.Review(f.ctx, r.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("review after delete: %v, want ErrNotFound", err)
	}
	if open, err := f.s.OpenActionItems(f.ctx); err != nil || len(open) != 0 {
		t.Fatalf("action items outlived their review: %+v, %v", open, err)
	}
	undoHistoryMatches(t, f.s, EntityReview, rv.ID, &Review{}, nil)
	for _, a := range items {
		undoHistoryMatches(t, f.s, EntityActionItem, a.ID, &ActionItem{}, nil)
		if !crudHistoryHas(t, f.s, EntityActionItem, a.ID, ActionDelete, "Title", r.ID) {
			t.Fatalf("deleting %q left no history under the release", a.Title)
		}
	}

	if err := f.s.RestoreReview(f.ctx, removed); err != nil {
		t.Fatal(err)
	}
	if after := stripHistory(crudDump(t, f.s)); after != before {
		t.Fatalf("restore did not bring back what was deleted:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	back, err := f.s.Review(f.ctx, r.ID)
	if err != nil || back.ID != rv.ID || len(back.Actions) != len(items) || back.Actions[0].ID != stored.Actions[0].ID {
		t.Fatalf("restored review %+v, %v", back, err)
	}
	undoHistoryMatches(t, f.s, EntityReview, rv.ID, &Review{}, &back)
	for i := range back.Actions {
		undoHistoryMatches(t, f.s, EntityActionItem, back.Actions[i].ID, &ActionItem{}, &back.Actions[i])
	}

	if _, err := f.s.DeleteReview(f.ctx, 4242); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleting a missing review: %v, want ErrNotFound", err)
	}
	again, err := f.s.DeleteReview(f.ctx, rv.ID)
	if err != nil {
		t.Fatal(err)
	}
	refusals := []struct {
		name    string
		prepare func(t *testing.T) Review
		field   string
	}{
		{"no review", func(*testing.T) Review { return Review{} }, "Review"},
		{"release has a new review", func(t *testing.T) Review {
			fresh := Review{ReleaseID: r.ID, HeldOn: NewDate(2026, 7, 9), Verdict: VerdictSuccessful, ObjectivesMet: ObjectivesYes}
			if err := f.s.SaveReview(f.ctx, &fresh); err != nil {
				t.Fatal(err)
			}
			return again
		}, "Release"},
		{"release gone", func(t *testing.T) Review {
			gone := f.release(p, "2.5.0", NewDate(2026, 8, 1))
			if _, err := f.s.DeleteRelease(f.ctx, gone.ID); err != nil {
				t.Fatal(err)
			}
			moved := again
			moved.ReleaseID, moved.Actions = gone.ID, nil
			return moved
		}, "Release"},
		{"an item of another review", func(*testing.T) Review {
			mixed := again
			mixed.ID, mixed.ReleaseID = 777, f.release(p, "2.6.0", NewDate(2026, 9, 1)).ID
			return mixed
		}, "Actions"},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			rv := tt.prepare(t)
			before := crudDump(t, f.s)
			crudRefused(t, f.s, before, f.s.RestoreReview(f.ctx, rv), tt.field)
		})
	}
}
