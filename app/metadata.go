package app

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"github.com/BurntSushi/toml"
)

// fyneAppFile is the part of FyneApp.toml that Release Desk reads; `fyne
// package` reads the same file, so the name, id and version live there alone.
type fyneAppFile struct {
	Details struct {
		Icon, Name, ID, Version string
		Build                   int
	}
	Migrations map[string]bool
}

// SetMetadata makes what FyneApp.toml (its text, as main embeds it) says of
// the app its metadata: name, id, version and build, which Help > About shows.
func SetMetadata(fyneAppToml []byte) error {
	m, err := parseMetadata(fyneAppToml)
	if err != nil {
		return err
	}
	fyneapp.SetMetadata(m)
	return nil
}

// parseMetadata reads the metadata out of FyneApp.toml's text; a file
// without a name, id or version is refused.
func parseMetadata(text []byte) (fyne.AppMetadata, error) {
	var f fyneAppFile
	if _, err := toml.Decode(string(text), &f); err != nil {
		return fyne.AppMetadata{}, fmt.Errorf("FyneApp.toml: %w", err)
	}
	d := f.Details
	var missing []error
	for _, field := range []struct{ name, value string }{{"Name", d.Name}, {"ID", d.ID}, {"Version", d.Version}} {
		if field.value == "" {
			missing = append(missing, fmt.Errorf("FyneApp.toml: [Details] has no %s", field.name))
		}
	}
	if err := errors.Join(missing...); err != nil {
		return fyne.AppMetadata{}, err
	}
	return fyne.AppMetadata{ID: d.ID, Name: d.Name, Version: d.Version, Build: d.Build, Migrations: f.Migrations}, nil
}
