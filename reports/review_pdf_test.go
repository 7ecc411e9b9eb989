package reports

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"releasedesk/data"
)

// writeReviewPDF writes the review summary of d to a temporary file and returns its path.
func writeReviewPDF(t *testing.T, d data.ReviewData) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteReviewPDF(&buf, d, testFonts(), reportOptions()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "review.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReviewPDFIsTheSummaryOnOnePage(t *testing.T) {
	path := writeReviewPDF(t, reviewFixture())
	info := pdfInfo(t, path)
	if info["Pages"] != "1" || info["Page size"] != "841.89 x 595.28 pts (A4)" {
		t.Errorf("pdfinfo: %s pages of %q, want one landscape A4 page", info["Pages"], info["Page size"])
	}
	text := strings.Join(strings.Fields(pdfText(t, path, 0)), " ")
	for _, want := range []string{
		`Payments 2.4.0 — =HYPERLINK("http://evil") checkout redesign`, // user text as text
		"Post-release review held on 14 May 2026, facilitated by Omar Haddad.",
		"Verdict:", "Release", "Schedule", "Deployments", "Quality and sign-off",
		"Owner Dana Whitfield", "Change reference CHG-20931",
		"Code freeze 1 May 2026", "Planned release 8 May 2026", "Actual release 11 May 2026", "Slip +3 days",
		"What the review found", "conversion is up 2.1%", "What the rules found",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the summary lacks %q:\n%s", want, text)
		}
	}
}

func TestReviewPDFStaysOnOnePageWhateverItHolds(t *testing.T) {
	d := reviewFixture()
	long := strings.Repeat("The rollout waited on a vendor window and the rollback rehearsal found a gap in the runbook. ", 40)
	d.Review.Summary, d.Review.WentWell, d.Review.WentBadly, d.Review.Lessons = long, long, long, long
	for i := range 60 {
		d.Findings = append(d.Findings, data.Finding{Kind: data.FindingOverlap, Message: fmt.Sprintf("Finding number %d about an overlap on Staging", i)})
	}
	path := writeReviewPDF(t, d)
	if pages := pdfInfo(t, path)["Pages"]; pages != "1" {
		t.Fatalf("%s pages, want one", pages)
	}
	text := pdfText(t, path, 0)
	if !strings.Contains(text, "the review workbook has it all") {
		t.Errorf("a summary cut short does not say where the rest is:\n%s", text)
	}

	// Without a review and without findings it says so.
	d = reviewFixture()
	d.Review, d.Findings = nil, nil
	text = strings.Join(strings.Fields(pdfText(t, writeReviewPDF(t, d), 0)), " ")
	for _, want := range []string{"none has been recorded for this release yet", "No review recorded yet", "Nothing found for Payments 2.4.0"} {
		if !strings.Contains(text, want) {
			t.Errorf("a release without a review: the summary lacks %q:\n%s", want, text)
		}
	}
}

func TestReviewPDFExportIsGuardedAndAtomic(t *testing.T) {
	s, _ := demoStore(t, 6)
	ctx := context.Background()
	release := rolledBackRelease(t, s)
	if db := s.Path(); !onServer() {
		if err := ExportReviewPDF(ctx, s, release, db, testFonts(), Options{}); !errors.Is(err, ErrOutputIsDatabase) {
			t.Errorf("onto the database: %v", err)
		}
	}
	out := filepath.Join(t.TempDir(), "summary.pdf")
	if err := ExportReviewPDF(ctx, s, release, out, PDFFonts{}, Options{}); err == nil {
		t.Error("a PDF without fonts was written")
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Error("a failed export left a file")
	}
	assertNoScratch(t, filepath.Dir(out))
	if err := ExportReviewPDF(ctx, s, release, out, testFonts(), Options{}); err != nil {
		t.Fatal(err)
	}
	if pages := pdfInfo(t, out)["Pages"]; pages != "1" {
		t.Errorf("%s pages", pages)
	}
}
