package data

import (
	"context"
	"fmt"
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
	release    *releaseInfo // set by attachReleases; shared by the release's spans
}

// releaseInfo is what the rules need to know about a release.
type releaseInfo struct {
	status ReleaseStatus
	kind   ReleaseType
}

// spanValues work out the window in SQL, so a row carries two instants
// instead of four, plus the plan of a running deployment (which has no end
// yet). They are read packed (see readPacked): on thousands of rows, every
// value read through the driver costs.
var spanValues = []string{
	"deployments.id", "deployments.release_id", "deployments.environment_id", "deployments.outcome",
	windowStartSQL,
	"CASE WHEN deployments.actual_start IS NULL THEN deployments.planned_end ELSE deployments.actual_end END",
	"deployments.actual_start IS NOT NULL",
	"CASE WHEN deployments.actual_start IS NOT NULL AND deployments.actual_end IS NULL THEN deployments.planned_start END",
	"CASE WHEN deployments.actual_start IS NOT NULL AND deployments.actual_end IS NULL THEN deployments.planned_end END",
}

// spans loads deployment spans narrowed by where.
func (s *Store) spans(ctx context.Context, where func(*gorm.DB) *gorm.DB) ([]deploymentSpan, error) {
	return readPacked(ctx, s, where(s.read(ctx).Table("deployments")), spanValues, parseSpan)
}

// parseSpan reads one row of spanValues.
func parseSpan(f []string) (deploymentSpan, error) {
	var d deploymentSpan
	var err error
	if d.ID, err = packedID(f[0]); err != nil {
		return d, err
	}
	if d.ReleaseID, err = packedID(f[1]); err != nil {
		return d, err
	}
	if d.EnvironmentID, err = packedID(f[2]); err != nil {
		return d, err
	}
	d.Outcome, d.started = Outcome(f[3]), packedTrue(f[6])
	if d.start, err = packedInstant(f[4]); err != nil {
		return d, err
	}
	if f[5] != "" {
		if d.end, err = packedInstant(f[5]); err != nil {
			return d, err
		}
		d.end = latestOf(d.start, d.end)
		return d, nil
	}
	// A running deployment is expected to last as long as planned, and at
	// least until its planned end.
	plannedStart, err := packedInstant(f[7])
	if err != nil {
		return d, err
	}
	plannedEnd, err := packedInstant(f[8])
	if err != nil {
		return d, err
	}
	d.end = latestOf(d.start.Add(plannedEnd.Sub(plannedStart)), plannedEnd, d.start)
	return d, nil
}

// attachReleases fills in the release of each span, loading into known the
// releases it does not hold yet.
func (s *Store) attachReleases(ctx context.Context, ds []deploymentSpan, known map[uint]*releaseInfo) error {
	var missing []uint
	for _, d := range ds {
		if _, ok := known[d.ReleaseID]; !ok {
			known[d.ReleaseID] = &releaseInfo{}
			missing = append(missing, d.ReleaseID)
		}
	}
	for chunk := range slices.Chunk(missing, inChunk) {
		type row struct {
			id   uint
			info releaseInfo
		}
		rows, err := readPacked(ctx, s, s.read(ctx).Table("releases").Where("releases.id IN ?", chunk),
			[]string{"releases.id", "releases.status", "releases.type"},
			func(f []string) (row, error) {
				id, err := packedID(f[0])
				return row{id, releaseInfo{status: ReleaseStatus(f[1]), kind: ReleaseType(f[2])}}, err
			})
		if err != nil {
			return err
		}
		for _, r := range rows {
			*known[r.id] = r.info
		}
	}
	for i := range ds {
		ds[i].release = known[ds[i].ReleaseID]
	}
	return nil
}

// releaseNames returns the name ("PRODUCT VERSION") of each release in ids.
func (s *Store) releaseNames(ctx context.Context, ids []uint) (map[uint]string, error) {
	slices.Sort(ids)
	ids = slices.Compact(ids)
	names := make(map[uint]string, len(ids))
	for chunk := range slices.Chunk(ids, inChunk) {
		var rows []struct {
			ID          uint
			Version     string
			ProductName string
		}
		if err := s.read(ctx).Table("releases").Select("releases.id, releases.version, products.name AS product_name").
			Joins("JOIN products ON products.id = releases.product_id").
			Where("releases.id IN ?", chunk).Scan(&rows).Error; err != nil {
			return nil, err
		}
		for _, r := range rows {
			names[r.ID] = Release{Version: r.Version, Product: Product{Name: r.ProductName}}.Name()
		}
	}
	return names, nil
}

