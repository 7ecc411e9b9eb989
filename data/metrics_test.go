package data

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"
)

// rulesFigures is the part of DeliveryMetrics a metrics case states;
// cfr < 0 means "no rate".
type rulesFigures struct {
	finished, failed, rolledBack int
	perWeek, cfr                 float64
	restores                     int
	meanHours                    float64
	unrestored                   int
}

func rulesNear(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func (want rulesFigures) check(t *testing.T, got DeliveryMetrics) {
	t.Helper()
	rateOK := (want.cfr < 0 && got.ChangeFailureRate == nil) ||
		(want.cfr >= 0 && got.ChangeFailureRate != nil && rulesNear(*got.ChangeFailureRate, want.cfr))
	if got.Finished != want.finished || got.Failed != want.failed || got.RolledBack != want.rolledBack ||
		!rulesNear(got.DeploymentsPerWeek, want.perWeek) || !rateOK || got.RestoreHours.Count != want.restores ||
		!rulesNear(got.RestoreHours.Mean, want.meanHours) || got.Unrestored != want.unrestored {
		rate := "none"
		if got.ChangeFailureRate != nil {
			rate = fmt.Sprint(*got.ChangeFailureRate)
		}
		t.Errorf("got %+v (rate %s), want %+v", got, rate, want)
	}
}

func (w *rulesWorld) rulesRollback(d Deployment, started time.Time, finished *time.Time) {
	w.rulesInsert(&Rollback{DeploymentID: d.ID, StartedAt: started, FinishedAt: finished, Reason: "errors"})
}

func TestMetrics(t *testing.T) {
	june1, june15 := rulesAt(1, 0, 0), rulesAt(15, 0, 0) // two weeks
	tests := []struct {
		name  string
		build func(w *rulesWorld)
		env   func(w *rulesWorld) uint
		total rulesFigures
		check func(t *testing.T, w *rulesWorld, m Metrics)
	}{
		{"no deployments at all", func(w *rulesWorld) {}, nil, rulesFigures{cfr: -1}, func(t *testing.T, w *rulesWorld, m Metrics) {
			if len(m.Environments) != 4 || m.LeadTimeDays.Count != 0 || m.SlipDays.Count != 0 || m.Total.Environment != "All environments" {
				t.Errorf("metrics %+v", m)
			}
		}},
		{"frequency and failure rate", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.qa, OutcomeSucceeded, rulesAt(2, 10, 0), rulesAt(2, 11, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomeSucceeded, rulesAt(3, 10, 0), rulesAt(3, 11, 0))
			w.rulesDeploy(w.billRel, w.qa, OutcomeSucceeded, rulesAt(9, 10, 0), rulesAt(9, 11, 0))
			w.rulesDeploy(w.billRel, w.prod, OutcomeFailed, rulesAt(10, 10, 0), rulesAt(10, 11, 0))
			w.rulesDeploy(w.billRel, w.prod, OutcomeSucceeded, rulesAt(10, 12, 0), rulesAt(10, 13, 30))
		}, nil, rulesFigures{finished: 5, failed: 1, perWeek: 2.5, cfr: 0.2, restores: 1, meanHours: 2.5},
			func(t *testing.T, w *rulesWorld, m Metrics) {
				rulesFigures{finished: 2, perWeek: 1, cfr: 0}.check(t, m.Environments[1])
				rulesFigures{finished: 0, cfr: -1}.check(t, m.Environments[2])
				if m.Environments[3].Environment != "Production" || m.Environments[3].Finished != 3 {
					t.Errorf("production %+v", m.Environments[3])
				}
			}},
		{"period bounds", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.qa, OutcomeSucceeded, rulesAt(1, 0, 0).Add(-time.Hour), june1)
			w.rulesDeploy(w.payRel, w.stage, OutcomeSucceeded, rulesAt(14, 23, 0), june15)
			w.rulesDeploy(w.payRel, w.prod, OutcomeInProgress, rulesAt(5, 10, 0), rulesAt(5, 11, 0))
			w.rulesDeploy(w.billRel, w.prod, OutcomePlanned, rulesAt(5, 10, 0), rulesAt(5, 11, 0))
		}, nil, rulesFigures{finished: 1, perWeek: 0.5, cfr: 0}, nil},
		{"restore by the next success of the same product there", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.prod, OutcomeFailed, rulesAt(3, 9, 0), rulesAt(3, 10, 0))
			w.rulesDeploy(w.billRel, w.prod, OutcomeSucceeded, rulesAt(3, 10, 30), rulesAt(3, 11, 0))
			w.rulesDeploy(w.payRel, w.qa, OutcomeSucceeded, rulesAt(3, 11, 0), rulesAt(3, 12, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomeSucceeded, rulesAt(3, 12, 0), rulesAt(3, 13, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomeSucceeded, rulesAt(4, 12, 0), rulesAt(4, 13, 0))
		}, nil, rulesFigures{finished: 5, failed: 1, perWeek: 2.5, cfr: 0.2, restores: 1, meanHours: 3}, nil},
		{"restored after the period ends", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.prod, OutcomeFailed, rulesAt(14, 9, 0), rulesAt(14, 10, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomeSucceeded, rulesAt(16, 9, 0), rulesAt(16, 10, 0))
		}, nil, rulesFigures{finished: 1, failed: 1, perWeek: 0.5, cfr: 1, restores: 1, meanHours: 48}, nil},
		{"rollback finished", func(w *rulesWorld) {
			d := w.rulesDeploy(w.payRel, w.prod, OutcomeRolledBack, rulesAt(3, 9, 0), rulesAt(3, 10, 0))
			w.rulesRollback(d, rulesAt(3, 10, 30), rulesPtr(rulesAt(3, 11, 30)))
			w.rulesDeploy(w.payRel, w.prod, OutcomeSucceeded, rulesAt(5, 9, 0), rulesAt(5, 10, 0))
		}, nil, rulesFigures{finished: 2, rolledBack: 1, perWeek: 1, cfr: 0.5, restores: 1, meanHours: 1.5}, nil},
		{"open rollback", func(w *rulesWorld) {
			d := w.rulesDeploy(w.payRel, w.prod, OutcomeRolledBack, rulesAt(3, 9, 0), rulesAt(3, 10, 0))
			w.rulesRollback(d, rulesAt(3, 10, 30), nil)
			w.rulesDeploy(w.payRel, w.prod, OutcomeSucceeded, rulesAt(5, 9, 0), rulesAt(5, 10, 0))
		}, nil, rulesFigures{finished: 2, rolledBack: 1, perWeek: 1, cfr: 0.5, unrestored: 1}, nil},
		{"rolled back without a rollback record", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.prod, OutcomeRolledBack, rulesAt(3, 9, 0), rulesAt(3, 10, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomeSucceeded, rulesAt(3, 11, 0), rulesAt(3, 12, 0))
		}, nil, rulesFigures{finished: 2, rolledBack: 1, perWeek: 1, cfr: 0.5, restores: 1, meanHours: 2}, nil},
		{"never restored", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.prod, OutcomeFailed, rulesAt(3, 9, 0), rulesAt(3, 10, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomeFailed, rulesAt(4, 9, 0), rulesAt(4, 10, 0))
		}, nil, rulesFigures{finished: 2, failed: 2, perWeek: 1, cfr: 1, unrestored: 2}, nil},
		{"one environment", func(w *rulesWorld) {
			w.rulesDeploy(w.payRel, w.qa, OutcomeFailed, rulesAt(3, 9, 0), rulesAt(3, 10, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomeSucceeded, rulesAt(3, 10, 0), rulesAt(3, 11, 0))
			w.rulesDeploy(w.payRel, w.qa, OutcomeSucceeded, rulesAt(4, 9, 0), rulesAt(4, 10, 0))
		}, func(w *rulesWorld) uint { return w.qa.ID },
			rulesFigures{finished: 2, failed: 1, perWeek: 1, cfr: 0.5, restores: 1, meanHours: 24},
			func(t *testing.T, w *rulesWorld, m Metrics) {
				if len(m.Environments) != 1 || m.Total.Environment != "QA" || m.EnvironmentID != w.qa.ID {
					t.Errorf("scope %+v", m)
				}
			}},
		{"lead time to the first production success", func(w *rulesWorld) {
			w.rulesSetRelease(&w.payRel, map[string]any{"code_freeze": NewDate(2026, 6, 1)})
			w.rulesSetRelease(&w.billRel, map[string]any{"code_freeze": NewDate(2026, 5, 20)})
			early := w.release(w.pay, "2.3.0", NewDate(2026, 5, 30))
			w.rulesSetRelease(&early, map[string]any{"code_freeze": NewDate(2026, 5, 1)})
			w.rulesDeploy(w.payRel, w.stage, OutcomeSucceeded, rulesAt(5, 9, 0), rulesAt(5, 10, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomeFailed, rulesAt(6, 9, 0), rulesAt(6, 10, 0))
			w.rulesDeploy(w.payRel, w.prod, OutcomeSucceeded, rulesAt(8, 9, 0), rulesAt(8, 23, 30))
			w.rulesDeploy(w.payRel, w.prod, OutcomeSucceeded, rulesAt(12, 9, 0), rulesAt(12, 10, 0))
			w.rulesDeploy(w.billRel, w.prod, OutcomeSucceeded, rulesAt(2, 9, 0), rulesAt(2, 10, 0))
			w.rulesDeploy(early, w.prod, OutcomeSucceeded, rulesAt(1, 0, 0).Add(-2*time.Hour), rulesAt(1, 0, 0).Add(-time.Hour))
			w.rulesDeploy(early, w.prod, OutcomeSucceeded, rulesAt(7, 9, 0), rulesAt(7, 10, 0))
		}, nil, rulesFigures{finished: 6, failed: 1, perWeek: 3, cfr: 1.0 / 6, restores: 1, meanHours: 24}, // 2.3.0 restores Payments
			func(t *testing.T, w *rulesWorld, m Metrics) {
				// Payments 2.4.0: 7 days (June 1 to June 8); Billing 1.2.0: 13 days.
				if want := (Summary{Count: 2, Mean: 10, Median: 10, Max: 13}); m.LeadTimeDays != want {
					t.Errorf("lead time %+v, want %+v", m.LeadTimeDays, want)
				}
			}},
		{"schedule slip", func(w *rulesWorld) {
			w.rulesSetRelease(&w.payRel, map[string]any{"status": StatusReleased, "planned_release": NewDate(2026, 6, 10), "actual_release": NewDate(2026, 6, 12)})
			w.rulesSetRelease(&w.billRel, map[string]any{"status": StatusReleased, "planned_release": NewDate(2026, 6, 10), "actual_release": NewDate(2026, 6, 9)})
			before := w.release(w.pay, "2.3.0", NewDate(2026, 5, 1))
			w.rulesSetRelease(&before, map[string]any{"status": StatusReleased, "actual_release": NewDate(2026, 5, 31)})
			last := w.release(w.pay, "2.5.0", NewDate(2026, 6, 1))
			w.rulesSetRelease(&last, map[string]any{"status": StatusReleased, "actual_release": NewDate(2026, 6, 15)})
			w.release(w.bill, "1.3.0", NewDate(2026, 6, 3)) // still planned
		}, nil, rulesFigures{cfr: -1}, func(t *testing.T, w *rulesWorld, m Metrics) {
			if want := (Summary{Count: 2, Mean: 0.5, Median: 0.5, Max: 2}); m.SlipDays != want {
				t.Errorf("slip %+v, want %+v", m.SlipDays, want)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newRulesWorld(t)
			tt.build(w)
			var env uint
			if tt.env != nil {
				env = tt.env(w)
			}
			m, err := w.s.Metrics(w.ctx, june1, june15, env)
			if err != nil {
				t.Fatal(err)
			}
			if !m.From.Equal(june1) || !m.To.Equal(june15) {
				t.Errorf("period %v to %v", m.From, m.To)
			}
			tt.total.check(t, m.Total)
			if tt.check != nil {
				tt.check(t, w, m)
			}
		})
	}
}

func TestMetricsDaysFollowTheCallersZone(t *testing.T) {
	w := newRulesWorld(t)
	w.rulesSetRelease(&w.payRel, map[string]any{"code_freeze": NewDate(2026, 6, 1)})
	w.rulesDeploy(w.payRel, w.prod, OutcomeSucceeded, rulesAt(8, 22, 0), rulesAt(8, 23, 30))
	east := time.FixedZone("UTC+14", 14*3600)
	west := time.FixedZone("UTC-10", -10*3600)
	tests := []struct {
		name string
		loc  *time.Location
		want float64
	}{
		{"UTC", time.UTC, 7},
		{"already the 9th in the east", east, 8},
		{"still the 8th in the west", west, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from := time.Date(2026, 6, 1, 0, 0, 0, 0, tt.loc)
			m, err := w.s.Metrics(w.ctx, from, from.AddDate(0, 0, 14), 0)
			if err != nil {
				t.Fatal(err)
			}
			if m.LeadTimeDays.Count != 1 || m.LeadTimeDays.Mean != tt.want {
				t.Errorf("lead time %+v, want %v days", m.LeadTimeDays, tt.want)
			}
		})
	}
}

