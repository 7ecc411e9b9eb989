package data

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// RunningVersion is what runs on one environment for one product: the
// latest successful deployment there.
type RunningVersion struct {
	ReleaseID    uint
	DeploymentID uint
	Version      string
	Build        string
	// DeployedAt is when that deployment finished (its actual end).
	DeployedAt time.Time
}

// RunsWhere is the environment x product matrix of running versions.
type RunsWhere struct {
	// Environments are the rows, in promotion order.
	Environments []Environment
	// Products are the columns, by name.
	Products []Product
	// Cells holds the running version keyed by (environment id, product id);
	// a missing key means the product was never deployed there successfully.
	Cells map[[2]uint]RunningVersion
}

// Cell returns what runs on environment envID for product productID.
func (r RunsWhere) Cell(envID, productID uint) (RunningVersion, bool) {
	v, ok := r.Cells[[2]uint{envID, productID}]
	return v, ok
}

// WhatRunsWhere returns, per environment and product, the version of the
// latest successful deployment by actual end. A deployment later rolled back
// has outcome "rolled back", so the version before it shows again, as it
// should: that is what the rollback restored.
func (s *Store) WhatRunsWhere(ctx context.Context) (RunsWhere, error) {
	var out RunsWhere
	var err error
	if out.Environments, err = s.Environments(ctx); err != nil {
		return RunsWhere{}, err
	}
	if err := s.read(ctx).Order("name, id").Find(&out.Products).Error; err != nil {
		return RunsWhere{}, err
	}
	type row struct {
		ID            uint
		ReleaseID     uint
		EnvironmentID uint
		ProductID     uint
		Version       string
		Build         string
		ActualEnd     time.Time
	}
	// The grouped subquery finds each pair's last end; joining back on it
	// fetches only the winning rows instead of every success.
	last := s.read(ctx).Table("deployments AS d").
		Select("d.environment_id AS environment_id, r.product_id AS product_id, MAX(d.actual_end) AS last_end").
		Joins("JOIN releases AS r ON r.id = d.release_id").
		Where("d.outcome = ? AND d.actual_end IS NOT NULL", OutcomeSucceeded).
		Group("d.environment_id, r.product_id")
	var rows []row
	err = s.read(ctx).Table("deployments").
		Select("deployments.id, deployments.release_id, deployments.environment_id, releases.product_id, "+
			"releases.version, deployments.build, deployments.actual_end").
		Joins("JOIN releases ON releases.id = deployments.release_id").
		Joins("JOIN (?) AS last ON last.environment_id = deployments.environment_id AND last.product_id = releases.product_id "+
			"AND last.last_end = deployments.actual_end", last).
		Where("deployments.outcome = ?", OutcomeSucceeded).
		Order("deployments.id").
		Scan(&rows).Error
	if err != nil {
		return RunsWhere{}, err
	}
	out.Cells = make(map[[2]uint]RunningVersion, len(rows))
	for _, r := range rows {
		// Rows come by id, so of two ending at the same instant the later-recorded one wins.
		out.Cells[[2]uint{r.EnvironmentID, r.ProductID}] = RunningVersion{
			ReleaseID: r.ReleaseID, DeploymentID: r.ID, Version: r.Version, Build: r.Build, DeployedAt: r.ActualEnd,
		}
	}
	return out, nil
}

// The rest of this file reads when each deployment occupies its environment
// (its window), which the conflict rules and the timeline's checks build on.

// inChunk bounds IN lists well below every dialect's limit on parameters.
const inChunk = 500

// deploymentSpan is the part of a deployment the rules read, with its release.
type deploymentSpan struct {
	ID            uint
	ReleaseID     uint
	EnvironmentID uint
	Outcome       Outcome
	// start and end are the window (see ConflictsIn); started says whether
	// it is the actual one.
	start, end time.Time
	started    bool
	release    releaseInfo
}

// releaseInfo is what findings say about a release.
type releaseInfo struct {
	name   string
	status ReleaseStatus
	kind   ReleaseType
}

// spanColumns work out the window in SQL, so a row carries two instants
// instead of four: on thousands of rows, every column read costs.
const spanColumns = "deployments.id, deployments.release_id, deployments.environment_id, deployments.outcome, " +
	"COALESCE(deployments.actual_start, deployments.planned_start), " +
	"CASE WHEN deployments.actual_start IS NULL THEN deployments.planned_end ELSE deployments.actual_end END, " +
	"CASE WHEN deployments.actual_start IS NULL THEN 0 ELSE 1 END"

