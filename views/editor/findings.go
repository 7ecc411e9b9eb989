package editor

// The rule book's findings as the editor shows them: each one a line with
// its severity's icon, kind and message, the lines behind it, and a way to
// the tab that shows its record. The editor decides nothing: data does.

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

// FindingsStore is what the editor's header reads: the rule book's findings
// about the release (broken data, its deployments' conflicts, its "go").
type FindingsStore interface {
	ReleaseFindings(ctx context.Context, id uint) ([]data.Finding, error)
}

var _ FindingsStore = (*data.Store)(nil)

// findingFocus is where f leads in the editor: its subject's tab with the
// record marked, or for the release itself the tab of the rule's records
// (tabOfKind), else Details; false when no tab shows it.
func findingFocus(f data.Finding) (Focus, bool) {
	if f.Subject.Entity != data.EntityRelease {
		if tab, ok := tabOfEntity[f.Subject.Entity]; ok {
			return Focus{Tab: tab, Record: f.Subject}, true
		}
	}
	if tab, ok := tabOfKind[f.Kind]; ok {
		return Focus{Tab: tab}, true
	}
	if f.Subject.Entity == data.EntityRelease {
		return Focus{Tab: TabDetails}, true
	}
	return Focus{}, false
}

// severityIcon shows a finding's severity: a red cross for a problem, an
// amber warning for a note, a green tick for a rule that holds.
func severityIcon(s data.Severity) fyne.Resource {
	switch s {
	case data.SeverityPass:
		return theme.NewSuccessThemedResource(theme.ConfirmIcon())
	case data.SeverityNote:
		return theme.NewWarningThemedResource(theme.WarningIcon())
	}
	return theme.NewErrorThemedResource(theme.CancelIcon())
}

// findingLine shows f: its severity's icon, its kind, the message (bold
// for a problem) with the details under it and, when open is set and f is
// about another tab than here, a button under them that opens that tab.
func findingLine(f data.Finding, here Tab, open func(Focus)) fyne.CanvasObject {
	text := kit.WrappedLabel(f.Message)
	if f.Severity == data.SeverityProblem {
		text.TextStyle = fyne.TextStyle{Bold: true}
	}
	kind, tone := kit.NewBadge(), kit.ToneOr(kit.FindingTones, f.Kind)
	if f.Severity == data.SeverityPass {
		tone = kit.ToneGrey // a rule that holds does not call for the eye
	}
	kind.Set(data.KindLabel(f.Kind), tone)
	body := container.New(layout.NewCustomPaddedVBoxLayout(0), text)
	for _, d := range f.Details {
		body.Add(detailLabel(d, widget.MediumImportance))
	}
	if at, ok := findingFocus(f); open != nil && ok && at.Tab != here && f.Severity != data.SeverityPass {
		b := &widget.Button{Text: "Open " + tabNames[at.Tab], Icon: theme.NavigateNextIcon(), Importance: widget.LowImportance,
			IconPlacement: widget.ButtonIconTrailingText, OnTapped: func() { open(at) }}
		b.ExtendBaseWidget(b)
		body.Add(container.NewHBox(b))
	}
	left := container.NewHBox(widget.NewIcon(severityIcon(f.Severity)), kit.FixedWidth(findingKindWidth(), container.NewHBox(kind)))
	return container.NewBorder(nil, nil, container.NewVBox(left), nil, body)
}

// findingKindWidth is the width of the widest kind, so the messages line up.
func findingKindWidth() float32 {
	widest := kit.NewBadge()
	widest.Set(data.KindLabel(data.FindingDependency), kit.ToneGrey)
	return widest.MinSize().Width
}

// tabNames are the tabs' titles, by position.
var tabNames = [...]string{
	tabDetails:      "Details",
	tabScope:        "Scope",
	tabDependencies: "Dependencies",
	tabDeployments:  "Deployments",
	tabStakeholders: "Stakeholders",
	tabChecklist:    "Checklist",
	tabTests:        "Tests",
	tabGoNoGo:       "Go/no-go",
	tabReview:       "Review",
	tabHistory:      "History",
}

// releaseFindings is the header's button naming how many findings the rule
// book has about the release; it lists them when tapped.
type releaseFindings struct {
	ed       *Editor
	button   *widget.Button
	findings []data.Finding
	loads    kit.Loads
}

func newReleaseFindings(ed *Editor) *releaseFindings {
	rf := &releaseFindings{ed: ed}
	rf.button = &widget.Button{Icon: theme.WarningIcon(), Importance: widget.WarningImportance, OnTapped: rf.show}
	rf.button.ExtendBaseWidget(rf.button)
	rf.button.Hide()
	return rf
}

// reload reads the findings of the release shown, off the UI goroutine.
func (rf *releaseFindings) reload() {
	id := rf.ed.release.ID
	if id == 0 {
		rf.set(nil)
		rf.loads.Drop()
		return
	}
	store := rf.ed.store
	rf.ed.screen.Load(&rf.loads, func(ctx context.Context) func() {
		fs, err := store.ReleaseFindings(ctx, id)
		return func() {
			if id != rf.ed.release.ID {
				return
			}
			if err != nil {
				fs = []data.Finding{{Kind: data.FindingIntegrity, Message: "Could not check the release: " + err.Error()}}
			}
			rf.set(fs)
		}
	})
}

// set shows how many problems fs holds, or nothing when there are none.
func (rf *releaseFindings) set(fs []data.Finding) {
	rf.findings = data.Problems(fs)
	if len(rf.findings) == 0 {
		rf.button.Hide()
		return
	}
	rf.button.SetText(kit.Count(len(rf.findings), "finding"))
	rf.button.Show()
}

// show lists the findings, each with a way to the tab it is about.
func (rf *releaseFindings) show() {
	lines := container.NewVBox()
	var d *kit.Dialog
	for _, f := range rf.findings {
		lines.Add(findingLine(f, -1, func(at Focus) {
			d.Hide()
			rf.ed.focus(at)
		}))
	}
	intro := kit.WrappedLabel("What the rules find about " + rf.ed.release.Name() + ", as releasedesk check --all lists it:")
	content := container.NewBorder(intro, nil, nil, nil, container.NewVScroll(lines))
	d = kit.ShowCustom(rf.ed.screen.Win, strings.TrimSpace(kit.Count(len(rf.findings), "finding")+" about "+rf.ed.release.Name()), "Close",
		kit.FixedSize(fyne.NewSize(600, 320), content), 660)
}
