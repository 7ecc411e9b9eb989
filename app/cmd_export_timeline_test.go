package app

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"releasedesk/data"
	"releasedesk/views/roadmap"
)

// withTestDrawing keeps the command from starting a second Fyne app in a
// test binary, which already runs Fyne's test app (the binary test below
// runs the real path).
func withTestDrawing(t *testing.T) {
	t.Helper()
	real := drawingApp
	drawingApp = func() {}
	t.Cleanup(func() { drawingApp = real })
}

// needPoppler finds a poppler program, or skips (fails in CI) without it.
func needPoppler(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed: make deps installs poppler-utils", name)
		}
		t.Skipf("%s is not installed (poppler-utils)", name)
	}
	return path
}

// pdfPages is how many pages pdfinfo counts in path.
func pdfPages(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command(needPoppler(t, "pdfinfo"), path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v\n%s", path, err, out)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && k == "Pages" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func TestExportTimelineCommand(t *testing.T) {
	withTestDrawing(t)
	db := exportTestDB(t)
	dir := t.TempDir()
	other := filepath.Join(dir, "other.png") // a database whose name says picture
	o, err := data.Open(context.Background(), other)
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	tests := []struct {
		name   string
		args   []string
		code   int
		out    string // stdout starts with it, on success
		errOut string // stderr contains it, on failure
		file   string // written on success, absent on failure
	}{
		{"a PNG of the next months", []string{"export", "timeline", "--db", db, "--out", filepath.Join(dir, "t.png")}, 0, "wrote the timeline of ", "", "t.png"},
		{"a PDF of chosen days and products", []string{"export", "timeline", "--db", db, "--out", filepath.Join(dir, "t.PDF"),
			"--from", "1 Jan 2026", "--to", "2027-06-30", "--product", "Payments", "--product", "mobile app"}, 0, "wrote the timeline of 2026-01-01 to 2027-06-30", "", "t.PDF"},
		{"no out", []string{"export", "timeline", "--db", db}, 2, "", "--out FILE.png or FILE.pdf is required", ""},
		{"another format", []string{"export", "timeline", "--db", db, "--out", filepath.Join(dir, "t.svg")}, 2, "", "--out must name a .png or .pdf file", "t.svg"},
		{"not a day", []string{"export", "timeline", "--db", db, "--out", filepath.Join(dir, "t2.png"), "--from", "soon"}, 2, "", "--from:", "t2.png"},
		{"days the wrong way round", []string{"export", "timeline", "--db", db, "--out", filepath.Join(dir, "t3.png"), "--from", "2027-03-01", "--to", "2027-01-01"}, 2, "", "comes before", "t3.png"},
		{"more than ten years", []string{"export", "timeline", "--db", db, "--out", filepath.Join(dir, "t4.pdf"), "--from", "2020-01-01", "--to", "2031-01-01"}, 2, "", "at most ten years", "t4.pdf"},
		{"an empty product", []string{"export", "timeline", "--db", db, "--out", filepath.Join(dir, "t5.png"), "--product", " "}, 2, "", "--product needs a product name", "t5.png"},
		{"an unknown product", []string{"export", "timeline", "--db", db, "--out", filepath.Join(dir, "t6.png"), "--product", "Payroll"}, 1, "", `no product named "Payroll"`, "t6.png"},
		{"onto a database", []string{"export", "timeline", "--db", db, "--out", other}, 1, "", "is a database; choose another file", ""},
		{"a missing database", []string{"export", "timeline", "--db", filepath.Join(dir, "missing.db"), "--out", filepath.Join(dir, "t7.png")}, 1, "", "no such database", "t7.png"},
		{"an extra word", []string{"export", "timeline", "now", "--db", db, "--out", filepath.Join(dir, "t8.png")}, 2, "", `unexpected argument "now"`, "t8.png"},
		{"the review summary as a PDF", []string{"export", "review", "--db", db, "--release", "1", "--out", filepath.Join(dir, "r.pdf")}, 0, "wrote the review summary of ", "", "r.pdf"},
		{"a review in another format", []string{"export", "review", "--db", db, "--release", "1", "--out", filepath.Join(dir, "r.docx")}, 2, "", "--out must name a .xlsx or .pdf file", "r.docx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stdout %q stderr %q", code, tt.code, out, errOut)
			}
			if tt.code == 0 {
				if !strings.HasPrefix(out, tt.out) || errOut != "" {
					t.Errorf("stdout %q (want %q…), stderr %q", out, tt.out, errOut)
				}
			} else {
				cliOneLine(t, errOut, tt.errOut)
			}
			if tt.file == "" {
				return
			}
			_, err := os.Stat(filepath.Join(dir, tt.file))
			if exists := err == nil; exists != (tt.code == 0) {
				t.Errorf("%s exists: %v, want %v", tt.file, exists, tt.code == 0)
			}
		})
	}
	if got, want := cliFiles(t, dir), []string{"other.png", "r.pdf", "t.PDF", "t.png"}; !slices.Equal(got, want) {
		t.Errorf("the folder holds %v, want %v: nothing left by the failures", got, want)
	}
	if n := pdfPages(t, filepath.Join(dir, "r.pdf")); n != "1" {
		t.Errorf("the review summary has %s pages", n)
	}
}

