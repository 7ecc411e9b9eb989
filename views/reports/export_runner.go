package reports

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	reportfiles "releasedesk/reports"
	"releasedesk/views/kit"
)

// progressDelay keeps a quick export (a review takes tens of milliseconds)
// from flashing a progress dialog.
const progressDelay = 300 * time.Millisecond

// Job is one file to write: what it is, the name the save dialog
// suggests (with its extension) and the work, which replaces the file at
// path only once the new one is complete (as every Export function of releasedesk/reports does).
type Job struct {
	what     string // in messages: "the review of Payments 2.4.0"
	fileName string
	unit     string // what progress counts: "rows", "events"
	write    func(ctx context.Context, path string, opts reportfiles.Options) error
}

func (j Job) ext() string { return filepath.Ext(j.fileName) }

// saveTarget is where an export goes and what Fyne's save dialog already
// did there: it opens the chosen file with os.Create before calling back.
type saveTarget struct {
	path string
	// made tells that the dialog created path as an empty file, which a failed export removes again.
	made bool
	// emptied tells that the dialog emptied the file that was at path, so a failed export cannot give it back.
	emptied bool
}

// Exporter asks where to save an export and runs it with progress, off the
// UI goroutine; it tells how it went through notify or an error dialog.
type Exporter struct {
	// Win hosts the save dialog, the progress and the errors.
	Win fyne.Window
	// Sched runs the export off the UI goroutine and times the progress dialog.
	Sched kit.Scheduler
	// Notify tells how an export ended, with an optional action such as Open folder.
	Notify func(text, actionText string, action func())
}

// Start asks where to save job with Fyne's save dialog, then exports.
func (x *Exporter) Start(job Job) {
	// Fyne calls OnClosed before it creates a new file but only after it has
	// opened, so emptied, a file it replaces: the order tells the two apart.
	made := false
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			if w != nil {
				w.Close()
			}
			x.showError("Could not save "+job.what, err)
			return
		}
		if w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		// Never write through Fyne's writer: reports write a temporary file and rename it over path.
		if err := w.Close(); err != nil {
			x.showError("Could not save "+job.what, err)
			return
		}
		x.chosen(job, saveTarget{path: path, made: made, emptied: !made})
	}, x.Win)
	d.SetOnClosed(func() { made = true })
	d.SetFileName(job.fileName)
	d.SetFilter(storage.NewExtensionFileFilter([]string{job.ext()}))
	d.SetConfirmText("Export")
	d.SetTitleText("Export " + job.what)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// chosen adds the extension to a name typed without it, then exports.
func (x *Exporter) chosen(job Job, t saveTarget) {
	if !t.made || strings.EqualFold(filepath.Ext(t.path), job.ext()) {
		x.exportTo(job, t)
		return
	}
	removeIfEmpty(t.path) // the dialog's empty file under the name without the extension
	t = saveTarget{path: t.path + job.ext()}
	if _, err := os.Stat(t.path); err != nil {
		x.exportTo(job, t)
		return
	}
	name := filepath.Base(t.path)
	d := dialog.NewConfirm("Replace "+name+"?",
		fmt.Sprintf("%s already exists in %s.\nThe old file stays until the new one is complete.", name, filepath.Dir(t.path)),
		func(ok bool) {
			if ok {
				x.exportTo(job, t)
			}
		}, x.Win)
	d.SetConfirmText("Replace")
	d.SetDismissText("Cancel")
	d.Show()
}

// exportTo writes job to t.path in the background, showing progress when
// it takes a while; the progress dialog's Cancel stops it.
func (x *Exporter) exportTo(job Job, t saveTarget) {
	ctx, cancel := context.WithCancel(context.Background())
	p := newExportProgress("Exporting "+job.what, filepath.Base(t.path), job.unit, cancel, x.Win)
	stopShow := x.Sched.Later(progressDelay, p.show)
	opts := reportfiles.Options{Progress: func(done, total int) { fyne.Do(func() { p.set(done, total) }) }}
	x.Sched.Background(func() func() {
		err := job.write(ctx, t.path, opts)
		return func() {
			stopShow()
			p.close()
			cancel()
			x.finished(job, t, err)
		}
	})
}

