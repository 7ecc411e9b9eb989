package reports

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	ics "github.com/arran4/golang-ical"

	"releasedesk/data"
)

// CalendarSource streams what the calendar shows; *data.Store is one.
type CalendarSource interface {
	PortfolioCounts(ctx context.Context) (data.PortfolioCounts, error)
	EachPortfolioRelease(ctx context.Context, fn func(data.PortfolioRelease) error) error
	EachPortfolioDeployment(ctx context.Context, fn func(data.PortfolioDeployment) error) error
	ReportFreezeWindows(ctx context.Context) ([]data.FreezeWindow, error)
}

// CalendarFileName is the suggested file name of the calendar.
const CalendarFileName = "Release calendar.ics"

// CalendarProductID names Release Desk as the calendar's maker (PRODID).
const CalendarProductID = "-//Release Desk//Release Desk//EN"

// The UIDs of calendar events: stable for as long as the record exists, so a
// calendar that imports the file again updates its events instead of
// adding copies.
func releaseUID(id uint) string    { return fmt.Sprintf("release-%d@releasedesk", id) }
func deploymentUID(id uint) string { return fmt.Sprintf("deployment-%d@releasedesk", id) }
func freezeUID(id uint) string     { return fmt.Sprintf("freeze-%d@releasedesk", id) }

// ExportCalendar writes the calendar (RFC 5545) of planned releases,
// deployment windows and freeze windows to path.
func ExportCalendar(ctx context.Context, src CalendarSource, path string, opts Options) error {
	return writeAtomically(ctx, src, path, func(w io.Writer) error {
		return WriteCalendar(ctx, w, src, opts)
	})
}

// WriteCalendar streams the calendar to w, one event at a time. A release is
// an all-day event on its planned day; a deployment and a freeze window are
// timed events in UTC. Each event's DTSTAMP and LAST-MODIFIED are the time
// its record last changed, so exporting twice without changes gives the same
// file.
func WriteCalendar(ctx context.Context, w io.Writer, src CalendarSource, opts Options) error {
	counts, err := src.PortfolioCounts(ctx)
	if err != nil {
		return err
	}
	freezes, err := src.ReportFreezeWindows(ctx)
	if err != nil {
		return err
	}
	c := &calendarWriter{w: bufio.NewWriterSize(w, 64<<10), loc: opts.location(), ctx: ctx,
		cfg:      &ics.SerializationConfiguration{MaxLength: 75, PropertyMaxLength: 75, NewLine: "\r\n"},
		progress: newProgress(opts.Progress, counts.Releases+counts.Deployments+len(freezes))}
	if err := c.head(); err != nil {
		return err
	}
	if err := src.EachPortfolioRelease(ctx, c.release); err != nil {
		return err
	}
	if err := src.EachPortfolioDeployment(ctx, c.deployment); err != nil {
		return err
	}
	for _, fw := range freezes {
		if err := c.freeze(fw); err != nil {
			return err
		}
	}
	if _, err := io.WriteString(c.w, "END:VCALENDAR\r\n"); err != nil {
		return err
	}
	if err := c.w.Flush(); err != nil {
		return err
	}
	c.progress.finish()
	return nil
}

// calendarWriter writes events as they come, so memory stays flat.
type calendarWriter struct {
	w        *bufio.Writer
	ctx      context.Context
	loc      *time.Location
	cfg      *ics.SerializationConfiguration
	progress *progress
}

// head writes the calendar's own properties.
func (c *calendarWriter) head() error {
	cal := ics.NewCalendarFor("Release Desk")
	cal.SetProductId(CalendarProductID)
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName("Release Desk")
	cal.SetXWRCalDesc("Planned releases, deployment windows and freeze windows")
	if _, err := io.WriteString(c.w, "BEGIN:VCALENDAR\r\n"); err != nil {
		return err
	}
	for _, p := range cal.CalendarProperties {
		if err := p.SerializeTo(c.w, c.cfg); err != nil {
			return err
		}
	}
	return nil
}

// emit writes one event and counts it.
func (c *calendarWriter) emit(e *ics.VEvent) error {
	c.progress.step()
	if err := c.ctx.Err(); err != nil {
		return err
	}
	return e.SerializeTo(c.w, c.cfg)
}

// stamp sets the event's revision times from when its record last changed.
func stamp(e *ics.VEvent, updated time.Time) {
	if updated.IsZero() {
		updated = time.Unix(0, 0)
	}
	e.SetDtStampTime(updated)
	e.SetLastModifiedAt(updated)
}

