package reports

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"releasedesk/data"
)

// planDates reads a CSV plan and returns each row's release date, by row.
func planDates(t *testing.T, csvText []byte, opts PlanOptions) (Plan, []data.Date) {
	t.Helper()
	p, err := ParsePlanCSV(bytes.NewReader(csvText), opts)
	if err != nil {
		t.Fatal(err)
	}
	var days []data.Date
	for _, r := range p.Rows {
		days = append(days, r.Release.PlannedRelease)
	}
	return p, days
}

func sameDays(got []data.Date, want ...data.Date) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}

// Issue 11 #3 as reported: a CSV saved by Gnumeric in US format read one
// column two ways (5/3/27 as 5 March beside 5/13/27 as 13 May) and 3/1/27
// as 3 January. The CSV is written by Gnumeric itself from date cells
// shown in the US short format.
func TestUSDatesSavedByGnumeric(t *testing.T) {
	ssconvert, err := exec.LookPath("ssconvert")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("ssconvert (Gnumeric) is missing; make deps installs it")
		}
		t.Skip("ssconvert (Gnumeric) is not installed; make deps installs it")
	}
	dir := t.TempDir()
	book := filepath.Join(dir, "plan.xlsx")
	f := excelize.NewFile()
	rows := [][]any{{"Product", "Version", "Title", "Release date"},
		{"Payments", "v2.4.0", "Checkout", time.Date(2027, 5, 3, 0, 0, 0, 0, time.UTC)},
		{"Payments", "v2.5.0", "Wallets", time.Date(2027, 5, 13, 0, 0, 0, 0, time.UTC)},
		{"Ledger", "v1.0.0", "First", time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)}}
	for i, r := range rows {
		if err := f.SetSheetRow("Sheet1", "A"+string(rune('1'+i)), &r); err != nil {
			t.Fatal(err)
		}
	}
	usShort, _ := f.NewStyle(&excelize.Style{NumFmt: 14}) // m/d/yy, as a US spreadsheet shows a date
	if err := f.SetCellStyle("Sheet1", "D2", "D4", usShort); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "plan.csv")
	// format=preserve writes cells as they are shown, as Gnumeric's Save As text does.
	if msg, err := exec.Command(ssconvert, "--export-type=Gnumeric_stf:stf_assistant", "-O", "format=preserve", book, out).CombinedOutput(); err != nil {
		t.Fatalf("ssconvert: %v: %s", err, msg)
	}
	csvText, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(csvText, []byte("5/13/27")) {
		t.Fatalf("Gnumeric wrote no US dates:\n%s", csvText)
	}
	want := []data.Date{data.NewDate(2027, 5, 3), data.NewDate(2027, 5, 13), data.NewDate(2027, 3, 1)}
	for _, locale := range []string{"en_US.UTF-8", "en_GB.UTF-8"} {
		p, got := planDates(t, csvText, PlanOptions{Locale: locale})
		if len(p.Errors) > 0 || !sameDays(got, want...) {
			t.Errorf("under %s: dates %v, errors %v; want %v", locale, got, p.Errors, want)
		}
		if c := p.Columns[3]; c.Dates != DateOrderMDY || c.DatesFrom != "the column's own dates" {
			t.Errorf("under %s: column read as %q from %q", locale, c.Dates, c.DatesFrom)
		}
	}
}

