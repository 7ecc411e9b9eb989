package data

import "gorm.io/gorm"

// migrateScaleIndexes fits the indexes to a ten-year plan: it drops the
// single-column deployment indexes that the covering rule indexes of 0003
// made redundant (a quarter of a big file, which every quick check reads)
// and lets the delivery metrics find the releases that went out in a period
// without reading every released one.
//
// Like every migration, the statements are spelled out here and never change.
func migrateScaleIndexes(tx *gorm.DB) error {
	for _, stmt := range []string{
		"DROP INDEX IF EXISTS idx_deployments_planned_start",
		"DROP INDEX IF EXISTS idx_deployments_planned_end",
		"DROP INDEX IF EXISTS idx_deployments_actual_start",
		// Lookups by release use idx_deployments_release_path, which starts with it.
		"DROP INDEX IF EXISTS idx_deployments_release_id",
		"CREATE INDEX IF NOT EXISTS idx_releases_actual_release ON releases (actual_release)",
	} {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
