//go:build linux

package reports

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"releasedesk/data"
)

// benchPortfolioReleases is the size of the demo the portfolio's budget
// is quoted at: ten thousand releases, about a hundred thousand deployment
// rows and one and a half million cells.
const benchPortfolioReleases = 10_000

// peakDBEnv names the database a child process exports, for its peak.
const peakDBEnv = "RELEASEDESK_PEAK_DB"

// heldPortfolio reads every portfolio row of s into memory, so that the
// floor measures writing alone.
func heldPortfolio(b *testing.B, s *data.Store) *memPortfolio {
	ctx := context.Background()
	m := &memPortfolio{}
	err := s.EachPortfolioRelease(ctx, func(r data.PortfolioRelease) error { m.releases = append(m.releases, r); return nil })
	if err == nil {
		err = s.EachPortfolioDeployment(ctx, func(d data.PortfolioDeployment) error { m.deployments = append(m.deployments, d); return nil })
	}
	if err == nil {
		err = s.EachPortfolioRollback(ctx, func(r data.PortfolioRollback) error { m.rollbacks = append(m.rollbacks, r); return nil })
	}
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// cells counts the cells the portfolio's three long sheets hold, headers included.
func (m *memPortfolio) cells() int {
	return (len(m.releases)+1)*len(releaseColumns) + (len(m.deployments)+1)*len(deploymentColumns) +
		(len(m.rollbacks)+1)*len(rollbackColumns)
}

// BenchmarkPortfolioDemo10k is the portfolio export as people run it,
// from the demo database of benchPortfolioReleases to a file (reading, Summary,
// writing, renaming), beside its floor measured in the same run: excelize's
// StreamWriter writing the same typed cells from rows already in memory.
// "ratio" is by the wall clock, "cpu-ratio" by processor time; the peaks
// are of a fresh process doing the one or the other.
func BenchmarkPortfolioDemo10k(b *testing.B) {
	s, _ := demoStore(b, benchPortfolioReleases)
	held := heldPortfolio(b, s)
	ours, floor := exportBesideFloor(b, s, held)
	b.ReportMetric(float64(held.cells()), "cells")
	for name, path := range map[string]string{"file-MB": ours, "floor-file-MB": floor} {
		if fi, err := os.Stat(path); err == nil {
			b.ReportMetric(float64(fi.Size())/1e6, name)
		}
	}
}

// writeFloorFile writes the floor of m to a file, as the export writes its own.
func writeFloorFile(path string, m PortfolioSource) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := floorOf(f, m, time.Local); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// runPeakChildDB runs, in a child process, the export or the floor of the
// database named by peakDBEnv.
func runPeakChildDB(which string) error {
	ctx := context.Background()
	s, err := data.Open(ctx, os.Getenv(peakDBEnv))
	if err != nil {
		return err
	}
	defer s.Close()
	out, err := os.CreateTemp("", "releasedesk-peak-*.xlsx")
	if err != nil {
		return err
	}
	out.Close()
	defer os.Remove(out.Name())
	switch which {
	case "portfolio-db":
		return ExportPortfolio(ctx, s, out.Name(), Options{})
	case "floor-db":
		return floorOf(io.Discard, s, time.Local)
	}
	return fmt.Errorf("unknown writer %q", which)
}

// benchDBEnv names a database file BenchmarkPortfolioOfDatabase exports,
// such as the largest demo the budgets name (releasedesk demo --releases N),
// too slow to build in every benchmark run.
const benchDBEnv = "RELEASEDESK_BENCH_DB"

// BenchmarkPortfolioOfDatabase exports the portfolio of the database named
// by RELEASEDESK_BENCH_DB beside its floor in the same run, as
// BenchmarkPortfolioDemo10k does for the 10,000-release demo: excelize's
// StreamWriter writing the same typed cells to a file, the rows read from the
// same database the same way. Without the variable there is nothing to measure.
func BenchmarkPortfolioOfDatabase(b *testing.B) {
	path := os.Getenv(benchDBEnv)
	if path == "" {
		b.Skip(benchDBEnv + " names no database to export")
	}
	s, err := data.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	counts, err := s.PortfolioCounts(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	exportBesideFloor(b, s, s)
	b.ReportMetric(float64(counts.Releases), "releases")
	b.ReportMetric(float64(counts.Deployments), "deployments")
}

// exportBesideFloor exports the portfolio of s to a file b.N times, each
// time after its floor (floorOf the rows src holds, written to a file
// untimed), and reports both times, their ratios by the wall clock and by
// processor time, and the peaks of a fresh process doing the one or the
// other on s's database. It returns the two files.
func exportBesideFloor(b *testing.B, s *data.Store, src PortfolioSource) (ours, floor string) {
	dir := b.TempDir()
	ours, floor = filepath.Join(dir, PortfolioFileName), filepath.Join(dir, "floor.xlsx")
	ctx := context.Background()
	var own, base, ownCPU, baseCPU time.Duration
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		t0, c0 := time.Now(), cpuTime()
		if err := writeFloorFile(floor, src); err != nil {
			b.Fatal(err)
		}
		base, baseCPU = base+time.Since(t0), baseCPU+cpuTime()-c0
		b.StartTimer()
		t1, c1 := time.Now(), cpuTime()
		if err := ExportPortfolio(ctx, s, ours, Options{}); err != nil {
			b.Fatal(err)
		}
		own, ownCPU = own+time.Since(t1), ownCPU+cpuTime()-c1
	}
	b.StopTimer()
	b.ReportMetric(float64(own.Milliseconds())/float64(b.N), "ms/export")
	b.ReportMetric(float64(base.Milliseconds())/float64(b.N), "floor-ms")
	b.ReportMetric(float64(own)/float64(base), "ratio")
	b.ReportMetric(float64(ownCPU)/float64(baseCPU), "cpu-ratio")
	b.ReportMetric(childPeakMB(b, "portfolio-db", peakDBEnv+"="+s.Path()), "peak-RSS-MB")
	b.ReportMetric(childPeakMB(b, "floor-db", peakDBEnv+"="+s.Path()), "floor-peak-RSS-MB")
	return ours, floor
}

// BenchmarkReviewOfDatabase is BenchmarkReviewWorkbook on the database named
// by RELEASEDESK_BENCH_DB (the 100,000-release demo): one release's review
// must not grow with the plan around it.
func BenchmarkReviewOfDatabase(b *testing.B) {
	path := os.Getenv(benchDBEnv)
	if path == "" {
		b.Skip(benchDBEnv + " names no database to review")
	}
	s, err := data.OpenReadOnly(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	benchReview(b, s)
}
