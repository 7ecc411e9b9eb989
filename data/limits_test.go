package data

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// limitModels is every model the store keeps.
var limitModels = []any{Product{}, Environment{}, Release{}, Deployment{}, Rollback{}, Stakeholder{}, ReleaseStakeholder{},
	ChecklistItem{}, TestRun{}, FreezeWindow{}, GoDecision{}, Review{}, ActionItem{}, WorkItem{}, Dependency{}, Replan{}, History{},
	EnvironmentProduct{}}

func TestEveryTextFieldHasALimit(t *testing.T) {
	listed := map[[2]string]bool{}
	for _, l := range TextLimits {
		if listed[[2]string{l.Model, l.Field}] {
			t.Errorf("%s.%s is listed twice", l.Model, l.Field)
		}
		listed[[2]string{l.Model, l.Field}] = true
	}
	seen := map[[2]string]bool{}
	for _, m := range limitModels {
		rt := reflect.TypeOf(m)
		for i := range rt.NumField() {
			f := rt.Field(i)
			if f.Type != reflect.TypeOf("") {
				continue
			}
			key := [2]string{rt.Name(), f.Name}
			seen[key] = true
			if !listed[key] {
				t.Errorf("%s.%s has no limit in TextLimits", rt.Name(), f.Name)
			}
		}
	}
	for key := range listed {
		if !seen[key] {
			t.Errorf("TextLimits lists %s.%s, which is no text field of a model", key[0], key[1])
		}
	}
	// A model added without a place in limitModels would escape this test: count the tables
	// (the database's own identity row holds no user text).
	s := newTestStore(t)
	names, err := s.db.Migrator().GetTables()
	if err != nil {
		t.Fatal(err)
	}
	tables := len(slices.DeleteFunc(names, func(n string) bool {
		return strings.HasPrefix(n, "sqlite_") || slices.Contains([]string{migrationTable, "freeze_window_environments", "database_identity"}, n)
	}))
	if int(tables) != len(limitModels) {
		t.Errorf("the schema has %d model tables, limitModels %d: add the new model here and its text fields to TextLimits", tables, len(limitModels))
	}
}

