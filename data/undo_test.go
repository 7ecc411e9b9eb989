package data

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestUndoReleaseEditThatMovedTheStatus reproduces issue 12: undoing a
// Details edit that moved the status replayed SaveRelease, whose lifecycle
// refuses to go back. Undo puts the release back as one recorded change.
func TestUndoReleaseEditThatMovedTheStatus(t *testing.T) {
	f := newFixture(t)
	before := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 6, 20))
	after := before
	after.Status, after.Title, after.Owner = StatusInProgress, "Checkout redesign", "Lee"
	if err := f.s.SaveRelease(f.ctx, &after); err != nil {
		t.Fatal(err)
	}
	// What the Releases screen did: save the old release again. Based on
	// its old revision it is refused as stale; based on the current one the
	// lifecycle refuses it.
	replay := before
	if _, stale := AsConflict(f.s.SaveRelease(f.ctx, &replay)); !stale {
		t.Fatal("replaying the old save based on its old revision was not refused as a conflict")
	}
	replay.Revision = after.Revision
	if err := f.s.SaveRelease(f.ctx, &replay); err == nil || !strings.Contains(err.Error(), "cannot move from In progress to Planned") {
		t.Fatalf("replaying the old save: %v, want the lifecycle's refusal", err)
	}
	saved, err := f.s.Release(f.ctx, before.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.Undo(f.ctx, Edited(before, saved)); err != nil {
		t.Fatalf("undo: %v", err)
	}
	got, err := f.s.Release(f.ctx, before.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != StatusPlanned || got.Title != before.Title || got.Owner != before.Owner {
		t.Errorf("after undo: status %s, title %q, owner %q", got.Status, got.Title, got.Owner)
	}
	hist, err := f.s.HistoryOf(f.ctx, EntityRelease, before.ID)
	if err != nil {
		t.Fatal(err)
	}
	undone := map[string]string{}
	for _, h := range hist {
		if h.Action == ActionUndo {
			undone[h.Field] = h.OldValue + " -> " + h.NewValue
		}
	}
	want := map[string]string{"Status": "in_progress -> planned", "Title": "Checkout redesign -> Release 2.4.0", "Owner": "Lee -> Dana"}
	if !reflect.DeepEqual(undone, want) {
		t.Errorf("history of the undo %v, want %v", undone, want)
	}
	// Undone once, the edit is not there to undo again.
	if err := f.s.Undo(f.ctx, Edited(before, saved)); !errors.Is(err, ErrChangedSince) {
		t.Errorf("second undo: %v, want ErrChangedSince", err)
	}
}

// TestUndoRefusesWhenChangedSince: an edit made after the one to undo is
// never overwritten, and nothing changes.
func TestUndoRefusesWhenChangedSince(t *testing.T) {
	f := newFixture(t)
	before := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 6, 20))
	first := before
	first.Title = "First"
	if err := f.s.SaveRelease(f.ctx, &first); err != nil {
		t.Fatal(err)
	}
	change, err := EditOf(f.ctx, f.s, before)
	if err != nil {
		t.Fatal(err)
	}
	second := first
	second.Owner = "Someone else"
	if err := f.s.SaveRelease(f.ctx, &second); err != nil {
		t.Fatal(err)
	}
	err = f.s.Undo(f.ctx, change)
	if !errors.Is(err, ErrChangedSince) || !strings.Contains(err.Error(), "release") || !strings.Contains(err.Error(), "Owner") {
		t.Fatalf("undo: %v, want a refusal naming the release and Owner", err)
	}
	got, _ := f.s.Release(f.ctx, before.ID)
	if got.Title != "First" || got.Owner != "Someone else" {
		t.Errorf("a refused undo changed the release: %q, %q", got.Title, got.Owner)
	}
}

// undoWorld is a small plan every undo case starts from.
type undoWorld struct {
	*rulesWorld
	dep  Deployment
	item ChecklistItem
	run  TestRun
	role ReleaseStakeholder
	fw   FreezeWindow
	rv   Review
	act  ActionItem
	dec  GoDecision
}

