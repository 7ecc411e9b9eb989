package kit

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

var (
	_ fyne.Widget    = (*Options)(nil)
	_ fyne.Focusable = (*optionButton)(nil)
)

// Options offers a few choices side by side: radio buttons, of which one is
// chosen, or check boxes, of which any may be. Each choice takes the focus
// in turn (Fyne's own radio items do not pass keys on): Space chooses it,
// the arrow keys move to the next one (choosing it among radio buttons),
// and in a dialog Enter confirms and Escape cancels.
type Options struct {
	widget.BaseWidget
	keyHooks
	// OnChanged is called after what is chosen changes, by the user or the program.
	OnChanged func()

	multiple bool
	options  []string
	chosen   map[string]bool
	buttons  []*optionButton
	box      *fyne.Container
}

// NewRadio offers options of which one is chosen.
func NewRadio(options ...string) *Options { return newOptions(false, options) }

// NewChecks offers options of which any may be chosen.
func NewChecks(options ...string) *Options { return newOptions(true, options) }

func newOptions(multiple bool, options []string) *Options {
	o := &Options{multiple: multiple, options: options, chosen: map[string]bool{}}
	objs := make([]fyne.CanvasObject, len(options))
	for i, text := range options {
		b := &optionButton{group: o, index: i}
		b.Text, b.Importance, b.Alignment = text, widget.LowImportance, widget.ButtonAlignLeading
		b.OnTapped = func() { o.toggle(i) }
		b.ExtendBaseWidget(b)
		o.buttons = append(o.buttons, b)
		objs[i] = b
	}
	o.box = container.NewHBox(objs...)
	o.ExtendBaseWidget(o)
	o.showChosen()
	return o
}

// CreateRenderer shows the choices in a row.
func (o *Options) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(o.box) }

// Selected is the chosen option, the first of them with check boxes; "" when none is.
func (o *Options) Selected() string {
	if c := o.Chosen(); len(c) > 0 {
		return c[0]
	}
	return ""
}

// Chosen lists the chosen options in the order they are offered.
func (o *Options) Chosen() []string {
	var out []string
	for _, text := range o.options {
		if o.chosen[text] {
			out = append(out, text)
		}
	}
	return out
}

// SetSelected chooses exactly values (the first of them for radio buttons),
// leaving out those not offered.
func (o *Options) SetSelected(values ...string) {
	clear(o.chosen)
	for _, v := range values {
		if slices.Contains(o.options, v) {
			o.chosen[v] = true
			if !o.multiple {
				break
			}
		}
	}
	o.showChosen()
	o.changed()
}

// Disable stops the choices from changing.
func (o *Options) Disable() {
	for _, b := range o.buttons {
		b.Disable()
	}
}

// Enable lets the choices change again.
func (o *Options) Enable() {
	for _, b := range o.buttons {
		b.Enable()
	}
}

// Disabled reports whether the choices are disabled.
func (o *Options) Disabled() bool { return len(o.buttons) > 0 && o.buttons[0].Disabled() }

// changed tells OnChanged and the form that the choice changed.
func (o *Options) changed() {
	if o.OnChanged != nil {
		o.OnChanged()
	}
	o.keyHooks.changed()
}

// toggle chooses option i, or with check boxes unchooses it when chosen.
func (o *Options) toggle(i int) {
	text := o.options[i]
	switch {
	case o.multiple:
		o.chosen[text] = !o.chosen[text]
	case o.chosen[text]:
		return // a radio button stays chosen until another is
	default:
		clear(o.chosen)
		o.chosen[text] = true
	}
	o.showChosen()
	o.changed()
}

// showChosen draws each choice's mark: filled when chosen.
func (o *Options) showChosen() {
	for i, b := range o.buttons {
		on := o.chosen[o.options[i]]
		switch {
		case o.multiple && on:
			b.SetIcon(theme.NewPrimaryThemedResource(theme.CheckButtonCheckedIcon()))
		case o.multiple:
			b.SetIcon(theme.CheckButtonIcon())
		case on:
			b.SetIcon(theme.NewPrimaryThemedResource(theme.RadioButtonCheckedIcon()))
		default:
			b.SetIcon(theme.RadioButtonIcon())
		}
	}
}

// moveFocus focuses the choice step places from i and, among radio
// buttons, chooses it.
func (o *Options) moveFocus(i, step int) {
	j := (i + step + len(o.buttons)) % len(o.buttons)
	if c := fyne.CurrentApp().Driver().CanvasForObject(o); c != nil {
		c.Focus(o.buttons[j])
	}
	if !o.multiple {
		o.toggle(j)
	}
}

// optionButton is one choice of an Options.
type optionButton struct {
	widget.Button
	group *Options
	index int
}

// Unwrap returns the Fyne button inside.
func (b *optionButton) Unwrap() fyne.CanvasObject { return &b.Button }

// TypedKey chooses on Space, moves on the arrow keys and hands Escape and Enter to the dialog.
func (b *optionButton) TypedKey(ev *fyne.KeyEvent) {
	if b.Disabled() || b.group.dialogKey(ev, false) {
		return
	}
	switch ev.Name {
	case fyne.KeySpace:
		b.group.toggle(b.index)
	case fyne.KeyLeft, fyne.KeyUp:
		b.group.moveFocus(b.index, -1)
	case fyne.KeyRight, fyne.KeyDown:
		b.group.moveFocus(b.index, 1)
	}
}
