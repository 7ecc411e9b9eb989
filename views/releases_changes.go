package views

import (
	"context"
	"errors"

	"releasedesk/data"
)

// saveRelease stores what the Details form describes on top of the stored
// release base, creating a typed-in product when it is new. It shows any
// problem next to its field and returns the stored release and true on success.
func (r *Releases) saveRelease(base data.Release, d *detailsTab) (data.Release, bool) {
	rel, quick := d.collect(base)
	// A dry run without a product: the store checks every field and saves
	// nothing, so all problems show at once and a bad release never leaves a
	// new product behind.
	probe := rel
	probe.ProductID = 0
	if v, ok := data.AsValidation(r.store.SaveRelease(r.ctx, &probe)); ok {
		if all := mergeProblems(quick, withoutField(v, "Product")); len(all.Fields) > 0 {
			d.showProblems(all)
			return base, false
		}
	}
	if quick != nil {
		d.showProblems(quick)
		return base, false
	}
	name := d.productName()
	if p := r.productNamed(name); p != nil {
		rel.ProductID = p.ID
	} else {
		np, err := r.store.ProductNamed(r.ctx, name, true)
		if v, ok := data.AsValidation(err); ok {
			d.showProblems(renameField(v, "Name", "Product"))
			return base, false
		} else if err != nil {
			d.showGeneral("Could not create product " + name + ": " + err.Error())
			return base, false
		}
		rel.ProductID = np.ID
	}
	if err := r.store.SaveRelease(r.ctx, &rel); err != nil {
		if v, ok := data.AsValidation(err); ok {
			d.showProblems(v)
		} else {
			d.showGeneral("Could not save: " + err.Error())
		}
		return base, false
	}
	saved, err := r.store.Release(r.ctx, rel.ID)
	if err != nil {
		d.showGeneral("Saved, but could not read it back: " + err.Error())
		return base, false
	}
	if base.ID == 0 {
		id := saved.ID
		r.pushUndo(undoStep{label: "new release " + saved.Name(), releaseID: id, run: func(ctx context.Context) error {
			_, err := r.store.DeleteRelease(ctx, id)
			return err
		}})
	} else {
		before := base
		r.pushUndo(undoStep{label: "changes to " + saved.Name(), releaseID: before.ID, run: func(ctx context.Context) error {
			old := before
			old.ReplanReason = "Undo of " + saved.Name() + "'s new dates" // only read when the dates change back
			return r.store.SaveRelease(ctx, &old)
		}})
	}
	r.changed()
	r.notice.show("Saved "+saved.Name(), "Undo", r.Undo, r.sched.Later)
	return saved, true
}

// deleteRelease removes rel, goes back to the list and offers to undo.
func (r *Releases) deleteRelease(rel data.Release) {
	snap, err := r.store.DeleteRelease(r.ctx, rel.ID)
	if err != nil {
		r.showError("Could not delete "+rel.Name(), err)
		return
	}
	r.pushUndo(undoStep{label: "delete of " + rel.Name(), releaseID: rel.ID, run: func(ctx context.Context) error {
		return r.store.RestoreRelease(ctx, snap)
	}})
	r.editor.show(data.Release{Type: data.TypeMinor, Status: data.StatusDraft, Risk: data.RiskLow})
	r.showList()
	r.changed()
	if c := r.win.Canvas(); c != nil {
		c.Unfocus() // so Ctrl+Z reaches Undo, not a text field
	}
	r.notice.show("Deleted "+rel.Name(), "Undo", r.Undo, r.sched.Later)
}

func (r *Releases) pushUndo(s undoStep) {
	r.undo = append(r.undo, s)
	if r.OnUndoChanged != nil {
		r.OnUndoChanged()
	}
}

// CanUndo reports whether there is a change to take back.
func (r *Releases) CanUndo() bool { return len(r.undo) > 0 }

// UndoLabel names what Undo would take back, e.g. "Undo delete of Payments 2.4.0".
func (r *Releases) UndoLabel() string {
	if len(r.undo) == 0 {
		return "Undo"
	}
	return "Undo " + r.undo[len(r.undo)-1].label
}

// Undo takes back the last create, edit or delete made on this screen.
func (r *Releases) Undo() {
	if len(r.undo) == 0 {
		return
	}
	step := r.undo[len(r.undo)-1]
	r.undo = r.undo[:len(r.undo)-1]
	if r.OnUndoChanged != nil {
		r.OnUndoChanged()
	}
	err := step.run(r.ctx)
	r.changed()
	if err != nil {
		r.notice.hide()
		r.showError("Could not undo the "+step.label, err)
		return
	}
	if r.editing() && r.editor.release.ID == step.releaseID {
		fresh, err := r.store.Release(r.ctx, step.releaseID)
		switch {
		case errors.Is(err, data.ErrNotFound):
			r.editor.show(data.Release{Type: data.TypeMinor, Status: data.StatusDraft, Risk: data.RiskLow})
			r.showList()
		case err == nil && !r.editor.dirty():
			r.editor.show(fresh)
		}
	}
	r.notice.show("Undid the "+step.label, "", nil, r.sched.Later)
}

// withoutField returns v's problems except those of field.
func withoutField(v *data.ValidationError, field string) *data.ValidationError {
	out := &data.ValidationError{}
	for _, f := range v.Fields {
		if f.Field != field {
			out.Fields = append(out.Fields, f)
		}
	}
	return out
}

// mergeProblems lists first's problems, then second's for fields first does not mention.
func mergeProblems(first, second *data.ValidationError) *data.ValidationError {
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

// renameField returns v with the problems of field from moved to field to,
// e.g. a new product's Name problem shown under the release's Product field.
func renameField(v *data.ValidationError, from, to string) *data.ValidationError {
	out := &data.ValidationError{Fields: make([]data.FieldError, len(v.Fields))}
	for i, f := range v.Fields {
		if f.Field == from {
			f.Field = to
		}
		out.Fields[i] = f
	}
	return out
}
