package timeline

import (
	"image/color"
	"math"
)

// The shapes below serve the arrows' heads, the legend's marks and the
// picture of the whole chart (offscreen.go), which paints the canvas
// objects the view is made of: rounded rectangles, lines at any angle and
// regular polygons, each with soft edges like the painter's.

// supersample is how many samples a pixel edge is split into for coverage.
const supersample = 4

// coverage paints c over the device pixels of the logical box [x0, x1) ×
// [y0, y1), each pixel weighted by the share of its samples inside reports.
func (p *pixmap) coverage(x0, y0, x1, y1 float32, c color.Color, inside func(x, y float32) bool) {
	pc := premultiply(c)
	if pc.a == 0 {
		return
	}
	px0, py0 := int(math.Floor(float64((x0-p.ox)*p.scale))), int(math.Floor(float64((y0-p.oy)*p.scale)))
	px1, py1 := int(math.Ceil(float64((x1-p.ox)*p.scale))), int(math.Ceil(float64((y1-p.oy)*p.scale)))
	b := p.img.Rect
	px0, py0, px1, py1 = max(px0, b.Min.X), max(py0, b.Min.Y), min(px1, b.Max.X), min(py1, b.Max.Y)
	const n = supersample
	step := 1 / (float32(n) * p.scale)
	for py := py0; py < py1; py++ {
		for px := px0; px < px1; px++ {
			// Sample centres in logical coordinates.
			lx, ly := float32(px)/p.scale+p.ox+step/2, float32(py)/p.scale+p.oy+step/2
			hits := 0
			for sy := range n {
				for sx := range n {
					if inside(lx+float32(sx)*step, ly+float32(sy)*step) {
						hits++
					}
				}
			}
			if hits > 0 {
				p.blendPixel(px, py, pc, float32(hits)/float32(n*n))
			}
		}
	}
}

// polygon fills a convex polygon given in logical coordinates, in either winding.
func (p *pixmap) polygon(pts []point, c color.Color) {
	if len(pts) < 3 {
		return
	}
	x0, y0, x1, y1 := pts[0].x, pts[0].y, pts[0].x, pts[0].y
	for _, q := range pts[1:] {
		x0, y0, x1, y1 = min(x0, q.x), min(y0, q.y), max(x1, q.x), max(y1, q.y)
	}
	p.coverage(x0, y0, x1, y1, c, func(x, y float32) bool { return insideConvex(pts, x, y) })
}

// insideConvex reports whether (x, y) is inside a convex polygon.
func insideConvex(pts []point, x, y float32) bool {
	sign := 0
	for i := range pts {
		a, b := pts[i], pts[(i+1)%len(pts)]
		cross := (b.x-a.x)*(y-a.y) - (b.y-a.y)*(x-a.x)
		switch {
		case cross > 0 && sign < 0, cross < 0 && sign > 0:
			return false
		case cross > 0:
			sign = 1
		case cross < 0:
			sign = -1
		}
	}
	return true
}

// regularPolygon returns the corners of a regular polygon centred at
// (cx, cy): the first at the top, turned clockwise by angle degrees, as a
// canvas.Polygon places them.
func regularPolygon(cx, cy, radius float32, sides uint, angle float32) []point {
	pts := make([]point, sides)
	rot := float64(angle)*math.Pi/180 - math.Pi/2
	for i := range pts {
		t := rot + 2*math.Pi*float64(i)/float64(sides)
		pts[i] = point{cx + radius*float32(math.Cos(t)), cy + radius*float32(math.Sin(t))}
	}
	return pts
}

// roundBox fills a rectangle with rounded corners of the given radius.
func (p *pixmap) roundBox(x0, y0, x1, y1, radius float32, c color.Color) {
	radius = min(radius, (x1-x0)/2, (y1-y0)/2)
	if radius <= 0 {
		p.fill(x0, y0, x1, y1, c)
		return
	}
	p.coverage(x0, y0, x1, y1, c, func(x, y float32) bool {
		dx := max(x0+radius-x, 0, x-(x1-radius))
		dy := max(y0+radius-y, 0, y-(y1-radius))
		return dx*dx+dy*dy <= radius*radius && x >= x0 && x < x1 && y >= y0 && y < y1
	})
}

// segment strokes a line of width w between two points: a horizontal or
// vertical one snapped to pixels as the painter does, others with soft edges.
func (p *pixmap) segment(a, b point, w float32, c color.Color) {
	switch {
	case a.y == b.y:
		p.hline(min(a.x, b.x), max(a.x, b.x), a.y, c, w)
	case a.x == b.x:
		p.vline(a.x, min(a.y, b.y), max(a.y, b.y), c, w)
	default:
		half := w / 2
		dx, dy := b.x-a.x, b.y-a.y
		length2 := dx*dx + dy*dy
		p.coverage(min(a.x, b.x)-half, min(a.y, b.y)-half, max(a.x, b.x)+half, max(a.y, b.y)+half, c, func(x, y float32) bool {
			t := min(max(((x-a.x)*dx+(y-a.y)*dy)/length2, 0), 1)
			ex, ey := a.x+t*dx-x, a.y+t*dy-y
			return ex*ex+ey*ey <= half*half
		})
	}
}

// vline draws a vertical line centred on x; as with hline, a line of width
// 1 on a whole x fills the pixel column just left of it.
func (p *pixmap) vline(x, y0, y1 float32, c color.Color, w float32) {
	half := w / 2
	if w <= 1 {
		x -= 0.5
	}
	p.fill(x-half, y0, x+half, y1, c)
}

// over composites top over bottom and returns an opaque colour, for marks
// whose overlapping parts must not darken where they meet.
func over(t color.NRGBA, bottom color.Color) color.NRGBA {
	b := color.NRGBAModel.Convert(bottom).(color.NRGBA)
	a := float64(t.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{R: mix(t.R, b.R), G: mix(t.G, b.G), B: mix(t.B, b.B), A: 0xff}
}