// ignored reports whether the deployment will never happen: its release was
// cancelled before it started.
func (d deploymentSpan) ignored() bool {
	return d.release != nil && d.release.status == StatusCancelled && !d.started
}

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

// windowStartSQL and windowEndSQL are a deployment's window in SQL, as
// migration 0003 indexes them (the expressions must match the index's
// word for word for SQLite to use it). A running deployment has no end
// yet: it sorts after every instant, so a range never leaves it out.
const (
	windowStartSQL = "COALESCE(deployments.actual_start, deployments.planned_start)"
	windowEndSQL   = "(CASE WHEN deployments.actual_start IS NULL THEN deployments.planned_end " +
		"WHEN deployments.actual_end IS NULL THEN '9999-12-31' ELSE deployments.actual_end END)"
)

// spanFilter narrows a deployment query to a superset of the deployments
// whose window meets the range; window does the exact test in Go.
func (r timeRange) spanFilter(q *gorm.DB) *gorm.DB {
	if !r.from.IsZero() {
		q = q.Where(windowEndSQL+" >= ?", r.from.UTC())
	}
	if !r.to.IsZero() {
		q = q.Where(windowStartSQL+" < ?", r.to.UTC())
	}
	return q
}

// outsideFilter narrows a deployment query to those spanFilter leaves out:
// starting at or after the range's end, or ending before its start.
func (r timeRange) outsideFilter(q *gorm.DB) *gorm.DB {
	var conds []string
	var args []any
	if !r.from.IsZero() {
		conds = append(conds, windowEndSQL+" < ?")
		args = append(args, r.from.UTC())
	}
	if !r.to.IsZero() {
		conds = append(conds, windowStartSQL+" >= ?")
		args = append(args, r.to.UTC())
	}
	return q.Where(strings.Join(conds, " OR "), args...)
}

// displayLayout is how instants appear in findings and messages: the ISO
// day and a 24-hour clock, in local time; the zone follows (see ZoneName),
// so a line copied from check or the window is never ambiguous.
const displayLayout = "2006-01-02 15:04"

// shownTime writes t for a finding: "2026-12-04 16:05 CET".
func shownTime(t time.Time) string { return showTime(t.In(time.Local)) }

// showTime writes t in its own zone.
func showTime(t time.Time) string { return t.Format(displayLayout) + " " + ZoneName(t) }

// shownSpan writes a window for a finding, the day once when it does not
// change and the zone once when both ends share it: "2026-12-04 16:05–16:30 CET".
func shownSpan(start, end time.Time) string {
	return showSpan(start.In(time.Local), end.In(time.Local))
}

// showSpan writes the window from s to e, each in its own zone.
func showSpan(s, e time.Time) string {
	sz, ez := ZoneName(s), ZoneName(e)
	switch {
	case sz != ez:
		return showTime(s) + " – " + showTime(e)
	case DateOf(s).Equal(DateOf(e)):
		return s.Format(displayLayout) + "–" + e.Format("15:04") + " " + ez
	}
	return s.Format(displayLayout) + " – " + showTime(e)
}

// ZoneName names the time zone of t as people read it: its abbreviation
// ("CET"), or its offset from UTC ("UTC+05:30") where the zone has none.
func ZoneName(t time.Time) string {
	name, offset := t.Zone()
	if name != "" && !strings.ContainsAny(name, "+-0123456789") {
		return name
	}
	if offset == 0 {
		return "UTC"
	}
	return "UTC" + t.Format("-07:00")
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
		return packedInstant(string(x))
	case string:
		return packedInstant(x)
	}
	return time.Time{}, fmt.Errorf("data: cannot read %T as a time", v)
}

// packedInstant reads an instant stored as text (as packed fields are).
func packedInstant(s string) (time.Time, error) {
	if t, ok := parseInstantText(s); ok {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano, "2006-01-02 15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("data: %q is not a time", s)
}

// parseInstantText reads "2006-01-02 15:04:05[.fraction][Z|±07:00|±07]" by hand,
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
	case (len(s) == i+6 && s[i+3] == ':' || len(s) == i+3) && (s[i] == '+' || s[i] == '-'):
		oh, om := num(i+1, i+3), 0
		if len(s) == i+6 { // PostgreSQL leaves out minutes of a whole-hour offset
			om = num(i+4, i+6)
		}
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
