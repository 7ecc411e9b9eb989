package editor

// The form that records or corrects one test run of a release.

import (
	"fmt"
	"slices"
	"strings"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// testRunForm edits one test run, each field judged next to itself.
type testRunForm struct {
	form                    *kit.FieldForm
	env                     *kit.Select
	suite                   *kit.SelectEntry
	passed, failed, skipped *kit.Entry
	at                      *kit.TimeEntry
	notes                   *kit.Entry
	envs                    []data.Environment
}

func newTestRunForm(envs []data.Environment, suites []string) *testRunForm {
	f := &testRunForm{form: kit.NewFieldForm(), envs: envs, at: kit.NewTimeEntry()}
	names := make([]string, len(envs))
	for i, e := range envs {
		names[i] = e.Name
	}
	f.env = kit.NewSelect(names, "Choose an environment")
	f.suite = kit.NewSelectEntry(suites, "e.g. Regression").Limit(data.MaxNameLength)
	f.passed, f.failed, f.skipped = kit.NewEntry("e.g. 120"), kit.NewEntry("0"), kit.NewEntry("0")
	f.notes = kit.NewNotes("Build tested, link to the report, known flaky tests", 3).Limit(data.MaxNoteLength)
	f.form.Add("Environment", "Environment", f.env, "")
	f.form.Add("Suite", "Suite", f.suite, "")
	f.form.Add("Passed", "Passed", kit.Narrow(f.passed), "")
	f.form.Add("Failed", "Failed", kit.Narrow(f.failed), "")
	f.form.Add("Skipped", "Skipped", kit.Narrow(f.skipped), "")
	f.form.Add("RunAt", "Run at", f.at.Object(), "")
	f.form.Add("Notes", "Notes", f.notes, "")
	f.form.Check(func() *data.ValidationError { _, v := f.collect(data.TestRun{}); return v })
	return f
}

func (f *testRunForm) fill(r data.TestRun) {
	f.env.ClearSelected()
	for _, e := range f.envs {
		if e.ID == r.EnvironmentID {
			f.env.SetSelected(e.Name)
		}
	}
	f.suite.SetText(r.Suite)
	f.passed.SetText(fmt.Sprint(r.Passed))
	f.failed.SetText(fmt.Sprint(r.Failed))
	f.skipped.SetText(fmt.Sprint(r.Skipped))
	f.at.Set(r.RunAt)
	kit.SetLimitedText(&f.notes.Entry, r.Notes, data.MaxNoteLength)
}

// collect reads the run the form describes on top of base, with what is wrong with it.
func (f *testRunForm) collect(base data.TestRun) (data.TestRun, *data.ValidationError) {
	r := base
	var bad *data.ValidationError
	r.EnvironmentID = 0
	for _, e := range f.envs {
		if e.Name == f.env.Selected {
			r.EnvironmentID = e.ID
		}
	}
	if r.EnvironmentID == 0 {
		bad = kit.Fields(bad, "Environment", "is required")
	}
	if r.Suite = strings.TrimSpace(f.suite.Text); r.Suite == "" {
		bad = kit.Fields(bad, "Suite", "is required")
	}
	counted := true
	for _, c := range []struct {
		field string
		in    *kit.Entry
		dst   *int
	}{{"Passed", f.passed, &r.Passed}, {"Failed", f.failed, &r.Failed}, {"Skipped", f.skipped, &r.Skipped}} {
		n, err := kit.ParseCount(c.in.Text)
		if err != nil {
			bad = kit.Fields(bad, c.field, err.Error())
			counted = false
		}
		*c.dst = n
	}
	if counted && r.Passed+r.Failed+r.Skipped == 0 {
		bad = kit.Fields(bad, "Passed", "is 0 like failed and skipped: a run counts at least one test")
	}
	at, err := f.at.Value()
	if err == nil && at.IsZero() {
		err = fmt.Errorf("is required")
	}
	if err != nil {
		bad = kit.Fields(bad, "RunAt", err.Error())
	}
	r.RunAt = at
	r.Notes = strings.TrimSpace(f.notes.Text)
	return r, bad
}

// suiteNames lists the suites already recorded for the release, then common ones, without repeats.
func suiteNames(runs []data.TestRun) []string {
	var out []string
	for _, r := range runs {
		if !slices.ContainsFunc(out, func(s string) bool { return strings.EqualFold(s, r.Suite) }) {
			out = append(out, r.Suite)
		}
	}
	slices.Sort(out)
	for _, s := range []string{"Smoke", "Regression", "API contract", "UI end-to-end", "Performance", "Security scan"} {
		if !slices.ContainsFunc(out, func(x string) bool { return strings.EqualFold(x, s) }) {
			out = append(out, s)
		}
	}
	return out
}
