// Package assets holds Release Desk's bundled resources, embedded into the
// binary so the program needs no files beside it.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is the application icon: a calendar page with an up arrow on an indigo tile.
var Icon = fyne.NewStaticResource("icon.png", iconPNG)
