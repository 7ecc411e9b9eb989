package data

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"
)

// undoAllFields formats every recorded field of v, zero values included, as history writes them.
func undoAllFields(v any) map[string]string {
	rv := reflect.Indirect(reflect.ValueOf(v))
	out := map[string]string{}
	for i := 0; i < rv.NumField(); i++ {
		if f := rv.Type().Field(i); recordable(f) {
			out[f.Name] = formatValue(rv.Field(i))
		}
	}
	return out
}

// undoReplay folds the history of one entity, oldest first, into its field
// values (nil once deleted), starting from zero, a pointer to the entity's
// zero value. It fails when a row does not follow from the rows before it:
// an update's old value or a deletion's values must be what was recorded.
func undoReplay(t *testing.T, s *Store, entity string, id uint, zero any) map[string]string {
	t.Helper()
	rows, err := s.HistoryOf(t.Context(), entity, id)
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(rows)
	var state map[string]string
	prev := ""
	for _, h := range rows {
		if h.Action == ActionCreate && prev != ActionCreate {
			state = undoAllFields(zero) // a creation, or a restore after a deletion, starts afresh
		}
		switch {
		case h.Field == "":
		case h.Action == ActionCreate:
			state[h.Field] = h.NewValue
		case h.Action == ActionUpdate:
			if state[h.Field] != h.OldValue {
				t.Fatalf("%s %d history: %s changes from %q but was %q", entity, id, h.Field, h.OldValue, state[h.Field])
			}
			state[h.Field] = h.NewValue
		case h.Action == ActionDelete:
			if state[h.Field] != h.NewValue {
				t.Fatalf("%s %d history: deleted with %s %q but it was %q", entity, id, h.Field, h.NewValue, state[h.Field])
			}
		}
		prev = h.Action
	}
	if prev == ActionDelete {
		return nil
	}
	return state
}

// undoHistoryMatches checks that the history of entity id replays to stored
// (a pointer to the stored row), or to nothing when stored is nil.
func undoHistoryMatches(t *testing.T, s *Store, entity string, id uint, zero, stored any) {
	t.Helper()
	got := undoReplay(t, s, entity, id, zero)
	if stored == nil {
		if got != nil {
			t.Fatalf("%s %d: history says it exists with %v, the store has none", entity, id, got)
		}
		return
	}
	if want := undoAllFields(stored); !reflect.DeepEqual(got, want) {
		t.Fatalf("%s %d: history replays to\n%v\nthe store holds\n%v", entity, id, got, want)
	}
}

// undoSetup is a release with a planned deployment on an environment of kind.
type undoSetup struct {
	f   *fixture
	r   Release
	d   Deployment
	end time.Time
}

func newUndoSetup(t *testing.T, kind EnvironmentKind) *undoSetup {
	f := newFixture(t)
	f.clockAfterDeployments()
	r := f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	return &undoSetup{f: f, r: r, d: crudDeployment(t, f, r, f.env("Target", kind), deployDay), end: deployDay.Add(90 * time.Minute)}
}

func (u *undoSetup) start() (DeploymentChange, error) {
	return u.f.s.StartDeploymentUndoable(u.f.ctx, u.d.ID, deployDay, "Sam")
}

func (u *undoSetup) record(o Outcome) (DeploymentChange, error) {
	return u.f.s.RecordOutcomeUndoable(u.f.ctx, u.d.ID, o, deployDay, u.end, "Lee", "Notes of the run")
}

func (u *undoSetup) rollBack() (DeploymentChange, error) {
	finished := deployDay.Add(3 * time.Hour)
	rb := Rollback{StartedAt: deployDay.Add(2 * time.Hour), FinishedAt: &finished, Reason: "Checkout errors", DowntimeMinutes: 20}
	return u.f.s.RollBackUndoable(u.f.ctx, u.d.ID, &rb)
}

func (u *undoSetup) must(t *testing.T, steps ...func() (DeploymentChange, error)) {
	t.Helper()
	for _, step := range steps {
		u.change(t, step)
	}
}

