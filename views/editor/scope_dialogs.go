package editor

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// The Scope tab's dialogs for one item (add, edit) and for a pasted list.

// itemForm is the form of one work item, each field named as the store names it.
type itemForm struct {
	form                                 *kit.FieldForm
	key, summary, component, link, notes *widget.Entry
	kind, status                         *widget.Select
	customer                             *widget.Check
}

func newItemForm() *itemForm {
	f := &itemForm{form: kit.NewFieldForm()}
	f.key = kit.LimitText(&widget.Entry{PlaceHolder: "PAY-101"}, data.MaxWorkItemKey)
	f.summary = kit.LimitText(&widget.Entry{PlaceHolder: "What changes, as customers would read it"}, data.MaxWorkItemSummary)
	f.component = kit.LimitText(&widget.Entry{PlaceHolder: "e.g. Checkout"}, data.MaxWorkItemComponent)
	f.link = kit.LimitText(&widget.Entry{PlaceHolder: "https://tracker.example.com/browse/PAY-101"}, data.MaxWorkItemLink)
	f.notes = kit.LimitText(&widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord}, data.MaxWorkItemNotes)
	f.notes.SetMinRowsVisible(3)
	for _, e := range []*widget.Entry{f.key, f.summary, f.component, f.link, f.notes} {
		e.ExtendBaseWidget(e)
	}
	f.kind = widget.NewSelect(kit.LabelsOf(data.WorkItemKinds, data.WorkItemKind.Label), nil)
	f.status = widget.NewSelect(kit.LabelsOf(data.WorkItemStatuses, data.WorkItemStatus.Label), nil)
	f.customer = widget.NewCheck("Tell customers in the release notes", nil)
	f.form.Add("Key", "Key", kit.Leading(200, f.key), "")
	f.form.Add("Summary", "Summary", f.summary, "")
	f.form.Add("Kind", "Kind", kit.Leading(200, f.kind), "")
	f.form.Add("Status", "Status", kit.Leading(200, f.status), "")
	f.form.Add("Component", "Component", f.component, "")
	f.form.Add("Link", "Link", f.link, "Its page in the tracker; the key opens it.")
	f.form.Add("CustomerFacing", "Customers", f.customer, "")
	f.form.Add("Notes", "Notes", f.notes, "")
	return f
}

func (f *itemForm) fill(it data.WorkItem) {
	kit.SetLimitedText(f.key, it.Key, data.MaxWorkItemKey)
	kit.SetLimitedText(f.summary, it.Summary, data.MaxWorkItemSummary)
	kit.SetLimitedText(f.component, it.Component, data.MaxWorkItemComponent)
	kit.SetLimitedText(f.link, it.Link, data.MaxWorkItemLink)
	kit.SetLimitedText(f.notes, it.Notes, data.MaxWorkItemNotes)
	f.kind.SetSelected(it.Kind.Label())
	f.status.SetSelected(it.Status.Label())
	f.customer.SetChecked(it.CustomerFacing)
}

// collect puts the form's values on top of it; the store checks them.
func (f *itemForm) collect(it data.WorkItem) data.WorkItem {
	it.Key, it.Summary, it.Component = f.key.Text, f.summary.Text, f.component.Text
	it.Link, it.Notes, it.CustomerFacing = f.link.Text, f.notes.Text, f.customer.Checked
	it.Kind = kit.ValueOf(data.WorkItemKinds, data.WorkItemKind.Label, f.kind.Selected)
	it.Status = kit.ValueOf(data.WorkItemStatuses, data.WorkItemStatus.Label, f.status.Selected)
	return it
}

// onAdd opens the form for a new item: an open, customer-facing feature unless chosen otherwise.
func (t *scopeTab) onAdd() {
	blank := data.WorkItem{ReleaseID: t.release.ID, Kind: data.WorkFeature, Status: data.WorkOpen, CustomerFacing: true}
	t.openItemForm("Add a work item to "+t.release.Name(), "Add", blank, func(saved data.WorkItem) {
		t.afterChange("Added "+saved.Key+" to "+t.release.Name(), t.undoStep("new item "+saved.Key, data.Created(saved)))
	})
}

func (t *scopeTab) onEdit(it data.WorkItem) {
	before := it
	t.openItemForm("Edit "+it.Key, "Save", it, func(saved data.WorkItem) {
		t.afterChange("Saved "+saved.Key, t.undoStep("changes to "+before.Key, data.Edited(before, saved)))
	})
}

// openItemForm shows the item form filled with it; saved runs once the store took the item.
func (t *scopeTab) openItemForm(title, action string, it data.WorkItem, saved func(data.WorkItem)) {
	f := newItemForm()
	f.fill(it)
	kit.ShowFormDialog(t.ed.screen.Win, title, action, f.form.Box, f.form, 620, func() bool {
		next := f.collect(it)
		if err := t.ed.store.SaveWorkItem(t.ed.screen.Context(), &next); err != nil {
			f.form.ShowError("Could not save the item", err)
			return false
		}
		saved(next)
		return true
	})
	if it.ID == 0 {
		t.ed.screen.Win.Canvas().Focus(f.key)
	} else {
		t.ed.screen.Win.Canvas().Focus(f.summary)
	}
}

// pasteForm reads a list of "KEY summary" lines and shows, as it is typed,
// what would be added and which lines cannot be read.
type pasteForm struct {
	form     *kit.FieldForm
	text     *widget.Entry
	kind     *widget.Select
	status   *widget.Select
	customer *widget.Check
	verdict  *widget.Label
	problems *widget.Label

	lines []data.ScopeLine
	errs  []data.ScopeLineError
}

