package reports

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// The picture files are read back with readers we did not write:
// poppler's pdfinfo, pdftotext and pdftoppm for the PDFs, and a PNG
// reader on Python's zlib (testdata/readers/read_png.py) for the PNGs.

// testFonts are the Go fonts: the PDFs are set in whatever fonts they get.
func testFonts() PDFFonts { return PDFFonts{Regular: goregular.TTF, Bold: gobold.TTF} }

// Colours of the made-up pages: a block per line, so a page shows where it is placed.
var (
	pageBackground = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	pageBlock      = color.NRGBA{R: 0xe5, G: 0x39, B: 0x35, A: 0xff}
)

// fakeTimeline is a timeline of n pages of lines lines each, drawn as an
// image 1280 wide with a red block on each line; page i's lines say
// "Product i release k".
func fakeTimeline(pages, lines int) *TimelinePDF {
	swatch := image.NewRGBA(image.Rect(0, 0, 48, 24))
	draw.Draw(swatch, swatch.Rect, image.NewUniform(pageBlock), image.Point{}, draw.Src)
	d := &TimelinePDF{Title: "Release timeline", Subtitle: "1 March – 31 May 2027 · all products",
		ImageWidth: 1280, Pages: pages, Fonts: testFonts(), Created: reportNow,
		Legend: []TimelineLegendEntry{{Swatch: swatch, Width: 24, Height: 12, Label: "Dev"}, {Swatch: swatch, Width: 24, Height: 12, Label: "Conflict"}}}
	d.Page = func(i int) (TimelinePage, error) {
		const lineH, top = 28.0, 60.0
		h := top + lineH*float64(lines)
		img := image.NewRGBA(image.Rect(0, 0, 1280*2, int(h*2)))
		draw.Draw(img, img.Rect, image.NewUniform(pageBackground), image.Point{}, draw.Src)
		p := TimelinePage{Image: img, Height: h}
		if i > 0 {
			p.Continues = fmt.Sprintf("Product %d", i-1)
		}
		for k := range lines {
			y := top + lineH*float64(k)
			draw.Draw(img, image.Rect(2*400, int(2*y)+10, 2*800, int(2*(y+lineH))-10), image.NewUniform(pageBlock), image.Point{}, draw.Src)
			p.Lines = append(p.Lines, TimelineLine{Y: y, Height: lineH, Text: fmt.Sprintf("Product %d release %d", i, k)})
		}
		return p, nil
	}
	return d
}

// popplerTool finds a poppler program, or skips (fails in CI) without it.
func popplerTool(t *testing.T, name string) string {
	return needTool(t, name, "apt-get install poppler-utils; make deps installs it")
}

// pdfInfo runs pdfinfo and returns its fields.
func pdfInfo(t *testing.T, path string) map[string]string {
	t.Helper()
	out, err := exec.Command(popplerTool(t, "pdfinfo"), path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, out)
	}
	info := map[string]string{}
	for _, l := range strings.Split(string(out), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok {
			info[k] = strings.TrimSpace(v)
		}
	}
	return info
}

// pdfText returns the text of page (from 1) as pdftotext reads it; 0 for every page.
func pdfText(t *testing.T, path string, page int) string {
	t.Helper()
	args := []string{"-layout"}
	if page > 0 {
		args = append(args, "-f", fmt.Sprint(page), "-l", fmt.Sprint(page))
	}
	out, err := exec.Command(popplerTool(t, "pdftotext"), append(args, path, "-")...).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out)
}

// PNGSeen is a PNG as the independent reader saw it.
type PNGSeen struct {
	Width, Height int
	Colours       int
	Pixels        [][4]int
}

// ReadPNG reads a PNG with testdata/readers/read_png.py, with the colours of the pixels asked for.
func ReadPNG(t testing.TB, readers, path string, at ...image.Point) PNGSeen {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("python3 is not installed: make deps installs it")
		}
		t.Skip("python3 is not installed; skipping the independent PNG reader")
	}
	args := []string{filepath.Join(readers, "read_png.py"), path}
	for _, p := range at {
		args = append(args, fmt.Sprintf("%d,%d", p.X, p.Y))
	}
	out, err := exec.Command(python, args...).Output()
	if err != nil {
		t.Fatalf("read_png.py %s: %v", path, err)
	}
	var seen PNGSeen
	if err := json.Unmarshal(out, &seen); err != nil {
		t.Fatalf("read_png.py said %s: %v", out, err)
	}
	return seen
}

func TestTimelinePDFIsLandscapeA4WithItsTextOnEachPage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "timeline.pdf")
	d := fakeTimeline(3, 8)
	if err := WriteTimelinePDF(context.Background(), nil, path, d); err != nil {
		t.Fatal(err)
	}
	info := pdfInfo(t, path)
	if info["Pages"] != "3" || info["Page size"] != "841.89 x 595.28 pts (A4)" || info["Page rot"] != "0" {
		t.Errorf("pdfinfo: %s pages of %q turned %q, want 3 landscape A4 pages", info["Pages"], info["Page size"], info["Page rot"])
	}
	if info["Title"] != "Release timeline" || info["Creator"] != "Release Desk" {
		t.Errorf("properties: title %q, creator %q", info["Title"], info["Creator"])
	}
	for page := 1; page <= 3; page++ {
		text := pdfText(t, path, page)
		for _, want := range []string{"Release timeline", "1 March – 31 May 2027 · all products", fmt.Sprintf("Page %d of 3", page),
			fmt.Sprintf("Product %d release 0", page-1), fmt.Sprintf("Product %d release 7", page-1), "Dev", "Conflict"} {
			if !strings.Contains(text, want) {
				t.Errorf("page %d lacks %q:\n%s", page, want, text)
			}
		}
		if other := fmt.Sprintf("Product %d release 3", page%3); strings.Contains(text, other) {
			t.Errorf("page %d holds another page's line %q", page, other)
		}
		if page > 1 && !strings.Contains(text, fmt.Sprintf("Product %d continued", page-2)) {
			t.Errorf("page %d does not say what it continues:\n%s", page, text)
		}
	}
}

