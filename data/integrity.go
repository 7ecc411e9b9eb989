package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// CheckIntegrity looks for stored data that breaks the rules of the model:
// a damaged file, dangling references, dates out of order, outcomes without
// times, rollbacks that do not match their deployment, unknown values and
// the like. The store never writes such data; an import, a crash or a hand
// edit might. Findings come in a stable order: by rule, then by id.
func CheckIntegrity(ctx context.Context, s *Store) ([]Finding, error) {
	var out []Finding
	err := s.eachIntegrityFinding(ctx, integrityScope{wholeFile: true}, func(f Finding) error {
		out = append(out, f)
		return nil
	})
	return out, err
}

// integrityScope says which rows the integrity rules read.
type integrityScope struct {
	// wholeFile runs the SQLite backend's checks of the file, which read all of it.
	wholeFile bool
	// from, when set, keeps to what can still be acted on: the rows of
	// releases planned from that day on or not finished yet.
	from Date
	// to, when set with from, keeps to the dashboard's releases: planned
	// from from to to, or planned or in progress and due by to.
	to Date
	// release, when set, keeps to the rows of that release.
	release uint
}

// narrowed reports whether the scope leaves any release's rows out.
func (sc integrityScope) narrowed() bool { return sc.release != 0 || !sc.from.IsZero() }

// rows narrows q to the rows in scope, given the column that holds each
// row's release id.
func (sc integrityScope) rows(q *gorm.DB, releaseColumn string) *gorm.DB {
	switch {
	case sc.release != 0:
		return q.Where(releaseColumn+" = ?", sc.release)
	case !sc.from.IsZero() && !sc.to.IsZero():
		return q.Where(releaseColumn+" IN (SELECT id FROM releases WHERE planned_release BETWEEN ? AND ? "+
			"OR (planned_release <= ? AND status IN ?))", sc.from, sc.to, sc.to, []ReleaseStatus{StatusPlanned, StatusInProgress})
	case !sc.from.IsZero():
		return q.Where(releaseColumn+" IN (SELECT id FROM releases WHERE planned_release >= ? OR planned_release IS NULL OR status IN ?)",
			sc.from, []ReleaseStatus{StatusDraft, StatusPlanned, StatusInProgress})
	}
	return q
}

// eachIntegrityFinding hands each finding of CheckIntegrity within scope to
// emit as it is found.
func (s *Store) eachIntegrityFinding(ctx context.Context, scope integrityScope, emit func(Finding) error) error {
	ic := &integrityRun{db: s.read(ctx), scope: scope, emit: emit, releases: map[uint]string{}}
	if scope.wholeFile && ic.db.Dialector.Name() == "sqlite" {
		// The SQLite backend's own checks of the file and its foreign keys, run only on SQLite.
		if err := ic.sqliteChecks(); err != nil {
			return err
		}
	}
	if err := ic.loadEnvironments(); err != nil {
		return err
	}
	rules := []func() error{ic.catalogRules, ic.releaseRules, ic.deploymentRules, ic.rollbackRules,
		ic.enumRules, ic.peopleRules, ic.testRunRules, ic.freezeRules, ic.scopeRules}
	if scope.release != 0 { // the rules of rows that belong to no release have nothing to say about one
		rules = []func() error{ic.releaseRules, ic.deploymentRules, ic.rollbackRules, ic.enumRules, ic.testRunRules, ic.scopeRules}
	}
	for _, rule := range rules {
		if err := rule(); err != nil {
			return fmt.Errorf("check integrity: %w", err)
		}
		if ic.err != nil {
			return ic.err
		}
	}
	return nil
}

// integrityRun hands on the findings of one CheckIntegrity.
type integrityRun struct {
	db       *gorm.DB
	scope    integrityScope
	releases map[uint]string // release id -> "Payments 2.4.0", read as findings name them
	envs     map[uint]string
	emit     func(Finding) error
	err      error // the first error emit returned; the run stops at the next rule
}

func (ic *integrityRun) add(subject Record, envID uint, releaseIDs []uint, format string, args ...any) {
	if ic.err != nil {
		return
	}
	ic.err = ic.emit(Finding{Kind: FindingIntegrity, Subject: subject, Message: upperFirst(fmt.Sprintf(format, args...)),
		ReleaseIDs: releaseIDs, EnvironmentID: envID})
}

