package kit_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/uitest"
)

// sampleForm is a dialog form with one input of every kind the kit has.
type sampleForm struct {
	form   *kit.FieldForm
	name   *kit.Entry
	kind   *kit.Select
	owner  *kit.SelectEntry
	when   *kit.TimeEntry
	due    *kit.DayEntry
	choice *kit.Options
	notes  *kit.Entry
	saved  int
}

func newSampleForm() *sampleForm {
	f := &sampleForm{form: kit.NewFieldForm(), name: kit.NewEntry("e.g. QA"), kind: kit.NewSelect([]string{"Test", "Production"}, "Choose"),
		owner: kit.NewSelectEntry([]string{"Dana", "Lee"}, "Who"), when: kit.NewTimeEntry(), due: kit.NewDayEntry(),
		choice: kit.NewRadio("Go", "No-go"), notes: kit.NewNotes("Anything else", 3)}
	f.form.Add("Name", "Name", f.name, "")
	f.form.Add("Kind", "Kind", f.kind, "")
	f.form.Add("Owner", "Owner", f.owner, "")
	f.form.Add("At", "At", f.when.Object(), "Leave empty while it runs")
	f.form.Add("Due", "Due", f.due, "")
	f.form.Add("Decision", "Decision", f.choice, "")
	f.form.Add("Notes", "Notes", f.notes, "")
	f.form.Check(f.problems)
	return f
}

// problems are the sample's rules: a name, a decision, a readable time and
// an optional due day that is a date.
func (f *sampleForm) problems() *data.ValidationError {
	var v *data.ValidationError
	if strings.TrimSpace(f.name.Text) == "" {
		v = kit.Fields(v, "Name", "is required")
	}
	if _, err := f.when.Value(); err != nil {
		v = kit.Fields(v, "At", err.Error())
	}
	if err := f.due.Check(false); err != nil {
		v = kit.Fields(v, "Due", err.Error())
	}
	if f.choice.Selected() == "" {
		v = kit.Fields(v, "Decision", "is required")
	}
	return v
}

// show opens the sample in a dialog on a fresh window; saving counts and closes.
func (f *sampleForm) show(t *testing.T) (fyne.Window, *kit.Dialog) {
	t.Helper()
	w := test.NewWindow(widget.NewLabel("behind the dialog"))
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(900, 760))
	d := kit.ShowFormDialog(w, "Sample", "Save", f.form.Box, f.form, 560, func() bool { f.saved++; return true })
	return w, d
}

func open(w fyne.Window) bool { return w.Canvas().Overlays().Top() != nil }

// TestDialogKeysFromEveryInput reproduces issue 13 #3 (Escape and Enter did
// nothing in dialogs): from every kind of input Escape cancels and Enter
// saves, except that Enter in notes starts a new line and Ctrl+Enter saves.
func TestDialogKeysFromEveryInput(t *testing.T) {
	test.NewTempApp(t)
	inputs := []struct {
		name  string
		focus func(f *sampleForm) fyne.Focusable
		// enterTyped is set where Enter is typed into the text rather than saving.
		enterTyped bool
	}{
		{"entry", func(f *sampleForm) fyne.Focusable { return f.name }, false},
		{"select", func(f *sampleForm) fyne.Focusable { return f.kind }, false},
		{"select entry", func(f *sampleForm) fyne.Focusable { return f.owner }, false},
		{"day of a time", func(f *sampleForm) fyne.Focusable { return f.when.Day }, false},
		{"time of day", func(f *sampleForm) fyne.Focusable { return f.when.Clock }, false},
		{"day", func(f *sampleForm) fyne.Focusable { return f.due }, false},
		{"notes", func(f *sampleForm) fyne.Focusable { return f.notes }, true},
		{"nothing focused", func(f *sampleForm) fyne.Focusable { return nil }, false},
	}
	for _, in := range inputs {
		t.Run(in.name+": Escape", func(t *testing.T) {
			f := newSampleForm()
			w, _ := f.show(t)
			f.name.SetText("QA")
			focusOrNot(w, in.focus(f))
			uitest.Key(w, fyne.KeyEscape)
			if open(w) || f.saved != 0 {
				t.Fatalf("after Escape: dialog open %v, saved %d times", open(w), f.saved)
			}
			if w.Canvas().OnTypedKey() != nil {
				t.Error("the closed dialog kept the window's keys")
			}
		})
		t.Run(in.name+": Enter", func(t *testing.T) {
			f := newSampleForm()
			w, _ := f.show(t)
			f.name.SetText("QA")
			f.choice.SetSelected("Go")
			focusOrNot(w, in.focus(f))
			uitest.Key(w, fyne.KeyReturn)
			if in.enterTyped {
				if !open(w) || f.saved != 0 || f.notes.Text != "\n" {
					t.Fatalf("Enter in notes: open %v, saved %d, text %q; want a new line", open(w), f.saved, f.notes.Text)
				}
				uitest.CtrlKey(w, fyne.KeyReturn)
			}
			if open(w) || f.saved != 1 {
				t.Fatalf("after Enter: dialog open %v, saved %d times", open(w), f.saved)
			}
		})
	}
}

