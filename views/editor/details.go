package editor

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// detailsTab is the editor's Details tab: the release's own fields, each
// judged by the store's rules (data.ValidateRelease) once it is changed or
// Save is pressed, with the message in a line kept under it.
type detailsTab struct {
	ed   *Editor
	item *container.TabItem
	form *kit.FieldForm

	product                     *kit.SelectEntry
	version, title, owner, cref *kit.Entry
	description, riskNotes      *kit.Entry
	typ, status, risk           *kit.Select
	codeFreeze, planned, actual *kit.DayEntry
	// replan asks why committed dates change and shows the baseline (details_replan.go).
	replan *replanFields

	// shown is what the form held right after it was filled, to tell whether it changed.
	shown formValues
}

// formValues is the form's content as text, compared to detect unsaved changes.
type formValues [13]string

func newDetailsTab(ed *Editor) editorTab {
	d := &detailsTab{ed: ed, form: kit.NewFieldForm()}
	d.product = kit.NewSelectEntry(nil, "Choose or type a new product")
	d.version = kit.NewEntry("2.4.0").Limit(data.MaxVersionLength)
	d.title = kit.NewEntry("What this release delivers").Limit(data.MaxTitleLength)
	d.owner = kit.NewEntry("Who drives it").Limit(data.MaxNameLength)
	d.cref = kit.NewEntry("e.g. CHG-1042").Limit(data.MaxReferenceLength)
	d.description = kit.NewNotes("Scope, notable changes, dependencies", 4).Limit(data.MaxNoteLength)
	d.riskNotes = kit.NewNotes("What could go wrong and the mitigation", 3).Limit(data.MaxNoteLength)
	d.typ = kit.NewSelect(kit.LabelsOf(data.ReleaseTypes, data.ReleaseType.Label), "")
	d.status = kit.NewSelect(nil, "")
	d.risk = kit.NewSelect(kit.LabelsOf(data.Risks, data.Risk.Label), "")
	d.codeFreeze, d.planned, d.actual = kit.NewDayEntry(), kit.NewDayEntry(), kit.NewDayEntry()

	f := d.form
	left := f.Grid
	f.Add("Product", "Product", d.product, "")
	f.Add("Version", "Version", d.version, "")
	f.Add("Title", "Title", d.title, "")
	f.Add("Type", "Type", d.typ, "")
	f.Add("Owner", "Owner", d.owner, "")
	f.Add("ChangeRef", "Change reference", d.cref, "")
	right := f.NewGrid()
	f.Add("Status", "Status", d.status, "")
	d.replan = d.newReplanFields()
	f.Add("CodeFreeze", "Code freeze", withBaseline(d.codeFreeze, d.replan.freezeBase), "")
	f.Add("PlannedRelease", "Planned release", withBaseline(d.planned, d.replan.releaseBase), "")
	d.addReasonRow()
	f.Add("ActualRelease", "Actual release", d.actual, "Once it is out")
	f.Add("Risk", "Risk", d.risk, "")
	f.Add("RiskNotes", "Risk notes", d.riskNotes, "")
	desc := f.NewGrid()
	f.Add("Description", "", d.description, "")
	f.Check(d.problems)

	save := &widget.Button{Text: "Save", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: func() { d.ed.save() }}
	cancel := &widget.Button{Text: "Cancel", OnTapped: d.ed.cancel}
	save.ExtendBaseWidget(save)
	cancel.ExtendBaseWidget(cancel)
	columns := container.NewGridWithColumns(2, column("Release", left), column("Schedule and risk", right))
	body := container.NewVBox(columns, column("Description", desc))
	footer := container.NewBorder(nil, nil, nil, container.NewHBox(cancel, save), f.GeneralLine())
	d.item = container.NewTabItemWithIcon("Details", theme.DocumentIcon(),
		container.NewBorder(nil, container.NewPadded(footer), nil, nil, container.NewVScroll(container.NewPadded(body))))
	return d
}

