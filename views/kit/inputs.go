package kit

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The inputs of the kit are Fyne's own with two things added: in a Dialog,
// Escape cancels and Enter confirms wherever the focus is (Fyne hands keys
// to the focused widget alone, so each input passes them on), and a
// FieldForm hears of every change to judge the field again. Each Unwrap
// returns the Fyne widget inside, for code and tests that look for it.

var (
	_ fyne.Focusable    = (*Entry)(nil)
	_ fyne.Shortcutable = (*Entry)(nil)
	_ fyne.Tabbable     = (*Entry)(nil)
	_ fyne.Focusable    = (*Select)(nil)
	_ fyne.Focusable    = (*SelectEntry)(nil)
	_ fyne.Focusable    = (*DayEntry)(nil)
	_ fyne.Focusable    = (*keyButton)(nil)
	_ desktop.Hoverable = (*keyButton)(nil)
)

// dialogKeys is what Escape and Enter do in the dialog an input sits in.
type dialogKeys struct {
	cancel, confirm func()
}

// keyHooks is what every kit input carries: its dialog's keys, once the
// dialog binds them, and who listens to its changes.
type keyHooks struct {
	keys      *dialogKeys
	listeners []func()
}

func (h *keyHooks) bindKeys(k *dialogKeys) { h.keys = k }

// listen adds f to what runs after each change of the input's value.
func (h *keyHooks) listen(f func()) { h.listeners = append(h.listeners, f) }

func (h *keyHooks) changed() {
	for _, f := range h.listeners {
		f()
	}
}

// dialogKey runs what the dialog does for ev: Escape cancels; Return or
// Enter confirms unless enterTyped (a multi-line text keeps its new lines).
// It reports whether ev was used.
func (h *keyHooks) dialogKey(ev *fyne.KeyEvent, enterTyped bool) bool {
	if h.keys == nil {
		return false
	}
	switch ev.Name {
	case fyne.KeyEscape:
		h.keys.cancel()
		return true
	case fyne.KeyReturn, fyne.KeyEnter:
		if enterTyped {
			return false
		}
		h.keys.confirm()
		return true
	}
	return false
}

// keyed is an input whose dialog keys a Dialog binds.
type keyed interface{ bindKeys(*dialogKeys) }

// listened is an input a FieldForm listens to.
type listened interface{ listen(func()) }

// Entry is a text input. In a dialog Enter confirms (Ctrl+Enter in a
// multi-line one, where Enter starts a new line) and Escape cancels; Tab
// always moves on to the next field.
type Entry struct {
	widget.Entry
	keyHooks
}

// NewEntry returns a one-line text input showing hint while empty.
func NewEntry(hint string) *Entry {
	e := &Entry{Entry: widget.Entry{PlaceHolder: hint}}
	e.ExtendBaseWidget(e)
	return e
}

// NewNotes returns a multi-line, word-wrapped text input rows lines high.
func NewNotes(hint string, rows int) *Entry {
	e := &Entry{Entry: widget.Entry{PlaceHolder: hint, MultiLine: true, Wrapping: fyne.TextWrapWord}}
	e.ExtendBaseWidget(e)
	e.SetMinRowsVisible(rows)
	return e
}

// Unwrap returns the Fyne entry inside.
func (e *Entry) Unwrap() fyne.CanvasObject { return &e.Entry }

// Limit holds the text to max characters, as LimitText does, and returns e.
func (e *Entry) Limit(max int) *Entry {
	LimitText(&e.Entry, max)
	return e
}

// AcceptsTab is false, so Tab moves to the next field even from notes.
func (e *Entry) AcceptsTab() bool { return false }

// TypedKey hands Escape and Enter to the dialog, and the rest to the entry.
func (e *Entry) TypedKey(ev *fyne.KeyEvent) {
	if !e.dialogKey(ev, e.MultiLine) {
		e.Entry.TypedKey(ev)
	}
}

