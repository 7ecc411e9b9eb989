package kit

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
)

var _ fyne.Widget = (*Badge)(nil)

// Badge is a small coloured pill naming a state, such as a release status.
// Its colour comes from the shared palette, so a state looks the same on every screen.
type Badge struct {
	widget.BaseWidget
	// Text is what the pill says.
	Text string

	tone Tone
}

// NewBadge returns an empty badge; set its state with SetStatus, SetOutcome or SetRisk.
func NewBadge() *Badge {
	b := &Badge{}
	b.ExtendBaseWidget(b)
	return b
}

// NewStatusBadge returns a badge showing a release status.
func NewStatusBadge(s data.ReleaseStatus) *Badge {
	b := NewBadge()
	b.SetStatus(s)
	return b
}

// SetStatus shows release status s.
func (b *Badge) SetStatus(s data.ReleaseStatus) { b.Set(s.Label(), ToneOr(statusTones, s)) }

// SetOutcome shows deployment outcome o.
func (b *Badge) SetOutcome(o data.Outcome) { b.Set(o.Label(), ToneOr(OutcomeTones, o)) }

// SetRisk shows risk level r.
func (b *Badge) SetRisk(r data.Risk) { b.Set(r.Label(), ToneOr(riskTones, r)) }

// Set shows text in tone t, for states that are not a status, outcome or risk.
func (b *Badge) Set(text string, t Tone) {
	if b.Text == text && b.tone == t {
		return
	}
	b.Text, b.tone = text, t
	b.Refresh()
}

// CreateRenderer builds the pill: a rounded tinted background behind bold coloured text.
func (b *Badge) CreateRenderer() fyne.WidgetRenderer {
	b.ExtendBaseWidget(b)
	r := &badgeRenderer{b: b, bg: &canvas.Rectangle{}, text: &canvas.Text{TextStyle: fyne.TextStyle{Bold: true}}}
	r.Refresh()
	return r
}

type badgeRenderer struct {
	b    *Badge
	bg   *canvas.Rectangle
	text *canvas.Text
}

func (r *badgeRenderer) padding() (h, v float32) {
	p := r.b.Theme().Size(theme.SizeNameInnerPadding)
	return p, p / 4
}

func (r *badgeRenderer) pillSize() fyne.Size {
	h, v := r.padding()
	ts := r.text.MinSize()
	return fyne.NewSize(ts.Width+2*h, ts.Height+2*v)
}

// Layout keeps the pill at its natural width on the leading edge, centred vertically.
func (r *badgeRenderer) Layout(size fyne.Size) {
	pill := r.pillSize()
	if pill.Width > size.Width {
		pill.Width = size.Width
	}
	top := (size.Height - pill.Height) / 2
	r.bg.Move(fyne.NewPos(0, top))
	r.bg.Resize(pill)
	r.bg.CornerRadius = pill.Height / 2
	h, _ := r.padding()
	ts := r.text.MinSize()
	r.text.Move(fyne.NewPos(h, (size.Height-ts.Height)/2))
	r.text.Resize(fyne.NewSize(pill.Width-2*h, ts.Height))
}

func (r *badgeRenderer) MinSize() fyne.Size { return r.pillSize() }

// Refresh re-reads the theme so the badge follows a light/dark switch.
func (r *badgeRenderer) Refresh() {
	th := r.b.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	c := r.b.tone.On(v)
	r.text.Text = r.b.Text
	r.text.Color = c
	r.text.TextSize = th.Size(theme.SizeNameCaptionText) + 1
	r.bg.FillColor = WithAlpha(c, 0x2a)
	r.bg.StrokeColor = WithAlpha(c, 0x55)
	r.bg.StrokeWidth = 1
	r.Layout(r.b.Size())
	r.bg.Refresh()
	r.text.Refresh()
}

func (r *badgeRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.text} }

func (r *badgeRenderer) Destroy() {}

// Tone is one colour of the shared palette, in a light- and a dark-theme shade.
type Tone struct{ light, dark color.NRGBA }

// On picks the shade that reads well on the background of the current theme
// in variant v; asking the background, not the variant, suits custom themes too.
func (t Tone) On(v fyne.ThemeVariant) color.Color {
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
	ToneGrey   = Tone{color.NRGBA{R: 0x5f, G: 0x67, B: 0x75, A: 0xff}, color.NRGBA{R: 0xa8, G: 0xb0, B: 0xbd, A: 0xff}}
	ToneBlue   = Tone{color.NRGBA{R: 0x1d, G: 0x5b, B: 0xd6, A: 0xff}, color.NRGBA{R: 0x6e, G: 0xa8, B: 0xfe, A: 0xff}}
	ToneAmber  = Tone{color.NRGBA{R: 0xb4, G: 0x5f, B: 0x06, A: 0xff}, color.NRGBA{R: 0xfb, G: 0xbf, B: 0x24, A: 0xff}}
	ToneGreen  = Tone{color.NRGBA{R: 0x15, G: 0x80, B: 0x3d, A: 0xff}, color.NRGBA{R: 0x4a, G: 0xde, B: 0x80, A: 0xff}}
	ToneRed    = Tone{color.NRGBA{R: 0xc5, G: 0x22, B: 0x22, A: 0xff}, color.NRGBA{R: 0xf8, G: 0x71, B: 0x71, A: 0xff}}
	TonePurple = Tone{color.NRGBA{R: 0x6d, G: 0x28, B: 0xd9, A: 0xff}, color.NRGBA{R: 0xc0, G: 0x84, B: 0xfc, A: 0xff}}
)

var statusTones = map[data.ReleaseStatus]Tone{
	data.StatusDraft:      ToneGrey,
	data.StatusPlanned:    ToneBlue,
	data.StatusInProgress: ToneAmber,
	data.StatusReleased:   ToneGreen,
	data.StatusRolledBack: ToneRed,
	data.StatusCancelled:  ToneGrey,
}

// OutcomeTones gives each deployment outcome its tone, for panels tinted like its badge.
var OutcomeTones = map[data.Outcome]Tone{
	data.OutcomePlanned:    ToneBlue,
	data.OutcomeInProgress: ToneAmber,
	data.OutcomeSucceeded:  ToneGreen,
	data.OutcomeFailed:     ToneRed,
	data.OutcomeRolledBack: TonePurple,
}

var riskTones = map[data.Risk]Tone{
	data.RiskLow:    ToneGreen,
	data.RiskMedium: ToneAmber,
	data.RiskHigh:   ToneRed,
}

// StatusColor is the colour of a release status on the theme variant v.
func StatusColor(s data.ReleaseStatus, v fyne.ThemeVariant) color.Color {
	return ToneOr(statusTones, s).On(v)
}

// OutcomeColor is the colour of a deployment outcome on the theme variant v.
func OutcomeColor(o data.Outcome, v fyne.ThemeVariant) color.Color {
	return ToneOr(OutcomeTones, o).On(v)
}

// RiskColor is the colour of a risk level on the theme variant v.
func RiskColor(r data.Risk, v fyne.ThemeVariant) color.Color {
	return ToneOr(riskTones, r).On(v)
}

// ToneOr is the tone tones gives k, grey when it gives none.
func ToneOr[K comparable](tones map[K]Tone, k K) Tone {
	if t, ok := tones[k]; ok {
		return t
	}
	return ToneGrey
}

// WithAlpha returns c at the given opacity, for tinted backgrounds behind coloured text.
func WithAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}
