package editor

// Opening a release where the user's attention was: on the tab a finding or
// a tapped line is about, with its record scrolled to and marked for a moment.

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// Tab names a tab of the release editor.
type Tab int

// The editor's tabs, for Focus.
const (
	TabDetails      Tab = tabDetails
	TabScope        Tab = tabScope
	TabDependencies Tab = tabDependencies
	TabDeployments  Tab = tabDeployments
	TabStakeholders Tab = tabStakeholders
	TabChecklist    Tab = tabChecklist
	TabTests        Tab = tabTests
	TabGoNoGo       Tab = tabGoNoGo
	TabReview       Tab = tabReview
)

// Focus is where the editor opens a release: a tab and, when set, the
// record on it to bring into view and mark.
type Focus struct {
	Tab    Tab
	Record data.Record
}

// tabOfEntity is the tab that shows each kind of record.
var tabOfEntity = map[string]Tab{
	data.EntityRelease:            TabDetails,
	data.EntityDeployment:         TabDeployments,
	data.EntityRollback:           TabDeployments,
	data.EntityDependency:         TabDependencies,
	data.EntityWorkItem:           TabScope,
	data.EntityReleaseStakeholder: TabStakeholders,
	data.EntityChecklistItem:      TabChecklist,
	data.EntityTestRun:            TabTests,
	data.EntityGoDecision:         TabGoNoGo,
	data.EntityReview:             TabReview,
	data.EntityActionItem:         TabReview,
}

// tabOfKind is the tab a finding about the release as a whole belongs on.
var tabOfKind = map[string]Tab{
	data.FindingOverlap:    TabDeployments,
	data.FindingFreeze:     TabDeployments,
	data.FindingOrder:      TabDeployments,
	data.FindingDependency: TabDeployments,
	data.FindingApproval:   TabStakeholders,
	data.FindingChecklist:  TabChecklist,
	data.FindingTests:      TabTests,
}

// FocusOf is where target leads in the editor: the tab that shows its
// record (a deployment on Deployments, an approval on Stakeholders, a
// checklist item on Checklist, a test run on Tests); for a finding about
// the release as a whole, the tab of its kind; otherwise Details.
func FocusOf(target kit.Target) Focus {
	if tab, ok := tabOfEntity[target.Record.Entity]; ok && target.Record.Entity != data.EntityRelease {
		return Focus{Tab: tab, Record: target.Record}
	}
	if tab, ok := tabOfKind[target.Kind]; ok {
		return Focus{Tab: tab}
	}
	return Focus{Tab: TabDetails}
}

// recordMarker is a tab that can bring one of its records into view and
// mark it; mark reports false when the tab does not show that record.
type recordMarker interface {
	mark(r data.Record) bool
}

// Open shows release r on f's tab; the record f names is marked once the
// tab has loaded it, or at once when it already has.
func (ed *Editor) Open(r data.Release, f Focus) {
	ed.pending = Focus{}
	if f.Record.ID != 0 {
		ed.pending = f
	}
	ed.Show(r)
	ed.focus(f)
}

// focus shows f's tab of the release on show, its record marked once loaded.
func (ed *Editor) focus(f Focus) {
	ed.pending = Focus{}
	if f.Record.ID != 0 {
		ed.pending = f
	}
	ed.appTabs.SelectIndex(int(f.Tab))
	ed.loaded(ed.tabs[f.Tab])
}

// SetBack makes the back button say label and run back, once unsaved
// changes are dealt with: the window sends the user back where they came from.
func (ed *Editor) SetBack(label string, back func()) {
	ed.back.SetText(label)
	ed.backTo = back
	for _, c := range ed.header {
		c.Refresh() // the button is as wide as its new label
	}
}

// BackLabel is what the back button says.
func (ed *Editor) BackLabel() string { return ed.back.Text }

// Tab is the tab on show.
func (ed *Editor) Tab() Tab { return Tab(ed.appTabs.SelectedIndex()) }

// loaded is told by tab t that it shows what it read: the record Open
// asked to mark is marked now, if t is its tab and on show.
func (ed *Editor) loaded(t editorTab) {
	p := ed.pending
	if p.Record.ID == 0 || ed.tabs[p.Tab] != t || ed.appTabs.SelectedIndex() != int(p.Tab) {
		return
	}
	if m, ok := t.(recordMarker); ok && m.mark(p.Record) {
		ed.pending = Focus{}
	}
}

// rowMarks keeps the Mark around each row of a tab, by record id, so Open can mark one.
type rowMarks map[uint]*kit.Mark

// add wraps row, the line of record id, in a Mark and returns it.
func (m *rowMarks) add(id uint, row fyne.CanvasObject) fyne.CanvasObject {
	if *m == nil {
		*m = rowMarks{}
	}
	mk := kit.NewMark(row)
	(*m)[id] = mk
	return mk
}

// flash scrolls the row of record id into view in list and marks it.
func (m rowMarks) flash(ed *Editor, list fyne.CanvasObject, id uint) bool {
	mk, ok := m[id]
	if !ok {
		return false
	}
	if s, ok := list.(*container.Scroll); ok {
		kit.ScrollIntoView(s, mk)
	}
	mk.Flash(ed.screen.Sched.Later)
	return true
}

func (t *deploymentsTab) mark(r data.Record) bool {
	id := r.ID
	if r.Entity == data.EntityRollback {
		id = 0
		for dep, rb := range t.rollbacks {
			if rb.ID == r.ID {
				id = dep
			}
		}
	}
	return t.marks.flash(t.ed, t.scroll, id)
}

func (t *stakeholdersTab) mark(r data.Record) bool { return t.marks.flash(t.ed, t.list, r.ID) }

func (t *checklistTab) mark(r data.Record) bool { return t.marks.flash(t.ed, t.list, r.ID) }

// mark selects the run in the list for a moment: the selection is the mark.
func (t *testsTab) mark(r data.Record) bool {
	for i, run := range t.runs {
		if run.ID == r.ID {
			t.list.ScrollTo(widget.ListItemID(i))
			t.list.Select(widget.ListItemID(i))
			t.ed.screen.Sched.Later(markTime, func() { t.list.Unselect(widget.ListItemID(i)) })
			return true
		}
	}
	return false
}

// markTime is how long the Tests tab keeps a run selected after a jump, as long as a kit.Mark shows.
const markTime = kit.MarkTime
