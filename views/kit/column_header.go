package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

var (
	_ fyne.Tappable      = (*ColumnHeader)(nil)
	_ desktop.Hoverable  = (*ColumnHeader)(nil)
	_ desktop.Cursorable = (*ColumnHeader)(nil)
)

// ColumnHeader is a table header cell that sorts its column when tapped and
// shows an arrow for the current sort direction.
type ColumnHeader struct {
	widget.BaseWidget
	// Title names the column.
	Title string
	// Dir is 1 for ascending, -1 for descending, 0 when the column is not the sort key.
	Dir     int
	onTap   func()
	hovered bool
}

// NewColumnHeader returns a header sized for the widest title; Set gives it its own.
func NewColumnHeader() *ColumnHeader {
	h := &ColumnHeader{Title: "Planned release", Dir: 1} // the widest title sizes the header row
	h.ExtendBaseWidget(h)
	return h
}

// Set shows title text with the sort direction dir (see Dir); onTap runs when it is tapped.
func (h *ColumnHeader) Set(text string, dir int, onTap func()) {
	h.onTap = onTap
	if h.Title == text && h.Dir == dir {
		return
	}
	h.Title, h.Dir = text, dir
	h.Refresh()
}

// Tapped sorts by this column.
func (h *ColumnHeader) Tapped(*fyne.PointEvent) {
	if h.onTap != nil {
		h.onTap()
	}
}

// Cursor shows a pointing hand, since the header acts as a button.
func (h *ColumnHeader) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MouseIn highlights the header under the pointer.
func (h *ColumnHeader) MouseIn(*desktop.MouseEvent) { h.hovered = true; h.Refresh() }

// MouseMoved is needed by desktop.Hoverable.
func (h *ColumnHeader) MouseMoved(*desktop.MouseEvent) {}

// MouseOut removes the hover highlight.
func (h *ColumnHeader) MouseOut() { h.hovered = false; h.Refresh() }

// CreateRenderer lays out the bold title with the sort arrow after it.
func (h *ColumnHeader) CreateRenderer() fyne.WidgetRenderer {
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
	h     *ColumnHeader
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
	if r.h.Dir != 0 {
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
	r.label.Text = r.h.Title
	r.label.TextSize = th.Size(theme.SizeNameText)
	r.label.Color = th.Color(theme.ColorNameForeground, v)
	if r.h.hovered {
		r.bg.FillColor = th.Color(theme.ColorNameHover, v)
	} else {
		r.bg.FillColor = th.Color(theme.ColorNameHeaderBackground, v)
	}
	switch r.h.Dir {
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
