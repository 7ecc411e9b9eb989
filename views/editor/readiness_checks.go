package editor

// The readiness summary of the Go/no-go tab: one line per go rule, passing,
// failing or worth a look, with what stands behind it.

import (
	"fmt"
	"strings"
	"time"

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

// readinessCheck is one line of the readiness summary, with details under it.
type readinessCheck struct {
	state   checkState
	text    string
	details []string
}

func (c readinessCheck) object() fyne.CanvasObject {
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
	return container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(icon)), nil, body)
}

// readinessChecks turns the store's readiness into the lines the tab shows:
// approvals, the readiness checklist, tests and conflicts.
func readinessChecks(rd data.Readiness, testedOn int) []readinessCheck {
	var out []readinessCheck
	switch len(rd.Accountable) {
	case 0:
		out = append(out, readinessCheck{checkFail, "No Accountable stakeholder is named", []string{"Name exactly one on the Stakeholders tab."}})
	case 1:
		a := rd.Accountable[0]
		switch a.Approval {
		case data.ApprovalApproved:
			line := "Accountable " + a.Stakeholder.Name + " approved"
			if a.ApprovedAt != nil {
				line += " on " + a.ApprovedAt.In(time.Local).Format("2006-01-02 15:04")
			}
			out = append(out, readinessCheck{state: checkPass, text: line})
		case data.ApprovalRejected:
			c := readinessCheck{state: checkFail, text: "Accountable " + a.Stakeholder.Name + " rejected the release"}
			if a.ApprovalComment != "" {
				c.details = []string{"“" + a.ApprovalComment + "”"}
			}
			out = append(out, c)
		default:
			out = append(out, readinessCheck{state: checkFail, text: "Accountable " + a.Stakeholder.Name + " has not approved yet"})
		}
	default:
		names := make([]string, len(rd.Accountable))
		for i, a := range rd.Accountable {
			names[i] = a.Stakeholder.Name + " (" + strings.ToLower(a.Approval.Label()) + ")"
		}
		out = append(out, readinessCheck{checkFail, fmt.Sprintf("%d Accountable stakeholders are named; exactly one is needed", len(rd.Accountable)), names})
	}

	others := rd.PendingApprovals
	for _, a := range rd.Accountable {
		if a.Approval == data.ApprovalPending {
			others-- // already said on the Accountable line
		}
	}
	switch {
	case rd.RejectedApprovals > 0:
		out = append(out, readinessCheck{checkFail, kit.Count(rd.RejectedApprovals, "approval") + " rejected", problemsStarting(rd.Problems, "Rejected by ")})
	case others > 0:
		out = append(out, readinessCheck{checkNote, kit.Count(others, "other approval") + " still pending", []string{"Not required for go, but worth chasing."}})
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
		out = append(out, readinessCheck{checkFail, kit.Count(n, "readiness item") + " open", titles})
	} else {
		out = append(out, readinessCheck{state: checkPass, text: "Every readiness item is done"})
	}
	if rest := rd.OpenChecklist - len(rd.OpenReadiness); rest > 0 {
		out = append(out, readinessCheck{checkNote, kit.Count(rest, "other checklist item") + " open", []string{"Regression, communication and backout items do not block go."}})
	}

	switch {
	case len(rd.FailedSuites) > 0:
		out = append(out, readinessCheck{checkFail, kit.Count(len(rd.FailedSuites), "test suite") + " failing", rd.FailedSuites})
	case testedOn == 0:
		out = append(out, readinessCheck{checkNote, "No test runs recorded yet", []string{"Record them on the Tests tab."}})
	default:
		out = append(out, readinessCheck{state: checkPass, text: "Latest test runs pass on " + kit.Count(testedOn, "environment")})
	}

	if n := len(rd.Conflicts); n > 0 {
		lines := make([]string, n)
		for i, f := range rd.Conflicts {
			lines[i] = f.String()
		}
		out = append(out, readinessCheck{checkFail, kit.Count(n, "deployment conflict"), lines})
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
