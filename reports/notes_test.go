package reports

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"golang.org/x/net/html"

	"releasedesk/data"
)

// notesRelease is a release with scope of every kind and state.
func notesRelease() (data.Release, []data.WorkItem) {
	r := data.Release{ID: 7, Version: "2.4.0", Title: "Bank transfers", Product: data.Product{Name: "Payments"},
		Status: data.StatusPlanned, PlannedRelease: data.NewDate(2026, 11, 20),
		Description: "Customers can now pay by bank transfer.\nSEPA first.\n\nInternal: the ledger needs 1.2.0."}
	items := []data.WorkItem{
		{Key: "PAY-10", Summary: "Refund rounding on yen amounts", Kind: data.WorkFix, Status: data.WorkDone, CustomerFacing: true},
		{Key: "PAY-9", Summary: "Pay by bank transfer", Kind: data.WorkFeature, Status: data.WorkInProgress, CustomerFacing: true,
			Link: "https://jira.example.com/browse/PAY-9"},
		{Key: "PAY-11", Summary: "Duplicate charge on retry", Kind: data.WorkFix, Status: data.WorkDropped, CustomerFacing: true},
		{Key: "PAY-12", Summary: "Upgrade build agents", Kind: data.WorkTask, Status: data.WorkDone},
		{Key: "PAY-13", Summary: "Faster statement export", Kind: data.WorkImprovement, Status: data.WorkOpen, CustomerFacing: true},
		{Key: "PAY-14", Summary: "Log card scheme replies", Kind: data.WorkImprovement, Status: data.WorkDone},
		{Key: "SEC-2", Summary: "Rotate signing keys", Kind: data.WorkSecurity, Status: data.WorkDone, CustomerFacing: true},
	}
	return r, items
}

func groupKeys(n ReleaseNotes) []string {
	var out []string
	for _, g := range n.Groups {
		keys := make([]string, len(g.Items))
		for i, it := range g.Items {
			keys[i] = it.Key
		}
		out = append(out, g.Heading+": "+strings.Join(keys, " "))
	}
	return out
}

func TestBuildNotes(t *testing.T) {
	r, items := notesRelease()
	n := BuildNotes(r, items, NotesOptions{})
	if n.Title != "Payments 2.4.0: Bank transfers" || n.Date != "Planned for 20 November 2026" ||
		n.Highlights != "Customers can now pay by bank transfer. SEPA first." {
		t.Fatalf("head %q %q %q", n.Title, n.Date, n.Highlights)
	}
	want := []string{"Features: PAY-9", "Fixes: PAY-10", "Improvements: PAY-13", "Security: SEC-2"}
	if got := groupKeys(n); !slices.Equal(got, want) {
		t.Fatalf("groups %v, want %v", got, want)
	}
	all := BuildNotes(r, items, NotesOptions{All: true})
	want = []string{"Features: PAY-9", "Fixes: PAY-10", "Improvements: PAY-13 PAY-14", "Security: SEC-2", "Tasks: PAY-12"}
	if got := groupKeys(all); !slices.Equal(got, want) {
		t.Fatalf("all groups %v, want %v", got, want)
	}
	r.Status, r.ActualRelease = data.StatusReleased, data.NewDate(2026, 11, 23)
	shipped := BuildNotes(r, items, NotesOptions{})
	want = []string{"Fixes: PAY-10", "Security: SEC-2"} // unfinished work did not ship
	if got := groupKeys(shipped); !slices.Equal(got, want) || shipped.Date != "Released on 23 November 2026" {
		t.Fatalf("released groups %v %q, want %v", got, shipped.Date, want)
	}
}

// hostileItems carry text and links meant to break out of the notes.
func hostileNotes() ReleaseNotes {
	r := data.Release{Version: "6.6.6", Title: `</title><script>alert("t")</script>`, Product: data.Product{Name: "Evil & Co"},
		Description: `<img src=x onerror=alert(1)> **bold** [click](javascript:alert(2))`, PlannedRelease: data.NewDate(2026, 1, 2),
		Status: data.StatusPlanned}
	items := []data.WorkItem{
		{Key: "EVIL-1", Summary: `<script>alert(3)</script>`, Kind: data.WorkFeature, Status: data.WorkDone, CustomerFacing: true,
			Link: "javascript:alert(4)"},
		{Key: "EVIL-2", Summary: `"><iframe src=//x> ]( <a href="http://x">x</a> | *a* _b_ ~c~ &amp; \`, Kind: data.WorkFix,
			Status: data.WorkDone, CustomerFacing: true, Link: `https://example.com/a"onmouseover="alert(5)`},
		{Key: "EVIL-3", Summary: "# not a heading\n- not a list", Kind: data.WorkFix, Status: data.WorkDone, CustomerFacing: true},
		{Key: "EVIL-4", Summary: "1. not a list either", Kind: data.WorkFix, Status: data.WorkDone, CustomerFacing: true},
	}
	return BuildNotes(r, items, NotesOptions{})
}

// htmlCheck walks an HTML tree, failing on anything that runs or loads, and
// collects the text of the elements with tag.
func htmlCheck(t *testing.T, n *html.Node, texts map[string][]string, hrefs *[]string) {
	t.Helper()
	if n.Type == html.ElementNode {
		switch n.Data {
		case "script", "iframe", "img", "object", "embed", "link", "base", "form", "svg":
			t.Errorf("the page has a <%s> element", n.Data)
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("<%s> has an event handler %s=%q", n.Data, a.Key, a.Val)
			}
			if a.Key == "href" || a.Key == "src" {
				*hrefs = append(*hrefs, a.Val)
			}
		}
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			}
		}
		texts[n.Data] = append(texts[n.Data], strings.TrimSpace(b.String()))
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		htmlCheck(t, c, texts, hrefs)
	}
}

