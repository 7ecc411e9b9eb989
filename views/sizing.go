package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// fixedWidth gives o a set width and its own minimum height.
func fixedWidth(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&sizedLayout{width: w}, o)
}

// fixedSize gives o a set size.
func fixedSize(s fyne.Size, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&sizedLayout{width: s.Width, height: s.Height}, o)
}

// sizedLayout asks for a fixed width (and height, when set) and fills it.
type sizedLayout struct{ width, height float32 }

func (l *sizedLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *sizedLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(l.width, l.height)
	for _, o := range objs {
		s.Height = max(s.Height, o.MinSize().Height)
	}
	return s
}

// middleOf fills the width with o and centres it vertically at its own height.
func middleOf(o fyne.CanvasObject) fyne.CanvasObject {
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
