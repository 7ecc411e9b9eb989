package reports

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// Issue 16: a plan too large to list whole is previewed by its first
// releases, with how many there are in all and every problem; Import
// creates all of them.
func TestReportsImportPreviewOfALargePlan(t *testing.T) {
	const rows = previewRows + 3
	var plan strings.Builder
	plan.WriteString("Product,Version,Title,Release date\n")
	for i := range rows {
		fmt.Fprintf(&plan, "Atlas,%d.0.0,Release %d,2027-01-%02d\n", 1+i, i, 1+i%28)
	}
	good := plan.String()

	t.Run("good", func(t *testing.T) {
		f := newReportsFixture(t)
		s := f.showReports()
		before := f.ReleaseCount()
		s.plan.read(f.writeFile("plan.csv", good))
		p := s.plan
		if len(p.preview.Releases) != previewRows || p.preview.Good != rows || len(p.preview.Errors) != 0 {
			t.Fatalf("the preview lists %d releases of %d with %d problems; want %d of %d and none",
				len(p.preview.Releases), p.preview.Good, len(p.preview.Errors), previewRows, rows)
		}
		wantNote := fmt.Sprintf("the first %s of %s releases", formatThousands(previewRows), formatThousands(rows))
		if note := p.readyPanel.Note(); note != wantNote {
			t.Errorf("the list's note is %q, want %q", note, wantNote)
		}
		if want := fmt.Sprintf("Import %s releases", formatThousands(rows)); p.importBtn.Text != want || p.importBtn.Disabled() {
			t.Errorf("the button says %q (disabled %v), want %q enabled", p.importBtn.Text, p.importBtn.Disabled(), want)
		}
		test.Tap(p.importBtn)
		if got := f.ReleaseCount(); got != before+rows || f.imported != rows {
			t.Errorf("Import made %d releases (OnImported told of %d), want %d", got-before, f.imported, rows)
		}
	})

	t.Run("bad rows at the end", func(t *testing.T) {
		f := newReportsFixture(t)
		s := f.showReports()
		before := f.ReleaseCount()
		bad := good + "Atlas,1.0.0,Again,2027-02-01\nAtlas,two words,Broken,2027-02-02\n"
		s.plan.read(f.writeFile("plan.csv", bad))
		p := s.plan
		var named []int
		for _, e := range p.preview.Errors {
			named = append(named, e.Row)
		}
		if first := rows + 2; len(named) != 2 || named[0] != first || named[1] != first+1 {
			t.Fatalf("the problems name rows %v, want %d and %d", named, first, first+1)
		}
		if !p.importBtn.Disabled() {
			t.Error("Import is enabled with bad rows")
		}
		test.Tap(p.importBtn)
		if got := f.ReleaseCount(); got != before {
			t.Errorf("a plan with bad rows wrote %d releases", got-before)
		}
	})
}

// formatThousands writes n with a comma between thousands, as the screen does.
func formatThousands(n int) string {
	s := fmt.Sprint(n)
	if len(s) <= 3 {
		return s
	}
	return s[:len(s)-3] + "," + s[len(s)-3:]
}
