package data

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
)

// CheckScope says how much of the plan Check looks at.
type CheckScope struct {
	// All looks at the whole history and reads the whole file. Otherwise
	// Check keeps to what can still be acted on, as the dashboard does: from
	// two weeks before Today on, and the releases planned from then on or
	// not finished yet.
	All bool
	// Today is the local day the default scope counts back from; the zero
	// Date means the day of the store's clock.
	Today Date
}

// CheckResult counts what Check found.
type CheckResult struct {
	// From is the first day Check looked at; zero when it looked at everything.
	From Date
	// Counts holds the number of findings of each kind.
	Counts map[string]int
	// Total is the number of findings of every kind.
	Total int
	// Skipped names the checks that have no meaning where the plan is
	// kept (SQLite's checks of its file, on a server); "" when none.
	Skipped string
}

// Summary is the closing line of a check: "3 findings from 2026-11-23 on:
// 1 integrity, 2 overlap", or "no findings in the whole history".
func (r CheckResult) Summary() string {
	where := "in the whole history"
	if !r.From.IsZero() {
		where = "from " + r.From.String() + " on"
	}
	skipped := ""
	if r.Skipped != "" {
		skipped = "; " + r.Skipped
	}
	if r.Total == 0 {
		return "no findings " + where + skipped
	}
	var parts []string
	for _, k := range FindingKinds {
		if n := r.Counts[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, k))
		}
	}
	return countNoun(r.Total, "finding", "findings") + " " + where + ": " + strings.Join(parts, ", ") + skipped
}

// checkSliceDeployments is about how many deployments one slice of time
// holds when Check walks the history: enough that each slice's handful of
// queries costs little, few enough that memory stays small.
var checkSliceDeployments int64 = 20000

// Check runs every rule of the book over the scope and hands the findings
// to emit in order: first integrity, then the deployment rules (overlap,
// freeze, order) by time, then the readiness of every "go" (approval,
// tests, checklist), oldest decision first. Over the whole history each
// goes out as soon as it is known, so memory stays bounded however large
// the plan; the default scope's few wait until the check of text limits,
// which reads the whole file beside the rules, is done. It stops at the
// first error emit returns.
func Check(ctx context.Context, s *Store, scope CheckScope, emit func(Finding) error) (CheckResult, error) {
	res := CheckResult{Counts: map[string]int{}}
	if scope.All && s.server != nil {
		res.Skipped = "the checks of a database file do not apply on a PostgreSQL server, which keeps its own files and references sound"
	}
	count := func(f Finding) error {
		res.Counts[f.Kind]++
		res.Total++
		return emit(f)
	}
	integrity := integrityScope{wholeFile: true}
	var from time.Time
	if !scope.All {
		today := scope.Today
		if today.IsZero() {
			today = DateOf(s.Now())
		}
		res.From = today.AddDays(-dashboardConflictsBack)
		from = res.From.Time(time.Local)
		// The file checks read every page of it; they wait for --all.
		integrity = integrityScope{from: res.From}
	}
	// Text past its limit, which an older Release Desk may have stored, is an
	// integrity finding whatever its date: the window shows it cut short. It
	// reads every row of the file, so it runs beside the other rules.
	type oversizeResult struct {
		findings []Finding
		err      error
	}
	oversizeDone := make(chan oversizeResult, 1)
	go func() {
		fs, err := CheckTextLimits(ctx, s)
		oversizeDone <- oversizeResult{fs, err}
	}()
	oversize := func() error {
		found := <-oversizeDone
		if found.err != nil {
			return found.err
		}
		for _, f := range found.findings {
			if err := count(f); err != nil {
				return err
			}
		}
		return nil
	}
	rules := func(emit func(Finding) error) error {
		if err := s.eachDeploymentConflict(ctx, from, emit); err != nil {
			return err
		}
		return s.eachGoConflict(ctx, timeRange{from: from}, 0, func(c conflict) error { return emit(c.finding) })
	}
	if scope.All {
		// The whole history may hold findings by the hundred thousand: they
		// stream, in order, after the text check.
		err := s.eachIntegrityFinding(ctx, integrity, count)
		if err == nil {
			err = oversize()
		} else {
			<-oversizeDone
		}
		if err != nil {
			return res, err
		}
		return res, rules(count)
	}
	// What can still be acted on holds few findings: they wait for the text
	// check in memory, so that it and the rules run at once.
	var integrityFound, ruled []Finding
	err := s.eachIntegrityFinding(ctx, integrity, func(f Finding) error { integrityFound = append(integrityFound, f); return nil })
	if err == nil {
		err = rules(func(f Finding) error { ruled = append(ruled, f); return nil })
	}
	if err != nil {
		<-oversizeDone
		return res, err
	}
	for _, f := range integrityFound {
		if err := count(f); err != nil {
			<-oversizeDone
			return res, err
		}
	}
	if err := oversize(); err != nil {
		return res, err
	}
	for _, f := range ruled {
		if err := count(f); err != nil {
			return res, err
		}
	}
	return res, nil
}

