package editor

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
)

// offerReloadOrOverwrite tells that someone else changed the release since
// the editor read it (c says who and when) and lets the person choose:
// Reload shows the stored release and drops the form's edits; Overwrite
// saves the form over the other change.
func (ed *Editor) offerReloadOrOverwrite(c *data.ConflictError) {
	who := c.Who
	if who == "" {
		who = "someone else"
	}
	when := ""
	if !c.At.IsZero() {
		when = " at " + c.At.Local().Format("2006-01-02 15:04")
	}
	msg := fmt.Sprintf("%s changed %s%s, after you opened it.\n"+
		"Reload to see their change (your edits here are dropped),\nor overwrite it with what you typed.", who, ed.release.Name(), when)
	d := dialog.NewConfirm("Changed by "+who, msg, func(overwrite bool) {
		if overwrite {
			ed.release.Revision = c.Current
			ed.save()
			return
		}
		ed.reload()
	}, ed.screen.Win)
	d.SetConfirmText("Overwrite")
	d.SetConfirmImportance(widget.DangerImportance)
	d.SetDismissText("Reload")
	d.Show()
}

// OthersChanged brings the editor up to date after who (empty when not
// known) changed its release: the tabs read again, the one on show stays.
// With unsaved edits it only says so: saving then asks to reload or overwrite.
func (ed *Editor) OthersChanged(who string) {
	if ed.release.ID == 0 {
		return
	}
	if who == "" {
		who = "Someone else"
	}
	name := ed.release.Name()
	fresh, err := ed.store.Release(ed.screen.Context(), ed.release.ID)
	switch {
	case errors.Is(err, data.ErrNotFound):
		ed.Show(data.Release{Type: data.TypeMinor, Status: data.StatusDraft, Risk: data.RiskLow})
		ed.list.ShowList()
		ed.screen.Tell(who+" deleted "+name, "", nil)
	case err != nil:
		return // the list's reload shows what went wrong
	case ed.Dirty():
		ed.screen.Tell(who+" changed "+name+" meanwhile; saving will ask whether to reload or overwrite", "Reload", ed.reload)
	default:
		ed.Show(fresh)
		ed.screen.Tell(who+" changed "+name, "", nil)
	}
}

// reload shows the release as stored now, dropping unsaved edits, and
// reads the list again.
func (ed *Editor) reload() {
	fresh, err := ed.store.Release(ed.screen.Context(), ed.release.ID)
	if err != nil {
		ed.screen.ShowError("Could not read "+ed.release.Name()+" again", err)
		return
	}
	for _, t := range ed.tabs {
		if e, ok := t.(tabEdits); ok {
			e.discardEdits()
		}
	}
	ed.Show(fresh)
	ed.list.Reload()
	ed.screen.Tell("Reloaded "+fresh.Name(), "", nil)
}