func focusOrNot(w fyne.Window, o fyne.Focusable) {
	if o == nil {
		w.Canvas().Unfocus()
		return
	}
	w.Canvas().Focus(o)
}

// TestDialogEnterKeepsARefusedForm: Enter on a form with a problem keeps
// the dialog open, shows the problem under its field and saves nothing.
func TestDialogEnterKeepsARefusedForm(t *testing.T) {
	test.NewTempApp(t)
	f := newSampleForm()
	w, _ := f.show(t)
	uitest.Key(w, fyne.KeyReturn)
	if !open(w) || f.saved != 0 {
		t.Fatalf("a form without a name: open %v, saved %d", open(w), f.saved)
	}
	if got := f.form.Message("Name"); got != "Name is required" {
		t.Errorf("Name says %q", got)
	}
}

// TestDialogFocusStartsInTheFirstFieldAndTabFollowsTheEye: the focus starts
// in the first field and Tab visits each input top to bottom (a list's
// button right after its input), then Cancel and the default button.
func TestDialogFocusStartsInTheFirstFieldAndTabFollowsTheEye(t *testing.T) {
	test.NewTempApp(t)
	f := newSampleForm()
	w, d := f.show(t)
	c := w.Canvas()
	if c.Focused() != f.name {
		t.Fatalf("focus starts on %T, want the Name entry", c.Focused())
	}
	stops := []string{"Name", "Kind", "Owner", "Owner's list", "At day", "At day's calendar", "At time", "Due",
		"Due's calendar", "Decision Go", "Decision No-go", "Notes", "Cancel", "Save", "Name"}
	names := map[fyne.Focusable]string{f.name: "Name", f.kind: "Kind", f.owner: "Owner", f.when.Day: "At day",
		f.when.Clock: "At time", f.due: "Due", f.notes: "Notes"}
	for i, got := range tabStops(w, len(stops)-1) {
		name := names[got]
		switch {
		case name != "":
		case isButton(got, f.owner.ActionItem):
			name = "Owner's list"
		case isButton(got, f.when.Day.ActionItem):
			name = "At day's calendar"
		case isButton(got, f.due.ActionItem):
			name = "Due's calendar"
		case isButton(got, d.Button("Cancel")):
			name = "Cancel"
		case isButton(got, d.Button("Save")):
			name = "Save"
		default:
			if b, ok := uitest.As[*widget.Button](got.(fyne.CanvasObject)); ok {
				name = "Decision " + b.Text
			}
		}
		if name != stops[i+1] {
			t.Fatalf("Tab stop %d is %q (%T), want %q; stops so far follow %q", i+1, name, got, stops[i+1], stops[:i+1])
		}
	}
	uitest.Tab(w, true)
	if !isButton(c.Focused(), d.Button("Save")) {
		t.Errorf("Shift+Tab from Name reached %T, want the Save button", c.Focused())
	}
	uitest.Tab(w, true)
	if !isButton(c.Focused(), d.Button("Cancel")) {
		t.Errorf("Shift+Tab again reached %T, want the Cancel button", c.Focused())
	}
}

