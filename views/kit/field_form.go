package kit

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
)

// FieldForm lays out labelled inputs with a line under each that holds the
// field's hint or, in its place, what is wrong with it. The line is always
// there, so a message coming or going never moves another field.
//
// A field is judged once the user changed it or pressed Save (Submit), and
// again at every change after that, so its message goes the moment the
// value is right; an untouched field shows no error. The judge is the
// form's Check, which returns the problems of the form as it stands, by the
// store's field names (data.FieldError.Field), as the store's own answer
// does: the same rules, shown the same way before and after a save.
type FieldForm struct {
	// Grid holds the rows Add puts in: a label and a cell each (see NewGrid).
	Grid *fyne.Container
	// Box is the form to place in a dialog: its first grid, then the line
	// for a problem that belongs to no field.
	Box *fyne.Container

	general *widget.Label
	fields  map[string]*formField
	order   []string
	check   func() *data.ValidationError
	// submitted is set once Save was pressed: then every field is judged.
	submitted bool
	// stored is the store's (or a failure's) message of no single field.
	stored string
	// flagging is set while the form flags its own entries, so their
	// validation callbacks know it is not the text limit speaking.
	flagging bool
}

// formField is one row of a FieldForm.
type formField struct {
	name, label, hint string
	note              *widget.Label
	touched           bool
	// stored is the store's message for the field, until the field changes.
	stored string
	// limit says an entry's text was cut back to its limit (see LimitText).
	limit string
	// entries are the text inputs whose border turns red with a problem.
	entries []*widget.Entry
}

// NewFieldForm returns an empty form; Add puts its rows in.
func NewFieldForm() *FieldForm {
	f := &FieldForm{fields: map[string]*formField{}}
	f.general = noteLine()
	f.general.Importance = widget.DangerImportance
	f.Grid = container.New(layout.NewFormLayout())
	f.Box = container.NewVBox(f.Grid, f.general)
	return f
}

// underLayout puts a field's note line right under its input, over the
// line's own top padding, so the reserved line costs little height.
type underLayout struct{}

// overlap is how far the note line rises into the space under the input.
func (underLayout) overlap() float32 { return theme.InnerPadding() / 2 }

// Layout places the input at its height and the note line under it.
func (l underLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	input, note := objs[0], objs[1]
	nh := note.MinSize().Height
	ih := size.Height - nh + l.overlap()
	input.Move(fyne.NewPos(0, 0))
	input.Resize(fyne.NewSize(size.Width, ih))
	note.Move(fyne.NewPos(0, ih-l.overlap()))
	note.Resize(fyne.NewSize(size.Width, nh))
}

// MinSize is the input's and the note line's, less the overlap.
func (l underLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	in, note := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(in.Width, note.Width), in.Height+note.Height-l.overlap())
}

// noteLine is a line in caption type that keeps its height when empty.
func noteLine() *widget.Label {
	l := &widget.Label{Text: " ", SizeName: theme.SizeNameCaptionText, Truncation: fyne.TextTruncateEllipsis}
	l.ExtendBaseWidget(l)
	return l
}

// NewGrid starts another grid, for a form laid out in columns; Add puts
// rows in it from now on. The caller places it.
func (f *FieldForm) NewGrid() *fyne.Container {
	f.Grid = container.New(layout.NewFormLayout())
	return f.Grid
}

// GeneralLine takes the line for problems of no single field out of Box,
// for a form that shows it elsewhere (beside its Save button, say).
func (f *FieldForm) GeneralLine() fyne.CanvasObject {
	f.Box.Remove(f.general)
	return f.general
}

