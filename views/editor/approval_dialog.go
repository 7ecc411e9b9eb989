package editor

import (
	"context"
	"fmt"
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
// gives them a RACI role on the release. The new person's email, team and
// title stay in place for a directory person too, showing theirs, so the
// dialog never changes height as the name is typed.
type assignForm struct {
	form   *kit.FieldForm
	person *kit.SelectEntry
	match  *widget.Label
	role   *kit.Select
	email  *kit.Entry
	team   *kit.Entry
	title  *kit.Entry
	// shownFor is the directory person whose details the fields show, nil for a new person.
	shownFor *data.Stakeholder

	directory []data.Stakeholder
	names     []string // how each directory person is offered, in directory order
}

// roleChoice is how a role is offered: "Accountable (A)".
func roleChoice(r data.RACIRole) string { return fmt.Sprintf("%s (%s)", r.Label(), r) }

func newAssignForm(directory []data.Stakeholder) *assignForm {
	f := &assignForm{form: kit.NewFieldForm(), directory: directory, names: directoryNames(directory)}
	f.person = kit.NewSelectEntry(f.names, "Search the directory or type a new name")
	f.person.OnChanged = func(string) { f.personChanged() }
	f.match = &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText, TextStyle: fyne.TextStyle{Italic: true}}
	f.match.ExtendBaseWidget(f.match)
	f.role = kit.NewSelect(kit.LabelsOf(data.RACIRoles, roleChoice), "Choose a role")
	f.email = kit.NewEntry("dana@example.com").Limit(data.MaxEmailLength)
	f.team = kit.NewEntry("e.g. Payments Engineering").Limit(data.MaxNameLength)
	f.title = kit.NewEntry("e.g. Engineering Manager").Limit(data.MaxTitleLength)
	f.form.Add("Stakeholder", "Person", container.NewVBox(f.person, twoLines(f.match)), "")
	f.form.Add("Role", "Role", f.role, "")
	f.form.Add("Email", "Email", f.email, "For a new person")
	f.form.Add("Team", "Team", f.team, "")
	f.form.Add("Title", "Title", f.title, "")
	f.form.Check(f.problems)
	f.personChanged()
	return f
}

