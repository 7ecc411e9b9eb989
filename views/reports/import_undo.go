package reports

import (
	"context"
	"path/filepath"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// An import is one step to undo: right after it, from the notice, or with
// Ctrl+Z (Edit > Undo) while the Reports screen is shown. The store takes
// back exactly what the import wrote, or refuses, changing nothing, when
// any of it was changed since.

// imported goes back to the cards, says what the import did and offers to undo it.
func (p *planImport) imported(name string, done importDone, rec *data.ImportRecord) {
	p.s.showPreview(false)
	text := "Imported " + done.what + " from " + name
	if k := rec.Created(data.EntityProduct); k > 0 {
		text += " and added " + counted(k, "product", "products")
	}
	p.s.Reload()
	if p.s.OnImported != nil {
		p.s.OnImported(done.created)
	}
	if rec.Empty() {
		p.s.Tell(text+"; nothing changed.", "", nil)
		return
	}
	store := p.s.store
	p.s.PushUndo(kit.Step{Label: "import of " + filepath.Base(name), Run: func(ctx context.Context) error {
		return store.UndoImport(ctx, rec)
	}})
	p.s.Tell(text+".", "Undo", p.s.Undo)
}

// Undo takes back the last import made on this screen, as one step.
func (s *Screen) Undo() {
	step, ok := s.PopUndo()
	if !ok {
		return
	}
	err := step.Run(s.Context())
	s.Reload()
	if s.OnImported != nil {
		s.OnImported(nil) // the other screens read again what the import had added
	}
	if err != nil {
		s.Notice.Hide()
		s.ShowError("Could not undo the "+step.Label, err)
		return
	}
	s.Tell("Undid the "+step.Label, "", nil)
}

// PreviewImport reads the file at path and shows what importing it would
// do, as choosing it with Open file… does; nothing is written until Import.
func (s *Screen) PreviewImport(path string) { s.plan.read(path) }
