package data

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// planState dumps every table but history, leaving out when rows were last
// updated (an undo puts values back, not the time they were written).
func planState(t testing.TB, s *Store) string {
	t.Helper()
	tables, err := s.db.Migrator().GetTables()
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(tables)
	var b strings.Builder
	for _, name := range tables {
		if name == "history" || strings.HasPrefix(name, "sqlite_") {
			continue
		}
		rows, err := s.db.Raw(`SELECT * FROM "` + name + `" ORDER BY 1`).Rows()
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprint(&b, name)
			for i, c := range cols {
				// An undo is a change like any other: it moves a record's revision on.
				if c != "updated_at" && c != "revision" {
					fmt.Fprintf(&b, " %s=%v", c, vals[i])
				}
			}
			b.WriteByte('\n')
		}
		rows.Close()
	}
	return b.String()
}

// historyOfUndo lists "entity action" for the history rows after id.
func historyAfter(t testing.TB, s *Store, id uint) []History {
	t.Helper()
	var out []History
	if err := s.db.Where("id > ?", id).Order("id").Find(&out).Error; err != nil {
		t.Fatal(err)
	}
	return out
}

func lastHistoryID(t testing.TB, s *Store) uint {
	t.Helper()
	var h History
	if err := s.db.Order("id DESC").Limit(1).Find(&h).Error; err != nil {
		t.Fatal(err)
	}
	return h.ID
}

func TestUndoImportOfAPlanRemovesExactlyWhatItCreated(t *testing.T) {
	f := newFixture(t)
	pay := f.product("Payments")
	f.release(pay, "2.4.0", NewDate(2026, 7, 1))
	f.product("Empty") // a product with no release: the import must not take it for its own
	before := planState(t, f.s)
	mark := lastHistoryID(t, f.s)

	ctx, rec := RecordImport(f.ctx)
	created, err := f.s.ImportPlan(ctx, []PlanRow{planRow(2, "payments", "3.0.0"), planRow(3, "Ledger", "1.0.0"),
		planRow(4, "LEDGER", "1.1.0"), planRow(5, "empty", "0.1.0")})
	if err != nil {
		t.Fatal(err)
	}
	if len(created) != 4 || rec.Created(EntityRelease) != 4 || rec.Created(EntityProduct) != 1 || rec.Updated() != 0 {
		t.Fatalf("recorded %d releases, %d products, %d updates; want 4, 1 (Ledger), 0", rec.Created(EntityRelease),
			rec.Created(EntityProduct), rec.Updated())
	}
	if got, want := rec.Summary(), "4 releases and 1 product created"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	imported := lastHistoryID(t, f.s)

	if err := f.s.UndoImport(f.ctx, rec); err != nil {
		t.Fatal(err)
	}
	if after := planState(t, f.s); after != before {
		t.Fatalf("after the undo the database holds\n%s\nwant what it held before the import\n%s", after, before)
	}
	undo := historyAfter(t, f.s, imported)
	removed := map[string]int{}
	for _, h := range undo {
		if h.Action != ActionUndo || h.NewValue != "" {
			t.Fatalf("undo wrote %+v, want undo rows with the old values", h)
		}
		if h.Field == "" || h.Field == "Version" || h.Field == "Name" {
			removed[h.Entity]++
		}
	}
	if removed[EntityRelease] != 4 || removed[EntityProduct] != 1 {
		t.Errorf("the undo's history removes %v, want 4 releases and 1 product", removed)
	}
	if n := len(historyAfter(t, f.s, mark)); n <= len(undo) {
		t.Errorf("the import's own history went: %d rows after the mark", n)
	}
	if err := f.s.UndoImport(f.ctx, rec); !errors.Is(err, ErrChangedSince) {
		t.Errorf("undoing twice: %v, want ErrChangedSince", err)
	}
}

