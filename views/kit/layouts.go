package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// FixedWidth gives o a set width and its own minimum height.
func FixedWidth(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&SizedLayout{Width: w}, o)
}

// FixedSize gives o a set size.
func FixedSize(s fyne.Size, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&SizedLayout{Width: s.Width, Height: s.Height}, o)
}

// SizedLayout asks for a fixed width (and height, when set) and fills it.
type SizedLayout struct {
	// Width and Height are the size asked for; a zero Height asks for the object's own.
	Width, Height float32
}

// Layout places objs in size, as the type's comment says.
func (l *SizedLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// MinSize is the least room objs need laid out this way.
func (l *SizedLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(l.Width, l.Height)
	for _, o := range objs {
		s.Height = max(s.Height, o.MinSize().Height)
	}
	return s
}

// MiddleOf fills the width with o and centres it vertically at its own height.
func MiddleOf(o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(middleLayout{}, o)
}

type middleLayout struct{}

func (middleLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, (size.Height-h)/2))
		o.Resize(fyne.NewSize(size.Width, h))
	}
}

func (middleLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// TightRows stacks objects at their minimum heights with no gap, so a bold
// line and its caption read as one row.
type TightRows struct{}

// Layout places objs in size, as the type's comment says.
func (TightRows) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y, pad := float32(0), theme.Padding()
	for i, o := range objs {
		if i > 0 {
			y -= pad // the labels' own padding already separates them
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h
	}
}

// MinSize is the least room objs need laid out this way.
func (TightRows) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
		if i > 0 {
			s.Height -= theme.Padding()
		}
	}
	return s
}

// ColumnsLayout puts objects side by side, each taking its share of the width.
type ColumnsLayout struct {
	// Shares are the parts of the width each object gets, in order; they add up to 1.
	Shares []float32
}

// Layout places objs in size, as the type's comment says.
func (l *ColumnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	free := size.Width - pad*float32(len(objs)-1)
	x := float32(0)
	for i, o := range objs {
		w := free * l.Shares[i]
		if i == len(objs)-1 {
			w = size.Width - x
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

// MinSize is the least room objs need laid out this way.
func (l *ColumnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width += m.Width + theme.Padding()
		s.Height = max(s.Height, m.Height)
	}
	return s
}

// StackedLayout puts two objects one above the other; the lower one gets
// share of the height, or its minimum height when that is more.
type StackedLayout struct {
	// Share is the part of the height the lower object gets.
	Share float32
}

// Layout places objs in size, as the type's comment says.
func (l *StackedLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	lower := max(objs[1].MinSize().Height, (size.Height-pad)*l.Share)
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(size.Width, size.Height-lower-pad))
	objs[1].Move(fyne.NewPos(0, size.Height-lower))
	objs[1].Resize(fyne.NewSize(size.Width, lower))
}

// MinSize is the least room objs need laid out this way.
func (l *StackedLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, b := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(a.Width, b.Width), a.Height+b.Height+theme.Padding())
}

// Leading keeps a short input, such as a day, at width w on the leading edge of its cell.
func Leading(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, FixedWidth(w, o), nil)
}
