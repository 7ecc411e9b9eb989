package data

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"releasedesk/data/pgtest"
)

// planDump renders every row of every table through the models, instants
// in UTC, so that a plan on a file and the same plan on a server compare
// equal however each engine hands its values back.
func planDump(t testing.TB, s *Store) string {
	t.Helper()
	var b strings.Builder
	dump := func(table string, rows any) {
		v := reflect.ValueOf(rows).Elem()
		for i := range v.Len() {
			inUTC(v.Index(i))
			fmt.Fprintf(&b, "%s %s\n", table, rowText(v.Index(i)))
		}
	}
	for _, d := range []struct {
		table string
		rows  any
	}{
		{"database_identity", &[]v4DatabaseIdentity{}}, {"products", &[]Product{}}, {"environments", &[]Environment{}},
		{"stakeholders", &[]Stakeholder{}}, {"releases", &[]Release{}}, {"deployments", &[]Deployment{}},
		{"rollbacks", &[]Rollback{}}, {"release_stakeholders", &[]ReleaseStakeholder{}}, {"checklist_items", &[]ChecklistItem{}},
		{"test_runs", &[]TestRun{}}, {"freeze_windows", &[]FreezeWindow{}}, {"go_decisions", &[]GoDecision{}},
		{"reviews", &[]Review{}}, {"action_items", &[]ActionItem{}}, {"work_items", &[]WorkItem{}},
		{"dependencies", &[]Dependency{}}, {"replans", &[]Replan{}}, {"history", &[]History{}},
	} {
		if err := s.db.Order("id").Find(d.rows).Error; err != nil {
			t.Fatalf("dump %s: %v", d.table, err)
		}
		dump(d.table, d.rows)
	}
	var links []struct{ FreezeWindowID, EnvironmentID uint }
	if err := s.db.Table("freeze_window_environments").Order("freeze_window_id, environment_id").Find(&links).Error; err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "links %v\n", links)
	return b.String()
}

// rowText prints the fields of a row, pointers followed.
func rowText(v reflect.Value) string {
	var parts []string
	for i := range v.NumField() {
		f := v.Field(i)
		if !v.Type().Field(i).IsExported() {
			continue
		}
		if f.Kind() == reflect.Pointer {
			if f.IsNil() {
				parts = append(parts, v.Type().Field(i).Name+":nil")
				continue
			}
			f = f.Elem()
		}
		parts = append(parts, fmt.Sprintf("%s:%+v", v.Type().Field(i).Name, f.Interface()))
	}
	return strings.Join(parts, " ")
}

// inUTC sets every instant in v (a struct, with pointers and nested
// structs) to UTC, to the microsecond: PostgreSQL keeps no finer time.
func inUTC(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			inUTC(v.Elem())
		}
	case reflect.Struct:
		if t, ok := v.Interface().(time.Time); ok {
			if v.CanSet() {
				v.Set(reflect.ValueOf(t.UTC().Truncate(time.Microsecond)))
			}
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				inUTC(v.Field(i))
			}
		}
	}
}

// copyTargets are where a copy of a plan on the suite's engine goes: a new
// file and, when there is a server, a new empty database on it.
func copyTargets(t *testing.T) map[string]string {
	targets := map[string]string{"file": filepath.Join(t.TempDir(), "copy.db")}
	if pgtest.Shared() != nil {
		targets["server"] = pgtest.EmptyDatabase(t)
	}
	return targets
}

// TestCopyKeepsThePlan copies a demo plan from a file and from a server to
// a new file and to a server database and finds every row there, ids and
// all; the server's sequences go on after the copied ids.
func TestCopyKeepsThePlan(t *testing.T) {
	engines := []string{pgtest.SQLite}
	if pgtest.Shared() != nil {
		engines = append(engines, pgtest.Postgres)
	}
	for _, from := range engines {
		src := newStoreOn(t, from)
		if _, err := GenerateDemo(context.Background(), src, DemoOptions{Releases: 25, Seed: 3, Today: NewDate(2026, 6, 15)}); err != nil {
			t.Fatal(err)
		}
		location := src.path
		if src.server != nil {
			location = src.server.location
		}
		for kind, target := range copyTargets(t) {
			t.Run(from+" to "+kind, func(t *testing.T) { testCopy(t, src, location, target) })
		}
	}
}

func testCopy(t *testing.T, src *Store, location, target string) {
	want := planDump(t, src)
	report, err := Copy(context.Background(), location, target, nil)
	if err != nil {
		t.Fatal(err)
	}
	if report.Total() == 0 || len(report.Tables) != len(copyTables) {
		t.Fatalf("report %+v", report)
	}
	dst := openTestStore(t, target)
	if got := planDump(t, dst); got != want {
		t.Fatalf("the copy differs:\n%s", firstDifference(want, got))
	}
	p := Product{Name: "Added after the copy"}
	if err := dst.SaveProduct(context.Background(), &p); err != nil {
		t.Fatalf("a new record after the copy: %v", err)
	}
	if _, err := Copy(context.Background(), location, target, nil); !errors.Is(err, ErrTargetNotEmpty) {
		t.Fatalf("a second copy onto the plan: %v, want ErrTargetNotEmpty", err)
	}
}

// TestCopyAllOrNothing has a copy fail part way (the context ends once the
// target's transaction is under way) and finds nothing left at the target.
func TestCopyAllOrNothing(t *testing.T) {
	src, _ := demoGenerate(t, DemoOptions{Releases: 25, Seed: 4, Today: NewDate(2026, 6, 15)})
	location := src.path
	if src.server != nil {
		location = src.server.location
	}
	for kind, target := range copyTargets(t) {
		t.Run(kind, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			// Stop the copy when most of the plan is written.
			stopped := false
			_, err := Copy(ctx, location, target, func(done, total int64) {
				if done > total/2 && !stopped {
					stopped = true
					cancel()
				}
			})
			if !stopped || !errors.Is(err, context.Canceled) {
				t.Fatalf("a copy stopped part way: stopped %v, %v", stopped, err)
			}
			if kind == "file" {
				entries, _ := os.ReadDir(filepath.Dir(target))
				if len(entries) != 0 {
					t.Fatalf("a failed copy left %v", entries)
				}
				return
			}
			dst := openTestStore(t, target)
			if err := requireEmptyPlan(dst.db, dst.path); err != nil {
				t.Fatalf("a failed copy left rows: %v", err)
			}
		})
	}
}

func TestCopyRefusesAPlan(t *testing.T) {
	f := newFixture(t)
	f.product("Payments")
	target := newTestStore(t)
	target.SaveProduct(context.Background(), &Product{Name: "Already here"})
	before := planDump(t, target)
	from, to := f.s.path, target.path
	if f.s.server != nil {
		from, to = f.s.server.location, target.server.location
	}
	if _, err := Copy(context.Background(), from, to, nil); !errors.Is(err, ErrTargetNotEmpty) {
		t.Fatalf("copy onto a plan: %v", err)
	}
	if _, err := Copy(context.Background(), from, from, nil); err == nil || !strings.Contains(err.Error(), "onto itself") {
		t.Fatalf("copy onto itself: %v", err)
	}
	if after := planDump(t, target); after != before {
		t.Fatal("a refused copy changed the target")
	}
}

// firstDifference shows the first line where two dumps part.
func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range min(len(w), len(g)) {
		if w[i] != g[i] {
			return "want " + w[i] + "\n got " + g[i]
		}
	}
	return fmt.Sprintf("want %d lines, got %d", len(w), len(g))
}
