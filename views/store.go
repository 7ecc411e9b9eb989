package views

import (
	"context"

	"releasedesk/data"
)

// ReleaseStore is what the Releases screen needs from the database.
// *data.Store satisfies it; tests may use the real store on a temporary file.
type ReleaseStore interface {
	ListReleases(ctx context.Context, f data.ReleaseFilter) ([]data.Release, error)
	CountReleases(ctx context.Context, f data.ReleaseFilter) (int, error)
	Release(ctx context.Context, id uint) (data.Release, error)
	SaveRelease(ctx context.Context, r *data.Release) error
	DeleteRelease(ctx context.Context, id uint) (data.ReleaseSnapshot, error)
	RestoreRelease(ctx context.Context, snap data.ReleaseSnapshot) error
	Products(ctx context.Context) ([]data.Product, error)
	ProductNamed(ctx context.Context, name string, create bool) (data.Product, error)
}

var _ ReleaseStore = (*data.Store)(nil)
