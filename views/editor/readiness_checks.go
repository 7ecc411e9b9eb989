package editor

// The readiness summary of the Go/no-go tab: one line per go rule, passing,
// failing or worth a look, with what stands behind it.

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// checkState is how a readiness line stands: passing, failing a go rule, or worth a look without blocking.
type checkState int

const (
	checkPass checkState = iota
	checkFail
	checkNote
)

// readinessCheck is one line of the readiness summary, with details under
// it and, when set, the tab (and record) where it is dealt with.
type readinessCheck struct {
	state   checkState
	text    string
	details []string
	at      *Focus
}

// object draws the line; one that leads to a tab is tapped to go there with open.
func (c readinessCheck) object(open func(Focus)) fyne.CanvasObject {
	var icon fyne.Resource
	switch c.state {
	case checkPass:
		icon = theme.NewSuccessThemedResource(theme.ConfirmIcon())
	case checkFail:
		icon = theme.NewErrorThemedResource(theme.CancelIcon())
	default:
		icon = theme.NewWarningThemedResource(theme.WarningIcon())
	}
	text := kit.WrappedLabel(c.text)
	if c.state == checkFail {
		text.TextStyle = fyne.TextStyle{Bold: true}
	}
	body := container.New(layout.NewCustomPaddedVBoxLayout(0), text)
	for _, d := range c.details {
		body.Add(detailLabel(d, widget.MediumImportance))
	}
	if c.at == nil || open == nil {
		return container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(icon)), nil, body)
	}
	at := *c.at
	line := container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(icon)), kit.MiddleOf(widget.NewIcon(theme.NavigateNextIcon())), body)
	return kit.NewTapArea(line, func() { open(at) })
}

// leadsTo returns c, tapped to go to tab, at record when it is set.
func (c readinessCheck) leadsTo(tab Tab, record data.Record) readinessCheck {
	c.at = &Focus{Tab: tab, Record: record}
	return c
}

// readinessChecks turns the store's readiness into the lines the tab shows:
// approvals, the readiness checklist, tests and conflicts.
func readinessChecks(rd data.Readiness, testedOn int) []readinessCheck {
	var out []readinessCheck
	switch len(rd.Accountable) {
	case 0:
		out = append(out, readinessCheck{state: checkFail, text: "No Accountable stakeholder is named",
			details: []string{"Name exactly one on the Stakeholders tab."}}.leadsTo(TabStakeholders, data.Record{}))
	case 1:
		a := rd.Accountable[0]
		switch a.Approval {
		case data.ApprovalApproved:
			line := "Accountable " + a.Stakeholder.Name + " approved"
			if a.ApprovedAt != nil {
				line += " on " + kit.FormatTime(*a.ApprovedAt)
			}
			out = append(out, readinessCheck{state: checkPass, text: line})
		case data.ApprovalRejected:
			c := readinessCheck{state: checkFail, text: "Accountable " + a.Stakeholder.Name + " rejected the release"}
			if a.ApprovalComment != "" {
				c.details = []string{"“" + a.ApprovalComment + "”"}
			}
			out = append(out, c.leadsTo(TabStakeholders, approvalOf(a)))
		default:
			out = append(out, readinessCheck{state: checkFail, text: "Accountable " + a.Stakeholder.Name + " has not approved yet"}.
				leadsTo(TabStakeholders, approvalOf(a)))
		}
	default:
		names := make([]string, len(rd.Accountable))
		for i, a := range rd.Accountable {
			names[i] = a.Stakeholder.Name + " (" + strings.ToLower(a.Approval.Label()) + ")"
		}
		out = append(out, readinessCheck{state: checkFail, text: fmt.Sprintf("%d Accountable stakeholders are named; exactly one is needed", len(rd.Accountable)),
			details: names}.leadsTo(TabStakeholders, data.Record{}))
	}

	others := rd.PendingApprovals
	for _, a := range rd.Accountable {
		if a.Approval == data.ApprovalPending {
			others-- // already said on the Accountable line
		}
	}
	switch {
	case rd.RejectedApprovals > 0:
		out = append(out, readinessCheck{state: checkFail, text: kit.Count(rd.RejectedApprovals, "approval") + " rejected",
			details: problemsStarting(rd.Problems, "Rejected by ")}.leadsTo(TabStakeholders, data.Record{}))
	case others > 0:
		out = append(out, readinessCheck{state: checkNote, text: kit.Count(others, "other approval") + " still pending",
			details: []string{"Not required for go, but worth chasing."}}.leadsTo(TabStakeholders, data.Record{}))
	default:
		out = append(out, readinessCheck{state: checkPass, text: "No approval is pending or rejected"})
	}

	if n := len(rd.OpenReadiness); n > 0 {
		titles := make([]string, n)
		for i, c := range rd.OpenReadiness {
			titles[i] = c.Title
			if !c.Due.IsZero() {
				titles[i] += " (due " + kit.FormatDate(c.Due) + ")"
			}
		}
		out = append(out, readinessCheck{state: checkFail, text: kit.Count(n, "readiness item") + " open", details: titles}.
			leadsTo(TabChecklist, data.Record{Entity: data.EntityChecklistItem, ID: rd.OpenReadiness[0].ID}))
	} else {
		out = append(out, readinessCheck{state: checkPass, text: "Every readiness item is done"})
	}
	if rest := rd.OpenChecklist - len(rd.OpenReadiness); rest > 0 {
		out = append(out, readinessCheck{state: checkNote, text: kit.Count(rest, "other checklist item") + " open",
			details: []string{"Regression, communication and backout items do not block go."}}.leadsTo(TabChecklist, data.Record{}))
	}

	switch {
	case len(rd.FailedSuites) > 0:
		out = append(out, readinessCheck{state: checkFail, text: kit.Count(len(rd.FailedSuites), "test suite") + " failing",
			details: rd.FailedSuites}.leadsTo(TabTests, data.Record{}))
	case testedOn == 0:
		out = append(out, readinessCheck{state: checkNote, text: "No test runs recorded yet",
			details: []string{"Record them on the Tests tab."}}.leadsTo(TabTests, data.Record{}))
	default:
		out = append(out, readinessCheck{state: checkPass, text: "Latest test runs pass on " + kit.Count(testedOn, "environment")})
	}

	if n := len(rd.Conflicts); n > 0 {
		lines := make([]string, n)
		for i, f := range rd.Conflicts {
			lines[i] = f.String()
		}
		out = append(out, readinessCheck{state: checkFail, text: kit.Count(n, "deployment conflict"), details: lines}.
			leadsTo(TabDeployments, rd.Conflicts[0].Subject))
	} else {
		out = append(out, readinessCheck{state: checkPass, text: "No deployment conflicts"})
	}
	return out
}

// problemsStarting returns the problem lines that begin with prefix.
func problemsStarting(problems []string, prefix string) []string {
	var out []string
	for _, p := range problems {
		if strings.HasPrefix(p, prefix) {
			out = append(out, p)
		}
	}
	return out
}

// approvalOf names the role whose approval a readiness line is about.
func approvalOf(a data.ReleaseStakeholder) data.Record {
	return data.Record{Entity: data.EntityReleaseStakeholder, ID: a.ID}
}
