package data

import (
	"context"
	"errors"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// An environment may be kept for some products: a team's own Dev and QA,
// or a Staging and Production that one business unit's products share.
// Only the releases of those products deploy there, so its bookings (and
// its conflicts) are between releases that really compete for it. An
// environment with no products listed is open to every product.

// EnvironmentProduct says that an environment is kept for a product.
type EnvironmentProduct struct {
	EnvironmentID uint `gorm:"primaryKey"`
	ProductID     uint `gorm:"primaryKey;index"`
}

// TableName names the table after what a row links.
func (EnvironmentProduct) TableName() string { return "environment_products" }

// v8EnvironmentProduct is the table as migration 0008_environment_products created it.
type v8EnvironmentProduct struct {
	EnvironmentID uint          `gorm:"primaryKey"`
	Environment   v1Environment `gorm:"constraint:OnDelete:CASCADE"`
	ProductID     uint          `gorm:"primaryKey;index"`
	Product       v1Product     `gorm:"constraint:OnDelete:CASCADE"`
}

func (v8EnvironmentProduct) TableName() string { return "environment_products" }

// migrateEnvironmentProducts adds the products an environment is kept for;
// existing environments keep none, so they stay open to every product.
func migrateEnvironmentProducts(tx *gorm.DB) error {
	return tx.AutoMigrate(&v8EnvironmentProduct{})
}

// EnvironmentProducts returns, per environment kept for some products, the
// ids of those products in ascending order; an environment open to every
// product is absent.
func (s *Store) EnvironmentProducts(ctx context.Context) (map[uint][]uint, error) {
	return environmentProducts(s.read(ctx))
}

func environmentProducts(db *gorm.DB) (map[uint][]uint, error) {
	var links []EnvironmentProduct
	if err := db.Order("environment_id, product_id").Find(&links).Error; err != nil {
		return nil, err
	}
	out := map[uint][]uint{}
	for _, l := range links {
		out[l.EnvironmentID] = append(out[l.EnvironmentID], l.ProductID)
	}
	return out, nil
}

// openToRelease is the condition on environments open to the product of release ?.
const openToRelease = "NOT EXISTS (SELECT 1 FROM environment_products ep WHERE ep.environment_id = environments.id) " +
	"OR EXISTS (SELECT 1 FROM environment_products ep JOIN releases r ON r.product_id = ep.product_id " +
	"WHERE ep.environment_id = environments.id AND r.id = ?)"

// EnvironmentsFor lists the promotion path of one product: the
// environments open to it, in order.
func (s *Store) EnvironmentsFor(ctx context.Context, productID uint) ([]Environment, error) {
	var out []Environment
	err := s.read(ctx).
		Where("NOT EXISTS (SELECT 1 FROM environment_products WHERE environment_products.environment_id = environments.id) "+
			"OR EXISTS (SELECT 1 FROM environment_products WHERE environment_products.environment_id = environments.id "+
			"AND environment_products.product_id = ?)", productID).
		Order("position, id").Find(&out).Error
	return out, err
}

// SetEnvironmentProducts keeps environment envID for the given products
// (none: open to every product), with its history. An environment cannot
// be closed to a product that already has deployments on it.
func (s *Store) SetEnvironmentProducts(ctx context.Context, envID uint, productIDs []uint) error {
	ids := slices.Clone(productIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	return s.tx(ctx, func(tx *gorm.DB) error {
		var env Environment
		if err := tx.First(&env, envID).Error; err != nil {
			return notFound(err, "environment", envID)
		}
		var products []Product
		if len(ids) > 0 {
			if err := tx.Where("id IN ?", ids).Order("name, id").Find(&products).Error; err != nil {
				return err
			}
			if len(products) != len(ids) {
				return fieldError("Products", "a chosen product no longer exists")
			}
			var stranded []string
			err := tx.Table("deployments").Joins("JOIN releases ON releases.id = deployments.release_id").
				Joins("JOIN products ON products.id = releases.product_id").
				Where("deployments.environment_id = ? AND releases.product_id NOT IN ?", envID, ids).
				Distinct("products.name").Order("products.name").Pluck("products.name", &stranded).Error
			if err != nil {
				return err
			}
			if len(stranded) > 0 {
				return fieldError("Products", "%s already has deployments of %s; keep it open to them", env.Name, strings.Join(stranded, ", "))
			}
		}
		var old []string
		err := tx.Table("environment_products").Joins("JOIN products ON products.id = environment_products.product_id").
			Where("environment_products.environment_id = ?", envID).Order("products.name, products.id").Pluck("products.name", &old).Error
		if err != nil {
			return err
		}
		if err := tx.Where("environment_id = ?", envID).Delete(&EnvironmentProduct{}).Error; err != nil {
			return err
		}
		links := make([]EnvironmentProduct, len(products))
		names := make([]string, len(products))
		for i, p := range products {
			links[i], names[i] = EnvironmentProduct{EnvironmentID: envID, ProductID: p.ID}, p.Name
		}
		if len(links) > 0 {
			if err := tx.Create(&links).Error; err != nil {
				return translate(err)
			}
		}
		if a, b := strings.Join(old, ", "), strings.Join(names, ", "); a != b {
			return s.journal(tx, EntityEnvironment, envID, 0).write(ActionUpdate, []History{{Field: "Products", OldValue: a, NewValue: b}})
		}
		return nil
	})
}

// environmentOpenTo refuses a deployment of release releaseID to env when
// env is kept for other products than the release's.
func environmentOpenTo(tx *gorm.DB, env Environment, releaseID uint) error {
	var kept []uint
	if err := tx.Model(&EnvironmentProduct{}).Where("environment_id = ?", env.ID).Pluck("product_id", &kept).Error; err != nil {
		return err
	}
	if len(kept) == 0 {
		return nil
	}
	var r struct {
		ProductID uint
		Name      string
	}
	err := tx.Table("releases").Select("releases.product_id, products.name").Joins("JOIN products ON products.id = releases.product_id").
		Where("releases.id = ?", releaseID).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return fieldError("Release", "does not exist")
	} else if err != nil {
		return err
	}
	if slices.Contains(kept, r.ProductID) {
		return nil
	}
	return fieldError("Environment", "%s is kept for other products than %s; choose one of %s's environments", env.Name, r.Name, r.Name)
}

// scopeRules: a deployment is on an environment open to its release's product.
func (ic *integrityRun) scopeRules() error {
	var rows []Deployment
	err := ic.scope.rows(ic.db.Table("deployments"), "deployments.release_id").
		Select("deployments.id, deployments.release_id, deployments.environment_id").
		Joins("JOIN releases ON releases.id = deployments.release_id").
		Where("EXISTS (SELECT 1 FROM environment_products ep WHERE ep.environment_id = deployments.environment_id) " +
			"AND NOT EXISTS (SELECT 1 FROM environment_products ep WHERE ep.environment_id = deployments.environment_id " +
			"AND ep.product_id = releases.product_id)").
		Order("deployments.id").Scan(&rows).Error
	if err != nil {
		return err
	}
	for _, d := range rows {
		ic.add(Record{Entity: EntityDeployment, ID: d.ID}, d.EnvironmentID, []uint{d.ReleaseID},
			"%s is on an environment kept for other products", ic.deployment(d))
	}
	return nil
}
