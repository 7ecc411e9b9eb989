package reports

import (
	"bufio"
	"io"
	"strings"
)

// writeNotesMarkdown writes n as CommonMark: a title, the date, the
// highlights and a list per kind of change. Every text from the plan is
// escaped, so a summary reads as the words people typed and never as
// markup, raw HTML or a link of its own.
func writeNotesMarkdown(w io.Writer, n ReleaseNotes) error {
	b := bufio.NewWriter(w)
	b.WriteString("# " + mdText(n.Title) + "\n\n")
	if n.Date != "" {
		b.WriteString("*" + mdText(n.Date) + "*\n\n")
	}
	if n.Highlights != "" {
		b.WriteString("## Highlights\n\n" + mdText(n.Highlights) + "\n\n")
	}
	if n.Empty() {
		b.WriteString(mdText(emptyNotes(n)) + "\n")
	}
	for _, g := range n.Groups {
		b.WriteString("## " + g.Heading + "\n\n")
		for _, it := range g.Items {
			key := mdText(it.Key)
			if link := safeLink(it.Link); link != "" {
				key = "[" + key + "](<" + mdLink(link) + ">)"
			}
			b.WriteString("- " + mdText(it.Summary) + " (" + key + ")\n")
		}
		b.WriteString("\n")
	}
	return b.Flush()
}

// emptyNotes says why notes list nothing.
func emptyNotes(n ReleaseNotes) string {
	return "No changes of " + n.Release.Name() + " are recorded for release notes yet."
}

// mdSpecial are the characters that could start markup anywhere in a line.
var mdSpecial = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`,
	`|`, `\|`, `~`, `\~`, `&`, `\&`, `!`, `\!`, `#`, `\#`, `=`, `\=`,
)

// mdText makes s plain text on one line of Markdown: whitespace runs become
// one space, markup characters are escaped, and a start that could open a
// list or a heading is escaped too.
func mdText(s string) string {
	s = mdSpecial.Replace(strings.Join(strings.Fields(s), " "))
	if s == "" {
		return s
	}
	switch s[0] {
	case '-', '+':
		return `\` + s
	}
	// "1." or "1)" at the start of a line opens an ordered list.
	if i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }); i > 0 && (s[i] == '.' || s[i] == ')') {
		return s[:i] + `\` + s[i:]
	}
	return s
}

// mdLink makes a web address safe inside <...> of a Markdown link.
func mdLink(u string) string {
	return strings.NewReplacer("<", "%3C", ">", "%3E", " ", "%20", "\n", "").Replace(u)
}
