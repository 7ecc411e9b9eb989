package kit

import (
	"context"
	"errors"

	"releasedesk/data"
)

// Step is one change that Undo can take back: what the store did, kept as
// a data.Change, which the store itself takes back (Store.Undo) as one
// recorded change, whatever rules hold for moving forward.
type Step struct {
	// Label names the change after "Undo": "delete of Payments 2.4.0".
	Label string
	// Release is the release the change touched, 0 when none.
	Release uint
	// Change is what the store did.
	Change data.Change
}

// Undoer takes a change back through the store; *data.Store is one.
type Undoer interface {
	Undo(ctx context.Context, c data.Change) error
}

// UndoStack is a screen's changes that Undo takes back, newest last. Every
// screen that offers Undo embeds one, which gives it CanUndo, UndoLabel and
// OnUndoChanged, and adds an Undo that calls TakeBack and says how it went.
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

// errNothingToUndo is TakeBack's answer on an empty stack.
var errNothingToUndo = errors.New("there is nothing to undo")

// TakeBack removes the newest change and has store take it back. The step
// is gone either way: a change the store refuses to take back (it changed
// again since) cannot be undone later either.
func (u *UndoStack) TakeBack(ctx context.Context, store Undoer) (Step, error) {
	s, ok := u.PopUndo()
	if !ok {
		return Step{}, errNothingToUndo
	}
	return s, store.Undo(ctx, s.Change)
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