// Add appends a row for the store field named field: its bold label, the
// input, and under it the line showing hint until there is a problem. The
// form listens to every kit input inside input.
func (f *FieldForm) Add(field, label string, input fyne.CanvasObject, hint string) {
	fld := &formField{name: field, label: label, hint: hint, note: noteLine()}
	if label == "" {
		fld.label = field
	}
	f.fields[field] = fld
	f.order = append(f.order, field)
	visitInputs(input, func(o fyne.CanvasObject) {
		if in, ok := o.(listened); ok {
			in.listen(func() { f.edited(fld) })
		}
		if e := entryOf(o); e != nil {
			f.flagLimits(fld, e)
		}
	})
	f.Grid.Add(widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	f.Grid.Add(container.New(underLayout{}, input, fld.note))
	f.showNote(fld, "")
}

// entryOf is the Fyne entry of a kit text input, nil for anything else.
func entryOf(o fyne.CanvasObject) *widget.Entry {
	switch x := o.(type) {
	case *Entry:
		return &x.Entry
	case *SelectEntry:
		return &x.Entry
	case *DayEntry:
		return &x.Entry
	}
	return nil
}

// flagLimits lets the form flag e and hear when LimitText cut its text back.
func (f *FieldForm) flagLimits(fld *formField, e *widget.Entry) {
	fld.entries = append(fld.entries, e)
	e.AlwaysShowValidationError = true // the form decides when a problem shows
	e.SetOnValidationChanged(func(err error) {
		if f.flagging {
			return
		}
		var cut *tooLongError
		switch {
		case errors.As(err, &cut):
			fld.limit = ProblemText(fld.label, cut.Error())
			f.refresh()
		case err == nil && fld.limit != "":
			fld.limit = ""
			f.refresh()
		}
	})
}

// Check sets how the form is judged: the problems of what it holds now, or nil.
func (f *FieldForm) Check(problems func() *data.ValidationError) {
	f.check = problems
	f.refresh()
}

// Reset makes every field untouched again, with no message: call it once
// the form is filled (ShowFormDialog does).
func (f *FieldForm) Reset() {
	f.submitted, f.stored = false, ""
	for _, fld := range f.fields {
		fld.touched, fld.stored, fld.limit = false, "", ""
	}
	f.refresh()
}

// Submit judges every field, as Save does, and reports whether the form
// has no problem; what is wrong shows under each field.
func (f *FieldForm) Submit() bool {
	f.submitted, f.stored = true, ""
	for _, fld := range f.fields {
		fld.stored = ""
	}
	f.refresh()
	return !f.HasProblems()
}

// edited judges the form again after the user changed field fld.
func (f *FieldForm) edited(fld *formField) {
	fld.touched, fld.stored, f.stored = true, "", ""
	f.refresh()
}

// refresh shows each field's message, or its hint while it has none.
func (f *FieldForm) refresh() {
	var v *data.ValidationError
	if f.check != nil {
		v = f.check()
	}
	var other []string
	if v != nil && f.submitted {
		for _, fe := range v.Fields {
			if f.fields[fe.Field] == nil {
				other = append(other, ProblemText(fe.Field, fe.Message))
			}
		}
	}
	for _, name := range f.order {
		fld := f.fields[name]
		msg := ""
		switch {
		case fld.limit != "":
			msg = fld.limit
		case fld.stored != "":
			msg = ProblemText(fld.label, fld.stored)
		case v != nil && (fld.touched || f.submitted):
			if m := v.Message(name); m != "" {
				msg = ProblemText(fld.label, m)
			}
		}
		f.showNote(fld, msg)
	}
	general := f.stored
	if general == "" {
		general = strings.Join(other, "; ")
	}
	f.general.SetText(lineText(general))
}

// showNote puts msg on fld's line, or its hint when msg is empty, and flags
// its entries while there is a problem.
func (f *FieldForm) showNote(fld *formField, msg string) {
	text, imp, style := fld.hint, widget.MediumImportance, fyne.TextStyle{Italic: true}
	if msg != "" {
		text, imp, style = msg, widget.DangerImportance, fyne.TextStyle{}
	}
	if fld.note.Text != lineText(text) || fld.note.Importance != imp {
		fld.note.Text, fld.note.Importance, fld.note.TextStyle = lineText(text), imp, style
		fld.note.Refresh()
	}
	f.flagging = true
	for _, e := range fld.entries {
		if msg != "" {
			e.SetValidationError(errors.New(msg))
		} else if fld.limit == "" {
			e.SetValidationError(nil)
		}
	}
	f.flagging = false
}

// lineText keeps an empty line one line high.
func lineText(s string) string {
	if s == "" {
		return " "
	}
	return s
}

// Problem puts the store's message msg under field until the field changes.
func (f *FieldForm) Problem(field, msg string) {
	if fld := f.fields[field]; fld != nil {
		fld.stored = msg
		f.refresh()
	}
}

// ShowError shows what went wrong with a save: each problem of a validation
// error under its field (one the form does not show goes on the general
// line), anything else on the general line after what.
func (f *FieldForm) ShowError(what string, err error) {
	v, ok := data.AsValidation(err)
	if !ok {
		f.stored = what + ": " + err.Error()
		f.refresh()
		return
	}
	var other []string
	for _, fe := range v.Fields {
		if fld := f.fields[fe.Field]; fld != nil {
			fld.stored = fe.Message
		} else {
			other = append(other, ProblemText(fe.Field, fe.Message))
		}
	}
	f.stored = strings.Join(other, "; ")
	f.refresh()
}

// ShowGeneral shows msg on the line for problems of no single field, until
// the next change of a field.
func (f *FieldForm) ShowGeneral(msg string) {
	f.stored = msg
	f.refresh()
}

// Message returns the problem shown under field, "" when there is none.
func (f *FieldForm) Message(field string) string {
	if fld := f.fields[field]; fld != nil && fld.note.Importance == widget.DangerImportance {
		return fld.note.Text
	}
	return ""
}

// General returns the problem shown for no single field, "" when there is none.
func (f *FieldForm) General() string { return strings.TrimSpace(f.general.Text) }

// HasProblems reports whether any problem is shown.
func (f *FieldForm) HasProblems() bool {
	if f.General() != "" {
		return true
	}
	for name := range f.fields {
		if f.Message(name) != "" {
			return true
		}
	}
	return false
}

// Fields adds the problem msg of field to v (made when nil) and returns it,
// for a form's Check that adds its own quick checks to the store's.
func Fields(v *data.ValidationError, field, msg string) *data.ValidationError {
	if v == nil {
		v = &data.ValidationError{}
	}
	if v.Message(field) == "" {
		v.Fields = append(v.Fields, data.FieldError{Field: field, Message: msg})
	}
	return v
}