func newUndoWorld(t *testing.T) *undoWorld {
	w := &undoWorld{rulesWorld: newRulesWorld(t)}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	w.dep = Deployment{ReleaseID: w.payRel.ID, EnvironmentID: w.qa.ID, PlannedStart: rulesAt(18, 10, 0), PlannedEnd: rulesAt(18, 11, 0)}
	must(w.s.SaveDeployment(w.ctx, &w.dep))
	w.item = ChecklistItem{ReleaseID: w.payRel.ID, Category: CategoryReadiness, Title: "Runbook reviewed"}
	must(w.s.SaveChecklistItem(w.ctx, &w.item))
	w.run = TestRun{ReleaseID: w.payRel.ID, EnvironmentID: w.qa.ID, Suite: "smoke", Passed: 10, RunAt: rulesAt(12, 9, 0)}
	must(w.s.SaveTestRun(w.ctx, &w.run))
	w.role = ReleaseStakeholder{ReleaseID: w.payRel.ID, StakeholderID: w.ann.ID, Role: RoleAccountable}
	must(w.s.AssignStakeholder(w.ctx, &w.role))
	w.fw = FreezeWindow{Name: "Audit", Start: rulesAt(1, 0, 0), End: rulesAt(3, 0, 0), Environments: []Environment{w.prod}}
	must(w.s.SaveFreezeWindow(w.ctx, &w.fw))
	w.rv = Review{ReleaseID: w.billRel.ID, HeldOn: NewDate(2026, 6, 22), Verdict: VerdictSuccessful, ObjectivesMet: ObjectivesYes, Summary: "Fine"}
	must(w.s.SaveReview(w.ctx, &w.rv))
	w.act = ActionItem{ReviewID: w.rv.ID, Title: "Write it up", Status: ActionOpen}
	must(w.s.SaveActionItem(w.ctx, &w.act))
	w.dec = GoDecision{ReleaseID: w.payRel.ID, Decision: DecisionNoGo, DecidedAt: rulesAt(14, 9, 0)}
	must(w.s.RecordDecision(w.ctx, &w.dec))
	return w
}

// undoState describes everything an undo may touch, to compare before and after.
func undoState(t *testing.T, w *undoWorld) string {
	t.Helper()
	var b strings.Builder
	tables := []any{&[]Release{}, &[]Deployment{}, &[]Rollback{}, &[]ReleaseStakeholder{}, &[]Stakeholder{}, &[]ChecklistItem{},
		&[]TestRun{}, &[]GoDecision{}, &[]Review{}, &[]ActionItem{}, &[]Environment{}, &[]FreezeWindow{}}
	for _, rows := range tables {
		q := w.s.db.Order("id")
		if _, ok := rows.(*[]FreezeWindow); ok {
			q = q.Preload("Environments")
		}
		if err := q.Find(rows).Error; err != nil {
			t.Fatal(err)
		}
		v := reflect.ValueOf(rows).Elem()
		for i := 0; i < v.Len(); i++ {
			rec := v.Index(i).Addr().Interface()
			fmt.Fprintf(&b, "%T %d %v\n", rec, v.Index(i).FieldByName("ID").Uint(), values(rec))
			if fw, ok := rec.(*FreezeWindow); ok {
				for _, e := range fw.Environments {
					fmt.Fprintf(&b, "  covers %d\n", e.ID)
				}
			}
		}
	}
	return b.String()
}

