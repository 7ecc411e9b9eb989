package reports

import (
	"html/template"
	"io"
)

// notesPage is the HTML of release notes: one self-contained page with its
// style inline, no script, and a content policy that lets nothing else load
// or run. html/template escapes every text and checks every link by context.
var notesPage = template.Must(template.New("notes").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Release Desk">
<title>{{.Title}} release notes</title>
<style>
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2933; background: #fff;
       max-width: 46rem; margin: 2.5rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .25rem; }
.date { color: #52606d; margin: 0 0 2rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; padding-bottom: .25rem; border-bottom: 1px solid #d9e2ec; }
ul { padding-left: 1.25rem; margin: 0; }
li { margin: .35rem 0; }
.key { font: .85em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #52606d; white-space: nowrap; }
a { color: #1f5fae; }
.empty { color: #52606d; font-style: italic; }
footer { margin-top: 3rem; color: #9aa5b1; font-size: .8rem; }
@media (prefers-color-scheme: dark) {
  body { color: #e4e7eb; background: #1f2933; } .date, .key, .empty { color: #9aa5b1; }
  h2 { border-color: #3e4c59; } a { color: #7cb4f5; }
}
</style>
</head>
<body>
<h1>{{.Title}}</h1>
{{if .Date}}<p class="date">{{.Date}}</p>{{end}}
{{if .Highlights}}<h2>Highlights</h2>
<p>{{.Highlights}}</p>{{end}}
{{if .Empty}}<p class="empty">{{.EmptyText}}</p>{{end}}
{{range .Groups}}<h2>{{.Heading}}</h2>
<ul>
{{range .Items}}<li>{{.Summary}} <span class="key">{{if .Link}}<a href="{{.Link}}">{{.Key}}</a>{{else}}{{.Key}}{{end}}</span></li>
{{end}}</ul>
{{end}}<footer>Release notes made with Release Desk</footer>
</body>
</html>
`))

// notesView is what the page template reads: the notes with each link
// already checked.
type notesView struct {
	ReleaseNotes
	EmptyText string
	Groups    []notesGroupView
}

type notesGroupView struct {
	Heading string
	Items   []notesItemView
}

type notesItemView struct {
	Key, Summary, Link string
}

// writeNotesHTML writes n as a self-contained, script-free HTML page.
func writeNotesHTML(w io.Writer, n ReleaseNotes) error {
	v := notesView{ReleaseNotes: n, EmptyText: emptyNotes(n)}
	for _, g := range n.Groups {
		gv := notesGroupView{Heading: g.Heading}
		for _, it := range g.Items {
			gv.Items = append(gv.Items, notesItemView{Key: it.Key, Summary: it.Summary, Link: safeLink(it.Link)})
		}
		v.Groups = append(v.Groups, gv)
	}
	return notesPage.Execute(w, v)
}
