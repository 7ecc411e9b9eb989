package reports

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"strconv"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// PDFFonts are the regular and bold TrueType fonts a PDF is set in. The
// window passes its theme's fonts, so a printout reads like the screen;
// the fonts are embedded (only the characters used), so any reader shows
// the same text, in any script the fonts cover.
type PDFFonts struct{ Regular, Bold []byte }

// pdfFamily is the name the embedded fonts go by inside a document.
const pdfFamily = "body"

// A4 landscape, in millimetres, with the margin every page keeps.
const (
	pageW      = 297.0
	pageH      = 210.0
	pageMargin = 10.0
)

// newPDF starts a landscape A4 document set in fonts, with its title and
// creation time in its properties (a fixed time makes the file repeatable).
func newPDF(fonts PDFFonts, title, subject string, created time.Time) (*fpdf.Fpdf, error) {
	if len(fonts.Regular) == 0 || len(fonts.Bold) == 0 {
		return nil, errors.New("no fonts to set the PDF in")
	}
	pdf := fpdf.New("L", "mm", "A4", "")
	pdf.SetMargins(pageMargin, pageMargin, pageMargin)
	pdf.SetAutoPageBreak(false, 0)
	pdf.AddUTF8FontFromBytes(pdfFamily, "", fonts.Regular)
	pdf.AddUTF8FontFromBytes(pdfFamily, "B", fonts.Bold)
	pdf.SetTitle(title, true)
	pdf.SetSubject(subject, true)
	pdf.SetCreator("Release Desk", true)
	pdf.SetProducer("Release Desk", true)
	if !created.IsZero() {
		pdf.SetCreationDate(created)
		pdf.SetModificationDate(created)
	}
	pdf.SetCompression(true)
	return pdf, pdf.Error()
}

// textColor sets the colour of the text that follows.
func textColor(pdf *fpdf.Fpdf, c color.NRGBA) { pdf.SetTextColor(int(c.R), int(c.G), int(c.B)) }

// fillColor sets the colour rectangles are filled with.
func fillColor(pdf *fpdf.Fpdf, c color.NRGBA) { pdf.SetFillColor(int(c.R), int(c.G), int(c.B)) }

// Colours of printed text: near black for what is read, grey for what frames it.
var (
	inkText  = color.NRGBA{R: 0x21, G: 0x21, B: 0x21, A: 0xff}
	inkMuted = color.NRGBA{R: 0x61, G: 0x61, B: 0x61, A: 0xff}
	inkRule  = color.NRGBA{R: 0xbd, G: 0xbd, B: 0xbd, A: 0xff}
)

// pointsToMM converts a font size in points to millimetres of line height.
func pointsToMM(pt float64) float64 { return pt * 25.4 / 72 }

// fitText shortens s with an ellipsis until it is at most w wide in the current font.
func fitText(pdf *fpdf.Fpdf, s string, w float64) string {
	if pdf.GetStringWidth(s) <= w {
		return s
	}
	runes := []rune(s)
	for n := len(runes) - 1; n > 0; n-- {
		if t := string(runes[:n]) + "…"; pdf.GetStringWidth(t) <= w {
			return t
		}
	}
	return ""
}

// registerImage adds img to the document under name, as a PNG.
func registerImage(pdf *fpdf.Fpdf, name string, img image.Image) error {
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
		return err
	}
	pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, &buf)
	return pdf.Error()
}

// hexColor reads an RRGGBB colour as the workbook's swatches write them.
func hexColor(s string) color.NRGBA {
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return inkText
	}
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}
