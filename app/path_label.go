package app

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

var (
	_ desktop.Hoverable = (*pathLabel)(nil)
	_ fyne.Tappable     = (*pathLabel)(nil)
)

// pathLabel names the open database at the foot of the sidebar by its file
// name; pointing at it (or tapping it) opens it up, in place, to the full
// path, wrapped over as many lines as it takes, as a tooltip would show it
// (Fyne has no tooltips, and a pop-up over the window would take the
// pointer away from the label).
type pathLabel struct {
	widget.Label
	full string
	// name is what shows while closed: the file name, or a server's plan and host.
	name string
	open bool
}

func newPathLabel() *pathLabel {
	l := &pathLabel{}
	l.SizeName = theme.SizeNameCaptionText
	l.ExtendBaseWidget(l)
	l.show(false)
	return l
}

// setPath names the open database.
func (l *pathLabel) setPath(path string) {
	l.full, l.name = path, filepath.Base(path)
	l.show(l.open)
}

// setNamed names the open database name, and full when opened up (a
// server's URL, shown without its password).
func (l *pathLabel) setNamed(name, full string) {
	l.full, l.name = full, name
	l.show(l.open)
}

// MouseIn shows the full path.
func (l *pathLabel) MouseIn(*desktop.MouseEvent) { l.show(true) }

// MouseMoved keeps the full path on show.
func (l *pathLabel) MouseMoved(*desktop.MouseEvent) {}

// MouseOut goes back to the file name.
func (l *pathLabel) MouseOut() { l.show(false) }

// Tapped shows the full path, or the name again, on a screen without a pointer that hovers.
func (l *pathLabel) Tapped(*fyne.PointEvent) { l.show(!l.open) }

// show shows the full path when open, else the file name, cut short to fit.
func (l *pathLabel) show(open bool) {
	l.open = open
	if open {
		l.Text, l.Wrapping, l.Truncation = l.full, fyne.TextWrapBreak, fyne.TextTruncateOff
	} else {
		l.Text, l.Wrapping, l.Truncation = l.name, fyne.TextWrapOff, fyne.TextTruncateEllipsis
	}
	l.Refresh()
}
