package data

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// DemoExtent tells the sample data apart from what the user adds later:
// GenerateDemo writes only into an empty database, so the sample records
// are those with ids up to these, taken right after it (DemoExtentNow).
type DemoExtent struct {
	Releases, Products, Environments, Stakeholders, FreezeWindows uint
}

// DemoExtentNow is the highest id of each kind of record now: right after
// GenerateDemo, the extent of the sample data.
func (s *Store) DemoExtentNow(ctx context.Context) (DemoExtent, error) {
	var e DemoExtent
	for _, c := range []struct {
		model any
		to    *uint
	}{{&Release{}, &e.Releases}, {&Product{}, &e.Products}, {&Environment{}, &e.Environments},
		{&Stakeholder{}, &e.Stakeholders}, {&FreezeWindow{}, &e.FreezeWindows}} {
		var top *uint
		if err := s.read(ctx).Model(c.model).Select("MAX(id)").Scan(&top).Error; err != nil {
			return DemoExtent{}, err
		}
		if top != nil {
			*c.to = *top
		}
	}
	return e, nil
}

// SampleData counts the sample records of a DemoExtent still in the database.
type SampleData struct {
	Releases, Products, Environments, Stakeholders, FreezeWindows int
}

// Empty reports whether no sample record is left.
func (d SampleData) Empty() bool { return d == SampleData{} }

// String says what the sample data hold: "60 releases, 4 products, 5
// environments, 25 people and 9 freeze windows".
func (d SampleData) String() string {
	return fmt.Sprintf("%s, %s, %s, %s and %s", countOf(d.Releases, "release"), countOf(d.Products, "product"),
		countOf(d.Environments, "environment"), countNoun(d.Stakeholders, "person", "people"), countOf(d.FreezeWindows, "freeze window"))
}

// SampleDataLeft counts the records of extent e still stored: the sample
// releases, and the sample products, environments, people and freeze
// windows (those the user's own records use included).
func (s *Store) SampleDataLeft(ctx context.Context, e DemoExtent) (SampleData, error) {
	var d SampleData
	err := countUpTo(s.read(ctx), e, &d)
	return d, err
}

// RemoveSampleData deletes the sample data of extent e in one transaction:
// every sample release with all it holds (deployments, people's roles,
// checklist, tests, decisions, review, scope), the sample freeze windows,
// and the sample products, environments and people that none of the user's
// own records uses; those stay, and so does everything the user added.
// Each removed release is written to history as deleted. It returns what it
// removed; on an error nothing is removed.
func (s *Store) RemoveSampleData(ctx context.Context, e DemoExtent) (SampleData, error) {
	var removed SampleData
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var rels []Release
		if err := tx.Where("id <= ?", e.Releases).Order("id").Find(&rels).Error; err != nil {
			return err
		}
		for i := range rels {
			// Children go with the release through ON DELETE CASCADE.
			if err := tx.Delete(&Release{}, rels[i].ID).Error; err != nil {
				return err
			}
			if err := s.journal(tx, EntityRelease, rels[i].ID, rels[i].ID).deleted(&rels[i]); err != nil {
				return err
			}
		}
		removed.Releases = len(rels)
		steps := []struct {
			model  any
			top    uint
			unused string
			count  *int
		}{
			{&FreezeWindow{}, e.FreezeWindows, "", &removed.FreezeWindows},
			{&Product{}, e.Products, "NOT EXISTS (SELECT 1 FROM releases WHERE releases.product_id = products.id)", &removed.Products},
			{&Environment{}, e.Environments, "NOT EXISTS (SELECT 1 FROM deployments WHERE deployments.environment_id = environments.id)" +
				" AND NOT EXISTS (SELECT 1 FROM test_runs WHERE test_runs.environment_id = environments.id)" +
				" AND NOT EXISTS (SELECT 1 FROM dependencies WHERE dependencies.environment_id = environments.id)", &removed.Environments},
			{&Stakeholder{}, e.Stakeholders, "NOT EXISTS (SELECT 1 FROM release_stakeholders WHERE release_stakeholders.stakeholder_id = stakeholders.id)",
				&removed.Stakeholders},
		}
		for _, st := range steps {
			q := tx.Where("id <= ?", st.top)
			if st.unused != "" {
				q = q.Where(st.unused)
			}
			res := q.Delete(st.model)
			if res.Error != nil {
				return translate(res.Error)
			}
			*st.count = int(res.RowsAffected)
		}
		return nil
	})
	if err != nil {
		return SampleData{}, err
	}
	return removed, nil
}

// countUpTo counts the records of each kind with ids up to e's.
func countUpTo(db *gorm.DB, e DemoExtent, d *SampleData) error {
	for _, c := range []struct {
		model any
		top   uint
		n     *int
	}{{&Release{}, e.Releases, &d.Releases}, {&Product{}, e.Products, &d.Products}, {&Environment{}, e.Environments, &d.Environments},
		{&Stakeholder{}, e.Stakeholders, &d.Stakeholders}, {&FreezeWindow{}, e.FreezeWindows, &d.FreezeWindows}} {
		var n int64
		if err := db.Model(c.model).Where("id <= ?", c.top).Count(&n).Error; err != nil {
			return err
		}
		*c.n = int(n)
	}
	return nil
}