func (c *calendarWriter) release(r data.PortfolioRelease) error {
	if r.PlannedRelease.IsZero() {
		c.progress.step() // a draft without a day has no place on a calendar
		return nil
	}
	e := ics.NewEvent(releaseUID(r.ID))
	stamp(e, r.UpdatedAt)
	day := r.PlannedRelease.Time(time.UTC)
	e.SetAllDayStartAt(day)
	e.SetAllDayEndAt(day.AddDate(0, 0, 1)) // DTEND of an all-day event is the day after
	e.SetSummary(calendarText("Release " + r.Product + " " + r.Version + " — " + r.Title))
	e.SetDescription(calendarText(lines(
		"Title: "+r.Title, "Type: "+r.Type.Label(), "Status: "+r.Status.Label(), "Risk: "+r.Risk.Label(),
		"Owner: "+r.Owner, "Change reference: "+r.ChangeRef, "Code freeze: "+r.CodeFreeze.String(),
		"Actual release: "+r.ActualRelease.String(),
	)))
	e.SetStatus(releaseEventStatus(r.Status))
	e.SetTimeTransparency(ics.TransparencyTransparent) // an all-day marker does not make anyone busy
	categories(e, "Release", r.Product)
	return c.emit(e)
}

func releaseEventStatus(s data.ReleaseStatus) ics.ObjectStatus {
	switch s {
	case data.StatusDraft:
		return ics.ObjectStatusTentative
	case data.StatusCancelled:
		return ics.ObjectStatusCancelled
	}
	return ics.ObjectStatusConfirmed
}

func (c *calendarWriter) deployment(d data.PortfolioDeployment) error {
	e := ics.NewEvent(deploymentUID(d.ID))
	stamp(e, d.UpdatedAt)
	e.SetStartAt(d.PlannedStart)
	if d.PlannedEnd.After(d.PlannedStart) {
		e.SetEndAt(d.PlannedEnd)
	}
	e.SetSummary(calendarText("Deploy " + d.Product + " " + d.Version + " to " + d.Environment))
	actual := ""
	if d.ActualStart != nil {
		actual = "Started: " + c.when(*d.ActualStart)
		if d.ActualEnd != nil {
			actual += ", ended: " + c.when(*d.ActualEnd)
		}
	}
	e.SetDescription(calendarText(lines(
		"Environment: "+d.Environment, "Build: "+d.Build, "Outcome: "+d.Outcome.Label(), actual,
		"Performed by: "+d.PerformedBy, "Notes: "+d.Notes,
	)))
	e.SetStatus(ics.ObjectStatusConfirmed)
	categories(e, "Deployment", d.Environment, d.Outcome.Label())
	return c.emit(e)
}

func (c *calendarWriter) freeze(fw data.FreezeWindow) error {
	e := ics.NewEvent(freezeUID(fw.ID))
	stamp(e, fw.UpdatedAt)
	e.SetStartAt(fw.Start)
	if fw.End.After(fw.Start) {
		e.SetEndAt(fw.End)
	}
	envs := "all environments"
	if !fw.AllEnvironments {
		names := make([]string, len(fw.Environments))
		for i, env := range fw.Environments {
			names[i] = env.Name
		}
		envs = strings.Join(names, ", ")
	}
	e.SetSummary(calendarText("Freeze: " + fw.Name))
	e.SetDescription(calendarText(lines("No deployments to "+envs+".", "Reason: "+fw.Reason)))
	e.SetStatus(ics.ObjectStatusConfirmed)
	categories(e, "Freeze window")
	return c.emit(e)
}

// categories adds one CATEGORIES property per name, so a comma inside a
// name (escaped by the library) cannot split it.
func categories(e *ics.VEvent, names ...string) {
	for _, n := range names {
		if n = calendarText(n); n != "" {
			e.AddCategory(n)
		}
	}
}

// when formats an instant for a description, in the reader's time zone.
func (c *calendarWriter) when(t time.Time) string {
	return t.In(c.loc).Format("2 Jan 2006 15:04 MST")
}

// lines joins the parts that say something: "Owner: " with no owner is left out.
func lines(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p == "" || strings.HasSuffix(p, ": ") {
			continue
		}
		out = append(out, p)
	}
	return strings.Join(out, "\n")
}

// calendarText keeps what a calendar line may carry: line breaks become
// \n (escaped by the library), other control characters go.
func calendarText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\r' || r == '\t':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}
