package uitest

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// CheckFormDialog checks the form dialog just opened as issue 13 asks of
// every dialog: the focus starts in the field labelled first; Tab follows
// the eye through the fields, then Cancel and the default button; Enter on
// the form made wrong by spoil (nil when it starts wrong) keeps the dialog
// open with a message and moves no field; Escape closes it. changes counts
// what is stored, which neither key may change.
func (u *UI) CheckFormDialog(first string, spoil func(), changes func() int) {
	u.T.Helper()
	if !u.DialogOpen() {
		u.T.Fatalf("no dialog opened; the window shows %q", u.Texts())
	}
	stored := changes()
	c := u.Win.Canvas()
	focused := c.Focused()
	if focused == nil || !shows(u.Field(first), focused.(fyne.CanvasObject)) {
		u.T.Errorf("the focus starts on %T, not in the %s field", focused, first)
	}
	stops := TabStops(u.Win, 80)
	if p := OutOfReadingOrder(stops); p != "" {
		u.T.Errorf("Tab does not follow the eye: %s", p)
	}
	if n := len(stops); n < 3 || !buttonNamed(stops[n-2], "Cancel") || buttonNamed(stops[n-1], "Cancel") {
		u.T.Errorf("Tab does not end on Cancel and then the default button: %d stops, the last a %T", n, stops[n-1])
	}
	objs := make([]fyne.CanvasObject, len(stops))
	for i, s := range stops {
		objs[i] = s.(fyne.CanvasObject)
	}
	top := c.Overlays().Top()
	Settle(top)
	before := Layout(objs...) + fmt.Sprint(top.MinSize())
	if spoil != nil {
		spoil()
	}
	c.Focus(stops[0])
	Key(u.Win, fyne.KeyReturn)
	if !u.DialogOpen() || changes() != stored {
		u.T.Fatalf("Enter on a wrong form: dialog open %v, stored %d -> %d", u.DialogOpen(), stored, changes())
	}
	if !showsProblem(top) {
		u.T.Errorf("Enter on a wrong form showed no problem; the dialog shows %q", u.Texts())
	}
	Settle(top)
	if after := Layout(objs...) + fmt.Sprint(top.MinSize()); after != before {
		u.T.Errorf("the messages moved the dialog's fields:\nbefore\n%s\nafter\n%s", before, after)
	}
	Key(u.Win, fyne.KeyEscape)
	if u.DialogOpen() {
		u.T.Fatalf("Escape left the dialog open: %q", u.Texts())
	}
	if n := changes(); n != stored {
		u.T.Errorf("Escape saved something: stored %d -> %d", stored, n)
	}
}

// shows reports whether o is root or shows inside it.
func shows(root, o fyne.CanvasObject) bool {
	found := false
	Visit(root, func(x fyne.CanvasObject) { found = found || x == o })
	return found
}

// buttonNamed reports whether f is a button labelled text.
func buttonNamed(f fyne.Focusable, text string) bool {
	b, ok := As[*widget.Button](f.(fyne.CanvasObject))
	return ok && b.Text == text
}

// showsProblem reports whether root shows a message in the colour of a problem.
func showsProblem(root fyne.CanvasObject) bool {
	found := false
	Visit(root, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Importance == widget.DangerImportance && l.Text != " " && l.Text != "" {
			found = true
		}
	})
	return found
}