func TestDateOrderOfAColumn(t *testing.T) {
	tests := []struct {
		name   string
		csv    string
		opts   PlanOptions
		want   []data.Date
		from   string
		errors string
	}{
		{"the locale decides an ambiguous column (en_US)",
			"Product,Version,Release date\nA,1,05/03/2027\nA,2,04/01/2027\n", PlanOptions{Locale: "en_US.UTF-8"},
			[]data.Date{data.NewDate(2027, 5, 3), data.NewDate(2027, 4, 1)}, "the locale en_US.UTF-8", ""},
		{"the locale decides an ambiguous column (en_GB)",
			"Product,Version,Release date\nA,1,05/03/2027\nA,2,04/01/2027\n", PlanOptions{Locale: "en_GB.UTF-8"},
			[]data.Date{data.NewDate(2027, 3, 5), data.NewDate(2027, 1, 4)}, "the locale en_GB.UTF-8", ""},
		{"one value over 12 decides the whole column",
			"Product,Version,Release date\nA,1,05/03/2027\nA,2,25/03/2027\n", PlanOptions{Locale: "en_US.UTF-8"},
			[]data.Date{data.NewDate(2027, 3, 5), data.NewDate(2027, 3, 25)}, "the column's own dates", ""},
		{"another date column decides",
			"Product,Version,Code freeze,Release date\nA,1,20/02/2027,05/03/2027\n", PlanOptions{Locale: "en_US.UTF-8"},
			[]data.Date{data.NewDate(2027, 3, 5)}, "the file's other date columns", ""},
		{"the user's choice wins",
			"Product,Version,Release date\nA,1,05/03/2027\nA,2,3/1/27\n", PlanOptions{DateOrder: DateOrderMDY, Locale: "en_GB.UTF-8"},
			[]data.Date{data.NewDate(2027, 5, 3), data.NewDate(2027, 3, 1)}, "your choice", ""},
		{"a value against the user's choice is that row's error",
			"Product,Version,Release date\nA,1,05/03/2027\nA,2,13/05/2027\n", PlanOptions{DateOrder: DateOrderMDY},
			[]data.Date{data.NewDate(2027, 5, 3), {}}, "your choice",
			`row 3, Release date: "13/05/2027" is not a month/day/year date: there is no month 13`},
		{"both orders in one column are an error naming two rows",
			"Product,Version,Release date\nA,1,01/02/2027\nA,2,13/05/2027\nA,3,05/13/2027\nA,4,14/05/2027\n", PlanOptions{Locale: "en_US.UTF-8"},
			[]data.Date{{}, {}, {}, {}}, "",
			`column Release date mixes day-first and month-first dates: row 3 has 13/05/2027 (day first) and row 4 has 05/13/2027 (month first); fix the file or choose the order
row 2, Release date: "01/02/2027" cannot be read while the column mixes day-first and month-first dates
row 3, Release date: "13/05/2027" cannot be read while the column mixes day-first and month-first dates
row 4, Release date: "05/13/2027" cannot be read while the column mixes day-first and month-first dates
row 5, Release date: "14/05/2027" cannot be read while the column mixes day-first and month-first dates`},
		{"ISO and month names need no order",
			"Product,Version,Release date\nA,1,2027-05-03\nA,2,3 May 2027\n", PlanOptions{},
			[]data.Date{data.NewDate(2027, 5, 3), data.NewDate(2027, 5, 3)}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, got := planDates(t, []byte(tt.csv), tt.opts)
			if !sameDays(got, tt.want...) {
				t.Errorf("dates %v, want %v", got, tt.want)
			}
			if errs := planErrorLines(p.Errors); errs != tt.errors {
				t.Errorf("errors:\n%s\nwant:\n%s", errs, tt.errors)
			}
			if last := p.Columns[len(p.Columns)-1]; last.DatesFrom != tt.from {
				t.Errorf("order from %q, want %q", last.DatesFrom, tt.from)
			}
		})
	}
}

// Issue 11 #10: a UTF-16 CSV got "header row names no Product column".
// The file is LibreOffice's own "Unicode" CSV (UTF-16LE with a byte-order
// mark), saved from a workbook whose dates show in the US short format.
func TestUTF16CSVFromLibreOffice(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "plan-libreoffice-utf16.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte{0xff, 0xfe}) {
		t.Fatal("the test file is not UTF-16LE with a byte-order mark")
	}
	p, got := planDates(t, raw, PlanOptions{Locale: "en_GB.UTF-8"})
	if len(p.Errors) > 0 || len(p.Rows) != 3 || p.Rows[0].Release.Title != "Café – Ümlaut ✓" {
		t.Fatalf("rows %+v, errors %v", p.Rows, p.Errors)
	}
	if !sameDays(got, data.NewDate(2027, 5, 3), data.NewDate(2027, 5, 13), data.NewDate(2027, 3, 1)) {
		t.Errorf("dates %v", got)
	}
	// The same text without a byte-order mark, either way round.
	text := "Product,Version,Title,Release date\r\nPayments,2.4.0,Ünïcode 🚀,2027-05-03\r\n"
	units := utf16.Encode([]rune(text))
	for _, order := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
		b := make([]byte, 2*len(units))
		for i, u := range units {
			order.PutUint16(b[2*i:], u)
		}
		p, _ := planDates(t, b, PlanOptions{})
		if len(p.Rows) != 1 || p.Rows[0].Release.Title != "Ünïcode 🚀" {
			t.Errorf("%v without a mark: rows %+v", order, p.Rows)
		}
		if _, err := ParsePlanCSV(bytes.NewReader(b[:len(b)-1]), PlanOptions{}); err == nil || !strings.Contains(err.Error(), "UTF-16") {
			t.Errorf("%v cut in half a character: %v", order, err)
		}
	}
}
