package data

import (
	"gorm.io/gorm"
)

// The migrations below prepare a plan for more than one person: every
// editable record counts its revisions (0009), history says who made each
// change (0010), and a job title has room for the length the store allows
// (0011), which PostgreSQL, unlike SQLite, holds a column to. They are
// written for both engines; where the SQL differs, each has its own.

// revisionTables are the tables of the records people edit, each of which
// gets a revision counter in 0009. The list is frozen with the migration.
var revisionTables = []string{
	"products", "environments", "releases", "deployments", "rollbacks", "stakeholders",
	"release_stakeholders", "checklist_items", "test_runs", "freeze_windows", "go_decisions",
	"reviews", "action_items", "work_items", "dependencies",
}

// onServer reports whether tx talks to PostgreSQL.
func onServer(tx *gorm.DB) bool { return tx.Dialector.Name() == "postgres" }

// migrateRecordRevisions gives every editable record a revision that every
// change to it raises by one, whatever code makes the change: a trigger
// does it in the database. A save based on an older revision is refused by
// the store (see ConflictError).
func migrateRecordRevisions(tx *gorm.DB) error {
	if onServer(tx) {
		err := tx.Exec(`CREATE OR REPLACE FUNCTION releasedesk_next_revision() RETURNS trigger AS $$
BEGIN
	NEW.revision := OLD.revision + 1;
	RETURN NEW;
END $$ LANGUAGE plpgsql`).Error
		if err != nil {
			return err
		}
	}
	for _, table := range revisionTables {
		stmts := []string{"ALTER TABLE " + table + " ADD COLUMN revision bigint NOT NULL DEFAULT 0"}
		if onServer(tx) {
			stmts = append(stmts, "CREATE TRIGGER "+table+"_revision BEFORE UPDATE ON "+table+
				" FOR EACH ROW EXECUTE FUNCTION releasedesk_next_revision()")
		} else {
			// Triggers do not fire themselves (recursive_triggers is off), and
			// the WHEN leaves an update that set the revision itself alone.
			stmts = append(stmts, "CREATE TRIGGER "+table+"_revision AFTER UPDATE ON "+table+
				" FOR EACH ROW WHEN NEW.revision = OLD.revision BEGIN UPDATE "+table+
				" SET revision = OLD.revision + 1 WHERE id = NEW.id; END")
		}
		for _, stmt := range stmts {
			if err := tx.Exec(stmt).Error; err != nil {
				return err
			}
		}
	}
	return nil
}

// changesChannel is the PostgreSQL channel on which every change is announced.
const changesChannel = "releasedesk_changes"

// migrateHistoryWho records who made each change (older rows say nobody)
// and, on PostgreSQL, announces each change to whoever listens, in the
// transaction of the change: the payload is entity, id, release id, who,
// action and the announcing session's application name, one line each
// (identical lines of one transaction arrive once).
func migrateHistoryWho(tx *gorm.DB) error {
	if err := tx.Exec("ALTER TABLE history ADD COLUMN who varchar(120)").Error; err != nil {
		return err
	}
	if !onServer(tx) {
		return nil
	}
	err := tx.Exec(`CREATE OR REPLACE FUNCTION releasedesk_announce_change() RETURNS trigger AS $$
BEGIN
	PERFORM pg_notify('` + changesChannel + `', concat_ws(E'\n', NEW.entity, NEW.entity_id, COALESCE(NEW.release_id::text, ''),
		COALESCE(NEW.who, ''), NEW.action, current_setting('application_name')));
	RETURN NULL;
END $$ LANGUAGE plpgsql`).Error
	if err != nil {
		return err
	}
	return tx.Exec("CREATE TRIGGER history_announce AFTER INSERT ON history FOR EACH ROW EXECUTE FUNCTION releasedesk_announce_change()").Error
}

// migrateJobTitleSize widens a stakeholder's job title to the store's limit
// for titles; SQLite never held the column to its declared size.
func migrateJobTitleSize(tx *gorm.DB) error {
	if !onServer(tx) {
		return nil
	}
	return tx.Exec("ALTER TABLE stakeholders ALTER COLUMN title TYPE varchar(200)").Error
}
