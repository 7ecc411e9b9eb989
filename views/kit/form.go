package kit

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
)

// FieldForm lays out labelled inputs, each with a message line under it, so a
// bad value is explained next to its field. Fields are keyed by the store's
// field names (data.FieldError.Field), which is how store problems find them.
type FieldForm struct {
	// Grid holds the rows, a label and a cell each, in the order Add put them.
	Grid *fyne.Container
	// Box is the form to place in a dialog or screen: the general message above Grid.
	Box     *fyne.Container
	general *widget.Label
	msgs    map[string]*widget.Label
	labels  map[string]string
	// relayout lays the form's holder out again when messages come or go.
	relayout func()
}

// NewFieldForm returns an empty form; Add puts its rows in.
func NewFieldForm() *FieldForm {
	f := &FieldForm{msgs: map[string]*widget.Label{}, labels: map[string]string{}}
	f.general = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	f.general.ExtendBaseWidget(f.general)
	f.general.Hide()
	f.Grid = container.New(layout.NewFormLayout())
	f.Box = container.NewVBox(f.general, f.Grid)
	return f
}

// Add appends a row for the store field named field, with an optional hint under the input.
func (f *FieldForm) Add(field, label string, input fyne.CanvasObject, hint string) {
	msg := &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
	msg.ExtendBaseWidget(msg)
	msg.Hide()
	f.msgs[field], f.labels[field] = msg, label
	cell := container.NewVBox(input)
	if hint != "" {
		h := &widget.Label{Text: hint, Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText, TextStyle: fyne.TextStyle{Italic: true}}
		h.ExtendBaseWidget(h)
		cell.Add(h)
	}
	cell.Add(msg)
	f.Grid.Add(widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	f.Grid.Add(cell)
}

// Watch shows the entry's own check under field as the user types.
func (f *FieldForm) Watch(field string, e *widget.Entry) {
	e.SetOnValidationChanged(func(err error) {
		if err == nil || strings.TrimSpace(e.Text) == "" {
			f.Set(field, "")
			return
		}
		f.Set(field, ProblemText(f.labels[field], err.Error()))
	})
}

// Set shows text under field, or clears the message when text is empty.
func (f *FieldForm) Set(field, text string) {
	l := f.msgs[field]
	if l == nil {
		return
	}
	was := l.Visible()
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
	if was != l.Visible() {
		f.Reflow()
	}
}

// Problem puts the store's message msg under field, as a sentence naming the field.
func (f *FieldForm) Problem(field, msg string) {
	f.Set(field, ProblemText(f.labels[field], msg))
}

// ShowProblems shows each of the store's problems under its field; one for a
// field the form does not show goes above the form.
func (f *FieldForm) ShowProblems(v *data.ValidationError) {
	f.Clear()
	var other []string
	for _, fe := range v.Fields {
		if _, ok := f.msgs[fe.Field]; ok {
			f.Problem(fe.Field, fe.Message)
			continue
		}
		other = append(other, ProblemText(fe.Field, fe.Message))
	}
	if len(other) > 0 {
		f.ShowGeneral(strings.Join(other, "\n"))
	}
}

// ShowError shows what went wrong with a save: next to the fields for a
// validation error, above the form for anything else.
func (f *FieldForm) ShowError(what string, err error) {
	if v, ok := data.AsValidation(err); ok {
		f.ShowProblems(v)
		return
	}
	f.Clear()
	f.ShowGeneral(what + ": " + err.Error())
}

// ShowGeneral shows a message that belongs to no single field.
func (f *FieldForm) ShowGeneral(msg string) {
	f.general.SetText(msg)
	f.general.Show()
	f.Reflow()
}

// Clear hides every message.
func (f *FieldForm) Clear() {
	changed := f.general.Visible()
	f.general.Hide()
	for _, l := range f.msgs {
		if l.Visible() {
			l.SetText("")
			l.Hide()
			changed = true
		}
	}
	if changed {
		f.Reflow()
	}
}

// Message returns what is shown under field, "" when nothing is.
func (f *FieldForm) Message(field string) string {
	if l := f.msgs[field]; l != nil && l.Visible() {
		return l.Text
	}
	return ""
}

// HasProblems reports whether any message is shown.
func (f *FieldForm) HasProblems() bool {
	if f.general.Visible() {
		return true
	}
	for _, l := range f.msgs {
		if l.Visible() {
			return true
		}
	}
	return false
}

// Reflow lays the form and its holder out again after messages came or went.
func (f *FieldForm) Reflow() {
	f.Grid.Refresh()
	f.Box.Refresh()
	if f.relayout != nil {
		f.relayout()
	}
}

// ShowFormDialog shows content (holding form) in a dialog with Cancel and a
// primary button named action. save runs on the primary button and returns
// whether the dialog may close, so a rejected value keeps what was typed.
func ShowFormDialog(win fyne.Window, title, action string, content fyne.CanvasObject, form *FieldForm, width float32, save func() bool) *dialog.CustomDialog {
	var d *dialog.CustomDialog
	cancel := &widget.Button{Text: "Cancel", OnTapped: func() { d.Hide() }}
	cancel.ExtendBaseWidget(cancel)
	ok := &widget.Button{Text: action, Importance: widget.HighImportance, OnTapped: func() {
		if save() {
			d.Hide()
		}
	}}
	ok.ExtendBaseWidget(ok)
	d = dialog.NewCustomWithoutButtons(title, content, win)
	d.SetButtons([]fyne.CanvasObject{cancel, ok})
	form.relayout = func() { d.Resize(fyne.NewSize(width, 1)) } // the dialog grows to its content
	d.Show()
	d.Resize(fyne.NewSize(width, 1))
	return d
}

// Narrow keeps a short input, such as a count, at a width that suits its content.
func Narrow(o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, FixedWidth(150, o), nil)
}