// finished says how an export ended and where its file is.
func (x *Exporter) finished(job Job, t saveTarget, err error) {
	name := filepath.Base(t.path)
	if err == nil {
		x.Notify(fmt.Sprintf("Saved %s as %s", job.what, t.path), "Open folder", func() { openFolder(filepath.Dir(t.path)) })
		return
	}
	if t.made {
		removeIfEmpty(t.path)
	}
	left := name + " was left as it was."
	if _, err := os.Stat(t.path); err != nil {
		left = "Nothing was saved." // no file was there, and a failed export makes none
	} else if t.emptied {
		left = "The save dialog had emptied " + name + " when you chose to replace it, so it is empty now; export again to fill it."
	}
	if errors.Is(err, context.Canceled) {
		x.Notify("Export of "+job.what+" cancelled. "+left, "", nil)
		return
	}
	x.showError(fmt.Sprintf("Could not save %s as %s. %s\nThe reason", job.what, name, left), err)
}

func (x *Exporter) showError(what string, err error) {
	dialog.ShowError(fmt.Errorf("%s: %w", what, err), x.Win)
}

// removeIfEmpty removes path when it is an empty file, the only kind the save dialog leaves behind.
func removeIfEmpty(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		if err := os.Remove(path); err != nil {
			fyne.LogError("removing the empty "+path, err)
		}
	}
}

// openFolder shows dir in the system's file manager.
func openFolder(dir string) {
	if err := fyne.CurrentApp().OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}); err != nil {
		fyne.LogError("opening "+dir, err)
	}
}

// exportProgress is the dialog shown while an export runs: a bar, how far
// it has got and a Cancel button.
type exportProgress struct {
	d      *dialog.CustomDialog
	bar    *widget.ProgressBar
	detail *widget.Label
	unit   string
	closed bool
}

func newExportProgress(title, file, unit string, cancel func(), win fyne.Window) *exportProgress {
	p := &exportProgress{bar: &widget.ProgressBar{Max: 1}, detail: &widget.Label{Text: "Starting…"}, unit: unit}
	p.bar.ExtendBaseWidget(p.bar)
	p.detail.ExtendBaseWidget(p.detail)
	into := &widget.Label{Text: "Into " + file, Truncation: fyne.TextTruncateEllipsis}
	into.ExtendBaseWidget(into)
	stop := &widget.Button{Text: "Cancel", Icon: theme.CancelIcon()}
	stop.OnTapped = func() {
		stop.Disable()
		p.detail.SetText("Cancelling…")
		cancel()
	}
	stop.ExtendBaseWidget(stop)
	p.d = dialog.NewCustomWithoutButtons(title, kit.FixedWidth(420, container.NewVBox(into, p.bar, p.detail)), win)
	p.d.SetButtons([]fyne.CanvasObject{stop})
	return p
}

func (p *exportProgress) show() {
	if !p.closed {
		p.d.Show()
	}
}

// set shows done of total rows; total 0 means not known yet.
func (p *exportProgress) set(done, total int) {
	if p.closed || total <= 0 {
		return
	}
	p.bar.SetValue(float64(done) / float64(total))
	p.detail.SetText(fmt.Sprintf("%s of %s %s", kit.FormatCount(done), kit.FormatCount(total), p.unit))
}

func (p *exportProgress) close() {
	p.closed = true
	p.d.Hide()
}

// ReviewJob exports the post-release review workbook of r from src.
func ReviewJob(src reportfiles.ReviewSource, r data.Release) Job {
	return Job{what: "the review of " + r.Name(), fileName: reportfiles.ReviewFileName(r), unit: "steps",
		write: func(ctx context.Context, path string, opts reportfiles.Options) error {
			return reportfiles.ExportReview(ctx, src, r.ID, path, opts)
		}}
}

// portfolioJob exports the portfolio workbook of src.
func portfolioJob(src reportfiles.PortfolioSource) Job {
	return Job{what: "the portfolio", fileName: reportfiles.PortfolioFileName, unit: "rows",
		write: func(ctx context.Context, path string, opts reportfiles.Options) error {
			return reportfiles.ExportPortfolio(ctx, src, path, opts)
		}}
}

// calendarJob exports the calendar of src.
func calendarJob(src reportfiles.CalendarSource) Job {
	return Job{what: "the calendar", fileName: reportfiles.CalendarFileName, unit: "events",
		write: func(ctx context.Context, path string, opts reportfiles.Options) error {
			return reportfiles.ExportCalendar(ctx, src, path, opts)
		}}
}