func TestMetricsOpenBoundsAndErrors(t *testing.T) {
	w := newRulesWorld(t) // the clock says 2026-06-15 09:30 UTC
	w.rulesDeploy(w.payRel, w.qa, OutcomeSucceeded, rulesAt(1, 9, 0), rulesAt(1, 9, 30))
	w.rulesDeploy(w.payRel, w.qa, OutcomeSucceeded, rulesAt(15, 9, 0), rulesAt(15, 10, 0)) // after "now"
	m, err := w.s.Metrics(w.ctx, time.Time{}, time.Time{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	// The first deployment ends exactly at From, so it counts; the second ends after now.
	if !m.From.Equal(rulesAt(1, 9, 30)) || !m.To.Equal(testClock) || m.Total.Finished != 1 {
		t.Errorf("open bounds: %v to %v with %d finished; want since the first end until now, 1", m.From, m.To, m.Total.Finished)
	}
	if _, err := w.s.Metrics(w.ctx, june(10), june(5), 0); err == nil {
		t.Error("a period ending before it starts was accepted")
	}
	if _, err := w.s.Metrics(w.ctx, june(1), june(5), 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown environment: got %v, want ErrNotFound", err)
	}
	if _, err := w.s.MetricsSeries(w.ctx, june(1), june(5), "day", 0); err == nil {
		t.Error("a series by day was accepted")
	}
	empty := newTestStore(t)
	m, err = empty.Metrics(t.Context(), time.Time{}, time.Time{}, 0)
	if err != nil || m.Total.Finished != 0 || m.Total.DeploymentsPerWeek != 0 || m.Total.ChangeFailureRate != nil {
		t.Errorf("empty database: %+v, %v", m, err)
	}
}

func june(day int) time.Time { return rulesAt(day, 0, 0) }

func TestMetricsSeries(t *testing.T) {
	w := newRulesWorld(t)
	for _, day := range []int{1, 3, 7, 8, 20} {
		w.rulesDeploy(w.payRel, w.qa, OutcomeSucceeded, rulesAt(day, 9, 0), rulesAt(day, 10, 0))
	}
	w.rulesDeploy(w.payRel, w.qa, OutcomeFailed, rulesAt(9, 9, 0), rulesAt(9, 10, 0))
	w.rulesDeploy(w.payRel, w.qa, OutcomeSucceeded, time.Date(2026, 7, 2, 9, 0, 0, 0, time.UTC), time.Date(2026, 7, 2, 10, 0, 0, 0, time.UTC))
	tests := []struct {
		name     string
		from, to time.Time
		bucket   Period
		labels   []string
		finished []int
	}{
		{"weeks from Monday", june(1), june(22), PeriodWeek, []string{"2026-W23", "2026-W24", "2026-W25"}, []int{3, 2, 1}},
		{"partial first week", june(3), june(15), PeriodWeek, []string{"2026-W23", "2026-W24"}, []int{2, 2}},
		{"months, clipped", time.Date(2026, 5, 15, 0, 0, 0, 0, time.UTC), time.Date(2026, 7, 10, 0, 0, 0, 0, time.UTC), PeriodMonth,
			[]string{"2026-05", "2026-06", "2026-07"}, []int{0, 6, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pts, err := w.s.MetricsSeries(w.ctx, tt.from, tt.to, tt.bucket, 0)
			if err != nil {
				t.Fatal(err)
			}
			var labels []string
			var finished []int
			for _, p := range pts {
				labels, finished = append(labels, p.Label), append(finished, p.Finished)
			}
			if !slices.Equal(labels, tt.labels) || !slices.Equal(finished, tt.finished) {
				t.Errorf("buckets %v %v, want %v %v", labels, finished, tt.labels, tt.finished)
			}
			if !pts[0].Start.Equal(tt.from) || !pts[len(pts)-1].End.Equal(tt.to) {
				t.Errorf("buckets run %v to %v, want the period asked for", pts[0].Start, pts[len(pts)-1].End)
			}
		})
	}
	pts, _ := w.s.MetricsSeries(w.ctx, june(1), june(15), PeriodWeek, 0)
	if len(pts) != 2 || pts[1].ChangeFailureRate == nil || !rulesNear(*pts[1].ChangeFailureRate, 0.5) || !rulesNear(pts[1].DeploymentsPerWeek, 2) {
		t.Errorf("second week %+v, want 2 finished, half failed", pts[1])
	}
}
