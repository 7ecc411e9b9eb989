package editor

import (
	"context"
	"errors"
	"slices"
	"strings"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// saveRelease stores what the Details form describes on top of the stored
// release base, creating a typed-in product when it is new. It shows any
// problem next to its field and returns the stored release and true on success.
func (ed *Editor) saveRelease(base data.Release, d *detailsTab) (data.Release, bool) {
	rel, quick := d.collect(base)
	// A dry run without a product: the store checks every field and saves
	// nothing, so all problems show at once and a bad release never leaves a
	// new product behind.
	probe := rel
	probe.ProductID = 0
	if v, ok := data.AsValidation(ed.store.SaveRelease(ed.screen.Context(), &probe)); ok {
		if all := kit.MergeProblems(quick, withoutField(v, "Product")); len(all.Fields) > 0 {
			d.showProblems(all)
			return base, false
		}
	}
	if quick != nil {
		d.showProblems(quick)
		return base, false
	}
	name := d.productName()
	if p := ed.productNamed(name); p != nil {
		rel.ProductID = p.ID
	} else {
		np, err := ed.store.ProductNamed(ed.screen.Context(), name, true)
		if v, ok := data.AsValidation(err); ok {
			d.showProblems(kit.RenameField(v, "Name", "Product"))
			return base, false
		} else if err != nil {
			d.showGeneral("Could not create product " + name + ": " + err.Error())
			return base, false
		}
		rel.ProductID = np.ID
	}
	if err := ed.store.SaveRelease(ed.screen.Context(), &rel); err != nil {
		if v, ok := data.AsValidation(err); ok {
			d.showProblems(v)
		} else {
			d.showGeneral("Could not save: " + err.Error())
		}
		return base, false
	}
	saved, err := ed.store.Release(ed.screen.Context(), rel.ID)
	if err != nil {
		d.showGeneral("Saved, but could not read it back: " + err.Error())
		return base, false
	}
	if base.ID == 0 {
		id := saved.ID
		ed.PushUndo(kit.Step{Label: "new release " + saved.Name(), Release: id, Run: func(ctx context.Context) error {
			_, err := ed.store.DeleteRelease(ctx, id)
			return err
		}})
	} else {
		before := base
		ed.PushUndo(kit.Step{Label: "changes to " + saved.Name(), Release: before.ID, Run: func(ctx context.Context) error {
			old := before
			old.ReplanReason = "Undo of " + saved.Name() + "'s new dates" // only read when the dates change back
			return ed.store.SaveRelease(ctx, &old)
		}})
	}
	ed.list.Reload()
	ed.screen.Tell("Saved "+saved.Name(), "Undo", ed.Undo)
	return saved, true
}

// deleteRelease removes rel, goes back to the list and offers to undo.
func (ed *Editor) deleteRelease(rel data.Release) {
	snap, err := ed.store.DeleteRelease(ed.screen.Context(), rel.ID)
	if err != nil {
		ed.screen.ShowError("Could not delete "+rel.Name(), err)
		return
	}
	ed.PushUndo(kit.Step{Label: "delete of " + rel.Name(), Release: rel.ID, Run: func(ctx context.Context) error {
		return ed.store.RestoreRelease(ctx, snap)
	}})
	ed.Show(data.Release{Type: data.TypeMinor, Status: data.StatusDraft, Risk: data.RiskLow})
	ed.list.ShowList()
	ed.list.Reload()
	if c := ed.screen.Win.Canvas(); c != nil {
		c.Unfocus() // so Ctrl+Z reaches Undo, not a text field
	}
	ed.screen.Tell("Deleted "+rel.Name(), "Undo", ed.Undo)
}

// Undo takes back the last create, edit or delete made on this screen.
func (ed *Editor) Undo() {
	step, ok := ed.PopUndo()
	if !ok {
		return
	}
	err := step.Run(ed.screen.Context())
	ed.list.Reload()
	if err != nil {
		ed.screen.Notice.Hide()
		ed.screen.ShowError("Could not undo the "+step.Label, err)
		return
	}
	if ed.content.Visible() && ed.release.ID == step.Release {
		fresh, err := ed.store.Release(ed.screen.Context(), step.Release)
		switch {
		case errors.Is(err, data.ErrNotFound):
			ed.Show(data.Release{Type: data.TypeMinor, Status: data.StatusDraft, Risk: data.RiskLow})
			ed.list.ShowList()
		case err == nil && !ed.Dirty():
			ed.Show(fresh)
		}
	}
	ed.screen.Tell("Undid the "+step.Label, "", nil)
}

// productNamed is the product of the list named name, as typed; nil when none is.
func (ed *Editor) productNamed(name string) *data.Product {
	ps := ed.list.Products()
	i := slices.IndexFunc(ps, func(p data.Product) bool { return strings.EqualFold(p.Name, strings.TrimSpace(name)) })
	if i < 0 {
		return nil
	}
	return &ps[i]
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
