package reports

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"releasedesk/data"
	reportfiles "releasedesk/reports"
	"releasedesk/views/kit"
)

// ImportStore checks and applies every kind of import, and takes one back;
// *data.Store is one.
type ImportStore interface {
	reportfiles.PlanStore
	reportfiles.JiraStore
	UndoImport(ctx context.Context, rec *data.ImportRecord) error
	Products(ctx context.Context) ([]data.Product, error)
}

var _ ImportStore = (*data.Store)(nil)

// importOptions are the choices that change how a file reads: the day and
// month order of a plan's dates, the Jira site an issue export links to,
// and the product of a versions list that names no project.
type importOptions struct {
	order         reportfiles.DateOrder
	site, product string
}

// importFile is a file to import as read, of whichever kind its header
// says, with what importing it would do once checked.
type importFile struct {
	kind          reportfiles.ImportKind
	site, product string

	// plan is read row by row, once for the preview and once for the
	// import, so a large plan is never held whole; see openPlan for who
	// closes it.
	plan     *openPlan
	jira     reportfiles.JiraExport
	versions reportfiles.JiraVersionsList

	planPreview     data.PlanPreview
	jiraPreview     data.JiraPreview
	versionsPreview data.JiraVersionsPreview
}

// readImportFile reads the file at path: a plan, or a Jira issue export or
// versions list when its header says so (reportfiles.DetectImport).
func readImportFile(path string, o importOptions) (importFile, error) {
	kind, err := reportfiles.DetectImport(path)
	if err != nil {
		return importFile{}, err
	}
	f := importFile{kind: kind, site: o.site, product: o.product}
	if kind == reportfiles.PlanFile {
		st, err := reportfiles.OpenPlanStream(path, reportfiles.PlanOptions{DateOrder: o.order})
		if err != nil {
			return f, err
		}
		f.plan = &openPlan{stream: st}
		return f, nil
	}
	raw, err := os.Open(path)
	if err != nil {
		return f, err
	}
	defer raw.Close()
	if kind == reportfiles.JiraIssuesFile {
		f.jira, err = reportfiles.ParseJiraIssues(raw)
	} else {
		f.versions, err = reportfiles.ParseJiraVersions(raw, o.product)
	}
	return f, err
}

// rows is how many rows of the file are to import.
func (f *importFile) rows() int {
	switch f.kind {
	case reportfiles.JiraIssuesFile:
		return len(f.jira.Issues)
	case reportfiles.JiraVersionsFile:
		return len(f.versions.Versions)
	}
	return f.plan.stream.Rows
}

// previewRows is how many releases a plan's preview keeps to show: enough
// to look through, few enough that a plan of any size previews in little
// memory. The counts, and the list of problems, still cover every row.
const previewRows = 1000

// check works out what importing the file would do, without writing.
func (f *importFile) check(ctx context.Context, st ImportStore) error {
	var err error
	switch f.kind {
	case reportfiles.JiraIssuesFile:
		f.jiraPreview, err = reportfiles.PreviewJira(ctx, st, f.jira, data.JiraOptions{SiteURL: f.site})
	case reportfiles.JiraVersionsFile:
		f.versionsPreview, err = reportfiles.PreviewJiraVersions(ctx, st, f.versions)
	default:
		f.planPreview, err = reportfiles.PreviewPlanStream(ctx, st, f.plan.stream, previewRows)
	}
	return err
}

// importDone is what an import wrote: the releases it created (none named
// for a plan, which is written as it is read), and a line saying what it
// did, after "Imported".
type importDone struct {
	created []data.Release
	what    string
}

// apply imports the file, all or nothing; a refusal is a *data.PlanErrors.
func (f importFile) apply(ctx context.Context, st ImportStore) (importDone, error) {
	switch f.kind {
	case reportfiles.JiraIssuesFile:
		res, err := reportfiles.ImportJira(ctx, st, f.jira, data.JiraOptions{SiteURL: f.site})
		if err != nil {
			return importDone{}, err
		}
		return importDone{created: res.NewReleases, what: jiraDoneText(res)}, nil
	case reportfiles.JiraVersionsFile:
		created, err := reportfiles.ImportJiraVersions(ctx, st, f.versions)
		return importDone{created: created, what: counted(len(created), "release", "releases")}, err
	}
	n, err := reportfiles.ImportPlanStream(ctx, st, f.plan.stream)
	return importDone{what: counted(n, "release", "releases")}, err
}

// openPlan is a plan file held open while its preview is shown. The
// preview lets go of it when left (done), and the background work reading
// it (in use) lets go when it ends; the file closes when both have, so a
// read is never cut off under a check or an import still running. Only the
// UI goroutine touches it.
type openPlan struct {
	stream *reportfiles.PlanStream
	inUse  int
	done   bool
	closed bool
}

// use marks a background read of the plan as started.
func (o *openPlan) use() { o.inUse++ }

// unuse marks a background read as ended, closing the plan if it was let go.
func (o *openPlan) unuse() {
	o.inUse--
	o.closeIfFree()
}

// letGo says the preview no longer shows the plan.
func (o *openPlan) letGo() {
	if o == nil {
		return
	}
	o.done = true
	o.closeIfFree()
}

func (o *openPlan) closeIfFree() {
	if o.done && o.inUse == 0 && !o.closed {
		o.closed = true
		o.stream.Close()
	}
}

// jiraDoneText says what an issue import did: "12 work items (8 new, 3
// updated, 1 moved) and 2 releases".
func jiraDoneText(res data.JiraResult) string {
	n := res.Created + res.Updated + res.Moved + res.Unchanged
	var parts []string
	for _, c := range []struct {
		n    int
		what string
	}{{res.Created, "new"}, {res.Updated, "updated"}, {res.Moved, "moved"}, {res.Unchanged, "unchanged"}} {
		if c.n > 0 {
			parts = append(parts, kit.FormatCount(c.n)+" "+c.what)
		}
	}
	text := counted(n, "work item", "work items")
	if len(parts) > 0 {
		text += " (" + strings.Join(parts, ", ") + ")"
	}
	if k := len(res.NewReleases); k > 0 {
		text += " with " + counted(k, "new release", "new releases")
	}
	return text
}

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
	p.s.PushUndo(kit.Step{Label: "import of " + filepath.Base(name), Change: data.Imported(rec)})
	p.s.Tell(text+".", "Undo", p.s.Undo)
}

// Undo takes back the last import made on this screen, as one step.
func (s *Screen) Undo() {
	if !s.CanUndo() {
		return
	}
	step, err := s.TakeBack(s.Context(), s.store)
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
