//go:build shots

package app

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/reports"
	"releasedesk/views/settings"
	"releasedesk/views/uitest"
)

// A real window for the screenshot tool: built with the shots tag, the app
// package's test binary opens the whole program's window on a database and
// walks to one scene of the scope screens, then waits to be photographed:
//
//	go test -c -tags migrated_fynedo,shots -o app.test ./app
//	RELEASEDESK_LOOK=scope RELEASEDESK_LOOK_DB=demo.db shot scope.png -- ./app.test
//
// RELEASEDESK_LOOK_THEME picks light or dark, RELEASEDESK_LOOK_SIZE the
// window's size (1024x700), RELEASEDESK_LOOK_FILE the file an import scene
// previews. Without RELEASEDESK_LOOK the tests run as usual.
const (
	lookEnv      = "RELEASEDESK_LOOK"
	lookDBEnv    = "RELEASEDESK_LOOK_DB"
	lookThemeEnv = "RELEASEDESK_LOOK_THEME"
	lookFileEnv  = "RELEASEDESK_LOOK_FILE"
	lookSizeEnv  = "RELEASEDESK_LOOK_SIZE"
)

// lookAsked runs the look window on the main goroutine, which the window
// needs, when RELEASEDESK_LOOK asks for a scene (TestMain calls it first),
// and reports whether it did; the tests then do not run.
func lookAsked() bool {
	scene := os.Getenv(lookEnv)
	if scene == "" {
		return false
	}
	if err := runLook(scene); err != nil {
		fmt.Fprintln(os.Stderr, "look:", err)
		os.Exit(1)
	}
	return true
}

// lookScenes walk from the opened window to what each scene shows.
var lookScenes = map[string]func(l *looker){
	"scope":         func(l *looker) { l.openTab(l.releaseWithScope(), "Scope") },
	"details":       func(l *looker) { l.openTab(l.releaseWithScope(), "Details") },
	"releases":      func(l *looker) {},
	"scope-paste":   func(l *looker) { l.openTab(l.releaseWithScope(), "Scope"); l.tap("Paste list…"); l.typePaste() },
	"scope-notes":   func(l *looker) { l.openTab(l.releaseWithScope(), "Scope"); l.tap("Release notes…") },
	"scope-move":    func(l *looker) { l.openTab(l.releaseWithScope(), "Scope"); l.tap("Carry over unfinished…") },
	"dependencies":  func(l *looker) { l.openTab(l.releaseWithDependency(), "Dependencies") },
	"replan":        func(l *looker) { l.openTab(l.releaseWithBaseline(), "Details"); l.replan() },
	"import":        func(l *looker) { l.importFile() },
	"reopen-shrink": func(l *looker) { l.reopen(30, 3) },
	"reopen-grow":   func(l *looker) { l.reopen(3, 30) },
	"reopen-scrolled": func(l *looker) {
		l.reopen(30, 30)
		l.do(func() { find[*widget.Table](l.win, func(*widget.Table) bool { return true }).ScrollToBottom() })
		l.reopen(2, 2)
	},
	"import-undone": func(l *looker) { l.importFile(); l.tap("Import"); l.tap("Undo") },
}

// looker walks the real window, one step at a time as its screens answer.
type looker struct {
	sh    *shell
	store *data.Store
	win   fyne.Window
}

func runLook(scene string) error {
	walk, ok := lookScenes[scene]
	if !ok {
		return fmt.Errorf("no scene %q", scene)
	}
	a := fyneapp.NewWithID(appID)
	w := a.NewWindow(appName)
	leanFramebuffer()
	var width, height float32 = 1280, 800 // the screen the window fills, as a user sizes it
	fmt.Sscanf(os.Getenv(lookSizeEnv), "%fx%f", &width, &height)
	w.Resize(fyne.NewSize(width, height))
	l := newLaunch(context.Background(), a, w, kit.AppScheduler)
	l.start(os.Getenv(lookDBEnv))
	if l.shell == nil {
		return fmt.Errorf("the database %q did not open", os.Getenv(lookDBEnv))
	}
	a.Settings().SetTheme(settings.ThemeFor(os.Getenv(lookThemeEnv)))
	// The window is not running yet, so Fyne does not pass the new theme on:
	// the labels measured while the shell was built would keep the colours
	// of the theme before (a pale sidebar title in light screenshots).
	uitest.Visit(w.Content(), func(o fyne.CanvasObject) { o.Refresh() })
	lk := &looker{sh: l.shell, store: l.shell.store, win: w}
	go func() {
		time.Sleep(2 * time.Second) // the window shows and its first screen loads
		walk(lk)
		if os.Getenv("RELEASEDESK_LOOK_TEXTS") != "" { // what the scene shows, for checking it by eye in a log
			fyne.DoAndWait(func() {
				for _, root := range []fyne.CanvasObject{w.Canvas().Overlays().Top(), w.Canvas().Content()} {
					if root != nil {
						uitest.Visit(root, func(o fyne.CanvasObject) {
							if l, ok := o.(*widget.Label); ok && l.Text != "" {
								fmt.Fprintln(os.Stderr, "look:", l.Text)
							}
						})
					}
				}
			})
		}
	}()
	w.ShowAndRun()
	return nil
}

// do runs f on the UI goroutine and lets the screens answer.
func (l *looker) do(f func()) {
	fyne.DoAndWait(f)
	time.Sleep(700 * time.Millisecond)
}

