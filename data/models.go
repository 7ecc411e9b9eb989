package data

import "time"

// Product is a piece of software that has releases.
type Product struct {
	ID          uint   `gorm:"primaryKey"`
	Name        string `gorm:"size:120;not null;uniqueIndex"`
	Description string
	// Revision counts the changes made to the record; a save based on an
	// older one is refused (see ConflictError).
	Revision  int `gorm:"not null;default:0"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Environment is a stage of the promotion path (Dev before QA before Prod).
type Environment struct {
	ID          uint            `gorm:"primaryKey"`
	Name        string          `gorm:"size:80;not null;uniqueIndex"`
	Kind        EnvironmentKind `gorm:"size:20;not null"`
	Position    int             `gorm:"not null;index"`
	Description string
	// Revision counts the changes made to the record; a save based on an
	// older one is refused (see ConflictError).
	Revision  int `gorm:"not null;default:0"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Release is one version of a product on its way to production.
type Release struct {
	ID             uint    `gorm:"primaryKey"`
	ProductID      uint    `gorm:"not null;uniqueIndex:idx_release_product_version"`
	Product        Product `gorm:"constraint:OnDelete:RESTRICT"`
	Version        string  `gorm:"size:40;not null;uniqueIndex:idx_release_product_version"`
	Title          string  `gorm:"size:200;not null"`
	Description    string
	Type           ReleaseType   `gorm:"size:20;not null"`
	Status         ReleaseStatus `gorm:"size:20;not null;index"`
	Risk           Risk          `gorm:"size:10;not null"`
	RiskNotes      string
	Owner          string `gorm:"size:120"`
	ChangeRef      string `gorm:"size:80"`
	CodeFreeze     Date
	PlannedRelease Date `gorm:"index"`
	ActualRelease  Date
	// BaselineFreeze and BaselineRelease keep the first committed dates once
	// the release is re-planned (see baseline.go).
	BaselineFreeze  Date
	BaselineRelease Date
	// ReplanReason says why a committed release's dates change; SaveRelease
	// records it with the re-plan and never stores it on the release.
	ReplanReason string `gorm:"-"`
	// Revision counts the changes made to the record; a save based on an
	// older one is refused (see ConflictError).
	Revision  int `gorm:"not null;default:0"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Name is the release as people say it: "Payments 2.4.0".
func (r Release) Name() string {
	if r.Product.Name == "" {
		return r.Version
	}
	return r.Product.Name + " " + r.Version
}

// Deployment is one release going onto one environment.
type Deployment struct {
	ID            uint        `gorm:"primaryKey"`
	ReleaseID     uint        `gorm:"not null"` // indexed first in idx_deployments_release_path
	Release       Release     `gorm:"constraint:OnDelete:CASCADE"`
	EnvironmentID uint        `gorm:"not null;index"`
	Environment   Environment `gorm:"constraint:OnDelete:RESTRICT"`
	Build         string      `gorm:"size:80"`
	PlannedStart  time.Time   `gorm:"not null"`
	PlannedEnd    time.Time   `gorm:"not null"`
	ActualStart   *time.Time
	ActualEnd     *time.Time
	Outcome       Outcome `gorm:"size:20;not null;index"`
	PerformedBy   string  `gorm:"size:120"`
	Notes         string
	// Revision counts the changes made to the record; a save based on an
	// older one is refused (see ConflictError).
	Revision  int `gorm:"not null;default:0"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Rollback records undoing a deployment.
type Rollback struct {
	ID              uint       `gorm:"primaryKey"`
	DeploymentID    uint       `gorm:"not null;uniqueIndex"`
	Deployment      Deployment `gorm:"constraint:OnDelete:CASCADE"`
	StartedAt       time.Time  `gorm:"not null"`
	FinishedAt      *time.Time
	Reason          string `gorm:"not null"`
	RestoredVersion string `gorm:"size:80"`
	DowntimeMinutes int
	UsersAffected   int
	DetectedBy      string `gorm:"size:120"`
	// Revision counts the changes made to the record; a save based on an
	// older one is refused (see ConflictError).
	Revision  int `gorm:"not null;default:0"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Stakeholder is a person involved in releases.
type Stakeholder struct {
	ID    uint   `gorm:"primaryKey"`
	Name  string `gorm:"size:120;not null"`
	Email string `gorm:"size:200"`
	Team  string `gorm:"size:120"`
	Title string `gorm:"size:200"`
	// Revision counts the changes made to the record; a save based on an
	// older one is refused (see ConflictError).
	Revision  int `gorm:"not null;default:0"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ReleaseStakeholder is a person's RACI role and approval on one release.
type ReleaseStakeholder struct {
	ID              uint        `gorm:"primaryKey"`
	ReleaseID       uint        `gorm:"not null;uniqueIndex:idx_release_stakeholder_role"`
	Release         Release     `gorm:"constraint:OnDelete:CASCADE"`
	StakeholderID   uint        `gorm:"not null;uniqueIndex:idx_release_stakeholder_role;index"`
	Stakeholder     Stakeholder `gorm:"constraint:OnDelete:RESTRICT"`
	Role            RACIRole    `gorm:"size:1;not null;uniqueIndex:idx_release_stakeholder_role"`
	Approval        Approval    `gorm:"size:10;not null"`
	ApprovedAt      *time.Time
	ApprovalComment string
	// Revision counts the changes made to the record; a save based on an
	// older one is refused (see ConflictError).
	Revision  int `gorm:"not null;default:0"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ChecklistItem is one thing to get done before a release goes out.
type ChecklistItem struct {
	ID        uint              `gorm:"primaryKey"`
	ReleaseID uint              `gorm:"not null;index"`
	Release   Release           `gorm:"constraint:OnDelete:CASCADE"`
	Category  ChecklistCategory `gorm:"size:20;not null"`
	Title     string            `gorm:"size:200;not null"`
	Owner     string            `gorm:"size:120"`
	Due       Date
	Done      bool `gorm:"not null"`
	// Revision counts the changes made to the record; a save based on an
	// older one is refused (see ConflictError).
	Revision  int `gorm:"not null;default:0"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TestRun is the result of one test suite on one environment.
type TestRun struct {
	ID            uint        `gorm:"primaryKey"`
	ReleaseID     uint        `gorm:"not null;index"`
	Release       Release     `gorm:"constraint:OnDelete:CASCADE"`
	EnvironmentID uint        `gorm:"not null;index"`
	Environment   Environment `gorm:"constraint:OnDelete:RESTRICT"`
	Suite         string      `gorm:"size:120;not null"`
	Passed        int         `gorm:"not null"`
	Failed        int         `gorm:"not null"`
	Skipped       int         `gorm:"not null"`
	RunAt         time.Time   `gorm:"not null"`
	Notes         string
	// Revision counts the changes made to the record; a save based on an
	// older one is refused (see ConflictError).
	Revision  int `gorm:"not null;default:0"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// FreezeWindow is a period in which nothing may be deployed to its environments.
type FreezeWindow struct {
	ID              uint          `gorm:"primaryKey"`
	Name            string        `gorm:"size:120;not null"`
	Start           time.Time     `gorm:"not null;index"`
	End             time.Time     `gorm:"not null"`
	AllEnvironments bool          `gorm:"not null"`
	Environments    []Environment `gorm:"many2many:freeze_window_environments;constraint:OnDelete:CASCADE"`
	Reason          string
	// Revision counts the changes made to the record; a save based on an
	// older one is refused (see ConflictError).
	Revision  int `gorm:"not null;default:0"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Covers reports whether the window applies to environment envID.
func (f FreezeWindow) Covers(envID uint) bool {
	if f.AllEnvironments {
		return true
	}
	for _, e := range f.Environments {
		if e.ID == envID {
			return true
		}
	}
	return false
}

// GoDecision is the record of a go/no-go meeting.
type GoDecision struct {
	ID         uint      `gorm:"primaryKey"`
	ReleaseID  uint      `gorm:"not null;index"`
	Release    Release   `gorm:"constraint:OnDelete:CASCADE"`
	Decision   Decision  `gorm:"size:10;not null"`
	DecidedAt  time.Time `gorm:"not null"`
	Attendees  string
	Conditions string
	Notes      string
	// Warnings keeps the readiness rules that failed when the decision was taken.
	Warnings string
	// Revision counts the changes made to the record; a save based on an
	// older one is refused (see ConflictError).
	Revision  int `gorm:"not null;default:0"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ObjectivesMet says how far a release reached what it set out to do.
type ObjectivesMet string

// How far objectives were met.
const (
	ObjectivesYes    ObjectivesMet = "yes"
	ObjectivesPartly ObjectivesMet = "partly"
	ObjectivesNo     ObjectivesMet = "no"
)

// ObjectivesOptions lists every answer to "objectives met".
var ObjectivesOptions = []ObjectivesMet{ObjectivesYes, ObjectivesPartly, ObjectivesNo}

var objectivesLabels = map[ObjectivesMet]string{ObjectivesYes: "Yes", ObjectivesPartly: "Partly", ObjectivesNo: "No"}

// Label is the answer as a person reads it.
func (o ObjectivesMet) Label() string { return labelOr(objectivesLabels, o) }

// Valid reports whether o is a known answer.
func (o ObjectivesMet) Valid() bool { _, ok := objectivesLabels[o]; return ok }

// Review is the post-release review of a release (one per release).
type Review struct {
	ID            uint    `gorm:"primaryKey"`
	ReleaseID     uint    `gorm:"not null;uniqueIndex"`
	Release       Release `gorm:"constraint:OnDelete:CASCADE"`
	HeldOn        Date
	Facilitator   string        `gorm:"size:120"`
	Verdict       Verdict       `gorm:"size:30;not null"`
	ObjectivesMet ObjectivesMet `gorm:"size:10;not null"`
	Summary       string
	WentWell      string
	WentBadly     string
	Lessons       string
	Actions       []ActionItem `gorm:"constraint:OnDelete:CASCADE"`
	// Revision counts the changes made to the record; a save based on an
	// older one is refused (see ConflictError).
	Revision  int `gorm:"not null;default:0"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ActionItem is a follow-up agreed in a review.
type ActionItem struct {
	ID       uint   `gorm:"primaryKey"`
	ReviewID uint   `gorm:"not null;index"`
	Title    string `gorm:"size:200;not null"`
	Owner    string `gorm:"size:120"`
	Due      Date
	Status   ActionStatus `gorm:"size:10;not null"`
	// Revision counts the changes made to the record; a save based on an
	// older one is refused (see ConflictError).
	Revision  int `gorm:"not null;default:0"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// History is one recorded change: what, which field, old and new value, when.
type History struct {
	ID        uint   `gorm:"primaryKey"`
	Entity    string `gorm:"size:40;not null;index:idx_history_entity"`
	EntityID  uint   `gorm:"not null;index:idx_history_entity"`
	ReleaseID *uint  `gorm:"index"`
	Action    string `gorm:"size:10;not null"`
	Field     string `gorm:"size:60"`
	OldValue  string
	NewValue  string
	At        time.Time `gorm:"not null;index"`
	// Who made the change: the name set in Settings, else the user signed in.
	Who string `gorm:"size:120"`
}

// TableName keeps the history table's name singular, as people say it.
func (History) TableName() string { return "history" }