// tabStops presses Tab n times and returns where the focus went each time.
func tabStops(w fyne.Window, n int) []fyne.Focusable {
	out := make([]fyne.Focusable, n)
	for i := range out {
		uitest.Tab(w, false)
		out[i] = w.Canvas().Focused()
	}
	return out
}

func isButton(f fyne.Focusable, b fyne.CanvasObject) bool {
	if f == nil || b == nil {
		return false
	}
	got, ok := uitest.As[*widget.Button](f.(fyne.CanvasObject))
	want, ok2 := uitest.As[*widget.Button](b)
	return ok && ok2 && got == want
}

// TestFormJudgesOnlyTouchedFields reproduces issue 13 #4: errors stayed
// after the fix, untouched date fields were red before typing, and an
// optional empty day showed a "!". A field is judged once changed or on
// Save, and its message goes the moment it is right.
func TestFormJudgesOnlyTouchedFields(t *testing.T) {
	test.NewTempApp(t)
	f := newSampleForm()
	w, d := f.show(t)
	for _, field := range []string{"Name", "At", "Due", "Decision"} {
		if m := f.form.Message(field); m != "" {
			t.Errorf("untouched %s says %q", field, m)
		}
	}
	// Focus passing through an empty day flags nothing.
	w.Canvas().Focus(f.due)
	w.Canvas().Focus(f.notes)
	if err := f.due.Validate(); err != nil || f.form.Message("Due") != "" {
		t.Errorf("an empty optional day, focused and left: flagged %v, message %q", err, f.form.Message("Due"))
	}

	typeInto(f.due, "31/13/20")
	if m := f.form.Message("Due"); !strings.HasPrefix(m, "Due is not a date like") {
		t.Errorf("a bad day says %q", m)
	}
	if m := f.form.Message("Name"); m != "" {
		t.Errorf("Name, still untouched, says %q", m)
	}
	typeInto(f.due, time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC).Format(kit.DateLayout()))
	if m := f.form.Message("Due"); m != "" {
		t.Errorf("the day fixed still says %q", m)
	}

	typeInto(f.name, "Q")
	typeInto(f.name, "")
	if m := f.form.Message("Name"); m != "Name is required" {
		t.Errorf("a name typed and removed says %q", m)
	}
	typeInto(f.name, "QA")
	if m := f.form.Message("Name"); m != "" {
		t.Errorf("the name given still says %q", m)
	}

	test.Tap(d.Button("Save"))
	if m := f.form.Message("Decision"); m != "Decision is required" {
		t.Errorf("after Save the untouched decision says %q", m)
	}
	f.choice.SetSelected("No-go")
	if m := f.form.Message("Decision"); m != "" || f.saved != 0 {
		t.Errorf("the decision made still says %q (saved %d)", m, f.saved)
	}
}

// TestFormMessagesMoveNothing: a message coming or going leaves every
// input where it was and the dialog its size.
func TestFormMessagesMoveNothing(t *testing.T) {
	test.NewTempApp(t)
	f := newSampleForm()
	w, d := f.show(t)
	inputs := []fyne.CanvasObject{f.name, f.kind, f.owner, f.when.Day, f.due, f.choice, f.notes}
	where := func() string {
		uitest.Settle(w.Canvas().Overlays().Top())
		var b strings.Builder
		for _, o := range inputs {
			p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
			fmt.Fprintf(&b, "%v %v; ", p, o.Size())
		}
		return b.String() + fmt.Sprint(d.MinSize())
	}
	before := where()
	typeInto(f.name, "x")
	typeInto(f.name, "")
	typeInto(f.when.Clock, "25:99")
	typeInto(f.due, "not a day")
	f.form.ShowError("Could not save", errors.New("the database is busy; a long explanation of what went wrong follows here"))
	if f.form.Message("Name") == "" || f.form.Message("At") == "" || f.form.General() == "" {
		t.Fatalf("the messages did not show: %q, %q, %q", f.form.Message("Name"), f.form.Message("At"), f.form.General())
	}
	if after := where(); after != before {
		t.Errorf("messages moved the form:\nbefore %s\nafter  %s", before, after)
	}
	typeInto(f.name, "QA")
	typeInto(f.when.Clock, "")
	typeInto(f.due, "")
	if after := where(); after != before {
		t.Errorf("messages going moved the form:\nbefore %s\nafter  %s", before, after)
	}
}

