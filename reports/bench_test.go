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
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"releasedesk/data"
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
	s, sum := demoStore(b, benchDemoReleases)
	id := rolledBackRelease(b, s)
	ctx := context.Background()
	d, err := s.ReviewData(ctx, id)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("demo: %d releases, %d deployments; reviewing %s (%d deployments, %d rollbacks)",
		sum.Releases, sum.Deployments, d.Release.Name(), len(d.Deployments), len(d.Rollbacks))
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

// baselineDeployments writes deployment rows with excelize's StreamWriter
// alone: the same cells (values and number styles) the portfolio writes,
// built inline from the same generated rows, with no source interface,
// progress, cancellation, panes, widths, filters or conditional formats.
func baselineDeployments(w io.Writer, g genPortfolio, loc *time.Location) error {
	f := excelize.NewFile()
	defer f.Close()
	dt, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(fmtDateTime)})
	dur, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(fmtDuration)})
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	header := make([]any, len(deploymentColumns))
	for i, c := range deploymentColumns {
		header[i] = c.header
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	row := make([]any, 0, len(deploymentColumns))
	at := func(t *time.Time) any {
		if t == nil {
			return nil
		}
		return excelize.Cell{StyleID: dt, Value: excelSerial(t.In(loc))}
	}
	for i := range g.n {
		d := g.deployment(i)
		var took any
		if d.ActualStart != nil && d.ActualEnd != nil {
			took = excelize.Cell{StyleID: dur, Value: d.ActualEnd.Sub(*d.ActualStart).Hours() / 24}
		}
		row = append(row[:0], int(d.ID), int(d.ReleaseID), d.Product, d.Version, d.Environment, d.Build,
			at(&d.PlannedStart), at(&d.PlannedEnd), at(d.ActualStart), at(d.ActualEnd), took, d.Outcome.Label(),
			d.PerformedBy, d.Notes)
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(ref, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
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
		os.Exit(m.Run())
	}
	var err error
	switch which {
	case "portfolio":
		err = WritePortfolio(context.Background(), io.Discard, genPortfolio{rows100k}, Options{})
	case "baseline":
		err = baselineDeployments(io.Discard, genPortfolio{rows100k}, time.Local)
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

// childPeakMB runs one writer in a fresh process and returns its peak resident size.
func childPeakMB(b *testing.B, which string) float64 {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), peakChildEnv+"="+which)
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
		if err := baselineDeployments(io.Discard, g, time.Local); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/100k-rows")
	b.ReportMetric(childPeakMB(b, "baseline"), "peak-RSS-MB")
}

// cpuTime is the processor time the process has used, user and system: on
// a shared, busy machine it varies far less than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
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
		if err := baselineDeployments(io.Discard, g, time.Local); err != nil {
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
