package data

import (
	"testing"
	"time"
	_ "time/tzdata" // the zones of TestFindingTimesNameTheirZone on any machine

	"gorm.io/gorm/clause"
)

// rulesWorld is a small release plan for the rule tests: two products, a
// promotion path Dev -> QA -> Staging -> Production, and raw row builders.
type rulesWorld struct {
	*fixture
	pay, bill             Product
	dev, qa, stage, prod  Environment
	payRel, billRel       Release
	ann, bob, carol, dave Stakeholder
}

func newRulesWorld(t testing.TB) *rulesWorld {
	t.Helper()
	w := &rulesWorld{fixture: newFixture(t)}
	w.pay, w.bill = w.product("Payments"), w.product("Billing")
	w.dev, w.qa = w.env("Dev", KindDevelopment), w.env("QA", KindTest)
	w.stage, w.prod = w.env("Staging", KindStaging), w.env("Production", KindProduction)
	w.payRel = w.release(w.pay, "2.4.0", NewDate(2026, 6, 20))
	w.billRel = w.release(w.bill, "1.2.0", NewDate(2026, 6, 20))
	w.ann, w.bob = w.rulesPerson("Ann Lee"), w.rulesPerson("Bob Stone")
	w.carol, w.dave = w.rulesPerson("Carol Diaz"), w.rulesPerson("Dave Kim")
	return w
}

// rulesAt is an instant in June 2026, UTC.
func rulesAt(day, hour, minute int) time.Time {
	return time.Date(2026, 6, day, hour, minute, 0, 0, time.UTC)
}

func rulesPtr(t time.Time) *time.Time { return &t }

// rulesInsert writes a row as it is, without the store's rules, so a test
// can build any state, including ones the editor would refuse.
func (w *rulesWorld) rulesInsert(v any) {
	w.t.Helper()
	if err := w.s.db.Omit(clause.Associations).Create(v).Error; err != nil {
		w.t.Fatalf("insert %T: %v", v, err)
	}
}

func (w *rulesWorld) rulesPerson(name string) Stakeholder {
	st := Stakeholder{Name: name}
	w.rulesInsert(&st)
	return st
}

// rulesDeploy adds a deployment occupying [start, end): planned when the
// outcome is planned, actual too once started (a running one has no end).
func (w *rulesWorld) rulesDeploy(r Release, e Environment, o Outcome, start, end time.Time) Deployment {
	d := Deployment{ReleaseID: r.ID, EnvironmentID: e.ID, Build: r.Version + "-b1", PlannedStart: start, PlannedEnd: end, Outcome: o}
	if o != OutcomePlanned {
		d.ActualStart = rulesPtr(start)
	}
	if o.Finished() {
		d.ActualEnd = rulesPtr(end)
	}
	w.rulesInsert(&d)
	return d
}

func (w *rulesWorld) rulesFreeze(name string, start, end time.Time, envs ...Environment) FreezeWindow {
	fw := FreezeWindow{Name: name, Start: start, End: end, AllEnvironments: len(envs) == 0, Reason: "test"}
	w.rulesInsert(&fw)
	for _, e := range envs {
		if err := w.s.db.Exec("INSERT INTO freeze_window_environments (freeze_window_id, environment_id) VALUES (?, ?)", fw.ID, e.ID).Error; err != nil {
			w.t.Fatalf("freeze environment: %v", err)
		}
	}
	return fw
}

func (w *rulesWorld) rulesSetRelease(r *Release, fields map[string]any) {
	w.t.Helper()
	if err := w.s.db.Model(&Release{ID: r.ID}).Updates(fields).Error; err != nil {
		w.t.Fatalf("update release: %v", err)
	}
	if err := w.s.db.First(r, r.ID).Error; err != nil {
		w.t.Fatal(err)
	}
}

func (w *rulesWorld) rulesConflicts(from, to time.Time) []Finding {
	w.t.Helper()
	got, err := w.s.ConflictsIn(w.ctx, from, to)
	if err != nil {
		w.t.Fatalf("ConflictsIn: %v", err)
	}
	return got
}

// rulesKinds lists the kinds of findings, in order, for compact assertions.
func rulesKinds(fs []Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Kind
	}
	return out
}

// rulesShown is how a finding writes t: the ISO day, the clock and the zone.
func rulesShown(t time.Time) string {
	local := t.In(time.Local)
	return local.Format("2006-01-02 15:04") + " " + ZoneName(local)
}

