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

// detailsTab is the editor's Details tab: the release's own fields, with a
// message under each field the store or a quick check found wrong.
type detailsTab struct {
	ed   *Editor
	item *container.TabItem

	product                     *widget.SelectEntry
	version, title, owner, cref *widget.Entry
	description, riskNotes      *widget.Entry
	typ, status, risk           *widget.Select
	codeFreeze, planned, actual *widget.DateEntry

	// problems holds the message label under each field, by the store's field name.
	problems map[string]*widget.Label
	labels   map[string]string
	general  *widget.Label

	// shown is what the form held right after it was filled, to tell whether it changed.
	shown formValues
	// filling is set while show puts stored values in, so quick checks stay quiet.
	filling bool
	// boxes are the containers whose size depends on which messages show,
	// innermost first; Fyne lays a container out again only when told.
	boxes []fyne.CanvasObject
}

// formValues is the form's content as text, compared to detect unsaved changes.
type formValues [13]string

func newDetailsTab(ed *Editor) editorTab {
	d := &detailsTab{ed: ed, problems: map[string]*widget.Label{}, labels: map[string]string{}}
	d.product = widget.NewSelectEntry(nil)
	d.product.PlaceHolder = "Choose or type a new product"
	d.version = kit.LimitText(&widget.Entry{PlaceHolder: "2.4.0", Validator: validateVersion}, data.MaxVersionLength)
	d.title = kit.LimitText(&widget.Entry{PlaceHolder: "What this release delivers", Validator: kit.RequiredText}, data.MaxTitleLength)
	d.owner = kit.LimitText(&widget.Entry{PlaceHolder: "Who drives it"}, data.MaxNameLength)
	d.cref = kit.LimitText(&widget.Entry{PlaceHolder: "e.g. CHG-1042"}, data.MaxReferenceLength)
	d.description = kit.LimitText(&widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord, PlaceHolder: "Scope, notable changes, dependencies"}, data.MaxNoteLength)
	d.description.SetMinRowsVisible(4)
	d.riskNotes = kit.LimitText(&widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord, PlaceHolder: "What could go wrong and the mitigation"}, data.MaxNoteLength)
	d.riskNotes.SetMinRowsVisible(3)
	for _, e := range []*widget.Entry{d.version, d.title, d.owner, d.cref, d.description, d.riskNotes} {
		e.ExtendBaseWidget(e)
	}
	d.typ = widget.NewSelect(kit.LabelsOf(data.ReleaseTypes, data.ReleaseType.Label), nil)
	d.status = widget.NewSelect(nil, nil)
	d.risk = widget.NewSelect(kit.LabelsOf(data.Risks, data.Risk.Label), nil)
	d.codeFreeze, d.planned, d.actual = kit.NewDayEntry(), kit.NewDayEntry(), kit.NewDayEntry()
	d.checkAsTyped("Version", d.version)
	d.checkAsTyped("Title", d.title)
	d.general = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	d.general.ExtendBaseWidget(d.general)
	d.general.Hide()

	left := d.column("Release",
		d.field("Product", "Product", d.product),
		d.field("Version", "Version", d.version),
		d.field("Title", "Title", d.title),
		d.field("Type", "Type", d.typ),
		d.field("Owner", "Owner", d.owner),
		d.field("ChangeRef", "Change reference", d.cref),
	)
	right := d.column("Schedule and risk",
		d.field("Status", "Status", d.status),
		d.field("CodeFreeze", "Code freeze", d.codeFreeze),
		d.field("PlannedRelease", "Planned release", d.planned),
		d.field("ActualRelease", "Actual release", d.actual),
		d.field("Risk", "Risk", d.risk),
		d.field("RiskNotes", "Risk notes", d.riskNotes),
	)
	desc := d.column("Description", d.field("Description", "", d.description))
	save := &widget.Button{Text: "Save", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: func() { d.ed.save() }}
	cancel := &widget.Button{Text: "Cancel", OnTapped: d.ed.cancel}
	save.ExtendBaseWidget(save)
	cancel.ExtendBaseWidget(cancel)
	columns := container.NewGridWithColumns(2, left, right)
	body := container.NewVBox(d.general, columns, desc)
	padded := container.NewPadded(body)
	scroll := container.NewVScroll(padded)
	d.boxes = append(d.boxes, columns, body, padded, scroll)
	footer := container.NewHBox(layout.NewSpacer(), cancel, save)
	d.item = container.NewTabItemWithIcon("Details", theme.DocumentIcon(),
		container.NewBorder(nil, container.NewPadded(footer), nil, nil, scroll))
	return d
}

