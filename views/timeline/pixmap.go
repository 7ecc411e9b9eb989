package timeline

import (
	"image"
	"image/color"
	"math"
)

// pixmap draws flat shapes into a premultiplied RGBA image in the widget's
// logical coordinates, snapping them to pixels the way the GL painter does.
// The chart paints its bars and release diamonds with it into cached strips
// instead of hundreds of canvas objects: on software OpenGL every canvas
// object is a draw call, while a cached texture that only moves costs little.
type pixmap struct {
	img    *image.RGBA
	scale  float32 // device pixels per logical unit
	ox, oy float32 // logical coordinates of the image's top-left corner
}

// premul is a colour ready to blend: premultiplied 8-bit channels.
type premul struct{ r, g, b, a uint32 }

// premultiply converts any colour, nil meaning transparent.
func premultiply(c color.Color) premul {
	if c == nil {
		return premul{}
	}
	r, g, b, a := c.RGBA()
	return premul{r >> 8, g >> 8, b >> 8, a >> 8}
}

// clear makes the whole image transparent.
func (p *pixmap) clear() {
	clear(p.img.Pix)
}

// span snaps [v0, v1) to device pixels the way the GL painter snaps a
// rectangle: the start and the length are rounded separately.
func (p *pixmap) span(v0, v1, o float32) (int, int) {
	i0 := int(math.Round(float64((v0 - o) * p.scale)))
	return i0, i0 + int(math.Round(float64((v1-v0)*p.scale)))
}

// fill blends c over the rectangle [x0, x1) × [y0, y1), snapped to device pixels.
func (p *pixmap) fill(x0, y0, x1, y1 float32, c color.Color) {
	ix0, ix1 := p.span(x0, x1, p.ox)
	iy0, iy1 := p.span(y0, y1, p.oy)
	p.fillPixels(ix0, iy0, ix1, iy1, premultiply(c))
}

// fillPixels blends c over a rectangle given in device pixels.
func (p *pixmap) fillPixels(x0, y0, x1, y1 int, c premul) {
	b := p.img.Rect
	x0, y0, x1, y1 = max(x0, b.Min.X), max(y0, b.Min.Y), min(x1, b.Max.X), min(y1, b.Max.Y)
	if x0 >= x1 || y0 >= y1 || c.a == 0 {
		return
	}
	stride := p.img.Stride
	for y := y0; y < y1; y++ {
		row := p.img.Pix[y*stride+x0*4 : y*stride+x1*4]
		if c.a == 0xff {
			for i := 0; i < len(row); i += 4 {
				row[i], row[i+1], row[i+2], row[i+3] = uint8(c.r), uint8(c.g), uint8(c.b), 0xff
			}
			continue
		}
		blendRow(row, c)
	}
}

// blendRow composites c over a run of pixels (Porter-Duff "over", premultiplied).
func blendRow(row []uint8, c premul) {
	k := 255 - c.a
	for i := 0; i < len(row); i += 4 {
		row[i] = uint8(c.r + (uint32(row[i])*k+127)/255)
		row[i+1] = uint8(c.g + (uint32(row[i+1])*k+127)/255)
		row[i+2] = uint8(c.b + (uint32(row[i+2])*k+127)/255)
		row[i+3] = uint8(c.a + (uint32(row[i+3])*k+127)/255)
	}
}

// blendPixel composites c scaled by coverage (0-1) over one device pixel.
func (p *pixmap) blendPixel(x, y int, c premul, coverage float32) {
	if !(image.Point{X: x, Y: y}).In(p.img.Rect) || coverage <= 0 {
		return
	}
	if coverage < 1 {
		f := uint32(coverage*256 + 0.5)
		c = premul{c.r * f >> 8, c.g * f >> 8, c.b * f >> 8, c.a * f >> 8}
	}
	i := p.img.PixOffset(x, y)
	blendRow(p.img.Pix[i:i+4], c)
}

// box draws a rectangle with an optional fill and a stroke of width w inside
// its edges; like the GL rectangle shader, the stroke replaces the fill under it.
func (p *pixmap) box(x0, y0, x1, y1 float32, fill, stroke color.Color, w float32) {
	ix0, ix1 := p.span(x0, x1, p.ox)
	iy0, iy1 := p.span(y0, y1, p.oy)
	sw := 0
	if stroke != nil && w > 0 {
		sw = max(1, int(math.Round(float64(w*p.scale))))
	}
	if sw*2 >= ix1-ix0 || sw*2 >= iy1-iy0 {
		// Too small for an inside: the stroke covers it all.
		if sw > 0 {
			p.fillPixels(ix0, iy0, ix1, iy1, premultiply(stroke))
		} else {
			p.fillPixels(ix0, iy0, ix1, iy1, premultiply(fill))
		}
		return
	}
	p.fillPixels(ix0+sw, iy0+sw, ix1-sw, iy1-sw, premultiply(fill))
	if sw == 0 {
		return
	}
	s := premultiply(stroke)
	p.fillPixels(ix0, iy0, ix1, iy0+sw, s)
	p.fillPixels(ix0, iy1-sw, ix1, iy1, s)
	p.fillPixels(ix0, iy0+sw, ix0+sw, iy1-sw, s)
	p.fillPixels(ix1-sw, iy0+sw, ix1, iy1-sw, s)
}

// hline draws a horizontal line centred on y. As in the GL painter a line of
// width 1 on a whole y fills the pixel row just above it.
func (p *pixmap) hline(x0, x1, y float32, c color.Color, w float32) {
	half := w / 2
	if w <= 1 {
		y -= 0.5
	}
	p.fill(x0, y-half, x1, y+half, c)
}

// diamond draws a filled square standing on a corner, centred at (x, y) with
// the given width, with a one-pixel soft edge like the GL polygon shader.
func (p *pixmap) diamond(x, y, size float32, c color.Color) {
	pc := premultiply(c)
	cx, cy := (x-p.ox)*p.scale, (y-p.oy)*p.scale
	r := size / 2 * p.scale
	for py := int(cy - r - 1); py <= int(cy+r+1); py++ {
		for px := int(cx - r - 1); px <= int(cx+r+1); px++ {
			dx, dy := abs32(float32(px)+0.5-cx), abs32(float32(py)+0.5-cy)
			// Signed distance to the nearest edge of the diamond.
			d := (dx + dy - r) / math.Sqrt2
			p.blendPixel(px, py, pc, min(1, 0.5-d))
		}
	}
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}
