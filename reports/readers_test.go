package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The workbooks are checked by readers no one here wrote, each the way
// people meet them: openpyxl (normal and read-only, as scripts read large
// files), exceljs (Node), Gnumeric's ssconvert (to CSV, and to PDF as it
// prints) and LibreOffice headless (to CSV as the cells are shown). They
// are test tools that `make deps` installs; the program never uses them.
// Without one the check is skipped, except in CI, where it fails.

// readersDir holds the readers' scripts and exceljs (make deps installs it).
const readersDir = "testdata/readers"

// needTool finds an executable reader, or skips (fails in CI) without it.
func needTool(t *testing.T, name, install string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		missingReader(t, name+" is not installed ("+install+")")
	}
	return path
}

func missingReader(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s: make deps installs every reader", why)
	}
	t.Skipf("%s; skipping this independent reader (make deps installs it)", why)
}

// readCell is a cell as a JSON reader saw it: its type and its text.
type readCell [2]string

// readSheet is a sheet as a JSON reader saw it.
type readSheet struct {
	Name      string              `json:"name"`
	MaxRow    int                 `json:"max_row"`
	MaxColumn int                 `json:"max_column"`
	Cells     map[string]readCell `json:"cells"`
}

// readBook is a workbook as a JSON reader saw it.
type readBook struct {
	File       string             `json:"file"`
	Sheets     []readSheet        `json:"sheets"`
	Warnings   []string           `json:"warnings"`
	Error      string             `json:"error"`
	Properties map[string]*string `json:"properties"`
}

func (b readBook) sheet(name string) (readSheet, bool) {
	for _, s := range b.Sheets {
		if s.Name == name {
			return s, true
		}
	}
	return readSheet{}, false
}

// runJSONReader runs a reader over every file at once and decodes its report.
func runJSONReader(t *testing.T, cmd *exec.Cmd, files []string) map[string]readBook {
	t.Helper()
	cmd.Args = append(cmd.Args, files...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args[:2], " "), err, stderr.String())
	}
	var books []readBook
	if err := json.Unmarshal(out, &books); err != nil {
		t.Fatalf("%s printed no report: %v\n%.500s", cmd.Args[0], err, out)
	}
	if s := strings.TrimSpace(stderr.String()); s != "" {
		t.Errorf("%s complained:\n%s", cmd.Args[0], s)
	}
	byFile := map[string]readBook{}
	for _, b := range books {
		byFile[b.File] = b
	}
	return byFile
}

// readWithOpenpyxlModes reads files with openpyxl in normal and read-only mode.
func readWithOpenpyxlModes(t *testing.T, files []string) (normal, readOnly map[string]readBook) {
	t.Helper()
	py := openpyxlPython()
	if py == "" {
		missingReader(t, "python3 with openpyxl is missing (python3-openpyxl)")
	}
	script := filepath.Join(readersDir, "read_openpyxl.py")
	normal = runJSONReader(t, exec.Command(py, script, "normal"), files)
	readOnly = runJSONReader(t, exec.Command(py, script, "read_only"), files)
	return normal, readOnly
}

// readWithExceljs reads files with exceljs under Node.
func readWithExceljs(t *testing.T, files []string) map[string]readBook {
	t.Helper()
	node := needTool(t, "node", "Debian's nodejs")
	if _, err := os.Stat(filepath.Join(readersDir, "node_modules", "exceljs", "package.json")); err != nil {
		missingReader(t, "exceljs is not installed in "+readersDir)
	}
	return runJSONReader(t, exec.Command(node, filepath.Join(readersDir, "read_exceljs.js")), files)
}

// csvBook is a workbook as a converter showed it: each sheet's rows of cells.
type csvBook map[string][][]string

// readWithGnumeric converts each file with ssconvert to one CSV per sheet
// and, since some of its complaints only come when it lays pages out, to
// PDF too; every line it prints on the way is a complaint.
func readWithGnumeric(t *testing.T, files []string) map[string]csvBook {
	t.Helper()
	ssconvert := needTool(t, "ssconvert", "Debian's gnumeric")
	out := map[string]csvBook{}
	for _, file := range files {
		dir := t.TempDir()
		for _, args := range [][]string{
			{"-S", "--export-type=Gnumeric_stf:stf_csv", file, filepath.Join(dir, "%s.csv")},
			{"-S", file, filepath.Join(dir, "%s.pdf")},
		} {
			cmd := exec.Command(ssconvert, args...)
			cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
			msg, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("Gnumeric cannot convert %s: %v\n%s", filepath.Base(file), err, msg)
			}
			if s := strings.TrimSpace(string(msg)); s != "" {
				t.Errorf("Gnumeric complains about %s (%s):\n%s", filepath.Base(file), args[1], firstLines(s, 12))
			}
		}
		out[file] = readCSVs(t, dir, "")
	}
	return out
}

// readWithLibreOffice converts every file in one run of LibreOffice
// headless (starting it is the slow part) to one CSV per sheet, each cell
// as it is shown on screen.
func readWithLibreOffice(t *testing.T, files []string) map[string]csvBook {
	t.Helper()
	soffice := needTool(t, "soffice", "Debian's libreoffice-calc")
	dir, profile := t.TempDir(), t.TempDir()
	// Field separator, quote, UTF-8, first line, column formats, language,
	// quoted text, detect numbers, as shown, formulas, trim spaces, all sheets.
	filter := "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
	args := append([]string{"-env:UserInstallation=file://" + profile, "--headless", "--norestore",
		"--convert-to", filter, "--outdir", dir}, files...)
	cmd := exec.Command(soffice, args...)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "HOME="+profile)
	start := time.Now()
	msg, err := cmd.CombinedOutput()
	t.Logf("LibreOffice converted %d workbooks in %v", len(files), time.Since(start).Round(time.Millisecond))
	if err != nil {
		t.Fatalf("LibreOffice: %v\n%s", err, msg)
	}
	for _, line := range strings.Split(string(msg), "\n") {
		l := strings.ToLower(line)
		if strings.Contains(l, "error") || strings.Contains(l, "corrupt") || strings.Contains(l, "repair") {
			t.Errorf("LibreOffice: %s", line)
		}
	}
	out := map[string]csvBook{}
	for _, file := range files {
		out[file] = readCSVs(t, dir, strings.TrimSuffix(filepath.Base(file), ".xlsx")+"-")
	}
	return out
}

// readCSVs reads the CSV files in dir named prefix + sheet + ".csv".
func readCSVs(t *testing.T, dir, prefix string) csvBook {
	t.Helper()
	book := csvBook{}
	matches, _ := filepath.Glob(filepath.Join(dir, prefix+"*.csv"))
	for _, m := range matches {
		f, err := os.Open(m)
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(f)
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		book[strings.TrimSuffix(strings.TrimPrefix(filepath.Base(m), prefix), ".csv")] = rows
	}
	return book
}

func firstLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = append(lines[:n], fmt.Sprintf("… and %d more lines", len(lines)-n))
	}
	return strings.Join(lines, "\n")
}