func TestPictureDays(t *testing.T) {
	now := time.Date(2026, 12, 7, 15, 0, 0, 0, time.Local)
	day := data.NewDate
	tests := []struct {
		name, from, to string
		want           [2]data.Date
		err            string
	}{
		{"neither: three months from the first of this one", "", "", [2]data.Date{day(2026, 12, 1), day(2027, 2, 28)}, ""},
		{"from only: three months from it", "2027-01-15", "", [2]data.Date{day(2027, 1, 15), day(2027, 4, 14)}, ""},
		{"to only: three months up to it", "", "2027-03-31", [2]data.Date{day(2027, 1, 1), day(2027, 3, 31)}, ""},
		{"both, with a month name", "1 Mar 2027", "31 May 2027", [2]data.Date{day(2027, 3, 1), day(2027, 5, 31)}, ""},
		{"one day", "2027-03-01", "2027-03-01", [2]data.Date{day(2027, 3, 1), day(2027, 3, 1)}, ""},
		{"not a day", "tomorrow", "", [2]data.Date{}, "--from:"},
		{"the wrong way round", "2027-03-01", "2027-02-28", [2]data.Date{}, "comes before"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := pictureDays(tc.from, tc.to, now)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("err %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || req.From != tc.want[0] || req.To != tc.want[1] {
				t.Errorf("%s to %s (%v), want %s to %s", req.From, req.To, err, tc.want[0], tc.want[1])
			}
		})
	}
}

// FuzzPictureDays: whatever --from and --to say, the days are refused with
// an error or make a range a picture can show.
func FuzzPictureDays(f *testing.F) {
	for _, s := range [][2]string{{"", ""}, {"2027-03-01", "2027-05-31"}, {"1 Mar 2027", ""}, {"31/12/2026", "1/1/2027"}, {"0000-01-01", "9999-12-31"}} {
		f.Add(s[0], s[1])
	}
	now := time.Date(2026, 12, 7, 15, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, from, to string) {
		req, err := pictureDays(from, to, now)
		if err != nil {
			return
		}
		if req.From.IsZero() || req.To.IsZero() || req.To.Before(req.From) || req.From.DaysUntil(req.To)+1 > roadmap.MaxPictureDays {
			t.Fatalf("%q, %q gave %s to %s without an error", from, to, req.From, req.To)
		}
	})
}

// TestExportTimelineWithoutADisplay runs the built program with no X
// server, as on a build machine: the picture is drawn without a window.
func TestExportTimelineWithoutADisplay(t *testing.T) {
	tmp := t.TempDir()
	bin := smokeBuild(t, tmp)
	db := exportTestDB(t)
	var env []string
	for _, kv := range binaryEnv(filepath.Join(tmp, "home")) {
		if name, _, _ := strings.Cut(kv, "="); name != "DISPLAY" && name != "WAYLAND_DISPLAY" && name != "XAUTHORITY" {
			env = append(env, kv)
		}
	}
	for _, out := range []string{"timeline.png", "timeline.pdf"} {
		path := filepath.Join(tmp, out)
		cmd := exec.Command(bin, "export", "timeline", "--db", db, "--out", path)
		cmd.Env = env
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil || stderr.Len() > 0 {
			t.Fatalf("%s without a display: %v\nstdout %s\nstderr %s", out, err, stdout.String(), stderr.String())
		}
		if !strings.HasPrefix(stdout.String(), "wrote the timeline of ") {
			t.Errorf("stdout %q", stdout.String())
		}
	}
	if n := pdfPages(t, filepath.Join(tmp, "timeline.pdf")); n == "" || n == "0" {
		t.Errorf("the PDF has %q pages", n)
	}
	seen := readPicture(t, filepath.Join(tmp, "timeline.png"))
	if seen.Width != 1920 || seen.Height < 1080 || seen.Colours < 30 {
		t.Errorf("the PNG drawn without a display is %dx%d with %d colours", seen.Width, seen.Height, seen.Colours)
	}
}

// pictureSeen is a PNG as the independent reader saw it.
type pictureSeen struct{ Width, Height, Colours int }

// readPicture reads a PNG with the reports package's reader on Python's zlib.
func readPicture(t *testing.T, path string) pictureSeen {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("python3 is not installed: make deps installs it")
		}
		t.Skip("python3 is not installed")
	}
	out, err := exec.Command(python, filepath.Join("..", "reports", "testdata", "readers", "read_png.py"), path).Output()
	if err != nil {
		t.Fatalf("read_png.py: %v", err)
	}
	var seen pictureSeen
	if err := json.Unmarshal(out, &seen); err != nil {
		t.Fatal(err)
	}
	return seen
}
