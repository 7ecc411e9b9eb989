package views

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// noticeTime is how long a notice stays before it goes away by itself.
const noticeTime = 10 * time.Second

// notice is a transient bar under a screen: "Deleted Payments 2.4.0 [Undo] [x]".
type notice struct {
	box *fyne.Container
	// relayout lays out the screen again once the bar appears or goes away.
	relayout func()
	bg       *canvas.Rectangle
	text     *widget.Label
	action   *widget.Button
	stop     func()
}

func newNotice(relayout func()) *notice {
	n := &notice{relayout: relayout, bg: &canvas.Rectangle{CornerRadius: theme.InputRadiusSize()}}
	n.text = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	n.text.ExtendBaseWidget(n.text)
	n.action = &widget.Button{Importance: widget.HighImportance}
	n.action.ExtendBaseWidget(n.action)
	closeBtn := &widget.Button{Icon: theme.CancelIcon(), Importance: widget.LowImportance, OnTapped: n.hide}
	closeBtn.ExtendBaseWidget(closeBtn)
	icon := widget.NewIcon(theme.InfoIcon())
	row := container.NewBorder(nil, nil, icon, container.NewHBox(n.action, closeBtn), n.text)
	n.box = container.NewPadded(container.NewStack(n.bg, container.NewPadded(row)))
	n.box.Hide()
	return n
}

// show displays text with an optional action button for a while, replacing
// any notice already shown; later schedules its disappearance.
func (n *notice) show(text, actionText string, action func(), later func(time.Duration, func()) func()) {
	if n.stop != nil {
		n.stop()
	}
	v := fyne.CurrentApp().Settings().ThemeVariant()
	n.bg.FillColor = withAlpha(toneBlue.on(v), 0x26)
	n.bg.StrokeColor = withAlpha(toneBlue.on(v), 0x60)
	n.bg.StrokeWidth = 1
	n.bg.Refresh()
	n.text.SetText(text)
	if action != nil {
		n.action.SetText(actionText)
		n.action.OnTapped = func() {
			n.hide()
			action()
		}
		n.action.Show()
	} else {
		n.action.Hide()
	}
	if !n.box.Visible() {
		n.box.Show()
		n.relayout()
	}
	n.stop = later(noticeTime, n.hide)
}

func (n *notice) hide() {
	if n.stop != nil {
		n.stop()
		n.stop = nil
	}
	if n.box.Visible() {
		n.box.Hide()
		n.relayout()
	}
}
