package data

import "context"

// loadReviewScope adds to d what the review workbook's Scope sheet shows:
// the release's work items, its re-plans and what it requires.
func (s *Store) loadReviewScope(ctx context.Context, id uint, d *ReviewData) error {
	var err error
	if d.Scope, err = s.WorkItems(ctx, id, WorkItemFilter{}); err != nil {
		return err
	}
	if d.Replans, err = s.Replans(ctx, id); err != nil {
		return err
	}
	d.Requires, _, err = s.Dependencies(ctx, id)
	return err
}
