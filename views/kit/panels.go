package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TitledPanel is a titled area of a screen on a softly tinted, rounded background:
// an icon, a title, a note such as a count, optional tools on the right, and
// the body under them.
type TitledPanel struct {
	widget.BaseWidget
	icon    *widget.Icon
	note    *widget.Label
	content fyne.CanvasObject
}

// NewTitledPanel returns a panel titled title around body; tools may be nil.
func NewTitledPanel(icon fyne.Resource, title string, tools, body fyne.CanvasObject) *TitledPanel {
	p := &TitledPanel{}
	p.ExtendBaseWidget(p)
	heading := &widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}}
	heading.ExtendBaseWidget(heading)
	p.note = &widget.Label{SizeName: theme.SizeNameCaptionText, Truncation: fyne.TextTruncateEllipsis}
	p.note.ExtendBaseWidget(p.note)
	p.icon = widget.NewIcon(icon)
	left := container.NewHBox(p.icon, heading)
	head := container.NewBorder(nil, nil, left, tools, p.note)
	p.content = container.NewBorder(container.NewVBox(head, widget.NewSeparator()), nil, nil, nil, body)
	return p
}

// SetNote shows s after the title, e.g. "12 in the next 30 days".
func (p *TitledPanel) SetNote(s string) { p.note.SetText(s) }

// Note is what SetNote last put after the title.
func (p *TitledPanel) Note() string { return p.note.Text }

// CreateRenderer draws the tinted background behind the padded content.
func (p *TitledPanel) CreateRenderer() fyne.WidgetRenderer {
	r := &titledPanelRenderer{p: p, bg: &canvas.Rectangle{}, inner: container.NewPadded(p.content)}
	r.Refresh()
	return r
}

type titledPanelRenderer struct {
	p     *TitledPanel
	bg    *canvas.Rectangle
	inner *fyne.Container
}

func (r *titledPanelRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.inner.Resize(size)
}

func (r *titledPanelRenderer) MinSize() fyne.Size { return r.inner.MinSize() }

// Refresh re-reads the theme so the panel follows a light/dark switch.
func (r *titledPanelRenderer) Refresh() {
	th, v := r.p.Theme(), fyne.CurrentApp().Settings().ThemeVariant()
	r.bg.FillColor = th.Color(theme.ColorNameHeaderBackground, v)
	r.bg.StrokeColor = th.Color(theme.ColorNameSeparator, v)
	r.bg.StrokeWidth = 1
	r.bg.CornerRadius = th.Size(theme.SizeNameInputRadius) * 2
	r.bg.Refresh()
	r.inner.Refresh()
}

func (r *titledPanelRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.inner}
}

func (r *titledPanelRenderer) Destroy() {}

// CaptionLabel returns a small label for the second line of a row.
func CaptionLabel() *widget.Label {
	l := &widget.Label{SizeName: theme.SizeNameCaptionText, Truncation: fyne.TextTruncateEllipsis}
	l.ExtendBaseWidget(l)
	return l
}

// NewBoldLine returns a bold label that truncates, for the first line of a row.
func NewBoldLine() *widget.Label {
	l := &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	l.ExtendBaseWidget(l)
	return l
}

// TintedPanel is a rounded panel tinted with a palette tone behind its
// content; it re-reads the theme when refreshed, so it follows a light/dark switch.
type TintedPanel struct {
	widget.BaseWidget
	tone    Tone
	alpha   uint8
	content fyne.CanvasObject
}

// NewTintedPanel puts content on a background of tone tn at opacity alpha.
func NewTintedPanel(tn Tone, alpha uint8, content fyne.CanvasObject) *TintedPanel {
	p := &TintedPanel{tone: tn, alpha: alpha, content: content}
	p.ExtendBaseWidget(p)
	return p
}

// CreateRenderer stacks the content on the tinted background.
func (p *TintedPanel) CreateRenderer() fyne.WidgetRenderer {
	bg := &canvas.Rectangle{StrokeWidth: 1, CornerRadius: theme.InputRadiusSize()}
	r := &tintedPanelRenderer{p: p, bg: bg, objects: []fyne.CanvasObject{bg, p.content}}
	r.Refresh()
	return r
}

type tintedPanelRenderer struct {
	p       *TintedPanel
	bg      *canvas.Rectangle
	objects []fyne.CanvasObject
}

func (r *tintedPanelRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.p.content.Resize(size)
}

func (r *tintedPanelRenderer) MinSize() fyne.Size { return r.p.content.MinSize() }

func (r *tintedPanelRenderer) Refresh() {
	c := r.p.tone.On(fyne.CurrentApp().Settings().ThemeVariant())
	r.bg.FillColor, r.bg.StrokeColor = WithAlpha(c, r.p.alpha), WithAlpha(c, 0x55)
	r.bg.Refresh()
	r.p.content.Refresh()
}

func (r *tintedPanelRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *tintedPanelRenderer) Destroy() {}

// WrappedLabel is a paragraph of explanation at the top of a dialog.
func WrappedLabel(text string) *widget.Label {
	l := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}
	l.ExtendBaseWidget(l)
	return l
}

// TintedNote is an icon and wrapped text on a panel tinted with tone.
func TintedNote(icon fyne.Resource, text string, tn Tone) fyne.CanvasObject {
	l := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}
	l.ExtendBaseWidget(l)
	return container.NewPadded(NewTintedPanel(tn, 0x1f, container.NewBorder(nil, nil, container.NewPadded(widget.NewIcon(icon)), nil, l)))
}

// EmptyNote returns a hidden, centred, muted label for where a list has nothing to show.
func EmptyNote(text string) *widget.Label {
	l := &widget.Label{Text: text, Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	l.ExtendBaseWidget(l)
	l.Hide()
	return l
}

// EmptyText returns a muted, wrapping label saying a list is empty and how to fill it.
func EmptyText(text string) *widget.Label {
	l := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	l.ExtendBaseWidget(l)
	return l
}
