package reports

import (
	"encoding/json"
	"os"
	"os/exec"
	"sync"
	"testing"
)

// An independent reader checks every workbook: openpyxl, as Debian's
// python3-openpyxl installs it (make deps). Without it the check is skipped,
// except in CI, where a missing reader is a failure.

var (
	pythonOnce sync.Once
	pythonPath string
)

// openpyxlPython finds a python3 that can import openpyxl; the system one
// is tried too, since a python3 earlier on PATH may lack Debian's packages.
func openpyxlPython() string {
	pythonOnce.Do(func() {
		for _, p := range []string{"python3", "/usr/bin/python3"} {
			if exec.Command(p, "-c", "import openpyxl").Run() == nil {
				pythonPath = p
				return
			}
		}
	})
	return pythonPath
}

// openpyxlSheet is what openpyxl sees in one sheet.
type openpyxlSheet struct {
	Name       string            `json:"name"`
	MaxRow     int               `json:"max_row"`
	MaxColumn  int               `json:"max_column"`
	Freeze     *string           `json:"freeze"`
	Filter     *string           `json:"filter"`
	Charts     int               `json:"charts"`
	DateCells  []string          `json:"date_cells"`
	TextCells  map[string]string `json:"text_cells"`
	Formulas   []string          `json:"formulas"`
	Landscape  bool              `json:"landscape"`
	FitToWidth int               `json:"fit_to_width"`
}

// openpyxlBook is what openpyxl sees in a workbook.
type openpyxlBook struct {
	Sheets  []openpyxlSheet `json:"sheets"`
	Title   string          `json:"title"`
	Subject string          `json:"subject"`
	Creator string          `json:"creator"`
}

const openpyxlScript = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": [], "title": wb.properties.title, "subject": wb.properties.subject, "creator": wb.properties.creator}
for ws in wb.worksheets:
    s = {"name": ws.title, "max_row": ws.max_row, "max_column": ws.max_column,
         "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref, "charts": len(ws._charts),
         "date_cells": [], "text_cells": {}, "formulas": [],
         "landscape": ws.page_setup.orientation == "landscape",
         "fit_to_width": int(ws.page_setup.fitToWidth or 0)}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            if c.data_type == "f":
                s["formulas"].append(c.coordinate)
            elif c.is_date:
                s["date_cells"].append(c.coordinate)
            elif c.data_type == "s":
                s["text_cells"][c.coordinate] = c.value
    out["sheets"].append(s)
json.dump(out, sys.stdout)
`

// readWithOpenpyxl opens path with openpyxl and reports what it saw.
func readWithOpenpyxl(t *testing.T, path string) openpyxlBook {
	t.Helper()
	py := openpyxlPython()
	if py == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("python3 with openpyxl is missing (install python3-openpyxl: make deps)")
		}
		t.Skip("python3 with openpyxl is missing (install python3-openpyxl: make deps); skipping the independent reader")
	}
	out, err := exec.Command(py, "-c", openpyxlScript, path).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("openpyxl cannot read %s: %v\n%s", path, err, ee.Stderr)
		}
		t.Fatalf("openpyxl: %v", err)
	}
	var book openpyxlBook
	if err := json.Unmarshal(out, &book); err != nil {
		t.Fatalf("openpyxl output: %v\n%s", err, out)
	}
	return book
}

func (b openpyxlBook) sheet(t *testing.T, name string) openpyxlSheet {
	t.Helper()
	for _, s := range b.Sheets {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("openpyxl sees no sheet %s", name)
	return openpyxlSheet{}
}
