package editor

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// assignForm picks a person from the directory, or names a new one, and
// gives them a RACI role on the release.
type assignForm struct {
	form   *kit.FieldForm
	person *widget.SelectEntry
	match  *widget.Label
	role   *widget.Select
	email  *widget.Entry
	team   *widget.Entry
	title  *widget.Entry
	// newRows are the grid cells of the new-person fields, shown only for a name not in the directory.
	newRows []fyne.CanvasObject

	directory []data.Stakeholder
	names     []string // how each directory person is offered, in directory order
}

// roleChoice is how a role is offered: "Accountable (A)".
func roleChoice(r data.RACIRole) string { return fmt.Sprintf("%s (%s)", r.Label(), r) }

func newAssignForm(directory []data.Stakeholder) *assignForm {
	f := &assignForm{form: kit.NewFieldForm(), directory: directory, names: directoryNames(directory)}
	f.person = widget.NewSelectEntry(f.names)
	f.person.PlaceHolder = "Search the directory or type a new name"
	f.match = &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText, TextStyle: fyne.TextStyle{Italic: true}}
	f.match.ExtendBaseWidget(f.match)
	f.role = widget.NewSelect(kit.LabelsOf(data.RACIRoles, roleChoice), nil)
	f.role.PlaceHolder = "Choose a role"
	entry := func(hint string) *widget.Entry {
		e := &widget.Entry{PlaceHolder: hint}
		e.ExtendBaseWidget(e)
		return e
	}
	f.email, f.team, f.title = kit.LimitText(entry("dana@example.com"), data.MaxEmailLength), kit.LimitText(entry("e.g. Payments Engineering"), data.MaxNameLength), kit.LimitText(entry("e.g. Engineering Manager"), data.MaxTitleLength)
	f.form.Add("Stakeholder", "Person", container.NewVBox(f.person, f.match), "")
	f.form.Add("Role", "Role", f.role, "")
	first := len(f.form.Grid.Objects)
	f.form.Add("Email", "Email", f.email, "")
	f.form.Add("Team", "Team", f.team, "")
	f.form.Add("Title", "Title", f.title, "")
	f.newRows = f.form.Grid.Objects[first:]
	f.email.Validator = validateEmailQuick
	f.form.Watch("Email", f.email)
	f.person.OnChanged = func(string) { f.personChanged() }
	f.personChanged()
	return f
}

// directoryNames offers each person by name, adding the email (or team) when two share a name.
func directoryNames(directory []data.Stakeholder) []string {
	count := map[string]int{}
	for _, p := range directory {
		count[strings.ToLower(p.Name)]++
	}
	out := make([]string, len(directory))
	for i, p := range directory {
		out[i] = p.Name
		if count[strings.ToLower(p.Name)] > 1 {
			if extra := nonEmpty(p.Email, p.Team); len(extra) > 0 {
				out[i] += " (" + extra[0] + ")"
			}
		}
	}
	return out
}

// chosen is the directory person the field names, nil for a new name.
func (f *assignForm) chosen() *data.Stakeholder {
	text := strings.TrimSpace(f.person.Text)
	for i, n := range f.names {
		if strings.EqualFold(n, text) {
			return &f.directory[i]
		}
	}
	return nil
}

// personChanged narrows the choices to what was typed and says whether the
// name is someone in the directory or a new person to add.
func (f *assignForm) personChanged() {
	text := strings.ToLower(strings.TrimSpace(f.person.Text))
	var options []string
	for i, p := range f.directory {
		if text == "" || strings.Contains(strings.ToLower(p.Name+" "+p.Email+" "+p.Team), text) {
			options = append(options, f.names[i])
		}
	}
	f.person.SetOptions(options)
	isNew := false
	switch p := f.chosen(); {
	case text == "":
		f.match.SetText(fmt.Sprintf("%s in the directory — type to search, or type a new name to add someone.", kit.PeopleCount(len(f.directory))))
	case p != nil:
		f.match.SetText(strings.Join(append(nonEmpty(p.Team, p.Title, p.Email), "in the directory"), " · "))
	default:
		isNew = true
		msg := "Not in the directory: saving adds " + strings.TrimSpace(f.person.Text) + " as a new person."
		if len(options) > 0 {
			msg = fmt.Sprintf("%s match — choose one with ▾, or go on typing. ", kit.PeopleCount(len(options))) + msg
		}
		f.match.SetText(msg)
	}
	if f.newRows[0].Visible() != isNew {
		for _, o := range f.newRows {
			if isNew {
				o.Show()
			} else {
				o.Hide()
			}
		}
		f.form.Reflow()
	}
}