// release names release id; names are read one by one since broken rows
// are few, and a healthy plan then reads none.
func (ic *integrityRun) release(id uint) string {
	if n, ok := ic.releases[id]; ok {
		return n
	}
	name := fmt.Sprintf("release #%d", id)
	var row struct {
		Version string
		Product sql.NullString
	}
	err := ic.db.Table("releases").Select("releases.version, products.name AS product").
		Joins("LEFT JOIN products ON products.id = releases.product_id").Where("releases.id = ?", id).Take(&row).Error
	if err == nil {
		name = strings.TrimSpace(row.Product.String + " " + row.Version)
	}
	ic.releases[id] = name
	return name
}

func (ic *integrityRun) env(id uint) string {
	if n, ok := ic.envs[id]; ok {
		return n
	}
	return fmt.Sprintf("environment #%d", id)
}

// deployment names a deployment as "Payments 2.4.0 deployment #12 to Staging".
func (ic *integrityRun) deployment(d Deployment) string {
	return fmt.Sprintf("%s deployment #%d to %s", ic.release(d.ReleaseID), d.ID, ic.env(d.EnvironmentID))
}

func (ic *integrityRun) sqliteChecks() error {
	rows, err := ic.db.Raw("PRAGMA integrity_check").Rows()
	if err != nil {
		return fmt.Errorf("check the database file: %w", err)
	}
	var damage []string
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			return err
		}
		if msg != "ok" {
			damage = append(damage, msg)
		}
	}
	rows.Close()
	for _, msg := range damage {
		ic.add(Record{}, 0, nil, "the database file is damaged: %s", msg)
	}
	rows, err = ic.db.Raw("PRAGMA foreign_key_check").Rows()
	if err != nil {
		return fmt.Errorf("check references: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, parent string
		var rowID sql.NullInt64
		var key int
		if err := rows.Scan(&table, &rowID, &parent, &key); err != nil {
			return err
		}
		ic.add(Record{Entity: entityOfTable(table), ID: uint(rowID.Int64)}, 0, nil, "row %d of %s refers to a row of %s that does not exist", rowID.Int64, table, parent)
	}
	return rows.Err()
}

func (ic *integrityRun) loadEnvironments() error {
	var envs []Environment
	if err := ic.db.Order("position, id").Find(&envs).Error; err != nil {
		return fmt.Errorf("check integrity: %w", err)
	}
	ic.envs = make(map[uint]string, len(envs))
	for _, e := range envs {
		ic.envs[e.ID] = e.Name
	}
	return nil
}

// entityOfTable is the history entity name of a table's rows: "test_runs" -> "test_run".
func entityOfTable(table string) string { return strings.TrimSuffix(table, "s") }

// catalogRules: product and environment names are unique regardless of case,
// and no two environments share a place in the promotion path.
func (ic *integrityRun) catalogRules() error {
	var products []Product
	if err := ic.db.Order("id").Find(&products).Error; err != nil {
		return err
	}
	seen := map[string]string{}
	for _, p := range products {
		key := strings.ToLower(strings.TrimSpace(p.Name))
		if first, ok := seen[key]; ok {
			ic.add(Record{Entity: EntityProduct, ID: p.ID}, 0, nil, "products %q and %q have the same name", first, p.Name)
		}
		seen[key] = p.Name
	}
	var envs []Environment
	if err := ic.db.Order("position, id").Find(&envs).Error; err != nil {
		return err
	}
	names := map[string]string{}
	for i, e := range envs {
		key := strings.ToLower(strings.TrimSpace(e.Name))
		if first, ok := names[key]; ok {
			ic.add(Record{Entity: EntityEnvironment, ID: e.ID}, e.ID, nil, "environments %q and %q have the same name", first, e.Name)
		}
		names[key] = e.Name
		if i > 0 && envs[i-1].Position == e.Position {
			ic.add(Record{Entity: EntityEnvironment, ID: e.ID}, e.ID, nil, "environments %s and %s share position %d of the promotion path", envs[i-1].Name, e.Name, e.Position)
		}
	}
	return nil
}

