package main

import (
	"testing"

	"releasedesk/app"
)

func TestEmbeddedFyneAppTomlIsComplete(t *testing.T) {
	if err := app.SetMetadata(fyneAppToml); err != nil {
		t.Fatal(err)
	}
}