// validateEmailQuick is the form's check of a new person's email as typed;
// the store checks it again when the person is saved.
func validateEmailQuick(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if a, err := mail.ParseAddress(s); err != nil || a.Name != "" || a.Address != s {
		return errors.New("must be an address like dana@example.com")
	}
	return nil
}

// onAssign opens the form that gives a person a role on the release.
func (t *stakeholdersTab) onAssign() {
	store := t.ed.store
	directory, err := store.Stakeholders(t.ed.screen.Context())
	if err != nil {
		t.ed.screen.ShowError("Could not read the people directory", err)
		return
	}
	f := newAssignForm(directory)
	if !slices.ContainsFunc(t.people, func(p data.ReleaseStakeholder) bool { return p.Role == data.RoleAccountable }) {
		f.role.SetSelected(roleChoice(data.RoleAccountable)) // the role a release needs first
	}
	kit.ShowFormDialog(t.ed.screen.Win, "Assign a person to "+t.release.Name(), "Assign", f.form.Box, f.form, 560,
		func() bool { return t.saveAssignment(f) })
	t.ed.screen.Win.Canvas().Focus(f.person)
}

// saveAssignment adds a new person when the name is not in the directory,
// then assigns the role; a problem shows next to its field and leaves nothing half-done.
func (t *stakeholdersTab) saveAssignment(f *assignForm) bool {
	f.form.Clear()
	name := strings.TrimSpace(f.person.Text)
	role := kit.ValueOf(data.RACIRoles, roleChoice, f.role.Selected)
	person := f.chosen()
	if name == "" {
		f.form.Problem("Stakeholder", "is required: choose someone from the directory or type a new name")
	}
	if role == "" {
		f.form.Problem("Role", "is required")
	}
	if person == nil && name != "" {
		if err := validateEmailQuick(f.email.Text); err != nil {
			f.form.Problem("Email", err.Error())
		}
	}
	if f.form.HasProblems() {
		return false
	}
	ctx, store := t.ed.screen.Context(), t.ed.store
	created := person == nil
	if created {
		np := data.Stakeholder{Name: name, Email: f.email.Text, Team: f.team.Text, Title: f.title.Text}
		if err := store.SaveStakeholder(ctx, &np); err != nil {
			if v, ok := data.AsValidation(err); ok {
				err = kit.RenameField(v, "Name", "Stakeholder")
			}
			f.form.ShowError("Could not add "+name+" to the directory", err)
			return false
		}
		person = &np
	}
	rs := data.ReleaseStakeholder{ReleaseID: t.release.ID, StakeholderID: person.ID, Role: role}
	if err := store.AssignStakeholder(ctx, &rs); err != nil {
		if created {
			_, _ = store.DeleteStakeholder(ctx, person.ID) // a refused assignment leaves no new person behind
		}
		f.form.ShowError("Could not assign "+person.Name, err)
		return false
	}
	id, pid := rs.ID, person.ID
	what := person.Name + " as " + role.Label()
	notice := "Assigned " + what
	if created {
		notice = "Added " + person.Name + " to the directory and assigned them as " + role.Label()
	}
	t.afterChange(notice, kit.Step{Label: "assignment of " + what, Run: func(ctx context.Context) error {
		if _, err := store.UnassignStakeholder(ctx, id); err != nil {
			return err
		}
		if created {
			_, err := store.DeleteStakeholder(ctx, pid)
			return err
		}
		return nil
	}})
	return true
}

// approvalChoices are the sign-off states offered, most common first.
var approvalChoices = []data.Approval{data.ApprovalApproved, data.ApprovalRejected, data.ApprovalPending}

// approvalForm records a person's sign-off: approved or rejected, when, and why.
type approvalForm struct {
	form     *kit.FieldForm
	decision *widget.RadioGroup
	at       *kit.TimeEntry
	comment  *widget.Entry
}