// releaseRules: the code freeze is on or before the planned release date,
// and a released release has its actual release date.
func (ic *integrityRun) releaseRules() error {
	var rels []Release
	err := ic.scope.rows(ic.db, "id").Where("code_freeze IS NOT NULL AND planned_release IS NOT NULL AND code_freeze > planned_release").
		Order("id").Find(&rels).Error
	if err != nil {
		return err
	}
	for _, r := range rels {
		ic.add(Record{Entity: EntityRelease, ID: r.ID}, 0, []uint{r.ID}, "%s has its code freeze (%s) after its planned release date (%s)", ic.release(r.ID), r.CodeFreeze, r.PlannedRelease)
	}
	rels = nil
	if err := ic.scope.rows(ic.db, "id").Where("status = ? AND actual_release IS NULL", StatusReleased).Order("id").Find(&rels).Error; err != nil {
		return err
	}
	for _, r := range rels {
		ic.add(Record{Entity: EntityRelease, ID: r.ID}, 0, []uint{r.ID}, "%s is released but has no actual release date", ic.release(r.ID))
	}
	return nil
}

// deploymentRules: planned windows end after they start, and a deployment
// with an outcome has the times that outcome needs.
func (ic *integrityRun) deploymentRules() error {
	finished := []Outcome{OutcomeSucceeded, OutcomeFailed, OutcomeRolledBack}
	rules := []struct {
		where string
		args  []any
		say   func(d Deployment) string
	}{
		{"planned_end < planned_start", nil, func(d Deployment) string {
			return fmt.Sprintf("is planned to end (%s) before it starts (%s)", integrityTime(d.PlannedEnd), integrityTime(d.PlannedStart))
		}},
		{"outcome IN ? AND (actual_start IS NULL OR actual_end IS NULL)", []any{finished}, func(d Deployment) string {
			return fmt.Sprintf("is marked %s but lacks its actual start or end", strings.ToLower(d.Outcome.Label()))
		}},
		{"outcome = ? AND actual_start IS NULL", []any{OutcomeInProgress}, func(Deployment) string {
			return "is in progress but has no actual start"
		}},
		{"actual_end < actual_start", nil, func(d Deployment) string {
			return fmt.Sprintf("actually ended (%s) before it started (%s)", integrityTime(*d.ActualEnd), integrityTime(*d.ActualStart))
		}},
		{"outcome = ? AND NOT EXISTS (SELECT 1 FROM rollbacks WHERE rollbacks.deployment_id = deployments.id)",
			[]any{OutcomeRolledBack}, func(Deployment) string { return "is marked rolled back but has no rollback record" }},
	}
	// One pass over the deployments: each rule's condition is a column of
	// the answer, and a row comes back when any holds.
	flags := make([]string, len(rules))
	conds := make([]string, len(rules))
	var args []any
	for i, rule := range rules {
		flags[i] = fmt.Sprintf("(%s) AS broken%d", rule.where, i)
		conds[i] = "(" + rule.where + ")"
		args = append(args, rule.args...)
	}
	var rows []struct {
		Deployment `gorm:"embedded"`
		Broken0    bool
		Broken1    bool
		Broken2    bool
		Broken3    bool
		Broken4    bool
	}
	err := ic.scope.rows(ic.db.Table("deployments"), "release_id").
		Select("deployments.*, "+strings.Join(flags, ", "), args...).
		Where(strings.Join(conds, " OR "), args...).Order("id").Scan(&rows).Error
	if err != nil {
		return err
	}
	for i, rule := range rules {
		for _, r := range rows {
			if [...]bool{r.Broken0, r.Broken1, r.Broken2, r.Broken3, r.Broken4}[i] {
				d := r.Deployment
				ic.add(Record{Entity: EntityDeployment, ID: d.ID}, d.EnvironmentID, []uint{d.ReleaseID}, "%s %s", ic.deployment(d), rule.say(d))
			}
		}
	}
	return nil
}

