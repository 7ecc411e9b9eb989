package views

import (
	"sort"

	"releasedesk/data"
)

// EditorStore is what the release editor's tabs need from the database, one
// narrow interface per tab; *data.Store satisfies it.
type EditorStore interface {
	DeploymentsStore
	TestsStore
	GoNoGoStore
	StakeholdersTabStore
	ChecklistStore
	ReviewStore
}

var _ EditorStore = (*data.Store)(nil)

// Tab positions in the release editor, after Details.
const (
	tabDeployments = iota + 1
	tabStakeholders
	tabChecklist
	tabTests
	tabGoNoGo
	tabReview
)

type orderedTab struct {
	position int
	build    func(ed *releaseEditor) editorTab
}

var registeredTabs []orderedTab

// registerEditorTab adds a tab to every release editor at position (see the
// tab constants); each tab's file registers itself from init.
func registerEditorTab(position int, build func(ed *releaseEditor) editorTab) {
	registeredTabs = append(registeredTabs, orderedTab{position, build})
	sort.SliceStable(registeredTabs, func(i, j int) bool { return registeredTabs[i].position < registeredTabs[j].position })
	releaseEditorTabs = []func(ed *releaseEditor) editorTab{newDetailsTab}
	for _, t := range registeredTabs {
		releaseEditorTabs = append(releaseEditorTabs, t.build)
	}
}

// editorStore returns the store with every method the tabs use.
func (ed *releaseEditor) editorStore() EditorStore {
	return ed.screen.store.(EditorStore)
}
