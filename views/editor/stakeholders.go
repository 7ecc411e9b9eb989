package editor

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// StakeholdersTabStore is what the Stakeholders tab needs from the database.
type StakeholdersTabStore interface {
	Stakeholders(ctx context.Context) ([]data.Stakeholder, error)
	SaveStakeholder(ctx context.Context, p *data.Stakeholder) error
	DeleteStakeholder(ctx context.Context, id uint) (data.Stakeholder, error)
	ReleaseStakeholders(ctx context.Context, releaseID uint) ([]data.ReleaseStakeholder, error)
	AssignStakeholder(ctx context.Context, rs *data.ReleaseStakeholder) error
	RecordApproval(ctx context.Context, id uint, approval data.Approval, at time.Time, comment string) error
	UnassignStakeholder(ctx context.Context, id uint) (data.ReleaseStakeholder, error)
	RestoreAssignment(ctx context.Context, rs data.ReleaseStakeholder) error
}

var _ StakeholdersTabStore = (*data.Store)(nil)

// roleDuties says in a few words what each RACI role means on a release.
var roleDuties = map[data.RACIRole]string{
	data.RoleResponsible: "do the work of the release",
	data.RoleAccountable: "signs the release off — exactly one person",
	data.RoleConsulted:   "asked for their view before go",
	data.RoleInformed:    "kept up to date; no sign-off needed",
}

// Column widths of a person's line, so the lines of a role group line up.
const (
	peopleNameWidth  = 210
	peopleBadgeWidth = 110
	peopleWhenWidth  = 150
)

// stakeholdersTab lists the people on a release by RACI role with their
// sign-off, says at the top whose approval is still missing, and assigns,
// records approvals and removes people.
type stakeholdersTab struct {
	ed   *Editor
	item *container.TabItem

	release data.Release
	people  []data.ReleaseStakeholder
	loading *tabLoading

	count   *widget.Label
	summary *fyne.Container
	groups  *fyne.Container
	list    fyne.CanvasObject
	empty   *fyne.Container
}

