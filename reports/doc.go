// Package reports turns a Release Desk database into files for people who
// do not use the program — the post-release review workbook, the portfolio
// workbook, the iCalendar feed and release notes — and reads release plans
// from the spreadsheets planning starts in and scope from Jira's exports. It
// never imports Fyne: the window and the command line both call it.
//
// Every export writes a temporary file beside the target and renames it into
// place only when the whole file was written, so a failed or cancelled
// export leaves the file that was there untouched. Text typed by people is
// always written as text, never as a formula.
package reports

import "time"

// Progress is told how far a long export or import has got: done out of
// total rows (total is 0 when unknown). It is called from the goroutine
// doing the work, at most a few hundred times per export.
type Progress func(done, total int)

// Options tunes an export; the zero value is ready to use.
type Options struct {
	// Progress, when set, is told how far the work has got.
	Progress Progress
	// Location is the time zone instants are shown in; nil means the
	// computer's own (time.Local). Calendar days are never shifted.
	Location *time.Location
	// Now is the clock for "generated at" stamps; nil means time.Now.
	Now func() time.Time
	// sheetRows is how many rows a streamed sheet takes before the next
	// one goes on (maxSheetRows when 0): tests fill sheets with few.
	sheetRows int
}

func (o Options) location() *time.Location {
	if o.Location == nil {
		return time.Local
	}
	return o.Location
}

func (o Options) now() time.Time {
	if o.Now == nil {
		return time.Now()
	}
	return o.Now()
}

// progress reports done of total, throttled so that a 100,000-row export
// calls back a few hundred times rather than on every row.
type progress struct {
	fn          Progress
	done, total int
	next        int
}

func newProgress(fn Progress, total int) *progress {
	return &progress{fn: fn, total: total}
}

// step counts one row and tells the callback every so often.
func (p *progress) step() {
	p.done++
	if p.fn == nil || p.done < p.next {
		return
	}
	p.next = p.done + max(p.total/200, 250)
	p.fn(p.done, p.total)
}

// finish tells the callback the work is complete.
func (p *progress) finish() {
	if p.fn != nil {
		p.fn(p.done, max(p.total, p.done))
	}
}