// limitSavers saves a new record of each model, with field set to value.
func limitSavers(f *fixture) map[string]func(field, value string) error {
	p := f.product("Payments")
	env := f.env("Staging", KindStaging)
	n := 0
	next := func() int { n++; return n }
	release := func() Release {
		return f.release(p, fmt.Sprintf("1.%d.0", next()), DateOf(testClock.AddDate(0, 1, 0)))
	}
	set := func(rec any, field, value string) {
		reflect.ValueOf(rec).Elem().FieldByName(field).SetString(value)
	}
	start := testClock.Add(24 * time.Hour)
	return map[string]func(field, value string) error{
		"Product": func(field, value string) error {
			rec := Product{Name: fmt.Sprintf("Product %d", next())}
			set(&rec, field, value)
			return f.s.SaveProduct(f.ctx, &rec)
		},
		"Environment": func(field, value string) error {
			rec := Environment{Name: fmt.Sprintf("Env %d", next()), Kind: KindTest}
			set(&rec, field, value)
			return f.s.SaveEnvironment(f.ctx, &rec)
		},
		"Release": func(field, value string) error {
			rec := Release{ProductID: p.ID, Version: fmt.Sprintf("2.%d.0", next()), Title: "Release", Type: TypeMinor, Status: StatusDraft}
			set(&rec, field, value)
			return f.s.SaveRelease(f.ctx, &rec)
		},
		"Deployment": func(field, value string) error {
			rec := Deployment{ReleaseID: release().ID, EnvironmentID: env.ID, PlannedStart: start, PlannedEnd: start.Add(time.Hour)}
			set(&rec, field, value)
			return f.s.SaveDeployment(f.ctx, &rec)
		},
		"Rollback": func(field, value string) error {
			d := crudDeployment(f.t, f, release(), env, start)
			if err := f.s.RecordOutcome(f.ctx, d.ID, OutcomeFailed, start, start.Add(time.Hour), "", ""); err != nil {
				return err
			}
			rec := Rollback{StartedAt: start.Add(time.Hour), Reason: "Errors"}
			set(&rec, field, value)
			return f.s.RollBack(f.ctx, d.ID, &rec)
		},
		"Stakeholder": func(field, value string) error {
			rec := Stakeholder{Name: fmt.Sprintf("Person %d", next())}
			set(&rec, field, value)
			return f.s.SaveStakeholder(f.ctx, &rec)
		},
		"ReleaseStakeholder": func(field, value string) error {
			person := crudStakeholder(f.t, f, fmt.Sprintf("Person %d", next()))
			rec := ReleaseStakeholder{ReleaseID: release().ID, StakeholderID: person.ID, Role: RoleResponsible}
			set(&rec, field, value)
			return f.s.AssignStakeholder(f.ctx, &rec)
		},
		"ChecklistItem": func(field, value string) error {
			rec := ChecklistItem{ReleaseID: release().ID, Category: CategoryReadiness, Title: "Runbook"}
			set(&rec, field, value)
			return f.s.SaveChecklistItem(f.ctx, &rec)
		},
		"TestRun": func(field, value string) error {
			rec := TestRun{ReleaseID: release().ID, EnvironmentID: env.ID, Suite: "Regression", Passed: 1, RunAt: start}
			set(&rec, field, value)
			return f.s.SaveTestRun(f.ctx, &rec)
		},
		"FreezeWindow": func(field, value string) error {
			rec := FreezeWindow{Name: "Year end", Start: start, End: start.Add(time.Hour), AllEnvironments: true}
			set(&rec, field, value)
			return f.s.SaveFreezeWindow(f.ctx, &rec)
		},
		"GoDecision": func(field, value string) error {
			rec := GoDecision{ReleaseID: release().ID, Decision: DecisionDeferred, DecidedAt: start}
			set(&rec, field, value)
			return f.s.RecordDecision(f.ctx, &rec)
		},
		"Review": func(field, value string) error {
			rec := Review{ReleaseID: release().ID, HeldOn: DateOf(start), Verdict: VerdictSuccessful, ObjectivesMet: ObjectivesYes}
			set(&rec, field, value)
			return f.s.SaveReview(f.ctx, &rec)
		},
		"ActionItem": func(field, value string) error {
			rv := Review{ReleaseID: release().ID, HeldOn: DateOf(start), Verdict: VerdictSuccessful, ObjectivesMet: ObjectivesYes}
			if err := f.s.SaveReview(f.ctx, &rv); err != nil {
				return err
			}
			rec := ActionItem{ReviewID: rv.ID, Title: "Fix alerts"}
			set(&rec, field, value)
			return f.s.SaveActionItem(f.ctx, &rec)
		},
		"WorkItem": func(field, value string) error {
			rec := WorkItem{ReleaseID: release().ID, Key: fmt.Sprintf("PAY-%d", next()), Summary: "Refunds", Kind: WorkFeature, Status: WorkOpen}
			set(&rec, field, value)
			return f.s.SaveWorkItem(f.ctx, &rec)
		},
		"Dependency": func(field, value string) error {
			rec := Dependency{ReleaseID: release().ID, RequiresID: release().ID, EnvironmentID: env.ID}
			set(&rec, field, value)
			return f.s.SaveDependency(f.ctx, &rec)
		},
	}
}

// textOfLength is valid text for field with exactly n characters, most of
// them two bytes long, so that bytes are not mistaken for characters.
func textOfLength(field string, n int) string {
	switch field {
	case "Version":
		return "1.0.0-" + strings.Repeat("a", n-6)
	case "Email":
		return strings.Repeat("a", n-len("@example.com")) + "@example.com"
	case "Link":
		return "https://example.com/" + strings.Repeat("a", n-len("https://example.com/"))
	}
	return "x" + strings.Repeat("é", n-1)
}