// shownProblems is how many bad lines the preview lists before "and N more".
const shownProblems = 6

func newPasteForm() *pasteForm {
	p := &pasteForm{form: kit.NewFieldForm()}
	p.text = &widget.Entry{MultiLine: true, PlaceHolder: "PAY-101 Pay by bank transfer\nPAY-102 Refunds in yen round correctly"}
	p.text.SetMinRowsVisible(8)
	p.text.ExtendBaseWidget(p.text)
	p.text.OnChanged = func(string) { p.preview() }
	p.kind = widget.NewSelect(kit.LabelsOf(data.WorkItemKinds, data.WorkItemKind.Label), nil)
	p.kind.Selected = data.WorkFeature.Label()
	p.status = widget.NewSelect(kit.LabelsOf(data.WorkItemStatuses, data.WorkItemStatus.Label), nil)
	p.status.Selected = data.WorkOpen.Label()
	p.customer = widget.NewCheck("Tell customers in the release notes", nil)
	p.customer.Checked = true
	p.verdict = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	p.verdict.ExtendBaseWidget(p.verdict)
	p.problems = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	p.problems.ExtendBaseWidget(p.problems)
	p.problems.Hide()
	p.form.Add("Lines", "Items", container.NewVBox(p.text, p.verdict, p.problems),
		"One item a line: its key, then its summary (PAY-101 Pay by bank transfer). Lists copied from a document or two spreadsheet columns read as they are.")
	p.form.Add("Kind", "Kind", kit.Leading(200, p.kind), "")
	p.form.Add("Status", "Status", kit.Leading(200, p.status), "")
	p.form.Add("CustomerFacing", "Customers", p.customer, "")
	p.preview()
	return p
}

// preview reads the lines as typed and says what adding them would do.
func (p *pasteForm) preview() {
	p.lines, p.errs = data.ParseScopeLines(p.text.Text)
	switch {
	case len(p.lines) == 0 && len(p.errs) == 0:
		p.verdict.SetText("Paste or type the items, one a line.")
		p.verdict.Importance = widget.LowImportance
	case len(p.errs) > 0:
		p.verdict.SetText(fmt.Sprintf("%s read, %s cannot be read — fix them to add the items.",
			kit.Count(len(p.lines), "line"), kit.Count(len(p.errs), "line")))
		p.verdict.Importance = widget.DangerImportance
	default:
		p.verdict.SetText(kit.Count(len(p.lines), "item") + " ready: " + scopeLineKeys(p.lines))
		p.verdict.Importance = widget.SuccessImportance
	}
	p.verdict.Refresh()
	var lines []string
	for i, e := range p.errs {
		if i == shownProblems {
			lines = append(lines, fmt.Sprintf("and %s more", kit.Count(len(p.errs)-shownProblems, "line")))
			break
		}
		lines = append(lines, e.Error())
	}
	p.problems.SetText(strings.Join(lines, "\n"))
	if (len(lines) > 0) != p.problems.Visible() {
		p.problems.Hidden = len(lines) == 0
		p.form.Grid.Refresh()
		p.form.Box.Refresh()
	}
}

// scopeLineKeys names the first few keys read: "PAY-1, PAY-2, PAY-3…".
func scopeLineKeys(lines []data.ScopeLine) string {
	var keys []string
	for i, l := range lines {
		if i == 5 {
			return strings.Join(keys, ", ") + "…"
		}
		keys = append(keys, l.Key)
	}
	return strings.Join(keys, ", ")
}

// template is the item every pasted line becomes, but for its key and summary.
func (p *pasteForm) template() data.WorkItem {
	return data.WorkItem{Kind: kit.ValueOf(data.WorkItemKinds, data.WorkItemKind.Label, p.kind.Selected),
		Status: kit.ValueOf(data.WorkItemStatuses, data.WorkItemStatus.Label, p.status.Selected), CustomerFacing: p.customer.Checked}
}

// onPaste adds many items at once from pasted lines; Undo removes them again.
func (t *scopeTab) onPaste() {
	p := newPasteForm()
	intro := kit.WrappedLabel("Items whose key " + t.release.Name() + " has already are left as they are.")
	kit.ShowFormDialog(t.ed.screen.Win, "Paste work items into "+t.release.Name(), "Add items",
		container.NewVBox(intro, p.form.Box), p.form, 720, func() bool {
			p.preview()
			switch {
			case len(p.errs) > 0:
				p.form.ShowGeneral("Some lines cannot be read: fix or remove them, then add the items.")
				return false
			case len(p.lines) == 0:
				p.form.ShowGeneral("There is nothing to add yet: paste the items, one a line.")
				return false
			}
			res, err := t.ed.store.PasteScope(t.ed.screen.Context(), t.release.ID, p.lines, p.template())
			if err != nil {
				p.form.ShowError("Could not add the items", err)
				return false
			}
			t.pasted(res)
			return true
		})
	t.ed.screen.Win.Canvas().Focus(p.text)
}

// pasted says what a paste added and offers to take it back.
func (t *scopeTab) pasted(res data.PasteResult) {
	notice := "Added " + kit.Count(len(res.Added), "item") + " to " + t.release.Name()
	if len(res.Existing) > 0 {
		notice += "; " + strings.Join(res.Existing, ", ") + " " + map[bool]string{true: "was", false: "were"}[len(res.Existing) == 1] + " there already"
	}
	if len(res.Added) == 0 {
		t.reload()
		t.ed.screen.Tell(notice, "", nil)
		return
	}
	t.afterChange(notice, t.undoStep("paste of "+kit.Count(len(res.Added), "item"), data.PastedWorkItems(res.Added)))
}