// ParseCount reads a whole number of 0 or more, such as a test count or minutes of downtime.
func ParseCount(s string) (int, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", ""))
	if s == "" {
		return 0, fmt.Errorf("is required (0 or more)")
	}
	n, err := strconv.Atoi(s)
	if err != nil || strings.HasPrefix(s, "+") {
		if _, ferr := strconv.ParseFloat(s, 64); ferr == nil {
			return 0, fmt.Errorf("must be a whole number")
		}
		return 0, fmt.Errorf("must be a number like 12")
	}
	if n < 0 {
		return 0, fmt.Errorf("must not be negative")
	}
	return n, nil
}

// ValidateCount is ParseCount as an entry's validator.
func ValidateCount(s string) error {
	_, err := ParseCount(s)
	return err
}

// ProblemText turns a store message into a sentence: "Title is required".
func ProblemText(label, msg string) string {
	for _, verb := range []string{"is ", "must ", "cannot ", "does ", "has ", "already "} {
		if strings.HasPrefix(msg, verb) {
			return label + " " + msg
		}
	}
	if msg == "" {
		return label + " is not valid"
	}
	return strings.ToUpper(msg[:1]) + msg[1:]
}

// RequiredText refuses a text that is empty or only spaces.
func RequiredText(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("is required")
	}
	return nil
}

// MergeProblems lists first's problems, then second's for fields first does not mention.
func MergeProblems(first, second *data.ValidationError) *data.ValidationError {
	out := &data.ValidationError{}
	if first != nil {
		out.Fields = append(out.Fields, first.Fields...)
	}
	for _, f := range second.Fields {
		if first == nil || first.Message(f.Field) == "" {
			out.Fields = append(out.Fields, f)
		}
	}
	return out
}

// RenameField returns v with the problems of field from moved to field to,
// e.g. a new product's Name problem shown under the release's Product field.
func RenameField(v *data.ValidationError, from, to string) *data.ValidationError {
	out := &data.ValidationError{Fields: make([]data.FieldError, len(v.Fields))}
	for i, f := range v.Fields {
		if f.Field == from {
			f.Field = to
		}
		out.Fields[i] = f
	}
	return out
}

// FormatDate shows a calendar day as "2 Mar 2026", or "—" when it is not set.
func FormatDate(d data.Date) string {
	if d.IsZero() {
		return "—"
	}
	return d.Time(time.UTC).Format("2 Jan 2006")
}

// FormatCount writes n with thousands separators: 2,000.
func FormatCount(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + FormatCount(-n)
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// AllProducts is the choice of a product filter that lets every product through.
const AllProducts = "All products"

// Count says "1 release" or "3 releases".
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return FormatCount(n) + " " + noun + "s"
}

// PeopleCount says "1 person" or "25 people".
func PeopleCount(n int) string {
	if n == 1 {
		return "1 person"
	}
	return FormatCount(n) + " people"
}

// ProductNames lists the products' names, in order.
func ProductNames(ps []data.Product) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return out
}

// LabelsOf lists the labels of values, in order, as a choice offers them.
func LabelsOf[T any](values []T, label func(T) string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = label(v)
	}
	return out
}

// ValueOf finds the value whose label is shown; the zero value when none is.
func ValueOf[T any](values []T, label func(T) string, shown string) T {
	i := slices.IndexFunc(values, func(v T) bool { return label(v) == shown })
	if i < 0 {
		var zero T
		return zero
	}
	return values[i]
}