func newApprovalForm() *approvalForm {
	f := &approvalForm{form: kit.NewFieldForm(), at: kit.NewTimeEntry()}
	f.decision = widget.NewRadioGroup(kit.LabelsOf(approvalChoices, data.Approval.Label), func(string) { f.decisionChanged() })
	f.decision.Horizontal = true
	f.comment = kit.LimitText(&widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord, PlaceHolder: "Conditions, concerns, or why it was rejected"}, data.MaxNoteLength)
	f.comment.ExtendBaseWidget(f.comment)
	f.comment.SetMinRowsVisible(3)
	f.form.Add("Approval", "Decision", f.decision, "")
	f.form.Add("ApprovedAt", "When", f.at.Object(), "Local time; defaults to now")
	f.form.Add("ApprovalComment", "Comment", f.comment, "")
	f.form.Watch("ApprovedAt", f.at.Clock)
	return f
}

// fill shows p's sign-off; a pending one starts as an approval given now.
func (f *approvalForm) fill(p data.ReleaseStakeholder, now time.Time) {
	choice, at := p.Approval, now.Truncate(time.Minute)
	if choice == data.ApprovalPending {
		choice = data.ApprovalApproved
	}
	if p.ApprovedAt != nil {
		at = *p.ApprovedAt
	}
	f.decision.SetSelected(choice.Label())
	f.at.Set(at)
	kit.SetLimitedText(f.comment, p.ApprovalComment, data.MaxNoteLength)
	f.form.Clear()
}

// decisionChanged disables the time for "pending", which has none.
func (f *approvalForm) decisionChanged() {
	if f.decision.Selected == data.ApprovalPending.Label() {
		f.at.Day.Disable()
		f.at.Clock.Disable()
		return
	}
	f.at.Day.Enable()
	f.at.Clock.Enable()
}

// collect reads the sign-off, showing each problem next to its field.
func (f *approvalForm) collect(now time.Time) (approval data.Approval, at time.Time, comment string, ok bool) {
	f.form.Clear()
	approval = kit.ValueOf(data.Approvals, data.Approval.Label, f.decision.Selected)
	comment = strings.TrimSpace(f.comment.Text)
	if approval == "" {
		f.form.Problem("Approval", "is required: approved, rejected or pending")
	}
	if approval != data.ApprovalPending {
		var err error
		at, err = f.at.Value()
		switch {
		case err != nil:
			f.form.Problem("ApprovedAt", err.Error())
		case at.IsZero():
			f.form.Problem("ApprovedAt", "is required: when was it given?")
		case at.After(now.Add(time.Minute)):
			f.form.Problem("ApprovedAt", "cannot be in the future")
		}
	}
	if approval == data.ApprovalRejected && comment == "" {
		f.form.Problem("ApprovalComment", "is required for a rejection: say what must change")
	}
	return approval, at, comment, !f.form.HasProblems()
}

// onApproval opens the sign-off dialog of p; saving records it and Undo puts the previous one back.
func (t *stakeholdersTab) onApproval(p data.ReleaseStakeholder) {
	f := newApprovalForm()
	f.fill(p, time.Now())
	who := fmt.Sprintf("%s (%s)", p.Stakeholder.Name, p.Role.Label())
	kit.ShowFormDialog(t.ed.screen.Win, "Sign-off of "+who+" on "+t.release.Name(), "Record", f.form.Box, f.form, 560, func() bool {
		approval, at, comment, ok := f.collect(time.Now())
		if !ok {
			return false
		}
		store := t.ed.store
		if err := store.RecordApproval(t.ed.screen.Context(), p.ID, approval, at, comment); err != nil {
			f.form.ShowError("Could not record the sign-off", err)
			return false
		}
		before := p
		var notice string
		switch approval {
		case data.ApprovalApproved:
			notice = "Recorded " + p.Stakeholder.Name + "'s approval"
		case data.ApprovalRejected:
			notice = "Recorded " + p.Stakeholder.Name + "'s rejection"
		default:
			notice = p.Stakeholder.Name + "'s sign-off is pending again"
		}
		t.afterChange(notice, kit.Step{Label: "sign-off of " + who, Run: func(ctx context.Context) error {
			var was time.Time
			if before.ApprovedAt != nil {
				was = *before.ApprovedAt
			}
			return store.RecordApproval(ctx, before.ID, before.Approval, was, before.ApprovalComment)
		}})
		return true
	})
}