func TestUndoImportOfJiraPutsUpdatedAndMovedItemsBack(t *testing.T) {
	f := newFixture(t)
	pay := f.product("Payments")
	f.product("LED")
	r240 := f.release(pay, "2.4.0", NewDate(2026, 7, 1))
	f.release(pay, "2.6.0", NewDate(2026, 10, 1))
	if _, err := f.s.ImportJira(f.ctx, jiraSprint(), JiraOptions{}); err != nil {
		t.Fatal(err)
	}
	items, _ := f.s.WorkItems(f.ctx, r240.ID, WorkItemFilter{})
	story := items[0]
	story.CustomerFacing, story.Notes = false, "Announce with the bank"
	if err := f.s.SaveWorkItem(f.ctx, &story); err != nil {
		t.Fatal(err)
	}
	before := planState(t, f.s)

	again := jiraSprint()
	again[0].Summary = "Pay by instant bank transfer" // updated
	again[1].FixVersions = []string{"2.6.0"}          // moved out of 2.4.0 and 2.3.5
	again[2].FixVersions = []string{"2.7.0"}          // moved into a release the import makes
	again = append(again, JiraIssue{Row: 7, Key: "PAY-110", Summary: "Apple Pay", IssueType: "Story", Status: "To Do",
		ProjectName: "Payments", FixVersions: []string{"2.4.0"}}, JiraIssue{Row: 8, Key: "FLT-1", Summary: "Routes",
		IssueType: "Story", ProjectName: "Fleet", FixVersions: []string{"1.0.0"}})
	ctx, rec := RecordImport(f.ctx)
	res, err := f.s.ImportJira(ctx, again, JiraOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 2 || res.Updated+res.Moved != rec.Updated() || rec.Created(EntityWorkItem) != 2 ||
		rec.Created(EntityRelease) != 2 || rec.Created(EntityProduct) != 1 {
		t.Fatalf("import %+v; recorded %s", res, rec.Summary())
	}
	if planState(t, f.s) == before {
		t.Fatal("the re-import changed nothing")
	}

	if err := f.s.UndoImport(f.ctx, rec); err != nil {
		t.Fatal(err)
	}
	if after := planState(t, f.s); after != before {
		t.Fatalf("after the undo:\n%s\nwant:\n%s", after, before)
	}
	got, _ := f.s.WorkItem(f.ctx, story.ID)
	if got.Summary != "Pay by bank transfer" || got.Notes != "Announce with the bank" {
		t.Errorf("story after the undo %+v", got)
	}
	hist, err := f.s.HistoryOf(f.ctx, EntityWorkItem, story.ID)
	if err != nil || hist[0].Action != ActionUndo || hist[0].Field != "Summary" || hist[0].NewValue != "Pay by bank transfer" {
		t.Errorf("the story's newest history %+v (%v), want the undo of its summary", hist[0], err)
	}
}

func TestUndoImportOfJiraVersions(t *testing.T) {
	f := newFixture(t)
	f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	before := planState(t, f.s)
	ctx, rec := RecordImport(f.ctx)
	created, err := f.s.ImportJiraVersions(ctx, []JiraVersion{
		{Row: 2, Project: "Payments", Name: "2.4.0", Release: NewDate(2026, 7, 1), State: JiraUnreleased},
		{Row: 3, Project: "Payments", Name: "2.5.0", Release: NewDate(2026, 8, 1), State: JiraUnreleased},
		{Row: 4, Project: "Ledger", Name: "1.0.0", Release: NewDate(2026, 5, 1), State: JiraReleased},
	})
	if err != nil || len(created) != 2 {
		t.Fatalf("import: %d created, %v", len(created), err)
	}
	if err := f.s.UndoImport(f.ctx, rec); err != nil {
		t.Fatal(err)
	}
	if after := planState(t, f.s); after != before {
		t.Fatalf("after the undo:\n%s\nwant:\n%s", after, before)
	}
}

func TestUndoImportRefusesWhatChangedSince(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, f *fixture, made map[string]Release)
		want   string
	}{
		{"a created release edited", func(t *testing.T, f *fixture, made map[string]Release) {
			r := made["Ledger 1.0.0"]
			r.Title = "Ledger goes live"
			if err := f.s.SaveRelease(f.ctx, &r); err != nil {
				t.Fatal(err)
			}
		}, "Ledger 1.0.0 was changed after it"},
		{"a deployment planned on a created release", func(t *testing.T, f *fixture, made map[string]Release) {
			e := f.env("Production", KindProduction)
			d := Deployment{ReleaseID: made["Payments 3.0.0"].ID, EnvironmentID: e.ID, Build: "3.0.0",
				PlannedStart: time.Date(2026, 9, 10, 9, 0, 0, 0, time.UTC), PlannedEnd: time.Date(2026, 9, 10, 10, 0, 0, 0, time.UTC)}
			if err := f.s.SaveDeployment(f.ctx, &d); err != nil {
				t.Fatal(err)
			}
		}, "a deployment of Payments 3.0.0 was added after it"},
		{"a work item added to a created release", func(t *testing.T, f *fixture, made map[string]Release) {
			f.scopeItem(made["Ledger 1.0.0"], "LED-1", WorkFeature, WorkOpen)
		}, "a work item of Ledger 1.0.0 was added after it"},
		{"a release now requires a created one", func(t *testing.T, f *fixture, made map[string]Release) {
			f.env("Production", KindProduction)
			d := Dependency{ReleaseID: made["old"].ID, RequiresID: made["Ledger 1.0.0"].ID}
			if err := f.s.SaveDependency(f.ctx, &d); err != nil {
				t.Fatal(err)
			}
		}, "Payments 2.4.0 now requires Ledger 1.0.0, which the import created"},
		{"a release added to a created product", func(t *testing.T, f *fixture, made map[string]Release) {
			var ledger Product
			if err := f.s.db.Where("name = ?", "Ledger").Take(&ledger).Error; err != nil {
				t.Fatal(err)
			}
			f.release(ledger, "1.2.0", NewDate(2026, 11, 1))
		}, "Ledger 1.2.0 was added to a product the import created"},
		{"a created product renamed", func(t *testing.T, f *fixture, made map[string]Release) {
			var ledger Product
			if err := f.s.db.Where("name = ?", "Ledger").Take(&ledger).Error; err != nil {
				t.Fatal(err)
			}
			ledger.Name = "General Ledger"
			if err := f.s.SaveProduct(f.ctx, &ledger); err != nil {
				t.Fatal(err)
			}
		}, "product General Ledger was changed after it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			made := map[string]Release{"old": f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))}
			ctx, rec := RecordImport(f.ctx)
			created, err := f.s.ImportPlan(ctx, []PlanRow{planRow(2, "Payments", "3.0.0"), planRow(3, "Ledger", "1.0.0")})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range created {
				made[r.Name()] = r
			}
			tt.change(t, f, made)
			changed := planState(t, f.s)
			err = f.s.UndoImport(f.ctx, rec)
			if !errors.Is(err, ErrChangedSince) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("undo: %v, want ErrChangedSince saying %q", err, tt.want)
			}
			if after := planState(t, f.s); after != changed {
				t.Errorf("a refused undo changed the database:\n%s\nwas:\n%s", after, changed)
			}
		})
	}
}

