package reports

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"releasedesk/data"
)

// The palette every workbook uses: one colour per outcome, fill and text.
type swatch struct{ fill, font string }

var (
	swatchGood    = swatch{"C6EFCE", "006100"} // succeeded, approved, done
	swatchBad     = swatch{"FFC7CE", "9C0006"} // failed, rejected
	swatchWarn    = swatch{"FCD5B4", "843C0C"} // rolled back
	swatchActive  = swatch{"DDEBF7", "1F4E78"} // in progress, open
	swatchIdle    = swatch{"EDEDED", "404040"} // planned, pending, dropped
	swatchCaution = swatch{"FFEB9C", "7F6000"} // successful with issues, partly

	outcomeSwatch = map[data.Outcome]swatch{
		data.OutcomeSucceeded: swatchGood, data.OutcomeFailed: swatchBad, data.OutcomeRolledBack: swatchWarn,
		data.OutcomeInProgress: swatchActive, data.OutcomePlanned: swatchIdle,
	}
	// Chart series colours match the outcome cells.
	colourSucceeded  = "70AD47"
	colourFailed     = "C00000"
	colourRolledBack = "ED7D31"
	colourPlanned    = "A5A5A5"
	colourActual     = "4472C4"
	colourHeader     = "DDE4EE"
	colourRule       = "8EA9C8"
	colourChartText  = "262626"
)

// Number formats. Days read "31 Dec 2026" everywhere, which no locale misreads.
const (
	fmtDate        = "d mmm yyyy"
	fmtDateTime    = "d mmm yyyy hh:mm"
	fmtDuration    = "[h]:mm"
	fmtHours       = "0.0"
	fmtSignedHours = "+0.0;-0.0;0.0"
	fmtSignedDays  = `+0" days";-0" days";"on time"`
	fmtInt         = "#,##0"
	fmtPercent     = "0.0%"
)

// kind is what a column holds, which decides its number format and width.
type kind int

const (
	kindText kind = iota
	kindWrap      // long free text: wrapped, width capped
	kindID        // a record's number, shown without separators
	kindInt
	kindHours       // float64 hours
	kindSignedHours // float64 hours that may be negative (slip, overrun)
	kindPercent     // float64 share 0-1
	kindDate        // data.Date
	kindDateTime    // time.Time or *time.Time
	kindDuration    // time.Duration, never negative
	kindDayBar      // one day of the Timeline's day grid
)

// styles holds the style ids of one workbook, made once.
type styles struct {
	f       *excelize.File
	body    map[kind]int
	total   map[kind]int
	header  int
	message int
	outcome map[data.Outcome]int
	swatch  map[swatch]int
	bar     map[swatch]int
	dayHead int
	// Summary sheet.
	title, subtitle, section, label, value, valueWrap, bigValue int
}