// typeInto replaces the text of a kit text input as typing does.
func typeInto(o fyne.CanvasObject, text string) {
	e, ok := uitest.As[*widget.Entry](o)
	if !ok {
		if d, isDay := o.(*kit.DayEntry); isDay {
			e = &d.Entry
		}
	}
	e.SetText("")
	test.Type(e, text)
}

// TestOptionsKeys: the arrow keys move among radio buttons and choose; Space
// ticks a check box.
func TestOptionsKeys(t *testing.T) {
	test.NewTempApp(t)
	radio, checks := kit.NewRadio("Go", "No-go", "Deferred"), kit.NewChecks("Dev", "QA")
	w := test.NewWindow(container.NewVBox(radio, checks))
	defer w.Close()
	changes := 0
	radio.OnChanged = func() { changes++ }
	w.Canvas().Focus(firstButton(t, radio))
	uitest.Key(w, fyne.KeyRight)
	uitest.Key(w, fyne.KeyRight)
	if radio.Selected() != "Deferred" || changes != 2 {
		t.Errorf("after two Rights: %q chosen, %d changes", radio.Selected(), changes)
	}
	uitest.Key(w, fyne.KeyRight)
	if radio.Selected() != "Go" {
		t.Errorf("Right from the last went to %q", radio.Selected())
	}
	w.Canvas().Focus(firstButton(t, checks))
	uitest.Key(w, fyne.KeySpace)
	uitest.Key(w, fyne.KeyDown)
	uitest.Key(w, fyne.KeySpace)
	if got := checks.Chosen(); len(got) != 2 {
		t.Errorf("Space, Down, Space chose %q", got)
	}
	uitest.Key(w, fyne.KeySpace)
	if got := checks.Chosen(); len(got) != 1 || got[0] != "Dev" {
		t.Errorf("Space again left %q", got)
	}
}

func firstButton(t *testing.T, o *kit.Options) fyne.Focusable {
	t.Helper()
	var first fyne.Focusable
	uitest.Visit(o, func(c fyne.CanvasObject) {
		if f, ok := c.(fyne.Focusable); ok && first == nil && c != fyne.CanvasObject(o) {
			first = f
		}
	})
	if first == nil {
		t.Fatal("the options have no button")
	}
	return first
}

// TestDialogOverDialog: a question asked over a form takes the keys while
// it is open and gives them back to the form when it closes; a button's
// Then may open another dialog, which closing its own does not take away.
func TestDialogOverDialog(t *testing.T) {
	test.NewTempApp(t)
	f := newSampleForm()
	w, _ := f.show(t)
	w.Canvas().Unfocus()
	asked := 0
	kit.Confirm(w, "Sure?", "Really", "Yes", "No", widget.MediumImportance, func() {
		asked++
		kit.Inform(w, "Done", "It is done.")
	})
	uitest.Key(w, fyne.KeyEscape)
	if !open(w) || !strings.Contains(fmt.Sprint(texts(w)), "Sample") {
		t.Fatalf("Escape on the question did not leave the form open: %q", texts(w))
	}
	kit.Confirm(w, "Sure?", "Really", "Yes", "No", widget.MediumImportance, func() {
		asked++
		kit.Inform(w, "Done", "It is done.")
	})
	uitest.Key(w, fyne.KeyReturn)
	if asked != 1 || !strings.Contains(fmt.Sprint(texts(w)), "It is done.") {
		t.Fatalf("Enter on the question: asked %d, showing %q", asked, texts(w))
	}
	uitest.Key(w, fyne.KeyReturn) // closes the note
	uitest.Key(w, fyne.KeyEscape) // then the form
	if open(w) || f.saved != 0 {
		t.Fatalf("after closing all: open %v, saved %d", open(w), f.saved)
	}
}

// texts lists the labels of the top dialog.
func texts(w fyne.Window) []string {
	var out []string
	uitest.Visit(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	})
	return out
}
