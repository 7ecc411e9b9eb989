//go:build linux

package reports

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"releasedesk/data"
	"releasedesk/data/pgtest"
)

// Benchmarks (go test -run XXX -bench . ./reports/). The budgets are in
// SPEC section 5: a review workbook under 150 ms; a portfolio of 100,000
// deployment rows within 1.2x of excelize's own StreamWriter writing the
// same cells, under 150 MB peak.
//
// Memory is the peak resident set (VmHWM) of a process. For the 100k
// benchmarks the writer runs once in a fresh child process (see TestMain)
// fed by a generator, so the figure is the whole process — runtime, test
// binary and writer — and nothing left over from other benchmarks. For the
// end-to-end exports the peak is reset before the measured work: a forced GC
// hands freed memory back, then writing 5 to /proc/self/clear_refs makes
// VmHWM start again from the current size.

// benchDemoReleases is the size of the demo data set the budgets name.
const benchDemoReleases = 2000

// procStatusKB reads a "Vm..." line of /proc/self/status, in kB.
func procStatusKB(field string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// resetPeak frees what can be freed and restarts the peak measurement; it
// returns the resident size to measure from.
func resetPeak(b *testing.B) int64 {
	runtime.GC()
	debug.FreeOSMemory()
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		b.Logf("cannot reset the peak (%v): the peak figure covers the whole run", err)
	}
	return procStatusKB("VmRSS")
}

// reportPeak reports the peak resident size since resetPeak, in MB.
func reportPeak(b *testing.B, startKB int64) {
	peak := procStatusKB("VmHWM")
	b.ReportMetric(float64(peak)/1024, "peak-RSS-MB")
	b.ReportMetric(float64(peak-startKB)/1024, "peak-growth-MB")
}

func BenchmarkReviewWorkbook(b *testing.B) {
	s, _ := demoStore(b, benchDemoReleases)
	benchReview(b, s)
}

