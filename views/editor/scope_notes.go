package editor

import (
	"bytes"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	reportfiles "releasedesk/reports"
	"releasedesk/views/kit"
	"releasedesk/views/reports"
)

// Release notes from the editor: what customers are told about the release,
// previewed, then copied to the clipboard or saved as Markdown or HTML.

// Choices of the notes dialog.
const (
	notesMarkdown = "Markdown (.md)"
	notesHTML     = "Web page (.html)"
)

// notesDialog is the release notes of the tab's release as they would be
// written, with the format and whether internal items show.
type notesDialog struct {
	t       *scopeTab
	d       *dialog.CustomDialog
	format  *widget.RadioGroup
	all     *widget.Check
	preview *widget.RichText
	summary *widget.Label
	// exporter saves the notes; tests replace its save dialog with SaveTo.
	exporter *reports.Exporter
}

// onNotes opens the release notes dialog.
func (t *scopeTab) onNotes() { t.openNotes() }

func (t *scopeTab) openNotes() *notesDialog {
	scr := t.ed.screen
	n := &notesDialog{t: t, exporter: &reports.Exporter{Win: scr.Win, Sched: scr.Sched, Notify: scr.Tell}}
	n.format = widget.NewRadioGroup([]string{notesMarkdown, notesHTML}, nil)
	n.format.Horizontal, n.format.Required, n.format.Selected = true, true, notesMarkdown
	n.all = widget.NewCheck("Include internal items and tasks", func(bool) { n.refresh() })
	n.preview = widget.NewRichText()
	n.preview.Wrapping = fyne.TextWrapWord
	n.summary = &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText, TextStyle: fyne.TextStyle{Italic: true}}
	n.summary.ExtendBaseWidget(n.summary)
	copyBtn := &widget.Button{Text: "Copy", Icon: theme.ContentCopyIcon(), OnTapped: n.copy}
	save := &widget.Button{Text: "Save…", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: n.save}
	closeBtn := &widget.Button{Text: "Close", OnTapped: func() { n.d.Hide() }}
	for _, b := range []*widget.Button{copyBtn, save, closeBtn} {
		b.ExtendBaseWidget(b)
	}
	preview := kit.NewTintedPanel(kit.ToneGrey, 0x14, container.NewPadded(container.NewVScroll(n.preview)))
	top := container.NewVBox(container.NewHBox(n.format, n.all), n.summary)
	body := kit.FixedSize(fyne.NewSize(680, 420), container.NewBorder(top, nil, nil, nil, preview))
	n.d = dialog.NewCustomWithoutButtons("Release notes of "+t.release.Name(), body, scr.Win)
	n.d.SetButtons([]fyne.CanvasObject{closeBtn, copyBtn, save})
	n.refresh()
	n.d.Show()
	return n
}

// options are the notes' choices: every item, or only what customers are told.
func (n *notesDialog) options() reportfiles.NotesOptions {
	return reportfiles.NotesOptions{All: n.all.Checked}
}

func (n *notesDialog) formatChosen() reportfiles.NotesFormat {
	if n.format.Selected == notesHTML {
		return reportfiles.NotesHTML
	}
	return reportfiles.NotesMarkdown
}

// notes are the release notes of the stored release and its items, as the files hold them.
func (n *notesDialog) notes() reportfiles.ReleaseNotes {
	return reportfiles.BuildNotes(n.t.release, n.t.items, n.options())
}

// refresh shows the notes as Markdown renders them, and what they leave out.
func (n *notesDialog) refresh() {
	notes := n.notes()
	var md bytes.Buffer
	if err := reportfiles.WriteNotes(&md, notes, reportfiles.NotesMarkdown); err != nil {
		md.Reset()
		md.WriteString(err.Error())
	}
	n.preview.ParseMarkdown(md.String())
	shown := 0
	for _, g := range notes.Groups {
		shown += len(g.Items)
	}
	text := kit.Count(shown, "item") + " of " + kit.FormatCount(len(n.t.items)) + " in the notes"
	if !n.all.Checked {
		text += ": what customers are told. Internal items, tasks and dropped work stay out."
	} else {
		text += ": every item but dropped work."
	}
	n.summary.SetText(text)
}

// copy puts the notes on the clipboard in the chosen format.
func (n *notesDialog) copy() {
	var b bytes.Buffer
	if err := reportfiles.WriteNotes(&b, n.notes(), n.formatChosen()); err != nil {
		n.t.ed.screen.ShowError("Could not copy the release notes", err)
		return
	}
	fyne.CurrentApp().Clipboard().SetContent(b.String())
	n.d.Hide()
	n.t.ed.screen.Tell("Copied the release notes of "+n.t.release.Name()+" to the clipboard as "+n.format.Selected, "", nil)
}

// save asks where to save the notes, then writes them through the reports' safe writer.
func (n *notesDialog) save() {
	n.d.Hide()
	n.exporter.Start(n.job())
}

func (n *notesDialog) job() reports.Job {
	return reports.NotesJob(n.t.ed.store, n.t.release, n.formatChosen(), n.options())
}
