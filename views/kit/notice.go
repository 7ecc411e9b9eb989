package kit

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// noticeTime is how long a notice stays before it goes away by itself.
const noticeTime = 10 * time.Second

// Notice is a transient bar under a screen: "Deleted Payments 2.4.0 [Undo] [x]".
type Notice struct {
	// Box is the bar to place under the screen; it hides itself while there is nothing to say.
	Box *fyne.Container
	// relayout lays out the screen again once the bar appears or goes away.
	relayout func()
	bg       *canvas.Rectangle
	text     *widget.Label
	action   *widget.Button
	stop     func()
}

// NewNotice returns a hidden bar; relayout lays the screen out again when it shows or hides.
func NewNotice(relayout func()) *Notice {
	n := &Notice{relayout: relayout, bg: &canvas.Rectangle{CornerRadius: theme.InputRadiusSize()}}
	n.text = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	n.text.ExtendBaseWidget(n.text)
	n.action = &widget.Button{Importance: widget.HighImportance}
	n.action.ExtendBaseWidget(n.action)
	closeBtn := &widget.Button{Icon: theme.CancelIcon(), Importance: widget.LowImportance, OnTapped: n.Hide}
	closeBtn.ExtendBaseWidget(closeBtn)
	icon := widget.NewIcon(theme.InfoIcon())
	row := container.NewBorder(nil, nil, icon, container.NewHBox(n.action, closeBtn), n.text)
	n.Box = container.NewPadded(container.NewStack(n.bg, container.NewPadded(row)))
	n.Box.Hide()
	return n
}

// Show displays text with an optional action button for a while, replacing
// any notice already shown; later schedules its disappearance.
func (n *Notice) Show(text, actionText string, action func(), later func(time.Duration, func()) func()) {
	if n.stop != nil {
		n.stop()
	}
	v := fyne.CurrentApp().Settings().ThemeVariant()
	n.bg.FillColor = WithAlpha(ToneBlue.On(v), 0x26)
	n.bg.StrokeColor = WithAlpha(ToneBlue.On(v), 0x60)
	n.bg.StrokeWidth = 1
	n.bg.Refresh()
	n.text.SetText(text)
	if action != nil {
		n.action.SetText(actionText)
		n.action.OnTapped = func() {
			n.Hide()
			action()
		}
		n.action.Show()
	} else {
		n.action.Hide()
	}
	if !n.Box.Visible() {
		n.Box.Show()
		n.relayout()
	}
	n.stop = later(noticeTime, n.Hide)
}

// Hide takes the bar away, and its timer with it.
func (n *Notice) Hide() {
	if n.stop != nil {
		n.stop()
		n.stop = nil
	}
	if n.Box.Visible() {
		n.Box.Hide()
		n.relayout()
	}
}

// Step is one change that Undo can take back.
type Step struct {
	// Label names the change after "Undo": "delete of Payments 2.4.0".
	Label string
	// Release is the release the change touched, 0 when none.
	Release uint
	// Run takes the change back.
	Run func(ctx context.Context) error
}

// UndoStack is a screen's changes that Undo takes back, newest last. Every
// screen that offers Undo embeds one, which gives it CanUndo, UndoLabel and
// OnUndoChanged, and adds an Undo that runs the newest step and says how it went.
type UndoStack struct {
	// OnUndoChanged is called whenever what Undo would take back changes, so menus can follow.
	OnUndoChanged func()
	steps         []Step
}

// PushUndo adds s as the newest change.
func (u *UndoStack) PushUndo(s Step) {
	u.steps = append(u.steps, s)
	u.changed()
}

// PopUndo removes and returns the newest change; ok is false when there is none.
func (u *UndoStack) PopUndo() (s Step, ok bool) {
	if len(u.steps) == 0 {
		return Step{}, false
	}
	s = u.steps[len(u.steps)-1]
	u.steps = u.steps[:len(u.steps)-1]
	u.changed()
	return s, true
}

// CanUndo reports whether there is a change to take back.
func (u *UndoStack) CanUndo() bool { return len(u.steps) > 0 }

// UndoLabel names what Undo would take back: "Undo delete of QA", or "Undo".
func (u *UndoStack) UndoLabel() string {
	if len(u.steps) == 0 {
		return "Undo"
	}
	return "Undo " + u.steps[len(u.steps)-1].Label
}

func (u *UndoStack) changed() {
	if u.OnUndoChanged != nil {
		u.OnUndoChanged()
	}
}
