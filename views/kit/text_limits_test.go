package kit

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
)

func TestLimitTextCutsTypedAndPastedText(t *testing.T) {
	a := test.NewTempApp(t)
	var seen []string
	e := &widget.Entry{MultiLine: true, OnChanged: func(s string) { seen = append(seen, s) }}
	LimitText(e, 10)
	e.ExtendBaseWidget(e)
	w := test.NewWindow(e)
	defer w.Close()

	test.Type(e, "ééééé12345xy")
	if e.Text != "ééééé12345" {
		t.Fatalf("typed past the limit: %q", e.Text)
	}
	if err := e.Validate(); err != nil {
		t.Fatalf("Validate = %v on an entry without a validator", err)
	}
	if seen[len(seen)-1] != "ééééé12345" {
		t.Errorf("OnChanged last saw %q, want the text kept", seen[len(seen)-1])
	}
	for _, s := range seen {
		if utf8.RuneCountInString(s) > 10 {
			t.Errorf("OnChanged saw %q, past the limit", s)
		}
	}

	flagged := false
	e.SetOnValidationChanged(func(err error) { flagged = err != nil })
	e.SetText("")
	a.Clipboard().SetContent(strings.Repeat("pasted text ", 1000))
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: a.Clipboard()})
	if utf8.RuneCountInString(e.Text) != 10 || !flagged {
		t.Fatalf("paste: %d characters kept, flagged %v", utf8.RuneCountInString(e.Text), flagged)
	}
	test.Type(e, "") // nothing changes: the flag stays
	e.SetText("short")
	if flagged {
		t.Error("the flag stayed after the text came within the limit")
	}

	titled := LimitText(&widget.Entry{Validator: RequiredText}, 5)
	titled.ExtendBaseWidget(titled)
	w.SetContent(titled)
	test.Type(titled, "abcdefgh")
	if titled.Text != "abcde" || titled.Validate() != nil {
		t.Fatalf("entry with a validator: %q, %v", titled.Text, titled.Validate())
	}
}

func TestLimitTextShortensTextItStartsWith(t *testing.T) {
	test.NewTempApp(t)
	long := strings.Repeat("x", 5000)
	e := LimitText(&widget.Entry{Text: long, MultiLine: true}, data.MaxNoteLength)
	if n := utf8.RuneCountInString(e.Text); n > data.MaxNoteLength || !strings.HasPrefix(e.Text, "[Shortened by Release Desk") {
		t.Fatalf("%d characters, starting %q", n, e.Text[:40])
	}
	if !strings.Contains(e.Text, "(5000 characters in all, over the limit of 4000)") {
		t.Errorf("the note does not say how long the text was: %q", e.Text[:160])
	}
}

// BenchmarkEntryLayout times putting text of a few lengths into a wrapped
// multi-line entry and laying it out, which is what the limit on long text
// (data.MaxNoteLength) holds within a pause nobody notices.
func BenchmarkEntryLayout(b *testing.B) {
	test.NewTempApp(b)
	word := "lorem ipsum dolor sit amet, consectetur adipiscing elit. "
	for _, n := range []int{1000, 2000, data.MaxNoteLength, 8000} {
		b.Run(fmt.Sprintf("chars=%d", n), func(b *testing.B) {
			text := strings.Repeat(word, n/len(word)+1)[:n]
			w := test.NewWindow(nil)
			defer w.Close()
			for i := 0; b.Loop(); i++ {
				e := &widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord}
				e.ExtendBaseWidget(e)
				w.SetContent(container.NewVScroll(e))
				w.Resize(fyne.NewSize(800+float32(i%2), 600))
				e.SetText(text)
				e.MinSize()
			}
		})
	}
}