func newStyles(f *excelize.File) (*styles, error) {
	st := &styles{f: f, body: map[kind]int{}, total: map[kind]int{}, outcome: map[data.Outcome]int{},
		swatch: map[swatch]int{}, bar: map[swatch]int{}}
	top := &excelize.Alignment{Vertical: "top"}
	wrap := &excelize.Alignment{Vertical: "top", WrapText: true}
	totalBorder := []excelize.Border{{Type: "top", Color: "000000", Style: 1}}
	numFmts := map[kind]string{
		kindID: "0", kindInt: fmtInt, kindHours: fmtHours, kindSignedHours: fmtSignedHours, kindPercent: fmtPercent,
		kindDate: fmtDate, kindDateTime: fmtDateTime, kindDuration: fmtDuration,
	}
	var err error
	add := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	for k := kindText; k <= kindDuration; k++ {
		align := top
		if k == kindWrap {
			align = wrap
		}
		var nf *string
		if f, ok := numFmts[k]; ok {
			nf = &f
		}
		st.body[k] = add(&excelize.Style{Alignment: align, CustomNumFmt: nf})
		st.total[k] = add(&excelize.Style{Alignment: align, CustomNumFmt: nf, Font: &excelize.Font{Bold: true}, Border: totalBorder})
	}
	st.header = add(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "1F2D3D"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colourHeader}},
		Border:    []excelize.Border{{Type: "bottom", Color: colourRule, Style: 2}},
		Alignment: &excelize.Alignment{Vertical: "center"},
	})
	st.dayHead = add(&excelize.Style{
		Font:         &excelize.Font{Bold: true, Color: "1F2D3D", Size: 9},
		Fill:         excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colourHeader}},
		Border:       []excelize.Border{{Type: "bottom", Color: colourRule, Style: 2}},
		Alignment:    &excelize.Alignment{Horizontal: "center", Vertical: "bottom", TextRotation: 90},
		CustomNumFmt: ptr("d mmm"),
	})
	st.message = add(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959", Size: 12}})
	for _, sw := range []swatch{swatchGood, swatchBad, swatchWarn, swatchActive, swatchIdle, swatchCaution} {
		st.swatch[sw] = add(&excelize.Style{
			Font:      &excelize.Font{Color: sw.font},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{sw.fill}},
			Alignment: top,
		})
		st.bar[sw] = add(&excelize.Style{
			Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{sw.fill}},
			Border: []excelize.Border{{Type: "top", Color: "FFFFFF", Style: 2}, {Type: "bottom", Color: "FFFFFF", Style: 2}},
		})
	}
	for o, sw := range outcomeSwatch {
		st.outcome[o] = st.swatch[sw]
	}
	st.title = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 18, Color: "1F2D3D"}})
	st.subtitle = add(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}})
	st.section = add(&excelize.Style{
		Font:   &excelize.Font{Bold: true, Size: 12, Color: "1F4E78"},
		Border: []excelize.Border{{Type: "bottom", Color: colourRule, Style: 1}},
	})
	st.label = add(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "595959"}, Alignment: top})
	st.value = add(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}})
	st.valueWrap = add(&excelize.Style{Alignment: wrap})
	st.bigValue = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}})
	return st, err
}

// withFormat returns a style like base but showing numbers with format;
// used for the Summary's mixed key facts.
func (st *styles) withFormat(base int, format string) (int, error) {
	s, err := st.f.GetStyle(base)
	if err != nil {
		return 0, err
	}
	s.CustomNumFmt = &format
	return st.f.NewStyle(s)
}

func ptr[T any](v T) *T { return &v }

// excelEpoch is day 0 of Excel's 1900 date system (as Excel counts it, past
// its leap-year slip of 1900, for every date from March 1900 on).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// excelSerial is t's wall clock (in t's own location), rounded to the
// second, as an Excel date number: days since the epoch plus the fraction
// of the day. A second is not a binary fraction of a day, so the number is
// the nearest one at or just above the second: a reader that cuts the
// fraction down to whole seconds, as LibreOffice does, still shows the
// second itself and not the one before.
func excelSerial(t time.Time) float64 {
	t = t.Round(time.Second)
	y, m, d := t.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	days := math.Round(day.Sub(excelEpoch).Hours() / 24)
	secs := float64(t.Hour()*3600 + t.Minute()*60 + t.Second())
	v := days + secs/86400
	for (v-days)*86400 < secs {
		v = math.Nextafter(v, math.Inf(1))
	}
	return v
}

// exactNumber writes v in full: the shortest decimal that reads back as
// exactly v. excelize cuts numbers to fifteen digits, which turns 09:15
// into 09:14:59.99 for readers that truncate.
func exactNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// exactDecimals is how many decimals exactNumber writes, as excelize's
// SetCellFloat precision, which then writes the same digits.
func exactDecimals(v float64) int {
	s := exactNumber(v)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

// dateSerial is a calendar day as an Excel date number.
func dateSerial(d data.Date) float64 { return excelSerial(d.Time(time.UTC)) }

// hours is a duration in hours, rounded to a tenth, as the tables show it.
func hours(d time.Duration) float64 { return math.Round(d.Hours()*10) / 10 }
