package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/editor"
	"releasedesk/views/kit"
	"releasedesk/views/releases"
)

// Going back and forth between the places the user has been, as a browser
// does: a screen of the sidebar, the Releases list, or a release in the
// editor on one of its tabs.

// Back and forward: Alt+Left and Alt+Right, as in browsers and file managers.
var (
	shortcutBack    = &desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt}
	shortcutForward = &desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierAlt}
)

// place is where the user was: a section and, on the Releases screen, the
// release open in the editor (0 for the list) and its tab.
type place struct {
	section int
	release uint
	tab     editor.Tab
}

// history is the back and forward stacks of places, newest last.
type history struct {
	back, forward []place
	// moving is set while the shell itself moves, so the screens' own
	// reports of moving are not counted twice.
	moving bool
	// backItem, forwardItem and their buttons follow whether there is somewhere to go.
	backItem, forwardItem     *fyne.MenuItem
	backButton, forwardButton *widget.Button
}

// here is the place on show.
func (s *shell) here() place {
	p := place{section: s.current}
	if s.releases != nil && s.current == s.sectionIndex(releasesTitle) {
		w := s.releases.Where()
		p.release, p.tab = w.Release, w.Tab
	}
	return p
}

// navigate runs move, which changes what is on show, and remembers where
// the user was so Back returns there.
func (s *shell) navigate(move func()) {
	from := s.here()
	s.hist.moving = true
	move()
	s.hist.moving = false
	s.cameFrom(from)
}

// cameFrom records from as the place to go back to, when the window now shows another place.
func (s *shell) cameFrom(from place) {
	if s.hist.moving || s.here() == from {
		return
	}
	s.hist.back = append(s.hist.back, from)
	s.hist.forward = nil
	s.updateNavigation()
}

// goBack returns to the place before this one.
func (s *shell) goBack() { s.step(&s.hist.back, &s.hist.forward) }

// goForward goes again where Back came from.
func (s *shell) goForward() { s.step(&s.hist.forward, &s.hist.back) }

// step goes to the newest place of from, keeping the place left in to, once
// the screen being left agrees (unsaved work is dealt with first).
func (s *shell) step(from, to *[]place) {
	if len(*from) == 0 {
		return
	}
	s.leaveScreen(func() {
		left := s.here()
		p := (*from)[len(*from)-1]
		*from = (*from)[:len(*from)-1]
		s.hist.moving = true
		s.show(p)
		s.hist.moving = false
		if s.here() != left {
			*to = append(*to, left)
		}
		s.updateNavigation()
	}, nil)
}

// show puts place p on screen, without asking about unsaved work (the caller has).
func (s *shell) show(p place) {
	if p.section != s.current {
		s.showSection(p.section)
	}
	if p.section != s.sectionIndex(releasesTitle) || s.releases == nil {
		return
	}
	if p.release == 0 {
		if s.releases.Where().Release != 0 {
			s.releases.ShowList()
		}
		return
	}
	s.releases.OpenReleaseAt(p.release, editor.Focus{Tab: p.tab})
}

// openTarget opens the release target names in the editor, on the tab its
// record is about, with the record marked.
func (s *shell) openTarget(target kit.Target) {
	if target.Release == 0 {
		s.openScreenOf(target.Record)
		return
	}
	s.navigate(func() {
		s.showReleases(func(r *releases.Screen) { r.OpenReleaseAt(target.Release, editor.FocusOf(target)) })
	})
}

// openScreenOf shows the screen that lists record r when it belongs to no
// release: an environment or freeze window, a person.
func (s *shell) openScreenOf(r data.Record) {
	title := map[string]string{data.EntityEnvironment: environmentsTitle, data.EntityFreezeWindow: environmentsTitle,
		data.EntityStakeholder: stakeholdersTitle, data.EntityProduct: releasesTitle}[r.Entity]
	if i := s.sectionIndex(title); i >= 0 {
		s.switchSection(i)
	}
}

// openRelease opens release id in the editor on its Details tab.
func (s *shell) openRelease(id uint) { s.openTarget(kit.Target{Release: id}) }

// placeName names p for the editor's back button: the screen it is, or "Back" for another release.
func (s *shell) placeName(p place) string {
	if p.release != 0 {
		return "Back"
	}
	return s.sections[p.section].title
}

// updateNavigation enables Back and Forward when there is somewhere to go,
// and makes the editor's back button name where it leads.
func (s *shell) updateNavigation() {
	h := &s.hist
	canBack, canForward := len(h.back) > 0, len(h.forward) > 0
	if h.backItem != nil {
		h.backItem.Disabled, h.forwardItem.Disabled = !canBack, !canForward
		s.menu.Refresh()
	}
	for _, b := range []struct {
		button *widget.Button
		on     bool
	}{{h.backButton, canBack}, {h.forwardButton, canForward}} {
		if b.button == nil {
			continue
		}
		if b.on {
			b.button.Enable()
		} else {
			b.button.Disable()
		}
	}
	if s.releases == nil {
		return
	}
	if canBack {
		s.releases.SetBack(s.placeName(h.back[len(h.back)-1]), s.goBack)
	} else {
		s.releases.SetBack(releasesTitle, s.releases.ShowList)
	}
}

// navigationMenuItems are View > Back and View > Forward.
func (s *shell) navigationMenuItems() []*fyne.MenuItem {
	s.hist.backItem = &fyne.MenuItem{Label: "Back", Icon: theme.NavigateBackIcon(), Shortcut: shortcutBack, Action: s.goBack, Disabled: true}
	s.hist.forwardItem = &fyne.MenuItem{Label: "Forward", Icon: theme.NavigateNextIcon(), Shortcut: shortcutForward, Action: s.goForward, Disabled: true}
	return []*fyne.MenuItem{s.hist.backItem, s.hist.forwardItem}
}

// navigationButtons are the Back and Forward buttons at the head of the sidebar.
func (s *shell) navigationButtons() (back, forward *widget.Button) {
	back = &widget.Button{Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance, OnTapped: s.goBack}
	back.ExtendBaseWidget(back)
	back.Disable()
	forward = &widget.Button{Icon: theme.NavigateNextIcon(), Importance: widget.LowImportance, OnTapped: s.goForward}
	forward.ExtendBaseWidget(forward)
	forward.Disable()
	s.hist.backButton, s.hist.forwardButton = back, forward
	return back, forward
}
