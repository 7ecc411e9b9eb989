package data

import (
	"context"
	"strings"
	"testing"

	"gorm.io/gorm"
)

// TestSpansMatchDeployments reads every deployment of a demo database both
// packed and through GORM, and checks each window against the rule written
// out in Go: packing must not change a single value.
func TestSpansMatchDeployments(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	if _, err := GenerateDemo(ctx, s, DemoOptions{Releases: 60, Seed: 3, Today: NewDate(2026, 6, 15)}); err != nil {
		t.Fatal(err)
	}
	var deps []Deployment
	if err := s.read(ctx).Find(&deps).Error; err != nil {
		t.Fatal(err)
	}
	spans, err := s.spans(ctx, func(q *gorm.DB) *gorm.DB { return q })
	if err != nil {
		t.Fatal(err)
	}
	if len(spans) != len(deps) || len(deps) == 0 {
		t.Fatalf("%d spans for %d deployments", len(spans), len(deps))
	}
	byID := map[uint]deploymentSpan{}
	for _, sp := range spans {
		byID[sp.ID] = sp
	}
	running := 0
	for _, d := range deps {
		start, end := d.PlannedStart, d.PlannedEnd
		if d.ActualStart != nil {
			start = *d.ActualStart
			if d.ActualEnd != nil {
				end = *d.ActualEnd
			} else {
				running++
				end = latestOf(start.Add(d.PlannedEnd.Sub(d.PlannedStart)), d.PlannedEnd)
			}
		}
		end = latestOf(start, end)
		got, ok := byID[d.ID]
		switch {
		case !ok:
			t.Errorf("deployment %d was not read", d.ID)
		case got.ReleaseID != d.ReleaseID || got.EnvironmentID != d.EnvironmentID || got.Outcome != d.Outcome ||
			got.started != (d.ActualStart != nil) || !got.start.Equal(start) || !got.end.Equal(end):
			t.Errorf("deployment %d: read %+v, want release %d env %d %s started=%v %v..%v",
				d.ID, got, d.ReleaseID, d.EnvironmentID, d.Outcome, d.ActualStart != nil, start, end)
		}
	}
	if running == 0 {
		t.Error("the demo has no running deployment, so their windows went untested")
	}
}

func TestReadPacked(t *testing.T) {
	f := newFixture(t)
	p := f.product("Payments")
	r := f.release(p, "1.0.0", NewDate(2026, 7, 1))
	title := func(fs []string) (string, error) { return fs[0], nil }

	none, err := readPacked(f.ctx, f.s, f.s.read(f.ctx).Table("releases").Where("releases.id = ?", r.ID+1),
		[]string{"releases.title"}, title)
	if err != nil || none != nil {
		t.Errorf("no rows: got %q, %v", none, err)
	}

	days, err := readPacked(f.ctx, f.s, f.s.read(f.ctx).Table("releases"),
		[]string{"releases.planned_release", "releases.actual_release"},
		func(fs []string) ([2]Date, error) {
			planned, err := packedDate(fs[0])
			if err != nil {
				return [2]Date{}, err
			}
			actual, err := packedDate(fs[1])
			return [2]Date{planned, actual}, err
		})
	if err != nil || len(days) != 1 || days[0][0] != r.PlannedRelease || !days[0][1].IsZero() {
		t.Errorf("a day and a NULL day: got %v, %v", days, err)
	}

	// A value holding a separator must fail loudly, never shift the fields.
	if err := f.s.read(f.ctx).Model(&Release{}).Where("id = ?", r.ID).
		Update("title", "split"+packedFieldSep+"here").Error; err != nil {
		t.Fatal(err)
	}
	if got, err := readPacked(f.ctx, f.s, f.s.read(f.ctx).Table("releases"), []string{"releases.title"}, title); err == nil ||
		!strings.Contains(err.Error(), "packed row") {
		t.Errorf("a separator in a value: got %q, %v; want an error", got, err)
	}

	if _, err := packedID("12x"); err == nil {
		t.Error(`packedID("12x") gave no error`)
	}
	if _, err := packedDate("2026-13-01"); err == nil {
		t.Error(`packedDate("2026-13-01") gave no error`)
	}
	if _, err := parseSpan([]string{"1", "2", "3", "planned", "not a time", "", "0", "", ""}); err == nil {
		t.Error("a span with a bad start gave no error")
	}
}
