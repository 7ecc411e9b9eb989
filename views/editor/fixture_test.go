package editor

import (
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/uitest"
)

// editorFixture is the release editor in a test window on a real database
// file, shown over a stand-in for the Releases list.
type editorFixture struct {
	*uitest.UI
	screen *kit.Screen
	ed     *Editor
	list   *testList
	// pages stacks the list and, once first opened, the editor.
	pages *fyne.Container
	// release is the release the editor was opened on; envs the promotion path, by name.
	release data.Release
	envs    map[string]data.Environment
}

// testList stands in for the Releases list: it names the stored releases
// (and their titles) as the real list would show them after a reload, and
// offers New release.
type testList struct {
	f    *editorFixture
	box  *fyne.Container
	rows *widget.Label
	// products are the stored products as of the last reload.
	products []data.Product
}

// ShowList hides the editor and shows the list.
func (l *testList) ShowList() {
	l.f.ed.Content().Hide()
	l.box.Show()
}

// Reload reads the releases and products again, as the real list does after a change.
func (l *testList) Reload() {
	ps, err := l.f.Store.Products(l.f.Ctx)
	if err != nil {
		l.f.T.Fatal(err)
	}
	rs, err := l.f.Store.ListReleases(l.f.Ctx, data.ReleaseFilter{})
	if err != nil {
		l.f.T.Fatal(err)
	}
	lines := []string{kit.Count(len(rs), "release")}
	for _, r := range rs {
		lines = append(lines, r.Name()+" — "+r.Title)
	}
	l.products = ps
	l.rows.SetText(strings.Join(lines, "\n"))
}

// Products are the products as of the last reload.
func (l *testList) Products() []data.Product { return l.products }

// newEditorFixture opens a fresh database; call show to build the editor over what it holds.
func newEditorFixture(t *testing.T) *editorFixture {
	t.Helper()
	return &editorFixture{UI: uitest.New(t)}
}

// show builds the editor and the list stand-in over what the database holds, the list showing.
func (f *editorFixture) show() *editorFixture {
	f.screen = &kit.Screen{}
	f.screen.Start(f.Win, f.Timers.Scheduler())
	var content *fyne.Container
	f.screen.Notice = kit.NewNotice(func() { content.Refresh() })
	f.list = &testList{f: f, rows: &widget.Label{}}
	f.list.rows.ExtendBaseWidget(f.list.rows)
	newRelease := &widget.Button{Text: "New release", OnTapped: f.newRelease}
	newRelease.ExtendBaseWidget(newRelease)
	f.list.box = container.NewBorder(newRelease, nil, nil, nil, f.list.rows)
	f.ed = New(f.Store, f.screen, f.list)
	f.ed.Content().Hide()
	f.pages = container.NewStack(f.list.box)
	content = container.NewBorder(nil, f.screen.Notice.Box, nil, nil, f.pages)
	f.list.Reload()
	f.Show(content, 1060, 760)
	f.T.Cleanup(f.screen.Close)
	return f
}

// in is f as seen by the subtest t (see uitest.UI.For).
func (f *editorFixture) in(t *testing.T) *editorFixture {
	g := *f
	g.UI = f.UI.For(t)
	return &g
}

// editing reports whether the editor is open.
func (f *editorFixture) editing() bool { return f.ed.Content().Visible() }

// showEditor opens the editor on r, as the Releases screen does.
func (f *editorFixture) showEditor(r data.Release) {
	f.list.box.Hide()
	f.ed.Show(r)
	if len(f.pages.Objects) == 1 {
		f.pages.Add(f.ed.Content()) // the editor joins when first opened, as on the Releases screen
	}
	f.ed.Content().Show()
}

// open shows the stored release r in the editor, read afresh.
func (f *editorFixture) open(r data.Release) {
	f.T.Helper()
	fresh, err := f.Store.Release(f.Ctx, r.ID)
	if err != nil {
		f.T.Fatalf("open %s: %v", r.Name(), err)
	}
	f.showEditor(fresh)
}

// openRelease opens release id, first asking about unsaved changes as the Releases screen does.
func (f *editorFixture) openRelease(id uint) {
	f.leave(func() { f.open(data.Release{ID: id}) })
}

// newRelease opens the editor on a new draft release with the default type and risk.
func (f *editorFixture) newRelease() {
	f.leave(func() {
		f.showEditor(data.Release{Type: data.TypeMinor, Status: data.StatusDraft, Risk: data.RiskLow})
		f.ed.FocusProduct()
	})
}

// leave runs then, first asking about unsaved changes when the editor is open.
func (f *editorFixture) leave(then func()) {
	if !f.editing() {
		then()
		return
	}
	f.ed.Leave(then)
}

// unsaved reports whether the open editor holds changes not saved yet.
func (f *editorFixture) unsaved() bool { return f.editing() && f.ed.Dirty() }

// selectTab shows the editor's tab at position.
func (f *editorFixture) selectTab(position int) { f.ed.appTabs.SelectIndex(position) }