// TestFindingTimesNameTheirZone pins how findings write instants, which
// check prints for automation: ISO day, 24-hour clock, then the zone.
func TestFindingTimesNameTheirZone(t *testing.T) {
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	berlin, saoPaulo := zone("Europe/Berlin"), zone("America/Sao_Paulo")
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, berlin) }
	tests := []struct{ name, got, want string }{
		{"an instant", showTime(at(12, 4, 16, 5)), "2026-12-04 16:05 CET"},
		{"summer time", showTime(at(6, 4, 16, 5)), "2026-06-04 16:05 CEST"},
		{"a window within a day", showSpan(at(12, 4, 16, 5), at(12, 4, 16, 30)), "2026-12-04 16:05–16:30 CET"},
		{"a window over two days", showSpan(at(12, 4, 22, 0), at(12, 5, 2, 0)), "2026-12-04 22:00 – 2026-12-05 02:00 CET"},
		{"a window over a change of zone", showSpan(at(3, 28, 22, 0), at(3, 29, 4, 0)), "2026-03-28 22:00 CET – 2026-03-29 04:00 CEST"},
		{"a zone without a name", ZoneName(time.Date(2026, 12, 4, 9, 0, 0, 0, saoPaulo)), "UTC-03:00"},
		{"UTC", ZoneName(time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)), "UTC"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestWhatRunsWhere(t *testing.T) {
	w := newRulesWorld(t)
	old := w.payRel
	newer := w.release(w.pay, "2.5.0", NewDate(2026, 7, 1))
	newest := w.release(w.pay, "2.6.0", NewDate(2026, 8, 1))
	// Production: 2.4.0 succeeded, 2.5.0 succeeded later and was then rolled
	// back, 2.6.0 failed: 2.4.0 still runs there.
	w.rulesDeploy(old, w.prod, OutcomeSucceeded, rulesAt(1, 10, 0), rulesAt(1, 11, 0))
	w.rulesDeploy(newer, w.prod, OutcomeRolledBack, rulesAt(3, 10, 0), rulesAt(3, 11, 0))
	w.rulesDeploy(newest, w.prod, OutcomeFailed, rulesAt(4, 10, 0), rulesAt(4, 11, 0))
	// QA: 2.6.0 started first but finished last, so it is what runs.
	want26 := w.rulesDeploy(newest, w.qa, OutcomeSucceeded, rulesAt(2, 9, 0), rulesAt(2, 18, 0))
	w.rulesDeploy(newer, w.qa, OutcomeSucceeded, rulesAt(2, 10, 0), rulesAt(2, 11, 0))
	// Staging: two successes ending at one instant; the later record wins.
	w.rulesDeploy(old, w.stage, OutcomeSucceeded, rulesAt(2, 10, 0), rulesAt(2, 12, 0))
	tie := w.rulesDeploy(newer, w.stage, OutcomeSucceeded, rulesAt(2, 11, 0), rulesAt(2, 12, 0))
	// Planned and running deployments do not count.
	w.rulesDeploy(newest, w.stage, OutcomePlanned, rulesAt(9, 10, 0), rulesAt(9, 11, 0))
	w.rulesDeploy(newest, w.dev, OutcomeInProgress, rulesAt(9, 10, 0), rulesAt(9, 11, 0))
	// Billing runs on production on its own.
	w.rulesDeploy(w.billRel, w.prod, OutcomeSucceeded, rulesAt(5, 10, 0), rulesAt(5, 11, 0))

	got, err := w.s.WhatRunsWhere(w.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Environments) != 4 || got.Environments[0].ID != w.dev.ID || got.Environments[3].ID != w.prod.ID {
		t.Errorf("environments %v, want the promotion path", got.Environments)
	}
	if len(got.Products) != 2 || got.Products[0].Name != "Billing" {
		t.Errorf("products %v, want Billing then Payments", got.Products)
	}
	tests := []struct {
		name    string
		env     Environment
		product Product
		version string // "" when nothing runs
		check   func(t *testing.T, v RunningVersion)
	}{
		{"rollback and failure leave the older version", w.prod, w.pay, "2.4.0", nil},
		{"by actual end, not start", w.qa, w.pay, "2.6.0", func(t *testing.T, v RunningVersion) {
			if v.DeploymentID != want26.ID || v.Build != "2.6.0-b1" || !v.DeployedAt.Equal(rulesAt(2, 18, 0)) {
				t.Errorf("cell %+v, want deployment %d built 2.6.0-b1 at its end", v, want26.ID)
			}
		}},
		{"tie goes to the later record", w.stage, w.pay, "2.5.0", func(t *testing.T, v RunningVersion) {
			if v.DeploymentID != tie.ID {
				t.Errorf("cell %+v, want deployment %d", v, tie.ID)
			}
		}},
		{"only running there", w.dev, w.pay, "", nil},
		{"other product on its own", w.prod, w.bill, "1.2.0", nil},
		{"never deployed", w.qa, w.bill, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, ok := got.Cell(tt.env.ID, tt.product.ID)
			if ok != (tt.version != "") || v.Version != tt.version {
				t.Fatalf("cell = %+v, %v; want version %q", v, ok, tt.version)
			}
			if ok && v.ReleaseID == 0 {
				t.Errorf("cell %+v has no release", v)
			}
			if tt.check != nil {
				tt.check(t, v)
			}
		})
	}
	if len(got.Cells) != 4 {
		t.Errorf("got %d cells, want 4: %v", len(got.Cells), got.Cells)
	}
}

