package views

import (
	"image/color"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"releasedesk/data"
)

// tone is one colour of the shared palette, in a light- and a dark-theme shade.
type tone struct{ light, dark color.NRGBA }

// on picks the shade that reads well on the background of the current theme
// in variant v; asking the background, not the variant, suits custom themes too.
func (t tone) on(v fyne.ThemeVariant) color.Color {
	if isDark(fyne.CurrentApp().Settings().Theme().Color(theme.ColorNameBackground, v)) {
		return t.dark
	}
	return t.light
}

// isDark reports whether c is a dark colour (relative luminance under one half).
func isDark(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return 0.2126*float64(r)+0.7152*float64(g)+0.0722*float64(b) < 0.5*0xffff
}

// The palette every screen uses for statuses, outcomes and risk, so a colour
// means the same thing everywhere.
var (
	toneGrey   = tone{color.NRGBA{R: 0x5f, G: 0x67, B: 0x75, A: 0xff}, color.NRGBA{R: 0xa8, G: 0xb0, B: 0xbd, A: 0xff}}
	toneBlue   = tone{color.NRGBA{R: 0x1d, G: 0x5b, B: 0xd6, A: 0xff}, color.NRGBA{R: 0x6e, G: 0xa8, B: 0xfe, A: 0xff}}
	toneAmber  = tone{color.NRGBA{R: 0xb4, G: 0x5f, B: 0x06, A: 0xff}, color.NRGBA{R: 0xfb, G: 0xbf, B: 0x24, A: 0xff}}
	toneGreen  = tone{color.NRGBA{R: 0x15, G: 0x80, B: 0x3d, A: 0xff}, color.NRGBA{R: 0x4a, G: 0xde, B: 0x80, A: 0xff}}
	toneRed    = tone{color.NRGBA{R: 0xc5, G: 0x22, B: 0x22, A: 0xff}, color.NRGBA{R: 0xf8, G: 0x71, B: 0x71, A: 0xff}}
	tonePurple = tone{color.NRGBA{R: 0x6d, G: 0x28, B: 0xd9, A: 0xff}, color.NRGBA{R: 0xc0, G: 0x84, B: 0xfc, A: 0xff}}
)

var statusTones = map[data.ReleaseStatus]tone{
	data.StatusDraft:      toneGrey,
	data.StatusPlanned:    toneBlue,
	data.StatusInProgress: toneAmber,
	data.StatusReleased:   toneGreen,
	data.StatusRolledBack: toneRed,
	data.StatusCancelled:  toneGrey,
}

var outcomeTones = map[data.Outcome]tone{
	data.OutcomePlanned:    toneBlue,
	data.OutcomeInProgress: toneAmber,
	data.OutcomeSucceeded:  toneGreen,
	data.OutcomeFailed:     toneRed,
	data.OutcomeRolledBack: tonePurple,
}

var riskTones = map[data.Risk]tone{
	data.RiskLow:    toneGreen,
	data.RiskMedium: toneAmber,
	data.RiskHigh:   toneRed,
}

// StatusColor is the colour of a release status on the theme variant v.
func StatusColor(s data.ReleaseStatus, v fyne.ThemeVariant) color.Color {
	return toneOr(statusTones, s).on(v)
}

// OutcomeColor is the colour of a deployment outcome on the theme variant v.
func OutcomeColor(o data.Outcome, v fyne.ThemeVariant) color.Color {
	return toneOr(outcomeTones, o).on(v)
}

// RiskColor is the colour of a risk level on the theme variant v.
func RiskColor(r data.Risk, v fyne.ThemeVariant) color.Color {
	return toneOr(riskTones, r).on(v)
}

func toneOr[K comparable](tones map[K]tone, k K) tone {
	if t, ok := tones[k]; ok {
		return t
	}
	return toneGrey
}

// withAlpha returns c at the given opacity, for tinted backgrounds behind coloured text.
func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}

// FormatDate shows a calendar day as "2 Mar 2026", or "—" when it is not set.
func FormatDate(d data.Date) string {
	if d.IsZero() {
		return "—"
	}
	return d.Time(time.UTC).Format("2 Jan 2006")
}

// FormatCount writes n with thousands separators: 2,000.
func FormatCount(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + FormatCount(-n)
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// countText says how many releases are shown: "2,000 releases" or "12 of 2,000".
func countText(shown, total int, filtered bool) string {
	if filtered {
		return FormatCount(shown) + " of " + FormatCount(total)
	}
	switch total {
	case 0:
		return "No releases"
	case 1:
		return "1 release"
	}
	return FormatCount(total) + " releases"
}
