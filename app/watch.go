package app

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"releasedesk/data"
)

// watchSettle is how long the watcher gathers the notices of a burst of
// changes (an import, a colleague's busy minute) before the screens read
// again, once for all of them.
const watchSettle = 250 * time.Millisecond

// follow starts following others' changes to the open database (see
// watchOthers), in place of the database followed before.
func (s *shell) follow(onUI func(func())) {
	if s.stopFollowing != nil {
		s.stopFollowing()
	}
	ctx, stop := context.WithCancel(s.ctx)
	s.onUI, s.stopFollowing = onUI, stop
	s.watchOthers(ctx, s.store, onUI)
}

// watchOthers follows the changes others make to the open database until
// ctx ends: each burst of them is handed to othersChanged through onUI
// (fyne.Do in the window). A database that cannot be watched is logged and
// otherwise left alone: the screens still read afresh when shown.
func (s *shell) watchOthers(ctx context.Context, store *data.Store, onUI func(func())) {
	changes, err := store.Watch(ctx)
	if err != nil {
		fyne.LogError("cannot follow others' changes to "+store.Path(), err)
		return
	}
	go func() {
		for n := range changes {
			batch := []data.ChangeNotice{n}
			settle := time.After(watchSettle)
		gather:
			for {
				select {
				case m, ok := <-changes:
					if !ok {
						break gather
					}
					batch = append(batch, m)
				case <-settle:
					break gather
				}
			}
			onUI(func() {
				if s.store == store { // the database may have been swapped meanwhile
					s.othersChanged(batch)
				}
			})
		}
	}()
}

// othersChanged shows what others changed: the screen on show reads again,
// keeping its selection and scroll (the Releases screen also brings an open
// editor up to date, or warns when it holds unsaved edits); screens hidden
// behind it read again when next shown.
func (s *shell) othersChanged(batch []data.ChangeNotice) {
	type followsOthers interface{ OthersChanged([]data.ChangeNotice) }
	type reloader interface{ Reload() }
	type stalable interface{ MarkStale() }
	for i, built := range s.built {
		switch scr := built.(type) {
		case nil:
		case followsOthers: // shown or not: an editor open behind another screen must hear of it
			scr.OthersChanged(batch)
		case reloader:
			if i == s.current {
				scr.Reload()
			} else if st, ok := built.(stalable); ok {
				st.MarkStale()
			}
		}
	}
}
