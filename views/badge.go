package views

import (
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

	tone tone
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
func (b *Badge) SetStatus(s data.ReleaseStatus) { b.set(s.Label(), toneOr(statusTones, s)) }

// SetOutcome shows deployment outcome o.
func (b *Badge) SetOutcome(o data.Outcome) { b.set(o.Label(), toneOr(outcomeTones, o)) }

// SetRisk shows risk level r.
func (b *Badge) SetRisk(r data.Risk) { b.set(r.Label(), toneOr(riskTones, r)) }

func (b *Badge) set(text string, t tone) {
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
	c := r.b.tone.on(v)
	r.text.Text = r.b.Text
	r.text.Color = c
	r.text.TextSize = th.Size(theme.SizeNameCaptionText) + 1
	r.bg.FillColor = withAlpha(c, 0x2a)
	r.bg.StrokeColor = withAlpha(c, 0x55)
	r.bg.StrokeWidth = 1
	r.Layout(r.b.Size())
	r.bg.Refresh()
	r.text.Refresh()
}

func (r *badgeRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.text} }

func (r *badgeRenderer) Destroy() {}
