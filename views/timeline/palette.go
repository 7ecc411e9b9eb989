package timeline

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// envPalette colours environments by promotion order. Mid-tone hues that read
// on light and dark backgrounds, chosen away from the red, orange and magenta
// that mark failures, rollbacks and conflicts.
var envPalette = [...]color.NRGBA{
	{R: 0x26, G: 0xa6, B: 0x9a, A: 0xff}, // teal
	{R: 0x1e, G: 0x88, B: 0xe5, A: 0xff}, // blue
	{R: 0x7e, G: 0x57, B: 0xc2, A: 0xff}, // purple
	{R: 0x7c, G: 0xb3, B: 0x42, A: 0xff}, // green
	{R: 0x3f, G: 0x51, B: 0xb5, A: 0xff}, // indigo
	{R: 0x00, G: 0xac, B: 0xc1, A: 0xff}, // cyan
	{R: 0x8d, G: 0x6e, B: 0x63, A: 0xff}, // brown
	{R: 0x78, G: 0x90, B: 0x9c, A: 0xff}, // blue grey
}

// Outcome and conflict colours are fixed so they mean the same in every theme.
// They are held as color.Color so drawing does not box them again every frame.
var (
	failedColor     color.Color = color.NRGBA{R: 0xe5, G: 0x39, B: 0x35, A: 0xff}
	rolledBackColor color.Color = color.NRGBA{R: 0xfb, G: 0x8c, B: 0x00, A: 0xff}
	conflictColor   color.Color = color.NRGBA{R: 0xff, G: 0x1f, B: 0xa8, A: 0xff}
)

// envStyle holds the derived colours of one palette entry.
type envStyle struct {
	solid, text            color.Color // a started bar and its label
	planned                color.Color // fill of a bar not started yet
	faint, faintEdge       color.Color // the planned window behind an actual one
	freezeFill, freezeEdge color.Color // a freeze of only some environments
}

// envStyles is derived once from envPalette.
var envStyles = func() (s [len(envPalette)]envStyle) {
	for i, c := range envPalette {
		s[i] = envStyle{
			solid: c, text: textOn(c), planned: withAlpha(c, 0x50),
			faint: withAlpha(c, 0x38), faintEdge: withAlpha(c, 0x90),
			freezeFill: withAlpha(c, 0x30), freezeEdge: withAlpha(c, 0xc0),
		}
	}
	return s
}()

// styleOf returns the colours of an environment by promotion index.
func styleOf(envIndex int) *envStyle {
	n := len(envStyles)
	return &envStyles[((envIndex%n)+n)%n]
}

// EnvColor returns the colour used for bars of the environment at a promotion
// index, so legends elsewhere in the application can match the timeline.
func EnvColor(envIndex int) color.NRGBA {
	n := len(envPalette)
	return envPalette[((envIndex%n)+n)%n]
}

// withAlpha returns c with its alpha replaced, keeping the hue.
func withAlpha(c color.Color, a uint8) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}

// textOn returns black or white, whichever reads better on a solid fill.
func textOn(c color.NRGBA) color.NRGBA {
	lum := 0.299*float64(c.R) + 0.587*float64(c.G) + 0.114*float64(c.B)
	if lum > 150 {
		return color.NRGBA{A: 0xff}
	}
	return color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
}

// colors caches the theme colours of one refresh so layout never asks the theme.
type colors struct {
	background, foreground, muted, separator color.Color
	header, headerText, groupBand            color.Color
	selection, hover, primary, focus         color.Color
	freezeAll, freezeEdge, weekend, grid     color.Color
	gridMajor, milestone, todayText          color.Color
	groupSpan                                color.Color
	// Held as NRGBA, not boxed in color.Color, so reading the theme on
	// every refresh allocates no more than it did: they are only used to paint.
	releaseBar, releaseEdge            color.NRGBA // a release's own bar
	baseline, baselineEdge, dependency color.NRGBA
	textSize, captionSize, padding     float32
}

// readColors fetches the palette from the widget's theme for the current variant.
func readColors(th fyne.Theme) colors {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }
	fg := c(theme.ColorNameForeground)
	return colors{
		background:   c(theme.ColorNameBackground),
		foreground:   fg,
		muted:        c(theme.ColorNamePlaceHolder),
		separator:    c(theme.ColorNameSeparator),
		header:       c(theme.ColorNameHeaderBackground),
		headerText:   fg,
		groupBand:    c(theme.ColorNameInputBackground),
		selection:    c(theme.ColorNameSelection),
		hover:        c(theme.ColorNameHover),
		primary:      c(theme.ColorNamePrimary),
		focus:        c(theme.ColorNameFocus),
		freezeAll:    withAlpha(fg, 0x16),
		freezeEdge:   withAlpha(fg, 0x60),
		weekend:      withAlpha(fg, 0x0e),
		grid:         withAlpha(fg, 0x14),
		gridMajor:    withAlpha(fg, 0x38),
		milestone:    fg,
		groupSpan:    withAlpha(fg, 0x40),
		releaseBar:   withAlpha(fg, 0x14),
		releaseEdge:  withAlpha(fg, 0x60),
		baseline:     withAlpha(fg, 0x50),
		baselineEdge: withAlpha(fg, 0xa0),
		dependency:   over(withAlpha(fg, 0xb0), c(theme.ColorNameBackground)),
		todayText:    c(theme.ColorNameForegroundOnPrimary),
		textSize:     th.Size(theme.SizeNameText),
		captionSize:  th.Size(theme.SizeNameCaptionText),
		padding:      th.Size(theme.SizeNamePadding),
	}
}
