package reports

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"releasedesk/data"
)

// How far ahead the Summary lists releases, and how many at most.
const (
	upcomingDays  = 30
	upcomingShown = 20
)

// portfolioSummary gathers what the portfolio's Summary shows while the
// releases stream past, keeping only counts and the few upcoming releases.
type portfolioSummary struct {
	today         data.Date
	releases      int
	byProduct     map[string][]int // releases per status, in data.ReleaseStatuses order
	upcoming      []data.PortfolioRelease
	upcomingTotal int
}

func newPortfolioSummary(today data.Date) *portfolioSummary {
	return &portfolioSummary{today: today, byProduct: map[string][]int{}}
}

// addRelease counts r and keeps it when it is among the first upcoming.
func (p *portfolioSummary) addRelease(r data.PortfolioRelease) {
	p.releases++
	counts := p.byProduct[r.Product]
	if counts == nil {
		counts = make([]int, len(data.ReleaseStatuses))
		p.byProduct[r.Product] = counts
	}
	if i := slices.Index(data.ReleaseStatuses, r.Status); i >= 0 {
		counts[i]++
	}
	open := r.Status == data.StatusDraft || r.Status == data.StatusPlanned || r.Status == data.StatusInProgress
	if !open || r.PlannedRelease.Before(p.today) || r.PlannedRelease.After(p.today.AddDays(upcomingDays)) {
		return
	}
	p.upcomingTotal++
	at, _ := slices.BinarySearchFunc(p.upcoming, r, upcomingOrder)
	if at < upcomingShown {
		p.upcoming = slices.Insert(p.upcoming, at, r)
		if len(p.upcoming) > upcomingShown {
			p.upcoming = p.upcoming[:upcomingShown]
		}
	}
}

// upcomingOrder sorts releases by planned date, then product and version.
func upcomingOrder(a, b data.PortfolioRelease) int {
	switch {
	case a.PlannedRelease.Before(b.PlannedRelease):
		return -1
	case a.PlannedRelease.After(b.PlannedRelease):
		return 1
	}
	return strings.Compare(a.Product+"\x00"+a.Version, b.Product+"\x00"+b.Version)
}

// summaryColumnWidths are the Summary's columns: a name, then figures.
var summaryColumnWidths = []float64{24, 18, 14, 13, 18, 12, 14, 14, 12}

// writeSummary lays out the Summary sheet: releases per product and
// status, the releases coming up, and the delivery metrics of the last
// period, measured as the dashboard measures them.
func (b *portfolioBook) writeSummary(ctx context.Context, src PortfolioSource, counts data.PortfolioCounts) error {
	const sheet = SheetSummary
	p := b.summary
	end := p.today.AddDays(1).Time(b.loc)
	from := end.Add(-data.DefaultMetricsPeriod)
	m, err := src.Metrics(ctx, from, end, 0)
	if err != nil {
		return err
	}
	if err := b.pageSheet(sheet, summaryColumnWidths); err != nil {
		return err
	}
	sub := fmt.Sprintf("%s of %s: %s and %s. Exported %s.", plural(p.releases, "release"), plural(len(p.byProduct), "product"),
		plural(counts.Deployments, "deployment"), plural(counts.Rollbacks, "rollback"), b.now.In(b.loc).Format("2 Jan 2006 15:04 MST"))
	if err := b.put(sheet, 1, 1, cell{value: "Release portfolio", style: b.st.title}, kindText); err != nil {
		return err
	}
	if err := b.f.SetRowHeight(sheet, 1, 30); err != nil {
		return err
	}
	if err := b.put(sheet, 1, 2, cell{value: sub, style: b.st.subtitle}, kindText); err != nil {
		return err
	}
	// The tables of bounded length first; the products' can run long.
	s := summaryWriter{b: b, sheet: sheet, head: b.head}
	row := s.deliveryTable(4, m)
	row = s.upcomingTable(row + 1)
	row = s.statusTable(row + 1)
	if s.err != nil {
		return s.err
	}
	if err := b.printSetup(sheet); err != nil {
		return err
	}
	if row <= summaryOnePage {
		return b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{FitToHeight: ptr(1)})
	}
	return nil
}

// summaryOnePage is how many rows of Summary still print on one page.
const summaryOnePage = 60

// summaryWriter writes the Summary's tables, keeping the first error.
type summaryWriter struct {
	b     *portfolioBook
	sheet string
	head  int
	err   error
}

func (s *summaryWriter) put(col, row int, c cell) {
	if s.err == nil {
		s.err = s.b.put(s.sheet, col, row, c, kindText)
	}
}

// section writes a table's title, ruled across columns, and its header
// row below; it returns the first row of the table's body.
func (s *summaryWriter) section(row int, title string, headers ...string) int {
	if s.err == nil {
		last, _ := excelize.ColumnNumberToName(len(summaryColumnWidths))
		s.err = s.b.f.SetCellStyle(s.sheet, fmt.Sprintf("A%d", row), fmt.Sprintf("%s%d", last, row), s.b.st.section)
	}
	s.put(1, row, cell{value: title, style: s.b.st.section})
	lines := 1
	for i, h := range headers {
		s.put(i+1, row+1, cell{value: h, style: s.head})
		lines = max(lines, len(wrapWords(h, summaryColumnWidths[i]/1.15))) // bold runs wider
	}
	if s.err == nil && len(headers) > 0 {
		s.err = s.b.f.SetRowHeight(s.sheet, row+1, 15*float64(lines)+2)
	}
	return row + 2
}

