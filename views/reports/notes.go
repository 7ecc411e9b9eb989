package reports

import (
	"context"
	"path/filepath"
	"strings"

	"releasedesk/data"
	reportfiles "releasedesk/reports"
)

// NotesJob saves the release notes of r from src in format, with the items
// opt asks for; like every export it replaces the file only once the new one
// is complete, and never overwrites a database.
func NotesJob(src reportfiles.NotesSource, r data.Release, format reportfiles.NotesFormat, opt reportfiles.NotesOptions) Job {
	return Job{what: "the release notes of " + r.Name(), fileName: reportfiles.NotesFileName(r, format), unit: "items",
		write: func(ctx context.Context, path string, _ reportfiles.Options) error {
			return reportfiles.ExportNotes(ctx, src, r.ID, path, opt)
		}}
}

// SaveTo writes job to path at once, as the save dialog does once a file is
// chosen (a name without the job's extension gets it), so tests and
// callers that already know the file skip the dialog.
func (x *Exporter) SaveTo(job Job, path string) {
	if !strings.EqualFold(filepath.Ext(path), job.ext()) {
		path += job.ext()
	}
	x.exportTo(job, saveTarget{path: path})
}