// pick is the first release still to ship, soonest first, that want
// accepts; none may be found when orNone is set.
func (l *looker) pick(want func(r data.Release) bool, orNone ...bool) uint {
	rels, err := l.store.ListReleases(context.Background(), data.ReleaseFilter{Statuses: []data.ReleaseStatus{data.StatusPlanned, data.StatusInProgress}})
	if err != nil {
		panic(err)
	}
	for _, r := range rels {
		if want(r) {
			return r.ID
		}
	}
	if len(orNone) > 0 {
		return 0
	}
	panic("no demo release fits the scene")
}

func (l *looker) releaseWithScope() uint {
	best, most := uint(0), 0
	l.pick(func(r data.Release) bool {
		items, _ := l.store.WorkItems(context.Background(), r.ID, data.WorkItemFilter{})
		if len(items) > most && slices.ContainsFunc(items, func(it data.WorkItem) bool { return it.Status.Unfinished() }) {
			best, most = r.ID, len(items)
		}
		return false
	}, true)
	return best
}

func (l *looker) releaseWithDependency() uint {
	found := l.pick(func(r data.Release) bool {
		requires, _, _ := l.store.Dependencies(context.Background(), r.ID)
		fs, _ := l.store.ReleaseConflicts(context.Background(), r.ID)
		return len(requires) > 0 && slices.ContainsFunc(fs, func(f data.Finding) bool { return f.Kind == data.FindingDependency })
	}, true)
	if found != 0 {
		return found
	}
	return l.pick(func(r data.Release) bool {
		requires, _, _ := l.store.Dependencies(context.Background(), r.ID)
		return len(requires) > 0
	})
}

func (l *looker) releaseWithBaseline() uint {
	return l.pick(func(r data.Release) bool {
		full, _ := l.store.Release(context.Background(), r.ID)
		_, base := full.Baseline()
		return !base.IsZero() && !base.Equal(full.PlannedRelease)
	})
}

// openTab opens release id in the editor on the tab titled tab.
func (l *looker) openTab(id uint, tab string) {
	l.do(func() { l.sh.openRelease(id) })
	l.do(func() {
		tabs := find[*container.AppTabs](l.win, func(*container.AppTabs) bool { return true })
		for _, it := range tabs.Items {
			if it.Text == tab {
				tabs.Select(it)
			}
		}
	})
}

// tap taps the visible button labelled text, in a dialog first.
func (l *looker) tap(text string) {
	l.do(func() {
		b := find[*widget.Button](l.win, func(b *widget.Button) bool { return b.Text == text || strings.HasPrefix(b.Text, text+" ") })
		b.OnTapped()
	})
}

func (l *looker) typePaste() {
	l.do(func() {
		e := find[*widget.Entry](l.win, func(e *widget.Entry) bool { return e.MultiLine })
		e.SetText("PAY-301 Pay by bank transfer in the Netherlands\n- pay-302: Refunds keep their currency\nthis line has no key\nPAY-303\tSaved cards for returning buyers")
	})
}

// replan moves the planned release day of the release in the Details tab
// by a week and saves without a reason, so the form asks for it.
func (l *looker) replan() {
	l.do(func() {
		e := findField[*kit.DayEntry](l.win, "Planned release")
		day, _ := e.Value()
		e.SetDay(day.AddDays(7))
	})
	l.tap("Save")
}

// importFile opens Reports and previews the import of RELEASEDESK_LOOK_FILE.
func (l *looker) importFile() {
	l.do(func() { l.sh.switchSection(l.sh.sectionIndex(reportsTitle)) })
	l.do(func() {
		find[*reports.Screen](l.win, func(*reports.Screen) bool { return true }).PreviewImport(os.Getenv(lookFileEnv))
	})
}

// reopen previews a plan of before rows, rewrites it with after rows and
// taps Open again, as a user fixing the file does (issue 13 #8).
func (l *looker) reopen(before, after int) {
	path := os.Getenv(lookFileEnv)
	write := func(n int) {
		text := "Product,Version,Title,Release date\n"
		for i := range n {
			text += fmt.Sprintf("Fleet Tracker,1.%d.0,Route replay part %d,2027-0%d-1%d\n", i, i, 1+i%9, i%10)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			panic(err)
		}
	}
	write(before)
	l.importFile()
	write(after)
	l.tap("Open again")
}

// find is the first visible T in the window, its dialogs first; it panics when there is none.
func find[T fyne.CanvasObject](w fyne.Window, match func(T) bool) T {
	roots := []fyne.CanvasObject{}
	if top := w.Canvas().Overlays().Top(); top != nil {
		roots = append(roots, top)
	}
	roots = append(roots, w.Canvas().Content())
	var found T
	ok := false
	for _, root := range roots {
		uitest.Visit(root, func(o fyne.CanvasObject) {
			if x, is := o.(T); is && !ok && match(x) {
				found, ok = x, true
			}
		})
		if ok {
			return found
		}
	}
	panic(fmt.Sprintf("no %T on screen", found))
}

// findField is the first T in the form field labelled label.
func findField[T fyne.CanvasObject](w fyne.Window, label string) T {
	cell := uitest.FieldIn(w.Canvas().Content(), label)
	if cell == nil {
		panic("no field " + label)
	}
	var found T
	ok := false
	uitest.Visit(cell, func(o fyne.CanvasObject) {
		if x, is := o.(T); is && !ok {
			found, ok = x, true
		}
	})
	if !ok {
		panic(fmt.Sprintf("no %T in %s", found, label))
	}
	return found
}