// rollbackRules: a rollback belongs to a deployment that started before it,
// and that deployment is marked rolled back.
func (ic *integrityRun) rollbackRules() error {
	var rows []struct {
		ID            uint
		StartedAt     time.Time
		DepID         uint
		ReleaseID     uint
		EnvironmentID uint
		ActualStart   *time.Time
		Outcome       Outcome
	}
	err := ic.scope.rows(ic.db, "deployments.release_id").Table("rollbacks").Select("rollbacks.id, rollbacks.started_at, deployments.id AS dep_id, deployments.release_id, " +
		"deployments.environment_id, deployments.actual_start, deployments.outcome").
		Joins("JOIN deployments ON deployments.id = rollbacks.deployment_id").Order("rollbacks.id").Scan(&rows).Error
	if err != nil {
		return err
	}
	for _, r := range rows {
		d := Deployment{ID: r.DepID, ReleaseID: r.ReleaseID, EnvironmentID: r.EnvironmentID, ActualStart: r.ActualStart, Outcome: r.Outcome}
		switch {
		case d.ActualStart == nil:
			ic.add(Record{Entity: EntityRollback, ID: r.ID}, d.EnvironmentID, []uint{d.ReleaseID}, "%s has a rollback but never started", ic.deployment(d))
		case r.StartedAt.Before(*d.ActualStart):
			ic.add(Record{Entity: EntityRollback, ID: r.ID}, d.EnvironmentID, []uint{d.ReleaseID}, "%s has a rollback starting (%s) before the deployment did (%s)",
				ic.deployment(d), integrityTime(r.StartedAt), integrityTime(*d.ActualStart))
		}
		if d.Outcome != OutcomeRolledBack {
			ic.add(Record{Entity: EntityRollback, ID: r.ID}, d.EnvironmentID, []uint{d.ReleaseID}, "%s has a rollback but is marked %s", ic.deployment(d), strings.ToLower(d.Outcome.Label()))
		}
	}
	var many []struct {
		ReleaseID uint
		N         int
	}
	err = ic.scope.rows(ic.db, "release_id").Model(&ReleaseStakeholder{}).Select("release_id, COUNT(*) AS n").Where("role = ?", RoleAccountable).
		Group("release_id").Having("COUNT(*) > 1").Order("release_id").Scan(&many).Error
	for _, m := range many {
		ic.add(Record{Entity: EntityRelease, ID: m.ReleaseID}, 0, []uint{m.ReleaseID}, "%s has %d Accountable people; a release has exactly one", ic.release(m.ReleaseID), m.N)
	}
	return err
}

// peopleRules: an email, when given, is a valid address.
func (ic *integrityRun) peopleRules() error {
	var people []Stakeholder
	if err := ic.db.Where("email IS NOT NULL AND email <> ''").Order("id").Find(&people).Error; err != nil {
		return err
	}
	for _, p := range people {
		if validateEmail(p.Email) != nil {
			ic.add(Record{Entity: EntityStakeholder, ID: p.ID}, 0, nil, "stakeholder %s has an invalid email %q", p.Name, p.Email)
		}
	}
	return nil
}

// testRunRules: test counts are never negative.
func (ic *integrityRun) testRunRules() error {
	var runs []TestRun
	if err := ic.scope.rows(ic.db, "release_id").Where("passed < 0 OR failed < 0 OR skipped < 0").Order("id").Find(&runs).Error; err != nil {
		return err
	}
	for _, t := range runs {
		ic.add(Record{Entity: EntityTestRun, ID: t.ID}, t.EnvironmentID, []uint{t.ReleaseID}, "%s test run #%d (%s on %s) has a negative count: %d passed, %d failed, %d skipped",
			ic.release(t.ReleaseID), t.ID, t.Suite, ic.env(t.EnvironmentID), t.Passed, t.Failed, t.Skipped)
	}
	return nil
}

// freezeRules: a freeze window ends after it starts.
func (ic *integrityRun) freezeRules() error {
	var windows []FreezeWindow
	if err := ic.db.Where(`"end" <= start`).Order("id").Find(&windows).Error; err != nil {
		return err
	}
	for _, w := range windows {
		ic.add(Record{Entity: EntityFreezeWindow, ID: w.ID}, 0, nil, "freeze window %q ends (%s) before it starts (%s)", w.Name, integrityTime(w.End), integrityTime(w.Start))
	}
	return nil
}

// integrityTime shows an instant the same on every machine, so output can be compared.
func integrityTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }
