package reports

import (
	"context"
	"fmt"
	"image/color"
	"io"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"releasedesk/data"
)

// The review Summary on one landscape page, for the meeting's screen or
// handout: the same facts, verdict, narrative and findings as the
// workbook's Summary sheet (they come from the same functions), set so
// that they always fit one page; what does not fit says so and points to
// the workbook.

// ReviewPDFFileName suggests a file name for the review summary of r.
func ReviewPDFFileName(r data.Release) string {
	return safeFileName(r.Name()+" review summary") + ".pdf"
}

// ExportReviewPDF writes the one-page review Summary of release id to path
// as a PDF set in fonts, replacing path only once complete.
func ExportReviewPDF(ctx context.Context, src ReviewSource, releaseID uint, path string, fonts PDFFonts, opts Options) error {
	if err := CheckOutput(path, databaseOf(src)...); err != nil {
		return err
	}
	d, err := src.ReviewData(ctx, releaseID)
	if err != nil {
		return err
	}
	return writeAtomically(ctx, src, path, func(w io.Writer) error {
		return WriteReviewPDF(w, d, fonts, opts)
	})
}

// WriteReviewPDF writes the one-page review Summary of d to w.
func WriteReviewPDF(w io.Writer, d data.ReviewData, fonts PDFFonts, opts Options) error {
	b := &reviewBook{sheetWriter: sheetWriter{loc: opts.location()}, d: d, name: d.Release.Name(), now: opts.now()}
	pdf, err := newPDF(fonts, b.name+" — post-release review", "Post-release review of "+b.name, b.now)
	if err != nil {
		return err
	}
	pdf.AddPage()
	s := &summaryPage{pdf: pdf, y: pageMargin, bottom: pageH - pageMargin - 6}
	s.heading(b)
	s.verdict(b)
	s.blocks("Release", b.releaseFacts(), "Schedule", b.scheduleFacts(), opts.location())
	s.blocks("Deployments", b.outcomeFacts(), "Quality and sign-off", b.qualityFacts(), opts.location())
	s.narrative(b)
	s.findings(b)
	s.footer(b)
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("write review summary: %w", err)
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("write review summary: %w", err)
	}
	return nil
}

// summaryPage sets the Summary down the page from y, never past bottom.
type summaryPage struct {
	pdf    *fpdf.Fpdf
	y      float64
	bottom float64
	cut    bool // something did not fit
}

// Typography of the review summary, in points.
const (
	summaryTitlePt = 18
	summaryBodyPt  = 9
	summaryHeadPt  = 11
	summaryLineMM  = 4.4
)

func (s *summaryPage) heading(b *reviewBook) {
	title, sub := b.heading()
	s.pdf.SetFont(pdfFamily, "B", summaryTitlePt)
	textColor(s.pdf, inkText)
	s.y += pointsToMM(summaryTitlePt)
	s.pdf.Text(pageMargin, s.y, fitText(s.pdf, title, pageW-2*pageMargin))
	s.pdf.SetFont(pdfFamily, "", 10)
	textColor(s.pdf, inkMuted)
	s.y += 6
	s.pdf.Text(pageMargin, s.y, fitText(s.pdf, sub, pageW-2*pageMargin))
	s.y += 4
}

// verdict sets the review's verdict as a coloured band across the page.
func (s *summaryPage) verdict(b *reviewBook) {
	text, sw := "No review recorded yet", swatchIdle
	if rv := b.d.Review; rv != nil {
		text = rv.Verdict.Label()
		sw = map[data.Verdict]swatch{data.VerdictSuccessful: swatchGood, data.VerdictWithIssues: swatchCaution, data.VerdictUnsuccessful: swatchBad}[rv.Verdict]
	}
	const h = 9.0
	fillColor(s.pdf, hexColor(sw.fill))
	s.pdf.Rect(pageMargin, s.y, pageW-2*pageMargin, h, "F")
	s.pdf.SetFont(pdfFamily, "B", 13)
	textColor(s.pdf, hexColor(sw.font))
	s.pdf.Text(pageMargin+3, s.y+h/2+pointsToMM(13)*0.35, "Verdict: "+text)
	s.y += h + 4
}

// blocks sets two blocks of facts side by side.
func (s *summaryPage) blocks(leftTitle string, left []fact, rightTitle string, right []fact, loc *time.Location) {
	colW := (pageW - 2*pageMargin - 8) / 2
	top := s.y
	end := top
	for i, block := range []struct {
		title string
		facts []fact
	}{{leftTitle, left}, {rightTitle, right}} {
		x := pageMargin + float64(i)*(colW+8)
		y := s.section(x, top, colW, block.title)
		for _, f := range block.facts {
			s.pdf.SetFont(pdfFamily, "", summaryBodyPt)
			textColor(s.pdf, inkMuted)
			s.pdf.Text(x, y+summaryLineMM*0.75, f.label)
			value := fitText(s.pdf, factText(f, loc), colW-42-2)
			if f.swatch != nil {
				fillColor(s.pdf, hexColor(f.swatch.fill))
				s.pdf.Rect(x+41, y, s.pdf.GetStringWidth(value)+2, summaryLineMM, "F")
				textColor(s.pdf, hexColor(f.swatch.font))
			} else {
				textColor(s.pdf, inkText)
			}
			s.pdf.Text(x+42, y+summaryLineMM*0.75, value)
			y += summaryLineMM
		}
		end = max(end, y)
	}
	s.y = end + 3
}

// section writes a block's title with a rule under it and returns the y below.
func (s *summaryPage) section(x, y, w float64, title string) float64 {
	s.pdf.SetFont(pdfFamily, "B", summaryHeadPt)
	textColor(s.pdf, inkText)
	s.pdf.Text(x, y+pointsToMM(summaryHeadPt)*0.8, title)
	y += pointsToMM(summaryHeadPt) + 1
	s.pdf.SetDrawColor(int(inkRule.R), int(inkRule.G), int(inkRule.B))
	s.pdf.SetLineWidth(0.3)
	s.pdf.Line(x, y, x+w, y)
	return y + 1
}

// line writes one line of body text at x if it still fits above the
// bottom, and reports whether it did.
func (s *summaryPage) line(x float64, text string, c color.NRGBA, bold bool) bool {
	if s.y+summaryLineMM > s.bottom {
		s.cut = true
		return false
	}
	style := ""
	if bold {
		style = "B"
	}
	s.pdf.SetFont(pdfFamily, style, summaryBodyPt)
	textColor(s.pdf, c)
	s.pdf.Text(x, s.y+summaryLineMM*0.75, text)
	return true
}

// narrative sets what the review said, each text wrapped beside its label.
func (s *summaryPage) narrative(b *reviewBook) {
	s.y = s.section(pageMargin, s.y, pageW-2*pageMargin, "What the review found")
	rv := b.d.Review
	if rv == nil {
		s.line(pageMargin, "No post-release review has been recorded for this release yet.", inkMuted, false)
		s.y += summaryLineMM + 2
		return
	}
	width := pageW - 2*pageMargin - 42
	for _, part := range []struct{ label, text string }{
		{"Summary", rv.Summary}, {"What went well", rv.WentWell}, {"What went badly", rv.WentBadly}, {"Lessons learned", rv.Lessons},
	} {
		text := strings.TrimSpace(strings.ReplaceAll(part.text, "\r\n", "\n"))
		if text == "" {
			text = "—"
		}
		if !s.line(pageMargin, part.label, inkMuted, false) {
			return
		}
		s.pdf.SetFont(pdfFamily, "", summaryBodyPt)
		for _, para := range strings.Split(text, "\n") {
			for _, l := range s.pdf.SplitText(para, width) {
				if !s.line(pageMargin+42, l, inkText, false) {
					return
				}
				s.y += summaryLineMM
			}
		}
		s.y += 1.5
	}
	s.y += 2
}

// findings sets the rule book's findings about the release, as many as fit.
func (s *summaryPage) findings(b *reviewBook) {
	if s.y+pointsToMM(summaryHeadPt)+2+summaryLineMM > s.bottom {
		s.cut = true
		return
	}
	s.y = s.section(pageMargin, s.y, pageW-2*pageMargin, "What the rules found")
	if len(b.d.Findings) == 0 {
		s.line(pageMargin, "Nothing found for "+b.name+": no conflict, no broken data, no go taken against the readiness rules.", inkMuted, false)
		return
	}
	width := pageW - 2*pageMargin - 42
	for i, f := range b.d.Findings {
		if s.y+2*summaryLineMM > s.bottom { // room for one more line and the note: the note
			s.line(pageMargin, fmt.Sprintf("… and %d more findings", len(b.d.Findings)-i), inkMuted, false)
			s.cut = true
			return
		}
		s.line(pageMargin, data.KindLabel(f.Kind), inkMuted, false)
		s.pdf.SetFont(pdfFamily, "", summaryBodyPt)
		for _, l := range s.pdf.SplitText(f.Message, width) {
			if !s.line(pageMargin+42, l, inkText, false) {
				return
			}
			s.y += summaryLineMM
		}
	}
}

// footer says where the page comes from and, when something did not fit, where the rest is.
func (s *summaryPage) footer(b *reviewBook) {
	s.pdf.SetFont(pdfFamily, "", 7.5)
	textColor(s.pdf, inkMuted)
	text := "Release Desk · " + b.name + " · generated " + b.now.In(b.loc).Format("2 Jan 2006 15:04")
	if s.cut {
		text += " · more than fits this page: the review workbook has it all"
	}
	s.pdf.Text(pageMargin, pageH-pageMargin, text)
}

// factText writes a Summary fact's value as the workbook shows it.
func factText(f fact, loc *time.Location) string {
	switch v := f.value.(type) {
	case string:
		return v
	case int:
		if f.format == fmtSignedDays {
			switch {
			case v == 0:
				return "on time"
			case v == 1 || v == -1:
				return fmt.Sprintf("%+d day", v)
			}
			return fmt.Sprintf("%+d days", v)
		}
		return thousands(v)
	case float64:
		if f.format == fmtPercent {
			return strconv.FormatFloat(v*100, 'f', 1, 64) + "%"
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	case data.Date:
		return v.Time(time.UTC).Format("2 Jan 2006")
	case time.Time:
		return v.In(loc).Format("2 Jan 2006 15:04")
	}
	return fmt.Sprint(f.value)
}
