package reports

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// The timeline picture is drawn by the window's own chart (views/timeline)
// and only written here, through the same atomic writer and guard as every
// other export: a PNG of one image, or a PDF whose pages each hold an image
// of part of the chart under its repeated time axis, with the title, page
// number and legend set as text around it.

// WriteTimelinePNG writes img as a PNG file at path, replacing it only
// once complete; src is the database it was drawn from, which the file may
// never replace (see CheckOutput).
func WriteTimelinePNG(ctx context.Context, src any, path string, img image.Image) error {
	return writeAtomically(ctx, src, path, func(w io.Writer) error {
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		if err := enc.Encode(w, img); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	})
}

// TimelinePDF is a timeline over landscape A4 pages: a header with the
// title, subtitle and page number, the image of the page's part of the
// chart (its time axis on top), and the legend along the foot. Every
// release on a page is also set as invisible text over its label, so the
// document can be searched and its text copied.
type TimelinePDF struct {
	Title, Subtitle string
	Legend          []TimelineLegendEntry
	// ImageWidth is the logical width of every page image, the unit
	// ChartHeight, line positions and swatch sizes are given in.
	ImageWidth float64
	// Pages is how many pages there are; Page draws page i (from 0) when it is written.
	Pages int
	Page  func(i int) (TimelinePage, error)
	Fonts PDFFonts
	// Created is the document's creation time; zero leaves it to the writer's clock.
	Created time.Time
}

// TimelineLegendEntry is one entry of the legend: a mark as the chart draws it, and its meaning.
type TimelineLegendEntry struct {
	Swatch        image.Image
	Width, Height float64 // the swatch's logical size
	Label         string
}

// TimelinePage is the part of the chart one page shows.
type TimelinePage struct {
	Image  image.Image
	Height float64 // logical
	Lines  []TimelineLine
	// Continues names the product whose releases run on from the page before.
	Continues string
}

// TimelineLine is one line of the chart on a page: its top and height,
// logically, and what its label says.
type TimelineLine struct {
	Y, Height float64
	Text      string
}

// Typography of the timeline's pages, in points.
const (
	timelineTitlePt  = 15
	timelineSubPt    = 9
	timelineLegendPt = 8
)

// timelineLayout is where the parts of a page go, in millimetres.
type timelineLayout struct {
	scale     float64 // millimetres per logical unit of the images
	chartTop  float64
	chartMax  float64 // the most height an image may take
	legendTop float64
}

// layout works out a page's parts for d's legend, measured in its fonts.
func (d *TimelinePDF) layout(pdf *fpdf.Fpdf) timelineLayout {
	l := timelineLayout{scale: (pageW - 2*pageMargin) / d.ImageWidth}
	l.chartTop = pageMargin + pointsToMM(timelineTitlePt)*1.25 + pointsToMM(timelineSubPt)*1.4 + 3
	rows := len(d.legendRows(pdf, l.scale))
	l.legendTop = pageH - pageMargin - float64(rows)*legendRowMM
	l.chartMax = l.legendTop - 3 - l.chartTop
	return l
}

// legendRowMM is the height of one row of the legend.
const legendRowMM = 4.6

// legendRows lays the legend out in rows across the page, as x positions.
func (d *TimelinePDF) legendRows(pdf *fpdf.Fpdf, scale float64) [][]float64 {
	pdf.SetFont(pdfFamily, "", timelineLegendPt)
	var rows [][]float64
	x := math.Inf(1)
	for _, e := range d.Legend {
		w := e.Width*scale + 1.5 + pdf.GetStringWidth(e.Label)
		if x+w > pageW-pageMargin {
			rows, x = append(rows, nil), pageMargin
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], x)
		x += w + 5
	}
	return rows
}

// ChartHeight is the logical height a page's image may take: the page less
// its margins, header and legend. Draw the pages no taller than this.
func (d *TimelinePDF) ChartHeight() (float64, error) {
	pdf, err := newPDF(d.Fonts, d.Title, "", d.Created)
	if err != nil {
		return 0, err
	}
	if d.ImageWidth <= 0 {
		return 0, fmt.Errorf("the pages have no width")
	}
	l := d.layout(pdf)
	return l.chartMax / l.scale, pdf.Error()
}