// TestUndoEveryChangeTheScreensMake: each change a screen offers to undo
// today goes back through Store.Undo to exactly what was there, and the
// undo is recorded in history.
func TestUndoEveryChangeTheScreensMake(t *testing.T) {
	type op func(w *undoWorld) (Change, error)
	tests := []struct {
		name string
		do   op
	}{
		{"new release", func(w *undoWorld) (Change, error) {
			r := Release{ProductID: w.pay.ID, Version: "3.0.0", Title: "Next", Type: TypeMajor, Status: StatusDraft, Risk: RiskLow}
			err := w.s.SaveRelease(w.ctx, &r)
			return Created(r), err
		}},
		{"release details", func(w *undoWorld) (Change, error) {
			before, after := w.payRel, w.payRel
			after.Status, after.Owner = StatusInProgress, "Lee"
			if err := w.s.SaveRelease(w.ctx, &after); err != nil {
				return Change{}, err
			}
			return EditOf(w.ctx, w.s, before)
		}},
		{"deleted release", func(w *undoWorld) (Change, error) {
			snap, err := w.s.DeleteRelease(w.ctx, w.payRel.ID)
			return Deleted(snap), err
		}},
		{"planned deployment", func(w *undoWorld) (Change, error) {
			d := Deployment{ReleaseID: w.payRel.ID, EnvironmentID: w.stage.ID, PlannedStart: rulesAt(19, 10, 0), PlannedEnd: rulesAt(19, 11, 0)}
			err := w.s.SaveDeployment(w.ctx, &d)
			return Created(d), err
		}},
		{"deployment plan", func(w *undoWorld) (Change, error) {
			next := w.dep
			next.PlannedStart, next.PlannedEnd, next.Notes = rulesAt(20, 10, 0), rulesAt(20, 12, 0), "moved"
			if err := w.s.SaveDeployment(w.ctx, &next); err != nil {
				return Change{}, err
			}
			return EditOf(w.ctx, w.s, w.dep)
		}},
		{"deleted deployment", func(w *undoWorld) (Change, error) {
			removed, err := w.s.DeleteDeployment(w.ctx, w.dep.ID)
			return Deleted(removed), err
		}},
		{"deployment started", func(w *undoWorld) (Change, error) {
			c, err := w.s.StartDeploymentUndoable(w.ctx, w.dep.ID, rulesAt(15, 9, 0), "Sam")
			return DeploymentStep(c), err
		}},
		{"stakeholder assigned", func(w *undoWorld) (Change, error) {
			rs := ReleaseStakeholder{ReleaseID: w.payRel.ID, StakeholderID: w.bob.ID, Role: RoleConsulted}
			err := w.s.AssignStakeholder(w.ctx, &rs)
			return Created(rs), err
		}},
		{"new person assigned", func(w *undoWorld) (Change, error) {
			p := Stakeholder{Name: "Eve Moss", Email: "eve@example.com"}
			if err := w.s.SaveStakeholder(w.ctx, &p); err != nil {
				return Change{}, err
			}
			rs := ReleaseStakeholder{ReleaseID: w.payRel.ID, StakeholderID: p.ID, Role: RoleInformed}
			err := w.s.AssignStakeholder(w.ctx, &rs)
			return Together(Created(p), Created(rs)), err
		}},
		{"approval recorded", func(w *undoWorld) (Change, error) {
			if err := w.s.RecordApproval(w.ctx, w.role.ID, ApprovalRejected, rulesAt(15, 8, 0), "not yet"); err != nil {
				return Change{}, err
			}
			return EditOf(w.ctx, w.s, w.role)
		}},
		{"stakeholder removed", func(w *undoWorld) (Change, error) {
			removed, err := w.s.UnassignStakeholder(w.ctx, w.role.ID)
			return Deleted(removed), err
		}},
		{"item ticked off", func(w *undoWorld) (Change, error) {
			if err := w.s.SetChecklistDone(w.ctx, w.item.ID, true); err != nil {
				return Change{}, err
			}
			return EditOf(w.ctx, w.s, w.item)
		}},
		{"default checklist added", func(w *undoWorld) (Change, error) {
			had := map[uint]bool{w.item.ID: true}
			if _, err := w.s.ApplyChecklistTemplate(w.ctx, w.billRel.ID); err != nil {
				return Change{}, err
			}
			items, err := w.s.Checklist(w.ctx, w.billRel.ID)
			var added []Change
			for _, it := range items {
				if !had[it.ID] {
					added = append(added, Created(it))
				}
			}
			if len(added) == 0 {
				return Change{}, errors.New("the template added nothing")
			}
			return Together(added...), err
		}},
		{"item edited", func(w *undoWorld) (Change, error) {
			next := w.item
			next.Title, next.Owner = "Runbook rehearsed", "Lee"
			if err := w.s.SaveChecklistItem(w.ctx, &next); err != nil {
				return Change{}, err
			}
			return EditOf(w.ctx, w.s, w.item)
		}},
		{"item deleted", func(w *undoWorld) (Change, error) {
			removed, err := w.s.DeleteChecklistItem(w.ctx, w.item.ID)
			return Deleted(removed), err
		}},
		{"test run edited", func(w *undoWorld) (Change, error) {
			next := w.run
			next.Failed = 3
			if err := w.s.SaveTestRun(w.ctx, &next); err != nil {
				return Change{}, err
			}
			return EditOf(w.ctx, w.s, w.run)
		}},
		{"test run deleted", func(w *undoWorld) (Change, error) {
			removed, err := w.s.DeleteTestRun(w.ctx, w.run.ID)
			return Deleted(removed), err
		}},
		{"decision recorded", func(w *undoWorld) (Change, error) {
			d := GoDecision{ReleaseID: w.payRel.ID, Decision: DecisionGo, DecidedAt: rulesAt(15, 9, 0)}
			err := w.s.RecordDecision(w.ctx, &d)
			return Created(d), err
		}},
		{"decision deleted", func(w *undoWorld) (Change, error) {
			removed, err := w.s.DeleteDecision(w.ctx, w.dec.ID)
			return Deleted(removed), err
		}},
		{"review saved", func(w *undoWorld) (Change, error) {
			next := w.rv
			next.Actions, next.Verdict, next.Summary = nil, VerdictWithIssues, "Not so fine"
			if err := w.s.SaveReview(w.ctx, &next); err != nil {
				return Change{}, err
			}
			before := w.rv
			before.Actions = nil
			return EditOf(w.ctx, w.s, before)
		}},
		{"review deleted", func(w *undoWorld) (Change, error) {
			removed, err := w.s.DeleteReview(w.ctx, w.rv.ID)
			return Deleted(removed), err
		}},
		{"action marked done", func(w *undoWorld) (Change, error) {
			next := w.act
			next.Status = ActionDone
			if err := w.s.SaveActionItem(w.ctx, &next); err != nil {
				return Change{}, err
			}
			return EditOf(w.ctx, w.s, w.act)
		}},
		{"action deleted", func(w *undoWorld) (Change, error) {
			removed, err := w.s.DeleteActionItem(w.ctx, w.act.ID)
			return Deleted(removed), err
		}},
		{"new environment", func(w *undoWorld) (Change, error) {
			e := Environment{Name: "Perf", Kind: KindTest}
			err := w.s.SaveEnvironment(w.ctx, &e)
			return Created(e), err
		}},
		{"environment renamed", func(w *undoWorld) (Change, error) {
			next := w.stage
			next.Name, next.Description = "Pre-production", "renamed"
			if err := w.s.SaveEnvironment(w.ctx, &next); err != nil {
				return Change{}, err
			}
			return EditOf(w.ctx, w.s, w.stage)
		}},
		{"environment moved", func(w *undoWorld) (Change, error) {
			if err := w.s.MoveEnvironment(w.ctx, w.stage.ID, 0); err != nil {
				return Change{}, err
			}
			return EditOf(w.ctx, w.s, w.stage)
		}},
		{"new freeze window", func(w *undoWorld) (Change, error) {
			fw := FreezeWindow{Name: "Year end", Start: rulesAt(25, 0, 0), End: rulesAt(28, 0, 0), AllEnvironments: true}
			err := w.s.SaveFreezeWindow(w.ctx, &fw)
			return Created(fw), err
		}},
		{"freeze window edited", func(w *undoWorld) (Change, error) {
			next := w.fw
			next.Name, next.Environments = "Audit week", []Environment{w.stage, w.prod}
			if err := w.s.SaveFreezeWindow(w.ctx, &next); err != nil {
				return Change{}, err
			}
			after, err := w.s.FreezeWindow(w.ctx, w.fw.ID)
			return Edited(w.fw, after), err
		}},
		{"freeze window edited, read back", func(w *undoWorld) (Change, error) {
			next := w.fw
			next.End, next.Environments = rulesAt(4, 0, 0), []Environment{w.qa}
			if err := w.s.SaveFreezeWindow(w.ctx, &next); err != nil {
				return Change{}, err
			}
			return EditOf(w.ctx, w.s, w.fw)
		}},
		{"test run added", func(w *undoWorld) (Change, error) {
			tr := TestRun{ReleaseID: w.billRel.ID, EnvironmentID: w.stage.ID, Suite: "api", Passed: 3, RunAt: rulesAt(13, 9, 0)}
			err := w.s.SaveTestRun(w.ctx, &tr)
			return Created(tr), err
		}},
		{"review created", func(w *undoWorld) (Change, error) {
			rv := Review{ReleaseID: w.payRel.ID, HeldOn: NewDate(2026, 6, 23), Verdict: VerdictSuccessful, ObjectivesMet: ObjectivesYes}
			err := w.s.SaveReview(w.ctx, &rv)
			return Created(rv), err
		}},
		{"action added", func(w *undoWorld) (Change, error) {
			a := ActionItem{ReviewID: w.rv.ID, Title: "Tell the board", Status: ActionOpen}
			err := w.s.SaveActionItem(w.ctx, &a)
			return Created(a), err
		}},
		{"checklist item added", func(w *undoWorld) (Change, error) {
			it := ChecklistItem{ReleaseID: w.payRel.ID, Category: CategoryBackout, Title: "Backout rehearsed"}
			err := w.s.SaveChecklistItem(w.ctx, &it)
			return Created(it), err
		}},
		{"environment deleted", func(w *undoWorld) (Change, error) {
			return Deleted(w.dev), w.s.DeleteEnvironment(w.ctx, w.dev.ID) // nothing ran on Dev
		}},
		{"freeze window deleted", func(w *undoWorld) (Change, error) {
			removed, err := w.s.DeleteFreezeWindow(w.ctx, w.fw.ID)
			return Deleted(removed), err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newUndoWorld(t)
			before := undoState(t, w)
			change, err := tt.do(w)
			if err != nil {
				t.Fatal(err)
			}
			if undoState(t, w) == before {
				t.Fatal("the change changed nothing")
			}
			w.s.Now = func() time.Time { return testClock.Add(time.Hour) } // the undo's history rows stand apart
			if err := w.s.Undo(w.ctx, change); err != nil {
				t.Fatalf("undo: %v", err)
			}
			if after := undoState(t, w); after != before {
				t.Errorf("after undo:\n%s\nwant:\n%s", after, before)
			}
			var undone int64
			w.s.db.Model(&History{}).Where("at = ? AND action = ?", testClock.Add(time.Hour), ActionUndo).Count(&undone)
			var other int64
			w.s.db.Model(&History{}).Where("at = ? AND action <> ?", testClock.Add(time.Hour), ActionUndo).Count(&other)
			if undone == 0 || other != 0 {
				t.Errorf("history of the undo: %d rows marked undo, %d not", undone, other)
			}
		})
	}
}