// field returns the form row for the store field name: the input with its message label under it.
func (d *detailsTab) field(name, label string, input fyne.CanvasObject) [2]fyne.CanvasObject {
	msg := &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
	msg.ExtendBaseWidget(msg)
	msg.Hide()
	d.problems[name] = msg
	d.labels[name] = label
	if label == "" {
		d.labels[name] = name
	}
	return [2]fyne.CanvasObject{widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewVBox(input, msg)}
}

// column stacks rows under a heading, labels on the left and inputs on the right.
func (d *detailsTab) column(heading string, rows ...[2]fyne.CanvasObject) fyne.CanvasObject {
	cells := make([]fyne.CanvasObject, 0, 2*len(rows))
	single := len(rows) == 1 && rows[0][0].(*widget.Label).Text == ""
	for _, r := range rows {
		cells = append(cells, r[0], r[1])
	}
	head := &widget.Label{Text: heading, SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	head.ExtendBaseWidget(head)
	for _, r := range rows {
		d.boxes = append(d.boxes, r[1])
	}
	var col *fyne.Container
	if single {
		col = container.NewVBox(head, rows[0][1])
	} else {
		form := container.New(layout.NewFormLayout(), cells...)
		d.boxes = append(d.boxes, form)
		col = container.NewVBox(head, form)
	}
	d.boxes = append(d.boxes, col)
	return col
}

// relayout lays the form out again after messages appeared or went away.
func (d *detailsTab) relayout() {
	for _, b := range d.boxes {
		b.Refresh()
	}
}

// checkAsTyped shows the quick check's verdict under field as the user types,
// so a mistake is explained before Save is pressed.
func (d *detailsTab) checkAsTyped(field string, e *widget.Entry) {
	e.SetOnValidationChanged(func(err error) {
		if d.filling {
			return
		}
		l := d.problems[field]
		if err == nil {
			if l.Visible() {
				l.Hide()
				d.relayout()
			}
			return
		}
		l.SetText(kit.ProblemText(d.labels[field], err.Error()))
		if !l.Visible() {
			l.Show()
			d.relayout()
		}
	})
}

func (d *detailsTab) tabItem() *container.TabItem { return d.item }

// show fills the form from r; the status choices are those r's stored status may move to.
func (d *detailsTab) show(r data.Release) {
	d.filling = true
	defer func() { d.filling = false }()
	d.clearProblems()
	d.product.SetOptions(kit.ProductNames(d.ed.list.Products()))
	d.product.SetText(r.Product.Name)
	kit.SetLimitedText(d.version, r.Version, data.MaxVersionLength)
	kit.SetLimitedText(d.title, r.Title, data.MaxTitleLength)
	kit.SetLimitedText(d.description, r.Description, data.MaxNoteLength)
	d.typ.SetSelected(r.Type.Label())
	statuses := data.ReleaseStatuses
	if r.ID != 0 {
		statuses = r.Status.NextStatuses()
	}
	d.status.SetOptions(kit.LabelsOf(statuses, data.ReleaseStatus.Label))
	d.status.SetSelected(r.Status.Label())
	d.risk.SetSelected(r.Risk.Label())
	kit.SetLimitedText(d.riskNotes, r.RiskNotes, data.MaxNoteLength)
	kit.SetLimitedText(d.owner, r.Owner, data.MaxNameLength)
	kit.SetLimitedText(d.cref, r.ChangeRef, data.MaxReferenceLength)
	kit.SetDay(d.codeFreeze, r.CodeFreeze)
	kit.SetDay(d.planned, r.PlannedRelease)
	kit.SetDay(d.actual, r.ActualRelease)
	d.shown = d.values()
	// Quick checks speak only once the user has typed; a fresh form shows no errors.
	for _, e := range []*widget.Entry{d.version, d.title} {
		e.SetValidationError(nil)
	}
}

func (d *detailsTab) values() formValues {
	return formValues{d.product.Text, d.version.Text, d.title.Text, d.description.Text, d.typ.Selected,
		d.status.Selected, d.risk.Selected, d.riskNotes.Text, d.owner.Text, d.cref.Text,
		d.codeFreeze.Text, d.planned.Text, d.actual.Text}
}

func (d *detailsTab) dirty() bool { return d.values() != d.shown }

// collect builds the release the form describes on top of base, with the
// problems the quick checks found (the store checks everything again).
func (d *detailsTab) collect(base data.Release) (data.Release, *data.ValidationError) {
	r := base
	var bad data.ValidationError
	add := func(field, msg string) { bad.Fields = append(bad.Fields, data.FieldError{Field: field, Message: msg}) }
	if strings.TrimSpace(d.product.Text) == "" {
		add("Product", "is required")
	}
	r.Version = strings.TrimSpace(d.version.Text)
	if err := validateVersion(r.Version); err != nil {
		add("Version", err.Error())
	}
	r.Title = strings.TrimSpace(d.title.Text)
	if err := kit.RequiredText(r.Title); err != nil {
		add("Title", err.Error())
	}
	r.Description = strings.TrimSpace(d.description.Text)
	r.Type = kit.ValueOf(data.ReleaseTypes, data.ReleaseType.Label, d.typ.Selected)
	r.Status = kit.ValueOf(data.ReleaseStatuses, data.ReleaseStatus.Label, d.status.Selected)
	r.Risk = kit.ValueOf(data.Risks, data.Risk.Label, d.risk.Selected)
	r.RiskNotes = strings.TrimSpace(d.riskNotes.Text)
	r.Owner = strings.TrimSpace(d.owner.Text)
	r.ChangeRef = strings.TrimSpace(d.cref.Text)
	for _, f := range []struct {
		name string
		e    *widget.DateEntry
		dst  *data.Date
	}{{"CodeFreeze", d.codeFreeze, &r.CodeFreeze}, {"PlannedRelease", d.planned, &r.PlannedRelease}, {"ActualRelease", d.actual, &r.ActualRelease}} {
		day, ok := kit.DayOf(f.e)
		if !ok {
			add(f.name, "is not a date like "+kit.DateExample())
		}
		*f.dst = day
	}
	if len(bad.Fields) > 0 {
		return r, &bad
	}
	return r, nil
}

// showProblems puts each message under its field; one for a field the form
// does not show goes above the form.
func (d *detailsTab) showProblems(v *data.ValidationError) {
	d.clearProblems()
	var other []string
	for _, f := range v.Fields {
		if l, ok := d.problems[f.Field]; ok {
			l.SetText(kit.ProblemText(d.labels[f.Field], f.Message))
			l.Show()
			continue
		}
		other = append(other, kit.ProblemText(f.Field, f.Message))
	}
	if len(other) > 0 {
		d.showGeneral(strings.Join(other, "\n"))
	}
	d.relayout()
}

// showGeneral shows a message that belongs to no single field, such as a failed save.
func (d *detailsTab) showGeneral(msg string) {
	d.general.SetText(msg)
	d.general.Show()
	d.relayout()
}

func (d *detailsTab) clearProblems() {
	changed := d.general.Visible()
	for _, l := range d.problems {
		if l.Visible() {
			l.SetText("")
			l.Hide()
			changed = true
		}
	}
	d.general.Hide()
	if changed {
		d.relayout()
	}
}

// problem returns the message shown under field, "" when there is none.
func (d *detailsTab) problem(field string) string {
	if l := d.problems[field]; l != nil && l.Visible() {
		return l.Text
	}
	return ""
}

// productName is the product the form names, as typed.
func (d *detailsTab) productName() string { return strings.TrimSpace(d.product.Text) }

// validateVersion is the form's quick check of a version; it is the
// store's own rule, which has the final word when the release is saved.
func validateVersion(s string) error { return data.CheckVersion(s) }

// DetailsStore is what the Details tab needs from the database: the release
// itself, and its product, created when a new name is typed.
type DetailsStore interface {
	Release(ctx context.Context, id uint) (data.Release, error)
	SaveRelease(ctx context.Context, r *data.Release) error
	DeleteRelease(ctx context.Context, id uint) (data.ReleaseSnapshot, error)
	RestoreRelease(ctx context.Context, snap data.ReleaseSnapshot) error
	ProductNamed(ctx context.Context, name string, create bool) (data.Product, error)
}

var _ DetailsStore = (*data.Store)(nil)
