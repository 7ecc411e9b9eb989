package reports

import (
	"time"

	"releasedesk/data"
)

// duration is how long something that has ended took, or nil.
func duration(start, end *time.Time) any {
	if start == nil || end == nil || end.Before(*start) {
		return nil
	}
	return end.Sub(*start)
}

func (b *reviewBook) deployments(sheet string) error {
	t := table{
		columns: []column{
			{"Environment", kindText}, {"Build", kindText}, {"Planned start", kindDateTime}, {"Planned end", kindDateTime},
			{"Actual start", kindDateTime}, {"Actual end", kindDateTime}, {"Duration", kindDuration}, {"Outcome", kindText},
			{"Performed by", kindText}, {"Notes", kindWrap},
		},
		empty: "No deployments were recorded for " + b.name + ".",
	}
	var total time.Duration
	for _, d := range b.d.Deployments {
		dur := duration(d.ActualStart, d.ActualEnd)
		if v, ok := dur.(time.Duration); ok {
			total += v
		}
		t.rows = append(t.rows, []cell{
			{value: d.Environment.Name}, {value: d.Build}, {value: d.PlannedStart}, {value: d.PlannedEnd},
			{value: d.ActualStart}, {value: d.ActualEnd}, {value: dur},
			{value: d.Outcome.Label(), style: b.st.outcome[d.Outcome]}, {value: d.PerformedBy}, {value: d.Notes},
		})
	}
	t.totals = []cell{{value: plural(len(t.rows), "deployment")}, {}, {}, {}, {}, {}, {value: total}, {}, {}, {}}
	_, _, err := b.writeTable(sheet, t)
	return err
}

func (b *reviewBook) rollbacks(sheet string) error {
	t := table{
		columns: []column{
			{"Environment", kindText}, {"Build", kindText}, {"Started", kindDateTime}, {"Finished", kindDateTime},
			{"Duration", kindDuration}, {"Reason", kindWrap}, {"Restored version", kindText},
			{"Downtime (min)", kindInt}, {"Users affected", kindInt}, {"Detected by", kindText},
		},
		empty: "No rollbacks: every deployment of " + b.name + " stayed in place.",
	}
	var downtime, users int
	for _, r := range b.d.Rollbacks {
		start := r.StartedAt
		downtime, users = downtime+r.DowntimeMinutes, users+r.UsersAffected
		t.rows = append(t.rows, []cell{
			{value: r.Deployment.Environment.Name}, {value: r.Deployment.Build}, {value: r.StartedAt}, {value: r.FinishedAt},
			{value: duration(&start, r.FinishedAt)}, {value: r.Reason}, {value: r.RestoredVersion},
			{value: r.DowntimeMinutes}, {value: r.UsersAffected}, {value: r.DetectedBy},
		})
	}
	t.totals = []cell{{value: plural(len(t.rows), "rollback")}, {}, {}, {}, {}, {}, {}, {value: downtime}, {value: users}, {}}
	_, _, err := b.writeTable(sheet, t)
	return err
}

func (b *reviewBook) tests(sheet string) error {
	t := table{
		columns: []column{
			{"Environment", kindText}, {"Suite", kindText}, {"Run at", kindDateTime}, {"Passed", kindInt},
			{"Failed", kindInt}, {"Skipped", kindInt}, {"Total", kindInt}, {"Pass rate", kindPercent}, {"Notes", kindWrap},
		},
		empty: "No test runs were recorded for " + b.name + ".",
	}
	var passed, failed, skipped int
	for _, r := range b.d.TestRuns {
		passed, failed, skipped = passed+r.Passed, failed+r.Failed, skipped+r.Skipped
		failedCell := cell{value: r.Failed}
		if r.Failed > 0 {
			failedCell.style = b.st.swatch[swatchBad]
		}
		t.rows = append(t.rows, []cell{
			{value: r.Environment.Name}, {value: r.Suite}, {value: r.RunAt}, {value: r.Passed}, failedCell,
			{value: r.Skipped}, {value: r.Passed + r.Failed + r.Skipped}, passRate(r.Passed, r.Failed), {value: r.Notes},
		})
	}
	t.totals = []cell{{value: plural(len(t.rows), "run")}, {}, {}, {value: passed}, {value: failed}, {value: skipped},
		{value: passed + failed + skipped}, passRate(passed, failed), {}}
	_, _, err := b.writeTable(sheet, t)
	return err
}

// passRate is passed out of passed and failed; skipped tests do not count.
func passRate(passed, failed int) cell {
	if passed+failed == 0 {
		return cell{}
	}
	return cell{value: float64(passed) / float64(passed+failed)}
}

func (b *reviewBook) stakeholders(sheet string) error {
	t := table{
		columns: []column{
			{"Name", kindText}, {"Role", kindText}, {"Approval", kindText}, {"Approved at", kindDateTime},
			{"Comment", kindWrap}, {"Team", kindText}, {"Title", kindText}, {"Email", kindText},
		},
		empty: "No stakeholders were named for " + b.name + ".",
	}
	signOffSwatch := map[data.SignOffState]swatch{data.SignOffApproved: swatchGood, data.SignOffRejected: swatchBad,
		data.SignOffPending: swatchIdle, data.SignOffNotAsked: swatchIdle}
	for _, s := range b.d.Stakeholders {
		signOff := data.SignOffOf(s)
		t.rows = append(t.rows, []cell{
			{value: s.Stakeholder.Name}, {value: s.Role.Label()},
			{value: signOff.Label(), style: b.st.swatch[signOffSwatch[signOff]]},
			{value: s.ApprovedAt}, {value: s.ApprovalComment}, {value: s.Stakeholder.Team},
			{value: s.Stakeholder.Title}, {value: s.Stakeholder.Email},
		})
	}
	_, _, err := b.writeTable(sheet, t)
	return err
}

func (b *reviewBook) actions(sheet string) error {
	t := table{
		columns: []column{{"Action", kindWrap}, {"Owner", kindText}, {"Due", kindDate}, {"Status", kindText}, {"Days overdue", kindInt}},
		empty:   "No follow-up actions were agreed for " + b.name + ".",
	}
	rv := b.d.Review
	if rv == nil {
		t.empty = "No post-release review has been recorded for " + b.name + " yet, so there are no follow-up actions."
	} else {
		today := data.DateOf(b.d.LoadedAt.In(b.loc))
		statusSwatch := map[data.ActionStatus]swatch{data.ActionOpen: swatchActive, data.ActionDone: swatchGood, data.ActionDropped: swatchIdle}
		for _, a := range rv.Actions {
			overdue := cell{}
			if a.Status == data.ActionOpen && !a.Due.IsZero() && a.Due.Before(today) {
				overdue = cell{value: a.Due.DaysUntil(today), style: b.st.swatch[swatchBad]}
			}
			t.rows = append(t.rows, []cell{
				{value: a.Title}, {value: a.Owner}, {value: a.Due},
				{value: a.Status.Label(), style: b.st.swatch[statusSwatch[a.Status]]}, overdue,
			})
		}
	}
	_, _, err := b.writeTable(sheet, t)
	return err
}

// plural says "1 deployment" or "3 deployments".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return thousands(n) + " " + noun + "s"
}