func TestNotesHTMLIsSelfContainedAndSafe(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteNotes(&buf, hostileNotes(), NotesHTML); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string][]string{}
	var hrefs []string
	htmlCheck(t, doc, texts, &hrefs)
	if len(hrefs) != 1 || hrefs[0] != "https://example.com/a%22onmouseover=%22alert%285%29" {
		t.Errorf("links %q, want only the escaped web address", hrefs)
	}
	if !slices.Contains(texts["h1"], `Evil & Co 6.6.6: </title><script>alert("t")</script>`) {
		t.Errorf("the title does not read as typed: %q", texts["h1"])
	}
	li := strings.Join(texts["li"], "\n")
	for _, want := range []string{`<script>alert(3)</script>`, `"><iframe src=//x> ]( <a href="http://x">x</a> | *a* _b_ ~c~ &amp; \`} {
		if !strings.Contains(li, want) {
			t.Errorf("an item does not read as typed: %q not in %q", want, li)
		}
	}
	if len(texts["style"]) != 1 || !strings.Contains(buf.String(), "default-src 'none'") {
		t.Error("the page lacks its inline style or its content policy")
	}
}

func TestNotesMarkdownRendersAsText(t *testing.T) {
	var md bytes.Buffer
	if err := WriteNotes(&md, hostileNotes(), NotesMarkdown); err != nil {
		t.Fatal(err)
	}
	// An independent CommonMark reader (GitHub's flavour) turns it into HTML;
	// raw HTML would come out as "raw HTML omitted", markup as elements.
	var out bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert(md.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&out)
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string][]string{}
	var hrefs []string
	htmlCheck(t, doc, texts, &hrefs)
	if strings.Contains(out.String(), "raw HTML omitted") {
		t.Errorf("raw HTML got through:\n%s", out.String())
	}
	if !slices.Equal(texts["em"], []string{"Planned for 2 January 2026"}) {
		t.Errorf("emphasis %q, want only the date", texts["em"])
	}
	for _, tag := range []string{"strong", "del", "table", "ol", "h3"} {
		if len(texts[tag]) > 0 {
			t.Errorf("text became <%s>: %q\n%s", tag, texts[tag], md.String())
		}
	}
	if len(texts["h1"]) != 1 || len(texts["h2"]) != 3 || len(texts["ul"]) != 2 || len(texts["li"]) != 4 {
		t.Errorf("structure h1 %d h2 %d ul %d li %d, want 1, 3, 2, 4:\n%s", len(texts["h1"]), len(texts["h2"]), len(texts["ul"]), len(texts["li"]), md.String())
	}
	if len(hrefs) != 1 || !strings.HasPrefix(hrefs[0], "https://example.com/a") {
		t.Errorf("links %q", hrefs)
	}
	for _, want := range []string{"<script>alert(3)</script> (EVIL-1)", "# not a heading - not a list (EVIL-3)", "1. not a list either (EVIL-4)"} {
		if !slices.Contains(texts["li"], want) {
			t.Errorf("item %q missing from %q", want, texts["li"])
		}
	}
}

func TestExportNotesFromTheStore(t *testing.T) {
	ctx := context.Background()
	s := reportStore(t)
	p := data.Product{Name: "Payments"}
	if err := s.SaveProduct(ctx, &p); err != nil {
		t.Fatal(err)
	}
	r, items := notesRelease()
	r.ID, r.ProductID, r.Product, r.Type = 0, p.ID, data.Product{}, data.TypeMinor
	if err := s.SaveRelease(ctx, &r); err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		it.ReleaseID = r.ID
		if err := s.SaveWorkItem(ctx, &it); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	for _, name := range []string{"notes.md", "notes.html"} {
		path := filepath.Join(dir, name)
		if err := ExportNotes(ctx, s, r.ID, path, NotesOptions{}); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(path)
		if !strings.Contains(string(b), "Pay by bank transfer") || strings.Contains(string(b), "Upgrade build agents") {
			t.Errorf("%s:\n%s", name, b)
		}
	}
	if err := ExportNotes(ctx, s, r.ID, filepath.Join(dir, "notes.txt"), NotesOptions{}); err == nil {
		t.Error("wrote notes to a .txt file")
	}
	if err := ExportNotes(ctx, s, 999, filepath.Join(dir, "missing.md"), NotesOptions{}); err == nil {
		t.Error("wrote notes of a missing release")
	}
	if names := cliNames(t, dir); !slices.Equal(names, []string{"notes.html", "notes.md"}) {
		t.Errorf("files left behind: %v", names)
	}
	if got := NotesFileName(data.Release{Version: "2.4.0", Product: p}, NotesHTML); got != "Payments 2.4.0 release notes.html" {
		t.Errorf("NotesFileName = %q", got)
	}
}

func cliNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