func newStakeholdersTab(ed *Editor) editorTab {
	t := &stakeholdersTab{ed: ed}
	heading := &widget.Label{Text: "Stakeholders", SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	heading.ExtendBaseWidget(heading)
	t.count = &widget.Label{}
	t.count.ExtendBaseWidget(t.count)
	assign := &widget.Button{Text: "Assign person", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: t.onAssign}
	assign.ExtendBaseWidget(assign)
	t.loading = newTabLoading(ed, "Could not load the stakeholders", func() uint { return t.release.ID })
	top := container.NewBorder(nil, nil, container.NewHBox(heading, container.NewCenter(t.count)), container.NewCenter(assign))

	t.summary = container.NewVBox()
	t.groups = container.NewVBox()
	t.list = container.NewVScroll(t.groups)
	t.empty = emptyState(theme.AccountIcon(), "No one is assigned to this release yet — assign people with Assign person: "+
		"one Accountable who signs it off, and who is Responsible, Consulted and Informed.", "Assign person", t.onAssign)
	t.item = container.NewTabItemWithIcon("Stakeholders", theme.AccountIcon(), container.NewPadded(
		container.NewBorder(container.NewVBox(top, t.loading.problem, t.summary), nil, nil, nil, container.NewStack(t.list, t.empty))))
	return t
}

func (t *stakeholdersTab) tabItem() *container.TabItem { return t.item }

// dirty is always false: every change is saved from its own dialog.
func (t *stakeholdersTab) dirty() bool { return false }

// show loads r's people; another release's people go at once so they are never mistaken for r's.
func (t *stakeholdersTab) show(r data.Release) {
	if r.ID != t.release.ID {
		t.fill(nil)
	}
	t.release = r
	if r.ID != 0 {
		t.reload()
	}
}

// reload reads the release's people again in the background.
func (t *stakeholdersTab) reload() {
	t.loading.reload(func(ctx context.Context, store Store, id uint) (func(), error) {
		people, err := store.ReleaseStakeholders(ctx, id)
		return func() { t.fill(people) }, err
	})
}

// fill shows people grouped by role, with the sign-off summary above them.
func (t *stakeholdersTab) fill(people []data.ReleaseStakeholder) {
	t.people = people
	t.summary.Objects = nil
	if t.release.ID != 0 && len(people) > 0 {
		for _, n := range signOffNotes(people) {
			t.summary.Add(kit.TintedNote(n.icon, n.text, n.tone))
		}
	}
	t.summary.Refresh()
	t.groups.Objects = nil
	for _, role := range data.RACIRoles {
		var members []data.ReleaseStakeholder
		for _, p := range people {
			if p.Role == role {
				members = append(members, p)
			}
		}
		if len(members) == 0 && role != data.RoleAccountable {
			continue
		}
		t.groups.Add(roleHeading(role, len(members)))
		if len(members) == 0 {
			l := kit.WrappedLabel("No one yet — assign the person who signs the release off.")
			l.Importance = widget.DangerImportance
			t.groups.Add(l)
		}
		for _, p := range members {
			t.groups.Add(t.personRow(p))
		}
	}
	t.groups.Refresh()
	t.count.SetText(peopleSummary(people))
	if len(people) == 0 && t.release.ID != 0 {
		t.list.Hide()
		t.empty.Show()
	} else {
		t.empty.Hide()
		t.list.Show()
	}
}

// peopleSummary counts the people and the sign-offs still missing: "6 people · 2 approvals pending".
func peopleSummary(people []data.ReleaseStakeholder) string {
	if len(people) == 0 {
		return ""
	}
	seen := map[uint]bool{}
	for _, p := range people {
		seen[p.StakeholderID] = true
	}
	out := kit.PeopleCount(len(seen))
	if n := len(waitingFor(people)); n > 0 {
		out += " · " + kit.Count(n, "approval") + " pending"
	}
	return out
}

// asked reports whether p's role signs off: everyone but the Informed, as the go rules count it.
func asked(p data.ReleaseStakeholder) bool { return p.Role != data.RoleInformed }

// waitingFor lists the sign-offs not given yet.
func waitingFor(people []data.ReleaseStakeholder) []data.ReleaseStakeholder {
	var out []data.ReleaseStakeholder
	for _, p := range people {
		if asked(p) && p.Approval == data.ApprovalPending {
			out = append(out, p)
		}
	}
	return out
}

// signOffNote is one line of the sign-off summary.
type signOffNote struct {
	icon fyne.Resource
	text string
	tone kit.Tone
}

// signOffNotes says who is Accountable and how they stand, then whose
// approval is still awaited or was refused.
func signOffNotes(people []data.ReleaseStakeholder) []signOffNote {
	var accountable, rejected []data.ReleaseStakeholder
	for _, p := range people {
		if p.Role == data.RoleAccountable {
			accountable = append(accountable, p)
		}
		if asked(p) && p.Approval == data.ApprovalRejected {
			rejected = append(rejected, p)
		}
	}
	var out []signOffNote
	switch len(accountable) {
	case 0:
		out = append(out, signOffNote{theme.ErrorIcon(), "No Accountable assigned — assign the one person who signs the release off before go.", kit.ToneRed})
	case 1:
		a := accountable[0]
		text := "Accountable: " + a.Stakeholder.Name + " — " + strings.ToLower(a.Approval.Label())
		if a.ApprovedAt != nil {
			text += " " + a.ApprovedAt.In(time.Local).Format("2006-01-02 15:04")
		}
		tn, icon := kit.ToneAmber, theme.WarningIcon()
		switch a.Approval {
		case data.ApprovalApproved:
			tn, icon = kit.ToneGreen, theme.ConfirmIcon()
		case data.ApprovalRejected:
			tn, icon = kit.ToneRed, theme.ErrorIcon()
		}
		out = append(out, signOffNote{icon, text, tn})
	default:
		out = append(out, signOffNote{theme.ErrorIcon(), fmt.Sprintf("%d people are Accountable (%s) — a release needs exactly one.",
			len(accountable), strings.Join(personNames(accountable, false), ", ")), kit.ToneRed})
	}
	if len(rejected) > 0 {
		out = append(out, signOffNote{theme.ErrorIcon(), "Rejected by " + strings.Join(personNames(rejected, true), ", "), kit.ToneRed})
	}
	if waiting := waitingFor(people); len(waiting) > 0 {
		out = append(out, signOffNote{theme.HistoryIcon(), fmt.Sprintf("Waiting for %s: %s", kit.Count(len(waiting), "approval"),
			strings.Join(personNames(waiting, true), ", ")), kit.ToneAmber})
	} else if len(rejected) == 0 && len(accountable) == 1 {
		out = append(out, signOffNote{theme.ConfirmIcon(), "Every sign-off is in.", kit.ToneGreen})
	}
	return out
}

// personNames names people, with their role when withRole: "Dana Smith (Accountable)".
func personNames(people []data.ReleaseStakeholder, withRole bool) []string {
	out := make([]string, len(people))
	for i, p := range people {
		out[i] = p.Stakeholder.Name
		if withRole {
			out[i] += " (" + p.Role.Label() + ")"
		}
	}
	return out
}

// roleHeading names a role group with what the role means: "Accountable (A) · 1 · signs the release off".
func roleHeading(role data.RACIRole, n int) fyne.CanvasObject {
	name := &widget.Label{Text: fmt.Sprintf("%s (%s)", role.Label(), role), TextStyle: fyne.TextStyle{Bold: true}}
	name.ExtendBaseWidget(name)
	duty := &widget.Label{Text: kit.PeopleCount(n) + " · " + roleDuties[role], TextStyle: fyne.TextStyle{Italic: true}}
	duty.ExtendBaseWidget(duty)
	return container.NewVBox(container.NewHBox(name, duty), widget.NewSeparator())
}

// approvalBadge shows p's sign-off: approved green, rejected red, pending
// amber; an Informed person, who is not asked, shows "Not asked" in grey.
func approvalBadge(p data.ReleaseStakeholder) *kit.Badge {
	b := kit.NewBadge()
	switch {
	case p.Approval == data.ApprovalApproved:
		b.Set("Approved", kit.ToneGreen)
	case p.Approval == data.ApprovalRejected:
		b.Set("Rejected", kit.ToneRed)
	case !asked(p):
		b.Set("Not asked", kit.ToneGrey)
	default:
		b.Set("Pending", kit.ToneAmber)
	}
	return b
}

// personRow is one person's line: name, sign-off, when, team and title and
// the actions, with the approval comment under it.
func (t *stakeholdersTab) personRow(p data.ReleaseStakeholder) fyne.CanvasObject {
	label := func(text string, style fyne.TextStyle, imp widget.Importance) *widget.Label {
		l := &widget.Label{Text: text, TextStyle: style, Importance: imp, Truncation: fyne.TextTruncateEllipsis}
		l.ExtendBaseWidget(l)
		return l
	}
	when := "—"
	if p.ApprovedAt != nil {
		when = p.ApprovedAt.In(time.Local).Format("2006-01-02 15:04")
	}
	about := strings.Join(nonEmpty(p.Stakeholder.Team, p.Stakeholder.Title), " · ")
	record := &widget.Button{Text: "Record approval", Icon: theme.ConfirmIcon(), Importance: widget.LowImportance, OnTapped: func() { t.onApproval(p) }}
	record.ExtendBaseWidget(record)
	remove := &widget.Button{Text: "Remove", Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { t.onRemove(p) }}
	remove.ExtendBaseWidget(remove)
	line := container.NewBorder(nil, nil, container.NewHBox(
		kit.FixedWidth(peopleNameWidth, label(p.Stakeholder.Name, fyne.TextStyle{Bold: true}, widget.MediumImportance)),
		kit.FixedWidth(peopleBadgeWidth, approvalBadge(p)),
		kit.FixedWidth(peopleWhenWidth, label(when, fyne.TextStyle{}, widget.MediumImportance))),
		container.NewHBox(record, remove), label(about, fyne.TextStyle{}, widget.MediumImportance))
	if p.ApprovalComment == "" {
		return line
	}
	comment := &widget.Label{Text: "“" + p.ApprovalComment + "”", TextStyle: fyne.TextStyle{Italic: true}, Wrapping: fyne.TextWrapWord}
	comment.ExtendBaseWidget(comment)
	return container.New(layout.NewCustomPaddedVBoxLayout(0), line,
		container.NewBorder(nil, nil, kit.FixedWidth(peopleNameWidth, layout.NewSpacer()), nil, comment))
}

// nonEmpty keeps the parts that say something.
func nonEmpty(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// onRemove takes p off the release after asking; Undo puts the role back with its approval.
func (t *stakeholdersTab) onRemove(p data.ReleaseStakeholder) {
	what := fmt.Sprintf("%s (%s)", p.Stakeholder.Name, p.Role.Label())
	detail := fmt.Sprintf("%s stays in the directory; only the %s role on %s goes.", p.Stakeholder.Name, p.Role.Label(), t.release.Name())
	if p.Approval != data.ApprovalPending {
		detail += " Their " + strings.ToLower(p.Approval.Label()) + " sign-off goes with it."
	}
	d := dialog.NewConfirm("Remove "+what+" from "+t.release.Name()+"?", detail+"\nYou can undo it with Edit > Undo (Ctrl+Z).", func(ok bool) {
		if !ok {
			return
		}
		store := t.ed.store
		removed, err := store.UnassignStakeholder(t.ed.screen.Context(), p.ID)
		if err != nil {
			t.ed.screen.ShowError("Could not remove "+what, err)
			t.reload()
			return
		}
		t.afterChange("Removed "+what, kit.Step{Label: "removal of " + what,
			Run: func(ctx context.Context) error { return store.RestoreAssignment(ctx, removed) }})
	}, t.ed.screen.Win)
	d.SetConfirmText("Remove")
	d.SetDismissText("Keep")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

func (t *stakeholdersTab) afterChange(notice string, step kit.Step) {
	afterEditorChange(t.ed, notice, step, t.reload)
}