// reopen opens the stored release again on the tab at position, as a user coming back to it would.
func (f *editorFixture) reopen(position int) {
	f.open(f.release)
	f.selectTab(position)
}

// newPathFixture stores a Dev, QA, Production path and a planned Payments
// 2.4.0, with the released 2.3.0 before it, and opens the editor on 2.4.0 at
// the tab at position.
func newPathFixture(t *testing.T, position int) *editorFixture {
	t.Helper()
	f := newEditorFixture(t)
	f.envs = map[string]data.Environment{}
	for _, e := range []struct {
		name string
		kind data.EnvironmentKind
	}{{"Dev", data.KindDevelopment}, {"QA", data.KindTest}, {"Production", data.KindProduction}} {
		f.envs[e.name] = f.Environment(e.name, e.kind)
	}
	f.Release("Payments", "2.3.0", "Previous", data.StatusReleased, uitest.Day(time.February, 2))
	f.release = f.Release("Payments", "2.4.0", "Refunds", data.StatusPlanned, uitest.Day(time.May, 4))
	f.show()
	f.reopen(position)
	return f
}

// newReleaseFixture stores Payments 2.4.0, a minor release planned for 4 May
// 2026, with status, and opens the editor on it at the tab at position.
func newReleaseFixture(t *testing.T, position int, status data.ReleaseStatus) *editorFixture {
	t.Helper()
	f := newEditorFixture(t)
	f.release = f.Release("Payments", "2.4.0", "Refunds", status, uitest.Day(time.May, 4))
	f.show()
	f.reopen(position)
	return f
}

// tabOf returns the editor's tab of type T.
func tabOf[T editorTab](f *editorFixture) T {
	f.T.Helper()
	for _, t := range f.ed.tabs {
		if x, ok := t.(T); ok {
			return x
		}
	}
	f.T.Fatalf("no %T tab", *new(T))
	return *new(T)
}

// deploy stores a deployment of the release on env, planned at start for an hour.
func (f *editorFixture) deploy(env string, start time.Time) data.Deployment {
	f.T.Helper()
	d := data.Deployment{ReleaseID: f.release.ID, EnvironmentID: f.envs[env].ID, Build: "2.4.0", PlannedStart: start, PlannedEnd: start.Add(time.Hour)}
	if err := f.Store.SaveDeployment(f.Ctx, &d); err != nil {
		f.T.Fatalf("deploy %s: %v", env, err)
	}
	return d
}

func (f *editorFixture) storedDeployments() []data.Deployment {
	f.T.Helper()
	ds, err := f.Store.ReleaseDeployments(f.Ctx, f.release.ID)
	if err != nil {
		f.T.Fatal(err)
	}
	return ds
}

func (f *editorFixture) storedRelease() data.Release {
	f.T.Helper()
	r, err := f.Store.Release(f.Ctx, f.release.ID)
	if err != nil {
		f.T.Fatal(err)
	}
	return r
}

// assign gives p role on the release, straight in the store.
func (f *editorFixture) assign(p data.Stakeholder, role data.RACIRole) data.ReleaseStakeholder {
	f.T.Helper()
	rs := data.ReleaseStakeholder{ReleaseID: f.release.ID, StakeholderID: p.ID, Role: role}
	if err := f.Store.AssignStakeholder(f.Ctx, &rs); err != nil {
		f.T.Fatalf("assign %s: %v", p.Name, err)
	}
	return rs
}

func (f *editorFixture) storedPeople() []data.ReleaseStakeholder {
	f.T.Helper()
	ps, err := f.Store.ReleaseStakeholders(f.Ctx, f.release.ID)
	if err != nil {
		f.T.Fatal(err)
	}
	return ps
}

func (f *editorFixture) directory() []string {
	f.T.Helper()
	ps, err := f.Store.Stakeholders(f.Ctx)
	if err != nil {
		f.T.Fatal(err)
	}
	return kit.LabelsOf(ps, func(p data.Stakeholder) string { return p.Name })
}

// rowButton returns the button labelled text on the line of rows that shows name.
func (f *editorFixture) rowButton(rows *fyne.Container, name, text string) *widget.Button {
	f.T.Helper()
	for _, row := range rows.Objects {
		var named bool
		var found *widget.Button
		uitest.Visit(row, func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *widget.Label:
				named = named || x.Text == name
			case *widget.Button:
				if x.Text == text && found == nil {
					found = x
				}
			}
		})
		if named && found != nil {
			return found
		}
	}
	f.T.Fatalf("no %q button on the line of %q; the window shows %q", text, name, f.Texts())
	return nil
}

// closeDialog closes the dialog left open, as its Cancel button does.
func (f *editorFixture) closeDialog() {
	if f.DialogOpen() {
		f.Tap("Cancel")
	}
}

// TestMain removes the demo databases the tests copied from (see uitest.Demo).
func TestMain(m *testing.M) { os.Exit(uitest.Main(m)) }
