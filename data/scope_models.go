package data

import "time"

// WorkItemKind says what a work item brings to a release.
type WorkItemKind string

// Work item kinds, in the order release notes group them.
const (
	WorkFeature     WorkItemKind = "feature"
	WorkFix         WorkItemKind = "fix"
	WorkImprovement WorkItemKind = "improvement"
	WorkSecurity    WorkItemKind = "security"
	WorkTask        WorkItemKind = "task"
)

// WorkItemKinds lists every kind in release-notes order.
var WorkItemKinds = []WorkItemKind{WorkFeature, WorkFix, WorkImprovement, WorkSecurity, WorkTask}

var workKindLabels = map[WorkItemKind]string{
	WorkFeature: "Feature", WorkFix: "Fix", WorkImprovement: "Improvement", WorkSecurity: "Security", WorkTask: "Task",
}

var workKindGroups = map[WorkItemKind]string{
	WorkFeature: "Features", WorkFix: "Fixes", WorkImprovement: "Improvements", WorkSecurity: "Security", WorkTask: "Tasks",
}

// Label is the kind as a person reads it.
func (k WorkItemKind) Label() string { return labelOr(workKindLabels, k) }

// Group is the heading release notes put items of this kind under ("Fixes").
func (k WorkItemKind) Group() string { return labelOr(workKindGroups, k) }

// Valid reports whether k is a known kind.
func (k WorkItemKind) Valid() bool { _, ok := workKindLabels[k]; return ok }

// WorkItemStatus is how far a work item has got.
type WorkItemStatus string

// Work item statuses: open and in progress are unfinished (they carry over
// when a release is cut), done shipped, dropped will not ship.
const (
	WorkOpen       WorkItemStatus = "open"
	WorkInProgress WorkItemStatus = "in_progress"
	WorkDone       WorkItemStatus = "done"
	WorkDropped    WorkItemStatus = "dropped"
)

// WorkItemStatuses lists every status, from not started to finished.
var WorkItemStatuses = []WorkItemStatus{WorkOpen, WorkInProgress, WorkDone, WorkDropped}

var workStatusLabels = map[WorkItemStatus]string{
	WorkOpen: "Open", WorkInProgress: "In progress", WorkDone: "Done", WorkDropped: "Dropped",
}

// Label is the status as a person reads it.
func (s WorkItemStatus) Label() string { return labelOr(workStatusLabels, s) }

// Valid reports whether s is a known status.
func (s WorkItemStatus) Valid() bool { _, ok := workStatusLabels[s]; return ok }

// Unfinished reports whether the work still has to be done: what a cut
// release carries over to the next one.
func (s WorkItemStatus) Unfinished() bool { return s == WorkOpen || s == WorkInProgress }

// WorkItem is one feature, fix or change a release delivers (its scope).
type WorkItem struct {
	ID        uint    `gorm:"primaryKey"`
	ReleaseID uint    `gorm:"not null;uniqueIndex:idx_work_item_release_key"`
	Release   Release `gorm:"constraint:OnDelete:CASCADE"`
	// Key names the item where the team tracks it, such as PAY-101.
	Key     string         `gorm:"size:40;not null;uniqueIndex:idx_work_item_release_key"`
	Summary string         `gorm:"size:255;not null"`
	Kind    WorkItemKind   `gorm:"size:20;not null"`
	Status  WorkItemStatus `gorm:"size:20;not null"`
	// Component is the part of the product the item touches.
	Component string `gorm:"size:120"`
	// Link is the item's page in the tracker (http or https), or "".
	Link string `gorm:"size:500"`
	// CustomerFacing items are the ones release notes show by default.
	CustomerFacing bool `gorm:"not null"`
	Notes          string
	// Revision counts the changes made to the record; a save based on an
	// older one is refused (see ConflictError).
	Revision  int `gorm:"not null;default:0"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Dependency says that a release needs another one on an environment
// before it may go there itself.
type Dependency struct {
	ID        uint    `gorm:"primaryKey"`
	ReleaseID uint    `gorm:"not null;uniqueIndex:idx_dependency_pair"`
	Release   Release `gorm:"constraint:OnDelete:CASCADE"`
	// RequiresID is the release that must be there first.
	RequiresID uint    `gorm:"not null;index;uniqueIndex:idx_dependency_pair"`
	Requires   Release `gorm:"foreignKey:RequiresID;constraint:OnDelete:CASCADE"`
	// EnvironmentID is where the required release must be (Production unless chosen).
	EnvironmentID uint        `gorm:"not null;index;uniqueIndex:idx_dependency_pair"`
	Environment   Environment `gorm:"constraint:OnDelete:RESTRICT"`
	Note          string
	// Revision counts the changes made to the record; a save based on an
	// older one is refused (see ConflictError).
	Revision  int `gorm:"not null;default:0"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Replan records one change of a committed release's dates and why it was made.
type Replan struct {
	ID            uint      `gorm:"primaryKey"`
	ReleaseID     uint      `gorm:"not null;index"`
	Release       Release   `gorm:"constraint:OnDelete:CASCADE"`
	At            time.Time `gorm:"not null"`
	OldCodeFreeze Date
	OldRelease    Date
	NewCodeFreeze Date
	NewRelease    Date
	Reason        string `gorm:"not null"`
	CreatedAt     time.Time
}

// Entity names of the scope in history.
const (
	EntityWorkItem   = "work_item"
	EntityDependency = "dependency"
	EntityReplan     = "replan"
)

// The longest values the scope's free-text fields take (runes); the schema
// sizes in the models above match them.
const (
	MaxWorkItemKey       = 40
	MaxWorkItemSummary   = 255 // Jira's own limit for a summary
	MaxWorkItemComponent = 120
	MaxWorkItemLink      = 500
	MaxWorkItemNotes     = 4000
	MaxDependencyNote    = 1000
	MaxReplanReason      = 1000
)