// column puts a grid of the form under a heading.
func column(heading string, grid fyne.CanvasObject) fyne.CanvasObject {
	head := &widget.Label{Text: heading, SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	head.ExtendBaseWidget(head)
	return container.New(layout.NewCustomPaddedVBoxLayout(0), head, grid)
}

func (d *detailsTab) tabItem() *container.TabItem { return d.item }

// show fills the form from r; the status choices are those r's stored
// status may move to. Nothing is judged until the user changes a field.
func (d *detailsTab) show(r data.Release) {
	d.product.SetOptions(kit.ProductNames(d.ed.list.Products()))
	d.product.SetText(r.Product.Name)
	kit.SetLimitedText(&d.version.Entry, r.Version, data.MaxVersionLength)
	kit.SetLimitedText(&d.title.Entry, r.Title, data.MaxTitleLength)
	kit.SetLimitedText(&d.description.Entry, r.Description, data.MaxNoteLength)
	d.typ.SetSelected(r.Type.Label())
	statuses := data.ReleaseStatuses
	if r.ID != 0 {
		statuses = r.Status.NextStatuses()
	}
	d.status.SetOptions(kit.LabelsOf(statuses, data.ReleaseStatus.Label))
	d.status.SetSelected(r.Status.Label())
	d.risk.SetSelected(r.Risk.Label())
	kit.SetLimitedText(&d.riskNotes.Entry, r.RiskNotes, data.MaxNoteLength)
	kit.SetLimitedText(&d.owner.Entry, r.Owner, data.MaxNameLength)
	kit.SetLimitedText(&d.cref.Entry, r.ChangeRef, data.MaxReferenceLength)
	d.codeFreeze.SetDay(r.CodeFreeze)
	d.planned.SetDay(r.PlannedRelease)
	d.actual.SetDay(r.ActualRelease)
	d.showBaseline(r)
	d.shown = d.values()
	d.form.Reset()
}

func (d *detailsTab) values() formValues {
	return formValues{d.product.Text, d.version.Text, d.title.Text, d.description.Text, d.typ.Selected,
		d.status.Selected, d.risk.Selected, d.riskNotes.Text, d.owner.Text, d.cref.Text,
		d.codeFreeze.Text, d.planned.Text, d.actual.Text}
}

func (d *detailsTab) dirty() bool { return d.values() != d.shown }

// collect builds the release the form describes on top of base, with the
// days that could not be read.
func (d *detailsTab) collect(base data.Release) (data.Release, *data.ValidationError) {
	r := base
	var bad *data.ValidationError
	r.Version = strings.TrimSpace(d.version.Text)
	r.Title = strings.TrimSpace(d.title.Text)
	r.Description = strings.TrimSpace(d.description.Text)
	r.Type = kit.ValueOf(data.ReleaseTypes, data.ReleaseType.Label, d.typ.Selected)
	r.Status = kit.ValueOf(data.ReleaseStatuses, data.ReleaseStatus.Label, d.status.Selected)
	r.Risk = kit.ValueOf(data.Risks, data.Risk.Label, d.risk.Selected)
	r.RiskNotes = strings.TrimSpace(d.riskNotes.Text)
	r.Owner = strings.TrimSpace(d.owner.Text)
	r.ChangeRef = strings.TrimSpace(d.cref.Text)
	for _, f := range []struct {
		name string
		e    *kit.DayEntry
		dst  *data.Date
	}{{"CodeFreeze", d.codeFreeze, &r.CodeFreeze}, {"PlannedRelease", d.planned, &r.PlannedRelease}, {"ActualRelease", d.actual, &r.ActualRelease}} {
		if err := f.e.Check(false); err != nil {
			bad = kit.Fields(bad, f.name, err.Error())
		}
		*f.dst, _ = f.e.Value()
	}
	r.ReplanReason = d.replanReason()
	return r, bad
}

// problems judges the form by the store's rules: those of a release
// (data.ValidateRelease) and of a re-plan (data.ValidateReplan), after the
// days that could not be read; a product
// typed in counts as given, since saving creates it.
func (d *detailsTab) problems() *data.ValidationError {
	r, bad := d.collect(d.ed.release)
	if d.productName() == "" {
		bad = kit.Fields(bad, "Product", "is required")
	}
	r.ProductID = 1 // whether a product is named was judged above
	if v, ok := data.AsValidation(data.ValidateReplan(d.replan.stored, r)); ok {
		bad = kit.MergeProblems(bad, v)
	}
	if v, ok := data.AsValidation(data.ValidateRelease(r)); ok {
		if bad == nil {
			return v
		}
		return kit.MergeProblems(bad, v)
	}
	return bad
}

// productName is the product the form names, as typed.
func (d *detailsTab) productName() string { return strings.TrimSpace(d.product.Text) }

// DetailsStore is what the Details tab needs from the database: the release
// itself, and its product, created when a new name is typed.
type DetailsStore interface {
	Release(ctx context.Context, id uint) (data.Release, error)
	SaveRelease(ctx context.Context, r *data.Release) error
	DeleteRelease(ctx context.Context, id uint) (data.ReleaseSnapshot, error)
	ProductNamed(ctx context.Context, name string, create bool) (data.Product, error)
}

var _ DetailsStore = (*data.Store)(nil)