// eachDeploymentConflict runs the deployment rules over everything from
// from on (everything when from is zero), one slice of time after another,
// and hands the findings to emit in time order, as ConflictsIn orders them.
//
// Overlaps, which grow with the square of how busy an environment is, go
// out as the sweep finds them; only the few freeze and order findings of a
// slice wait to be merged in. A finding belongs to the slice in which it
// begins (or to the first slice, when it began before from), so none is
// reported twice although a long deployment is read by every slice it spans.
func (s *Store) eachDeploymentConflict(ctx context.Context, from time.Time, emit func(Finding) error) error {
	bounds, err := s.checkSlices(ctx, from)
	if err != nil {
		return err
	}
	for i := 0; i+1 < len(bounds); i++ {
		slice := timeRange{from: bounds[i], to: bounds[i+1]}
		ours := func(c conflict) bool {
			begins := c.at
			if !from.IsZero() && begins.Before(from) {
				begins = from
			}
			return (i == 0 || !begins.Before(slice.from)) && (slice.to.IsZero() || begins.Before(slice.to))
		}
		if err := s.emitSlice(ctx, slice, ours, emit); err != nil {
			return err
		}
	}
	return nil
}

// emitSlice hands the conflicts of one slice that ours keeps to emit, by
// time, then kind, then text.
func (s *Store) emitSlice(ctx context.Context, slice timeRange, ours func(conflict) bool, emit func(Finding) error) error {
	in, err := s.loadConflictInput(ctx, slice, 0)
	if err != nil {
		return err
	}
	ids := make([]uint, len(in.deps))
	for i, d := range in.deps {
		ids[i] = d.ReleaseID
	}
	names, err := s.releaseNames(ctx, ids)
	if err != nil {
		return err
	}
	deps, err := s.dependencyConflictsAmong(ctx, slice, 0, in.deps)
	if err != nil {
		return err
	}
	others := slices.DeleteFunc(append(append(in.freezeConflicts(), in.orderConflicts()...), deps...), func(c conflict) bool { return !ours(c) })
	for i := range others {
		others[i].finish(names)
	}
	sortConflicts(others)
	next := 0
	// othersBefore emits the other conflicts that come before an overlap at at.
	othersBefore := func(at time.Time) error {
		for ; next < len(others); next++ {
			o := others[next]
			if o.at.After(at) || (o.at.Equal(at) && kindRank(o.finding.Kind) > kindRank(FindingOverlap)) {
				return nil
			}
			if err := emit(o.finding); err != nil {
				return err
			}
		}
		return nil
	}
	// Overlaps beginning at one instant go out sorted by their text.
	var instant []conflict
	flush := func() error {
		sortConflicts(instant)
		for _, c := range instant {
			if err := emit(c.finding); err != nil {
				return err
			}
		}
		instant = instant[:0]
		return nil
	}
	err = in.eachOverlap(func(c conflict) error {
		if !ours(c) {
			return nil
		}
		if len(instant) > 0 && !instant[0].at.Equal(c.at) {
			if err := flush(); err != nil {
				return err
			}
		}
		if len(instant) == 0 {
			if err := othersBefore(c.at); err != nil {
				return err
			}
		}
		c.finish(names)
		instant = append(instant, c)
		return nil
	})
	if err != nil {
		return err
	}
	if err := flush(); err != nil {
		return err
	}
	for _, o := range others[next:] {
		if err := emit(o.finding); err != nil {
			return err
		}
	}
	return nil
}

// checkSlices cuts the time from from on (from the first deployment when
// from is zero) into slices of about checkSliceDeployments deployments
// each: the bounds, from first to last; the last is zero, leaving the end
// open for whatever starts later.
func (s *Store) checkSlices(ctx context.Context, from time.Time) ([]time.Time, error) {
	var first, last sql.NullString
	var n int64
	q := timeRange{from: from}.spanFilter(s.read(ctx).Table("deployments"))
	row := q.Select("MIN(" + windowStartSQL + "), MAX(" + windowStartSQL + "), COUNT(*)").Row()
	if err := row.Scan(&first, &last, &n); err != nil {
		return nil, err
	}
	bounds := []time.Time{from}
	if n <= checkSliceDeployments || !first.Valid || !last.Valid {
		return append(bounds, time.Time{}), nil
	}
	start, err := packedInstant(first.String)
	if err != nil {
		return nil, err
	}
	end, err := packedInstant(last.String)
	if err != nil {
		return nil, err
	}
	if start.Before(from) {
		start = from
	}
	parts := int(n/checkSliceDeployments) + 1
	step := end.Sub(start) / time.Duration(parts)
	if step < time.Hour {
		return append(bounds, time.Time{}), nil
	}
	for i := 1; i < parts; i++ {
		bounds = append(bounds, start.Add(time.Duration(i)*step))
	}
	return append(bounds, time.Time{}), nil
}
