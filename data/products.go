package data

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"
)

// Products lists every product by name.
func (s *Store) Products(ctx context.Context) ([]Product, error) {
	var out []Product
	err := s.read(ctx).Order("name").Find(&out).Error
	return out, err
}

// SaveProduct creates p (ID 0) or renames/redescribes it; names are unique.
func (s *Store) SaveProduct(ctx context.Context, p *Product) error {
	p.Name = strings.TrimSpace(p.Name)
	var pr problems
	pr.required("Name", p.Name)
	pr.limits(p)
	if err := pr.err(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		return s.saveProduct(tx, p)
	})
}

func (s *Store) saveProduct(tx *gorm.DB, p *Product) error {
	var clash Product
	err := tx.Where("LOWER(name) = ? AND id <> ?", strings.ToLower(p.Name), p.ID).Take(&clash).Error
	if err == nil {
		return fieldError("Name", "a product named %s already exists", clash.Name)
	} else if !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	if p.ID == 0 {
		if err := tx.Create(p).Error; err != nil {
			return translate(err)
		}
		return s.journal(tx, EntityProduct, p.ID, 0).created(p)
	}
	if err := s.requireRevision(tx, EntityProduct, p.ID, p.Revision); err != nil {
		return err
	}
	var old Product
	if err := tx.First(&old, p.ID).Error; err != nil {
		return notFound(err, "product", p.ID)
	}
	p.CreatedAt = old.CreatedAt
	if unchanged(&old, p) {
		return nil // nothing to save: the revision stays, and nobody is told of a change
	}
	if err := tx.Save(p).Error; err != nil {
		return translate(err)
	}
	if err := s.journal(tx, EntityProduct, p.ID, 0).updated(&old, p); err != nil {
		return err
	}
	return s.readRevision(tx, EntityProduct, p.ID, &p.Revision)
}

// ProductNamed returns the product with this name (any case), creating it when
// create is true and there is none.
func (s *Store) ProductNamed(ctx context.Context, name string, create bool) (Product, error) {
	var p Product
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var err error
		p, err = s.productNamed(tx, name, create)
		return err
	})
	return p, err
}

func (s *Store) productNamed(tx *gorm.DB, name string, create bool) (Product, error) {
	name = strings.TrimSpace(name)
	var p Product
	err := tx.Where("LOWER(name) = ?", strings.ToLower(name)).Take(&p).Error
	if errors.Is(err, gorm.ErrRecordNotFound) && create {
		p = Product{Name: name}
		if name == "" {
			return p, fieldError("Product", "is required")
		}
		if utf8.RuneCountInString(name) > MaxNameLength {
			return p, fieldError("Product", "is longer than %d characters", MaxNameLength)
		}
		return p, s.saveProduct(tx, &p)
	}
	return p, notFound(err, "product", name)
}

// DeleteProduct removes a product that has no releases.
func (s *Store) DeleteProduct(ctx context.Context, id uint) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var p Product
		if err := tx.First(&p, id).Error; err != nil {
			return notFound(err, "product", id)
		}
		var n int64
		if err := tx.Model(&Release{}).Where("product_id = ?", id).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return fieldError("Name", "%s still has %d releases", p.Name, n)
		}
		if err := tx.Delete(&p).Error; err != nil {
			return translate(err)
		}
		return s.journal(tx, EntityProduct, id, 0).deleted(&p)
	})
}
