package data

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm/clause"
)

// integrityBase writes a small demo database once per test and returns its path.
func integrityBase(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "base.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := GenerateDemo(context.Background(), s, DemoOptions{Releases: 16, Seed: 4, Today: demoTestDay}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// integrityCopy opens a private copy of the base database.
func integrityCopy(t *testing.T, base string) *Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "copy.db")
	in, err := os.Open(base)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	out.Close()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// integrityFirst loads the first row of model matching where, by id.
func integrityFirst(t *testing.T, s *Store, dest any, where string, args ...any) {
	t.Helper()
	if err := s.db.Where(where, args...).Order("id").First(dest).Error; err != nil {
		t.Fatalf("find %T where %s: %v", dest, where, err)
	}
}

// integrityExec changes stored data behind the store's rules, as a hand edit would.
func integrityExec(t *testing.T, s *Store, sql string, args ...any) {
	t.Helper()
	if err := s.db.Exec(sql, args...).Error; err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func integrityName(t *testing.T, s *Store, releaseID uint) string {
	t.Helper()
	r, err := s.Release(context.Background(), releaseID)
	if err != nil {
		t.Fatal(err)
	}
	return r.Name()
}

func TestIntegrityFindings(t *testing.T) {
	base := integrityBase(t)
	tests := []struct {
		name    string
		corrupt func(t *testing.T, s *Store) []string // returns the expected messages' fragments, in order
	}{
		{"clean demo data", func(*testing.T, *Store) []string { return nil }},
		{"code freeze after release", func(t *testing.T, s *Store) []string {
			var r Release
			integrityFirst(t, s, &r, "status = ?", StatusPlanned)
			integrityExec(t, s, "UPDATE releases SET code_freeze = ? WHERE id = ?", r.PlannedRelease.AddDays(3), r.ID)
			return []string{integrityName(t, s, r.ID) + " has its code freeze (" + r.PlannedRelease.AddDays(3).String() + ") after its planned release date"}
		}},
		{"released without a date", func(t *testing.T, s *Store) []string {
			var r Release
			integrityFirst(t, s, &r, "status = ?", StatusReleased)
			integrityExec(t, s, "UPDATE releases SET actual_release = NULL WHERE id = ?", r.ID)
			return []string{integrityName(t, s, r.ID) + " is released but has no actual release date"}
		}},
		{"unknown status", func(t *testing.T, s *Store) []string {
			integrityExec(t, s, "UPDATE releases SET status = 'shipped' WHERE id = 2")
			return []string{integrityName(t, s, 2) + ` has an unknown status "shipped"`}
		}},
		{"planned end before start", func(t *testing.T, s *Store) []string {
			var d Deployment
			integrityFirst(t, s, &d, "outcome = ?", OutcomePlanned)
			integrityExec(t, s, "UPDATE deployments SET planned_end = ? WHERE id = ?", d.PlannedStart.Add(-time.Hour), d.ID)
			return []string{"deployment #", "is planned to end (" + integrityTime(d.PlannedStart.Add(-time.Hour)) + ") before it starts"}
		}},
		{"finished without times", func(t *testing.T, s *Store) []string {
			var d Deployment
			integrityFirst(t, s, &d, "outcome = ?", OutcomeSucceeded)
			integrityExec(t, s, "UPDATE deployments SET actual_end = NULL WHERE id = ?", d.ID)
			return []string{integrityName(t, s, d.ReleaseID) + " deployment #", "is marked succeeded but lacks its actual start or end"}
		}},
		{"running without a start", func(t *testing.T, s *Store) []string {
			var d Deployment
			integrityFirst(t, s, &d, "outcome = ?", OutcomePlanned)
			integrityExec(t, s, "UPDATE deployments SET outcome = ? WHERE id = ?", OutcomeInProgress, d.ID)
			return []string{"is in progress but has no actual start"}
		}},
		{"actual end before start", func(t *testing.T, s *Store) []string {
			var d Deployment
			integrityFirst(t, s, &d, "outcome = ?", OutcomeSucceeded)
			integrityExec(t, s, "UPDATE deployments SET actual_end = ? WHERE id = ?", d.ActualStart.Add(-time.Minute), d.ID)
			return []string{"actually ended (" + integrityTime(d.ActualStart.Add(-time.Minute)) + ") before it started"}
		}},
		{"rolled back without a record", func(t *testing.T, s *Store) []string {
			var d Deployment
			integrityFirst(t, s, &d, "outcome = ?", OutcomeSucceeded)
			integrityExec(t, s, "UPDATE deployments SET outcome = ? WHERE id = ?", OutcomeRolledBack, d.ID)
			return []string{"is marked rolled back but has no rollback record"}
		}},
		{"rollback of a deployment that never started", func(t *testing.T, s *Store) []string {
			var d Deployment
			integrityFirst(t, s, &d, "outcome = ?", OutcomePlanned)
			rb := Rollback{DeploymentID: d.ID, StartedAt: d.PlannedStart, Reason: "test"}
			if err := s.db.Omit(clause.Associations).Create(&rb).Error; err != nil {
				t.Fatal(err)
			}
			return []string{"has a rollback but never started", "has a rollback but is marked planned"}
		}},
		{"rollback before its deployment", func(t *testing.T, s *Store) []string {
			var d Deployment
			integrityFirst(t, s, &d, "outcome = ?", OutcomeSucceeded)
			rb := Rollback{DeploymentID: d.ID, StartedAt: d.ActualStart.Add(-time.Hour), Reason: "test"}
			if err := s.db.Omit(clause.Associations).Create(&rb).Error; err != nil {
				t.Fatal(err)
			}
			return []string{"has a rollback starting (" + integrityTime(rb.StartedAt) + ") before the deployment did", "has a rollback but is marked succeeded"}
		}},
		{"two accountable people", func(t *testing.T, s *Store) []string {
			var rs ReleaseStakeholder
			integrityFirst(t, s, &rs, "role = ?", RoleResponsible)
			integrityExec(t, s, "UPDATE release_stakeholders SET role = ? WHERE id = ?", RoleAccountable, rs.ID)
			return []string{integrityName(t, s, rs.ReleaseID) + " has 2 Accountable people"}
		}},
		{"unknown RACI role", func(t *testing.T, s *Store) []string {
			var rs ReleaseStakeholder
			integrityFirst(t, s, &rs, "role = ?", RoleInformed)
			integrityExec(t, s, "UPDATE release_stakeholders SET role = 'X' WHERE id = ?", rs.ID)
			return []string{integrityName(t, s, rs.ReleaseID) + " stakeholder assignment #", `has an unknown RACI role "X"`}
		}},
		{"invalid email", func(t *testing.T, s *Store) []string {
			integrityExec(t, s, "UPDATE stakeholders SET email = 'amara at example' WHERE id = 1")
			return []string{`Stakeholder Amara Okafor has an invalid email "amara at example"`}
		}},
		{"negative test count", func(t *testing.T, s *Store) []string {
			var tr TestRun
			integrityFirst(t, s, &tr, "1 = 1")
			integrityExec(t, s, "UPDATE test_runs SET skipped = -1 WHERE id = ?", tr.ID)
			return []string{"test run #", "has a negative count"}
		}},
		{"freeze ending before it starts", func(t *testing.T, s *Store) []string {
			var fw FreezeWindow
			integrityFirst(t, s, &fw, "1 = 1")
			integrityExec(t, s, `UPDATE freeze_windows SET "end" = ? WHERE id = ?`, fw.Start.Add(-time.Hour), fw.ID)
			return []string{`Freeze window "` + fw.Name + `" ends`}
		}},
		{"two environments in one place", func(t *testing.T, s *Store) []string {
			integrityExec(t, s, "UPDATE environments SET position = 1 WHERE name = 'Payments QA'")
			return []string{"Environments Payments Dev and Payments QA share position 1 of the promotion path"}
		}},
		{"product names differing in case", func(t *testing.T, s *Store) []string {
			integrityExec(t, s, "INSERT INTO products (name, description) VALUES ('payments', '')")
			return []string{`Products "Payments" and "payments" have the same name`}
		}},
		{"dangling reference", func(t *testing.T, s *Store) []string {
			integrityExec(t, s, "PRAGMA foreign_keys = OFF")
			integrityExec(t, s, "UPDATE checklist_items SET release_id = 9999 WHERE id = 1")
			integrityExec(t, s, "PRAGMA foreign_keys = ON")
			return []string{"Row 1 of checklist_items refers to a row of releases that does not exist"}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := integrityCopy(t, base)
			want := tt.corrupt(t, s)
			findings, err := CheckIntegrity(context.Background(), s)
			if err != nil {
				t.Fatal(err)
			}
			var text []string
			for _, f := range findings {
				if f.Kind != FindingIntegrity || !strings.HasPrefix(f.String(), "integrity: ") {
					t.Fatalf("finding %+v", f)
				}
				text = append(text, f.Message)
				// Every break here is in one row, which a screen can open.
				if f.Subject.Entity == "" || f.Subject.ID == 0 {
					t.Errorf("finding %q names no record", f)
				}
			}
			all := strings.Join(text, "\n")
			if len(want) == 0 && len(findings) > 0 {
				t.Fatalf("clean data gave findings:\n%s", all)
			}
			for _, w := range want {
				if !strings.Contains(all, w) {
					t.Fatalf("findings\n%s\nlack %q", all, w)
				}
			}
			if len(findings) > 2 {
				t.Fatalf("one break gave %d findings:\n%s", len(findings), all)
			}
		})
	}
}

func TestIntegrityNamesWhatIsInvolved(t *testing.T) {
	s := integrityCopy(t, integrityBase(t))
	var d Deployment
	integrityFirst(t, s, &d, "outcome = ?", OutcomeSucceeded)
	integrityExec(t, s, "UPDATE deployments SET outcome = ? WHERE id = ?", OutcomeRolledBack, d.ID)
	findings, err := CheckIntegrity(context.Background(), s)
	if err != nil || len(findings) != 1 {
		t.Fatalf("findings %v, %v", findings, err)
	}
	var env Environment
	integrityFirst(t, s, &env, "id = ?", d.EnvironmentID)
	f := findings[0]
	if len(f.ReleaseIDs) != 1 || f.ReleaseIDs[0] != d.ReleaseID || f.EnvironmentID != d.EnvironmentID ||
		!strings.Contains(f.Message, integrityName(t, s, d.ReleaseID)) || !strings.Contains(f.Message, "to "+env.Name) {
		t.Fatalf("finding %+v for deployment %d of release %d on %s", f, d.ID, d.ReleaseID, env.Name)
	}
}
