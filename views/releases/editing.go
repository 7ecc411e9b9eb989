package releases

import (
	"releasedesk/data"
	"releasedesk/views/editor"
	"releasedesk/views/settings"

	"fyne.io/fyne/v2"
)

// Opening the editor over the list and coming back to it: where the screen
// is, which release it shows on which tab, and what leaving asks first.

// editing reports whether the editor is open.
func (r *Screen) editing() bool { return r.editor.Content().Visible() }

// ShowList shows the table again; every change made in the editor has already reloaded it.
func (r *Screen) ShowList() {
	from := r.Where()
	r.editor.Content().Hide()
	r.list.Show()
	r.moved(from)
}

// showEditor opens the editor on rel at focus in place of the list.
func (r *Screen) showEditor(rel data.Release, focus editor.Focus) {
	r.list.Hide()
	if len(r.pages.Objects) == 1 {
		// Joins the screen when first opened: even hidden, it would be laid
		// out with the list, drawing up its tabs and loading the italic fonts.
		r.pages.Add(r.editor.Content())
	}
	r.editor.Content().Show()
	r.editor.Open(rel, focus)
}

// open shows the stored release rel in the editor.
func (r *Screen) open(rel data.Release) { r.openAt(rel, editor.Focus{}) }

// openAt shows the stored release rel in the editor at focus.
func (r *Screen) openAt(rel data.Release, focus editor.Focus) {
	fresh, err := r.store.Release(r.Context(), rel.ID)
	if err != nil {
		r.ShowError("Could not open "+rel.Name(), err)
		r.Reload()
		return
	}
	from := r.Where()
	r.showEditor(fresh, focus)
	r.moved(from)
}

// OpenRelease shows the release with this id in the editor, asking first
// when the release being edited has unsaved changes.
func (r *Screen) OpenRelease(id uint) { r.OpenReleaseAt(id, editor.Focus{}) }

// OpenReleaseAt shows the release with this id in the editor on focus's
// tab, its record marked; it asks first when the release being edited has
// unsaved changes.
func (r *Screen) OpenReleaseAt(id uint, focus editor.Focus) {
	r.ConfirmLeave(func() { r.openAt(data.Release{ID: id}, focus) })
}

// Where is what the screen shows: the list (Release 0) or a stored release on a tab of the editor.
type Where struct {
	Release uint
	Tab     editor.Tab
}

// Where is what the screen shows now; a new release not yet saved counts as the list.
func (r *Screen) Where() Where {
	if !r.editing() {
		return Where{}
	}
	return Where{Release: r.editor.Release().ID, Tab: r.editor.Tab()}
}

// moved tells OnMove where the screen was, when it now shows something else.
func (r *Screen) moved(from Where) {
	if now := r.Where(); r.OnMove != nil && now.Release != from.Release {
		r.OnMove(from)
	}
}

// SetBack makes the editor's back button say label and run back.
func (r *Screen) SetBack(label string, back func()) { r.editor.SetBack(label, back) }

// NewRelease opens the editor on a new draft release, for the product the
// list is filtered to, if any.
func (r *Screen) NewRelease() {
	r.ConfirmLeave(func() {
		prefs := fyne.CurrentApp().Preferences() // the defaults chosen in Settings
		rel := data.Release{Type: settings.DefaultReleaseType(prefs), Status: data.StatusDraft, Risk: settings.DefaultRisk(prefs)}
		if p := r.productNamed(r.productFilter.Selected); p != nil {
			rel.Product = *p
			rel.ProductID = p.ID
		}
		r.showEditor(rel, editor.Focus{})
		r.editor.FocusProduct()
	})
}

// FocusSearch shows the list and puts the cursor in the search box.
func (r *Screen) FocusSearch() {
	r.ConfirmLeave(func() {
		if r.editing() {
			r.ShowList()
		}
		r.focus(r.search)
	})
}

func (r *Screen) focus(o fyne.Focusable) {
	if c := r.Win.Canvas(); c != nil {
		c.Focus(o)
	}
}

// ConfirmLeave runs then, first asking to save, discard or stay when the
// release being edited has unsaved changes.
func (r *Screen) ConfirmLeave(then func()) {
	if !r.editing() {
		then()
		return
	}
	r.editor.Leave(then)
}

// HasUnsavedChanges reports whether the editor holds changes not yet saved.
func (r *Screen) HasUnsavedChanges() bool { return r.editing() && r.editor.Dirty() }
