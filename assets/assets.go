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

//go:embed logo.png
var logoPNG []byte

// Logo is the icon at 64x64 for the sidebar, where it shows at 32 points: the
// full icon would be decoded and kept as a 1 MB image and a 1 MB texture.
var Logo = fyne.NewStaticResource("logo.png", logoPNG)
