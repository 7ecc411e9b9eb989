package timeline

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// pool recycles canvas objects of one type between refreshes: objects are
// handed out in drawing order, grown on demand and hidden when not needed.
type pool[T fyne.CanvasObject] struct {
	items []T
	used  int // handed out during this draw
	shown int // visible after the previous draw
	make  func() T
	grew  bool
}

// take returns the next object, showing or creating it as needed.
func (p *pool[T]) take() T {
	if p.used < len(p.items) {
		o := p.items[p.used]
		if p.used >= p.shown {
			o.Show()
		}
		p.used++
		return o
	}
	o := p.make()
	p.items = append(p.items, o)
	p.used++
	p.grew = true
	return o
}

// finish hides what this draw did not use and readies the pool for the next draw.
func (p *pool[T]) finish() {
	for i := p.used; i < p.shown; i++ {
		p.items[i].Hide()
	}
	p.shown, p.used = p.used, 0
}

// layer is one z-level of the objects drawn around the strips. Inside a
// layer rectangles are drawn first, then lines, polygons and text.
type layer struct {
	rects pool[*canvas.Rectangle]
	lines pool[*canvas.Line]
	polys pool[*canvas.Polygon]
	texts pool[*canvas.Text]
}

func newLayer() *layer {
	return &layer{
		rects: pool[*canvas.Rectangle]{make: func() *canvas.Rectangle { return &canvas.Rectangle{} }},
		lines: pool[*canvas.Line]{make: func() *canvas.Line { return &canvas.Line{} }},
		polys: pool[*canvas.Polygon]{make: func() *canvas.Polygon { return &canvas.Polygon{} }},
		texts: pool[*canvas.Text]{make: func() *canvas.Text { return &canvas.Text{} }},
	}
}

// finish ends a draw and reports whether the layer created objects.
func (l *layer) finish() bool {
	l.rects.finish()
	l.lines.finish()
	l.polys.finish()
	l.texts.finish()
	grew := l.rects.grew || l.lines.grew || l.polys.grew || l.texts.grew
	l.rects.grew, l.lines.grew, l.polys.grew, l.texts.grew = false, false, false, false
	return grew
}

// appendObjects adds the layer's objects in z-order.
func (l *layer) appendObjects(objs []fyne.CanvasObject) []fyne.CanvasObject {
	for _, o := range l.rects.items {
		objs = append(objs, o)
	}
	for _, o := range l.lines.items {
		objs = append(objs, o)
	}
	for _, o := range l.polys.items {
		objs = append(objs, o)
	}
	for _, o := range l.texts.items {
		objs = append(objs, o)
	}
	return objs
}

// rect places a square-cornered rectangle, refreshing it only when its look changed.
func (l *layer) rect(x0, y0, x1, y1 float32, fill, stroke color.Color, strokeW float32) {
	l.roundRect(x0, y0, x1, y1, fill, stroke, strokeW, 0)
}

// roundRect places a rectangle with rounded corners.
func (l *layer) roundRect(x0, y0, x1, y1 float32, fill, stroke color.Color, strokeW, radius float32) {
	r := l.rects.take()
	if fill == nil {
		fill = color.Transparent
	}
	if r.FillColor != fill || r.StrokeColor != stroke || r.StrokeWidth != strokeW || r.CornerRadius != radius {
		r.FillColor, r.StrokeColor, r.StrokeWidth, r.CornerRadius = fill, stroke, strokeW, radius
		r.Refresh()
	}
	r.Move(fyne.NewPos(x0, y0))
	r.Resize(fyne.NewSize(x1-x0, y1-y0))
}

// line places a straight line between two points.
func (l *layer) line(x0, y0, x1, y1 float32, c color.Color, w float32) {
	ln := l.lines.take()
	p1, p2 := fyne.NewPos(x0, y0), fyne.NewPos(x1, y1)
	if ln.StrokeColor != c || ln.StrokeWidth != w || ln.Position1 != p1 || ln.Position2 != p2 {
		ln.StrokeColor, ln.StrokeWidth, ln.Position1, ln.Position2 = c, w, p1, p2
		ln.Refresh()
	}
}

// band fills the rectangle [x0, x1) × [y0, y1) with a solid colour, drawn as
// one thick line along its longer side. On software OpenGL the line shader
// costs about half as much per pixel as the rectangle shader, and these
// fills (header, bands, weekends, freezes) are the chart's largest areas.
func (l *layer) band(x0, y0, x1, y1 float32, c color.Color) {
	if x1 <= x0 || y1 <= y0 {
		return
	}
	if x1-x0 >= y1-y0 {
		y := (y0 + y1) / 2
		l.line(x0, y, x1, y, c, y1-y0)
		return
	}
	x := (x0 + x1) / 2
	l.line(x, y0, x, y1, c, x1-x0)
}

// poly places a regular polygon (a diamond or a triangle) centred at x, y.
func (l *layer) poly(x, y, size float32, sides uint, angle float32, fill color.Color) {
	p := l.polys.take()
	if p.FillColor != fill || p.Sides != sides || p.Angle != angle {
		p.FillColor, p.Sides, p.Angle = fill, sides, angle
		p.Refresh()
	}
	p.Move(fyne.NewPos(x-size/2, y-size/2))
	p.Resize(fyne.NewSize(size, size))
}

// text places a single-line label of measured size sz with its top-left at
// x, y; the caller has already made it fit (see renderer.fit).
func (l *layer) text(s string, x, y float32, sz fyne.Size, textSize float32, c color.Color, bold bool) {
	t := l.texts.take()
	style := fyne.TextStyle{Bold: bold}
	if t.Text != s || t.TextSize != textSize || t.Color != c || t.TextStyle != style {
		t.Text, t.TextSize, t.Color, t.TextStyle = s, textSize, c, style
		t.Refresh()
	}
	t.Move(fyne.NewPos(x, y))
	t.Resize(sz)
}
