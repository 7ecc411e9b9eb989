package data

import (
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

const migrationTable = "schema_migrations"

// migrations is the schema's history, oldest first. A migration is never
// edited once released: it works on frozen copies of the structs as they were
// then, so later model changes cannot change what an old step does.
var migrations = []*gormigrate.Migration{
	{ID: "0001_initial", Migrate: migrateInitial},
	{ID: "0002_deployment_window_indexes", Migrate: migrateWindowIndexes},
	{ID: "0003_covering_rule_indexes", Migrate: migrateRuleIndexes},
	{ID: "0004_database_identity", Migrate: migrateDatabaseIdentity},
	{ID: "0006_scope", Migrate: migrateScope},
	{ID: "0008_environment_products", Migrate: migrateEnvironmentProducts},
	{ID: "0008_scale_indexes", Migrate: migrateScaleIndexes},
	{ID: "0009_record_versions", Migrate: migrateRecordRevisions},
	{ID: "0010_history_who", Migrate: migrateHistoryWho},
	{ID: "0011_job_title_size", Migrate: migrateJobTitleSize},
}

// SchemaVersion is the number of migrations this program knows.
func SchemaVersion() int { return len(migrations) }

// migrate applies the missing migrations through db, which is a transaction
// of the caller's (Store.migrate), so that the write lock is taken first.
func migrate(db *gorm.DB) error {
	m := gormigrate.New(db, &gormigrate.Options{
		TableName:                 migrationTable,
		IDColumnName:              "id",
		IDColumnSize:              255,
		UseTransaction:            false,
		ValidateUnknownMigrations: true,
	}, migrations)
	return m.Migrate()
}

// The structs below are the schema as migration 0001 created it.

type v1Product struct {
	ID          uint   `gorm:"primaryKey"`
	Name        string `gorm:"size:120;not null;uniqueIndex"`
	Description string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

type v1Environment struct {
	ID          uint   `gorm:"primaryKey"`
	Name        string `gorm:"size:80;not null;uniqueIndex"`
	Kind        string `gorm:"size:20;not null"`
	Position    int    `gorm:"not null;index"`
	Description string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

type v1Release struct {
	ID             uint      `gorm:"primaryKey"`
	ProductID      uint      `gorm:"not null;uniqueIndex:idx_release_product_version"`
	Product        v1Product `gorm:"constraint:OnDelete:RESTRICT"`
	Version        string    `gorm:"size:40;not null;uniqueIndex:idx_release_product_version"`
	Title          string    `gorm:"size:200;not null"`
	Description    string
	Type           string `gorm:"size:20;not null"`
	Status         string `gorm:"size:20;not null;index"`
	Risk           string `gorm:"size:10;not null"`
	RiskNotes      string
	Owner          string `gorm:"size:120"`
	ChangeRef      string `gorm:"size:80"`
	CodeFreeze     Date
	PlannedRelease Date `gorm:"index"`
	ActualRelease  Date
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

type v1Deployment struct {
	ID            uint          `gorm:"primaryKey"`
	ReleaseID     uint          `gorm:"not null;index"`
	Release       v1Release     `gorm:"constraint:OnDelete:CASCADE"`
	EnvironmentID uint          `gorm:"not null;index"`
	Environment   v1Environment `gorm:"constraint:OnDelete:RESTRICT"`
	Build         string        `gorm:"size:80"`
	PlannedStart  time.Time     `gorm:"not null;index"`
	PlannedEnd    time.Time     `gorm:"not null"`
	ActualStart   *time.Time
	ActualEnd     *time.Time
	Outcome       string `gorm:"size:20;not null;index"`
	PerformedBy   string `gorm:"size:120"`
	Notes         string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

type v1Rollback struct {
	ID              uint         `gorm:"primaryKey"`
	DeploymentID    uint         `gorm:"not null;uniqueIndex"`
	Deployment      v1Deployment `gorm:"constraint:OnDelete:CASCADE"`
	StartedAt       time.Time    `gorm:"not null"`
	FinishedAt      *time.Time
	Reason          string `gorm:"not null"`
	RestoredVersion string `gorm:"size:80"`
	DowntimeMinutes int
	UsersAffected   int
	DetectedBy      string `gorm:"size:120"`
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

type v1Stakeholder struct {
	ID        uint   `gorm:"primaryKey"`
	Name      string `gorm:"size:120;not null"`
	Email     string `gorm:"size:200"`
	Team      string `gorm:"size:120"`
	Title     string `gorm:"size:120"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

type v1ReleaseStakeholder struct {
	ID              uint          `gorm:"primaryKey"`
	ReleaseID       uint          `gorm:"not null;uniqueIndex:idx_release_stakeholder_role"`
	Release         v1Release     `gorm:"constraint:OnDelete:CASCADE"`
	StakeholderID   uint          `gorm:"not null;uniqueIndex:idx_release_stakeholder_role;index"`
	Stakeholder     v1Stakeholder `gorm:"constraint:OnDelete:RESTRICT"`
	Role            string        `gorm:"size:1;not null;uniqueIndex:idx_release_stakeholder_role"`
	Approval        string        `gorm:"size:10;not null"`
	ApprovedAt      *time.Time
	ApprovalComment string
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

type v1ChecklistItem struct {
	ID        uint      `gorm:"primaryKey"`
	ReleaseID uint      `gorm:"not null;index"`
	Release   v1Release `gorm:"constraint:OnDelete:CASCADE"`
	Category  string    `gorm:"size:20;not null"`
	Title     string    `gorm:"size:200;not null"`
	Owner     string    `gorm:"size:120"`
	Due       Date
	Done      bool `gorm:"not null"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

type v1TestRun struct {
	ID            uint          `gorm:"primaryKey"`
	ReleaseID     uint          `gorm:"not null;index"`
	Release       v1Release     `gorm:"constraint:OnDelete:CASCADE"`
	EnvironmentID uint          `gorm:"not null;index"`
	Environment   v1Environment `gorm:"constraint:OnDelete:RESTRICT"`
	Suite         string        `gorm:"size:120;not null"`
	Passed        int           `gorm:"not null"`
	Failed        int           `gorm:"not null"`
	Skipped       int           `gorm:"not null"`
	RunAt         time.Time     `gorm:"not null"`
	Notes         string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

type v1FreezeWindow struct {
	ID              uint            `gorm:"primaryKey"`
	Name            string          `gorm:"size:120;not null"`
	Start           time.Time       `gorm:"not null;index"`
	End             time.Time       `gorm:"not null"`
	AllEnvironments bool            `gorm:"not null"`
	Environments    []v1Environment `gorm:"many2many:freeze_window_environments;joinForeignKey:FreezeWindowID;joinReferences:EnvironmentID;constraint:OnDelete:CASCADE"`
	Reason          string
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

type v1GoDecision struct {
	ID         uint      `gorm:"primaryKey"`
	ReleaseID  uint      `gorm:"not null;index"`
	Release    v1Release `gorm:"constraint:OnDelete:CASCADE"`
	Decision   string    `gorm:"size:10;not null"`
	DecidedAt  time.Time `gorm:"not null"`
	Attendees  string
	Conditions string
	Notes      string
	Warnings   string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

type v1Review struct {
	ID            uint      `gorm:"primaryKey"`
	ReleaseID     uint      `gorm:"not null;uniqueIndex"`
	Release       v1Release `gorm:"constraint:OnDelete:CASCADE"`
	HeldOn        Date
	Facilitator   string `gorm:"size:120"`
	Verdict       string `gorm:"size:30;not null"`
	ObjectivesMet string `gorm:"size:10;not null"`
	Summary       string
	WentWell      string
	WentBadly     string
	Lessons       string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

type v1ActionItem struct {
	ID        uint     `gorm:"primaryKey"`
	ReviewID  uint     `gorm:"not null;index"`
	Review    v1Review `gorm:"constraint:OnDelete:CASCADE"`
	Title     string   `gorm:"size:200;not null"`
	Owner     string   `gorm:"size:120"`
	Due       Date
	Status    string `gorm:"size:10;not null"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

type v1History struct {
	ID        uint   `gorm:"primaryKey"`
	Entity    string `gorm:"size:40;not null;index:idx_history_entity"`
	EntityID  uint   `gorm:"not null;index:idx_history_entity"`
	ReleaseID *uint  `gorm:"index"`
	Action    string `gorm:"size:10;not null"`
	Field     string `gorm:"size:60"`
	OldValue  string
	NewValue  string
	At        time.Time `gorm:"not null;index"`
}

func migrateInitial(tx *gorm.DB) error {
	return tx.AutoMigrate(
		&v1Product{},
		&v1Environment{},
		&v1Release{},
		&v1Deployment{},
		&v1Rollback{},
		&v1Stakeholder{},
		&v1ReleaseStakeholder{},
		&v1ChecklistItem{},
		&v1TestRun{},
		&v1FreezeWindow{},
		&v1GoDecision{},
		&v1Review{},
		&v1ActionItem{},
		&v1History{},
	)
}

func (v1Product) TableName() string            { return "products" }
func (v1Environment) TableName() string        { return "environments" }
func (v1Release) TableName() string            { return "releases" }
func (v1Deployment) TableName() string         { return "deployments" }
func (v1Rollback) TableName() string           { return "rollbacks" }
func (v1Stakeholder) TableName() string        { return "stakeholders" }
func (v1ReleaseStakeholder) TableName() string { return "release_stakeholders" }
func (v1ChecklistItem) TableName() string      { return "checklist_items" }
func (v1TestRun) TableName() string            { return "test_runs" }
func (v1FreezeWindow) TableName() string       { return "freeze_windows" }
func (v1GoDecision) TableName() string         { return "go_decisions" }
func (v1Review) TableName() string             { return "reviews" }
func (v1ActionItem) TableName() string         { return "action_items" }
func (v1History) TableName() string            { return "history" }

// migrateWindowIndexes lets the conflict, metrics and dashboard queries find
// deployments by the end of their planned or actual window without a scan.
func migrateWindowIndexes(tx *gorm.DB) error {
	for _, stmt := range []string{
		"CREATE INDEX IF NOT EXISTS idx_deployments_planned_end ON deployments (planned_end)",
		"CREATE INDEX IF NOT EXISTS idx_deployments_actual_end ON deployments (actual_end)",
		"CREATE INDEX IF NOT EXISTS idx_deployments_actual_start ON deployments (actual_start)",
	} {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}

// migrateRuleIndexes gives the rules' bulk reads indexes that hold every
// column they read, so SQLite answers from the index alone:
//   - each deployment's window (its end, then its start) as the rules compute
//     it, so "what meets this range" reads only the deployments near the range
//     instead of all past ones;
//   - a release's deployments, for the promotion-path history of the order rule;
//   - finished deployments by actual end, for the delivery metrics (this one
//     replaces 0002's plain actual_end index).
//
// The window expressions are spelled out here rather than shared with the
// queries, so that this step never changes with the code around it; SQLite
// matches them to the queries' table-qualified spelling, which an index may
// not use.
func migrateRuleIndexes(tx *gorm.DB) error {
	for _, stmt := range []string{
		"CREATE INDEX IF NOT EXISTS idx_deployments_window ON deployments (" +
			"(CASE WHEN actual_start IS NULL THEN planned_end WHEN actual_end IS NULL THEN '9999-12-31' ELSE actual_end END), " +
			"COALESCE(actual_start, planned_start), " +
			"environment_id, release_id, outcome, actual_start, actual_end, planned_start, planned_end)",
		"CREATE INDEX IF NOT EXISTS idx_deployments_release_path ON deployments (" +
			"release_id, environment_id, outcome, actual_start, actual_end, planned_start, planned_end)",
		"CREATE INDEX IF NOT EXISTS idx_deployments_finished ON deployments (actual_end, release_id, environment_id, outcome)",
		"DROP INDEX IF EXISTS idx_deployments_actual_end",
	} {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
