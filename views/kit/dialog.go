package kit

import (
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Dialog is a modal dialog that behaves the same everywhere: Escape does
// what its cancel button does and Enter what its default button (the last)
// does, wherever the focus is; the focus starts in its first field; Tab
// moves through its fields in the order they show, then its buttons. It
// keeps the width it is given and never shrinks under the cursor.
type Dialog struct {
	win     fyne.Window
	inner   *dialog.CustomDialog
	content fyne.CanvasObject
	width   float32
	keys    dialogKeys
	// buttons are the dialog's buttons, the cancel one first and the default last.
	buttons []*keyButton
	specs   []DialogButton
	prevKey func(*fyne.KeyEvent)
	shown   bool
	// OnClosed runs after the dialog closes, however it was closed.
	OnClosed func()
}

// DialogButton is one button of a Dialog.
type DialogButton struct {
	Text       string
	Icon       fyne.Resource
	Importance widget.Importance
	// Run does what the button says and reports whether the dialog may
	// close, so a refused value keeps what was typed; nil just closes.
	Run func() bool
	// Then runs once the dialog has closed: whatever may open another
	// dialog goes here, since closing a dialog closes those above it too.
	Then func()
}

// NewDialog prepares a dialog width wide showing content, with a cancel
// button named cancel (none when empty) and then buttons, the last being
// the default that Enter presses. Escape presses the cancel button, the
// first button; a dialog with a single button (Close, OK) has Escape and
// Enter press it alike.
func NewDialog(win fyne.Window, title string, content fyne.CanvasObject, width float32, cancel string, buttons ...DialogButton) *Dialog {
	d := &Dialog{win: win, content: content, width: width}
	d.keys = dialogKeys{cancel: d.Cancel, confirm: d.Confirm}
	var all []DialogButton
	if cancel != "" {
		all = append(all, DialogButton{Text: cancel})
	}
	all = append(all, buttons...)
	objs := make([]fyne.CanvasObject, len(all))
	for i, spec := range all {
		hooks := &keyHooks{keys: &d.keys}
		b := newKeyButton(hooks, spec.Icon, func() { d.press(i) })
		b.Text, b.Importance = spec.Text, spec.Importance
		if i == len(all)-1 && spec.Importance == widget.MediumImportance && len(all) > 1 {
			b.Importance = widget.HighImportance // the default stands out
		}
		d.buttons = append(d.buttons, b)
		d.specs = append(d.specs, spec)
		objs[i] = b
	}
	d.inner = dialog.NewCustomWithoutButtons(title, content, win)
	d.inner.SetButtons(objs)
	d.inner.SetOnClosed(d.closed)
	bindKeys(content, &d.keys)
	return d
}

// MinSize is the least size the dialog takes.
func (d *Dialog) MinSize() fyne.Size { return d.inner.MinSize() }

// SetIcon shows icon at the dialog's top right.
func (d *Dialog) SetIcon(icon fyne.Resource) { d.inner.SetIcon(icon) }

// Button returns the dialog's button named text, nil when there is none.
func (d *Dialog) Button(text string) *widget.Button {
	for _, b := range d.buttons {
		if b.Text == text {
			return &b.Button
		}
	}
	return nil
}

// Show opens the dialog, puts the focus in its first field and takes
// Escape and Enter while nothing is focused.
func (d *Dialog) Show() {
	c := d.win.Canvas()
	d.prevKey = c.OnTypedKey()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch ev.Name {
		case fyne.KeyEscape:
			d.Cancel()
		case fyne.KeyReturn, fyne.KeyEnter:
			d.Confirm()
		}
	})
	d.shown = true
	d.inner.Show()
	d.inner.Resize(fyne.NewSize(d.width, 1)) // laid out at its width, the dialog takes the height it needs
	if first := firstField(d.content); first != nil {
		c.Focus(first)
	}
}

// Hide closes the dialog without doing anything.
func (d *Dialog) Hide() { d.inner.Hide() }

// Cancel presses the cancel button (or a lone button): what Escape does.
func (d *Dialog) Cancel() {
	if d.shown && len(d.buttons) > 0 {
		d.press(0)
	}
}

// Confirm presses the default button: what Enter does.
func (d *Dialog) Confirm() {
	if d.shown && len(d.buttons) > 0 && !d.buttons[len(d.buttons)-1].Disabled() {
		d.press(len(d.buttons) - 1)
	}
}