func TestStoreRefusesTextPastItsLimit(t *testing.T) {
	f := newFixture(t)
	f.clockAfterDeployments()
	savers := limitSavers(f)
	for _, l := range TextLimits {
		if l.Max == 0 {
			continue
		}
		t.Run(l.Model+"."+l.Field, func(t *testing.T) {
			save, ok := savers[l.Model]
			if !ok {
				t.Fatalf("no saver for %s", l.Model)
			}
			if err := save(l.Field, textOfLength(l.Field, l.Max)); err != nil {
				t.Fatalf("%d characters refused: %v", l.Max, err)
			}
			err := save(l.Field, textOfLength(l.Field, l.Max+1))
			v, ok := AsValidation(err)
			if !ok {
				t.Fatalf("%d characters: got %v, want a validation error", l.Max+1, err)
			}
			if want := fmt.Sprintf("is longer than %d characters", l.Max); v.Message(l.Field) != want {
				t.Fatalf("%s: %q, want %q (all: %v)", l.Field, v.Message(l.Field), want, err)
			}
		})
	}
}

func TestImportRefusesAnOversizeDescription(t *testing.T) {
	f := newFixture(t)
	huge := strings.Repeat("lorem ipsum ", 10<<20/12)
	rows := []PlanRow{{Row: 2, Product: "Payments", Columns: map[string]string{"Description": "Details"},
		Release: Release{Version: "2.4.0", Title: "Checkout", Type: TypeMinor, Status: StatusDraft, Description: huge}}}
	_, err := f.s.ImportPlan(f.ctx, rows)
	pe, ok := AsPlanErrors(err)
	if !ok || len(pe.Errors) != 1 || pe.Errors[0].Row != 2 || pe.Errors[0].Column != "Details" ||
		pe.Errors[0].Message != fmt.Sprintf("is longer than %d characters", MaxNoteLength) {
		t.Fatalf("got %v, want one error on row 2, Details", err)
	}
	if n, err := f.s.CountReleases(f.ctx, ReleaseFilter{}); err != nil || n != 0 {
		t.Fatalf("%d releases imported (%v)", n, err)
	}
}

func TestCheckTextLimitsFindsOldOversizeText(t *testing.T) {
	f := newFixture(t)
	p := f.product("Payments")
	r := f.release(p, "2.4.0", DateOf(testClock))
	huge := strings.Repeat("é", MaxNoteLength+5)
	// An older Release Desk, or a hand edit, stored what the store now refuses.
	if err := f.s.db.Exec("UPDATE releases SET description = ? WHERE id = ?", huge, r.ID).Error; err != nil {
		t.Fatal(err)
	}
	if err := f.s.db.Exec("UPDATE products SET description = ? WHERE id = ?", huge, p.ID).Error; err != nil {
		t.Fatal(err)
	}
	findings, err := CheckTextLimits(f.ctx, f.s)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		fmt.Sprintf("integrity: Product #%d: Description is %d characters, over its limit of %d; the window shows only the first %d", p.ID, MaxNoteLength+5, MaxNoteLength, MaxNoteLength),
		fmt.Sprintf("integrity: Payments 2.4.0: Description is %d characters, over its limit of %d; the window shows only the first %d", MaxNoteLength+5, MaxNoteLength, MaxNoteLength),
	}
	if len(findings) != len(want) {
		t.Fatalf("findings %v, want %v", findings, want)
	}
	for i, w := range want {
		if findings[i].String() != w {
			t.Errorf("finding %d: %q, want %q", i, findings[i], w)
		}
	}
	if len(findings[1].ReleaseIDs) != 1 || findings[1].ReleaseIDs[0] != r.ID {
		t.Errorf("the release finding names releases %v", findings[1].ReleaseIDs)
	}
}