// WriteTimelinePDF writes d at path, drawing and placing its pages one at
// a time, and replaces path only once the document is complete; src is
// the database the timeline was drawn from (see CheckOutput).
func WriteTimelinePDF(ctx context.Context, src any, path string, d *TimelinePDF) error {
	if d.Pages <= 0 || d.Page == nil || d.ImageWidth <= 0 {
		return fmt.Errorf("write %s: the timeline has no pages", path)
	}
	// Refused before the pages are drawn, not only before they are written.
	if err := CheckOutput(path, databaseOf(src)...); err != nil {
		return err
	}
	pdf, err := newPDF(d.Fonts, d.Title, d.Subtitle, d.Created)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	l := d.layout(pdf)
	for i, e := range d.Legend {
		if err := registerImage(pdf, fmt.Sprintf("legend-%d", i), e.Swatch); err != nil {
			return fmt.Errorf("write %s: legend %q: %w", path, e.Label, err)
		}
	}
	for i := range d.Pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		page, err := d.Page(i)
		if err != nil {
			return fmt.Errorf("write %s: page %d: %w", path, i+1, err)
		}
		if err := d.writePage(pdf, l, i, page); err != nil {
			return fmt.Errorf("write %s: page %d: %w", path, i+1, err)
		}
	}
	return writeAtomically(ctx, src, path, func(w io.Writer) error {
		if err := pdf.Output(w); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	})
}

// writePage adds page i: header, chart image, the invisible line texts and the legend.
func (d *TimelinePDF) writePage(pdf *fpdf.Fpdf, l timelineLayout, i int, page TimelinePage) error {
	pdf.AddPage()
	right := pageW - pageMargin
	// Header: title and page number, then the subtitle and what continues.
	y := pageMargin + pointsToMM(timelineTitlePt)
	pdf.SetFont(pdfFamily, "B", timelineTitlePt)
	textColor(pdf, inkText)
	pdf.Text(pageMargin, y, d.Title)
	pdf.SetFont(pdfFamily, "", timelineSubPt)
	textColor(pdf, inkMuted)
	number := fmt.Sprintf("Page %d of %d", i+1, d.Pages)
	pdf.Text(right-pdf.GetStringWidth(number), y, number)
	y += pointsToMM(timelineSubPt) * 1.4
	cont := ""
	if page.Continues != "" {
		cont = page.Continues + " continued"
		pdf.Text(right-pdf.GetStringWidth(cont), y, cont)
	}
	pdf.Text(pageMargin, y, fitText(pdf, d.Subtitle, right-pageMargin-pdf.GetStringWidth(cont)-6))

	// The chart, scaled to the page's width.
	name := fmt.Sprintf("page-%d", i)
	if err := registerImage(pdf, name, page.Image); err != nil {
		return err
	}
	h := page.Height * l.scale
	pdf.ImageOptions(name, pageMargin, l.chartTop, pageW-2*pageMargin, h, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	pdf.SetDrawColor(int(inkRule.R), int(inkRule.G), int(inkRule.B))
	pdf.SetLineWidth(0.2)
	pdf.Rect(pageMargin, l.chartTop, pageW-2*pageMargin, h, "D")

	// Each line's words over its label, invisible: found by search, copied as text.
	pdf.SetTextRenderingMode(3)
	for _, line := range page.Lines {
		size := line.Height * l.scale * 0.45 / pointsToMM(1)
		pdf.SetFont(pdfFamily, "", size)
		pdf.Text(pageMargin+1.5, l.chartTop+(line.Y+line.Height*0.68)*l.scale, line.Text)
	}
	pdf.SetTextRenderingMode(0)

	d.writeLegend(pdf, l)
	return pdf.Error()
}

// writeLegend sets the legend along the foot of the page.
func (d *TimelinePDF) writeLegend(pdf *fpdf.Fpdf, l timelineLayout) {
	rows := d.legendRows(pdf, l.scale)
	textColor(pdf, inkText)
	k := 0
	for r, xs := range rows {
		top := l.legendTop + float64(r)*legendRowMM
		for _, x := range xs {
			e := d.Legend[k]
			w, h := e.Width*l.scale, e.Height*l.scale
			pdf.ImageOptions(fmt.Sprintf("legend-%d", k), x, top+(legendRowMM-h)/2-0.6, w, h, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
			pdf.Text(x+w+1.5, top+legendRowMM/2+pointsToMM(timelineLegendPt)*0.3, e.Label)
			k++
		}
	}
}
