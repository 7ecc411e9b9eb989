package reports

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// The preview of a Jira export: the work items an issue export writes and
// what happens to each (new, updated, moved, unchanged), the releases and
// products it creates, how Jira's issue types map to kinds, the issues it
// leaves out; for a versions list, the versions whose release is there.

// jiraColumn is one column of the table of work items.
type jiraColumn struct {
	title string
	width float32 // 0 for the column that takes the width left
	text  func(it *data.JiraItem) string
}

var jiraActions = map[data.JiraAction]string{
	data.JiraCreate: "New", data.JiraUpdate: "Updated", data.JiraMove: "Moved", data.JiraUnchanged: "Unchanged",
}

var jiraColumns = []jiraColumn{
	{"Row", 44, func(it *data.JiraItem) string { return fmt.Sprint(it.Row) }},
	{"Key", 84, func(it *data.JiraItem) string { return it.Item.Key }},
	{"Summary", 0, func(it *data.JiraItem) string { return it.Item.Summary }},
	{"Kind", 150, func(it *data.JiraItem) string { return it.Item.Kind.Label() + " ← " + it.IssueType }},
	{"Status", 96, func(it *data.JiraItem) string { return it.Item.Status.Label() }},
	{"Release", 156, func(it *data.JiraItem) string {
		if it.Item.ReleaseID == 0 {
			return it.Release + "  (NEW)"
		}
		return it.Release
	}},
	{"Change", 120, func(it *data.JiraItem) string {
		if it.Action == data.JiraMove {
			return "Moved from " + it.From
		}
		return jiraActions[it.Action]
	}},
}

// jiraView is the part of the import preview that shows a Jira export.
type jiraView struct {
	p     *planImport
	items []data.JiraItem
	table *previewTable
	// panel holds the work items; sidePanel what else happens, beside
	// them or beside the releases a versions list creates.
	panel, sidePanel *kit.TitledPanel
	side             *fyne.Container
}

func newJiraView(p *planImport) *jiraView {
	v := &jiraView{p: p, side: container.NewVBox()}
	titles, widths := make([]string, len(jiraColumns)), make([]float32, len(jiraColumns))
	for i, c := range jiraColumns {
		titles[i], widths[i] = c.title, c.width
	}
	v.table = newPreviewTable(titles, widths, func() int { return len(v.items) }, newTextCell, v.updateItem)
	v.panel = kit.NewTitledPanel(theme.ListIcon(), "Work items", nil, v.table.content)
	v.sidePanel = kit.NewTitledPanel(theme.InfoIcon(), "What else happens", nil, container.NewVScroll(v.side))
	return v
}

func (v *jiraView) updateItem(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row >= len(v.items) || id.Col >= len(jiraColumns) {
		return
	}
	l, it := o.(*widget.Label), &v.items[id.Row]
	l.Importance = widget.MediumImportance
	switch {
	case jiraColumns[id.Col].title == "Release" && it.Item.ReleaseID == 0,
		jiraColumns[id.Col].title == "Kind" && !knownType(v.p.file.jiraPreview.Types, it.IssueType):
		l.Importance = widget.WarningImportance // made up by the import: worth a second look
	}
	l.SetText(jiraColumns[id.Col].text(it))
}

// knownType reports whether Release Desk knows the issue type, or read it as a task.
func knownType(types []data.JiraTypeUse, issueType string) bool {
	for _, t := range types {
		if strings.EqualFold(t.IssueType, issueType) {
			return t.Known
		}
	}
	return true
}

