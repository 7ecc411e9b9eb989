package reports

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
	"releasedesk/views/uitest"
)

// Issue 13 #8: the import screen drew "No row can be imported" over the
// column headers, left blank rows after "Open again", and an import could
// not be undone.

// textBox finds the visible text under root that reads s and returns where
// it is drawn on the canvas; ok is false when none is.
func textBox(root fyne.CanvasObject, s string) (pos fyne.Position, size fyne.Size, ok bool) {
	d := fyne.CurrentApp().Driver()
	uitest.Visit(root, func(o fyne.CanvasObject) {
		if t, is := o.(*canvas.Text); is && t.Text == s && !ok {
			pos, size, ok = d.AbsolutePositionForObject(t), t.Size(), true
		}
	})
	return pos, size, ok
}

func TestImportScreenNoRowNoteStaysOffTheHeaders(t *testing.T) {
	f := newReportsFixture(t)
	s := f.showReports()
	s.plan.read(f.writeFile("plan.csv", "Product,Version,Title,Release date\nPayments,2.4.0,Again,2026-04-15\n"))
	notePos, noteSize, ok := textBox(s, "No row can be imported yet.")
	if !ok {
		t.Fatalf("the preview of a plan with no good row does not say so; visible %q", f.Texts())
	}
	for _, header := range []string{"Row", "Product", "Version", "Title", "Release date"} {
		pos, size, shown := textBox(s.plan.ready, header)
		if !shown {
			continue // a header not drawn cannot be drawn over
		}
		if notePos.Y < pos.Y+size.Height && pos.Y < notePos.Y+noteSize.Height {
			t.Errorf("the note at %v %v is drawn in the row of the header %q at %v %v", notePos, noteSize, header, pos, size)
		}
	}
}

// readyRows lists the Product cells the table of releases to create draws,
// top to bottom, and counts the rows drawn without a row number: blank rows.
func readyRows(s *Screen) (products []string, blank int) {
	d := fyne.CurrentApp().Driver()
	left := d.AbsolutePositionForObject(s.plan.ready).X
	type cell struct {
		y    float32
		text string
	}
	var numbers, names []cell
	uitest.Visit(s.plan.ready, func(o fyne.CanvasObject) {
		l, ok := o.(*widget.Label)
		if !ok || l.TextStyle.Bold { // the header row is bold
			return
		}
		p := d.AbsolutePositionForObject(l)
		switch {
		case p.X-left < 40: // the Row column
			numbers = append(numbers, cell{p.Y, l.Text})
		case strings.HasPrefix(l.Text, "Payments") || strings.HasPrefix(l.Text, "Ledger"):
			names = append(names, cell{p.Y, l.Text})
		}
	})
	for _, n := range numbers {
		if strings.TrimSpace(n.text) == "" {
			blank++
		}
	}
	for _, n := range names {
		products = append(products, n.text)
	}
	return products, blank
}

func TestImportScreenOpenAgainShowsTheFileAsItIsNow(t *testing.T) {
	f := newReportsFixture(t)
	s := f.showReports()
	const header = "Product,Version,Title,Release date\n"
	path := f.writeFile("plan.csv", header+"Payments,3.0.0,Spring,2026-04-15\nPayments,3.1.0,Summer,2026-06-15\nLedger,1.0.0,First,2026-05-20\n")
	s.plan.read(path)
	if products, _ := readyRows(s); len(products) != 3 {
		t.Fatalf("the first preview draws %q", products)
	}
	f.writeFile("plan.csv", header+"Ledger,1.0.0,First,2026-05-20\n")
	f.Tap("Open again")
	products, blank := readyRows(s)
	if len(products) != 1 || products[0] != "Ledger  (NEW)" || blank > 0 {
		t.Errorf("after Open again the table draws %q and %d blank rows, want Ledger alone", products, blank)
	}
	f.writeFile("plan.csv", header+"Payments,3.0.0,Spring,2026-04-15\nPayments,3.1.0,Summer,2026-06-15\n")
	f.Tap("Open again")
	if products, blank := readyRows(s); len(products) != 2 || blank > 0 {
		t.Errorf("after a second Open again the table draws %q and %d blank rows, want both Payments rows", products, blank)
	}
}

func TestImportScreenImportCanBeUndone(t *testing.T) {
	f := newReportsFixture(t)
	s := f.showReports()
	before := f.ReleaseCount()
	s.plan.read(f.writeFile("plan.csv", "Product,Version,Title,Release date\nPayments,3.0.0,Spring,2026-04-15\nLedger,1.0.0,First,2026-05-20\n"))
	test.Tap(s.plan.importBtn)
	if f.ReleaseCount() != before+2 {
		t.Fatalf("the import did not create the releases; visible %q", f.Texts())
	}
	f.Tap("Undo")
	if got := f.ReleaseCount(); got != before {
		t.Fatalf("after Undo the store holds %d releases, want %d", got, before)
	}
	if _, err := f.Store.ProductNamed(f.Ctx, "Ledger", false); err == nil {
		t.Error("the product the import created is still there")
	}
	f.WantTexts("undone", "Undid the import of plan.csv", "4 releases, 0 deployments")
}

// The preview's date columns showed "Aug 20, 20…" for a code freeze of
// 20 August 2026 (a fixed 100 px column); each date must show in full.
func TestImportPreviewShowsDatesInFull(t *testing.T) {
	f := newReportsFixture(t)
	s := f.showReports()
	s.plan.read(f.writeFile("plan.csv", "Product,Version,Title,Code freeze,Release date\n"+
		"Payments,9.9.1,Wider dates,2026-08-20,2026-09-30\n"))
	for _, day := range []data.Date{data.NewDate(2026, time.August, 20), data.NewDate(2026, time.September, 30)} {
		text := kit.FormatDate(day)
		if _, _, ok := textBox(s.plan.ready, text); !ok {
			t.Errorf("the preview does not show %q in full; visible %q", text, f.Texts())
		}
	}
}