// TypedShortcut confirms the dialog on Ctrl+Enter and edits otherwise.
func (e *Entry) TypedShortcut(s fyne.Shortcut) {
	if c, ok := s.(*desktop.CustomShortcut); ok && e.keys != nil && c.Modifier == fyne.KeyModifierShortcutDefault &&
		(c.KeyName == fyne.KeyReturn || c.KeyName == fyne.KeyEnter) {
		e.keys.confirm()
		return
	}
	e.Entry.TypedShortcut(s)
}

// listen hears every change of the text, typed or set.
func (e *Entry) listen(f func()) {
	e.keyHooks.listen(f)
	if len(e.listeners) == 1 {
		e.Entry.OnChanged = chain(e.Entry.OnChanged, e.changed)
	}
}

// chain runs first (when set), then then.
func chain[T any](first func(T), then func()) func(T) {
	return func(v T) {
		if first != nil {
			first(v)
		}
		then()
	}
}

// Select is a choice from a list. In a dialog Enter confirms and Escape
// cancels; Space and the arrow keys open the list as they always do.
type Select struct {
	widget.Select
	keyHooks
}

// NewSelect returns a choice of options showing hint while none is chosen.
func NewSelect(options []string, hint string) *Select {
	s := &Select{Select: widget.Select{Options: options, PlaceHolder: hint}}
	s.ExtendBaseWidget(s)
	return s
}

// Unwrap returns the Fyne select inside.
func (s *Select) Unwrap() fyne.CanvasObject { return &s.Select }

// TypedKey hands Escape and Enter to the dialog, and the rest to the select.
func (s *Select) TypedKey(ev *fyne.KeyEvent) {
	if !s.dialogKey(ev, false) {
		s.Select.TypedKey(ev)
	}
}

// listen hears every change of the choice. Set OnChanged before a form listens.
func (s *Select) listen(f func()) {
	s.keyHooks.listen(f)
	if len(s.listeners) == 1 {
		s.OnChanged = chain(s.OnChanged, s.changed)
	}
}

// SelectEntry is a text input with suggestions: typed freely, or picked
// from the list its button (or the Down key) opens.
type SelectEntry struct {
	widget.SelectEntry
	keyHooks
	options []string
	menu    *widget.PopUpMenu
}

// NewSelectEntry returns a text input suggesting options, showing hint while empty.
func NewSelectEntry(options []string, hint string) *SelectEntry {
	e := &SelectEntry{options: options}
	e.PlaceHolder = hint
	e.ActionItem = newKeyButton(&e.keyHooks, theme.MenuDropDownIcon(), e.openList)
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.SelectEntry.SetOptions(options)
	return e
}

// Unwrap returns the Fyne select entry inside.
func (e *SelectEntry) Unwrap() fyne.CanvasObject { return &e.SelectEntry }

// Limit holds the text to max characters, as LimitText does, and returns e.
func (e *SelectEntry) Limit(max int) *SelectEntry {
	LimitText(&e.Entry, max)
	return e
}

// SetOptions sets the suggestions.
func (e *SelectEntry) SetOptions(options []string) {
	e.options = options
	e.SelectEntry.SetOptions(options)
}

// AcceptsTab is false, so Tab moves on to the list's button.
func (e *SelectEntry) AcceptsTab() bool { return false }

// TypedKey opens the suggestions on Down and hands Escape and Enter to the dialog.
func (e *SelectEntry) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyDown && len(e.options) > 0:
		e.openList()
	case !e.dialogKey(ev, false):
		e.SelectEntry.TypedKey(ev)
	}
}

// listen hears every change of the text, typed, picked or set.
func (e *SelectEntry) listen(f func()) {
	e.keyHooks.listen(f)
	if len(e.listeners) == 1 {
		e.Entry.OnChanged = chain(e.Entry.OnChanged, e.changed)
	}
}