// benchReview exports the review of a rolled-back release of s.
func benchReview(b *testing.B, s *data.Store) {
	id := rolledBackRelease(b, s)
	ctx := context.Background()
	d, err := s.ReviewData(ctx, id)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("reviewing %s (%d deployments, %d rollbacks)", d.Release.Name(), len(d.Deployments), len(d.Rollbacks))
	path := filepath.Join(b.TempDir(), "review.xlsx")
	b.ResetTimer()
	for b.Loop() {
		// Everything the window's Export does: load, build, write, rename.
		if err := ExportReview(ctx, s, id, path, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/review")
}

// genPortfolio makes deployment rows on the fly, the same for the same
// index, so a 100,000-row benchmark measures the writer and not a fixture
// held in memory: like the store's chunked reads, it keeps nothing.
type genPortfolio struct{ n int }

var (
	genProducts = []string{"Payments", "Ledger", "Mobile App", "Customer Portal", "Data Platform"}
	genEnvs     = []string{"Development", "QA", "UAT", "Staging", "Production"}
	genBase     = time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
)

// deployment i, as the demo would have it.
func (g genPortfolio) deployment(i int) data.PortfolioDeployment {
	start := genBase.Add(time.Duration(i) * 37 * time.Minute)
	d := data.PortfolioDeployment{
		ID: uint(i + 1), ReleaseID: uint(i/10 + 1), Product: genProducts[(i/10)%len(genProducts)],
		Version: strconv.Itoa(i/500) + "." + strconv.Itoa((i/10)%50) + ".0", Environment: genEnvs[i%len(genEnvs)],
		Build: "b" + strconv.Itoa(i), PlannedStart: start, PlannedEnd: start.Add(2 * time.Hour), Outcome: data.Outcomes[i%5],
		PerformedBy: "ci-bot", UpdatedAt: start,
	}
	if d.Outcome != data.OutcomePlanned {
		as, ae := start.Add(5*time.Minute), start.Add(90*time.Minute)
		d.ActualStart, d.ActualEnd = &as, &ae
	}
	if i%7 == 0 {
		d.Notes = "Smooth run; no customer impact."
	}
	return d
}

func (g genPortfolio) PortfolioCounts(context.Context) (data.PortfolioCounts, error) {
	return data.PortfolioCounts{Deployments: g.n}, nil
}

func (g genPortfolio) EachPortfolioRelease(context.Context, func(data.PortfolioRelease) error) error {
	return nil
}

func (g genPortfolio) EachPortfolioDeployment(_ context.Context, fn func(data.PortfolioDeployment) error) error {
	for i := range g.n {
		if err := fn(g.deployment(i)); err != nil {
			return err
		}
	}
	return nil
}

func (g genPortfolio) EachPortfolioRollback(context.Context, func(data.PortfolioRollback) error) error {
	return nil
}

func (g genPortfolio) Metrics(_ context.Context, from, to time.Time, _ uint) (data.Metrics, error) {
	return data.Metrics{From: from, To: to, Total: data.DeliveryMetrics{Environment: "All environments"}}, nil
}

// floorSheet is one sheet of the floor: its header and its rows.
type floorSheet struct {
	name   string
	header []streamColumn
	each   func(fn func(row []any) error) error
}

// floorStyles are the number formats the floor's typed cells carry.
type floorStyles struct{ date, dateTime, duration, id, count int }

// writeFloor writes sheets with excelize's StreamWriter alone: the cells
// the portfolio writes (numbers, dates and times as styled numbers, text;
// nothing for an empty text), with no Summary, source interface, progress,
// cancellation, panes, widths, filters or print setup. It is the floor the
// portfolio's budget is measured against.
func writeFloor(w io.Writer, sheets []floorSheet, build func(*excelize.File) floorStyles) error {
	f := excelize.NewFile()
	defer f.Close()
	build(f)
	for i, sh := range sheets {
		// A sheet that is full goes on in "<name> (2)", as the portfolio's do.
		part, name := 1, sh.name
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		header := make([]any, len(sh.header))
		for j, c := range sh.header {
			header[j] = c.header
		}
		sw, err := f.NewStreamWriter(name)
		if err == nil {
			err = sw.SetRow("A1", header)
		}
		if err != nil {
			return err
		}
		n := 1
		err = sh.each(func(row []any) error {
			if n == excelize.TotalRows {
				if err := sw.Flush(); err != nil {
					return err
				}
				part++
				name = fmt.Sprintf("%s (%d)", sh.name, part)
				if _, err := f.NewSheet(name); err != nil {
					return err
				}
				if sw, err = f.NewStreamWriter(name); err != nil {
					return err
				}
				if err := sw.SetRow("A1", header); err != nil {
					return err
				}
				n = 1
			}
			n++
			ref, _ := excelize.CoordinatesToCellName(1, n)
			return sw.SetRow(ref, row)
		})
		if err != nil {
			return err
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// newFloorStyles makes the floor's number formats in f.
func newFloorStyles(f *excelize.File) floorStyles {
	style := func(format string) int {
		id, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(format)})
		return id
	}
	return floorStyles{date: style(fmtDate), dateTime: style(fmtDateTime), duration: style(fmtDuration), id: style("0"), count: style(fmtInt)}
}

// floorText is a text cell, or none when empty.
func floorText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func floorAt(st floorStyles, t *time.Time, loc *time.Location) any {
	if t == nil || t.IsZero() {
		return nil
	}
	return excelize.Cell{StyleID: st.dateTime, Value: excelSerial(t.In(loc))}
}

func floorDay(st floorStyles, d data.Date) any {
	if d.IsZero() {
		return nil
	}
	return excelize.Cell{StyleID: st.date, Value: dateSerial(d)}
}

func floorReleaseRow(st floorStyles, r data.PortfolioRelease, row []any) []any {
	var slip any
	if !r.PlannedRelease.IsZero() && !r.ActualRelease.IsZero() {
		slip = excelize.Cell{StyleID: st.count, Value: r.PlannedRelease.DaysUntil(r.ActualRelease)}
	}
	count := func(n int) any { return excelize.Cell{StyleID: st.count, Value: n} }
	return append(row[:0], excelize.Cell{StyleID: st.id, Value: int(r.ID)}, floorText(r.Product), floorText(r.Version),
		floorText(r.Title), r.Type.Label(), r.Status.Label(), r.Risk.Label(), floorText(r.Owner), floorText(r.ChangeRef),
		floorDay(st, r.CodeFreeze), floorDay(st, r.PlannedRelease), floorDay(st, r.ActualRelease), slip,
		count(r.Deployments), count(r.Succeeded), count(r.Failed), count(r.RolledBack))
}

func floorDeploymentRow(st floorStyles, d data.PortfolioDeployment, loc *time.Location, row []any) []any {
	var took any
	if d.ActualStart != nil && d.ActualEnd != nil && !d.ActualEnd.Before(*d.ActualStart) {
		took = excelize.Cell{StyleID: st.duration, Value: d.ActualEnd.Sub(*d.ActualStart).Seconds() / 86400}
	}
	return append(row[:0], excelize.Cell{StyleID: st.id, Value: int(d.ID)}, excelize.Cell{StyleID: st.id, Value: int(d.ReleaseID)},
		floorText(d.Product), floorText(d.Version), floorText(d.Environment), floorText(d.Build),
		floorAt(st, &d.PlannedStart, loc), floorAt(st, &d.PlannedEnd, loc), floorAt(st, d.ActualStart, loc), floorAt(st, d.ActualEnd, loc),
		took, d.Outcome.Label(), floorText(d.PerformedBy), floorText(d.Notes))
}

func floorRollbackRow(st floorStyles, r data.PortfolioRollback, loc *time.Location, row []any) []any {
	count := func(n int) any { return excelize.Cell{StyleID: st.count, Value: n} }
	return append(row[:0], excelize.Cell{StyleID: st.id, Value: int(r.ID)}, excelize.Cell{StyleID: st.id, Value: int(r.DeploymentID)},
		excelize.Cell{StyleID: st.id, Value: int(r.ReleaseID)}, floorText(r.Product), floorText(r.Version), floorText(r.Environment),
		floorAt(st, &r.StartedAt, loc), floorAt(st, r.FinishedAt, loc), count(r.DowntimeMinutes), count(r.UsersAffected),
		floorText(r.Reason), floorText(r.RestoredVersion), floorText(r.DetectedBy))
}

// floorOf writes the floor of every row src lists, as the portfolio would.
func floorOf(w io.Writer, src PortfolioSource, loc *time.Location) error {
	ctx := context.Background()
	var st floorStyles
	row := make([]any, 0, 20)
	return writeFloor(w, []floorSheet{
		{SheetReleases, releaseColumns, func(fn func([]any) error) error {
			return src.EachPortfolioRelease(ctx, func(r data.PortfolioRelease) error { return fn(floorReleaseRow(st, r, row)) })
		}},
		{SheetDeployments, deploymentColumns, func(fn func([]any) error) error {
			return src.EachPortfolioDeployment(ctx, func(d data.PortfolioDeployment) error { return fn(floorDeploymentRow(st, d, loc, row)) })
		}},
		{SheetRollbacks, rollbackColumns, func(fn func([]any) error) error {
			return src.EachPortfolioRollback(ctx, func(r data.PortfolioRollback) error { return fn(floorRollbackRow(st, r, loc, row)) })
		}},
	}, func(f *excelize.File) floorStyles { st = newFloorStyles(f); return st })
}

const rows100k = 100_000

// peakChildEnv names the writer a child process runs to measure its peak.
const peakChildEnv = "RELEASEDESK_PEAK_CHILD"

// TestMain doubles as the child process the 100k benchmarks start to
// measure a writer's peak memory in a process of its own, where nothing
// else the tests did is counted: with peakChildEnv set it runs that writer
// once, prints VmHWM in kB and exits.
func TestMain(m *testing.M) {
	which := os.Getenv(peakChildEnv)
	if which == "" {
		// Once on SQLite files, once on a PostgreSQL server of the binary's own.
		os.Exit(pgtest.RunPerEngine(m, func(url string) error {
			s, err := data.Open(context.Background(), url)
			if err != nil {
				return err
			}
			return s.Close()
		}))
	}
	var err error
	switch which {
	case "portfolio":
		err = WritePortfolio(context.Background(), io.Discard, genPortfolio{rows100k}, Options{})
	case "baseline":
		err = floorOf(io.Discard, genPortfolio{rows100k}, time.Local)
	case "portfolio-db", "floor-db":
		err = runPeakChildDB(which)
	default:
		err = fmt.Errorf("unknown writer %q", which)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("peak-kB %d\n", procStatusKB("VmHWM"))
	os.Exit(0)
}

// childPeakMB runs one writer in a fresh process (with env added to its
// environment) and returns its peak resident size.
func childPeakMB(b *testing.B, which string, env ...string) float64 {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(append(os.Environ(), peakChildEnv+"="+which), env...)
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("child %s: %v\n%s", which, err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if rest, ok := strings.CutPrefix(line, "peak-kB "); ok {
			kb, _ := strconv.ParseFloat(rest, 64)
			return kb / 1024
		}
	}
	b.Fatalf("child %s printed no peak:\n%s", which, out)
	return 0
}

func BenchmarkStreamWriterBaseline100k(b *testing.B) {
	g := genPortfolio{rows100k}
	for b.Loop() {
		if err := floorOf(io.Discard, g, time.Local); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/100k-rows")
	b.ReportMetric(childPeakMB(b, "baseline"), "peak-RSS-MB")
}

// BenchmarkPortfolio100k runs the portfolio writer and, untimed, the
// baseline in turn, so the reported ratios compare runs made under the same
// load on a shared machine: "ratio" by the wall clock, "cpu-ratio" by
// processor time. Peak memory is measured in a child process.
func BenchmarkPortfolio100k(b *testing.B) {
	g := genPortfolio{rows100k}
	ctx := context.Background()
	var own, base, ownCPU, baseCPU time.Duration
	for b.Loop() {
		b.StopTimer()
		t0, c0 := time.Now(), cpuTime()
		if err := floorOf(io.Discard, g, time.Local); err != nil {
			b.Fatal(err)
		}
		base, baseCPU = base+time.Since(t0), baseCPU+cpuTime()-c0
		b.StartTimer()
		t1, c1 := time.Now(), cpuTime()
		if err := WritePortfolio(ctx, io.Discard, g, Options{}); err != nil {
			b.Fatal(err)
		}
		own, ownCPU = own+time.Since(t1), ownCPU+cpuTime()-c1
	}
	b.StopTimer()
	b.ReportMetric(float64(own.Milliseconds())/float64(b.N), "ms/100k-rows")
	b.ReportMetric(float64(base.Milliseconds())/float64(b.N), "baseline-ms")
	b.ReportMetric(float64(own)/float64(base), "ratio")
	b.ReportMetric(float64(ownCPU)/float64(baseCPU), "cpu-ratio")
	b.ReportMetric(childPeakMB(b, "portfolio"), "peak-RSS-MB")
}

// BenchmarkPortfolioDemoDB is the portfolio end to end, from the demo
// database to a file: the figure a person waits for.
func BenchmarkPortfolioDemoDB(b *testing.B) {
	s, sum := demoStore(b, benchDemoReleases)
	path := filepath.Join(b.TempDir(), PortfolioFileName)
	ctx := context.Background()
	start := resetPeak(b)
	b.ResetTimer()
	for b.Loop() {
		if err := ExportPortfolio(ctx, s, path, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	reportPeak(b, start)
	b.ReportMetric(float64(sum.Releases+sum.Deployments+sum.Rollbacks), "rows")
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/export")
}

// BenchmarkCalendarDemoDB is the calendar end to end from the demo database.
func BenchmarkCalendarDemoDB(b *testing.B) {
	s, sum := demoStore(b, benchDemoReleases)
	path := filepath.Join(b.TempDir(), CalendarFileName)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if err := ExportCalendar(ctx, s, path, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(sum.Releases+sum.Deployments+sum.FreezeWindows), "events")
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/export")
}