// spans loads deployment spans narrowed by where, scanned by hand.
func (s *Store) spans(ctx context.Context, where func(*gorm.DB) *gorm.DB) ([]deploymentSpan, error) {
	rows, err := where(s.read(ctx).Table("deployments").Select(spanColumns)).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []deploymentSpan
	running := map[uint]int{} // started without an end: id -> index in out
	for rows.Next() {
		var d deploymentSpan
		var start, end any
		var started int
		if err := rows.Scan(&d.ID, &d.ReleaseID, &d.EnvironmentID, &d.Outcome, &start, &end, &started); err != nil {
			return nil, err
		}
		if d.start, err = parseInstant(start); err != nil {
			return nil, err
		}
		d.started, d.end = started == 1, d.start
		if end == nil {
			running[d.ID] = len(out)
		} else if d.end, err = parseInstant(end); err != nil {
			return nil, err
		}
		d.end = latestOf(d.start, d.end)
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// A running deployment is expected to last as long as planned, and at
	// least until its planned end; the few running ones are read by id.
	ids := slices.Collect(maps.Keys(running))
	for chunk := range slices.Chunk(ids, inChunk) {
		var plans []Deployment
		if err := s.read(ctx).Select("id", "planned_start", "planned_end").Where("id IN ?", chunk).Find(&plans).Error; err != nil {
			return nil, err
		}
		for _, p := range plans {
			d := &out[running[p.ID]]
			d.end = latestOf(d.start.Add(p.PlannedEnd.Sub(p.PlannedStart)), p.PlannedEnd, d.start)
		}
	}
	return out, nil
}

// attachReleases fills in the release of each span, loading into known the
// releases it does not hold yet.
func (s *Store) attachReleases(ctx context.Context, ds []deploymentSpan, known map[uint]releaseInfo) error {
	var missing []uint
	for _, d := range ds {
		if _, ok := known[d.ReleaseID]; !ok {
			known[d.ReleaseID] = releaseInfo{}
			missing = append(missing, d.ReleaseID)
		}
	}
	for chunk := range slices.Chunk(missing, inChunk) {
		rows, err := s.read(ctx).Table("releases").
			Select("releases.id, releases.version, releases.status, releases.type, products.name").
			Joins("JOIN products ON products.id = releases.product_id").
			Where("releases.id IN ?", chunk).Rows()
		if err != nil {
			return err
		}
		for rows.Next() {
			var id uint
			var r Release
			var info releaseInfo
			if err := rows.Scan(&id, &r.Version, &info.status, &info.kind, &r.Product.Name); err != nil {
				rows.Close()
				return err
			}
			info.name = r.Name()
			known[id] = info
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for i := range ds {
		ds[i].release = known[ds[i].ReleaseID]
	}
	return nil
}

// ignored reports whether the deployment will never happen: its release was
// cancelled before it started.
func (d deploymentSpan) ignored() bool { return d.release.status == StatusCancelled && !d.started }

// window is when the deployment occupies its environment (see ConflictsIn).
func (d deploymentSpan) window() (start, end time.Time) { return d.start, d.end }

func (d deploymentSpan) windowText() string {
	start, end := d.window()
	return shownSpan(start, end)
}

// timeRange is a stretch of time [from, to); a zero bound leaves that side open.
type timeRange struct{ from, to time.Time }

// meets reports whether [start, end) shares time with the range; a window of
// no length meets it when its instant lies inside.
func (r timeRange) meets(start, end time.Time) bool {
	if !r.to.IsZero() && !start.Before(r.to) {
		return false
	}
	return r.from.IsZero() || end.After(r.from) || !start.Before(r.from)
}

// spanFilter narrows a deployment query to a superset of the deployments
// whose window meets the range; window does the exact test in Go.
func (r timeRange) spanFilter(q *gorm.DB) *gorm.DB {
	if !r.to.IsZero() {
		to := r.to.UTC()
		q = q.Where("(deployments.actual_start IS NULL AND deployments.planned_start < ?) OR "+
			"(deployments.actual_start IS NOT NULL AND deployments.actual_start < ?)", to, to)
	}
	if !r.from.IsZero() {
		from := r.from.UTC()
		// Running deployments have no end yet; keep them all, they are few.
		q = q.Where("(deployments.actual_start IS NULL AND deployments.planned_end >= ?) OR "+
			"(deployments.actual_start IS NOT NULL AND (deployments.actual_end IS NULL OR deployments.actual_end >= ?))", from, from)
	}
	return q
}

// outsideFilter narrows a deployment query to those spanFilter leaves out:
// starting at or after the range's end, or ending before its start.
func (r timeRange) outsideFilter(q *gorm.DB) *gorm.DB {
	var conds []string
	var args []any
	if !r.to.IsZero() {
		to := r.to.UTC()
		conds = append(conds, "(deployments.actual_start IS NULL AND deployments.planned_start >= ?)",
			"(deployments.actual_start IS NOT NULL AND deployments.actual_start >= ?)")
		args = append(args, to, to)
	}
	if !r.from.IsZero() {
		from := r.from.UTC()
		conds = append(conds, "(deployments.actual_start IS NULL AND deployments.planned_end < ?)",
			"(deployments.actual_start IS NOT NULL AND deployments.actual_end IS NOT NULL AND deployments.actual_end < ?)")
		args = append(args, from, from)
	}
	return q.Where(strings.Join(conds, " OR "), args...)
}

// displayLayout is how instants appear in findings, in local time.
const displayLayout = "2006-01-02 15:04"

func shownTime(t time.Time) string { return t.In(time.Local).Format(displayLayout) }

// shownSpan shows a window in local time, the day once when it does not change.
func shownSpan(start, end time.Time) string {
	s, e := start.In(time.Local), end.In(time.Local)
	if DateOf(s).Equal(DateOf(e)) {
		return s.Format(displayLayout) + "–" + e.Format("15:04")
	}
	return s.Format(displayLayout) + " – " + e.Format(displayLayout)
}

func earlierOf(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func latestOf(ts ...time.Time) time.Time {
	m := ts[0]
	for _, t := range ts[1:] {
		if t.After(m) {
			m = t
		}
	}
	return m
}

// parseInstant reads an instant that the driver returned as a time or, for
// a computed column, as text (SQLite's form, "2006-01-02 15:04:05.999999999-07:00").
func parseInstant(v any) (time.Time, error) {
	switch x := v.(type) {
	case time.Time:
		return x, nil
	case []byte:
		return parseInstant(string(x))
	case string:
		if t, ok := parseInstantText(x); ok {
			return t, nil
		}
		for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano, "2006-01-02 15:04:05.999999999"} {
			if t, err := time.Parse(layout, x); err == nil {
				return t, nil
			}
		}
		return time.Time{}, fmt.Errorf("data: %q is not a time", x)
	}
	return time.Time{}, fmt.Errorf("data: cannot read %T as a time", v)
}

// parseInstantText reads "2006-01-02 15:04:05[.fraction][Z|±07:00]" by hand,
// many times faster than time.Parse, which shows on thousands of rows.
func parseInstantText(s string) (time.Time, bool) {
	if len(s) < 19 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	ok := true
	num := func(from, to int) int {
		n := 0
		for _, c := range []byte(s[from:to]) {
			if c < '0' || c > '9' {
				ok = false
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	y, mo, d, h, mi, sec := num(0, 4), num(5, 7), num(8, 10), num(11, 13), num(14, 16), num(17, 19)
	i, nsec := 19, 0
	if i < len(s) && s[i] == '.' {
		digits := 0
		for i++; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			if digits < 9 {
				nsec, digits = nsec*10+int(s[i]-'0'), digits+1
			}
		}
		if digits == 0 {
			return time.Time{}, false
		}
		for ; digits < 9; digits++ {
			nsec *= 10
		}
	}
	offset := 0
	switch {
	case i == len(s), s[i:] == "Z":
	case len(s) == i+6 && (s[i] == '+' || s[i] == '-') && s[i+3] == ':':
		oh, om := num(i+1, i+3), num(i+4, i+6)
		if oh > 23 || om > 59 {
			return time.Time{}, false
		}
		offset = (oh*60 + om) * 60
		if s[i] == '-' {
			offset = -offset
		}
	default:
		return time.Time{}, false
	}
	if !ok || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, nsec, time.UTC)
	if t.Day() != d {
		return time.Time{}, false // no such day in that month
	}
	return t.Add(-time.Duration(offset) * time.Second), true
}