// change makes the change step makes and returns it, failing the test when the store refuses.
func (u *undoSetup) change(t *testing.T, step func() (DeploymentChange, error)) DeploymentChange {
	t.Helper()
	c, err := step()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestUndoDeploymentChange(t *testing.T) {
	tests := []struct {
		name     string
		kind     EnvironmentKind
		prepare  func(t *testing.T, u *undoSetup)
		change   func(u *undoSetup) (DeploymentChange, error)
		from, to ReleaseStatus // the release's move; "" when it keeps its status
	}{
		{"start moves a planned release", KindStaging, nil, (*undoSetup).start, StatusPlanned, StatusInProgress},
		{"start on a release in progress", KindStaging, func(t *testing.T, u *undoSetup) {
			if err := u.f.s.SetReleaseStatus(u.f.ctx, u.r.ID, StatusInProgress); err != nil {
				t.Fatal(err)
			}
		}, (*undoSetup).start, "", ""},
		{"success in production", KindProduction, func(t *testing.T, u *undoSetup) { u.must(t, u.start) },
			func(u *undoSetup) (DeploymentChange, error) { return u.record(OutcomeSucceeded) }, StatusInProgress, StatusReleased},
		{"success in production straight from planned", KindProduction, nil,
			func(u *undoSetup) (DeploymentChange, error) { return u.record(OutcomeSucceeded) }, StatusPlanned, StatusReleased},
		{"success elsewhere", KindStaging, func(t *testing.T, u *undoSetup) { u.must(t, u.start) },
			func(u *undoSetup) (DeploymentChange, error) { return u.record(OutcomeSucceeded) }, "", ""},
		{"failure in production", KindProduction, func(t *testing.T, u *undoSetup) { u.must(t, u.start) },
			func(u *undoSetup) (DeploymentChange, error) { return u.record(OutcomeFailed) }, "", ""},
		{"production success corrected to failure", KindProduction, func(t *testing.T, u *undoSetup) {
			u.must(t, u.start, func() (DeploymentChange, error) { return u.record(OutcomeSucceeded) })
		}, func(u *undoSetup) (DeploymentChange, error) { return u.record(OutcomeFailed) }, "", ""},
		{"rollback in production", KindProduction, func(t *testing.T, u *undoSetup) { u.must(t, u.start) },
			(*undoSetup).rollBack, StatusInProgress, StatusRolledBack},
		{"rollback in production after release", KindProduction, func(t *testing.T, u *undoSetup) {
			u.must(t, u.start, func() (DeploymentChange, error) { return u.record(OutcomeSucceeded) })
		}, (*undoSetup).rollBack, "", ""},
		{"rollback elsewhere", KindStaging, func(t *testing.T, u *undoSetup) { u.must(t, u.start) },
			(*undoSetup).rollBack, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := newUndoSetup(t, tt.kind)
			if tt.prepare != nil {
				tt.prepare(t, u)
			}
			s, ctx := u.f.s, u.f.ctx
			dBefore, err := s.Deployment(ctx, u.d.ID)
			if err != nil {
				t.Fatal(err)
			}
			rBefore, err := s.Release(ctx, u.r.ID)
			if err != nil {
				t.Fatal(err)
			}
			c, err := tt.change(u)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.to == "" && c.Release != nil:
				t.Fatalf("the change reports a move %+v; the release should keep its status", *c.Release)
			case tt.to != "" && (c.Release == nil || c.Release.From != tt.from || c.Release.To != tt.to || c.Release.ReleaseID != u.r.ID):
				t.Fatalf("the change reports the move %+v, want %s -> %s", c.Release, tt.from, tt.to)
			}
			if moved, _ := s.Release(ctx, u.r.ID); tt.to != "" && moved.Status != tt.to {
				t.Fatalf("release is %s after the change, want %s", moved.Status, tt.to)
			}
			dChanged, err := s.Deployment(ctx, u.d.ID)
			if err != nil {
				t.Fatal(err)
			}
			if changedFields(&dBefore, &c.Before) != "" || changedFields(&dChanged, &c.After) != "" || changedFields(&c.Before, &c.After) == "" {
				t.Fatalf("the change reports before %+v and after %+v", c.Before, c.After)
			}

			if err := s.UndoDeploymentChange(ctx, c); err != nil {
				t.Fatalf("undo: %v", err)
			}
			dNow, err := s.Deployment(ctx, u.d.ID)
			if err != nil {
				t.Fatal(err)
			}
			if diff := changedFields(&dBefore, &dNow); diff != "" {
				t.Errorf("after undo the deployment differs in %s: %+v", diff, dNow)
			}
			rNow, err := s.Release(ctx, u.r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if diff := changedFields(&rBefore, &rNow); diff != "" {
				t.Errorf("after undo the release differs in %s: %s, actual %s", diff, rNow.Status, rNow.ActualRelease)
			}
			if _, err := s.DeploymentRollback(ctx, u.d.ID); !errors.Is(err, ErrNotFound) {
				t.Errorf("after undo the deployment's rollback: %v, want none", err)
			}
			undoHistoryMatches(t, s, EntityDeployment, dNow.ID, &Deployment{}, &dNow)
			undoHistoryMatches(t, s, EntityRelease, rNow.ID, &Release{}, &rNow)
			if c.Rollback != nil {
				undoHistoryMatches(t, s, EntityRollback, c.Rollback.ID, &Rollback{}, nil)
			}
			if tt.to != "" {
				hist, err := s.HistoryOf(ctx, EntityRelease, u.r.ID)
				if err != nil {
					t.Fatal(err)
				}
				i := slices.IndexFunc(hist, func(h History) bool { return h.Field == "Status" })
				if i < 0 || hist[i].OldValue != string(tt.to) || hist[i].NewValue != string(tt.from) || *hist[i].ReleaseID != u.r.ID {
					t.Errorf("newest status history %+v, want %s -> %s", hist[max(i, 0)], tt.to, tt.from)
				}
			}

			before := crudDump(t, s)
			crudRefused(t, s, before, s.UndoDeploymentChange(ctx, c), "Deployment")
		})
	}
}

