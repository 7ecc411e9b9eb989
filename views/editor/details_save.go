package editor

import (
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
	if !d.form.Submit() {
		d.askReason()
		return base, false // nothing is saved, not even a new product
	}
	rel, _ := d.collect(base)
	ctx := ed.screen.Context()
	name := d.productName()
	if p := ed.productNamed(name); p != nil {
		rel.ProductID = p.ID
	} else {
		np, err := ed.store.ProductNamed(ctx, name, true)
		if v, ok := data.AsValidation(err); ok {
			d.form.ShowError("Could not create product "+name, kit.RenameField(v, "Name", "Product"))
			return base, false
		} else if err != nil {
			d.form.ShowError("Could not create product "+name, err)
			return base, false
		}
		rel.ProductID = np.ID
	}
	if err := ed.store.SaveRelease(ctx, &rel); err != nil {
		if c, ok := data.AsConflict(err); ok {
			ed.offerReloadOrOverwrite(c)
			return base, false
		}
		d.form.ShowError("Could not save", err)
		d.askReason()
		return base, false
	}
	saved, err := ed.store.Release(ctx, rel.ID)
	if err != nil {
		d.form.ShowError("Saved, but could not read it back", err)
		return base, false
	}
	step := kit.Step{Label: "changes to " + saved.Name(), Release: saved.ID, Change: data.Edited(base, saved)}
	if base.ID == 0 {
		step = kit.Step{Label: "new release " + saved.Name(), Release: saved.ID, Change: data.Created(saved)}
	}
	ed.PushUndo(step)
	ed.list.Reload()
	ed.screen.Tell("Saved "+saved.Name()+replanNotice(base, saved), "Undo", ed.Undo)
	return saved, true
}

// deleteRelease removes rel, goes back to the list and offers to undo.
func (ed *Editor) deleteRelease(rel data.Release) {
	snap, err := ed.store.DeleteRelease(ed.screen.Context(), rel.ID)
	if err != nil {
		ed.screen.ShowError("Could not delete "+rel.Name(), err)
		return
	}
	ed.PushUndo(kit.Step{Label: "delete of " + rel.Name(), Release: rel.ID, Change: data.Deleted(snap)})
	ed.Show(data.Release{Type: data.TypeMinor, Status: data.StatusDraft, Risk: data.RiskLow})
	ed.list.ShowList()
	ed.list.Reload()
	if c := ed.screen.Win.Canvas(); c != nil {
		c.Unfocus() // so Ctrl+Z reaches Undo, not a text field
	}
	ed.screen.Tell("Deleted "+rel.Name(), "Undo", ed.Undo)
}

// Undo takes back the last change made on this screen through the store,
// as one recorded change, and shows the release as it is now.
func (ed *Editor) Undo() {
	if !ed.CanUndo() {
		return
	}
	step, err := ed.TakeBack(ed.screen.Context(), ed.store)
	ed.list.Reload()
	if ed.content.Visible() && ed.release.ID == step.Release && step.Release != 0 {
		ed.followUndo()
	}
	if err != nil {
		ed.screen.Notice.Hide()
		ed.screen.ShowError("Could not undo the "+step.Label, err)
		return
	}
	ed.screen.Tell("Undid the "+step.Label, "", nil)
}

// followUndo shows the release as an undo left it: gone, back to the list;
// otherwise every tab reads it again, and the Details form follows unless
// it holds the user's unsaved edits.
func (ed *Editor) followUndo() {
	fresh, err := ed.store.Release(ed.screen.Context(), ed.release.ID)
	if errors.Is(err, data.ErrNotFound) {
		ed.Show(data.Release{Type: data.TypeMinor, Status: data.StatusDraft, Risk: data.RiskLow})
		ed.list.ShowList()
		return
	}
	if err != nil {
		return
	}
	if !ed.Dirty() {
		ed.Show(fresh)
		return
	}
	followReleaseStatus(ed)
	for _, t := range ed.tabs[1:] {
		t.show(ed.release)
	}
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