func TestTimelinePDFPlacesEachPageImageUnderItsHeader(t *testing.T) {
	path := filepath.Join(t.TempDir(), "timeline.pdf")
	d := fakeTimeline(1, 4)
	if err := WriteTimelinePDF(context.Background(), nil, path, d); err != nil {
		t.Fatal(err)
	}
	prefix := filepath.Join(t.TempDir(), "page")
	if out, err := exec.Command(popplerTool(t, "pdftoppm"), "-png", "-r", "72", path, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pngs, _ := filepath.Glob(prefix + "*.png")
	if len(pngs) != 1 {
		t.Fatalf("pdftoppm made %v", pngs)
	}
	// At 72 dpi a point is a pixel. The chart spans the page between the
	// margins; its first line's block runs from 400 to 800 of 1280.
	pdf, err := newPDF(testFonts(), "", "", reportNow)
	if err != nil {
		t.Fatal(err)
	}
	l := d.layout(pdf)
	mmToPt := 72 / 25.4
	x := (pageMargin + 600*l.scale) * mmToPt
	y := (l.chartTop + (60+14)*l.scale) * mmToPt
	seen := ReadPNG(t, readersDir, pngs[0], image.Pt(int(x), int(y)), image.Pt(int(x), int((l.chartTop-4)*mmToPt)))
	if seen.Width != 842 || (seen.Height != 595 && seen.Height != 596) {
		t.Errorf("page is %dx%d pixels at 72 dpi, want 842x595 (landscape A4)", seen.Width, seen.Height)
	}
	if got := seen.Pixels[0]; absInt(got[0]-0xe5) > 12 || absInt(got[1]-0x39) > 12 || absInt(got[2]-0x35) > 12 {
		t.Errorf("the first line's block is %v where the layout puts it", got)
	}
	if got := seen.Pixels[1]; got[0] < 0xf0 || got[1] < 0xf0 {
		t.Errorf("above the chart, under the header, is %v: the image reaches into the header", got)
	}
}

func absInt(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func TestTimelinePDFFailureLeavesTheOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "timeline.pdf")
	if err := os.WriteFile(path, []byte("the old timeline"), 0o644); err != nil {
		t.Fatal(err)
	}
	d := fakeTimeline(3, 4)
	draw := d.Page
	d.Page = func(i int) (TimelinePage, error) {
		if i == 2 {
			return TimelinePage{}, errors.New("no memory for the last page")
		}
		return draw(i)
	}
	err := WriteTimelinePDF(context.Background(), nil, path, d)
	if err == nil || !strings.Contains(err.Error(), "page 3: no memory for the last page") {
		t.Fatalf("err = %v, want page 3's failure", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "the old timeline" {
		t.Errorf("the old file became %q", b)
	}
	assertNoScratch(t, dir)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := WriteTimelinePDF(ctx, nil, filepath.Join(dir, "new.pdf"), fakeTimeline(2, 2)); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled export: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "new.pdf")); !errors.Is(err, os.ErrNotExist) {
		t.Error("a cancelled export left a file")
	}
}

func TestTimelinePictureNeverReplacesTheDatabase(t *testing.T) {
	fileOnly(t)
	s, _ := demoStore(t, 3)
	db := s.Path()
	before := fileSum(t, db)
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	for _, out := range []string{db, db + "-wal", filepath.Join(filepath.Dir(db), "x", "..", filepath.Base(db))} {
		if err := WriteTimelinePNG(context.Background(), s, out, img); !errors.Is(err, ErrOutputIsDatabase) {
			t.Errorf("PNG onto %s: %v", out, err)
		}
		if err := WriteTimelinePDF(context.Background(), s, out, fakeTimeline(1, 1)); !errors.Is(err, ErrOutputIsDatabase) {
			t.Errorf("PDF onto %s: %v", out, err)
		}
	}
	if fileSum(t, db) != before {
		t.Error("the database changed")
	}
	assertNoScratch(t, filepath.Dir(db))
}

func TestTimelinePNGIsReadBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "timeline.png")
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	draw.Draw(img, img.Rect, image.NewUniform(pageBackground), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(100, 200, 300, 220), image.NewUniform(pageBlock), image.Point{}, draw.Src)
	if err := WriteTimelinePNG(context.Background(), nil, path, img); err != nil {
		t.Fatal(err)
	}
	seen := ReadPNG(t, readersDir, path, image.Pt(150, 210), image.Pt(150, 230))
	if seen.Width != 1920 || seen.Height != 1080 {
		t.Errorf("read as %dx%d", seen.Width, seen.Height)
	}
	if seen.Pixels[0] != [4]int{0xe5, 0x39, 0x35, 0xff} || seen.Pixels[1] != [4]int{0xff, 0xff, 0xff, 0xff} {
		t.Errorf("pixels read back %v", seen.Pixels)
	}
}