func TestWhatRunsWhereOnAnEmptyPlan(t *testing.T) {
	s := newTestStore(t)
	got, err := s.WhatRunsWhere(t.Context())
	if err != nil || len(got.Cells) != 0 || len(got.Environments) != 0 || got.Cells == nil {
		t.Errorf("empty plan: %+v, %v", got, err)
	}
}

func TestParseInstant(t *testing.T) {
	want := func(s string) time.Time {
		v, err := time.Parse("2006-01-02 15:04:05.999999999-07:00", s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		in   any
		want time.Time
		ok   bool
	}{
		{"2026-06-15 09:30:00+00:00", want("2026-06-15 09:30:00+00:00"), true},
		{"2026-06-15 09:30:00.5+00:00", want("2026-06-15 09:30:00.5+00:00"), true},
		{"2026-06-15 09:30:00.123456789-07:00", want("2026-06-15 09:30:00.123456789-07:00"), true},
		{"2026-06-15 23:30:00+02:30", want("2026-06-15 23:30:00+02:30"), true},
		{[]byte("2026-06-15 09:30:00Z"), want("2026-06-15 09:30:00+00:00"), true},
		{"2026-06-15T09:30:00Z", want("2026-06-15 09:30:00+00:00"), true},
		{"2026-06-15 09:30:00", want("2026-06-15 09:30:00+00:00"), true},
		{time.Date(2026, 6, 15, 9, 30, 0, 0, time.UTC), want("2026-06-15 09:30:00+00:00"), true},
		{"2026-13-15 09:30:00+00:00", time.Time{}, false},
		{"2026-02-29 09:30:00+00:00", time.Time{}, false},
		{"2026-06-15 09:3x:00+00:00", time.Time{}, false},
		{"2026-06-15 09:30:00 +00:00", time.Time{}, false},
		{"yesterday", time.Time{}, false},
		{42, time.Time{}, false},
	}
	for _, tt := range tests {
		got, err := parseInstant(tt.in)
		if (err == nil) != tt.ok || !got.Equal(tt.want) {
			t.Errorf("parseInstant(%v) = %v, %v; want %v (ok %v)", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func FuzzParseInstantText(f *testing.F) {
	f.Add("2026-06-15 09:30:00.5+02:00")
	f.Add("2026-06-15T09:30:00Z")
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := parseInstantText(s)
		if !ok {
			return
		}
		// Whatever the hand parser accepts, time.Parse accepts and reads the same way.
		// "+02" is how PostgreSQL writes a whole-hour offset: time.Parse reads it as Z07.
		for _, layout := range []string{"2006-01-02 15:04:05.999999999Z07:00", "2006-01-02T15:04:05.999999999Z07:00",
			"2006-01-02 15:04:05.999999999Z07", "2006-01-02T15:04:05.999999999Z07",
			"2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999"} {
			if want, err := time.Parse(layout, s); err == nil {
				if !got.Equal(want) {
					t.Fatalf("%q: hand %v, time.Parse %v", s, got, want)
				}
				return
			}
		}
		t.Fatalf("%q: read as %v by hand, refused by time.Parse", s, got)
	})
}
