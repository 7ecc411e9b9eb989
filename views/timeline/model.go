package timeline

import (
	"fmt"
	"releasedesk/views/kit"
	"strings"
	"time"
)

// Outcome values of Bar.Outcome, matching the deployment outcomes of the spec.
const (
	OutcomePlanned    = "planned"
	OutcomeInProgress = "in_progress"
	OutcomeSucceeded  = "succeeded"
	OutcomeFailed     = "failed"
	OutcomeRolledBack = "rolled_back"
)

// Row is one release on the timeline.
type Row struct {
	ID      uint      // release ID, passed back in OnSelected and OnOpened
	Group   string    // product name; rows are grouped under it
	Label   string    // version, e.g. "2.4.0"
	Title   string    // short release title shown after the version
	Status  string    // lifecycle status shown at the right of the label column
	Planned time.Time // planned release date (local midnight), zero when unknown
	Bars    []Bar     // deployments of the release, in any order

	// CodeFreeze is the planned code freeze (a calendar day): with Planned
	// it spans the release's own bar. Zero draws no bar.
	CodeFreeze time.Time
	// Baseline is drawn as a ghost bar behind the release's own bar when it
	// differs from the current dates: the release was re-planned.
	Baseline Baseline
}

// Baseline is a release's first committed code freeze and release date.
type Baseline struct {
	Freeze, Release time.Time // calendar days; zero when not known
	Replans         int       // how often the dates changed, for the hover text
}

// Bar is one deployment of a release to an environment.
type Bar struct {
	ID           uint   // deployment ID, passed back in OnSelected and OnMoved
	Env          string // environment name
	EnvIndex     int    // position in the promotion path; picks the colour
	PlannedStart time.Time
	PlannedEnd   time.Time
	ActualStart  time.Time // zero when not started
	ActualEnd    time.Time // zero while running or not started
	Outcome      string    // one of the Outcome constants; "" means planned
	Conflict     bool      // drawn with a conflict outline
	Label        string    // text drawn on or next to the bar; Env when empty
	Tooltip      string    // extra detail appended to the hover text
}

// Freeze is a change freeze window shaded across the chart.
type Freeze struct {
	Name  string
	Start time.Time
	End   time.Time
	Envs  []int // EnvIndex values the freeze applies to; empty means all
}

// Zoom is the horizontal scale of the timeline in pixels per day.
type Zoom float32

// Zoom presets and limits; any value between MinZoom and MaxZoom is allowed.
const (
	ZoomWeek    Zoom = 48
	ZoomMonth   Zoom = 12
	ZoomQuarter Zoom = 4
	MinZoom     Zoom = 1
	MaxZoom     Zoom = 240
)

// String names the preset a zoom is closest to, for menus and status lines.
func (z Zoom) String() string {
	switch {
	case z >= (ZoomWeek+ZoomMonth)/2:
		return "Week"
	case z >= (ZoomMonth+ZoomQuarter)/2:
		return "Month"
	default:
		return "Quarter"
	}
}

// clampZoom keeps a zoom inside [MinZoom, MaxZoom]; NaN and zero fall back to ZoomMonth.
func clampZoom(z Zoom) Zoom {
	if z != z || z <= 0 { // NaN or unset
		return ZoomMonth
	}
	return min(max(z, MinZoom), MaxZoom)
}

// outcomeOf normalises an outcome string; unknown and empty values count as planned.
func outcomeOf(b *Bar) string {
	switch o := strings.ToLower(strings.TrimSpace(b.Outcome)); o {
	case OutcomeInProgress, OutcomeSucceeded, OutcomeFailed, OutcomeRolledBack:
		return o
	case "in progress", "in-progress":
		return OutcomeInProgress
	case "rolled back", "rolled-back", "rollback":
		return OutcomeRolledBack
	default:
		return OutcomePlanned
	}
}

// started reports whether the bar has an actual window to draw.
func (b *Bar) started() bool { return !b.ActualStart.IsZero() }

// draggable reports whether the bar may be rescheduled by dragging.
func (b *Bar) draggable() bool {
	return outcomeOf(b) == OutcomePlanned && !b.started() && !b.PlannedStart.IsZero()
}

// actualWindow returns the drawn actual window; a running deployment ends at now.
func (b *Bar) actualWindow(now time.Time) (time.Time, time.Time) {
	end := b.ActualEnd
	if end.IsZero() || end.Before(b.ActualStart) {
		end = b.ActualStart
		if now.After(end) && outcomeOf(b) == OutcomeInProgress {
			end = now
		}
	}
	return b.ActualStart, end
}

// span returns the union of the planned and actual windows, used for packing
// bars into lanes and for skipping bars outside the visible time range.
func (b *Bar) span(now time.Time) (time.Time, time.Time) {
	from, to := b.PlannedStart, b.PlannedEnd
	if to.Before(from) {
		to = from
	}
	if b.started() {
		as, ae := b.actualWindow(now)
		if from.IsZero() || as.Before(from) {
			from = as
		}
		if ae.After(to) {
			to = ae
		}
	}
	return from, to
}

// hoverText describes a bar for the status line.
func hoverText(r *Row, b *Bar) string {
	var s strings.Builder
	fmt.Fprintf(&s, "%s %s", r.Group, r.Label)
	if b.Env != "" {
		fmt.Fprintf(&s, " · %s", b.Env)
	}
	fmt.Fprintf(&s, " · planned %s", formatWindow(b.PlannedStart, b.PlannedEnd))
	if b.started() {
		fmt.Fprintf(&s, " · actual %s", formatWindow(b.ActualStart, b.ActualEnd))
	}
	fmt.Fprintf(&s, " · %s", outcomeLabel(outcomeOf(b)))
	if b.Conflict {
		s.WriteString(" · conflict")
	}
	if b.Tooltip != "" {
		fmt.Fprintf(&s, " · %s", b.Tooltip)
	}
	return s.String()
}

// rowText describes a release for the status line.
func rowText(r *Row) string {
	s := strings.TrimSpace(r.Group + " " + r.Label)
	if r.Title != "" {
		s += " · " + r.Title
	}
	if r.Status != "" {
		s += " · " + r.Status
	}
	if !r.Planned.IsZero() {
		s += " · release " + kit.FormatDayOf(r.Planned)
	}
	return s + scheduleText(r)
}

// formatWindow prints a window as every screen does (kit.FormatSpan).
func formatWindow(from, to time.Time) string {
	if from.IsZero() {
		return "unscheduled"
	}
	if to.IsZero() {
		return kit.FormatSpan(from, nil)
	}
	return kit.FormatSpan(from, &to)
}

// outcomeLabel turns an outcome constant into words.
func outcomeLabel(o string) string {
	switch o {
	case OutcomeInProgress:
		return "in progress"
	case OutcomeRolledBack:
		return "rolled back"
	default:
		return o
	}
}