// statusTable counts releases per product and status, with totals.
func (s *summaryWriter) statusTable(row int) int {
	p := s.b.summary
	headers := []string{"Product"}
	for _, st := range data.ReleaseStatuses {
		headers = append(headers, st.Label())
	}
	row = s.section(row, "Releases per product and status", append(headers, "Total")...)
	if len(p.byProduct) == 0 {
		s.put(1, row, cell{value: "No releases yet.", style: s.b.st.message})
		return row + 1
	}
	products := make([]string, 0, len(p.byProduct))
	for name := range p.byProduct {
		products = append(products, name)
	}
	slices.Sort(products)
	totals := make([]int, len(data.ReleaseStatuses)+1)
	for _, name := range products {
		s.put(1, row, cell{value: name, style: s.b.st.body[kindText]})
		sum := 0
		for i, n := range p.byProduct[name] {
			s.put(i+2, row, cell{value: n, style: s.b.st.body[kindInt]})
			sum, totals[i] = sum+n, totals[i]+n
		}
		s.put(len(totals)+1, row, cell{value: sum, style: s.b.st.body[kindInt]})
		totals[len(totals)-1] += sum
		row++
	}
	s.put(1, row, cell{value: "All products", style: s.b.st.total[kindText]})
	for i, n := range totals {
		s.put(i+2, row, cell{value: n, style: s.b.st.total[kindInt]})
	}
	return row + 2
}

// upcomingTable lists the open releases planned in the next days.
func (s *summaryWriter) upcomingTable(row int) int {
	p := s.b.summary
	title := fmt.Sprintf("Releases planned in the next %d days", upcomingDays)
	row = s.section(row, title, "Planned release", "Product", "Version", "Status", "Owner", "Title")
	if len(p.upcoming) == 0 {
		s.put(1, row, cell{value: "None: no open release is planned in this time.", style: s.b.st.message})
		return row + 2
	}
	for _, r := range p.upcoming {
		s.put(1, row, cell{value: r.PlannedRelease, style: s.b.st.body[kindDate]})
		s.put(2, row, cell{value: r.Product, style: s.b.st.body[kindText]})
		s.put(3, row, cell{value: r.Version, style: s.b.st.body[kindText]})
		s.put(4, row, cell{value: r.Status.Label(), style: s.b.st.swatch[statusSwatch(r.Status)]})
		s.put(5, row, cell{value: orDash(r.Owner), style: s.b.st.body[kindText]})
		s.put(6, row, cell{value: r.Title, style: s.b.st.body[kindText]}) // runs on over the empty cells beside it
		row++
	}
	if more := p.upcomingTotal - len(p.upcoming); more > 0 {
		s.put(1, row, cell{value: fmt.Sprintf("…and %s more: the Releases sheet lists them all.", thousands(more)), style: s.b.st.subtitle})
		row++
	}
	return row + 1
}

// deliveryTable shows the delivery metrics of the period per environment.
func (s *summaryWriter) deliveryTable(row int, m data.Metrics) int {
	last := m.To.AddDate(0, 0, -1)
	title := fmt.Sprintf("Delivery from %s to %s", m.From.In(s.b.loc).Format("2 Jan"), last.In(s.b.loc).Format("2 Jan 2006"))
	row = s.section(row, title, "Environment", "Deployments finished", "Succeeded", "Failed", "Rolled back",
		"Per week", "Change failure rate", "Time to restore, mean (h)", "Not restored")
	for i, e := range append(m.Environments, m.Total) {
		body := s.b.st.body
		if i == len(m.Environments) {
			body = s.b.st.total
		}
		s.put(1, row, cell{value: e.Environment, style: body[kindText]})
		for j, n := range []int{e.Finished, e.Succeeded, e.Failed, e.RolledBack} {
			s.put(2+j, row, cell{value: n, style: body[kindInt]})
		}
		s.put(6, row, cell{value: e.DeploymentsPerWeek, style: body[kindHours]})
		rate, restore := cell{style: body[kindPercent]}, cell{style: body[kindHours]}
		if e.ChangeFailureRate != nil {
			rate.value = *e.ChangeFailureRate
		}
		if e.RestoreHours.Count > 0 {
			restore.value = e.RestoreHours.Mean
		}
		s.put(7, row, rate)
		s.put(8, row, restore)
		s.put(9, row, cell{value: e.Unrestored, style: body[kindInt]})
		row++
	}
	lead := "Lead time from code freeze to production: no release reached production in this time."
	if n := m.LeadTimeDays.Count; n > 0 {
		lead = fmt.Sprintf("Lead time from code freeze to production: %.1f days median, %.1f days mean (%s).",
			m.LeadTimeDays.Median, m.LeadTimeDays.Mean, plural(n, "release"))
	}
	slip := "Schedule slip: no release was released in this time."
	if n := m.SlipDays.Count; n > 0 {
		slip = fmt.Sprintf("Schedule slip, actual against planned release date: %+.1f days mean, %+.1f days median (%s).",
			m.SlipDays.Mean, m.SlipDays.Median, plural(n, "release"))
	}
	s.put(1, row+1, cell{value: lead, style: s.b.st.value})
	s.put(1, row+2, cell{value: slip, style: s.b.st.value})
	s.put(1, row+3, cell{value: "A deployment counts in the period it finished in; change failure rate is failed and rolled back out of finished.", style: s.b.st.subtitle})
	return row + 5
}

// statusSwatch is the colour of a release status, as on the Releases sheet.
func statusSwatch(st data.ReleaseStatus) swatch {
	for _, r := range statusRules {
		if r.label == st.Label() {
			return r.sw
		}
	}
	return swatchIdle
}
