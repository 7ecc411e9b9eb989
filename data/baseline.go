package data

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// A release's dates are a commitment once it is planned: from then on a
// change of its code freeze or release date is a re-plan, which needs a
// reason, and the dates it had first are kept as its baseline. A draft is
// still being worked out and a cancelled release will not ship, so their
// dates commit nobody.

// Committed reports whether a release in status s has committed dates:
// planned, in progress, released or rolled back.
func (s ReleaseStatus) Committed() bool {
	return s == StatusPlanned || s == StatusInProgress || s == StatusReleased || s == StatusRolledBack
}

// Baseline returns the release's first committed code freeze and release
// date: the ones kept at its first re-plan, or its current dates while it
// is committed and was never re-planned; zero dates when it has none.
func (r Release) Baseline() (freeze, release Date) {
	if !r.BaselineRelease.IsZero() || !r.BaselineFreeze.IsZero() {
		return r.BaselineFreeze, r.BaselineRelease
	}
	if r.Status.Committed() {
		return r.CodeFreeze, r.PlannedRelease
	}
	return Date{}, Date{}
}

// BaselineSlipDays is how many days the release ships after its baseline
// release date (negative when earlier): its actual release date once it
// has one, its planned date until then. ok is false without a baseline.
func (r Release) BaselineSlipDays() (days int, ok bool) {
	_, base := r.Baseline()
	end := r.PlannedRelease
	if !r.ActualRelease.IsZero() {
		end = r.ActualRelease
	}
	if base.IsZero() || end.IsZero() {
		return 0, false
	}
	return base.DaysUntil(end), true
}

// keepBaseline is SaveRelease's hook for the baseline, run inside its
// transaction before r is written. The baseline always comes from the
// stored release, never from the caller (a new release has none). When a
// committed release's dates change, r.ReplanReason must say why: the
// re-plan is recorded with it (and its history) and, at the first one, the
// dates it replaces become the stored baseline. Until then a committed
// release's baseline is its current dates (see Release.Baseline). The
// reason is consumed: r.ReplanReason is empty afterwards.
func (s *Store) keepBaseline(tx *gorm.DB, r *Release) error {
	reason := strings.TrimSpace(r.ReplanReason)
	defer func() { r.ReplanReason = "" }()
	var old Release
	if r.ID != 0 {
		err := tx.Select("id, status, code_freeze, planned_release, baseline_freeze, baseline_release").Take(&old, r.ID).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil // SaveRelease reports the missing release
		} else if err != nil {
			return err
		}
	}
	r.BaselineFreeze, r.BaselineRelease = old.BaselineFreeze, old.BaselineRelease
	if err := ValidateReplan(old, *r); err != nil || !Replanning(old, *r) {
		return err
	}
	if r.BaselineFreeze.IsZero() && r.BaselineRelease.IsZero() {
		r.BaselineFreeze, r.BaselineRelease = old.CodeFreeze, old.PlannedRelease
	}
	rp := Replan{ReleaseID: r.ID, At: s.Now().UTC(), OldCodeFreeze: old.CodeFreeze, OldRelease: old.PlannedRelease,
		NewCodeFreeze: r.CodeFreeze, NewRelease: r.PlannedRelease, Reason: reason}
	if err := tx.Omit(clause.Associations).Create(&rp).Error; err != nil {
		return translate(err)
	}
	return s.journal(tx, EntityReplan, rp.ID, r.ID).created(&rp)
}

// Replanning reports whether r moves the code freeze or planned release of
// stored, a committed release: a re-plan, which needs a reason.
func Replanning(stored, r Release) bool {
	return stored.ID != 0 && stored.Status.Committed() &&
		(!stored.CodeFreeze.Equal(r.CodeFreeze) || !stored.PlannedRelease.Equal(r.PlannedRelease))
}

// ValidateReplan checks r's re-plan reason as SaveRelease does against the
// stored release: at most MaxReplanReason characters, and given whenever r
// re-plans stored (see Replanning). It returns a *ValidationError or nil.
func ValidateReplan(stored, r Release) error {
	reason := strings.TrimSpace(r.ReplanReason)
	if utf8.RuneCountInString(reason) > MaxReplanReason {
		return fieldError("ReplanReason", "is longer than %d characters", MaxReplanReason)
	}
	if reason == "" && Replanning(stored, r) {
		return fieldError("ReplanReason", "say why the dates change: they were committed once the release was planned")
	}
	return nil
}

// Replans lists the re-plans of a release, oldest first.
func (s *Store) Replans(ctx context.Context, releaseID uint) ([]Replan, error) {
	var out []Replan
	err := s.read(ctx).Where("release_id = ?", releaseID).Order("at, id").Find(&out).Error
	return out, err
}

// Baseline is a release's planned bar and the baseline behind it, as the
// timeline draws them.
type Baseline struct {
	ReleaseID                   uint
	CodeFreeze, PlannedRelease  Date
	BaselineFreeze, BaselineDay Date // zero when the release has no baseline
	Replans                     int
}

// Baselines returns the baseline of each release in ids that has one
// (committed or re-planned), with how often it was re-planned.
func (s *Store) Baselines(ctx context.Context, ids []uint) (map[uint]Baseline, error) {
	out := map[uint]Baseline{}
	for chunk := range slices.Chunk(ids, inChunk) {
		var rels []Release
		err := s.read(ctx).Select("id, status, code_freeze, planned_release, actual_release, baseline_freeze, baseline_release").
			Where("id IN ?", chunk).Find(&rels).Error
		if err != nil {
			return nil, err
		}
		var counts []struct {
			ReleaseID uint
			N         int
		}
		if err := s.read(ctx).Table("replans").Select("release_id, COUNT(*) AS n").Where("release_id IN ?", chunk).
			Group("release_id").Scan(&counts).Error; err != nil {
			return nil, err
		}
		replans := map[uint]int{}
		for _, c := range counts {
			replans[c.ReleaseID] = c.N
		}
		for _, r := range rels {
			freeze, day := r.Baseline()
			if day.IsZero() && freeze.IsZero() {
				continue
			}
			out[r.ID] = Baseline{ReleaseID: r.ID, CodeFreeze: r.CodeFreeze, PlannedRelease: r.PlannedRelease,
				BaselineFreeze: freeze, BaselineDay: day, Replans: replans[r.ID]}
		}
	}
	return out, nil
}

// baselineSlipFigure summarises, for [from, to), how many days releases
// shipped after their baseline release date.
func (in *metricsInput) baselineSlipFigure(from, to time.Time) Summary {
	var days []float64
	for _, f := range in.baselineSlips {
		if !f.at.Before(from) && f.at.Before(to) {
			days = append(days, f.days)
		}
	}
	return summarize(days)
}