// press runs button i and closes the dialog when it may, then runs what
// the button does after.
func (d *Dialog) press(i int) {
	spec := d.specs[i]
	if spec.Run != nil && !spec.Run() {
		return
	}
	if d.shown {
		d.inner.Hide()
	}
	if spec.Then != nil {
		spec.Then()
	}
}

// closed gives the canvas its keys back once the dialog is gone.
func (d *Dialog) closed() {
	if !d.shown {
		return
	}
	d.shown = false
	d.win.Canvas().SetOnTypedKey(d.prevKey)
	if d.OnClosed != nil {
		d.OnClosed()
	}
}

// bindKeys gives every kit input inside o the dialog's keys.
func bindKeys(o fyne.CanvasObject, k *dialogKeys) {
	visitInputs(o, func(in fyne.CanvasObject) {
		if x, ok := in.(keyed); ok {
			x.bindKeys(k)
		}
	})
}

// visitInputs calls f for o and each object inside it, through containers
// and into the kit's own composite inputs, in the order they are laid out.
func visitInputs(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	f(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			visitInputs(c, f)
		}
	case *Options:
		for _, b := range x.buttons {
			f(b)
		}
	}
}

// firstField is the first visible, enabled input in content: the field
// Tab would reach first.
func firstField(content fyne.CanvasObject) fyne.Focusable {
	var first fyne.Focusable
	visitInputs(content, func(o fyne.CanvasObject) {
		if first != nil || !o.Visible() {
			return
		}
		_, isInput := o.(keyed)
		_, isOption := o.(*optionButton)
		f, ok := o.(fyne.Focusable)
		if !ok || !isInput && !isOption {
			return
		}
		if dis, ok := o.(fyne.Disableable); ok && dis.Disabled() {
			return
		}
		first = f
	})
	return first
}

// ShowFormDialog shows content (holding form) in a dialog width wide with
// Cancel and a default button named action. save runs on the default
// button, once the form's own checks pass, and reports whether the dialog
// may close, so a refused value keeps what was typed. The form starts
// untouched: nothing is judged until a field is changed or action pressed.
func ShowFormDialog(win fyne.Window, title, action string, content fyne.CanvasObject, form *FieldForm, width float32, save func() bool) *Dialog {
	form.Reset()
	d := NewDialog(win, title, content, width, "Cancel", DialogButton{Text: action, Importance: widget.HighImportance,
		Run: func() bool { return form.Submit() && save() }})
	d.Show()
	return d
}

// Confirm asks a question with a button for each answer: dismiss (Escape)
// and confirm (Enter), coloured by imp (widget.DangerImportance for a
// deletion). yes runs on confirm.
func Confirm(win fyne.Window, title, message, confirm, dismiss string, imp widget.Importance, yes func()) *Dialog {
	return ConfirmWith(win, title, WrappedLabel(message), confirm, dismiss, imp, yes)
}

// ConfirmWith is Confirm with content of its own in place of a message.
func ConfirmWith(win fyne.Window, title string, content fyne.CanvasObject, confirm, dismiss string, imp widget.Importance, yes func()) *Dialog {
	if imp == widget.MediumImportance {
		imp = widget.HighImportance
	}
	d := NewDialog(win, title, content, 460, dismiss, DialogButton{Text: confirm, Importance: imp, Then: yes})
	d.Show()
	return d
}

// Inform tells something with an OK button that Escape and Enter press too.
func Inform(win fyne.Window, title, message string) *Dialog {
	d := NewDialog(win, title, WrappedLabel(message), 440, "", DialogButton{Text: "OK"})
	d.Show()
	return d
}

// ShowError says what failed, with a Close button that Escape and Enter press too.
func ShowError(win fyne.Window, err error) *Dialog {
	d := NewDialog(win, "Error", WrappedLabel(ProblemSentence(err.Error())), 440, "", DialogButton{Text: "Close"})
	d.SetIcon(theme.ErrorIcon())
	d.Show()
	return d
}

// ShowCustom shows content with a single button named close, which Escape
// and Enter press too.
func ShowCustom(win fyne.Window, title, close string, content fyne.CanvasObject, width float32) *Dialog {
	d := NewDialog(win, title, content, width, "", DialogButton{Text: close})
	d.Show()
	return d
}

// ProblemSentence starts msg with a capital letter, as a sentence.
func ProblemSentence(msg string) string {
	r, n := utf8.DecodeRuneInString(msg)
	if n == 0 {
		return msg
	}
	return string(unicode.ToUpper(r)) + msg[n:]
}
