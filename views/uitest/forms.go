package uitest

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// Forms put a bold label beside each input, with the problem under it (see
// kit.FieldForm); these helpers find a field by its label as a user does.

// FieldIn returns the input cell of the visible form row labelled label under
// root, nil when there is none.
func FieldIn(root fyne.CanvasObject, label string) *fyne.Container {
	var cell *fyne.Container
	Visit(root, func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok || cell != nil {
			return
		}
		for i := 0; i+1 < len(c.Objects); i += 2 {
			if l, ok := c.Objects[i].(*widget.Label); ok && l.Text == label && l.TextStyle.Bold && c.Objects[i+1].Visible() {
				if next, ok := c.Objects[i+1].(*fyne.Container); ok {
					cell = next
				}
			}
		}
	})
	return cell
}

// Field returns the cell labelled label in the open dialog, or in the window
// when no dialog is open.
func (u *UI) Field(label string) *fyne.Container {
	u.T.Helper()
	root := u.Win.Canvas().Content()
	if top := u.Win.Canvas().Overlays().Top(); top != nil {
		root = top
	}
	cell := FieldIn(root, label)
	if cell == nil {
		u.T.Fatalf("no field %q; the window shows %q", label, u.Texts())
	}
	return cell
}

// In returns the first widget of type T in the field labelled label.
func In[T fyne.CanvasObject](u *UI, label string) T {
	u.T.Helper()
	var found T
	done := false
	Visit(u.Field(label), func(o fyne.CanvasObject) {
		if x, ok := o.(T); ok && !done {
			found, done = x, true
		}
	})
	if !done {
		u.T.Fatalf("field %q has no %T", label, found)
	}
	return found
}

// TypeIn replaces the text of the entry in the field labelled label, typing it.
func (u *UI) TypeIn(label, text string) {
	u.T.Helper()
	e := In[*widget.Entry](u, label)
	e.SetText("")
	test.Type(e, text)
}

// TypeTime types an instant into the day and time inputs of the field labelled label.
func (u *UI) TypeTime(label string, at time.Time) {
	u.T.Helper()
	TypeDay(In[*widget.DateEntry](u, label), data.DateOf(at))
	u.TypeIn(label, at.Format("15:04"))
}

// Message returns the problem shown under the field labelled label, "" when none.
func (u *UI) Message(label string) string {
	u.T.Helper()
	var msg string
	Visit(u.Field(label), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Importance == widget.DangerImportance && msg == "" {
			msg = l.Text
		}
	})
	return msg
}

// TypeDay types d into a date field the way the current locale writes dates.
func TypeDay(e *widget.DateEntry, d data.Date) {
	e.SetText("")
	test.Type(e, d.Time(time.UTC).Format(kit.DateLayout()))
}