// openList shows the suggestions under the input; picking one types it in.
func (e *SelectEntry) openList() {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil || len(e.options) == 0 || e.Disabled() {
		return
	}
	items := make([]*fyne.MenuItem, len(e.options))
	for i, o := range e.options {
		items[i] = fyne.NewMenuItem(o, func() { e.SetText(o) })
	}
	e.menu = widget.NewPopUpMenu(fyne.NewMenu("", items...), c)
	e.menu.ShowAtPosition(below(e))
	e.menu.Resize(fyne.NewSize(e.Size().Width, e.menu.MinSize().Height))
}

// below is where a list opened from o starts: under its bottom edge.
func below(o fyne.CanvasObject) fyne.Position {
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	return at.Add(fyne.NewPos(0, o.Size().Height-theme.InputBorderSize()))
}

// DayEntry is the input of a calendar day: typed in the locale's order
// (see DateLayout) or picked from the calendar its button opens. It judges
// nothing itself: an empty or half-typed day is the form's to judge, so it
// is never flagged before the user has typed.
type DayEntry struct {
	widget.DateEntry
	keyHooks
	calendar *widget.PopUp
}

// NewDayEntry returns a day input with a hint showing the locale's order of
// day, month and year.
func NewDayEntry() *DayEntry {
	e := &DayEntry{}
	e.ActionItem = newKeyButton(&e.keyHooks, theme.CalendarIcon(), e.openCalendar)
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.PlaceHolder = datePattern()
	e.AlwaysShowValidationError = true // what is flagged is the form's call
	return e
}

// Unwrap returns the Fyne date entry inside.
func (e *DayEntry) Unwrap() fyne.CanvasObject { return &e.DateEntry }

// CreateRenderer lays the entry out without the check Fyne gives it, which
// flags an empty day as wrong; the form judges the day instead.
func (e *DayEntry) CreateRenderer() fyne.WidgetRenderer {
	r := e.DateEntry.CreateRenderer()
	e.Validator = nil
	e.Entry.OnChanged = chain(e.Entry.OnChanged, e.changed)
	return r
}

// AcceptsTab is false, so Tab moves on to the calendar button.
func (e *DayEntry) AcceptsTab() bool { return false }

// TypedKey closes an open calendar on Escape, then hands Escape and Enter to the dialog.
func (e *DayEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.calendar != nil && e.calendar.Visible() {
		e.calendar.Hide()
		return
	}
	if !e.dialogKey(ev, false) {
		e.DateEntry.TypedKey(ev)
	}
}

// openCalendar shows a month under the input, at the day typed or today;
// picking a day types it in.
func (e *DayEntry) openCalendar() {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil || e.Disabled() {
		return
	}
	shown := time.Now()
	if d, ok := DayOf(&e.DateEntry); ok && !d.IsZero() {
		shown = d.Time(time.UTC)
	}
	e.calendar = widget.NewPopUp(widget.NewCalendar(shown, func(t time.Time) {
		e.calendar.Hide()
		e.SetDate(&t)
	}), c)
	e.calendar.ShowAtPosition(below(e))
	e.calendar.Resize(fyne.NewSize(e.Size().Width, e.calendar.MinSize().Height))
}

// keyButton is a button that hands Escape to its dialog and is pressed by
// Enter or Space when focused: a dialog's buttons and an input's list button.
type keyButton struct {
	widget.Button
	hooks *keyHooks
}

func newKeyButton(hooks *keyHooks, icon fyne.Resource, tapped func()) *keyButton {
	b := &keyButton{hooks: hooks}
	b.Icon, b.Importance, b.OnTapped = icon, widget.LowImportance, tapped
	b.ExtendBaseWidget(b)
	return b
}

// Unwrap returns the Fyne button inside.
func (b *keyButton) Unwrap() fyne.CanvasObject { return &b.Button }

// TypedKey cancels the dialog on Escape and presses the button on Enter or Space.
func (b *keyButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		if b.hooks.keys != nil {
			b.hooks.keys.cancel()
		}
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		if !b.Disabled() {
			b.Tapped(nil)
		}
	}
}
