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

// databaseIdentity is a source that knows its database's own id; *data.Store does.
type databaseIdentity interface {
	DatabaseID(ctx context.Context) (string, error)
}

// uidHost is the part of every UID after the @: the database's identity, so
// that two databases' calendars never claim each other's events. A source
// without one (a test's data in memory) gets the bare name.
func uidHost(ctx context.Context, src CalendarSource) (string, error) {
	d, ok := src.(databaseIdentity)
	if !ok {
		return "releasedesk", nil
	}
	id, err := d.DatabaseID(ctx)
	if err != nil {
		return "", err
	}
	return id + ".releasedesk", nil
}

// The UIDs of calendar events: stable for as long as the record exists, so a
// calendar that imports the file again updates its events instead of
// adding copies.
func (c *calendarWriter) uid(kind string, id uint) string {
	return fmt.Sprintf("%s-%d@%s", kind, id, c.host)
}

// ExportCalendar writes the calendar (RFC 5545) of releases, deployment
// windows and freeze windows to path.
func ExportCalendar(ctx context.Context, src CalendarSource, path string, opts Options) error {
	return ExportCalendarFiltered(ctx, src, path, CalendarFilter{}, opts)
}

// ExportCalendarFiltered writes the calendar of the events filter keeps to path.
func ExportCalendarFiltered(ctx context.Context, src CalendarSource, path string, filter CalendarFilter, opts Options) error {
	if err := filter.Validate(); err != nil {
		return err
	}
	return writeAtomically(ctx, src, path, func(w io.Writer) error {
		return WriteCalendarFiltered(ctx, w, src, filter, opts)
	})
}

// WriteCalendar streams the whole calendar to w; see WriteCalendarFiltered.
func WriteCalendar(ctx context.Context, w io.Writer, src CalendarSource, opts Options) error {
	return WriteCalendarFiltered(ctx, w, src, CalendarFilter{}, opts)
}

// WriteCalendarFiltered streams the calendar of the events filter keeps to
// w, one event at a time. A release is an all-day event on the day it was
// released, or else on its planned day; a deployment and a freeze window are
// timed events in UTC. Each event's DTSTAMP and LAST-MODIFIED are the time
// its record last changed, so exporting twice without changes gives the
// same file. UIDs carry the database's identity (see data.Store.DatabaseID).
func WriteCalendarFiltered(ctx context.Context, w io.Writer, src CalendarSource, filter CalendarFilter, opts Options) error {
	counts, err := src.PortfolioCounts(ctx)
	if err != nil {
		return err
	}
	freezes, err := src.ReportFreezeWindows(ctx)
	if err != nil {
		return err
	}
	host, err := uidHost(ctx, src)
	if err != nil {
		return err
	}
	scope := newCalendarScope(filter, opts.location())
	c := &calendarWriter{w: bufio.NewWriterSize(w, 64<<10), loc: opts.location(), ctx: ctx, host: host, scope: scope,
		cfg:      &ics.SerializationConfiguration{MaxLength: 75, PropertyMaxLength: 75, NewLine: "\r\n"},
		progress: newProgress(opts.Progress, counts.Releases+counts.Deployments+len(freezes))}
	if err := c.head(filter.title()); err != nil {
		return err
	}
	if scope.wants(KindReleases) {
		if err := src.EachPortfolioRelease(ctx, c.release); err != nil {
			return err
		}
	}
	if scope.wants(KindDeployments) {
		if err := src.EachPortfolioDeployment(ctx, c.deployment); err != nil {
			return err
		}
	}
	for _, fw := range freezes {
		if !scope.wants(KindFreezes) {
			break
		}
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
	host     string // after the @ of every UID
	scope    *calendarScope
}

// head writes the calendar's own properties.
func (c *calendarWriter) head(name string) error {
	cal := ics.NewCalendarFor("Release Desk")
	cal.SetProductId(CalendarProductID)
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName(calendarText(name))
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

// skip counts an event the calendar leaves out.
func (c *calendarWriter) skip() error {
	c.progress.step()
	return c.ctx.Err()
}

func (c *calendarWriter) release(r data.PortfolioRelease) error {
	// A release sits on the day it shipped; until then on its planned day.
	day, shipped := r.PlannedRelease, !r.ActualRelease.IsZero()
	if shipped {
		day = r.ActualRelease
	}
	if day.IsZero() || !c.scope.product(r.Product) || !c.scope.day(day) {
		return c.skip() // a draft without a day has no place on a calendar
	}
	e := ics.NewEvent(c.uid("release", r.ID))
	stamp(e, r.UpdatedAt)
	start := day.Time(time.UTC)
	e.SetAllDayStartAt(start)
	e.SetAllDayEndAt(start.AddDate(0, 0, 1)) // DTEND of an all-day event is the day after
	e.SetSummary(calendarText("Release " + r.Product + " " + r.Version + " — " + r.Title))
	e.SetDescription(calendarText(lines(
		"Title: "+r.Title, "Type: "+r.Type.Label(), "Status: "+r.Status.Label(), "Risk: "+r.Risk.Label(),
		"Owner: "+r.Owner, "Change reference: "+r.ChangeRef, "Code freeze: "+r.CodeFreeze.String(),
		releasedOn(r),
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

// releasedOn says when a release shipped against its plan: "Released:
// 2026-05-11, planned for 2026-05-08 (3 days late)"; or its planned day.
func releasedOn(r data.PortfolioRelease) string {
	switch {
	case r.ActualRelease.IsZero():
		return "Planned release: " + r.PlannedRelease.String()
	case r.PlannedRelease.IsZero() || r.PlannedRelease.Equal(r.ActualRelease):
		return "Released: " + r.ActualRelease.String()
	}
	slip := r.PlannedRelease.DaysUntil(r.ActualRelease)
	how := fmt.Sprintf("%s late", daysText(slip))
	if slip < 0 {
		how = fmt.Sprintf("%s early", daysText(-slip))
	}
	return fmt.Sprintf("Released: %s, planned for %s (%s)", r.ActualRelease, r.PlannedRelease, how)
}

func daysText(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

func (c *calendarWriter) deployment(d data.PortfolioDeployment) error {
	if !c.scope.product(d.Product) || !c.scope.window(d.PlannedStart, d.PlannedEnd) {
		return c.skip()
	}
	e := ics.NewEvent(c.uid("deployment", d.ID))
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
	if !c.scope.window(fw.Start, fw.End) {
		return c.skip()
	}
	e := ics.NewEvent(c.uid("freeze", fw.ID))
	stamp(e, fw.UpdatedAt)
	e.SetStartAt(fw.Start)
	if fw.End.After(fw.Start) {
		e.SetEndAt(fw.End)
	}
	e.SetSummary(calendarText("Freeze: " + fw.Name))
	e.SetDescription(calendarText(lines(frozenText(fw), "Reason: "+fw.Reason)))
	e.SetStatus(ics.ObjectStatusConfirmed)
	categories(e, "Freeze window")
	return c.emit(e)
}

// frozenText says where a freeze window stops deployments, as a sentence:
// "No deployments to any environment." or "… to Staging or Production."
func frozenText(fw data.FreezeWindow) string {
	switch {
	case fw.AllEnvironments:
		return "No deployments to any environment."
	case len(fw.Environments) == 0:
		return "No environment is frozen."
	}
	names := make([]string, len(fw.Environments))
	for i, env := range fw.Environments {
		names[i] = env.Name
	}
	if len(names) == 1 {
		return "No deployments to " + names[0] + "."
	}
	return "No deployments to " + strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1] + "."
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