// show fills the view from an issue export's preview and judges it.
func (v *jiraView) show(f importFile) verdict {
	pv := f.jiraPreview
	badRows := map[int]bool{}
	for _, e := range pv.Errors {
		badRows[e.Row] = true
	}
	// An issue whose row has an error (a due date Jira did not write, say) is not ready.
	v.items = slices.DeleteFunc(slices.Clone(pv.Items), func(it data.JiraItem) bool { return badRows[it.Row] })
	counts := map[data.JiraAction]int{}
	for _, it := range v.items {
		counts[it.Action]++
	}
	v.panel.SetNote(counted(len(v.items), "work item", "work items"))
	note := ""
	if len(v.items) == 0 {
		note = "No issue can be imported yet."
	}
	v.table.show(note)

	v.side.Objects = v.side.Objects[:0]
	var releases []string
	for _, r := range pv.NewReleases {
		when := "a draft: none of its issues has a due date"
		if !r.PlannedRelease.IsZero() {
			when = "planned for " + kit.FormatDate(r.PlannedRelease)
		}
		releases = append(releases, r.Name()+", "+when)
	}
	v.section("Releases to create", releases, "None: every fix version has its release.")
	v.section("Products to create", pv.NewProducts, "None: every project has its product.")
	var types []string
	for _, t := range pv.Types {
		line := fmt.Sprintf("%s → %s (%s)", t.IssueType, t.Kind.Label(), counted(t.Issues, "issue", "issues"))
		if !t.Known {
			line += ": a type Release Desk does not know, read as a task"
		}
		types = append(types, line)
	}
	v.section("Issue types", types, "")
	var skipped []string
	for _, s := range pv.Skipped {
		skipped = append(skipped, fmt.Sprintf("Row %d, %s: %s", s.Row, s.Key, s.Reason))
	}
	v.section("Left out", skipped, "No issue is left out.")
	v.side.Refresh()

	bad := data.BadPlanRows(pv.Errors)
	changes := counts[data.JiraCreate] + counts[data.JiraUpdate] + counts[data.JiraMove]
	out := verdict{importance: widget.SuccessImportance, action: "Import " + counted(len(v.items), "work item", "work items")}
	switch {
	case len(pv.Errors) > 0:
		out.text = fmt.Sprintf("%s ready, %s — fix them in the file and open it again.",
			counted(len(v.items), "work item", "work items"), counted(max(bad, 1), "row has errors", "rows have errors"))
		out.importance = widget.DangerImportance
	case len(v.items) == 0:
		out.text, out.importance = "The export has no issue with a fix version: no release to put them in.", widget.WarningImportance
	case changes == 0:
		out.text, out.importance = "Every issue is in Release Desk as Jira has it already: there is nothing to import.", widget.WarningImportance
		out.action = "Nothing to import"
	default:
		parts := []string{}
		for _, a := range []data.JiraAction{data.JiraCreate, data.JiraUpdate, data.JiraMove, data.JiraUnchanged} {
			if counts[a] > 0 {
				parts = append(parts, kit.FormatCount(counts[a])+" "+strings.ToLower(jiraActions[a]))
			}
		}
		out.text = counted(len(v.items), "work item", "work items") + " ready: " + strings.Join(parts, ", ")
		if k := len(pv.NewReleases); k > 0 {
			out.text += "; " + counted(k, "release", "releases") + " to create"
		}
		if k := len(pv.NewProducts); k > 0 {
			out.text += " and " + counted(k, "product", "products")
		}
		out.text += "."
		out.canImport = true
	}
	return out
}

// showExisting lists the versions of a versions list whose release is there already.
func (v *jiraView) showExisting(existing []data.JiraExisting) {
	v.items = nil
	v.table.show("")
	v.side.Objects = v.side.Objects[:0]
	var lines []string
	for _, e := range existing {
		line := fmt.Sprintf("Row %d, %s: left as it is", e.Row, e.Release)
		if e.Note != "" {
			line += " (" + e.Note + ")"
		}
		lines = append(lines, line)
	}
	v.section("Already in Release Desk", lines, "")
	v.side.Refresh()
}

// section adds a heading and its lines to the side panel, or the note when there are none.
func (v *jiraView) section(heading string, lines []string, none string) {
	if len(lines) == 0 && none == "" {
		return
	}
	h := &widget.Label{Text: heading, TextStyle: fyne.TextStyle{Bold: true}}
	h.ExtendBaseWidget(h)
	v.side.Add(h)
	if len(lines) == 0 {
		l := kit.WrappedLabel(none)
		l.Importance = widget.LowImportance
		v.side.Add(l)
		return
	}
	for _, line := range lines {
		v.side.Add(kit.WrappedLabel("• " + line))
	}
}

// askProduct asks which product the versions of a list that names no
// project belong to, then reads it again for that product.
func (p *planImport) askProduct(path string, opts importOptions) {
	ps, err := p.s.store.Products(p.s.Context())
	if err != nil {
		p.s.ShowError("Could not list the products", err)
		return
	}
	pick := widget.NewSelectEntry(kit.ProductNames(ps))
	pick.PlaceHolder = "Choose or type a product"
	form := kit.NewFieldForm()
	form.Add("Product", "Product", pick, "A product not there yet is created with the releases.")
	intro := kit.WrappedLabel("This versions list has no Project column. Which product are its versions releases of?")
	kit.ShowFormDialog(p.s.Win, "Import a versions list", "Preview", container.NewVBox(intro, form.Box), form, 520, func() bool {
		name := strings.TrimSpace(pick.Text)
		if name == "" {
			form.Problem("Product", "is required: the versions must belong to a product")
			return false
		}
		opts.product = name
		p.readWith(path, opts)
		return true
	})
	p.s.Win.Canvas().Focus(pick)
}