// twoLines keeps room for two lines of l, so a longer text in it moves
// nothing under it.
func twoLines(l *widget.Label) fyne.CanvasObject {
	probe := &widget.Label{Text: "1\n2", SizeName: l.SizeName, TextStyle: l.TextStyle}
	probe.ExtendBaseWidget(probe)
	return container.New(&kit.SizedLayout{Height: probe.MinSize().Height}, l)
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
// name is someone in the directory, whose details then fill the fields
// below, or a new person to add with the details typed there.
func (f *assignForm) personChanged() {
	text := strings.ToLower(strings.TrimSpace(f.person.Text))
	var options []string
	for i, p := range f.directory {
		if text == "" || strings.Contains(strings.ToLower(p.Name+" "+p.Email+" "+p.Team), text) {
			options = append(options, f.names[i])
		}
	}
	f.person.SetOptions(options)
	p := f.chosen()
	switch {
	case text == "":
		f.match.SetText(fmt.Sprintf("%s in the directory — type to search, or type a new name to add someone.", kit.PeopleCount(len(f.directory))))
	case p != nil:
		f.match.SetText(strings.Join(append(nonEmpty(p.Team, p.Title, p.Email), "in the directory"), " · "))
	default:
		msg := "Not in the directory: saving adds " + strings.TrimSpace(f.person.Text) + " as a new person."
		if len(options) > 0 {
			msg = fmt.Sprintf("%s match — choose one with ▾, or go on typing. ", kit.PeopleCount(len(options))) + msg
		}
		f.match.SetText(msg)
	}
	if p == f.shownFor {
		return
	}
	details := []*kit.Entry{f.email, f.team, f.title}
	if p != nil {
		for i, v := range []string{p.Email, p.Team, p.Title} {
			details[i].SetText(v)
			details[i].Disable()
		}
	} else {
		for _, e := range details {
			e.SetText("")
			e.Enable()
		}
	}
	f.shownFor = p
}

// problems judges the assignment: a person and a role, and a new person's
// email by the store's rule (data.ValidateEmail).
func (f *assignForm) problems() *data.ValidationError {
	var v *data.ValidationError
	if strings.TrimSpace(f.person.Text) == "" {
		v = kit.Fields(v, "Stakeholder", "is required: choose someone from the directory or type a new name")
	}
	if kit.ValueOf(data.RACIRoles, roleChoice, f.role.Selected) == "" {
		v = kit.Fields(v, "Role", "is required")
	}
	if f.chosen() == nil {
		if err := data.ValidateEmail(f.email.Text); err != nil {
			v = kit.Fields(v, "Email", err.Error())
		}
	}
	return v
}

// onAssign opens the form that gives a person a role on the release.
func (t *stakeholdersTab) onAssign() {
	directory, err := t.ed.store.Stakeholders(t.ed.screen.Context())
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
}

// saveAssignment adds a new person when the name is not in the directory,
// then assigns the role; a problem shows next to its field and leaves nothing half-done.
func (t *stakeholdersTab) saveAssignment(f *assignForm) bool {
	name := strings.TrimSpace(f.person.Text)
	role := kit.ValueOf(data.RACIRoles, roleChoice, f.role.Selected)
	person := f.chosen()
	ctx, store := t.ed.screen.Context(), t.ed.store
	var changes []data.Change
	if person == nil {
		np := data.Stakeholder{Name: name, Email: f.email.Text, Team: f.team.Text, Title: f.title.Text}
		if err := store.SaveStakeholder(ctx, &np); err != nil {
			if v, ok := data.AsValidation(err); ok {
				err = kit.RenameField(v, "Name", "Stakeholder")
			}
			f.form.ShowError("Could not add "+name+" to the directory", err)
			return false
		}
		person = &np
		changes = append(changes, data.Created(np))
	}
	rs := data.ReleaseStakeholder{ReleaseID: t.release.ID, StakeholderID: person.ID, Role: role}
	if err := store.AssignStakeholder(ctx, &rs); err != nil {
		if len(changes) > 0 {
			_, _ = store.DeleteStakeholder(ctx, person.ID) // a refused assignment leaves no new person behind
		}
		f.form.ShowError("Could not assign "+person.Name, err)
		return false
	}
	what := person.Name + " as " + role.Label()
	notice := "Assigned " + what
	if len(changes) > 0 {
		notice = "Added " + person.Name + " to the directory and assigned them as " + role.Label()
	}
	t.afterChange(notice, kit.Step{Label: "assignment of " + what, Change: data.Together(append(changes, data.Created(rs))...)})
	return true
}

// approvalChoices are the sign-off states offered, most common first.
var approvalChoices = []data.Approval{data.ApprovalApproved, data.ApprovalRejected, data.ApprovalPending}

// approvalForm records a person's sign-off: approved or rejected, when, and why.
type approvalForm struct {
	form     *kit.FieldForm
	decision *kit.Options
	at       *kit.TimeEntry
	comment  *kit.Entry
}

func newApprovalForm() *approvalForm {
	f := &approvalForm{form: kit.NewFieldForm(), at: kit.NewTimeEntry(),
		decision: kit.NewRadio(kit.LabelsOf(approvalChoices, data.Approval.Label)...),
		comment:  kit.NewNotes("Conditions, concerns, or why it was rejected", 3).Limit(data.MaxNoteLength)}
	f.decision.OnChanged = f.decisionChanged
	f.form.Add("Approval", "Decision", f.decision, "")
	f.form.Add("ApprovedAt", "When", f.at.Object(), "Local time; defaults to now")
	f.form.Add("ApprovalComment", "Comment", f.comment, "")
	f.form.Check(func() *data.ValidationError { _, _, _, v := f.collect(time.Now()); return v })
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
	kit.SetLimitedText(&f.comment.Entry, p.ApprovalComment, data.MaxNoteLength)
}

// decisionChanged disables the time for "pending", which has none.
func (f *approvalForm) decisionChanged() {
	if f.decision.Selected() == data.ApprovalPending.Label() {
		f.at.Disable()
		return
	}
	f.at.Enable()
}

// collect reads the sign-off, with what is wrong with it by now.
func (f *approvalForm) collect(now time.Time) (approval data.Approval, at time.Time, comment string, bad *data.ValidationError) {
	approval = kit.ValueOf(data.Approvals, data.Approval.Label, f.decision.Selected())
	comment = strings.TrimSpace(f.comment.Text)
	if approval == "" {
		bad = kit.Fields(bad, "Approval", "is required: approved, rejected or pending")
	}
	if approval != data.ApprovalPending {
		var err error
		at, err = f.at.Value()
		if err == nil && at.IsZero() {
			err = fmt.Errorf("is required: when was it given?")
		}
		if err == nil {
			err = data.CheckRecordedTime(at, now)
		}
		if err != nil {
			bad = kit.Fields(bad, "ApprovedAt", err.Error())
		}
	}
	if approval == data.ApprovalRejected && comment == "" {
		bad = kit.Fields(bad, "ApprovalComment", "is required for a rejection: say what must change")
	}
	return approval, at, comment, bad
}

// onApproval opens the sign-off dialog of p; saving records it and Undo puts the previous one back.
func (t *stakeholdersTab) onApproval(p data.ReleaseStakeholder) {
	f := newApprovalForm()
	f.fill(p, time.Now())
	who := fmt.Sprintf("%s (%s)", p.Stakeholder.Name, p.Role.Label())
	kit.ShowFormDialog(t.ed.screen.Win, "Sign-off of "+who+" on "+t.release.Name(), "Record", f.form.Box, f.form, 560, func() bool {
		approval, at, comment, _ := f.collect(time.Now())
		store, ctx := t.ed.store, t.ed.screen.Context()
		seen := p // based on the sign-off as the tab read it: another person's since is not overwritten
		if err := store.ChangeApproval(ctx, &seen, approval, at, comment); err != nil {
			if _, stale := data.AsConflict(err); stale {
				t.reload() // show the other person's sign-off behind the dialog
			}
			f.form.ShowError("Could not record the sign-off", err)
			return false
		}
		var notice string
		switch approval {
		case data.ApprovalApproved:
			notice = "Recorded " + p.Stakeholder.Name + "'s approval"
		case data.ApprovalRejected:
			notice = "Recorded " + p.Stakeholder.Name + "'s rejection"
		default:
			notice = p.Stakeholder.Name + "'s sign-off is pending again"
		}
		after, err := signOffNow(ctx, store, p)
		if err != nil {
			t.reload() // recorded, but with no way to undo it; the tab says what it can read
			return true
		}
		t.afterChange(notice, kit.Step{Label: "sign-off of " + who, Change: data.Edited(p, after)})
		return true
	})
}

// signOffNow reads p's assignment as the store holds it now.
func signOffNow(ctx context.Context, store StakeholdersTabStore, p data.ReleaseStakeholder) (data.ReleaseStakeholder, error) {
	people, err := store.ReleaseStakeholders(ctx, p.ReleaseID)
	if err != nil {
		return data.ReleaseStakeholder{}, err
	}
	for _, now := range people {
		if now.ID == p.ID {
			return now, nil
		}
	}
	return data.ReleaseStakeholder{}, fmt.Errorf("%s's role is gone: %w", p.Stakeholder.Name, data.ErrNotFound)
}
