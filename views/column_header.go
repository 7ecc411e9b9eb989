package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

var (
	_ fyne.Tappable      = (*columnHeader)(nil)
	_ desktop.Hoverable  = (*columnHeader)(nil)
	_ desktop.Cursorable = (*columnHeader)(nil)
)

// columnHeader is a table header cell that sorts its column when tapped and
// shows an arrow for the current sort direction.
type columnHeader struct {
	widget.BaseWidget
	text string
	// dir is 1 for ascending, -1 for descending, 0 when the column is not the sort key.
	dir     int
	onTap   func()
	hovered bool
}

func newColumnHeader() *columnHeader {
	h := &columnHeader{text: "Planned release", dir: 1} // the widest title sizes the header row
	h.ExtendBaseWidget(h)
	return h
}

func (h *columnHeader) set(text string, dir int, onTap func()) {
	h.onTap = onTap
	if h.text == text && h.dir == dir {
		return
	}
	h.text, h.dir = text, dir
	h.Refresh()
}

// Tapped sorts by this column.
func (h *columnHeader) Tapped(*fyne.PointEvent) {
	if h.onTap != nil {
		h.onTap()
	}
}

// Cursor shows a pointing hand, since the header acts as a button.
func (h *columnHeader) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MouseIn highlights the header under the pointer.
func (h *columnHeader) MouseIn(*desktop.MouseEvent) { h.hovered = true; h.Refresh() }

// MouseMoved is needed by desktop.Hoverable.
func (h *columnHeader) MouseMoved(*desktop.MouseEvent) {}

// MouseOut removes the hover highlight.
func (h *columnHeader) MouseOut() { h.hovered = false; h.Refresh() }

// CreateRenderer lays out the bold title with the sort arrow after it.
func (h *columnHeader) CreateRenderer() fyne.WidgetRenderer {
	r := &columnHeaderRenderer{h: h,
		bg:    &canvas.Rectangle{},
		label: &canvas.Text{TextStyle: fyne.TextStyle{Bold: true}},
		arrow: canvas.NewImageFromResource(nil),
	}
	r.arrow.FillMode = canvas.ImageFillContain
	r.Refresh()
	return r
}

type columnHeaderRenderer struct {
	h     *columnHeader
	bg    *canvas.Rectangle
	label *canvas.Text
	arrow *canvas.Image
}

func (r *columnHeaderRenderer) Layout(size fyne.Size) {
	th := r.h.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	r.bg.Resize(size)
	ls := r.label.MinSize()
	icon := th.Size(theme.SizeNameInlineIcon)
	textW := size.Width - 2*pad
	if r.h.dir != 0 {
		textW -= icon
	}
	if ls.Width < textW {
		textW = ls.Width
	}
	r.label.Move(fyne.NewPos(pad, (size.Height-ls.Height)/2))
	r.label.Resize(fyne.NewSize(textW, ls.Height))
	r.arrow.Move(fyne.NewPos(pad+textW+2, (size.Height-icon)/2))
	r.arrow.Resize(fyne.NewSize(icon, icon))
}

func (r *columnHeaderRenderer) MinSize() fyne.Size {
	th := r.h.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	ls := r.label.MinSize()
	return fyne.NewSize(ls.Width+2*pad+th.Size(theme.SizeNameInlineIcon), ls.Height+2*pad)
}

func (r *columnHeaderRenderer) Refresh() {
	th := r.h.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.label.Text = r.h.text
	r.label.TextSize = th.Size(theme.SizeNameText)
	r.label.Color = th.Color(theme.ColorNameForeground, v)
	if r.h.hovered {
		r.bg.FillColor = th.Color(theme.ColorNameHover, v)
	} else {
		r.bg.FillColor = th.Color(theme.ColorNameHeaderBackground, v)
	}
	switch r.h.dir {
	case 1:
		r.arrow.Resource = theme.NewPrimaryThemedResource(theme.MenuDropUpIcon())
		r.arrow.Show()
	case -1:
		r.arrow.Resource = theme.NewPrimaryThemedResource(theme.MenuDropDownIcon())
		r.arrow.Show()
	default:
		r.arrow.Hide()
	}
	r.Layout(r.h.Size())
	r.bg.Refresh()
	r.label.Refresh()
	r.arrow.Refresh()
}

func (r *columnHeaderRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.label, r.arrow}
}

func (r *columnHeaderRenderer) Destroy() {}