func TestUndoDeploymentChangeRefuses(t *testing.T) {
	tests := []struct {
		name string
		kind EnvironmentKind
		// change makes the change to undo, then whatever happens before the undo.
		change func(t *testing.T, u *undoSetup) DeploymentChange
		field  string
	}{
		{"nothing to undo", KindStaging, func(*testing.T, *undoSetup) DeploymentChange { return DeploymentChange{} }, "Deployment"},
		{"deployment edited since", KindStaging, func(t *testing.T, u *undoSetup) DeploymentChange {
			c := u.change(t, u.start)
			d := c.After
			d.Notes = "Paused for a hotfix"
			if err := u.f.s.SaveDeployment(u.f.ctx, &d); err != nil {
				t.Fatal(err)
			}
			return c
		}, "Deployment"},
		{"release cancelled since", KindStaging, func(t *testing.T, u *undoSetup) DeploymentChange {
			c := u.change(t, u.start)
			if err := u.f.s.SetReleaseStatus(u.f.ctx, u.r.ID, StatusCancelled); err != nil {
				t.Fatal(err)
			}
			return c
		}, "Status"},
		{"rollback edited since", KindStaging, func(t *testing.T, u *undoSetup) DeploymentChange {
			u.must(t, u.start)
			c := u.change(t, u.rollBack)
			rb := *c.Rollback
			rb.Reason = "Checkout errors and slow pages"
			if err := u.f.s.SaveRollback(u.f.ctx, &rb); err != nil {
				t.Fatal(err)
			}
			return c
		}, "Rollback"},
		{"a move no deployment makes", KindStaging, func(t *testing.T, u *undoSetup) DeploymentChange {
			c := u.change(t, u.start)
			c.Release.From, c.Release.To = StatusDraft, StatusInProgress
			return c
		}, "Status"},
		{"another release's move", KindStaging, func(t *testing.T, u *undoSetup) DeploymentChange {
			c := u.change(t, u.start)
			c.Release.ReleaseID = u.f.release(u.f.product("Ledger"), "1.0.0", NewDate(2026, 8, 1)).ID
			return c
		}, "Release"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := newUndoSetup(t, tt.kind)
			c := tt.change(t, u)
			before := crudDump(t, u.f.s)
			crudRefused(t, u.f.s, before, u.f.s.UndoDeploymentChange(u.f.ctx, c), tt.field)
		})
	}

	u := newUndoSetup(t, KindStaging)
	c := u.change(t, u.start)
	if _, err := u.f.s.DeleteDeployment(u.f.ctx, u.d.ID); err != nil {
		t.Fatal(err)
	}
	if err := u.f.s.UndoDeploymentChange(u.f.ctx, c); !errors.Is(err, ErrNotFound) {
		t.Fatalf("undo on a deleted deployment: %v, want ErrNotFound", err)
	}
	if r, _ := u.f.s.Release(u.f.ctx, u.r.ID); r.Status != StatusInProgress {
		t.Fatalf("a refused undo moved the release to %s", r.Status)
	}
}