func TestUndoImportOfAnUnchangedReimportDoesNothing(t *testing.T) {
	f := newFixture(t)
	f.release(f.product("Payments"), "2.4.0", NewDate(2026, 7, 1))
	issues := jiraSprint()[:2]
	issues[1].FixVersions = []string{"2.4.0"}
	if _, err := f.s.ImportJira(f.ctx, issues, JiraOptions{}); err != nil {
		t.Fatal(err)
	}
	before, mark := planState(t, f.s), lastHistoryID(t, f.s)
	ctx, rec := RecordImport(f.ctx)
	res, err := f.s.ImportJira(ctx, issues, JiraOptions{})
	if err != nil || res.Unchanged != 2 {
		t.Fatalf("re-import %+v, %v", res, err)
	}
	if !rec.Empty() || rec.Summary() != "nothing changed" {
		t.Fatalf("recorded %q for an import that changed nothing", rec.Summary())
	}
	if err := f.s.UndoImport(f.ctx, rec); err != nil {
		t.Fatal(err)
	}
	if planState(t, f.s) != before || lastHistoryID(t, f.s) != mark {
		t.Error("undoing an import that changed nothing changed something")
	}
}

// BenchmarkUndoImport measures taking back a plan import of ten thousand
// releases (with their history), the import itself made outside the timer.
func BenchmarkUndoImport(b *testing.B) {
	rows := make([]PlanRow, 10_000)
	for i := range rows {
		rows[i] = planRow(i+2, fmt.Sprintf("Product %02d", i%20), fmt.Sprintf("%d.%d.0", i/100+1, i%100))
	}
	for b.Loop() {
		b.StopTimer()
		s := newTestStore(b)
		ctx, rec := RecordImport(context.Background())
		if _, err := s.ImportPlan(ctx, rows); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := s.UndoImport(context.Background(), rec); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(rows)), "releases")
}
